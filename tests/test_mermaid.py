"""Mermaid exports: what they hold, that user text never becomes syntax, and that the real mermaid-cli
(with Debian's Chromium) draws every one of them for every shipped journey and a generated journey of
100 steps — with the layout it asks for (ELK) and, for the wiki page, with Mermaid's default (dagre)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from brukerreise.api import check
from brukerreise.export import EXPORTERS
from brukerreise.export.mermaid.wiki import MAX_PART_STEPS, parts
from support import FIXTURES, ROOT
from node_tools import mmdc
from support.drawn import drawn_by_hypothesis, generated

MERMAID = EXPORTERS["mermaid"]
HOSTILE = FIXTURES / "tools" / "hostile"


@pytest.fixture(scope="module")
def analyses(tmp_path_factory):
    folder = generated(100, tmp_path_factory.mktemp("gen100"))
    found = check([ROOT / "journeys"]).analyse() + check([folder]).analyse() + check([HOSTILE]).analyse()
    assert len(found) >= 10
    return found + drawn_by_hypothesis(5)


@pytest.fixture(scope="module")
def hostile():
    [analysis] = check([HOSTILE]).analyse()
    return analysis


def export(analysis, fmt: str, lang: str = "nb") -> str:
    return MERMAID.export(analysis, fmt, lang).decode("utf-8")


def test_same_input_same_bytes(hostile):
    for fmt in MERMAID.formats:
        assert MERMAID.export(hostile, fmt, "nb") == MERMAID.export(hostile, fmt, "nb")


def test_one_subgraph_per_lane_in_lane_order(analyses):
    for a in analyses:
        text = export(a, "mermaid-data")
        lanes = [int(n) for n in re.findall(r"^  subgraph lane(\d+)\[", text, re.M)]
        assert lanes == sorted(lanes)
        shown = {i for i, actor in enumerate(a.lanes) if any(s.owner == actor.id for s in a.steps)}
        assert shown <= set(lanes)


def test_kasteball_is_thick_and_labelled(analyses):
    for a in analyses:
        text = export(a, "mermaid")
        thick = re.findall(r"^  s\d+ ==>\|\"#9888; kasteball\"\| s\d+$", text, re.M)
        assert len(thick) == len(a.handoffs)
        assert text.count("==>") == len(a.handoffs)
        assert len(re.findall(r"^  s\d+ -->", text, re.M)) == sum(len(p) for p in a.after.values()) - len(a.handoffs)
        if a.handoffs:
            assert re.search(r"^  linkStyle [\d,]+ stroke:#[0-9A-F]{6},stroke-width:3\.5px$", text, re.M)


def test_accessible_title_and_description(analyses):
    for a in analyses:
        for fmt in ("mermaid", "mermaid-data", "mermaid-journey"):
            text = export(a, fmt)
            assert re.search(r"^  accTitle: \S", text, re.M) and re.search(r"^  accDescr: \S", text, re.M)


def test_no_user_ids_and_no_raw_user_text(hostile):
    for fmt in MERMAID.formats:
        text = export(hostile, fmt)
        for line in text.splitlines():
            assert "\u202e" not in line
        for step in hostile.steps:  # node ids are ours
            assert not re.search(rf"\b{re.escape(step.id)}\b[\[(]", text)
        body = text.split("```mermaid", 1)[-1] if fmt == "mermaid-wiki" else text
        body = "\n".join(line for line in body.splitlines() if not line.startswith("%%{init: "))  # our config
        # Every character Mermaid could read as syntax is an entity code.
        for label in re.findall(r'"([^"]*)"', body):
            assert re.fullmatch(r"(#\d+;|[^<>\[\]{}|`$%:&\\#;])*", label), label


def test_journey_boxes_are_tall_enough_for_every_title(analyses):
    """Mermaid wraps a task's title in its box but keeps the box's height: the diagram asks for the
    height its longest title needs at Mermaid's box width (a title past six lines is shortened with '…')."""
    from brukerreise.render import textfit

    for a in analyses:
        text = export(a, "mermaid-journey")
        config = json.loads(re.match(r"%%\{init: (.*)\}%%\n", text).group(1))["journey"]
        width, size = config["width"] - 24, config["taskFontSize"]
        lines = max(min(6, len(textfit.wrap(" ".join(s.title.split()), width, size))) for s in a.steps)
        assert config["height"] >= lines * textfit.line_height(size), a.journey.id


def test_journey_scores_and_sections(hostile):
    text = export(hostile, "mermaid-journey")
    tasks = re.findall(r"^    (.+): (\d): (.+)$", text, re.M)
    assert [int(score) for _, score, _ in tasks] == [1, 3, 5, 3, 3]
    assert text.count("\n  section ") == 2
    assert all(":" not in name and "#58;" in name or ":" not in name for name, _, _ in tasks)


