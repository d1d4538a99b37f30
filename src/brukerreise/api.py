"""The Python API: load and validate journeys, and analyse the valid ones. Usable without the CLI."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import attrs

from .analysis import JourneyAnalysis, Portfolio, analyse, portfolio
from .issues import Issue
from .loading import LoadedJourney, Workspace, catalog, load
from .validation import validate


@attrs.frozen
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
        """Journeys with no error in their own file (registry errors surface in the journeys they hurt)."""
        broken = {i.file for i in self.errors}
        return [j for j in self.workspace.journeys if j.file.shown not in broken]

    def invalid_sources(self) -> list[str]:
        return sorted({i.file for i in self.errors})

    def analyse(self) -> list[JourneyAnalysis]:
        """The analysis of every valid journey, in the order they were loaded."""
        return [analyse_loaded(self.workspace, j) for j in self.valid_journeys()]

    @property
    def sources(self) -> list[Path]:
        """Every file read: outputs must never be written over these."""
        return [f.path for f in self.workspace.files]


def check(paths: Sequence[str | Path] = ()) -> Checked:
    """Load journeys and registries from files or folders (default `journeys/`) and validate them.
    Raises loading.UsageError when a path does not exist; problems in the files come back as issues."""
    workspace = load(paths)
    return Checked(workspace, tuple(validate(workspace)))


def analyse_loaded(workspace: Workspace, loaded: LoadedJourney) -> JourneyAnalysis:
    actors, items = catalog(workspace, loaded)
    return analyse(loaded.journey, actors, items, source=loaded.file.shown)


def analyse_paths(paths: Sequence[str | Path] = ()) -> tuple[list[JourneyAnalysis], Portfolio, Checked]:
    checked = check(paths)
    analyses = checked.analyse() if checked.is_valid() else []
    return analyses, portfolio(analyses), checked
