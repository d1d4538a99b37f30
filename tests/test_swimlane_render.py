"""Rendered swimlanes: guarantees read back from real SVG, golden files, determinism, escaping, access."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from brukerreise.render.resources import definition
from brukerreise.export.swimlane import FORMATS, GraphvizMissing, render
from strategies import analysis_of, workspaces
from support import UPDATE_GOLDEN as UPDATE, matches_golden
from support.svg import SVG, contrast, elements, fixture_analysis

GOLDEN = Path(__file__).parent / "golden" / "swimlane"
HAS_GRAPHVIZ = shutil.which("neato") is not None
needs_graphviz = [pytest.mark.graphviz, pytest.mark.skipif(not HAS_GRAPHVIZ, reason="Graphviz is not installed")]


def _graphviz_version() -> str:
    out = subprocess.run(["dot", "-V"], capture_output=True, text=True)
    return re.search(r"version (\S+)", out.stderr or out.stdout).group(1)


# --- guarantees, read back from the SVG -------------------------------------------------------------


def check_svg(analysis, svg: bytes) -> None:
    found = elements(svg)
    lanes = [found[f"lane-{a.id}"] for a in analysis.lanes]
    for upper, lower in zip(lanes, lanes[1:]):
        assert upper.box.y1 <= lower.box.y0 + 0.6, "lanes overlap or are out of order"
    steps = {s.id: found[f"step-{s.id}"] for s in analysis.steps}
    for step in analysis.steps:
        box = steps[step.id].box
        assert box.inside(found[f"lane-{step.owner}"].box), f"{step.id} outside its owner's lane"
        for before in analysis.after[step.id]:
            assert steps[before].box.x1 <= box.x0 + 0.6, f"{step.id} drawn left of {before}"
        for text in steps[step.id].texts:
            assert text.box.inside(box, tol=1.0), f"{step.id}: {text.text!r} spills out of its box"
    # No two step boxes overlap: sort by left edge, compare each with those starting before it ends.
    boxes = sorted(((e.box.x0, e.box.y0, e.box) for e in steps.values()), key=lambda t: (t[0], t[1]))
    active: list = []
    for x0, _, box in boxes:
        active = [b for b in active if b.x1 > x0 + 0.6]
        assert not any(box.overlaps(b) for b in active), "step boxes overlap"
        active.append(box)
    for element in found.values():  # every text on an opaque fill is readable against it
        if element.cls == "node" and element.fill not in (None, "none", "transparent") and element.texts:
            for text in element.texts:
                assert contrast(text.fill, element.fill) >= 4.5, f"{element.id}: {text.fill} on {element.fill}"


@pytest.mark.graphviz
@pytest.mark.skipif(not HAS_GRAPHVIZ, reason="Graphviz is not installed")
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(workspaces(max_steps=200, max_lanes=15))
def test_svg_guarantees_for_generated_journeys(ws):
    analysis = analysis_of(ws)
    check_svg(analysis, render(analysis, "svg"))


@pytest.mark.graphviz
@pytest.mark.skipif(not HAS_GRAPHVIZ, reason="Graphviz is not installed")
@pytest.mark.parametrize("name", ["small", "hostile"])
def test_svg_guarantees_for_fixtures(name):
    analysis = fixture_analysis(name)
    check_svg(analysis, render(analysis, "svg", "en"))


# --- golden files --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["small", "hostile"])
def test_golden_dot(name):
    _compare(GOLDEN / f"{name}.dot", render(fixture_analysis(name), "dot"))


@pytest.mark.graphviz
@pytest.mark.skipif(not HAS_GRAPHVIZ, reason="Graphviz is not installed")
@pytest.mark.parametrize("name", ["small", "hostile"])
def test_golden_svg(name):
    path = GOLDEN / f"{name}.svg"
    if path.exists() and not UPDATE and f"graphviz version {_graphviz_version()} " not in path.read_text("utf-8"):
        pytest.skip("the golden SVG was made with another Graphviz version")
    _compare(path, render(fixture_analysis(name), "svg"))


_compare = matches_golden


# --- determinism ---------------------------------------------------------------------------------


@pytest.mark.graphviz
@pytest.mark.skipif(not HAS_GRAPHVIZ, reason="Graphviz is not installed")
@pytest.mark.parametrize("fmt", FORMATS)
def test_same_input_same_bytes(fmt):
    analysis = fixture_analysis("small")
    first = render(analysis, fmt)
    assert first == render(fixture_analysis("small"), fmt)
    assert first == render(analysis, fmt)


@pytest.mark.graphviz
@pytest.mark.skipif(not HAS_GRAPHVIZ, reason="Graphviz is not installed")
def test_pdf_carries_no_time_of_rendering():
    pdf = render(fixture_analysis("small"), "pdf")
    assert pdf.startswith(b"%PDF")
    dates = re.findall(rb"/CreationDate \(D:(\d{14})", pdf)
    assert dates and set(dates) == {b"19800101000000"}


@pytest.mark.graphviz
@pytest.mark.skipif(not HAS_GRAPHVIZ, reason="Graphviz is not installed")
def test_png_is_a_png():
    assert render(fixture_analysis("small"), "png").startswith(b"\x89PNG\r\n\x1a\n")


def test_unknown_format():
    with pytest.raises(ValueError, match="svg"):
        render(fixture_analysis("small"), "gif")


# --- hostile text --------------------------------------------------------------------------------

HOSTILE_TITLE = '"}; node [label=x] <b>&amp; \\'


def test_dot_has_no_user_ids_as_node_names_and_no_raw_user_text():
    dot = render(fixture_analysis("hostile"), "dot").decode("utf-8")
    names = re.findall(r"^\s+(\S+) \[", dot, re.M)
    assert names[:3] == ["graph", "node", "edge"] and all(re.fullmatch(r"n\d+", n) for n in names[3:])
    assert "step-s1" in dot and HOSTILE_TITLE not in dot
    for line in dot.splitlines()[1:-1]:
        assert line.count('"') % 2 == 0, f"unbalanced quotes: {line}"


@pytest.mark.graphviz
@pytest.mark.skipif(not HAS_GRAPHVIZ, reason="Graphviz is not installed")
def test_hostile_text_shows_literally():
    analysis = fixture_analysis("hostile")
    svg = render(analysis, "svg")
    found = elements(svg)
    texts = [t.text for e in found.values() for t in e.texts]
    joined = "\n".join(texts)
    for literal in ['"}; node [label=x]', "<b>&amp; \\", "Fase <1> \\G", "line {two} | <three> \\n 😀",
                    "<script>alert(1)</script> & \\l §", "Vedlegg ]]> -->", "Bruker <b>&amp;", 'Etat "}; \\']:
        assert literal in joined, literal
    assert not any(t == "x" for t in texts), "a label was injected"
    root = ET.fromstring(svg)
    titles = {g.get("id"): g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g")
              if g.get("id") and g.find(f"{SVG}title") is not None}
    assert titles["step-s1"].startswith(HOSTILE_TITLE)
    assert "Arbeidsgiveravgiftsberegningsgrunnlagsdokumentasjonen og enda mer tekst etterpå" in titles["step-s3"]
    assert any("…" in t.text for t in found["step-s3"].texts)


# --- accessibility -------------------------------------------------------------------------------


@pytest.mark.graphviz
@pytest.mark.skipif(not HAS_GRAPHVIZ, reason="Graphviz is not installed")
def test_svg_has_accessible_name_description_and_stable_ids():
    analysis = fixture_analysis("small")
    svg = render(analysis, "svg", "en")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "swimlane-title swimlane-desc"
    title, desc = root[0], root[1]
    assert (title.tag, title.get("id"), title.text) == (f"{SVG}title", "swimlane-title", analysis.journey.title)
    assert desc.tag == f"{SVG}desc" and "8 steps across 6 actors" in desc.text and "Having a child" in desc.text
    ids = {g.get("id") for g in root.iter(f"{SVG}g")}
    assert {f"step-{s.id}" for s in analysis.steps} <= ids
    assert {f"lane-{a.id}" for a in analysis.lanes} <= ids
    assert "&#45;" not in svg.decode("utf-8").split("<g id=")[1].split(">")[0]


@pytest.mark.graphviz
@pytest.mark.skipif(not HAS_GRAPHVIZ, reason="Graphviz is not installed")
def test_handoffs_are_marked_not_only_coloured():
    analysis = fixture_analysis("small")
    found = elements(render(analysis, "svg"))
    theme = definition("theme.yaml")
    handoffs = [e for k, e in found.items() if k.startswith("handoff-")]
    assert len(handoffs) == len(analysis.handoffs) == 1  # the one referral the fixture marks
    # red AND labelled: the word beside the arrow, never colour alone
    assert all(any(t.text and "kasteball" in t.text and theme["handoff"]["marker"] in t.text for t in e.texts)
               for e in handoffs)


# --- without Graphviz ----------------------------------------------------------------------------


def test_without_graphviz(monkeypatch, tmp_path):
    analysis = fixture_analysis("small")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert render(analysis, "dot").startswith(b"digraph swimlane {")
    for fmt in ("svg", "png", "pdf"):
        with pytest.raises(GraphvizMissing) as caught:
            render(analysis, fmt)
        message = str(caught.value)
        assert "\n" not in message and "install" in message and "--format dot" in message
