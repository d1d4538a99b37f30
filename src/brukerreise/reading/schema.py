"""JSON Schema (draft-07) for journey and registry files, generated from the model, for editors."""

from __future__ import annotations

import enum
import json
import types
import typing
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .. import model
from ..model import Actor, DataItem
from .validation import ID_PATTERN

# Kind: (the file's top-level key when it holds a list (a registry), what it holds, file name, title).
SCHEMA_KINDS: dict[str, tuple[str | None, type, str, str]] = {
    "journey": (None, model.Journey, "journey.schema.json", "A brukerreise journey: one life event as the user lives it"),
    "actors": ("actors", model.Actor, "actors.schema.json", "The shared registry of actors"),
    "data-items": ("data_items", model.DataItem, "data-items.schema.json", "The shared registry of data items"),
}

# What each key means, shown by editors on hover. Keyed by (class name, field name).
DESCRIPTIONS: dict[tuple[str, str], str] = {
    ("Journey", "journey"): "The journey's id: lowercase letters, digits, '-' or '_'.",
    ("Journey", "life_event"): "One of the seven prioritised life events.",
    ("Journey", "title"): "The journey in the user's own words.",
    ("Journey", "persona"): "Who the user is and the situation they are in.",
    ("Journey", "goals"): "What the user wants to achieve, in their words.",
    ("Journey", "lanes"): "Optional lane order (actor ids); the others follow, the person first.",
    ("Journey", "phases"): "The phases of the journey, in time order.",
    ("Journey", "steps"): "The steps, in time order and in the order of their phases.",
    ("Journey", "actors"): "Actors used only by this journey (shared ones belong in actors.yaml).",
    ("Journey", "data_items"): "Data items used only by this journey (shared ones belong in data-items.yaml).",
    ("Journey", "state"): "as-is (today, the default) or to-be (a proposed journey that improves an as-is one).",
    ("Journey", "improves"): "To-be journeys: the id of the as-is journey of the same life event they improve.",
    ("Journey", "own_organisations"): "Organisations the user runs (the club, their company; actor ids): what they hold is the user's own data, not a «kun én gang» finding.",
    ("Persona", "name"): "A name and age, e.g. 'Sara (31)'.",
    ("Persona", "situation"): "Where they are in life and what they need.",
    ("Persona", "pronoun"): "hen, hun, han (one person) or de (several); default: 'de' when the name joins names with 'og', else 'hen'.",
    ("Phase", "id"): "The phase's id, referred to by steps.",
    ("Phase", "title"): "The phase as the user would name it.",
    ("Step", "id"): "The step's id, unique in the journey.",
    ("Step", "title"): "The user's situation ('Jeg har mistet jobben'), not the agency's procedure.",
    ("Step", "owner"): "The ONE actor that owns this step.",
    ("Step", "phase"): "The id of the phase the step belongs to.",
    ("Step", "with"): "Other actors taking part in the step.",
    ("Step", "channel"): "How the user meets the owner at this step.",
    ("Step", "description"): "A longer explanation of the step.",
    ("Step", "services"): "The public services involved.",
    ("Step", "emotion"): "How the user feels: -2 (very hard) to 2 (very good).",
    ("Step", "data"): "Data shared at this step, and how.",
    ("Step", "asks_user"): "Data items the user must supply at this step.",
    ("Step", "pain_points"): "What is hard for the user here.",
    ("Step", "opportunities"): "What the collaboration could improve here.",
    ("Step", "after"): "The steps this one comes after (default: the step before). Forks and joins.",
    ("Step", "replaces"): "To-be journeys: the ids of the as-is steps this step takes the place of.",
    ("Step", "referred_by"): "Kasteball: the steps whose owner sent the person on to this step's office («det er ikke oss, du må til …»). Each must be a step this one comes after, owned by an office of another organisation. 'referred_by: []' says nobody sent the person here.",
    ("Journey", "people_per_year"): "Gains: how many people go through the journey a year (a number, or low/likely/high with its source).",
    ("Journey", "prerequisites"): "Gains, to-be journeys: the new data flows, shared solutions and rule changes the journey depends on, who builds and runs them, and what they cost.",
    ("Step", "effort"): "Gains: who reaches the step and the time it takes (the person's and each agency's).",
    ("StepEffort", "share"): "The share (0 to 1) of the journey's people who reach this step; leave out when all do.",
    ("StepEffort", "people"): "Or: how many people reach this step a year.",
    ("StepEffort", "person_minutes"): "The person's minutes of work at this step (filling in, gathering papers, meetings, travel).",
    ("StepEffort", "waiting_days"): "Days the person waits at this step (for an answer, a decision, money), where it matters.",
    ("StepEffort", "agency_minutes"): "Each agency's minutes of work per case at this step: 'actor: minutes' lines.",
    ("Estimate", "likely"): "The most likely value.",
    ("Estimate", "low"): "The lowest credible value.",
    ("Estimate", "high"): "The highest credible value.",
    ("Estimate", "source"): "Where the figure comes from: an SSB table, the agency's own figures, or a named estimate with its reasoning. With no number: why there is none.",
    ("Prerequisite", "title"): "What must be built or changed, in a few words.",
    ("Prerequisite", "built_by"): "The actor that builds it (and pays the one-time cost).",
    ("Prerequisite", "run_by"): "The actor that runs it (and pays the yearly cost); default: the one that builds it.",
    ("Prerequisite", "one_time"): "The one-time cost in kroner.",
    ("Prerequisite", "yearly"): "The yearly cost in kroner.",
    ("Prerequisite", "flows"): "The new data flows it provides, each item, from, to (as in a step's 'data').",
    ("Prerequisite", "rule_change"): "The rule that must change, in words.",
    ("FlowRef", "item"): "The id of the data item.",
    ("FlowRef", "from"): "The actor that gives the data.",
    ("FlowRef", "to"): "The actor that receives the data.",
    ("DataFlow", "item"): "The id of the data item shared.",
    ("DataFlow", "from"): "The actor that gives the data.",
    ("DataFlow", "to"): "The actor that receives the data.",
    ("DataFlow", "how"): "automatic (system to system), manual (by a caseworker) or user (the person carries it); "
                         "in Norwegian automatisk, manuell or bruker.",
    ("Actor", "id"): "The actor's id, referred to by journeys.",
    ("Actor", "name"): "The actor's full, real name.",
    ("Actor", "short"): "A short name for lane labels.",
    ("Actor", "kind"): "The level or sector the actor belongs to.",
    ("Actor", "ministry"): "For state actors: the ministry's abbreviation, e.g. AID.",
    ("Actor", "part_of"): "The id of the actor this one is part of.",
    ("Actor", "description"): "What the actor does in these journeys.",
    ("DataItem", "id"): "The data item's id, referred to by journeys.",
    ("DataItem", "name"): "The data item's name.",
    ("DataItem", "source"): "The id of the actor that is the authoritative source.",
    ("DataItem", "sensitive"): "True for health data and other specially protected data.",
    ("DataItem", "description"): "What the data item holds.",
}

