"""BPMN 2.0 export for process people (bpmn.io, Camunda Modeler, Altinn Studio): a collaboration with a
pool per actor, a task per step, sequence and message flows, start and end events, and BPMN DI from our
own grid so that it opens laid out. Plain text: no Node or modeler needed to write it."""

from __future__ import annotations

from ... import __version__
from ...analysis import JourneyAnalysis
from ...render.labels import labels
from .collaboration import collaboration
from .diagram import draw
from .xml import to_xml

SUFFIXES = {"bpmn": "bpmn"}

__all__ = ["SUFFIXES", "export"]


def export(analysis: JourneyAnalysis, fmt: str = "bpmn", lang: str = "nb") -> bytes:
    if fmt not in SUFFIXES:
        raise ValueError(f"unknown BPMN format {fmt!r}: choose one of {', '.join(SUFFIXES)}")
    c = collaboration(analysis, labels("bpmn", lang).text)
    return to_xml(c, draw(analysis, c), __version__).encode("utf-8")

