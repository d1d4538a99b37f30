"""Problems found in user input, each with the place it was found and how to fix it."""

from __future__ import annotations

import enum
import os
from typing import TYPE_CHECKING

import attrs

from .quoting import escaped

if TYPE_CHECKING:
    from os import PathLike


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@attrs.frozen(order=True)
class Issue:
    """One problem at one place: `path:line:col: severity: message`. Line and column are 1-based."""

    file: str
    line: int
    col: int
    severity: Severity = attrs.field(order=lambda s: s.value)
    message: str = attrs.field(order=False)

    def __str__(self) -> str:
        # One line whatever a message quotes: user text is quoted with `quoting.quote` where the message is
        # made; this is the last guard, so that no line break can start what passes for another diagnostic.
        return f"{escaped(self.file)}:{self.line}:{self.col}: {self.severity.value}: {escaped(self.message)}"

    def place(self) -> tuple[str, int, int, str]:
        """The order of issues (as their `<`, but a plain tuple: sorting thousands of issues is quicker)."""
        return (self.file, self.line, self.col, self.severity.value)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def display_path(path: str | PathLike[str]) -> str:
    """The path as the user would type it: relative to the working directory where possible."""
    try:  # without resolving symbolic links: a link is shown as named (and a link loop cannot raise)
        shown = _relative(os.path.abspath(path), os.getcwd())
    except OSError:
        shown = None
    if shown is None:
        from pathlib import Path  # as written (normalised), for a path outside the working directory

        shown = str(Path(path))
    return escaped(shown)


def _relative(absolute: str, folder: str) -> str | None:
    """`absolute` relative to `folder` (both normalised, as os.path.abspath makes them), or None when it
    is not inside it: what pathlib's relative_to says, without loading pathlib."""
    if os.path.normcase(absolute) == os.path.normcase(folder):
        return "."
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    if os.path.normcase(absolute).startswith(os.path.normcase(prefix)):
        return absolute[len(prefix):]
    return None
