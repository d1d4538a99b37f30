"""The whole journey on one slide, before the slides phase by phase: a small box per step (its number and as much
of its title as fits, at 12 pt) in its owner's lane, joined by routed connectors, and a key beside it that says
what each number is (number and title, one line each). A journey too long for one row of time columns is laid
out in bands of whole phases, one under the other, rather than shrunk."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ...analysis import JourneyAnalysis
from ...render import textfit
from ...render.geometry import Rect
from . import swimlane, waypoints
from .canvas import BODY_BOTTOM, BODY_TOP, BODY_WIDTH, MARGIN, Deck, Page
from .facts import Facts
from .lanes import Block, Look, block, draw_boxes, draw_lanes, place
from .meetings import numbered
from .text import INSET_X, INSET_Y, SAFETY, Para, Run, breaks_words, clip, fit_size, lines, para

SIZES = (12,)  # every label of the overview, one size: 12 pt (canvas.DIAGRAM_FLOOR)
GAP_X, GAP_Y = 10.0, 4.0
# The phases' names above the columns, at the smallest size: a band's row is as many lines high as its longest
# name needs over its columns (so that the name is whole), up to PHASE_LINES (cut with '…' only beyond that).
PHASE_LINES = 4
BAND_GAP = 8.0
MIN_ROW = textfit.line_height(SIZES[-1]) + 2 * INSET_Y + GAP_Y
# The key at the right says what each number is: as wide as it can be (KEY_WIDTH down to KEY_NARROWEST) without
# laying the columns out in more bands than they need without it. Where even the narrowest key would, there is no
# key: the boxes show what of their titles fits, and the notes name every step.
KEY_WIDTH, KEY_NARROWEST, KEY_STEP, KEY_GAP = 200.0, 72.0, 8.0, 10.0
KEY_CHARS = 200
BODY = Rect(MARGIN, BODY_TOP, BODY_WIDTH, BODY_BOTTOM - swimlane.LEGEND - 4 - BODY_TOP)


_KEY_WIDTH: list[tuple[JourneyAnalysis, float]] = []  # the last journey's key width (asked for many times)


def key_width(a: JourneyAnalysis) -> float:
    """The key's width; 0 where there is no key."""
    if not (_KEY_WIDTH and _KEY_WIDTH[0][0] is a):
        _KEY_WIDTH[:] = [(a, _key_width(a))]
    return _KEY_WIDTH[0][1]


def _key_width(a: JourneyAnalysis) -> float:
    without = len(_column_groups(a, BODY.w))
    w = KEY_WIDTH
    while w >= KEY_NARROWEST:
        if len(_column_groups(a, BODY.w - w - KEY_GAP)) <= without:
            return w
        w -= KEY_STEP
    return 0.0


