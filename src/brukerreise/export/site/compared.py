"""The comparisons on the site: a page per to-be journey compared with today's, the links between the two
journeys' pages, and the gains and costs across all pairs for the portfolio, in the comparison report's
own words (its sections) and with its chart."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ...analysis import JourneyAnalysis, benefits
from .pages import _labels as site_labels, comparison_page, comparison_path, page_path

if TYPE_CHECKING:
    from ...render.document import Section

COMPARISON_FILES = ("md", "json", "svg")  # <id>.comparison.<suffix>, written by build's comparison target


def _labels(lang: str) -> dict[str, str]:
    from ...render.resources import labels

    return labels("comparison", lang)


def portfolio_sections(analyses: Sequence[JourneyAnalysis], lang: str) -> list[Section]:
    """Gains and costs across every pair read (none when no to-be journey has its as-is journey)."""
    comparisons = [a.comparison for a in analyses if a.comparison is not None]
    if not comparisons:
        return []
    from ...render.comparison import benefits_sections

    return benefits_sections(benefits(comparisons), _labels(lang))


def related(analyses: Sequence[JourneyAnalysis], site_labels: Mapping[str, str]) -> dict[str, list[tuple[str, str]]]:
    """For each journey's page, links (label, href beside it) to the comparisons it is part of."""
    found: dict[str, list[tuple[str, str]]] = {}
    for a in analyses:
        c = a.comparison
        if c is None:
            continue
        href = comparison_path(c.id).rsplit("/", 1)[1]
        label = site_labels["compared"].format(today=c.before.journey.title, goal=c.after.journey.title)
        found.setdefault(c.id, []).append((label, href))
        found.setdefault(c.before.journey.id, []).append((label, href))
    return found


def comparison_pages(
    analyses: Sequence[JourneyAnalysis], lang: str, files: bool = True, live: bool = False,
    problems: Sequence[str] = (), warnings: Sequence[str] = (),
) -> dict[str, bytes]:
    """A page per to-be journey whose as-is journey was read, by its path; with `files`, links to the
    comparison's files that build writes beside the pages."""
    from ...render.comparison import comparison_sections
    from .. import EXPORTERS  # the chart through the registry: an exporter imports no other exporter

    lab, own = _labels(lang), site_labels(lang)
    pages = {}
    for a in analyses:
        c = a.comparison
        if c is None:
            continue
        head, *rest = comparison_sections(c, lab)
        links = [(own["goal_page"].format(title=c.after.journey.title), page_path(c.id).rsplit("/", 1)[1]),
                 (own["today_page"].format(title=c.before.journey.title), page_path(c.before.journey.id).rsplit("/", 1)[1])]
        downloads = [(own[f"download_comparison_{s}"], f"../{c.id}.comparison.{s}") for s in COMPARISON_FILES] if files else []
        pages[comparison_path(c.id)] = comparison_page(
            head.title, rest, links, EXPORTERS["comparison"].export(a, "svg", lang), lang, head.lines, downloads,
            live, problems, warnings,
        )
    return pages
