"""The document the text, Markdown and site outputs share: sections of a heading and either lines or a
table, and their renderings as plain text and as Markdown (user text escaped, so it never becomes markup)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs


@attrs.frozen
class Section:
    """A heading and either a table (header + rows) or lines."""

    level: int
    title: str
    lines: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def as_text(parts: Sequence[Section]) -> str:
    out: list[str] = []
    for s in parts:
        out += ["", s.title, ("=" if s.level <= 2 else "-") * len(s.title)]
        out += [f"  {line}" for line in s.lines]
        if s.header:
            widths = [max(len(r[i]) for r in (s.header, *s.rows)) for i in range(len(s.header))]
            for row in (s.header, *s.rows):
                out.append("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    return "\n".join(out).lstrip("\n") + "\n"


# What a Markdown renderer would read as markup: HTML (as character references, which every renderer
# shows literally), and Markdown's own punctuation (backslash-escaped, which CommonMark and GFM show
# literally): emphasis, code, links and images, tables, strike-through, headings, quotes, lists.
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MARKDOWN = {c: "\\" + c for c in "\\`*_[]|~#$"}  # ("!" opens an image only before "[")
_ESCAPES = str.maketrans({**_HTML, **_MARKDOWN, "\n": " ", "\r": " "})
# At the start: a list ('- ', '+ ', '1. ', '1) ') or a thematic break ('---', '- - -').
_OPENING = re.compile(r"^(?:([-+])(?=[\s-]|$)|\d{1,9}[.)](?=\s|$))")


def _md(text: str) -> str:
    """User or label text as literal Markdown text on one line: no HTML, no Markdown structure."""
    return _OPENING.sub(_escape_opening, text.translate(_ESCAPES).strip(), count=1)


def _escape_opening(m: re.Match[str]) -> str:
    mark = m.group(0)
    return "\\" + mark if m.group(1) else mark[:-1] + "\\" + mark[-1]  # '\- ' and '1\. ' are plain text


def as_markdown(parts: Sequence[Section]) -> str:
    out: list[str] = []
    for s in parts:
        out += ["#" * s.level + " " + _md(s.title), ""]
        if s.lines:
            out += [f"- {_md(line)}" for line in s.lines] + [""]
        if s.header:
            out.append("| " + " | ".join(_md(h) for h in s.header) + " |")
            out.append("|" + "---|" * len(s.header))
            out += ["| " + " | ".join(_md(c) for c in row) + " |" for row in s.rows]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


