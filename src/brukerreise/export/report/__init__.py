"""The analysis as a report: JSON (a stable contract for other tools) or text and Markdown for people.
Text and Markdown are two renderings of the same sections, so they never say different things."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import attrs

from ...analysis import Finding, FindingKind, Handoff, JourneyAnalysis, Portfolio
from ...model import is_public
from ...render.document import Section, as_markdown, as_text
from ...render.labels import Labels, labels as load_labels

# 2: `handoffs` holds only kasteball handoffs; back-office transfers are apart. 3: kasteball is the referrals
# the journey marks (`kasteball`, was `handoffs`); ordinary transitions apart; breaches and reuse apart.
FORMAT_VERSION = 3


# --- JSON ---------------------------------------------------------------------------------------


def journey_json(a: JourneyAnalysis) -> dict[str, Any]:
    j = a.journey
    m = a.metrics
    return {
        "id": j.id,
        "life_event": j.life_event.value,
        "title": j.title,
        "source": a.source,
        "persona": None if j.persona is None else {"name": j.persona.name, "situation": j.persona.situation},
        "goals": list(j.goals),
        "phases": [
            {"id": s.phase.id, "title": s.phase.title, "steps": list(s.steps),
             "first_column": s.first_column, "last_column": s.last_column}
            for s in a.phases
        ],
        "own_organisations": sorted(a.own_organisations),
        "actors": [
            {"id": x.id, "name": x.name, "short": x.short, "kind": x.kind.value, "ministry": x.ministry,
             "public": is_public(x.id, a.actors), "own": a.is_own(x.id) and not x.is_person}
            for x in a.lanes
        ],
        "steps": [
            {"id": s.id, "phase": s.phase, "owner": s.owner, "with": list(s.with_), "title": s.title,
             "channel": s.channel.value if s.channel else None, "emotion": s.emotion,
             "column": a.columns[s.id], "after": list(a.after[s.id]),
             "referred_by": [h.from_step for h in a.handoffs if h.to_step == s.id],
             "asks_user": list(s.asks_user), "pain_points": list(s.pain_points),
             "opportunities": list(s.opportunities)}
            for s in j.steps
        ],
        "kasteball": [_handoff_json(h) for h in a.handoffs],
        "transitions": [_handoff_json(h) for h in a.transitions],
        "back_office_transfers": [_handoff_json(h) for h in a.transfers],
        "data_flows": [
            {"step": f.step, "item": f.item, "from": f.from_actor, "to": f.to_actor, "how": f.how.value,
             "sensitive": f.sensitive}
            for f in a.flows
        ],
        "data_sharing_matrix": [
            {"from": c.from_actor, "to": c.to_actor, "items": list(c.items),
             "carried_by_user": list(c.carried_by_user), "sensitive": list(c.sensitive)}
            for c in a.matrix
        ],
        "once_only_findings": [_finding_json(f) for f in a.findings],
        "reuse_opportunities": [_finding_json(f) for f in a.reuse],
        "touchpoints": [
            {"actor": t.actor, "owns": list(t.owns), "takes_part": list(t.takes_part),
             "kasteball_in": len(t.handoffs_in), "kasteball_out": len(t.handoffs_out),
             "transfers_in": len(t.transfers_in), "transfers_out": len(t.transfers_out),
             "gives": [f.item for f in t.gives], "receives": [f.item for f in t.receives],
             "pain_points": [{"step": s, "text": p} for s, p in t.pain_points],
             "lowest_emotion": t.lowest_emotion}
            for t in a.touchpoints
        ],
        "data_items": [
            {"id": d.id, "name": d.name, "source": d.source, "sensitive": d.sensitive} for d in a.data_items.values()
        ],
        "metrics": {
            "steps": m.steps, "phases": m.phases, "actors": m.actors, "agencies": m.agencies,
            "kasteball": m.handoffs, "agency_transitions": m.agency_transitions,
            "back_office_transfers": m.back_office_transfers, "agencies_met": m.agencies_met,
            "data_flows": m.data_flows, "user_carried_flows": m.user_carried_flows,
            "sensitive_flows": m.sensitive_flows, "once_only_findings": m.once_only_findings,
            "reuse_opportunities": m.reuse_opportunities,
            "pain_points": m.pain_points, "columns": m.columns, "channel_mix": dict(m.channel_mix),
            "emotion_low_points": list(m.emotion_low_points), "lowest_emotion": m.lowest_emotion,
        },
    }


def _finding_json(f: Finding) -> dict[str, str]:
    return {"step": f.step, "item": f.item, "asked_by": f.asked_by, "held_by": f.held_by, "kind": f.kind.value}


def _handoff_json(h: Handoff) -> dict[str, str]:
    return {"from_step": h.from_step, "to_step": h.to_step, "from_actor": h.from_actor, "to_actor": h.to_actor,
            "kind": h.kind.value}


def portfolio_json(p: Portfolio) -> dict[str, Any]:
    return {
        "actors": [
            {"id": f.actor.id, "name": f.actor.name, "short": f.actor.short, "kind": f.actor.kind.value,
             "journeys": list(f.journeys), "steps": f.steps, "takes_part": f.takes_part}
            for f in p.actors
        ],
        "agencies_by_reach": [f.actor.id for f in p.agencies],
        "recurring_data_items": [
            {"id": r.item.id, "name": r.item.name, "source": r.item.source, "journeys": list(r.journeys),
             "life_events": list(r.life_events), "asked_of_user": r.asked_of_user}
            for r in p.recurring_items
        ],
        "totals": _totals(p),
    }


def _totals(p: Portfolio) -> dict[str, int]:
    return {
        "journeys": len(p.journeys),
        "steps": sum(a.metrics.steps for a in p.journeys),
        "kasteball": sum(a.metrics.handoffs for a in p.journeys),
        "agency_transitions": sum(a.metrics.agency_transitions for a in p.journeys),
        "back_office_transfers": sum(a.metrics.back_office_transfers for a in p.journeys),
        "data_flows": sum(a.metrics.data_flows for a in p.journeys),
        "once_only_findings": sum(a.metrics.once_only_findings for a in p.journeys),
        "reuse_opportunities": sum(a.metrics.reuse_opportunities for a in p.journeys),
        "actors": len(p.actors),
    }


def as_json(analyses: Sequence[JourneyAnalysis], portfolio: Portfolio) -> str:
    data = {
        "format_version": FORMAT_VERSION,
        "journeys": [journey_json(a) for a in analyses],
        "portfolio": portfolio_json(portfolio),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- text and Markdown ----------------------------------------------------------------------------


def _finding_text(f: Finding, a: JourneyAnalysis, lab: Labels) -> str:
    key = {FindingKind.ASKED: "finding_asked", FindingKind.CARRIED: "finding_carried", FindingKind.OWN: "finding_own"}[f.kind]
    return lab.text(key, 
        step=a.step(f.step).title, item=a.data_items[f.item].name,
        asked_by=a.actors[f.asked_by].short, held_by=a.actors[f.held_by].short,
    )


def journey_sections(a: JourneyAnalysis, lab: Labels) -> list[Section]:
    j, m = a.journey, a.metrics
    short = {x.id: x.short for x in a.lanes}
    head = [f"{lab['life_event']}: {j.life_event.value}", f"{lab['source']}: {a.source}"]
    if j.persona:
        head.append(f"{lab['persona']}: {j.persona.name} — {j.persona.situation}")
    head.append(lab.text("summary", **attrs.asdict(m)))
    if m.channel_mix:
        head.append(f"{lab['channels']}: " + ", ".join(f"{c} {n}" for c, n in m.channel_mix))
    if m.emotion_low_points:
        head.append(f"{lab['low_points']}: " + "; ".join(a.step(s).title for s in m.emotion_low_points))
    sections = [Section(2, j.title, tuple(head))]
    sections.append(Section(
        3, lab["meets_title"],
        header=(lab["actor"], lab["kind"], lab["owns"], lab["takes_part"], lab["handoffs_in_out"],
                lab["gives"], lab["receives"], lab["pain_points"], lab["lowest_emotion"]),
        rows=tuple(
            (short[t.actor], a.actors[t.actor].kind.value, str(len(t.owns)), str(len(t.takes_part)),
             f"{len(t.handoffs_in)}/{len(t.handoffs_out)}", str(len(t.gives)), str(len(t.receives)),
             str(len(t.pain_points)), "" if t.lowest_emotion is None else f"{t.lowest_emotion:+d}")
            for t in a.touchpoints
        ),
    ))
    sections.append(Section(3, lab["handoffs_title"], tuple(
        f"{short[h.from_actor]} → {short[h.to_actor]}: «{a.step(h.from_step).title}» → «{a.step(h.to_step).title}»"
        for h in a.handoffs
    ) or (lab["none"],)))
    sections.append(Section(3, lab["transfers_title"], tuple(
        f"{short[h.from_actor]} → {short[h.to_actor]}: «{a.step(h.from_step).title}» → «{a.step(h.to_step).title}»"
        for h in a.transfers
    ) or (lab["none"],)))
    sections.append(Section(3, lab["findings_title"], tuple(_finding_text(f, a, lab) for f in a.findings) or (lab["none"],)))
    if a.reuse:
        sections.append(Section(3, lab["reuse_title"], tuple(_finding_text(f, a, lab) for f in a.reuse)))
    matrix_lines = []
    for c in a.matrix:
        items = ", ".join(
            a.data_items[i].name
            + (f" {lab['carried_marker']}" if i in c.carried_by_user else "")
            + (f" {lab['sensitive_marker']}" if i in c.sensitive else "")
            for i in c.items
        )
        matrix_lines.append(f"{short[c.from_actor]} → {short[c.to_actor]}: {items}")
    sections.append(Section(3, lab["matrix_title"], tuple(matrix_lines) or (lab["none"],)))
    return sections


def portfolio_sections(p: Portfolio, lab: Labels) -> list[Section]:
    names = {actor_id: actor.short for a in p.journeys for actor_id, actor in a.actors.items()}
    return [
        Section(2, lab["portfolio_title"], (lab.text("total", **_totals(p)),)),
        Section(
            3, lab["agencies_title"], header=(lab["actor"], lab["kind"], lab["journeys"], lab["steps"]),
            rows=tuple((f.actor.short, f.actor.kind.value, str(len(f.journeys)), str(f.steps)) for f in p.agencies),
        ),
        Section(
            3, lab["recurring_title"], header=(lab["item"], lab["held_by"], lab["journeys"], lab["asked_of_user"]),
            rows=tuple(
                (r.item.name, names.get(r.item.source, r.item.source), str(len(r.journeys)), str(r.asked_of_user))
                for r in p.recurring_items
            ),
        ),
    ]


def sections(analyses: Sequence[JourneyAnalysis], portfolio: Portfolio | None, lang: str) -> list[Section]:
    lab = load_labels("report", lang)
    found = [Section(1, lab["report_title"])]
    for a in analyses:
        found += journey_sections(a, lab)
    if portfolio is not None and len(analyses) > 1:
        found += portfolio_sections(portfolio, lab)
    return found


def render(analyses: Sequence[JourneyAnalysis], portfolio: Portfolio, fmt: str, lang: str = "nb") -> str:
    if fmt == "json":
        return as_json(analyses, portfolio)
    parts = sections(analyses, portfolio, lang)
    return as_markdown(parts) if fmt == "markdown" else as_text(parts)


def export(analysis: JourneyAnalysis, fmt: str, lang: str) -> bytes:
    """One journey's report (the registry's entry point)."""
    from ...analysis import portfolio

    return render([analysis], portfolio([analysis]), fmt, lang).encode("utf-8")


def portfolio(analyses: Sequence[JourneyAnalysis], whole: Portfolio, fmt: str, lang: str) -> bytes | None:
    """The registry's file across all journeys: the portfolio report (`portfolio.md`, `portfolio.json`)."""
    if fmt not in ("markdown", "json") or not analyses:
        return None
    return render(analyses, whole, fmt, lang).encode("utf-8")
