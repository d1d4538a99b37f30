"""JSON Schema (draft-07) for journey and registry files, generated from the model, for editors."""

from __future__ import annotations

import enum
import json
import types
import typing
from collections.abc import Iterable
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
    ("DataFlow", "item"): "The id of the data item shared.",
    ("DataFlow", "from"): "The actor that gives the data.",
    ("DataFlow", "to"): "The actor that receives the data.",
    ("DataFlow", "how"): "automatic (system to system), manual (by a caseworker) or user (the person carries it).",
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
    if origin is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(tp)[0], definitions)}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"type": "string", "enum": [m.value for m in tp]}
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
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
            prop = {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"}
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
    """What the shared registries hold, for an editor to check and complete: (id, description) pairs."""

    actors: tuple[tuple[str, str], ...] = ()
    data_items: tuple[tuple[str, str], ...] = ()


def known_from(actors: Iterable[Actor], data_items: Iterable[DataItem]) -> Known:
    """The registries' ids, each described by its name as an editor shows it beside the id."""
    return Known(
        tuple((a.id, f"{a.name} ({a.kind.value})" if a.short in a.name else f"{a.name} ({a.short}, {a.kind.value})") for a in actors),
        tuple((d.id, f"{d.name} (source: {d.source}{', sensitive' if d.sensitive else ''})") for d in data_items),
    )


def _ids(pairs: tuple[tuple[str, str], ...], description: str) -> dict[str, Any]:
    return {
        "description": description,
        "type": "string",
        "enum": [i for i, _ in pairs],
        "enumDescriptions": [d for _, d in pairs],
    }


_ACTOR = {"$ref": "#/definitions/ActorId"}
_ITEM = {"$ref": "#/definitions/DataItemId"}


def _only_when_none_of_its_own(field: str, properties: dict[str, Any]) -> dict[str, Any]:
    """`properties` apply unless the journey defines its own `field` (actors or data items), whose ids
    the schema cannot know."""
    return {
        "if": {"required": [field], "properties": {field: {"type": "array", "minItems": 1}}},
        "else": {"properties": properties},
    }


def _registry_references(known: Known, definitions: dict[str, Any]) -> list[dict[str, Any]]:
    """The constraints that make every reference to an actor or data item one the registries hold."""
    rules = []
    if known.actors:
        definitions["ActorId"] = _ids(known.actors, "An actor in the shared registry (actors.yaml).")
        rules.append(_only_when_none_of_its_own("actors", {
            "lanes": {"items": _ACTOR},
            "own_organisations": {"items": _ACTOR},
            "steps": {"items": {"properties": {
                "owner": _ACTOR,
                "with": {"items": _ACTOR},
                "data": {"items": {"properties": {"from": _ACTOR, "to": _ACTOR}}},
            }}},
        }))
    if known.data_items:
        definitions["DataItemId"] = _ids(known.data_items, "A data item in the shared registry (data-items.yaml).")
        rules.append(_only_when_none_of_its_own("data_items", {
            "steps": {"items": {"properties": {
                "asks_user": {"items": _ITEM},
                "data": {"items": {"properties": {"item": _ITEM}}},
            }}},
        }))
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
            definitions["ActorId"] = _ids(known.actors, "An actor in the shared registry (actors.yaml).")
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
