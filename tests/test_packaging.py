"""The wheel ships the exporters' definitions (themes, outlines, labels, fonts) inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"pip wheel failed:\n{result.stderr[-2000:]}")
    [built] = out.glob("brukerreise-*.whl")
    return built


def test_wheel_holds_every_exporter_definition(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "exporters").rglob("*") if p.is_file())
    assert shipped
    for path in shipped:
        assert f"brukerreise/{path}" in names, f"{path} is not in the wheel"
    assert "brukerreise/cli.py" in names


def test_wheel_holds_the_shared_registries(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"brukerreise/registries/actors.yaml", "brukerreise/registries/data-items.yaml"} <= names


def test_installed_wheel_finds_its_definitions(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)], check=True)
    code = (
        "import brukerreise.render.resources as r, sys; "
        "d = r.exporters_dir(); print(d); "
        "assert str(d).startswith(sys.argv[1]), d; "
        "assert r.definition('theme.yaml')['kinds']; "
        "import brukerreise.registries as g; assert str(g.shipped_dir()).startswith(sys.argv[1]), g.shipped_dir()"
    )
    result = subprocess.run([sys.executable, "-c", code, str(target)], capture_output=True, text=True,
                            env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("command", "forbidden"), [
    (["validate"], ["pptx", "graphviz", "jinja2", "watchfiles"]),
    (["analyse", "--format", "json"], ["pptx", "graphviz", "jinja2", "watchfiles"]),
    (["render", "-o", "{out}", "--format", "dot"], ["pptx", "jinja2", "watchfiles"]),
])
def test_commands_import_only_what_they_need(command, forbidden, tmp_path):
    args = [a.replace("{out}", str(tmp_path)) for a in command] + [str(ROOT / "tests" / "fixtures" / "build")]
    code = (
        "import sys, json; from brukerreise.cli import main; "
        f"code = main({args!r}); "
        f"print(json.dumps([m for m in {forbidden!r} if m in sys.modules]), file=sys.stderr); sys.exit(code)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "[]"
