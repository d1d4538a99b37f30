"""Where the boxes, continuation labels and arrows of a swimlane slide go, so that every arrow can be followed:
each arrow has its own ports on its boxes, its own track in every gap between columns and every channel
between rows it uses, and runs in level and upright legs only — no two arrows share a segment, none runs
through a box. Gaps and channels widen to hold their tracks; the boxes take what is left."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence

import attrs

from ...render.geometry import Rect

TRACK = 6.0  # between two tracks, and between a track and a gap's edge
LABEL_SPACE = 4.0
PORT_GAP = 8.0  # between two arrows' ports on one side of a box, where the slide has room
MIN_JOG = 8.0  # the least bend of an arrow: two dots apart and seen  # between two continuation labels, and between a label and its lane's edge


@attrs.frozen
class End:
    """One end of an arrow: a step box here, or a continuation label in the left (column -1) or right
    (column n) strip; `row` is the grid row of the box, or of the step here that the label belongs to."""

    key: str
    column: int
    row: int
    label: bool = False


@attrs.frozen
class Arrow:
    source: End
    target: End


@attrs.frozen
class Grid:
    """The slide's logical layout: `n` columns, rows in lanes (first row, row count), the boxes' cells."""

    columns: int
    lanes: tuple[tuple[int, int], ...]
    cells: dict[str, tuple[int, int]]  # step → (column, row)

    @property
    def rows(self) -> int:
        return sum(n for _, n in self.lanes)

    def lane_of(self, row: int) -> int:
        return next(i for i, (first, n) in enumerate(self.lanes) if first <= row < first + n)


@attrs.frozen
class Frame:
    """The space a grid is laid out in: `area` beside the lane headers, with strips for labels."""

    area: Rect  # the whole grid area (lane bands span it)
    left: float  # where the columns (or the left strip) begin
    label_width: float
    left_strip: bool
    right_strip: bool
    gap: float  # the least gap between two columns, and between a strip and the columns
    channel: float  # the least channel between two rows
    max_box_width: float
    max_box_height: float
    least_row: float  # the height a row keeps however many labels other lanes have
    label_wanted: float  # the height a continuation label asks room for in its lane (its text may need more)


@attrs.frozen
class Drawing:
    boxes: dict[str, Rect]
    lanes: tuple[Rect, ...]
    labels: dict[str, Rect]
    paths: dict[Arrow, tuple[tuple[float, float], ...]]  # from the source's side to the target's


# --- the logical routes -------------------------------------------------------------------------------


@attrs.frozen
class Plan:
    """How an arrow runs: from its source's gap (or along its source's row to the target's gap), possibly
    along a channel between rows, to its target's gap."""

    kind: str  # 'z' (one gap), 'source_row', 'target_row', 'channel'
    first_gap: int
    last_gap: int
    channel: int | None = None


def _free(grid: Grid, row: int, first: int, last: int) -> bool:
    taken = {cell for cell in grid.cells.values()}
    return not any((c, row) in taken for c in range(max(first, 0), min(last, grid.columns - 1) + 1))


def plan(grid: Grid, arrow: Arrow, channel_use: dict[int, int], force_channel: bool = False) -> Plan:
    s, t = arrow.source, arrow.target
    if t.column == s.column + 1:
        return Plan("z", s.column, s.column)
    if not force_channel:
        if not s.label and _free(grid, s.row, s.column + 1, t.column if not t.label else grid.columns - 1) \
                and (t.label or t.row != s.row):
            return Plan("source_row", t.column - 1, t.column - 1)
        if not t.label and _free(grid, t.row, s.column if not s.label else 0, t.column - 1) \
                and (s.label or t.row != s.row):
            return Plan("target_row", s.column, s.column)
    low, high = sorted((s.row, t.row))
    options = list(range(low + 1, high + 1)) if low != high else [low, low + 1]
    k = min(options, key=lambda c: (channel_use.get(c, 0), abs(c - (low + high + 1) / 2), c))
    channel_use[k] = channel_use.get(k, 0) + 1
    return Plan("channel", s.column, t.column - 1, k)


def _gaps(p: Plan) -> tuple[int, ...]:
    return (p.first_gap,) if p.first_gap == p.last_gap and p.kind != "channel" else (p.first_gap, p.last_gap)


