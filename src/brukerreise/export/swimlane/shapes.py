"""The drawing vocabulary a swimlane layout is made of: rectangles, text spans, boxes and arrow routes."""

from __future__ import annotations

import attrs

from ...render.geometry import Point, Rect


@attrs.frozen
class Span:
    """A run of text in one size, weight and colour."""

    text: str
    size: float
    color: str
    bold: bool = False
    role: str = ""  # what it marks, for styling the SVG: channel | emotion | pain, or "" for plain text


Line = tuple[Span, ...]


@attrs.frozen
class Border:
    color: str
    style: str  # solid | dashed | dotted | none
    width: float


NO_BORDER = Border("transparent", "none", 0.0)


@attrs.frozen
class Shape:
    """A box drawn at a fixed place, with centred (or left-aligned) lines of text.

    `key` becomes the SVG element id; `title` the SVG <title> (tooltip), always the full text."""

    key: str
    role: str  # phase | phase-head | lane | lane-head | step | data | title | legend | anchor | badge | ghost
    rect: Rect
    fill: str | None  # None: not filled
    border: Border = NO_BORDER
    lines: tuple[Line, ...] = ()
    title: str = ""
    clipped: bool = False
    align: str = "center"  # center | left
    visible: bool = True
    peripheries: int = 1  # 2: a double outline (new and changed steps of a to-be journey)


@attrs.frozen
class Route:
    """An arrow along an orthogonal polyline from `tail` to `head` (shape keys), ending at points[-1]."""

    key: str
    role: str  # flow | handoff | transfer (back-office) | data | user_carried
    tail: str
    head: str
    points: tuple[Point, ...]
    stroke: Border
    title: str = ""
    marker: Span | None = None  # text drawn next to the arrow, e.g. the handoff marker
    marker_at: Point | None = None


@attrs.frozen
class Layout:
    width: float
    height: float
    title: str  # for the SVG's accessible name
    description: str  # for the SVG's accessible description
    shapes: tuple[Shape, ...]  # in drawing order: later ones lie on top
    routes: tuple[Route, ...]  # drawn after every shape

    def shape(self, key: str) -> Shape:
        return next(s for s in self.shapes if s.key == key)
