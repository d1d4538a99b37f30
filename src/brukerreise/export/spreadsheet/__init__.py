"""The analysis as spreadsheets for analysts: an XLSX workbook per journey (steps, data flows, once-only
findings, handoffs, actors, the sharing matrix, and before/after where there is a comparison), one for the
portfolio, and a CSV of the steps. The steps sheet and the CSV are what `brukerreise import` reads back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...render.labels import labels as load_labels

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
    tables = journey_tables(analysis, lang, labels, before_after)
    if analysis.comparison is not None:
        tables += _gains_tables([analysis.comparison], lang, across=False)
    return workbook(tables, analysis.journey.title, labels["cut_note"])


def _gains_tables(comparisons: list, lang: str, across: bool) -> list:  # type: ignore[type-arg]
    """The gevinstoversikt (and, across journeys, who pays and who gains) of the to-be journeys with figures."""
    from ...analysis import gains_across
    from ...render.gains import across_grid, labels as gains_labels, plan_grid
    from .tables import Table

    lab = gains_labels(lang)
    headers, rows = plan_grid(comparisons, lang)
    if not rows:
        return []
    found = [Table(lab["plan_sheet"], headers, tuple(rows), key_columns=1)]
    if across:
        headers, rows = across_grid(gains_across(comparisons), lang)
        found.append(Table(lab["across_sheet"], headers, tuple(rows), key_columns=1))
    return found


def portfolio(analyses: Sequence[JourneyAnalysis], whole: Portfolio, fmt: str, lang: str) -> bytes | None:
    """The portfolio's workbook ('xlsx'); None for 'csv', which has only the steps of one journey."""
    if fmt != "xlsx" or not analyses:
        return None
    from .tables import portfolio_tables
    from .xlsx import workbook

    labels = load_labels("spreadsheet", lang)
    tables = portfolio_tables(whole, labels)
    tables += _gains_tables([a.comparison for a in analyses if a.comparison is not None], lang, across=True)
    return workbook(tables, labels["sheet_journeys"], labels["cut_note"])
