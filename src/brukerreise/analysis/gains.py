"""Gains in hours and kroner of one to-be journey against today's: each agency's hours of work a year before
and after (people reaching each step × minutes per case), in kroner at an hourly cost per kind of actor; the
person's hours and waiting days; what each prerequisite costs whom, once and yearly. A figure the journeys
do not have is a gap, and stays one in every sum."""

from __future__ import annotations

import enum
import functools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ..model import ActorKind, Estimate, Prerequisite, Step, StepEffort
from .amounts import ZERO, Amount, Range, minus, negated, of, scaled, times, total
from .journey import JourneyAnalysis

if TYPE_CHECKING:
    from .comparison import Comparison, FlowKey


class Missing(enum.Enum):
    """What a gap lacks."""

    PEOPLE_PER_YEAR = "people_per_year"
    PERSON_MINUTES = "person_minutes"
    WAITING_DAYS = "waiting_days"
    AGENCY_MINUTES = "agency_minutes"
    REACH = "reach"  # the share or count reaching a step is a gap
    HOURLY_COST = "hourly_cost"
    ONE_TIME = "one_time"
    YEARLY = "yearly"
    FLOW_COST = "flow_cost"  # a new automatic flow no prerequisite pays for


class Side(enum.Enum):
    BEFORE = "before"
    AFTER = "after"


@attrs.frozen
class Gap:
    """A figure the outputs show as missing: which journey side, step and actor, what, and why (the
    journey's own words when it says why, e.g. «ikke funnet i kilde»)."""

    missing: Missing
    side: Side | None = None
    step: str | None = None
    actor: str | None = None
    reason: str | None = None


@attrs.frozen
class HourlyCost:
    kind: str  # an ActorKind value
    cost: Amount  # kroner an hour
    source: str | None


@attrs.frozen
class AgencyGain:
    """One agency's work a year on this life event, today and in the to-be journey. Hours and kroner: the
    change is after − before (negative: less work); costs are what the prerequisites ask of it."""

    actor: str
    hours_before: Amount
    hours_after: Amount
    hourly_cost: Amount
    one_time_cost: Amount  # kroner: the prerequisites it builds
    yearly_cost: Amount  # kroner: the prerequisites it runs

    @property
    def hours_change(self) -> Amount:
        return minus(self.hours_after, self.hours_before)

    @property
    def kroner_before(self) -> Amount:
        return times(self.hours_before, self.hourly_cost)

    @property
    def kroner_after(self) -> Amount:
        return times(self.hours_after, self.hourly_cost)

    @property
    def kroner_change(self) -> Amount:
        """After − before in kroner; no change in hours is no change in kroner, even without an hourly cost."""
        if self.hours_before is not None and self.hours_before == self.hours_after:
            return ZERO
        return minus(self.kroner_after, self.kroner_before)

    @property
    def net_yearly(self) -> Amount:
        """Kroner a year it gains (positive) or loses (negative): work saved less what it runs."""
        return minus(negated(self.kroner_change), self.yearly_cost)

    @property
    def outcome(self) -> Outcome:
        return outcome(self.net_yearly, self.one_time_cost, self.kroner_change)


class Outcome(enum.Enum):
    """Where an agency ends up, in the likely case: gains a year, loses a year, pays once only, no change,
    or unknown (a gap)."""

    GAINS = "gains"
    LOSES = "loses"
    PAYS_ONCE = "pays-once"
    NO_CHANGE = "no-change"
    UNKNOWN = "unknown"


def outcome(net_yearly: Amount, one_time: Amount, kroner_change: Amount = None) -> Outcome:
    """More work in kroner loses whatever the costs still missing, which can only add to it."""
    if net_yearly is None:
        if kroner_change is not None and kroner_change.likely > 0:
            return Outcome.LOSES
        return Outcome.UNKNOWN
    if net_yearly.likely > 0:
        return Outcome.GAINS
    if net_yearly.likely < 0:
        return Outcome.LOSES
    if one_time is None:
        return Outcome.UNKNOWN
    return Outcome.PAYS_ONCE if one_time.likely > 0 else Outcome.NO_CHANGE


