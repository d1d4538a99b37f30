"""The npm clients the tests run against our outputs (node_modules at the repo root, Debian's Chromium):
found, or the test skipped — except under CI, where a missing tool fails the test."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from support import ROOT

NODE_MODULES = ROOT / "node_modules"
CHROMIUM = Path("/usr/bin/chromium")
PUPPETEER = {
    "executablePath": str(CHROMIUM),
    "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run"],
}


def missing(what: str) -> None:
    """Skip outside CI; fail under CI, where everything must be installed by .ci/setup."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing: .ci/setup must install it")
    pytest.skip(f"{what} is not installed")


def node() -> str:
    found = shutil.which("node")
    if found is None:
        missing("node")
    return found


def package(name: str) -> Path:
    """The folder of an npm package in node_modules (or in $BRUKERREISE_NODE_MODULES, a second folder
    for trying a client before it is installed into the shared one)."""
    extra = os.environ.get("BRUKERREISE_NODE_MODULES")
    for root in (NODE_MODULES, *([Path(extra)] if extra else [])):
        folder = root / name
        if (folder / "package.json").is_file():
            return folder
    missing(f"the npm package {name}")
    raise AssertionError  # (missing() skips or fails)


def mmdc(tmp: Path) -> list[str]:
    """The mermaid-cli command line, with a puppeteer config that uses Debian's Chromium."""
    binary = NODE_MODULES / ".bin" / "mmdc"
    if not binary.exists():
        missing("mermaid-cli (mmdc)")
    if not CHROMIUM.exists():
        missing("chromium")
    config = tmp / "puppeteer.json"
    config.write_text(json.dumps(PUPPETEER), encoding="utf-8")
    return [node(), str(binary), "--puppeteerConfigFile", str(config), "--quiet"]
