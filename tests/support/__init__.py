"""Helpers the tests share (no tests here): paths, small registries and a valid journey, reading
`path:line:col: severity: message` lines, locating text, golden files, and words no message may use.
The fixtures that use them are in conftest.py; helpers for one kind of output are in this package's modules."""

from __future__ import annotations

import os
import re
from pathlib import Path

import attrs
import pytest

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"

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



UPDATE_GOLDEN = os.environ.get("BRUKERREISE_UPDATE_GOLDEN") == "1"


def matches_golden(path: Path, actual: bytes) -> None:
    """`actual` is byte for byte the golden file at `path`; with BRUKERREISE_UPDATE_GOLDEN=1 (or when the
    file is missing, which fails the test) it is written there instead."""
    if UPDATE_GOLDEN or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual)
        if not UPDATE_GOLDEN:
            pytest.fail(f"{path} did not exist and was written: check it and commit it")
    assert actual == path.read_bytes(), f"{path.name} changed: look at it, then BRUKERREISE_UPDATE_GOLDEN=1"


# Words of the YAML parser that no message to a user may carry.
JARGON = re.compile(r"<block|<scalar|stream|scalar|token|mapping|node content|indicator|expected <|document start|hexdecimal")
