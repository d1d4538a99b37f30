"""Where agencies meet the journey: lanes, time columns, handoffs, data flows, once-only findings and
metrics, computed once per journey (and across journeys for the portfolio). Exporters only read this."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from .. import graph
from ..model import Actor, Channel, DataItem, Journey, Step
from .records import (
    Finding,
    FindingKind,
    Flow,
    Handoff,
    HandoffKind,
    JourneyAnalysis,
    MatrixCell,
    Metrics,
    PhaseSpan,
    Touchpoints,
)


def analyse(journey: Journey, actors: Mapping[str, Actor], items: Mapping[str, DataItem], source: str = "") -> JourneyAnalysis:
    """Analyse a valid journey. `actors` and `items` must hold every id it refers to."""
    steps = journey.steps
    by_id = {s.id: s for s in steps}
    after = graph.predecessors(steps)
    order, _ = graph.order(after)
    lanes = _lanes(journey, actors)
    columns, spans = _columns(journey, after, order)

    passed = [
        Handoff(p, s.id, by_id[p].owner, s.owner, _handoff_kind(by_id[p], s, actors))
        for s in steps for p in after[s.id] if by_id[p].owner != s.owner
    ]
    handoffs = tuple(h for h in passed if h.kind is HandoffKind.KASTEBALL)
    transfers = tuple(h for h in passed if h.kind is HandoffKind.BACK_OFFICE)
    flows = tuple(
        Flow(s.id, f.item, f.from_, f.to, f.how, items[f.item].sensitive) for s in steps for f in s.data
    )
    findings = _findings(steps, flows, actors, items)
    used_items = {i: items[i] for s in steps for i in [*(f.item for f in s.data), *s.asks_user]}
    used_actors = {a.id: a for a in lanes}
    for item in used_items.values():  # the sources findings name as holders, though they may have no lane
        if item.source in actors:
            used_actors.setdefault(item.source, actors[item.source])
    touchpoints = tuple(_touchpoints(a.id, steps, handoffs, transfers, flows, findings) for a in lanes)
    metrics = _metrics(journey, lanes, handoffs, transfers, flows, findings, columns)
    return JourneyAnalysis(
        journey, source, used_actors, dict(sorted(used_items.items())), lanes, after, tuple(order),
        columns, spans, handoffs, transfers, flows, _matrix(flows), findings, touchpoints, metrics, by_id,
    )


def is_back_office(step: Step, actors: Mapping[str, Actor]) -> bool:
    """A step the person does not take part in: automatic, and no person owns it or takes part."""
    return step.channel is Channel.AUTOMATISK and not any(
        actors[a].is_person for a in (step.owner, *step.with_)
    )


def _handoff_kind(before: Step, after: Step, actors: Mapping[str, Actor]) -> HandoffKind:
    if is_back_office(before, actors) or is_back_office(after, actors):
        return HandoffKind.BACK_OFFICE
    return HandoffKind.KASTEBALL


def organisation(actor_id: str, actors: Mapping[str, Actor]) -> str:
    """The outermost organisation an actor is part of (itself when it is part of none)."""
    seen = {actor_id}
    while (parent := actors[actor_id].part_of) is not None and parent in actors and parent not in seen:
        seen.add(parent)
        actor_id = parent
    return actor_id


def _lanes(journey: Journey, actors: Mapping[str, Actor]) -> tuple[Actor, ...]:
    seen: dict[str, None] = {}
    for step in journey.steps:
        for actor_id in (step.owner, *step.with_, *(x for f in step.data for x in (f.from_, f.to))):
            seen.setdefault(actor_id, None)
    chosen = [a for a in journey.lanes if a in seen]
    rest = [a for a in seen if a not in chosen]
    persons = [a for a in rest if actors[a].is_person]
    others = [a for a in rest if not actors[a].is_person]
    if journey.lanes:
        return tuple(actors[a] for a in [*chosen, *persons, *others])
    return tuple(actors[a] for a in [*persons, *others])


def _columns(
    journey: Journey, after: Mapping[str, tuple[str, ...]], order: Sequence[str]
) -> tuple[dict[str, int], tuple[PhaseSpan, ...]]:
    """Each step's time column: after all its predecessors, and after every step of earlier phases."""
    by_id = {s.id: s for s in journey.steps}
    in_phase: dict[str, list[str]] = {p.id: [] for p in journey.phases}
    for step_id in order:
        in_phase.setdefault(by_id[step_id].phase, []).append(step_id)
    columns: dict[str, int] = {}
    spans: list[PhaseSpan] = []
    start = 0
    for phase in journey.phases:
        ids = in_phase.pop(phase.id, []) if phase.id in in_phase else []
        for step_id in ids:
            columns[step_id] = max([start, *(columns[p] + 1 for p in after[step_id] if p in columns)])
        last = max((columns[s] for s in ids), default=start - 1)
        spans.append(PhaseSpan(phase, tuple(ids), start, last))
        start = last + 1
    return columns, tuple(spans)


