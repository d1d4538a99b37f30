"""From today to the goal: a to-be journey compared with the as-is journey it improves, computed once.

Steps are matched by id (kept or changed), by `replaces` (replaced), or not at all (removed, new). The
figures of both journeys stand side by side, once-only findings are followed across the pair, and each
agency's gains (less work, fewer asks of the person) stand beside its costs (new automatic flows to
provide or receive). Exporters only read what is here."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs

from ..model import Channel, Journey, JourneyState, Step, Transfer
from .journey import is_back_office
from .records import (
    FIGURES,
    ActorChange,
    ActorFigures,
    Aspect,
    Comparison,
    FigureChange,
    Finding,
    FindingChange,
    FindingKind,
    FindingStatus,
    Flow,
    FlowKey,
    HandoffPair,
    JourneyAnalysis,
    KeyFigures,
    StepChange,
    StepStatus,
)


_ASPECT_FIELDS = {
    Aspect.TITLE: "title", Aspect.PHASE: "phase", Aspect.OWNER: "owner", Aspect.WITH: "with_",
    Aspect.CHANNEL: "channel", Aspect.EMOTION: "emotion", Aspect.DATA: "data", Aspect.ASKS_USER: "asks_user",
    Aspect.SERVICES: "services", Aspect.PAIN_POINTS: "pain_points", Aspect.DESCRIPTION: "description",
    Aspect.OPPORTUNITIES: "opportunities",
}


def key_figures(a: JourneyAnalysis) -> KeyFigures:
    steps = a.journey.steps
    taking_part = [s for s in steps if not is_back_office(s, a.actors)]
    emotions = [s.emotion for s in steps if s.emotion is not None]
    return KeyFigures(
        steps=len(steps),
        person_steps=sum(1 for s in taking_part if any(a.actors[x].is_person for x in (s.owner, *s.with_))),
        handoffs=len(a.handoffs),
        back_office_transfers=len(a.transfers),
        agency_transitions=a.metrics.agency_transitions,
        once_only_findings=len(a.findings),
        reuse_opportunities=len(a.reuse),
        user_carried_flows=sum(1 for f in a.flows if f.carried_by_user),
        manual_transfers=sum(1 for f in a.flows if f.how is Transfer.MANUAL),
        physical_visits=sum(1 for s in steps if s.channel is Channel.FYSISK),
        letters=sum(1 for s in steps if s.channel is Channel.BREV),
        agencies_met=a.metrics.agencies_met,
        lowest_emotion=min(emotions, default=None),
        mean_emotion=round(sum(emotions) / len(emotions), 2) if emotions else None,
    )


def compare(before: JourneyAnalysis, after: JourneyAnalysis) -> Comparison:
    """Compare a to-be journey with the as-is journey it improves. Both must be valid; the to-be steps'
    `replaces` must name as-is steps (validation sees to that)."""
    steps, became = _steps(before, after)
    old, new = key_figures(before), key_figures(after)
    figures = tuple(FigureChange(k, getattr(old, k), getattr(new, k), b) for k, b in FIGURES.items())
    findings = _findings(before.findings, after.findings, became)  # breaches only: reuse is counted apart
    new_flows = _new_automatic(before.flows, after.flows)
    compared = Comparison(
        before, after, steps, figures, findings, new_flows, _handoff_pairs(before, after),
        _actors(before, after, findings, new_flows),
    )
    from .gains import gains

    return attrs.evolve(compared, gains=gains(compared))


def _steps(before: JourneyAnalysis, after: JourneyAnalysis) -> tuple[tuple[StepChange, ...], dict[str, str | None]]:
    """What became of each step, and for each as-is step the to-be step it became (None: removed)."""
    to_be = after.steps_by_id
    replaced_by = {old: s.id for s in after.journey.steps for old in s.replaces if old not in to_be}
    changes: list[StepChange] = []
    became: dict[str, str | None] = {}
    for step_id in before.order:
        old = before.step(step_id)
        if step_id in to_be:
            aspects = _aspects(old, to_be[step_id])
            status = StepStatus.CHANGED if aspects else StepStatus.KEPT
            changes.append(StepChange(status, step_id, step_id, aspects, replaces=to_be[step_id].replaces))
            became[step_id] = step_id
        elif step_id in replaced_by:
            changes.append(StepChange(StepStatus.REPLACED, step_id, None, replaced_by=replaced_by[step_id]))
            became[step_id] = replaced_by[step_id]
        else:
            changes.append(StepChange(StepStatus.REMOVED, step_id, None))
            became[step_id] = None
    for step_id in after.order:
        if step_id not in before.steps_by_id:
            changes.append(StepChange(StepStatus.NEW, None, step_id, replaces=after.step(step_id).replaces))
    return tuple(changes), became


def _aspects(old: Step, new: Step) -> tuple[Aspect, ...]:
    return tuple(a for a, name in _ASPECT_FIELDS.items() if _comparable(getattr(old, name)) != _comparable(getattr(new, name)))


def _comparable(value: object) -> object:
    """Lists that differ only in order are the same (who takes part, which data)."""
    if isinstance(value, tuple):
        return Counter(value)
    return value


def _findings(
    before: Sequence[Finding], after: Sequence[Finding], became: Mapping[str, str | None]
) -> tuple[FindingChange, ...]:
    """Match findings by (step or its replacement, item, kind), one to one in order."""
    waiting: dict[tuple[str, str, FindingKind], list[Finding]] = {}
    for f in after:
        waiting.setdefault((f.step, f.item, f.kind), []).append(f)
    changes: list[FindingChange] = []
    for f in before:
        via = became.get(f.step)
        match = waiting.get((via, f.item, f.kind)) if via is not None else None
        if match:
            changes.append(FindingChange(FindingStatus.REMAINING, f, match.pop(0), via))
        else:
            changes.append(FindingChange(FindingStatus.RESOLVED, f, None, via))
    left = {id(f) for fs in waiting.values() for f in fs}
    changes += [FindingChange(FindingStatus.NEW, None, f, f.step) for f in after if id(f) in left]
    return tuple(changes)


def _flow_keys(flows: Iterable[Flow], how: Transfer) -> list[FlowKey]:
    return list(dict.fromkeys(FlowKey(f.item, f.from_actor, f.to_actor) for f in flows if f.how is how))


def _new_automatic(before: Sequence[Flow], after: Sequence[Flow]) -> tuple[FlowKey, ...]:
    today = set(_flow_keys(before, Transfer.AUTOMATIC))
    return tuple(k for k in _flow_keys(after, Transfer.AUTOMATIC) if k not in today)


def _handoff_pairs(before: JourneyAnalysis, after: JourneyAnalysis) -> tuple[HandoffPair, ...]:
    old = Counter((h.from_actor, h.to_actor) for h in before.handoffs)
    new = Counter((h.from_actor, h.to_actor) for h in after.handoffs)
    pairs = dict.fromkeys([*old, *new])
    return tuple(HandoffPair(a, b, old[(a, b)], new[(a, b)]) for a, b in pairs)


def _actor_figures(a: JourneyAnalysis, actor: str) -> ActorFigures:
    steps = a.journey.steps
    return ActorFigures(
        steps_owned=sum(1 for s in steps if s.owner == actor),
        takes_part=sum(1 for s in steps if actor in s.with_ and s.owner != actor),
        manual_transfers=sum(1 for f in a.flows if f.how is Transfer.MANUAL and actor in (f.from_actor, f.to_actor)),
        asks_of_person=len({(s.id, i) for s in steps if s.owner == actor for i in s.asks_user} | {
            (f.step, f.item) for f in a.flows
            if f.carried_by_user and f.to_actor == actor and not a.actors[actor].is_person}),
        findings=sum(1 for f in (*a.findings, *a.reuse) if f.asked_by == actor),
    )


def _actors(
    before: JourneyAnalysis, after: JourneyAnalysis, findings: Sequence[FindingChange], new_flows: Sequence[FlowKey]
) -> tuple[ActorChange, ...]:
    every = {**before.actors, **after.actors}
    ids = [x.id for x in after.lanes] + [x.id for x in before.lanes]
    ids += sorted({x for k in new_flows for x in (k.from_actor, k.to_actor)})
    resolved = Counter(f.before.asked_by for f in findings if f.status is FindingStatus.RESOLVED and f.before)
    changes = []
    for actor in dict.fromkeys(ids):
        if every[actor].is_person:
            continue
        changes.append(ActorChange(
            actor, _actor_figures(before, actor), _actor_figures(after, actor),
            tuple(k for k in new_flows if k.from_actor == actor), tuple(k for k in new_flows if k.to_actor == actor),
            resolved[actor],
        ))
    return tuple(changes)


def pairs(analyses: Sequence[JourneyAnalysis]) -> list[tuple[JourneyAnalysis, JourneyAnalysis]]:
    """(as-is, to-be) for every to-be journey among `analyses` whose improved journey is among them too."""
    by_id = {a.journey.id: a for a in analyses}
    found = []
    for a in analyses:
        target = by_id.get(a.journey.improves or "")
        if _is_to_be(a.journey) and target is not None and not _is_to_be(target.journey) and target is not a:
            found.append((target, a))
    return found


def _is_to_be(journey: Journey) -> bool:
    return journey.state is JourneyState.TO_BE


def with_comparisons(analyses: Sequence[JourneyAnalysis],
                     recall: Callable[[tuple[object, ...], Callable[[], JourneyAnalysis]], JourneyAnalysis] | None = None,
                     ) -> list[JourneyAnalysis]:
    """The analyses, each to-be journey whose as-is journey is among them carrying its comparison.
    `recall(parts, make)`: the result `make()` made before of the same `parts`, if it keeps one (`serve`)."""
    found = {after.journey.id: (before, after) for before, after in pairs(analyses)}

    def carrying(before: JourneyAnalysis, after: JourneyAnalysis) -> JourneyAnalysis:
        return attrs.evolve(after, comparison=compare(before, after))

    return [a if a.journey.id not in found else
            recall(found[a.journey.id], functools.partial(carrying, *found[a.journey.id])) if recall is not None else
            carrying(*found[a.journey.id]) for a in analyses]


# --- for the exporters that write a to-be journey's comparison (the comparison report, the gains) ---------


def compared(analysis: JourneyAnalysis) -> bool:
    """Whether the journey is a to-be journey compared with today's (an exporter of comparisons applies)."""
    return analysis.comparison is not None


def comparison_of(analysis: JourneyAnalysis) -> Comparison:
    """The journey's comparison with today; a ValueError for a journey that has none."""
    if analysis.comparison is None:
        raise ValueError(f"journey '{analysis.journey.id}' has no comparison: it is not a to-be journey whose as-is journey was read")
    return analysis.comparison


def comparisons_of(analyses: Sequence[JourneyAnalysis]) -> list[Comparison]:
    """The comparisons of the compared to-be journeys among `analyses`, in their order."""
    return [a.comparison for a in analyses if a.comparison is not None]
