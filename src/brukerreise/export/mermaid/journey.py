"""A Mermaid `journey` diagram: the emotional curve, one section per phase, each step a task scored 1–5
from its emotion (-2..2; 3 when none is given) with the actors taking part. Task boxes are made as tall
as the longest title needs (a title too long for `max_lines` is shortened with '…'), and each actor gets
a colour of its own (exporters/mermaid/journey.yaml)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ...render import textfit
from ...analysis import JourneyAnalysis
from ...render.escaping import mermaid
from ...render.plaintext import plain
from ...render.resources import definition

NEUTRAL = 3


def score(emotion: int | None) -> int:
    """Mermaid's 1 (worst) .. 5 (best) from the journey's -2 (very hard) .. 2 (very good)."""
    return NEUTRAL if emotion is None else emotion + NEUTRAL


def _titles(a: JourneyAnalysis, look: dict[str, Any]) -> tuple[dict[str, str], int]:
    """Each step's title as the box shows it, and the box height the longest needs."""
    width, size = look["width"] - 2 * look["padding"], look["font_size"]
    shown, most = {}, 1
    for step in a.steps:
        text = plain(step.title)
        lines, shortened = textfit.clip(text, width, look["max_lines"] * textfit.line_height(size) + 0.01, size)
        shown[step.id] = " ".join(lines) if shortened else text
        most = max(most, len(lines))
    return shown, max(look["min_height"], round(most * textfit.line_height(size) + 2 * look["padding"]))


def init_line(height: int, look: dict[str, Any], actors: int) -> str:
    """Mermaid's configuration for this diagram. Mermaid 12 draws the actors' dots from a fixed list of six
    colours whatever `actorColours` says, so each dot's colour is also set by its class (`actor-N`, N the
    actor's place in Mermaid's alphabetical list) in `themeCSS`, which wikis pass on as well."""
    colours = look["actor_colours"]
    css = " ".join(f".actor-{i} {{ fill: {colours[i % len(colours)]}; }}" for i in range(actors))
    config = {"journey": {"width": look["width"], "height": height, "taskFontSize": look["font_size"],
                          "actorColours": colours}, "themeCSS": css}
    return f"%%{{init: {json.dumps(config, separators=(', ', ': '))}}}%%"


def journey_diagram(a: JourneyAnalysis, label: Callable[..., str], title: str) -> str:
    look = definition("mermaid/journey.yaml")
    titles, height = _titles(a, look)
    lines = [
        init_line(height, look, len({x for s in a.steps for x in (s.owner, *s.with_)})),
        "journey",
        f"  accTitle: {mermaid(label('journey_title', title=title))}",
        f"  accDescr: {mermaid(label('journey_description', title=title))}",
        f"  title {mermaid(title)}",
    ]
    for span in a.phases:
        if not span.steps:
            continue
        lines.append(f"  section {mermaid(span.phase.title)}")
        for step_id in span.steps:
            step = a.step(step_id)
            actors = ", ".join(mermaid(a.actors[x].short, also=",") for x in (step.owner, *step.with_))
            lines.append(f"    {mermaid(titles[step_id])}: {score(step.emotion)}: {actors}")
    return "\n".join(lines) + "\n"
