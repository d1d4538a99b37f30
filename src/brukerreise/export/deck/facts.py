"""Lookups the slides share, computed once per deck from the analysis: step numbers, flows per step, names."""

from __future__ import annotations

from typing import Any

import re

from ...analysis import Flow, JourneyAnalysis
from ...model import Pronoun, Step
from .style import Style

# Names joined like "Sara og Jonas", "Amal med Yusuf", "Lina & Ahmed": a persona of several people.
SEVERAL = re.compile(r"\s(og|and|med|with|&|\+)\s", re.IGNORECASE)


def pronoun(a: JourneyAnalysis) -> Pronoun:
    """The persona's own pronoun, else 'de' for several people named together, else 'hen'."""
    persona = a.journey.persona
    if persona is None:
        return Pronoun.HEN
    if persona.pronoun is not None:
        return persona.pronoun
    return Pronoun.DE if SEVERAL.search(persona.name) else Pronoun.HEN


def reading_order(a: JourneyAnalysis) -> list[str]:
    """Steps as a reader meets them: by time column, then lane, then as listed (parallel steps of one owner)."""
    lane = {x.id: i for i, x in enumerate(a.lanes)}
    listed = {s: i for i, s in enumerate(a.order)}
    return sorted(a.order, key=lambda s: (a.columns[s], lane[a.step(s).owner], listed[s]))


class Facts:
    def __init__(self, a: JourneyAnalysis, style: Style) -> None:
        self.a = a
        self.style = style
        self.order = reading_order(a)
        self.number = {s: i + 1 for i, s in enumerate(self.order)}
        self.flows_at: dict[str, list[Flow]] = {}
        for f in a.flows:
            self.flows_at.setdefault(f.step, []).append(f)
        self.following: dict[str, list[str]] = {s: [] for s in a.order}
        for s in a.order:
            for p in a.after[s]:
                self.following[p].append(s)
        self.phase_title = {span.phase.id: span.phase.title for span in a.phases}
        self.handoff_steps = {(h.from_step, h.to_step) for h in a.handoffs}
        persona = a.journey.persona
        self.person = persona.name if persona else next((x.short for x in a.lanes if x.is_person), "")
        self.pronoun = pronoun(a)
        # the persona's pronoun in the deck's language: {they} {them} {do} {are} (labels they_hen, them_hen ...)
        self.forms = {form: style.words.get(f"{form}_{self.pronoun.value}", self.pronoun.value)
                      for form in ("they", "them", "do", "are")}

    def short(self, actor_id: str) -> str:
        return self.a.actors[actor_id].short

    def name(self, actor_id: str) -> str:
        return self.a.actors[actor_id].name

    def item(self, item_id: str) -> str:
        return self.a.data_items[item_id].name

    def step_ref(self, step_id: str) -> str:
        """'5. Title' — how a step is named on every slide, matching the numbers in the swimlane."""
        return f"{self.number[step_id]}. {self.a.step(step_id).title}"

    def steps_in_order(self) -> list[Step]:
        return [self.a.step(s) for s in self.order]

    def context(self) -> dict[str, Any]:
        """Values every notes template may use."""
        j = self.a.journey
        m = self.a.metrics
        return {
            "journey": j.title, "life_event": j.life_event.value, "person": self.person,
            "steps": m.steps, "agencies": m.agencies, "handoffs": m.handoffs, "flows": m.data_flows,
            "findings": m.once_only_findings, "pain_points": m.pain_points, "phases": m.phases,
            **self.forms,
        }
