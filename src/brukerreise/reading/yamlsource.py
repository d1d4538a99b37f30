"""Read one YAML file into plain data plus the line and column of every key and value.

Built for hostile input: it reads the parser's event stream (libyaml's C parser where installed) and
builds the data itself, so no constructor runs and no tag can execute anything; it refuses aliases before
anything could expand them, caps size and nesting depth without recursion, and turns every failure into
a `YamlProblem` with a position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import attrs
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.reader import ReaderError

from .lines import split_lines
from .quoting import quote

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
_BYTE_ORDER_MARK = b"\xef\xbb\xbf"

DataPath = tuple[str | int, ...]
_CORE = "tag:yaml.org,2002:"


class YamlProblem(Exception):
    """Input that cannot be read as plain YAML; line and col are 0-based."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.col = col
        self.message = message


# Where the parts of a collection stand, built beside the data: for a mapping, each key's own mark, its
# value's mark and (when the value is a collection) that value's places; for a list, each item's mark and
# places. A mark is the parser's own: 0-based `line` and `column` (kept as they are: most are never read).
Mark = Any
Places = dict[str, tuple[Mark, Mark, Any]] | list[tuple[Mark, Any]] | None


@attrs.frozen(repr=False, eq=False)  # a record of one run, compared by identity: fewer methods to compile at start
class YamlDocument:
    """Plain data (dict, list, str, int, float, bool, None) and where each part of it stands."""

    data: Any
    mark: Mark  # of the data as a whole
    places: Places
    text: str = ""  # the source, as read

    def may_hold(self, characters: re.Pattern[str]) -> bool:
        """Whether any key or text could hold one of `characters`: only when the source holds one
        itself, or holds an escape sequence (which only a double-quoted text can have)."""
        return "\\" in self.text or characters.search(self.text) is not None

    def position(self, path: DataPath, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the value at `path` (or of its key), else of its nearest ancestor."""
        mark, places, key_mark = self.mark, self.places, None
        for part in path:
            if isinstance(places, dict) and part in places:
                key_mark, mark, places = places[part]
            elif isinstance(places, list) and type(part) is int and 0 <= part < len(places):
                key_mark, (mark, places) = None, places[part]
            else:
                key = False  # not there: the nearest part that is
                break
        mark = key_mark if key and key_mark is not None else mark
        return mark.line + 1, mark.column + 1


class _Origin:
    line = column = 0


_ORIGIN = _Origin()  # where an empty document stands


def _at(mark: Mark) -> tuple[int, int]:
    return mark.line, mark.column


def _line_col(text: str, index: int) -> tuple[int, int]:
    lines = split_lines(text[:index])
    return len(lines) - 1, len(lines[-1])


def read_yaml(path: Path) -> YamlDocument:
    """Read and parse `path`. Raises YamlProblem for bad content, OSError when it cannot be read."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise YamlProblem(
            0, 0,
            f"the file is {size / 1_048_576:.1f} MB; a journey file may be at most "
            f"{MAX_BYTES // 1_048_576} MB — split it into several journeys",
        )
    with path.open("rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    if _kept is None:
        return parse_yaml(raw)
    last = _kept.get(path)
    if last is not None and last[0] == raw:
        return last[1]
    document = parse_yaml(raw)
    _kept[path] = (raw, document)
    return document


_kept: dict[Path, tuple[bytes, YamlDocument]] | None = None  # each file's last bytes and document, when kept


def keep_documents() -> None:
    """From now on, a file read again with the same bytes gives the same document, not parsed again (for a
    process that reads the same files on every save: `serve`; a document never changes once built). Only
    each file's last version is kept."""
    global _kept
    if _kept is None:
        _kept = {}


def parse_yaml(raw: bytes) -> YamlDocument:
    if len(raw) > MAX_BYTES:
        raise YamlProblem(0, 0, f"the file is larger than {MAX_BYTES // 1_048_576} MB")
    nul = raw.find(b"\0")
    if nul >= 0:
        before = raw[:nul].decode("utf-8", "replace")
        line, col = _line_col(before, len(before))
        raise YamlProblem(line, col, "this is not a text file (it holds a NUL byte): a journey is UTF-8 text")
    if raw.startswith(_BYTE_ORDER_MARK):
        raw = raw[len(_BYTE_ORDER_MARK):]  # some editors on Windows begin a UTF-8 file with one
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", "replace")
        line, col = _line_col(before, len(before))  # in characters, as every other column
        raise YamlProblem(
            line, col,
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}): save it with UTF-8 encoding",
        ) from None
    try:
        return _build_from_libyaml(text)
    except _StricterParser:
        # libyaml follows YAML 1.1 and refuses some valid YAML 1.2 (a '?' inside a flow list, as in
        # '[Hvor begynner jeg?]'): read the file again with ruamel's YAML 1.2 parser, which also words
        # any real syntax error.
        return _build(text, _pure_events(text))


