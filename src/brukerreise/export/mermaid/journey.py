"""A Mermaid `journey` diagram: the emotional curve, one section per phase, each step a task scored 1–5
from its emotion (-2..2; 3 when none is given) with the actors taking part."""

from __future__ import annotations

from collections.abc import Callable

from ...analysis import JourneyAnalysis
from ...render.escaping import mermaid

NEUTRAL = 3


def score(emotion: int | None) -> int:
    """Mermaid's 1 (worst) .. 5 (best) from the journey's -2 (very hard) .. 2 (very good)."""
    return NEUTRAL if emotion is None else emotion + NEUTRAL


def journey_diagram(a: JourneyAnalysis, label: Callable[..., str], title: str) -> str:
    lines = [
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
            lines.append(f"    {mermaid(step.title)}: {score(step.emotion)}: {actors}")
    return "\n".join(lines) + "\n"
