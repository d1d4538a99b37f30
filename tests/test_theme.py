"""The shared theme: every text colour keeps a contrast of at least 4.5:1 against what it stands on."""

from __future__ import annotations

import itertools

import pytest

from brukerreise.render.labels import labels
from brukerreise.render.resources import definition


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


THEME = definition("theme.yaml")
BACKGROUNDS = [THEME["background"], THEME["lane_header_fill"], *THEME["phase_fill"]] + [k["fill"] for k in THEME["kinds"].values()]
TEXTS = [THEME["text"], THEME["muted_text"], THEME["title_text"], THEME["phase_text"]] + [k["stroke"] for k in THEME["kinds"].values()]


@pytest.mark.parametrize(("text", "fill"), list(itertools.product(TEXTS, BACKGROUNDS)))
def test_text_contrast_is_at_least_4_5(text, fill):
    assert contrast(text, fill) >= 4.5, f"{text} on {fill}: {contrast(text, fill):.2f}"


@pytest.mark.parametrize("arrow", ["handoff", "data", "user_carried"])
def test_arrow_labels_are_readable_on_white_and_lanes(arrow):
    colour = THEME[arrow]["color"]
    for fill in BACKGROUNDS:
        assert contrast(colour, fill) >= 4.5, f"{arrow} {colour} on {fill}"


def test_emotion_colours_are_readable():
    for emotion in THEME["emotions"].values():
        for fill in BACKGROUNDS:
            assert contrast(emotion["color"], fill) >= 4.5


def test_colour_is_never_the_only_cue():
    """Each actor kind has its own border style or badge, and arrows differ in style or marker."""
    kinds = THEME["kinds"].values()
    assert len({(k["border"], k["badge"]) for k in kinds}) == len(THEME["kinds"])
    assert len({k["badge"] for k in kinds}) == len(THEME["kinds"])
    arrows = [THEME[a] for a in ("flow", "handoff", "data", "user_carried")]
    assert len({(a["style"], a["width"], a.get("marker")) for a in arrows}) == len(arrows)


@pytest.mark.parametrize("exporter", ["swimlane", "deck"])
@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_every_badge_has_a_label(exporter, lang):
    table = labels(exporter, lang)
    for kind in THEME["kinds"].values():
        assert table.get(kind["badge"]), f"{exporter}/{lang}: no label for {kind['badge']}"
