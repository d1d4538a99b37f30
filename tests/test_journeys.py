"""The shipped journeys: every file loads, validates with --strict, and meets the bar the issue sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from brukerreise.api import check
from brukerreise.model import JourneyState, LifeEvent

JOURNEYS = Path(__file__).resolve().parents[1] / "journeys"
# The as-is journeys found in journeys/, by id (a to-be journey proposes what they lack: no findings, fewer
# pain points), read when the tests are collected: a journey added is tested, one removed is not missed.
AS_IS = sorted(j.journey.id for j in check([JOURNEYS]).workspace.journeys if j.journey.state is JourneyState.AS_IS)


@pytest.fixture(scope="module")
def checked():
    return check([JOURNEYS])


def test_every_file_loads_and_validates_strictly(checked):
    assert [str(i) for i in checked.issues] == []
    yaml_files = sorted(p for p in JOURNEYS.rglob("*") if p.suffix in (".yaml", ".yml"))
    assert len(checked.workspace.files) == len(yaml_files)


def test_all_seven_life_events_are_covered(checked):
    events = [j.journey.life_event for j in checked.workspace.journeys]
    assert set(events) == set(LifeEvent)
    assert events.count(LifeEvent.NY_I_NORGE) >= 2  # labour migrant and refugee


def test_each_journey_carries_the_schema_modeline(checked):
    for loaded in checked.workspace.journeys:
        first = loaded.file.path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=schema/journey.schema.json", loaded.file.shown
        assert (loaded.file.path.parent / "schema" / "journey.schema.json").is_file()


def test_there_are_as_is_journeys_to_check():
    assert AS_IS, "no as-is journey in journeys/"


@pytest.fixture(scope="module")
def analyses(checked):
    return {a.journey.id: a for a in checked.analyse()}


@pytest.mark.parametrize("journey_id", AS_IS)
def test_each_journey_is_rich_enough(analyses, journey_id):
    a = analyses[journey_id]
    assert 12 <= a.metrics.steps <= 30, a.journey.id
    assert 3 <= a.metrics.phases <= 6, a.journey.id
    owners = {s.owner for s in a.steps}
    assert len(owners) >= 5, a.journey.id
    assert any(a.actors[o].is_person for o in owners), f"{a.journey.id}: the person's own lane owns no step"
    assert a.metrics.data_flows >= 6, a.journey.id
    assert all({f.item, f.from_actor, f.to_actor, f.how} for f in a.flows)
    assert a.journey.persona is not None and a.journey.goals
    assert a.metrics.once_only_findings >= 1, f"{a.journey.id}: no once-only finding"
    assert a.metrics.pain_points >= 3 and a.metrics.lowest_emotion is not None and a.metrics.lowest_emotion < 0
    assert any(s.opportunities for s in a.steps)
