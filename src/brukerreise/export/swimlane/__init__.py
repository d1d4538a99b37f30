"""Swimlane diagrams of a journey: one lane per actor, time left to right, handoffs and data flows marked.

The geometry is computed here (layout.py) and handed to Graphviz with fixed positions (`neato -n2`), so
lanes keep their order and the output is the same for the same journey."""

from __future__ import annotations

from ...analysis import JourneyAnalysis
from .. import note
from .dot import to_dot
from .engine import GraphvizMissing, require_graphviz, run_neato, start_ahead
from .layout import lay_out
from .shapes import Layout
from .svg import accessible_svg

FORMATS = ("svg", "png", "pdf", "dot")

__all__ = ["FORMATS", "GraphvizMissing", "render", "require_graphviz", "start_ahead"]


def render(analysis: JourneyAnalysis, fmt: str, lang: str = "nb") -> bytes:
    """The journey's swimlane diagram as svg, png, pdf or dot bytes. DOT needs no Graphviz; the others
    raise GraphvizMissing when its programs are not installed."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown swimlane format {fmt!r}: choose one of {', '.join(FORMATS)}")
    layout = lay_out(analysis, lang)
    if max(layout.width, layout.height) > LEGIBLE_SIZE and fmt != "dot":
        metres = [size / 72 * 0.0254 for size in (layout.width, layout.height)]
        note(f"the swimlane is {metres[0]:.1f} × {metres[1]:.1f} m at full size ({analysis.metrics.columns} time "
             f"columns, {len(analysis.lanes)} lanes): too large to read as one picture; the deck summarises it by "
             "phase and actor")
    dot_text = to_dot(layout, bitmap_dpi(layout) if fmt == "png" else None)
    if fmt == "dot":
        return dot_text.encode("utf-8")
    out = run_neato(dot_text, fmt)
    return accessible_svg(out, layout) if fmt == "svg" else out


export = render  # the registry's entry point: (analysis, fmt, lang) -> bytes

DPI = 96.0  # Graphviz's bitmap resolution
MAX_PIXELS = 40_000_000  # cairo holds 4 bytes a pixel: about 160 MB for the largest PNG
MAX_SIDE = 32_767  # cairo's largest image side
PAD = 0.1 * 72  # the graph's pad, each side (points)
LEGIBLE_SIZE = 200 * 72  # points: 5 m, and the largest page side a PDF reader must show


def bitmap_dpi(layout: Layout) -> float | None:
    """None for the default resolution; else the lower one at which the PNG keeps within MAX_PIXELS and
    MAX_SIDE (noted for the user: a journey that large is legible in SVG or PDF)."""
    width, height = layout.width + 2 * PAD, layout.height + 2 * PAD
    dpi = min(DPI, 72 * (MAX_PIXELS / (width * height)) ** 0.5, 72 * (MAX_SIDE - 1) / max(width, height))
    if dpi >= DPI:
        return None
    note(f"the PNG is drawn at {dpi:.0f} dpi instead of {DPI:.0f}, so that it stays under "
         f"{MAX_PIXELS // 1_000_000} million pixels: use SVG or PDF for a legible diagram of this size")
    return dpi
