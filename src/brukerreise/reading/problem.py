"""A problem found while structuring a file's data: where it is (the data path) and what is wrong."""

from __future__ import annotations

import attrs

from .yamlsource import DataPath


@attrs.frozen(repr=False, eq=False)  # a record of one run, compared by identity: fewer methods to compile at start
class Problem:
    path: DataPath
    message: str
    at_key: bool = False  # point at the key rather than the value
    missing: str | None = None  # the key that is missing (the path is then its enclosing mapping)
    shift: int = 0  # columns to the right of where the path points (e.g. the ':' after a key)
