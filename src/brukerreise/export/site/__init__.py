"""The journeys as a static web site: `index.html` (the portfolio) and a page per journey under `site/`,
from templates in exporters/site/, built on Digdir's Designsystemet: its stylesheets (shipped in
exporters/site/designsystemet/ with their licences) are copied into `site/designsystemet/`, so the pages
work offline and from the file system; our own styles and script are inline. A page on its own (`export`)
carries the stylesheets inline.

Jinja2 escapes every value, so nothing a journey says becomes markup. Page names cannot collide with the
other outputs: those are `<journey id>.<suffix>` and `portfolio.*` in the output folder, while journey
pages live in the folder `site/`, and a journey id never holds a dot or a slash."""

from __future__ import annotations

import functools
import re
from collections.abc import Hashable, Mapping, MutableMapping, Sequence
from typing import TYPE_CHECKING

from markupsafe import Markup

from ...analysis import JourneyAnalysis, Portfolio
from ...analysis.heatmap import heatmap
from ...render.labels import Labels, labels
from ...render.resources import definition, exporters_dir
from . import views
from .diagram import PROLOGUE as _PROLOGUE, interactive_svg

if TYPE_CHECKING:
    from ...render.document import Section

__all__ = ["ASSETS", "DOWNLOADS", "INDEX", "STATEMENT", "assets", "comparison_page", "comparison_path", "export", "journey_page", "page_path", "portfolio_page", "site"]

INDEX = "index.html"
PAGES = "site"
DOWNLOADS = ("svg", "png", "pptx", "xlsx", "steps.csv", "json", "md")  # files `build` writes beside the pages
_SAFE_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
LIVE_MARK = "__brukerreise_live__"  # `serve` puts the page's digest here
DESIGNSYSTEMET = "designsystemet"  # folder under exporters/site/ and under the site's `site/`
STYLESHEETS = (f"{DESIGNSYSTEMET}/theme.css", f"{DESIGNSYSTEMET}/designsystemet.css")  # in this order
ASSETS = (*STYLESHEETS, f"{DESIGNSYSTEMET}/LICENSE-designsystemet-css", f"{DESIGNSYSTEMET}/LICENSE-designsystemet-theme")
HEAT_ROWS_SHOWN = 12  # the heatmap's rows shown before «vis alle»
STATEMENT = "tilgjengelighet.html"  # the accessibility statement, in `site/`
MARK_COLOURS = {"emotion": "neutral", "pain": "warning", "handoff": "danger"}  # Designsystemet colours of the timeline's tags


def page_path(journey_id: str) -> str:
    """Where a journey's page goes, relative to the output folder."""
    if _SAFE_ID.fullmatch(journey_id) is None:
        raise ValueError(f"a journey id cannot name a page: {journey_id!r}")
    return f"{PAGES}/{journey_id}.html"


@functools.cache
def _environment():  # type: ignore[no-untyped-def]
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(exporters_dir() / "site" / "templates")),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )
    folder = exporters_dir() / "site"
    env.globals["css"] = Markup((folder / "style.css").read_text(encoding="utf-8"))
    env.globals["js"] = Markup((folder / "site.js").read_text(encoding="utf-8"))
    env.globals["live_js"] = Markup((folder / "live.js").read_text(encoding="utf-8"))
    env.globals["ds_inline"] = Markup("\n".join(
        (folder / sheet).read_text(encoding="utf-8").replace("</", "<\\/") for sheet in STYLESHEETS))
    env.globals["stylesheets"] = STYLESHEETS
    env.globals["statement"] = STATEMENT
    env.globals["mark_colours"] = MARK_COLOURS
    return env


def assets() -> dict[str, bytes]:
    """The files the pages link, by path relative to the output folder: Designsystemet's stylesheets and
    their licences."""
    folder = exporters_dir() / "site"
    return {f"{PAGES}/{name}": (folder / name).read_bytes() for name in ASSETS}


def statement_page(lang: str = "nb", live: bool = False) -> bytes:
    """The accessibility statement (tilgjengelighetserklæring), at `site/tilgjengelighet.html`."""
    return _render("statement.html", lang, live, (), (), home=f"../{INDEX}", root="")




