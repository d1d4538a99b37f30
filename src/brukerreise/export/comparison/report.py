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
    benefits,
)
from ...analysis import gains_across
from ...render.comparison import benefits_sections, comparison_sections
from ...render.document import Section, as_markdown, as_text
from ...render.labels import labels as load_labels
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
