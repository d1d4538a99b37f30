"""Entries that ran into the list above them because the key of their own list was deleted: when
`phases:` goes, its items become more items of `goals:`. Said as what the parser saw, once per entry,
instead of a list of wrong values and unknown keys."""

from __future__ import annotations

import typing
from typing import Any

import attrs

from ..model import yaml_key
from .quoting import quote
from .problem import Problem
from .yamlsource import DataPath


def _list_fields(cls: type) -> dict[str, Any]:
    """The fields of `cls` that hold a list, by YAML key, with the type of their items."""
    hints = typing.get_type_hints(cls)
    found = {}
    for field in attrs.fields(cls):
        kind = hints[field.name]
        if typing.get_origin(kind) is tuple:
            found[yaml_key(field.name)] = typing.get_args(kind)[0]
    return found


def _keys(item_type: Any) -> frozenset[str]:
    return frozenset(yaml_key(a.name) for a in attrs.fields(item_type)) if attrs.has(item_type) else frozenset()


def explain(data: Any, cls: type, problems: tuple[Problem, ...], line_of: Any) -> tuple[Problem, ...]:
    """`problems`, with those of each entry that belongs to a missing list replaced by one that says so.
    `line_of(path)` gives the 1-based line of a path in the file."""
    if not isinstance(data, dict) or not problems:
        return problems
    lists = _list_fields(cls)
    missing = {key: _keys(item) for key, item in lists.items() if key not in data and _keys(item)}
    if not missing:
        return problems
    explained: dict[DataPath, Problem] = {}
    for key, items in data.items():
        if key not in lists or not isinstance(items, list):
            continue
        own = _keys(lists[key])
        first: dict[str, int] = {}  # the first entry of each missing list, where its key belongs
        for index, item in enumerate(items):
            if not isinstance(item, dict) or not item or (own and set(item) <= own):
                continue
            home = next((k for k, fits in missing.items() if set(item) <= fits), None)
            if home is None:
                continue
            at = line_of((key, first.setdefault(home, index)))
            explained[(key, index)] = Problem(
                (key, index),
                f"this entry looks like one of '{home}' ({', '.join(quote(k) for k in item)}), but with no "
                f"'{home}:' line above it, it is read as one more item of '{key}:' (line {line_of((key,))}): "
                f"add the line '{home}:' above line {at}",
            )
    if not explained:
        return problems
    kept = [p for p in problems if not any(p.path[:2] == at for at in explained)]
    return tuple(kept) + tuple(explained.values())
