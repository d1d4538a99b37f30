"""The Python API: load and validate journeys, and analyse the valid ones. Usable without the CLI."""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

import attrs

from .reading.issues import Issue
from .reading.loading import LoadedJourney, Workspace, catalog, load
from .reading.validation import validate

T = TypeVar("T")

if TYPE_CHECKING:  # the analysis is imported only when asked for: validate does without it (and pathlib)
    from pathlib import Path

    from .analysis import JourneyAnalysis, Portfolio
    from .model import Actor, DataItem

    Catalogue = tuple[dict[str, Actor], dict[str, DataItem]]


@attrs.frozen(repr=False, eq=False)  # a record of one run, compared by identity: fewer methods to compile at start
class Checked:
    """A loaded workspace and every issue found in it."""

    workspace: Workspace
    issues: tuple[Issue, ...]

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.is_error)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if not i.is_error)

    def is_valid(self, strict: bool = False) -> bool:
        return not (self.issues if strict else self.errors)

    @functools.cached_property
    def _catalogued(self) -> dict[int, tuple[LoadedJourney, Catalogue]]:
        """The valid journeys, by identity, each with its catalogue (looked up once per run)."""
        broken = {i.file for i in self.errors}
        found = {}
        for j in self.workspace.journeys:
            if j.file.shown in broken:
                continue
            known = catalog(self.workspace, j)
            if _resolves(j, *known):
                found[id(j)] = (j, known)
        return found

    def valid_journeys(self) -> list[LoadedJourney]:
        """Journeys with no error in their own file whose every reference resolves (a registry entry
        with an error is set aside, so a journey that uses it cannot be analysed either)."""
        return [j for j, _ in self._catalogued.values()]

    def invalid_sources(self) -> list[str]:
        """Files with errors, and journey files that cannot be built because of an error elsewhere."""
        valid = {j.file.shown for j in self.valid_journeys()}
        unbuilt = {j.file.shown for j in self.workspace.journeys if j.file.shown not in valid}
        return sorted({i.file for i in self.errors} | unbuilt)

    def analyse(self, only: Sequence[LoadedJourney] | None = None,
                remembered: Remembered | None = None) -> list[JourneyAnalysis]:
        """The analysis of every valid journey (or of those of them in `only`), in the order they were
        loaded; a to-be journey whose as-is journey is analysed too carries its comparison. `remembered`:
        analyses made before of the very same records are taken from there (`serve`)."""
        from .analysis import analyse
        from .analysis.comparison import with_comparisons

        recall = remembered or Remembered()
        wanted = None if only is None else {id(j) for j in only}
        return with_comparisons(
            [recall((j.journey, j.file.shown, *known[0].values(), *known[1].values()),
                    functools.partial(analyse, j.journey, *known, source=j.file.shown))
             for key, (j, known) in self._catalogued.items() if wanted is None or key in wanted],
            recall)

    @property
    def sources(self) -> list[Path]:
        """Every file read: outputs must never be written over these."""
        return [f.path for f in self.workspace.files]


class Remembered:
    """Results kept from one run to the next by the identity of the records they were made of (records
    never change, and a file read again unchanged gives the very same records: see reading.loading). What
    a run did not ask for is forgotten at the next `turn`."""

    def __init__(self) -> None:
        self._last: dict[tuple[object, ...], tuple[tuple[object, ...], object]] = {}
        self._now: dict[tuple[object, ...], tuple[tuple[object, ...], object]] = {}

    def __call__(self, parts: tuple[object, ...], make: Callable[[], T]) -> T:
        """`make()`, or what it made before of the same parts (records by identity, texts by value)."""
        # The parts are kept with the result: their ids are not reused meanwhile.
        key = tuple(p if isinstance(p, str) else id(p) for p in parts)
        found = self._now.get(key) or self._last.get(key)
        if found is None:
            found = (parts, make())
        self._now[key] = found
        return typing.cast(T, found[1])

    def turn(self) -> None:
        self._last, self._now = self._now, {}


def _resolves(loaded: LoadedJourney, actors: dict[str, Actor], items: dict[str, DataItem]) -> bool:
    journey = loaded.journey
    actor_refs = {*journey.lanes, *(x for s in journey.steps for x in (s.owner, *s.with_))}
    actor_refs |= {x for s in journey.steps for f in s.data for x in (f.from_, f.to)}
    item_refs = {i for s in journey.steps for i in (*s.asks_user, *(f.item for f in s.data))}
    return item_refs <= items.keys() and actor_refs | {items[i].source for i in item_refs} <= actors.keys()


def check(paths: Sequence[str | Path] = ()) -> Checked:
    """Load journeys and registries from files or folders (default `journeys/`) and validate them.
    Raises errors.UsageError when a path does not exist; problems in the files come back as issues."""
    workspace = load(paths)
    return Checked(workspace, tuple(validate(workspace)))


def analyse_loaded(workspace: Workspace, loaded: LoadedJourney) -> JourneyAnalysis:
    from .analysis import analyse

    actors, items = catalog(workspace, loaded)
    return analyse(loaded.journey, actors, items, source=loaded.file.shown)


def analyse_paths(paths: Sequence[str | Path] = ()) -> tuple[list[JourneyAnalysis], Portfolio, Checked]:
    from .analysis import portfolio

    checked = check(paths)
    analyses = checked.analyse() if checked.is_valid() else []
    return analyses, portfolio(analyses), checked
