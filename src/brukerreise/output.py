"""Write output files atomically, and never over an input."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import OutputError

__all__ = ["OutputError", "write_atomic", "write_new"]


def write_atomic(target: Path, data: bytes, protected: Iterable[Path] = ()) -> None:
    """Write `data` to a temporary file beside `target`, then rename it into place: a reader sees the old
    file or the new one, never half of one. Refuses to write over any path in `protected`."""
    resolved = target.resolve()
    if any(resolved == p.resolve() for p in protected):
        raise OutputError(f"{target}: refusing to write over a journey or registry file")
    _write_beside(target, data, lambda temp: os.replace(temp, target))


def write_new(target: Path, data: bytes) -> None:
    """Write `data` to `target`, which must not exist: written beside it first and then linked into
    place, so the file appears whole or not at all, and an existing file (even one made meanwhile) is
    never replaced. Raises FileExistsError."""

    def link(temp: str) -> None:
        try:
            os.link(temp, target)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: create it exclusively instead
            with open(target, "xb") as stream:
                stream.write(data)

    _write_beside(target, data, link)


def _write_beside(target: Path, data: bytes, place: Callable[[str], None]) -> None:
    """Write `data` to a temporary file beside `target` and `place` it; the temporary file never stays."""
    import tempfile  # here, not at the top: commands that write nothing need not load it

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a file stands where a folder must: not the target already existing
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), exc.filename) from None
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temp, 0o644)
        place(temp)
    finally:
        Path(temp).unlink(missing_ok=True)
