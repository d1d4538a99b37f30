"""Gains in hours and kroner: a small pair computed by hand, the checks of the figures, and properties on
generated journeys (totals are the sums over agencies, an unchanged journey gains nothing, ranges stay
ordered)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import analysis_of, workspaces, write_workspace

from brukerreise.analysis import (
    GainKind,
    Missing,
    Outcome,
    Range,
    benefit_rows,
    compare,
    gains,
    gains_across,
)
from brukerreise.analysis.amounts import ZERO
from brukerreise.analysis.gains import HourlyCost
from brukerreise.api import check

FIXTURE = Path(__file__).parent / "fixtures" / "gains"
COSTS = {
    "stat": HourlyCost("stat", Range(500.0, 600.0, 700.0), "test"),
    "kommune": HourlyCost("kommune", Range(400.0, 500.0, 600.0), "test"),
}


def close(found: Range | None, low: float, likely: float, high: float) -> None:
    assert found is not None
    assert (found.low, found.likely, found.high) == pytest.approx((low, likely, high))


@pytest.fixture(scope="module")
def pair():
    checked = check([FIXTURE])
    assert checked.is_valid(strict=True), checked.issues
    found = {a.journey.id: a for a in checked.analyse()}
    return found["reise"], found["reise-onsket"]


@pytest.fixture(scope="module")
def computed(pair):
    return gains(pair[1].comparison, COSTS)


def test_agency_hours_by_hand(computed):
    nav, kommune = computed.agency("nav"), computed.agency("kommune")
    # Today: 'soker' 1000 people × 30 min (800 × 20, 1200 × 40); 'venter' half of them × 60 min.
    close(nav.hours_before, 800 * 20 / 60 + 400, 1000 * 30 / 60 + 500, 1200 * 40 / 60 + 600)
    # To-be: 'soker' as today (same id, no figures of its own); 'svar' half of them × 5 min.
    close(nav.hours_after, 800 * 20 / 60 + 400 * 5 / 60, 500 + 500 * 5 / 60, 800 + 600 * 5 / 60)
    # The change is taken in each scenario, then ordered: (300 − 666.67, 541.67 − 1000, 850 − 1400).
    close(nav.hours_change, 850 - 1400, 500 + 500 * 5 / 60 - 1000, 300 - (800 * 20 / 60 + 400))
    close(kommune.hours_before, 400 * 20 / 60, 500 * 30 / 60, 600 * 40 / 60)
    close(kommune.hours_after, 0, 0, 0)


def test_kroner_and_costs_by_hand(computed):
    nav, kommune = computed.agency("nav"), computed.agency("kommune")
    low_before, low_after = (800 * 20 / 60 + 400) * 500, (800 * 20 / 60 + 400 * 5 / 60) * 500
    close(nav.kroner_before, low_before, 1000 * 600, 1400 * 700)
    close(nav.kroner_change, 850 * 700 - 1400 * 700, (500 + 500 * 5 / 60) * 600 - 600_000, low_after - low_before)
    close(nav.one_time_cost, 100_000, 200_000, 400_000)  # it builds the flow
    close(nav.yearly_cost, 0, 0, 0)
    assert nav.outcome is Outcome.GAINS
    # The kommune runs the flow (150 000 a year) and saves 125 000 kr of work (likely): worse off.
    close(kommune.kroner_change, -240_000, -125_000, -400 * 20 / 60 * 400)
    close(kommune.yearly_cost, 150_000, 150_000, 150_000)
    close(kommune.net_yearly, 400 * 20 / 60 * 400 - 150_000, -25_000, 90_000)
    assert kommune.outcome is Outcome.LOSES


def test_person_hours_and_waiting_by_hand(computed):
    p = computed.person
    close(p.people_before, 800, 1000, 1200)
    close(p.people_after, 800, 1000, 1200)  # the to-be journey gives none: today's
    close(p.hours_before, 800 * 30 / 60 + 400 * 15 / 60, 1000 + 500 * 15 / 60, 1200 * 90 / 60 + 600 * 15 / 60)
    close(p.hours_after, 400, 1000, 1800)  # 'svar' is back office: the person does nothing there
    close(p.waiting_days_before, 2.5, 5, 10)  # half of them wait 5 / 10 / 20 days
    close(p.waiting_days_after, 0.5, 0.5, 0.5)
    close(p.waiting_days_change, -9.5, -4.5, -2)


def test_totals_and_gaps(computed):
    close(computed.hours_before, 666.6667 + 133.3333, 1250, 1800)
    assert computed.unpriced_flows == ()
    assert computed.gaps == ()
    assert computed.unsourced == 0


def test_benefit_rows(pair):
    rows = benefit_rows(pair[1].comparison)
    kinds = [(r.kind, r.owner) for r in rows]
    assert kinds == [(GainKind.PERSON_HOURS, None), (GainKind.WAITING_DAYS, None), (GainKind.WORK_HOURS, "nav"),
                     (GainKind.WORK_HOURS, "kommune")]
    nav = rows[2]
    assert nav.prerequisites == (0,) and nav.kroner_saved is not None and nav.kroner_saved.likely > 0


def test_a_step_without_minutes_is_a_gap_not_a_zero(pair, tmp_path):
    text = (FIXTURE / "reise-onsket.yaml").read_text(encoding="utf-8").replace("        nav: {likely: 5, source: \"Testtall\"}\n", "        {}\n")
    for name in ("actors.yaml", "data-items.yaml", "reise.yaml"):
        (tmp_path / name).write_text((FIXTURE / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "reise-onsket.yaml").write_text(text.replace("      agency_minutes:\n        {}\n", ""), encoding="utf-8")
    checked = check([tmp_path])
    assert checked.is_valid(), checked.issues
    after = {a.journey.id: a for a in checked.analyse()}["reise-onsket"]
    g = after.comparison.gains
    assert g.agency("nav").hours_after is None and g.agency("nav").kroner_change is None
    assert g.hours_after is None  # a gap in one agency is a gap in the total
    assert any(x.missing is Missing.AGENCY_MINUTES and x.step == "svar" and x.actor == "nav" for x in g.gaps)
    assert g.agency("kommune").hours_after == ZERO


# --- validation -----------------------------------------------------------------------------------


def _issues(tmp_path: Path, effort: str, extra: str = "") -> list[str]:
    for name in ("actors.yaml", "data-items.yaml"):
        (tmp_path / name).write_text((FIXTURE / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "j.yaml").write_text(
        "journey: j\nlife_event: Få barn\ntitle: T\npersona: {name: A, situation: B}\ngoals: [G]\n"
        "people_per_year: {likely: 100, source: s}\nphases: [{id: p, title: P}]\n"
        f"steps:\n  - id: a\n    title: Jeg venter\n    owner: nav\n    phase: p\n    with: [bruker]\n    effort: {effort}\n{extra}",
        encoding="utf-8")
    return [str(i) for i in check([tmp_path]).issues]


def test_validation_of_ranges_units_and_sources(tmp_path):
    found = "\n".join(_issues(tmp_path, "{share: 30, person_minutes: {low: 20, likely: 10}, agency_minutes: {nav: -5, nva: 3}}"))
    assert "a share is at most 1, found 30 — write 0.3 for 30 %" in found
    assert "low ≤ likely ≤ high does not hold (low 20, likely 10)" in found
    assert ": -5 is negative" in found or ": −5 is negative" in found
    assert "unknown actor 'nva' — did you mean 'nav'?" in found
    assert "has no source" in found
    assert "j.yaml:14:" in found  # path:line:col


def test_validation_of_volumes_and_prerequisites(tmp_path):
    extra = ("prerequisites:\n  - title: X\n    built_by: navv\n    flows: [{item: vedtak, from: kommune, to: nav}]\n"
             "    one_time: {source: ikke funnet i kilde}\n")
    found = "\n".join(_issues(tmp_path, "{people: {likely: 500, source: s}}", extra))
    assert "500 people a year reach this step, more than the journey's 'people_per_year' (100)" in found
    assert "unknown actor 'navv' — did you mean 'nav'?" in found
    assert "no step of this journey has the flow 'vedtak' from 'kommune' to 'nav'" in found
    assert "ikke funnet" not in found  # a gap with its reason is no problem


def test_shipped_journeys_stay_valid():
    checked = check([Path(__file__).resolve().parent.parent / "journeys"])
    assert checked.is_valid(strict=True), [str(i) for i in checked.issues]


# --- properties -------------------------------------------------------------------------------------


def _with_effort(workspace: dict[str, Any], draw: Any) -> dict[str, Any]:
    """The workspace with figures on every step: a range or a single number, each with a source."""
    kinds = {a["id"]: a["kind"] for a in workspace["actors"]}

    def figure(high: int) -> Any:
        likely = draw(st.integers(0, high))
        if draw(st.booleans()):
            return {"likely": likely, "source": "s"}
        return {"low": draw(st.integers(0, likely)), "likely": likely, "high": draw(st.integers(likely, high + 10)), "source": "s"}

    found = copy.deepcopy(workspace)
    found["journey"]["people_per_year"] = figure(100_000)
    for step in found["journey"]["steps"]:
        taking_part = [step["owner"], *step.get("with", [])]
        effort: dict[str, Any] = {"agency_minutes": {x: figure(120) for x in taking_part if kinds[x] != "person"}}
        if any(kinds[x] == "person" for x in taking_part):
            effort["person_minutes"] = figure(240)
        if draw(st.booleans()):
            effort["share"] = {"likely": draw(st.floats(0, 1)), "source": "s"}
        if draw(st.booleans()):
            effort["waiting_days"] = figure(60)
        if not effort["agency_minutes"]:
            del effort["agency_minutes"]
        step["effort"] = effort
    return found


def _amounts(g: Any) -> list[Range | None]:
    found = [g.hours_before, g.hours_after, g.hours_change, g.kroner_change, g.net_yearly, g.person.hours_change,
             g.person.waiting_days_change]
    for a in g.agencies:
        found += [a.hours_before, a.hours_after, a.hours_change, a.kroner_before, a.kroner_change, a.net_yearly]
    return found


@st.composite
def journeys_with_figures(draw: Any) -> dict[str, Any]:
    return _with_effort(draw(workspaces(max_steps=10, max_lanes=5)), draw)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys_with_figures(), journeys_with_figures())
def test_properties_on_generated_journeys(first, second):
    a = analysis_of(first)
    same = compare(a, a).gains
    assert same is not None and not [x for x in same.gaps if x.missing not in (Missing.WAITING_DAYS, Missing.HOURLY_COST)]
    # An unchanged journey gains nothing.
    assert all(x.hours_change == ZERO for x in same.agencies)
    assert all(x.kroner_change == ZERO or x.hourly_cost is None for x in same.agencies)  # volunteers: no price
    assert same.person.hours_change == ZERO
    # Totals are the sums over agencies, and the hours are the people reaching each step × minutes.
    by_hand = 0.0
    people = first["journey"]["people_per_year"]["likely"]
    for step in first["journey"]["steps"]:
        share = step["effort"].get("share", {"likely": 1.0})["likely"]
        by_hand += sum(m["likely"] for m in step["effort"].get("agency_minutes", {}).values()) * people * share / 60
    assert same.hours_before.likely == pytest.approx(by_hand)
    assert same.hours_before.likely == pytest.approx(sum(x.hours_before.likely for x in same.agencies))
    # Ranges stay ordered, whatever the figures on either side.
    other = analysis_of(second)
    for g in (same, compare(a, other).gains, compare(other, a).gains):
        for amount in _amounts(g):
            assert amount is None or amount.low <= amount.likely <= amount.high
    across = gains_across([compare(a, other), compare(other, a)])
    assert across.kroner_change is None or across.kroner_change.likely == pytest.approx(
        sum(x.kroner_change.likely for x in across.agencies))
    for x in across.agencies:
        for amount in (x.hours_change, x.kroner_change, x.net_yearly):
            assert amount is None or amount.low <= amount.likely <= amount.high


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(journeys_with_figures())
def test_generated_figures_validate(tmp_path, workspace):
    path = write_workspace(tmp_path / "w", workspace)
    checked = check([path.parent])
    assert checked.is_valid(), [str(i) for i in checked.issues]
    assert not [i for i in checked.issues if "effort" in str(i) or "source" in str(i) or "people" in str(i)]


# --- where it shows -----------------------------------------------------------------------------------

JOURNEYS = Path(__file__).resolve().parent.parent / "journeys"
GOLDEN = Path(__file__).parent / "golden" / "gains"


def test_compare_json_holds_hours_and_kroner_for_every_shipped_to_be_journey(cli):
    import json

    result = cli("compare", JOURNEYS, "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["format_version"] == 3
    assert len(data["comparisons"]) == 3
    for c in data["comparisons"]:
        g = c["gains"]
        assert g["persons"]["people_before"]["likely"] > 0
        assert g["persons"]["hours_change"]["likely"] < 0  # every proposal saves the people time
        for key in ("hours_before", "hours_after", "hours_change"):
            x = g["persons"][key]
            assert x["low"] <= x["likely"] <= x["high"]
        priced = [a for a in g["agencies"] if a["kroner_change"] is not None and a["hours_change"]["likely"] != 0]
        assert priced, c["id"]
        for a in priced:
            assert a["kroner_change"]["low"] <= a["kroner_change"]["likely"] <= a["kroner_change"]["high"]
        assert g["benefits_plan"] and {r["gain"] for r in g["benefits_plan"]} >= {"person-hours", "work-hours"}
    across = data["portfolio"]["gains"]
    assert {a["outcome"] for a in across["agencies"]} >= {"gains", "loses"}  # who pays, who gains


def _golden(name: str, actual: bytes) -> None:
    import os

    path = GOLDEN / name
    if os.environ.get("BRUKERREISE_UPDATE_GOLDEN") or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual)
    assert actual == path.read_bytes(), f"{name} changed: look at it, then BRUKERREISE_UPDATE_GOLDEN=1"


def test_golden_benefits_plan_and_map(pair):
    from brukerreise.export.gains import export

    _golden("reise-onsket.gevinstoversikt.md", export(pair[1], "markdown", "nb"))
    _golden("reise-onsket.gevinstoversikt.en.md", export(pair[1], "markdown", "en"))
    _golden("reise-onsket.gevinstkart.dot", export(pair[1], "dot", "nb"))


def test_gevinstkart_escapes_text_and_names_no_node_by_a_user_id(tmp_path):
    import re

    from lxml import etree

    from brukerreise.export.gains import export

    for name in ("actors.yaml", "data-items.yaml", "reise.yaml"):
        (tmp_path / name).write_text((FIXTURE / name).read_text(encoding="utf-8"), encoding="utf-8")
    hostile = 'Vedtaket \\\\N "til" <b>Nav</b> & {x}'
    text = (FIXTURE / "reise-onsket.yaml").read_text(encoding="utf-8").replace(
        "title: Vedtaket fra kommunen til Nav", "title: '" + hostile.replace("'", "''") + "'")
    (tmp_path / "reise-onsket.yaml").write_text(text, encoding="utf-8")
    checked = check([tmp_path])
    assert checked.is_valid(), [str(i) for i in checked.issues]
    after = {a.journey.id: a for a in checked.analyse()}["reise-onsket"]
    dot = export(after, "dot", "nb").decode("utf-8")
    nodes = set(re.findall(r"^\s+([A-Za-z_][A-Za-z0-9_]*) \[", dot, re.M)) - {"graph", "node", "edge"}
    assert nodes and all(re.fullmatch(r"[pregj]\d+|change|person|[pgj]_none", n) for n in nodes), nodes
    assert "nav [" not in dot and "kommune [" not in dot
    svg = export(after, "svg", "nb")
    root = etree.fromstring(svg)
    assert root.get("role") == "img"
    shown = "".join(root.itertext())
    assert "<b>Nav</b>" in shown and '"til"' in shown and "\\N" in shown


def test_build_writes_the_plan_and_map_per_to_be_journey_and_across(tmp_path):
    from brukerreise.build import Options, Target, run

    out = tmp_path / "out"
    targets = [Target("gains", f) for f in ("markdown", "svg", "png", "dot")] + [Target("spreadsheet", "xlsx")]
    assert run(Options([FIXTURE], targets, jobs=1, across=True), out) == 0
    names = {p.name for p in out.iterdir()}
    for suffix in ("gevinstoversikt.md", "gevinstkart.svg", "gevinstkart.png", "gevinstkart.dot"):
        assert f"reise-onsket.{suffix}" in names and f"portfolio.{suffix}" in names
        assert f"reise.{suffix}" not in names  # as-is journeys have no benefits plan
    import openpyxl

    book = openpyxl.load_workbook(out / "portfolio.xlsx")
    assert "Gevinstoversikt" in book.sheetnames and "Hvem betaler og vinner" in book.sheetnames
    rows = list(book["Hvem betaler og vinner"].iter_rows(values_only=True))
    nav = next(r for r in rows if r[0] == "nav")
    assert nav[-1] == "vinner" and nav[3] == 458  # hours saved, likely, rounded
    assert "Gevinstoversikt" in openpyxl.load_workbook(out / "reise-onsket.xlsx").sheetnames


def test_figures_in_an_unlikely_unit_are_warned(tmp_path):
    found = "\n".join(_issues(tmp_path, "{person_minutes: {likely: 90000, source: s}, waiting_days: {likely: 5000, source: s}}"))
    assert "'person_minutes' is more than 10 000: check the unit" in found or "'person_minutes' is more than 10000: check the unit" in found
    assert "'waiting_days' is more than 3 650" in found or "'waiting_days' is more than 3650" in found


def test_a_broken_hourly_cost_is_a_gap_not_a_crash():
    from brukerreise.analysis.gains import _hourly_cost

    assert _hourly_cost("stat", {"likely": "mye", "source": "x"}).cost is None
    assert _hourly_cost("stat", {"low": 900, "likely": 500, "source": "x"}).cost is None
    assert _hourly_cost("stat", {"likely": 690, "source": "x"}).cost == Range(690.0, 690.0, 690.0)


# --- one sign convention ---------------------------------------------------------------------------------


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys_with_figures(), journeys_with_figures(), st.sampled_from(["nb", "nn", "en"]))
def test_one_sign_convention_saved_is_positive_and_costs_are_named(first, second, lang):
    """On the gevinstkart, the gevinstoversikt and the tables of gains: what a change saves is a positive
    amount under «spart», more work is said as «mer» and its kroner as «kostnad», never a '+' beside a '−'."""
    from brukerreise.analysis.amounts import negated
    from brukerreise.export.gains.chart import _row_label, gevinstkart, portfolio_gevinstkart
    from brukerreise.render.document import as_markdown
    from brukerreise.render.gains import gains_sections, labels, plan_section

    lab = labels(lang)
    c = compare(analysis_of(first), analysis_of(second))
    assert c.gains is not None
    for r in benefit_rows(c):
        label = _row_label(c, r, lang, lab)
        saved = negated(r.change)
        if saved is not None and saved.likely < 0:
            assert f"\n{lab['more']}: " in label and "−" not in label.split(f"{lab['more']}: ")[1].split(" ")[0]
            if r.kind.priced and r.kroner_saved is not None:
                assert f"{lab['cost']}: " in label
        else:
            assert f"\n{lab['saved']}: " in label
    across = gains_across([c])
    for a in across.agencies:  # across the portfolio: more work is said in words, as on the journey's map
        if a.hours_change is not None and a.hours_change.likely > 0:
            assert f"{lab['more']}: " in portfolio_gevinstkart(across, lang)
    text = gevinstkart(c, lang) + portfolio_gevinstkart(across, lang) + as_markdown([plan_section(c, lang), *gains_sections(c, lang)])
    assert "+" not in text  # no plus sign before a figure anywhere (generated text has none of its own)


def test_the_guides_worked_example_says_what_the_tool_computes_with_the_shipped_hourly_costs(pair):
    """docs/guide/gains.md works the example of `tests/fixtures/gains` through: every figure it states is the one
    the analysis computes with the hourly costs shipped in exporters/gains/, written as the outputs write it."""
    from brukerreise.analysis.gains import hourly_costs
    from brukerreise.analysis.records import Outcome
    from brukerreise.render.gains import number_text, saved

    guide = (Path(__file__).parents[1] / "docs" / "guide" / "gains.md").read_text(encoding="utf-8")
    start = guide.index("Example (`tests/fixtures/gains`, with the shipped hourly costs")
    example = " ".join(guide[start:guide.index("\n\n", start)].split())
    second = " ".join(guide[guide.index("Example (`tests/fixtures/gains`): Nav"):].split("\n\n", 1)[0].split())
    shipped = hourly_costs()
    assert {shipped[k].cost for k in ("stat", "kommune")} == {Range(500.0, 690.0, 850.0)}
    assert "hourly costs of 500 / 690 / 850 kr" in example
    found = pair[1].comparison.gains
    assert found == gains(pair[1].comparison, shipped)
    nav, kommune = found.agency("nav"), found.agency("kommune")

    def n(value: float, unit: str = "hours") -> str:
        return number_text(value, unit, "nb").replace("\u202f", " ")

    def ranged(a, unit: str = "hours") -> str:
        return f"({n(a.low, unit)} to {n(a.high, unit)})"

    people = pair[0].journey.people_per_year
    assert f"{n(people.likely)} people a year ({n(people.low)} to {n(people.high)})" in example
    assert f"Nav works {n(nav.hours_before.likely)} hours a year {ranged(nav.hours_before)}" in example
    assert f"the kommune {n(kommune.hours_before.likely)} hours {ranged(kommune.hours_before)}" in example
    assert f"Nav works {n(nav.hours_after.likely)} hours {ranged(nav.hours_after)}" in example
    nav_saved, nav_kroner = saved(nav.hours_change), saved(nav.kroner_change)
    assert (f"{n(nav_saved.likely)} hours saved {ranged(nav_saved)}, {n(nav_kroner.likely, 'kroner')} kr a year "
            f"{ranged(nav_kroner, 'kroner')}") in example
    assert f"builds the new flow for {n(nav.one_time_cost.likely, 'kroner')} kr once {ranged(nav.one_time_cost, 'kroner')}" in example
    kommune_saved, kommune_kroner = saved(kommune.hours_change), saved(kommune.kroner_change)
    assert kommune.hours_after.likely == 0 and kommune_saved.likely == kommune.hours_before.likely
    assert (f"The kommune saves {n(kommune_saved.likely)} hours, {n(kommune_kroner.likely, 'kroner')} kr a year "
            f"{ranged(kommune_kroner, 'kroner')}") in example
    assert f"runs the new flow for {n(kommune.yearly_cost.likely, 'kroner')} kr a year" in example
    net = kommune.net_yearly
    assert kommune.outcome is Outcome.GAINS and net.low < 0 < net.likely
    assert (f"net, it gains {n(net.likely, 'kroner')} kr a year ({n(net.low, 'kroner')} to {n(net.high, 'kroner')};"
            in example)
    assert (f"Nav {n(nav.hours_before.likely)} hours today, {n(nav.hours_after.likely)} in the to-be journey: «spart: "
            f"{n(nav_saved.likely)} timer (fra {n(nav_saved.low)} til {n(nav_saved.high)}), {n(nav_kroner.likely, 'kroner')} kr") in second
