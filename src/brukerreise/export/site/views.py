"""What the pages show, read from the analysis as plain records of text: a step's details, the findings
and portfolio tables, the heatmap's cells. The templates only lay these out (and escape them)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import attrs

from ...analysis import Finding, FindingKind, Handoff, JourneyAnalysis, Portfolio
from ...analysis.comparison import FigureChange, FindingStatus
from ...analysis.heatmap import Heatmap
from ...render.labels import Labels


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
    owner: str = ""  # the owner's short name, for the timeline
    marks: tuple[tuple[str, str], ...] = ()  # (kind, text) on the timeline: emotion, pain, handoff; words, not colours


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


def _count(lab: Labels, key: str, n: int) -> str:
    """A count with its noun in the right number: labels `key_one` and `key_other`."""
    return lab.text(f"{key}_one" if n == 1 else f"{key}_other", n=n)


def step_views(a: JourneyAnalysis, lab: Labels, channel: Mapping[str, str]) -> tuple[PhaseView, ...]:
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
                + (f" ({lab.text('already_held', holder=_short(a, held[(step_id, i)].held_by))})"
                   if (step_id, i) in held else "")
                for i in s.asks_user
            )
            handoffs = tuple(f"{_short(a, h.from_actor)}: {a.step(h.from_step).title}" for h in passed_in.get(step_id, ()))
            lists = [(lab["services"], s.services), (lab["data"], data), (lab["asks_user"], asks),
                     (lab["handoff_in"], handoffs), (lab["pain_points"], s.pain_points),
                     (lab["opportunities"], s.opportunities)]
            marks = []
            if s.emotion is not None:
                marks.append(("emotion", f"{lab['emotion']}: {lab[f'emotion_{s.emotion}']} ({_signed(s.emotion)})"))
            if s.pain_points:
                marks.append(("pain", _count(lab, "pain_count", len(s.pain_points))))
            if passed_in.get(step_id):
                marks.append(("handoff", lab.text("handoff_mark", 
                    actors=", ".join(dict.fromkeys(_short(a, h.from_actor) for h in passed_in[step_id])))))
            views.append(StepView(step_id, s.title, span.phase.title, tuple(facts), s.description or "",
                                  tuple((label, tuple(items)) for label, items in lists if items),
                                  _short(a, s.owner), tuple(marks)))
        phases.append(PhaseView(span.phase.title, tuple(views)))
    return tuple(phases)


def finding_tables(a: JourneyAnalysis, lab: Labels, kinds: Mapping[str, str]) -> tuple[Table, ...]:
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
        for actor in h.agencies if h.agency_total(actor.id) > 0
    )


def data_only(h: Heatmap) -> tuple[tuple[str, int], ...]:
    """Agencies that meet journeys only through their data (no step of their own or taken part in), with
    the number of journeys: left out of the heatmap, named beneath it."""
    return tuple((actor.name, h.journeys[actor.id]) for actor in h.agencies if h.agency_total(actor.id) == 0)


def recurring_table(p: Portfolio, lab: Labels) -> Table:
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


def _figure(c: object, key: str) -> FigureChange | None:
    return next((f for f in c.figures if f.key == key), None)  # type: ignore[attr-defined]


def _quoted(lab: Labels, titles: Sequence[str]) -> str:
    quoted = [lab.text("quote", text=t) for t in titles]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} {lab['and']} {quoted[-1]}"


def portfolio_findings(counted: Sequence[JourneyAnalysis], h: Heatmap, proposals: Sequence[JourneyAnalysis],
                       lab: Labels) -> tuple[str, ...]:
    """A few sentences a leader reads first: the journey with the most kasteball, the agency that meets the
    most journeys, and the proposal with the largest gains. Every number is one of the tables' below."""
    found = []
    most = max((a.metrics.handoffs for a in counted), default=0)
    if most > 0:
        top = [a.journey.title for a in counted if a.metrics.handoffs == most]
        found.append(lab.text("finding_kasteball", journeys=_quoted(lab, top), n=_count(lab, "times", most)))
    if h.agencies and counted:
        reach = max(h.journeys.values())
        top_agencies = [x for x in h.agencies if h.journeys[x.id] == reach]
        found.append(lab.text("finding_reach", 
            agencies=_quoted(lab, [x.name for x in top_agencies]).replace("«", "").replace("»", ""),
            n=reach, of=_count(lab, "journey_count", len(counted)),
            steps=_count(lab, "step_count", sum(h.agency_total(x.id) for x in top_agencies))))
    best = None
    for a in proposals:
        c = a.comparison
        if c is None:
            continue
        resolved = len(c.findings_with(FindingStatus.RESOLVED))
        handoffs = _figure(c, "handoffs")
        fewer = -(handoffs.change or 0) if handoffs is not None and handoffs.change is not None else 0
        score = (resolved + max(fewer, 0), a.journey.id)
        if best is None or score > best[0]:
            best = (score, a, resolved, handoffs)
    if best is not None and best[0][0] > 0:
        _, a, resolved, handoffs = best
        c = a.comparison
        parts = []
        if resolved:
            parts.append(_count(lab, "resolved_count", resolved))
        if handoffs is not None and handoffs.change and handoffs.change < 0:
            parts.append(lab.text("fewer_handoffs", before=handoffs.before, after=handoffs.after))
        found.append(lab.text("finding_gain", goal=a.journey.title, today=c.before.journey.title,
                                                gains=f" {lab['and']} ".join(parts)))
    return tuple(found)


@attrs.frozen
class JourneyCard:
    href: str
    title: str
    life_event: str
    persona: str
    tags: tuple[str, ...]  # the journey's figures in words: steps, agencies, kasteball, once-only findings


def journey_cards(analyses: Sequence[JourneyAnalysis], href: Mapping[str, str], events: Mapping[str, str],
                  lab: Labels) -> tuple[JourneyCard, ...]:
    return tuple(
        JourneyCard(href[a.journey.id], a.journey.title, events[a.journey.life_event.name],
                    a.journey.persona.name if a.journey.persona else "",
                    (_count(lab, "step_count", a.metrics.steps), _count(lab, "agency_count", a.metrics.agencies),
                     _count(lab, "handoff_count", a.metrics.handoffs), _count(lab, "finding_count", a.metrics.once_only_findings)))
        for a in analyses
    )
