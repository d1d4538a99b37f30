"""Hostile and huge journeys: validation stays linear however many references are unknown, every exporter
takes any text validate accepts, and validate, render and deck stay under 500 MB for 5,000 steps or 200
lanes — saying so where the picture is reduced. The largest journeys run once each (marked `large`)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import generated
from brukerreise.api import check
from brukerreise.export import ExportNote
from brukerreise.render import textfit
from brukerreise.export.deck import build_deck
from brukerreise.export.deck.summary import PHASE_LIMIT, STEP_LIMIT
from brukerreise.export.swimlane import render
from brukerreise.reading import suggest
from brukerreise.reading.suggest import Candidates, closest

from support import ROOT, parse_issues
from strategies import analysis_of

MEGABYTE = 1024 * 1024
MEMORY_LIMIT = 500 * MEGABYTE
SLIDE_WIDTH, SLIDE_HEIGHT = 12192000, 6858000  # EMU


# A small process that runs the command and reports the peak memory of what it ran. brukerreise is started
# from it, not from pytest: a child forked from a large pytest process can report pytest's own resident
# pages as its peak before it execs.
_MEASURER = """
import os, subprocess, sys
process = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(process.pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}")
"""


def run_measured(*args: str | Path) -> tuple[int, str, int]:
    """(exit code, standard error, peak resident memory in bytes) of `brukerreise ARGS` in a process of its
    own; the peak includes the programs it runs (Graphviz)."""
    import tempfile

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "peak"
        done = subprocess.run([sys.executable, "-c", _MEASURER, str(report), sys.executable, "-m", "brukerreise",
                               *map(str, args)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        code, peak = report.read_text().split()
    return int(code), done.stderr.decode("utf-8"), int(peak) * 1024  # ru_maxrss is in kilobytes on Linux


# --- validation -------------------------------------------------------------------------------------


def test_suggestions_stay_good_for_a_few_misspellings():
    assert closest("nva", Candidates(["nav", "skatteetaten", "bruker"])) == "nav"
    assert closest("NAV", Candidates(["nav"])) == "nav"
    assert closest("helt-annet", Candidates(["nav", "bruker"])) is None


def test_after_the_budget_a_word_one_edit_away_is_still_found():
    steps = Candidates(f"s{i}" for i in range(5000))
    steps._budget = 0  # as after thousands of misspellings
    assert closest("s1243", steps) in ("s1243",)  # present: found as it is
    assert closest("s12x43", steps) == "s1243"  # a letter too many
    assert closest("s12zz", steps) is None  # two edits from any id: no guess rather than a slow one
    assert closest("x" * 10_000, steps) is None  # far longer than any id: no search at all


def test_difflib_compares_a_bounded_number_of_candidates(tmp_path, monkeypatch):
    """However many references are unknown, difflib compares at most its budget per set of candidates:
    the cost grows with the number of misspellings, not with their product with the number of ids."""
    import difflib

    compared = []
    real = difflib.get_close_matches
    monkeypatch.setattr(difflib, "get_close_matches",
                        lambda word, pool, **kw: compared.append(len(pool)) or real(word, pool, **kw))
    checked = check([generated.broken(600, tmp_path / "broken")])
    assert len(checked.errors) > 600 * 8
    pools = 5  # actors, data items, phases and steps of the journey; the registry's actors
    assert sum(compared) <= pools * suggest.DIFFLIB_BUDGET


@pytest.mark.large
def test_a_journey_of_5000_steps_full_of_errors_is_validated_whole(tmp_path):
    code, err, peak = run_measured("validate", generated.broken(5000, tmp_path / "broken"))
    assert code == 1
    issues = parse_issues(err)
    assert len(issues) > 5000 * 10  # every problem of every step
    lines = {i.line for i in issues}
    assert len(lines) > 5000 * 6
    assert any("did you mean 'a1'" in i.message for i in issues)
    assert peak < MEMORY_LIMIT


# --- any text validate accepts --------------------------------------------------------------------


LONG = ("Jeg venter og venter på svar fra kontoret " * 300)[:10_000]
UNBROKEN = "x" * 10_000


def _long_workspace(text: str) -> dict:
    return {
        "actors": [{"id": "bruker", "name": text, "short": text, "kind": "person"},
                   {"id": "nav", "name": text, "short": text, "kind": "stat", "ministry": "AID"}],
        "data_items": [{"id": "d", "name": text, "source": "nav"}],
        "journey": {
            "journey": "lang", "life_event": "Få barn", "title": text, "persona": {"name": text, "situation": text},
            "goals": [text], "phases": [{"id": "p", "title": text}],
            "steps": [
                {"id": "a", "phase": "p", "title": text, "owner": "bruker", "description": text, "emotion": -2,
                 "pain_points": [text], "opportunities": [text], "services": [text]},
                {"id": "b", "phase": "p", "title": text, "owner": "nav", "with": ["bruker"], "asks_user": ["d"],
                 "data": [{"item": "d", "from": "nav", "to": "bruker", "how": "user"}]},
            ],
        },
    }


def _slides(pptx: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(pptx)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if re.match(r"ppt/(slides|notesSlides)/\w+\d+\.xml$", n)}


def assert_on_the_slides(pptx: bytes) -> None:
    """Every shape lies within the slide, with a size of zero or more."""
    for name, xml in _slides(pptx).items():
        if "/slides/" not in name:
            continue
        for x, y in re.findall(r'<a:off x="(-?\d+)" y="(-?\d+)"', xml):
            assert 0 <= int(x) <= SLIDE_WIDTH and 0 <= int(y) <= SLIDE_HEIGHT, (name, x, y)
        for w, h in re.findall(r'<a:ext cx="(-?\d+)" cy="(-?\d+)"', xml):
            assert 0 <= int(w) <= SLIDE_WIDTH and 0 <= int(h) <= SLIDE_HEIGHT, (name, w, h)


@pytest.mark.parametrize("text", [LONG, UNBROKEN], ids=["words", "one-word"])
def test_a_text_of_10000_characters_everywhere_is_shortened_on_slides_and_kept_in_the_notes(text):
    pptx = build_deck(analysis_of(_long_workspace(text)))
    assert_on_the_slides(pptx)
    notes = " ".join(xml for name, xml in _slides(pptx).items() if "notesSlides" in name)
    assert text in notes, "a shortened text must be whole in the speaker notes"


def test_a_text_of_10000_characters_everywhere_is_whole_in_the_swimlane_tooltips():
    svg = render(analysis_of(_long_workspace(LONG)), "svg").decode("utf-8")
    assert LONG in svg  # in the <title> of the elements that show it shortened
    assert "…" in svg


def test_validate_warns_of_every_text_over_the_limit(write, registries, cli):
    text = " ".join(["ord"] * 300)  # 1,199 characters
    write("lang.yaml", f"""\
        journey: lang
        life_event: Få barn
        title: Vi skal få barn
        persona: {{name: Sara, situation: {text}}}
        goals: [Slippe å lete]
        phases: [{{id: a, title: A}}]
        steps:
          - {{id: s, phase: a, title: Jeg lurer, owner: bruker, description: {text}, pain_points: [kort, {text}]}}
        """)
    result = cli("validate", "--strict", "lang.yaml")
    long = [i for i in result.warnings if "characters, over 1000" in i.message]
    assert [i.line for i in long] == [4, 8, 8]  # the situation, the description, the second pain point
    assert all("1199 characters" in i.message and "speaker notes" in i.message for i in long)
    assert result.code == 1 and not result.errors


def test_a_strip_of_many_phases_counts_those_it_has_no_room_for():
    phases = [{"id": f"p{i}", "title": f"Fase nummer {i}"} for i in range(PHASE_LIMIT)]
    workspace = _long_workspace("Kort")
    workspace["journey"]["phases"] = phases
    for i, step in enumerate(workspace["journey"]["steps"]):
        step["phase"] = f"p{i}"
    pptx = build_deck(analysis_of(workspace))
    assert_on_the_slides(pptx)
    slides = _slides(pptx)
    # the glance slide, wherever the outline puts it
    glance = next(n for n in range(1, 99) if "Reisen med et blikk" in slides.get(f"ppt/slides/slide{n}.xml", "Reisen med et blikk"))
    assert "faser til" in slides[f"ppt/slides/slide{glance}.xml"]
    assert f"Fase nummer {PHASE_LIMIT - 1}" in slides[f"ppt/notesSlides/notesSlide{glance}.xml"]


def test_wrapping_into_a_box_too_narrow_for_one_letter_ends():
    assert "".join(textfit.wrap("abc def", -10.0, 12.0)) == "abcdef"


# --- memory and size ------------------------------------------------------------------------------


@pytest.mark.large
@pytest.mark.parametrize("lanes", [15, 200])
def test_a_deck_of_5000_steps_summarises_says_so_and_stays_under_500_mb(tmp_path, lanes):
    folder = generated.valid(5000, tmp_path / "journeys", lanes=lanes)
    code, err, peak = run_measured("deck", folder, "-o", tmp_path / "out")
    assert code == 0
    assert "note: generert.pptx: the journey has 5000 steps in 6 phases: the deck summarises it" in err
    assert peak < MEMORY_LIMIT, f"{peak / MEGABYTE:.0f} MB"
    pptx = (tmp_path / "out" / "generert.pptx").read_bytes()
    assert_on_the_slides(pptx)
    titles = " ".join(_slides(pptx).values())
    assert "En stor reise: 5000 steg" in titles and "Fasene oppsummert" in titles
    assert len([n for n in _slides(pptx) if "/slides/" in n]) < 100


def test_a_journey_at_the_limit_is_shown_step_by_step(tmp_path):
    from brukerreise.export.deck.summary import too_large

    [analysis] = check([generated.valid(STEP_LIMIT, tmp_path)]).analyse()
    assert not too_large(analysis)


def test_a_journey_of_many_phases_is_summarised_with_every_phase_in_one_table():
    workspace = _long_workspace("Kort")
    workspace["journey"]["phases"] = [{"id": f"p{i}", "title": f"Fase nummer {i}"} for i in range(1000)]
    for step in workspace["journey"]["steps"]:
        step["phase"] = "p0"
    with pytest.warns(ExportNote, match="in 1000 phases: the deck summarises it"):
        pptx = build_deck(analysis_of(workspace))
    slides = _slides(pptx)
    assert len([n for n in slides if "/slides/" in n]) < 100
    assert "Fase nummer 499" in " ".join(slides.values())  # the table's first 500 rows
    assert "500 rader til er ikke vist" in " ".join(slides.values())  # and the notes say what is left out


@pytest.mark.large
@pytest.mark.parametrize("steps,lanes,fmt", [(5000, 15, "svg"), (5000, 200, "svg"), (400, 200, "png")])
def test_render_of_5000_steps_or_200_lanes_stays_under_500_mb(tmp_path, steps, lanes, fmt):
    folder = generated.valid(steps, tmp_path / "journeys", lanes=lanes)
    code, err, peak = run_measured("render", folder, "-o", tmp_path / "out", "--format", fmt)
    assert code == 0
    assert peak < MEMORY_LIMIT, f"{peak / MEGABYTE:.0f} MB"
    # no screen shows it whole, and the user is told where the summary is
    assert f"note: generert.{fmt}: the swimlane is" in err and "too large to read as one picture" in err
    if fmt == "png":  # a bitmap that large is scaled down, and the user is told
        assert "note: generert.png: the PNG is drawn at" in err
        width, height = _png_size((tmp_path / "out" / "generert.png").read_bytes())
        assert width * height <= 40_000_000


def _png_size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


@pytest.mark.large
def test_validate_of_5000_steps_and_200_lanes_stays_under_500_mb(tmp_path):
    code, err, peak = run_measured("validate", generated.valid(5000, tmp_path / "journeys", lanes=200))
    assert code == 0, err
    assert peak < MEMORY_LIMIT


@pytest.mark.large
@pytest.mark.libreoffice
def test_libreoffice_opens_the_summary_deck_of_5000_steps_and_200_lanes(tmp_path):
    """The deck a 5,000-step journey used to get could not be opened; its summary can, every slide."""
    import shutil

    from pptx import Presentation

    office = shutil.which("soffice")
    if office is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing in CI")
        pytest.skip("LibreOffice is not installed")
    [analysis] = check([generated.valid(5000, tmp_path / "journeys", lanes=200)]).analyse()
    deck = tmp_path / "large.pptx"
    with pytest.warns(ExportNote, match="the deck summarises it"):  # API callers are told as warnings
        deck.write_bytes(build_deck(analysis))
    subprocess.run([office, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)], check=True, capture_output=True,
                   timeout=300)
    pages = re.findall(rb"/Type\s*/Page(?!s)", (tmp_path / "large.pdf").read_bytes())
    assert len(pages) == len(Presentation(str(deck)).slides)
