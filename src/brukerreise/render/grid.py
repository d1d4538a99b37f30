"""Where things go: lane bands stacked top to bottom, time columns with their gutters left to right, and
the boxes stacked inside each (lane, column) cell so that parallel items never overlap."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from .geometry import Rect


@attrs.frozen
class Cell:
    """A box to place: `key` in lane `lane`, time column `column`, `height` tall, the column's width."""

    key: str
    lane: int
    column: int
    height: float


@attrs.frozen
class Columns:
    """x of each column's box area, and the gutters: gutter g lies between column g and g + 1
    (gutter -1 before column 0, the last one after the last column)."""

    box_x: tuple[float, ...]
    box_width: float
    data_gutter: tuple[float, ...]  # width right of each column's boxes, for data arrows
    gutter_x: Mapping[int, float]  # left edge of each flow gutter
    gutter_width: Mapping[int, float]
    right: float  # where the last gutter ends

    def data_x(self, column: int) -> float:
        return self.box_x[column] + self.box_width


def place_columns(left: float, n_columns: int, box_width: float, data_gutters: Sequence[float],
                  gutter_widths: Mapping[int, float]) -> Columns:
    x = left
    gutter_x: dict[int, float] = {}
    box_x: list[float] = []
    for g in range(-1, n_columns):
        if g >= 0:
            box_x.append(x)
            x += box_width + data_gutters[g]
        gutter_x[g] = x
        x += gutter_widths[g]
    return Columns(tuple(box_x), box_width, tuple(data_gutters), gutter_x, dict(gutter_widths), x)


@attrs.frozen
class Lanes:
    top: tuple[float, ...]
    height: tuple[float, ...]
    boxes: Mapping[str, Rect]  # every cell's box, by key

    @property
    def bottom(self) -> float:
        return self.top[-1] + self.height[-1] if self.top else 0.0


def place_lanes(top: float, n_lanes: int, cells: Sequence[Cell], columns: Columns, pad_top: float,
                pad_bottom: float, gap: float, min_content: float | Sequence[float]) -> Lanes:
    """Stack each cell's boxes in listing order; a lane is as tall as its tallest stack, and its content at
    least `min_content` (one for all lanes, or one for each)."""
    offset: dict[tuple[int, int], float] = {}  # (lane, column) -> height used so far
    within: dict[str, float] = {}
    for cell in cells:
        used = offset.get((cell.lane, cell.column), 0.0)
        start = used + gap if used else 0.0
        within[cell.key] = start
        offset[(cell.lane, cell.column)] = start + cell.height
    content = [min_content] * n_lanes if isinstance(min_content, (int, float)) else list(min_content)
    for (lane, _), used in offset.items():
        content[lane] = max(content[lane], used)
    tops: list[float] = []
    heights: list[float] = []
    y = top
    for lane in range(n_lanes):
        tops.append(y)
        heights.append(pad_top + content[lane] + pad_bottom)
        y += heights[-1]
    boxes = {
        c.key: Rect(columns.box_x[c.column], tops[c.lane] + pad_top + within[c.key], columns.box_width, c.height)
        for c in cells
    }
    return Lanes(tuple(tops), tuple(heights), boxes)
