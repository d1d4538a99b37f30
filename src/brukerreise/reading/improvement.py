"""Checks of to-be journeys against the as-is journeys they improve: `state`, `improves` and `replaces`."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import JourneyState
from .issues import Issue, Severity
from .loading import LoadedJourney, Workspace
from .quoting import quote
from .suggest import did_you_mean

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def check_improvements(workspace: Workspace) -> Iterator[Issue | None]:
    """Every problem of `state`, `improves` and `replaces` in every journey of the workspace."""
    by_id: dict[str, LoadedJourney] = {}
    for loaded in workspace.journeys:
        by_id.setdefault(loaded.journey.id, loaded)
    for loaded in workspace.journeys:
        if _state_broken(loaded):
            continue  # the state is broken, and reported as such: as-is or to-be is unknown
        if loaded.journey.state is JourneyState.TO_BE:
            yield from _check_to_be(loaded, by_id)
        else:
            yield from _check_as_is(loaded)


def _state_broken(loaded: LoadedJourney) -> bool:
    """A `state` written with a value that is not a state (set aside by structuring, and reported there)."""
    data = loaded.file.document.data
    if not isinstance(data, dict) or "state" not in data:
        return False
    written = data["state"]
    return not isinstance(written, str) or written not in [s.value for s in JourneyState]


def _check_as_is(loaded: LoadedJourney) -> Iterator[Issue | None]:
    journey = loaded.journey
    if journey.improves is not None:
        yield loaded.issue(
            ERROR, ("improves",),
            "'improves' is for to-be journeys: add 'state: to-be', or remove 'improves'",
        )
    for index, step in enumerate(journey.steps):
        if step.replaces:
            yield loaded.issue(
                ERROR, ("steps", index, "replaces"),
                f"step {quote(step.id)} says what it replaces, but this is an as-is journey: "
                "add 'state: to-be' and 'improves: <as-is journey id>' at the top, or remove 'replaces'",
            )


def _check_to_be(loaded: LoadedJourney, by_id: dict[str, LoadedJourney]) -> Iterator[Issue | None]:
    journey = loaded.journey
    if journey.improves is None:
        yield loaded.issue(
            WARNING, ("state",),
            "a to-be journey without 'improves' cannot be compared with today: "
            "add 'improves: <the id of the as-is journey it improves>'",
        )
        return
    if loaded.stands_in(("improves",)):
        return
    target = by_id.get(journey.improves)
    if journey.improves == journey.id:
        yield loaded.issue(ERROR, ("improves",), "a journey cannot improve itself: name the as-is journey it improves")
        return
    if target is None:
        as_is = sorted(j for j, other in by_id.items() if other.journey.state is JourneyState.AS_IS)
        hint = did_you_mean(journey.improves, set(as_is))
        if not hint:
            hint = (" (name its file too, or the folder that holds both, e.g. 'brukerreise validate journeys')"
                    if not as_is else f" (as-is journeys read: {', '.join(as_is[:8])}{', ...' if len(as_is) > 8 else ''})")
        yield loaded.issue(ERROR, ("improves",), f"unknown journey {quote(journey.improves)}{hint}")
        return
    improved = target.journey
    if improved.state is not JourneyState.AS_IS:
        yield loaded.issue(
            ERROR, ("improves",),
            f"journey {quote(improved.id)} is a to-be journey too: 'improves' names the as-is journey of today",
        )
        return
    if improved.life_event is not journey.life_event and not loaded.stands_in(("life_event",)):
        yield loaded.issue(
            ERROR, ("improves",),
            f"journey {quote(improved.id)} is of the life event {quote(improved.life_event.value)}, and this one of "
            f"{quote(journey.life_event.value)}: a to-be journey improves a journey of its own life event",
        )
    yield from _check_replaces(loaded, target)


def _check_replaces(loaded: LoadedJourney, target: LoadedJourney) -> Iterator[Issue | None]:
    journey = loaded.journey
    as_is_steps = {s.id for s in target.journey.steps} | target.dropped_ids
    kept = {s.id for s in journey.steps} & as_is_steps
    replaced_at: dict[str, tuple[str, int]] = {}  # as-is step id -> (to-be step id, line)
    for index, step in enumerate(journey.steps):
        for i, old in enumerate(step.replaces):
            at = ("steps", index, "replaces", i)
            if old not in as_is_steps:
                yield loaded.issue(
                    ERROR, at,
                    f"unknown step {quote(old)} in the as-is journey {quote(target.journey.id)}{did_you_mean(old, as_is_steps)}",
                )
            elif old in kept:
                whom = "this step" if old == step.id else f"step {quote(old)} of this journey"
                yield loaded.issue(
                    ERROR, at,
                    f"as-is step {quote(old)} is kept ({whom} has its id), so it cannot be replaced too: "
                    "remove it from 'replaces', or give the new step an id of its own",
                )
            elif old in replaced_at:
                first, line = replaced_at[old]
                by = "this step" if first == step.id else f"step {quote(first)}"
                yield loaded.issue(
                    ERROR, at,
                    f"as-is step {quote(old)} is already replaced by {by} (line {line}): an as-is step is replaced once",
                )
            else:
                line, _ = loaded.file.document.position(loaded.original_path(at))
                replaced_at[old] = (step.id, line)