def _column_groups(a: JourneyAnalysis, area_width: float) -> list[tuple[list[int], list[int]]]:
    """The bands' (columns, phase indexes) in an area this wide: whole phases as long as they fit in a row."""
    width = area_width - header_width(a) - 6
    most = max(1, int((width + GAP_X) // (min_box_width(a) + GAP_X)))
    groups: list[tuple[list[int], list[int]]] = []
    for index, span in enumerate(a.phases):
        cols = list(range(span.first_column, span.last_column + 1))
        while cols:
            if not groups or len(groups[-1][0]) + min(len(cols), most) > most:
                groups.append(([], []))
            take = most - len(groups[-1][0])
            groups[-1][0].extend(cols[:take])
            groups[-1][1].append(index)
            cols = cols[take:]
    return groups


def area(a: JourneyAnalysis) -> Rect:
    """Where the lanes and columns go: the body, less the key."""
    w = key_width(a)
    return Rect(BODY.x, BODY.y, BODY.w - (w + KEY_GAP if w else 0.0), BODY.h)


def key_rect(a: JourneyAnalysis) -> Rect:
    w = key_width(a)
    return Rect(BODY.right - w, BODY.y, w, BODY.h)


def header_width(a: JourneyAnalysis) -> float:
    """Wide enough for the longest short name of a lane on one line at 12 pt, within reason."""
    need = max((textfit.text_width(x.short, SIZES[-1], True) for x in a.lanes), default=0.0) / 0.95
    return min(max(need + 2 * INSET_X + 6, 70.0), 150.0)


def min_box_width(a: JourneyAnalysis) -> float:
    return textfit.text_width(f"{len(a.order)}.", SIZES[-1], True) / 0.95 + 2 * INSET_X + 2


def bands(a: JourneyAnalysis, facts: Facts, look: Look) -> list[list[tuple[Block, tuple[int, ...]]]]:
    """Slides of bands; a band is (block, the phases it shows). One band, on one slide, when the journey fits."""
    free = area(a)
    groups = _column_groups(a, free.w)
    made = []
    for cols, phases in groups:
        in_cols = set(cols)
        made.append((block(a, cols, [s for s in facts.order if a.columns[s] in in_cols]), tuple(phases)))
    slides: list[list[tuple[Block, tuple[int, ...]]]] = [[]]
    used = 0.0
    for b, shown in made:
        need = _band_height(a, b, shown, look)
        if slides[-1] and used + need > free.h:
            slides.append([])
            used = 0.0
        slides[-1].append((b, shown))
        used += need + BAND_GAP
    return slides


def _band_height(a: JourneyAnalysis, b: Block, phases: Sequence[int], look: Look) -> float:
    return _phase_row(a, b, phases, look) + max(1, b.rows) * MIN_ROW


def _phase_boxes(a: JourneyAnalysis, b: Block, phases: Sequence[int], look: Look) -> list[tuple[int, float, float]]:
    """(phase index, x, width) of each phase's name above the band's columns."""
    free = area(a)
    placed = place(a, b, free, look)  # the boxes' widths do not depend on the band's height
    box_w = next(iter(placed.boxes.values())).w if placed.boxes else 0.0
    pitch = box_w + look.gap_x
    x0 = free.x + look.header + 6
    out = []
    for index in phases:
        span = a.phases[index]
        cols = [c for c in b.columns if span.first_column <= c <= span.last_column]
        if cols:
            out.append((index, x0 + (cols[0] - b.columns[0]) * pitch, len(cols) * pitch - look.gap_x))
    return out


def _phase_text(a: JourneyAnalysis, index: int, width: float | None = None, most: int = PHASE_LINES) -> str:
    """The phase's number and name over its columns; its number alone where `width` cannot hold the name whole
    in `most` lines without breaking a word (the key beside the slide then names it)."""
    text = f"{index + 1}. {a.phases[index].phase.title}"
    if width is None or _fits_over(text, width, most) or not key_width(a):
        return text
    return f"{index + 1}."


def _fits_over(text: str, width: float, most: int) -> bool:
    p = para(text, True)
    return len(lines(p, width, SIZES[-1])) <= most and not breaks_words([p], width, SIZES[-1])


def _phase_lines(a: JourneyAnalysis, b: Block) -> int:
    """The most lines the band's row of phase names may take: up to PHASE_LINES, as long as the band's lanes keep
    their rows' height on the slide."""
    room = area(a).h - max(1, b.rows) * MIN_ROW - 2 * INSET_Y - 2
    return max(1, min(PHASE_LINES, int(room // textfit.line_height(SIZES[-1]))))


def _phase_row(a: JourneyAnalysis, b: Block, phases: Sequence[int], look: Look) -> float:
    """The height of the band's row of phase names: the lines its longest name needs, 1 to PHASE_LINES."""
    most = _phase_lines(a, b)
    need = max((len(lines(para(_phase_text(a, i, w, most), True), w, SIZES[-1])) for i, _, w in _phase_boxes(a, b, phases, look)),
               default=1)
    return min(max(1, need), most) * textfit.line_height(SIZES[-1]) + 2 * INSET_Y + 2 + 0.01


def overview_slides(deck: Deck, facts: Facts, spec) -> list[Page]:
    a = facts.a
    if not a.order:
        return []
    look = Look(header=header_width(a), header_sizes=SIZES, gap_x=GAP_X, gap_y=GAP_Y, max_box_width=220.0,
                max_box_height=64.0, short_header=True)
    style = deck.style
    title = style.text(spec.title, journey=a.journey.title)
    pages = []
    slides = bands(a, facts, look)
    free = area(a)
    for i, band_list in enumerate(slides):
        page = deck.page(numbered(title, deck, i, len(slides)), spec.notes(facts), diagram=True)
        page.note("\n".join(f"{facts.step_ref(s)} ({facts.short(a.step(s).owner)})"
                             for b, _ in band_list for s in b.steps))
        spare = free.h - sum(_band_height(a, b, shown, look) for b, shown in band_list) - BAND_GAP * (len(band_list) - 1)
        rows = sum(max(1, b.rows) for b, _ in band_list)
        y = free.y
        drawn = Drawn({}, {}, [], [], [])
        for b, phases in band_list:
            h = _band_height(a, b, phases, look) + spare * max(1, b.rows) / rows
            _band(page, facts, b, phases, Rect(free.x, y, free.w, h), look, drawn)
            y += h + BAND_GAP
        swimlane.legend(page, _arrows(page, facts, drawn) - {""}, set(),
                        numbers="legend_numbers" if key_width(a) else "legend_numbers_elsewhere")
        _key(page, facts, _key_lines(a, band_list, look))
        pages.append(page)
    return pages


@attrs.frozen
class Drawn:
    """What the bands of one overview slide drew: the step boxes (shapes and rectangles), the phases' names,
    and the free channels between columns (xs) and between lane rows (ys)."""

    shapes: dict[str, object]
    rects: dict[str, Rect]
    phases: list[Rect]
    xs: list[float]
    ys: list[float]


def _band(page: Page, facts: Facts, b: Block, phases: Sequence[int], area: Rect, look: Look, drawn: Drawn) -> None:
    a, style = facts.a, page.style
    phase_row = _phase_row(a, b, phases, look)
    grid = Rect(area.x, area.y + phase_row, area.w, area.h - phase_row)
    placed = place(a, b, grid, look)
    box_w = next(iter(placed.boxes.values())).w if placed.boxes else 0.0
    pitch = box_w + look.gap_x
    x0 = grid.x + look.header + 6
    fills = style.theme["phase_fill"]
    for index, x, w in _phase_boxes(a, b, phases, look):
        span = a.phases[index]
        shown, _ = clip([para(_phase_text(a, index, w, _phase_lines(a, b)), True, style.theme["phase_text"])], w,
                        phase_row - 2, SIZES[-1])
        page.text(x, area.y, w, phase_row - 2, shown, (SIZES[-1],), anchor="m", fill=fills[index % len(fills)],
                  descr=style.text("alt_phase", n=index + 1, phase=span.phase.title, steps=len(span.steps)))
        drawn.phases.append(Rect(x, area.y, w, phase_row - 2))
    draw_lanes(page, placed, look)
    size = SIZES[-1]  # one size for every box of the overview
    drawn.shapes.update(draw_boxes(page, a, b, placed, lambda s, r: (_content(facts, s, r, size), (size,)),
                                   lambda s: swimlane.step_alt(facts, s)))
    drawn.rects.update(placed.boxes)
    drawn.xs.extend([x0 - 4, *(x0 + i * pitch + box_w + look.gap_x / 2 for i in range(len(b.columns)))])
    pitch_y = grid.h / max(1, b.rows)
    drawn.ys.extend(grid.y + i * pitch_y for i in range(max(1, b.rows) + 1))


def _arrows(page: Page, facts: Facts, drawn: Drawn) -> set[str]:
    """Every arrow between steps on the slide, in the bands' reading order: a connector where one can go round
    the boxes, else legs through waypoint dots in the free channels (also from one band to another)."""
    a, boxes, rects = facts.a, drawn.shapes, drawn.rects
    obstacles = [*rects.values(), *drawn.phases]
    channels = waypoints.Channels(tuple(sorted(set(drawn.xs))), tuple(sorted(set(drawn.ys))),
                                  tuple(rects.values()), tuple(drawn.phases))
    kinds = set()
    for s in boxes:
        for p in a.after[s]:
            if p in boxes:
                kinds.add(swimlane.edge(page, facts, p, s, boxes[p], boxes[s], rects[p], rects[s], obstacles,
                                        channels))
    return kinds


def _key_lines(a: JourneyAnalysis, band_list: Sequence[tuple[Block, Sequence[int]]], look: Look) -> list[tuple[int, str]]:
    """The key's lines in reading order: (phase index, '') for a phase shown by its number alone over its columns,
    (-1, step id) for each step."""
    out: list[tuple[int, str]] = []
    phase_index = {span.phase.id: i for i, span in enumerate(a.phases)}
    for b, phases in band_list:
        most = _phase_lines(a, b)
        named = {i for i, _, w in _phase_boxes(a, b, phases, look) if _phase_text(a, i, w, most) != _phase_text(a, i)}
        for s in b.steps:
            index = phase_index[a.step(s).phase]
            if index in named:
                out.append((index, ""))
                named.discard(index)
            out.append((-1, s))
    return out


def _key(page: Page, facts: Facts, entries: Sequence[tuple[int, str]]) -> None:
    """What each number on the slide is: a line per step, its number and title (two lines while the key has lines
    to spare), and before its steps the whole name of a phase shown by its number alone (up to PHASE_LINES lines);
    a text longer than that is cut with '…' (the notes name every step whole). Steps beyond the key's lines are
    counted on its last line."""
    if not key_width(facts.a):
        return
    size, style, key = SIZES[-1], page.style, key_rect(facts.a)
    width = (key.w - 2 * INSET_X) * SAFETY
    lh = textfit.line_height(size)
    room = max(1, int((key.h - 2 * INSET_Y) // lh))

    def text_of(index: int, s: str) -> tuple[str, str]:
        if s:
            return f"{facts.number[s]}. ", " ".join(facts.a.step(s).title[:KEY_CHARS].split())
        return (style.text("overview_key_phase", n=index + 1, phase=""),
                " ".join(facts.a.phases[index].phase.title[:KEY_CHARS].split()))

    def need(index: int, s: str) -> int:  # a phase's name whole (to PHASE_LINES), a step's title in one line
        if s:
            return 1
        head, text = text_of(index, s)
        return min(PHASE_LINES, len(textfit.wrap(head + text, width, size, True)))

    shown: list[tuple[int, str]] = []
    used = 0
    for index, s in entries:
        if used + need(index, s) > room:
            break
        shown.append((index, s))
        used += need(index, s)
    while len(shown) < len(entries) and shown and used + 1 > room:  # room for the line that counts the rest
        used -= need(*shown.pop())
    spare = room - used - (1 if len(shown) < len(entries) else 0)  # lines left for a step's second line

    def lines_of(head: str, text: str, most: int) -> str:
        """The text after `head`, head and text in at most `most` lines (cut with '…')."""
        kept, cut = textfit.clip(head + text, width, most * lh, size, True)
        out = " ".join(kept)[len(head):] if cut else text  # whole: as written (a long word may wrap inside)
        if not out.strip(" …"):  # a first word too long to stand beside the head: cut within it
            cut_at = len(text)
            while cut_at and textfit.text_width(head + text[:cut_at] + "…", size, True) > width:
                cut_at -= 1
            out = text[:cut_at] + "…"
        return out

    paras = []
    for index, s in shown:
        head, text = text_of(index, s)
        if s:
            most = 1
            if spare > 0 and len(textfit.wrap(head + text, width, size, True)) > 1:
                spare -= 1
                most = 2
            paras.append(Para((Run(head, True), Run(lines_of(head, text, most)))))
        else:
            paras.append(para(head + lines_of(head, text, need(index, s)), True, style.theme["phase_text"]))

    def with_rest(kept: int) -> list[Para]:
        left = sum(1 for _, s in entries[kept:] if s)
        return paras[:kept] + ([para(style.text("exercise_more", n=left), False, style.muted)] if left else [])

    kept = len(paras)
    while kept and fit_size(with_rest(kept), key.w, key.h, (size,)) is None:  # as measured when written
        kept -= 1
    paras = with_rest(kept)
    page.text(key.x, key.y, key.w, key.h, paras, (size,), descr=page.style["alt_overview_key"]).name = "key"


def _content(facts: Facts, s: str, r: Rect, size: float) -> list[Para]:
    """The step's number and as much of its title as fits in whole words (all of it is in the box's alt text
    and the notes); the number alone when not even half of the title fits."""
    number, title = facts.number[s], facts.a.step(s).title
    head = f"{number}. "
    words = title.split()
    for n in range(len(words), 0, -1):
        shown = " ".join(words[:n]) + ("" if n == len(words) else "…")
        if len(shown) < len(title) / 2:  # a word or two of a long title says little: the number alone
            break
        paras = [Para((Run(head, True), Run(shown)))]
        if fit_size(paras, r.w, r.h, (size,)) and not breaks_words(paras, r.w, size):
            return paras
    return [para(str(number), True, align="c")]
