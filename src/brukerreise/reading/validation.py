"""Domain checks on loaded journeys and registries: every problem, each at its place in the file."""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Iterator
from typing import Any

from .. import graph
from .comments import check_cut_texts
from .issues import Issue, Severity
from .figures import check_figures
from .improvement import check_improvements
from .loading import LoadedJourney, Located, SourceFile, Workspace, catalog
from ..model import EMOTION_RANGE, ActorKind, Channel, Transfer, is_back_office, is_public, organisation
from .quoting import number, quote
from .suggest import Candidates, did_you_mean, id_from
from .yamlsource import DataPath, YamlDocument

ERROR, WARNING = Severity.ERROR, Severity.WARNING

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")

# Openings that speak as the agency's procedure rather than the user's situation
# ("jeg skal søke om byggetillatelse" versus "jeg skal bygge hus").
AGENCY_OPENINGS = (
    "søke om", "søker om", "søknad", "registrere", "registrering", "behandle", "behandling",
    "saksbehandling", "vedtak", "fatte vedtak", "innvilge", "innvilgelse", "avslag", "utbetale",
    "utbetaling", "innhente", "kontrollere", "motta søknad", "mottak av", "utstede", "utstedelse",
    "tildele", "tildeling", "saksbehandle", "journalføre", "arkivere",
)

TITLE_LIMIT = 90
# Longer texts are shortened on slides and in diagrams (the full text kept in the speaker notes and
# tooltips), and make every output large: validate warns.
TEXT_LIMIT = 1000
_OPENINGS_BY_FIRST_WORD: dict[str, list[str]] = {}
for _opening in AGENCY_OPENINGS:
    _OPENINGS_BY_FIRST_WORD.setdefault(_opening.split(" ")[0], []).append(_opening)
_FIRST_WORD = re.compile("[^ ,:]*")

# Characters that cannot go into an Office file or an SVG (XML 1.0), or that are invisible trouble.
BAD_CHARACTERS = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"


def validate(workspace: Workspace) -> list[Issue]:
    """Every domain problem in the workspace, sorted by file and position."""
    found: list[Issue | None] = list(workspace.issues)  # None: a check of a stand-in, left out
    for file in workspace.files:
        found += _file_issues(file)
    found += _check_registry(workspace)
    seen: dict[str, LoadedJourney] = {}
    for journey in workspace.journeys:
        found += check_journey(workspace, journey)
        if journey.stands_in(("journey",)):
            continue  # its id is missing or broken, and reported as such
        first = seen.setdefault(journey.journey.id, journey)
        if first is not journey:
            found.append(journey.issue(
                ERROR, ("journey",),
                f"journey id {quote(journey.journey.id)} is also used by {first.file.shown}: outputs are named by id, so ids must be unique",
            ))
    found += check_improvements(workspace)
    found += check_figures(workspace)
    # By file and position; stable, so the same input prints the same.
    return sorted(dict.fromkeys(issue for issue in found if issue is not None), key=Issue.place)


# The checks of a file's text alone, by its document: a document read again unchanged (`serve`, see
# yamlsource.keep_documents) is not checked again.
_CHECKED: weakref.WeakKeyDictionary[YamlDocument, dict[str, tuple[Issue, ...]]] = weakref.WeakKeyDictionary()


def _file_issues(file: SourceFile) -> tuple[Issue, ...]:
    done = _CHECKED.setdefault(file.document, {})
    if file.shown not in done:
        done[file.shown] = (*check_text(file), *check_cut_texts(file))
    return done[file.shown]


def check_text(file: SourceFile) -> Iterator[Issue]:
    """Every key and text in the file must be storable in XML (Office files, SVG)."""
    if not file.document.may_hold_unwritable():
        return

    def walk(node: Any, path: DataPath) -> Iterator[Issue]:
        if isinstance(node, dict):
            for key, value in node.items():
                yield from _text_issue(file, path + (key,), key, at_key=True)
                yield from walk(value, path + (key,))
        elif isinstance(node, list):
            for index, item in enumerate(node):
                yield from walk(item, path + (index,))
        elif isinstance(node, str):
            yield from _text_issue(file, path, node)

    yield from walk(file.document.data, ())