def _findings(
    steps: Sequence[Step], flows: Sequence[Flow], actors: Mapping[str, Actor], items: Mapping[str, DataItem]
) -> tuple[Finding, ...]:
    found: list[Finding] = []
    flows_at: dict[str, list[Flow]] = {}
    for flow in flows:
        flows_at.setdefault(flow.step, []).append(flow)
    for step in steps:
        asked = set()
        for item_id in step.asks_user:
            holder = items[item_id].source
            if actors[holder].is_person or actors[step.owner].is_person:
                continue  # the person's own data, or the person asking: no breach
            own = organisation(holder, actors) == organisation(step.owner, actors)
            found.append(Finding(step.id, item_id, step.owner, holder, FindingKind.OWN if own else FindingKind.ASKED))
            asked.add(item_id)
        for flow in flows_at.get(step.id, ()):
            source = items[flow.item].source
            # The breach is carrying data an agency already holds on to another actor: not handing over
            # one's own data, not receiving a document, and not the same item asked for at this step.
            if (
                flow.carried_by_user and flow.item not in asked
                and not actors[source].is_person and not actors[flow.to_actor].is_person
            ):
                holder = source if actors[flow.from_actor].is_person else flow.from_actor
                found.append(Finding(step.id, flow.item, flow.to_actor, holder, FindingKind.CARRIED))
    return tuple(found)


def _touchpoints(
    actor: str, steps: Sequence[Step], handoffs: Sequence[Handoff], transfers: Sequence[Handoff],
    flows: Sequence[Flow], findings: Sequence[Finding],
) -> Touchpoints:
    owned = [s for s in steps if s.owner == actor]
    emotions = [s.emotion for s in owned if s.emotion is not None]
    return Touchpoints(
        actor,
        tuple(s.id for s in owned),
        tuple(s.id for s in steps if actor in s.with_ and s.owner != actor),
        tuple(h for h in handoffs if h.to_actor == actor),
        tuple(h for h in handoffs if h.from_actor == actor),
        tuple(h for h in transfers if h.to_actor == actor),
        tuple(h for h in transfers if h.from_actor == actor),
        tuple(f for f in flows if f.from_actor == actor),
        tuple(f for f in flows if f.to_actor == actor),
        tuple(f for f in findings if f.asked_by == actor and f.kind is not FindingKind.CARRIED),
        tuple((s.id, p) for s in owned for p in s.pain_points),
        min(emotions, default=None),
    )


def _matrix(flows: Sequence[Flow]) -> tuple[MatrixCell, ...]:
    cells: dict[tuple[str, str], list[Flow]] = {}
    for flow in flows:
        cells.setdefault((flow.from_actor, flow.to_actor), []).append(flow)

    def unique(fs: Sequence[Flow]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.item for f in fs))

    return tuple(
        MatrixCell(a, b, unique(fs), unique([f for f in fs if f.carried_by_user]), unique([f for f in fs if f.sensitive]))
        for (a, b), fs in cells.items()
    )


def _metrics(
    journey: Journey, lanes: Sequence[Actor], handoffs: Sequence[Handoff], transfers: Sequence[Handoff],
    flows: Sequence[Flow], findings: Sequence[Finding], columns: Mapping[str, int],
) -> Metrics:
    steps = journey.steps
    channels = Counter(s.channel for s in steps if s.channel is not None)
    emotions = [s.emotion for s in steps if s.emotion is not None]
    lowest = min(emotions, default=None)
    low_points = tuple(s.id for s in steps if lowest is not None and lowest < 0 and s.emotion == lowest)
    return Metrics(
        steps=len(steps),
        phases=len(journey.phases),
        actors=len(lanes),
        agencies=sum(1 for a in lanes if not a.is_person),
        handoffs=len(handoffs),
        back_office_transfers=len(transfers),
        data_flows=len(flows),
        user_carried_flows=sum(1 for f in flows if f.carried_by_user),
        sensitive_flows=sum(1 for f in flows if f.sensitive),
        once_only_findings=len(findings),
        pain_points=sum(len(s.pain_points) for s in steps),
        columns=max(columns.values(), default=-1) + 1,
        channel_mix=tuple((c.value, channels[c]) for c in Channel if channels[c]),
        emotion_low_points=low_points,
        lowest_emotion=lowest,
    )
