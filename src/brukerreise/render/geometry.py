"""Plane geometry the exporters share: points and axis-aligned rectangles, y growing downwards."""

from __future__ import annotations

import attrs

Point = tuple[float, float]


@attrs.frozen
class Rect:
    """An axis-aligned rectangle; y grows downwards (layout coordinates, not Graphviz's)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2
