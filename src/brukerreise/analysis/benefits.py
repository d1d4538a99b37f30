"""Gains and costs across every pair of as-is and to-be journeys: the totals, and each agency's figures
summed over the life events it meets, so that one agency's costs stand beside another's gains."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ..model import Actor
from .records import FIGURES, ActorChange, ActorFigures, Comparison, FigureChange, FindingStatus, StepStatus


@attrs.frozen
class AgencyAcross:
    """One agency over all the pairs it takes part in."""

    actor: Actor
    journeys: tuple[str, ...]  # to-be journey ids
    life_events: tuple[str, ...]
    before: ActorFigures
    after: ActorFigures
    provides: int  # new automatic flows it must provide
    receives: int  # new automatic flows it must receive
    resolved_findings: int

    @property
    def changed(self) -> bool:
        return self.before != self.after or bool(self.provides or self.receives or self.resolved_findings)

    @property
    def work_saved(self) -> int:
        return (self.before.manual_transfers - self.after.manual_transfers) + (
            self.before.asks_of_person - self.after.asks_of_person)


@attrs.frozen
class Benefits:
    comparisons: tuple[Comparison, ...]
    totals: tuple[FigureChange, ...]  # the key figures summed over all pairs (lowest: the lowest; mean: of all steps)
    resolved_findings: int
    remaining_findings: int
    new_findings: int
    steps_by_status: tuple[tuple[str, int], ...]  # (StepStatus value, count), in StepStatus order
    agencies: tuple[AgencyAcross, ...]  # those the change asks the most of first


def benefits(comparisons: Sequence[Comparison]) -> Benefits:
    totals = tuple(_total(key, comparisons) for key in FIGURES)
    counts = {s: 0 for s in FindingStatus}
    for c in comparisons:
        for f in c.findings:
            counts[f.status] += 1
    steps = tuple((s.value, sum(len(c.with_status(s)) for c in comparisons)) for s in StepStatus)
    return Benefits(tuple(comparisons), totals, counts[FindingStatus.RESOLVED], counts[FindingStatus.REMAINING],
                    counts[FindingStatus.NEW], steps, _agencies(comparisons))


def _total(key: str, comparisons: Sequence[Comparison]) -> FigureChange:
    better = FIGURES[key]
    if key == "lowest_emotion":
        def pick(side: str) -> int | None:
            found = [getattr(c.figure(key), side) for c in comparisons if getattr(c.figure(key), side) is not None]
            return min(found, default=None)
        return FigureChange(key, pick("before"), pick("after"), better)
    if key == "mean_emotion":
        def mean(side: str) -> float | None:
            found = [s.emotion for c in comparisons for s in getattr(c, side).journey.steps if s.emotion is not None]
            return round(sum(found) / len(found), 2) if found else None
        return FigureChange(key, mean("before"), mean("after"), better)
    return FigureChange(key, sum(c.figure(key).before or 0 for c in comparisons),
                        sum(c.figure(key).after or 0 for c in comparisons), better)


def _sum(figures: Sequence[ActorFigures]) -> ActorFigures:
    return ActorFigures(*(sum(getattr(f, field.name) for f in figures) for field in attrs.fields(ActorFigures)))


def _agencies(comparisons: Sequence[Comparison]) -> tuple[AgencyAcross, ...]:
    found: dict[str, list[tuple[Comparison, ActorChange]]] = {}
    for c in comparisons:
        for change in c.actors:
            found.setdefault(change.actor, []).append((c, change))
    across = []
    for actor_id, entries in found.items():
        c0 = entries[0][0]
        actor = {**c0.before.actors, **c0.after.actors}[actor_id]
        changes = [ch for _, ch in entries]
        across.append(AgencyAcross(
            actor,
            tuple(c.id for c, _ in entries),
            tuple(dict.fromkeys(c.after.journey.life_event.value for c, _ in entries)),
            _sum([ch.before for ch in changes]),
            _sum([ch.after for ch in changes]),
            sum(len(ch.provides) for ch in changes),
            sum(len(ch.receives) for ch in changes),
            sum(ch.resolved_findings for ch in changes),
        ))
    return tuple(sorted(across, key=lambda a: (-(a.provides + a.receives), -abs(a.work_saved), a.actor.id)))
