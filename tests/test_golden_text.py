"""Golden files for the text exports, as for the swimlane's SVG: Mermaid (every format), BPMN, draw.io and the CSV of
steps, byte for byte, for the journeys of the test fixtures (ordinary ones, one full of hostile text, an
as-is journey with its to-be journey). A change shows as a diff to read; BRUKERREISE_UPDATE_GOLDEN=1 writes
them anew."""

from __future__ import annotations

import functools

import pytest

from brukerreise.api import check
from brukerreise.export import EXPORTERS
from support import FIXTURES, GOLDEN, matches_golden

FOLDERS = ("build", "tools/hostile", "comparison")
FORMATS = [("mermaid", fmt) for fmt in EXPORTERS["mermaid"].formats] + [("bpmn", "bpmn"), ("drawio", "drawio"), ("spreadsheet", "csv")]


@functools.cache
def analyses(folder: str) -> dict:
    checked = check([FIXTURES / folder])
    assert checked.is_valid(), [str(i) for i in checked.errors]
    return {a.journey.id: a for a in checked.analyse()}


def _cases() -> list:
    return [pytest.param(folder, journey_id, kind, fmt, id=f"{journey_id}.{EXPORTERS[kind].suffixes[fmt]}")
            for folder in FOLDERS for journey_id in sorted(analyses(folder)) for kind, fmt in FORMATS]


@pytest.mark.parametrize(("folder", "journey_id", "kind", "fmt"), _cases())
def test_text_exports_match_their_golden_files(folder, journey_id, kind, fmt):
    exporter = EXPORTERS[kind]
    actual = exporter.export(analyses(folder)[journey_id], fmt, "nb")
    matches_golden(GOLDEN / kind / f"{journey_id}.{exporter.suffixes[fmt]}", actual)
