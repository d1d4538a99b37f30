"""draw.io (diagrams.net) export, for editing a journey after a workshop in Confluence's draw.io app or
the desktop app: a real swimlane (a pool with a lane per actor, steps in their lanes and time columns
from our own grid, arrows as connected edges, phases as bands, a legend), in uncompressed mxGraph XML."""

from __future__ import annotations

from ... import __version__
from ...analysis import JourneyAnalysis
from ...render.labels import labels
from ...render.resources import definition
from .cells import Cells
from .layout import place
from .text import clean
from .xml import to_xml

SUFFIXES = {"drawio": "drawio"}

__all__ = ["SUFFIXES", "export"]


def export(analysis: JourneyAnalysis, fmt: str = "drawio", lang: str = "nb") -> bytes:
    if fmt not in SUFFIXES:
        raise ValueError(f"unknown draw.io format {fmt!r}: choose one of {', '.join(SUFFIXES)}")
    label = labels("drawio", lang).text
    size = definition("drawio/layout.yaml")
    titles = {sid: clean(analysis.step(sid).title) or "–" for sid in analysis.order}
    kinds = [f"({label('kind_' + actor.kind.value)})" for actor in analysis.lanes]
    placement = place(analysis, size, titles, kinds)
    cells = Cells(analysis, placement, definition("theme.yaml"), size, label).build(titles)
    return to_xml(analysis.journey.title, placement.width, placement.height, cells, __version__).encode("utf-8")