def _channel_tracks(plans: dict[Arrow, Plan]) -> dict[Arrow, tuple[int, int]]:
    """Each channel route's track in its channel, and the channel's track count: intervals that overlap (by
    gap) get different tracks."""
    out: dict[Arrow, tuple[int, int]] = {}
    by_channel: dict[int, list[Arrow]] = {}
    for arrow, p in plans.items():
        if p.channel is not None:
            by_channel.setdefault(p.channel, []).append(arrow)
    for arrows in by_channel.values():
        ends: list[float] = []  # per track, the last gap used
        mine = {}
        for arrow in sorted(arrows, key=lambda x: (plans[x].first_gap, plans[x].last_gap)):
            p = plans[arrow]
            track = next((i for i, e in enumerate(ends) if e < p.first_gap), None)
            if track is None:
                ends.append(p.last_gap)
                track = len(ends) - 1
            else:
                ends[track] = p.last_gap
            mine[arrow] = track
        for arrow, track in mine.items():
            out[arrow] = (track, len(ends))
    return out


# --- the geometry ---------------------------------------------------------------------------------------


def layout(grid: Grid, arrows: Sequence[Arrow], frame: Frame,
           label_height: Callable[[str, float], float]) -> Drawing:
    """Lay the grid out with every arrow routed; an arrow whose easy route meets another's falls back to a
    route along a channel of its own (and the layout is made again)."""
    forced: set[Arrow] = set()
    drawing = None
    for _ in range(4):
        drawing, bad = _attempt(grid, arrows, frame, label_height, forced)
        if not bad:
            return drawing
        forced |= bad
    assert drawing is not None
    return drawing


