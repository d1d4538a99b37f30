"""The order of a journey's steps: each step's predecessors, and a topological order or a cycle."""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from .model import Step


def predecessors(steps: Sequence[Step]) -> dict[str, tuple[str, ...]]:
    """Each step's resolved `after`: as written, else the step listed before it (none for the first).
    References to unknown steps are left out (validation reports them)."""
    known = {s.id for s in steps}
    result: dict[str, tuple[str, ...]] = {}
    previous: str | None = None
    for step in steps:
        if step.id in result:  # a duplicate id: validation reports it; the first one counts
            continue
        if step.after is None:
            result[step.id] = (previous,) if previous is not None else ()
        else:
            result[step.id] = tuple(dict.fromkeys(a for a in step.after if a in known and a != step.id))
        previous = step.id
    return result


def order(preds: dict[str, tuple[str, ...]]) -> tuple[list[str], list[str]]:
    """(steps in topological order, stable by listing; one cycle as a list of ids, or [])."""
    remaining = {s: len(p) for s, p in preds.items()}
    followers: dict[str, list[str]] = {s: [] for s in preds}
    for step, before in preds.items():
        for p in before:
            followers[p].append(step)
    position = {s: i for i, s in enumerate(preds)}
    ready = [s for s, n in remaining.items() if n == 0]
    result: list[str] = []
    heap = [(position[s], s) for s in ready]
    heapq.heapify(heap)
    while heap:
        _, step = heapq.heappop(heap)
        result.append(step)
        for f in followers[step]:
            remaining[f] -= 1
            if remaining[f] == 0:
                heapq.heappush(heap, (position[f], f))
    if len(result) == len(preds):
        return result, []
    return result, _find_cycle(preds, {s for s in preds if s not in set(result)})


def _find_cycle(preds: dict[str, tuple[str, ...]], stuck: set[str]) -> list[str]:
    """Walk backwards through predecessors inside the stuck set until a step repeats."""
    start = next(s for s in preds if s in stuck)
    seen: dict[str, int] = {}
    path: list[str] = []
    step = start
    while step not in seen:
        seen[step] = len(path)
        path.append(step)
        step = next(p for p in preds[step] if p in stuck)
    cycle = path[seen[step]:]
    cycle.reverse()  # in the direction of time: each comes after the one before it
    return cycle + [cycle[0]]