_ID_FIELDS = {("Journey", "journey"), ("Phase", "id"), ("Step", "id"), ("Actor", "id"), ("DataItem", "id")}


def _type_schema(tp: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        # An optional value: leaving the key out is how a journey says "none", so the editor offers the
        # value's own kind only, never `null`.
        return _type_schema(next(a for a in typing.get_args(tp) if a is not type(None)), definitions)
    if tp == tuple[model.AgencyMinutes, ...]:
        return {"type": "object", "additionalProperties": _type_schema(model.Estimate, definitions)}
    if tp is model.Estimate and "Estimate" not in definitions:
        definitions["Estimate"] = {"oneOf": [{"type": "number", "minimum": 0}, _class_schema(tp, definitions)]}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(tp)[0], definitions)}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"type": "string", "enum": [*(m.value for m in tp), *model.ALIASES.get(tp, {})]}
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number", "minimum": 0}
    if attrs.has(tp):
        name = tp.__name__
        if name not in definitions:
            definitions[name] = {}  # reserve: guards recursion
            definitions[name] = _class_schema(tp, definitions)
        return {"$ref": f"#/definitions/{name}"}
    raise TypeError(f"no schema for {tp!r}")


def _class_schema(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        key = model.yaml_key(field.name)
        prop = _type_schema(hints[field.name], definitions)
        if (cls.__name__, field.name) in _ID_FIELDS:
            prop = {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$",
                    "patternErrorMessage": "An id is lowercase letters, digits, '-' or '_' (at most 64), e.g. 'fa-barn'."}
        if (cls.__name__, field.name) == ("Step", "emotion"):
            prop = {"type": "integer", "minimum": -2, "maximum": 2}
        description = DESCRIPTIONS.get((cls.__name__, key))
        if description:
            prop = {"description": description, **prop}
        properties[key] = prop
        if field.default is attrs.NOTHING:
            required.append(key)
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


@attrs.frozen
class Known:
    """What the editor can check and complete: (id, description) pairs of the shared registries' actors
    and data items and of those the folder's journeys define themselves, and a few ids to name as
    examples in a message (the most used first)."""

    actors: tuple[tuple[str, str], ...] = ()
    data_items: tuple[tuple[str, str], ...] = ()
    actor_examples: tuple[str, ...] = ()
    item_examples: tuple[str, ...] = ()


EXAMPLES = 5  # ids a message names: the completion list has them all


def known_from(
    actors: Iterable[Actor], data_items: Iterable[DataItem],
    own_actors: Iterable[tuple[Actor, str]] = (), own_items: Iterable[tuple[DataItem, str]] = (),
    used: Mapping[str, int] | None = None,
) -> Known:
    """The ids, each described by its name as an editor shows it beside the id; those a journey defines
    itself (with its file name) after the registries'."""
    def actor(a: Actor) -> str:
        return f"{a.name} ({a.kind.value})" if a.short in a.name else f"{a.name} ({a.short}, {a.kind.value})"

    def item(d: DataItem) -> str:
        return f"{d.name} (source: {d.source}{', sensitive' if d.sensitive else ''})"

    actor_pairs = (*((a.id, actor(a)) for a in actors), *((a.id, f"{actor(a)}, defined in {f}") for a, f in own_actors))
    item_pairs = (*((d.id, item(d)) for d in data_items), *((d.id, f"{item(d)}, defined in {f}") for d, f in own_items))
    counts = used or {}

    def examples(pairs: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
        ids = [i for i, _ in pairs]
        return tuple(sorted(ids, key=lambda i: (-counts.get(i, 0), ids.index(i)))[:EXAMPLES])

    return Known(actor_pairs, item_pairs, examples(actor_pairs), examples(item_pairs))


def _ids(pairs: tuple[tuple[str, str], ...], description: str, message: str) -> dict[str, Any]:
    return {
        "description": description,
        "type": "string",
        "enum": [i for i, _ in pairs],
        "enumDescriptions": [d for _, d in pairs],
        # What the language server says of a value not listed, instead of listing every id.
        "errorMessage": message,
    }


_ACTOR = {"$ref": "#/definitions/ActorId"}
_ITEM = {"$ref": "#/definitions/DataItemId"}
_ACTOR_TEXT = ("An actor of actors.yaml or one a journey in this folder defines under 'actors:' "
               "(after adding one, run 'brukerreise schema --write' on the folder).")
_ITEM_TEXT = ("A data item of data-items.yaml or one a journey in this folder defines under 'data_items:' "
              "(after adding one, run 'brukerreise schema --write' on the folder).")


def _unknown(noun: str, key: str, examples: tuple[str, ...], count: int) -> str:
    named = ", ".join(f'"{e}"' for e in examples)
    more = f" and {count - len(examples)} more" if count > len(examples) else ""
    return (f"Unknown {noun}: use one of the {count} ids that completion offers (Ctrl+Space), e.g. {named}{more}; "
            f"or define it under '{key}:' and run 'brukerreise schema --write' on the folder.")


def _only_when_all_known(field: str, ids: list[str], strict: dict[str, Any], open_: dict[str, Any]) -> dict[str, Any]:
    """The `strict` properties apply unless the journey defines an actor (or data item) under `field` that
    the schema does not know yet (written since the schema was): then the `open_` ones, which complete the
    known ids but accept any."""
    return {
        "if": {"required": [field], "properties": {field: {"type": "array", "contains": {
            "type": "object", "required": ["id"], "properties": {"id": {"not": {"enum": ids}}},
        }}}},
        "then": {"properties": open_},
        "else": {"properties": strict},
    }


def _actor_places(ref: dict[str, Any]) -> dict[str, Any]:
    """Where a journey names an actor."""
    return {
        "lanes": {"items": ref},
        "own_organisations": {"items": ref},
        "steps": {"items": {"properties": {
            "owner": ref,
            "with": {"items": ref},
            "data": {"items": {"properties": {"from": ref, "to": ref}}},
            "effort": {"properties": {"agency_minutes": {"propertyNames": ref}}},
        }}},
        "prerequisites": {"items": {"properties": {
            "built_by": ref, "run_by": ref, "flows": {"items": {"properties": {"from": ref, "to": ref}}},
        }}},
    }


def _item_places(ref: dict[str, Any]) -> dict[str, Any]:
    """Where a journey names a data item."""
    return {
        "steps": {"items": {"properties": {
            "asks_user": {"items": ref},
            "data": {"items": {"properties": {"item": ref}}},
        }}},
        "prerequisites": {"items": {"properties": {"flows": {"items": {"properties": {"item": ref}}}}}},
    }


def _registry_references(known: Known, definitions: dict[str, Any]) -> list[dict[str, Any]]:
    """The constraints that make every reference to an actor or data item one the folder knows."""
    rules = []
    if known.actors:
        definitions["ActorId"] = _ids(known.actors, _ACTOR_TEXT, _unknown("actor", "actors", known.actor_examples, len(known.actors)))
        rules.append(_only_when_all_known("actors", [i for i, _ in known.actors], _actor_places(_ACTOR),
                                          _actor_places({"anyOf": [_ACTOR, {"type": "string"}]})))
    if known.data_items:
        definitions["DataItemId"] = _ids(known.data_items, _ITEM_TEXT,
                                         _unknown("data item", "data_items", known.item_examples, len(known.data_items)))
        rules.append(_only_when_all_known("data_items", [i for i, _ in known.data_items], _item_places(_ITEM),
                                          _item_places({"anyOf": [_ITEM, {"type": "string"}]})))
    return rules


def schema(kind: str = "journey", known: Known | None = None) -> dict[str, Any]:
    """The JSON Schema of a file of `kind`; with `known`, one that also knows the registries' ids."""
    key, cls, filename, title = SCHEMA_KINDS[kind]
    definitions: dict[str, Any] = {}
    if key is None:
        root = _class_schema(cls, definitions)
        if known is not None:
            rules = _registry_references(known, definitions)
            if rules:
                root["allOf"] = rules
    else:
        listed = {"type": "array", "items": _type_schema(cls, definitions)}
        root = {"type": "object", "properties": {key: listed}, "required": [key], "additionalProperties": False}
        if known is not None and known.actors and kind == "data-items":
            definitions["ActorId"] = _ids(known.actors, _ACTOR_TEXT, _unknown("actor", "actors", known.actor_examples, len(known.actors)))
            source = definitions["DataItem"]["properties"]["source"]
            definitions["DataItem"]["properties"]["source"] = {**source, **_ACTOR}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": f"https://brukerreise.invalid/schema/{filename}",
        "title": title,
        **root,
        "definitions": dict(sorted(definitions.items())),
    }


def schema_text(kind: str = "journey", known: Known | None = None) -> str:
    return json.dumps(schema(kind, known), ensure_ascii=False, indent=2) + "\n"