def _attempt(grid: Grid, arrows: Sequence[Arrow], frame: Frame, label_height: Callable[[str, float], float],
             forced: set[Arrow]) -> tuple[Drawing, set[Arrow]]:
    use: dict[int, int] = {}
    plans = {a: plan(grid, a, use, a in forced) for a in arrows}
    channel_tracks = _channel_tracks(plans)
    n, rows = grid.columns, grid.rows
    gap_count: dict[int, int] = {}
    for p in plans.values():
        for g in _gaps(p):
            gap_count[g] = gap_count.get(g, 0) + 1
    gap_width = {g: max(frame.gap, TRACK * (gap_count.get(g, 0) + 1)) for g in range(-1, n)}
    channel_height = {k: max(frame.channel if 0 < k < rows else frame.channel / 2,
                             TRACK * (max((t for a, (_, t) in channel_tracks.items() if plans[a].channel == k),
                                          default=0) + 1))
                      for k in range(rows + 1)}
    # columns
    x = frame.left + (frame.label_width + gap_width[-1] if frame.left_strip else 0.0)
    right = frame.area.right - (frame.label_width + gap_width[n - 1] if frame.right_strip else 0.0)
    inner = sum(gap_width[g] for g in range(n - 1))
    box_w = min(frame.max_box_width, (right - x - inner) / n)
    col_x = []
    for c in range(n):
        col_x.append(x)
        x += box_w + (gap_width[c] if c < n - 1 else 0.0)
    columns_right = col_x[-1] + box_w
    # rows: what the channels leave, shared out by lane — a lane with many continuation labels gets room for
    # them — then among the lane's rows; boxes no taller than the largest
    need: dict[tuple[int, bool], float] = {}
    for a in arrows:
        for label, incoming in ((a.source, True), (a.target, False)):
            if label.label:
                side = (grid.lane_of(label.row), incoming)
                wanted_h = min(label_height(label.key, frame.label_width), frame.label_wanted)
                need[side] = need.get(side, LABEL_SPACE + TRACK) + wanted_h + LABEL_SPACE
    # and a box met by many arrows is tall enough for its ports to lie apart
    sides: dict[tuple[str, bool], int] = {}
    for a in arrows:
        for meets, incoming in ((a.source, False), (a.target, True)):
            if not meets.label:
                sides[(meets.key, incoming)] = sides.get((meets.key, incoming), 0) + 1
    row_need: dict[int, float] = {}
    for (key, _), k in sides.items():
        row = grid.cells[key][1]
        row_need[row] = max(row_need.get(row, 0.0), (k + 1) * PORT_GAP)
    space = frame.area.h - sum(channel_height.values())
    lane_h = _share(space, [(n, max(need.get((i, True), 0.0), need.get((i, False), 0.0),
                                    sum(row_need.get(r, 0.0) for r in range(first, first + n))))
                            for i, (first, n) in enumerate(grid.lanes)], frame.least_row)
    row_h = [lane_h[i] / n for i, (_, n) in enumerate(grid.lanes) for _ in range(n)]
    box_hs = [min(frame.max_box_height, h) for h in row_h]
    row_y = []
    y = frame.area.y + channel_height[0]
    for r in range(rows):
        row_y.append(y + (row_h[r] - box_hs[r]) / 2)
        y += row_h[r] + channel_height[r + 1]
    channel_span = {}  # channel k: (top, bottom) of its free space
    for k in range(rows + 1):
        top = frame.area.y if k == 0 else row_y[k - 1] + box_hs[k - 1]
        bottom = frame.area.bottom if k == rows else row_y[k]
        channel_span[k] = (top, bottom)
    bands = []
    for first, count in grid.lanes:
        top = frame.area.y if first == 0 else sum(channel_span[first]) / 2
        bottom = frame.area.bottom if first + count == rows else sum(channel_span[first + count]) / 2
        bands.append(Rect(frame.area.x, top, frame.area.w, bottom - top))
    boxes = {s: Rect(col_x[c], row_y[r], box_w, box_hs[r]) for s, (c, r) in grid.cells.items()}
    gap_span = {g: ((col_x[g] + box_w) if g >= 0 else col_x[0] - gap_width[-1],
                    col_x[g + 1] if g + 1 < n else columns_right + gap_width[n - 1]) for g in range(-1, n)}

    # ports: per cell (row, gap), each arrow end on the boxes beside it its own height
    cell_items: dict[tuple[int, int], list[tuple[Arrow, str]]] = {}
    for a in arrows:
        s, t = a.source, a.target
        if not s.label:
            cell_items.setdefault((s.row, s.column), []).append((a, "out"))
        if not t.label:
            cell_items.setdefault((t.row, t.column - 1), []).append((a, "in"))
    port_y: dict[tuple[Arrow, str], float] = {}
    order = {a: i for i, a in enumerate(arrows)}
    for (row, _), items in cell_items.items():
        straight = {a for a, end in items if end == "out" and (a, "in") in items}

        def other_row(item: tuple[Arrow, str]) -> tuple[float, int]:
            a, end = item
            e = a.target if end == "out" else a.source
            return (e.row + (0.5 if e.label else 0.0), 0 if end == "in" else 1)

        slots = sorted((item for item in items if not (item[1] == "in" and item[0] in straight)),
                       key=lambda item: (*other_row(item), order[item[0]]))
        for i, (a, end) in enumerate(slots):
            y = row_y[row] + box_hs[row] * (i + 1) / (len(slots) + 1)
            port_y[(a, end)] = y
            if a in straight:
                port_y[(a, "in")] = y

    # the heights a label's arrow must not leave it at: other arrows' ports and channel tracks
    taken_y = set(port_y.values())
    track_y: dict[Arrow, float] = {}  # each channel route's level in its channel
    for a, (track, count) in channel_tracks.items():
        top, bottom = channel_span[plans[a].channel]  # type: ignore[index]
        track_y[a] = top + (bottom - top) * (track + 1) / (count + 1)
        taken_y.add(track_y[a])

    # labels: in the lane of their step here, in their strip, each as near its arrow's port as the others allow
    labels: dict[str, Rect] = {}
    label_x = {True: frame.left, False: columns_right + gap_width[n - 1]}
    wanted: dict[tuple[bool, int], list[tuple[Arrow, str, float]]] = {}
    for a in arrows:
        for label, other, incoming in ((a.source, (a, "in"), True), (a.target, (a, "out"), False)):
            if label.label:
                wanted.setdefault((incoming, grid.lane_of(label.row)), []).append((a, label.key, port_y[other]))
    for (incoming, lane), wants in wanted.items():
        band = bands[lane]
        room = (band.h - LABEL_SPACE * (len(wants) + 1)) / len(wants)
        heights = [min(label_height(key, frame.label_width), room) for _, key, _ in wants]
        tops = _stack([y - h / 2 for (_, _, y), h in zip(wants, heights, strict=True)], heights,
                      band.y + LABEL_SPACE, band.bottom - LABEL_SPACE)
        placed = [Rect(label_x[incoming], top, frame.label_width, h) for top, h in zip(tops, heights, strict=True)]
        for i, (a, _, own) in enumerate(wants):
            placed[i] = _clear(placed[i], own, taken_y, band, placed[:i] + placed[i + 1:], track_y.get(a))
        for (_, key, _), rect in zip(wants, placed, strict=True):
            labels[key] = rect

    # a label's arrow leaves its box level with the label where the box's side has room for that
    cell_of = {}
    for cell, items in cell_items.items():
        for item in items:
            cell_of[item] = cell
    for a in arrows:
        for label, item in ((a.source, (a, "in")), (a.target, (a, "out"))):
            if not label.label or item not in port_y or plans[a].channel is not None:
                continue
            y = labels[label.key].cy
            box = boxes[a.target.key if item[1] == "in" else a.source.key]
            others = [port_y[i] for i in cell_items[cell_of[item]] if i != item and i in port_y]
            if (box.y + TRACK / 2 <= y <= box.bottom - TRACK / 2 and all(abs(y - o) >= TRACK / 2 for o in others)
                    and all(abs(y - t) >= TRACK / 2 for t in taken_y - {port_y[item]})
                    and all((o - y) * (o - port_y[item]) > 0 for o in others)):  # the order stays
                taken_y.discard(port_y[item])
                port_y[item] = y
                taken_y.add(y)
                continue
            # else the label moves level with the port, or at least far enough from it for a visible bend
            band = bands[grid.lane_of(label.row)]
            diff = port_y[item] - y
            for dy in (diff, *((diff - math.copysign(MIN_JOG, diff or 1), diff + math.copysign(MIN_JOG, diff or 1))
                               if 0.01 < abs(diff) < MIN_JOG else ())):
                moved = _moved(labels, label.key, dy, band)
                if moved is not None:
                    labels[label.key] = moved
                    break

    # last, a bend too small to see (its dots would overlap) goes: the port moves level with its label, or
    # far enough from it
    for a in arrows:
        for label, item in ((a.source, (a, "in")), (a.target, (a, "out"))):
            if not label.label or item not in port_y or plans[a].channel is not None:
                continue
            y = labels[label.key].cy
            if not 0.01 < abs(port_y[item] - y) < MIN_JOG:
                continue
            box = boxes[a.target.key if item[1] == "in" else a.source.key]
            others = [port_y[i] for i in cell_items[cell_of[item]] if i != item and i in port_y]
            for new in (y, *(y + k * MIN_JOG * sign for k in (1, 1.5, 2, 3) for sign in (1, -1))):
                if (box.y + 1 <= new <= box.bottom - 1 and all(abs(new - o) >= 1.5 for o in others)
                        and all(abs(new - t) >= 1.5 for t in taken_y - {port_y[item]})):
                    taken_y.discard(port_y[item])
                    port_y[item] = new
                    taken_y.add(new)
                    break

    # the ends' points: a label's site is level with the line that reaches it where the label spans that
    # level (the arrow runs straight on), else at least a visible bend away from it
    def label_site(r: Rect, level: float) -> float:
        low, high = r.y + LABEL_SPACE, r.bottom - LABEL_SPACE
        if low > high:
            return r.cy

        def ok(y: float) -> bool:
            if abs(y - level) < 0.01:
                return True
            return (low <= y <= high and abs(y - level) >= MIN_JOG
                    and all(abs(y - t) >= 1.5 for t in taken_y if abs(t - level) >= 0.01))

        clamped = min(max(level, low), high)
        nudged = level + math.copysign(MIN_JOG, clamped - level) if clamped != level else level
        scan = (r.cy + k * sign for k in range(0, int(r.h)) for sign in (1, -1))
        return next((y for y in (level if low <= level <= high else clamped, nudged, *scan) if ok(y)), r.cy)

    def level_at(a: Arrow, label: End) -> float:
        if plans[a].channel is not None:
            return track_y[a]
        return port_y[(a, "in")] if label is a.source else port_y[(a, "out")]

    def start(a: Arrow) -> tuple[float, float]:
        if a.source.label:
            r = labels[a.source.key]
            return (r.right, label_site(r, level_at(a, a.source)))
        return (boxes[a.source.key].right, port_y[(a, "out")])

    def finish(a: Arrow) -> tuple[float, float]:
        if a.target.label:
            r = labels[a.target.key]
            return (r.x, label_site(r, level_at(a, a.target)))
        return (boxes[a.target.key].x, port_y[(a, "in")])

    def channel_level(a: Arrow, p: Plan) -> float:
        """The height of an arrow's own track in the channel it crosses."""
        assert p.channel is not None
        top, bottom = channel_span[p.channel]
        track, count = channel_tracks[a]
        return top + (bottom - top) * (track + 1) / (count + 1)

    # tracks in each gap: downward arrows first, the one starting highest on the right; then upward ones
    by_gap: dict[int, list[tuple[Arrow, float, float]]] = {}
    for a, p in plans.items():
        (sx, sy), (tx, ty) = start(a), finish(a)
        if p.kind == "channel":
            h = channel_level(a, p)
            by_gap.setdefault(p.first_gap, []).append((a, sy, h))
            by_gap.setdefault(p.last_gap, []).append((a, h, ty))
        else:
            by_gap.setdefault(p.first_gap, []).append((a, sy, ty))
    track_x: dict[tuple[Arrow, int], float] = {}
    for g, runs in by_gap.items():
        lo, hi = gap_span[g]
        ordered = sorted(runs, key=lambda t: (0, -t[1]) if t[2] >= t[1] else (1, t[1]))
        for i, (a, _, _) in enumerate(ordered):
            track_x[(a, g)] = lo + (hi - lo) * (i + 1) / (len(ordered) + 1)

    paths: dict[Arrow, tuple[tuple[float, float], ...]] = {}
    for a, p in plans.items():
        (sx, sy), (tx, ty) = start(a), finish(a)
        if p.kind == "channel":
            h = channel_level(a, p)
            x1, x2 = track_x[(a, p.first_gap)], track_x[(a, p.last_gap)]
            points = [(sx, sy), (x1, sy), (x1, h), (x2, h), (x2, ty), (tx, ty)]
        else:
            x1 = track_x[(a, p.first_gap)]
            points = [(sx, sy), (x1, sy), (x1, ty), (tx, ty)]
        paths[a] = _simplify(points)
    drawing = Drawing(boxes, tuple(bands), labels, paths)
    return drawing, _conflicts(drawing, arrows) - forced if len(forced) < len(arrows) else set()


