"""The portfolio: each actor's footprint and the data items that recur, across all journeys given."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import attrs

from ..model import Actor, DataItem, JourneyState
from .records import JourneyAnalysis, Metrics


@attrs.frozen
class ActorFootprint:
    actor: Actor
    journeys: tuple[str, ...]
    steps: int  # steps it owns, across journeys
    takes_part: int  # steps it takes part in without owning them


@attrs.frozen
class RecurringItem:
    item: DataItem
    journeys: tuple[str, ...]
    life_events: tuple[str, ...]
    asked_of_user: int  # times the user is asked for it or carries it, across journeys


@attrs.frozen
class Portfolio:
    journeys: tuple[JourneyAnalysis, ...]
    actors: tuple[ActorFootprint, ...]  # most journeys first
    recurring_items: tuple[RecurringItem, ...]  # items in more than one life event
    totals: Metrics | None = None

    @property
    def agencies(self) -> tuple[ActorFootprint, ...]:
        """Non-person actors, those that meet the most journeys first."""
        return tuple(f for f in self.actors if not f.actor.is_person)


def portfolio(analyses: Sequence[JourneyAnalysis]) -> Portfolio:
    """Today's portfolio: to-be journeys are proposals, compared apart (see `benefits`), not counted here."""
    analyses = [a for a in analyses if a.journey.state is not JourneyState.TO_BE]
    footprints: dict[str, list] = {}
    for a in analyses:
        for t in a.touchpoints:
            entry = footprints.setdefault(t.actor, [a.actors[t.actor], [], 0, 0])
            entry[1].append(a.journey.id)
            entry[2] += len(t.owns)
            entry[3] += len(t.takes_part)
    actors = sorted(
        (ActorFootprint(actor, tuple(js), owns, part) for actor, js, owns, part in footprints.values()),
        key=lambda f: (-len(f.journeys), -f.steps, f.actor.id),
    )
    uses: dict[str, list] = {}
    for a in analyses:
        burden = Counter(f.item for f in a.findings)
        for item_id, item in a.data_items.items():
            entry = uses.setdefault(item_id, [item, [], [], 0])
            entry[1].append(a.journey.id)
            entry[2].append(a.journey.life_event.value)
            entry[3] += burden[item_id]
    recurring = sorted(
        (
            RecurringItem(item, tuple(js), tuple(dict.fromkeys(events)), asked)
            for item, js, events, asked in uses.values()
            if len(set(events)) > 1
        ),
        key=lambda r: (-len(r.life_events), -r.asked_of_user, r.item.id),
    )
    return Portfolio(tuple(analyses), tuple(actors), tuple(recurring))
