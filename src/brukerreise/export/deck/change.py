"""«Fra i dag til ønsket»: a to-be journey's slides on what it changes — the figures before and after, the
once-only findings it resolves, each agency's gains beside its costs, and questions for *levere sammen*.
Read from the comparison the analysis carries; a journey without one gets none of these slides."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from ...analysis import ActorChange, Comparison, FindingStatus, FlowKey, StepStatus
from ...render.comparison import figure_rows, finding_text
from ...render.labels import Labels, labels, phrase, pick
from ...render.resources import definition
from . import tables
from .canvas import BODY_TOP, BODY_WIDTH, MARGIN, Deck, Page
from .columns import Section, flow
from .facts import Facts
from .meetings import numbered
from .text import para

SUMMARY_HEIGHT = 30.0


@attrs.frozen
class _Slides:
    """What every «Fra i dag til ønsket» slide starts from: the comparison, the labels, title and notes."""

    c: Comparison
    lab: Labels
    title: str
    notes: str


def _to_be_only(build: Callable[[Deck, Facts, _Slides], list[Page]]) -> Callable[..., list[Page]]:
    """A builder of the outline (deck, facts, spec) that makes no slides for a journey without a comparison."""

    @functools.wraps(build)
    def builder(deck: Deck, facts: Facts, spec) -> list[Page]:
        c = facts.a.comparison
        if c is None:
            return []
        resolved = len(c.findings_with(FindingStatus.RESOLVED))
        notes = spec.notes(facts, before=c.before.journey.title, resolved=resolved, new_flows=len(c.new_flows))
        return build(deck, facts, _Slides(c, labels("comparison", deck.style.lang), deck.style.text(spec.title), notes))

    return builder


def _summary(deck: Deck, page: Page, text: str) -> None:
    page.text(MARGIN, BODY_TOP, BODY_WIDTH, SUMMARY_HEIGHT, [para(text, False, deck.style.muted)], (14,), anchor="m",
              content=False)


@_to_be_only
def figures_slides(deck: Deck, facts: Facts, start: _Slides) -> list[Page]:
    c, lab, title, notes = start.c, start.lab, start.title, start.notes
    style = deck.style
    counts = {s.value: len(c.with_status(s)) for s in StepStatus}
    summary = style.text("change_summary", before=c.before.journey.title) + " " + lab.text("step_summary", **counts)
    table = tables.Table(
        tables.widths(4.2, 1.2, 1.2, 1.2, 1.4),
        (lab["figure"], lab["today"], lab["goal"], lab["change"], lab["verdict"]),
        tuple(tuple([para(cell, i == 0)] for i, cell in enumerate(row)) for row in figure_rows(c.figures, lab)),
    )

    def make(i: int, n: int) -> Page:
        page = deck.page(numbered(title, deck, i, n), notes)
        if i == 0:
            _summary(deck, page, summary)
        return page

    return tables.paged(make, table, style.text("alt_change_figures", n=len(c.figures)), top=BODY_TOP + SUMMARY_HEIGHT + 6,
                        sizes=(14,))


@_to_be_only
def findings_slides(deck: Deck, facts: Facts, start: _Slides) -> list[Page]:
    c, lab, title, notes = start.c, start.lab, start.title, start.notes
    style = deck.style
    sections = []
    for status, key in ((FindingStatus.RESOLVED, "findings_resolved"), (FindingStatus.REMAINING, "findings_remaining"),
                        (FindingStatus.NEW, "findings_new")):
        found = c.findings_with(status)
        items = tuple(para(f"• {finding_text(c, f, lab)}", space_after=4) for f in found) or (para(lab["none"]),)
        sections.append(Section(para(f"{lab[key]} ({len(found)})", True, style.title_ink, 4), items))

    def make(i: int, n: int) -> Page:
        return deck.page(numbered(title, deck, i, n), notes)

    return flow(make, sections, columns=1, sizes=(14,), descr=style.text("alt_change_findings",
                                                                             n=len(c.findings_with(FindingStatus.RESOLVED))))


def _gains(x: ActorChange, style) -> str:
    parts = []
    if x.before.manual_transfers != x.after.manual_transfers:
        parts.append(style.text("change_manual", before=x.before.manual_transfers, after=x.after.manual_transfers))
    if x.before.asks_of_person != x.after.asks_of_person:
        parts.append(style.text("change_asks", before=x.before.asks_of_person, after=x.after.asks_of_person))
    if x.resolved_findings:
        parts.append(style.text("change_resolved", n=x.resolved_findings))
    if x.before.steps_owned != x.after.steps_owned:
        parts.append(style.text("change_steps", before=x.before.steps_owned, after=x.after.steps_owned))
    return "; ".join(parts) or "–"


def worse_off(x: ActorChange) -> bool:
    """Whether the agency ends up with more manual transfers or more asks of the person than today (on either,
    whatever it saves on the other)."""
    return (x.after.manual_transfers > x.before.manual_transfers) or (x.after.asks_of_person > x.before.asks_of_person)


def _verdict(x: ActorChange, style) -> list:
    """What gets worse and what better for the agency, each on its own (a rise in one is never netted against a
    fall in the other): «Verre: flere manuelle overføringer», in bold, first."""
    worse, better = [], []
    for key, before, after in (("transfers", x.before.manual_transfers, x.after.manual_transfers),
                               ("asks", x.before.asks_of_person, x.after.asks_of_person)):
        if after > before:
            worse.append(para(style[f"change_worse_{key}"], True))
        elif after < before:
            better.append(para(style[f"change_better_{key}"]))
    return worse + better or [para(style["change_same"])]


def _hours_and_kroner(c: Comparison, actor: str, style) -> list:
    """The agency's gain from the gains analysis: where it ends up, hours a year, net kroner a year, what it builds."""
    from ...render.gains import amount_text, labels as gain_labels, saved

    glab = gain_labels(style.lang)
    g = None if c.gains is None else next((g for g in c.gains.agencies if g.actor == actor), None)
    if g is None:
        return [para(glab["gap"])]
    return [para(glab[f"outcome_{g.outcome.value}"], True),
            para(style.text("gains_hours", x=amount_text(saved(g.hours_change), "hours", style.lang, glab))),
            para(style.text("gains_net", x=amount_text(g.net_yearly, "kroner", style.lang, glab))),
            para(style.text("gains_build", x=amount_text(g.one_time_cost, "kroner", style.lang, glab)))]


