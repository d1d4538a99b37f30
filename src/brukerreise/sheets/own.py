"""The actors and data items a journey defines itself, read from the sheets "Egne aktører" and "Egne
dataelementer" (one row each, under a header row) that the export writes: every problem at its cell."""

from __future__ import annotations

from typing import Any

import attrs

from ..model import Actor, ActorKind, DataItem
from ..reading.suggest import did_you_mean, one_of
from ..reading.validation import ID_PATTERN
from ..reading.yamlsource import DataPath
from ..render import columns
from ..render.escaping import terminal
from .grid import Grid, Place, Problem, column_letter

REQUIRED = {"actors": ("id", "name", "short", "kind"), "data_items": ("id", "name", "source")}


@attrs.frozen
class Own:
    """What the sheets hold: the entries, where each field came from, and the problems."""

    actors: tuple[Actor, ...] = ()
    data_items: tuple[DataItem, ...] = ()
    places: tuple[tuple[DataPath, Place], ...] = ()
    problems: tuple[Problem, ...] = ()


def read_own(actors: Grid | None, items: Grid | None) -> Own:
    places: list[tuple[DataPath, Place]] = []
    problems: list[Problem] = []
    found: dict[str, list[Any]] = {"actors": [], "data_items": []}
    for key, grid, fields in (("actors", actors, columns.OWN_ACTOR_COLUMNS), ("data_items", items, columns.OWN_ITEM_COLUMNS)):
        if grid is None or not grid.rows():
            continue
        header_row = grid.rows()[0]
        cols = header_columns(grid, header_row, fields, problems)
        missing = [f for f in REQUIRED[key] if f not in cols]
        for field in missing:
            label = dict(fields)[field]
            problems.append(Problem(grid.place(header_row, 1), f"no column for '{columns.label(label, 'nb')}' "
                                                               f"('{columns.label(label, 'en')}'): add it to the header row"))
        if missing:
            continue
        for row in grid.rows()[1:]:
            at: DataPath = (key, len(found[key]))
            entry = _entry(grid, row, cols, key, at, places, problems)
            if entry is not None:
                found[key].append(entry)
    return Own(tuple(found["actors"]), tuple(found["data_items"]), tuple(places), tuple(problems))


def header_columns(grid: Grid, row: int, fields: tuple[tuple[str, str], ...], problems: list[Problem]) -> dict[str, int]:
    """The column of each field whose header (in any language) the row has; a header not known is warned."""
    known = {columns.normalise(columns.label(label, lang)): field for field, label in fields for lang in columns.LANGS}
    cols: dict[str, int] = {}
    for col, text in sorted(grid.row(row).items()):
        field = known.get(columns.normalise(text))
        place = grid.place(row, col)
        if field is None:
            names = [columns.label(label, lang) for _, label in fields for lang in columns.LANGS]
            problems.append(Problem(place, f"column '{terminal(text)}' is not read{did_you_mean(text, names)}", warning=True))
        elif field in cols:
            problems.append(Problem(place, f"a second column for '{terminal(text)}' (the first is column "
                                           f"{column_letter(cols[field]) if place.sheet else cols[field]}): keep one"))
        else:
            cols[field] = col
    return cols


def _entry(grid: Grid, row: int, cols: dict[str, int], key: str, at: DataPath,
           places: list[tuple[DataPath, Place]], problems: list[Problem]) -> Actor | DataItem | None:
    cells = grid.row(row)
    values: dict[str, Any] = {}
    start = len(problems)
    places.append((at, grid.place(row, cols["id"])))
    for field, col in cols.items():
        text = cells.get(col, "").strip()
        place = grid.place(row, col)
        if not text:
            if field in REQUIRED[key]:
                problems.append(Problem(place, f"the {'actor' if key == 'actors' else 'data item'} has no "
                                               f"'{terminal(grid.row(grid.rows()[0]).get(col, field))}': fill it in"))
            continue
        places.append((at + (field,), place))
        values[field] = _value(field, text, place, problems)
    if len(problems) > start:
        return None
    return Actor(**values) if key == "actors" else DataItem(**values)


def _value(field: str, text: str, place: Place, problems: list[Problem]) -> Any:
    if field == "id" and ID_PATTERN.fullmatch(text) is None:
        problems.append(Problem(place, f"id '{terminal(text)}' must be lowercase letters, digits, '-' or '_'"))
    if field == "kind":
        kinds = [k.value for k in ActorKind]
        kind = next((k for k in ActorKind if k.value == text.casefold()), None)
        if kind is None:
            problems.append(Problem(place, f"unknown actor kind '{terminal(text)}'{did_you_mean(text, kinds)} (one of {one_of(kinds)})"))
        return kind
    if field == "sensitive":
        words = {columns.label(f"answer_{a}", lang).casefold(): a == "yes" for a in ("yes", "no") for lang in columns.LANGS}
        words.update({"true": True, "false": False, "ja": True, "nei": False})
        if text.casefold() not in words:
            problems.append(Problem(place, f"'{terminal(text)}' is not yes or no: write {columns.label('answer_yes', 'nb')} "
                                           f"or {columns.label('answer_no', 'nb')}"))
        return words.get(text.casefold(), False)
    return text
