"""A journey as commented YAML, written line by line so that each line's place in the journey is known
(a problem validate finds in the file is then reported at the cell it came from)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence

from ..model import Estimate, Journey, JourneyState, Prerequisite, Step, StepEffort
from ..reading.yamlsource import DataPath

_PLAIN_IN_LIST = re.compile(r"[a-z][a-z0-9_-]*")
_SPECIAL_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}


def scalar(text: str, in_list: bool = False) -> str:
    """Text as a YAML scalar: plain where YAML reads it back as the same text (it starts with a letter
    and holds nothing YAML reads as structure), else double-quoted."""
    if in_list:
        plain = _PLAIN_IN_LIST.fullmatch(text) is not None
    else:
        plain = (text[:1].isalpha() and text == text.strip() and text.isprintable() and ": " not in text
                 and " #" not in text and not text.endswith(":"))
    if plain and text.casefold() not in _SPECIAL_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def flow_list(values: Iterable[str]) -> str:
    return "[" + ", ".join(scalar(v, in_list=True) for v in values) + "]"


class _Lines:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.paths: list[DataPath] = []

    def add(self, text: str, path: DataPath = ()) -> None:
        self.lines.append(text)
        self.paths.append(path)


def journey_yaml(journey: Journey, header: Iterable[str], schema: str, notes: Sequence[str] = ()) -> tuple[str, list[DataPath]]:
    """The YAML text and, for each line (0-based), the path in the journey it writes. `notes`: a comment
    for each step's first line (where in the sheet it came from)."""
    out = _Lines()
    out.add(f"# yaml-language-server: $schema={schema}")
    out.add(f"# $schema: {schema}")
    out.add("#")
    for line in header:
        out.add(f"# {line}")
    out.add(f"journey: {scalar(journey.journey)}", ("journey",))
    out.add(f"life_event: {scalar(journey.life_event.value)}", ("life_event",))
    out.add(f"title: {scalar(journey.title)}", ("title",))
    if journey.state is not JourneyState.AS_IS:
        out.add(f"state: {journey.state.value}", ("state",))
    if journey.improves is not None:
        out.add(f"improves: {scalar(journey.improves, in_list=True)}", ("improves",))
    if journey.persona is None:
        out.add("# persona:                  # who the user is: add it (validate warns while it is missing)")
        out.add("#   name: Navn (alder)")
        out.add("#   situation: Hvem er brukeren, og hva trenger de?")
    else:
        out.add("persona:", ("persona",))
        out.add(f"  name: {scalar(journey.persona.name)}", ("persona", "name"))
        out.add(f"  situation: {scalar(journey.persona.situation)}", ("persona", "situation"))
    if journey.goals:
        out.add("goals:", ("goals",))
        for i, goal in enumerate(journey.goals):
            out.add(f"  - {scalar(goal)}", ("goals", i))
    else:
        out.add("# goals: [Hva vil brukeren oppnå?]   # add them (validate warns while they are missing)")
    if journey.lanes:
        out.add(f"lanes: {flow_list(journey.lanes)}", ("lanes",))
    if journey.own_organisations:
        out.add(f"own_organisations: {flow_list(journey.own_organisations)}", ("own_organisations",))
    _own(out, "actors", journey.actors, ("id", "name", "short", "kind", "ministry", "part_of", "description"))
    _own(out, "data_items", journey.data_items, ("id", "name", "source", "sensitive", "description"))
    if journey.people_per_year is not None:
        out.add(f"people_per_year: {estimate(journey.people_per_year)}", ("people_per_year",))
    out.add("phases:                       # in the order they first appear in the sheet", ("phases",))
    for i, phase in enumerate(journey.phases):
        out.add(f"  - {{id: {scalar(phase.id, in_list=True)}, title: {json.dumps(phase.title, ensure_ascii=False)}}}", ("phases", i))
    out.add("steps:                        # one per row, in the order of the sheet", ("steps",))
    for i, step in enumerate(journey.steps):
        _step(out, step, ("steps", i), notes[i] if i < len(notes) else "")
    if journey.prerequisites:
        out.add("prerequisites:                # what the change depends on, who builds and runs it, what it costs", ("prerequisites",))
        for i, need in enumerate(journey.prerequisites):
            _prerequisite(out, need, ("prerequisites", i))
    return "\n".join(out.lines) + "\n", out.paths


