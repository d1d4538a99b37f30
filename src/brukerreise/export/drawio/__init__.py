"""draw.io (diagrams.net) export, for editing a journey after a workshop in Confluence's draw.io app or
the desktop app: a real swimlane (a pool with a lane per actor, steps in their lanes and time columns
from our own grid, arrows as connected edges, phases as bands, a legend), in uncompressed mxGraph XML."""

from __future__ import annotations

import functools

from ... import __version__
from ...analysis import JourneyAnalysis
from ...render.resources import definition, labels
from .cells import Cells
from .layout import place
from .text import clean
from .xml import to_xml

SUFFIXES = {"drawio": "drawio"}

__all__ = ["SUFFIXES", "export"]


def export(analysis: JourneyAnalysis, fmt: str = "drawio", lang: str = "nb") -> bytes:
    if fmt not in SUFFIXES:
        raise ValueError(f"unknown draw.io format {fmt!r}: choose one of {', '.join(SUFFIXES)}")
    table = labels("drawio", lang)
    label = functools.partial(_label, table)
    size = definition("drawio/layout.yaml")
    titles = {sid: clean(analysis.step(sid).title) or "–" for sid in analysis.order}
    placement = place(analysis, size, titles)
    cells = Cells(analysis, placement, definition("theme.yaml"), size, label).build(titles)
    return to_xml(analysis.journey.title, placement.width, placement.height, cells, __version__).encode("utf-8")


def _label(table: dict[str, str], key: str, **values: object) -> str:
    return table[key].format(**values) if values else table[key]
