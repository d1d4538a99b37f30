"""What the agencies must share: the data-sharing matrix, the once-only findings, and the handoffs."""

from __future__ import annotations

from ...analysis import FindingKind
from . import tables
from .canvas import BODY_BOTTOM, BODY_TOP, BODY_WIDTH, MARGIN, Deck, Page
from .facts import Facts
from .meetings import numbered, numbered_pages
from .text import Para, Run, para

LEGEND_HEIGHT = 40.0  # two lines at 14 pt


def _legend(deck: Deck, key: str) -> Para:
    """The caption: how to read the grid (rows give, columns receive) or the list (a pair of actors a row)."""
    style = deck.style
    return para(style.text(key, carried=style.marker("user_carried"),
                           sensitive=style.marker("sensitive_marker")), False, style.muted)


def _item(deck: Deck, facts: Facts, item_id: str, carried: bool, sensitive: bool) -> Para:
    style = deck.style
    marks = (f" {style.marker('user_carried')}" if carried else "") + (f" {style.marker('sensitive_marker')}" if sensitive else "")
    return para(facts.item(item_id) + marks)


def matrix_slides(deck: Deck, facts: Facts, spec) -> list[Page]:
    style, a = deck.style, facts.a
    title = style.text(spec.title)
    notes = spec.notes(facts)
    cells = {(c.from_actor, c.to_actor): c for c in a.matrix}
    if not cells:
        page = deck.page(title, notes)
        page.text(MARGIN, BODY_TOP, BODY_WIDTH, 40, [para(style["matrix_empty"])], (16,), content=False)
        return [page]
    order = {x.id: i for i, x in enumerate(a.lanes)}
    senders = sorted({c.from_actor for c in a.matrix}, key=order.__getitem__)
    receivers = sorted({c.to_actor for c in a.matrix}, key=order.__getitem__)

    def content(s: str, r: str) -> list[Para]:
        c = cells.get((s, r))
        if c is None:
            return [para("–")]
        return [_item(deck, facts, i, i in c.carried_by_user, i in c.sensitive) for i in c.items]

    top = BODY_TOP + LEGEND_HEIGHT + 4
    first = 130.0
    grid = tables.Table(
        (first, *tables.widths(*[1] * len(receivers), total=BODY_WIDTH - first)),
        (style["matrix_corner"], *(style.text("matrix_to", actor=facts.short(r)) for r in receivers)),
        tuple(([para(style.text("matrix_from", actor=facts.short(s)), True)], *(content(s, r) for r in receivers))
              for s in senders),
    )
    descr = style.text("alt_matrix", senders=len(senders), receivers=len(receivers))
    caption = "matrix_legend"
    fits = len(receivers) <= 6 and len(tables.split(grid, BODY_BOTTOM - top, BODY_BOTTOM - top, most=1)) == 1
    if not fits:
        caption = "matrix_list_legend"
        descr = style.text("alt_matrix_list", n=len(a.matrix))  # too wide or too tall for one slide: one row per pair of actors, split over slides
        rows = []
        for c in a.matrix:
            rows.append(([para(facts.short(c.from_actor), True)], [para(facts.short(c.to_actor), True)],
                         [_item(deck, facts, i, i in c.carried_by_user, i in c.sensitive) for i in c.items]))
        grid = tables.Table(tables.widths(1.5, 1.5, 5), (style["col_from"], style["col_to"], style["col_items"]), tuple(rows))

    def make(i: int, n: int) -> Page:
        page = deck.page(numbered(title, deck, i, n), notes)
        page.text(MARGIN, BODY_TOP, BODY_WIDTH, LEGEND_HEIGHT, [_legend(deck, caption)], (14,), anchor="m", content=False)
        return page

    return tables.paged(make, grid, descr, top=top)


def _nothing_to_show(deck: Deck, title: str, notes: str, message: str) -> Page:
    """A slide that says there is nothing of its kind in this journey (which is itself worth saying)."""
    page = deck.page(title, notes)
    page.text(MARGIN, BODY_TOP, BODY_WIDTH, 40, [para(deck.style[message])], (16,), content=False)
    return page


def findings_slides(deck: Deck, facts: Facts, spec) -> list[Page]:
    style, a = deck.style, facts.a
    title = style.text(spec.title)
    notes = spec.notes(facts)
    if not a.findings:
        return [_nothing_to_show(deck, title, notes, "findings_empty")]
    rows = []
    for f in sorted(a.findings, key=lambda f: facts.number[f.step]):
        what = style[{FindingKind.ASKED: "finding_asked", FindingKind.CARRIED: "finding_carried",
                      FindingKind.OWN: "finding_own"}[f.kind]]
        mark = f"{style.marker('user_carried')} " if f.kind is FindingKind.CARRIED else ""
        sensitive = f" {style.marker('sensitive_marker')}" if a.data_items[f.item].sensitive else ""
        rows.append(([para(facts.step_ref(f.step))], [para(facts.item(f.item) + sensitive)],
                     [Para((Run(mark), Run(what)))], [para(facts.short(f.asked_by))], [para(facts.short(f.held_by))]))
    table = tables.Table(
        tables.widths(2.9, 1.8, 2.2, 1.75, 1.75),
        (style["col_step"], style["col_item"], style["col_finding"], style["col_asked_by"], style["col_held_by"]),
        tuple(rows),
    )
    return tables.paged(lambda i, n: deck.page(numbered(title, deck, i, n), notes), table,
                        style.text("alt_findings", n=len(a.findings)))


def handoff_slides(deck: Deck, facts: Facts, spec) -> list[Page]:
    """The kasteball handoffs, with a column to fill in; the back-office transfers, when there are any, listed
    apart after them (the person is not passed on there, the case is)."""
    style, a = deck.style, facts.a
    title = style.text(spec.title)
    notes = spec.notes(facts)
    pages = [_nothing_to_show(deck, title, notes, "handoffs_empty")] if not a.handoffs else []
    made = []
    for handoffs, heading, alt, last in ((a.handoffs, title, "alt_handoffs", style["col_responsible"]),
                                         (a.transfers, style["transfers_title"], "alt_transfers", style["col_how"])):
        if not handoffs:
            continue
        rows = tuple(
            ([para(facts.short(h.from_actor), True), para(facts.step_ref(h.from_step))], [para("→", True, None, 0, "c")],
             [para(facts.short(h.to_actor), True), para(facts.step_ref(h.to_step))], [para("")])
            for h in sorted(handoffs, key=lambda h: (facts.number[h.to_step], facts.number[h.from_step]))
        )
        table = tables.Table(tables.widths(3.4, 0.4, 3.4, 2.4), (style["col_from"], "→", style["col_to"], last), rows)
        made.append((heading, table, style.text(alt, n=len(handoffs))))
    size = min((tables.best_size(t) for _, t, _ in made), default=tables.TABLE_SIZE)  # one size for both tables
    for heading, table, descr in made:
        pages += tables.paged(numbered_pages(deck, heading, notes), table, descr, sizes=(size,))
    return pages
