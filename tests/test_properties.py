"""Properties over generated valid journeys (tests/strategies.py): they validate cleanly, one broken
reference gives exactly one error at its place, the JSON Schema accepts them, and the analysis keeps
its invariants."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import analysis_of, private_item_journeys, workspaces, write_workspace

from brukerreise.api import check
from brukerreise.reading.schema import schema_text

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

SENTINEL = "qqq-ukjent"  # '-' is not in the generator's text alphabet: it can only be where we put it


def written(workspace: dict[str, Any]):
    """Write the workspace to a fresh folder; yields (journey path, its text)."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_workspace(Path(folder), workspace)
        yield path, path.read_text(encoding="utf-8")


def references(journey: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """Every reference in a generated journey: (path in the data, the kind of thing it names)."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    for i, step in enumerate(journey["steps"]):
        at: tuple[str | int, ...] = ("steps", i)
        found += [(at + ("owner",), "actor"), (at + ("phase",), "phase")]
        found += [(at + ("with", j), "actor") for j in range(len(step.get("with", [])))]
        found += [(at + ("after", j), "step") for j in range(len(step.get("after", [])))]
        found += [(at + ("asks_user", j), "data item") for j in range(len(step.get("asks_user", [])))]
        for j, _ in enumerate(step.get("data", [])):
            found += [(at + ("data", j, "item"), "data item"), (at + ("data", j, "from"), "actor"), (at + ("data", j, "to"), "actor")]
    return found


def set_at(data: Any, path: tuple[str | int, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


@SETTINGS
@given(workspaces(max_steps=25))
def test_generated_journeys_validate_without_errors(workspace):
    for path, _ in written(workspace):
        checked = check([path])
        assert checked.errors == (), "\n".join(map(str, checked.errors))
        assert len(checked.workspace.journeys) == 1


@SETTINGS
@given(workspaces(max_steps=25), st.data())
def test_one_broken_reference_gives_exactly_one_error_at_its_place(workspace, data):
    broken = copy.deepcopy(workspace)
    where, noun = data.draw(st.sampled_from(references(broken["journey"])), label="reference")
    set_at(broken["journey"], where, SENTINEL)
    for path, text in written(broken):
        assert text.count(SENTINEL) == 1
        index = text.index(SENTINEL)
        line = text.count("\n", 0, index) + 1
        col = index - (text.rfind("\n", 0, index) + 1) + 1
        errors = check([path]).errors
        assert len(errors) == 1, "\n".join(map(str, errors))
        error = errors[0]
        assert (error.file, error.line, error.col) == (str(path), line, col)
        assert error.message.startswith(f"unknown {noun} '{SENTINEL}'")


@SETTINGS
@given(workspaces(max_steps=15))
def test_the_json_schema_accepts_generated_journeys(workspace):
    journey = jsonschema.Draft7Validator(json.loads(schema_text("journey")))
    actors = jsonschema.Draft7Validator(json.loads(schema_text("actors")))
    items = jsonschema.Draft7Validator(json.loads(schema_text("data-items")))
    assert [e.message for e in journey.iter_errors(workspace["journey"])] == []
    assert [e.message for e in actors.iter_errors({"actors": workspace["actors"]})] == []
    assert [e.message for e in items.iter_errors({"data_items": workspace["data_items"]})] == []
    broken = copy.deepcopy(workspace["journey"])
    broken["steps"][0]["eier"] = "x"
    assert any("eier" in e.message for e in journey.iter_errors(broken))


# --- the analysis -------------------------------------------------------------------------------


@FAST
@given(workspaces())
def test_analysis_invariants(workspace):
    """One generated journey, every invariant (generation dominates the cost, so it is shared)."""
    a = analysis_of(workspace)
    findings_handoffs_and_flows_name_real_steps(workspace, a)
    metrics_equal_the_lengths_of_the_lists(workspace, a)
    columns_respect_after_and_phases(workspace, a)
    lanes_persons_first_and_every_step_actor_has_a_lane(workspace, a)
    linear_journey_has_one_handoff_per_owner_change(workspace)


def linear_journey_has_one_handoff_per_owner_change(workspace):
    workspace = copy.deepcopy(workspace)
    for step in workspace["journey"]["steps"]:
        step.pop("after", None)
    a = analysis_of(workspace)
    owners = [s.owner for s in a.steps]
    changes = sum(1 for x, y in zip(owners, owners[1:]) if x != y)
    passed = a.handoffs + a.transitions + a.transfers  # every change of owner is one of the three
    assert len(passed) == changes <= len(a.steps) - 1
    assert all(a.step(h.from_step).owner == h.from_actor != h.to_actor == a.step(h.to_step).owner for h in passed)
    assert not set(a.handoffs) & set(a.transfers) and not set(a.handoffs) & set(a.transitions)
    assert a.handoffs == ()  # the generated journey marks no referral: no kasteball, whatever its owners


def findings_handoffs_and_flows_name_real_steps(workspace, a):
    ids = {s.id for s in a.steps}
    assert all(f.step in ids for f in a.findings)
    assert all(h.from_step in ids and h.to_step in ids for h in a.handoffs)
    assert all(f.step in ids for f in a.flows)
    for f in a.findings:
        assert f.item in a.data_items and f.asked_by in a.actors and f.held_by in a.actors


def metrics_equal_the_lengths_of_the_lists(workspace, a):
    m = a.metrics
    assert m.steps == len(a.steps) == len(workspace["journey"]["steps"])
    assert m.phases == len(a.phases) == len(workspace["journey"]["phases"])
    assert m.actors == len(a.lanes) == len(a.touchpoints)
    assert m.agencies == sum(1 for x in a.lanes if not x.is_person)
    assert m.handoffs == len(a.handoffs) == 0  # no referral marked, no kasteball
    assert m.reuse_opportunities == len(a.reuse)
    assert m.agency_transitions <= len(a.transitions)
    assert m.data_flows == len(a.flows)
    assert m.user_carried_flows == sum(1 for f in a.flows if f.carried_by_user)
    assert m.sensitive_flows == sum(1 for f in a.flows if f.sensitive)
    assert m.once_only_findings == len(a.findings)
    assert sum(n for _, n in m.channel_mix) == sum(1 for s in a.steps if s.channel is not None)
    assert m.columns == max(a.columns.values()) + 1
    assert sum(len(t.owns) for t in a.touchpoints) == len(a.steps)
    assert sum(len(t.handoffs_in) for t in a.touchpoints) == sum(len(t.handoffs_out) for t in a.touchpoints) == len(a.handoffs)


def columns_respect_after_and_phases(workspace, a):
    assert set(a.columns) == {s.id for s in a.steps}
    for step_id, before in a.after.items():
        for p in before:
            assert a.columns[step_id] > a.columns[p]
    rank = {p["id"]: i for i, p in enumerate(workspace["journey"]["phases"])}
    for s in a.steps:
        for t in a.steps:
            if rank[s.phase] < rank[t.phase]:
                assert a.columns[t.id] >= a.columns[s.id]
    assert sorted(a.order) == sorted(a.columns)
    position = {s: i for i, s in enumerate(a.order)}
    assert all(position[p] < position[s] for s, before in a.after.items() for p in before)


def lanes_persons_first_and_every_step_actor_has_a_lane(workspace, a):
    kinds = [x.is_person for x in a.lanes]
    assert kinds == sorted(kinds, reverse=True)  # persons, then the others
    lane_ids = {x.id for x in a.lanes}
    for s in a.steps:
        assert {s.owner, *s.with_, *(x for f in s.data for x in (f.from_, f.to))} <= lane_ids


# --- kasteball and «kun én gang» as a practitioner counts them (issue 22) -------------------------


@FAST
@given(workspaces(max_steps=20, referrals=True))
def test_kasteball_is_exactly_the_referrals_marked(workspace):
    a = analysis_of(workspace)
    marked = {(p, s["id"]) for s in workspace["journey"]["steps"] for p in s.get("referred_by", [])}
    assert {(h.from_step, h.to_step) for h in a.handoffs} == marked
    assert a.metrics.handoffs == len(marked)
    assert all(not a.actors[x].is_person for h in a.handoffs for x in (h.from_actor, h.to_actor))
    unmarked = copy.deepcopy(workspace)
    for step in unmarked["journey"]["steps"]:
        step.pop("referred_by", None)
    b = analysis_of(unmarked)
    assert b.handoffs == () and b.metrics.handoffs == 0
    # The same changes of owner, only counted as ordinary transitions instead.
    assert len(b.transitions) == len(a.transitions) + len(a.handoffs)


@SETTINGS
@given(workspaces(max_steps=12, referrals=True))
def test_generated_referrals_validate_without_errors(workspace):
    for path, _ in written(workspace):
        checked = check([path])
        assert checked.errors == (), "\n".join(map(str, checked.errors))


@FAST
@given(workspaces(max_steps=20), st.data())
def test_once_only_breaches_are_public_and_the_users_own_organisation_is_theirs(workspace, data):
    from brukerreise.model import is_public

    a = analysis_of(workspace)
    assert all(is_public(f.asked_by, a.actors) for f in a.findings)
    assert not any(is_public(f.asked_by, a.actors) for f in a.reuse)
    for f in (*a.findings, *a.reuse):
        assert not a.actors[f.asked_by].is_person and not a.actors[f.held_by].is_person
    # An item asked for and carried at one step counts once: never both asked and carried there.
    kinds: dict[tuple[str, str], set[str]] = {}
    for f in (*a.findings, *a.reuse):
        kinds.setdefault((f.step, f.item), set()).add(f.kind.value)
    assert all(not ({"asked", "own"} & k and "carried" in k) for k in kinds.values())
    # The organisations the user runs: nothing they hold, and nothing they ask, is a finding.
    private = [x["id"] for x in workspace["actors"] if x["kind"] in ("privat", "frivillig")]
    if private:
        own = data.draw(st.lists(st.sampled_from(private), min_size=1, unique=True), label="own")
        mine = copy.deepcopy(workspace)
        mine["journey"]["own_organisations"] = own
        b = analysis_of(mine)
        assert not any(f.held_by in own or f.asked_by in own for f in (*b.findings, *b.reuse))
        assert len(b.findings) + len(b.reuse) <= len(a.findings) + len(a.reuse)


@FAST
@given(private_item_journeys())
def test_a_private_partys_data_is_a_breach_only_once_a_public_body_has_it(workspace):
    """The first public body to get an item only a private party holds breaches nothing; a public body
    asking for it at a later step breaches «kun én gang» against that first public body."""
    from brukerreise.model import is_public, organisation

    a = analysis_of(workspace)
    steps = workspace["journey"]["steps"]
    first: tuple[int, str] | None = None  # (index, public actor) where the item first reaches the public sector
    expected_breaches, expected_reuse = set(), set()
    for index, step in enumerate(steps):
        owner, asks = step["owner"], "item-private" in step.get("asks_user", [])
        if asks and is_public(owner, a.actors) and first is not None:
            own = organisation(first[1], a.actors) == organisation(owner, a.actors)
            expected_breaches.add((step["id"], owner, first[1], "own" if own else "asked"))
        if asks and not is_public(owner, a.actors):
            own = owner == "actor-private"
            expected_reuse.add((step["id"], owner, "actor-private", "own" if own else "asked"))
        receivers = [x for f in step.get("data", []) for x in (f["to"], f["from"])] + [owner] * asks
        public = [x for x in receivers if is_public(x, a.actors)]
        if first is None and public:
            first = (index, public[0])
    asked = [f for f in a.findings if f.kind.value != "carried"]
    assert {(f.step, f.asked_by, f.held_by, f.kind.value) for f in asked} == expected_breaches
    assert {(f.step, f.asked_by, f.held_by, f.kind.value) for f in a.reuse if f.kind.value != "carried"} == expected_reuse
    # Every breach about the item names a public body as its holder, no earlier than the first one (a public
    # body handing it on, carried by the person, has it at that very step).
    index = {s["id"]: i for i, s in enumerate(steps)}
    assert all(is_public(f.held_by, a.actors) for f in a.findings)
    assert all(first is not None and index[f.step] >= first[0] for f in a.findings)
    assert a.metrics.once_only_findings == len(a.findings)


@FAST
@given(workspaces(max_steps=15), st.data())
def test_an_item_asked_and_carried_at_one_step_counts_once_in_the_comparison(workspace, data):
    from brukerreise.analysis import compare

    journey = copy.deepcopy(workspace)
    person = journey["actors"][0]["id"]
    offices = [x["id"] for x in journey["actors"] if x["kind"] != "person"]
    if not offices:
        return
    office = data.draw(st.sampled_from(offices), label="office")
    step = data.draw(st.sampled_from(journey["journey"]["steps"]), label="step")
    item = journey["data_items"][0]["id"]
    step["owner"] = office
    step["with"] = [w for w in step.get("with", []) if w != office]
    step["asks_user"] = [item]
    step["data"] = [{"item": item, "from": person, "to": office, "how": "user"}]
    a = analysis_of(journey)
    figures = next(x for x in compare(a, a).actors if x.actor == office).before
    steps = journey["journey"]["steps"]
    asked = {(s["id"], i) for s in steps if s["owner"] == office for i in s.get("asks_user", [])}
    carried = {(s["id"], f["item"]) for s in steps for f in s.get("data", [])
               if f["how"] == "user" and f["to"] == office}
    assert figures.asks_of_person == len(asked | carried)
    assert (step["id"], item) in asked & carried


# --- no traceback for anything a user can write -------------------------------------------------


def _nodes(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _nodes(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _nodes(value, path + (index,))
    return found


ANY_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.floats(allow_nan=False) | st.text(max_size=8)
    | st.sampled_from(["nav", "bruker", "vente", "lurer", "Få barn", "user", "digital"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["id", "title", "owner", "x", "with", "from"]), inner, max_size=3),
    max_leaves=6,
)


def _positions_are_inside(issues: Any, texts: dict[str, str]) -> None:
    for issue in issues:
        assert issue.line >= 1 and issue.col >= 1, str(issue)
        name = Path(issue.file).name
        if name in texts:
            assert issue.line <= texts[name].count("\n") + 2, str(issue)


@SETTINGS
@given(st.data())
def test_any_value_anywhere_gives_issues_not_exceptions(data):
    from support import ACTORS_YAML, DATA_ITEMS_YAML, JOURNEY_YAML
    from ruamel.yaml import YAML

    from brukerreise.reading.yamlsource import parse_yaml

    journey = parse_yaml(JOURNEY_YAML.encode()).data
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        where = data.draw(st.sampled_from(_nodes(journey)), label="where")
        value = data.draw(ANY_VALUE, label="value")
        if where:
            set_at(journey, where, value)
        else:
            journey = value
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "actors.yaml").write_text(ACTORS_YAML, encoding="utf-8")
        (root / "data-items.yaml").write_text(DATA_ITEMS_YAML, encoding="utf-8")
        yaml = YAML()
        with (root / "j.yaml").open("w", encoding="utf-8") as handle:
            yaml.dump(journey, handle)
        text = (root / "j.yaml").read_text(encoding="utf-8")
        checked = check([root])
        _positions_are_inside(checked.issues, {"j.yaml": text})
        if checked.is_valid():
            checked.analyse()  # a journey that passes must also analyse


@SETTINGS
@given(st.data())
def test_any_edit_of_the_text_gives_issues_not_exceptions(data):
    from support import ACTORS_YAML, DATA_ITEMS_YAML, JOURNEY_YAML

    text = JOURNEY_YAML
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        start = data.draw(st.integers(0, len(text)), label="start")
        end = data.draw(st.integers(start, min(len(text), start + 20)), label="end")
        insert = data.draw(st.text(alphabet=st.sampled_from(list(" -:[]{}#&*!|>'\"\n\tæ?,0x\\\x07")), max_size=4), label="insert")
        text = text[:start] + insert + text[end:]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "actors.yaml").write_text(ACTORS_YAML, encoding="utf-8")
        (root / "data-items.yaml").write_text(DATA_ITEMS_YAML, encoding="utf-8")
        (root / "j.yaml").write_text(text, encoding="utf-8")
        checked = check([root])
        _positions_are_inside(checked.issues, {"j.yaml": text})
        if checked.is_valid():
            checked.analyse()
