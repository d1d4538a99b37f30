"""The analysis, figure by figure, on small hand-written journeys whose right answers are known
(tests/fixtures/analysis: linear.yaml, fork-join.yaml, lanes.yaml), and `brukerreise analyse`'s output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support import FIXTURES

from brukerreise.analysis import Finding, FindingKind, Handoff, HandoffKind, JourneyAnalysis, MatrixCell, Portfolio, portfolio
from brukerreise.api import check
from brukerreise.model import Transfer

FOLDER = FIXTURES / "analysis"


@pytest.fixture(scope="module")
def analyses() -> dict[str, JourneyAnalysis]:
    checked = check([FOLDER])
    assert checked.is_valid(strict=True), "\n".join(map(str, checked.issues))
    return {a.journey.id: a for a in checked.analyse()}


@pytest.fixture(scope="module")
def linear(analyses) -> JourneyAnalysis:
    return analyses["linear"]


@pytest.fixture(scope="module")
def fork(analyses) -> JourneyAnalysis:
    return analyses["fork-join"]


@pytest.fixture(scope="module")
def lanes(analyses) -> JourneyAnalysis:
    return analyses["lanes"]


@pytest.fixture(scope="module")
def whole(analyses) -> Portfolio:
    return portfolio(list(analyses.values()))


def lane_ids(a: JourneyAnalysis) -> list[str]:
    return [actor.id for actor in a.lanes]


# --- lanes --------------------------------------------------------------------------------------


def test_lanes_person_first_then_first_appearance(linear, fork):
    # skatteetaten appears only in a data flow, and still gets a lane.
    assert lane_ids(linear) == ["bruker", "nav", "skatteetaten", "kommunen"]
    # Both persons first (in order of appearance), then the rest in order of appearance.
    assert lane_ids(fork) == ["bruker", "partner", "nav", "skatteetaten", "kommunen"]


def test_lanes_follow_the_journeys_order_and_drop_unused(lanes):
    assert lane_ids(lanes) == ["nav", "bruker", "partner", "skatteetaten", "arbeidsgiver"]
    assert [t.actor for t in lanes.touchpoints] == lane_ids(lanes)
    assert lanes.lane_index("partner") == 2


# --- order, columns, phases ---------------------------------------------------------------------


def test_linear_after_is_the_previous_step(linear):
    assert dict(linear.after) == {"s1": (), "s2": ("s1",), "s3": ("s2",), "s4": ("s3",), "s5": ("s4",)}
    assert dict(linear.columns) == {"s1": 0, "s2": 1, "s3": 2, "s4": 3, "s5": 4}
    assert linear.order == ("s1", "s2", "s3", "s4", "s5")


def test_fork_and_join_columns(fork):
    assert dict(fork.after) == {
        "start": (), "left": ("start",), "right": ("start",), "join": ("left", "right"), "tail": ("join",), "side": ("left",),
    }
    assert dict(fork.columns) == {"start": 0, "left": 1, "right": 1, "join": 2, "tail": 3, "side": 3}
    assert fork.order == ("start", "left", "right", "join", "tail", "side")
    assert fork.metrics.columns == 4


def test_phase_spans(fork, linear):
    assert [(p.phase.id, p.steps, p.first_column, p.last_column) for p in fork.phases] == [
        ("a", ("start", "left", "right", "join"), 0, 2),
        ("b", ("tail", "side"), 3, 3),
    ]
    assert [(p.phase.id, p.steps) for p in linear.phases] == [("p1", ("s1", "s2", "s3")), ("p2", ("s4", "s5"))]


# --- handoffs -----------------------------------------------------------------------------------


def test_linear_has_no_kasteball_for_it_marks_no_referral(linear):
    # Into and out of the person's own steps: ordinary transitions, not kasteball.
    assert linear.handoffs == ()
    assert linear.transitions == (
        Handoff("s1", "s2", "bruker", "nav", HandoffKind.TRANSITION),
        Handoff("s4", "s5", "kommunen", "bruker", HandoffKind.TRANSITION),
    )
    assert (linear.metrics.handoffs, linear.metrics.agency_transitions) == (0, 0)


def test_a_step_the_person_takes_no_part_in_makes_a_back_office_transfer_not_kasteball(linear):
    # s3 is automatic and the person neither owns it nor takes part: Nav → Kommunen happens behind
    # the person's back, so it is counted apart.
    assert linear.transfers == (Handoff("s3", "s4", "nav", "kommunen", HandoffKind.BACK_OFFICE),)
    assert linear.metrics.back_office_transfers == 1
    assert linear.touchpoints_of("nav").transfers_out == linear.transfers
    assert linear.touchpoints_of("kommunen").transfers_in == linear.transfers
    assert not linear.touchpoints_of("kommunen").handoffs_in


def test_fork_join_kasteball_is_the_marked_referral_and_the_rest_are_transitions(fork):
    assert fork.handoffs == (Handoff("right", "join", "kommunen", "nav"),)
    assert set(fork.transitions) == {
        Handoff("start", "left", "bruker", "nav", HandoffKind.TRANSITION),
        Handoff("start", "right", "bruker", "kommunen", HandoffKind.TRANSITION),
        Handoff("join", "tail", "nav", "bruker", HandoffKind.TRANSITION),
        Handoff("left", "side", "nav", "partner", HandoffKind.TRANSITION),
    }  # left -> join stays with nav: no change of owner
    assert fork.metrics.agency_transitions == 0  # every other change of owner has the person at one end


# --- data flows, matrix, findings ---------------------------------------------------------------


def test_flows(linear):
    assert [(f.step, f.item, f.from_actor, f.to_actor, f.how, f.sensitive, f.carried_by_user) for f in linear.flows] == [
        ("s2", "inntekt", "bruker", "nav", Transfer.USER, False, True),
        ("s2", "kontonummer", "bruker", "nav", Transfer.USER, False, True),
        ("s3", "adresse", "skatteetaten", "nav", Transfer.AUTOMATIC, False, False),
        ("s4", "helse", "kommunen", "nav", Transfer.MANUAL, True, False),
        ("s4", "vedtak", "bruker", "kommunen", Transfer.USER, False, True),
        ("s4", "helse", "kommunen", "bruker", Transfer.USER, True, True),
        ("s5", "vedtak", "nav", "bruker", Transfer.AUTOMATIC, False, False),
    ]


def test_matrix_marks_user_carried_and_sensitive_apart(linear):
    assert set(linear.matrix) == {
        MatrixCell("bruker", "nav", ("inntekt", "kontonummer"), ("inntekt", "kontonummer"), ()),
        MatrixCell("skatteetaten", "nav", ("adresse",), (), ()),
        MatrixCell("kommunen", "nav", ("helse",), (), ("helse",)),
        MatrixCell("bruker", "kommunen", ("vedtak",), ("vedtak",), ()),
        MatrixCell("kommunen", "bruker", ("helse",), ("helse",), ("helse",)),
        MatrixCell("nav", "bruker", ("vedtak",), (), ()),
    }


def test_once_only_findings(linear, fork, lanes):
    # Own: vedtak asked at s2 by nav, which holds it itself (the clearest breach). Carried: vedtak, held by
    # nav, taken by the person to kommunen at s4. Not findings: inntekt at s2 (held only by the employer,
    # a private party, and Nav is the first public body to get it), kontonummer (the person's own, asked
    # and carried), helse carried to the person.
    assert linear.findings == (
        Finding("s2", "vedtak", "nav", "nav", FindingKind.OWN),
        Finding("s4", "vedtak", "kommunen", "nav", FindingKind.CARRIED),
    )
    assert fork.findings == (Finding("right", "adresse", "kommunen", "skatteetaten", FindingKind.ASKED),)
    assert lanes.findings == (Finding("s2", "adresse", "nav", "skatteetaten", FindingKind.ASKED),)


def test_every_actor_a_finding_names_is_known(linear):
    # arbeidsgiver holds inntekt but has no lane: reports still need its name.
    assert "arbeidsgiver" not in lane_ids(linear)
    for finding in linear.findings:
        assert linear.actors[finding.asked_by].id == finding.asked_by
        assert linear.actors[finding.held_by].id == finding.held_by
    assert set(linear.data_items) == {"inntekt", "kontonummer", "vedtak", "adresse", "helse"}


# --- touchpoints --------------------------------------------------------------------------------


def test_touchpoints_of_the_agency_a_carried_item_is_taken_to(linear):
    kommunen = linear.touchpoints_of("kommunen")
    assert [(f.item, f.to_actor) for f in kommunen.gives] == [("helse", "nav"), ("helse", "bruker")]
    assert [f.item for f in kommunen.receives] == ["vedtak"]
    assert kommunen.asks_user == ()  # a carried item is not asked for


def test_touchpoints_of_an_agency(linear):
    nav = linear.touchpoints_of("nav")
    assert nav.owns == ("s2", "s3")
    assert nav.takes_part == ()
    assert nav.handoffs_in == ()
    assert nav.handoffs_out == ()
    assert nav.transfers_out == (Handoff("s3", "s4", "nav", "kommunen", HandoffKind.BACK_OFFICE),)
    assert [f.item for f in nav.gives] == ["vedtak"]
    assert [f.item for f in nav.receives] == ["inntekt", "kontonummer", "adresse", "helse"]
    assert nav.asks_user == (Finding("s2", "vedtak", "nav", "nav", FindingKind.OWN),)  # inntekt: Nav is first
    assert nav.pain_points == (("s2", "Må laste opp lønnsslipper"), ("s2", "Skjemaet er langt"))
    assert nav.lowest_emotion == -2


def test_touchpoints_of_the_person(linear):
    person = linear.touchpoints_of("bruker")
    assert person.owns == ("s1", "s5")
    assert person.takes_part == ("s2",)
    assert person.steps == ("s1", "s5", "s2")
    assert person.handoffs_in == person.handoffs_out == ()  # the person is never kasteball's office
    assert [f.item for f in person.gives] == ["inntekt", "kontonummer", "vedtak"]
    assert [f.item for f in person.receives] == ["helse", "vedtak"]
    assert person.pain_points == (("s1", "Vet ikke hva jeg skal gjøre"),)
    assert person.lowest_emotion == -1


def test_touchpoints_of_an_actor_only_in_a_flow(linear):
    tax = linear.touchpoints_of("skatteetaten")
    assert (tax.owns, tax.takes_part, tax.handoffs_in, tax.handoffs_out) == ((), (), (), ())
    assert [f.item for f in tax.gives] == ["adresse"]
    assert tax.lowest_emotion is None


# --- metrics ------------------------------------------------------------------------------------


def test_linear_metrics(linear):
    m = linear.metrics
    assert (m.steps, m.phases, m.actors, m.agencies) == (5, 2, 4, 3)
    assert (m.handoffs, m.back_office_transfers, m.data_flows, m.user_carried_flows, m.sensitive_flows) == (0, 1, 7, 4, 2)
    assert (m.once_only_findings, m.pain_points, m.columns) == (2, 3, 5)
    assert m.channel_mix == (("digital", 2), ("fysisk", 1), ("automatisk", 1))
    assert m.emotion_low_points == ("s2", "s4")
    assert m.lowest_emotion == -2


def test_fork_metrics(fork):
    m = fork.metrics
    assert (m.steps, m.phases, m.actors, m.agencies, m.handoffs, m.data_flows, m.user_carried_flows) == (6, 2, 5, 3, 1, 1, 0)
    assert m.once_only_findings == 1
    assert m.channel_mix == ()
    assert (m.emotion_low_points, m.lowest_emotion) == ((), None)


# --- portfolio ----------------------------------------------------------------------------------


def test_portfolio_actor_footprints(whole):
    assert [(f.actor.id, f.journeys, f.steps, f.takes_part) for f in whole.actors] == [
        ("nav", ("fork-join", "lanes", "linear"), 5, 0),
        ("bruker", ("fork-join", "lanes", "linear"), 4, 2),
        ("skatteetaten", ("fork-join", "lanes", "linear"), 1, 0),
        ("kommunen", ("fork-join", "linear"), 2, 0),
        ("partner", ("fork-join", "lanes"), 1, 1),
        ("arbeidsgiver", ("lanes",), 1, 0),
    ]


def test_portfolio_agencies_meeting_most_journeys(whole):
    assert [f.actor.id for f in whole.agencies] == ["nav", "skatteetaten", "kommunen", "arbeidsgiver"]


def test_portfolio_recurring_data_items(whole):
    assert [(r.item.id, r.journeys, r.life_events, r.asked_of_user) for r in whole.recurring_items] == [
        ("adresse", ("fork-join", "lanes", "linear"), ("Få barn", "Ny i Norge", "Miste og finne jobb"), 2),
    ]


def test_empty_portfolio():
    empty = portfolio([])
    assert (empty.journeys, empty.actors, empty.recurring_items, empty.agencies) == ((), (), (), ())


# --- the CLI ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report_json() -> dict:
    import contextlib
    import io

    from brukerreise.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(["analyse", str(FOLDER), "--format", "json"]) == 0
    return json.loads(out.getvalue())


def test_json_journeys(report_json):
    journeys = {j["id"]: j for j in report_json["journeys"]}
    assert list(journeys) == ["fork-join", "lanes", "linear"]
    linear = journeys["linear"]
    assert linear["life_event"] == "Miste og finne jobb"
    assert linear["title"] == "Jeg har mistet jobben"
    assert linear["source"].endswith("analysis/linear.yaml")
    assert [(p["id"], p["steps"]) for p in linear["phases"]] == [("p1", ["s1", "s2", "s3"]), ("p2", ["s4", "s5"])]
    assert [a["id"] for a in linear["actors"]] == ["bruker", "nav", "skatteetaten", "kommunen"]
    assert [a["id"] for a in journeys["lanes"]["actors"]] == ["nav", "bruker", "partner", "skatteetaten", "arbeidsgiver"]
    assert {s["id"]: s["after"] for s in journeys["fork-join"]["steps"]} == {
        "start": [], "left": ["start"], "right": ["start"], "join": ["left", "right"], "tail": ["join"], "side": ["left"],
    }
    assert {s["id"]: s["after"] for s in linear["steps"]}["s3"] == ["s2"]
    assert report_json["format_version"] == 3
    assert linear["kasteball"] == []
    assert linear["transitions"][0] == {"from_step": "s1", "to_step": "s2", "from_actor": "bruker", "to_actor": "nav",
                                        "kind": "transition"}
    assert journeys["fork-join"]["kasteball"] == [{"from_step": "right", "to_step": "join", "from_actor": "kommunen",
                                                   "to_actor": "nav", "kind": "kasteball"}]
    assert {s["id"]: s["referred_by"] for s in journeys["fork-join"]["steps"]}["join"] == ["right"]
    assert linear["back_office_transfers"] == [{"from_step": "s3", "to_step": "s4", "from_actor": "nav",
                                                "to_actor": "kommunen", "kind": "back-office"}]
    assert len(linear["data_flows"]) == 7
    assert [(f["step"], f["item"], f["kind"]) for f in linear["once_only_findings"]] == [
        ("s2", "vedtak", "own"), ("s4", "vedtak", "carried"),
    ]
    metrics = linear["metrics"]
    assert (metrics["steps"], metrics["kasteball"], metrics["data_flows"], metrics["once_only_findings"]) == (5, 0, 7, 2)
    assert metrics["reuse_opportunities"] == 0 and linear["reuse_opportunities"] == []
    assert metrics["user_carried_flows"] == 4


def test_json_portfolio(report_json):
    actors = report_json["portfolio"]["actors"]
    assert [(a["id"], a["journeys"], a["steps"]) for a in actors][:2] == [
        ("nav", ["fork-join", "lanes", "linear"], 5),
        ("bruker", ["fork-join", "lanes", "linear"], 4),
    ]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_text_and_markdown_name_every_journey(cli, fmt):
    result = cli("analyse", FOLDER, "--format", fmt)
    assert result.code == 0, result.err
    for title in ("Jeg har mistet jobben", "Vi har fått barn", "Jeg har flyttet til Norge"):
        assert title in result.out


def test_invalid_input_gives_the_errors_and_no_analysis(tmp_path: Path, cli):
    shutil.copytree(FOLDER, tmp_path / "a")
    broken = tmp_path / "a" / "linear.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("owner: kommunen", "owner: kommunne"), encoding="utf-8")
    analysed = cli("analyse", tmp_path / "a", "--format", "json")
    validated = cli("validate", tmp_path / "a")
    assert analysed.code == validated.code == 1
    assert analysed.out == ""
    assert analysed.issues == validated.issues
    assert [i.message for i in analysed.errors] == ["unknown actor 'kommunne' — did you mean 'kommunen'?"]


def test_analyse_usage_error(cli, tmp_path: Path):
    result = cli("analyse", tmp_path / "missing")
    assert result.code == 2
    assert result.out == ""


# --- once-only rules the fixtures above do not reach --------------------------------------------

_RULES = """\
actors:
  - {id: bruker, name: Brukeren, short: Bruker, kind: person}
  - {id: nav, name: Nav, short: Nav, kind: stat, ministry: AID}
  - {id: hjelpemidler, name: Nav Hjelpemiddelsentral, short: Hjelpemidler, kind: stat, part_of: nav}
  - {id: kommunen, name: Kommunen, short: Kommunen, kind: kommune}
