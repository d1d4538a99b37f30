"""The deck's look, read from the shared theme and the deck's labels: colours, line styles, markers, words."""

from __future__ import annotations

import functools
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE

from ...model import Actor
from ...render.labels import labels
from ...render.resources import definition

DASHES = {"solid": MSO_LINE.SOLID, "bold": MSO_LINE.SOLID, "dashed": MSO_LINE.DASH, "dotted": MSO_LINE.ROUND_DOT}


def rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of '#RRGGBB'."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two '#RRGGBB' colours (1 … 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@functools.cache
def theme() -> dict[str, Any]:
    return definition("theme.yaml")


class Style:
    """Theme colours and the labels of one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.theme = theme()
        self.words = labels("deck", lang)

    def __getitem__(self, key: str) -> str:
        return self.words[key]

    def text(self, key: str, **values: Any) -> str:
        return self.words.text(key, **values)

    def count(self, key: str, n: float, **values: Any) -> str:
        """A label written as {one: …, other: …}, in the form for the count `n`."""
        return self.words.count(key, n, **values)

    @property
    def ink(self) -> str:
        return self.theme["text"]

    @property
    def muted(self) -> str:
        return self.theme["muted_text"]

    @property
    def title_ink(self) -> str:
        return self.theme["title_text"]

    @property
    def background(self) -> str:
        return self.theme["background"]

    def kind(self, actor: Actor) -> dict[str, str]:
        return self.theme["kinds"][actor.kind.value]

    def badge(self, actor: Actor) -> str:
        return self.words[self.kind(actor)["badge"]]

    def emotion_symbol(self, emotion: int | None) -> str:
        return "" if emotion is None else self.theme["emotions"][str(emotion)]["symbol"]

    def emotion_colour(self, emotion: int) -> str:
        return self.theme["emotions"][str(emotion)]["color"]

    def emotion_word(self, emotion: int | None) -> str:
        return "" if emotion is None else self.words[f"emotion_{emotion}"]

    def emotion(self, emotion: int | None) -> str:
        """Symbol and word, e.g. '▼ negativ' (never the colour alone)."""
        return "" if emotion is None else f"{self.emotion_symbol(emotion)} {self.emotion_word(emotion)}"

    def channel(self, channel: Any) -> str:
        return "" if channel is None else self.words[f"channel_{channel.value}"]

    def channel_word(self, value: str) -> str:
        return self.words[f"channel_{value}"]

    def arrow(self, name: str) -> dict[str, Any]:
        return self.theme[name]

    def marker(self, name: str) -> str:
        if name in ("sensitive_marker", "pain_point_marker"):
            return self.theme[name]
        return self.theme[name]["marker"]
