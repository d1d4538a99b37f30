"""Gains and costs across every compared to-be journey: per agency, summed over the life events it meets,
so that who pays and who gains stand side by side; agencies that end up worse off as plainly as those
that gain. A gap in any journey is a gap in the sum."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from ..model import Actor
from .amounts import Amount, minus, total
from .records import AgencyBalance, Comparison, Summed
from .gains import AgencyGain, Outcome


@attrs.frozen
class AgencyGains(Summed, AgencyBalance):
    """One agency over the to-be journeys it takes part in: its parts summed."""

    actor: Actor
    journeys: tuple[str, ...]  # to-be journey ids
    life_events: tuple[str, ...]
    parts: tuple[AgencyGain, ...]  # its gains in each journey, in the order of `journeys`

    def summed(self) -> Iterable[AgencyGain]:
        return self.parts

    @property
    def hours_change(self) -> Amount:
        return minus(self.hours_after, self.hours_before)


@attrs.frozen
class GainsAcross(Summed):
    comparisons: tuple[Comparison, ...]  # those with figures for gains
    agencies: tuple[AgencyGains, ...]  # those that lose first, then unknown, pay once, gain; by actor id within

    def summed(self) -> Iterable[AgencyGains]:
        return self.agencies

    @property
    def person_hours_change(self) -> Amount:
        return total(c.gains.person.hours_change for c in self.comparisons if c.gains is not None)


_ORDER = {Outcome.LOSES: 0, Outcome.UNKNOWN: 1, Outcome.PAYS_ONCE: 2, Outcome.GAINS: 3, Outcome.NO_CHANGE: 4}


def gains_across(comparisons: Sequence[Comparison]) -> GainsAcross:
    found: dict[str, list[tuple[Comparison, AgencyGain]]] = {}
    actors: dict[str, Actor] = {}
    with_gains = tuple(c for c in comparisons if c.gains is not None and c.gains.has_figures)
    for c in with_gains:
        assert c.gains is not None
        every = {**c.before.actors, **c.after.actors}
        for part in c.gains.agencies:
            found.setdefault(part.actor, []).append((c, part))
            actors.setdefault(part.actor, every[part.actor]) if part.actor in every else None
    agencies = [
        AgencyGains(actors[x], tuple(c.id for c, _ in parts),
                    tuple(dict.fromkeys(c.after.journey.life_event.value for c, _ in parts)), tuple(p for _, p in parts))
        for x, parts in found.items() if x in actors
    ]
    agencies.sort(key=lambda a: (_ORDER[a.outcome], a.actor.id))
    return GainsAcross(with_gains, tuple(agencies))
