"""The slides that run the workshop: the goal of the day, the agenda with times, ground rules, exercises with
instructions and room for sticky notes, dot-voting, the parking lot, decisions, and the «Vedlegg» divider.
Their words (agenda items and minutes, instructions, rules) are data in exporters/deck/outline.yaml."""

from __future__ import annotations

from collections.abc import Sequence

from .canvas import BODY_BOTTOM, BODY_TOP, BODY_WIDTH, MARGIN, WIDTH, Deck, Page
from .facts import Facts
from .text import para

LIST_SIZE = 20.0  # the goals of the day and the ground rules
BODY_SIZE = 16.0  # every instruction, rule, agenda line and card on these slides: one size, readable projected
SMALL_SIZE = 14.0  # the hints under a card or an area (still 14 pt: the deck's floor outside diagrams)
CARD_SIZE = 14.0  # every card on an exercise or voting slide (a pain point can be long; the notes hold the rest)
CARD_ROWS = 5  # cards per column on an exercise or voting slide (two columns)
CARD_GAP = 8.0
CARD_HEIGHT = 76.0  # the tallest card: a few items stay cards, not walls
INSTRUCTION_WIDTH = 300.0


def _text(spec, key: str, lang: str) -> str:
    value = spec.data.get(key) or {}
    return value.get(lang) or value.get("nb", "") if isinstance(value, dict) else str(value)


def _list(spec, key: str, lang: str) -> list[str]:
    value = spec.data.get(key) or {}
    return list(value.get(lang) or value.get("nb") or [])


def goal_slide(deck: Deck, facts: Facts, spec) -> list[Page]:
    style = deck.style
    page = deck.page(style.text(spec.title), spec.notes(facts))
    lines = [para(_text(spec, "lead", style.lang).format_map(facts.context()), False, None, 12)]
    lines += [para(f"• {g.format_map(facts.context())}", space_after=8) for g in _list(spec, "goals", style.lang)]
    page.text(MARGIN, BODY_TOP, BODY_WIDTH, BODY_BOTTOM - BODY_TOP, lines, (LIST_SIZE,), content=False)
    return [page]


def _clock(start: str, minutes: int) -> str:
    h, m = (int(x) for x in start.split(":"))
    total = h * 60 + m + minutes
    return f"{total // 60 % 24:02d}:{total % 60:02d}"


def agenda_slide(deck: Deck, facts: Facts, spec) -> list[Page]:
    """The agenda: each item with its start and end time from the outline's start and minutes."""
    style = deck.style
    start = str(spec.data.get("start", "09:00"))
    items = spec.data.get("items") or []
    total = sum(int(i["minutes"]) for i in items)
    page = deck.page(style.text(spec.title), spec.notes(facts))
    page.text(MARGIN, BODY_TOP, BODY_WIDTH, 30, [para(style.text("agenda_lead", start=start, end=_clock(start, total),
              minutes=total), False, style.muted)], (SMALL_SIZE,), content=False)
    top = BODY_TOP + 36
    row = min(34.0, (BODY_BOTTOM - top) / max(1, len(items)))
    at = 0
    for n, item in enumerate(items):
        y = top + n * row
        minutes = int(item["minutes"])
        when = f"{_clock(start, at)}–{_clock(start, at + minutes)}"
        text = item.get(style.lang) or item["nb"]
        page.text(MARGIN, y, 130, row, [para(when, True)], (BODY_SIZE,), anchor="m", content=False)
        page.text(MARGIN + 136, y, BODY_WIDTH - 136 - 110, row, [para(text)], (BODY_SIZE,), anchor="m", content=False)
        page.text(WIDTH - MARGIN - 110, y, 110, row, [para(style.text("agenda_minutes", n=minutes), False, style.muted,
                  align="r")], (BODY_SIZE,), anchor="m", content=False)
        at += minutes
    return [page]


def rules_slide(deck: Deck, facts: Facts, spec) -> list[Page]:
    style = deck.style
    page = deck.page(style.text(spec.title), spec.notes(facts))
    rules = [para(f"{n}. {r}", space_after=10) for n, r in enumerate(_list(spec, "rules", style.lang), 1)]
    page.text(MARGIN, BODY_TOP, BODY_WIDTH, BODY_BOTTOM - BODY_TOP, rules, (LIST_SIZE,), content=False)
    return [page]


