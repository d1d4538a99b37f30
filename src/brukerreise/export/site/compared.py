"""The comparisons on the site: a page per to-be journey compared with today's, the links between the two
journeys' pages, and the gains and costs across all pairs for the portfolio, in the comparison report's
own words (its sections) and with its chart."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ...analysis import JourneyAnalysis, benefits

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
    from ..comparison.report import benefits_sections

    from ...analysis import gains_across
    from ...render.gains import across_sections

    return [*benefits_sections(benefits(comparisons), _labels(lang)), *across_sections(gains_across(comparisons), lang)]


def related(analyses: Sequence[JourneyAnalysis], site_labels: Mapping[str, str]) -> dict[str, list[tuple[str, str]]]:
    """For each journey's page, links (label, href beside it) to the comparisons it is part of."""
    from . import comparison_path

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
    from ..comparison.chart import render_chart
    from ..comparison.report import comparison_sections
    from . import _labels as site_labels, comparison_page, comparison_path, page_path

    lab, own = _labels(lang), site_labels(lang)
    pages = {}
    for a in analyses:
        c = a.comparison
        if c is None:
            continue
        head, *rest = comparison_sections(c, lab)
        links = [(own["goal_page"].format(title=c.after.journey.title), page_path(c.id).rsplit("/", 1)[1]),
                 (own["today_page"].format(title=c.before.journey.title), page_path(c.before.journey.id).rsplit("/", 1)[1])]
        rest += _gains(c, lang)
        downloads = [(own[f"download_comparison_{s}"], f"../{c.id}.comparison.{s}") for s in COMPARISON_FILES] if files else []
        downloads += _gains_downloads(c.id, lang) if files else []
        pages[comparison_path(c.id)] = comparison_page(
            head.title, rest, links, render_chart(c, lang).encode("utf-8"), lang, head.lines, downloads,
            live, problems, warnings,
        )
    return pages


def _gains(c: object, lang: str) -> list[Section]:
    """The gains in hours and kroner and the gevinstoversikt of a compared to-be journey."""
    from ...render.gains import gains_sections, plan_section

    found = gains_sections(c, lang, level=2)  # type: ignore[arg-type]
    if c.gains is not None and c.gains.has_figures:  # type: ignore[attr-defined]
        found.append(plan_section(c, lang, level=2))  # type: ignore[arg-type]
    return found


def _gains_downloads(journey: str, lang: str) -> list[tuple[str, str]]:
    """The gevinstoversikt and the gevinstkart that build's gains target writes beside the pages."""
    from ...render.gains import labels

    lab = labels(lang)
    return [(lab["download_plan"], f"../{journey}.gevinstoversikt.md"), (lab["download_map"], f"../{journey}.gevinstkart.svg")]
