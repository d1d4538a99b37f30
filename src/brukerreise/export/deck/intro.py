"""The opening slides: the title, the person, and the journey at a glance."""

from __future__ import annotations

from pptx.enum.shapes import MSO_CONNECTOR
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from .canvas import BODY_BOTTOM, BODY_TOP, BODY_WIDTH, MARGIN, WIDTH, Deck, Page, set_descr
from .facts import Facts
from .style import rgb
from .text import Para, Run, height, para


def title_slide(deck: Deck, facts: Facts, spec) -> list[Page]:
    style, a = deck.style, facts.a
    j = a.journey
    page = deck.page(j.title, spec.notes(facts), title_box=(MARGIN, 150, BODY_WIDTH, 120), title_sizes=(40, 36, 32, 28, 24))
    band = style.theme["phase_fill"][1]
    page.text(MARGIN, 96, BODY_WIDTH, 44, [para(style.text("title_life_event", life_event=j.life_event.value), True,
              style.theme["phase_text"])], (20,), anchor="m", fill=band,
              descr=style.text("title_life_event", life_event=j.life_event.value))
    if j.persona:
        page.text(MARGIN, 282, BODY_WIDTH, 96, [para(style.text("title_persona", person=j.persona.name), True),
                  para(j.persona.situation)], (18,))
    agencies = " · ".join(x.short for x in a.lanes if not x.is_person)
    page.text(MARGIN, 390, BODY_WIDTH, 110, [para(style["title_workshop"], True, style.muted),
              para(style.text("title_agencies", agencies=agencies), False, style.muted)], (16,), content=False)
    return [page]


def person_slide(deck: Deck, facts: Facts, spec) -> list[Page]:
    style, a = deck.style, facts.a
    j = a.journey
    page = deck.page(style.text(spec.title, person=facts.person), spec.notes(facts))
    left_w = BODY_WIDTH * 0.56
    paras = [para(style["person_situation"], True, style.title_ink, 4)]
    paras.append(para(j.persona.situation if j.persona else style["person_none"], space_after=14))
    paras.append(para(style.text("person_goals", **facts.forms), True, style.title_ink, 4))
    goals = j.goals or (style["person_no_goals"],)
    paras += [para(f"• {g}", space_after=4) for g in goals]
    page.text(MARGIN, BODY_TOP, left_w, BODY_BOTTOM - BODY_TOP, paras, (20, 18, 16, 14))

    x = MARGIN + left_w + 24
    w = WIDTH - MARGIN - x
    person_fill = style.theme["kinds"]["person"]
    think = [para(style["person_think"], True, style.title_ink, 6), para(style["person_think_text"])]
    think_h = min(260.0, height(think, w, 16) + 8)
    page.text(x, BODY_TOP, w, think_h, think, (16,), fill=person_fill["fill"], line=person_fill["stroke"],
              border=person_fill["border"], descr=style["person_think"], content=False)
    lows = [s for s in a.metrics.emotion_low_points]
    low = [para(style.text("person_low", person=facts.person), True, style.title_ink, 4)]
    if lows:
        for s in lows:
            e = a.step(s).emotion
            if e is None:  # a low point always has an emotion
                continue
            low.append(Para((Run(style.emotion_symbol(e) + " ", False, style.emotion_colour(e)),
                             Run(facts.step_ref(s))), space_after=4))
    else:
        low.append(para(style["person_no_low"]))
    page.text(x, BODY_TOP + think_h + 20, w, BODY_BOTTOM - BODY_TOP - think_h - 20, low, (16,))
    return [page]


