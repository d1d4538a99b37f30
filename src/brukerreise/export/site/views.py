"""What the pages show, read from the analysis as plain records of text: a step's details, the findings
and portfolio tables, the heatmap's cells. The templates only lay these out (and escape them)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import attrs

from ...analysis import Finding, FindingKind, Handoff, JourneyAnalysis, Portfolio
from ...analysis.heatmap import Heatmap


@attrs.frozen
class Table:
    """A table with a caption and column headers; the first cell of each row heads that row."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()  # columns aligned right
    note: str = ""  # shown instead of an empty table


@attrs.frozen
class StepView:
    id: str
    title: str
    phase: str
    facts: tuple[tuple[str, str], ...]  # (label, text): owner, with, channel, emotion
    description: str
    lists: tuple[tuple[str, tuple[str, ...]], ...]  # (label, items), only those with items


@attrs.frozen
class PhaseView:
    title: str
    steps: tuple[StepView, ...]


@attrs.frozen
class HeatCell:
    count: int
    level: int  # 0 (none) .. levels - 1 (the most)


@attrs.frozen
class HeatRow:
    agency: str  # short name
    name: str  # full name
    journeys: int
    cells: tuple[HeatCell, ...]
    total: int


def _signed(n: int | None) -> str:
    """-2, -1, 0, +1, +2; empty when there is none."""
    return "" if n is None else f"{n:+d}" if n else "0"


def _short(a: JourneyAnalysis, actor_id: str) -> str:
    return a.actors[actor_id].short


def step_views(a: JourneyAnalysis, lab: Mapping[str, str], channel: Mapping[str, str]) -> tuple[PhaseView, ...]:
    """Each phase with the details of its steps, in time order."""
    held = {(f.step, f.item): f for f in a.findings if f.kind is not FindingKind.CARRIED}
    passed_in: dict[str, list[Handoff]] = {}
    for h in a.handoffs:
        passed_in.setdefault(h.to_step, []).append(h)
    phases = []
    for span in a.phases:
        views = []
        for step_id in span.steps:
            s = a.step(step_id)
            facts = [(lab["owner"], a.actors[s.owner].name), (lab["phase"], span.phase.title)]
            if s.with_:
                facts.append((lab["with"], ", ".join(_short(a, x) for x in s.with_)))
            if s.channel is not None:
                facts.append((lab["channel"], channel[s.channel.value]))
            if s.emotion is not None:
                facts.append((lab["emotion"], f"{_signed(s.emotion)} ({lab[f'emotion_{s.emotion}']})"))
            data = tuple(
                f"{a.data_items[f.item].name}: {_short(a, f.from_actor)} → {_short(a, f.to_actor)} "
                f"({lab['how_' + f.how.value]})" + (f" {lab['sensitive_marker']}" if f.sensitive else "")
                for f in a.flows if f.step == step_id
            )
            asks = tuple(
                a.data_items[i].name
                + (f" ({lab['already_held'].format(holder=_short(a, held[(step_id, i)].held_by))})"
                   if (step_id, i) in held else "")
                for i in s.asks_user
            )
            handoffs = tuple(f"{_short(a, h.from_actor)}: {a.step(h.from_step).title}" for h in passed_in.get(step_id, ()))
            lists = [(lab["services"], s.services), (lab["data"], data), (lab["asks_user"], asks),
                     (lab["handoff_in"], handoffs), (lab["pain_points"], s.pain_points),
                     (lab["opportunities"], s.opportunities)]
            views.append(StepView(step_id, s.title, span.phase.title, tuple(facts), s.description or "",
                                  tuple((label, tuple(items)) for label, items in lists if items)))
        phases.append(PhaseView(span.phase.title, tuple(views)))
    return tuple(phases)