def _figure(value: int, lab: Labels, key: str) -> tuple[int, str]:
    """A key figure and the words under it, in number with it («1 reise», «2 reiser»)."""
    return value, lab.count(key, value)


def _labels(lang: str) -> Labels:
    return labels("site", lang).merged(labels("report", lang), labels("swimlane", lang))


def _render(template: str, lang: str, live: bool, problems: Sequence[str], warnings: Sequence[str],
            **values: object) -> bytes:
    """`root` (in values): the path from the page to the `site/` folder, or None for a page on its own."""
    lab = _labels(lang)
    page = _environment().get_template(template).render(
        lab=lab, lang=lang, live=LIVE_MARK if live else "", problems=tuple(problems), warnings=tuple(warnings),
        **values,
    )
    return page.encode("utf-8")


def journey_page(
    analysis: JourneyAnalysis, svg: bytes, lang: str = "nb", downloads: Sequence[str] = DOWNLOADS,
    live: bool = False, problems: Sequence[str] = (), home: str | None = f"../{INDEX}",
    warnings: Sequence[str] = (), related: Sequence[tuple[str, str]] = (),
) -> bytes:
    """A journey's page, at `page_path(id)`: the SVG inline with its layers, the steps' details, the findings,
    and links to the downloads (suffixes of files named `<id>.<suffix>` in the folder above) and to `home`,
    the portfolio (None: a page on its own)."""
    lab = _labels(lang)
    kinds = {k[len("kind_"):]: v for k, v in lab.items() if k.startswith("kind_") and not k.endswith("_long")}
    channels = {k[len("channel_"):]: v for k, v in lab.items() if k.startswith("channel_")}
    j = analysis.journey
    m = analysis.metrics
    figures = [(m.steps, lab["totals_steps"]), (m.agencies, lab["totals_agencies"]), (m.handoffs, lab["totals_handoffs"]),
               (m.agency_transitions, lab["totals_transitions"]), (m.back_office_transfers, lab["totals_transfers"]),
               (m.data_flows, lab["totals_flows"]), (m.once_only_findings, lab["totals_findings"]),
               *([(m.reuse_opportunities, lab["totals_reuse"])] if m.reuse_opportunities else [])]
    return _render(
        "journey.html", lang, live, problems, warnings, figures=figures, root=None if home is None else "",
        a=analysis, j=j, life_event=lab.get(f"event_{j.life_event.name.lower()}", j.life_event.value),
        svg=Markup(interactive_svg(svg, analysis)),
        phases=views.step_views(analysis, lab, channels),
        tables=views.finding_tables(analysis, lab, kinds),
        downloads=[(lab[f"download_{s}"], f"../{j.id}.{s}") for s in downloads],
        agencies=[(x.id, x.short) for x in analysis.lanes],
        home=home, related=tuple(related),
    )


def export(analysis: JourneyAnalysis, fmt: str, lang: str) -> bytes:
    """The registry's entry point: one journey's page on its own (`html`), with its swimlane drawn here and
    no links to other files. `build` writes the whole site instead, reusing the swimlanes it drew."""
    if fmt != "html":
        raise ValueError(f"unknown site format {fmt!r}: choose html")
    from ..swimlane import render

    return journey_page(analysis, render(analysis, "svg", lang), lang, downloads=(), home=None)


