"""The swimlane as native, editable shapes, split into slides by phase (and further when a phase has too many
columns or rows): a box per step in its owner's lane, joined by connectors glued to the boxes and routed
round the other boxes, and a marked continuation at the slide's edge for every arrow to or from another slide."""

from __future__ import annotations

import copy
import functools
import math
from collections.abc import Iterator, Sequence

import attrs
from lxml import etree
from pptx.oxml.ns import qn

from ...analysis import JourneyAnalysis, PhaseSpan
from ...model import EMOTION_RANGE
from ...render.geometry import Rect
from ...render import textfit
from ...render.textfit import line_height
from . import ports, tracks, waypoints
from .canvas import BODY_BOTTOM, BODY_TOP, MARGIN, WIDTH, Page, outline, set_descr
from .facts import Facts
from .lanes import Block, Look, Placed, block, draw_boxes, draw_lanes
from .routes import choose, connect
from .text import INSET_X, INSET_Y, SAFETY, Para, Run, breaks_words, clip, fit_size, height, para, sentence

# Lane headers as wide as «Epilepsisykehuset» needs at 14 pt; a deck with a longer word in a lane's short name
# sets every lane header at 12 pt (one size per deck, never a word broken where 12 pt holds it).
LANE_SIZES = (14.0, 12.0)
LOOK = Look(header=150.0, header_sizes=LANE_SIZES[:1], gap_x=26.0, gap_y=8.0, max_box_width=240.0,
            max_box_height=150.0)
CONTINUATION = 132.0  # the strip beside the columns for arrows to or from another slide
WIDE_CONTINUATION = 160.0  # the strip where the columns leave room: labels that keep more of their titles
LABEL_GAP = 22.0  # between a continuation label and the columns: room for the connectors to bend
MIN_BOX_WIDTH = 104.0
MIN_BOX_HEIGHT = 44.0  # two lines of title and a marker line at 10 pt
# One size per kind of text across the deck: a box or label that cannot hold its text shows it shortened (whole
# in the notes), never in smaller type.
BOX_SIZES: tuple[float, ...] = (14.0,)
CONTINUATION_SIZES = (12,)  # readable when projected: a label's title gives way before its size does
LABEL_WANTED = 2 * INSET_Y + 2 * line_height(CONTINUATION_SIZES[-1])  # two lines: a label's lane makes room
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
    """The slides the swimlane needs, in phase and time order: a phase's columns split over as many slides as
    its rows need, and further where the continuation labels a slide's columns would need do not fit a lane at
    12 pt (a slide of one column keeps them, shortened to their numbers as the last resort)."""
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
            fits = b.rows <= MAX_UNITS or (len(group) == 1 and len(b.lanes) <= 1)
            if fits and (len(group) == 1 or not crowded(facts, Sheet(index, span, b))):
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
    """An arrow to a step on another slide (outgoing) or from one (incoming), from or to a step here: each
    has a label of its own at the slide's edge, naming both its steps."""

    before: str
    after: str
    outgoing: bool

    @property
    def there(self) -> str:
        return self.after if self.outgoing else self.before

    @property
    def here(self) -> str:
        return self.before if self.outgoing else self.after

    @property
    def name(self) -> str:
        return f"{'to' if self.outgoing else 'from'}-{self.before}-{self.after}"


def continuations(a: JourneyAnalysis, facts: Facts, steps: Sequence[str]) -> list[Continuation]:
    """One continuation per arrow to or from another slide, in reading order: incoming first, then outgoing."""
    shown = set(steps)
    number = facts.number.__getitem__
    incoming = [Continuation(p, s, False) for s in steps for p in a.after[s] if p not in shown]
    outgoing = [Continuation(s, n, True) for s in steps for n in facts.following[s] if n not in shown]
    return (sorted(incoming, key=lambda c: (number(c.there), number(c.here)))
            + sorted(outgoing, key=lambda c: (number(c.here), number(c.there))))