@_to_be_only
def agencies_slides(deck: Deck, facts: Facts, start: _Slides) -> list[Page]:
    c, title, notes = start.c, start.title, start.notes
    style = deck.style
    a = facts.a
    every = {**c.before.actors, **c.after.actors}
    rows = []
    for x in c.actors:
        if not x.changed:
            continue
        provides = [f"{style['change_provides']}: {a.data_items[k.item].name} → {every[k.to_actor].short}" for k in x.provides]
        receives = [f"{style['change_receives']}: {a.data_items[k.item].name} ← {every[k.from_actor].short}" for k in x.receives]
        costs = [para(t) for t in (*provides, *receives)] or [para("–")]
        row = [[para(every[x.actor].short, True)], _verdict(x, style), [para(_gains(x, style))], costs]
        if c.gains is not None:
            row.insert(2, _hours_and_kroner(c, x.actor, style))
        rows.append(tuple(row))
    if c.gains is None:
        table = tables.Table(tables.widths(1.5, 1.7, 3.0, 3.6),
                             (style["col_agency"], style["col_verdict_counts"], style["col_gains"], style["col_costs"]),
                             tuple(rows))
    else:
        table = tables.Table(tables.widths(1.4, 1.6, 2.4, 2.2, 2.4),
                             (style["col_agency"], style["col_verdict_counts"], style["col_hours_kroner"],
                              style["col_gains"], style["col_costs"]), tuple(rows))
    return tables.paged(lambda i, n: deck.page(numbered(title, deck, i, n), notes), table,
                        style.text("alt_change_agencies", n=len(rows)), sizes=(14,))


def _values(c: Comparison, source: str) -> Iterator[dict[str, Any]]:
    every = {**c.before.actors, **c.after.actors}
    items = c.after.data_items
    if source == "journey":
        agencies = [every[x.actor].short for x in c.actors if x.changed]
        yield {"agencies": ", ".join(agencies) or "–", "new_flows": len(c.new_flows),
               "resolved": len(c.findings_with(FindingStatus.RESOLVED)), "journey": c.after.journey.title}
    elif source == "new_flow":
        for k in c.new_flows:
            yield {"item": items[k.item].name, "from_actor": every[k.from_actor].short, "to_actor": every[k.to_actor].short}
    elif source == "agency_gain":
        for x in sorted(c.actors, key=lambda x: -x.work_saved):
            if x.work_saved > 0:
                yield {"agency": every[x.actor].short, "saved": x.work_saved, "resolved": x.resolved_findings}
    elif source == "agency_worse":
        for x in c.actors:
            if worse_off(x):
                yield {"agency": every[x.actor].short, "before": x.before.manual_transfers,
                       "after": x.after.manual_transfers, "asks_before": x.before.asks_of_person,
                       "asks_after": x.after.asks_of_person}
    elif source == "agency_cost":
        for x in c.actors:
            if x.provides and x.work_saved <= 0:
                yield {"agency": every[x.actor].short, "provides": len(x.provides)}
    else:
        raise ValueError(f"unknown question source {source!r} in deck/questions.yaml (change_questions)")