def _items(facts: Facts, source: str) -> list[str]:
    """What an exercise or a vote is about, in journey order: the kasteball handoffs, the pain points, the
    opportunities (each with its step number, as in the swimlanes)."""
    a = facts.a
    if source == "handoffs":  # the kasteball; without any, the transfers between offices behind the scenes
        handoffs, key = (a.handoffs, "exercise_handoff") if a.handoffs else (a.transfers, "exercise_transfer")
        return [facts.style.text(key, from_actor=facts.short(h.from_actor), to_actor=facts.short(h.to_actor),
                                 step=facts.number[h.to_step])
                for h in sorted(handoffs, key=lambda h: (facts.number[h.to_step], facts.number[h.from_step]))]
    if source == "pain_points":
        return [f"{facts.number[s.id]}. {p}" for s in facts.steps_in_order() for p in s.pain_points]
    if source == "opportunities":
        return [f"{facts.number[s.id]}. {o}" for s in facts.steps_in_order() for o in s.opportunities]
    raise ValueError(f"unknown exercise source {source!r} in deck/outline.yaml")


def _instructions(page: Page, spec, lang: str, width: float, context) -> None:
    style = page.style
    lines = [para(style.text("exercise_minutes", n=int(spec.data.get("minutes", 10))), True, style.title_ink, 8)]
    lines += [para(f"{n}. {t.format_map(context)}", space_after=8) for n, t in enumerate(_list(spec, "steps", lang), 1)]
    page.text(MARGIN, BODY_TOP, width, BODY_BOTTOM - BODY_TOP, lines, (BODY_SIZE,), fill=style.theme["lane_header_fill"],
              line=style.theme["kinds"]["stat"]["stroke"], descr=style["alt_instructions"], content=False)