def _share(space: float, lanes: Sequence[tuple[int, float]], least_row: float) -> list[float]:
    """Each lane's height: the space shared out by rows, but at least what the lane's labels need — and every
    row at least `least_row` — as far as the space goes (short of it, in proportion to that need)."""
    needs = [max(need, n * least_row) for n, need in lanes]
    if sum(needs) >= space:
        return [need * space / sum(needs) for need in needs]
    low, high = 0.0, space
    for _ in range(60):  # the row height at which the lanes fill the space
        mid = (low + high) / 2
        if sum(max(need, n * mid) for (n, _), need in zip(lanes, needs, strict=True)) > space:
            high = mid
        else:
            low = mid
    heights = [max(need, n * low) for (n, _), need in zip(lanes, needs, strict=True)]
    return [h * space / sum(heights) for h in heights]


def _stack(wanted: list[float], heights: list[float], top: float, bottom: float) -> list[float]:
    """Tops for boxes of these heights, each as near its wanted top as the ones before allow, between top and
    bottom, in the wanted order."""
    order = sorted(range(len(wanted)), key=lambda i: (wanted[i], i))
    out = [0.0] * len(wanted)
    y = top
    for i in order:
        out[i] = max(wanted[i], y)
        y = out[i] + heights[i] + LABEL_SPACE
    y = bottom
    for i in reversed(order):
        out[i] = min(out[i], y - heights[i])
        y = out[i] - LABEL_SPACE
    return out


