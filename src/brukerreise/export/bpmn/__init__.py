"""BPMN 2.0 export for process people (bpmn.io, Camunda Modeler, Altinn Studio): a collaboration with a
pool per actor, a task per step, sequence and message flows, start and end events, and BPMN DI from our
own grid so that it opens laid out. Plain text: no Node or modeler needed to write it."""

from __future__ import annotations

import functools

from ... import __version__
from ...analysis import JourneyAnalysis
from ...render.resources import labels
from .collaboration import collaboration
from .diagram import draw
from .xml import to_xml

SUFFIXES = {"bpmn": "bpmn"}

__all__ = ["SUFFIXES", "export"]


def export(analysis: JourneyAnalysis, fmt: str = "bpmn", lang: str = "nb") -> bytes:
    if fmt not in SUFFIXES:
        raise ValueError(f"unknown BPMN format {fmt!r}: choose one of {', '.join(SUFFIXES)}")
    table = labels("bpmn", lang)
    label = functools.partial(_label, table)
    c = collaboration(analysis, label)
    return to_xml(c, draw(analysis, c), __version__).encode("utf-8")


def _label(table: dict[str, str], key: str, **values: object) -> str:
    return table[key].format(**values) if values else table[key]
