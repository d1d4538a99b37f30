"""Orthogonal arrow routes that never cross a box: vertical runs in the gutters between columns (one
track per arrow), horizontal runs in a lane's top channel, and data arrows in the gutter right of a step."""

from __future__ import annotations

from collections.abc import Sequence

from .shapes import Point, Rect


def flow_tracks(spans: Sequence[tuple[int, int]]) -> tuple[list[tuple[int, int | None]], dict[int, int]]:
    """For arrows from column a to column b: the track each uses in the gutter after a and, when it runs
    further than the next column, in the gutter before b; and how many tracks each gutter needs."""
    used: dict[int, int] = {}
    tracks: list[tuple[int, int | None]] = []
    for a, b in spans:
        first = used.get(a, 0)
        used[a] = first + 1
        second = None
        if b - 1 != a:
            second = used.get(b - 1, 0)
            used[b - 1] = second + 1
        tracks.append((first, second))
    return tracks, used


def data_tracks(columns: Sequence[int]) -> tuple[list[int], dict[int, int]]:
    """For data arrows at steps in these columns: each one's track in its column's data gutter."""
    used: dict[int, int] = {}
    tracks = []
    for c in columns:
        tracks.append(used.get(c, 0))
        used[c] = tracks[-1] + 1
    return tracks, used


def flow_route(tail: Rect, head: Rect, x1: float, x2: float | None, channel_y: float) -> tuple[Point, ...]:
    """From the tail's right side to the head's left side; x1/x2 are vertical tracks in the gutter after the
    tail and before the head (x2 None when that is the same gutter); long runs use the head lane's channel."""
    start, end = (tail.right, tail.cy), (head.x, head.cy)
    if x2 is None:
        points = [start, (x1, tail.cy), (x1, head.cy), end]
    else:
        points = [start, (x1, tail.cy), (x1, channel_y), (x2, channel_y), (x2, head.cy), end]
    return simplify(points)


def data_route(source: Point, target: Point, x: float) -> tuple[Point, ...]:
    """Between two right-side attachment points in one column, through the vertical track at x."""
    return simplify([source, (x, source[1]), (x, target[1]), target])


def simplify(points: Sequence[Point]) -> tuple[Point, ...]:
    """Drop repeated points and the middle of straight runs."""
    kept: list[Point] = []
    for p in points:
        if kept and kept[-1] == p:
            continue
        if len(kept) >= 2 and _collinear(kept[-2], kept[-1], p):
            kept[-1] = p
            continue
        kept.append(p)
    return tuple(kept)


def _collinear(a: Point, b: Point, c: Point) -> bool:
    """b lies on the straight run from a to c."""
    if a[0] == b[0] == c[0]:
        return min(a[1], c[1]) <= b[1] <= max(a[1], c[1])
    if a[1] == b[1] == c[1]:
        return min(a[0], c[0]) <= b[0] <= max(a[0], c[0])
    return False
