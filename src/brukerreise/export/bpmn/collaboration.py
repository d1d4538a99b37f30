"""The journey as a BPMN collaboration: a pool per actor (a participant with its own process; an actor
that only sends or receives data is a black-box pool), a task per step, sequence flows along `after`
within a pool, message flows where the journey passes to another pool and for the data shared.

Within a pool, a task follows the nearest earlier tasks of the same actor along `after`. Forks and joins
get parallel gateways; a task the journey reaches from another pool starts at a message start event;
each last task of a pool ends at an end event."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

import attrs

from ...analysis import Flow, JourneyAnalysis
from ...model import Actor
from .ids import Ids


class Kind(enum.Enum):
    TASK = "task"
    START = "startEvent"
    END = "endEvent"
    GATEWAY = "parallelGateway"


class Slot(enum.Enum):
    """Where a node sits relative to the step it belongs to (its anchor)."""

    TASK = "task"  # the step's own box
    BEFORE = "before"  # in the gutter left of the step
    AFTER = "after"  # in the gutter right of the step
    ENTRY = "entry"  # at the pool's left edge, on the step's row
    ENTRY_FORK = "entry-fork"  # beside the ENTRY node


@attrs.frozen
class Node:
    id: str
    kind: Kind
    name: str | None
    pool: int
    anchor: str  # step id
    slot: Slot
    message: bool = False  # a message start event
    documentation: str | None = None


@attrs.frozen
class SequenceFlow:
    id: str
    source: str
    target: str
    pool: int


@attrs.frozen
class MessageFlow:
    id: str
    name: str
    source: str  # a node or a participant id
    target: str
    step: str  # the step it belongs to: where it is drawn when an end is a whole pool


@attrs.frozen
class Pool:
    actor: Actor
    participant: str
    process: str | None  # None: a black-box pool (the actor has no step of its own)


@attrs.frozen
class Collaboration:
    definitions: str
    id: str
    name: str
    pools: tuple[Pool, ...]  # lane order
    nodes: tuple[Node, ...]
    sequence_flows: tuple[SequenceFlow, ...]
    message_flows: tuple[MessageFlow, ...]


def in_pool_predecessors(a: JourneyAnalysis) -> dict[str, list[str]]:
    """For each step, the nearest earlier steps of the same owner along `after`, without those that
    come before another of them (so that no sequence flow repeats a path)."""
    index = {s: i for i, s in enumerate(a.order)}
    before: dict[str, int] = {}  # every step's ancestors as a bit set over time order
    for s in a.order:
        bits = 0
        for p in a.after[s]:
            bits |= before[p] | (1 << index[p])
        before[s] = bits
    found: dict[str, list[str]] = {}
    for s in a.order:
        owner = a.step(s).owner
        nearest: set[str] = set()
        seen: set[str] = set()
        stack = list(a.after[s])
        while stack:
            p = stack.pop()
            if p in seen:
                continue
            seen.add(p)
            if a.step(p).owner == owner:
                nearest.add(p)
            else:
                stack.extend(a.after[p])
        kept = [p for p in nearest if not any(before[q] >> index[p] & 1 for q in nearest if q != p)]
        found[s] = sorted(kept, key=index.__getitem__)
    return found


def collaboration(a: JourneyAnalysis, label: Callable[..., str]) -> Collaboration:
    ids = Ids()
    j = a.journey
    lane_of = {actor.id: i for i, actor in enumerate(a.lanes)}
    owners = {s.owner for s in a.steps}
    pools = tuple(
        Pool(actor, ids.make("Participant", actor.id), ids.make("Process", actor.id) if actor.id in owners else None)
        for actor in a.lanes
    )
    task = {s: ids.make("Task", s) for s in a.order}
    preds = in_pool_predecessors(a)
    succs: dict[str, list[str]] = {s: [] for s in a.order}
    for s in a.order:
        for p in preds[s]:
            succs[p].append(s)
    short = {x: a.actors[x].short for x in a.actors}

    nodes: list[Node] = []
    flows: list[SequenceFlow] = []

    def node(kind: Kind, name: str | None, step: str, slot: Slot, *id_parts: str, **more: Any) -> str:
        made = Node(ids.make(*id_parts), kind, name, lane_of[a.step(step).owner], step, slot, **more)
        nodes.append(made)
        return made.id

    def sequence(source: str, target: str, step: str) -> None:
        flows.append(SequenceFlow(ids.make("Flow", source, target), source, target, lane_of[a.step(step).owner]))

    entry: dict[str, str] = {}  # where a step's incoming sequence flows end (the task or its join)
    exits: dict[str, str] = {}  # where its outgoing sequence flows start (the task or its fork)
    message_start: dict[str, str] = {}
    blank: dict[int, list[str]] = {}
    for s in a.order:
        step = a.step(s)
        nodes.append(Node(task[s], Kind.TASK, step.title, lane_of[step.owner], s, Slot.TASK,
                          documentation=step.description))
        entry[s] = exits[s] = task[s]
        if len(preds[s]) > 1:
            entry[s] = node(Kind.GATEWAY, None, s, Slot.BEFORE, "Join", s)
            sequence(entry[s], task[s], s)
        elif not preds[s] and a.after[s]:
            first = a.step(a.after[s][0]).owner
            message_start[s] = node(Kind.START, label("message_start", actor=short[first]), s, Slot.BEFORE,
                                    "Start", s, message=True)
            sequence(message_start[s], task[s], s)
        elif not preds[s]:
            blank.setdefault(lane_of[step.owner], []).append(s)
        if len(succs[s]) > 1:
            exits[s] = node(Kind.GATEWAY, None, s, Slot.AFTER, "Fork", s)
            sequence(task[s], exits[s], s)
        elif not succs[s]:
            end = node(Kind.END, label("end", actor=short[step.owner]), s, Slot.AFTER, "End", s)
            sequence(task[s], end, s)
    for s in a.order:
        for p in preds[s]:
            sequence(exits[p], entry[s], s)
    for lane, targets in blank.items():
        first = targets[0]
        start_id = ("Start", a.lanes[lane].id)
        if len(targets) == 1:
            sequence(node(Kind.START, label("start"), first, Slot.BEFORE, *start_id), entry[first], first)
        else:
            start = node(Kind.START, label("start"), first, Slot.ENTRY, *start_id)
            fork = node(Kind.GATEWAY, None, first, Slot.ENTRY_FORK, "Fork", a.lanes[lane].id)
            sequence(start, fork, first)
            for s in targets:
                sequence(fork, entry[s], s)

    messages = _successions(a, task, message_start, ids, label) + _data(a, task, pools, lane_of, ids, label)
    return Collaboration(ids.make("Definitions", j.id), ids.make("Collaboration", j.id), j.title, pools,
                         tuple(nodes), tuple(flows), tuple(messages))


def _successions(a: JourneyAnalysis, task: dict[str, str], message_start: dict[str, str], ids: Ids,
                 label: Callable[..., str]) -> list[MessageFlow]:
    """Where the journey passes to another pool: BPMN has no sequence flow across pools."""
    kinds = {(h.from_step, h.to_step): "kasteball" for h in a.handoffs}
    kinds.update({(h.from_step, h.to_step): "transfer" for h in a.transfers})
    found = []
    for s in a.order:
        for p in a.after[s]:
            x, y = a.step(p).owner, a.step(s).owner
            if x != y:
                name = label(kinds.get((p, s), "succession"), from_actor=a.actors[x].short, to_actor=a.actors[y].short)
                target = message_start.get(s, task[s])
                found.append(MessageFlow(ids.make("MessageFlow", p, s), name, task[p], target, s))
    return found


def _data(a: JourneyAnalysis, task: dict[str, str], pools: tuple[Pool, ...], lane_of: dict[str, int], ids: Ids,
          label: Callable[..., str]) -> list[MessageFlow]:
    """Each data flow, named by its item, between the step's task (at the owner's end) and the pool of
    the actor at the other end."""
    found = []
    for flow in a.flows:
        owner = a.step(flow.step).owner

        def end(actor: str, flow: Flow = flow, owner: str = owner) -> str:
            return task[flow.step] if actor == owner else pools[lane_of[actor]].participant

        item = a.data_items[flow.item].name
        name = label("carried", item=item) if flow.carried_by_user else item
        found.append(MessageFlow(ids.make("DataFlow", flow.step, flow.item), name, end(flow.from_actor),
                                 end(flow.to_actor), flow.step))
    return found