def _text_issue(file: SourceFile, path: DataPath, text: str, *, at_key: bool = False) -> Iterator[Issue]:
    bad = re.search(BAD_CHARACTERS, text)  # compiled on first use (re's cache): most files have no escapes
    if bad:
        code = ord(bad.group())
        yield file.issue(
            ERROR, path,
            f"the text holds a character that cannot go into a slide or an SVG (U+{code:04X}, "
            f"at position {bad.start() + 1}): remove it",
            at_key=at_key,
        )


def _check_id(located: Any, value: str, noun: str, path: DataPath = ("id",)) -> Iterator[Issue | None]:
    if ID_PATTERN.fullmatch(value) is None:
        slug = id_from(value) or "x"
        yield located.issue(
            ERROR, path,
            f"{noun} id {quote(value)} must be lowercase letters, digits, '-' or '_' (at most 64) — try {quote(slug)}",
        )


def _check_registry(workspace: Workspace) -> Iterator[Issue | None]:
    actor_ids = Candidates(set(workspace.actors) | workspace.dropped_registry_ids)
    for actor_id, located in workspace.actors.items():
        actor = located.value
        yield from _check_id(located, actor_id, "actor")
        yield from _long_texts(located, (), actor, ("name", "short", "description"))
        yield from _check_actor(located, actor, actor_ids)
    yield from _part_of_circles(workspace.actors)
    for item_id, located in workspace.data_items.items():
        yield from _check_id(located, item_id, "data item")
        yield from _long_texts(located, (), located.value, ("name", "description"))
        source = located.value.source
        if source not in actor_ids:
            yield located.issue(ERROR, ("source",), f"unknown actor {quote(source)}{did_you_mean(source, actor_ids)}")


def _part_of_circles(actors: dict[str, Located]) -> Iterator[Issue | None]:
    """No actor may be part of itself through others ('a' part of 'b', 'b' part of 'a'): once per circle."""
    reported: set[str] = set()
    for actor_id, located in actors.items():
        chain = [actor_id]
        parent = located.value.part_of
        while parent in actors and parent not in chain:
            chain.append(parent)
            parent = actors[parent].value.part_of
        if parent == actor_id and len(chain) > 1 and not reported.intersection(chain):
            reported.update(chain)
            yield located.issue(
                ERROR, ("part_of",),
                "the actors are part of each other in a circle (" + " → ".join(quote(a) for a in (*chain, actor_id))
                + "): remove one of these 'part_of'",
            )


def _check_actor(located: Any, actor: Any, actor_ids: Candidates) -> Iterator[Issue | None]:
    if actor.part_of is not None:
        if actor.part_of == actor.id:
            yield located.issue(ERROR, ("part_of",), "an actor cannot be part of itself")
        elif actor.part_of not in actor_ids:
            yield located.issue(ERROR, ("part_of",), f"unknown actor {quote(actor.part_of)}{did_you_mean(actor.part_of, actor_ids)}")
    if located.stands_in(("kind",)):
        return  # the kind is broken, and reported as such: nothing to say of kind and ministry
    if actor.kind is ActorKind.STAT and not actor.ministry and actor.part_of is None:
        yield located.issue(WARNING, ("kind",), f"state actor {quote(actor.id)} has no 'ministry': add its ministry's abbreviation (e.g. AID)")
    if actor.ministry and actor.kind is not ActorKind.STAT:
        yield located.issue(WARNING, ("ministry",), f"'ministry' is for state actors, and {quote(actor.id)} is '{actor.kind.value}'")


