"""Swimlane diagrams of a journey: one lane per actor, time left to right, handoffs and data flows marked.

The geometry is computed here (layout.py) and handed to Graphviz with fixed positions (`neato -n2`), so
lanes keep their order and the output is the same for the same journey."""

from __future__ import annotations

from ...analysis import JourneyAnalysis
from .dot import to_dot
from .engine import GraphvizMissing, require_graphviz, run_neato
from .layout import lay_out
from .svg import accessible_svg

FORMATS = ("svg", "png", "pdf", "dot")

__all__ = ["FORMATS", "GraphvizMissing", "render", "require_graphviz"]


def render(analysis: JourneyAnalysis, fmt: str, lang: str = "nb") -> bytes:
    """The journey's swimlane diagram as svg, png, pdf or dot bytes. DOT needs no Graphviz; the others
    raise GraphvizMissing when its programs are not installed."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown swimlane format {fmt!r}: choose one of {', '.join(FORMATS)}")
    layout = lay_out(analysis, lang)
    dot_text = to_dot(layout)
    if fmt == "dot":
        return dot_text.encode("utf-8")
    out = run_neato(dot_text, fmt)
    return accessible_svg(out, layout) if fmt == "svg" else out


export = render  # the registry's entry point: (analysis, fmt, lang) -> bytes