@attrs.frozen
class PersonGain:
    """The people going through the life event: hours of their own work a year, and days of waiting per
    person (each step's days × the share reaching it)."""

    people_before: Amount
    people_after: Amount
    hours_before: Amount
    hours_after: Amount
    waiting_days_before: Amount
    waiting_days_after: Amount

    @property
    def hours_change(self) -> Amount:
        return minus(self.hours_after, self.hours_before)

    @property
    def waiting_days_change(self) -> Amount:
        return minus(self.waiting_days_after, self.waiting_days_before)


@attrs.frozen
class PrerequisiteCost:
    """A prerequisite of the to-be journey and who pays what: the builder once, the runner yearly."""

    prerequisite: Prerequisite
    one_time: Amount
    yearly: Amount

    @property
    def built_by(self) -> str | None:
        return self.prerequisite.built_by or self.prerequisite.run_by

    @property
    def run_by(self) -> str | None:
        return self.prerequisite.run_by or self.prerequisite.built_by


@attrs.frozen
class Gains:
    """The gains of one to-be journey: per agency, for the person, and what the change costs."""

    agencies: tuple[AgencyGain, ...]  # in the comparison's actor order
    person: PersonGain
    prerequisites: tuple[PrerequisiteCost, ...]
    unpriced_flows: tuple[FlowKey, ...]  # new automatic flows no prerequisite names: their cost is a gap
    gaps: tuple[Gap, ...]
    unsourced: int  # figures used without a source (each is a warning of validate)

    @property
    def hours_before(self) -> Amount:
        return total(a.hours_before for a in self.agencies)

    @property
    def hours_after(self) -> Amount:
        return total(a.hours_after for a in self.agencies)

    @property
    def hours_change(self) -> Amount:
        """The sum of the agencies' changes (each taken in the three scenarios)."""
        return total(a.hours_change for a in self.agencies)

    @property
    def kroner_before(self) -> Amount:
        return total(a.kroner_before for a in self.agencies)

    @property
    def kroner_after(self) -> Amount:
        return total(a.kroner_after for a in self.agencies)

    @property
    def kroner_change(self) -> Amount:
        """The sum of the agencies' changes (an agency without a price whose hours do not change adds 0)."""
        return total(a.kroner_change for a in self.agencies)

    @property
    def one_time_cost(self) -> Amount:
        return total(p.one_time for p in self.prerequisites)

    @property
    def yearly_cost(self) -> Amount:
        return total(p.yearly for p in self.prerequisites)

    @property
    def net_yearly(self) -> Amount:
        return minus(negated(self.kroner_change), self.yearly_cost)

    def agency(self, actor: str) -> AgencyGain:
        return next(a for a in self.agencies if a.actor == actor)

    has_figures: bool = True  # whether either journey has any figure for gains at all (else: how to add them)


# --- hourly costs (data in exporters/gains/hourly-costs.yaml) ----------------------------------------


def _definitions_dir() -> Path:
    bundled = Path(__file__).parents[1] / "exporters"
    return bundled if bundled.is_dir() else Path(__file__).resolve().parents[3] / "exporters"


@functools.cache
def hourly_costs() -> Mapping[str, HourlyCost]:
    """The hourly cost per kind of actor, each with its source, as shipped in exporters/gains/."""
    from ..reading.yamlsource import read_yaml

    data = read_yaml(_definitions_dir() / "gains" / "hourly-costs.yaml").data
    found = {}
    for kind in ActorKind:
        entry = data.get(kind.value) if isinstance(data, dict) else None
        if isinstance(entry, dict):
            found[kind.value] = _hourly_cost(kind.value, entry)
    return found


def _hourly_cost(kind: str, entry: Mapping[str, object]) -> HourlyCost:
    """One kind's hourly cost; a figure that is not a number, negative or out of order is a gap that says so."""
    source = entry.get("source")
    source = source if isinstance(source, str) else None
    numbers = {k: entry.get(k) for k in ("likely", "low", "high")}
    if any(v is not None and (isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v < 1e7)
           for v in numbers.values()):
        return HourlyCost(kind, None, f"ugyldig tall i exporters/gains/hourly-costs.yaml ({kind})")
    cost = of(Estimate(*(None if numbers[k] is None else float(numbers[k]) for k in ("likely", "low", "high")), source))  # type: ignore[arg-type]
    if cost is not None and not cost.low <= cost.likely <= cost.high:
        return HourlyCost(kind, None, f"lav, sannsynlig og høy i feil rekkefølge i exporters/gains/hourly-costs.yaml ({kind})")
    return HourlyCost(kind, cost, source)