def _moved(labels: dict[str, Rect], key: str, dy: float, band: Rect) -> Rect | None:
    """The label moved down by dy, if it stays in its lane and clear of the other labels in its strip."""
    r = labels[key]
    moved = attrs.evolve(r, y=r.y + dy)
    if moved.y < band.y + 1 or moved.bottom > band.bottom - 1:
        return None
    if any(k != key and abs(o.x - r.x) < 0.5 and moved.y < o.bottom + 1 and o.y < moved.bottom + 1
           for k, o in labels.items()):
        return None
    return moved


def _clear(r: Rect, own: float, taken: set[float], band: Rect, others: Sequence[Rect], level: float | None) -> Rect:
    """The label moved a little up or down, if need be, so that its arrow leaves it at its own height, not
    at another arrow's port or channel track (where the two would run together), and far enough from its own
    channel track, if it runs along one, for the bend to be seen."""
    def ok(y: float) -> bool:
        if level is not None and abs(y - level) < 0.01:
            return True  # level with its track: the arrow runs straight on into the label
        if level is not None and abs(y - level) < MIN_JOG:
            return False
        return abs(y - own) < 0.01 or all(abs(y - t) >= 1.5 for t in taken)

    if ok(r.cy):
        return r
    near = (level - r.cy,) if level is not None and abs(level - r.cy) < 3 * MIN_JOG else ()
    for step in (*near, 2, -2, 4, -4, 6, -6, 8, -8, 10, -10, 12, -12, 16, -16, 20, -20):
        moved = attrs.evolve(r, y=r.y + step)
        if (moved.y >= band.y + 1 and moved.bottom <= band.bottom - 1 and ok(moved.cy)
                and not any(moved.y < o.bottom + 1 and o.y < moved.bottom + 1 for o in others)):
            return moved
    return r


