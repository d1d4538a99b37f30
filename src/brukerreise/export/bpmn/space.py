"""What is where on the diagram, indexed so that a way or a label tried is checked against what lies near
it only: boxes by the strips of the plane they stand in, flow segments by the line they run on."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from ...render.geometry import Point, Rect

STRIP = 100.0  # px: the width of a strip of the plane


def _strips(x0: float, x1: float) -> range:
    return range(int(x0 // STRIP), int(x1 // STRIP) + 1)


class Boxes:
    """Rectangles, each under every strip it stands in."""

    def __init__(self, boxes: Iterable[Rect] = ()) -> None:
        self._in: dict[int, list[Rect]] = defaultdict(list)
        for box in boxes:
            self.add(box)

    def add(self, box: Rect) -> None:
        for k in _strips(box.x, box.right):
            self._in[k].append(box)

    def near(self, x0: float, x1: float) -> Iterator[Rect]:
        """Every box in the strips from x0 to x1 (some more than once)."""
        for k in _strips(x0, x1):
            yield from self._in.get(k, ())

    def overlaps(self, box: Rect) -> bool:
        """Whether `box` overlaps any of them."""
        return any(box.x < r.right and r.x < box.right and box.y < r.bottom and r.y < box.bottom
                   for r in self.near(box.x, box.right))

    def crossed(self, route: Sequence[Point], ends: Sequence[Rect] = ()) -> bool:
        """Whether an (axis-parallel) segment of the route passes through the inside of a box not in `ends`."""
        for p, q in zip(route, route[1:]):
            for box in self.near(min(p[0], q[0]), max(p[0], q[0])):
                if _crosses(p, q, box) and not any(box is end for end in ends):
                    return True
        return False


def _crosses(p: Point, q: Point, box: Rect) -> bool:
    """Whether the axis-parallel segment p–q passes through the inside of `box`."""
    if p[0] == q[0]:
        return box.x < p[0] < box.right and min(p[1], q[1]) < box.bottom and box.y < max(p[1], q[1])
    return box.y < p[1] < box.bottom and min(p[0], q[0]) < box.right and box.x < max(p[0], q[0])


class Lines:
    """Flow segments laid so far, by the line they run on, each with the ends of its flow (flows from or to
    one node may share a stretch: forks and joins are drawn so)."""

    def __init__(self) -> None:
        self._on: dict[tuple[str, float], list[tuple[frozenset[str], float, float]]] = defaultdict(list)

    @staticmethod
    def _lines(route: Sequence[Point]) -> Iterator[tuple[tuple[str, float], float, float]]:
        for p, q in zip(route, route[1:]):
            if p[0] == q[0]:
                yield ("x", p[0]), min(p[1], q[1]), max(p[1], q[1])
            if p[1] == q[1]:
                yield ("y", p[1]), min(p[0], q[0]), max(p[0], q[0])

    def add(self, route: Sequence[Point], ends: frozenset[str]) -> None:
        for line, lo, hi in self._lines(route):
            self._on[line].append((ends, lo, hi))

    def taken(self, route: Sequence[Point], ends: frozenset[str]) -> bool:
        """Whether a segment of the route runs along a stretch of another flow's (one without these ends)."""
        return any(min(hi, other_hi) - max(lo, other_lo) > 0 and not other & ends
                   for line, lo, hi in self._lines(route) for other, other_lo, other_hi in self._on.get(line, ()))
