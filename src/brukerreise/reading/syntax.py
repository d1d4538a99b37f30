"""A YAML syntax error in plain words, at the place where the person must look.

The parser notices a mistake where it can no longer go on, often a line or more after it: an unclosed
quote at the end of the file, a missing ':' on the next line. Each diagnosis below looks back from there
(at the parser's context mark, the tokens read so far and the lines themselves) for a mistake people new
to YAML make, and says in one sentence what is wrong and how to fix it. No parser vocabulary reaches the
person; what no diagnosis recognises is still said in plain words, at the parser's place.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import attrs

from .quoting import quote, shown
from .lines import LINE_BREAK, split_lines

Position = tuple[int, int]  # 0-based line and column
Found = tuple[int, int, str]

# Quotes that word processors, chat programs and phones put in place of straight ones.
TYPOGRAPHIC_QUOTES = "“”„‟«»‘’‚‛‹›"
# Spaces that look like a space but are not one to YAML (pasted from Word, Teams or a web page).
ODD_SPACES = {
    "\u00a0": "a non-breaking space",
    "\u202f": "a narrow non-breaking space",
    "\u2007": "a figure space",
    "\u2009": "a thin space",
    "\u200a": "a hair space",
    "\u2002": "an en space",
    "\u2003": "an em space",
    "\u3000": "an ideographic space",
    "\u200b": "a zero-width space",
    "\ufeff": "a zero-width no-break space",
}
_ODD = "".join(ODD_SPACES)
# Where an odd space breaks the YAML: after ':' or a '-', before ':', or in the indentation.
_ODD_SPACE_AT = re.compile(rf":([{_ODD}])|^ *(?:- +)*-([{_ODD}])|([{_ODD}]):|^ *(?:- +)*([{_ODD}])")
_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>(?:- +)*)(?P<key>(?!- )[^\s:#'\"\[{][^:#]*?|'[^']*'|\"[^\"]*\"):(?: +(?P<value>.*))?$")
_DASH_GLUED = re.compile(r"^ *-(?=[^\s\d.\-])")
_PREFIX = "YAML syntax: "
_TOKENS_LIMIT = 256 * 1024  # characters: as far as the tokens are read again for a diagnosis
_LOOK_BACK = 2000  # lines: as far up as a diagnosis looks for the lines a line should line up with


@attrs.frozen(slots=False)  # not slotted: the tokens are read once, when a diagnosis first asks
class Said:
    """What the parser said, and the text it said it of."""

    context: str
    context_at: Position | None
    problem: str
    at: Position | None
    lines: tuple[str, ...]
    text: str

    def line(self, index: int) -> str:
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def char(self, at: Position) -> str:
        return self.line(at[0])[at[1]:at[1] + 1]

    @functools.cached_property
    def tokens(self) -> list[Any]:
        """The tokens the scanner reads before the error (none for a large file: reading them all again
        would cost more than the parse)."""
        found: list[Any] = []
        if len(self.text) > _TOKENS_LIMIT:
            return found
        try:
            from ruamel.yaml.cyaml import CParser

            parser = CParser(self.text)
            read = parser.get_token
        except ImportError:  # pragma: no cover - ruamel.yaml.clib is a dependency
            from ruamel.yaml import YAML

            parser, read = None, iter(YAML(typ="safe", pure=True).scan(self.text)).__next__
        try:
            while True:
                token = read()
                if token is None or (self.at is not None and (token.start_mark.line, token.start_mark.column) > self.at):
                    break
                found.append(token)
        except Exception:  # noqa: BLE001 - the scanner's own error, or the end: the tokens before it are what we need
            pass
        finally:
            if parser is not None:
                parser.dispose()
        return found


def explain(exc: Any, text: str) -> tuple[int, int, str]:
    """(line, col, message), 0-based, for a parser error `exc` (ruamel's or libyaml's) in `text`."""
    said = Said(
        str(getattr(exc, "context", None) or ""), _position(getattr(exc, "context_mark", None)),
        str(getattr(exc, "problem", None) or ""), _position(getattr(exc, "problem_mark", None)),
        tuple(split_lines(text)), text,
    )
    if said.at is None:
        said = attrs.evolve(said, at=said.context_at or (0, 0))
    for diagnose in _DIAGNOSES:
        found = diagnose(said)
        if found is not None:
            line, col, message = found
            return line, col, _PREFIX + message
    line, col = _at(said)
    return line, col, _PREFIX + _GENERIC


_GENERIC = (
    "this line does not fit with the lines above it: check its indentation, and that each line above "
    "is 'key: value' or '- item'"
)


def _position(mark: Any) -> Position | None:
    return (mark.line, mark.column) if mark is not None else None


def _first_word(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _region(said: Said) -> range:
    """The lines from where the parser began the construct it failed on to where it failed."""
    end = said.at[0] if said.at else 0
    start = said.context_at[0] if said.context_at else end
    return range(max(0, min(start, end) - 1), end + 1)


# --- the diagnoses, most specific first ------------------------------------------------------------


def _odd_space(said: Said) -> Found | None:
    for index in _region(said):
        line = said.line(index)
        match = _ODD_SPACE_AT.search(line)
        if match is None:
            continue
        group = next(g for g in range(1, 5) if match.group(g) is not None)
        col = match.start(group)
        char = line[col]
        return index, col, (
            f"there is {ODD_SPACES[char]} (U+{ord(char):04X}) here, often pasted from Word, Teams or a web page; "
            "YAML needs an ordinary space: delete it and type a space"
        )
    return None


def _lone_carriage_return(said: Said) -> Found | None:
    """A carriage return alone (pasted, or an old Mac file) in a file of LF lines: YAML ends the line
    there, though many editors show the text going on."""
    if "\n" not in said.text or "\r" not in said.text:
        return None
    region = _region(said)
    for line, match in enumerate(re.finditer(LINE_BREAK, said.text)):  # the break that ends each line
        if line > region.stop:
            break
        if match.group() == "\r" and line in region:
            return line, len(said.line(line)), (
                "a carriage return (CR) ends the line here, though your editor may show the text going on: "
                "remove it, or save the file with one kind of line ending"
            )
    return None


def _at(said: Said) -> Position:
    """Where the parser points: `explain` sets it (to the start of the file at worst) before any diagnosis."""
    assert said.at is not None
    return said.at


def _tab(said: Said) -> Found | None:
    if "tab" in said.problem or said.char(_at(said)) == "\t":
        line = said.line(_at(said)[0])
        col = line.find("\t")
        if col > 0 and line[:col].strip():  # after text on the line: a tab inside a value, not an indent
            return _at(said)[0], col, (
                "a tab inside a text that is not in quotes: type a space instead, or put the text in quotes"
            )
        return _at(said)[0], col if col >= 0 else _at(said)[1], "a tab cannot be used to indent YAML: use spaces"
    return None


def _unclosed_quote(said: Said) -> Found | None:
    if "quoted scalar" not in said.context or said.context_at is None:
        return None
    line, col = said.context_at
    quote_char = said.char(said.context_at) or '"'
    if "end of stream" in said.problem:
        inside = "write '' for a ' inside it" if quote_char == "'" else "write \\\" for a \" inside it"
        return line, col, f"the text in quotes that starts here is never closed: add the closing {quote_char} ({inside})"
    # An escape sequence in double quotes: '\U' in 'C:\Users'.
    at = said.at or said.context_at
    backslash = said.line(at[0]).rfind("\\", 0, at[1] + 1)
    at = (at[0], backslash) if backslash >= 0 else at
    return at[0], at[1], (
        "in double quotes, '\\' starts an escape sequence (like \\n): write '\\\\' for a backslash, or put the "
        "text in single quotes instead"
    )


def _quote_runs_on(said: Said) -> Found | None:
    """A quoted text that swallowed the lines after it: its closing quote is missing on its first line,
    and a quote further down closed it."""
    for token in reversed(said.tokens):
        style = getattr(token, "style", None)
        if style not in ('"', "'") or token.start_mark.line == token.end_mark.line:
            continue
        swallowed = said.lines[token.start_mark.line + 1:token.end_mark.line + 1]
        if any(_KEY_LINE.match(line) or line.lstrip().startswith("- ") for line in swallowed):
            line, col = token.start_mark.line, token.start_mark.column
            return line, col, (
                f"the text in quotes that starts here is not closed on this line, so it runs on to line "
                f"{token.end_mark.line + 1}: add the closing {style} at the end of the text"
            )
        return None
    return None


def _typographic_quote(said: Said) -> Found | None:
    for index in sorted({_at(said)[0], *(([said.context_at[0]]) if said.context_at else [])}):
        line = said.line(index)
        match = _KEY_LINE.match(line)
        value = match["value"] if match else None
        if value is None and line.lstrip(" ").startswith("- "):
            value = line.lstrip(" ")[2:].lstrip(" ")
        if value and value[0] in TYPOGRAPHIC_QUOTES:
            col = line.index(value)
            return index, col, (
                f"the text starts with {quote(value[0])}, a typographic quote that YAML does not read as a quote, so "
                "what follows is not kept together: use straight quotes (\") around the text, or none"
            )
    return None


def _glued_dash(said: Said) -> Found | None:
    for index in reversed(_region(said)):
        line = said.line(index)
        if _DASH_GLUED.match(line) and not line.lstrip().startswith("---"):
            col = line.index("-")
            word = line[col + 1:].split(":")[0].split()[0] if line[col + 1:].strip() else ""
            return index, col, f"a list item needs a space after '-': write '- {shown(word, 40)}'"
    return None


def _missing_colon(said: Said) -> Found | None:
    if "expected ':'" not in said.problem or said.context_at is None:
        return None
    index, col = said.context_at
    line = said.line(index)
    text = line[col:]
    glued = re.search(r"(?<=\w):(?=[^\s:/])", text)
    if glued is not None and "://" not in text:
        key, value = text[:glued.start()], text[glued.end():]
        return index, col + glued.start(), f"put a space after ':' — write {quote(key + ': ' + value, 60)}"
    above = _line_above(said, index)
    if above is not None:
        above_line = said.line(above)
        stripped = above_line.rstrip()
        if re.search(r":\s*[|>][-+0-9]*$", stripped):
            return index, col, (
                f"this line belongs to the text that starts after '|' or '>' on line {above + 1}: indent it "
                f"further than {quote(above_line.strip().split(':')[0])}"
            )
        match = _KEY_LINE.match(above_line)
        if match and match["value"] and col < _first_word(above_line) + len(match["dash"]):
            return index, col, (
                f"this line has no ':' — if it goes on with the text of {quote(match['key'].strip())} on line "
                f"{above + 1}, indent it further than {quote(match['key'].strip())} (or put the whole text on one "
                "line); if it is a key, add ':' after it"
            )
    return index, col, f"this line has no ':' after its key{_example(text)} (a key, ':', a space, then the value)"


def _example(text: str) -> str:
    """' — write 'owner: nav'' for a line such as 'owner nav' or 'owner = nav', else ''."""
    words = re.split(r"\s*=\s*|\s+", text.split(" #")[0].strip(), maxsplit=1)
    plain_key = len(words) == 2 and re.fullmatch(r"[A-Za-z_][\w-]*", words[0]) and words[1] and ":" not in words[1]
    return f" — write {quote(words[0] + ': ' + words[1], 60)}" if plain_key else ""


def _unclosed_bracket(said: Said) -> Found | None:
    if "flow sequence" not in said.context and "flow mapping" not in said.context or said.context_at is None:
        return None
    opening = said.char(said.context_at) or "["
    closing = {"[": "]", "{": "}"}.get(opening, "]")
    if said.at is not None and said.at[0] > said.context_at[0]:
        line, col = said.context_at
        return line, col, f"the '{opening}' here is never closed: add '{closing}' after the last item"
    line, col = said.at or said.context_at
    if said.char((line, col)) == ":":
        return line, col, (
            f"a ':' inside '{opening} {closing}': if it starts a new key, put a ',' before that key; if it is part "
            "of a text, put the text in quotes"
        )
    return line, col, (
        f"inside '{opening} {closing}' the items are separated by ',': add a ',' here, or put an item that holds "
        "':' or ',' in quotes"
    )


def _comment_in_brackets(said: Said) -> Found | None:
    """A ' #' inside '[ ]' or '{ }' starts a comment that cuts off the rest of the line, closing bracket
    included: `pain_points: [Vi er nr #1, Noe annet]`."""
    if said.at is None:
        return None
    for token in said.tokens:
        if type(token).__name__ not in ("FlowSequenceStartToken", "FlowMappingStartToken"):
            continue
        line = said.line(token.start_mark.line)
        hash_at = line.find(" #", token.start_mark.column)
        closing = {"[": "]", "{": "}"}.get(line[token.start_mark.column:token.start_mark.column + 1], "]")
        if hash_at >= 0 and closing in line[hash_at:] and closing not in line[token.start_mark.column:hash_at]:
            return token.start_mark.line, hash_at + 1, (
                f"' #' starts a comment, which cuts off the rest of the line and its '{closing}': put the text "
                "that holds the '#' in quotes"
            )
    return None


def _bracket_left_open(said: Said) -> Found | None:
    """A '[' or '{' on an earlier line that is still open where the parser gave up: most often one whose
    closing bracket was forgotten (or a file that ends inside it)."""
    if said.at is None:
        return None
    open_at: list[Any] = []
    for token in said.tokens:
        kind = type(token).__name__
        if kind in ("FlowSequenceStartToken", "FlowMappingStartToken"):
            open_at.append(token)
        elif kind in ("FlowSequenceEndToken", "FlowMappingEndToken") and open_at:
            open_at.pop()
    ends_inside = "stream end" in said.problem or "end of stream" in said.problem
    if not open_at or (open_at[0].start_mark.line >= said.at[0] and not ends_inside):
        return None
    first = open_at[0].start_mark
    opening = said.char((first.line, first.column)) or "["
    closing = {"[": "]", "{": "}"}.get(opening, "]")
    return first.line, first.column, f"the '{opening}' here is never closed: add '{closing}' after the last item"


def _item_after_value(said: Said) -> Found | None:
    if "sequence entries are not allowed" not in said.problem or said.at is None:
        return None
    line, col = _at(said)
    return line, col, "a list item ('- ') must start a line of its own: put it on a new line, lined up with the items above"


def _empty_item(said: Said) -> Found | None:
    if "node content" not in said.problem or said.char(_at(said)) != ",":
        return None
    line, col = _at(said)
    return line, col, "a ',' with no item before it: remove the extra ',' (or write the missing item)"


def _block_end(said: Said) -> Found | None:
    """The parser expected the end of a block (or a key, or a '-') and found something else: a text after
    a closing quote, a stray bracket, a '-' among keys, a key among list items, a key out of line."""
    if not any(s in said.problem for s in ("<block end>", "expected key", "'-' indicator")) or said.at is None:
        return None
    index, col = said.at
    line = said.line(index)
    char = line[col:col + 1]
    before = line[:col].rstrip()
    if char and char in "]}":
        return index, col, f"this '{char}' has no '{'[' if char == ']' else '{'}' before it: remove it"
    if before.endswith(("'", '"')) and char not in "-#":
        if before.endswith("'"):
            return index, col, (
                "the text in single quotes ended at the ' before this: to write an apostrophe inside single "
                "quotes, write it twice (''), or put the text in double quotes"
            )
        return index, col, "text follows the closing '\"': put all of the text inside the quotes"
    if before.endswith(("]", "}")) and char not in "-#":
        opening = "[" if before.endswith("]") else "{"
        return index, col, (
            f"text follows the closing '{before[-1]}': a text that begins with '{opening}' must be in quotes"
        )
    above = _line_above(said, index)
    if char == "-":
        item = _list_item_above(said, index, col)
        if item is not None and (above is None or _key_column(said.line(above)) != col):
            return index, col, (
                f"this list item is indented by {_spaces(col)}, but the item on line {item[0] + 1} by "
                f"{_spaces(item[1])}: line the '-' up with the one above"
            )
        if above is not None:
            match = _KEY_LINE.match(said.line(above))
            if match and match["value"] and not match["dash"]:
                return index, col, (
                    f"{quote(match['key'].strip())} on line {above + 1} already has a value, so a list cannot follow "
                    "it: remove the value after ':', or remove the '- ' here"
                )
        return index, col, (
            "a list item ('- ') stands among 'key: value' lines here: line it up with the '-' of its list, "
            "or remove the '- '"
        )
    key = _KEY_LINE.match(line)
    name = quote(key["key"].strip()) if key else "this line"
    if "block collection" in said.context and said.context_at is not None and col == said.context_at[1]:
        inside = _key_of_item_above(said, index, col)
        if inside is not None:
            at_line, at_col, sibling_key = inside
            return index, col, (
                f"{name} is indented by {_spaces(col)}, less than {quote(sibling_key)} on line {at_line + 1}: to keep "
                f"it in the item above, indent it by {_spaces(at_col)}, like {quote(sibling_key)} (to start a new "
                "item, begin it with '- ')"
            )
        return index, col, (
            f"{name} stands among the items of the list that starts on line {said.context_at[0] + 1}, but has no "
            "'- ': start it with '- ' to make it an item, or indent it less to end the list"
        )
    sibling = _nearest_column(said, index, col)
    if sibling is not None:
        at_line, at_col, sibling_key = sibling
        return index, col, (
            f"{name} is indented by {_spaces(col)}, which lines it up with nothing above it: indent it by "
            f"{_spaces(at_col)}, like {quote(sibling_key)} on line {at_line + 1}"
        )
    return index, col, _GENERIC


def _key_of_item_above(said: Said, index: int, col: int) -> tuple[int, int, str] | None:
    """When the line above is a 'key: value' of a list item whose '-' stands at `col`: (line, column, key)
    of that key (where a key of the same item must stand)."""
    above = _line_above(said, index)
    if above is None:
        return None
    line = said.line(above)
    match = _KEY_LINE.match(line)
    key_col = _key_column(line)
    if match is None or key_col <= col:
        return None
    return above, key_col, match["key"].strip()


def _list_item_above(said: Said, index: int, col: int) -> tuple[int, int] | None:
    """The nearest '- ' item above at a column near `col` but not at it: (line, column of its '-')."""
    above = _line_above(said, index)
    while above is not None and index - above < _LOOK_BACK:
        line = said.line(above)
        indent = _first_word(line)
        if line[indent:indent + 2] in ("- ", "-") and indent != col and abs(indent - col) <= 3:
            return above, indent
        if indent < min(col, 1) or indent < col - 3:
            return None
        above = _line_above(said, above)
    return None


def _key_column(line: str) -> int:
    """Where the first key of a line stands: after its indentation and any '- '."""
    return len(line) - len(re.sub(r"^ *(?:- +)*", "", line))


def _spaces(count: int) -> str:
    return f"{count} space{'s' * (count != 1)}"


def _line_above(said: Said, index: int) -> int | None:
    """The nearest line above `index` with something on it other than a comment."""
    for above in range(index - 1, -1, -1):
        stripped = said.line(above).strip()
        if stripped and not stripped.startswith("#"):
            return above
    return None


def _nearest_column(said: Said, index: int, col: int) -> tuple[int, int, str] | None:
    """Of the keys that the lines above open (each less indented than the one after it), the one whose
    column is nearest to `col`: (line, column, key)."""
    best: tuple[int, int, str] | None = None
    limit = 10**9
    above = _line_above(said, index)
    while above is not None and limit > 0 and index - above < _LOOK_BACK:
        line = said.line(above)
        match = _KEY_LINE.match(line)
        key_col = _first_word(line) + (len(match["dash"]) if match else 0)
        if key_col < limit:
            if match and (best is None or abs(key_col - col) < abs(best[1] - col)):
                best = (above, key_col, match["key"].strip())
            limit = _first_word(line)
        above = _line_above(said, above)
    return best if best is not None and best[1] != col else None


def _value_goes_on(said: Said) -> Found | None:
    """': ' where YAML cannot start a key: inside a text, or on a line indented under a key that already
    has a value (so YAML reads the line as more of that value)."""
    if "mapping values" not in said.problem or said.at is None:
        return None
    index, col = said.at
    line = said.line(index)
    indent = _first_word(line)
    above = _line_above(said, index)
    while above is not None and _first_word(said.line(above)) >= indent and index - above < _LOOK_BACK:
        above = _line_above(said, above)
    match = _KEY_LINE.match(said.line(above)) if above is not None else None
    if above is not None and match is None and ":" not in said.line(above):
        content = said.line(above).lstrip(" -")
        return above, len(said.line(above)) - len(content), (
            f"{quote(content.strip(), 60)} has no ':' after its key{_example(content)}: without it, YAML reads "
            "the lines below as more of its text"
        )
    under_value = above is not None and match is not None and indent > _key_column(said.line(above))
    if under_value and match and match["value"] and match["value"][0] not in "\"'[{|>&*!#":
        assert above is not None  # under a value: there is a line above
        owner = quote(match["key"].strip())
        if line.lstrip().startswith("- "):
            return index, indent, (
                f"a list cannot follow {owner} on line {above + 1}, which already has a value: remove the "
                f"value after {owner}, or remove the '- '"
            )
        here = quote(line.strip().split(":")[0])
        return index, indent, (
            f"{here} is indented under {owner} (line {above + 1}), which already has a value: line {here} "
            f"up with {owner}, or remove the value after {owner}"
        )
    pairs = _pairs_on_one_line(line)
    if pairs is not None:
        return index, indent + 2, pairs
    match = _KEY_LINE.match(line)
    if match and match["value"]:
        value = match["value"].replace('"', '\\"')
        example = f"{match['key'].strip()}: \"{value}\""
        return index, col, f"the ':' here, inside a text, starts a new key: put the whole text in quotes — {quote(example, 70)}"
    return index, col, "the ':' here, inside a text, starts a new key: put the whole text in quotes"


_PAIR = re.compile(r"[a-z_][a-z0-9_-]*: ")  # a key as journeys write them: a text rarely starts so


def _pairs_on_one_line(line: str) -> str | None:
    """For a list item of several 'key: value' pairs separated by ',' on one line (a data flow written
    without braces), the fix: the same pairs in '{ }'. None when the line is not of that form."""
    stripped = line.strip()
    if not stripped.startswith("- "):
        return None
    parts = [part.strip() for part in stripped[2:].split(",")]
    keyed = [part for part in parts if _PAIR.match(part)]
    if len(parts) < 2 or len(keyed) < 2 or len(keyed) < len(parts) - 1 or "#" in stripped:
        return None
    bare = next((part for part in parts if not _PAIR.match(part)), None)
    fixed = "- {" + ", ".join(part if part is not bare else f"<key>: {part}" for part in parts) + "}"
    unkeyed = "" if bare is None else f", and {quote(bare, 30)} needs its key"
    return (
        f"several 'key: value' pairs on one line must be in braces{unkeyed}: write {quote(fixed, 90)} "
        "(or put each pair on a line of its own, lined up under the first)"
    )


_INDICATORS = {
    "@": "'@'", "`": "'`'", "%": "'%'", "&": "'&'", "*": "'*'", "!": "'!'", "?": "'? '", "|": "'|'", ">": "'>'",
}


def _reserved_start(said: Said) -> Found | None:
    """A text that begins with a character YAML keeps for itself."""
    at = _at(said)
    if any(s in said.context for s in ("anchor", "alias", "tag")) and said.context_at is not None:
        at = said.context_at
    char = said.char(at)
    relevant = (
        "cannot start any token" in said.problem or "mapping keys" in said.problem
        or any(s in said.context for s in ("anchor", "alias", "tag"))
    )
    if not relevant or char not in _INDICATORS:
        return None
    return at[0], at[1], f"a text cannot begin with {_INDICATORS[char]}: put the text in quotes"


# Errors said plainly wherever they arise: (what the parser says, in which part, whether to point at where
# the construct began, the message).
_PLAIN: tuple[tuple[str, str, bool, str], ...] = (
    ("block scalar", "context", True,
     "after '|' or '>' only a comment may follow on the same line: put the text on the lines below, indented "
     "further than the key"),
    ("document", "problem", False,
     "the top of the file mixes a list ('- ') with 'key: value' lines, or has something after its end: a "
     "journey file is 'key: value' lines, starting with 'journey:'"),
    ("end of stream", "problem", True,
     "the file ends in the middle of something that starts here: finish it or remove it"),
)


def _plain(said: Said) -> Found | None:
    for needle, part, at_start, message in _PLAIN:
        if needle in getattr(said, part) and said.at is not None:
            line, col = (said.context_at if at_start else None) or said.at
            return line, col, message
    return None


_DIAGNOSES: tuple[Callable[[Said], Found | None], ...] = (
    _tab,
    _unclosed_quote,
    _lone_carriage_return,
    _odd_space,
    _quote_runs_on,
    _typographic_quote,
    _glued_dash,
    _missing_colon,
    _comment_in_brackets,
    _unclosed_bracket,
    _bracket_left_open,
    _item_after_value,
    _empty_item,
    _reserved_start,
    _value_goes_on,
    _block_end,
    _plain,
)
