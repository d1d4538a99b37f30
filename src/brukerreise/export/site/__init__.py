"""The journeys as a static web site: `index.html` (the portfolio) and a page per journey under `site/`,
self-contained (styles and script inline, no fonts or files fetched), from templates in exporters/site/.

Jinja2 escapes every value, so nothing a journey says becomes markup. Page names cannot collide with the
other outputs: those are `<journey id>.<suffix>` and `portfolio.*` in the output folder, while journey
pages live in the folder `site/`, and a journey id never holds a dot or a slash."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ...analysis import JourneyAnalysis, Portfolio
from . import compared
from .pages import (
    DOWNLOADS,
    INDEX,
    LIVE_MARK,
    PAGES,
    _labels,
    comparison_page,
    comparison_path,
    journey_page,
    page_path,
    portfolio_page,
)

__all__ = ["DOWNLOADS", "INDEX", "LIVE_MARK", "PAGES", "comparison_page", "comparison_path", "export", "journey_page",
           "page_path", "portfolio_page", "site"]


def export(analysis: JourneyAnalysis, fmt: str, lang: str) -> bytes:
    """The registry's entry point: one journey's page on its own (`html`), with its swimlane drawn here and
    no links to other files. `build` writes the whole site instead, reusing the swimlanes it drew."""
    if fmt != "html":
        raise ValueError(f"unknown site format {fmt!r}: choose html")
    from .. import EXPORTERS  # the swimlane through the registry: an exporter imports no other exporter

    svg = EXPORTERS["swimlane"].export(analysis, "svg", lang)
    return journey_page(analysis, svg, lang, downloads=(), home=None)


def site(
    analyses: Sequence[JourneyAnalysis], portfolio: Portfolio, svgs: Mapping[str, bytes], lang: str = "nb",
    downloads: Sequence[str] = DOWNLOADS, comparison_files: bool = True, live: bool = False,
    problems: Sequence[str] = (), warnings: Sequence[str] = (),
) -> dict[str, bytes]:
    """Every page of the static site by its path relative to the output folder: the portfolio, a page per
    journey and a page per comparison (`comparison_files`: link the comparison's files build wrote). `live`:
    as `serve` shows them, reloading, with the `problems` and `warnings` found on every page."""
    problems, warnings = tuple(problems), tuple(warnings)
    pages = {INDEX: portfolio_page(analyses, portfolio, lang, compared.portfolio_sections(analyses, lang),
                                   live=live, problems=problems, warnings=warnings)}
    links = compared.related(analyses, _labels(lang))
    for a in analyses:
        pages[page_path(a.journey.id)] = journey_page(a, svgs[a.journey.id], lang, downloads, related=links.get(a.journey.id, ()),
                                                      live=live, problems=problems, warnings=warnings)
    pages.update(compared.comparison_pages(analyses, lang, comparison_files, live=live, problems=problems, warnings=warnings))
    return pages
