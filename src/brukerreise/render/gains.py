"""The gains in hours and kroner as people and programs read them, shared by the comparison report, the
gains exporter, the site and the workbooks: amounts with their range in words, the sections of a report
(per to-be journey, the gevinstoversikt, across the portfolio) and their JSON."""

from __future__ import annotations

from typing import Any

from ..analysis import (
    AgencyGains,
    Amount,
    BenefitRow,
    Comparison,
    GainsAcross,
    Gap,
    Missing,
    benefit_rows,
)
from ..analysis.amounts import negated
from .document import Section
from .labels import Labels, labels as load_labels

UNITS = ("hours", "days", "kroner", "people", "count")


def labels(lang: str) -> Labels:
    return load_labels("gains", lang)


def rounded_value(value: float, unit: str) -> float:
    """A figure as shown: kroner to the nearest thousand (to ten below 10 000), hours and people whole
    (one decimal below 10), days one decimal."""
    if unit == "kroner":
        return round(value, -3) if abs(value) >= 10_000 else round(value, -1)
    if unit == "days" or abs(value) < 10:
        return round(value, 1)
    return round(value)


def number_text(value: float, unit: str, lang: str, signed: bool = False) -> str:
    """'1 250', '−4,5', '+275 000' in nb and nn (a narrow space between thousands, a decimal comma), '1,250'
    and '−4.5' in English; a true minus."""
    shown = rounded_value(value, unit)
    if shown == 0:
        shown = 0.0  # no '−0'
    whole = float(shown).is_integer()
    text = f"{abs(shown):,.0f}" if whole else f"{abs(shown):,.1f}"
    if lang in ("nb", "nn"):
        text = text.replace(",", "\u202f").replace(".", ",")
    # English: '1,125' as written (the comma already there)
    sign = "−" if shown < 0 else ("+" if signed and shown > 0 else "")
    return sign + text


def amount_text(a: Amount, unit: str, lang: str, lab: Labels, signed: bool = False) -> str:
    """An amount with its unit and range in words: '1 250 timer (fra 800 til 1 800)'; a gap says so."""
    if a is None:
        return lab["gap"]
    suffix = {"hours": f" {lab['hours']}", "days": f" {lab['days']}", "kroner": f" {lab['kroner']}"}.get(unit, "")
    likely = number_text(a.likely, unit, lang, signed) + suffix
    low, high = number_text(a.low, unit, lang, signed), number_text(a.high, unit, lang, signed)
    if low == high == number_text(a.likely, unit, lang, signed):
        return likely
    return f"{likely} {lab.text('range', low=low, high=high)}"


# One sign convention in every text: what a change saves is positive («spart: 19 564 timer»), more work or
# a loss is said in words («mer: …», «kostnad: …») or carries a true minus in a column of savings; costs are
# positive amounts in columns named as costs; net a year is positive for a gain. (JSON keeps the analysis'
# own signs: after − before.)


def saved(change: Amount) -> Amount:
    """What a change (after − before) saves: less work, fewer days, fewer breaches are positive."""
    return negated(change)


def saving_phrase(change: Amount, unit: str, lang: str, lab: Labels, word: bool = True) -> str:
    """«spart: 19 564 timer» (or just the amount, `word` False, where the column says «Spart»), «mer: 2 000
    timer» when the change adds, a gap in words."""
    amount = saved(change)
    if amount is not None and amount.likely < 0:
        return f"{lab['more']}: {amount_text(change, unit, lang, lab)}"
    text = amount_text(amount, unit, lang, lab)
    return f"{lab['saved']}: {text}" if word else text


def kroner_phrase(kroner_saved: Amount, lang: str, lab: Labels, word: bool = True) -> str:
    """«13 499 000 kr» saved a year (with «spart: » when `word`), or «kostnad: 1 000 000 kr» when it costs."""
    if kroner_saved is not None and kroner_saved.likely < 0:
        return f"{lab['cost']}: {amount_text(negated(kroner_saved), 'kroner', lang, lab)}"
    text = amount_text(kroner_saved, "kroner", lang, lab)
    return f"{lab['saved']}: {text}" if word else text


# --- JSON -----------------------------------------------------------------------------------------------


def amount_json(a: Amount) -> dict[str, float] | None:
    """{"low", "likely", "high"}, rounded to two decimals; null for a gap."""
    if a is None:
        return None
    return {"low": round(a.low, 2), "likely": round(a.likely, 2), "high": round(a.high, 2)}