def finding_tables(a: JourneyAnalysis, lab: Mapping[str, str], kinds: Mapping[str, str]) -> tuple[Table, ...]:
    def passes(caption: str, handoffs: Sequence[Handoff]) -> Table:
        return Table(caption, (lab["from_step"], lab["to_step"], lab["from_actor"], lab["to_actor"]), tuple(
            (a.step(h.from_step).title, a.step(h.to_step).title, _short(a, h.from_actor), _short(a, h.to_actor))
            for h in handoffs
        ), note=lab["none"])

    meets = Table(
        lab["meets_title"],
        (lab["actor"], lab["kind"], lab["owns"], lab["takes_part"], lab["handoffs_in_out"], lab["gives"],
         lab["receives"], lab["pain_points"], lab["lowest_emotion"]),
        tuple(
            (_short(a, t.actor), kinds[a.actors[t.actor].kind.value], str(len(t.owns)), str(len(t.takes_part)),
             f"{len(t.handoffs_in)}/{len(t.handoffs_out)}", str(len(t.gives)), str(len(t.receives)),
             str(len(t.pain_points)), _signed(t.lowest_emotion))
            for t in a.touchpoints
        ),
        numeric=(2, 3, 4, 5, 6, 7, 8),
    )
    def found(caption: str, findings: Sequence[Finding]) -> Table:
        return Table(
            caption, (lab["step"], lab["item"], lab["asked_by"], lab["held_by"], lab["finding_kind"]),
            tuple(
                (a.step(f.step).title, a.data_items[f.item].name, _short(a, f.asked_by), _short(a, f.held_by),
                 lab[f"kind_{f.kind.value}"])
                for f in findings
            ), note=lab["none"],
        )

    findings = found(lab["findings_title"], a.findings)
    matrix = Table(
        lab["matrix_title"], (lab["from_actor"], lab["to_actor"], lab["item"]),
        tuple(
            (_short(a, c.from_actor), _short(a, c.to_actor), ", ".join(
                a.data_items[i].name
                + (f" {lab['carried_marker']}" if i in c.carried_by_user else "")
                + (f" {lab['sensitive_marker']}" if i in c.sensitive else "")
                for i in c.items))
            for c in a.matrix
        ), note=lab["none"],
    )
    reuse = (found(lab["reuse_title"], a.reuse),) if a.reuse else ()
    return (meets, passes(lab["handoffs_title"], a.handoffs), passes(lab["transfers_title"], a.transfers),
            findings, *reuse, matrix)


def heat_level(n: int, top: int, levels: int) -> int:
    """The colour level of a cell of `n` steps when the fullest has `top`: 0 for none, else 1 .. levels - 1."""
    return 0 if n <= 0 or top <= 0 else max(1, -(-(levels - 1) * n // top))


def heat_scale(h: Heatmap, levels: int) -> tuple[tuple[int, int, int], ...]:
    """The counts each colour level stands for, (level, lowest, highest), for the legend; levels no count reaches
    are left out."""
    spans: dict[int, list[int]] = {}
    for n in range(h.highest + 1):
        spans.setdefault(heat_level(n, h.highest, levels), []).append(n)
    return tuple((level, min(ns), max(ns)) for level, ns in sorted(spans.items()))


def heat_rows(h: Heatmap, levels: int) -> tuple[HeatRow, ...]:
    top = h.highest

    def level(n: int) -> int:
        return heat_level(n, top, levels)

    return tuple(
        HeatRow(actor.short, actor.name, h.journeys[actor.id],
                tuple(HeatCell(h.count(e, actor.id), level(h.count(e, actor.id))) for e in h.life_events),
                h.agency_total(actor.id))
        for actor in h.agencies
    )


def recurring_table(p: Portfolio, lab: Mapping[str, str]) -> Table:
    names = {actor_id: actor.short for a in p.journeys for actor_id, actor in a.actors.items()}
    return Table(
        lab["recurring_title"], (lab["item"], lab["held_by"], lab["life_events"], lab["journeys"], lab["asked_of_user"]),
        tuple(
            (r.item.name, names.get(r.item.source, r.item.source), str(len(r.life_events)), str(len(r.journeys)),
             str(r.asked_of_user))
            for r in p.recurring_items
        ),
        numeric=(2, 3, 4), note=lab["none"],
    )


@attrs.frozen
class JourneyRow:
    href: str
    title: str
    life_event: str
    persona: str
    figures: tuple[int, ...]  # steps, agencies, handoffs, once-only findings


def journey_rows(analyses: Sequence[JourneyAnalysis], href: Mapping[str, str], events: Mapping[str, str]) -> tuple[JourneyRow, ...]:
    return tuple(
        JourneyRow(href[a.journey.id], a.journey.title, events[a.journey.life_event.name],
                   a.journey.persona.name if a.journey.persona else "",
                   (a.metrics.steps, a.metrics.agencies, a.metrics.handoffs, a.metrics.once_only_findings))
        for a in analyses
    )


@attrs.frozen
class ProposalRow:
    """A to-be journey on the portfolio: its page, what it improves, and its comparison's page."""

    href: str
    title: str
    improves: str  # the as-is journey's title, or its id when it was not read
    improves_href: str | None
    comparison_href: str | None


def proposal_rows(analyses: Sequence[JourneyAnalysis], page: Callable[[str], str],
                  comparison: Callable[[str], str]) -> tuple[ProposalRow, ...]:
    rows = []
    for a in analyses:
        c = a.comparison
        if c is not None:
            rows.append(ProposalRow(page(a.journey.id), a.journey.title, c.before.journey.title,
                                    page(c.before.journey.id), comparison(a.journey.id)))
        else:
            rows.append(ProposalRow(page(a.journey.id), a.journey.title, a.journey.improves or "", None, None))
    return tuple(rows)
