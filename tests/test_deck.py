"""The workshop deck: structure, accessibility, text that fits, determinism, labels, and LibreOffice."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree
from pptx import Presentation
from strategies import analysis_of, workspaces

from brukerreise.api import check
from brukerreise.export.deck import build_deck
from brukerreise.render.resources import definition
from support.deck import NS, check_alt_text, check_contrast, check_fits, slide_xml, title_of

FIXTURE = Path(__file__).parent / "fixtures" / "deck"


@pytest.fixture(scope="module")
def analysis():
    checked = check([FIXTURE])
    assert not checked.errors, checked.errors
    return checked.analyse()[0]


@pytest.fixture(scope="module")
def deck_bytes(analysis):
    return build_deck(analysis)


@pytest.fixture(scope="module")
def prs(deck_bytes):
    return Presentation(io.BytesIO(deck_bytes))


# --- structure ------------------------------------------------------------------------------------


def test_16_by_9_and_every_slide_has_a_filled_title_placeholder_first(prs):
    assert prs.slide_width * 9 == prs.slide_height * 16
    for slide in prs.slides:
        tree = slide_xml(slide).find("p:cSld/p:spTree", NS)
        shapes = [c for c in tree if etree.QName(c).localname in ("sp", "cxnSp", "graphicFrame", "pic", "grpSp")]
        first = shapes[0]
        ph = first.find("p:nvSpPr/p:nvPr/p:ph", NS)
        assert ph is not None and ph.get("type") == "title", "the title placeholder leads the reading order"
        assert title_of(slide).strip()


def test_outline_order_and_a_slide_per_agency_that_owns_a_step(prs, analysis):
    titles = [title_of(s) for s in prs.slides]
    owners = [a for a in analysis.lanes if not a.is_person and analysis.touchpoints_of(a.id).owns]
    for actor in owners:
        assert any(t.startswith(f"Der {actor.short} møter reisen") for t in titles), actor.short
    not_owning = [a for a in analysis.lanes if not a.is_person and not analysis.touchpoints_of(a.id).owns]
    for actor in not_owning:
        assert not any(t.startswith(f"Der {actor.short} møter") for t in titles)
    assert titles[0] == analysis.journey.title
    assert titles[1:4] == ["Målet for dagen", "Agenda", "Spilleregler"]
    assert titles[4].startswith("Hvem er")
    assert titles[5] == "Reisen med et blikk"
    assert titles[-1].startswith("Vedlegg")
    assert any(t.startswith("Spørsmål – Forme sammen") for t in titles)
    for span in analysis.phases:
        assert any(span.phase.title in t and t.startswith("Fase") for t in titles)


def test_swimlane_is_native_boxes_joined_by_glued_connectors(prs, analysis):
    """Step boxes are rectangles (a custom geometry on the swimlane slides, for a connection site per arrow);
    every connector is glued at both ends, to a step box, a continuation label or a bend's dot; following the
    dots, each arrow joins two steps, or a step and the label of a step on another slide."""
    seen_steps: set[str] = set()
    connectors = 0
    for slide in prs.slides:
        tree = slide_xml(slide).find("p:cSld/p:spTree", NS)
        steps, labels, dots = {}, {}, set()
        for sp in tree.findall("p:sp", NS):
            c = sp.find("p:nvSpPr/p:cNvPr", NS)
            name = c.get("name", "")
            if name.startswith("step-"):
                steps[c.get("id")] = name[5:]
                prst = sp.find("p:spPr/a:prstGeom", NS)
                if prst is not None:
                    assert prst.get("prst") == "rect"
                else:
                    points = [(int(pt.get("x")), int(pt.get("y"))) for pt in sp.iterfind("p:spPr/a:custGeom//a:pt", NS)]
                    assert len(points) == 4 and len({x for x, _ in points}) == 2 and len({y for _, y in points}) == 2
            elif name.startswith(("to-", "from-")):  # a continuation: the arrow to or from another slide
                before, after = _arrow_of(name, analysis)
                labels[c.get("id")] = after if name.startswith("to-") else before
            elif name.startswith("via-"):
                dots.add(c.get("id"))
        seen_steps |= set(steps.values())
        if not title_of(slide).startswith(("Svømmebaner", "Hele reisen")):
            continue
        out_of = {}
        for cxn in tree.findall("p:cxnSp", NS):
            st = cxn.find("p:nvCxnSpPr/p:cNvCxnSpPr/a:stCxn", NS)
            end = cxn.find("p:nvCxnSpPr/p:cNvCxnSpPr/a:endCxn", NS)
            assert st is not None and end is not None, "connectors are glued at both ends"
            ends = {**steps, **labels}
            assert {st.get("id"), end.get("id")} <= set(ends) | dots, "both ends are step boxes, continuations or dots"
            out_of.setdefault(st.get("id"), []).append(end.get("id"))
        ends = {**steps, **labels}
        for start, nexts in out_of.items():
            if start in dots:
                continue
            for nxt in nexts:
                while nxt in dots:
                    nxt = out_of[nxt][0]
                assert start in steps or nxt in steps
                source, target = ends[start], ends[nxt]
                assert source in analysis.after[target], (source, target)
                connectors += 1
    assert seen_steps == set(analysis.order), "every step is a box on some swimlane slide"
    assert connectors > 0


def _arrow_of(name: str, analysis) -> tuple[str, str]:
    """The arrow (before, after) a continuation label named 'to-BEFORE-AFTER' or 'from-BEFORE-AFTER' serves."""
    rest = name.split("-", 1)[1]
    found = [(p, s) for s in analysis.order for p in analysis.after[s] if rest == f"{p}-{s}"]
    assert len(found) == 1, name
    return found[0]


def test_step_box_text_is_never_below_10_pt(prs):
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.name.startswith("step-"):
                sizes = {r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs}
                assert sizes and min(sizes) >= 10


def test_notes_on_every_content_slide(prs):
    for slide in prs.slides:
        assert slide.has_notes_slide
        assert len(slide.notes_slide.notes_text_frame.text) > 40, title_of(slide)


def test_alt_text_on_every_graphic(prs):
    check_alt_text(prs)


def test_matrix_marks_user_carried_and_sensitive_with_text(prs, analysis):
    slide = next(s for s in prs.slides if title_of(s).startswith("Hvem deler"))
    table = next(sh for sh in slide.shapes if sh.has_table).table
    text = "\n".join(c.text for r in table.rows for c in r.cells)
    assert "■" in text and "§" in text


# --- text that fits, contrast ---------------------------------------------------------------------


def test_text_fits_its_shape(prs):
    check_fits(prs)


def test_text_contrast_is_at_least_4_5(prs):
    check_contrast(prs)


def test_shortened_text_is_in_the_notes(tmp_path):
    ws = {
        "actors": [{"id": "p", "name": "Person", "short": "Person", "kind": "person"},
                   {"id": "nav", "name": "Nav", "short": "Nav", "kind": "stat", "ministry": "AID"}],
        "data_items": [{"id": "x", "name": "X", "source": "nav"}],
        "journey": {"journey": "long", "life_event": "Få barn", "title": "Lang " * 60,
                    "phases": [{"id": "a", "title": "A"}],
                    "steps": [{"id": "s1", "phase": "a", "owner": "nav", "title": "ord " * 300},
                              {"id": "s2", "phase": "a", "owner": "p", "title": "Kort"}]},
    }
    prs = Presentation(io.BytesIO(build_deck(analysis_of(ws))))
    check_fits(prs)
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in prs.slides)
    assert ("ord " * 300).strip() in notes


# --- determinism, language, speed ---------------------------------------------------------------


def test_same_input_same_bytes_and_fixed_metadata(analysis, deck_bytes):
    assert build_deck(analysis) == deck_bytes
    with zipfile.ZipFile(io.BytesIO(deck_bytes)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    core = Presentation(io.BytesIO(deck_bytes)).core_properties
    assert core.author == "brukerreise" and analysis.journey.title in core.title and core.revision == 1


def test_english_labels_keep_journey_content(analysis):
    prs = Presentation(io.BytesIO(build_deck(analysis, lang="en")))
    titles = [title_of(s) for s in prs.slides]
    assert "The journey at a glance" in titles
    assert any(t.startswith("Where Nav meets the journey") for t in titles)
    assert any(t.startswith("Questions – Shaping together") for t in titles)
    assert titles[0] == analysis.journey.title  # content stays as written
    notes = prs.slides[0].notes_slide.notes_text_frame.text
    assert notes.startswith("Welcome")


def test_nynorsk_labels_tags_and_pronoun(analysis):
    """--lang nn: the deck's own words in nynorsk, tagged nn-NO; the journey's content stays as written (nb-NO)."""
    data = build_deck(analysis, lang="nn")
    prs = Presentation(io.BytesIO(data))
    titles = [title_of(s) for s in prs.slides]
    assert "Reisa med eitt blikk" in titles
    assert any(t.startswith("Der Nav møter reisa") for t in titles)
    assert titles[0] == analysis.journey.title
    assert prs.slides[0].notes_slide.notes_text_frame.text.startswith("Velkomen")
    assert prs.core_properties.language == "nn-NO"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        slides = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("ppt/slides/slide"))
    assert 'lang="nn-NO"' in slides and 'lang="nb-NO"' in slides


def test_badges_have_labels_and_every_slide_has_notes_in_every_language():
    table = definition("deck/labels.yaml")
    theme = definition("theme.yaml")
    for kind in theme["kinds"].values():
        assert all(kind["badge"] in table[lang] for lang in ("nb", "nn", "en"))
    for spec in definition("deck/outline.yaml")["slides"]:
        if "title" in spec:
            assert spec["title"] in table["nb"]
        assert set(spec["notes"]) == {"nb", "nn", "en"}


def test_questions_are_filled_with_this_journeys_findings(prs, analysis):
    text = "\n".join(sh.text_frame.text for s in prs.slides if title_of(s).startswith("Spørsmål")
                     for sh in s.shapes if sh.has_text_frame)
    assert "Nav ber om Termindato som Helsestasjonen allerede har – hvem tar ansvar for å dele den?" in text
    assert "{" not in text
    questions = definition("deck/questions.yaml")
    assert {p["id"] for p in questions["phases"]} == {"starte", "forme", "levere"}
    assert set(questions["themes"]) == {"brukerperspektiv", "samarbeid", "styring", "forankring"}
    for q in questions["questions"]:
        assert q["phase"] in {"starte", "forme", "levere"} and q["theme"] in questions["themes"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(workspaces(max_steps=30))
def test_generated_journeys_make_valid_decks(ws):
    a = analysis_of(ws)
    data = build_deck(a)
    prs = Presentation(io.BytesIO(data))
    check_fits(prs)
    check_contrast(prs)
    for slide in prs.slides:
        assert title_of(slide).strip()
    owners = {s.owner for s in a.journey.steps if not a.actors[s.owner].is_person}
    for actor_id in owners:
        short = a.actors[actor_id].short
        assert any(title_of(s).startswith(f"Der {short} møter reisen") for s in prs.slides)
    assert build_deck(a) == data


# --- LibreOffice --------------------------------------------------------------------------------


@pytest.mark.libreoffice
def test_libreoffice_opens_the_deck_one_page_per_slide(tmp_path, deck_bytes):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("soffice is missing in CI")
        pytest.skip("LibreOffice is not installed")
    path = tmp_path / "deck.pptx"
    path.write_bytes(deck_bytes)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = (tmp_path / "deck.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages == len(Presentation(io.BytesIO(deck_bytes)).slides)


@pytest.mark.large
def test_10000_character_names_titles_and_items_are_cut_on_the_slide_and_whole_in_the_notes():
    """Any text validate accepts: the matrix, the tables and the overview take 10,000-character names, titles and
    items, bounded in memory; the slides show them cut, the notes whole."""
    import resource

    long = "Langtnavn " * 1000
    ws = {
        "actors": [{"id": "p", "name": "Person" + long, "short": "Person" + long, "kind": "person"}]
        + [{"id": f"a{i}", "name": f"Etat {i}" + long, "short": f"Etat {i}" + long, "kind": "kommune"} for i in range(4)],
        "data_items": [{"id": "x", "name": "Opplysning" + long, "source": "a0", "sensitive": True}],
        "journey": {"journey": "lang", "life_event": "Få barn", "title": "Lang reise" + long,
                    "persona": {"name": "Kari" + long, "situation": "Situasjon" + long},
                    "phases": [{"id": f"f{i}", "title": f"Fase {i}" + long} for i in range(2)],
                    "steps": [{"id": f"s{i}", "phase": f"f{i // 5}", "owner": ["p", "a0", "a1", "a2", "a3"][i % 5],
                               "title": f"Steg {i}" + long, "description": "Beskrivelse" + long, "emotion": (i % 5) - 2,
                               "pain_points": ["Vondt" + long], "opportunities": ["Mulighet" + long],
                               "asks_user": ["x"] if i % 3 == 1 else [],
                               "data": [{"item": "x", "from": "a0", "to": f"a{1 + i % 3}", "how": "user"}]}
                              for i in range(10)]},
    }
    prs = Presentation(io.BytesIO(build_deck(analysis_of(ws))))
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 500 * 1024
    check_fits(prs)
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide)
    assert ("Etat 1" + long).strip() in notes and ("Steg 3" + long).strip() in notes
    for slide in prs.slides:
        for t in slide_xml(slide).iter(f"{{{NS['a']}}}t"):
            assert len(t.text or "") <= 2001