def check_journey(workspace: Workspace, loaded: LoadedJourney) -> Iterator[Issue | None]:
    journey = loaded.journey
    actors, items = catalog(workspace, loaded)
    # Candidates: each remembers its suggestions, at a bounded cost however many references are unknown
    known_actors = Candidates(set(actors) | workspace.dropped_registry_ids | loaded.dropped_ids)
    known_items = Candidates(set(items) | workspace.dropped_registry_ids | loaded.dropped_ids)
    phase_ids = [p.id for p in journey.phases]
    step_ids = [s.id for s in journey.steps]
    known_phases = Candidates(set(phase_ids) | loaded.dropped_ids)
    known_steps = Candidates(set(step_ids) | loaded.dropped_ids)

    # With no shared registry read at all, the first unknown actor and data item say where they come from.
    read = {"actor": workspace.actors, "data item": workspace.data_items}
    unread = {noun: name for noun, name in (("actor", "actors.yaml"), ("data item", "data-items.yaml"))
              if not read[noun] and not workspace.dropped_registry_ids}

    def unknown(path: DataPath, value: str, known: Candidates, noun: str) -> Issue | None:
        registry = unread.pop(noun, None)
        hint = (f" — no {registry} was read: write the shared registries beside the journey with "
                "'brukerreise registries DIR', or name the folder that holds them") if registry else ""
        return loaded.issue(ERROR, path, f"unknown {noun} {quote(value)}{did_you_mean(value, known)}{hint}")

    if not loaded.stands_in(("journey",)):
        yield from _check_id(loaded, journey.journey, "journey", ("journey",))
    if not journey.steps and not loaded.stands_in(("steps",)) and not _written(loaded, "steps"):
        yield loaded.issue(ERROR, ("steps",), "the journey has no steps: add at least one under 'steps:'")
    if not journey.phases and not loaded.stands_in(("phases",)) and not _written(loaded, "phases"):
        yield loaded.issue(ERROR, ("phases",), "the journey has no phases: add at least one under 'phases:'")
    if journey.persona is None and not _given(loaded, "persona"):
        yield loaded.issue(WARNING, ("journey",), "the journey has no 'persona': say who the user is and their situation")
    if journey.persona is not None:
        yield from _long_texts(loaded, ("persona",), journey.persona, ("name", "situation"))
    yield from _long_texts(loaded, (), journey, ("title", "goals"))
    for index, phase in enumerate(journey.phases):
        yield from _long_texts(loaded, ("phases", index), phase, ("title",))
    for field, entries in (("actors", journey.actors), ("data_items", journey.data_items)):
        for index, entry in enumerate(entries):
            yield from _long_texts(loaded, (field, index), entry, ("name", "short", "description"))
    if not journey.goals and not _given(loaded, "goals"):
        yield loaded.issue(WARNING, ("journey",), "the journey has no 'goals': say what the user wants to achieve")

    # Actors and data items defined in the journey itself.
    yield from _local_definitions(loaded, "actors", journey.actors, workspace.actors, "actor")
    for index, actor in enumerate(journey.actors):
        yield from _check_actor(_At(loaded, ("actors", index)), actor, known_actors)
    yield from _local_definitions(loaded, "data_items", journey.data_items, workspace.data_items, "data item")
    for index, item in enumerate(journey.data_items):
        if item.source not in known_actors:
            yield unknown(("data_items", index, "source"), item.source, known_actors, "actor")
    yield from _duplicates(loaded, "actors", [a.id for a in journey.actors], "actor")
    yield from _duplicates(loaded, "data_items", [d.id for d in journey.data_items], "data item")

    yield from _duplicates(loaded, "phases", phase_ids, "phase")
    yield from _duplicates(loaded, "steps", step_ids, "step")
    for index, phase in enumerate(journey.phases):
        yield from _check_id(loaded, phase.id, "phase", ("phases", index, "id"))

    for index, lane in enumerate(journey.lanes):
        if lane not in known_actors:
            yield unknown(("lanes", index), lane, known_actors, "actor")
    yield from _duplicates(loaded, "lanes", list(journey.lanes), "lane", key=None)

    used_phases: set[str] = set()
    for index, step in enumerate(journey.steps):
        at = ("steps", index)
        used_phases.add(step.phase)
        yield from _check_id(loaded, step.id, "step", at + ("id",))
        if step.phase not in known_phases:
            yield unknown(at + ("phase",), step.phase, known_phases, "phase")
        if step.owner not in known_actors:
            yield unknown(at + ("owner",), step.owner, known_actors, "actor")
        for i, other in enumerate(step.with_):
            if other not in known_actors:
                yield unknown(at + ("with", i), other, known_actors, "actor")
            if other == step.owner:
                yield loaded.issue(WARNING, at + ("with", i), f"{quote(other)} owns this step: it need not be listed under 'with' too")
        if step.emotion is not None and step.emotion not in EMOTION_RANGE:
            yield loaded.issue(ERROR, at + ("emotion",), f"emotion {number(step.emotion)} is out of range: use a whole number from -2 (very hard) to 2 (very good)")
        for i, flow in enumerate(step.data):
            if flow.item not in known_items:
                yield unknown(at + ("data", i, "item"), flow.item, known_items, "data item")
            if flow.from_ not in known_actors:
                yield unknown(at + ("data", i, "from"), flow.from_, known_actors, "actor")
            if flow.to not in known_actors:
                yield unknown(at + ("data", i, "to"), flow.to, known_actors, "actor")
            if flow.from_ == flow.to:
                yield loaded.issue(ERROR, at + ("data", i, "to"), f"data flows from {quote(flow.from_)} to itself: 'from' and 'to' must be different actors")
        for i, asked in enumerate(step.asks_user):
            if asked not in known_items:
                yield unknown(at + ("asks_user", i), asked, known_items, "data item")
        for i, before in enumerate(step.after or ()):
            if before == step.id:
                yield loaded.issue(ERROR, at + ("after", i), f"step {quote(step.id)} cannot come after itself")
            elif before not in known_steps:
                titled = _step_titled(journey.steps, before)
                yield unknown(at + ("after", i), before, known_steps, "step") if titled is None else loaded.issue(
                    ERROR, at + ("after", i),
                    f"unknown step {quote(before)} — did you mean {quote(titled)}, the step with that title? "
                    "'after' names steps by their id",
                )
        yield from _automatic_asks(loaded, at, step)
        yield from _check_title(loaded, at, step.title)
        yield from _long_texts(loaded, at, step, ("description", "services", "pain_points", "opportunities"))

    used_phases |= _phases_of_dropped_steps(loaded)
    phase_missing = any(loaded.stands_in(("steps", i, "phase")) for i in range(len(journey.steps)))
    for index, phase in enumerate(journey.phases):
        if phase.id not in used_phases and not loaded.stands_in(("steps",)) and not phase_missing:
            yield loaded.issue(WARNING, ("phases", index), f"phase {quote(phase.id)} has no steps: add steps to it or remove it")

    yield from _check_order(loaded)
    yield from _check_strands(loaded)
    for index, actor_id in enumerate(journey.own_organisations):
        if actor_id not in known_actors:
            yield unknown(("own_organisations", index), actor_id, known_actors, "actor")
        elif actor_id in actors and (actors[actor_id].is_person or is_public(actor_id, actors)):
            what = "a person" if actors[actor_id].is_person else "a public body"
            yield loaded.issue(
                ERROR, ("own_organisations", index),
                f"{quote(actor_id)} is {what}: 'own_organisations' names the organisations the user runs "
                "(the club, their company); remove it",
            )
    yield from _check_referrals(loaded, actors, known_steps)


