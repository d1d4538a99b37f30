"""Workshop questions: templates from exporters/deck/questions.yaml filled with this journey's actors, data,
handoffs and low points, grouped by phase of the collaboration and theme, and placed on slides."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import attrs

from ...analysis import FindingKind
from ...render.labels import phrase, pick
from ...render.resources import definition
from .canvas import BODY_TOP, BODY_WIDTH, MARGIN, Deck, Page
from .columns import Section, best_size, flow
from .facts import Facts
from .meetings import numbered
from .text import para

DEFAULT_MAX = 3
LEAD_SIZE = 14.0  # the line under the title that says what the phase of the collaboration is
TOP = BODY_TOP + 36


@attrs.frozen
class Question:
    phase: str
    theme: str
    text: str


def _values(facts: Facts, source: str) -> Iterator[dict[str, Any]]:
    """The values of every occasion a question `for` this source is asked about, in journey order."""
    a = facts.a
    person = facts.person
    if source == "journey":
        agencies = [x for x in a.lanes if not x.is_person]
        owners = sorted((t for t in a.touchpoints if not a.actors[t.actor].is_person),
                        key=lambda t: -len(t.owns))
        ministries = sorted({x.ministry for x in agencies if x.ministry})
        yield {
            "person": person, "situation": _first_sentence(a.journey.persona.situation if a.journey.persona else a.journey.title),
            "journey": a.journey.title, "life_event": a.journey.life_event.value,
            "agencies": ", ".join(x.short for x in agencies), "agency_count": len(agencies),
            "ministries": ", ".join(ministries) or "–", "handoffs": a.metrics.handoffs,
            "findings": a.metrics.once_only_findings, "steps": a.metrics.steps,
            "lead_agency": facts.short(owners[0].actor) if owners and owners[0].owns else "–", **facts.forms,
        }
    elif source in ("finding_asked", "finding_carried", "finding_own"):
        kind = {"finding_asked": FindingKind.ASKED, "finding_carried": FindingKind.CARRIED, "finding_own": FindingKind.OWN}[source]
        for f in a.findings:
            # the person carrying data to themselves is no question for the agencies
            if f.kind is kind and not a.actors[f.asked_by].is_person:
                yield {"asked_by": facts.short(f.asked_by), "item": facts.item(f.item), "held_by": facts.short(f.held_by),
                       "step": facts.step_ref(f.step), "person": person}
    elif source == "handoff_pair":
        pairs: dict[tuple[str, str], int] = {}
        for h in a.handoffs:
            if a.actors[h.from_actor].is_person or a.actors[h.to_actor].is_person:
                continue  # kasteball is between offices
            pairs[(h.from_actor, h.to_actor)] = pairs.get((h.from_actor, h.to_actor), 0) + 1
        for (x, y), n in sorted(pairs.items(), key=lambda kv: -kv[1]):
            yield {"from_actor": facts.short(x), "to_actor": facts.short(y), "count": n, "person": person}
    elif source == "shared_step":
        for s in a.order:
            step = a.step(s)
            others = [w for w in step.with_ if not a.actors[w].is_person]
            if others and not a.actors[step.owner].is_person:
                yield {"step": facts.step_ref(s), "owner": facts.short(step.owner),
                       "others": ", ".join(facts.short(w) for w in others)}
    elif source == "sensitive_flow":
        seen = set()
        for f in a.flows:
            if f.sensitive and (f.item, f.from_actor, f.to_actor) not in seen:
                seen.add((f.item, f.from_actor, f.to_actor))
                yield {"item": facts.item(f.item), "from_actor": facts.short(f.from_actor),
                       "to_actor": facts.short(f.to_actor)}
    elif source == "low_point":
        for s in a.metrics.emotion_low_points:
            yield {"step": facts.step_ref(s), "person": person, "emotion": a.step(s).emotion}
    else:
        raise ValueError(f"unknown question source {source!r} in deck/questions.yaml")


def _first_sentence(text: str) -> str:
    """The situation's first sentence: a question quotes it, the person slide shows all of it."""
    head = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return head.rstrip(".")


def questions(facts: Facts, lang: str, emotion_text) -> tuple[list[Question], list[Question]]:
    """(questions for the slides, questions over a template's cap — for the notes)."""
    table = definition("deck/questions.yaml")
    shown: list[Question] = []
    extra: list[Question] = []
    for q in table["questions"]:
        template = pick(q, lang)
        for n, values in enumerate(_values(facts, q["for"])):
            if "emotion" in values:
                values = {**values, "emotion": emotion_text(values["emotion"])}
            question = Question(q["phase"], q["theme"], phrase(template, lang, **values))
            (shown if n < q.get("max", DEFAULT_MAX) else extra).append(question)
    return shown, extra


def question_slides(deck: Deck, facts: Facts, spec) -> list[Page]:
    style = deck.style
    lang = style.lang
    table = definition("deck/questions.yaml")
    shown, extra = questions(facts, lang, style.emotion)
    themes = list(table["themes"])
    pages: list[Page] = []
    made = []  # (page maker, sections, alt text) per phase
    for phase in table["phases"]:
        name = pick(phase["title"], lang)
        lead = pick(phase["lead"], lang)
        mine = [q for q in shown if q.phase == phase["id"]]
        mine.sort(key=lambda q: themes.index(q.theme))  # stable: template order within a theme
        sections = []
        number = 0
        for theme in themes:
            items = []
            for q in (q for q in mine if q.theme == theme):
                number += 1
                items.append(para(f"{number}. {q.text}", space_after=8))
            if items:
                label = pick(table["themes"][theme], lang)
                sections.append(Section(para(label, True, style.title_ink, 4), tuple(items)))
        more = [q.text for q in extra if q.phase == phase["id"]]
        notes = spec.notes(facts, phase=name)
        if more:
            notes += "\n\n" + style["notes_more_questions"] + "\n" + "\n".join(f"– {t}" for t in more)
        title = style.text(spec.title, phase=name)

        def make(i: int, n: int, title=title, notes=notes, lead=lead) -> Page:
            page = deck.page(numbered(title, deck, i, n), notes)
            page.text(MARGIN, BODY_TOP, BODY_WIDTH, 30, [para(lead, False, style.muted)], (LEAD_SIZE,), content=False)
            return page

        made.append((make, sections, style.text("alt_questions", phase=name)))
    size = min((best_size(sections, top=TOP) for _, sections, _ in made), default=16)
    for make, sections, descr in made:  # one type size for every phase's questions
        pages += flow(make, sections, top=TOP, descr=descr, sizes=(size,))
    return pages
