"""The Markdown report shows user text literally: rendered by a CommonMark renderer that passes HTML through
(as wikis and sites do), it holds no markup the user wrote — no HTML, no links, no emphasis, no headings or
lists of their own — and every text reads as written."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brukerreise.analysis import portfolio
from brukerreise.export.report import render
from brukerreise.render.escaping import markdown as _md

from strategies import TEXT_ALPHABET, analysis_of

markdown_it = pytest.importorskip("markdown_it")
RENDERER = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")

HOSTILE = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<!ENTITY xxe SYSTEM "file:///etc/passwd">',
    "# Ikke en overskrift #",
    "celle | med | streker",
    "[klikk](javascript:alert(1))",
    "![bilde](http://x/y.png)",
    "*uthevet* __fet__ `kode` ~~borte~~ $x$",
    "1. ikke en liste",
    "- heller ikke",
    "---",
    "- - -",
    "> ikke et sitat",
    "&lt;allerede&gt; &amp; kodet",
    "\\ skråstrek \\* og <b>fet</b>",
)
STRUCTURE = {"h1", "h2", "h3", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "p"}  # no "hr"


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.add(tag)

    def handle_startendtag(self, tag, attrs) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _read(markdown: str) -> _Reader:
    reader = _Reader()
    reader.feed(RENDERER.render(markdown))
    return reader


def _workspace() -> dict:
    texts = iter(HOSTILE * 3)
    actors = [
        {"id": "bruker", "name": next(texts), "short": next(texts), "kind": "person"},
        {"id": "nav", "name": next(texts), "short": next(texts), "kind": "stat", "ministry": "AID"},
        {"id": "skatt", "name": next(texts), "short": next(texts), "kind": "stat", "ministry": "FIN"},
    ]
    items = [{"id": "inntekt", "name": next(texts), "source": "skatt"}]
    journey = {
        "journey": "fiendtlig", "life_event": "Få barn", "title": next(texts),
        "persona": {"name": next(texts), "situation": next(texts)}, "goals": [next(texts)],
        "phases": [{"id": "en", "title": next(texts)}],
        "steps": [
            {"id": "a", "phase": "en", "title": next(texts), "owner": "bruker", "emotion": -2},
            {"id": "b", "phase": "en", "title": next(texts), "owner": "nav", "with": ["bruker"],
             "asks_user": ["inntekt"], "pain_points": [next(texts)]},
        ],
    }
    return {"actors": actors, "data_items": items, "journey": journey}


def test_hostile_text_in_every_field_renders_as_text_only():
    a = analysis_of(_workspace())
    shown = render([a], portfolio([a]), "markdown")
    reader = _read(shown)
    assert reader.tags <= STRUCTURE, f"markup from user text: {sorted(reader.tags - STRUCTURE)}"
    text = " ".join(" ".join(reader.text).split())
    for hostile in (a.journey.title, a.journey.persona.name, a.step("b").title, a.actors["nav"].short):
        assert " ".join(hostile.split()) in text


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("place", ["heading", "item", "cell"])
def test_each_hostile_text_reads_literally(hostile, place):
    shown = {"heading": f"## {_md(hostile)}", "item": f"- {_md(hostile)}",
             "cell": f"| a | b |\n|---|---|\n| {_md(hostile)} | x |"}[place]
    reader = _read(shown)
    assert reader.tags <= STRUCTURE
    assert hostile.strip() in " ".join(" ".join(reader.text).split())


@settings(max_examples=200, deadline=None)
@given(st.text(TEXT_ALPHABET | st.sampled_from(list("*_`~![]()#-+=.>$!:/")), min_size=1, max_size=40))
def test_any_text_reads_as_written(text):
    reader = _read(f"- {_md(text)}")
    assert reader.tags <= STRUCTURE
    assert "".join(reader.text).split() == text.split()
