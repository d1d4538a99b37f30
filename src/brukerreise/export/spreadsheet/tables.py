"""The analysis as tables, one per sheet: plain rows of text and numbers, written as XLSX or CSV by
the modules beside this one. Nothing here is computed that the analysis does not already know."""

from __future__ import annotations

import typing
from collections.abc import Callable, Sequence

import attrs

from ...analysis import Finding, Handoff, JourneyAnalysis, Portfolio
from ...model import Estimate, Step
from ...render.columns import (
    ESTIMATE_PARTS,
    FIGURE_COLUMNS,
    OWN_ACTOR_COLUMNS,
    OWN_ITEM_COLUMNS,
    PREREQUISITE_COLUMNS,
    STEP_COLUMNS,
    format_flow,
    header,
    join_lines,
)
from ...render.labels import Labels

Value = str | int | float | None


@attrs.frozen
class Choice:
    """A drop-down list in a column (0-based), from row `first` down to row `last` (0-based; row 0 is the
    header), listing the cells of `source` (e.g. "='Lister'!$A$2:$A$9")."""

    col: int
    source: str
    first: int = 1
    last: int = 1000


@attrs.frozen
class Table:
    """One sheet: its name, its header row and its rows, drop-down lists for some columns, and whether
    it is hidden (a sheet that holds the lists)."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    choices: tuple[Choice, ...] = ()
    hidden: bool = False
    key_columns: int = 0  # leading columns that name a row: kept in view when scrolling and on every printed page
    min_width: int = 8  # characters; a sheet to fill in has room to type


# Before and after, for a to-be journey compared with the journey it improves: (measure, before, after).
# The comparison is computed in the analysis; a caller passes its figures here (see `journey_tables`).
BeforeAfter = Sequence[tuple[str, int | float | None, int | float | None]]

METRICS = (
    "steps", "phases", "actors", "agencies", "handoffs", "agency_transitions", "back_office_transfers",
    "agencies_met", "data_flows", "user_carried_flows", "sensitive_flows", "once_only_findings",
    "reuse_opportunities", "pain_points", "columns", "lowest_emotion",
)


def journey_tables(a: JourneyAnalysis, lang: str, labels: Labels, before_after: BeforeAfter | None = None) -> list[Table]:
    tables = [
        about(a, labels), steps(a, labels, lang), flows(a, labels), findings(a, labels), handoffs(a, labels),
        touchpoints(a, labels), matrix(a, labels),
    ]
    tables += own(a, labels)
    tables += gains_figures(a, labels)
    if before_after:
        tables.append(comparison(before_after, labels))
    return tables


def portfolio_tables(whole: Portfolio, labels: Labels) -> list[Table]:
    analyses = whole.journeys
    return [
        journeys(analyses, labels),
        Table(labels["sheet_touchpoints"], tuple(labels[k] for k in ("actor", "actor_name", "actor_kind", "journey_count", "journeys", "owns", "takes_part")), tuple(
            (f.actor.id, f.actor.short, f.actor.kind.value, len(f.journeys), join_lines(f.journeys), f.steps, f.takes_part)
            for f in whole.actors
        )),
        Table(labels["sheet_recurring"], tuple(labels[k] for k in ("item", "item_name", "held_by", "journey_count", "journeys", "life_events", "asked_of_user")), tuple(
            (r.item.id, r.item.name, r.item.source, len(r.journeys), join_lines(r.journeys), join_lines(r.life_events), r.asked_of_user)
            for r in whole.recurring_items
        )),
        _across(analyses, labels, findings),
        _across(analyses, labels, handoffs),
        _across(analyses, labels, flows),
    ]


def _across(analyses: Sequence[JourneyAnalysis], labels: Labels, table: Callable[[JourneyAnalysis, Labels], Table]) -> Table:
    """One journey's table for every journey, with the journey's id in a first column."""
    parts = [table(a, labels) for a in analyses]
    first = parts[0]
    rows = tuple((a.journey.id, *row) for a, part in zip(analyses, parts) for row in part.rows)
    return Table(first.name, (labels["journey"], *first.headers), rows)


def _metric(a: JourneyAnalysis, key: str) -> int | None:
    return getattr(a.metrics, key)


def about(a: JourneyAnalysis, labels: Labels) -> Table:
    j = a.journey
    rows: list[tuple[Value, ...]] = [
        (labels["journey"], j.id),
        (labels["life_event"], j.life_event.value),
        (labels["title"], j.title),
        (labels["state"], j.state.value),
        (labels["improves"], j.improves),
        (labels["persona"], j.persona.name if j.persona else None),
        (labels["situation"], j.persona.situation if j.persona else None),
        (labels["goals"], join_lines(j.goals) or None),
        (labels["lanes"], join_lines(j.lanes) or None),
        (labels["own_organisations"], join_lines(j.own_organisations) or None),
        (labels["source"], a.source or None),
    ]
    rows += [(labels[f"m_{key}"], _metric(a, key)) for key in METRICS]
    return Table(labels["sheet_about"], (labels["field"], labels["value"]), tuple(rows))


def time_order(a: JourneyAnalysis) -> list[Step]:
    """The steps phase by phase, each phase's in the analysis' time order (which respects `after`): the
    phases then first appear in their own order, as the import reads them."""
    return [a.step(s) for span in a.phases for s in span.steps]


def actor_names(a: JourneyAnalysis) -> dict[str, str]:
    """What the Eier and Med columns show for each actor: its short name, which `import` reads back, or
    its id where the short name could also be another actor the journey knows (as id, short or full name,
    in the registry too) or holds what separates names in a cell (a line break, ',' or ';')."""
    def readable(short: str) -> bool:
        return (bool(short.strip()) and short == short.strip() and not set(short) & set("\n,;")
                and " ".join(short.casefold().split()) not in a.shared_names)
    return {actor.id: actor.short if readable(actor.short) else actor.id for actor in a.actors.values()}


def steps(a: JourneyAnalysis, labels: Labels, lang: str) -> Table:
    """Every field of every step, in time order, as `brukerreise import` reads it back. `after` is
    written where the journey writes it or where it is not simply the row above: the steps it comes
    after, or '(ingen)' for none."""
    rows = []
    previous: str | None = None
    titles = {p.phase.id: p.phase.title for p in a.phases}
    names = actor_names(a)
    for step in time_order(a):
        after = a.after[step.id]
        default = (previous,) if previous is not None else ()
        # Empty where the journey leaves it to the order and the row above is that step; as written otherwise.
        written = "" if step.after is None and after == default else (join_lines(after) if after else labels["none"])
        rows.append((
            step.id, titles.get(step.phase, step.phase), step.title, names[step.owner], join_lines(names[x] for x in step.with_),
            step.channel.value if step.channel else None, step.emotion, step.description, join_lines(step.services),
            join_lines(format_flow(f.item, f.from_, f.to, f.how, lang) for f in step.data), join_lines(step.asks_user),
            join_lines(step.pain_points), join_lines(step.opportunities), written or None,
            None if step.referred_by is None else (join_lines(step.referred_by) or labels["none"]),
            join_lines(step.replaces), step.phase,
            a.columns[step.id] + 1,
        ))
        previous = step.id
    headers = tuple(header(key, lang) for key in (*STEP_COLUMNS, "time"))
    return Table(labels["sheet_steps"], headers, tuple(tuple(v if v != "" else None for v in row) for row in rows), key_columns=1)


def own(a: JourneyAnalysis, labels: Labels) -> list[Table]:
    """The actors and the data items the journey defines itself (not in the registries), a sheet each,
    only where it defines some: `brukerreise import` reads them back."""
    j = a.journey
    tables = []
    for key, entries, fields in (("sheet_own_actors", j.actors, OWN_ACTOR_COLUMNS), ("sheet_own_items", j.data_items, OWN_ITEM_COLUMNS)):
        if entries:
            tables.append(Table(labels[key], tuple(labels[k] for _, k in fields), tuple(
                tuple(_own_value(getattr(e, f), labels) for f, _ in fields) for e in entries
            ), key_columns=1))
    return tables


def _estimate(value: Estimate | None) -> tuple[Value, ...]:
    """A figure as four cells: likely, low, high (numbers) and its source."""
    if value is None:
        return (None,) * len(ESTIMATE_PARTS)
    return tuple(getattr(value, part) for part in ESTIMATE_PARTS)


def gains_figures(a: JourneyAnalysis, labels: Labels) -> list[Table]:
    """The figures for gains, one row each (people a year, then each step's in time order), and a to-be
    journey's prerequisites, one row each: a sheet each, only where the journey has some. `brukerreise
    import` reads them back."""
    j = a.journey
    names = actor_names(a)
    rows: list[tuple[Value, ...]] = []
    if j.people_per_year is not None:
        rows.append((None, None, labels["figure_people_per_year"], None, *_estimate(j.people_per_year)))
    for step in time_order(a):
        effort = step.effort
        if effort is None:
            continue
        for key in ("share", "people", "person_minutes", "waiting_days"):
            if getattr(effort, key) is not None:
                rows.append((step.id, step.title, labels[f"figure_{key}"], None, *_estimate(getattr(effort, key))))
        for minutes in effort.agency_minutes:
            rows.append((step.id, step.title, labels["figure_agency_minutes"], names.get(minutes.actor, minutes.actor),
                         *_estimate(minutes.minutes)))
    tables = []
    if rows:
        tables.append(Table(labels["sheet_figures"], tuple(labels[k] for _, k in FIGURE_COLUMNS), tuple(rows), key_columns=1))
    if j.prerequisites:
        tables.append(Table(labels["sheet_prerequisites"], tuple(labels[k] for _, k in PREREQUISITE_COLUMNS), tuple(
            (p.title, names.get(p.built_by, p.built_by) if p.built_by else None, names.get(p.run_by, p.run_by) if p.run_by else None,
             join_lines(f"{f.item}: {names.get(f.from_, f.from_)} → {names.get(f.to, f.to)}" for f in p.flows) or None,
             p.rule_change, *_estimate(p.one_time), *_estimate(p.yearly))
            for p in j.prerequisites
        ), key_columns=1))
    return tables


def _own_value(value: object, labels: Labels) -> Value:
    if isinstance(value, bool):
        return _yes(labels, value)
    return typing.cast(Value, getattr(value, "value", value))  # an enum's value, or the value itself


def _short(a: JourneyAnalysis, actor: str) -> str:
    return a.actors[actor].short if actor in a.actors else actor


def _yes(labels: Labels, flag: bool) -> str:
    return labels["answer_yes"] if flag else labels["answer_no"]


def flows(a: JourneyAnalysis, labels: Labels) -> Table:
    keys = ("step", "step_title", "item", "item_name", "from", "to", "how", "carried_by_user", "sensitive")
    return Table(labels["sheet_flows"], tuple(labels[k] for k in keys), tuple(
        (f.step, a.step(f.step).title, f.item, a.data_items[f.item].name, _short(a, f.from_actor), _short(a, f.to_actor),
         labels[f"how_{f.how.value}"], _yes(labels, f.carried_by_user), _yes(labels, f.sensitive))
        for f in a.flows
    ))


def explain(a: JourneyAnalysis, finding: Finding, labels: Labels) -> str:
    return labels.text(f"explain_{finding.kind.value}", 
        asked_by=_short(a, finding.asked_by), held_by=_short(a, finding.held_by), item=a.data_items[finding.item].name,
    )


def findings(a: JourneyAnalysis, labels: Labels) -> Table:
    """Breaches first, then reuse opportunities, each row saying which."""
    keys = ("step", "step_title", "finding_class", "kind", "item", "item_name", "asked_by", "held_by", "explanation")
    return Table(labels["sheet_findings"], tuple(labels[k] for k in keys), tuple(
        (f.step, a.step(f.step).title, labels[klass], labels[f"finding_{f.kind.value}"], f.item,
         a.data_items[f.item].name, _short(a, f.asked_by), _short(a, f.held_by), explain(a, f, labels))
        for klass, found in (("class_breach", a.findings), ("class_reuse", a.reuse)) for f in found
    ))


def _handoff_row(a: JourneyAnalysis, h: Handoff, labels: Labels) -> tuple[Value, ...]:
    return (labels[f"kind_{h.kind.value}"], h.from_step, a.step(h.from_step).title, h.to_step, a.step(h.to_step).title,
            _short(a, h.from_actor), _short(a, h.to_actor))


def handoffs(a: JourneyAnalysis, labels: Labels) -> Table:
    """Every change of owner: kasteball first, then the other transitions, then back-office transfers."""
    keys = ("kind", "from_step", "from_step_title", "to_step", "to_step_title", "from_actor", "to_actor")
    return Table(labels["sheet_handoffs"], tuple(labels[k] for k in keys),
                 tuple(_handoff_row(a, h, labels) for h in (*a.handoffs, *a.transitions, *a.transfers)))


def touchpoints(a: JourneyAnalysis, labels: Labels) -> Table:
    keys = ("actor", "actor_name", "actor_kind", "owns", "takes_part", "handoffs_in", "handoffs_out", "transfers_in",
            "transfers_out", "gives", "receives", "asks_user", "pain_points", "lowest_emotion", "steps")
    return Table(labels["sheet_touchpoints"], tuple(labels[k] for k in keys), tuple(
        (t.actor, a.actors[t.actor].name, a.actors[t.actor].kind.value, len(t.owns), len(t.takes_part),
         len(t.handoffs_in), len(t.handoffs_out), len(t.transfers_in), len(t.transfers_out), len(t.gives),
         len(t.receives), len(t.asks_user), len(t.pain_points), t.lowest_emotion, join_lines(t.steps))
        for t in a.touchpoints
    ))


def matrix(a: JourneyAnalysis, labels: Labels) -> Table:
    """From-actor (rows) × to-actor (columns): the items, each marked when the user carries it or it is
    sensitive. Only actors that give or receive data."""
    involved = {x for c in a.matrix for x in (c.from_actor, c.to_actor)}
    actors = [x.id for x in a.lanes if x.id in involved]
    cells = {(c.from_actor, c.to_actor): c for c in a.matrix}
    carried, sensitive = labels["carried_by_user"].casefold(), labels["sensitive"].casefold()

    def text(frm: str, to: str) -> str | None:
        cell = cells.get((frm, to))
        if cell is None:
            return None
        return join_lines(
            a.data_items[i].name
            + (f" ({carried})" if i in cell.carried_by_user else "")
            + (f" ({sensitive})" if i in cell.sensitive else "")
            for i in cell.items
        )

    rows = tuple((_short(a, frm), *(text(frm, to) for to in actors)) for frm in actors)
    return Table(labels["sheet_matrix"], (labels["matrix_corner"], *(_short(a, x) for x in actors)), rows, key_columns=1)


def comparison(before_after: BeforeAfter, labels: Labels) -> Table:
    return Table(labels["sheet_comparison"], (labels["metric"], labels["before"], labels["after"], labels["change"]), tuple(
        (name, before, after, None if before is None or after is None else round(after - before, 2))
        for name, before, after in before_after
    ))


def journeys(analyses: Sequence[JourneyAnalysis], labels: Labels) -> Table:
    headers = (labels["journey"], labels["life_event"], labels["title"], *(labels[f"m_{k}"] for k in METRICS))
    return Table(labels["sheet_journeys"], headers, tuple(
        (a.journey.id, a.journey.life_event.value, a.journey.title, *(_metric(a, k) for k in METRICS)) for a in analyses
    ))
