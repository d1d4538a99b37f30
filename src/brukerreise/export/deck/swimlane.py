"""The swimlane as native, editable shapes, split into slides by phase (and further when a phase has too many
columns or rows): a box per step in its owner's lane, joined by connectors glued to the boxes and routed
round the other boxes, and a marked continuation at the slide's edge for every arrow to or from another slide."""

from __future__ import annotations

import copy
import functools
import math
from collections.abc import Sequence

import attrs
from lxml import etree
from pptx.oxml.ns import qn

from ...analysis import JourneyAnalysis, PhaseSpan
from ...model import EMOTION_RANGE
from ...render.geometry import Rect
from . import waypoints
from .canvas import BODY_BOTTOM, BODY_TOP, MARGIN, WIDTH, Page, outline, set_descr
from .facts import Facts
from .lanes import Block, Look, block, draw_boxes, draw_lanes, place
from .routes import choose, connect
from .text import Para, Run, breaks_words, clip, fit_size, height, para, sentence

LOOK = Look(header=120.0, header_sizes=(14,), gap_x=26.0, gap_y=8.0, max_box_width=240.0,
            max_box_height=150.0)
CONTINUATION = 132.0  # the strip beside the columns for arrows to or from another slide
LABEL_GAP = 22.0  # between a continuation label and the columns: room for the connectors to bend
MIN_BOX_WIDTH = 104.0
MIN_BOX_HEIGHT = 44.0  # two lines of title and a marker line at 10 pt
# One size per kind of text across the deck: a box or label that cannot hold its text shows it shortened (whole
# in the notes), never in smaller type.
BOX_SIZES = (14,)
CONTINUATION_SIZES = (12, 11, 10)  # 12 pt where the strip has room; smaller only where many labels share it
LEGEND_SIZES = (12,)
PHASE_BAND = 22.0
PHASE_SIZE = 12.0  # the phase band's title (one line of 12 pt fills its 22 pt)
LEGEND = 36.0
GRID_TOP = BODY_TOP + PHASE_BAND + 4
GRID_BOTTOM = BODY_BOTTOM - LEGEND - 4
GRID = Rect(MARGIN, GRID_TOP, WIDTH - 2 * MARGIN, GRID_BOTTOM - GRID_TOP)
_COLUMNS_WIDTH = GRID.w - LOOK.header - 6 - 2 * CONTINUATION
MAX_COLUMNS = max(1, int((_COLUMNS_WIDTH + LOOK.gap_x) // (MIN_BOX_WIDTH + LOOK.gap_x)))
MAX_UNITS = max(1, int(GRID.h // (MIN_BOX_HEIGHT + LOOK.gap_y)))


@attrs.frozen
class Sheet:
    """One swimlane slide: some columns of one phase, and the lanes (with their stacking) shown."""

    phase_index: int
    span: PhaseSpan
    block: Block

    @property
    def steps(self) -> tuple[str, ...]:
        return self.block.steps


def sheets(a: JourneyAnalysis, facts: Facts) -> list[Sheet]:
    """The slides the swimlane needs, in phase and time order. Linear in the number of steps."""
    out: list[Sheet] = []
    for index, span in enumerate(a.phases):
        if not span.steps:
            continue
        mine = [s for s in facts.order if s in set(span.steps)]
        cols = list(range(span.first_column, span.last_column + 1))
        parts = math.ceil(len(cols) / MAX_COLUMNS)
        per = math.ceil(len(cols) / parts)
        groups = [cols[i:i + per] for i in range(0, len(cols), per)]
        while groups:
            group = groups.pop(0)
            in_group = set(group)
            b = block(a, group, [s for s in mine if a.columns[s] in in_group])
            if b.rows <= MAX_UNITS or (len(group) == 1 and len(b.lanes) <= 1):
                out.append(Sheet(index, span, b))
            elif len(group) > 1:
                half = len(group) // 2
                groups[:0] = [group[:half], group[half:]]
            else:  # one column with more parallel steps than fit: split its lanes over slides
                chunk: list[str] = []
                rows = 0
                for actor, n in b.lanes:
                    if chunk and rows + n > MAX_UNITS:
                        out.append(Sheet(index, span, block(a, group, [s for s in b.steps if a.step(s).owner in chunk])))
                        chunk, rows = [], 0
                    chunk.append(actor.id)
                    rows += n
                out.append(Sheet(index, span, block(a, group, [s for s in b.steps if a.step(s).owner in chunk])))
    return out


@attrs.frozen
class Continuation:
    """Arrows to one step on another slide (outgoing) or from one (incoming), from or to steps here."""

    there: str
    here: tuple[str, ...]
    outgoing: bool

    def arrows(self) -> list[tuple[str, str]]:
        return [(h, self.there) if self.outgoing else (self.there, h) for h in self.here]


def continuations(a: JourneyAnalysis, facts: Facts, steps: Sequence[str]) -> list[Continuation]:
    """One continuation per step on another slide, in reading order: incoming first, then outgoing."""
    shown = set(steps)
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for s in steps:
        for p in a.after[s]:
            if p not in shown:
                incoming.setdefault(p, []).append(s)
        for n in facts.following[s]:
            if n not in shown:
                outgoing.setdefault(n, []).append(s)
    number = facts.number.__getitem__
    return ([Continuation(t, tuple(h), False) for t, h in sorted(incoming.items(), key=lambda kv: number(kv[0]))]
            + [Continuation(t, tuple(h), True) for t, h in sorted(outgoing.items(), key=lambda kv: number(kv[0]))])


def draw(page: Page, facts: Facts, sheet: Sheet, part: int, parts: int) -> dict[str, object]:
    """Draw one sheet on the page; returns the step boxes by step id."""
    style, a = page.style, facts.a
    phase_title = style.text("swimlane_phase", n=sheet.phase_index + 1, total=len(a.phases), phase=sheet.span.phase.title)
    if parts > 1:
        phase_title += " " + style.text("part_of", part=part, parts=parts)
    fills = style.theme["phase_fill"]
    page.text(MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, PHASE_BAND, [para(phase_title, True, style.theme["phase_text"])],
              (PHASE_SIZE,), anchor="m", fill=fills[sheet.phase_index % len(fills)], descr=phase_title).name = "phase"
    conts = continuations(a, facts, sheet.steps)
    left = CONTINUATION if any(not c.outgoing for c in conts) else 0.0
    right = CONTINUATION if any(c.outgoing for c in conts) else 0.0
    placed = place(a, sheet.block, GRID, LOOK, left, right)
    draw_lanes(page, placed, LOOK)
    # A label names the steps here that no arrow joins to it ('6 → 9. …'), and those are known only once the
    # labels are placed: place them again, as high as the names they may hold need, until the names are known.
    named: dict[Continuation, tuple[str, ...]] = {}
    for _ in range(3):
        labels = _label_rects(facts, placed.boxes, conts, GRID.x + LOOK.header + 6, GRID.right - right + LABEL_GAP,
                              named)
        _reachable(placed.boxes, conts, labels)
        obstacles = [*placed.boxes.values(), *labels.values()]
        unlinked = {c: _unlinked(c, placed.boxes, labels[c], obstacles) for c in conts}
        if all(set(unlinked[c]) <= set(named.get(c, ())) for c in conts):
            break
        named = {c: tuple(h for h in c.here if h in unlinked[c] or h in named.get(c, ())) for c in conts}
    marks: set[str] = set()
    size = box_size(facts, sheet.steps, placed.boxes)
    label_shapes = {c: _continuation(page, facts, c, labels[c], unlinked[c]) for c in conts if not c.outgoing}
    boxes = draw_boxes(page, a, sheet.block, placed, lambda s, r: (box_content(facts, s, r, size, marks), (size,)),
                       lambda s: step_alt(facts, s))
    label_shapes |= {c: _continuation(page, facts, c, labels[c], unlinked[c]) for c in conts if c.outgoing}
    kinds: set[str] = set()
    for s in sheet.steps:
        for p in a.after[s]:
            if p in boxes:
                kinds.add(edge(page, facts, p, s, boxes[p], boxes[s], placed.boxes[p], placed.boxes[s], obstacles))
    for c, shape in label_shapes.items():
        for before, after in c.arrows():
            here = placed.boxes[before if c.outgoing else after]
            ends = [(boxes[before if c.outgoing else after], here), (shape, labels[c])]
            (first, a_rect), (second, b_rect) = ends if c.outgoing else ends[::-1]
            kinds.add(edge(page, facts, before, after, first, second, a_rect, b_rect, obstacles))
        kinds.add("handoff" if any(arrow in facts.handoff_steps for arrow in c.arrows()) else "flow")
    kinds.discard("")
    for c in conts:
        for before, after in c.arrows():
            key = "notes_to_later" if c.outgoing else "notes_from_earlier"
            page.note(style.text(key, step=a.step(after).title, prev=a.step(before).title))
    legend(page, kinds, marks)
    return boxes


def edge(page: Page, facts: Facts, before: str, after: str, first, second, a_rect: Rect, b_rect: Rect,
         obstacles: Sequence[Rect], channels: waypoints.Channels | None = None) -> str:
    """A connector for the arrow before → after, glued to the shapes first and second — or, given the
    slide's free channels, legs through waypoint dots when every single route would cross another box —
    unless there is no way round; returns its kind ('handoff' or 'flow'), or '' when none is drawn."""
    style, a = page.style, facts.a
    route, crossed = choose(a_rect, b_rect, [r for r in obstacles if r not in (a_rect, b_rect)])
    dots = channels.path(a_rect, b_rect) if crossed and channels is not None else None
    if crossed and not dots:
        page.note(style.text("notes_no_arrow", step=facts.step_ref(after), prev=facts.step_ref(before)))
        return ""
    kind = "handoff" if (before, after) in facts.handoff_steps else "flow"
    look = style.arrow(kind)
    arrow = _arrow_line(look["color"], look["width"], look["style"])
    if dots and channels is not None:
        plain = outline(look["color"], look["width"], look["style"])
        line = waypoints.draw(page, first, second, channels.legs(a_rect, b_rect, dots), dots, look["color"],
                              plain, arrow, f"{kind}-{before}-{after}")
    else:
        line = connect(page.slide, first, second, route, arrow)
    line.name = f"{kind}-{before}-{after}"
    prev, step = a.step(before), a.step(after)
    set_descr(line, style.text(f"alt_{kind}", prev=facts.step_ref(before), step=facts.step_ref(after),
                               from_actor=a.actors[prev.owner].name, to_actor=a.actors[step.owner].name))
    return kind


def _label_rects(facts: Facts, boxes: dict[str, Rect], conts: Sequence[Continuation], left_x: float,
                 right_x: float, named: dict[Continuation, tuple[str, ...]]) -> dict[Continuation, Rect]:
    """Each continuation's label beside the columns, as near its steps' rows as the labels above it allow, as
    high as its text needs with the steps `named` in it."""
    out = {}
    w = CONTINUATION - LABEL_GAP
    for outgoing, x in ((False, left_x), (True, right_x)):
        mine = [c for c in conts if c.outgoing is outgoing]
        heights = [min(height([para(_label_text(facts, c, None, named.get(c, ())), True)], w, CONTINUATION_SIZES[-1]),
                       GRID.h / max(1, len(mine)) - 4) for c in mine]
        wanted = [sum(boxes[h].cy for h in c.here) / len(c.here) - hh / 2 for c, hh in zip(mine, heights, strict=True)]
        order = sorted(range(len(mine)), key=lambda i: (wanted[i], i))
        y = GRID.y
        tops = {}
        for i in order:
            tops[i] = max(wanted[i], y)
            y = tops[i] + heights[i] + 4
        y = GRID.bottom
        for i in reversed(order):  # those pushed below the grid move up, and the ones above them as needed
            tops[i] = min(tops[i], y - heights[i])
            y = tops[i] - 4
        for i, c in enumerate(mine):
            out[c] = Rect(x, tops[i], w, heights[i])
    return out


def _reachable(boxes: dict[str, Rect], conts: Sequence[Continuation], labels: dict[Continuation, Rect]) -> None:
    """Move a label that some arrow cannot reach without crossing a box up or down its strip, to the nearest
    free place where every arrow can (it stays put when there is none)."""
    for c in conts:
        here = labels[c]
        others = [r for d, r in labels.items() if d is not c]
        if not _unlinked(c, boxes, here, [*boxes.values(), *others]):
            continue
        tops = sorted(range(int(GRID.y), int(GRID.bottom - here.h) + 1, 4), key=lambda t: (abs(t - here.y), t))
        for top in tops:
            moved = attrs.evolve(here, y=float(top))
            if any(_overlap(moved, r, 4) for r in others):
                continue
            if not _unlinked(c, boxes, moved, [*boxes.values(), *others]):
                labels[c] = moved
                break


def _overlap(a: Rect, b: Rect, margin: float) -> bool:
    return a.x < b.right + margin and b.x < a.right + margin and a.y < b.bottom + margin and b.y < a.bottom + margin


def _unlinked(c: Continuation, boxes: dict[str, Rect], label: Rect, obstacles: Sequence[Rect]) -> tuple[str, ...]:
    """The steps here that no connector can join to the continuation's label without crossing a box."""
    out = []
    for h in c.here:
        ends = (boxes[h], label) if c.outgoing else (label, boxes[h])
        if choose(*ends, [r for r in obstacles if r not in ends])[1]:
            out.append(h)
    return tuple(out)


def _label_text(facts: Facts, c: Continuation, r: Rect | None = None, unlinked: Sequence[str] = ()) -> str:
    """'→ 9. Barnet er født! (Sykehuset)', or '6 → 9. …' naming the steps here that no arrow joins to it;
    with `r`, the title shortened by words until it fits there at the smallest size, then the actor's name
    (to its first four characters), so that the numbers and the actor always show."""
    other = facts.a.step(c.there)
    key = ("cont_out" if c.outgoing else "cont_in") + ("_named" if unlinked else "")
    actor = facts.a.actors[other.owner].short
    here = ", ".join(str(facts.number[h]) for h in unlinked)
    words = other.title.split()
    titles = [" ".join(words[:n]) + ("" if n == len(words) else "…") for n in range(len(words), -1, -1)]
    actors = [actor[:n] + ("" if n == len(actor) else "…") for n in range(len(actor), min(len(actor), 4) - 1, -1)]
    for title, name in [*((t, actor) for t in titles), *((titles[-1], n) for n in actors[1:])]:
        text = facts.style.text(key, step=f"{facts.number[c.there]}. {title}", actor=name, here=here)
        if r is None or fit_size([para(text, True)], r.w, r.h, CONTINUATION_SIZES[-1:]) is not None:
            return text
    return text


def _continuation(page: Page, facts: Facts, c: Continuation, r: Rect, unlinked: Sequence[str]):
    style, a = page.style, facts.a
    key = "cont_out" if c.outgoing else "cont_in"
    handoff = any(arrow in facts.handoff_steps for arrow in c.arrows())
    colour = style.arrow("handoff" if handoff else "flow")["color"]
    shape = page.text(r.x, r.y, r.w, r.h, [para(_label_text(facts, c, r, unlinked), handoff, colour)], CONTINUATION_SIZES,
                      anchor="m", fill=style.background, line=colour, border="dashed",
                      descr=style.text(f"alt_{key}", step=facts.step_ref(c.there),
                                       actor=a.actors[a.step(c.there).owner].name), floor=CONTINUATION_SIZES[-1])
    shape.name = f"{'to' if c.outgoing else 'from'}-{c.there}"
    return shape


def step_alt(facts: Facts, s: str) -> str:
    style, a = facts.style, facts.a
    step = a.step(s)
    return style.text("alt_step", n=facts.number[s], title=sentence(step.title), owner=a.actors[step.owner].name,
                      emotion=style.emotion_word(step.emotion) or style["none"], pains=len(step.pain_points),
                      flows=len(facts.flows_at.get(s, [])))


def _cues(facts: Facts, s: str, names: bool, short: bool = False) -> list[Para]:
    """What a box says beside its title: the emotion, the pain points counted in words, and the data shared
    — by name when `names`, else counted in words (`short`: with the carried mark alone, not its count)."""
    style = facts.style
    step = facts.a.step(s)
    runs: list[Run] = []
    if step.emotion is not None:
        runs.append(Run(style.emotion_symbol(step.emotion), False, style.emotion_colour(step.emotion)))
    words = []
    if step.pain_points:
        words.append(style.text("box_pains", n=len(step.pain_points)))
    flows = facts.flows_at.get(s, [])
    carried = sum(1 for f in flows if f.carried_by_user)
    data, mark = style.marker("data"), style.marker("user_carried")
    out = []
    if flows and names:
        items = dict.fromkeys(facts.item(f.item) + (f" {mark}" if f.carried_by_user else "") for f in flows)
        out.append(para(f"{data} " + ", ".join(items), False, style.muted))
    elif flows:
        words.append(f"{data} " + style.text("box_flows", n=len(flows)))
        if carried and short:
            words[-1] += f" {mark}"
        elif carried:
            words.append(f"{mark} " + style.text("box_carried", n=carried))
    if words:
        runs.append(Run(("  " if runs else "") + ", ".join(words), False, style.muted))
    return ([Para(tuple(runs))] if runs else []) + out


def _variants(facts: Facts, s: str) -> list[list[Para]]:
    number, title = facts.number[s], facts.a.step(s).title
    head = Para((Run(f"{number}. ", True), Run(title)))
    return [[head, *_cues(facts, s, True)], [head, *_cues(facts, s, False)], [head, *_cues(facts, s, False, True)]]


def box_size(facts: Facts, steps: Sequence[str], boxes: dict[str, Rect]) -> float:
    """One type size for all the boxes of a slide: the largest at which each fits in one of its forms."""
    for size in BOX_SIZES[:-1]:
        if all(any(_fits(v, boxes[s], size) for v in _variants(facts, s)) for s in steps):
            return size
    return BOX_SIZES[-1]


def _fits(paras: Sequence[Para], r: Rect, size: float) -> bool:
    return fit_size(paras, r.w, r.h, (size,)) is not None and not breaks_words(paras, r.w, size)


def box_content(facts: Facts, s: str, r: Rect, size: float, marks: set[str]) -> list[Para]:
    """The first form of the box's text that fits at `size` (data by name, else counted), the last if none."""
    variants = _variants(facts, s)
    chosen = next((v for v in variants if _fits(v, r, size)),
                  next((v for v in variants if fit_size(v, r.w, r.h, (size,))), variants[-1]))
    shown = chosen if fit_size(chosen, r.w, r.h, (size,)) is not None else clip(chosen, r.w, r.h, size)[0]
    text = "".join(p.text for p in shown[1:]) if len(shown) > 1 else ""  # the marks the box shows, once cut
    marks.update(m for m in ("data", "user_carried") if facts.style.marker(m) in text)
    step = facts.a.step(s)
    if step.emotion is not None:
        marks.add(f"emotion{step.emotion}")
    return chosen


@functools.cache
def _arrow_line(colour: str, points: float, border: str):
    """A connector's <a:ln>, ending in an arrowhead. A prototype: copy it."""
    ln = copy.deepcopy(outline(colour, points, border))
    etree.SubElement(ln, qn("a:tailEnd"), type="triangle", w="med", len="med")
    return ln


def legend(page: Page, arrows: set[str], marks: set[str], y: float = BODY_BOTTOM - LEGEND, numbers: bool = False) -> None:
    """What the slide's lines and marks mean: only those the slide shows (and, on the overview, what a number is)."""
    style = page.style
    runs = [Run(style["legend_numbers"] + "   ")] if numbers else []
    runs.append(Run(style["legend_boxes"]))
    if "handoff" in arrows:
        runs += [Run("   ▬▬ ", True, style.arrow("handoff")["color"]), Run(style["legend_handoff"])]
    if "flow" in arrows:
        runs += [Run("   ── ", True, style.arrow("flow")["color"]), Run(style["legend_flow"])]
    shown = [style.emotion_symbol(e) for e in EMOTION_RANGE if f"emotion{e}" in marks]
    if shown:
        runs.append(Run("   " + style.text("legend_emotion", symbols=" ".join(shown))))
    for mark in ("data", "user_carried"):
        if mark in marks:
            runs.append(Run(f"   {style.marker(mark)} {style['legend_' + mark]}"))
    shape = page.text(MARGIN, y, WIDTH - 2 * MARGIN, LEGEND, [Para(tuple(runs))], LEGEND_SIZES, anchor="m",
                      content=False)
    shape.name = "legend"
