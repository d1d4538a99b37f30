"""The analysis as spreadsheets for analysts: an XLSX workbook per journey (steps, data flows, once-only
findings, handoffs, actors, the sharing matrix, and before/after where there is a comparison), one for the
portfolio, and a CSV of the steps. The steps sheet and the CSV are what `brukerreise import` reads back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...render.resources import labels as load_labels

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ...analysis import JourneyAnalysis, Portfolio
    from .tables import BeforeAfter


def export(analysis: JourneyAnalysis, fmt: str, lang: str) -> bytes:
    """'xlsx': the journey's workbook; 'csv': its steps."""
    from .tables import steps

    labels = load_labels("spreadsheet", lang)
    if fmt == "csv":
        from .csvfile import csv_bytes

        return csv_bytes(steps(analysis, labels, lang), labels["csv_separator"])
    return journey_workbook(analysis, lang, _before_after(analysis, lang))


def _before_after(analysis: JourneyAnalysis, lang: str) -> BeforeAfter | None:
    """A to-be journey's key figures, today and in the goal, named as the comparison report names them."""
    if analysis.comparison is None:
        return None
    names = load_labels("comparison", lang)
    return [(names[f"figure_{f.key}"], f.before, f.after) for f in analysis.comparison.figures]


def journey_workbook(analysis: JourneyAnalysis, lang: str, before_after: BeforeAfter | None = None) -> bytes:
    """The journey's workbook; with `before_after` (measure, before, after) rows from a comparison, a
    before/after sheet too."""
    from .tables import journey_tables
    from .xlsx import workbook

    labels = load_labels("spreadsheet", lang)
    return workbook(journey_tables(analysis, lang, labels, before_after), analysis.journey.title, labels["cut_note"])


def portfolio(analyses: Sequence[JourneyAnalysis], whole: Portfolio, fmt: str, lang: str) -> bytes | None:
    """The portfolio's workbook ('xlsx'); None for 'csv', which has only the steps of one journey."""
    if fmt != "xlsx" or not analyses:
        return None
    from .tables import portfolio_tables
    from .xlsx import workbook

    labels = load_labels("spreadsheet", lang)
    return workbook(portfolio_tables(whole, labels), labels["sheet_journeys"], labels["cut_note"])
