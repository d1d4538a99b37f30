"""Where agencies meet the journey: lanes, time columns, handoffs, data flows, once-only findings and
metrics, computed once per journey (and across journeys for the portfolio). Exporters only read this."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from .. import graph
from ..model import Actor, Channel, DataItem, Journey, Step, is_back_office, is_public, organisation
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

    own = frozenset(x for x in journey.own_organisations if x in actors and not actors[x].is_person)
    passed = [
        Handoff(p, s.id, by_id[p].owner, s.owner, _handoff_kind(by_id[p], s, actors))
        for s in steps for p in after[s.id] if by_id[p].owner != s.owner
    ]
    handoffs = tuple(h for h in passed if h.kind is HandoffKind.KASTEBALL)
    transfers = tuple(h for h in passed if h.kind is HandoffKind.BACK_OFFICE)
    transitions = tuple(h for h in passed if h.kind is HandoffKind.TRANSITION)
    flows = tuple(
        Flow(s.id, f.item, f.from_, f.to, f.how, items[f.item].sensitive) for s in steps for f in s.data
    )
    found = _findings(steps, order, flows, actors, items, own)
    findings = tuple(f for f in found if is_public(f.asked_by, actors))
    reuse = tuple(f for f in found if not is_public(f.asked_by, actors))
    used_items = {i: items[i] for s in steps for i in [*(f.item for f in s.data), *s.asks_user]}
    used_actors = {a.id: a for a in lanes}
    for item in used_items.values():  # the sources findings name as holders, though they may have no lane
        if item.source in actors:
            used_actors.setdefault(item.source, actors[item.source])
    touchpoints = tuple(_touchpoints(a.id, steps, handoffs, transfers, flows, findings) for a in lanes)
    metrics = _metrics(journey, lanes, handoffs, transfers, transitions, flows, findings, reuse, columns, actors, own)
    return JourneyAnalysis(
        journey, source, used_actors, dict(sorted(used_items.items())), lanes, after, tuple(order),
        columns, spans, handoffs, transfers, flows, _matrix(flows), findings, touchpoints, metrics, by_id,
        transitions=transitions, reuse=reuse, own_organisations=own, shared_names=_shared_names(actors),
    )


def _shared_names(actors: Mapping[str, Actor]) -> frozenset[str]:
    """The names more than one of `actors` answers to (as id, short or full name), without case."""
    said: dict[str, set[str]] = {}
    for actor in actors.values():
        for name in (actor.id, actor.short, actor.name):
            said.setdefault(" ".join(name.casefold().split()), set()).add(actor.id)
    return frozenset(name for name, ids in said.items() if len(ids) > 1)


def _handoff_kind(before: Step, after: Step, actors: Mapping[str, Actor]) -> HandoffKind:
    if is_back_office(before, actors) or is_back_office(after, actors):
        return HandoffKind.BACK_OFFICE
    if before.id in (after.referred_by or ()) and organisation(before.owner, actors) != organisation(after.owner, actors):
        return HandoffKind.KASTEBALL  # validation sees to the rest: both owners offices, not the person
    return HandoffKind.TRANSITION


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
    steps: Sequence[Step], order: Sequence[str], flows: Sequence[Flow], actors: Mapping[str, Actor],
    items: Mapping[str, DataItem], own: frozenset[str],
) -> tuple[Finding, ...]:
    """Data asked of the person, or carried by them, that another actor holds. Not a finding: the
    person's own data (held by the person or an organisation they run), the person or their
    organisation asking, and data its holder does not have yet (the journey shows it reaching the
    holder only at this step or later: a timing gap). An item asked for and carried at one step is one
    finding (asked). An item whose holder is not a public body (the employer's contract, the bank's
    confirmation) is a finding for a public body asking only once the journey shows it reaching a public
    body at an earlier step (a flow to or from it, or that body asking for it): the first public body to get it
    is then named as the holder, since «kun én gang» binds the public sector not to ask again for what
    it already has. A private or voluntary actor asking keeps the private holder (a reuse opportunity)."""
    position = {step_id: i for i, step_id in enumerate(order)}
    reaches: dict[tuple[str, str], int] = {}  # (item, organisation) -> the earliest step it reaches it at
    for flow in flows:
        key = (flow.item, organisation(flow.to_actor, actors))
        reaches[key] = min(reaches.get(key, len(order)), position.get(flow.step, len(order)))

    public_first: dict[str, tuple[int, str]] = {}  # item -> (position, public actor) it first reaches

    def reached(item_id: str, actor_id: str, step_id: str) -> None:
        at = position.get(step_id, len(order))
        if is_public(actor_id, actors) and at < public_first.get(item_id, (len(order) + 1, ""))[0]:
            public_first[item_id] = (at, actor_id)

    for flow in flows:  # a public body that receives the item has it, and so does one that sends it
        reached(flow.item, flow.to_actor, flow.step)
        reached(flow.item, flow.from_actor, flow.step)
    for step in steps:
        for item_id in step.asks_user:
            reached(item_id, step.owner, step.id)

    def public_holder(item_id: str, holder: str, asker: str, step_id: str) -> str | None:
        """The holder a public asker breaches «kun én gang» against, or None where it is the first."""
        if is_public(holder, actors) or not is_public(asker, actors):
            return holder
        first = public_first.get(item_id)
        return first[1] if first is not None and first[0] < position.get(step_id, 0) else None

    def users(actor_id: str) -> bool:
        return actors[actor_id].is_person or organisation(actor_id, actors) in own or actor_id in own

    def not_yet(item_id: str, holder: str, step_id: str) -> bool:
        first = reaches.get((item_id, organisation(holder, actors)))
        return first is not None and first >= position.get(step_id, 0)

    found: list[Finding] = []
    flows_at: dict[str, list[Flow]] = {}
    for flow in flows:
        flows_at.setdefault(flow.step, []).append(flow)
    for step in steps:
        asked = set()
        for item_id in step.asks_user:
            holder = items[item_id].source
            if users(holder) or users(step.owner) or not_yet(item_id, holder, step.id):
                continue
            public = public_holder(item_id, holder, step.owner, step.id)
            if public is None or users(public):
                continue
            own_kind = organisation(public, actors) == organisation(step.owner, actors)
            found.append(Finding(step.id, item_id, step.owner, public, FindingKind.OWN if own_kind else FindingKind.ASKED))
            asked.add(item_id)
        for flow in flows_at.get(step.id, ()):
            source = items[flow.item].source
            # The finding is carrying data another actor already holds on to another actor: not handing
            # over one's own data, not receiving a document, and not the same item asked for at this step.
            if not flow.carried_by_user or flow.item in asked or users(source) or users(flow.to_actor):
                continue
            holder = source if users(flow.from_actor) else flow.from_actor
            if not is_public(holder, actors) and is_public(source, actors):  # handed on by a private party: the
                holder = source  # public body that is its source has it all the same
            if users(holder) or not_yet(flow.item, holder, step.id):
                continue
            public = public_holder(flow.item, holder, flow.to_actor, step.id)
            if public is None or users(public):
                continue
            found.append(Finding(step.id, flow.item, flow.to_actor, public, FindingKind.CARRIED))
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
    transitions: Sequence[Handoff], flows: Sequence[Flow], findings: Sequence[Finding], reuse: Sequence[Finding],
    columns: Mapping[str, int], actors: Mapping[str, Actor], own: frozenset[str],
) -> Metrics:
    steps = journey.steps
    channels = Counter(s.channel for s in steps if s.channel is not None)
    emotions = [s.emotion for s in steps if s.emotion is not None]
    lowest = min(emotions, default=None)
    low_points = tuple(s.id for s in steps if lowest is not None and lowest < 0 and s.emotion == lowest)

    def agency(actor_id: str) -> bool:
        return not actors[actor_id].is_person and organisation(actor_id, actors) not in own and actor_id not in own

    met = {
        x for s in steps if not is_back_office(s, actors)
        for x in (s.owner, *s.with_) if agency(x)
    }
    return Metrics(
        steps=len(steps),
        phases=len(journey.phases),
        actors=len(lanes),
        agencies=sum(1 for a in lanes if not a.is_person),
        handoffs=len(handoffs),
        back_office_transfers=len(transfers),
        agency_transitions=sum(
            1 for h in transitions if agency(h.from_actor) and agency(h.to_actor)
            and organisation(h.from_actor, actors) != organisation(h.to_actor, actors)
        ),
        agencies_met=len(met),
        data_flows=len(flows),
        user_carried_flows=sum(1 for f in flows if f.carried_by_user),
        sensitive_flows=sum(1 for f in flows if f.sensitive),
        once_only_findings=len(findings),
        reuse_opportunities=len(reuse),
        pain_points=sum(len(s.pain_points) for s in steps),
        columns=max(columns.values(), default=-1) + 1,
        channel_mix=tuple((c.value, channels[c]) for c in Channel if channels[c]),
        emotion_low_points=low_points,
        lowest_emotion=lowest,
    )
