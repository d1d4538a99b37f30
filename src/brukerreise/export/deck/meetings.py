"""Where the journey meets people and agencies: the swimlane slides, a slide per phase, a slide per agency."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import attrs

from . import swimlane, tables
from .canvas import BODY_TOP, BODY_WIDTH, MARGIN, Deck, Page
from .columns import Section, best_size, flow
from .facts import Facts
from .text import Para, Run, para


def numbered(title: str, deck: Deck, i: int, n: int) -> str:
    return title if n == 1 else f"{title} {deck.style.text('part_of', part=i + 1, parts=n)}"


def numbered_pages(deck: Deck, title: str, notes: str) -> Callable[[int, int], Page]:
    """Makes slide i of n, titled `title` with its part number when there are several."""
    return lambda i, n: deck.page(numbered(title, deck, i, n), notes)


def swimlane_slides(deck: Deck, facts: Facts, spec) -> list[Page]:
    style, a = deck.style, facts.a
    pages = []
    sheets = swimlane.sheets(a, facts)
    per_phase = Counter(sheet.phase_index for sheet in sheets)
    part = 0
    for i, sheet in enumerate(sheets):
        span = sheet.span
        part = part + 1 if i and sheets[i - 1].phase_index == sheet.phase_index else 1
        title = style.text(spec.title, journey=a.journey.title)
        title = numbered(title, deck, i, len(sheets))
        page = deck.page(title, spec.notes(facts, phase=span.phase.title), diagram=True)
        swimlane.draw(page, facts, sheet, part, per_phase[sheet.phase_index])
        pages.append(page)
    return pages


def phase_slides(deck: Deck, facts: Facts, spec) -> list[Page]:
    style, a = deck.style, facts.a
    pages: list[Page] = []
    pain = style.marker("pain_point_marker")
    made: list[tuple[str, str, tables.Table | None, str]] = []  # title, notes, table, alt text
    for index, span in enumerate(a.phases):
        title = style.text(spec.title, n=index + 1, total=len(a.phases), phase=span.phase.title)
        notes = spec.notes(facts, phase=span.phase.title)
        if not span.steps:
            made.append((title, notes, None, ""))
            continue
        rows = []
        for s in sorted(span.steps, key=facts.number.__getitem__):
            step = a.step(s)
            emotion = (
                [Para((Run(style.emotion_symbol(step.emotion) + " ", False, style.emotion_colour(step.emotion)),
                       Run(style.emotion_word(step.emotion))))]
                if step.emotion is not None else [para("–")]
            )
            owner = facts.short(step.owner) + ("".join(f", {facts.short(w)}" for w in step.with_) if step.with_ else "")
            pains = [para(f"{pain} {p}") for p in step.pain_points] or [para("–")]
            rows.append(([para(str(facts.number[s]))], [para(step.title)], [para(owner)],
                         [para(style.channel(step.channel) or "–")], emotion, pains))
        table = tables.Table(
            tables.widths(0.45, 3.0, 2.2, 1.35, 1.45, 3.55),
            (style["col_no"], style["col_step"], style["col_owner"], style["col_channel"], style["col_emotion"],
             style["col_pains"]),
            tuple(rows),
        )
        made.append((title, notes, table, style.text("alt_phase_table", phase=span.phase.title, n=len(span.steps))))
    size = min((tables.best_size(t) for _, _, t, _ in made if t is not None), default=tables.TABLE_SIZE)
    for title, notes, shown, descr in made:  # one type size for every phase's table
        if shown is None:
            page = deck.page(title, notes)
            page.text(MARGIN, BODY_TOP, BODY_WIDTH, 40, [para(style["phase_empty"])], (16,), content=False)
            pages.append(page)
            continue
        pages += tables.paged(numbered_pages(deck, title, notes), shown, descr, sizes=(size,))
    return pages


def agency_slides(deck: Deck, facts: Facts, spec) -> list[Page]:
    style, a = deck.style, facts.a
    pages: list[Page] = []
    made: list[tuple[str, str, list[Section], str]] = []  # title, notes, sections, alt text
    for actor in a.lanes:
        if actor.is_person:
            continue
        t = a.touchpoints_of(actor.id)
        if not t.owns:
            continue
        def head(key: str, agency: str = actor.short) -> Para:
            return para(style.text(key, agency=agency), True, style.title_ink, 4)

        def item(text: str, color: str | None = None) -> Para:
            return para(text, False, color, 6)

        sections: list[Section] = []

        def add(key: str, items: list[Para], sections: list[Section] = sections) -> None:
            if items:
                sections.append(Section(head(key), tuple(items)))

        first_right = 0

        def right_column_starts() -> None:  # what passes in and out goes in the right column
            nonlocal first_right
            first_right = len(sections)  # noqa: B023 - called only while this actor's sections are made

        def step_item(s: str) -> Para:
            e = a.step(s).emotion
            runs = [Run(facts.step_ref(s))]
            if e is not None:
                runs.append(Run("  " + style.emotion_symbol(e), False, style.emotion_colour(e)))
            return Para(tuple(runs), 6)

        by_number = facts.number.__getitem__
        add("agency_owns", [step_item(s) for s in sorted(t.owns, key=by_number)])
        add("agency_takes_part", [step_item(s) for s in sorted(t.takes_part, key=by_number)])
        add("agency_pains", [item(f"{style.marker('pain_point_marker')} {p} ({facts.number[s]})")
                             for s, p in sorted(t.pain_points, key=lambda sp: by_number(sp[0]))])
        right_column_starts()
        add("agency_handoffs_in", [item(style.text("agency_handoff_in", actor=facts.short(h.from_actor),
                                                    prev=facts.step_ref(h.from_step), step=facts.step_ref(h.to_step)))
                                   for h in t.handoffs_in])
        add("agency_handoffs_out", [item(style.text("agency_handoff_out", actor=facts.short(h.to_actor),
                                                     prev=facts.step_ref(h.from_step), step=facts.step_ref(h.to_step)))
                                    for h in t.handoffs_out])
        add("agency_gives", [item(_flow_text(deck, facts, f, f.to_actor, "agency_flow_to")) for f in t.gives])
        add("agency_receives", [item(_flow_text(deck, facts, f, f.from_actor, "agency_flow_from")) for f in t.receives])
        add("agency_asks", [item(style.text("agency_ask", item=facts.item(f.item), holder=facts.short(f.held_by),
                                             step=facts.number[f.step])) for f in t.asks_user])
        if first_right < len(sections):
            sections[first_right] = attrs.evolve(sections[first_right], new_column=True)
        title = style.text(spec.title, agency=actor.short)
        notes = spec.notes(facts, agency=actor.short, agency_name=actor.name, owns=len(t.owns),
                           handoffs=len(t.handoffs_in) + len(t.handoffs_out), asks=len(t.asks_user))
        made.append((title, notes, sections, style.text("alt_agency", agency=actor.name)))
    size = min((best_size(sections) for _, _, sections, _ in made), default=16)
    for title, notes, sections, descr in made:  # one type size for every agency's slides
        pages += flow(numbered_pages(deck, title, notes), sections, descr=descr, sizes=(size,))
    return pages


def _flow_text(deck: Deck, facts: Facts, f, other: str, key: str) -> str:
    style = deck.style
    marks = f" {style.marker('user_carried')}" if f.carried_by_user else ""
    if f.sensitive:
        marks += f" {style.marker('sensitive_marker')} {style['sensitive']}"
    return style.text(key, item=facts.item(f.item), actor=facts.short(other), how=style[f"how_{f.how.value}"],
                      step=facts.number[f.step]) + marks
