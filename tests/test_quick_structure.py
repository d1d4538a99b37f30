"""The quick path (reading/quick.py) builds the same model objects as the cattrs converter and takes
nothing that converter refuses: on the shipped journeys, on generated ones, and on shipped journeys with
a value replaced, a key removed or a key added anywhere (hypothesis)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import workspaces
from support import ROOT

from brukerreise.model import Actor, DataItem, Journey
from brukerreise.reading.converter import _make_converter, detailed_converter
from brukerreise.reading.quick import quickly
from brukerreise.reading.yamlsource import LongNumber, read_yaml

SOURCES = sorted((ROOT / "journeys").glob("*.yaml"))
KINDS = {"actors": tuple[Actor, ...], "data_items": tuple[DataItem, ...]}
CONVERTERS = (_make_converter(detailed=False), detailed_converter())
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ODD_VALUES = [
    None, True, False, 0, -1, 2, 3, 1.5, float("nan"), float("inf"), 2e12, LongNumber("9" * 5000), "", "x", "2",
    "digital", "automatisk", "manuell", "user", "person", "stat", "as-is", "to-be", "hen", "Få barn", [], ["x"], [1],
    [None], [{}], {}, {"x": 1}, {"likely": 2}, {"likely": "2"}, {"nav": 20}, {"nav": "x"}, {"id": "x"},
]


def _target(data: dict[str, Any]) -> tuple[Any, Any]:
    """The data a file's structuring starts from, and the type it is structured as."""
    kind = next((k for k in KINDS if k in data), None)
    return (data, Journey) if kind is None else (data[kind], KINDS[kind])


def _agree(data: Any, cls: Any) -> None:
    """Where the quick path gives a value, every cattrs converter gives the same; where a converter
    refuses the data, so does the quick path."""
    try:
        quick = quickly(data, cls)
    except Exception:  # noqa: BLE001 - refused: the detailed converter then says what is wrong
        quick = None
    for converter in CONVERTERS:
        try:
            expected = converter.structure(data, cls)
        except Exception:  # noqa: BLE001 - the converter refuses it
            assert quick is None, f"the quick path took what cattrs refuses: {data!r}"[:2000]
            continue
        if quick is not None:
            assert quick == expected


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_shipped_files_structure_the_same(path):
    data, cls = _target(read_yaml(path).data)
    assert quickly(data, cls) == detailed_converter().structure(data, cls)


@SETTINGS
@given(workspaces())
def test_generated_journeys_structure_the_same(workspace):
    assert quickly(workspace["journey"], Journey) == detailed_converter().structure(workspace["journey"], Journey)
    for kind, cls in KINDS.items():
        assert quickly(workspace[kind], cls) == detailed_converter().structure(workspace[kind], cls)


def _places(data: Any, path: tuple = ()) -> list[tuple]:
    """Every path to a value in the data."""
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _places(value, (*path, index))
    return found


SHIPPED = [read_yaml(p).data for p in SOURCES]


@SETTINGS
@given(st.data())
def test_changed_files_structure_the_same_or_are_refused(data):
    original = data.draw(st.sampled_from(SHIPPED))
    changed = copy.deepcopy(original)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_places(changed)))
        if not path:
            continue
        *parents, last = path
        holder = changed
        for part in parents:
            holder = holder[part]
        how = data.draw(st.sampled_from(("replace", "remove", "add")))
        if how == "replace":
            value = data.draw(st.sampled_from(ODD_VALUES))
            holder[last] = copy.deepcopy(value) if isinstance(value, (list, dict)) else value
        elif how == "remove":
            del holder[last]
        elif isinstance(holder, dict):
            holder[data.draw(st.sampled_from(["ukjent", "id", "title", "with", "from", "with_", "likely"]))] = "x"
    _agree(*_target(changed))
