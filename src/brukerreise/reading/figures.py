"""Checks of the figures for gains: volumes, time and costs of the change (units, ranges, sources, and
every actor and flow they name)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Estimate, Journey
from .issues import Issue, Severity
from .loading import LoadedJourney, Workspace, catalog
from .quoting import number as _number, quote
from .suggest import Candidates, did_you_mean
from .yamlsource import DataPath

ERROR, WARNING = Severity.ERROR, Severity.WARNING

NO_SOURCE = ("has no source: add 'source: …' (an SSB table, the agency's own figures, or a named estimate "
             "with its reasoning); without one it is counted, but shown as unsourced")


def check_figures(workspace: Workspace) -> Iterator[Issue | None]:
    """Every problem of the gains figures in every journey of the workspace."""
    for loaded in workspace.journeys:
        yield from check_journey_figures(workspace, loaded)


# Figures above these are likely written in the wrong unit: (limit, what to check).
UNIT_LIMITS = {
    "minutes": (10_000, "check the unit — minutes of work per person or case (10 000 minutes is about a month of work days)"),
    "days": (3_650, "check the unit — days of waiting (3 650 days is ten years)"),
}


def check_estimate(loaded: LoadedJourney, at: DataPath, value: Estimate | None, what: str, *,
                   share: bool = False, unit: str | None = None) -> Iterator[Issue | None]:
    """One figure: no negatives, low ≤ likely ≤ high, a share at most 1, and a source."""
    if value is None:
        return
    if not value.known:
        if value.source is None:
            yield loaded.issue(ERROR, at, f"{what} has neither a number nor a source: write 'likely: …' with its "
                                          "'source: …', or say in 'source' why there is no figure")
        return
    for key in ("low", "likely", "high"):
        found = getattr(value, key)
        if found is not None and found < 0:
            yield loaded.issue(ERROR, at,
                               f"{what}: {number(found)} is negative — figures are counts, minutes, days or kroner, 0 or more")
        if share and found is not None and found > 1:
            yield loaded.issue(ERROR, at,
                               f"a share is at most 1, found {number(found)} — write {number(round(found / 100, 4))} for {number(found)} %")
    if value.likely is None:
        yield loaded.issue(ERROR, at, f"{what} has 'low' or 'high' but no 'likely': add 'likely: …', the most likely value")
    low, likely, high = value.low, value.likely, value.high
    ordered = [x for x in (low, likely, high) if x is not None]
    if ordered != sorted(ordered):
        yield loaded.issue(ERROR, at, f"{what}: low ≤ likely ≤ high does not hold ({_shown(value)}): put them in order")
    if value.source is None:
        yield loaded.issue(WARNING, at, f"{what} {NO_SOURCE}")
    limit = None if unit is None else UNIT_LIMITS.get(unit)
    if limit is not None and max(x for x in (low, likely, high) if x is not None) > limit[0]:
        yield loaded.issue(WARNING, at, f"{what} is more than {number(limit[0])}: {limit[1]}")


def number(value: float) -> str:
    """A figure as written: 20, not 20.0."""
    return _number(int(value) if float(value).is_integer() else value)


def _shown(value: Estimate) -> str:
    return ", ".join(f"{k} {number(getattr(value, k))}" for k in ("low", "likely", "high") if getattr(value, k) is not None)


def check_journey_figures(workspace: Workspace, loaded: LoadedJourney) -> Iterator[Issue | None]:
    journey = loaded.journey
    actors, _ = catalog(workspace, loaded)
    known_actors = Candidates(set(actors) | workspace.dropped_registry_ids | loaded.dropped_ids)
    yield from check_estimate(loaded, ("people_per_year",), journey.people_per_year, "'people_per_year'")
    whole = journey.people_per_year.likely if journey.people_per_year is not None else None
    for index, step in enumerate(journey.steps):
        effort = step.effort
        if effort is None:
            continue
        at: DataPath = ("steps", index, "effort")
        yield from check_estimate(loaded, at + ("share",), effort.share, "'share'", share=True)
        yield from check_estimate(loaded, at + ("people",), effort.people, "'people'")
        yield from check_estimate(loaded, at + ("person_minutes",), effort.person_minutes, "'person_minutes'", unit="minutes")
        yield from check_estimate(loaded, at + ("waiting_days",), effort.waiting_days, "'waiting_days'", unit="days")
        if effort.share is not None and effort.people is not None:
            yield loaded.issue(ERROR, at + ("people",), "write either 'share' (of the journey's people) or 'people' (a year), not both")
        reach = effort.people.likely if effort.people is not None else None
        if reach is not None and whole is not None and reach > whole:
            yield loaded.issue(WARNING, at + ("people",),
                               f"{number(reach)} people a year reach this step, more than the journey's 'people_per_year' "
                               f"({number(whole)}): check both figures")
        taking_part = {step.owner, *step.with_}
        for minutes in effort.agency_minutes:
            where = at + ("agency_minutes", minutes.actor)
            if minutes.actor not in known_actors:
                yield loaded.issue(ERROR, where, f"unknown actor {quote(minutes.actor)}{did_you_mean(minutes.actor, known_actors)}", at_key=True)
                continue
            actor = actors.get(minutes.actor)
            if actor is not None and actor.is_person:
                yield loaded.issue(ERROR, where, f"{quote(minutes.actor)} is the person: write the person's time under 'person_minutes'", at_key=True)
                continue
            if minutes.actor not in taking_part:
                yield loaded.issue(WARNING, where, f"{quote(minutes.actor)} neither owns step {quote(step.id)} nor takes part in it: "
                                                   f"add it under 'with', or move its minutes to the step it works at", at_key=True)
            yield from check_estimate(loaded, where, minutes.minutes, f"the minutes of {quote(minutes.actor)}", unit="minutes")
    yield from _check_prerequisites(loaded, journey, known_actors)


def _check_prerequisites(loaded: LoadedJourney, journey: Journey, known_actors: Candidates) -> Iterator[Issue | None]:
    flows = {(f.item, f.from_, f.to) for s in journey.steps for f in s.data}
    items = Candidates({f[0] for f in flows})
    for index, need in enumerate(journey.prerequisites):
        at: DataPath = ("prerequisites", index)
        for key in ("built_by", "run_by"):
            actor = getattr(need, key)
            if actor is not None and actor not in known_actors:
                yield loaded.issue(ERROR, at + (key,), f"unknown actor {quote(actor)}{did_you_mean(actor, known_actors)}")
        yield from check_estimate(loaded, at + ("one_time",), need.one_time, "'one_time' (kroner)")
        yield from check_estimate(loaded, at + ("yearly",), need.yearly, "'yearly' (kroner)")
        if (need.one_time is not None or need.yearly is not None) and need.built_by is None and need.run_by is None:
            yield loaded.issue(ERROR, at, "a cost needs someone to pay it: add 'built_by: …' (and 'run_by: …' if another runs it)")
        for i, flow in enumerate(need.flows):
            if (flow.item, flow.from_, flow.to) in flows:
                continue
            same_item = sorted(f"{f}: {a} → {b}" for f, a, b in flows if f == flow.item)
            if same_item:
                hint = f": the journey has {'; '.join(same_item)}"
            else:
                hint = did_you_mean(flow.item, items) or ": add the flow to a step's 'data', or correct the item"
            yield loaded.issue(ERROR, at + ("flows", i),
                               f"no step of this journey has the flow {quote(flow.item)} from {quote(flow.from_)} to {quote(flow.to)}{hint}")
