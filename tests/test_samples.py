"""samples/ holds what `brukerreise build journeys -o samples/` makes; this test fails when it is stale."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from brukerreise.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
REFRESH = "samples/ is stale: refresh it with `.venv/bin/brukerreise build journeys -o samples/` and commit it"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    cwd = Path.cwd()
    try:
        import os

        os.chdir(ROOT)  # sources in the reports are shown relative to the repository, as in samples/
        assert main(["build", "journeys", "-o", str(out)]) == 0
    finally:
        os.chdir(cwd)
    return out


def generated(folder: Path) -> set[str]:
    """Every file build wrote, by its path relative to the folder (the site's pages are in site/)."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name != "README.md"}


def test_samples_hold_every_output(fresh):
    assert generated(SAMPLES) == generated(fresh), REFRESH


@pytest.mark.parametrize("suffix", ["svg", "pptx", "md", "json", "html"])
def test_samples_are_byte_for_byte_current(fresh, suffix):
    for path in sorted(fresh.rglob(f"*.{suffix}")):
        sample = SAMPLES / path.relative_to(fresh)
        assert sample.is_file(), REFRESH
        assert sample.read_bytes() == path.read_bytes(), f"{path.name}: {REFRESH}"


def test_sample_pngs_are_current(fresh):
    """PNG pixels depend on the machine's cairo and fonts, so the test compares what the journey decides:
    the picture's size. Its content is the SVG's, which is compared byte for byte above."""
    for path in sorted(fresh.glob("*.png")):
        sample = SAMPLES / path.name
        assert sample.is_file(), REFRESH
        assert png_size(sample.read_bytes()) == png_size(path.read_bytes()), f"{path.name}: {REFRESH}"
