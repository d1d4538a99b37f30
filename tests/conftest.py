"""Shared fixtures: a working folder, a file writer, small registries, and the CLI run in-process.

Only fixtures that a test asks for by name live here: nothing autouse, nothing that changes behaviour.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

ACTORS_YAML = """\
actors:
  - {id: bruker, name: Brukeren, short: Bruker, kind: person}
  - {id: nav, name: Arbeids- og velferdsetaten, short: Nav, kind: stat, ministry: AID}
  - {id: kommunen, name: Kommunen, short: Kommunen, kind: kommune}
  - {id: skatteetaten, name: Skatteetaten, short: Skatteetaten, kind: stat, ministry: FIN}
"""

DATA_ITEMS_YAML = """\
data_items:
  - {id: inntekt, name: Inntekt, source: skatteetaten}
  - {id: adresse, name: Bostedsadresse, source: skatteetaten}
  - {id: helse, name: Helseopplysninger, source: kommunen, sensitive: true}
"""

# A valid journey against the registries above: no errors, no warnings.
JOURNEY_YAML = """\
journey: reise
life_event: Få barn
title: Vi skal få barn
persona:
  name: Sara (31)
  situation: Venter sitt første barn
goals:
  - Slippe å lete
phases:
  - {id: vente, title: Vente barn}
  - {id: etter, title: Etter fødselen}
steps:
  - id: lurer
    phase: vente
    title: Jeg lurer på hva jeg har rett til
    owner: bruker
    channel: digital
    emotion: -1
  - id: penger
    phase: vente
    title: Jeg vil ha penger mens jeg er hjemme
    owner: nav
    with: [bruker]
    channel: digital
    asks_user: [inntekt]
    data:
      - {item: inntekt, from: skatteetaten, to: nav, how: automatic}
  - id: hjemme
    phase: etter
    title: Vi er hjemme med barnet
    owner: kommunen
    with: [bruker]
    emotion: 2
"""


@attrs.frozen
class Reported:
    """One line of `path:line:col: severity: message` output."""

    file: str
    line: int
    col: int
    severity: str
    message: str


_ISSUE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): (?P<message>.*)$")


def parse_issues(stderr: str) -> list[Reported]:
    """Every `path:line:col: error|warning: message` line in `stderr`."""
    found = []
    for text in stderr.splitlines():
        match = _ISSUE.match(text)
        if match:
            found.append(Reported(match["file"], int(match["line"]), int(match["col"]), match["severity"], match["message"]))
    return found


@attrs.frozen
class CliResult:
    code: int
    out: str
    err: str

    @property
    def issues(self) -> list[Reported]:
        return parse_issues(self.err)

    @property
    def errors(self) -> list[Reported]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Reported]:
        return [i for i in self.issues if i.severity == "warning"]


def locate(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based (line, col) where the `nth` occurrence of `needle` starts in `text`."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder that is also the working directory, so paths print as given."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def write(workdir: Path) -> Callable[..., Path]:
    """write(name, text, dedent=True) -> path: a file in the working folder (folders made as needed)."""

    def _write(name: str, text: str | bytes, dedent: bool = True) -> Path:
        path = workdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if dedent else text, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def registries(write: Callable[..., Path]) -> Path:
    """actors.yaml and data-items.yaml (ACTORS_YAML, DATA_ITEMS_YAML) in the working folder."""
    write("actors.yaml", ACTORS_YAML)
    write("data-items.yaml", DATA_ITEMS_YAML)
    return Path.cwd()


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """cli("validate", "x.yaml") -> CliResult: `brukerreise.cli.main` run in-process."""
    from brukerreise.cli import main

    def run(*args: str | Path) -> CliResult:
        capsys.readouterr()
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse exits on usage errors
            code = exc.code if isinstance(exc.code, int) else 1
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return run


@pytest.fixture
def cli_subprocess() -> Callable[..., CliResult]:
    """cli_subprocess("validate", "x.yaml", cwd=..., env=...) -> CliResult: `python -m brukerreise` run
    in a fresh interpreter (for tracebacks, imports, and anything that must not run in-process)."""

    def run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120) -> CliResult:
        environment = {**os.environ, "PYTHONPATH": str(SRC), **(env or {})}
        done = subprocess.run(
            [sys.executable, "-m", "brukerreise", *map(str, args)],
            capture_output=True, text=True, cwd=cwd, env=environment, timeout=timeout,
            encoding="utf-8", errors="backslashreplace",
        )
        return CliResult(done.returncode, done.stdout, done.stderr)

    return run
