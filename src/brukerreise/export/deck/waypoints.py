"""An arrow no single connector can take round the boxes (a U, or from one band of phases to the next) runs
through small waypoint dots in the free channels between lane rows and between columns: each leg is a
connector both PowerPoint and LibreOffice draw alike, glued at both ends, and crosses no box."""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Sequence

import attrs

from ...render.geometry import Rect
from .lanes import decorative
from .routes import BOTTOM, LEFT, RIGHT, TOP, Route, Shape, choose, connect, crossings, site

DOT = 4.0  # the waypoint's side
DOT_COST = 1000.0  # a dot more costs more than any detour
SLANT_COST = 300.0
NEAR = 2  # a leg from or to a box reaches the dots of this many channels beside it


def dot(p: tuple[float, float]) -> Rect:
    return Rect(p[0] - DOT / 2, p[1] - DOT / 2, DOT, DOT)


def straight(p: tuple[float, float], q: tuple[float, float]) -> Route:
    """The straight leg between two dots on one channel, glued to the sides facing each other."""
    if abs(p[1] - q[1]) < 0.01:
        begin, end = (RIGHT, LEFT) if q[0] > p[0] else (LEFT, RIGHT)
    else:
        begin, end = (BOTTOM, TOP) if q[1] > p[1] else (TOP, BOTTOM)
    return Route(Shape.STRAIGHT, begin, end, (site(dot(p), begin), site(dot(q), end)))


@attrs.frozen
class Channels:
    """The free channels of a slide: `xs` run down between columns, `ys` across between lane rows; a dot may
    sit where they meet, outside every box."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    obstacles: tuple[Rect, ...]  # the step boxes
    keep_out: tuple[Rect, ...]  # what the dots' legs also avoid (the phases' names)
    free: frozenset = attrs.field(init=False)
    points: frozenset = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        walls = [*self.obstacles, *self.keep_out]
        points = {(x, y) for x in self.xs for y in self.ys
                  if not any(r.x - 1 < x < r.right + 1 and r.y - 1 < y < r.bottom + 1 for r in walls)}
        free = set()
        for line, across in ((self.ys, self.xs), (self.xs, self.ys)):
            for fixed in line:
                for u, v in itertools.pairwise(across):
                    p, q = ((u, fixed), (v, fixed)) if line is self.ys else ((fixed, u), (fixed, v))
                    if p in points and q in points and not crossings((p, q), walls):
                        free.add((p, q))
                        free.add((q, p))
        object.__setattr__(self, "points", frozenset(points))
        object.__setattr__(self, "free", frozenset(free))

    def _neighbours(self, p: tuple[float, float]):
        for axis, line in ((0, self.xs), (1, self.ys)):
            i = line.index(p[axis])
            for j in (i - 1, i + 1):
                if 0 <= j < len(line):
                    q = (line[j], p[1]) if axis == 0 else (p[0], line[j])
                    if (p, q) in self.free:
                        yield q, (int(math.copysign(1, q[0] - p[0])) if axis == 0 else 0,
                                  0 if axis == 0 else int(math.copysign(1, q[1] - p[1])))

    def _leg(self, a: Rect, b: Rect) -> float | None:
        """The cost of the best single connector from a to b, or None when each crosses a box."""
        others = [r for r in (*self.obstacles, *self.keep_out) if r not in (a, b)]
        route, crossed = choose(a, b, others)
        if crossed:
            return None
        length = sum(math.dist(p, q) for p, q in itertools.pairwise(route.points))
        slant = len(route.points) == 2 and all(abs(p - q) > 0.5 for p, q in zip(*route.points, strict=True))
        return length + (SLANT_COST if slant else 0.0)

    def _near(self, r: Rect, after: bool) -> list[tuple[float, float]]:
        xs = [x for x in self.xs if x > r.right] if after else [x for x in self.xs if x < r.x][::-1]
        near = set(xs[:NEAR])
        return sorted(p for p in self.points if p[0] in near)

    def path(self, a: Rect, b: Rect) -> list[tuple[float, float]] | None:
        """The dots of the cheapest way from box a to box b (fewest dots, then shortest), or None."""
        count = itertools.count()
        queue: list = []
        best: dict = {}
        for p in self._near(a, True):
            cost = self._leg(a, dot(p))
            if cost is not None:
                heapq.heappush(queue, (DOT_COST + cost, next(count), p, None, (p,)))
        ends = set(self._near(b, False))
        while queue:
            cost, _, p, heading, dots = heapq.heappop(queue)
            if p == "end":
                return list(dots)
            if best.get((p, heading), math.inf) <= cost:
                continue
            best[(p, heading)] = cost
            if p in ends:
                last = self._leg(dot(p), b)
                if last is not None:
                    extra = 0.0 if dots[-1] == p else DOT_COST
                    heapq.heappush(queue, (cost + extra + last, next(count), "end", None,
                                           dots if dots[-1] == p else (*dots, p)))
            for q, way in self._neighbours(p):
                turn = heading is not None and way != heading
                placed = (*dots, p) if turn and dots[-1] != p else dots
                heapq.heappush(queue, (cost + math.dist(p, q) + (DOT_COST if turn else 0.0), next(count), q, way,
                                       placed))
        return None

    def legs(self, a: Rect, b: Rect, dots: Sequence[tuple[float, float]]) -> list[Route]:
        """The connectors from a through the dots to b."""
        others = [r for r in (*self.obstacles, *self.keep_out) if r not in (a, b)]
        out = [choose(a, dot(dots[0]), others)[0]]
        out += [straight(p, q) for p, q in itertools.pairwise(dots)]
        out.append(choose(dot(dots[-1]), b, others)[0])
        return out


def draw(page, first, second, legs: Sequence[Route], dots: Sequence[tuple[float, float]], colour: str, plain,
         arrow, name: str):
    """The dots (decorative: the last leg carries the arrow's alt text) and the legs glued to them, the last
    with the arrowhead; returns the last leg."""
    shapes = []
    for i, p in enumerate(dots):
        r = dot(p)
        shape = page.box(r.x, r.y, r.w, r.h, fill=colour, line=None)
        shape.name = f"via-{name}-{i + 1}"
        decorative(shape)
        shapes.append(shape)
    ends = [first, *shapes, second]
    line = None
    for i, (route, (x, y)) in enumerate(zip(legs, itertools.pairwise(ends), strict=True)):
        last = i == len(legs) - 1
        line = connect(page.slide, x, y, route, arrow if last else plain)
        if not last:
            line.name = f"{name}-leg{i + 1}"
            decorative(line)
    return line
