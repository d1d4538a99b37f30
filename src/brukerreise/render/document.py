"""The document the text, Markdown and site outputs share: sections of a heading and either lines or a
table, and their renderings as plain text and as Markdown (user text escaped, so it never becomes markup)."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .escaping import markdown


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


def as_markdown(parts: Sequence[Section]) -> str:
    out: list[str] = []
    for s in parts:
        out += ["#" * s.level + " " + markdown(s.title), ""]
        if s.lines:
            out += [f"- {markdown(line)}" for line in s.lines] + [""]
        if s.header:
            out.append("| " + " | ".join(markdown(h) for h in s.header) + " |")
            out.append("|" + "---|" * len(s.header))
            out += ["| " + " | ".join(markdown(c) for c in row) + " |" for row in s.rows]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