def glance_slide(deck: Deck, facts: Facts, spec) -> list[Page]:
    style, a = deck.style, facts.a
    m = a.metrics
    page = deck.page(style.text(spec.title), spec.notes(facts))
    figures = [
        (m.steps, "glance_steps"), (m.agencies, "glance_agencies"), (m.handoffs, "glance_handoffs"),
        (m.data_flows, "glance_flows"), (m.once_only_findings, "glance_findings"), (m.pain_points, "glance_pains"),
    ]
    gap = 12.0
    w = (BODY_WIDTH - gap * (len(figures) - 1)) / len(figures)
    for i, (value, key) in enumerate(figures):
        x = MARGIN + i * (w + gap)
        label = style.count(key, value)
        page.text(x, BODY_TOP, w, 110, [para(str(value), True, style.title_ink, 2, "c"),
                                         para(label, False, style.ink, 0, "c", scale=0.4)],
                  (40, 36, 32, 30), anchor="m", fill=style.theme["lane_header_fill"], line=style.theme["kinds"]["stat"]["stroke"],
                  descr=f"{label}: {value}", content=False)
    # The phases, joined by arrows glued to them.
    y = BODY_TOP + 140
    page.text(MARGIN, y, BODY_WIDTH, 26, [para(style["glance_phases"], True, style.title_ink)], (16,), content=False)
    gap = 30.0
    spans, more = _phases_with_room(a.phases, gap)
    w = (BODY_WIDTH - gap * (len(spans) + bool(more) - 1)) / (len(spans) + bool(more))
    fills = style.theme["phase_fill"]
    shapes = []
    for i, span in enumerate(spans):
        x = MARGIN + i * (w + gap)
        lows = [e for s in span.steps if (e := a.step(s).emotion) is not None]
        pains = sum(len(a.step(s).pain_points) for s in span.steps)
        lines = [para(f"{i + 1}. {span.phase.title}", True, style.theme["phase_text"], 4),
                 para(style.text("glance_phase_steps", n=len(span.steps)))]
        if pains:
            lines.append(para(style.text("box_pains", n=pains)))
        if lows:
            e = min(lows)
            lines.append(Para((Run(style["glance_phase_low"] + " "), Run(style.emotion(e), False, style.emotion_colour(e)))))
        shape = page.text(x, y + 32, w, 130, lines, (16,), fill=fills[i % len(fills)],
                          line=style.theme["phase_text"],
                          descr=style.text("alt_phase", n=i + 1, phase=span.phase.title, steps=len(span.steps)))
        shapes.append(shape)
    if more:  # the phases left out: counted in a box of their own, all of them named in the notes
        x = MARGIN + len(spans) * (w + gap)
        page.text(x, y + 32, w, 130, [para(style.text("glance_more_phases", n=len(more)), True, style.theme["phase_text"])],
                  (16,), anchor="m", fill=fills[len(spans) % len(fills)], line=style.theme["phase_text"],
                  descr=style.text("glance_more_phases", n=len(more)))
        page.note(style["notes_more_phases"] + ":\n" + "\n".join(
            f"{i + 1}. {span.phase.title}" for i, span in enumerate(a.phases)))
    for i in range(len(shapes) - 1):
        line = page.slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Emu(0), Emu(0), Emu(0), Emu(0))
        line.begin_connect(shapes[i], 3)
        line.end_connect(shapes[i + 1], 1)
        line.line.color.rgb = rgb(style.arrow("flow")["color"])
        line.line.width = Pt(2)
        ln = line.line._get_or_add_ln()
        ln.append(ln.makeelement(qn("a:tailEnd"), {"type": "triangle", "w": "med", "len": "med"}))
        set_descr(line, style.text("alt_phase_arrow", a=spans[i].phase.title, b=spans[i + 1].phase.title))
    channels = " · ".join(f"{style.channel_word(c)} {n}" for c, n in m.channel_mix)
    if channels:
        page.text(MARGIN, y + 178, BODY_WIDTH, 40, [para(style.text("glance_channels", channels=channels), False, style.muted)],
                  (14, 12), content=False)
    return [page]


GLANCE_PHASE_WIDTH = 96.0  # the narrowest phase box that still holds its number, title and counts


def _phases_with_room(spans, gap: float):
    """(the phases the strip has room for, the phases left out): when not all fit, the last box counts
    the rest."""
    room = int((BODY_WIDTH + gap) // (GLANCE_PHASE_WIDTH + gap))
    if len(spans) <= room:
        return list(spans), []
    return list(spans[: room - 1]), list(spans[room - 1:])