def gap_json(g: Gap) -> dict[str, Any]:
    return {"missing": g.missing.value, "side": g.side.value if g.side else None, "step": g.step, "actor": g.actor,
            "reason": g.reason}


def gains_json(c: Comparison) -> dict[str, Any] | None:
    """The gains of one compared to-be journey: per agency, for the persons, the prerequisites, the gaps,
    and the gevinstoversikt."""
    g = c.gains
    if g is None:
        return None
    p = g.person
    return {
        "agencies": [
            {"id": a.actor, "hours_before": amount_json(a.hours_before), "hours_after": amount_json(a.hours_after),
             "hours_change": amount_json(a.hours_change), "hourly_cost": amount_json(a.hourly_cost),
             "kroner_before": amount_json(a.kroner_before), "kroner_after": amount_json(a.kroner_after),
             "kroner_change": amount_json(a.kroner_change), "one_time_cost": amount_json(a.one_time_cost),
             "yearly_cost": amount_json(a.yearly_cost), "net_yearly": amount_json(a.net_yearly), "outcome": a.outcome.value}
            for a in g.agencies
        ],
        "persons": {
            "people_before": amount_json(p.people_before), "people_after": amount_json(p.people_after),
            "hours_before": amount_json(p.hours_before), "hours_after": amount_json(p.hours_after),
            "hours_change": amount_json(p.hours_change), "waiting_days_before": amount_json(p.waiting_days_before),
            "waiting_days_after": amount_json(p.waiting_days_after), "waiting_days_change": amount_json(p.waiting_days_change),
        },
        "totals": {
            "hours_before": amount_json(g.hours_before), "hours_after": amount_json(g.hours_after),
            "hours_change": amount_json(g.hours_change), "kroner_change": amount_json(g.kroner_change),
            "one_time_cost": amount_json(g.one_time_cost), "yearly_cost": amount_json(g.yearly_cost),
            "net_yearly": amount_json(g.net_yearly),
        },
        "prerequisites": [
            {"title": x.prerequisite.title, "built_by": x.built_by, "run_by": x.run_by,
             "one_time": amount_json(x.one_time), "yearly": amount_json(x.yearly),
             "flows": [{"item": f.item, "from": f.from_, "to": f.to} for f in x.prerequisite.flows],
             "rule_change": x.prerequisite.rule_change,
             "sources": {"one_time": x.prerequisite.one_time.source if x.prerequisite.one_time else None,
                         "yearly": x.prerequisite.yearly.source if x.prerequisite.yearly else None}}
            for x in g.prerequisites
        ],
        "unpriced_flows": [{"item": k.item, "from": k.from_actor, "to": k.to_actor} for k in g.unpriced_flows],
        "gaps": [gap_json(x) for x in g.gaps],
        "unsourced_figures": g.unsourced,
        "benefits_plan": [row_json(r) for r in benefit_rows(c)],
    }


def row_json(r: BenefitRow) -> dict[str, Any]:
    return {"gain": r.kind.value, "owner": r.owner, "indicator": r.indicator.value, "baseline": amount_json(r.baseline),
            "target": amount_json(r.target), "change": amount_json(r.change), "kroner_saved": amount_json(r.kroner_saved),
            "priced": r.kind.priced, "prerequisites": list(r.prerequisites)}


def across_json(across: GainsAcross) -> dict[str, Any]:
    return {
        "journeys": [c.id for c in across.comparisons],
        "hours_change": amount_json(across.hours_change), "kroner_change": amount_json(across.kroner_change),
        "one_time_cost": amount_json(across.one_time_cost), "yearly_cost": amount_json(across.yearly_cost),
        "net_yearly": amount_json(across.net_yearly), "person_hours_change": amount_json(across.person_hours_change),
        "agencies": [
            {"id": a.actor.id, "name": a.actor.name, "kind": a.actor.kind.value, "journeys": list(a.journeys),
             "life_events": list(a.life_events), "hours_before": amount_json(a.hours_before),
             "hours_after": amount_json(a.hours_after), "hours_change": amount_json(a.hours_change),
             "kroner_change": amount_json(a.kroner_change), "one_time_cost": amount_json(a.one_time_cost),
             "yearly_cost": amount_json(a.yearly_cost), "net_yearly": amount_json(a.net_yearly),
             "outcome": a.outcome.value}
            for a in across.agencies
        ],
    }