def _cards(page: Page, items: Sequence[str], x: float, width: float, hint: str, empty: str) -> None:
    """Up to 2 × CARD_ROWS cards: the item on the left, an empty dashed area on the right for sticky notes or
    dots; the items left over are named on the slide and listed in the notes."""
    style = page.style
    if not items:
        page.text(x, BODY_TOP, width, 120, [para(empty)], (BODY_SIZE,), content=False)
        return
    room = CARD_ROWS * 2
    shown = list(items[: room - 1] if len(items) > room else items)
    rest = list(items[len(shown):])
    columns = 1 if len(shown) <= CARD_ROWS else 2
    bottom = BODY_BOTTOM - (30 if rest else 0)
    rows = min(CARD_ROWS, len(shown)) if columns == 1 else CARD_ROWS
    h = min(CARD_HEIGHT, (bottom - BODY_TOP - (rows - 1) * CARD_GAP) / rows)
    col_w = (width - (columns - 1) * 16) / columns
    for n, item in enumerate(shown):
        cx = x + (n // rows) * (col_w + 16)
        cy = BODY_TOP + (n % rows) * (h + CARD_GAP)
        text_w = col_w * 0.62
        page.text(cx, cy, text_w, h, [para(item)], (CARD_SIZE,), anchor="m", fill=style.background, line=style.muted,
                  descr=item).name = "card"
        page.box(cx + text_w, cy, col_w - text_w, h, fill=None, line=style.muted, border="dashed",
                 descr=f"{hint}: {item}")
    if rest:
        page.text(x, BODY_BOTTOM - 26, width, 26, [para(style.text("exercise_more", n=len(rest)), False, style.muted)],
                  (SMALL_SIZE,), content=False)
        page.note(style["notes_exercise_more"] + "\n" + "\n".join(f"– {r}" for r in rest))


def exercise_slide(deck: Deck, facts: Facts, spec) -> list[Page]:
    """An exercise: the instructions and time on the left, what the group works on as cards with room for a
    sticky note beside each on the right."""
    style = deck.style
    page = deck.page(style.text(spec.title), spec.notes(facts))
    _instructions(page, spec, style.lang, INSTRUCTION_WIDTH, facts.context())
    x = MARGIN + INSTRUCTION_WIDTH + 20
    _cards(page, _items(facts, spec.data["source"]), x, WIDTH - MARGIN - x, style["exercise_sticky"],
           style[f"exercise_empty_{spec.data['source']}"])
    return [page]


def vote_slides(deck: Deck, facts: Facts, spec) -> list[Page]:
    """Dot-voting: each item a card with a dashed area for the dots, 2 × CARD_ROWS cards a slide, continued on
    slides titled "(2/3)" that share them out evenly, so that every pain point and opportunity can get a dot — on
    at most the outline's `max_slides` slides (3 unless it says otherwise): a journey with more items than those
    hold has the rest counted on the last slide and named in its notes, for the group to choose from."""
    from .meetings import numbered

    style = deck.style
    items = _items(facts, spec.data["source"])
    room = 2 * CARD_ROWS
    most = max(1, int(spec.data.get("max_slides", 3)))
    slides = min(most, max(1, -(-len(items) // room)))
    on_slides = items[: slides * room]
    per = -(-len(on_slides) // slides) if items else 0  # shared out evenly: 12 items are 6 and 6, not 10 and 2
    groups = [list(on_slides[i:i + per]) for i in range(0, len(on_slides), per)] if items else [[]]
    groups[-1] += items[len(on_slides):]  # more than the slides hold: the last one counts them, its notes name them
    pages = []
    for i, group in enumerate(groups):
        page = deck.page(numbered(style.text(spec.title), deck, i, len(groups)), spec.notes(facts))
        _instructions(page, spec, style.lang, INSTRUCTION_WIDTH, facts.context())
        x = MARGIN + INSTRUCTION_WIDTH + 20
        _cards(page, group, x, WIDTH - MARGIN - x, style["exercise_sticky"],
               style[f"exercise_empty_{spec.data['source']}"])
        pages.append(page)
    return pages


def parking_slide(deck: Deck, facts: Facts, spec) -> list[Page]:
    style = deck.style
    page = deck.page(style.text(spec.title), spec.notes(facts))
    page.text(MARGIN, BODY_TOP, BODY_WIDTH, 30, [para(_text(spec, "lead", style.lang), False, style.muted)],
              (SMALL_SIZE,), content=False)
    page.box(MARGIN, BODY_TOP + 36, BODY_WIDTH, BODY_BOTTOM - BODY_TOP - 36, fill=None, line=style.muted,
             border="dashed", descr=style["alt_parking"])
    return [page]


def decisions_slide(deck: Deck, facts: Facts, spec) -> list[Page]:
    """What is decided, by whom, by when: an empty table the room fills in, one row per decision."""
    from . import tables

    style = deck.style
    page = deck.page(style.text(spec.title), spec.notes(facts))
    page.text(MARGIN, BODY_TOP, BODY_WIDTH, 30, [para(_text(spec, "lead", style.lang), False, style.muted)],
              (SMALL_SIZE,), content=False)
    header = (style["col_decision"], style["col_owner_who"], style["col_deadline"], style["col_next_step"])
    rows = int(spec.data.get("rows", 5))
    table = tables.Table(tables.widths(4, 2, 1.4, 3), header, tuple(tuple([para(" ")] for _ in header) for _ in range(rows)),
                         size=BODY_SIZE)
    head_h = tables.row_height(table.widths, [[para(h, True)] for h in header], BODY_SIZE)
    row_h = (BODY_BOTTOM - BODY_TOP - 36 - head_h) / rows
    tables.draw(page, MARGIN, BODY_TOP + 36, table, [(cells, row_h, None) for cells in table.rows],
                style.text("alt_decisions", n=rows), style.theme["lane_header_fill"])
    return [page]


def divider_slide(deck: Deck, facts: Facts, spec) -> list[Page]:
    style = deck.style
    page = deck.page(style.text(spec.title), spec.notes(facts), title_box=(MARGIN, 180, BODY_WIDTH, 90),
                     title_sizes=(40, 36, 32))
    page.text(MARGIN, 280, BODY_WIDTH, 60, [para(_text(spec, "lead", style.lang), False, style.muted)], (18,),
              content=False)
    return [page]

