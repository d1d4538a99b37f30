"""The appendix: every step in time order as a table, split over as many slides as it needs."""

from __future__ import annotations

from . import tables
from .canvas import Deck, Page
from .facts import Facts
from .meetings import numbered
from .text import Para, Run, para

APPENDIX_SIZES = (14.0,)


def appendix_slides(deck: Deck, facts: Facts, spec) -> list[Page]:
    style = deck.style
    rows = []
    for step in facts.steps_in_order():
        what = [para(step.title, True)]
        if step.description:
            what.append(para(step.description, False, style.muted))
        who = [para(facts.short(step.owner))] + ([para("+ " + ", ".join(facts.short(w) for w in step.with_), False, style.muted)]
                                                  if step.with_ else [])
        how = [para(style.channel(step.channel) or "–")]
        if step.emotion is not None:
            how.append(Para((Run(style.emotion_symbol(step.emotion) + " ", False, style.emotion_colour(step.emotion)),
                             Run(style.emotion_word(step.emotion)))))
        data = [para(f"{style['asks_prefix']} {facts.item(i)}") for i in step.asks_user]
        data += [para(f"{facts.item(f.item)}: {facts.short(f.from_actor)} → {facts.short(f.to_actor)}"
                      + (f" {style.marker('user_carried')}" if f.carried_by_user else "")
                      + (f" {style.marker('sensitive_marker')}" if f.sensitive else ""))
                 for f in facts.flows_at.get(step.id, [])]
        notes = [para(f"{style.marker('pain_point_marker')} {p}") for p in step.pain_points]
        notes += [para(f"+ {o}") for o in step.opportunities]
        notes += [para(f"{style['services_prefix']} {', '.join(step.services)}", False, style.muted)] if step.services else []
        rows.append(([para(str(facts.number[step.id]))], what, [para(facts.phase_title.get(step.phase, step.phase))],
                     who, how, data or [para("–")], notes or [para("–")]))
    table = tables.Table(
        tables.widths(0.4, 3.6, 1.0, 1.6, 1.15, 2.5, 3.0),
        (style["col_no"], style["col_step"], style["col_phase"], style["col_owner"], style["col_channel_emotion"],
         style["col_data"], style["col_pains_opps"]),
        tuple(rows),
    )
    title = style.text(spec.title)
    notes = spec.notes(facts)
    return tables.paged(lambda i, n: deck.page(numbered(title, deck, i, n), notes), table,
                        style.text("alt_appendix", n=len(rows)), sizes=APPENDIX_SIZES)
