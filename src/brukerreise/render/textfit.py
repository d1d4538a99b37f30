"""Measure and wrap text with real font metrics (Liberation Sans, metric-compatible with Arial), so that
exporters can size text to fit its box: neither Graphviz's fixed layout nor PowerPoint shrinks text."""

from __future__ import annotations

import functools
import math

from .resources import definition

FONT_FAMILY = "Arial"  # what documents ask for; Liberation Sans has the same metrics
FALLBACK = (750, 1000, 1300)  # font units: how wide browsers draw a glyph Arial lacks (emoji 1–1.3 em, CJK 1 em,
# a missing glyph's box 0.75 em), for measuring text whose layout must hold for each of them


@functools.cache
def _metrics() -> dict:
    return definition("fonts/liberation-sans.json")


def line_height(size: float) -> float:
    return size * _metrics()["line_height"]


@functools.lru_cache(maxsize=65536)
def _units(text: str, bold: bool, unknown: int | None = None) -> int:
    """The width of `text` in font units: glyph widths are whole units, so sums are exact. A glyph the
    metrics do not know counts `unknown` (half of it for each half of a UTF-16 surrogate pair), or the
    font's default width."""
    table = _metrics()
    style = "bold" if bold else "regular"
    widths, default = table[style], table[f"{style}_default"]
    if unknown is not None:
        return sum(widths.get(ch, unknown // 2 if 0xD800 <= ord(ch) < 0xE000 else unknown) for ch in text)
    return sum(widths.get(ch, default) for ch in text)


def text_width(text: str, size: float, bold: bool = False, unknown: int | None = None) -> float:
    """Width of `text` in the units of `size` (points in, points out); a glyph the metrics lack counts
    `unknown` font units (one of FALLBACK) where given."""
    return _units(text, bold, unknown) * size / _metrics()["units_per_em"]


def wrap(text: str, width: float, size: float, bold: bool = False, unknown: int | None = None) -> list[str]:
    """Greedy word wrap to `width`; words longer than a line are broken. Newlines are kept.
    Each word is measured once: a line's width is the sum of its words' and spaces' widths. A glyph the
    metrics lack counts `unknown` font units where given."""
    em = _metrics()["units_per_em"]
    space = _units(" ", bold)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current, used = "", 0
        for word in paragraph.split():
            units = _units(word, bold, unknown)
            if current and (used + space + units) * size / em <= width:
                current, used = f"{current} {word}", used + space + units
                continue
            if current:
                lines.append(current)
            while word and units * size / em > width:  # (a box too narrow for one letter still ends)
                cut = _longest_prefix(word, width, size, bold, unknown)
                lines.append(word[:cut])
                word = word[cut:]
                units = _units(word, bold, unknown)
            current, used = word, units
        lines.append(current)
    return lines


def _longest_prefix(word: str, width: float, size: float, bold: bool, unknown: int | None = None) -> int:
    total = 0.0
    for i, ch in enumerate(word):
        total += text_width(ch, size, bold, unknown)
        if total > width:
            return max(i, 1)
    return len(word)


def fit(
    text: str, width: float, height: float, sizes: tuple[float, ...], bold: bool = False
) -> tuple[float, list[str]] | None:
    """The largest size (from `sizes`, largest first) at which `text` wraps into width × height, with its
    lines; None when it does not fit even at the smallest size."""
    for size in sorted(sizes, reverse=True):
        lines = wrap(text, width, size, bold)
        if len(lines) * line_height(size) <= height:
            return size, lines
    return None


def clip(text: str, width: float, height: float, size: float, bold: bool = False,
         unknown: int | None = None) -> tuple[list[str], bool]:
    """Lines of `text` at `size` that fit in the box, the last one ending in '…' when text was left out.
    Returns (lines, shortened). A glyph the metrics lack counts `unknown` font units where given."""
    max_lines = max(1, math.floor(height / line_height(size)))
    lines = wrap(text, width, size, bold, unknown)
    if len(lines) <= max_lines:
        return lines, False
    kept = lines[:max_lines]
    last = kept[-1]
    while last and text_width(last + "…", size, bold, unknown) > width:
        last = last[:-1].rstrip()
    kept[-1] = last + "…"
    return kept, True