class _StricterParser(Exception):
    """libyaml refused the text: ruamel's own parser gets the last word."""


def _build_from_libyaml(text: str) -> YamlDocument:
    """Built from the events of libyaml's C parser when it is installed, else from ruamel's pure-Python
    parser. The loop takes the parser's events directly (a generator around them cost a resumption per
    event)."""
    try:
        from ruamel.yaml.cyaml import CParser
    except ImportError:  # pragma: no cover - ruamel.yaml.clib is a dependency; this keeps other platforms working
        return _build(text, _pure_events(text), first_try=True)
    parser = CParser(text)
    try:
        return _build(text, iter(parser.get_event, None), first_try=True)  # None comes after the end of the stream
    finally:
        parser.dispose()


def _pure_events(text: str) -> Iterator[Any]:
    yield from YAML(typ="safe", pure=True).parse(text)


def _problem_from(exc: BaseException, text: str) -> YamlProblem:
    if isinstance(exc, MarkedYAMLError):
        from .syntax import explain  # only for a file with a syntax error

        return YamlProblem(*explain(exc, text))
    if isinstance(exc, ReaderError):
        line, col = _line_col(text, _character_index(text, max(exc.position, 0), exc.encoding))
        return YamlProblem(
            line, col,
            f"the file holds a control character (#x{exc.character:04x}) that YAML does not allow: remove it",
        )
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return YamlProblem(0, 0, f"YAML syntax: {message}")


def _character_index(text: str, position: int, encoding: str | None) -> int:
    """libyaml gives a reader error's position in UTF-8 bytes (and '?' as its encoding); ruamel's own
    reader gives characters."""
    if encoding == "?":
        return len(text.encode("utf-8")[:position].decode("utf-8", "replace"))
    return position


def _build(text: str, events: Iterator[Any], *, first_try: bool = False) -> YamlDocument:
    """Build plain data from the event stream with an explicit stack (no recursion at any depth),
    recording the position of every key and value."""
    # The collection being filled, its places, whether it is a mapping, and (in a mapping) the key waiting
    # for its value and where that key stands; the collections around it wait in `enclosing`.
    filling: Any = None
    places: Any = None
    is_mapping = False
    key: str | None = None
    key_mark: Mark = _ORIGIN
    enclosing: list[tuple[Any, Any, bool]] = []
    root: Any = None
    root_mark: Mark = _ORIGIN
    root_places: Places = None
    documents = 0
    try:
        for event in events:
            kind = type(event)
            if kind is ScalarEvent:
                mark = event.start_mark
                raw, style = event.value, event.style
                if event.ctag is not None or style or not event.implicit[0]:
                    value: Any = _scalar(event, mark)
                elif raw in _WORDS:
                    value = _WORDS[raw]
                elif raw[0] in _NUMBER_START:
                    value = _resolve_plain(raw)
                else:
                    value = raw  # a plain word, as most values are
                if is_mapping:
                    if key is None:
                        key = value if type(value) is str else _key(value)
                        if key in filling:
                            first = places[key][0].line + 1
                            raise YamlProblem(*_at(mark), f"duplicate key {quote(key)} (first given on line {first}): keep one")
                        key_mark = mark
                        continue
                    # An empty value has no place of its own: it stands where its key does.
                    places[key] = (key_mark, key_mark if raw == "" and not style else mark, None)
                    filling[key] = value
                    key = None
                elif filling is not None:
                    places.append((mark, None))
                    filling.append(value)
                else:
                    root, root_mark = value, mark
                continue
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                mark = event.start_mark
                if is_mapping and key is None:
                    raise YamlProblem(*_at(mark), "a key must be a plain word, not a list or a '{ }' group: put it in quotes, or remove the ':' after it")
                if len(enclosing) + (filling is not None) >= MAX_DEPTH:
                    raise YamlProblem(*_at(mark), f"the data is nested more than {MAX_DEPTH} levels deep: a journey needs only a few")
                if event.ctag is not None:  # most collections carry no tag: no call for them
                    _check_collection_tag(event, mark)
                inner: dict[str, Any] | list[Any]
                value, inner = ({}, {}) if kind is MappingStartEvent else ([], [])
                if filling is None:
                    root, root_mark, root_places = value, mark, inner
                else:
                    if is_mapping:
                        places[key] = (key_mark, mark, inner)
                        filling[key] = value
                    else:
                        places.append((mark, inner))
                        filling.append(value)
                    enclosing.append((filling, places, is_mapping))
                filling, places, is_mapping, key = value, inner, kind is MappingStartEvent, None
                continue
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                filling, places, is_mapping = enclosing.pop() if enclosing else (None, None, False)
                key = None
                continue
            if kind is AliasEvent:
                start = event.start_mark
                raise YamlProblem(start.line, start.column, "YAML aliases (*name) are not supported: write the value out in full")
            if kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    start = event.start_mark
                    raise YamlProblem(start.line, start.column, "a file holds one journey: found a second YAML document ('---') here")
    except YamlProblem:
        raise
    except MarkedYAMLError as exc:
        if first_try and len(text) <= _RETRY_LIMIT:
            raise _StricterParser() from None
        raise _problem_from(exc, text) from None
    except ReaderError as exc:
        raise _problem_from(exc, text) from None
    except Exception as exc:  # noqa: BLE001 - any other parser failure is still the input's fault
        raise _problem_from(exc, text) from None
    if documents == 0:
        raise YamlProblem(0, 0, "the file is empty: a journey starts with 'journey: <id>'")
    return YamlDocument(root, root_mark, root_places, text)


