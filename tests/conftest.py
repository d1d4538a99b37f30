"""Shared fixtures: a working folder, a file writer, small registries, and the CLI run in-process.

Only fixtures that a test asks for by name live here: nothing autouse, nothing that changes behaviour.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from support import ACTORS_YAML, DATA_ITEMS_YAML, SRC, CliResult


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