def grid_of(a: JourneyAnalysis, b: Block) -> tracks.Grid:
    """The block's columns and rows: parallel steps of one owner stack in its lane, in reading order."""
    index = {c: i for i, c in enumerate(b.columns)}
    lanes, first = [], 0
    rows = {}
    for actor, n in b.lanes:
        lanes.append((first, n))
        rows[actor.id] = first
        first += n
    cells: dict[str, tuple[int, int]] = {}
    slots: dict[tuple[str, int], int] = {}
    for s in b.steps:
        owner, col = a.step(s).owner, a.columns[s]
        slot = slots.get((owner, col), 0)
        slots[(owner, col)] = slot + 1
        cells[s] = (index[col], rows[owner] + slot)
    return tracks.Grid(len(b.columns), tuple(lanes), cells)


@attrs.frozen
class Arranged:
    """A sheet laid out: its continuations, grid, arrows (with the steps each joins) and drawing."""

    continuations: list[Continuation]
    grid: tracks.Grid
    arrows: dict[tracks.Arrow, tuple[str, str]]
    drawing: tracks.Drawing


def arrange(facts: Facts, sheet: Sheet) -> Arranged:
    """Where the sheet's boxes, continuation labels and arrows go."""
    a = facts.a
    conts = continuations(a, facts, sheet.steps)
    grid = grid_of(a, sheet.block)
    arrows: dict[tracks.Arrow, tuple[str, str]] = {}
    for s in sheet.steps:
        for p in a.after[s]:
            if p in grid.cells:
                (cp, rp), (cs, rs) = grid.cells[p], grid.cells[s]
                arrows[tracks.Arrow(tracks.End(p, cp, rp), tracks.End(s, cs, rs))] = (p, s)
    by_name = {c.name: c for c in conts}
    for c in conts:
        col, row = grid.cells[c.here]
        here = tracks.End(c.here, col, row)
        label = tracks.End(c.name, grid.columns if c.outgoing else -1, row, label=True)
        arrows[tracks.Arrow(here, label) if c.outgoing else tracks.Arrow(label, here)] = (c.before, c.after)
    strips = sum(1 for side in (False, True) if any(c.outgoing is side for c in conts))
    room = GRID.w - LOOK.header - 6 - (grid.columns - 1) * 2 * LOOK.gap_x  # gaps with room for a few tracks
    strip = WIDE_CONTINUATION if (room - strips * WIDE_CONTINUATION) / grid.columns >= 1.3 * MIN_BOX_WIDTH \
        else CONTINUATION
    frame = tracks.Frame(GRID, GRID.x + LOOK.header + 6, strip - LABEL_GAP,
                         any(not c.outgoing for c in conts), any(c.outgoing for c in conts), LABEL_GAP, LOOK.gap_y,
                         LOOK.max_box_width, LOOK.max_box_height, MIN_BOX_HEIGHT, LABEL_WANTED)

    def label_height(name: str, width: float) -> float:
        return height([para(_label_text(facts, by_name[name]), True)], width, CONTINUATION_SIZES[-1])

    drawn = tracks.layout(grid, list(arrows), frame, label_height)
    return Arranged(conts, grid, arrows, drawn)


def crowded(facts: Facts, sheet: Sheet) -> bool:
    """Whether a continuation label on the sheet has too little room for the arrow's two numbers and the other
    step's actor (to its first three characters) at 12 pt."""
    arranged = arrange(facts, sheet)
    return any(not _fits_label(_label_least(facts, c), arranged.drawing.labels[c.name])
               for c in arranged.continuations)


