"""The one cattrs converter, for data that is not valid: it gathers every failure with its path, and
`problems` turns cattrs' error tree into plain problems, each at the path of the key or value that is
wrong. Loaded only for a file with errors (valid data takes the quick path, quick.py).
"""

from __future__ import annotations

import enum
import functools
import re
import typing
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, override

from .. import model
from ..model import yaml_key
from .problem import Problem
from .quick import FIGURE_LIMIT
from .salvage import optional_inner
from .quoting import number, quote, shown
from .suggest import did_you_mean, one_of
from .yamlsource import DataPath


def _origin(t: Any) -> object:
    """What a generic alias is of (tuple for tuple[Actor, ...]), or None."""
    return typing.get_origin(t)


class InputError(ValueError):
    """A value of the wrong kind, with a message meant for the person who wrote it."""


VOCABULARY_NAMES: dict[type[enum.Enum], str] = {
    model.LifeEvent: "life event",
    model.Channel: "channel",
    model.Transfer: "'how'",
    model.ActorKind: "actor kind",
    model.JourneyState: "'state'",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (yes/no)"
    if isinstance(value, (int, float)):
        return f"the number {number(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "'key: value' lines"
    return quote(value)


def _make_converter(*, detailed: bool) -> cattrs.Converter:
    """The converter; `detailed` makes it gather every failure with its path (slower to set up and run)."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)

    def structure_str(value: Any, _: type) -> str:
        if isinstance(value, str):
            return value
        hint = " — put it in quotes" if isinstance(value, (int, float, bool)) else ""
        if isinstance(value, (dict, list)):
            hint = " — a text that begins with '{' or '[' must be in quotes"
        raise InputError(f"expected text, found {_describe(value)}{hint}")

    def structure_int(value: Any, _: type) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and re.fullmatch(r"\s*[-+−]?\d+\s*", value):
            raise InputError(f"expected a whole number, found {_describe(value)} in quotes, which makes it a text: remove the quotes")
        raise InputError(f"expected a whole number, found {_describe(value)}")

    def structure_bool(value: Any, _: type) -> bool:
        if isinstance(value, bool):
            return value
        raise InputError(f"expected true or false, found {_describe(value)}")

    conv.register_structure_hook(str, structure_str)
    conv.register_structure_hook(int, structure_int)
    conv.register_structure_hook(bool, structure_bool)

    def enum_hook(cls: type[enum.Enum]) -> Callable[[Any, type], enum.Enum]:
        by_value = {m.value: m for m in cls}
        allowed = list(by_value)
        by_value.update(model.ALIASES.get(cls, {}))
        others = [w for w in model.ALIASES.get(cls, {}) if w not in allowed]

        def structure_enum(value: Any, _: type) -> enum.Enum:
            if isinstance(value, str):
                if value in by_value:
                    return by_value[value]
                also = f", or {one_of(others)}" if others else ""
                raise InputError(
                    f"unknown {VOCABULARY_NAMES.get(cls, cls.__name__)} {quote(value)}"
                    f"{did_you_mean(value, [*allowed, *others])} (one of {one_of(allowed)}{also})"
                )
            raise InputError(f"expected one of {one_of(allowed)}, found {_describe(value)}")

        return structure_enum

    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), enum_hook
    )

    def tuple_hook(tuple_type: Any) -> Callable[[Any, type], tuple]:
        inner = typing.get_args(tuple_type)[0]

        def structure_tuple(value: Any, _: type) -> tuple:
            if not isinstance(value, list):
                if value is None:
                    raise InputError("this list is empty: write [] or remove the key")
                if isinstance(value, str) and _LOOKS_LISTED.match(value):
                    raise InputError(f"expected a list, found {_describe(value)} — start each item on a line of its own with '- '")
                raise InputError(f"expected a list, found {_describe(value)} — write it as [{_example(value)}]")
            if inner is str and all(type(item) is str for item in value):
                return tuple(value)  # the most common list: texts or ids
            hook = conv.get_structure_hook(inner)
            if not detailed:
                return tuple([hook(item, inner) for item in value])
            items, errors = [], []
            for index, item in enumerate(value):
                try:
                    items.append(hook(item, inner))
                except Exception as exc:  # noqa: BLE001 - gathered and re-raised as one group
                    exc.add_note(IterableValidationNote(f"@ index {index}", index, inner))
                    errors.append(exc)
            if errors:
                raise IterableValidationError("While structuring a list", errors, tuple_type)
            return tuple(items)

        return structure_tuple

    conv.register_structure_hook_factory(
        lambda t: _origin(t) is tuple, tuple_hook
    )

    def optional_hook(union: Any) -> Callable[[Any, type], Any]:
        inner = optional_inner(union)
        found: list[Callable[[Any, type], Any]] = []  # the inner hook, looked up once, on first use

        def structure_optional(value: Any, _: type) -> Any:
            if value is None:
                return None
            if not found:
                found.append(conv.get_structure_hook(inner))
            return found[0](value, inner)

        return structure_optional

    conv.register_structure_hook_factory(lambda t: optional_inner(t) is not None, optional_hook)

    def class_hook(cls: type) -> Callable[[Any, type], Any]:
        overrides = {
            a.name: override(rename=model.RENAMED_KEYS[a.name])
            for a in attrs.fields(cls)
            if a.name in model.RENAMED_KEYS
        }
        generated: Callable[[Any, type], Any] = make_dict_structure_fn(
            cls, conv, _cattrs_forbid_extra_keys=True, **overrides)  # type: ignore[arg-type]  # mypy matches **overrides against cattrs' named flags

        def structure_class(value: Any, _: type) -> Any:
            if not isinstance(value, dict):
                raise InputError(f"expected 'key: value' lines, found {_describe(value)}")
            return generated(value, cls)

        return structure_class

    conv.register_structure_hook_factory(attrs.has, class_hook)
    _register_figures(conv, detailed)
    return conv




def _register_figures(conv: cattrs.Converter, detailed: bool) -> None:
    """Figures for gains: a number, or 'low / likely / high / source' lines (Estimate); an agency's minutes
    as 'actor: minutes' lines."""

    def structure_float(value: Any, _: type) -> float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if isinstance(value, float) and value != value:
                raise InputError("expected a number, found '.nan' (not a number)")
            if not -FIGURE_LIMIT <= value <= FIGURE_LIMIT:
                raise InputError(f"the number is too large: figures go up to {FIGURE_LIMIT:.0e} (a thousand billion)")
            return float(value)
        hint = " — write it without a unit or spaces, with a decimal point (2.5)" if isinstance(value, str) else ""
        raise InputError(f"expected a number, found {_describe(value)}{hint}")

    conv.register_structure_hook(float, structure_float)
    estimate = make_dict_structure_fn(model.Estimate, conv, _cattrs_forbid_extra_keys=True)

    def structure_estimate(value: Any, _: type) -> model.Estimate:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return model.Estimate(likely=structure_float(value, float))
        if not isinstance(value, dict):
            raise InputError(f"expected a number or 'likely: …, source: …' lines, found {_describe(value)}")
        return estimate(value, model.Estimate)

    conv.register_structure_hook(model.Estimate, structure_estimate)

    def structure_minutes(value: Any, _: type) -> tuple[model.AgencyMinutes, ...]:
        if not isinstance(value, dict):
            raise InputError(f"expected 'actor: minutes' lines (e.g. 'nav: 20'), found {_describe(value)}")
        found, errors = [], []
        for key, minutes in value.items():
            try:
                found.append(model.AgencyMinutes(conv.structure(key, str), structure_estimate(minutes, model.Estimate)))
            except Exception as exc:
                if not detailed:
                    raise
                exc.add_note(IterableValidationNote(f"@ key {key}", key, model.Estimate))
                errors.append(exc)
        if errors:
            raise IterableValidationError("While structuring minutes", errors, tuple)
        return tuple(found)

    conv.register_structure_hook_func(lambda t: t == tuple[model.AgencyMinutes, ...], structure_minutes)


# A text that was meant as a list: bullets, numbers or a '-' with no space after it.
_LOOKS_LISTED = re.compile(r"[•·▪◦‣–—*-]|\d+[.)] ")


def _example(value: Any) -> str:
    if isinstance(value, str):
        return shown(value, 60)
    if isinstance(value, bool):
        return str(value).lower()
    return number(value) if isinstance(value, (int, float)) else "..."


@functools.cache
def detailed_converter() -> cattrs.Converter:
    """The converter that says what is wrong and where (set up on first use)."""
    return _make_converter(detailed=True)


def problems(exc: BaseException, path: DataPath, cls: Any) -> list[Problem]:
    """Flatten cattrs' error tree into problems with data paths."""
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        found: list[Problem] = []
        for sub in exc.exceptions:
            note = next(
                (n for n in getattr(sub, "__notes__", ()) if isinstance(n, (AttributeValidationNote, IterableValidationNote))),
                None,
            )
            if isinstance(note, AttributeValidationNote):
                found += problems(sub, path + (yaml_key(note.name),), note.type)
            elif isinstance(note, IterableValidationNote):
                found += problems(sub, path + (note.index,), note.type)
            else:
                found += problems(sub, path, exc.cl if isinstance(exc, ClassValidationError) else cls)
        return found
    if isinstance(exc, ForbiddenExtraKeysError):
        known = [yaml_key(a.name) for a in attrs.fields(exc.cl)]
        return [
            Problem(path + (key,), f"unknown key {quote(key)}{did_you_mean(key, known)} (allowed here: {one_of(known)})", True)
            for key in sorted(exc.extra_fields)
        ]
    if isinstance(exc, KeyError):
        key = path[-1] if path else "?"
        choices = f" (one of {one_of(m.value for m in cls)})" if isinstance(cls, type) and issubclass(cls, enum.Enum) else ""
        return [Problem(path[:-1], f"missing '{key}': add '{key}: ...' here{choices}", missing=str(key))]
    if isinstance(exc, InputError):
        return [Problem(path, str(exc))]
    return [Problem(path, f"invalid value: {exc}")]
