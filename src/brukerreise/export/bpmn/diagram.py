"""BPMN DI: where each pool, node, flow and label is drawn, from our own grid (render/grid.py), so the
file opens laid out and readable in bpmn-js: pools stacked in lane order, tasks in their time columns
(wide enough for their longest word, tall enough for their name), events and gateways in the gutters
beside their task, message flows in channels of their own (a horizontal track in the gap between pools,
a vertical channel at a gutter's left edge, by a task's left side where others are stacked in its
way), and every label where it overlaps nothing (placing.py)."""

from __future__ import annotations

from collections import defaultdict

import attrs

from ...analysis import JourneyAnalysis
from ...render import grid
from ...render.geometry import Point, Rect
from ...render.plaintext import plain
from .collaboration import Collaboration, Kind, MessageFlow, Node, Slot
from . import textlayout
from .placing import place_labels

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


def task_width(a: JourneyAnalysis) -> float:
    """Every task as wide (in tens of px) as the widest that bpmn-js needs to break no word of any task's
    name («terminbekreftel|se»), up to TASK_MAX; at least the usual 100 px."""
    width = TASK[0]
    for s in a.steps:
        while width < TASK_MAX and not _fits(s.title, width):
            width += 10.0
    return width


def task_height(title: str, width: float) -> float:
    """Tall enough for the name as bpmn-js wraps it at the task's width; at least the usual 80 px."""
    n = max(len(textlayout.lines(plain(title), width - 2 * TEXT_PAD - slack, TEXT_SIZE)) for slack in (0.0, TEXT_SLACK))
    return max(TASK[1], 10.0 * -(-(n * TEXT_SIZE * textlayout.LINE_HEIGHT + 2 * TEXT_PAD + 10) // 10))


def draw(a: JourneyAnalysis, c: Collaboration) -> Drawing:
    n_columns = max(a.columns.values(), default=-1) + 1
    width = task_width(a)
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
    cols = grid.place_columns(MARGIN + POOL_LABEL, n_columns, width, [0.0] * n_columns,
                              {g: GUTTER + band[g] for g in range(-1, n_columns)})
    channel_x = {flow_id: cols.gutter_x[g] + TRACK * (k + 1) for g, ids in per_gutter.items() for k, flow_id in enumerate(ids)}

    lane_of = {actor.id: i for i, actor in enumerate(a.lanes)}
    cells = [grid.Cell(s, lane_of[a.step(s).owner], a.columns[s], task_height(a.step(s).title, width)) for s in a.order]
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

    heights = [lanes.height[i] if pool.process else BLACK_BOX for i, pool in enumerate(c.pools)]
    tops, y = [], MARGIN
    for i, h in enumerate(heights):
        tops.append(y)
        y += h + gap[i]
    shift = [tops[i] - lanes.top[i] for i in range(len(c.pools))]
    pool_width = cols.right - MARGIN
    pools = {pool.participant: Rect(MARGIN, tops[i], pool_width, heights[i]) for i, pool in enumerate(c.pools)}
    tasks = {s: attrs.evolve(box, y=box.y + shift[lane_of[a.step(s).owner]]) for s, box in lanes.boxes.items()}
    nodes = {node.id: _place(node, tasks[node.anchor], a.columns[node.anchor], cols, band) for node in c.nodes}
    in_pool: dict[int, list[Rect]] = defaultdict(list)
    for node in c.nodes:
        in_pool[node.pool].append(nodes[node.id])
    below: dict[int, int] = defaultdict(int)  # detours so far along each pool's bottom
    edges: dict[str, tuple[Point, ...]] = {}
    laid: list[tuple[frozenset[str], Point, Point]] = []  # every sequence flow's segments so far
    for flow in c.sequence_flows:
        ends = frozenset((flow.source, flow.target))
        busy = [(p, q) for other, p, q in laid if not other & ends]  # (flows from or to one node may share)
        route = _sequence(nodes[flow.source], nodes[flow.target], in_pool[flow.pool], busy)
        if route is None:  # round every box: along the pool's bottom, each detour on a track of its own
            pool = pools[c.pools[flow.pool].participant]
            below[flow.pool] += 1
            route = _detour(nodes[flow.source], nodes[flow.target], pool.bottom - TRACK * below[flow.pool],
                           in_pool[flow.pool], busy)
        edges[flow.id] = route
        laid += [(ends, p, q) for p, q in zip(route, route[1:])]

    track_y: dict[tuple[str, str], float] = {}
    for g, used in tracks.items():
        top = tops[g] + heights[g]
        for k, key in enumerate(used):
            track_y[key] = top + TRACK * (k + 1)
    # Where each flow meets a node: spread along its top or bottom edge, apart from every flow meeting a
    # node that stands at the same x in any pool (so that no two run along one line in a pool or a gap).
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
    # A flow whose way up or down to its pool's edge would pass through a node stacked above or below its
    # own leaves (or enters) by the node's left side instead, and runs just left of the stack.
    side: dict[tuple[str, str], tuple[float, float]] = {}  # (flow, node) -> (x of its way, y on the side)
    stacked: dict[tuple[int, float], int] = defaultdict(int)
    per_node: dict[tuple[str, bool], int] = defaultdict(int)
    for f in c.message_flows:
        down = pool_of(f.target) > pool_of(f.source)
        for end, bottom in ((f.source, down), (f.target, not down)):
            if end not in nodes:
                continue
            box = nodes[end]
            if any(r is not box and r.x < box.right and box.x < r.right and (r.y >= box.bottom if bottom else r.bottom <= box.y)
                   for r in in_pool[node_pool[end]]):
                k, n = stacked[(node_pool[end], box.x)], per_node[(end, bottom)]
                stacked[(node_pool[end], box.x)] += 1
                per_node[(end, bottom)] += 1
                side[(f.id, end)] = (box.x - 5.0 - 3.0 * k, box.bottom - 8.0 - 6.0 * n if bottom else box.y + 8.0 + 6.0 * n)
    for f in c.message_flows:
        edges[f.id] = _message(f, nodes, pools, at, track_y, channel_x.get(f.id), pool_of(f.target) > pool_of(f.source),
                               tasks[f.step].cx, side)
    named = [(node.id, node.name, nodes[node.id]) for node in c.nodes if node.kind is not Kind.TASK and node.name]
    labels = place_labels(named, [(f.id, f.name, edges[f.id]) for f in c.message_flows if f.name],
                          list(nodes.values()))
    return Drawing(pools, nodes, edges, labels)


def _place(node: Node, task: Rect, column: int, cols: grid.Columns, band: dict[int, float]) -> Rect:
    if node.slot is Slot.TASK:
        return task
    w, h = SIZE[node.kind]
    gutter, offset = {
        Slot.BEFORE: (column - 1, 15.0 + SLOT + 10.0), Slot.AFTER: (column, 15.0),
        Slot.ENTRY: (-1, 15.0), Slot.ENTRY_FORK: (-1, 15.0 + SLOT + 10.0),
    }[node.slot]
    return Rect(cols.gutter_x[gutter] + band[gutter] + offset + (SLOT - w) / 2, task.cy - h / 2, w, h)


def _sequence(s: Rect, t: Rect, others: list[Rect], busy: list[tuple[Point, Point]]) -> tuple[Point, ...] | None:
    """Straight along the row, or turning just before the target (else just after the source, else a few
    px further in) where that passes through no other node and runs on no other flow's track; None when
    every way would."""
    start, end = (s.right, s.cy), (t.x, t.cy)
    if s.cy == t.cy:
        routes: list[tuple[Point, ...]] = [(start, end)]
    else:
        late = max(end[0] - 12.0, start[0] + 12.0) if end[0] - start[0] > 24.0 else (start[0] + end[0]) / 2
        early = min(start[0] + 12.0, late)
        turns = [late, early] + [x for k in range(1, 4) for x in (late - TURN * k, early + TURN * k)
                                 if start[0] < x < end[0]]
        routes = [(start, (turn, s.cy), (turn, t.cy), end) for turn in turns]
    for route in routes:
        if not any(_crosses(p, q, box) for p, q in zip(route, route[1:]) for box in others if box not in (s, t)) \
                and not _on_track(route, busy):
            return route
    return None


def _detour(s: Rect, t: Rect, y: float, others: list[Rect], busy: list[tuple[Point, Point]]) -> tuple[Point, ...]:
    """Out of the source, down to `y`, along and up into the target: turning a few px further in where
    another flow runs on the way down or up (and no node is in the way)."""
    routes = [((s.right, s.cy), (a, s.cy), (a, y), (b, y), (b, t.cy), (t.x, t.cy))
              for k in range(4) for a, b in ((s.right + 12.0 + TURN * k, t.x - 12.0 - TURN * k),)]
    return next((r for r in routes if not _on_track(r, busy) and not any(
        _crosses(p, q, box) for p, q in zip(r, r[1:]) for box in others if box not in (s, t))), routes[0])


def _on_track(route: tuple[Point, ...], busy: list[tuple[Point, Point]]) -> bool:
    """Whether a segment of the route runs along one of `busy` (on one line, overlapping)."""
    for p, q in zip(route, route[1:]):
        for r, u in busy:
            if p[0] == q[0] == r[0] == u[0]:
                lo, hi = max(min(p[1], q[1]), min(r[1], u[1])), min(max(p[1], q[1]), max(r[1], u[1]))
            elif p[1] == q[1] == r[1] == u[1]:
                lo, hi = max(min(p[0], q[0]), min(r[0], u[0])), min(max(p[0], q[0]), max(r[0], u[0]))
            else:
                continue
            if hi - lo > 0:
                return True
    return False


def _crosses(p: Point, q: Point, box: Rect) -> bool:
    """Whether the axis-parallel segment p–q passes through the inside of `box`."""
    if p[0] == q[0]:
        return box.x < p[0] < box.right and min(p[1], q[1]) < box.bottom and box.y < max(p[1], q[1])
    return box.y < p[1] < box.bottom and min(p[0], q[0]) < box.right and box.x < max(p[0], q[0])


def _message(f: MessageFlow, nodes: dict[str, Rect], pools: dict[str, Rect], at: dict[tuple[str, str], float],
             track_y: dict[tuple[str, str], float], channel: float | None, down: bool,
             step_x: float, side: dict[tuple[str, str], tuple[float, float]]) -> tuple[Point, ...]:
    """From the source's edge to its track in the gap beside its pool, along to the channel (when the
    pools are not neighbours) and down or up it to the track beside the target's pool, then along to the
    target and into it. A whole pool is met where the flow arrives (at the step's column when both ends are
    whole pools)."""
    y_source = track_y[(f.id, "source")]
    y_target = track_y.get((f.id, "target"), y_source)
    lead: tuple[Point, ...] = ()
    trail: tuple[Point, ...] = ()
    if (f.id, f.source) in side:
        sx, sy = side[(f.id, f.source)]
        lead = ((nodes[f.source].x, sy),)
    elif f.source in nodes:
        box = nodes[f.source]
        sx, sy = at[(f.id, f.source)], (box.bottom if down else box.y)
    else:
        box = pools[f.source]
        sx, sy = None, (box.bottom if down else box.y)
    if (f.id, f.target) in side:
        tx, ty = side[(f.id, f.target)]
        trail = ((nodes[f.target].x, ty),)
    elif f.target in nodes:
        box = nodes[f.target]
        tx, ty = at[(f.id, f.target)], (box.y if down else box.bottom)
    else:
        box = pools[f.target]
        tx, ty = None, (box.y if down else box.bottom)
    if channel is None:  # neighbouring pools: one track between them
        x1 = sx if sx is not None else (tx if tx is not None else step_x)
        x2 = tx if tx is not None else x1
        if x1 == x2:
            return (*lead, (x1, sy), (x2, ty), *trail)
        return (*lead, (x1, sy), (x1, y_source), (x2, y_source), (x2, ty), *trail)
    x1 = sx if sx is not None else channel
    x2 = tx if tx is not None else channel
    points = [(x1, sy)]
    if x1 != channel:
        points += [(x1, y_source), (channel, y_source)]
    if x2 != channel:
        points += [(channel, y_target), (x2, y_target)]
    points.append((x2, ty))
    return (*lead, *points, *trail)
