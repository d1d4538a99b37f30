"""A to-be journey compared with today's: a report (text, Markdown, JSON) and a before/after chart (SVG),
read from the comparison the analysis carries. Only to-be journeys whose as-is journey was read have one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...analysis.comparison import compared as compared  # the registry's test of whether it applies
from ...analysis.comparison import comparison_of, comparisons_of

if TYPE_CHECKING:
    from ...analysis import JourneyAnalysis, Portfolio

FORMATS = ("markdown", "json", "text", "svg")


def export(analysis: JourneyAnalysis, fmt: str, lang: str) -> bytes:
    """The registry's entry point: one to-be journey's comparison in `fmt`."""
    comparison = comparison_of(analysis)
    if fmt == "svg":
        from .chart import render_chart

        return render_chart(comparison, lang).encode("utf-8")
    from .report import render

    return render([comparison], fmt, lang, with_portfolio=False).encode("utf-8")


def portfolio(analyses: Sequence[JourneyAnalysis], whole: Portfolio, fmt: str, lang: str) -> bytes | None:
    """The registry's file across all journeys: every comparison read, with the gains and costs across them
    (`portfolio.comparisons.md`, `portfolio.comparisons.json`); None when no to-be journey was compared."""
    comparisons = comparisons_of(analyses)
    if fmt not in ("markdown", "json") or not comparisons:
        return None
    from .report import render

    return render(comparisons, fmt, lang).encode("utf-8")
