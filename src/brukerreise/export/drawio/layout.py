"""Where each cell of the draw.io file goes, from our own grid (as the swimlane and BPMN use): a pool
below the title and phase headers, a lane per actor in lane order, each step in its lane and time
column, a data chip in the other actor's lane at the step, phase bands behind the pool, and the legend
below it. Absolute coordinates in draw.io's pixels, y growing downwards."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from ...render import textfit
from ...analysis import JourneyAnalysis
from ...render.geometry import Rect
from ...render import grid
from .text import clean

LEGEND_ROWS = 8  # the legend's samples: see cells.legend


@attrs.frozen
class Chip:
    """A data flow's end in an actor's lane that does not own the step (or both ends, when neither does)."""

    key: str
    flow: int  # index into the analysis's flows
    lane: int


@attrs.frozen
class DataEdge:
    flow: int
    source: str  # keys of steps ("step-<index>") or chips
    target: str


@attrs.frozen
class Placement:
    width: float
    height: float
    title: Rect
    pool: Rect
    lanes: tuple[Rect, ...]
    lane_header: float  # the width of each lane's header
    lane_texts: tuple[str, ...]  # each lane's header as shown (lane_headers)
    boxes: dict[str, Rect]  # steps ("step-<index in order>") and chips ("data-<flow index>[-to]")
    step_texts: dict[str, str]  # each step's title as shown: all of it, or its start and '…'
    chips: tuple[Chip, ...]
    data_edges: tuple[DataEdge, ...]
    phases: tuple[tuple[int, Rect], ...]  # (index into analysis.phases, band)
    legend: Rect


def step_key(a: JourneyAnalysis, step_id: str) -> str:
    return f"step-{a.order.index(step_id)}"


def chips(a: JourneyAnalysis, lane_of: dict[str, int]) -> tuple[list[Chip], list[DataEdge]]:
    found: list[Chip] = []
    edges: list[DataEdge] = []
    for i, flow in enumerate(a.flows):
        owner = a.step(flow.step).owner
        step, key = step_key(a, flow.step), f"data-{i}"
        if flow.from_actor != owner and flow.to_actor != owner:
            found += [Chip(key, i, lane_of[flow.from_actor]), Chip(f"{key}-to", i, lane_of[flow.to_actor])]
            edges.append(DataEdge(i, key, f"{key}-to"))
        elif flow.from_actor != owner:
            found.append(Chip(key, i, lane_of[flow.from_actor]))
            edges.append(DataEdge(i, key, step))
        elif flow.to_actor != owner:
            found.append(Chip(key, i, lane_of[flow.to_actor]))
            edges.append(DataEdge(i, step, key))
        else:  # the owner passes data to itself: a chip in its own lane
            found.append(Chip(key, i, lane_of[owner]))
            edges.append(DataEdge(i, key, step))
    return found, edges


def wrapped(text: str, width: float, size: float, max_lines: int, bold: bool = False,
            unknown: int | None = None) -> tuple[int, str]:
    """How many lines `text` takes in the box, and the text to show: all of it, or as much as fits in
    `max_lines` lines ending in '…' (cut from the text itself, so no space is put inside a broken word)."""
    lines, shortened = textfit.clip(text, width, max_lines * textfit.line_height(size) + 0.01, size, bold, unknown)
    if not shortened:
        return len(lines), text
    keep = sum(len("".join(line.split())) for line in lines) - 1  # the letters kept, less the "…"
    end = 0
    for end, ch in enumerate(text):  # noqa: B007 - its last value is read after the loop
        if not ch.isspace():
            keep -= 1
            if keep < 0:
                break
    return len(lines), text[:end].rstrip() + "…"


def header_lines(text: str, width: float, size: float, max_lines: int) -> list[str]:
    """`text` in lines at most `width` wide, measured at the widest a browser draws glyphs our metrics lack:
    broken between words, and a word longer than a line broken with a hyphen; more than `max_lines` lines
    end in '…'. (Written with its own line breaks, so draw.io shows these lines and no other.)"""
    unknown = textfit.FALLBACK[-1]
    hyphen = textfit.text_width("-", size, unknown=unknown)

    def broken(lines: list[str]) -> list[bool]:  # whether each line ends inside a word
        found, at = [], 0
        for line in lines:
            while at < len(text) and text[at].isspace():
                at += 1
            at += len(line)
            found.append(bool(line) and 0 < at < len(text) and not text[at].isspace())
        return found

    lines = textfit.wrap(text, width, size, unknown=unknown)
    if any(broken(lines)):  # (room for the hyphens)
        lines = textfit.wrap(text, max(width - hyphen, size), size, unknown=unknown)
    shown = [line + "-" if inside else line for line, inside in zip(lines, broken(lines))]
    if len(shown) > max_lines:
        last = shown[max_lines - 1].rstrip("-")
        while last and textfit.text_width(last + "…", size, unknown=unknown) > width:
            last = last[:-1]
        shown = shown[:max_lines - 1] + [last.rstrip() + "…"]
    return shown


def lane_headers(heights: Sequence[float], names: Sequence[str], kinds: Sequence[str], size: dict[str, Any]
                 ) -> tuple[float, tuple[str, ...]]:
    """The width of the lanes' headers and the text each shows: the actor's short name along the lane in
    at most `name_lines` lines (header_lines; the whole name is in the lane's tooltip) over its kind. As
    wide as the most lines need (draw.io writes a label's lines 1.2 font sizes apart), at least `width`."""
    header, font = size["lane_header"], size["font_size"]
    most, texts = 1, []
    for h, name, kind in zip(heights, names, kinds):
        along = h - 2 * header["padding"]
        lines = header_lines(name, along, font, header["name_lines"]) + header_lines(kind, along, font, 2)
        most = max(most, len(lines))
        texts.append("\n".join(lines))
    line = max(textfit.line_height(font), 1.2 * font)
    return max(header["width"], 2.0 * -(-(most * line + 2 * header["padding"]) // 2)), tuple(texts)


def place(a: JourneyAnalysis, size: dict[str, Any], step_titles: dict[str, str], kinds: Sequence[str]) -> Placement:
    """Every cell's place; `kinds` is each lane's kind as its header shows it. Placed once to learn the
    lanes' heights, then again where their headers need to be wider than `lane_header.width`."""
    first = _place(a, size, step_titles, size["lane_header"]["width"], ())
    header, texts = lane_headers([r.h for r in first.lanes], [clean(actor.short) for actor in a.lanes], kinds, size)
    return attrs.evolve(_place(a, size, step_titles, header, texts), lane_texts=texts)


def _place(a: JourneyAnalysis, size: dict[str, Any], step_titles: dict[str, str], header: float,
           lane_texts: tuple[str, ...]) -> Placement:
    lane_of = {actor.id: i for i, actor in enumerate(a.lanes)}
    n_columns = max(a.columns.values(), default=-1) + 1
    m, font = size["margin"], size["font_size"]
    st, chip = size["step"], size["chip"]
    found, data_edges = chips(a, lane_of)
    pool_x = m
    lanes_x = pool_x + size["pool_header"]
    boxes_left = lanes_x + header + size["gutter"] / 2
    cols = grid.place_columns(boxes_left, n_columns, st["width"], [0.0] * n_columns,
                              {g: size["gutter"] for g in range(-1, n_columns)})
    lines = {
        step_key(a, sid): wrapped(step_titles[sid], st["width"] - 2 * st["padding"], font, st["max_lines"], bold=True)
        for sid in a.order
    }
    meta = textfit.line_height(font - 1)
    cells = [grid.Cell(step_key(a, sid), lane_of[a.step(sid).owner], a.columns[sid],
                       max(st["min_height"], lines[step_key(a, sid)][0] * textfit.line_height(font) + meta + 2 * st["padding"]))
             for sid in a.order]
    cells += [grid.Cell(c.key, c.lane, a.columns[a.flows[c.flow].step], chip["height"]) for c in found]
    title_h = size["title"]["height"]
    phase_top = m + title_h
    pool_top = phase_top + size["phase_header"]["height"]
    lane = size["lane"]
    # (each lane at least as tall as its actor's longest word needs along its header, up to `longest_word`)
    along = [max((textfit.text_width(word, font, unknown=textfit.FALLBACK[-1]) for word in clean(actor.short).split()),
                 default=0.0) for actor in a.lanes]
    head = size["lane_header"]
    lanes = grid.place_lanes(pool_top, len(a.lanes), cells, cols, lane["top"], lane["bottom"], lane["stack_gap"],
                             [max(st["min_height"], min(w, head["longest_word"]) + 2 * head["padding"] + 2
                                  - lane["top"] - lane["bottom"]) for w in along])
    right = cols.right - size["gutter"] / 2
    pool_bottom = lanes.bottom if a.lanes else pool_top + st["min_height"]
    pool = Rect(pool_x, pool_top, right - pool_x, pool_bottom - pool_top)
    lane_rects = tuple(Rect(lanes_x, top, right - lanes_x, h) for top, h in zip(lanes.top, lanes.height))
    phases = []
    for i, span in enumerate(a.phases):
        if span.first_column > span.last_column:
            continue
        x0 = cols.box_x[span.first_column] - size["gutter"] / 2
        x1 = cols.box_x[span.last_column] + st["width"] + size["gutter"] / 2
        phases.append((i, Rect(x0, phase_top, x1 - x0, pool_bottom - phase_top)))
    lg = size["legend"]
    legend = Rect(m, pool_bottom + lg["gap"], lg["width"], (LEGEND_ROWS + 1) * lg["row"] + 10)
    width = max(right, legend.right) + m
    return Placement(width, legend.bottom + m, Rect(m, m, max(right - m, lg["width"]), title_h), pool, lane_rects,
                     header, lane_texts, dict(lanes.boxes), {k: text for k, (_, text) in lines.items()}, tuple(found), tuple(data_edges), tuple(phases), legend)