# --- sections ---------------------------------------------------------------------------------------------


def short(c: Comparison, actor: str | None) -> str:
    every = {**c.before.actors, **c.after.actors}
    return every[actor].short if actor in every else (actor or "")


def _step_title(c: Comparison, gap: Gap) -> str:
    for a in (c.after, c.before) if gap.side is None or gap.side.value == "after" else (c.before,):
        if gap.step is not None and gap.step in a.steps_by_id:
            return a.step(gap.step).title
    return gap.step or ""


def gap_text(c: Comparison, gap: Gap, lab: Labels) -> str:
    key = f"gap_{gap.missing.value}"
    if gap.missing is Missing.WAITING_DAYS and gap.step:
        key = "gap_waiting_days_step"
    side = lab[f"side_{gap.side.value}"] if gap.side else ""
    reason = lab.text("reason", reason=gap.reason) if gap.reason and gap.missing is not Missing.FLOW_COST else ""
    return lab.text(key, side=side, step=_step_title(c, gap) if gap.step else "", actor=short(c, gap.actor),
                           reason=reason if gap.missing is not Missing.FLOW_COST else gap.reason or "")


GAP_LINES = 12  # the gaps listed in full; the rest counted


def gains_sections(c: Comparison, lang: str, level: int = 3) -> list[Section]:
    """A to-be journey's gains: the people, each actor's work before and after with its costs, the
    prerequisites, and what figures are missing."""
    lab = labels(lang)
    g = c.gains
    title = lab.text("gains_title", title=c.after.journey.title)
    if g is None or not g.has_figures:
        return [Section(level, title, (lab["no_figures"],))]
    p = g.person

    def t(a: Amount, unit: str) -> str:
        return amount_text(a, unit, lang, lab)

    lines = (
        lab.text("people_line", value=t(p.people_after, "people")),
        lab.text("person_hours_line", before=t(p.hours_before, "hours"), after=t(p.hours_after, "hours"),
                                        change=t(saved(p.hours_change), "hours")),
        lab.text("waiting_line", before=t(p.waiting_days_before, "days"), after=t(p.waiting_days_after, "days"),
                                   change=t(saved(p.waiting_days_change), "days")),
        lab["method_note"],
        lab["sign_note"],
    )
    header = (lab["actor"], lab["hours_before"], lab["hours_after"], lab["hours_saved"], lab["kroner_saved"],
              lab["one_time"], lab["yearly"], lab["net"], lab["outcome"])
    rows = [
        (short(c, a.actor), t(a.hours_before, "hours"), t(a.hours_after, "hours"), t(saved(a.hours_change), "hours"),
         t(saved(a.kroner_change), "kroner"), t(a.one_time_cost, "kroner"), t(a.yearly_cost, "kroner"),
         t(a.net_yearly, "kroner"), lab[f"outcome_{a.outcome.value}"])
        for a in g.agencies if not _idle(a)
    ]
    rows.append((lab["total"], t(g.hours_before, "hours"), t(g.hours_after, "hours"), t(saved(g.hours_change), "hours"),
                 t(saved(g.kroner_change), "kroner"), t(g.one_time_cost, "kroner"), t(g.yearly_cost, "kroner"),
                 t(g.net_yearly, "kroner"), ""))
    found = [Section(level, title, lines), Section(level + 1, lab["agencies_title"], header=header, rows=tuple(rows))]
    found.append(prerequisite_section(c, lang, level + 1))
    if g.unpriced_flows:
        items = c.after.data_items
        found.append(Section(level + 1, lab["unpriced_title"], tuple(
            lab.text("unpriced_line", item=items[k.item].name if k.item in items else k.item,
                                        from_actor=short(c, k.from_actor), to_actor=short(c, k.to_actor))
            for k in g.unpriced_flows)))
    gaps = [gap_text(c, x, lab) for x in g.gaps if x.missing is not Missing.FLOW_COST]
    if len(gaps) > GAP_LINES:
        gaps = gaps[:GAP_LINES] + [lab.text("gaps_more", count=len(gaps) - GAP_LINES)]
    if g.unsourced:
        gaps.append(lab.text("unsourced", count=g.unsourced))
    if gaps:
        found.append(Section(level + 1, lab["gaps_title"], tuple(gaps)))
    return found


