"""BPMN ids: valid XML NCNames derived from the journey's ids, unique within one file, the same for the
same journey."""

from __future__ import annotations

import re

_NOT_NAME = re.compile(r"[^A-Za-z0-9_.-]")


class Ids:
    """Hands out ids such as `Task_fa-barn`: a kind prefix (so the first character is a letter), the
    journey's ids with any character an NCName cannot hold as '_', and '.2', '.3' ... on a repeat."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def make(self, kind: str, *parts: str) -> str:
        base = kind + "_" + ".".join(_NOT_NAME.sub("_", p) for p in parts)
        chosen, n = base, 1
        while chosen in self._taken:
            n += 1
            chosen = f"{base}.{n}"
        self._taken.add(chosen)
        return chosen
