"""Life events × agencies: how many steps each agency owns or takes part in, per life event, across the
journeys given; agencies ordered by reach (most journeys first), life events in the strategy's order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import attrs

from ..model import Actor, LifeEvent
from .records import JourneyAnalysis


@attrs.frozen
class Heatmap:
    life_events: tuple[LifeEvent, ...]  # those with at least one journey
    agencies: tuple[Actor, ...]  # non-person actors, most journeys first
    steps: Mapping[tuple[LifeEvent, str], int]  # (life event, actor id) -> steps owned or taken part in
    journeys: Mapping[str, int]  # actor id -> journeys it meets

    def count(self, event: LifeEvent, actor_id: str) -> int:
        return self.steps.get((event, actor_id), 0)

    def agency_total(self, actor_id: str) -> int:
        return sum(self.count(e, actor_id) for e in self.life_events)

    @property
    def highest(self) -> int:
        return max(self.steps.values(), default=0)


def heatmap(analyses: Sequence[JourneyAnalysis]) -> Heatmap:
    steps: Counter[tuple[LifeEvent, str]] = Counter()
    met: dict[str, set[str]] = {}
    actors: dict[str, Actor] = {}
    for a in analyses:
        event = a.journey.life_event
        for t in a.touchpoints:
            actor = a.actors[t.actor]
            if actor.is_person:
                continue
            actors.setdefault(actor.id, actor)
            steps[(event, actor.id)] += len(t.steps)
            met.setdefault(actor.id, set()).add(a.journey.id)
    events = {a.journey.life_event for a in analyses}
    by_actor: Counter[str] = Counter()
    for (_, actor_id), n in steps.items():
        by_actor[actor_id] += n
    order = sorted(actors, key=lambda i: (-len(met[i]), -by_actor[i], i))
    return Heatmap(
        tuple(e for e in LifeEvent if e in events), tuple(actors[i] for i in order), dict(steps),
        {i: len(met[i]) for i in order},
    )