def _check_referrals(loaded: LoadedJourney, actors: dict[str, Any], known_steps: Candidates) -> Iterator[Issue | None]:
    """Each `referred_by` names a step the step comes after, whose owner is an office of another
    organisation than this step's, both steps ones the person takes part in; and where the data shows the
    person going from one office to the next with something in hand, a hint to mark the referral."""
    journey = loaded.journey
    steps = {s.id: s for s in reversed(journey.steps)}
    preds = graph.predecessors(journey.steps)
    own = {a for a in journey.own_organisations if a in actors and not actors[a].is_person and not is_public(a, actors)}

    def office(actor_id: str) -> bool:
        return actor_id in actors and not actors[actor_id].is_person and actor_id not in own

    first: dict[str, int] = {}
    for index, step in enumerate(journey.steps):
        first.setdefault(step.id, index)
    for index, step in enumerate(journey.steps):
        at = ("steps", index, "referred_by")
        if step.referred_by is None:
            continue
        seen: set[str] = set()
        for i, sender_id in enumerate(step.referred_by):
            here = at + (i,)
            if sender_id in seen:
                yield loaded.issue(WARNING, here, f"{quote(sender_id)} is listed twice: remove one")
                continue
            seen.add(sender_id)
            if sender_id == step.id:
                yield loaded.issue(ERROR, here, f"step {quote(step.id)} cannot refer the person to itself")
                continue
            if sender_id not in known_steps:
                yield loaded.issue(ERROR, here, f"unknown step {quote(sender_id)}{did_you_mean(sender_id, known_steps)}")
                continue
            sender = steps.get(sender_id)
            if sender is None or first[step.id] != index:
                continue  # set aside for its own errors, or a duplicate step (reported as such)
            if sender_id not in preds.get(step.id, ()):
                written = ", ".join([*(step.after or ()), sender_id]) if step.after is not None else (
                    ", ".join([*preds.get(step.id, ()), sender_id]))
                yield loaded.issue(
                    ERROR, here,
                    f"step {quote(step.id)} does not come after {quote(sender_id)}: a referral sends the person "
                    f"straight on, so add it to 'after' (after: [{written}])",
                )
                continue
            if sender.owner not in actors or step.owner not in actors:
                continue  # an unknown owner, reported as such
            for end, _which in ((sender, "sends"), (step, "is sent to")):
                if not office(end.owner):
                    whose = "a person" if actors[end.owner].is_person else "the person's own organisation"
                    yield loaded.issue(
                        ERROR, here,
                        f"{quote(end.owner)}, who owns step {quote(end.id)}, is {whose}: a referral is an office "
                        f"that sends the person on to another office; make the office the step's owner and the "
                        f"person 'with', or remove the referral",
                    )
                    break
                if is_back_office(end, actors):
                    yield loaded.issue(
                        ERROR, here,
                        f"the person does not take part in step {quote(end.id)} (channel 'automatisk', no person "
                        f"owns it or is 'with'): an office cannot send them from or to it; remove the referral",
                    )
                    break
            else:
                org = organisation(sender.owner, actors)
                if org == organisation(step.owner, actors):
                    also = "" if org in (sender.owner, step.owner) else f" (both are part of {quote(org)})"
                    yield loaded.issue(
                        ERROR, here,
                        f"{quote(sender.owner)} and {quote(step.owner)} are one organisation{also}: moving within "
                        "it is not kasteball; remove the referral",
                    )
    yield from _referral_hints(loaded, actors, steps, preds, first, office)