def _idle(a: object) -> bool:
    """An actor with no work in either journey and no costs: left out of the table (it sums to nothing)."""
    from ..analysis.amounts import ZERO

    return all(getattr(a, k) == ZERO for k in ("hours_before", "hours_after", "one_time_cost", "yearly_cost"))


def prerequisite_section(c: Comparison, lang: str, level: int) -> Section:
    lab = labels(lang)
    g = c.gains
    assert g is not None
    items = c.after.data_items
    header = (lab["prerequisite"], lab["built_by"], lab["run_by"], lab["one_time"], lab["yearly"], lab["flow"], lab["rule_change"])
    rows = tuple(
        (x.prerequisite.title, short(c, x.built_by) if x.built_by else "–", short(c, x.run_by) if x.run_by else "–",
         amount_text(x.one_time, "kroner", lang, lab), amount_text(x.yearly, "kroner", lang, lab),
         "; ".join(lab.text("flow_text", item=items[f.item].name if f.item in items else f.item, from_actor=short(c, f.from_),
                                           to_actor=short(c, f.to)) for f in x.prerequisite.flows) or "–",
         x.prerequisite.rule_change or "–")
        for x in g.prerequisites
    )
    if not rows:
        return Section(level, lab["prerequisites_title"], (lab["none"],))
    return Section(level, lab["prerequisites_title"], header=header, rows=rows)


def gain_name(c: Comparison, r: BenefitRow, lab: Labels) -> str:
    return lab.text(f"gain_{r.kind.value}", owner=short(c, r.owner))


def row_cells(c: Comparison, r: BenefitRow, lang: str, lab: Labels) -> tuple[str, ...]:
    unit = {"hours-per-year": "hours", "days-per-person": "days", "findings": "count"}[r.indicator.value]
    needs = "; ".join(c.gains.prerequisites[i].prerequisite.title for i in r.prerequisites) if c.gains else ""
    return (
        gain_name(c, r, lab), short(c, r.owner) if r.owner else lab["owner_person"], lab[f"indicator_{r.indicator.value}"],
        amount_text(r.baseline, unit, lang, lab), amount_text(r.target, unit, lang, lab),
        saving_phrase(r.change, unit, lang, lab, word=False),
        kroner_phrase(r.kroner_saved, lang, lab, word=False) if r.kind.priced else "–",
        kind_text(c, r, lab), needs or lab["none"],
    )


def kind_text(c: Comparison, r: BenefitRow, lab: Labels) -> str:
    """The kind of gain in DFØ's three main types: an efficiency gain for the state (an agency of the state
    or part of one), a gain for other actors (municipalities, private parties, the people), a quality gain."""
    key = f"kind_{r.kind.value}"
    if r.kind.priced and r.owner is not None:
        from ..model import ActorKind, organisation

        every = {**c.before.actors, **c.after.actors}
        if r.owner not in every or every[organisation(r.owner, every)].kind is not ActorKind.STAT:
            key = "kind_work-hours-others"
    return lab[key]


PLAN_HEADER_KEYS = ("plan_gain", "plan_owner", "plan_indicator", "plan_baseline", "plan_target", "plan_change",
                    "plan_kroner", "plan_kind", "plan_prerequisites")


def plan_section(c: Comparison, lang: str, level: int = 3) -> Section:
    """The gevinstoversikt of one to-be journey as a table."""
    lab = labels(lang)
    title = lab.text("plan_title", title=c.after.journey.title)
    if c.gains is None or not c.gains.has_figures:
        return Section(level, title, (lab["no_figures"],))
    return Section(level, title, header=tuple(lab[k] for k in PLAN_HEADER_KEYS),
                   rows=tuple(row_cells(c, r, lang, lab) for r in benefit_rows(c)))