def portfolio_page(
    analyses: Sequence[JourneyAnalysis], portfolio: Portfolio, lang: str = "nb",
    comparisons: Sequence[Section] = (), live: bool = False, problems: Sequence[str] = (),
    warnings: Sequence[str] = (),
) -> bytes:
    """The portfolio, `index.html`: key figures, the journeys, life events × agencies, recurring data and,
    when there are comparisons of as-is and to-be journeys, their sections (the gains and costs per agency)
    as the comparison report words them."""
    lab = _labels(lang)
    events = {k[len("event_"):].upper(): v for k, v in lab.items() if k.startswith("event_")}
    counted = portfolio.journeys  # the journeys the portfolio counts; every journey given gets a link
    heat = heatmap(counted)
    proposed = [a for a in analyses if all(a is not c for c in counted)]
    colours = definition("site/site.yaml")["heat"]
    totals = [
        _figure(len(counted), lab, "totals_journeys"),
        _figure(sum(a.metrics.steps for a in counted), lab, "totals_steps"),
        _figure(sum(a.metrics.handoffs for a in counted), lab, "totals_handoffs"),
        _figure(sum(a.metrics.agency_transitions for a in counted), lab, "totals_transitions"),
        _figure(sum(a.metrics.back_office_transfers for a in counted), lab, "totals_transfers"),
        _figure(sum(a.metrics.data_flows for a in counted), lab, "totals_flows"),
        _figure(sum(a.metrics.once_only_findings for a in counted), lab, "totals_findings"),
        _figure(sum(a.metrics.reuse_opportunities for a in counted), lab, "totals_reuse"),
        _figure(len(portfolio.actors), lab, "totals_actors"),
    ]
    return _render(
        "index.html", lang, live, problems, warnings, root=f"{PAGES}/",
        totals=totals,
        findings=views.portfolio_findings(counted, heat, proposed, lab),
        journeys=views.journey_cards(counted, {a.journey.id: page_path(a.journey.id) for a in counted}, events, lab),
        proposals=views.proposal_rows(proposed, page_path, comparison_path),
        events=[events[e.name] for e in heat.life_events],
        heat=views.heat_rows(heat, len(colours)), scale=views.heat_scale(heat, len(colours)), colours=colours,
        heat_shown=HEAT_ROWS_SHOWN, data_only=views.data_only(heat),
        recurring=views.recurring_table(portfolio, lab),
        comparisons=tuple(comparisons),
        home=INDEX,
    )


def comparison_path(to_be_id: str) -> str:
    """Where the page comparing a to-be journey with today's goes: beside the journey pages (an id holds no
    dot, so it never names a journey's page)."""
    return page_path(to_be_id)[: -len(".html")] + ".comparison.html"


def comparison_page(
    title: str, found: Sequence[Section], links: Sequence[tuple[str, str]], chart: bytes | None = None,
    lang: str = "nb", intro: Sequence[str] = (), downloads: Sequence[tuple[str, str]] = (), live: bool = False,
    problems: Sequence[str] = (), warnings: Sequence[str] = (), bars: Sequence[object] = (),
) -> bytes:
    """A to-be journey compared with today's, at `comparison_path(id)`: the comparison report's sections
    (their highest level shown as h2, under the page's h1), its before/after chart inline, and links (label, href) to both journeys'
    pages and to the comparison's files."""
    svg = Markup(_PROLOGUE.sub("", chart.decode("utf-8"), count=1)) if chart else None
    return _render("comparison.html", lang, live, problems, warnings, root="", title=title, found=tuple(found),
                   shift=2 - min((f.level for f in found), default=2),
                   links=tuple(links), chart=svg, intro=tuple(intro), downloads=tuple(downloads), home=f"../{INDEX}",
                   bars=tuple(bars), clab=labels("comparison", lang))


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
    from . import compared

    shown = {"live": live, "problems": tuple(problems), "warnings": tuple(warnings)}
    pages = {INDEX: portfolio_page(analyses, portfolio, lang, compared.portfolio_sections(analyses, lang), **shown)}
    links = compared.related(analyses, _labels(lang))
    for a in analyses:
        related = tuple(links.get(a.journey.id, ()))
        key = None if pages_made is None or keys is None else (
            keys[a.journey.id], lang, tuple(downloads), related, live, tuple(problems), tuple(warnings))
        page = None if key is None else pages_made.get(key)
        if page is None:
            page = journey_page(a, svgs[a.journey.id], lang, downloads, related=related, **shown)
            if key is not None:
                pages_made[key] = page  # type: ignore[index]
        pages[page_path(a.journey.id)] = page
    pages.update(compared.comparison_pages(analyses, lang, comparison_files, **shown))
    pages[f"{PAGES}/{STATEMENT}"] = statement_page(lang, live=live)
    pages.update(assets())
    return pages
