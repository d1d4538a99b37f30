"""Where each external label goes (an event's name, a message flow's name): the first of a few places
near its element where it overlaps no node and no label placed before it, in a fixed order (same
journey, same bytes). bpmn-js writes external labels in 11 px Arial, wrapped in the label's width
(textlayout.py)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ...render.geometry import Point, Rect
from ...render.plaintext import plain
from ...render import textfit
from . import textlayout
from .space import Boxes

SIZE = 11.0
WIDTH = 90.0
SLACK = 4.0
GAP = 4.0


def label_box(text: str) -> tuple[float, float]:
    """As wide as its longest line and as tall as its lines, where bpmn-js (which keeps a label's width and
    wraps its name in it again) draws the same lines in a box that narrow; else the full width. As tall as
    the most lines bpmn-js may draw, whichever width a browser gives glyphs our metrics lack."""
    text = plain(text)
    full = WIDTH + SLACK
    w = min(full, -(-(textlayout.width(text, full, SIZE) + SLACK) // 1))
    if any(textlayout.lines(text, w, SIZE, unknown) != textlayout.lines(text, full, SIZE, unknown)
           for unknown in textfit.FALLBACK):
        w = full
    return w, -(-(textlayout.most_lines(text, w, SIZE) * SIZE * textlayout.LINE_HEIGHT) // 1)


def _near_node(node: Rect, w: float, h: float) -> Iterator[Rect]:
    """Below the node, above it, then further down and up, and beside it; then ever further down and up,
    straight and to either side (so that a free place is found however crowded the node's surroundings)."""
    cx = node.cx - w / 2
    for k in range(6):
        yield from (Rect(cx, node.bottom + GAP + k * h / 2, w, h), Rect(cx, node.y - GAP - h - k * h / 2, w, h))
    for dy in (0.0, h, -h):
        yield from (Rect(node.right + GAP, node.cy - h / 2 + dy, w, h), Rect(node.x - GAP - w, node.cy - h / 2 + dy, w, h))
    for k in range(6, 60):
        for dx in (0.0, w / 2 + GAP, -w / 2 - GAP):
            yield from (Rect(cx + dx, node.bottom + GAP + k * h / 2, w, h), Rect(cx + dx, node.y - GAP - h - k * h / 2, w, h))


def _near_route(points: Sequence[Point], w: float, h: float) -> Iterator[Rect]:
    """Beside the route's vertical stretches and above or below its horizontal ones, nearest its middle
    first, then further along and further out."""
    for away in (GAP, GAP + w / 2, GAP + w, *(GAP + w * k / 2 for k in range(3, 12))):
        for (x1, y1), (x2, y2) in zip(points, points[1:]):
            if x1 == x2:  # beside a vertical segment
                lo, hi = sorted((y1, y2))
                for f in (0.5, 0.25, 0.75, 0.1, 0.9, 0.4, 0.6, 0.33, 0.67, 0.0, 1.0):
                    y = lo + (hi - lo) * f - h / 2
                    yield from (Rect(x1 + away, y, w, h), Rect(x1 - away - w, y, w, h))
            else:  # above or below a horizontal one
                lo, hi = sorted((x1, x2))
                for f in (0.5, 0.25, 0.75, 0.1, 0.9, 0.0, 1.0):
                    x = lo + (hi - lo) * f - w / 2
                    yield from (Rect(x, y1 - away - h + GAP, w, h), Rect(x, y1 + away, w, h))


def place_labels(nodes: Sequence[tuple[str, str, Rect]], flows: Sequence[tuple[str, str, Sequence[Point]]],
                 shapes: Sequence[Rect]) -> dict[str, Rect]:
    taken, on_shapes = Boxes(shapes), Boxes(shapes)
    placed: dict[str, Rect] = {}
    for key, text, candidates in (
        *((k, t, lambda w, h, r=r: _near_node(r, w, h)) for k, t, r in nodes),
        *((k, t, lambda w, h, p=p: _near_route(p, w, h)) for k, t, p in flows),
    ):
        w, h = label_box(text)
        # the first free place; else the first that lies on no shape (only on another label)
        box = next((b for b in candidates(w, h) if not taken.overlaps(b)), None) or next(
            (b for b in candidates(w, h) if not on_shapes.overlaps(b)), None) or next(candidates(w, h))
        placed[key] = box
        taken.add(box)
    return placed