data_items:
  - {id: arbeidsforhold, name: Arbeidsforhold, source: nav}
  - {id: vurdering, name: Vurdering, source: kommunen}
  - {id: vedtak, name: Vedtak, source: hjelpemidler}
---
journey: regler
life_event: Alvorlig sykt barn
title: Regler
persona: {name: Lina, situation: Mor}
goals: [Slippe å gjenta seg]
phases: [{id: p, title: P}]
steps:
  - {id: s1, phase: p, title: Jeg samler papirene, owner: bruker, asks_user: [vurdering]}
  - {id: s2, phase: p, title: Vi trenger hjelpemidler, owner: hjelpemidler, with: [bruker],
     asks_user: [arbeidsforhold, vurdering]}
  - {id: s3, phase: p, title: Nav vil se vedtaket, owner: nav, with: [bruker], asks_user: [vedtak]}
"""


def test_own_reaches_through_part_of_and_the_person_asking_is_no_finding(tmp_path: Path):
    registry, journey = _RULES.split("---\n")
    (tmp_path / "actors.yaml").write_text(registry.split("data_items:")[0], encoding="utf-8")
    (tmp_path / "data-items.yaml").write_text("data_items:" + registry.split("data_items:")[1], encoding="utf-8")
    (tmp_path / "regler.yaml").write_text(journey, encoding="utf-8")
    checked = check([tmp_path])
    assert checked.is_valid(strict=True), "\n".join(map(str, checked.issues))
    (analysis,) = checked.analyse()
    # s1: the person asks: no finding. s2: Hjelpemiddelsentralen, part of Nav, asks for Nav's
    # arbeidsforhold: own; the kommune's vurdering: asked. s3: Nav asks for its own part's vedtak: own.
    assert analysis.findings == (
        Finding("s2", "arbeidsforhold", "hjelpemidler", "nav", FindingKind.OWN),
        Finding("s2", "vurdering", "hjelpemidler", "kommunen", FindingKind.ASKED),
        Finding("s3", "vedtak", "nav", "hjelpemidler", FindingKind.OWN),
    )


def test_a_private_partys_data_is_a_breach_only_once_a_public_body_has_it():
    # tests/fixtures/once-only: the police seeing the contract first breach nothing; the bank asking is a
    # reuse opportunity that names the employer; Skatteetaten asking next breaches against the police; the
    # police asking again ask for what they hold (own); the lease never reached a public body before Nav.
    checked = check([FIXTURES / "once-only"])
    assert checked.is_valid(strict=True), "\n".join(map(str, checked.issues))
    (analysis,) = checked.analyse()
    assert analysis.findings == (
        Finding("skatt", "arbeidsavtale", "skatteetaten", "politiet", FindingKind.ASKED),
        Finding("politiet-igjen", "arbeidsavtale", "politiet", "politiet", FindingKind.OWN),
    )
    assert analysis.reuse == (Finding("banken", "arbeidsavtale", "bank", "arbeidsgiver", FindingKind.ASKED),)
    assert (analysis.metrics.once_only_findings, analysis.metrics.reuse_opportunities) == (2, 1)
