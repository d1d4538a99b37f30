"""A Mermaid flowchart of a journey, or of a run of its steps: one subgraph per lane in the analysis' lane
order, steps in time order, kasteball handoffs thick and labelled, data flows optional."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import attrs

from ...analysis import Flow, JourneyAnalysis
from ...render.escaping import mermaid, mermaid_label
from ...render.resources import definition


# Mermaid's ELK layout (bundled with mermaid-cli 12 and mermaid.live) lays out 100 steps with subgraphs;
# a renderer without it falls back to its default layout (dagre), which fails on long journeys.
ELK_HEADER = ("---", "config:", "  layout: elk", "---")


@attrs.frozen
class Boundary:
    """Where a part of a journey meets the other parts: the part each outside step is in."""

    part_of: Mapping[str, int]  # step id -> part number (1-based), for every step of the journey


@attrs.frozen
class Chart:
    """What to draw: which steps (in time order), with or without data flows, and the accessible texts."""

    steps: tuple[str, ...]
    title: str
    description: str
    data: bool = False
    boundary: Boundary | None = None
    header: tuple[str, ...] = ()


def step_ids(analysis: JourneyAnalysis) -> dict[str, str]:
    """Our node id of each step: its place in time order, never the user's id."""
    return {step_id: f"s{i}" for i, step_id in enumerate(analysis.order)}


def flowchart(a: JourneyAnalysis, chart: Chart, label: Callable[..., str]) -> str:
    ids = step_ids(a)
    shown = set(chart.steps)
    lane_of = {actor.id: i for i, actor in enumerate(a.lanes)}
    in_lane: dict[int, list[str]] = {}
    for step_id in chart.steps:
        step = a.step(step_id)
        shape = '("{}")' if a.actors[step.owner].is_person else '["{}"]'
        in_lane.setdefault(lane_of[step.owner], []).append(f"    {ids[step_id]}{shape.format(mermaid(step.title))}")
    links: list[str] = []
    kasteball = {(h.from_step, h.to_step) for h in a.handoffs}
    transfers = {(h.from_step, h.to_step) for h in a.transfers}

    def link(source: str, target: str, pair: tuple[str, str]) -> None:
        if pair in kasteball:
            links.append(f"  {source} ==>|{mermaid_label(label('kasteball'))}| {target}")
        elif pair in transfers:
            links.append(f"  {source} -->|{mermaid_label(label('transfer'))}| {target}")
        else:
            links.append(f"  {source} --> {target}")

    outside: dict[str, str] = {}  # node id -> its line, for links to other parts
    for step_id in chart.steps:
        for before in a.after[step_id]:
            if before in shown:
                link(ids[before], ids[step_id], (before, step_id))
            elif chart.boundary is not None:
                node = _part_node(outside, "from", chart.boundary.part_of[before], label("from_part", part=chart.boundary.part_of[before]))
                link(node, ids[step_id], (before, step_id))
    if chart.boundary is not None:
        followers = _followers(a)
        for step_id in chart.steps:
            for after in followers.get(step_id, ()):
                if after not in shown:
                    part = chart.boundary.part_of[after]
                    node = _part_node(outside, "to", part, label("to_part", part=part))
                    link(ids[step_id], node, (step_id, after))
        links = list(dict.fromkeys(links))  # two steps of a later part after one step: one link to that part
    if chart.data:
        for index, flow in enumerate(a.flows):
            if flow.step in shown:
                links.append(_data(a, flow, index, ids, in_lane, lane_of, label))

    lines = [*chart.header, "flowchart LR", f"  accTitle: {mermaid(chart.title)}", f"  accDescr: {mermaid(chart.description)}"]
    lines += outside.values()
    for lane, actor in enumerate(a.lanes):
        if lane in in_lane:
            lines.append(f"  subgraph lane{lane}[{mermaid_label(actor.short)}]")
            lines += in_lane[lane]
            lines.append("  end")
    lines += links
    thick = [i for i, line in enumerate(links) if "==>" in line]  # Mermaid numbers links in order
    if thick:
        color = definition("theme.yaml")["handoff"]["color"]
        lines.append(f"  linkStyle {','.join(map(str, thick))} stroke:{color},stroke-width:3.5px")
    return "\n".join(lines) + "\n"


def _part_node(nodes: dict[str, str], direction: str, part: int, text: str) -> str:
    node = f"{direction}{part}"
    nodes.setdefault(node, f"  {node}([{mermaid_label(text)}])")
    return node


def _followers(a: JourneyAnalysis) -> dict[str, list[str]]:
    followers: dict[str, list[str]] = {}
    for step_id in a.order:
        for before in a.after[step_id]:
            followers.setdefault(before, []).append(step_id)
    return followers


def _data(a: JourneyAnalysis, flow: Flow, index: int, ids: Mapping[str, str], in_lane: dict[int, list[str]],
          lane_of: Mapping[str, int], label: Callable[..., str]) -> str:
    """A data flow: a node for the item in the lane of the actor at the other end, linked with a dotted
    arrow in the direction the data goes."""
    owner = a.step(flow.step).owner
    item = a.data_items[flow.item]
    text = item.name + (f" {definition('theme.yaml')['sensitive_marker']}" if flow.sensitive else "")
    node, step = f"d{index}", ids[flow.step]
    if flow.to_actor == owner:
        lane, source, target = lane_of[flow.from_actor], node, step
    else:
        lane, source, target = lane_of[flow.to_actor], step, node
        if flow.from_actor != owner:
            text += f" ({label('data_from', actor=a.actors[flow.from_actor].short)})"
    in_lane.setdefault(lane, []).append(f"    {node}[/{mermaid_label(text)}/]")
    if flow.carried_by_user:
        return f"  {source} -.->|{mermaid_label(label('carried'))}| {target}"
    return f"  {source} -.-> {target}"
