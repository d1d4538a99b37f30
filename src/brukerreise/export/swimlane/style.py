"""The sizes (exporters/swimlane/layout.yaml), theme colours and labels a swimlane is drawn with."""

from __future__ import annotations

from typing import Any

import attrs

from ...render import textfit
from ...render.labels import Labels, labels
from ...render.resources import definition
from .shapes import Border, Line, Span

MIN_FONT = 10.0
_BORDER_WIDTH = {"bold": 2.4, "solid": 1.2, "dashed": 1.4, "dotted": 1.6}


@attrs.frozen
class Style:
    sizes: dict[str, Any]
    theme: dict[str, Any]
    labels: Labels

    def __getitem__(self, key: str) -> Any:
        return self.sizes[key]

    def kind(self, kind: str) -> dict[str, Any]:
        return self.theme["kinds"][kind]

    def kind_border(self, kind: str) -> Border:
        spec = self.kind(kind)
        style = spec["border"]
        return Border(spec["stroke"], "solid" if style == "bold" else style, _BORDER_WIDTH[style])

    def arrow(self, role: str) -> dict[str, Any]:
        return self.theme[role]

    def arrow_stroke(self, role: str) -> Border:
        spec = self.theme[role]
        return Border(spec["color"], spec["style"], spec["width"])

    def label(self, key: str, **values: Any) -> str:
        return self.labels.text(key, **values)


def load_style(lang: str) -> Style:
    sizes = definition("swimlane/layout.yaml")
    for size in _font_sizes(sizes):
        if size < MIN_FONT:
            raise ValueError(f"exporters/swimlane/layout.yaml: font size {size} is below {MIN_FONT} pt")
    return Style(sizes, definition("theme.yaml"), labels("swimlane", lang))


def _font_sizes(sizes: dict[str, Any]) -> list[float]:
    found: list[float] = []
    for part in sizes.values():
        if isinstance(part, dict):
            for key, value in part.items():
                if key.endswith("sizes"):
                    found.extend(value)
                elif key.endswith("size"):
                    found.append(value)
    return found


def displayed(text: str) -> str:
    """Text as shown: the writer's line breaks kept, blank lines and runs of spaces dropped."""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line) or "–"


def fitted(
    text: str, width: float, height: float, sizes: tuple[float, ...] | list[float], color: str, bold: bool = False
) -> tuple[tuple[Line, ...], bool]:
    """`text` wrapped into width × height at the largest size that fits, or clipped with '…' at the smallest.
    Returns (lines, clipped)."""
    shown = displayed(text)
    found = textfit.fit(shown, width, height, tuple(sizes), bold)
    if found is not None:
        size, lines = found
        clipped = False
    else:
        size = min(sizes)
        lines, clipped = textfit.clip(shown, width, height, size, bold)
    return tuple((Span(line, size, color, bold),) for line in lines), clipped


def block_height(lines: tuple[Line, ...]) -> float:
    return sum(textfit.line_height(max(s.size for s in line)) for line in lines)


def line_width(line: Line) -> float:
    return sum(textfit.text_width(s.text, s.size, s.bold) for s in line)
