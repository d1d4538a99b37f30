"""Every character the swimlanes and decks draw of their own (markers, symbols, labels, outline, questions,
and the literals in their code) is in Liberation Sans, regular and bold. A character the font lacks is
measured and drawn with whatever fallback font a machine has, so the SVG would change from machine to
machine (Graphviz places text by its measured width) and the deck would look different in every office."""

from __future__ import annotations

import io
import os
import tokenize
from pathlib import Path
from typing import Any

import pytest

from brukerreise.render.resources import definition, exporters_dir

from support import ROOT

FONTS = Path("/usr/share/fonts/truetype/liberation2")
DRAWN = ("theme.yaml", "swimlane", "deck")  # the report is text, shown in the reader's own font
CODE = (ROOT / "src/brukerreise/export/swimlane", ROOT / "src/brukerreise/export/deck",
        ROOT / "src/brukerreise/export/textfit.py")


def _font_characters(style: str) -> set[int]:
    path = FONTS / f"LiberationSans-{style}.ttf"
    if not path.exists() or not _has_fonttools():
        if os.environ.get("CI"):
            pytest.fail(f"{path} or fontTools is missing: .ci/setup installs both")
        pytest.skip(f"{path} or fontTools is missing")
    from fontTools.ttLib import TTFont

    return set(TTFont(str(path)).getBestCmap())


def _has_fonttools() -> bool:
    try:
        import fontTools  # noqa: F401 - only whether it is installed
    except ImportError:
        return False
    return True


def _strings(data: Any) -> list[str]:
    if isinstance(data, dict):
        return [s for k, v in data.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return [data] if isinstance(data, str) else []


def _definition_texts() -> dict[str, str]:
    """Every text in the drawn exporters' definitions, by file."""
    root = exporters_dir()
    found = {}
    for name in DRAWN:
        files = [root / name] if name.endswith(".yaml") else sorted((root / name).glob("*.yaml"))
        for file in files:
            found[str(file.relative_to(root))] = "".join(_strings(definition(str(file.relative_to(root)))))
    return found


def _code_literals() -> dict[str, str]:
    """The string literals in the drawing exporters' code, by file."""
    found = {}
    for place in CODE:
        for file in [place] if place.is_file() else sorted(place.glob("*.py")):
            tokens = tokenize.generate_tokens(io.StringIO(file.read_text(encoding="utf-8")).readline)
            found[str(file.relative_to(ROOT))] = "".join(t.string for t in tokens if t.type == tokenize.STRING)
    return found


@pytest.mark.parametrize("style", ["Regular", "Bold"])
def test_every_drawn_character_is_in_liberation_sans(style):
    covered = _font_characters(style)
    missing = {
        where: sorted({ch for ch in text if ord(ch) not in covered and ch not in "\n\r\t"})
        for where, text in {**_definition_texts(), **_code_literals()}.items()
    }
    missing = {where: chars for where, chars in missing.items() if chars}
    assert not missing, (
        "characters Liberation Sans lacks (a fallback font would measure and draw them): "
        + "; ".join(f"{where}: {' '.join(f'{c!r} U+{ord(c):04X}' for c in chars)}" for where, chars in missing.items())
    )


def test_the_check_sees_the_markers():
    """The check reads the theme's markers and the code's own symbols (it would pass vacuously otherwise)."""
    texts = "".join(_definition_texts().values()) + "".join(_code_literals().values())
    for ch in (definition("theme.yaml")["data"]["marker"], "‼", "▼", "…", "→"):
        assert ch in texts
