"""The swimlane as native, editable shapes: a box per step in its owner's lane, joined by connectors glued
to the boxes, split into slides by phase (and further when a phase has too many columns or rows)."""

from __future__ import annotations

import copy
import functools
import math
from collections.abc import Sequence

import attrs
from lxml import etree
from pptx.enum.shapes import MSO_CONNECTOR
from pptx.oxml.ns import qn

from ...analysis import JourneyAnalysis, PhaseSpan
from ...model import Actor
from .canvas import BODY_BOTTOM, BODY_TOP, MARGIN, WIDTH, Deck, Page, outline, set_descr
from .facts import Facts
from .text import Para, Run, para

LANE_HEADER = 150.0
GAP_X = 26.0  # room for the connectors between columns
GAP_Y = 8.0
MIN_BOX_WIDTH = 124.0
MIN_BOX_HEIGHT = 44.0  # two lines of title and a marker line at 10 pt
MAX_BOX_HEIGHT = 104.0
BOX_SIZES = (16, 14, 13, 12, 11, 10)
PHASE_BAND = 22.0
LEGEND = 30.0
GRID_TOP = BODY_TOP + PHASE_BAND + 4
GRID_BOTTOM = BODY_BOTTOM - LEGEND - 4
GRID_LEFT = MARGIN + LANE_HEADER + 6
GRID_WIDTH = WIDTH - MARGIN - GRID_LEFT
MAX_COLUMNS = int((GRID_WIDTH + GAP_X) // (MIN_BOX_WIDTH + GAP_X))
MAX_UNITS = int((GRID_BOTTOM - GRID_TOP) // (MIN_BOX_HEIGHT + GAP_Y))


@attrs.frozen
class Sheet:
    """One swimlane slide: some columns of one phase, and the lanes (with their stacking) shown."""

    phase_index: int
    span: PhaseSpan
    columns: tuple[int, ...]
    lanes: tuple[tuple[Actor, int], ...]  # actor, rows it needs (parallel steps of one owner stack)
    steps: tuple[str, ...]


def sheets(a: JourneyAnalysis) -> list[Sheet]:
    """The slides the swimlane needs, in phase and time order. Linear in the number of steps."""
    out: list[Sheet] = []
    for index, span in enumerate(a.phases):
        if not span.steps:
            continue
        cols = list(range(span.first_column, span.last_column + 1))
        parts = math.ceil(len(cols) / MAX_COLUMNS)
        per = math.ceil(len(cols) / parts)
        groups = [cols[i:i + per] for i in range(0, len(cols), per)]
        while groups:
            group = groups.pop(0)
            in_group = set(group)
            steps = [s for s in span.steps if a.columns[s] in in_group]
            lanes = _lanes(a, steps)
            if sum(n for _, n in lanes) <= MAX_UNITS or (len(group) == 1 and len(lanes) <= 1):
                out.append(Sheet(index, span, tuple(group), tuple(lanes), tuple(steps)))
            elif len(group) > 1:
                half = len(group) // 2
                groups[:0] = [group[:half], group[half:]]
            else:  # one column with more parallel steps than fit: split its lanes over slides
                chunk: list[tuple[Actor, int]] = []
                for lane in lanes:
                    if chunk and sum(n for _, n in chunk) + lane[1] > MAX_UNITS:
                        out.append(_partial(index, span, group, chunk, steps, a))
                        chunk = []
                    chunk.append(lane)
                out.append(_partial(index, span, group, chunk, steps, a))
    return out


def _partial(index, span, group, lanes, steps, a) -> Sheet:
    mine = {actor.id for actor, _ in lanes}
    return Sheet(index, span, tuple(group), tuple(lanes), tuple(s for s in steps if a.step(s).owner in mine))


def _lanes(a: JourneyAnalysis, steps: Sequence[str]) -> list[tuple[Actor, int]]:
    stack: dict[tuple[str, int], int] = {}
    for s in steps:
        key = (a.step(s).owner, a.columns[s])
        stack[key] = stack.get(key, 0) + 1
    need: dict[str, int] = {}
    for (owner, _), n in stack.items():
        need[owner] = max(need.get(owner, 0), n)
    return [(actor, need[actor.id]) for actor in a.lanes if actor.id in need]


def draw(deck: Deck, a: JourneyAnalysis, sheet: Sheet, page: Page, part: int, parts: int, facts: Facts) -> dict[str, object]:
    """Draw one sheet on the page; returns the step boxes by step id."""
    style = deck.style
    phase_title = style.text("swimlane_phase", n=sheet.phase_index + 1, total=len(a.phases), phase=sheet.span.phase.title)
    if parts > 1:
        phase_title += " " + style.text("part_of", part=part, parts=parts)
    fills = style.theme["phase_fill"]
    page.text(MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, PHASE_BAND, [para(phase_title, True, style.theme["phase_text"])],
              (14, 12, 11, 10), anchor="m", fill=fills[sheet.phase_index % len(fills)], descr=phase_title)

    n_cols = len(sheet.columns)
    pitch_x = min((GRID_WIDTH + GAP_X) / n_cols, 260.0 + GAP_X)
    box_w = pitch_x - GAP_X
    units = sum(n for _, n in sheet.lanes)
    pitch_y = min((GRID_BOTTOM - GRID_TOP) / units, MAX_BOX_HEIGHT + GAP_Y)
    col_x = {c: GRID_LEFT + i * pitch_x for i, c in enumerate(sheet.columns)}

    boxes: dict[str, object] = {}
    y = GRID_TOP
    for lane_index, (actor, rows) in enumerate(sheet.lanes):
        kind = style.kind(actor)
        h = rows * pitch_y
        band = style.theme["lane_header_fill"] if lane_index % 2 == 0 else style.background
        page.box(MARGIN, y, WIDTH - 2 * MARGIN, h - 2, fill=band, line=None,
                 descr=style.text("alt_lane", actor=actor.name, kind=style.badge(actor)))
        header = [para(actor.short, True), para(f"({style.badge(actor)})", False, style.muted)]
        page.text(MARGIN + 2, y + 2, LANE_HEADER - 4, h - 6, header, (16, 14, 12, 11, 10), anchor="m", fill=kind["fill"],
                  line=kind["stroke"], border=kind["border"],
                  descr=style.text("alt_lane", actor=actor.name, kind=style.badge(actor)))
        slots: dict[int, int] = {}
        for s in sheet.steps:
            step = a.step(s)
            if step.owner != actor.id:
                continue
            col = a.columns[s]
            slot = slots.get(col, 0)
            slots[col] = slot + 1
            boxes[s] = _step_box(page, facts, s, actor, col_x[col], y + slot * pitch_y + GAP_Y / 2, box_w, pitch_y - GAP_Y)
        y += h

    _connectors(page, a, sheet, boxes, facts)
    _legend(page)
    return boxes


def _step_box(page: Page, facts: Facts, step_id: str, actor: Actor, x: float, y: float, w: float, h: float):
    style = page.style
    step = facts.a.step(step_id)
    kind = style.kind(actor)
    number = facts.number[step_id]
    marks: list[Run] = []
    if step.emotion is not None:
        marks.append(Run(style.emotion_symbol(step.emotion) + " ", False, style.emotion_colour(step.emotion)))
    extras = []
    if step.pain_points:
        extras.append(f"{style.marker('pain_point_marker')}{len(step.pain_points)}")
    flows = facts.flows_at.get(step_id, [])
    if flows:
        extras.append(f"{style.marker('data')}{len(flows)}")
    carried = sum(1 for f in flows if f.carried_by_user)
    if carried:
        extras.append(f"{style.marker('user_carried')}{carried}")
    if extras:
        marks.append(Run(" ".join(extras), False, style.muted))
    paras = [Para((Run(f"{number}. ", True), Run(step.title)))]
    if marks:
        paras.append(Para(tuple(marks)))
    descr = style.text(
        "alt_step", n=number, title=step.title, owner=actor.name,
        emotion=style.emotion_word(step.emotion) or style["none"], pains=len(step.pain_points), flows=len(flows),
    )
    shape = page.text(x, y, w, h, paras, BOX_SIZES, anchor="m", fill=kind["fill"], line=kind["stroke"],
                      border=kind["border"], descr=descr)
    shape.name = f"step-{step_id}"
    return shape


def _connectors(page: Page, a: JourneyAnalysis, sheet: Sheet, boxes: dict[str, object], facts: Facts) -> None:
    style = page.style
    shown = set(sheet.steps)
    handoffs = facts.handoff_steps
    for s in sheet.steps:
        for p in a.after[s]:
            step, prev = a.step(s), a.step(p)
            if p not in shown or s not in boxes or p not in boxes:
                if p not in shown:
                    page.note(style.text("notes_from_earlier", step=step.title, prev=prev.title))
                continue
            handoff = (p, s) in handoffs
            look = style.arrow("handoff" if handoff else "flow")
            begin, end = boxes[p], boxes[s]
            elbow = begin.top != end.top
            line = page.slide.shapes.add_connector(
                MSO_CONNECTOR.ELBOW if elbow else MSO_CONNECTOR.STRAIGHT, 0, 0, 0, 0)
            line.begin_connect(begin, 3)
            line.end_connect(end, 1)
            line._element.find(_SP_PR).append(copy.deepcopy(_arrow_line(look["color"], look["width"], look["style"])))
            line.name = f"{'handoff' if handoff else 'flow'}-{p}-{s}"
            key = "alt_handoff" if handoff else "alt_flow"
            set_descr(line, style.text(key, prev=prev.title, step=step.title,
                                       from_actor=a.actors[prev.owner].name, to_actor=a.actors[step.owner].name))
    for p in sheet.steps:
        for s in facts.following[p]:
            if s not in shown:
                page.note(style.text("notes_to_later", step=a.step(s).title, prev=a.step(p).title))


_SP_PR = qn("p:spPr")


@functools.cache
def _arrow_line(colour: str, points: float, border: str):
    """A connector's <a:ln>, ending in an arrowhead. A prototype: copy it."""
    ln = copy.deepcopy(outline(colour, points, border))
    etree.SubElement(ln, qn("a:tailEnd"), type="triangle", w="med", len="med")
    return ln


def _legend(page: Page) -> None:
    style = page.style
    y = BODY_BOTTOM - LEGEND
    handoff, flow = style.arrow("handoff"), style.arrow("flow")
    runs = (
        Run(style["legend_boxes"] + "  "),
        Run("▬▬ " + style.marker("handoff") + " ", True, handoff["color"]),
        Run(style["legend_handoff"] + "   "),
        Run("── ", False, flow["color"]),
        Run(style["legend_flow"] + "   "),
        Run(style["legend_marks"].format(
            down=style.emotion_symbol(-1), up=style.emotion_symbol(1), pain=style.marker("pain_point_marker"),
            data=style.marker("data"), carried=style.marker("user_carried"))),
    )
    page.text(MARGIN, y, WIDTH - 2 * MARGIN, LEGEND, [Para(runs)], (12, 11, 10), anchor="m", content=False)