def test_wiki_parts_are_small(analyses):
    for a in analyses:
        cut = parts(a)
        assert all(0 < len(steps) <= MAX_PART_STEPS for _, steps in cut)
        assert [s for _, steps in cut for s in steps] == [s for p in a.phases for s in p.steps]
        assert export(a, "mermaid-wiki").count("```mermaid") == len(cut) + 1


def _blocks(text: str) -> list[str]:
    return re.findall(r"^```mermaid\n(.*?)^```$", text, re.M | re.S)


DAGRE = "---\nconfig:\n  layout: dagre\n---\n"


def _render(tmp_path: Path, diagrams: list[str], name: str) -> list[str]:
    """Draw every diagram in one mmdc run (a Markdown file of ```mermaid blocks: one browser for all) and
    fail on any error, including an error diagram in a file mmdc wrote with exit code 0."""
    source = tmp_path / f"{name}.md"
    source.write_text("".join(f"```mermaid\n{d.rstrip()}\n```\n\n" for d in diagrams), encoding="utf-8")
    out = tmp_path / f"{name}-out.md"
    done = subprocess.run([*mmdc(tmp_path), "-i", str(source), "-o", str(out), "--no-font-embed"],
                          capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stderr[-3000:]
    svgs = sorted(tmp_path.glob(f"{name}-out-*.svg"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    assert len(svgs) == len(diagrams)
    drawn = []
    for svg, diagram in zip(svgs, diagrams):
        text = svg.read_text(encoding="utf-8")
        assert 'aria-roledescription="error"' not in text and "Syntax error" not in text, diagram[:2000]
        assert "<title" in text and "<desc" in text, diagram[:500]
        drawn.append(text)
    return drawn


def test_mermaid_cli_draws_every_export(tmp_path, analyses):
    """As written: the flowcharts ask for ELK (bundled with mermaid-cli), the journey diagrams use the
    default. (The wiki page's parts are drawn with dagre below.)"""
    formats = (("mermaid", "nb"), ("mermaid-data", "en"), ("mermaid-journey", "nb"))
    diagrams = [export(a, fmt, lang) for a in analyses for fmt, lang in formats]
    drawn = _render(tmp_path, diagrams, "all")
    # The hostile journey's text is shown as text: escaped in the SVG, never markup.
    hostile_data = drawn[[a.journey.id for a in analyses].index("0-hostile") * len(formats) + 1]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_data and "<script" not in hostile_data
    assert "subgraph x &lt;b&gt;&amp;amp;" in hostile_data
    # Journey diagrams: each actor's dot has a colour of its own (set by its class, as Mermaid draws it).
    for a, svg in zip(analyses, drawn[2::len(formats)]):
        legend = re.findall(r'<circle[^>]*class="actor-(\d+)"', svg)
        fills = dict(re.findall(r"\.actor-(\d+)\{fill:([^;}]+)", svg))
        actors = sorted({int(n) for n in legend})
        assert actors and all(str(n) in fills for n in actors), a.journey.id
        assert len({fills[str(n)] for n in actors}) == min(len(actors), 20), a.journey.id


def test_wiki_page_draws_with_mermaids_default_layout(tmp_path, analyses):
    """Wikis draw with dagre, which fails on larger flowcharts with subgraphs: every part must pass."""
    diagrams = [DAGRE + block for a in analyses for block in _blocks(export(a, "mermaid-wiki"))]
    _render(tmp_path, diagrams, "dagre")


def test_render_writes_mermaid_and_bpmn(cli, tmp_path):
    out = tmp_path / "out"
    done = cli("render", str(HOSTILE), "-o", str(out), "--format", "mermaid,bpmn", "--format", "mermaid-journey,mermaid-wiki,mermaid-data")
    assert done.code == 0, done.err
    assert sorted(p.name for p in out.iterdir()) == [
        "0-hostile.bpmn", "0-hostile.data.mmd", "0-hostile.journey.mmd", "0-hostile.mmd", "0-hostile.wiki.md"]
    assert cli("render", str(HOSTILE), "-o", str(out), "--format", "mermaid,visio").code == 2


def test_build_includes_mermaid_and_bpmn(tmp_path):
    from brukerreise.build import Options, default_targets, run

    targets = [t for t in default_targets() if t.kind in ("mermaid", "bpmn")]
    assert run(Options([HOSTILE], targets, jobs=1), tmp_path) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "0-hostile.bpmn", "0-hostile.journey.mmd", "0-hostile.mmd", "0-hostile.wiki.md"]


def test_wiki_page_text_outside_diagrams_is_escaped_markdown(hostile):
    page = export(hostile, "mermaid-wiki")
    prose = re.sub(r"^```mermaid\n.*?^```$", "", page, flags=re.M | re.S)
    # one escaper for every Markdown output (render.escaping.markdown): HTML as references, Markdown's own
    # punctuation with a backslash
    assert '# "}; end subgraph x &lt;b&gt;&amp;amp; \\\\ --&gt; %% :\n' in prose
    assert not re.search(r"(?<!\\)[<>`|]", prose)
    assert page.count("```") == 2 * page.count("```mermaid")
