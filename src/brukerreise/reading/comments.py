"""A text cut short by a comment: in YAML, ' #' starts a comment, so `title: Jeg er nr #1 i byen` is
read as 'Jeg er nr'. Warned where a comment follows a text on its line and the text looks cut: the
comment starts right after the '#' (as '#1' does), or the text ends mid-sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator
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
_ENDS_OPEN = re.compile(r"[,:;&/+(–-]$")


def check_cut_texts(file: Any) -> Iterator[Issue]:
    """A warning for each text that a comment on its line seems to cut short."""
    text = file.document.text
    if not _TRAILING_COMMENT.search(text):
        return
    lines = split_lines(text)
    for path, value in _texts(file.document.data, ()):
        line, col = file.document.position(path)
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


def _looks_cut(value: str, space: str, comment: str) -> bool:
    """Whether the text seems to go on in the comment: one that starts right after the '#' ('#1',
    '#hashtag'; a comment starts with '# '), or, a single space after the text, one that follows a text
    ending mid-sentence (an aligned comment stands further off)."""
    if comment[:1] not in ("", " ", "\t"):
        return True
    words = value.split()
    return space == " " and (bool(_ENDS_OPEN.search(value)) or bool(words) and words[-1].casefold() in _OPEN_WORDS)


def _texts(node: Any, path: DataPath, key: str | None = None) -> Iterator[tuple[DataPath, str]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _texts(v, path + (k,), k)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _texts(item, path + (index,), key)
    elif isinstance(node, str) and key in TEXT_KEYS and node:
        yield path, node
