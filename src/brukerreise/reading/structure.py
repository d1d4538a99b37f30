"""Turn plain YAML data into model objects: valid data quickly (quick.py), data with errors through the
cattrs converter (converter.py), which says what is wrong and where.

When part of a file is wrong, the broken parts are set aside (see salvage.py) and the rest is structured
anyway, so that the domain checks can still report every other problem in the same run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from .problem import Problem
from .quick import quickly
from .salvage import Salvage, path_translator
from .yamlsource import DataPath


@attrs.frozen(repr=False, eq=False)  # a record of one run, compared by identity: fewer methods to compile at start
class Structured:
    """The model object (None when nothing could be salvaged), the problems, and what was set aside."""

    value: Any
    problems: tuple[Problem, ...]
    dropped_ids: frozenset[str]  # ids of list items set aside: not to be reported again as unknown
    original_path: Callable[[DataPath], DataPath]
    stand_ins: frozenset[DataPath] = frozenset()  # where broken required values were filled in (pruned data)


def _same(path: DataPath) -> DataPath:
    return path


def structure(
    data: Any, cls: Any, *, finely: bool = True,  # cls: a class, or a generic alias such as tuple[Actor, ...]
    revise: Callable[[tuple[Problem, ...]], tuple[Problem, ...]] | None = None,
) -> Structured:
    """Structure `data` as `cls`; on failure, set broken parts aside and try again. With `finely`, a broken
    value inside a list item is set aside (a required one replaced by a stand-in) rather than the item.
    `revise` may say the problems better (and so set aside other parts) before anything is set aside."""
    try:
        return Structured(quickly(data, cls), (), frozenset(), _same)
    except Exception:  # noqa: BLE001 - structured again below, to say what is wrong and where
        pass
    from .converter import detailed_converter, problems as problems_in  # cattrs: only for a file with errors

    detailed = detailed_converter()
    try:
        return Structured(detailed.structure(data, cls), (), frozenset(), _same)
    except Exception as exc:  # noqa: BLE001 - every failure is reported as problems
        problems = tuple(problems_in(exc, (), cls))
    if revise is not None:
        problems = revise(problems)
    # First set aside only the broken values (with stand-ins for required ones), so that the rest of
    # each step can still be checked; should that not structure, set aside the whole list items.
    for fine in (True, False) if finely else (False,):
        salvage = Salvage(cls, fine)
        pruned = salvage.prune(data, problems)
        if pruned is None:
            break
        try:
            value: Any = detailed.structure(pruned, cls)
        except Exception:  # noqa: BLE001 - set aside more, or give up
            continue
        return Structured(
            value, problems, frozenset(salvage.dropped_ids), path_translator(salvage.index_maps),
            frozenset(salvage.stand_in_paths),
        )
    return Structured(None, problems, frozenset(), _same)
