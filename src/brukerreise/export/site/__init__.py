"""The journeys as a static web site: `index.html` (the portfolio) and a page per journey under `site/`,
from templates in exporters/site/, built on Digdir's Designsystemet: its stylesheets (shipped in
exporters/site/designsystemet/ with their licences) are copied into `site/designsystemet/`, so the pages
work offline and from the file system; our own styles and script are inline. A page on its own (`export`)
carries the stylesheets inline.

Jinja2 escapes every value, so nothing a journey says becomes markup. Page names cannot collide with the
other outputs: those are `<journey id>.<suffix>` and `portfolio.*` in the output folder, while journey
pages live in the folder `site/`, and a journey id never holds a dot or a slash."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping, MutableMapping, Sequence

from ...analysis import JourneyAnalysis, Portfolio
from . import compared
from .pages import (
    ASSETS,
    DESIGNSYSTEMET,
    DOWNLOADS,
    INDEX,
    LIVE_MARK,
    PAGES,
    STATEMENT,
    _labels,
    assets,
    comparison_page,
    comparison_path,
    journey_page,
    page_path,
    portfolio_page,
    statement_page,
)

__all__ = ["ASSETS", "DESIGNSYSTEMET", "DOWNLOADS", "INDEX", "LIVE_MARK", "PAGES", "STATEMENT", "assets", "comparison_page", "comparison_path", "journey_pages",
           "export", "journey_page", "page_path", "portfolio_page", "site", "statement_page"]


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
    pages_made: MutableMapping[Hashable, bytes] | None = None, keys: Mapping[str, str] | None = None,
) -> dict[str, bytes]:
    """Every page of the static site by its path relative to the output folder: the portfolio, a page per
    journey and a page per comparison (`comparison_files`: link the comparison's files build wrote). `live`:
    as `serve` shows them, reloading, with the `problems` and `warnings` found on every page. With
    `pages_made` and `keys` (journey id -> what its outputs depend on), a journey's page made before for the
    same key and the same surroundings is taken from `pages_made`, and each page made is kept there."""
    problems, warnings = tuple(problems), tuple(warnings)
    pages = {INDEX: portfolio_page(analyses, portfolio, lang, compared.portfolio_sections(analyses, lang),
                                   live=live, problems=problems, warnings=warnings)}
    pages.update(journey_pages(analyses, svgs, lang, downloads, live, problems, warnings, pages_made, keys))
    pages.update(compared.comparison_pages(analyses, lang, comparison_files, live=live, problems=problems, warnings=warnings))
    pages[f"{PAGES}/{STATEMENT}"] = statement_page(lang, live=live)
    pages.update(assets())
    return pages


def journey_pages(
    analyses: Sequence[JourneyAnalysis], svgs: Mapping[str, bytes], lang: str = "nb",
    downloads: Sequence[str] = DOWNLOADS, live: bool = False, problems: Sequence[str] = (),
    warnings: Sequence[str] = (), pages_made: MutableMapping[Hashable, bytes] | None = None,
    keys: Mapping[str, str] | None = None, only: Collection[str] | None = None,
) -> dict[str, bytes]:
    """The journeys' pages of `site` (of the journeys whose ids are in `only`, when given: `serve` shows the
    page of the journey just saved first), by path. `analyses`: every journey of the site, whose
    comparisons link the pages to each other."""
    problems, warnings = tuple(problems), tuple(warnings)
    pages: dict[str, bytes] = {}
    links = compared.related(analyses, _labels(lang))
    for a in analyses:
        if only is not None and a.journey.id not in only:
            continue
        related = tuple(links.get(a.journey.id, ()))
        key = None if pages_made is None or keys is None else (
            keys[a.journey.id], lang, tuple(downloads), related, live, problems, warnings)
        page = None if pages_made is None or key is None else pages_made.get(key)
        if page is None:
            page = journey_page(a, svgs[a.journey.id], lang, downloads, related=related, live=live, problems=problems,
                                warnings=warnings)
            if pages_made is not None and key is not None:
                pages_made[key] = page
        pages[page_path(a.journey.id)] = page
    return pages
