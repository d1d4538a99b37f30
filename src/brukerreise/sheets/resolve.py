"""Names in a sheet matched to the registries: an actor by its id, short name or full name, a data item
by its id or name, never guessed: an unknown or ambiguous name is a problem with a did-you-mean."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..reading.suggest import did_you_mean
from ..render.escaping import terminal


class Names:
    """Look-up of registry entries by id or by any of their names, without case."""

    def __init__(self, entries: Mapping[str, Any], noun: str, fields: tuple[str, ...]) -> None:
        self.noun = noun
        self.ids = list(entries)
        self.by_name: dict[str, set[str]] = {}
        for entry_id, entry in entries.items():
            for name in (entry_id, *(getattr(entry, f) for f in fields)):
                self.by_name.setdefault(" ".join(str(name).casefold().split()), set()).add(entry_id)
        # the ids last: where a name and an id differ only in case, the id is suggested
        self.candidates = [*(str(getattr(e, f)) for e in entries.values() for f in fields), *self.ids]

    def find(self, text: str, where: str = "") -> tuple[str | None, str | None]:
        """(id, None) or (None, the problem); `where` (e.g. " in 'Eier'") follows the text in the problem."""
        if text in self.ids:
            return text, None
        found = self.by_name.get(" ".join(text.casefold().split()), set())
        if len(found) == 1:
            return next(iter(found)), None
        if found:
            ids = " or ".join(f"'{i}'" for i in sorted(found))
            return None, f"'{terminal(text)}'{where} could be the {self.noun} {ids}: write the id"
        if not self.ids:
            return None, f"unknown {self.noun} '{terminal(text)}'{where}: there is no {self.noun} registry (give one with --{self.noun.replace(' ', '-')}s)"
        return None, f"unknown {self.noun} '{terminal(text)}'{where}{did_you_mean(text, self.candidates)}"
