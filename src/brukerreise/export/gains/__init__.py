"""A to-be journey's benefits plan in DFØ's terms: the gevinstoversikt with the gains in hours and kroner
(Markdown) and the gevinstkart (Graphviz: SVG, PNG, DOT), per to-be journey and across the portfolio. Read
from the comparison and its gains in the analysis."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...analysis.comparison import compared as compared  # the registry's test of whether it applies
from ...analysis.comparison import comparison_of, comparisons_of

if TYPE_CHECKING:
    from ...analysis import Comparison, JourneyAnalysis, Portfolio

FORMATS = ("markdown", "svg", "png", "dot")


def export(analysis: JourneyAnalysis, fmt: str, lang: str) -> bytes:
    """The registry's entry point: one to-be journey's gevinstoversikt ('markdown') or gevinstkart."""
    c = comparison_of(analysis)
    if fmt == "markdown":
        return _markdown([c], lang, across=False)
    from .chart import gevinstkart

    return _drawn(gevinstkart(c, lang), fmt)


def portfolio(analyses: Sequence[JourneyAnalysis], whole: Portfolio, fmt: str, lang: str) -> bytes | None:
    """Across every compared to-be journey: the gevinstoversikt of each and who pays and who gains, or the
    gevinstkart over them. None when no to-be journey was compared."""
    comparisons = comparisons_of(analyses)
    if not comparisons:
        return None
    if fmt == "markdown":
        return _markdown(comparisons, lang, across=True)
    from ...analysis import gains_across
    from .chart import portfolio_gevinstkart

    return _drawn(portfolio_gevinstkart(gains_across(comparisons), lang), fmt)


def _markdown(comparisons: Sequence[Comparison], lang: str, across: bool) -> bytes:
    from ...analysis import gains_across
    from ...render.document import Section, as_markdown
    from ...render.gains import across_sections, gains_sections, labels, plan_section

    lab = labels(lang)
    parts = [Section(1, lab["document_title"])]
    for c in comparisons:
        parts.append(plan_section(c, lang, level=2))
        parts += gains_sections(c, lang, level=3)
    if across:
        parts += across_sections(gains_across(comparisons), lang, level=2)
    return as_markdown(parts).encode("utf-8")


def _drawn(dot: str, fmt: str) -> bytes:
    if fmt == "dot":
        return dot.encode("utf-8")
    import graphviz

    out = graphviz.pipe("dot", fmt, dot.encode("utf-8"), quiet=True)
    if fmt == "svg":
        out = _accessible(out)
    return out


def _accessible(svg: bytes) -> bytes:
    """The SVG as an image with its title for screen readers (Graphviz writes the graph's name as <title>)."""
    return svg.replace(b"<svg ", b'<svg role="img" aria-labelledby="gevinstkart-title" ', 1).replace(
        b"<title>", b'<title id="gevinstkart-title">', 1)