def across_sections(across: GainsAcross, lang: str, level: int = 2) -> list[Section]:
    """Who pays and who gains across the life events: per agency, worse off first."""
    lab = labels(lang)

    def t(a: Amount, unit: str) -> str:
        return amount_text(a, unit, lang, lab)

    if not across.comparisons:
        return [Section(level, lab["across_title"], (lab["no_figures"],))]
    losers = [a.actor.short for a in across.agencies if a.outcome.value == "loses"]
    lines = (
        lab.text("across_summary", journeys=len(across.comparisons), net=t(across.net_yearly, "kroner"),
                                     one_time=t(across.one_time_cost, "kroner"), person=t(saved(across.person_hours_change), "hours")),
        lab.text("worse_off", names=", ".join(losers)) if losers else lab["nobody_worse_off"],
        lab["method_note"],
        lab["sign_note"],
    )
    header = (lab["actor"], lab["life_events"], lab["hours_saved"], lab["kroner_saved"], lab["one_time"], lab["yearly"],
              lab["net"], lab["outcome"])
    rows = tuple(
        (a.actor.short, ", ".join(a.life_events), t(saved(a.hours_change), "hours"), t(saved(a.kroner_change), "kroner"),
         t(a.one_time_cost, "kroner"), t(a.yearly_cost, "kroner"), t(a.net_yearly, "kroner"),
         lab[f"outcome_{a.outcome.value}"].upper() if a.outcome.value == "loses" else lab[f"outcome_{a.outcome.value}"])
        for a in across.agencies if _worth_a_row(a)
    )
    return [Section(level, lab["across_title"], lines, header=header, rows=rows)]


def _worth_a_row(a: AgencyGains) -> bool:
    """Every agency whose work or costs change, or whose figures are missing."""
    return a.outcome.value != "no-change" or a.hours_change is None or (a.hours_change.likely != 0)


__all__ = ["across_json", "across_sections", "amount_json", "amount_text", "gains_json", "gains_sections", "kroner_phrase",
           "labels", "plan_section", "prerequisite_section", "row_cells", "row_json", "saved", "saving_phrase"]


# --- grids for workbooks: numbers in cells, each amount as likely, low and high ------------------------

Cell = str | float | None


def _triple(a: Amount, unit: str, lab: Labels) -> tuple[Cell, Cell, Cell]:
    """(likely, low, high) as numbers; a gap says so in the first cell."""
    if a is None:
        return (lab["gap"], None, None)
    return (rounded_value(a.likely, unit), rounded_value(a.low, unit), rounded_value(a.high, unit))


def _triple_headers(name: str, lab: Labels) -> tuple[str, str, str]:
    return (name, f"{name} {lab['low']}", f"{name} {lab['high']}")


def plan_grid(comparisons: list[Comparison], lang: str) -> tuple[tuple[str, ...], list[tuple[Cell, ...]]]:
    """The gevinstoversikt of the to-be journeys with figures, one row per gain, numbers in cells."""
    lab = labels(lang)
    headers = (lab["journey"], lab["plan_gain"], lab["plan_owner"], lab["plan_indicator"],
               *_triple_headers(lab["plan_baseline"], lab), *_triple_headers(lab["plan_target"], lab),
               *_triple_headers(lab["plan_change"], lab), *_triple_headers(lab["plan_kroner"], lab),
               lab["plan_kind"], lab["plan_prerequisites"])
    rows: list[tuple[Cell, ...]] = []
    for c in comparisons:
        if c.gains is None or not c.gains.has_figures:
            continue
        for r in benefit_rows(c):
            unit = {"hours-per-year": "hours", "days-per-person": "days", "findings": "count"}[r.indicator.value]
            cells = row_cells(c, r, lang, lab)
            kroner = _triple(r.kroner_saved, "kroner", lab) if r.kind.priced else ("–", None, None)
            rows.append((c.id, cells[0], cells[1], cells[2], *_triple(r.baseline, unit, lab), *_triple(r.target, unit, lab),
                         *_triple(saved(r.change), unit, lab), *kroner, cells[7], cells[8]))
    return headers, rows


def across_grid(across: GainsAcross, lang: str) -> tuple[tuple[str, ...], list[tuple[Cell, ...]]]:
    """Who pays and who gains, per agency over the life events, numbers in cells."""
    lab = labels(lang)
    headers = (lab["actor"], lab["actor_name"], lab["life_events"], *_triple_headers(lab["hours_saved"], lab),
               *_triple_headers(lab["kroner_saved"], lab), *_triple_headers(lab["one_time"], lab),
               *_triple_headers(lab["yearly"], lab), *_triple_headers(lab["net"], lab), lab["outcome"])
    rows: list[tuple[Cell, ...]] = [
        (a.actor.id, a.actor.name, "\n".join(a.life_events), *_triple(saved(a.hours_change), "hours", lab),
         *_triple(saved(a.kroner_change), "kroner", lab), *_triple(a.one_time_cost, "kroner", lab),
         *_triple(a.yearly_cost, "kroner", lab), *_triple(a.net_yearly, "kroner", lab), lab[f"outcome_{a.outcome.value}"])
        for a in across.agencies if _worth_a_row(a)
    ]
    return headers, rows
