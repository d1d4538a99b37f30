"""BPMN DI: where each pool, node and flow is drawn, from our own grid (export/swimlane/grid.py), so the
file opens laid out: pools stacked in lane order, tasks in their time columns, events and gateways in
the gutters beside their task."""

from __future__ import annotations

import attrs

from ...analysis import JourneyAnalysis
from ...render import grid
from ...render.geometry import Rect
from .collaboration import Collaboration, Kind, Node, Slot

MARGIN = 40.0
POOL_LABEL = 30.0  # the band on a pool's left that holds its name
POOL_GAP = 40.0
TASK = (100.0, 80.0)
SIZE = {Kind.TASK: TASK, Kind.START: (36.0, 36.0), Kind.END: (36.0, 36.0), Kind.GATEWAY: (50.0, 50.0)}
SLOT = 50.0  # a gutter holds two slots: nodes after the column's tasks, then nodes before the next's
GUTTER = 15.0 + SLOT + 10.0 + SLOT + 15.0
LANE_PAD = 30.0
BLACK_BOX = 60.0


@attrs.frozen
class Drawing:
    pools: dict[str, Rect]  # participant id -> bounds
    nodes: dict[str, Rect]
    edges: dict[str, tuple[tuple[float, float], ...]]  # flow id -> waypoints


def draw(a: JourneyAnalysis, c: Collaboration) -> Drawing:
    n_columns = max(a.columns.values(), default=-1) + 1
    cols = grid.place_columns(MARGIN + POOL_LABEL, n_columns, TASK[0], [0.0] * n_columns,
                              {g: GUTTER for g in range(-1, n_columns)})
    lane_of = {actor.id: i for i, actor in enumerate(a.lanes)}
    cells = [grid.Cell(s, lane_of[a.step(s).owner], a.columns[s], TASK[1]) for s in a.order]
    lanes = grid.place_lanes(MARGIN, len(a.lanes), cells, cols, LANE_PAD, LANE_PAD, LANE_PAD, TASK[1])
    # Pools apart, and a black-box pool (an actor with no step of its own) only as tall as its name.
    shift, moved = [], 0.0
    for i, pool in enumerate(c.pools):
        shift.append(moved + i * POOL_GAP)
        if pool.process is None:
            moved -= lanes.height[i] - BLACK_BOX
    width = cols.right - MARGIN
    pools = {pool.participant: Rect(MARGIN, top + shift[i], width, height if pool.process else BLACK_BOX)
             for i, (pool, top, height) in enumerate(zip(c.pools, lanes.top, lanes.height))}
    tasks = {s: attrs.evolve(box, y=box.y + shift[lane_of[a.step(s).owner]]) for s, box in lanes.boxes.items()}
    nodes = {node.id: _place(node, tasks[node.anchor], a.columns[node.anchor], cols) for node in c.nodes}
    edges = {f.id: _sequence(nodes[f.source], nodes[f.target]) for f in c.sequence_flows}
    pool_of = {node.id: pools[c.pools[node.pool].participant] for node in c.nodes}
    spread: dict[str, int] = {}
    for f in c.message_flows:
        k = spread[f.step] = spread.get(f.step, -1) + 1
        at = tasks[f.step].cx + 8.0 * (k % 5 - 2)
        source = nodes.get(f.source) or pools[f.source]
        edges[f.id] = _message(source, nodes.get(f.target) or pools[f.target], f.source in nodes, f.target in nodes,
                               at, pool_of.get(f.source, source), 6.0 * (k % 5 - 2))
    return Drawing(pools, nodes, edges)


def _place(node: Node, task: Rect, column: int, cols: grid.Columns) -> Rect:
    if node.slot is Slot.TASK:
        return task
    w, h = SIZE[node.kind]
    gutter, offset = {
        Slot.BEFORE: (column - 1, 15.0 + SLOT + 10.0), Slot.AFTER: (column, 15.0),
        Slot.ENTRY: (-1, 15.0), Slot.ENTRY_FORK: (-1, 15.0 + SLOT + 10.0),
    }[node.slot]
    return Rect(cols.gutter_x[gutter] + offset + (SLOT - w) / 2, task.cy - h / 2, w, h)


def _sequence(s: Rect, t: Rect) -> tuple[tuple[float, float], ...]:
    start, end = (s.right, s.cy), (t.x, t.cy)
    if s.cy == t.cy:
        return start, end
    turn = max(end[0] - 12.0, start[0] + 12.0) if end[0] - start[0] > 24.0 else (start[0] + end[0]) / 2
    return start, (turn, s.cy), (turn, t.cy), end


def _message(s: Rect, t: Rect, s_node: bool, t_node: bool, at: float, s_pool: Rect,
             nudge: float) -> tuple[tuple[float, float], ...]:
    """Down or up from one pool to the other, turning in the gap beside the source's pool (so that the
    sideways part crosses no task); a whole pool is met where the other end stands."""
    sx = s.cx if s_node else (t.cx if t_node else at)
    tx = t.cx if t_node else (s.cx if s_node else at)
    down = t.cy > s.cy
    y1, y2 = (s.bottom, t.y) if down else (s.y, t.bottom)
    if sx == tx:
        return (sx, y1), (tx, y2)
    turn = (s_pool.bottom + POOL_GAP / 2 if down else s_pool.y - POOL_GAP / 2) + nudge
    return (sx, y1), (sx, turn), (tx, turn), (tx, y2)
