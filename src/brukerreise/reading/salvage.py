"""What to set aside when data does not structure, so that the rest can still be structured and checked.

A broken value inside a list item is left out when it is optional and replaced by a stand-in when it is
required; where that is not possible, the whole list item is left out. The stand-ins are never reported
themselves: their own problem already is.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from ..model import yaml_key
from .problem import Problem
from .yamlsource import DataPath


def optional_inner(t: Any) -> Any:
    """X for 'X | None' (or Optional[X]), else None."""
    args = typing.get_args(t)
    if typing.get_origin(t) in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
        return next(a for a in args if a is not type(None))
    return None


def _optional_keys(cls: type) -> set[str]:
    return {yaml_key(a.name) for a in attrs.fields(cls) if a.default is not attrs.NOTHING}


def _required_stand_ins(cls: type) -> dict[str, Any]:
    """Stand-ins for broken or missing required values of `cls` (by YAML key), so that the rest can
    still be structured and checked; the stand-in itself is never reported."""
    found: dict[str, Any] = {}
    for attribute in attrs.fields(cls):
        if attribute.default is not attrs.NOTHING:
            continue
        kind = attribute.type
        if kind is str:
            found[yaml_key(attribute.name)] = ""
        elif isinstance(kind, type) and issubclass(kind, enum.Enum):
            found[yaml_key(attribute.name)] = next(iter(kind)).value
        elif typing.get_origin(kind) is tuple:
            found[yaml_key(attribute.name)] = []
    return found


def _class_at(cls: Any, path: DataPath) -> Any:
    """The model class of the mapping at `path` inside data structured as `cls`, or None."""
    for part in path:
        if isinstance(part, int):
            cls = typing.get_args(cls)[0] if typing.get_origin(cls) is tuple else None
        elif attrs.has(cls):
            named = {yaml_key(a.name): a.type for a in attrs.fields(cls)}
            cls = named.get(part)
            cls = optional_inner(cls) or cls
        else:
            return None
    return cls if attrs.has(cls) else None


class Salvage:
    """What to set aside in data structured as `cls`, given the problems found in it."""

    def __init__(self, cls: type, finely: bool) -> None:
        self.cls, self.finely = cls, finely
        self.drop_items: set[DataPath] = set()  # list items to leave out
        self.drop_keys: set[DataPath] = set()  # keys to leave out
        self.fill: dict[DataPath, dict[str, Any]] = {}  # mapping path -> stand-ins by key
        self.dropped_ids: set[str] = set()
        self.index_maps: dict[DataPath, list[int]] = {}
        self.stand_in_paths: set[DataPath] = set()  # where the stand-ins are, in the pruned data

    def prune(self, data: Any, problems: tuple[Problem, ...]) -> Any:
        """A copy of `data` without the broken parts, or None when a broken part cannot be set aside."""
        if not isinstance(data, (dict, list)):
            return None
        for problem in problems:
            if problem.at_key:
                self.drop_keys.add(problem.path)  # an unknown key: leave it out
            elif not self._set_aside(problem.path + ((problem.missing,) if problem.missing else ())):
                return None
        return self._copy(data, (), ())

    def _set_aside(self, broken: DataPath) -> bool:
        if not self.finely or not broken or isinstance(broken[-1], int):
            return self._drop_enclosing_item(broken)
        owner = _class_at(self.cls, broken[:-1])
        key = broken[-1]
        if owner is not None:
            optional = _optional_keys(owner)
            stand_ins = _required_stand_ins(owner)
            if key in optional:
                self.drop_keys.add(broken)
                return True
            if key in stand_ins:
                self.fill.setdefault(broken[:-1], {})[key] = stand_ins[key]
                return True
        return self._drop_enclosing_item(broken)

    def _drop_enclosing_item(self, broken: DataPath) -> bool:
        """Leave out the innermost list item holding `broken`; at the top, only optional keys can go, and
        required ones get stand-ins."""
        last_index = max((i for i, part in enumerate(broken) if isinstance(part, int)), default=None)
        if last_index is not None:
            self.drop_items.add(broken[: last_index + 1])
            return True
        if not broken:
            return False
        key = broken[0]
        if key in _optional_keys(self.cls):
            self.drop_keys.add(broken[:1])
            return True
        stand_ins = _required_stand_ins(self.cls)
        if key in stand_ins and len(broken) == 1:
            self.fill.setdefault((), {})[key] = stand_ins[key]
            return True
        return False  # a required top-level value is broken and has no stand-in: nothing to salvage

    def _copy(self, node: Any, path: DataPath, pruned_path: DataPath) -> Any:
        if isinstance(node, dict):
            copied = {
                k: self._copy(v, path + (k,), pruned_path + (k,))
                for k, v in node.items() if path + (k,) not in self.drop_keys
            }
            for key, stand_in in self.fill.get(path, {}).items():
                copied[key] = stand_in
                self.stand_in_paths.add(pruned_path + (key,))
            return copied
        if isinstance(node, list):
            kept = []
            for i, item in enumerate(node):
                if path + (i,) in self.drop_items:
                    if isinstance(item, dict) and isinstance(item.get("id"), str):
                        self.dropped_ids.add(item["id"])
                    continue
                kept.append(i)
            if len(kept) != len(node):
                self.index_maps[path] = kept
            return [self._copy(node[i], path + (i,), pruned_path + (n,)) for n, i in enumerate(kept)]
        return node


def path_translator(index_maps: dict[DataPath, list[int]]) -> Callable[[DataPath], DataPath]:
    def original(path: DataPath) -> DataPath:
        result: DataPath = ()
        for part in path:
            if isinstance(part, int) and result in index_maps:
                kept = index_maps[result]
                part = kept[part] if part < len(kept) else part
            result += (part,)
        return result

    return original