def _step(out: _Lines, step: Step, at: DataPath, note: str) -> None:
    first = f"  - id: {scalar(step.id, in_list=True)}"
    out.add(f"{first}{' ' * max(2, 32 - len(first))}# {note}" if note else first, at)
    out.add(f"    phase: {scalar(step.phase, in_list=True)}", at + ("phase",))
    out.add(f"    title: {scalar(step.title)}", at + ("title",))
    if step.description is not None:
        out.add(f"    description: {scalar(step.description)}", at + ("description",))
    out.add(f"    owner: {scalar(step.owner, in_list=True)}", at + ("owner",))
    if step.with_:
        out.add(f"    with: {flow_list(step.with_)}", at + ("with",))
    if step.channel is not None:
        out.add(f"    channel: {step.channel.value}", at + ("channel",))
    if step.emotion is not None:
        out.add(f"    emotion: {step.emotion}", at + ("emotion",))
    if step.services:
        out.add(f"    services: [{', '.join(json.dumps(s, ensure_ascii=False) for s in step.services)}]", at + ("services",))
    if step.data:
        out.add("    data:", at + ("data",))
        for j, f in enumerate(step.data):
            out.add(f"      - {{item: {scalar(f.item, True)}, from: {scalar(f.from_, True)}, to: {scalar(f.to, True)}, how: {f.how.value}}}",
                    at + ("data", j))
    if step.asks_user:
        out.add(f"    asks_user: {flow_list(step.asks_user)}", at + ("asks_user",))
    for key in ("pain_points", "opportunities"):
        texts = getattr(step, key)
        if texts:
            out.add(f"    {key}:", at + (key,))
            for j, text in enumerate(texts):
                out.add(f"      - {scalar(text)}", at + (key, j))
    if step.after is not None:
        note = "   # starts a strand of its own" if not step.after else ""
        out.add(f"    after: {flow_list(step.after)}{note}", at + ("after",))
    if step.referred_by is not None:
        note = "   # nobody sent the person here" if not step.referred_by else ""
        out.add(f"    referred_by: {flow_list(step.referred_by)}{note}", at + ("referred_by",))
    if step.replaces:
        out.add(f"    replaces: {flow_list(step.replaces)}", at + ("replaces",))
    if step.effort is not None:
        _effort(out, step.effort, at + ("effort",))
    out.add("")


def number(value: float) -> str:
    """A figure as YAML reads it back as the same number: 30, not 30.0."""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))


def estimate(value: Estimate) -> str:
    """A figure as a flow mapping: {low: 45, likely: 90, high: 180, source: "…"}; `{}` for an empty one."""
    parts = [f"{key}: {number(getattr(value, key))}" for key in ("low", "likely", "high") if getattr(value, key) is not None]
    if value.source is not None:
        parts.append(f"source: {json.dumps(value.source, ensure_ascii=False)}")
    return "{" + ", ".join(parts) + "}"


def _effort(out: _Lines, effort: StepEffort, at: DataPath) -> None:
    out.add("    effort:", at)
    for key in ("share", "people", "person_minutes", "waiting_days"):
        value = getattr(effort, key)
        if value is not None:
            out.add(f"      {key}: {estimate(value)}", at + (key,))
    if effort.agency_minutes:
        out.add("      agency_minutes:", at + ("agency_minutes",))
        for minutes in effort.agency_minutes:
            out.add(f"        {scalar(minutes.actor, in_list=True)}: {estimate(minutes.minutes)}", at + ("agency_minutes", minutes.actor))


def _prerequisite(out: _Lines, need: Prerequisite, at: DataPath) -> None:
    out.add(f"  - title: {scalar(need.title)}", at)
    for key in ("built_by", "run_by"):
        if getattr(need, key) is not None:
            out.add(f"    {key}: {scalar(getattr(need, key), in_list=True)}", at + (key,))
    if need.flows:
        out.add("    flows:", at + ("flows",))
        for j, f in enumerate(need.flows):
            out.add(f"      - {{item: {scalar(f.item, True)}, from: {scalar(f.from_, True)}, to: {scalar(f.to, True)}}}", at + ("flows", j))
    if need.rule_change is not None:
        out.add(f"    rule_change: {scalar(need.rule_change)}", at + ("rule_change",))
    for key in ("one_time", "yearly"):
        if getattr(need, key) is not None:
            out.add(f"    {key}: {estimate(getattr(need, key))}", at + (key,))


def _own(out: _Lines, key: str, entries: Sequence[object], fields: tuple[str, ...]) -> None:
    """The actors or data items the journey defines itself: their fields as written, the defaults left out."""
    if not entries:
        return
    out.add(f"{key}:{' ' * max(2, 29 - len(key))}# defined in this journey only", (key,))
    for i, entry in enumerate(entries):
        first = True
        for field in fields:
            value = getattr(entry, field)
            if value is None or value is False:
                continue
            text = "true" if value is True else scalar(getattr(value, "value", value), in_list=field in ("id", "source", "part_of"))
            out.add(f"{'  - ' if first else '    '}{field}: {text}", (key, i, field))
            first = False