def draw(page: Page, facts: Facts, sheet: Sheet, part: int, parts: int) -> dict[str, object]:
    """Draw one sheet on the page; returns the step boxes by step id."""
    style, a = page.style, facts.a
    phase_title = style.text("swimlane_phase", n=sheet.phase_index + 1, total=len(a.phases), phase=sheet.span.phase.title)
    if parts > 1:
        phase_title += " " + style.text("part_of", part=part, parts=parts)
    fills = style.theme["phase_fill"]
    page.text(MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, PHASE_BAND, [para(phase_title, True, style.theme["phase_text"])],
              (PHASE_SIZE,), anchor="m", fill=fills[sheet.phase_index % len(fills)], descr=phase_title).name = "phase"
    arranged = arrange(facts, sheet)
    conts, arrows, drawn = arranged.continuations, arranged.arrows, arranged.drawing
    placed = Placed(drawn.boxes, tuple((actor, band) for (actor, _), band in zip(sheet.block.lanes, drawn.lanes,
                                                                                    strict=True)))
    draw_lanes(page, placed, attrs.evolve(LOOK, header_sizes=(lane_size(a),)))
    marks: set[str] = set()
    size = box_size(facts, sheet.steps, placed.boxes)
    shapes: dict[str, object] = {c.name: _continuation(page, facts, c, drawn.labels[c.name]) for c in conts
                                 if not c.outgoing}
    boxes = draw_boxes(page, a, sheet.block, placed, lambda s, r: (box_content(facts, s, r, size, marks), (size,)),
                       lambda s: step_alt(facts, s))
    shapes |= boxes
    shapes |= {c.name: _continuation(page, facts, c, drawn.labels[c.name]) for c in conts if c.outgoing}
    # each box's own sites, one for every arrow end on it
    ends: dict[str, list[tuple[tracks.Arrow, tuple[float, float]]]] = {}
    for arrow, path in drawn.paths.items():
        for end, point in ((arrow.source, path[0]), (arrow.target, path[-1])):
            ends.setdefault(end.key, []).append((arrow, point))
    site: dict[tuple[tracks.Arrow, str], int] = {}
    rects = {**drawn.boxes, **drawn.labels}
    for key, mine in ends.items():
        for (arrow, _), index in zip(mine, ports.with_sites(shapes[key], rects[key], [pt for _, pt in mine]),
                                     strict=True):
            site[(arrow, key)] = index
    kinds: set[str] = set()
    for arrow, (before, after) in arrows.items():
        kind = "handoff" if (before, after) in facts.handoff_steps else "flow"
        kinds.add(kind)
        look = style.arrow(kind)
        first_site, second_site = site[(arrow, arrow.source.key)], site[(arrow, arrow.target.key)]
        line = ports.draw(page, shapes[arrow.source.key], first_site, shapes[arrow.target.key], second_site,
                          drawn.paths[arrow], look["color"], outline(look["color"], look["width"], look["style"]),
                          _arrow_line(look["color"], look["width"], look["style"]), f"{kind}-{before}-{after}")
        line.name = f"{kind}-{before}-{after}"
        prev, step = a.step(before), a.step(after)
        set_descr(line, style.text(f"alt_{kind}", prev=facts.step_ref(before), step=facts.step_ref(after),
                                   from_actor=a.actors[prev.owner].name, to_actor=a.actors[step.owner].name))
    for c in conts:
        key = "notes_to_later" if c.outgoing else "notes_from_earlier"
        page.note(style.text(key, step=a.step(c.after).title, prev=a.step(c.before).title))
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


def _label_text(facts: Facts, c: Continuation, r: Rect | None = None) -> str:
    """'6 → 9. Barnet er født! (Sykehuset)' or '4. Vi får en diagnose (Sykehuset) → 7': the arrow's own two
    steps; with `r`, the other step's title shortened by words until it fits there, then its actor's name (to
    its first three characters), and as the last resort the two numbers and the arrow alone ('6 → 9': the notes
    name both steps), so that the numbers always show whole."""
    for text in _label_forms(facts, c):
        if r is None or _fits_label(text, r):
            return text
    return text


