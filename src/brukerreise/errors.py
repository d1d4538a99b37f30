"""The errors that know their exit status (as click's exceptions do): raised anywhere in the package
(it imports nothing of it), turned into `brukerreise: error: <message>` and the code by the command line."""

from __future__ import annotations

from .status import ExitStatus


class BrukerreiseError(Exception):
    """A problem to tell the user in one line (no traceback), ending the command with `exit_code`."""

    exit_code: ExitStatus = ExitStatus.USAGE


class UsageError(BrukerreiseError):
    """A problem with how the command was called or with the environment, not with a journey (exit 2)."""

    exit_code = ExitStatus.USAGE


class InvalidInput(BrukerreiseError):
    """Input that cannot be used as it is: a journey, registry or sheet with errors (exit 1)."""

    exit_code = ExitStatus.INVALID


class OutputError(UsageError):
    """An output that must not or cannot be written (exit 2)."""
