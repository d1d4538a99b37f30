"""How a comparison of today's journey and the goal is worded, for the report, the deck and the site alike:
verdicts, the figure and agency rows, and the sections of one comparison and of the gains and costs across
all pairs (figures through the labels: `Labels.number`)."""

from __future__ import annotations

from collections.abc import Sequence

from ..analysis import Benefits, Comparison, FigureChange, FindingChange, FindingStatus, StepStatus
from .document import Section
from .labels import Labels, in_sentence

# The figures drawn as bars (counts, zero and up); the emotion figures are written below the bars.
BAR_FIGURES = (
    "person_steps", "handoffs", "agency_transitions", "once_only_findings", "user_carried_flows", "manual_transfers",
    "physical_visits", "letters", "agencies_met",
)
TEXT_FIGURES = ("lowest_emotion", "mean_emotion")


def verdict(f: FigureChange, lab: Labels) -> str:
    return {True: lab["better"], False: lab["worse"], None: lab["same"] if not f.change else ""}[f.improved]


def figure_rows(figures: Sequence[FigureChange], lab: Labels) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (lab[f"figure_{f.key}"], lab.number(f.before), lab.number(f.after), lab.number(f.change, signed=True), verdict(f, lab))
        for f in figures
    )


def _short(c: Comparison, actor: str) -> str:
    return {**c.before.actors, **c.after.actors}[actor].short


def _step_lines(c: Comparison, lab: Labels) -> list[str]:
    b, a = c.before, c.after
    lines = []
    for s in c.steps:
        if s.status is StepStatus.CHANGED:
            aspects = ", ".join(lab[f"aspect_{x.value}"] for x in s.changes)
            lines.append(lab.text("step_changed", title=a.step(s.after or "").title, aspects=aspects))
        elif s.status is StepStatus.REPLACED:
            lines.append(lab.text("step_replaced", title=b.step(s.before or "").title, by=a.step(s.replaced_by or "").title))
        elif s.status is StepStatus.REMOVED:
            lines.append(lab.text("step_removed", title=b.step(s.before or "").title))
        elif s.status is StepStatus.NEW:
            title = a.step(s.after or "").title
            if s.replaces:
                replaced = ", ".join(f"«{b.step(r).title}»" for r in s.replaces)
                lines.append(lab.text("step_new_replacing", title=title, replaced=replaced))
            else:
                lines.append(lab.text("step_new", title=title))
    return lines


def finding_text(c: Comparison, f: FindingChange, lab: Labels) -> str:
    x = f.finding
    side = c.before if f.before else c.after
    every = {**c.before.actors, **c.after.actors}
    text = lab.text("finding_line", 
        step=side.step(x.step).title, item=side.data_items[x.item].name, kind=lab[f"kind_{x.kind.value}"],
        asked_by=every[x.asked_by].short, held_by=every[x.held_by].short if x.held_by in every else x.held_by,
    )
    if f.status is FindingStatus.RESOLVED and f.before is not None:
        if f.via is None:
            text += f" – {lab['finding_via_removed']}"
        elif f.via != f.before.step:
            text += f" – {lab.text('finding_via_replaced', step=c.after.step(f.via).title)}"
    return text


def actor_rows(c: Comparison, lab: Labels) -> tuple[tuple[str, ...], ...]:
    def pair(x: int, y: int) -> str:
        return f"{x} → {y}" if x != y else str(x)

    return tuple(
        (_short(c, x.actor), pair(x.before.steps_owned, x.after.steps_owned),
         pair(x.before.manual_transfers, x.after.manual_transfers), pair(x.before.asks_of_person, x.after.asks_of_person),
         str(x.resolved_findings), str(len(x.provides)), str(len(x.receives)))
        for x in c.actors if x.changed
    )


def actor_header(lab: Labels) -> tuple[str, ...]:
    return (lab["actor"], lab["steps_owned"], lab["manual"], lab["asks"], lab["resolved"], lab["provides"], lab["receives"])


def comparison_sections(c: Comparison, lab: Labels) -> list[Section]:
    b, a = c.before, c.after
    counts = {s.value: len(c.with_status(s)) for s in StepStatus}
    head = (
        f"{lab['proposal']}: {in_sentence(a.journey.title, lab.lang)} ({a.source})",
        f"{lab['improves']}: {b.journey.title} ({b.source})",
        lab.text("step_summary", **counts),
    )
    sections = [
        Section(2, lab.text("comparison_title", title=in_sentence(a.journey.title, lab.lang)), head),
        Section(3, lab["figures_title"], header=(lab["figure"], lab["today"], lab["goal"], lab["change"], lab["verdict"]),
                rows=figure_rows(c.figures, lab)),
        Section(3, lab["steps_title"], tuple(_step_lines(c, lab)) or (lab["none"],)),
    ]
    for status, key in ((FindingStatus.RESOLVED, "findings_resolved"), (FindingStatus.REMAINING, "findings_remaining"),
                        (FindingStatus.NEW, "findings_new")):
        found = c.findings_with(status)
        sections.append(Section(3, f"{lab['findings_title']}: {lab[key].lower()} ({len(found)})",
                                tuple(finding_text(c, f, lab) for f in found) or (lab["none"],)))
    sections.append(Section(3, lab["actors_title"], header=actor_header(lab), rows=actor_rows(c, lab)))
    sections.append(Section(3, lab["flows_title"], tuple(
        lab.text("flow_line", item=a.data_items[k.item].name, from_actor=_short(c, k.from_actor), to_actor=_short(c, k.to_actor))
        for k in c.new_flows
    ) or (lab["none"],)))
    sections.append(Section(3, lab["handoffs_title"], tuple(
        lab.text("handoff_line", from_actor=_short(c, p.from_actor), to_actor=_short(c, p.to_actor), before=p.before, after=p.after)
        for p in c.handoff_pairs if p.before != p.after
    ) or (lab["none"],)))
    return sections


def benefits_sections(p: Benefits, lab: Labels) -> list[Section]:
    def pair(x: int, y: int) -> str:
        return f"{x} → {y}" if x != y else str(x)

    summary = lab.text("portfolio_summary", pairs=len(p.comparisons), resolved=p.resolved_findings,
                                             remaining=p.remaining_findings, new=p.new_findings)
    return [
        Section(2, lab["portfolio_title"], (summary,)),
        Section(3, lab["figures_title"], header=(lab["figure"], lab["today"], lab["goal"], lab["change"], lab["verdict"]),
                rows=figure_rows(p.totals, lab)),
        Section(3, lab["agencies_title"], header=(*actor_header(lab), lab["life_events"]), rows=tuple(
            (x.actor.short, pair(x.before.steps_owned, x.after.steps_owned),
             pair(x.before.manual_transfers, x.after.manual_transfers),
             pair(x.before.asks_of_person, x.after.asks_of_person), str(x.resolved_findings), str(x.provides),
             str(x.receives), ", ".join(x.life_events))
            for x in p.agencies if x.changed
        )),
    ]