@_to_be_only
def questions_slides(deck: Deck, facts: Facts, start: _Slides) -> list[Page]:
    c, title, notes = start.c, start.title, start.notes
    style = deck.style
    lang = style.lang
    table = definition("deck/questions.yaml")
    themes = table["themes"]
    by_theme: dict[str, list[str]] = {}
    extra: list[str] = []
    for q in table["change_questions"]:
        template = pick(q, lang)
        for n, values in enumerate(_values(c, q["for"])):
            (by_theme.setdefault(q["theme"], []) if n < q.get("max", 3) else extra).append(phrase(template, lang, **values))
    sections, number = [], 0
    for theme in themes:
        texts = by_theme.get(theme, [])
        if texts:
            items = []
            for text in texts:
                number += 1
                items.append(para(f"{number}. {text}", space_after=8))
            sections.append(Section(para(pick(themes[theme], lang), True, style.title_ink, 4), tuple(items)))
    if extra:
        notes += "\n\n" + style["notes_more_questions"] + "\n" + "\n".join(f"– {t}" for t in extra)
    return flow(lambda i, n: deck.page(numbered(title, deck, i, n), notes), sections,
                descr=style.text("alt_change_questions"))


@_to_be_only
def legal_slides(deck: Deck, facts: Facts, start: _Slides) -> list[Page]:
    """Every new flow of sensitive data and the legal basis it needs: the journey does not record one, so each
    is a question for the room with a column for who settles it."""
    c, title, notes = start.c, start.title, start.notes
    style = deck.style
    every = {**c.before.actors, **c.after.actors}
    items = c.after.data_items
    sensitive = [k for k in c.new_flows if items[k.item].sensitive]
    if not sensitive:
        page = deck.page(title, notes)
        page.text(MARGIN, BODY_TOP, BODY_WIDTH, 60, [para(style["legal_none"])], (16,), content=False)
        return [page]
    rows = tuple(([para(items[k.item].name, True)], [para(f"{every[k.from_actor].short} → {every[k.to_actor].short}")],
                  [para(style["legal_unknown"])], [para("")]) for k in sensitive)
    table = tables.Table(tables.widths(2.6, 2.6, 2.8, 2.0),
                         (style["col_item"], style["col_from_to"], style["col_legal_basis"], style["col_owner_who"]), rows)
    return tables.paged(lambda i, n: deck.page(numbered(title, deck, i, n), notes), table,
                        style.text("alt_legal", n=len(rows)), sizes=(16, 14))


def stages(flows: tuple[FlowKey, ...]) -> dict[FlowKey, int]:
    """Each new flow's stage in the order of building: 1 for a flow whose provider holds the item today, else one
    more than the latest new flow that brings the item to its provider (a chain A → B → C is built A → B first)."""
    bringing: dict[tuple[str, str], list[FlowKey]] = {}
    for k in flows:
        bringing.setdefault((k.item, k.to_actor), []).append(k)
    done: dict[FlowKey, int] = {}

    def stage(k: FlowKey, seen: frozenset[FlowKey]) -> int:
        if k not in done:
            before = [b for b in bringing.get((k.item, k.from_actor), []) if b not in seen and b != k]
            done[k] = 1 + max((stage(b, seen | {k}) for b in before), default=0)
        return done[k]

    for k in flows:
        stage(k, frozenset())
    return done


@_to_be_only
def order_slides(deck: Deck, facts: Facts, start: _Slides) -> list[Page]:
    """Dependencies and order: every new automatic flow, who builds it (its provider), what must be in place
    first (an earlier new flow bringing the item to the provider; a legal basis for sensitive data), by stage."""
    c, title, notes = start.c, start.title, start.notes
    style = deck.style
    every = {**c.before.actors, **c.after.actors}
    items = c.after.data_items
    if not c.new_flows:
        page = deck.page(title, notes)
        page.text(MARGIN, BODY_TOP, BODY_WIDTH, 60, [para(style["order_none"])], (16,), content=False)
        return [page]
    stage = stages(c.new_flows)

    def name(k: FlowKey) -> str:
        return f"{items[k.item].name}: {every[k.from_actor].short} → {every[k.to_actor].short}"

    rows = []
    for k in sorted(c.new_flows, key=lambda k: (stage[k], c.new_flows.index(k))):
        needs = [name(b) for b in c.new_flows if b.item == k.item and b.to_actor == k.from_actor and stage[b] < stage[k]]
        if items[k.item].sensitive:
            needs.append(style["order_legal"])
        rows.append(([para(str(stage[k]), True)], [para(name(k))], [para(every[k.from_actor].short)],
                     [para(n) for n in needs] or [para("–")]))
    table = tables.Table(tables.widths(0.8, 4.0, 1.8, 3.4),
                         (style["col_stage"], style["col_item"], style["col_builds"], style["col_depends"]), tuple(rows))
    return tables.paged(lambda i, n: deck.page(numbered(title, deck, i, n), notes), table,
                        style.text("alt_order", n=len(rows)), sizes=(16, 14))