def _referral_hints(
    loaded: LoadedJourney, actors: dict[str, Any], steps: dict[str, Any], preds: dict[str, tuple[str, ...]],
    first: dict[str, int], office: Any,
) -> Iterator[Issue | None]:
    """A warning where the person leaves one office's step with an item and brings it, or is asked for it,
    at the next office's step, and the journey says nothing of a referral (`referred_by`, or `[]`)."""
    for index, step in enumerate(loaded.journey.steps):
        if step.referred_by is not None or first[step.id] != index or not office(step.owner):
            continue
        if is_back_office(step, actors):
            continue
        brought = {f.item for f in step.data if f.how is Transfer.USER and _person(f.from_, actors)}
        brought |= set(step.asks_user)
        for sender_id in preds.get(step.id, ()):
            sender = steps[sender_id]
            if not office(sender.owner) or is_back_office(sender, actors):
                continue
            if organisation(sender.owner, actors) == organisation(step.owner, actors):
                continue
            given = [f.item for f in sender.data if _person(f.to, actors) and f.item in brought]
            if given:
                yield loaded.issue(
                    WARNING, ("steps", index),
                    f"the person leaves {quote(sender_id)} ({quote(sender.owner)}) with {quote(given[0])} and "
                    f"brings it to {quote(step.id)} ({quote(step.owner)}): if {quote(sender.owner)} sends them "
                    f"on, add 'referred_by: [{sender_id}]' to step {quote(step.id)}; if not, add 'referred_by: []'",
                )
                break


def _person(actor_id: str, actors: dict[str, Any]) -> bool:
    return actor_id in actors and actors[actor_id].is_person


def _step_titled(steps: Iterable[Any], text: str) -> str | None:
    """The id of the one step whose title is `text` (ignoring case and spacing), else None."""
    folded = " ".join(text.split()).casefold()
    found = {s.id for s in steps if " ".join(s.title.split()).casefold() == folded}
    return found.pop() if len(found) == 1 else None


def _automatic_asks(loaded: LoadedJourney, at: DataPath, step: Any) -> Iterator[Issue | None]:
    """A step that happens by itself ('channel: automatisk') cannot ask the person for anything."""
    if step.channel is not Channel.AUTOMATISK:
        return
    carried = [flow.item for flow in step.data if flow.how is Transfer.USER]
    asked = [*step.asks_user, *(i for i in carried if i not in step.asks_user)]
    if asked:
        yield loaded.issue(
            WARNING, at + ("channel",),
            f"the step happens by itself ('channel: automatisk') but asks the person for {', '.join(quote(i) for i in asked)}: "
            "if the person gives it here, choose the channel they use; if it is fetched without them, "
            "remove it from 'asks_user' (or make the data flow 'how: automatic')",
        )


def _given(loaded: LoadedJourney, field: str) -> bool:
    """Whether the file has the key `field` at all (a broken value is reported as such, not as missing)."""
    data = loaded.file.document.data
    return isinstance(data, dict) and data.get(field) is not None


