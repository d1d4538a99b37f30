"""Structure valid data into the model quickly, without cattrs: the path every valid file takes.

It accepts exactly what the detailed converter (structure.py) accepts and builds the same objects; any
value it does not expect raises `Refused`, and the caller structures the data again with the detailed
converter, which says what is wrong and where. So cattrs, and the code it generates for each class, load
only for a file with errors. (tests/test_quick_structure.py checks both agree, on valid and broken data.)
"""

from __future__ import annotations

import enum
import functools
import typing
from collections.abc import Callable
from typing import Any

import attrs

from .. import model
from ..model import yaml_key
from .salvage import optional_inner

FIGURE_LIMIT = 1e12  # the largest figure (people, minutes, days or kroner) a journey may hold

Hook = Callable[[Any], Any]


class Refused(Exception):
    """A value the quick path does not take: the detailed converter finds out what is wrong with it."""


def quickly(data: Any, cls: Any) -> Any:
    """`data` structured as `cls` (a model class, or a type such as tuple[Actor, ...]). Raises Refused
    (or any other exception) for data that is not valid."""
    return _hook(cls)(data)


def _str(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise Refused


def _int(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise Refused


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise Refused


def _float(value: Any) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value == value \
            and -FIGURE_LIMIT <= value <= FIGURE_LIMIT:
        return float(value)
    raise Refused


def _estimate(value: Any) -> model.Estimate:
    """A number, or 'low / likely / high / source' lines."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return model.Estimate(likely=_float(value))
    return _estimate_lines(value)


_estimate_lines: Hook  # set below, once the hook of a class can be made


def _minutes(value: Any) -> tuple[model.AgencyMinutes, ...]:
    """An agency's minutes as 'actor: minutes' lines."""
    if not isinstance(value, dict):
        raise Refused
    return tuple(model.AgencyMinutes(_str(actor), _estimate(minutes)) for actor, minutes in value.items())


@functools.cache
def _hook(t: Any) -> Hook:
    """How to structure a value of type `t`."""
    known: dict[Any, Hook] = {str: _str, int: _int, bool: _bool, float: _float, model.Estimate: _estimate,
                              tuple[model.AgencyMinutes, ...]: _minutes}
    if t in known:
        return known[t]
    inner = optional_inner(t)
    if inner is not None:
        return _optional(_hook(inner))
    if typing.get_origin(t) is tuple:
        return _tuple(typing.get_args(t)[0])
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return _enum(t)
    if attrs.has(t):
        return _class(t)
    raise TypeError(f"the model has no type {t!r}")  # pragma: no cover - a model class with a new kind of field


def _optional(hook: Hook) -> Hook:
    def structure_optional(value: Any) -> Any:
        return None if value is None else hook(value)

    return structure_optional


def _tuple(inner: Any) -> Hook:
    if inner is str:  # the most common list: texts or ids
        def structure_texts(value: Any) -> tuple[str, ...]:
            if type(value) is not list or not all(isinstance(item, str) for item in value):
                raise Refused
            return tuple(value)

        return structure_texts
    hook = _hook(inner)

    def structure_list(value: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise Refused
        return tuple([hook(item) for item in value])

    return structure_list


def _enum(cls: type[enum.Enum]) -> Hook:
    by_value: dict[Any, enum.Enum] = {m.value: m for m in cls}
    by_value.update(model.ALIASES.get(cls, {}))

    def structure_enum(value: Any) -> enum.Enum:
        if isinstance(value, str) and value in by_value:
            return by_value[value]
        raise Refused

    return structure_enum


def _class(cls: type) -> Hook:
    """A model class from 'key: value' lines: every key known, every required one given."""
    fields = attrs.fields(cls)
    plan = {yaml_key(a.name): (a.alias, _hook(a.type)) for a in fields}
    required = frozenset(yaml_key(a.name) for a in fields if a.default is attrs.NOTHING)

    def structure_class(value: Any) -> Any:
        if type(value) is not dict or not required <= value.keys():
            raise Refused
        given = {}
        for key, item in value.items():
            if key not in plan:
                raise Refused
            name, hook = plan[key]
            given[name] = hook(item)
        return cls(**given)

    return structure_class


_estimate_lines = _class(model.Estimate)
