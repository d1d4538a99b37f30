"""The Python API: load and validate journeys, and analyse the valid ones. Usable without the CLI."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from .reading.issues import Issue
from .reading.loading import LoadedJourney, Workspace, catalog, load
from .reading.validation import validate

if TYPE_CHECKING:  # the analysis is imported only when asked for: validate does without it
    from .analysis import JourneyAnalysis, Portfolio


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

    def valid_journeys(self) -> list[LoadedJourney]:
        """Journeys with no error in their own file whose every reference resolves (a registry entry
        with an error is set aside, so a journey that uses it cannot be analysed either)."""
        broken = {i.file for i in self.errors}
        return [j for j in self.workspace.journeys if j.file.shown not in broken and _resolves(self.workspace, j)]

    def invalid_sources(self) -> list[str]:
        """Files with errors, and journey files that cannot be built because of an error elsewhere."""
        valid = {j.file.shown for j in self.valid_journeys()}
        unbuilt = {j.file.shown for j in self.workspace.journeys if j.file.shown not in valid}
        return sorted({i.file for i in self.errors} | unbuilt)

    def analyse(self) -> list[JourneyAnalysis]:
        """The analysis of every valid journey, in the order they were loaded; a to-be journey whose as-is
        journey is valid too carries its comparison."""
        from .analysis.comparison import with_comparisons

        return with_comparisons([analyse_loaded(self.workspace, j) for j in self.valid_journeys()])

    @property
    def sources(self) -> list[Path]:
        """Every file read: outputs must never be written over these."""
        return [f.path for f in self.workspace.files]


def _resolves(workspace: Workspace, loaded: LoadedJourney) -> bool:
    actors, items = catalog(workspace, loaded)
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
