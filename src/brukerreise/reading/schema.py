"""JSON Schema (draft-07) for journey and registry files, generated from the model, for editors."""

from __future__ import annotations

import enum
import json
import types
import typing
from typing import Any

import attrs

from .. import model
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
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return {"anyOf": [_type_schema(options[0], definitions), {"type": "null"}]}
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
            prop = {"anyOf": [{"type": "integer", "minimum": -2, "maximum": 2}, {"type": "null"}]}
        description = DESCRIPTIONS.get((cls.__name__, key))
        if description:
            prop = {"description": description, **prop}
        properties[key] = prop
        if field.default is attrs.NOTHING:
            required.append(key)
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def schema(kind: str = "journey") -> dict[str, Any]:
    key, cls, filename, title = SCHEMA_KINDS[kind]
    definitions: dict[str, Any] = {}
    if key is None:
        root = _class_schema(cls, definitions)
    else:
        listed = {"type": "array", "items": _type_schema(cls, definitions)}
        root = {"type": "object", "properties": {key: listed}, "required": [key], "additionalProperties": False}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": f"https://brukerreise.invalid/schema/{filename}",
        "title": title,
        **root,
        "definitions": dict(sorted(definitions.items())),
    }


def schema_text(kind: str = "journey") -> str:
    return json.dumps(schema(kind), ensure_ascii=False, indent=2) + "\n"
