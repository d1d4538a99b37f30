"""BPMN DI: where each pool, node, flow and label is drawn, from our own grid (render/grid.py), so the
file opens laid out and readable in bpmn-js: pools stacked in lane order, tasks in their time columns
(wide enough for their longest word, tall enough for their name), events and gateways in the gutters
beside their task, message flows in channels of their own (a horizontal track in the gap between pools,
a vertical channel at a gutter's left edge, by a task's left side where others are stacked in its
way), sequence flows round them and round every node (along the pool's bottom, on a track of its own,
where no turn in a gutter is free), and every label where it overlaps nothing (placing.py). Every way
is checked against every node and every flow's line laid before it (space.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence

import attrs

from ...analysis import JourneyAnalysis
from ...render import grid
from ...render.geometry import Point, Rect
from ...render.plaintext import plain
from .collaboration import Collaboration, Kind, MessageFlow, Node, Slot
from . import textlayout
from .placing import place_labels
from .space import Boxes, Lines

Free = Callable[[Sequence[Point]], bool]  # whether a way passes through no node and runs on no flow's line

MARGIN = 40.0
POOL_LABEL = 30.0  # the band on a pool's left that holds its name
POOL_GAP = 40.0  # the least gap between pools; more where message flows run along it
TRACK = 8.0  # between message flows running side by side
TURN = 6.0  # between sequence flows turning side by side
TASK = (100.0, 80.0)  # the smallest task; wider where a word needs it, taller where the name does
TASK_MAX = 400.0  # the widest a task grows for a word
TEXT_SIZE = 12.0  # bpmn-js writes a task's name in 12 px Arial, inside 5 px of padding
TEXT_PAD = 5.0
TEXT_SLACK = 6.0  # browsers measure a little wider than the font's own widths
SIZE = {Kind.START: (36.0, 36.0), Kind.END: (36.0, 36.0), Kind.GATEWAY: (50.0, 50.0)}
SLOT = 50.0  # a gutter holds two slots: nodes after the column's tasks, then nodes before the next's
GUTTER = 15.0 + SLOT + 10.0 + SLOT + 15.0
LANE_PAD = 30.0
BLACK_BOX = 60.0


@attrs.frozen
class Drawing:
    pools: dict[str, Rect]  # participant id -> bounds
    nodes: dict[str, Rect]
    edges: dict[str, tuple[Point, ...]]  # flow id -> waypoints
    labels: dict[str, Rect]  # node or flow id -> its label's bounds


def _fits(title: str, width: float) -> bool:
    """Whether bpmn-js breaks no word of the name in a task this wide (with or without the slack browsers
    measure by)."""
    return all(textlayout.breaks_no_word(plain(title), width - 2 * TEXT_PAD - slack, TEXT_SIZE)
               for slack in (0.0, TEXT_SLACK))


def _need(title: str, start: float) -> float:
    """The least width (in tens of px, from `start`) at which bpmn-js breaks no word of the name."""
    width = start
    while not _fits(title, width):
        width += 10.0
    return width


def task_width(a: JourneyAnalysis) -> float:
    """Every task as wide (in tens of px) as the widest that bpmn-js needs to break no word of any task's
    name («terminbekreftel|se»), up to TASK_MAX; at least the usual 100 px."""
    width = TASK[0]
    for s in a.steps:
        while width < TASK_MAX and not _fits(s.title, width):
            width += 10.0
    return width


def column_widths(a: JourneyAnalysis, n_columns: int) -> list[float]:
    """Each column's tasks as wide as task_width, or wider where a name holds a word longer than that
    (a column as wide as its tasks need, so that no word of any name breaks, however long)."""
    base = task_width(a)
    widths = [base] * n_columns
    for s in a.steps:
        column = a.columns[s.id]
        widths[column] = _need(s.title, widths[column])
    return widths


def task_height(title: str, width: float) -> float:
    """Tall enough for the name as bpmn-js wraps it at the task's width; at least the usual 80 px."""
    n = max(textlayout.most_lines(plain(title), width - 2 * TEXT_PAD - slack, TEXT_SIZE) for slack in (0.0, TEXT_SLACK))
    return max(TASK[1], 10.0 * -(-(n * TEXT_SIZE * textlayout.LINE_HEIGHT + 2 * TEXT_PAD + 10) // 10))


def draw(a: JourneyAnalysis, c: Collaboration) -> Drawing:
    """The drawing, with room along each pool's bottom for the detours its sequence flows take (found by
    drawing it, then again with that room, until the room holds them)."""
    room: dict[int, int] = {}
    for _ in range(5):
        drawing, detours = _draw(a, c, room)
        if all(n <= room.get(p, 0) for p, n in detours.items()):
            break
        room = {p: max(n, room.get(p, 0)) for p, n in {**room, **detours}.items()}
    return drawing


def _draw(a: JourneyAnalysis, c: Collaboration, room: dict[int, int]) -> tuple[Drawing, dict[int, int]]:
    n_columns = max(a.columns.values(), default=-1) + 1
    widths = column_widths(a, n_columns)
    width = min(widths, default=TASK[0])
    node_pool = {node.id: node.pool for node in c.nodes}
    pool_index = {pool.participant: i for i, pool in enumerate(c.pools)}
    column_of = {node.id: a.columns[node.anchor] for node in c.nodes}

    def pool_of(end: str) -> int:
        return node_pool[end] if end in node_pool else pool_index[end]

    # Which message flows need a vertical channel (their pools are not neighbours), and in which gutter.
    channel_gutter: dict[str, int] = {}
    for f in c.message_flows:
        if abs(pool_of(f.source) - pool_of(f.target)) > 1:
            channel_gutter[f.id] = column_of.get(f.source, a.columns[f.step])
    per_gutter: dict[int, list[str]] = defaultdict(list)
    for flow_id, g in channel_gutter.items():
        per_gutter[g].append(flow_id)
    band = {g: (TRACK * len(per_gutter[g]) + TRACK if per_gutter.get(g) else 0.0) for g in range(-1, n_columns)}
    cols = grid.place_columns(MARGIN + POOL_LABEL, n_columns, width, [w - width for w in widths],
                              {g: GUTTER + band[g] for g in range(-1, n_columns)})
    channel_x = {flow_id: cols.gutter_x[g] + TRACK * (k + 1) for g, ids in per_gutter.items() for k, flow_id in enumerate(ids)}

    lane_of = {actor.id: i for i, actor in enumerate(a.lanes)}
    cells = [grid.Cell(s, lane_of[a.step(s).owner], a.columns[s], task_height(a.step(s).title, widths[a.columns[s]]))
             for s in a.order]
    lanes = grid.place_lanes(MARGIN, len(a.lanes), cells, cols, LANE_PAD, LANE_PAD, LANE_PAD, TASK[1])

    # Horizontal tracks in the gaps: gap i lies below pool i. A flow down from pool i to pool j runs in gap i
    # (and in gap j - 1 before its target when that is another gap); up, in gap i - 1 and gap j.
    tracks: dict[int, list[tuple[str, str]]] = defaultdict(list)  # gap -> (flow id, 'source' or 'target')
    for f in c.message_flows:
        i, j = pool_of(f.source), pool_of(f.target)
        near_source, near_target = (i, j - 1) if j > i else (i - 1, j)
        tracks[near_source].append((f.id, "source"))
        if near_target != near_source:
            tracks[near_target].append((f.id, "target"))
    gap = [max(POOL_GAP, TRACK * (len(tracks.get(i, ())) + 1)) for i in range(len(c.pools))]

    # Each pool as tall as its lanes, and a track taller for each detour along its bottom.
    heights = [lanes.height[i] + TRACK * room.get(i, 0) if pool.process else BLACK_BOX for i, pool in enumerate(c.pools)]
    tops, y = [], MARGIN
    for i, h in enumerate(heights):
        tops.append(y)
        y += h + gap[i]
    shift = [tops[i] - lanes.top[i] for i in range(len(c.pools))]
    pool_width = cols.right - MARGIN
    pools = {pool.participant: Rect(MARGIN, tops[i], pool_width, heights[i]) for i, pool in enumerate(c.pools)}
    tasks = {s: Rect(box.x, box.y + shift[lane_of[a.step(s).owner]], widths[a.columns[s]], box.h)
             for s, box in lanes.boxes.items()}
    nodes = {node.id: _place(node, tasks[node.anchor], a.columns[node.anchor], cols, band) for node in c.nodes}
    in_pool: dict[int, list[Rect]] = defaultdict(list)
    for node in c.nodes:
        in_pool[node.pool].append(nodes[node.id])
    every = list(nodes.values())
    everywhere, per_pool = Boxes(every), {pool: Boxes(boxes) for pool, boxes in in_pool.items()}
    laid = Lines()  # every flow's segments so far

    def free(boxes: Boxes, ends: frozenset[str], end_boxes: tuple[Rect, ...]) -> Free:
        return lambda route: not laid.taken(route, ends) and not boxes.crossed(route, end_boxes)

    track_y: dict[tuple[str, str], float] = {}
    for g, used in tracks.items():
        top = tops[g] + heights[g]
        for k, key in enumerate(used):
            track_y[key] = top + TRACK * (k + 1)
    # Where each message flow meets a node: spread along its top or bottom edge, apart from every flow
    # meeting a node that stands at the same x in any pool (so that no two run along one line).
    sides: dict[float, list[tuple[str, str]]] = defaultdict(list)  # x of the nodes' left edge -> (flow, node)
    for f in c.message_flows:
        for end in (f.source, f.target):
            if end in nodes:
                sides[nodes[end].x].append((f.id, end))
    at: dict[tuple[str, str], float] = {}
    for meeting in sides.values():
        for k, (flow_id, node_id) in enumerate(meeting):
            box = nodes[node_id]
            at[(flow_id, node_id)] = box.x + box.w * (k + 1) / (len(meeting) + 1)
    edges: dict[str, tuple[Point, ...]] = {}
    for f in c.message_flows:  # (first: their ways are fixed by the nodes; sequence flows find theirs round them)
        ends = frozenset((f.source, f.target))
        own = tuple(nodes[end] for end in ends if end in nodes)
        edges[f.id] = _message(f, nodes, pools, at, track_y, channel_x.get(f.id), pool_of(f.target) > pool_of(f.source),
                               tasks[f.step].cx, free(everywhere, ends, own))
        laid.add(edges[f.id], ends)

    detours: dict[int, int] = defaultdict(int)  # detours so far along each pool's bottom
    for flow in c.sequence_flows:
        ends = frozenset((flow.source, flow.target))
        s, t = nodes[flow.source], nodes[flow.target]
        is_free = free(per_pool[flow.pool], ends, (s, t))
        route = _first_free(_sequence(s, t), is_free, fallback=False)
        if route is None:  # round every box: along the pool's bottom, each detour on a track of its own
            detours[flow.pool] += 1
            route = _detour(s, t, pools[c.pools[flow.pool].participant].bottom - TRACK * detours[flow.pool], is_free)
        edges[flow.id] = route
        laid.add(route, ends)

    named = [(node.id, node.name, nodes[node.id]) for node in c.nodes if node.kind is not Kind.TASK and node.name]
    labels = place_labels(named, [(f.id, f.name, edges[f.id]) for f in c.message_flows if f.name], every)
    return Drawing(pools, nodes, edges, labels), dict(detours)


def _place(node: Node, task: Rect, column: int, cols: grid.Columns, band: dict[int, float]) -> Rect:
    if node.slot is Slot.TASK:
        return task
    w, h = SIZE[node.kind]
    gutter, offset = {
        Slot.BEFORE: (column - 1, 15.0 + SLOT + 10.0), Slot.AFTER: (column, 15.0),
        Slot.ENTRY: (-1, 15.0), Slot.ENTRY_FORK: (-1, 15.0 + SLOT + 10.0),
    }[node.slot]
    return Rect(cols.gutter_x[gutter] + band[gutter] + offset + (SLOT - w) / 2, task.cy - h / 2, w, h)


def _r(route: Iterable[Point]) -> tuple[Point, ...]:
    """The route as the file writes it (to 0.1 px), without repeated points or points inside a straight run."""
    found: list[Point] = []
    for x, y in route:
        point = (round(x, 1), round(y, 1))
        if found and found[-1] == point:
            continue
        if len(found) > 1 and (found[-2][0] == found[-1][0] == point[0] or found[-2][1] == found[-1][1] == point[1]):
            found[-1] = point
        else:
            found.append(point)
    return tuple(found)


def _first_free(routes: Iterable[tuple[Point, ...]], free: Free, fallback: bool = True) -> tuple[Point, ...] | None:
    """The first of the routes that is free; else the first of them (or None without `fallback`)."""
    first = None
    for route in routes:
        route = _r(route)
        first = first or route
        if free(route):
            return route
    return first if fallback else None


def _between(lo: float, hi: float, step: float = 3.0) -> Iterator[float]:
    """x positions from lo to hi (either way round), `step` apart, both ends left out."""
    n = int(abs(hi - lo) // step)
    sign = 1.0 if hi >= lo else -1.0
    return (lo + sign * step * k for k in range(1, n + 1) if abs(lo + sign * step * k - hi) > 1.0)


def _sequence(s: Rect, t: Rect) -> Iterator[tuple[Point, ...]]:
    """Straight along the row, or turning just before the target (else just after the source, else a few
    px further in, else anywhere between): the ways _first_free tries in turn."""
    start, end = (s.right, s.cy), (t.x, t.cy)
    if s.cy == t.cy:
        yield (start, end)
        return
    late = max(end[0] - 12.0, start[0] + 12.0) if end[0] - start[0] > 24.0 else (start[0] + end[0]) / 2
    early = min(start[0] + 12.0, late)
    turns = [late, early] + [x for k in range(1, 4) for x in (late - TURN * k, early + TURN * k) if start[0] < x < end[0]]
    turns += [x for x in _between(end[0], start[0]) if x not in turns]
    for turn in turns:
        yield (start, (turn, s.cy), (turn, t.cy), end)


def _detour(s: Rect, t: Rect, y: float, free: Free) -> tuple[Point, ...]:
    """Out of the source, down to `y` (a track of its own along the pool's bottom), along and up into the
    target: turning down at the first place after the source and up at the last before the target where
    the way is free; else out of the source's bottom or into the target's bottom (where the gap beside it
    is taken)."""
    start, end = (s.right, s.cy), (t.x, t.cy)
    reach = GUTTER + TASK_MAX  # (a turn further from its end would run along a column of tasks)
    outs = (_r((start, (x, s.cy), (x, y))) for x in (start[0] + 12.0, *_between(start[0] + 6.0, min(end[0], start[0] + reach) - 6.0)))
    bottom_out = _r(((s.cx, s.bottom), (s.cx, y)))
    out = next((way for way in outs if free(way)), None) or (bottom_out if free(bottom_out) else
                                                            _r((start, (start[0] + 12.0, s.cy), (start[0] + 12.0, y))))
    ins = (_r(((x, y), (x, t.cy), end)) for x in (end[0] - 12.0, *_between(end[0] - 6.0, max(out[-1][0], end[0] - reach))))
    bottom_in = _r(((t.cx, y), (t.cx, t.bottom)))
    into = next((way for way in ins if way[0][0] > out[-1][0] and free(_r((out[-1], *way)))), None) or (
        bottom_in if free(_r((out[-1], *bottom_in))) else _r(((end[0] - 12.0, y), (end[0] - 12.0, t.cy), end)))
    return _r((*out, *into))


def _node_ways(box: Rect, x: float, bottom: bool, track: float) -> Iterator[tuple[Point, ...]]:
    """Ways from a node to its flow's track (`track`, above or below it): from its top or bottom edge at `x`,
    then elsewhere along that edge; else out of its left side and up or down just left of it (where others
    are stacked in the way), further left and further along the side in turn."""
    edge = box.bottom if bottom else box.y
    yield ((x, edge), (x, track))
    for f in (0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9):
        yield ((box.x + box.w * f, edge), (box.x + box.w * f, track))
    for n in range(int((box.h - 8.0) // 6.0)):
        y = box.bottom - 8.0 - 6.0 * n if bottom else box.y + 8.0 + 6.0 * n
        for side_x in _between(box.x, box.x - GUTTER):
            yield ((box.x, y), (side_x, y), (side_x, track))


def _pool_ways(box: Rect, x: float, bottom: bool, track: float) -> Iterator[tuple[Point, ...]]:
    """Ways from a whole pool's edge to the flow's track: at `x`, else a track's width or more either side."""
    edge = box.bottom if bottom else box.y
    for dx in (0.0, *(sign * TRACK * k for k in range(1, 40) for sign in (1.0, -1.0))):
        yield ((x + dx, edge), (x + dx, track))


def _message(f: MessageFlow, nodes: dict[str, Rect], pools: dict[str, Rect], at: dict[tuple[str, str], float],
             track_y: dict[tuple[str, str], float], channel: float | None, down: bool, step_x: float,
             free: Free) -> tuple[Point, ...]:
    """From the source to its track in the gap beside its pool, along to the channel (when the pools are not
    neighbours) and down or up it to the track beside the target's pool, then along to the target and into
    it: each end's way the first that is free (_node_ways, _pool_ways). A whole pool is met below or above
    the other end (at the step's column when both ends are whole pools)."""
    y_source = track_y[(f.id, "source")]
    y_target = track_y.get((f.id, "target"), y_source)

    def way(end: str, bottom: bool, track: float, x: float | None) -> tuple[Point, ...]:
        if end in nodes:
            ways = _node_ways(nodes[end], at[(f.id, end)], bottom, track)
        else:
            ways = _pool_ways(pools[end], x if x is not None else (channel if channel is not None else step_x), bottom, track)
        found = _first_free(ways, free)
        assert found is not None
        return found

    if f.source in nodes or f.target not in nodes:
        lead = way(f.source, down, y_source, None)
        trail = way(f.target, not down, y_target, lead[-1][0] if channel is None else None)[::-1]
    else:  # (a whole pool to a node: the node's way first, the pool met straight above or below it)
        trail = way(f.target, not down, y_target, None)[::-1]
        lead = way(f.source, down, y_source, trail[0][0] if channel is None else None)
    if channel is None:  # neighbouring pools: one track between them
        return _r((*lead, *trail))
    return _r((*lead, (channel, y_source), (channel, y_target), *trail))