# --- computing ----------------------------------------------------------------------------------------


def efforts(after: JourneyAnalysis, before: JourneyAnalysis | None) -> dict[str, StepEffort | None]:
    """Each to-be step's figures: its own, or, when it has none, those of today's step with the same id."""
    found = {}
    for step in after.journey.steps:
        own = step.effort
        if own is None and before is not None and step.id in before.steps_by_id:
            own = before.step(step.id).effort
        found[step.id] = own
    return found


@attrs.frozen
class _Reckoning:
    """One journey's hours a year per actor and for the person, with the gaps found."""

    people: Amount
    agencies: dict[str, Amount]
    person_hours: Amount
    waiting_days: Amount
    gaps: list[Gap]
    unsourced: int


def _estimates(effort: StepEffort) -> list[Estimate]:
    return [e for e in (effort.share, effort.people, effort.person_minutes, effort.waiting_days,
                        *(m.minutes for m in effort.agency_minutes)) if e is not None]


def _reason(estimate: Estimate | None) -> str | None:
    return estimate.source if estimate is not None and not estimate.known else None


def reckon(a: JourneyAnalysis, efforts_by_step: Mapping[str, StepEffort | None], people_estimate: Estimate | None,
           side: Side, agencies: Sequence[str]) -> _Reckoning:
    """Hours a year per agency in `agencies` and for the person in one journey."""
    people = of(people_estimate)
    gaps: list[Gap] = []
    unsourced = int(people_estimate is not None and people_estimate.known and people_estimate.source is None)
    if people is None:
        gaps.append(Gap(Missing.PEOPLE_PER_YEAR, side, reason=_reason(people_estimate)))
    hours: dict[str, list[Amount]] = {x: [] for x in agencies}
    person_hours: list[Amount] = []
    waiting: list[Amount] = []
    for step in a.journey.steps:
        effort = efforts_by_step.get(step.id)
        if effort is not None:
            unsourced += sum(1 for e in _estimates(effort) if e.known and e.source is None)
        reach = _reach(effort, people)
        share = _share(effort, people)
        if effort is not None and reach is None and people is not None:
            gaps.append(Gap(Missing.REACH, side, step.id, reason=_reason(effort.share or effort.people)))
        person_takes_part = any(a.actors[x].is_person for x in (step.owner, *step.with_) if x in a.actors)
        minutes = {m.actor: m.minutes for m in (effort.agency_minutes if effort else ())}
        for actor in agencies:
            if actor in minutes:
                hours[actor].append(_hours(reach, minutes[actor]))
                if not minutes[actor].known:
                    gaps.append(Gap(Missing.AGENCY_MINUTES, side, step.id, actor, _reason(minutes[actor])))
            elif actor in (step.owner, *step.with_):
                hours[actor].append(None)
                gaps.append(Gap(Missing.AGENCY_MINUTES, side, step.id, actor))
        own = effort.person_minutes if effort else None
        if own is not None:
            person_hours.append(_hours(reach, own))
            if not own.known:
                gaps.append(Gap(Missing.PERSON_MINUTES, side, step.id, reason=_reason(own)))
        elif person_takes_part:
            person_hours.append(None)
            gaps.append(Gap(Missing.PERSON_MINUTES, side, step.id))
        days = effort.waiting_days if effort else None
        if days is not None:
            waiting.append(times(share, of(days)))
            if not days.known:
                gaps.append(Gap(Missing.WAITING_DAYS, side, step.id, reason=_reason(days)))
    if not waiting:
        gaps.append(Gap(Missing.WAITING_DAYS, side))
    return _Reckoning(
        people, {x: total(h) for x, h in hours.items()}, total(person_hours),
        total(waiting) if waiting else None, gaps, unsourced,
    )