def _label_forms(facts: Facts, c: Continuation) -> Iterator[str]:
    """The label's text from the longest form to the shortest: the title shortened by words, then the actor's
    name by characters (to three), then the two numbers and the arrow alone. Lazy: a 10,000-character title
    has a thousand forms."""
    other = facts.a.step(c.there)
    key = "cont_out" if c.outgoing else "cont_in"
    actor = facts.a.actors[other.owner].short
    here = str(facts.number[c.here])
    words = other.title.split()
    number = facts.number[c.there]
    for n in range(len(words), 0, -1):
        step = f"{number}. " + " ".join(words[:n]) + ("" if n == len(words) else "…")
        yield facts.style.text(key + "_named", step=step, actor=actor, here=here)
    for n in range(len(actor), min(len(actor), 3) - 1, -1):
        yield facts.style.text(key + "_named", step=str(number), actor=actor[:n] + ("" if n == len(actor) else "…"),
                               here=here)
    yield _label_least(facts, c, bare=True)


def _label_least(facts: Facts, c: Continuation, bare: bool = False) -> str:
    """The label's shortest form with the other step's actor (to its first three characters), or (`bare`) the
    two numbers and the arrow alone."""
    other = facts.a.step(c.there)
    key = "cont_out" if c.outgoing else "cont_in"
    actor = facts.a.actors[other.owner].short
    here, number = str(facts.number[c.here]), str(facts.number[c.there])
    if bare:
        return facts.style.text(key + "_bare", step=number, here=here)
    return facts.style.text(key + "_named", step=number, actor=actor[:3] + ("…" if len(actor) > 3 else ""), here=here)


def _fits_label(text: str, r: Rect) -> bool:
    return fit_size([para(text, True)], r.w, r.h, CONTINUATION_SIZES[-1:]) is not None


def _continuation(page: Page, facts: Facts, c: Continuation, r: Rect):
    style, a = page.style, facts.a
    key = "cont_out" if c.outgoing else "cont_in"
    handoff = (c.before, c.after) in facts.handoff_steps
    colour = style.arrow("handoff" if handoff else "flow")["color"]
    shape = page.text(r.x, r.y, r.w, r.h, [para(_label_text(facts, c, r), handoff, colour)], CONTINUATION_SIZES,
                      anchor="m", fill=style.background, line=colour, border="dashed",
                      descr=style.text(f"alt_{key}", step=facts.step_ref(c.there),
                                       actor=a.actors[a.step(c.there).owner].name))
    shape.name = c.name
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
        items: dict[str, bool] = {}  # each item once, marked when the person carries it in any of its flows here
        for f in flows:
            items[facts.item(f.item)] = items.get(facts.item(f.item), False) or f.carried_by_user
        out.append(para(f"{data} " + ", ".join(name + (f" {mark}" if carried else "") for name, carried in items.items()),
                        False, style.muted))
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


def lane_size(a: JourneyAnalysis) -> float:
    """The one size of the lane headers on every swimlane slide: the largest at which no word of a lane's short
    name (nor its kind) is broken."""
    inner = (LOOK.header - 4 - 2 * INSET_X) * SAFETY
    words = {w for x in a.lanes for w in x.short.split()}
    return next((z for z in LANE_SIZES if all(textfit.text_width(w, z, True) <= inner for w in words)), LANE_SIZES[-1])


def box_size(facts: Facts, steps: Sequence[str], boxes: dict[str, Rect]) -> float:
    """The one type size of every step box in the deck (a box's text that does not fit is shortened, not shrunk)."""
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


def legend(page: Page, arrows: set[str], marks: set[str], y: float = BODY_BOTTOM - LEGEND, numbers: str = "") -> None:
    """What the slide's lines and marks mean: only those the slide shows (and, on the overview, what a number is:
    the label `numbers`)."""
    style = page.style
    runs = [Run(style[numbers] + "   ")] if numbers else []
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