# The pure-Python parser is ~35x slower: a hostile file of megabytes is answered with libyaml's word.
_RETRY_LIMIT = 256 * 1024


# YAML 1.2 core schema: how a plain (unquoted) scalar is read.
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_STANDARD = {"str", "int", "float", "bool", "null", "timestamp"}


def _shown(tag: str) -> str:
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


def _scalar(event: ScalarEvent, mark: Mark) -> Any:
    text, tag = event.value, event.tag
    if event.style in (">", "|"):
        text = text.replace("\a", "")  # ruamel marks the places of folds with BEL for round trips: drop them
    if tag in (None, "!"):
        plain = event.implicit[0] and not event.style and tag is None
        return _resolve_plain(text) if plain else text
    if not tag.startswith(_CORE) or tag[len(_CORE):] not in _STANDARD:
        raise YamlProblem(*_at(mark), f"unsupported tag {quote(_shown(tag))}: brukerreise reads plain YAML only — remove the tag")
    kind = tag[len(_CORE):]
    if kind in ("str", "timestamp"):
        return text
    value: Any = _resolve_plain(text)
    types: dict[str, type | tuple[type, ...]] = {"int": int, "float": (int, float), "bool": bool, "null": type(None)}
    expected = types[kind]
    if not isinstance(value, expected) or (kind == "int" and isinstance(value, bool)):
        raise YamlProblem(*_at(mark), f"{quote(text)} is not a valid {kind} for the tag {quote(_shown(tag))}")
    return float(cast(float, value)) if kind == "float" else value


# The plain scalars that are not texts and not numbers, by the YAML 1.2 core schema.
_WORDS: dict[str, Any] = {
    **dict.fromkeys(("", "~", "null", "Null", "NULL")),
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
}
_NUMBER_START = frozenset("0123456789+-.")


# Python turns at most 4,300 decimal digits into an integer (and the time it takes grows with the square
# of the length): a longer number is kept as its sign and its count of digits.
_DIGITS_LIMIT = 4300


class LongNumber(int):
    """A whole number too long to hold: larger than any a journey allows; `written` as in the file."""

    written: str

    def __new__(cls, written: str) -> LongNumber:
        value = super().__new__(cls, (-1 if written.startswith("-") else 1) * 10**_DIGITS_LIMIT)
        value.written = written
        return value


def _resolve_plain(text: str) -> Any:
    if text in _WORDS:
        return _WORDS[text]
    if text[0] not in _NUMBER_START:
        return text  # most values are words: no number can start this way
    if _INT.fullmatch(text):
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        if len(text) > _DIGITS_LIMIT:
            return LongNumber(text)
        return int(text)
    if _FLOAT.fullmatch(text):
        folded = text.lower().lstrip("+")
        special = {".inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}
        return special[folded] if folded in special else float(text)
    return text


def _key(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "null"
    return value if isinstance(value, str) else str(value)


def _check_collection_tag(event: Any, mark: Mark) -> None:
    tag = event.tag
    if tag in (None, "!"):
        return
    expected = _CORE + ("map" if isinstance(event, MappingStartEvent) else "seq")
    if tag != expected:
        raise YamlProblem(*_at(mark), f"unsupported tag {quote(_shown(tag))}: brukerreise reads plain YAML only — remove the tag")


def value_at(data: Any, path: DataPath) -> Any:
    """The value at `path` in data read from YAML, or None where the path leads nowhere."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data
