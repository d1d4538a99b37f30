"""No output of `build` overwrites another: every name in the output folder is planned first, and a journey
whose outputs would take a name already planned (build's own portfolio files, another journey's outputs)
is not built, with an error at its id that says which name and whose it is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brukerreise import build as build_module
from brukerreise.api import check
from brukerreise.build import Options, Target, plan
from brukerreise.cli import main

from support import parse_issues

FIXTURE = Path(__file__).parent / "fixtures" / "build"


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "journeys"
    shutil.copytree(FIXTURE, folder)
    return folder


def _as(workspace: Path, source: str, journey_id: str) -> Path:
    text = (workspace / f"{source}.yaml").read_text(encoding="utf-8")
    path = workspace / f"{journey_id}-fil.yaml"
    path.write_text(text.replace(f"journey: {source}", f"journey: {journey_id}", 1), encoding="utf-8")
    (workspace / f"{source}.yaml").unlink()
    return path


def test_a_journey_named_portfolio_is_not_built_over_the_portfolio(workspace, tmp_path, capsys):
    path = _as(workspace, "annen-reise", "portfolio")
    out = tmp_path / "out"
    assert main(["build", str(workspace), "-o", str(out), "--jobs", "1"]) == 1
    [error] = [i for i in parse_issues(capsys.readouterr().err) if i.severity == "error"]
    assert error.file.endswith(path.name) and (error.line, error.col) == (1, 10)  # at the id
    assert "'portfolio'" in error.message and "portfolio.md" in error.message
    assert "the portfolio's report file" in error.message and "not built" in error.message
    names = {p.name for p in out.iterdir()}
    assert not {"portfolio.svg", "portfolio.pptx", "portfolio.png"} & names
    # The portfolio is the portfolio of the journeys built, and says nothing of the one left out.
    assert "liten-reise" in (out / "portfolio.json").read_text(encoding="utf-8")
    assert '"journeys": 1' in (out / "portfolio.json").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("neato") is None, reason="Graphviz is not installed")
def test_a_journey_named_as_the_accessibility_statement_does_not_take_its_page(workspace, tmp_path, capsys):
    path = _as(workspace, "annen-reise", "tilgjengelighet")
    out = tmp_path / "out"
    assert main(["build", str(workspace), "-o", str(out), "--jobs", "1"]) == 1
    [error] = [i for i in parse_issues(capsys.readouterr().err) if i.severity == "error"]
    assert error.file.endswith(path.name) and (error.line, error.col) == (1, 10)  # at the id
    assert "site/tilgjengelighet.html, which is the site's accessibility statement" in error.message
    assert "Tilgjengelighetserklæring" in (out / "site" / "tilgjengelighet.html").read_text(encoding="utf-8")
    assert not (out / "tilgjengelighet.svg").exists()


def test_render_and_deck_write_no_portfolio_so_the_id_is_free_there(workspace, tmp_path):
    _as(workspace, "annen-reise", "portfolio")
    out = tmp_path / "out"
    assert main(["render", str(workspace), "-o", str(out), "--format", "dot"]) == 0
    assert (out / "portfolio.dot").exists()


def test_the_plan_takes_build_files_first_and_then_journeys_in_turn(workspace, monkeypatch):
    """A name any two producers would share is refused to the later one, whatever it is: here a journey's
    report would share its name with a file build writes of its own."""
    monkeypatch.setattr(build_module, "own_files", lambda options: {"liten-reise.md": "the site's page"})
    journeys = check([workspace]).valid_journeys()
    keep, problems = plan(journeys, Options(across=True))
    assert [j.journey.id for j in keep] == ["annen-reise"]
    [problem] = problems
    assert "liten-reise.md, which is the site's page" in problem.message


def test_two_journeys_never_share_a_name_case_insensitively(workspace):
    journeys = check([workspace]).valid_journeys()
    twice = [journeys[0], journeys[0]]  # the same id twice (validate refuses it; the plan does not rely on that)
    keep, problems = plan(twice, Options(targets=[Target("report", "json")]))
    assert keep == [journeys[0]]
    assert f"an output of journey '{journeys[0].journey.id}'" in problems[0].message
