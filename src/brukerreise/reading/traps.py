"""Structure problems said again for the YAML traps people new to YAML fall into: a ': ' inside a text
in a list (read as 'key: value'), a number in quotes, an empty reference. Each says what YAML saw and
the fix, at the place to look."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import attrs

from .quoting import quote
from .problem import Problem
from .yamlsource import DataPath, YamlDocument, split_lines, value_at

EMOTION_RANGE_TEXT = "a whole number from -2 (very hard) to 2 (very good)"
# Keys whose value is an actor id, a data item id, a phase id or a step id: (key, or key of the list).
ACTOR_KEYS = frozenset({"owner", "from", "to", "source", "part_of", "with", "lanes"})
ITEM_KEYS = frozenset({"item", "asks_user"})
_EMPTY = "expected text, found nothing"
_MAPPING = "expected text, found 'key: value' lines"


def revise(document: YamlDocument, data: Any, problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
    """`problems`, with those of the traps below said plainly."""
    lines: list[str] | None = None
    revised = []
    for problem in problems:
        path = problem.path
        key = _key_of(path)
        if problem.message.startswith(_MAPPING):
            lines = lines if lines is not None else split_lines(document.text)
            problem = _colon_in_text(document, lines, data, problem)
        elif problem.message == _EMPTY and key in ACTOR_KEYS | ITEM_KEYS | {"phase", "after"}:
            problem = attrs.evolve(problem, message=_empty_reference(data, key))
        elif key == "emotion" and problem.message.startswith("expected a whole number"):
            problem = attrs.evolve(problem, message=problem.message.replace("a whole number", EMOTION_RANGE_TEXT, 1))
        revised.append(problem)
    return tuple(revised)


def _key_of(path: DataPath) -> str | None:
    """The key a value stands under: the last text in the path (an item of a list takes the list's)."""
    return next((part for part in reversed(path) if isinstance(part, str)), None)


def _colon_in_text(document: YamlDocument, lines: list[str], data: Any, problem: Problem) -> Problem:
    """A text with ': ' in it, not in quotes, is read as one 'key: value' pair: point at the colon."""
    value = value_at(data, problem.path)
    if not isinstance(value, dict) or len(value) != 1:
        return problem
    (key,) = value
    line, col = document.position(problem.path + (key,), key=True)
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if (line, col) != document.position(problem.path) or text[col - 1:col - 1 + len(key) + 1] != f"{key}:":
        return problem  # written in braces, quoted or otherwise on purpose: the generic message holds
    written = text[col - 1:].split(" #")[0].rstrip()
    if text[:col - 1].rstrip().endswith(("[", ",")):  # an item of a list in brackets: it ends at ',' or ']'
        written = re.split(r"[,\]}]", written)[0].rstrip()
    example = '"' + written.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return attrs.evolve(
        problem, shift=len(key),  # the mapping starts at its key: the ':' follows it
        message=f"the ': ' after {quote(key)} makes this text a 'key: value' pair: put the whole text in quotes — {quote(example, 70)}",
    )


def _empty_reference(data: Any, key: str | None) -> str:
    """What an empty reference needs, and the ids the journey already uses for it, most used first."""
    if key in ACTOR_KEYS:
        noun, used = "an actor id", _actors_used(data)
    elif key in ITEM_KEYS:
        noun, used = "a data item id", _items_used(data)
    elif key == "phase":
        noun, used = "a phase id", Counter(_ids(data, "phases"))
    else:
        noun, used = "a step id", Counter(_ids(data, "steps"))
    closest = [i for i, _ in used.most_common(5)]
    listed = f" — e.g. {', '.join(quote(i) for i in closest)}" if closest else ""
    return f"{noun} is needed here, and the value is empty: write one{listed}"


def _steps(data: Any) -> list[dict[str, Any]]:
    steps = data.get("steps") if isinstance(data, dict) else None
    return [s for s in steps if isinstance(s, dict)] if isinstance(steps, list) else []


def _ids(data: Any, key: str) -> list[str]:
    entries = data.get(key) if isinstance(data, dict) else None
    return [e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)] if isinstance(entries, list) else []


def _actors_used(data: Any) -> Counter[str]:
    used: Counter[str] = Counter(_ids(data, "actors"))
    for step in _steps(data):
        together, data = step.get("with"), step.get("data")
        named = [step.get("owner"), *(together if isinstance(together, list) else [])]
        flows = data if isinstance(data, list) else []
        named += [flow.get(k) for flow in flows if isinstance(flow, dict) for k in ("from", "to")]
        used.update(n for n in named if isinstance(n, str) and n)
    return used


def _items_used(data: Any) -> Counter[str]:
    used: Counter[str] = Counter(_ids(data, "data_items"))
    for step in _steps(data):
        asked, data = step.get("asks_user"), step.get("data")
        asks = asked if isinstance(asked, list) else []
        flows = data if isinstance(data, list) else []
        used.update(n for n in [*asks, *(f.get("item") for f in flows if isinstance(f, dict))] if isinstance(n, str) and n)
    return used
