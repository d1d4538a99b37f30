"""Which files `validate FOLDER` reads, and in which order: the same as searching the folder with pathlib
(`sorted(Path(folder).rglob("*"))`, as loading.py did), which a plain folder is now searched without."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from brukerreise.reading.loading import YAML_SUFFIXES, _discover, _loops


def _reference(given: str) -> list[str]:
    path = Path(given)
    return [str(p) for p in sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and (p.is_file() or _loops(p)))]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "tre"
    for name in ("a/x.yaml", "a-b/x.yaml", "a/b/c/dyp.yml", ".skjult/x.yaml", "a/.yaml", "a/x.", "a/X.YAML", "a/x.yaml.bak",
                 "æøå/ø.yaml", "z.yaml", "Z.yaml", "a b/mellom rom.yaml", "a/y.json"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("journey: x\n")
    (root / "mappe.yaml").mkdir()
    (root / "lenke.yaml").symlink_to(root / "z.yaml")
    (root / "borte.yaml").symlink_to(root / "finnes-ikke.yaml")
    (root / "sirkel.yaml").symlink_to(root / "sirkel.yaml")
    (root / "lenket-mappe").symlink_to(root / "a", target_is_directory=True)
    return root


def test_a_folder_is_searched_as_pathlib_searches_it(tree: Path, monkeypatch):
    monkeypatch.chdir(tree.parent)
    for given in ("tre", "./tre/", "tre//", "tre/./a", str(tree), str(tree) + "/"):
        assert list(_discover([given])) == _reference(given), given
    monkeypatch.chdir(tree)
    assert list(_discover(["."])) == _reference(".")


def test_the_files_found_are_the_files_expected(tree: Path, monkeypatch):
    monkeypatch.chdir(tree.parent)
    found = list(_discover(["tre"]))
    assert "tre/a-b/x.yaml" in found and found.index("tre/a/x.yaml") < found.index("tre/a-b/x.yaml")  # by parts
    assert "tre/lenke.yaml" in found and "tre/sirkel.yaml" in found and "tre/.skjult/x.yaml" in found
    assert not any(f.startswith("tre/lenket-mappe") or f.endswith(("borte.yaml", "mappe.yaml", "X.YAML", "/.yaml")) for f in found)


def test_a_folder_and_a_file_in_it_are_read_once(tree: Path, monkeypatch):
    monkeypatch.chdir(tree.parent)
    found = _discover(["tre", "tre/z.yaml", "./tre//z.yaml"])
    assert list(found).count("tre/z.yaml") == 1 and os.path.isfile("tre/z.yaml")