def _written(loaded: LoadedJourney, field: str) -> bool:
    """Whether the file lists entries under `field` (some may have been set aside for their own errors)."""
    data = loaded.file.document.data
    return isinstance(data, dict) and isinstance(data.get(field), list) and bool(data[field])


def _phases_of_dropped_steps(loaded: LoadedJourney) -> set[str]:
    """Phases named by steps that were set aside for other errors: those phases are not empty."""
    data = loaded.file.document.data
    steps = data.get("steps") if isinstance(data, dict) else None
    if not loaded.dropped_ids or not isinstance(steps, list):
        return set()
    return {s["phase"] for s in steps if isinstance(s, dict) and isinstance(s.get("phase"), str)}


def _local_definitions(
    loaded: LoadedJourney, field: str, entries: Iterable[Any], registry: dict[str, Located], noun: str
) -> Iterator[Issue | None]:
    """Ids of actors or data items a journey defines itself: well-formed, and not in the shared registry."""
    for index, entry in enumerate(entries):
        at = (field, index)
        yield from _check_id(loaded, entry.id, noun, at + ("id",))
        if entry.id in registry:
            first = registry[entry.id]
            line, _ = first.file.document.position(first.path)
            yield loaded.issue(
                ERROR, at + ("id",),
                f"{noun} {quote(entry.id)} is already defined in {first.file.shown}:{line}: use that one, or another id",
            )


class _At:
    """A view of a loaded journey that prefixes every issue's path (for ids inside lists)."""

    def __init__(self, loaded: LoadedJourney, prefix: DataPath) -> None:
        self.loaded, self.prefix = loaded, prefix

    def stands_in(self, sub: DataPath) -> bool:
        return self.loaded.stands_in(self.prefix + sub)

    def issue(self, severity: Severity, sub: DataPath, message: str, *, at_key: bool = False) -> Issue | None:
        return self.loaded.issue(severity, self.prefix + sub, message, at_key=at_key)


def _duplicates(
    loaded: LoadedJourney, field: str, ids: list[str], noun: str, key: str | None = "id"
) -> Iterator[Issue | None]:
    first: dict[str, int] = {}
    for index, value in enumerate(ids):
        if value in first:
            line, _ = loaded.file.document.position(loaded.original_path((field, first[value])))
            path = (field, index, key) if key else (field, index)
            yield loaded.issue(ERROR, path, f"duplicate {noun} id {quote(value)} (first used on line {line}): ids must be unique")
        else:
            first[value] = index


def agency_opening(title: str) -> str | None:
    """The first of AGENCY_OPENINGS that the title opens with, as whole words: a phrase followed by a
    space or the end, a single word also by ',' or ':'."""
    folded = " ".join(title.casefold().split())
    first = _FIRST_WORD.match(folded)
    for opening in _OPENINGS_BY_FIRST_WORD.get(first.group() if first else "", ()):
        rest = folded[len(opening):len(opening) + 1]
        if folded.startswith(opening) and (rest in ("", " ") or (" " not in opening and rest in (",", ":"))):
            return opening
    return None


def _check_title(loaded: LoadedJourney, at: DataPath, title: str) -> Iterator[Issue | None]:
    opening = agency_opening(title)
    if opening:
        yield loaded.issue(
            WARNING, at + ("title",),
            f"the title {quote(title)} speaks as the agency ('{opening}'): write the user's situation, "
            "as in 'Jeg skal bygge hus' rather than 'Jeg skal søke om byggetillatelse'",
        )
    if len(title) > TITLE_LIMIT:
        yield loaded.issue(
            WARNING, at + ("title",),
            f"the title is {len(title)} characters: keep it under {TITLE_LIMIT} and put the rest in 'description'",
        )


def _long_texts(located: Any, at: DataPath, entry: Any, fields: tuple[str, ...]) -> Iterator[Issue | None]:
    """A warning for each text of these fields (a text, or a list of texts) longer than TEXT_LIMIT."""
    for field in fields:
        value = getattr(entry, field, None)
        texts = [(at + (field,), value)] if isinstance(value, str) else [
            (at + (field, i), text) for i, text in enumerate(value or ()) if isinstance(text, str)]
        for path, text in texts:
            if len(text) > TEXT_LIMIT:
                yield located.issue(
                    WARNING, path,
                    f"the text is {len(text)} characters, over {TEXT_LIMIT}: slides and diagrams show it "
                    "shortened (the full text goes to the speaker notes and tooltips); keep it shorter",
                )


