"""The workshop deck: one 16:9 .pptx per journey for a cross-agency *forme sammen* workshop, built from the
analysis with native, editable shapes. `build_deck(analysis, lang)` returns the complete file as bytes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from ...analysis import JourneyAnalysis
from .. import note
from ...render.labels import phrase, pick, tag
from ...render.resources import definition
from . import appendix, change, change_chart, intro, meetings, overview, questions, sharing, summary, workshop
from .canvas import Deck, Page
from .facts import Facts
from .package import to_bytes
from .style import Style

__all__ = ["build_deck"]

BUILDERS: dict[str, Callable[..., list[Page]]] = {
    "title": intro.title_slide,
    "goal": workshop.goal_slide,
    "agenda": workshop.agenda_slide,
    "rules": workshop.rules_slide,
    "exercise": workshop.exercise_slide,
    "vote": workshop.vote_slides,
    "parking_lot": workshop.parking_slide,
    "decisions": workshop.decisions_slide,
    "divider": workshop.divider_slide,
    "person": intro.person_slide,
    "glance": intro.glance_slide,
    "overview": overview.overview_slides,
    "swimlane": meetings.swimlane_slides,
    "phases": meetings.phase_slides,
    "agencies": meetings.agency_slides,
    "matrix": sharing.matrix_slides,
    "findings": sharing.findings_slides,
    "handoffs": sharing.handoff_slides,
    "questions": questions.question_slides,
    "change_chart": change_chart.chart_slides,
    "change_figures": change.figures_slides,
    "change_findings": change.findings_slides,
    "change_agencies": change.agencies_slides,
    "change_legal": change.legal_slides,
    "change_order": change.order_slides,
    "change_questions": change.questions_slides,
    "appendix": appendix.appendix_slides,
}


@attrs.frozen
class SlideSpec:
    """One entry of exporters/deck/outline.yaml in one language."""

    kind: str
    title: str  # a label key
    notes_template: str
    lang: str = "nb"
    data: dict[str, Any] = attrs.field(factory=dict, eq=False, hash=False)  # the entry itself: a kind's own words

    def notes(self, facts: Facts, **values: Any) -> str:
        return phrase(self.notes_template, self.lang, **{**facts.context(), **values})


def outline(lang: str) -> list[SlideSpec]:
    return [
        SlideSpec(s["kind"], s.get("title", ""), pick(s["notes"], lang) if s.get("notes") else "", lang, s)
        for s in definition("deck/outline.yaml")["slides"]
    ]


def build_deck(analysis: JourneyAnalysis, lang: str = "nb") -> bytes:
    """The workshop deck of one journey as .pptx bytes; the same analysis and language give the same bytes.
    `lang` ('nb' or 'en') switches the deck's own words; the journey's content stays as written."""
    style = Style(lang)
    deck = Deck(style)
    facts = Facts(analysis, style)
    large = summary.too_large(analysis)  # then summarised by phase and actor, not step by step
    if large:
        note(f"the journey has {analysis.metrics.steps} steps in {analysis.metrics.phases} phases: the deck "
             f"summarises it by phase and actor (it shows every step for at most {summary.STEP_LIMIT} steps "
             f"and {summary.PHASE_LIMIT} phases)")
    for spec in outline(lang):
        if large and spec.kind in summary.LEFT_OUT:
            continue
        pages = (summary.INSTEAD.get(spec.kind, BUILDERS[spec.kind]) if large else BUILDERS[spec.kind])(deck, facts, spec)
        for page in pages:  # each slide named by its kind (a diagram keeps its own name): one type size per kind
            page.name(spec.kind)
        if large and spec.kind == "glance":
            summary.notice_slide(deck, facts)
    deck.finish()
    j = analysis.journey
    return to_bytes(deck.prs, f"{j.title} – {style['deck_kind']}", j.life_event.value, tag(lang))


def export(analysis: JourneyAnalysis, fmt: str, lang: str) -> bytes:
    """The registry's entry point: the deck is the one format, PPTX."""
    return build_deck(analysis, lang)
