"""How bpmn-js wraps a name into its box (diagram-js's util/Text.js, followed step by step with our font
metrics): the whole line where it fits, else cut at a space or hyphen at a place estimated from the count of
characters, else inside a word; lines are `size` × 1.2 apart. The diagram sizes tasks and labels by it.

Text is handled as JavaScript holds it (UTF-16: an emoji is two units, which bpmn-js counts and may cut
between), and measured as each of the widths browsers draw a glyph our font metrics do not know (emoji, CJK) at
(textfit.FALLBACK): a name's layout must hold at each."""

from __future__ import annotations

import functools
import re

from ...render import textfit

LINE_HEIGHT = 1.2  # diagram-js's line height, as a ratio of the font size
_BREAK = re.compile(r"(\s|-|\u00AD)")


def _width(text: str, size: float, unknown: int) -> float:
    return textfit.text_width(text.rstrip(), size, unknown=unknown)


def as_javascript(text: str) -> str:
    """The text as a JavaScript string holds it: each character beyond the BMP as its two surrogates."""
    if text.isascii() or all(ord(ch) < 0x10000 for ch in text):
        return text
    units = text.encode("utf-16-le", "surrogatepass")
    return "".join(chr(int.from_bytes(units[i:i + 2], "little")) for i in range(0, len(units), 2))


def _semantic_shorten(line: str, max_length: float) -> str:
    parts = _BREAK.split(line)
    kept: list[str] = []
    length = 0
    if len(parts) > 1:
        for part in parts:
            if not part:  # (JavaScript's `while ((part = parts.shift()))` stops at an empty part)
                break
            if len(part) + length < max_length:
                kept.append(part)
                length += len(part)
            else:
                if part in ("-", "\u00AD") and kept:
                    kept.pop()
                break
    if kept and kept[-1] == "\u00AD":
        kept[-1] = "-"
    return "".join(kept)


def _shorten(line: str, width: float, max_width: float) -> str:
    length = max(len(line) * (max_width / width), 1)
    return _semantic_shorten(line, length) or line[: max(round(length - 1), 1)]


@functools.lru_cache(maxsize=16384)
def lines(text: str, max_width: float, size: float, unknown: int = textfit.FALLBACK[-1]) -> tuple[str, ...]:
    """The lines bpmn-js draws `text` in, at most `max_width` wide (its box less the padding); characters
    beyond the BMP come back as their surrogates (as_javascript); a glyph the metrics lack measured `unknown`
    font units wide."""
    todo = re.split(r"\u00AD?\r?\n", as_javascript(text))
    found: list[str] = []
    while todo:
        original = todo.pop(0)
        fit = original
        for _ in range(10_000):  # (each round shortens the line, so this ends long before)
            if fit in (" ", "") or _width(fit, size, unknown) <= max_width or len(fit) < 2:
                break
            fit = _shorten(fit, _width(fit, size, unknown), max_width)
        if len(fit) < len(original):
            todo.insert(0, original[len(fit):].strip())
        found.append(fit)
    return tuple(found)


def most_lines(text: str, max_width: float, size: float) -> int:
    """The most lines bpmn-js may draw the text in, whichever width a browser gives unknown glyphs."""
    return max(len(lines(text, max_width, size, unknown)) for unknown in textfit.FALLBACK)


def width(text: str, max_width: float, size: float) -> float:
    """The widest line, at the widest measure."""
    return max((_width(line, size, textfit.FALLBACK[-1]) for line in lines(text, max_width, size)), default=0.0)


def breaks_no_word(text: str, max_width: float, size: float) -> bool:
    """Whether the lines read back as the text (broken only at spaces, or after a hyphen), whichever width
    a browser gives unknown glyphs."""
    whole = " ".join(as_javascript(text).split())
    for unknown in textfit.FALLBACK:
        joined = ""
        for line in lines(text, max_width, size, unknown):
            joined += line.strip() if joined.endswith("-") or not joined else " " + line.strip()
        if joined != whole:
            return False
    return True
