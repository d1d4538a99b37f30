"""A journey too large for a workshop deck step by step (more than STEP_LIMIT steps or PHASE_LIMIT phases,
or more than ROW_LIMIT data flows, findings or handoffs): the deck says so, and summarises by phase, by actor and by pair of
actors instead of drawing every step. This also keeps the deck's size and the memory it takes bounded."""

from __future__ import annotations

from collections import Counter

from ...analysis import JourneyAnalysis
from . import tables
from .canvas import BODY_BOTTOM, BODY_TOP, BODY_WIDTH, MARGIN, Deck, Page
from .facts import Facts
from .meetings import numbered
from .text import para

STEP_LIMIT = 400
ROW_LIMIT = 1000
PHASE_LIMIT = 60  # a slide (or more) per phase
# The slides a large journey's deck leaves out (each step drawn or listed) and those it summarises.
LEFT_OUT = frozenset({"overview", "swimlane", "appendix"})


def too_large(a: JourneyAnalysis) -> bool:
    return (a.metrics.steps > STEP_LIMIT or a.metrics.phases > PHASE_LIMIT
            or max(len(a.flows), len(a.findings), len(a.handoffs)) > ROW_LIMIT)


def notice_slide(deck: Deck, facts: Facts) -> list[Page]:
    style, m = deck.style, facts.a.metrics
    text = style.text("large_text", steps=m.steps, lanes=m.actors, phases=m.phases, limit=STEP_LIMIT,
                      rows=ROW_LIMIT)
    page = deck.page(style.text("large_title", steps=m.steps), style["large_notes"])
    page.text(MARGIN, BODY_TOP, BODY_WIDTH, BODY_BOTTOM - BODY_TOP, [para(text)], (20, 18, 16, 14), content=False)
    return [page]


def _table(deck: Deck, title: str, header: tuple[str, ...], shares: tuple[float, ...], rows, descr: str) -> list[Page]:
    notes = deck.style["large_notes"]
    table = tables.Table(tables.widths(*shares), header, tuple(tuple([para(c)] for c in row) for row in rows))
    return tables.paged(lambda i, n: deck.page(numbered(title, deck, i, n), notes), table, descr)


def phase_summary(deck: Deck, facts: Facts, spec) -> list[Page]:
    style, a = deck.style, facts.a
    rows = []
    for index, span in enumerate(a.phases):
        owners = Counter(a.step(s).owner for s in span.steps)
        top = ", ".join(f"{facts.short(o)} {n}" for o, n in owners.most_common(3))
        top += f", {style.text('summary_more', n=len(owners) - 3)}" if len(owners) > 3 else ""
        emotions = [e for s in span.steps if (e := a.step(s).emotion) is not None]
        lowest = style.emotion(min(emotions)) if emotions else "–"
        pains = sum(len(a.step(s).pain_points) for s in span.steps)
        rows.append((str(index + 1), span.phase.title, str(len(span.steps)), top or "–", str(pains), lowest))
    header = (style["col_no"], style["col_phase"], style["col_count"], style["col_owners"], style["col_pains"],
              style["col_lowest"])
    return _table(deck, style["summary_phases_title"], header, (0.45, 3, 0.9, 3.6, 1.3, 1.6), rows,
                  style["summary_phases_title"])


def agency_summary(deck: Deck, facts: Facts, spec) -> list[Page]:
    style, a = deck.style, facts.a
    rows = []
    for t in a.touchpoints:
        rows.append((facts.short(t.actor), str(len(t.owns)), str(len(t.takes_part)),
                     f"{len(t.handoffs_in)}/{len(t.handoffs_out)}", f"{len(t.gives)}/{len(t.receives)}",
                     str(len(t.asks_user)), str(len(t.pain_points))))
    header = (style["col_actor"], style["col_owns"], style["col_takes_part"], style["col_handoffs"],
              style["col_gives_receives"], style["col_asks"], style["col_pains"])
    return _table(deck, style["summary_agencies_title"], header, (2.6, 1, 1, 1.3, 1.3, 1.3, 1.3), rows,
                  style["summary_agencies_title"])


def findings_summary(deck: Deck, facts: Facts, spec) -> list[Page]:
    style, a = deck.style, facts.a
    pairs = Counter((f.asked_by, f.held_by, f.kind) for f in a.findings)
    items: dict[tuple, list[str]] = {}
    for f in a.findings:
        names = items.setdefault((f.asked_by, f.held_by, f.kind), [])
        if facts.item(f.item) not in names:
            names.append(facts.item(f.item))
    rows = []
    for (asked, held, kind), n in pairs.most_common():
        rows.append((facts.short(asked), facts.short(held), style[f"finding_{kind.value}"], str(n),
                     ", ".join(items[(asked, held, kind)])))
    header = (style["col_asked_by"], style["col_held_by"], style["col_finding"], style["col_count"], style["col_items"])
    return _table(deck, style["summary_findings_title"], header, (1.7, 1.7, 2.4, 0.9, 3.2), rows,
                  style["summary_findings_title"])


def handoff_summary(deck: Deck, facts: Facts, spec) -> list[Page]:
    style, a = deck.style, facts.a
    pairs = Counter((h.from_actor, h.to_actor) for h in a.handoffs)
    rows = [(facts.short(x), facts.short(y), str(n), "") for (x, y), n in pairs.most_common()]
    header = (style["col_from"], style["col_to"], style["col_count"], style["col_responsible"])
    return _table(deck, style["summary_handoffs_title"], header, (2.6, 2.6, 0.9, 3.4), rows,
                  style["summary_handoffs_title"])


# What a large journey's deck shows in place of the slides that go step by step.
INSTEAD = {"phases": phase_summary, "agencies": agency_summary, "findings": findings_summary,
           "handoffs": handoff_summary}