def _simplify(points: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """The polyline without repeated points or points in the middle of a straight run."""
    out: list[tuple[float, float]] = []
    for p in points:
        if out and abs(out[-1][0] - p[0]) < 0.01 and abs(out[-1][1] - p[1]) < 0.01:
            continue
        if len(out) >= 2 and (abs(out[-2][0] - out[-1][0]) < 0.01 and abs(out[-1][0] - p[0]) < 0.01
                              or abs(out[-2][1] - out[-1][1]) < 0.01 and abs(out[-1][1] - p[1]) < 0.01):
            out[-1] = p
            continue
        out.append(p)
    return tuple(out)


def segments_overlap(p: tuple[tuple[float, float], tuple[float, float]],
                     q: tuple[tuple[float, float], tuple[float, float]], tolerance: float = 1.0) -> bool:
    """Whether two level or upright segments run along each other for more than `tolerance`."""
    (a, b), (c, d) = p, q
    for axis in (0, 1):
        other = 1 - axis
        if (abs(a[other] - b[other]) < 0.01 and abs(c[other] - d[other]) < 0.01
                and abs(a[other] - c[other]) < tolerance):
            lo = max(min(a[axis], b[axis]), min(c[axis], d[axis]))
            hi = min(max(a[axis], b[axis]), max(c[axis], d[axis]))
            if hi - lo > tolerance:
                return True
    return False


def _through(p: tuple[float, float], q: tuple[float, float], r: Rect, margin: float = 0.5) -> bool:
    x0, x1 = sorted((p[0], q[0]))
    y0, y1 = sorted((p[1], q[1]))
    return x0 < r.right - margin and x1 > r.x + margin and y0 < r.bottom - margin and y1 > r.y + margin


def _conflicts(d: Drawing, arrows: Sequence[Arrow]) -> set[Arrow]:
    """The arrows that share a segment with an earlier one, or run through a box or label not their own."""
    bad: set[Arrow] = set()
    legs = {a: list(itertools.pairwise(d.paths[a])) for a in arrows}
    shapes = {**d.boxes, **d.labels}
    for i, a in enumerate(arrows):
        own = {a.source.key, a.target.key}
        if any(_through(p, q, r) for p, q in legs[a] for k, r in shapes.items() if k not in own):
            bad.add(a)
            continue
        for b in arrows[:i]:
            if any(segments_overlap(s, t) for s in legs[a] for t in legs[b]):
                bad.add(a)
                break
    return bad
