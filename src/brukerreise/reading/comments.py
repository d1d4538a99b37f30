"""A text cut short by a comment: in YAML, ' #' starts a comment, so `title: Jeg er nr #1 i byen` is
read as 'Jeg er nr'. Warned where a comment follows a text on its line and the text looks cut: the
comment starts right after the '#' (as '#1' does), or the text ends mid-sentence."""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from typing import Any

from .issues import Issue, Severity
from .quoting import quote
from .yamlsource import DataPath, split_lines

# Keys whose values are free text, where a '#' may well be meant as part of it.
TEXT_KEYS = frozenset({"title", "description", "name", "short", "situation", "goals", "services",
                       "pain_points", "opportunities"})
# Words a sentence does not end with (bokmål, nynorsk, English): conjunctions, articles, possessives before
# their noun, 'nr'. (Not prepositions or verbs: «hva jeg har rett til», «om jeg kan» end with them.)
_OPEN_WORDS = frozenset("""
nr og eller men at å som en et ei min mitt din ditt vår vårt sin sitt the a an and or my your our their
""".split())
_TRAILING_COMMENT = re.compile(r"^[^#\n\r]*\S[ \t]+#", re.M)
_ENDS_OPEN = r"[,:;&/+(–-]$"  # compiled on first use (re's cache): few files have a text before a comment
_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")  # line breaks YAML counts besides LF (lines.py)


def check_cut_texts(file: Any) -> Iterator[Issue]:
    """A warning for each text that a comment on its line seems to cut short."""
    document = file.document
    commented = _trailing_comment_lines(document.text)
    if not commented or not isinstance(document.data, (dict, list)):
        return
    lines: list[str] = []  # the file's lines, split once a text stands on a commented line
    for path, value, mark in _texts(document.data, document.places, (), None, commented):
        line, col = mark.line + 1, mark.column + 1  # where the text starts, as document.position(path) says
        lines = lines or split_lines(document.text)
        written = lines[line - 1] if 0 < line <= len(lines) else ""
        if written[col - 1:col - 1 + len(value)] != value:
            continue  # quoted, or over several lines: no comment can cut it
        rest = re.match(r"([ \t]+)#(.*)", written[col - 1 + len(value):])
        if rest is None or not _looks_cut(value, rest.group(1), rest.group(2)):
            continue
        whole = (value + written[col - 1 + len(value):]).rstrip().replace("\\", "\\\\").replace('"', '\\"')
        yield file.issue(
            Severity.WARNING, path,
            f"the text stops at ' #', which starts a comment, so it reads {quote(value)}: if the '#' and what "
            f"follows belong to the text, put the whole text in quotes — {quote(chr(34) + whole + chr(34), 70)}",
        )


class _EveryLine:
    def __contains__(self, line: object) -> bool:
        return True


def _trailing_comment_lines(text: str) -> Container[int]:
    """The lines (0-based) that hold a comment after other text. The pattern is tried only on the lines
    with a blank before a '#', found by plain string search: run over the whole text, or over every line,
    it cost more than checking the rest of the journey. (With line breaks other than LF, every line is
    looked at once one such line is found.)"""
    found: set[int] = set()
    other_breaks = any(mark in text for mark in _OTHER_BREAKS)
    for blank in (" #", "\t#"):
        counted, number = 0, 0  # line breaks counted up to `counted`: `number` of them
        at = text.find(blank)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            if not text[start:at].isspace() and start != at and _TRAILING_COMMENT.match(text, start, end):
                if other_breaks:
                    return _EveryLine()
                number += text.count("\n", counted, start)
                counted = start
                found.add(number)
            at = text.find(blank, end)
    return found


def _looks_cut(value: str, space: str, comment: str) -> bool:
    """Whether the text seems to go on in the comment: one that starts right after the '#' ('#1',
    '#hashtag'; a comment starts with '# '), or, a single space after the text, one that follows a text
    ending mid-sentence (an aligned comment stands further off)."""
    if comment[:1] not in ("", " ", "\t"):
        return True
    words = value.split()
    return space == " " and (bool(re.search(_ENDS_OPEN, value)) or bool(words) and words[-1].casefold() in _OPEN_WORDS)


def _texts(node: Any, places: Any, path: DataPath, key: str | None, lines: Container[int]) -> Iterator[tuple[DataPath, str, Any]]:
    """The free texts that start on one of `lines`, each with its path and its mark."""
    if isinstance(node, dict):
        for k, v in node.items():
            _, mark, inner = places[k]
            if isinstance(v, (dict, list)):
                yield from _texts(v, inner, path + (k,), k, lines)
            elif isinstance(v, str) and k in TEXT_KEYS and v and mark.line in lines:
                yield path + (k,), v, mark
    else:
        for index, item in enumerate(node):
            mark, inner = places[index]
            if isinstance(item, (dict, list)):
                yield from _texts(item, inner, path + (index,), key, lines)
            elif isinstance(item, str) and key in TEXT_KEYS and item and mark.line in lines:
                yield path + (index,), item, mark
