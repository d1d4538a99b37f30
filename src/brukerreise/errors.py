"""The exit codes, and the errors that know theirs (as click's exceptions do): raised anywhere in the package
(it imports nothing of it), turned into `brukerreise: error: <message>` and the code by the command line."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    OK = 0  # all well
    INVALID = 1  # invalid input: a journey or registry has errors (or warnings with --strict)
    USAGE = 2  # usage or environment: bad options, missing files, Graphviz missing, an output not writable
    INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT


class BrukerreiseError(Exception):
    """A problem to tell the user in one line (no traceback), ending the command with `exit_code`."""

    exit_code: ExitCode = ExitCode.USAGE


class UsageError(BrukerreiseError):
    """A problem with how the command was called or with the environment, not with a journey (exit 2)."""

    exit_code = ExitCode.USAGE


class InvalidInput(BrukerreiseError):
    """Input that cannot be used as it is: a journey, registry or sheet with errors (exit 1)."""

    exit_code = ExitCode.INVALID


class OutputError(UsageError):
    """An output that must not or cannot be written (exit 2)."""