def _check_order(loaded: LoadedJourney) -> Iterator[Issue | None]:
    """`after` must not form a cycle, and no step may come after a step of a later phase."""
    journey = loaded.journey
    preds = graph.predecessors(journey.steps)
    index_of: dict[str, int] = {}
    for i, s in enumerate(journey.steps):
        index_of.setdefault(s.id, i)
    _, cycle = graph.order(preds)
    if cycle:
        explicit = [s for s in cycle[:-1] if journey.steps[index_of[s]].after is not None]
        blame = explicit[0] if explicit else cycle[0]
        path: tuple[str | int, ...] = ("steps", index_of[blame], "after") if explicit else ("steps", index_of[blame])
        by_default = [
            f"{quote(s)} after {quote(before)}"
            for before, s in zip(cycle, cycle[1:]) if journey.steps[index_of[s]].after is None
        ]
        hint = (
            "a step with no 'after' of its own comes after the step listed before it, and so "
            + " and ".join(by_default) + ": remove an 'after' link, or give one of these steps an 'after' of its own"
        ) if by_default else "remove one of these 'after' links"
        yield loaded.issue(
            ERROR, path,
            "the steps come after each other in a circle (" + " → ".join(quote(s) for s in cycle) + "): " + hint,
        )
    phase_rank: dict[str, int] = {}
    for i, phase in enumerate(journey.phases):
        phase_rank.setdefault(phase.id, i)
    steps = {s.id: s for s in reversed(journey.steps)}
    for step_id, before in preds.items():
        step = steps[step_id]
        rank = phase_rank.get(step.phase)
        for p in before:
            other = steps[p]
            other_rank = phase_rank.get(other.phase)
            if rank is None or other_rank is None or other_rank <= rank:
                continue
            if step.after is not None:
                path = ("steps", index_of[step_id], "after", list(step.after).index(p))
                hint = "change 'after', or move one of the steps to another phase"
            else:
                path = ("steps", index_of[step_id], "phase")
                hint = "list the steps in the order of their phases, or set 'after'"
            yield loaded.issue(
                ERROR, path,
                f"step {quote(step_id)} in phase {quote(step.phase)} comes after {quote(p)} in the later phase {quote(other.phase)}: {hint}",
            )


def _check_strands(loaded: LoadedJourney) -> Iterator[Issue | None]:
    """A step without `after` follows the step listed before it. Where that step has another owner and
    the two share no actor (owner or `with`) and no data item, the journey most likely lists parallel
    strands one after the other, and the default invents a handoff between them."""
    steps = loaded.journey.steps
    first: dict[str, int] = {}
    for index, step in enumerate(steps):
        first.setdefault(step.id, index)
    for index, step in enumerate(steps[1:], start=1):
        before = steps[index - 1]
        if step.after is not None or first[step.id] != index or step.owner == before.owner:
            continue
        if _actors_of(step) & _actors_of(before) or _items_of(step) & _items_of(before):
            continue
        if loaded.stands_in(("steps", index, "owner")) or loaded.stands_in(("steps", index - 1, "owner")):
            continue  # an owner is broken, and reported as such
        if _written_key(loaded, ("steps", index), "after"):
            continue  # an 'after' of the wrong kind, reported as such
        yield loaded.issue(
            WARNING, ("steps", index),
            f"step {quote(step.id)} follows {quote(before.id)}, the step before it, because it has no 'after'; but the "
            f"two share no actor and no data, so this may invent a handoff from {quote(before.owner)} to "
            f"{quote(step.owner)}: add 'after:' naming the step {quote(step.id)} really follows, or 'after: []' if it "
            f"starts a strand of its own",
        )


def _written_key(loaded: LoadedJourney, path: DataPath, key: str) -> bool:
    """Whether the mapping at `path` in the file has `key`, whatever its value."""
    node: Any = loaded.file.document.data
    for part in loaded.original_path(path):
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(node, dict) and key in node


def _actors_of(step: Any) -> set[str]:
    return {step.owner, *step.with_}


def _items_of(step: Any) -> set[str]:
    return {*(flow.item for flow in step.data), *step.asks_user}
