"""A to-be journey's gains in DFØ's terms: a gevinstoversikt, one row per gain with its gevinsteier, the
indicator, the baseline (today's value), the target (the to-be value), the kind of gain and the
prerequisites it depends on. Read from the comparison and its gains; the words are the exporters'."""

from __future__ import annotations

import enum

import attrs

from .amounts import Amount, Range, minus, negated
from .comparison import Comparison
from .gains import Gains


class GainKind(enum.Enum):
    """What a gain is, and whether it has a price (DFØ: prissatt or ikke prissatt)."""

    WORK_HOURS = "work-hours"  # an agency's hours of work a year: priced at its hourly cost; time freed, not cash
    PERSON_HOURS = "person-hours"  # the people's own hours a year: not priced
    WAITING_DAYS = "waiting-days"  # days a person waits: not priced
    ONCE_ONLY = "once-only"  # asks of what the public sector already holds: a quality, counted, not priced

    @property
    def priced(self) -> bool:
        return self is GainKind.WORK_HOURS


class Indicator(enum.Enum):
    HOURS_PER_YEAR = "hours-per-year"
    DAYS_PER_PERSON = "days-per-person"
    FINDINGS = "findings"  # once-only findings in the journey


@attrs.frozen
class BenefitRow:
    """One gain: whose it is (an actor id; None: the people going through the life event), measured how,
    today's value and the to-be value, the change (to-be − today), the kroner a year for a priced gain
    (saved: positive), and the prerequisites it depends on (indexes into the journey's prerequisites)."""

    journey: str  # the to-be journey's id
    kind: GainKind
    owner: str | None
    indicator: Indicator
    baseline: Amount
    target: Amount
    kroner_saved: Amount | None  # None: not a priced gain
    prerequisites: tuple[int, ...]

    @property
    def change(self) -> Amount:
        return minus(self.target, self.baseline)


def _count(value: int | float | None) -> Amount:
    return None if value is None else Range(float(value), float(value), float(value))


def benefit_rows(c: Comparison) -> tuple[BenefitRow, ...]:
    """The gevinstoversikt of one compared to-be journey: the person's gains, then each agency whose work
    changes (or whose figures are missing), then once-only."""
    g: Gains | None = c.gains
    if g is None:
        return ()
    every = tuple(range(len(g.prerequisites)))
    rows = [
        BenefitRow(c.id, GainKind.PERSON_HOURS, None, Indicator.HOURS_PER_YEAR, g.person.hours_before, g.person.hours_after, None, every),
        BenefitRow(c.id, GainKind.WAITING_DAYS, None, Indicator.DAYS_PER_PERSON, g.person.waiting_days_before,
                   g.person.waiting_days_after, None, every),
    ]
    for a in g.agencies:
        if a.hours_before is not None and a.hours_after is not None and a.hours_before == a.hours_after:
            continue  # no change in its work
        needs = tuple(i for i, p in enumerate(g.prerequisites) if a.actor in _involved(p))
        rows.append(BenefitRow(c.id, GainKind.WORK_HOURS, a.actor, Indicator.HOURS_PER_YEAR, a.hours_before, a.hours_after,
                               negated(a.kroner_change), needs))
    findings = c.figure("once_only_findings")
    if findings.before or findings.after:
        rows.append(BenefitRow(c.id, GainKind.ONCE_ONLY, None, Indicator.FINDINGS, _count(findings.before), _count(findings.after),
                               None, every))
    return tuple(rows)


def _involved(p: object) -> set[str]:
    from .gains import PrerequisiteCost

    assert isinstance(p, PrerequisiteCost)
    found = {x for x in (p.built_by, p.run_by) if x}
    for flow in p.prerequisite.flows:
        found |= {flow.from_, flow.to}
    return found
