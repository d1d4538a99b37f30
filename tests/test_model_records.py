"""The model's records (model.record) have the repr, equality and hash attrs would give them: checked
against classes attrs makes itself, on every record in the shipped journeys."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from support import ROOT

from brukerreise import model
from brukerreise.api import check

CLASSES = [v for v in vars(model).values() if isinstance(v, type) and attrs.has(v)]


def _twin(cls: type) -> type:
    """The same fields in a class attrs makes with its own generated methods."""
    return attrs.make_class(cls.__name__, {a.name: attrs.field(alias=a.alias) for a in attrs.fields(cls)}, frozen=True)


TWINS = {cls: _twin(cls) for cls in CLASSES}


def _records(value: Any) -> list[Any]:
    found = []
    if attrs.has(type(value)):
        found.append(value)
        for a in attrs.fields(type(value)):
            found += _records(getattr(value, a.name))
    elif isinstance(value, tuple):
        for item in value:
            found += _records(item)
    return found


RECORDS = [r for j in check([ROOT / "journeys"]).workspace.journeys for r in _records(j.journey)]


def test_every_model_class_is_a_record():
    assert len(CLASSES) >= 12 and {type(r) for r in RECORDS} <= set(CLASSES)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_repr_equality_and_hash_are_those_attrs_gives(cls):
    records = [r for r in RECORDS if type(r) is cls] or [None]
    for record in records[:50]:
        if record is None:
            continue
        values = {a.alias: getattr(record, a.name) for a in attrs.fields(cls)}
        twin = TWINS[cls](**values)
        assert repr(record) == repr(twin)
        same = cls(**values)
        assert record == same and not record != same and hash(record) == hash(same)
        assert record != twin and not record == twin  # another class: never equal, as with attrs
        for a in attrs.fields(cls):
            other = attrs.evolve(record, **{a.alias: "ændret"})
            assert (record == other) == (getattr(record, a.name) == "ændret")
            assert (TWINS[cls](**values) == TWINS[cls](**{**values, a.alias: "ændret"})) == (record == other)
