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


def os_problem(exc: OSError) -> str:
    """What the machine refused, in words a user can act on: the path it concerns first, then why and
    what to do (no errno numbers)."""
    import errno

    where = f"{exc.filename}: " if exc.filename is not None else ""
    why = {
        errno.EEXIST: "a file of that name is in the way of a folder: choose another folder, or move the file",
        errno.ENOTDIR: "a part of this path is a file, not a folder: choose a folder",
        errno.EISDIR: "this is a folder, not a file: name a file",
        errno.EACCES: "no permission to write here: choose a folder you may write to",
        errno.EPERM: "no permission to write here: choose a folder you may write to",
        errno.EROFS: "the file system is read-only: choose a folder you may write to",
        errno.ENOSPC: "the disk is full: free some space and run again",
        errno.ENAMETOOLONG: "the name is too long for the file system: choose a shorter one",
    }.get(exc.errno or -1, exc.strerror or str(exc))
    return where + why
