"""The web site `build` writes: its pages, their names, their language, escaping of hostile text, the
heatmap's numbers and colours, and the swimlane's hooks the pages rely on. (In a browser: test_site_browser.)"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from brukerreise.analysis import portfolio
from brukerreise.analysis.heatmap import heatmap
from brukerreise.api import check
from brukerreise.cli import main
from brukerreise.render.resources import definition
from brukerreise.export.site import page_path, portfolio_page
from brukerreise.export.site.views import heat_level, heat_scale
from brukerreise.model import LifeEvent
from strategies import analysis_of, workspaces
from support.svg import contrast

FIXTURES = Path(__file__).parent / "fixtures"
needs_graphviz = pytest.mark.skipif(shutil.which("neato") is None, reason="Graphviz is not installed")

HOSTILE = r"""journey: {id}
life_event: Få barn
title: "<script>alert('tittel')</script> {{{{ 7*7 }}}} &amp; </title>"
persona: {{name: "<img src=x onerror=alert(1)>", situation: "\"><svg onload=alert(2)>"}}
goals: ["</style><b>mål</b>"]
phases: [{{id: a, title: "<i>fase</i>"}}]
steps:
  - id: s1
    phase: a
    title: "Jeg leser ]]> <!-- og --> </script>"
    description: "<a href='javascript:alert(3)'>lenke</a>"
    owner: bruker
    services: ["<iframe src=x>"]
    pain_points: ["{{% raw %}} <u>vondt</u>"]
    opportunities: ["&lt;escaped&gt; <br>"]
    emotion: -1
  - id: s2
    phase: a
    title: Jeg får svar
    owner: nav
    with: [bruker]
    asks_user: [inntekt]
    data: [{{item: inntekt, from: skatteetaten, to: nav, how: automatic}}]
"""


class _Tags(HTMLParser):
    """Every start tag and its attributes, and the text, of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parsed(page: bytes) -> _Tags:
    tags = _Tags()
    tags.feed(page.decode("utf-8"))
    return tags


@pytest.fixture()
def hostile(registries, write) -> Path:
    write("hostile.yaml", HOSTILE.format(id="hostile"))
    return Path.cwd()


@needs_graphviz
def test_build_writes_the_portfolio_and_a_page_per_journey(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(FIXTURES / "build"), "-o", str(out), "--jobs", "1"]) == 0
    index = (out / "index.html").read_bytes()
    assert b'<html lang="nb">' in index
    links = [a["href"] for tag, a in parsed(index).tags if tag == "a"]
    for journey in ("liten-reise", "annen-reise"):
        assert f"site/{journey}.html" in links
        page = (out / "site" / f"{journey}.html").read_bytes()
        hrefs = {a.get("href") for tag, a in parsed(page).tags if tag == "a"}
        for suffix in ("svg", "png", "pptx", "xlsx", "steps.csv", "json", "md"):
            assert f"../{journey}.{suffix}" in hrefs and (out / f"{journey}.{suffix}").is_file()
        assert "../index.html" in hrefs
        # Nothing fetched from anywhere but Designsystemet's stylesheets in the site's own folder.
        # (and no favicon: the page declares an empty one, so that no browser asks for /favicon.ico)
        sheets = [a["href"] for tag, a in parsed(page).tags if tag == "link" and a.get("rel") == "stylesheet"]
        assert sheets == ["designsystemet/theme.css", "designsystemet/designsystemet.css"]
        for tag, a in parsed(page).tags:
            assert tag not in ("img", "iframe") and "src" not in a, (tag, a)
            assert tag != "link" or a.get("rel") == "stylesheet" or a == {"rel": "icon", "href": "data:,"}, a
        assert b"@import" not in page and b"url(" not in page and b"http://" not in page.replace(b"http://www.w3.org", b"")
    for sheet in ("theme.css", "designsystemet.css"):
        css = (out / "site" / "designsystemet" / sheet).read_bytes()
        assert b"@import" not in css and not re.search(rb"url\((?![\"']?data:)", css), "nothing fetched by the CSS"
    assert (out / "site" / "designsystemet" / "LICENSE-designsystemet-css").is_file()
    statement = (out / "site" / "tilgjengelighet.html").read_text(encoding="utf-8")
    assert "Tilgjengelighetserklæring" in statement and "SVG" in statement
    for page in [out / "index.html", *(out / "site").glob("*.html")]:
        hrefs = [a.get("href") for tag, a in parsed(page.read_bytes()).tags if tag == "a"]
        assert any(h and h.endswith("tilgjengelighet.html") for h in hrefs), f"{page.name} links the statement"


