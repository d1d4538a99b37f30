"""Starting outside this repository: `brukerreise registries` writes the shipped actors and data items
into a folder (never over a file) with the schemas, and `new` says where it wrote and what it lacks."""

from __future__ import annotations

import json

from support import ROOT


def test_registries_writes_the_shipped_ones_and_the_schemas(workdir, cli):
    result = cli("registries")
    assert result.code == 0, result.err
    for name in ("actors.yaml", "data-items.yaml"):
        assert (workdir / "journeys" / name).read_bytes() == (ROOT / "journeys" / name).read_bytes()
    schema = json.loads((workdir / "journeys" / "schema" / "journey.schema.json").read_text(encoding="utf-8"))
    assert "nav" in schema["definitions"]["ActorId"]["enum"]
    assert "inntekt" in schema["definitions"]["DataItemId"]["enum"]


def test_registries_never_writes_over_a_registry(registries, workdir, cli):
    before = (workdir / "actors.yaml").read_bytes()
    result = cli("registries", ".")
    assert result.code == 0, result.err
    assert (workdir / "actors.yaml").read_bytes() == before
    assert "kept actors.yaml: it is there already" in result.err


def test_new_without_registries_names_its_path_and_the_command_for_them(workdir, cli):
    result = cli("new", "min-reise", "--life-event", "Få barn")
    assert result.code == 0, result.err
    text = (workdir / "journeys" / "min-reise.yaml").read_text(encoding="utf-8")
    assert "brukerreise validate journeys/min-reise.yaml" in text
    assert "brukerreise registries journeys" in result.err
    assert "actors:" in text  # it defines its own, so it validates as written
    assert cli("validate", "--strict").code == 0


def test_registries_after_new_says_which_actors_the_journey_now_defines_twice(workdir, cli):
    assert cli("new", "min-reise", "--life-event", "Få barn").code == 0
    result = cli("registries")
    assert "journeys/min-reise.yaml defines 'bruker' itself" in result.err
