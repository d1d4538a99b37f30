"""A block of swimlanes on a slide: lanes as rows (parallel steps of one owner stacked), time columns, a box
per step; the lanes share out the block's height, so one or two lanes fill it as well as ten."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs
from lxml import etree
from pptx.oxml.ns import qn

from ...analysis import JourneyAnalysis
from ...model import Actor
from ...render.geometry import Rect
from .canvas import Page
from .text import Para, breaks_words, fit_size, para


@attrs.frozen
class Block:
    """Some time columns and the lanes they need; `steps` in reading order."""

    columns: tuple[int, ...]
    lanes: tuple[tuple[Actor, int], ...]  # actor, rows it needs (parallel steps of one owner stack)
    steps: tuple[str, ...]

    @property
    def rows(self) -> int:
        return sum(n for _, n in self.lanes)


def block(a: JourneyAnalysis, columns: Sequence[int], steps: Sequence[str]) -> Block:
    """The block of these columns and steps, with the lanes of the steps' owners in lane order."""
    stack: dict[tuple[str, int], int] = {}
    for s in steps:
        key = (a.step(s).owner, a.columns[s])
        stack[key] = stack.get(key, 0) + 1
    need: dict[str, int] = {}
    for (owner, _), n in stack.items():
        need[owner] = max(need.get(owner, 0), n)
    return Block(tuple(columns), tuple((x, need[x.id]) for x in a.lanes if x.id in need), tuple(steps))


@attrs.frozen
class Look:
    """How a block is drawn: the lane header's width and type sizes, the gaps, the largest box."""

    header: float
    header_sizes: tuple[float, ...]
    gap_x: float
    gap_y: float
    max_box_width: float
    max_box_height: float
    short_header: bool = False  # the actor's short name only, without its kind


@attrs.frozen
class Placed:
    """Where everything of a block goes: each step's box, each lane's band."""

    boxes: dict[str, Rect]
    lanes: tuple[tuple[Actor, Rect], ...]


def place(a: JourneyAnalysis, b: Block, area: Rect, look: Look, left: float = 0.0, right: float = 0.0) -> Placed:
    """Lay the block out in `area`; `left` and `right` are kept free beside the columns (continuations)."""
    grid_x = area.x + look.header + 6 + left
    grid_w = area.w - look.header - 6 - left - right
    pitch_x = min((grid_w + look.gap_x) / len(b.columns), look.max_box_width + look.gap_x)
    pitch_y = area.h / b.rows
    box_w = pitch_x - look.gap_x
    box_h = min(pitch_y - look.gap_y, look.max_box_height)
    col_x = {c: grid_x + i * pitch_x for i, c in enumerate(b.columns)}
    boxes: dict[str, Rect] = {}
    lanes = []
    y = area.y
    for actor, rows in b.lanes:
        lanes.append((actor, Rect(area.x, y, area.w, rows * pitch_y)))
        slots: dict[int, int] = {}
        for s in b.steps:
            if a.step(s).owner != actor.id:
                continue
            col = a.columns[s]
            slot = slots.get(col, 0)
            slots[col] = slot + 1
            boxes[s] = Rect(col_x[col], y + slot * pitch_y + (pitch_y - box_h) / 2, box_w, box_h)
        y += rows * pitch_y
    return Placed(boxes, tuple(lanes))


def draw_lanes(page: Page, placed: Placed, look: Look, first_band: int = 0) -> None:
    """Each lane's band (decorative) and its header (the lane's alt text), all headers in one type size."""
    style = page.style
    headers = []
    for actor, _band in placed.lanes:
        header = [para(actor.short, True)]
        if not look.short_header:
            header.append(para(f"({style.badge(actor)})", False, style.muted))
        headers.append(header)
    size = next((z for z in sorted(look.header_sizes, reverse=True)
                 if all(fit_size(h, look.header - 4, r.h - 4, (z,)) and not breaks_words(h, look.header - 4, z)
                        for h, (_, r) in zip(headers, placed.lanes, strict=True))), min(look.header_sizes))
    for i, ((actor, r), header) in enumerate(zip(placed.lanes, headers, strict=True)):
        band = style.theme["lane_header_fill"] if (first_band + i) % 2 == 0 else style.background
        decorative(page.box(r.x, r.y + 1, r.w, r.h - 2, fill=band, line=None))
        kind = style.kind(actor)
        page.text(r.x + 2, r.y + 2, look.header - 4, r.h - 4, header, (size,), anchor="m", fill=kind["fill"],
                  line=kind["stroke"], border=kind["border"],
                  descr=style.text("alt_lane", actor=actor.name, kind=style.badge(actor))).name = "lane"


def draw_boxes(page: Page, a: JourneyAnalysis, b: Block, placed: Placed,
               content: Callable[[str, Rect], tuple[list[Para], Sequence[float]]], alt: Callable[[str], str]) -> dict:
    """The step boxes in reading order; returns the shapes by step id."""
    style = page.style
    shapes = {}
    for s in b.steps:
        r = placed.boxes[s]
        kind = style.kind(a.actors[a.step(s).owner])
        paras, sizes = content(s, r)
        shape = page.text(r.x, r.y, r.w, r.h, paras, sizes, anchor="m", fill=kind["fill"], line=kind["stroke"],
                          border=kind["border"], descr=alt(s))
        shape.name = f"step-{s}"
        shapes[s] = shape
    return shapes


# PowerPoint's mark for a shape that only decorates (screen readers skip it, no alt text is asked for).
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def decorative(shape) -> None:
    c_nv_pr = shape._element[0].find(qn("p:cNvPr"))
    ext_lst = etree.SubElement(c_nv_pr, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"), uri=DECORATIVE_URI)
    etree.SubElement(ext, f"{{{ADEC}}}decorative", nsmap={"adec": ADEC}, val="1")
