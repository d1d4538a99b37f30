"""A Markdown page to paste into a wiki: the flowchart in linked parts, one per phase (a long phase in
several), each small enough for Mermaid's default layout (dagre), then the journey diagram."""

from __future__ import annotations

from collections.abc import Callable

from ...analysis import JourneyAnalysis
from .flowchart import Boundary, Chart, flowchart
from ...render.escaping import markdown
from .journey import journey_diagram

# Mermaid's default layout (dagre) fails on larger flowcharts with subgraphs ("Cannot set properties of
# undefined"); parts of at most this many steps rendered in every trial (see tests/test_mermaid.py).
MAX_PART_STEPS = 15


def parts(a: JourneyAnalysis) -> list[tuple[str, tuple[str, ...]]]:
    """(phase title, steps) per part: each phase's steps in time order, cut into runs of MAX_PART_STEPS."""
    found: list[tuple[str, tuple[str, ...]]] = []
    for span in a.phases:
        for start in range(0, len(span.steps), MAX_PART_STEPS):
            found.append((span.phase.title, span.steps[start:start + MAX_PART_STEPS]))
    return found


def wiki_page(a: JourneyAnalysis, label: Callable[..., str], title: str) -> str:
    j = a.journey
    cut = parts(a)
    part_of = {step_id: n for n, (_, steps) in enumerate(cut, start=1) for step_id in steps}
    out = [
        f"# {markdown(j.title)}", "",
        markdown(label("wiki_intro", title=j.title, life_event=j.life_event.value, source=a.source or j.id)), "",
        markdown(label("wiki_legend")), "",
        f"## {markdown(label('wiki_flow'))}", "",
    ]
    for n, (phase, steps) in enumerate(cut, start=1):
        heading = label("part_title", part=n, parts=len(cut), phase=phase)
        chart = Chart(steps, heading, label("part_description", part=n, parts=len(cut), title=j.title, phase=phase,
                                            steps=len(steps)), boundary=Boundary(part_of))
        out += [f"### {markdown(heading)}", "", "```mermaid", flowchart(a, chart, label).rstrip("\n"), "```", ""]
    out += [f"## {markdown(label('wiki_journey'))}", "", "```mermaid", journey_diagram(a, label, title).rstrip("\n"), "```", ""]
    return "\n".join(out)