@needs_graphviz
def test_the_vendored_designsystemet_is_the_pinned_npm_version():
    """exporters/site/designsystemet/ holds the npm packages' files as they are, at the versions
    package.json pins (update: npm install the new version, copy the files, run this test)."""
    import json

    from support import ROOT

    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    shipped = ROOT / "exporters" / "site" / "designsystemet"
    pairs = {
        "@digdir/designsystemet-css": (("dist/src/index.css", "designsystemet.css"), ("LICENSE", "LICENSE-designsystemet-css")),
        "@digdir/designsystemet-theme": (("src/themes/designsystemet.css", "theme.css"), ("LICENSE", "LICENSE-designsystemet-theme")),
    }
    for package, files in pairs.items():
        installed = ROOT / "node_modules" / package
        if not (installed / "package.json").is_file():
            pytest.skip(f"{package} is not installed (npm ci)")
        assert json.loads((installed / "package.json").read_text(encoding="utf-8"))["version"] == pinned[package]
        for source, copy in files:
            assert (installed / source).read_bytes() == (shipped / copy).read_bytes(), f"{copy}: copy {package}/{source} again"


@needs_graphviz
def test_the_pages_are_in_english_with_lang_en(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(FIXTURES / "build"), "-o", str(out), "--jobs", "1", "--lang", "en"]) == 0
    assert b'<html lang="en">' in (out / "index.html").read_bytes()
    page = (out / "site" / "liten-reise.html").read_bytes()
    assert b'<html lang="en">' in page and b"Back-office transfers" in page and "Svømmebanen".encode() not in page


@needs_graphviz
def test_hostile_text_stays_text(hostile, tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(hostile), "-o", str(out), "--jobs", "1"]) == 0
    for page in (out / "index.html", out / "site" / "hostile.html"):
        found = parsed(page.read_bytes())
        tags = [t for t, _ in found.tags]
        assert tags.count("script") == 1, "only the page's own script"
        assert not {"img", "iframe", "u", "i", "br"} & set(tags) - {"b"}, tags
        assert "b" not in tags
        for _, attributes in found.tags:
            assert not any(name.startswith("on") for name in attributes), attributes
            assert not any("javascript:" in (value or "") for value in attributes.values()), attributes
        text = "".join(found.text)
        assert "<script>alert('tittel')</script> {{ 7*7 }} &amp; </title>" in text
    journey = "".join(parsed((out / "site" / "hostile.html").read_bytes()).text)
    for literal in ("<img src=x onerror=alert(1)>", "</style><b>mål</b>", "<a href='javascript:alert(3)'>lenke</a>",
                    "<iframe src=x>", "{% raw %} <u>vondt</u>", "&lt;escaped&gt; <br>", "Jeg leser ]]> <!-- og --> </script>"):
        assert literal in journey, literal


@needs_graphviz
@pytest.mark.parametrize("clash", ["index", "site"])  # a journey 'portfolio' is refused: test_build_names
def test_page_names_never_collide_with_other_outputs(registries, write, tmp_path, clash):
    write(f"{clash}.yaml", HOSTILE.format(id=clash))
    write("annen.yaml", HOSTILE.format(id="annen"))
    out = tmp_path / "out"
    assert main(["build", ".", "-o", str(out), "--jobs", "1"]) == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert ">Brukerreiser på tvers av virksomhetene</h1>" in index  # the portfolio, not the journey
    assert f'href="site/{clash}.html"' in index and 'href="site/annen.html"' in index
    assert (out / "site" / f"{clash}.html").is_file() and (out / f"{clash}.svg").is_file()
    assert (out / "portfolio.md").read_text(encoding="utf-8").startswith("#")


def test_page_path_takes_only_ids():
    assert page_path("fa-barn") == "site/fa-barn.html"
    for bad in ("../x", "a/b", "a.b", "", "Index"):
        with pytest.raises(ValueError):
            page_path(bad)


