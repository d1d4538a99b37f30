"""Journeys reviewed in pull requests: `validate --format github` writes GitHub Actions annotations
(exact format), `json` and `sarif` the same problems for other CI, and the pre-commit hook runs validate."""

from __future__ import annotations

import json

import pytest
from support import JOURNEY_YAML, ROOT, locate
from ruamel.yaml import YAML

BROKEN = JOURNEY_YAML.replace("owner: nav", "owner: navv").replace("title: Vi skal få barn", "title: Vi er nr #1, 100% klare")


def test_github_annotations_are_workflow_commands_exactly(registries, write, cli):
    write("j.yaml", BROKEN, dedent=False)
    result = cli("validate", "--format", "github", "j.yaml")
    assert result.code == 1
    line, col = locate(BROKEN, "navv")
    t_line, t_col = locate(BROKEN, "Vi er nr")
    assert result.out.splitlines() == [
        f"::warning file=j.yaml,line={t_line},col={t_col},title=brukerreise warning::the text stops at ' #', which "
        "starts a comment, so it reads 'Vi er nr': if the '#' and what follows belong to the text, put the whole "
        "text in quotes — '\"Vi er nr #1, 100%25 klare\"'",
        f"::error file=j.yaml,line={line},col={col},title=brukerreise error::unknown actor 'navv' — did you mean 'nav'?",
    ]
    assert result.err.endswith("1 error, 1 warning\n")  # the summary stays on stderr


def test_github_properties_escape_what_the_runner_would_split_on(registries, write, cli):
    write("a,b:c.yaml", JOURNEY_YAML.replace("owner: nav", "owner: navv"), dedent=False)
    out = cli("validate", "--format", "github", "a,b:c.yaml").out
    assert out.startswith("::error file=a%2Cb%3Ac.yaml,line=")


def test_a_valid_folder_writes_no_annotation(registries, write, cli):
    write("j.yaml", JOURNEY_YAML, dedent=False)
    result = cli("validate", "--format", "github", ".")
    assert (result.code, result.out) == (0, "")


def test_json_lists_every_problem_with_its_place(registries, write, cli):
    write("j.yaml", BROKEN, dedent=False)
    data = json.loads(cli("validate", "--format", "json", "j.yaml").out)
    assert (data["errors"], data["warnings"]) == (1, 1)
    error = next(p for p in data["problems"] if p["severity"] == "error")
    assert error == {"file": "j.yaml", "line": locate(BROKEN, "navv")[0], "col": locate(BROKEN, "navv")[1],
                     "severity": "error", "message": "unknown actor 'navv' — did you mean 'nav'?"}


def test_sarif_holds_each_problem_as_a_result_with_a_region(registries, write, cli):
    write("j.yaml", BROKEN, dedent=False)
    sarif = json.loads(cli("validate", "--format", "sarif", "j.yaml").out)
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    assert run["tool"]["driver"]["name"] == "brukerreise"
    levels = sorted(r["level"] for r in run["results"])
    assert levels == ["error", "warning"]
    error = next(r for r in run["results"] if r["level"] == "error")
    line, col = locate(BROKEN, "navv")
    assert error["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": "j.yaml"},
                                                         "region": {"startLine": line, "startColumn": col}}


@pytest.fixture
def hook():
    (entry,) = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return entry


def test_the_pre_commit_hook_runs_validate_on_the_folder(hook, registries, write, cli, workdir):
    assert hook["id"] == "brukerreise-validate" and hook["language"] == "python"
    assert hook["entry"].split()[:2] == ["brukerreise", "validate"] and hook["pass_filenames"] is False
    (workdir / "journeys").mkdir()
    for name in ("actors.yaml", "data-items.yaml"):
        (workdir / name).rename(workdir / "journeys" / name)
    write("journeys/j.yaml", BROKEN, dedent=False)
    result = cli(*hook["entry"].split()[1:], *hook["args"])
    assert result.code == 1 and "unknown actor 'navv'" in result.err
