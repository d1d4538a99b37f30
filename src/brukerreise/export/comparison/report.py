"""The comparison as a report: JSON (a versioned contract) or text and Markdown sections for people, read
from the comparisons in the analysis."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import attrs

from ...analysis import (
    ActorFigures,
    Benefits,
    Comparison,
    FigureChange,
    FindingChange,
    FindingStatus,
    StepStatus,
    benefits,
)
from ...analysis import gains_across
from ...render.document import Section, as_markdown, as_text
from ...render.labels import Labels, in_sentence, labels as load_labels
from ...render.gains import across_json, across_sections, gains_json, gains_sections, plan_section

FORMAT_VERSION = 3  # 2: `handoffs` counts only marked referrals (kasteball); once-only findings are breaches
# 3: gains in hours and kroner per comparison ("gains") and across them ("portfolio"."gains")


# --- JSON ---------------------------------------------------------------------------------------


def _figure_json(f: FigureChange) -> dict[str, Any]:
    return {"before": f.before, "after": f.after, "change": f.change, "better": f.better.value, "improved": f.improved}


def _finding_json(f: FindingChange) -> dict[str, Any]:
    x = f.finding
    return {
        "status": f.status.value, "item": x.item, "kind": x.kind.value, "asked_by": x.asked_by, "held_by": x.held_by,
        "step_before": f.before.step if f.before else None, "step_after": f.after.step if f.after else None,
        "via": f.via,
    }


def _actor_figures_json(f: ActorFigures) -> dict[str, int]:
    return attrs.asdict(f)


def comparison_json(c: Comparison) -> dict[str, Any]:
    b, a = c.before, c.after
    every = {**b.actors, **a.actors}
    return {
        "id": c.id,
        "improves": b.journey.id,
        "life_event": a.journey.life_event.value,
        "title_before": b.journey.title,
        "title_after": a.journey.title,
        "source_before": b.source,
        "source_after": a.source,
        "steps": [
            {"status": s.status.value, "before": s.before, "after": s.after,
             "title": (a.step(s.after) if s.after else b.step(s.before or "")).title,
             "changes": [x.value for x in s.changes], "replaced_by": s.replaced_by, "replaces": list(s.replaces)}
            for s in c.steps
        ],
        "figures": {f.key: _figure_json(f) for f in c.figures},
        "once_only_findings": [_finding_json(f) for f in c.findings],
        "new_automatic_flows": [{"item": k.item, "from": k.from_actor, "to": k.to_actor} for k in c.new_flows],
        "handoff_pairs": [
            {"from": p.from_actor, "to": p.to_actor, "before": p.before, "after": p.after} for p in c.handoff_pairs
        ],
        "gains": gains_json(c),
        "actors": [
            {"id": x.actor, "name": every[x.actor].name, "short": every[x.actor].short, "kind": every[x.actor].kind.value,
             "before": _actor_figures_json(x.before), "after": _actor_figures_json(x.after),
             "provides": [{"item": k.item, "to": k.to_actor} for k in x.provides],
             "receives": [{"item": k.item, "from": k.from_actor} for k in x.receives],
             "resolved_findings": x.resolved_findings, "work_saved": x.work_saved}
            for x in c.actors
        ],
    }


def benefits_json(p: Benefits) -> dict[str, Any]:
    return {
        "pairs": [c.id for c in p.comparisons],
        "figures": {f.key: _figure_json(f) for f in p.totals},
        "steps": dict(p.steps_by_status),
        "once_only_findings": {"resolved": p.resolved_findings, "remaining": p.remaining_findings, "new": p.new_findings},
        "gains": across_json(gains_across(p.comparisons)),
        "agencies": [
            {"id": x.actor.id, "name": x.actor.name, "short": x.actor.short, "kind": x.actor.kind.value,
             "journeys": list(x.journeys), "life_events": list(x.life_events),
             "before": _actor_figures_json(x.before), "after": _actor_figures_json(x.after),
             "provides": x.provides, "receives": x.receives, "resolved_findings": x.resolved_findings,
             "work_saved": x.work_saved}
            for x in p.agencies
        ],
    }


def as_json(comparisons: Sequence[Comparison], with_portfolio: bool = True) -> str:
    data: dict[str, Any] = {"format_version": FORMAT_VERSION, "comparisons": [comparison_json(c) for c in comparisons]}
    if with_portfolio:
        data["portfolio"] = benefits_json(benefits(comparisons))
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- text and Markdown ----------------------------------------------------------------------------


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


def sections(comparisons: Sequence[Comparison], lang: str, with_portfolio: bool = True) -> list[Section]:
    lab = load_labels("comparison", lang)
    found = [Section(1, lab["report_title"])]
    if not comparisons:
        return [*found, Section(2, lab["none"], (lab["no_pairs"],))]
    for c in comparisons:
        found += comparison_sections(c, lab)
        found += gains_sections(c, lang)
        if c.gains is not None and c.gains.has_figures:
            found.append(plan_section(c, lang))
    if with_portfolio and len(comparisons) > 1:
        found += benefits_sections(benefits(comparisons), lab)
        found += across_sections(gains_across(comparisons), lang)
    return found


def render(comparisons: Sequence[Comparison], fmt: str, lang: str = "nb", with_portfolio: bool = True) -> str:
    if fmt == "json":
        return as_json(comparisons, with_portfolio)
    parts = sections(comparisons, lang, with_portfolio)
    return as_markdown(parts) if fmt == "markdown" else as_text(parts)