def test_heatmap_counts_steps_per_life_event_and_agency():
    analyses = check([FIXTURES / "analysis"]).analyse()
    heat = heatmap(analyses)
    for actor in heat.agencies:
        assert not actor.is_person
        for event in heat.life_events:
            expected = sum(
                len(t.steps) for a in analyses if a.journey.life_event is event for t in a.touchpoints if t.actor == actor.id
            )
            assert heat.count(event, actor.id) == expected
    reach = [heat.journeys[a.id] for a in heat.agencies]
    assert reach == sorted(reach, reverse=True)
    assert list(heat.life_events) == [e for e in LifeEvent if e in heat.life_events]


def test_heat_levels_and_their_legend():
    assert [heat_level(n, 8, 5) for n in (0, 1, 2, 3, 4, 8)] == [0, 1, 1, 2, 2, 4]
    analyses = check([FIXTURES / "analysis"]).analyse()
    scale = heat_scale(heatmap(analyses), 5)
    assert scale[0][:2] == (0, 0)
    covered = [n for _, low, high in scale for n in range(low, high + 1)]
    assert covered == list(range(heatmap(analyses).highest + 1))


def test_heatmap_colours_keep_their_text_readable():
    for level in definition("site/site.yaml")["heat"]:
        assert contrast(level["text"], level["fill"]) >= 4.5, level


def test_every_heatmap_cell_shows_its_number():
    analyses = check([FIXTURES / "analysis"]).analyse()
    page = portfolio_page(analyses, portfolio(analyses)).decode("utf-8")
    cells = re.findall(r'<td class="num heat"[^>]*>([^<]*)</td>', page)
    heat = heatmap(analyses)
    assert [int(c) for c in cells] == [heat.count(e, a.id) for a in heat.agencies for e in heat.life_events
                                       if heat.agency_total(a.id) > 0], "agencies met only through data are named apart"


@needs_graphviz
def test_the_swimlane_marks_each_layer():
    from brukerreise.export.swimlane import render

    analysis = check([FIXTURES / "swimlane" / "small"]).analyse()[0]
    svg = render(analysis, "svg").decode("utf-8")
    assert len(re.findall(r'id="handoff-\d+" class="edge handoff"', svg)) == len(analysis.handoffs)
    assert len(re.findall(r'class="edge transfer"', svg)) == len(analysis.transfers)
    assert len(re.findall(r'id="data-\d+-arrow" class="edge (?:data|user_carried)"', svg)) == len(analysis.flows)
    assert len(re.findall(r'<text class="pain"', svg)) == sum(1 for s in analysis.steps if s.pain_points)
    assert len(re.findall(r'<text class="emotion"', svg)) == sum(1 for s in analysis.steps if s.emotion is not None)
    assert len(re.findall(r'class="node step"', svg)) == len(analysis.steps)


@needs_graphviz
def test_a_page_in_nynorsk_with_lang_nn():
    from brukerreise.export import EXPORTERS

    analysis = check([FIXTURES / "build"]).analyse()[0]
    page = EXPORTERS["site"].export(analysis, "html", "nn")
    assert b'<html lang="nn">' in page and b"Symjebanen" in page and "Svømmebanen".encode() not in page


@needs_graphviz
def test_the_registry_gives_a_journey_page_on_its_own():
    from brukerreise.export import EXPORTERS

    analysis = check([FIXTURES / "build"]).analyse()[0]
    page = EXPORTERS["site"].export(analysis, "html", "en")
    found = parsed(page)
    assert b'<html lang="en">' in page and b'class="node step"' in page
    assert [a["href"] for tag, a in found.tags if tag == "a"] == ["#main"], "no links to files that are not there"


@needs_graphviz
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(workspaces(max_steps=30, max_lanes=8))
def test_every_generated_journey_gives_a_page_with_its_steps_and_only_its_own_markup(ws):
    from brukerreise.export.site import journey_page
    from brukerreise.export.swimlane import render

    analysis = analysis_of(ws)
    page = journey_page(analysis, render(analysis, "svg"))
    found = parsed(page)
    tags = [t for t, _ in found.tags]
    assert tags.count("script") == 1 and tags.count("h1") == 1 and tags.count("main") == 1
    ids = [a["id"] for _, a in found.tags if "id" in a]
    assert len(ids) == len(set(ids)), "ids are unique in the page"
    steps = {a["data-step"] for t, a in found.tags if t == "g" and a.get("role") == "button"}
    details = {a["data-step"] for t, a in found.tags if t == "article"}
    assert steps == details == {s.id for s in analysis.steps}
    text = "".join(found.text)
    assert all(" ".join(s.title.split()) in " ".join(text.split()) for s in analysis.steps)


