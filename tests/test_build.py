"""`render`, `deck` and `build`: what they write, exit codes, atomic writes and the same bytes every time."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from support import JOURNEY_YAML

from brukerreise import build as build_module
from brukerreise.export import Exporter
from brukerreise.cli import main
from brukerreise.output import OutputError, write_atomic

FIXTURE = Path(__file__).parent / "fixtures" / "build"

BROKEN = """\
journey: broken
life_event: Få barn
title: En ødelagt reise
persona: {name: Test, situation: Test}
goals: [Test]
phases: [{id: a, title: A}]
steps:
  - {id: s1, phase: a, title: Jeg starter, owner: nva}
"""


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "journeys"
    shutil.copytree(FIXTURE, folder)
    return folder


def outputs(folder: Path) -> dict[str, bytes]:
    """Every file written under `folder`, by its path relative to it (the site's pages are in site/)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_writes_everything_for_every_journey(workspace, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(workspace), "-o", str(out), "--jobs", "1"]) == 0
    names = set(outputs(out))
    for journey in ("liten-reise", "annen-reise"):
        for suffix in ("svg", "png", "pptx", "md", "json"):
            assert f"{journey}.{suffix}" in names
    assert {"portfolio.md", "portfolio.json"} <= names
    assert not [n for n in names if n.startswith(".")], "temporary files left behind"
    # No progress when not a terminal: one summary line, counting every file written.
    assert capsys.readouterr().err == f"built 2 journeys: {len(names)} files in {out}; open {out / 'index.html'} in a browser\n"


def test_build_quiet_says_nothing_when_all_is_well(workspace, tmp_path, capsys):
    assert main(["build", str(workspace), "-o", str(tmp_path / "out"), "--jobs", "1", "--quiet"]) == 0
    assert capsys.readouterr().err == ""


def test_build_is_deterministic_and_parallel_equals_serial(workspace, tmp_path):
    assert main(["build", str(workspace), "-o", str(tmp_path / "a"), "--jobs", "1"]) == 0
    assert main(["build", str(workspace), "-o", str(tmp_path / "b"), "--jobs", "2"]) == 0
    assert outputs(tmp_path / "a") == outputs(tmp_path / "b")


def test_an_invalid_journey_does_not_stop_the_others(workspace, tmp_path, capsys):
    (workspace / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(workspace), "-o", str(out), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "broken.yaml:8:51: error: unknown actor 'nva'" in err
    assert "not built" in err and "broken.yaml" in err
    names = set(outputs(out))
    assert "liten-reise.pptx" in names and not any(n.startswith("broken.") for n in names)


def test_a_failing_exporter_leaves_nothing_half_written(workspace, tmp_path, monkeypatch):
    out = tmp_path / "out"

    monkeypatch.setitem(build_module.EXPORTERS, "boom", Exporter("boom", "test_build:explode", {"txt": "txt"}))
    targets = [build_module.Target("report", "json"), build_module.Target("boom", "txt")]
    with pytest.raises(RuntimeError):
        build_module.run(build_module.Options([workspace], targets, jobs=1), out)
    assert not out.exists() or list(out.iterdir()) == []


def test_render_formats_and_deck(workspace, tmp_path):
    out = tmp_path / "out"
    assert main(["render", str(workspace), "-o", str(out), "--format", "svg,dot", "--format", "png"]) == 0
    assert {p.suffix for p in out.iterdir()} == {".svg", ".dot", ".png"}
    assert main(["deck", str(workspace / "liten-reise.yaml"), "-o", str(tmp_path / "d")]) == 0
    assert [p.name for p in (tmp_path / "d").iterdir()] == ["liten-reise.pptx"]


def test_unknown_format_is_a_usage_error(workspace, tmp_path, capsys):
    assert main(["render", str(workspace), "-o", str(tmp_path), "--format", "gif"]) == 2
    said = capsys.readouterr().err
    assert "unknown format 'gif'" in said
    offered = said.split("choose from ")[1].strip().split(", ")
    assert len(offered) == len(set(offered)), offered  # each format offered once


def test_outputs_never_overwrite_a_journey(tmp_path):
    journey = tmp_path / "reise.yaml"
    journey.write_text("journey: x\n", encoding="utf-8")
    with pytest.raises(OutputError):
        write_atomic(tmp_path / "." / "reise.yaml", b"oops", protected=[journey])
    assert journey.read_text(encoding="utf-8") == "journey: x\n"


def test_atomic_write_replaces_whole_files(tmp_path):
    target = tmp_path / "sub" / "f.txt"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["f.txt"]


def test_an_unwritable_output_is_an_environment_error(workspace, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["build", str(workspace), "-o", str(blocker / "out"), "--jobs", "1"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_a_broken_registry_entry_blocks_only_the_journeys_that_use_it(workspace, tmp_path, capsys):
    actors = workspace / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace("kind: privat}", "kind: privatt}"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(workspace), "-o", str(out), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "unknown actor kind 'privatt' — did you mean 'privat'?" in err
    *_, last, summary = err.strip().splitlines()
    assert last.startswith("not built") and "actors.yaml" in last and "liten-reise.yaml" in last
    assert summary.startswith("built 1 journey: ")
    names = {p.name for p in out.iterdir()}
    assert "annen-reise.pptx" in names and not any(n.startswith("liten-reise.") for n in names)


def test_without_graphviz_build_makes_the_rest_and_says_what_it_skipped(workspace, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    out = tmp_path / "out"
    assert main(["build", str(workspace), "-o", str(out), "--jobs", "2"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "skipped swimlane (svg, png), gains (svg, png): Graphviz is not installed: install it with 'sudo apt-get install graphviz' "
        "(Debian/Ubuntu), 'brew install graphviz' (macOS) or from https://graphviz.org/download/ (DOT needs no "
        "Graphviz: brukerreise render --format dot)",
        f"built 2 journeys: {len(list(out.iterdir()))} files in {out}",  # no swimlane, so no site
    ]
    made = ("bpmn", "drawio", "journey.mmd", "json", "md", "mmd", "pptx", "steps.csv", "wiki.md", "xlsx")  # all but svg, png
    assert sorted(p.name for p in out.iterdir()) == sorted([
        *(f"{journey}.{suffix}" for journey in ("annen-reise", "liten-reise") for suffix in made),
        "portfolio.json", "portfolio.md", "portfolio.xlsx",
    ])
    assert main(["render", str(workspace), "-o", str(out), "--format", "dot"]) == 0  # as the line says
    assert (out / "liten-reise.dot").is_file()


def test_without_graphviz_render_stops_at_once_with_one_line(workspace, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    out = tmp_path / "out"
    assert main(["render", str(workspace), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Graphviz is not installed" in err[0] and "apt-get install graphviz" in err[0]
    assert not out.exists()


def test_progress_is_one_line_per_journey(workspace, tmp_path):
    lines: list[str] = []
    assert build_module.run(build_module.Options([workspace], jobs=1), tmp_path / "out", progress=lines.append) == 0
    assert [line.split(":")[0] for line in lines] == ["[1/2] annen-reise", "[2/2] liten-reise"]


def explode(analysis, fmt, lang):
    """An exporter that fails (registered by test_a_failing_exporter_leaves_nothing_half_written)."""
    raise RuntimeError("exporter failed")


@pytest.mark.parametrize("args", [
    ("build", "journey.yaml", "-o", "fil"),
    ("export", "journey.yaml", "-o", "fil", "--format", "csv"),
    ("export", "journey.yaml", "-o", "fil/under", "--format", "csv"),
    ("new", "reise", "--life-event", "Få barn", "--dir", "fil"),
    ("registries", "fil"),
    ("template", "-o", "fil/mal.xlsx"),
])
def test_a_file_where_a_folder_must_be_is_said_in_words(registries, write, cli, args):
    write("journey.yaml", JOURNEY_YAML, dedent=False)
    write("fil", "ikke en mappe\n")
    result = cli(*args)
    assert result.code == 2
    assert re.fullmatch(r"brukerreise: error: fil(/\w+)?: (a file of that name is in the way of a folder|"
                        r"a part of this path is a file, not a folder): choose [^\n]+\n", result.err), result.err
