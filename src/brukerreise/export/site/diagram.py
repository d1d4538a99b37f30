"""The swimlane SVG made part of a page: a group described by its title and description, each step a
focusable button, and each step, lane and data chip marked with the actors it concerns (for the filter)."""

from __future__ import annotations

import re

from ...analysis import JourneyAnalysis
from ...render.escaping import html_attribute

PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.S)  # the XML declaration, doctype and comments before <svg>
_ROOT_ACCESS = ' role="img" aria-labelledby="swimlane-title swimlane-desc"'
_GROUP = re.compile(r'<g id="((?:step|lane|lanehead|data)-([^"]*))" class="node (step|lane|lane-head|data)">')
_CHIP = re.compile(r"(\d+)(?:-to)?")


def interactive_svg(svg: bytes, analysis: JourneyAnalysis) -> str:
    """The SVG text to put inline in the journey's page."""
    text = PROLOGUE.sub("", svg.decode("utf-8"), count=1)
    text = text.replace(
        _ROOT_ACCESS, ' role="group" aria-labelledby="swimlane-title" aria-describedby="swimlane-desc"', 1
    )
    lanes = {a.id for a in analysis.lanes}

    def mark(m: re.Match[str]) -> str:
        key, rest, role = m.groups()
        extra = ""
        if role == "step" and rest in analysis.steps_by_id:
            step = analysis.step(rest)
            actors = [step.owner, *step.with_]
            extra = f' tabindex="0" role="button" data-step="{html_attribute(rest)}"'
        elif role in ("lane", "lane-head") and rest in lanes:
            actors = [rest]
        elif role == "data" and (chip := _CHIP.fullmatch(rest)) and int(chip.group(1)) < len(analysis.flows):
            flow = analysis.flows[int(chip.group(1))]
            actors = [flow.from_actor, flow.to_actor]
        else:
            return m.group(0)
        return m.group(0)[:-1] + f'{extra} data-actors="{html_attribute(" ".join(dict.fromkeys(actors)))}">'

    return _GROUP.sub(mark, text)