def _reach(effort: StepEffort | None, people: Amount) -> Amount:
    """How many reach the step a year: its own count, its share of the journey's people, or all of them."""
    if effort is not None and effort.people is not None:
        return of(effort.people)
    if effort is not None and effort.share is not None:
        return times(of(effort.share), people)
    return people


def _share(effort: StepEffort | None, people: Amount) -> Amount:
    """The share of the journey's people who reach the step (1 when it says nothing)."""
    if effort is not None and effort.share is not None:
        return of(effort.share)
    if effort is not None and effort.people is not None:
        if people is None:
            return None
        count = of(effort.people)
        assert count is not None or not effort.people.known
        if count is None:
            return None
        return Range(*(min(1.0, c / p) if p else 0.0 for c, p in zip(
            (count.low, count.likely, count.high), (people.low, people.likely, people.high))))
    return Range(1.0, 1.0, 1.0)


def _hours(reach: Amount, minutes: Estimate) -> Amount:
    return scaled(times(reach, of(minutes)), 1 / 60)


def gains(c: Comparison, costs: Mapping[str, HourlyCost] | None = None) -> Gains:
    """The gains of a compared to-be journey, at `costs` per kind of actor (default: the shipped ones)."""
    costs = hourly_costs() if costs is None else costs
    before, after = c.before, c.after
    every = {**before.actors, **after.actors}
    agencies = [x.actor for x in c.actors]
    extra = [m.actor for a in (before, after) for s in a.journey.steps if s.effort for m in s.effort.agency_minutes]
    agencies += [x for x in dict.fromkeys(extra) if x not in agencies and x in every and not every[x].is_person]
    old = reckon(before, {s.id: s.effort for s in before.journey.steps}, before.journey.people_per_year, Side.BEFORE, agencies)
    people = after.journey.people_per_year or before.journey.people_per_year
    new = reckon(after, efforts(after, before), people, Side.AFTER, agencies)
    prerequisites = tuple(PrerequisiteCost(p, of(p.one_time), of(p.yearly)) for p in after.journey.prerequisites)
    gaps = old.gaps + new.gaps
    for p in prerequisites:
        payer = p.built_by
        if p.one_time is None:
            gaps.append(Gap(Missing.ONE_TIME, Side.AFTER, actor=payer, reason=_reason(p.prerequisite.one_time)))
        if p.yearly is None:
            gaps.append(Gap(Missing.YEARLY, Side.AFTER, actor=payer, reason=_reason(p.prerequisite.yearly)))
    priced = {(f.item, f.from_, f.to) for p in after.journey.prerequisites for f in p.flows}
    unpriced = tuple(k for k in c.new_flows if (k.item, k.from_actor, k.to_actor) not in priced)
    gaps += [Gap(Missing.FLOW_COST, Side.AFTER, actor=k.from_actor, reason=k.item) for k in unpriced]
    found = []
    for actor in agencies:
        kind = every[actor].kind.value if actor in every else None
        rate = costs.get(kind) if kind else None
        if rate is None or rate.cost is None:
            gaps.append(Gap(Missing.HOURLY_COST, actor=actor, reason=rate.source if rate else None))
        found.append(AgencyGain(
            actor, old.agencies[actor], new.agencies[actor], rate.cost if rate else None,
            total(p.one_time for p in prerequisites if p.built_by == actor),
            total(p.yearly for p in prerequisites if p.run_by == actor),
        ))
    person = PersonGain(old.people, new.people, old.person_hours, new.person_hours, old.waiting_days, new.waiting_days)
    unsourced = old.unsourced + new.unsourced + sum(
        1 for p in after.journey.prerequisites for e in (p.one_time, p.yearly) if e is not None and e.known and e.source is None)
    figures = bool(prerequisites) or any(
        a.journey.people_per_year is not None or any(s.effort is not None for s in a.journey.steps) for a in (before, after))
    return Gains(tuple(found), person, prerequisites, unpriced, tuple(dict.fromkeys(gaps)), unsourced, figures)


__all__ = [
    "AgencyGain", "Gains", "Gap", "HourlyCost", "Missing", "Outcome", "PersonGain", "PrerequisiteCost", "Side",
    "gains", "hourly_costs", "outcome", "reckon",
]
