"""Connectors glued to two boxes, routed so that they do not run through any other box.

LibreOffice does not read a connector's adjustments: it routes an elbow connector by the sides it is glued to
(out of the right side, into the left side, the bend half-way between). PowerPoint draws the geometry in the
file. So a route is chosen among the shapes both draw alike — a straight line, a Z bent half-way, an L
through the top or bottom of one box, and as a last resort a slanting line — and written so that the file's
geometry is exactly that path."""

from __future__ import annotations

import copy
import enum
from collections.abc import Sequence
from typing import Any

import attrs
from pptx.enum.shapes import MSO_CONNECTOR
from pptx.oxml.ns import qn

from ...render.geometry import Rect
from .canvas import emu

TOP, LEFT, BOTTOM, RIGHT = 0, 1, 2, 3  # a rectangle's connection sites, as PowerPoint numbers them
BEND = 4.0  # the shortest leg of an L: shorter, and the way it leaves or enters a box is not seen
CLEARANCE = 2.0  # how far a connector keeps from the boxes it does not join: along an edge it would look like one


def site(r: Rect, index: int) -> tuple[float, float]:
    """A rectangle's connection site (TOP, LEFT, BOTTOM or RIGHT)."""
    return ((r.cx, r.y), (r.x, r.cy), (r.cx, r.bottom), (r.right, r.cy))[index]


class Shape(enum.Enum):
    STRAIGHT = "straightConnector1"
    Z = "bentConnector3"  # right side → left side, bent half-way
    L = "bentConnector2"  # one bend


@attrs.frozen
class Route:
    shape: Shape
    begin: int  # site on the first box
    end: int  # site on the second box
    points: tuple[tuple[float, float], ...]


def candidates(a: Rect, b: Rect) -> list[Route]:
    """The routes both PowerPoint and LibreOffice draw alike from box a to box b, best first."""
    out = []
    start, finish = site(a, RIGHT), site(b, LEFT)
    if b.x <= a.right:  # b is not right of a (a band of phases below): no Z or straight line goes forwards
        pass
    elif abs(a.cy - b.cy) < 0.5:
        out.append(Route(Shape.STRAIGHT, RIGHT, LEFT, (start, finish)))
    else:
        mid = (a.right + b.x) / 2
        out.append(Route(Shape.Z, RIGHT, LEFT, (start, (mid, a.cy), (mid, b.cy), finish)))
    if b.cx > a.right + BEND and (b.y > a.cy + BEND or b.bottom < a.cy - BEND):  # along a's row, then into b
        end = TOP if b.y > a.cy else BOTTOM
        out.append(Route(Shape.L, RIGHT, end, (start, (b.cx, a.cy), site(b, end))))
    if b.x > a.cx + BEND and (b.cy > a.bottom + BEND or b.cy < a.y - BEND):  # out of a, then along b's row
        begin = BOTTOM if b.cy > a.bottom else TOP
        out.append(Route(Shape.L, begin, LEFT, (site(a, begin), (a.cx, b.cy), finish)))
    if b.x > a.right and abs(a.cy - b.cy) >= 0.5:  # the last resort: a slanting line
        out.append(Route(Shape.STRAIGHT, RIGHT, LEFT, (start, finish)))
        vertical = (BOTTOM, TOP) if b.y > a.bottom else (TOP, BOTTOM) if b.bottom < a.y else None
        if vertical:
            out.append(Route(Shape.STRAIGHT, vertical[0], LEFT, (site(a, vertical[0]), finish)))
            out.append(Route(Shape.STRAIGHT, RIGHT, vertical[1], (start, site(b, vertical[1]))))
    return out


def crossings(points: Sequence[tuple[float, float]], obstacles: Sequence[Rect]) -> int:
    """How many of the obstacles the polyline runs through, or along (closer than CLEARANCE, for a level or
    upright leg; a slanting line only grazes a corner)."""
    legs = [(p, q, -CLEARANCE if p[0] == q[0] or p[1] == q[1] else 0.5) for p, q in zip(points, points[1:])]
    return sum(1 for r in obstacles if any(_through(p, q, r, t) for p, q, t in legs))


def _through(p: tuple[float, float], q: tuple[float, float], r: Rect, tolerance: float = 0.5) -> bool:
    """Whether the segment p–q runs through the inside of r (Liang–Barsky clipping)."""
    low, high = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for d, start, lo, hi in ((dx, p[0], r.x + tolerance, r.right - tolerance),
                             (dy, p[1], r.y + tolerance, r.bottom - tolerance)):
        if abs(d) < 1e-9:
            if not lo < start < hi:
                return False
            continue
        t0, t1 = sorted(((lo - start) / d, (hi - start) / d))
        low, high = max(low, t0), min(high, t1)
        if low >= high:
            return False
    return True


def choose(a: Rect, b: Rect, obstacles: Sequence[Rect]) -> tuple[Route, int]:
    """The first route that crosses no obstacle, else the one crossing fewest; (route, crossings)."""
    scored = [(crossings(r.points, obstacles), i, r) for i, r in enumerate(candidates(a, b))]
    if not scored:  # b is behind a: no single connector goes forwards; count it as crossing every obstacle
        start, finish = site(a, RIGHT), site(b, LEFT)
        return Route(Shape.STRAIGHT, RIGHT, LEFT, (start, finish)), max(1, len(obstacles))
    n, _, route = min(scored, key=lambda t: (t[0], t[1]))
    return route, n


_PRST_GEOM, _XFRM, _OFF, _EXT = (qn(x) for x in ("a:prstGeom", "a:xfrm", "a:off", "a:ext"))


def connect(slide, first, second, route: Route, line) -> Any:  # a python-pptx Connector
    """A connector glued to the shapes `first` and `second` along `route`, with the <a:ln> prototype `line`."""
    kind = MSO_CONNECTOR.STRAIGHT if route.shape is Shape.STRAIGHT else MSO_CONNECTOR.ELBOW
    connector = slide.shapes.add_connector(kind, 0, 0, 0, 0)
    connector.begin_connect(first, route.begin)
    connector.end_connect(second, route.end)
    sp_pr = connector._element.spPr
    sp_pr.find(_PRST_GEOM).set("prst", route.shape.value)
    if route.shape is Shape.L and route.begin in (TOP, BOTTOM):
        _vertical_first(sp_pr.find(_XFRM), route.points[0], route.points[-1], down=route.begin == BOTTOM)
    sp_pr.append(copy.deepcopy(line))
    return connector


def _vertical_first(xfrm, start: tuple[float, float], end: tuple[float, float], down: bool) -> None:
    """An L that leaves its first box upwards or downwards: the preset runs across first, so it is turned a
    quarter (and flipped when it goes down), and its box is the turned one around the same centre."""
    dx, dy = abs(end[0] - start[0]), abs(end[1] - start[1])
    cx, cy = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
    for flag in ("flipH", "flipV"):
        xfrm.attrib.pop(flag, None)
    xfrm.set("rot", "5400000" if down else "16200000")
    if down:
        xfrm.set("flipV", "1")
    off, ext = xfrm.find(_OFF), xfrm.find(_EXT)
    off.set("x", str(emu(cx - dy / 2)))
    off.set("y", str(emu(cy - dx / 2)))
    ext.set("cx", str(emu(dy)))
    ext.set("cy", str(emu(dx)))