def test_report_sections_become_headings_lists_and_tables():
    """How the portfolio shows what another report words (the comparisons' gains and costs per agency)."""
    from brukerreise.render.document import Section

    analyses = check([FIXTURES / "analysis"]).analyse()
    hostile = [Section(2, "Gevinster <b>og</b> kostnader", ("<script>x</script>",)),
               Section(3, "Per virksomhet", header=("Virksomhet", "Sparer"), rows=(("Nav & co", "3"), ("<i>Kommunen</i>", "1")))]
    page = portfolio_page(analyses, portfolio(analyses), comparisons=hostile)
    found = parsed(page)
    tags = [t for t, _ in found.tags]
    assert tags.count("script") == 1 and "i" not in tags and "b" not in tags
    text = "".join(found.text)
    assert "Gevinster <b>og</b> kostnader" in text and "<i>Kommunen</i>" in text and "<script>x</script>" in text
    html = page.decode("utf-8")
    assert '<h2 id="comparisons-1" ' in html and '<h3 id="comparisons-2" ' in html
    assert '<th scope="col">Sparer</th>' in html and '<th scope="row">Nav &amp; co</th>' in html


def test_a_comparison_page_shows_its_sections_chart_and_links():
    from brukerreise.render.document import Section
    from brukerreise.export.site import comparison_page, comparison_path

    assert comparison_path("reise-onsket") == "site/reise-onsket.comparison.html"
    chart = (b'<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg" role="img" '
             b'aria-labelledby="t"><title id="t">F\xc3\xb8r og etter</title></svg>')
    found = [Section(3, "Tallene <før>", header=("Tall", "I dag", "Ønsket"), rows=(("Steg", "9", "5"),))]
    page = comparison_page("Fra i dag til ønsket: <Reise>", found, [("I dag", "reise.html"), ("Ønsket", "reise-onsket.html")],
                           chart, "nb", intro=("Forbedrer <reise>",))
    html = page.decode("utf-8")
    assert html.count("<svg") == 1 and "<?xml" not in html and "<!DOCTYPE svg" not in html
    assert 'data-size="lg">Fra i dag til ønsket: &lt;Reise&gt;</h1>' in html and "Forbedrer &lt;reise&gt;" in html
    assert 'href="reise.html">I dag</a>' in html and '<th scope="row">Steg</th>' in html
    assert '<h2 id="comparison-1" class="ds-heading" data-size="sm">Tallene &lt;før&gt;</h2>' in html, "sections start under the page's h1"


@needs_graphviz
def test_comparisons_get_a_page_and_the_portfolio_their_gains_and_costs(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(FIXTURES / "comparison"), "-o", str(out), "--jobs", "1"]) == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="site/reise-onsket.html"' in index and 'href="site/reise-onsket.comparison.html"' in index
    assert "Ønskede reiser (forslag)" in index and "Gevinster og kostnader" in index
    counted = re.search(r'<span class="number">(\d+)</span> <span class="label">reiser?</span>', index)
    assert counted and counted.group(1) == "1", "to-be journeys are proposals, not counted"
    assert '<span class="number">1</span> <span class="label">reise</span>' in index, "1 reise, not 1 reiser"
    page = (out / "site" / "reise-onsket.comparison.html").read_bytes()
    found = parsed(page)
    hrefs = [a["href"] for tag, a in found.tags if tag == "a"]
    assert "reise.html" in hrefs and "reise-onsket.html" in hrefs and "../index.html" in hrefs
    for suffix in ("md", "json", "svg"):
        assert f"../reise-onsket.comparison.{suffix}" in hrefs and (out / f"reise-onsket.comparison.{suffix}").is_file()
    assert [t for t, _ in found.tags].count("svg") == 0 and b'class="bar-list"' in page, "before/after as bars that reflow"
    for journey in ("reise", "reise-onsket"):
        assert b'href="reise-onsket.comparison.html"' in (out / "site" / f"{journey}.html").read_bytes()


@needs_graphviz
def test_a_page_on_its_own_never_takes_the_index_name(registries, write, tmp_path):
    write("index.yaml", HOSTILE.format(id="index"))
    out = tmp_path / "out"
    assert main(["export", ".", "-o", str(out), "--format", "site:html"]) == 0
    assert (out / "index.page.html").is_file() and not (out / "index.html").exists()
