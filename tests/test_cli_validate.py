"""The CLI's foundation commands: `validate` (exit codes, output shape), `schema` and `new`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from support import ACTORS_YAML, JOURNEY_YAML, ROOT, locate

from brukerreise.reading.schema import SCHEMA_KINDS, schema_text

SHAPE = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): .+$")


# --- validate: exit codes and output ------------------------------------------------------------


def test_valid_journey_exits_0(registries, write, cli):
    write("j.yaml", JOURNEY_YAML, dedent=False)
    result = cli("validate", "j.yaml")
    assert result.code == 0
    assert result.out == ""
    assert result.err == "1 file (and the 2 registries beside it), 1 journey: no problems\n"


def test_quiet_prints_only_problems(registries, write, cli):
    write("j.yaml", JOURNEY_YAML, dedent=False)
    assert cli("validate", "-q", "j.yaml").err == ""
    write("j.yaml", JOURNEY_YAML.replace("owner: nav", "owner: nva"), dedent=False)
    result = cli("validate", "--quiet", "j.yaml")
    assert result.code == 1
    line, col = locate(JOURNEY_YAML, "owner: nav")
    assert result.err == f"j.yaml:{line}:{col + 7}: error: unknown actor 'nva' — did you mean 'nav'?\n"


def test_errors_exit_1_and_every_line_has_the_shape(registries, write, cli):
    write("j.yaml", JOURNEY_YAML.replace("owner: nav", "owner: nva").replace("emotion: 2", "emotion: 3"), dedent=False)
    result = cli("validate", "j.yaml")
    assert result.code == 1
    lines = result.err.splitlines()
    assert all(SHAPE.match(line) for line in lines[:-1])
    assert lines[-1] == "1 file (and the 2 registries beside it), 1 journey: 2 errors, 0 warnings"
    assert result.out == ""


def test_warnings_exit_0_unless_strict(registries, write, cli):
    write("j.yaml", JOURNEY_YAML.replace("title: Jeg lurer på hva jeg har rett til", "title: Søke om penger"), dedent=False)
    lenient = cli("validate", "j.yaml")
    assert lenient.code == 0
    assert [w.message.split(" (")[0] for w in lenient.warnings] == ["the title 'Søke om penger' speaks as the agency"]
    strict = cli("validate", "--strict", "j.yaml")
    assert strict.code == 1
    assert strict.err.splitlines()[-1] == "1 file (and the 2 registries beside it), 1 journey: 0 errors, 1 warning (warnings count as errors with --strict)"


def test_default_path_is_the_journeys_folder(workdir, write, cli):
    write("journeys/actors.yaml", ACTORS_YAML, dedent=False)
    write("journeys/data-items.yaml", "data_items:\n  - {id: inntekt, name: Inntekt, source: skatteetaten}\n", dedent=False)
    write("journeys/j.yaml", JOURNEY_YAML, dedent=False)
    result = cli("validate")
    assert result.code == 0, result.err
    assert result.err.startswith("3 files, 1 journey")


def test_every_file_in_every_folder_is_reported(registries, write, cli):
    write("a/j.yaml", JOURNEY_YAML.replace("owner: nav", "owner: nva"), dedent=False)
    write("b/k.yml", JOURNEY_YAML.replace("journey: reise", "journey: reise-2").replace("emotion: 2", "emotion: 9"), dedent=False)
    result = cli("validate", "a", "b", "actors.yaml", "data-items.yaml")
    assert result.code == 1
    assert [(e.file, e.line) for e in result.errors] == [
        ("a/j.yaml", locate(JOURNEY_YAML, "owner: nav")[0]), ("b/k.yml", locate(JOURNEY_YAML, "emotion: 2")[0]),
    ]


def test_same_file_named_twice_is_read_once(registries, write, cli):
    write("j.yaml", JOURNEY_YAML, dedent=False)
    result = cli("validate", "j.yaml", "j.yaml", ".")
    assert result.code == 0, result.err


@pytest.mark.parametrize(
    "args",
    [["validate", "missing.yaml"], ["validate", "--strikt", "."], ["nonsense"], [], ["validate", "--format", "x"],
     ["schema", "--kind", "nope"]],
)
def test_usage_errors_exit_2(workdir, cli, args):
    result = cli(*args)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert "error:" in result.err


def test_output_order_does_not_depend_on_hash_seed(tmp_path: Path, cli_subprocess):
    # Several problems at the same place: their order must be the same from run to run.
    (tmp_path / "x.yaml").write_text("journey: reise\nlife_event: Få barn\n")
    runs = {cli_subprocess("validate", "x.yaml", cwd=tmp_path, env={"PYTHONHASHSEED": seed}).err for seed in ("1", "2", "3")}
    assert len(runs) == 1


def test_validate_ends_with_all_it_printed_and_its_exit_code(tmp_path: Path, cli_subprocess):
    # The command ends without Python's teardown (cli._end_at_once): every line must still arrive.
    lines = "".join(f"  - id: s{i}\n    title: Steg {i}\n    owner: ukjent{i}\n    phase: p\n" for i in range(300))
    (tmp_path / "x.yaml").write_text(f"journey: x\nlife_event: Få barn\ntitle: X\nphases:\n  - id: p\n    title: P\nsteps:\n{lines}")
    text = cli_subprocess("validate", "x.yaml", cwd=tmp_path)
    assert text.code == 1 and text.err.count("unknown actor") == 300 and text.err.endswith("1 journey: 300 errors, 301 warnings\n")
    report = cli_subprocess("validate", "--format", "json", "x.yaml", cwd=tmp_path)
    assert report.code == 1 and json.loads(report.out)["errors"] == 300
    assert cli_subprocess("validate", "nowhere.yaml", cwd=tmp_path).code == 2
    assert cli_subprocess("validate", str(ROOT / "journeys"), cwd=tmp_path).code == 0


def test_validate_imports_neither_pptx_nor_graphviz(registries, write, cli_subprocess, workdir):
    write("j.yaml", JOURNEY_YAML, dedent=False)
    write("bad.yaml", "journey: [\n", dedent=False)
    probe = (
        "import sys\n"
        "from brukerreise.cli import main\n"
        "codes = [int(main(['validate', 'j.yaml'])), int(main(['validate', '.'])), int(main(['schema']))]\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('pptx', 'graphviz', 'lxml', 'PIL'))\n"
        "print(codes, heavy)\n"
    )
    import os
    import subprocess
    import sys

    from support import SRC

    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=workdir,
                          env={**os.environ, "PYTHONPATH": str(SRC)}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[0, 1, 0] []"


def test_validating_valid_journeys_loads_no_exporter_and_not_cattrs(cli_subprocess, workdir):
    # cattrs (and the code it generates for each class) is for files with errors; valid ones take the quick path.
    probe = (
        "import sys\n"
        "from brukerreise.cli import main\n"
        f"code = int(main(['validate', {str(ROOT / 'journeys')!r}]))\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('cattrs', 'jinja2', 'pptx', 'graphviz', 'argparse')\n"
        "                or m.startswith(('brukerreise.export', 'brukerreise.analysis', 'brukerreise.reading.converter')))\n"
        "print(code, loaded)\n"
    )
    import os
    import subprocess
    import sys

    from support import SRC

    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=workdir,
                          env={**os.environ, "PYTHONPATH": str(SRC)}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "0 []"


# --- schema -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["journey", "actors", "data-items"])
def test_schema_prints_draft_07(cli, kind):
    result = cli("schema", "--kind", kind)
    assert result.code == 0
    schema = json.loads(result.out)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)


def test_schema_default_kind_is_journey(cli):
    assert cli("schema").out == schema_text("journey")


@pytest.mark.parametrize("kind", list(SCHEMA_KINDS))
def test_committed_schemas_are_up_to_date(kind):
    from brukerreise.editor import known_in

    known, errors = known_in(ROOT / "journeys")
    assert known is not None and not errors
    committed = ROOT / "journeys" / "schema" / SCHEMA_KINDS[kind][2]
    assert committed.read_text(encoding="utf-8") == schema_text(kind, known), (
        f"{committed.relative_to(ROOT)} is stale: regenerate the schemas with 'brukerreise schema journeys --write'"
    )


def _yaml_data(path: Path):
    from brukerreise.reading.yamlsource import read_yaml

    return read_yaml(path).data


def test_schema_accepts_the_valid_journey_and_rejects_an_unknown_key(registries, write):
    validator = jsonschema.Draft7Validator(json.loads(schema_text("journey")))
    good = _yaml_data(write("j.yaml", JOURNEY_YAML, dedent=False))
    assert list(validator.iter_errors(good)) == []
    bad = _yaml_data(write("k.yaml", JOURNEY_YAML.replace("    emotion: 2\n", "    emotion: 2\n    emosjon: 2\n"), dedent=False))
    problems = list(validator.iter_errors(bad))
    assert problems and any("emosjon" in p.message for p in problems)
    top = _yaml_data(write("l.yaml", JOURNEY_YAML + "extra: 1\n", dedent=False))
    assert any("extra" in p.message for p in validator.iter_errors(top))


def test_schema_accepts_the_registries(registries):
    for kind, name in (("actors", "actors.yaml"), ("data-items", "data-items.yaml")):
        validator = jsonschema.Draft7Validator(json.loads(schema_text(kind)))
        assert list(validator.iter_errors(_yaml_data(registries / name))) == []


# --- new ----------------------------------------------------------------------------------------


def test_new_in_an_empty_folder_writes_inline_actors_and_validates_strictly(workdir, cli):
    result = cli("new", "min-reise", "--life-event", "Få barn", "--dir", "out")
    assert result.code == 0, result.err
    path = workdir / "out" / "min-reise.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "\nactors:\n" in text
    assert "life_event: Få barn" in text
    checked = cli("validate", "--strict", "out/min-reise.yaml")
    assert checked.code == 0, checked.err
    assert checked.err == "1 file, 1 journey: no problems\n"


def test_new_beside_registries_uses_them_and_validates_strictly(registries, cli, workdir):
    result = cli("new", "ny-reise", "--life-event", "Ny i Norge", "--dir", ".")
    assert result.code == 0, result.err
    text = (workdir / "ny-reise.yaml").read_text(encoding="utf-8")
    assert "\nactors:\n" not in text
    assert "owner: bruker" in text and "owner: nav" in text
    checked = cli("validate", "--strict", "ny-reise.yaml")
    assert checked.code == 0, checked.err
    assert checked.err == "1 file (and the 2 registries beside it), 1 journey: no problems\n"


def test_new_default_folder_is_journeys(workdir, cli):
    (workdir / "journeys").mkdir()
    assert cli("new", "x", "--life-event", "Dødsfall og arv").code == 0
    assert (workdir / "journeys" / "x.yaml").is_file()


def test_new_points_at_the_schema_folder(workdir, cli):
    (workdir / "journeys" / "schema").mkdir(parents=True)
    assert cli("new", "x", "--life-event", "Få barn", "--dir", "journeys").code == 0
    assert (workdir / "journeys" / "x.yaml").read_text().startswith("# yaml-language-server: $schema=schema/journey.schema.json\n")


def test_new_refuses_to_overwrite(workdir, cli):
    (workdir / "x.yaml").write_text("journey: mine\n")
    result = cli("new", "x", "--life-event", "Få barn", "--dir", ".")
    assert result.code == 2
    assert "already exists" in result.err
    assert (workdir / "x.yaml").read_text() == "journey: mine\n"


@pytest.mark.parametrize("name", ["Min Reise", "min/reise", "../x", "-x", "æøå", "x" * 65, ""])
def test_new_rejects_a_bad_name(workdir, cli, name):
    result = cli("new", name, "--life-event", "Få barn", "--dir", ".")
    assert result.code == 2
    assert "Traceback" not in result.err
    assert list(workdir.iterdir()) == []


def test_new_rejects_an_unknown_life_event_with_a_suggestion(workdir, cli):
    result = cli("new", "x", "--life-event", "Få barm", "--dir", ".")
    assert result.code == 2
    assert "unknown life event 'Få barm' — did you mean 'Få barn'?" in result.err
    assert list(workdir.iterdir()) == []


def test_new_requires_a_life_event(workdir, cli):
    assert cli("new", "x").code == 2


@pytest.mark.parametrize("argv", [
    ["validate"], ["validate", "a.yaml", "b", "--strict", "-q"], ["validate", "journeys"],
    ["validate", "a.yaml", "b c", "@d", "x=y"], ["validate", "a", "--"], ["validate", "", "a"], ["validate", "-"],
    ["validate", "a", "--format", "json"], ["schema", "--kind", "actors"],
    ["new", "x", "--life-event", "Få barn", "--dir", "d"], ["analyze", "--format", "json", "--lang", "en"],
    ["render", "-o", "o", "--format", "svg,png", "--format", "dot"], ["deck", "-o", "o"],
    ["build", "j", "--jobs", "2"],
])
def test_a_subcommand_parses_alike_with_only_its_own_parser(argv):
    from brukerreise import cli

    assert vars(cli.parse_args(argv)) == vars(cli._parser().parse_args(argv))


@pytest.mark.parametrize("argv", [["validate", "--bogus"], ["build", "--jobs", "x"], ["deck"]])
def test_usage_errors_read_alike_with_only_one_subcommand_parser(argv, capsys):
    from brukerreise import cli

    messages = []
    for parse in (cli.parse_args, cli._parser().parse_args):
        with pytest.raises(SystemExit) as exit_:
            parse(argv)
        messages.append((exit_.value.code, capsys.readouterr().err))
    assert messages[0] == messages[1]
    assert messages[0][0] == 2


def test_a_journey_with_no_registry_beside_it_says_so_once(write, cli):
    write("alene/journey.yaml", JOURNEY_YAML, dedent=False)
    result = cli("validate", "alene/journey.yaml")
    assert result.code == 1
    hinted = sorted(e.message for e in result.errors if "was read" in e.message)
    assert hinted == [
        "unknown actor 'bruker' — no actors.yaml was read: write the shared registries beside the journey with "
        "'brukerreise registries DIR', or name the folder that holds them",
        "unknown data item 'inntekt' — no data-items.yaml was read: write the shared registries beside the "
        "journey with 'brukerreise registries DIR', or name the folder that holds them",
    ]


@pytest.mark.parametrize("name, said", [
    ("actors.yaml", "a registry of actors starts with 'actors:'"),
    ("data-items.yaml", "a registry of data items starts with 'data_items:'"),
    ("reise.yaml", "a journey starts with 'journey: <id>'"),
])
def test_an_empty_file_is_told_how_its_kind_starts(write, cli, name, said):
    write(name, "# ikke noe her ennå\n")
    result = cli("validate", name)
    assert result.code == 1
    assert [e.message for e in result.errors] == [f"the file is empty: {said}"]
