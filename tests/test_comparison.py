"""To-be journeys: the format's checks, the comparison with today's journey, and what the exporters make of it."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import analysis_of, workspaces

from brukerreise.analysis import (
    FindingStatus,
    StepStatus,
    benefits,
    compare,
    key_figures,
)
from brukerreise.api import check

FIXTURE = Path(__file__).parent / "fixtures" / "comparison"
GOLDEN = Path(__file__).parent / "golden" / "comparison"
JOURNEYS = Path(__file__).resolve().parent.parent / "journeys"


@pytest.fixture(scope="module")
def pair():
    checked = check([FIXTURE])
    assert checked.is_valid(strict=True), checked.issues
    found = {a.journey.id: a for a in checked.analyse()}
    before, after = found["reise"], found["reise-onsket"]
    assert after.comparison is not None and before.comparison is None
    return before, after


# --- the comparison ---------------------------------------------------------------------------------


def test_a_journey_compared_with_itself_has_no_change(pair):
    before, _ = pair
    c = compare(before, before)
    assert c.unchanged
    assert all(s.status is StepStatus.KEPT for s in c.steps)
    assert all(f.status is FindingStatus.REMAINING for f in c.findings)
    assert not c.new_flows and not any(x.changed for x in c.actors)
    assert all(f.change in (0, None) and f.improved is None for f in c.figures)


def test_steps_kept_changed_replaced_and_new(pair):
    c = pair[1].comparison
    status = {(s.before, s.after): s for s in c.steps}
    assert status[("lurer", "lurer")].status is StepStatus.KEPT
    changed = status[("hjemme", "hjemme")]
    assert changed.status is StepStatus.CHANGED and [a.value for a in changed.changes] == ["channel"]
    assert status[("penger", None)].status is StepStatus.REPLACED and status[("penger", None)].replaced_by == "automatisk"
    assert status[(None, "automatisk")].replaces == ("penger",)
    assert status[(None, "oversikt")].status is StepStatus.NEW


def test_a_replaced_step_carries_its_findings_resolution(pair):
    c = pair[1].comparison
    (finding,) = c.findings
    assert finding.status is FindingStatus.RESOLVED
    assert finding.before.step == "penger" and finding.via == "automatisk"
    nav = next(x for x in c.actors if x.actor == "nav")
    assert nav.resolved_findings == 1
    assert [k.item for k in nav.receives] == ["adresse"]  # inntekt flowed automatically already


def test_a_replacement_that_still_asks_keeps_the_finding(pair):
    before, after = pair
    step = attrs.evolve(after.step("automatisk"), asks_user=("inntekt",), channel=None)
    c = compare(before, _reanalysed(after, step))
    (finding,) = c.findings
    assert finding.status is FindingStatus.REMAINING and finding.after.step == "automatisk"


def test_removing_a_step_removes_its_handoffs_and_findings_from_the_after_figures(pair):
    before, _ = pair
    journey = before.journey
    gone = attrs.evolve(journey, journey="uten", steps=tuple(s for s in journey.steps if s.id != "penger"))
    after = _analyse(gone, before)
    c = compare(before, after)
    assert c.figure("once_only_findings").after == 0 and c.figure("handoffs").after == 0  # no referral marked
    assert not any(h.from_step == "penger" or h.to_step == "penger" for h in (*after.handoffs, *after.transitions))
    assert [s.status for s in c.steps if s.before == "penger"] == [StepStatus.REMOVED]
    (finding,) = c.findings
    assert finding.status is FindingStatus.RESOLVED and finding.via is None


def _analyse(journey, like):
    from brukerreise.analysis import analyse

    return analyse(journey, like.actors | {"kommunen": like.actors.get("kommunen")}, like.data_items, "x.yaml")


def _reanalysed(analysis, step):
    journey = analysis.journey
    return _analyse(attrs.evolve(journey, steps=tuple(step if s.id == step.id else s for s in journey.steps)), analysis)


def _to_be(workspace: dict[str, Any], drop: list[bool], replace: bool) -> dict[str, Any]:
    """A to-be journey made from a generated one: some steps dropped, optionally one new step replacing them."""
    journey = workspace["journey"]
    steps = journey["steps"]
    gone = {s["id"] for s, d in zip(steps, drop) if d}
    if len(gone) == len(steps):
        gone.discard(steps[0]["id"])
    kept = []
    for s in steps:
        if s["id"] in gone:
            continue
        s = dict(s)
        if "after" in s:
            s["after"] = [p for p in s["after"] if p not in gone]
        kept.append(s)
    if replace and gone:
        kept.append({"id": "new-step", "phase": kept[-1]["phase"], "title": "Ny", "owner": kept[-1]["owner"],
                     "replaces": sorted(gone)})
    return {**workspace, "journey": {**journey, "journey": "generated-to-be", "state": "to-be",
                                     "improves": "generated", "steps": kept}}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workspaces(max_steps=12), st.lists(st.booleans(), min_size=12, max_size=12), st.booleans())
def test_properties_over_generated_pairs(workspace, drop, replace):
    before = analysis_of(workspace)
    assert compare(before, before).unchanged
    after = analysis_of(_to_be(workspace, drop, replace))
    c = compare(before, after)
    # Every as-is step once, every to-be step once.
    assert sorted(s.before for s in c.steps if s.before) == sorted(s.id for s in before.journey.steps)
    assert sorted(s.after for s in c.steps if s.after) == sorted(s.id for s in after.journey.steps)
    # Findings: before = resolved + remaining; after = remaining + new.
    counts = {s: len(c.findings_with(s)) for s in FindingStatus}
    assert len(before.findings) == counts[FindingStatus.RESOLVED] + counts[FindingStatus.REMAINING]
    assert len(after.findings) == counts[FindingStatus.REMAINING] + counts[FindingStatus.NEW]
    # The after figures are the to-be journey's own: nothing of a removed step survives.
    assert [f.after for f in c.figures] == list(attrs.astuple(key_figures(after)))
    removed = {s.before for s in c.with_status(StepStatus.REMOVED, StepStatus.REPLACED)}
    assert not any(f.before and f.before.step in removed and f.status is FindingStatus.REMAINING and f.via is None
                   for f in c.findings)
    total = benefits([c, c])
    assert total.resolved_findings == 2 * counts[FindingStatus.RESOLVED]


# --- the format's checks ------------------------------------------------------------------------------


def _workspace(write, registries, to_be: str) -> None:
    shutil.copy(FIXTURE / "reise.yaml", Path.cwd() / "reise.yaml")
    write("onsket.yaml", to_be)


TO_BE_HEAD = """\
journey: onsket
state: to-be
improves: {improves}
life_event: {event}
title: Forslag
persona: {{name: Sara, situation: Venter}}
goals: [Slippe å lete]
phases: [{{id: vente, title: Vente}}]
steps:
"""


@pytest.mark.parametrize("improves, event, steps, expected", [
    ("reis", "Få barn", "  - {id: lurer, phase: vente, title: Jeg lurer, owner: bruker}\n",
     "3:11: error: unknown journey 'reis' — did you mean 'reise'?"),
    ("reise", "Ny i Norge", "  - {id: lurer, phase: vente, title: Jeg lurer, owner: bruker}\n",
     "3:11: error: journey 'reise' is of the life event 'Få barn'"),
    ("onsket", "Få barn", "  - {id: lurer, phase: vente, title: Jeg lurer, owner: bruker}\n",
     "3:11: error: a journey cannot improve itself"),
    ("reise", "Få barn", "  - {id: ny, phase: vente, title: Jeg lurer, owner: bruker, replaces: [pengr]}\n",
     "10:72: error: unknown step 'pengr' in the as-is journey 'reise' — did you mean 'penger'?"),
    ("reise", "Få barn", "  - {id: lurer, phase: vente, title: Jeg lurer, owner: bruker, replaces: [lurer]}\n",
     "10:75: error: as-is step 'lurer' is kept (this step has its id)"),
    ("reise", "Få barn",
     "  - {id: a, phase: vente, title: Jeg lurer, owner: bruker, replaces: [penger]}\n"
     "  - {id: b, phase: vente, title: Jeg lurer, owner: bruker, replaces: [penger]}\n",
     "11:71: error: as-is step 'penger' is already replaced by step 'a' (line 10)"),
])
def test_to_be_problems_at_their_place(cli, write, registries, improves, event, steps, expected):
    _workspace(write, registries, TO_BE_HEAD.format(improves=improves, event=event) + steps)
    result = cli("validate", ".")
    assert result.code == 1
    assert any(line.startswith(f"onsket.yaml:{expected}") for line in result.err.splitlines()), result.err


def test_improving_a_to_be_journey_and_as_is_keys_are_errors(cli, write, registries):
    _workspace(write, registries, TO_BE_HEAD.format(improves="reise", event="Få barn")
               + "  - {id: lurer, phase: vente, title: Jeg lurer, owner: bruker}\n")
    write("andre.yaml", TO_BE_HEAD.replace("journey: onsket", "journey: andre").format(improves="onsket", event="Få barn")
          + "  - {id: lurer, phase: vente, title: Jeg lurer, owner: bruker}\n")
    write("som-i-dag.yaml", TO_BE_HEAD.replace("journey: onsket", "journey: idag").replace("state: to-be\n", "")
          .format(improves="reise", event="Få barn")
          + "  - {id: lurer, phase: vente, title: Jeg lurer, owner: bruker, replaces: [x]}\n")
    err = cli("validate", ".").err
    assert "andre.yaml:3:11: error: journey 'onsket' is a to-be journey too" in err
    assert "som-i-dag.yaml:2:11: error: 'improves' is for to-be journeys" in err
    assert "som-i-dag.yaml:9:74: error: step 'lurer' says what it replaces, but this is an as-is journey" in err


def test_a_misspelt_state_is_an_error_with_a_suggestion(cli, write, registries):
    _workspace(write, registries, TO_BE_HEAD.replace("state: to-be", "state: tobe").format(improves="reise", event="Få barn")
               + "  - {id: lurer, phase: vente, title: Jeg lurer, owner: bruker}\n")
    err = cli("validate", ".").err
    assert "onsket.yaml:2:8: error: unknown 'state' 'tobe'" in err and "to-be" in err


def test_the_shipped_to_be_journeys_validate_strictly_and_resolve_findings():
    checked = check([JOURNEYS])
    assert checked.is_valid(strict=True), checked.issues
    compared = {a.journey.life_event.value: a.comparison for a in checked.analyse() if a.comparison}
    assert {"Alvorlig sykt barn", "Dødsfall og arv", "Miste og finne jobb"} <= set(compared)
    for c in compared.values():
        assert c.after.journey.title.startswith("Forslag")
        # Each resolves a breach of its as-is journey (miste-og-finne-jobb's: Nav asks for the reason the job
        # ended, which the employer has reported in the a-melding) and proposes new flows.
        assert c.before.findings and c.findings_with(FindingStatus.RESOLVED) and c.new_flows


# --- outputs -------------------------------------------------------------------------------------------


def _golden(name: str, actual: bytes) -> None:
    from support import matches_golden

    matches_golden(GOLDEN / name, actual)


@pytest.mark.parametrize("fmt, suffix", [("markdown", "md"), ("json", "json"), ("text", "txt"), ("svg", "svg")])
def test_golden_comparison(pair, fmt, suffix):
    from brukerreise.export.comparison import export

    _golden(f"reise-onsket.comparison.{suffix}", export(pair[1], fmt, "nb"))


def test_golden_comparison_in_english(pair):
    from brukerreise.export.comparison import export

    _golden("reise-onsket.comparison.en.md", export(pair[1], "markdown", "en"))


def test_compare_command_and_its_json_contract(cli):
    result = cli("compare", FIXTURE, "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["format_version"] == 3  # 2: referrals are kasteball; 3: gains in hours and kroner
    (c,) = data["comparisons"]
    assert c["id"] == "reise-onsket" and c["improves"] == "reise"
    assert c["figures"]["once_only_findings"] == {"before": 1, "after": 0, "change": -1, "better": "lower", "improved": True}
    assert {s["status"] for s in c["steps"]} == {"kept", "changed", "replaced", "new"}
    assert data["portfolio"]["once_only_findings"] == {"resolved": 1, "remaining": 0, "new": 0}
    assert cli("compare", FIXTURE / "reise.yaml").code == 0  # no pair: says so, exit 0


def test_chart_is_accessible_and_not_colour_alone(pair):
    from brukerreise.export.comparison.chart import render_chart

    svg = render_chart(pair[1].comparison)
    assert 'role="img"' in svg and '<title id="chart-title">' in svg and '<desc id="chart-desc">' in svg
    assert "url(#today-hatch)" in svg and "bedre" in svg
    assert "&lt;og&gt;" in svg and "<og>" not in svg
    from lxml import etree

    etree.fromstring(svg.encode("utf-8"))  # well-formed


def test_build_writes_comparisons_without_clashing_names(tmp_path):
    from brukerreise.build import Options, default_targets, run

    folder = tmp_path / "journeys"
    shutil.copytree(FIXTURE, folder)
    targets = [t for t in default_targets() if t.kind in ("report", "comparison")]
    assert run(Options([folder], targets, jobs=1, across=True), tmp_path / "out") == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "reise-onsket.comparison.md" in names and "reise-onsket.comparison.svg" in names
    assert "reise.comparison.md" not in names  # an as-is journey has no comparison
    assert "portfolio.comparisons.json" in names and "reise-onsket.md" in names


def test_swimlane_marks_new_and_changed_steps_and_ghosts_the_gone(pair):
    from brukerreise.export.swimlane.layout import lay_out

    layout = lay_out(pair[1])
    badges = {s.key: s.lines[0][0].text for s in layout.shapes if s.role == "badge"}
    assert badges == {"badge-oversikt": "NY", "badge-automatisk": "NY", "badge-hjemme": "ENDRET"}
    doubled = {s.key for s in layout.shapes if s.role == "step" and s.peripheries == 2}
    assert doubled == {"step-oversikt", "step-automatisk", "step-hjemme"}
    ghost = next(s for s in layout.shapes if s.role == "ghost")
    assert ghost.key == "ghost-penger" and ghost.border.style == "dashed" and ghost.lines[0][0].text == "ERSTATTET"
    assert not any(s.role in ("badge", "ghost") for s in lay_out(pair[0]).shapes)


def test_deck_has_the_change_slides_only_for_a_to_be_journey(pair):
    from pptx import Presentation

    from brukerreise.export.deck import build_deck

    def titles(analysis) -> list[str]:
        prs = Presentation(io.BytesIO(build_deck(analysis)))
        return [s.shapes.title.text_frame.text for s in prs.slides]

    to_be = titles(pair[1])
    assert any(t.startswith("Fra i dag til ønsket: tallene") for t in to_be)
    assert any(t.startswith("Levere sammen: hvem betaler") for t in to_be)
    assert not any(t.startswith("Fra i dag til ønsket") for t in titles(pair[0]))


def test_a_broken_state_is_reported_once_and_hides_nothing_else(cli, write, registries):
    _workspace(write, registries, TO_BE_HEAD.replace("state: to-be", "state: [to-be]").format(improves="reise", event="Få barn")
               + "  - {id: lurer, phase: vente, title: Jeg lurer, owner: bruker, replaces: [penger, 3]}\n")
    result = cli("validate", ".")
    assert [f"{e.line}:{e.col}" for e in result.errors] == ["2:8", "10:83"], result.err


def test_change_slides_fit_and_keep_contrast_for_a_shipped_to_be_journey():
    from pptx import Presentation
    from support.deck import check_alt_text, check_contrast, check_fits

    from brukerreise.export.deck import build_deck

    checked = check([JOURNEYS])
    to_be = next(a for a in checked.analyse() if a.journey.id == "dodsfall-og-arv-onsket")
    prs = Presentation(io.BytesIO(build_deck(to_be)))
    changed = set()
    check_fits(prs)
    check_contrast(prs)
    check_alt_text(prs)
    for slide in prs.slides:
        title = slide.shapes.title.text_frame.text
        if title.startswith(("Fra i dag", "Levere sammen:")):
            changed.add(re.sub(r" \(\d+/\d+\)$", "", title))  # a kind of slide, however many it continues on
            assert slide.notes_slide.notes_text_frame.text.strip()
    assert len(changed) == 7  # chart, figures, once-only, agencies, legal basis, order and dependencies, questions
