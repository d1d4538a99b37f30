"""What the analysis holds, as records: a journey's analysis (lanes, columns, handoffs, data flows, findings,
metrics) and a to-be journey's comparison with today's (which refer to each other, so they live together).
`journey` and `comparison` compute them; exporters only read them."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

import attrs

from ..model import Actor, DataItem, Journey, Phase, Prerequisite, Step, Transfer
from .amounts import ZERO, Amount, minus, negated, times, total



class FindingKind(enum.Enum):
    ASKED = "asked"  # the user is asked for data another actor already holds
    CARRIED = "carried"  # the user carries data from one actor to another
    OWN = "own"  # an agency asks the user for data it (or the organisation it is part of) holds itself


class HandoffKind(enum.Enum):
    KASTEBALL = "kasteball"  # a referral the journey marks: an office sends the person on to another office
    TRANSITION = "transition"  # the person goes on from one actor's step to another's, sent by no one
    BACK_OFFICE = "back-office"  # agencies pass the case between them behind the person's back


@attrs.frozen
class Handoff:
    """The journey passing from one actor to another between two linked steps. It is kasteball only where
    the journey marks a referral (`referred_by`); a back-office transfer where either step is one the
    person does not take part in (channel `automatisk`, no person owner nor `with`); else an ordinary
    transition."""

    from_step: str
    to_step: str
    from_actor: str
    to_actor: str
    kind: HandoffKind = HandoffKind.KASTEBALL


@attrs.frozen
class Flow:
    """A data item passed between actors at a step."""

    step: str
    item: str
    from_actor: str
    to_actor: str
    how: Transfer
    sensitive: bool

    @property
    def carried_by_user(self) -> bool:
        return self.how is Transfer.USER


@attrs.frozen
class Finding:
    """Data asked of the user, or carried by them, though another actor holds it. A breach of «kun én gang»
    where the actor asking (or receiving what is carried) is a public body; a reuse opportunity
    (gjenbruksmulighet) where it is a private or voluntary actor."""

    step: str
    item: str
    asked_by: str
    held_by: str
    kind: FindingKind


@attrs.frozen
class MatrixCell:
    """All that flows from one actor to another in the journey."""

    from_actor: str
    to_actor: str
    items: tuple[str, ...]
    carried_by_user: tuple[str, ...]
    sensitive: tuple[str, ...]


@attrs.frozen
class Touchpoints:
    """Where one actor meets the journey."""

    actor: str
    owns: tuple[str, ...]
    takes_part: tuple[str, ...]
    handoffs_in: tuple[Handoff, ...]
    handoffs_out: tuple[Handoff, ...]
    transfers_in: tuple[Handoff, ...]  # back-office transfers
    transfers_out: tuple[Handoff, ...]
    gives: tuple[Flow, ...]
    receives: tuple[Flow, ...]
    asks_user: tuple[Finding, ...]
    pain_points: tuple[tuple[str, str], ...]  # (step id, text)
    lowest_emotion: int | None

    @property
    def steps(self) -> tuple[str, ...]:
        return self.owns + self.takes_part


@attrs.frozen
class PhaseSpan:
    """A phase, its steps in time order, and the time columns it covers (first > last when empty)."""

    phase: Phase
    steps: tuple[str, ...]
    first_column: int
    last_column: int


@attrs.frozen
class Metrics:
    steps: int
    phases: int
    actors: int
    agencies: int
    handoffs: int  # kasteball: referrals the journey marks
    back_office_transfers: int
    agency_transitions: int  # the person going from one agency's step to another organisation's, unreferred
    agencies_met: int  # agencies (not the person's own organisation) at steps the person takes part in
    data_flows: int
    user_carried_flows: int
    sensitive_flows: int
    once_only_findings: int  # breaches: the asking actor is a public body
    reuse_opportunities: int  # the same at a private or voluntary actor
    pain_points: int
    columns: int
    channel_mix: tuple[tuple[str, int], ...]
    emotion_low_points: tuple[str, ...]
    lowest_emotion: int | None


@attrs.frozen
class JourneyAnalysis:
    journey: Journey
    source: str
    actors: Mapping[str, Actor]  # every actor the journey refers to
    data_items: Mapping[str, DataItem]  # every data item the journey refers to
    lanes: tuple[Actor, ...]
    after: Mapping[str, tuple[str, ...]]  # each step's resolved predecessors
    order: tuple[str, ...]  # steps in time order (topological, stable by listing)
    columns: Mapping[str, int]  # each step's time column, from 0; parallel steps share one
    phases: tuple[PhaseSpan, ...]
    handoffs: tuple[Handoff, ...]  # kasteball: the referrals the journey marks
    transfers: tuple[Handoff, ...]  # back-office transfers: counted apart from the kasteball handoffs
    flows: tuple[Flow, ...]
    matrix: tuple[MatrixCell, ...]
    findings: tuple[Finding, ...]  # breaches of «kun én gang» (a public body asking)
    touchpoints: tuple[Touchpoints, ...]  # in lane order
    metrics: Metrics
    steps_by_id: Mapping[str, Step]
    comparison: Comparison | None = None  # a to-be journey's comparison with the as-is journey it improves
    transitions: tuple[Handoff, ...] = ()  # ordinary changes of owner: neither kasteball nor back office
    reuse: tuple[Finding, ...] = ()  # reuse opportunities: the once-only pattern at a private or voluntary actor
    own_organisations: frozenset[str] = frozenset()  # organisations the user runs (the journey says which)
    # names (without case, spaces collapsed) that more than one actor known to the journey answers to, as
    # id, short or full name: a table that names actors writes the id for these, so `import` reads it back
    shared_names: frozenset[str] = frozenset()

    def is_own(self, actor_id: str) -> bool:
        """The person, or an organisation the person runs."""
        return self.actors[actor_id].is_person or actor_id in self.own_organisations

    def step(self, step_id: str) -> Step:
        return self.steps_by_id[step_id]

    @property
    def steps(self) -> tuple[Step, ...]:
        return self.journey.steps

    def lane_index(self, actor_id: str) -> int:
        return next(i for i, a in enumerate(self.lanes) if a.id == actor_id)

    def touchpoints_of(self, actor_id: str) -> Touchpoints:
        return next(t for t in self.touchpoints if t.actor == actor_id)


# --- a to-be journey compared with today's ----------------------------------------------------------


class StepStatus(enum.Enum):
    KEPT = "kept"  # an as-is step found unchanged in the to-be journey (same id)
    CHANGED = "changed"  # an as-is step found in the to-be journey (same id) with something changed
    REPLACED = "replaced"  # an as-is step that a to-be step `replaces`
    REMOVED = "removed"  # an as-is step neither kept nor replaced
    NEW = "new"  # a to-be step that is not an as-is step (it may replace some)


class Aspect(enum.Enum):
    """What can change in a step that is kept: every field of a step but `after` and `replaces`."""

    TITLE = "title"
    PHASE = "phase"
    OWNER = "owner"
    WITH = "with"
    CHANNEL = "channel"
    EMOTION = "emotion"
    DATA = "data"
    ASKS_USER = "asks_user"
    SERVICES = "services"
    PAIN_POINTS = "pain_points"
    DESCRIPTION = "description"
    OPPORTUNITIES = "opportunities"


@attrs.frozen
class StepChange:
    """What became of one step. As-is steps have `before`; to-be steps have `after`; kept and changed
    steps have both (the same id)."""

    status: StepStatus
    before: str | None  # the as-is step id
    after: str | None  # the to-be step id
    changes: tuple[Aspect, ...] = ()  # CHANGED: what changed
    replaced_by: str | None = None  # REPLACED: the to-be step that takes its place
    replaces: tuple[str, ...] = ()  # to-be steps: the as-is steps they take the place of


class FindingStatus(enum.Enum):
    RESOLVED = "resolved"  # a breach of "kun én gang" today that the to-be journey no longer has
    REMAINING = "remaining"  # in both
    NEW = "new"  # only in the to-be journey


@attrs.frozen
class FindingChange:
    """A once-only finding followed across the pair: identified by (the step, or the step that replaces
    it; the item; the kind)."""

    status: FindingStatus
    before: Finding | None
    after: Finding | None
    via: str | None  # the to-be step the as-is finding's step became (itself, or what replaced it); None: removed

    @property
    def finding(self) -> Finding:
        found = self.before or self.after
        assert found is not None
        return found


class Better(enum.Enum):
    """Which way a figure should move: it says whether a change is a gain for the person."""

    LOWER = "lower"
    HIGHER = "higher"
    NEITHER = "neither"


@attrs.frozen
class KeyFigures:
    """The figures of one journey that a to-be journey is meant to move."""

    steps: int
    person_steps: int  # steps the person takes part in (not back office)
    handoffs: int  # kasteball: referrals the journey marks
    back_office_transfers: int
    agency_transitions: int  # from one agency to another organisation's, sent by no one
    once_only_findings: int  # breaches (a public body asking)
    reuse_opportunities: int  # the same at a private or voluntary actor
    user_carried_flows: int
    manual_transfers: int  # data flows a caseworker moves by hand
    physical_visits: int  # steps with channel `fysisk`
    letters: int  # steps with channel `brev`
    agencies_met: int  # agencies the person meets at steps they take part in
    lowest_emotion: int | None
    mean_emotion: float | None  # rounded to two decimals


# Each key figure: which way is better for the person.
FIGURES: dict[str, Better] = {
    "steps": Better.NEITHER,
    "person_steps": Better.LOWER,
    "handoffs": Better.LOWER,
    "back_office_transfers": Better.NEITHER,
    "agency_transitions": Better.LOWER,
    "once_only_findings": Better.LOWER,
    "reuse_opportunities": Better.LOWER,
    "user_carried_flows": Better.LOWER,
    "manual_transfers": Better.LOWER,
    "physical_visits": Better.LOWER,
    "letters": Better.LOWER,
    "agencies_met": Better.LOWER,
    "lowest_emotion": Better.HIGHER,
    "mean_emotion": Better.HIGHER,
}


@attrs.frozen
class FigureChange:
    """One figure before and after; `change` is after − before (None when either is unknown)."""

    key: str
    before: int | float | None
    after: int | float | None
    better: Better

    @property
    def change(self) -> int | float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 2)

    @property
    def improved(self) -> bool | None:
        """True when the figure moved the better way, False the worse way, None when it did not move or
        has no better way."""
        change = self.change
        if not change or self.better is Better.NEITHER:
            return None
        return (change < 0) == (self.better is Better.LOWER)


@attrs.frozen
class FlowKey:
    """A data flow as identified across the pair: which item, from whom, to whom."""

    item: str
    from_actor: str
    to_actor: str


@attrs.frozen
class ActorFigures:
    steps_owned: int
    takes_part: int
    manual_transfers: int  # manual flows it gives or receives
    asks_of_person: int  # items it asks the person for at its steps, and items the person carries to it
    findings: int  # once-only findings (breaches and reuse) where it asks (or receives what the person carries)


@attrs.frozen
class ActorChange:
    """One agency before and after, and what the change asks of it: the gains beside the costs."""

    actor: str
    before: ActorFigures
    after: ActorFigures
    provides: tuple[FlowKey, ...]  # new automatic flows it must provide
    receives: tuple[FlowKey, ...]  # new automatic flows it must receive
    resolved_findings: int  # findings it stood for today that the to-be journey resolves

    @property
    def work_saved(self) -> int:
        """Manual transfers and asks of the person it no longer has (negative: more than today)."""
        return (self.before.manual_transfers - self.after.manual_transfers) + (
            self.before.asks_of_person - self.after.asks_of_person)

    @property
    def new_flows(self) -> int:
        return len(self.provides) + len(self.receives)

    @property
    def changed(self) -> bool:
        return self.before != self.after or bool(self.new_flows) or bool(self.resolved_findings)


@attrs.frozen
class HandoffPair:
    """Kasteball handoffs between two actors, before and after."""

    from_actor: str
    to_actor: str
    before: int
    after: int


@attrs.frozen
class Comparison:
    """A to-be journey (`after`) compared with the as-is journey it improves (`before`)."""

    before: JourneyAnalysis
    after: JourneyAnalysis
    steps: tuple[StepChange, ...]  # as-is steps in their time order, then the new to-be steps in theirs
    figures: tuple[FigureChange, ...]  # in the order of FIGURES
    findings: tuple[FindingChange, ...]  # resolved and remaining in as-is order, then new
    new_flows: tuple[FlowKey, ...]  # automatic flows the to-be journey has and today's has not
    handoff_pairs: tuple[HandoffPair, ...]
    actors: tuple[ActorChange, ...]  # agencies (not persons), to-be lane order, then those gone
    gains: Gains | None = None  # hours and kroner per agency and for the person (analysis/gains.py)

    @property
    def id(self) -> str:
        return self.after.journey.id

    def figure(self, key: str) -> FigureChange:
        return next(f for f in self.figures if f.key == key)

    def with_status(self, *statuses: StepStatus) -> tuple[StepChange, ...]:
        return tuple(s for s in self.steps if s.status in statuses)

    def findings_with(self, status: FindingStatus) -> tuple[FindingChange, ...]:
        return tuple(f for f in self.findings if f.status is status)

    def step_status(self, to_be_step: str) -> StepStatus:
        """KEPT, CHANGED or NEW for a step of the to-be journey."""
        return next(s.status for s in self.steps if s.after == to_be_step)

    @property
    def unchanged(self) -> bool:
        """Nothing changed at all: every step kept, every figure the same."""
        return all(s.status is StepStatus.KEPT for s in self.steps) and all(not f.change for f in self.figures)


# --- gains in hours and kroner (computed in gains.py) ------------------------------------------------


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


class _Costed(Protocol):
    @property
    def kroner_change(self) -> Amount: ...
    @property
    def one_time_cost(self) -> Amount: ...
    @property
    def yearly_cost(self) -> Amount: ...
    @property
    def net_yearly(self) -> Amount: ...


class Balance:
    """Net kroner a year, for whatever has a change in kroner of work and a yearly cost: an agency in one
    journey or across them, a journey's total, the portfolio's."""

    __slots__ = ()  # a mixin of properties: the records that use it keep their slots

    @property
    def net_yearly(self: _Costed) -> Amount:
        """Kroner a year gained (positive) or lost (negative): work saved less what it runs."""
        return minus(negated(self.kroner_change), self.yearly_cost)


class AgencyBalance(Balance):
    """Net a year and where it leaves an agency (gains, loses, pays once, no change, unknown)."""

    __slots__ = ()  # a mixin of properties: the records that use it keep their slots

    @property
    def outcome(self: _Costed) -> Outcome:
        return outcome(self.net_yearly, self.one_time_cost, self.kroner_change)


class Summed(Balance):
    """Hours, kroner and costs summed over parts that have them each (a journey's agencies, one agency's
    journeys, the portfolio's agencies): a gap in any part is a gap in the sum."""

    __slots__ = ()  # a mixin of properties: the records that use it keep their slots

    def summed(self) -> Iterable[Any]:
        raise NotImplementedError

    @property
    def hours_before(self) -> Amount:
        return total(p.hours_before for p in self.summed())

    @property
    def hours_after(self) -> Amount:
        return total(p.hours_after for p in self.summed())

    @property
    def hours_change(self) -> Amount:
        """The sum of the parts' changes (each taken in the three scenarios)."""
        return total(p.hours_change for p in self.summed())

    @property
    def kroner_change(self) -> Amount:
        """The sum of the parts' changes (an agency without a price whose hours do not change adds 0)."""
        return total(p.kroner_change for p in self.summed())

    @property
    def one_time_cost(self) -> Amount:
        return total(p.one_time_cost for p in self.summed())

    @property
    def yearly_cost(self) -> Amount:
        return total(p.yearly_cost for p in self.summed())


@attrs.frozen
class AgencyGain(AgencyBalance):
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
class Gains(Summed):
    """The gains of one to-be journey: per agency, for the person, and what the change costs. Hours and
    kroner are summed over the agencies, costs over the prerequisites."""

    agencies: tuple[AgencyGain, ...]  # in the comparison's actor order
    person: PersonGain
    prerequisites: tuple[PrerequisiteCost, ...]
    unpriced_flows: tuple[FlowKey, ...]  # new automatic flows no prerequisite names: their cost is a gap
    gaps: tuple[Gap, ...]
    unsourced: int  # figures used without a source (each is a warning of validate)

    def summed(self) -> Iterable[AgencyGain]:
        return self.agencies

    @property
    def kroner_before(self) -> Amount:
        return total(a.kroner_before for a in self.agencies)

    @property
    def kroner_after(self) -> Amount:
        return total(a.kroner_after for a in self.agencies)

    @property
    def one_time_cost(self) -> Amount:
        return total(p.one_time for p in self.prerequisites)

    @property
    def yearly_cost(self) -> Amount:
        return total(p.yearly for p in self.prerequisites)

    def agency(self, actor: str) -> AgencyGain:
        return next(a for a in self.agencies if a.actor == actor)

    has_figures: bool = True  # whether either journey has any figure for gains at all (else: how to add them)
