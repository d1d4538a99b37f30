"""The rows of a sheet of steps as a journey: headers recognised, every cell read into its field, names
matched to the registries, phases in order of first appearance, ids made from titles (stable, unique).
Every problem is kept with its cell; the journey is made only when there is none."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ..model import Actor, Channel, DataFlow, DataItem, Journey, JourneyState, LifeEvent, Persona, Phase, Step, Transfer
from ..reading.suggest import did_you_mean, id_from
from ..reading.validation import ID_PATTERN
from ..reading.yamlsource import DataPath
from ..render import columns
from ..render.escaping import terminal
from .figures import read_figures
from .grid import Grid, Place, Problem, column_letter
from .own import Own
from .resolve import Names

CHANNEL_WORDS = {**{c.value: c for c in Channel}, "phone": Channel.TELEFON, "in person": Channel.FYSISK,
                 "letter": Channel.BREV, "automatic": Channel.AUTOMATISK, "digitalt": Channel.DIGITAL}
ID_LIMIT = 40  # ids made from titles: short enough to read and type
HEADER_SEARCH = 20  # rows looked at for the header row


@attrs.frozen
class Details:
    """What the sheet does not say about the journey as a whole, from the command line or the sheet
    that describes the journey (each with its place when it came from a cell)."""

    journey: tuple[str, Place] | None = None
    life_event: tuple[str, Place] | None = None
    title: tuple[str, Place] | None = None
    state: tuple[str, Place] | None = None
    improves: tuple[str, Place] | None = None
    persona: tuple[str, Place] | None = None
    situation: tuple[str, Place] | None = None
    goals: tuple[str, Place] | None = None
    lanes: tuple[str, Place] | None = None
    own_organisations: tuple[str, Place] | None = None
    own: Own = Own()  # the actors and data items the journey defines itself
    figures: Grid | None = None  # the sheet of figures for gains
    prerequisites: Grid | None = None  # the sheet of a to-be journey's prerequisites


@attrs.frozen
class Converted:
    journey: Journey | None
    places: dict[DataPath, Place]  # where each part of the journey came from
    problems: tuple[Problem, ...]
    header_row: int = 0  # the row of headers (0: none found)
    read_columns: frozenset[int] = frozenset()  # the columns read; cells elsewhere are passed over
    lang: str = "nb"  # the language of the sheet's headers: problems name columns as the sheet does

    def reads(self, place: Place) -> bool:
        """Whether a cell of the sheet of steps is read: below the header, in a column read."""
        return place.row > self.header_row and place.col in self.read_columns


def read_details(grid: Grid) -> Details:
    """The field/value rows of the sheet that describes the journey, by their label in either language."""
    fields = {columns.normalise(columns.label(key, lang)): key for lang in columns.LANGS for key in columns.ABOUT_FIELDS}
    found: dict[str, tuple[str, Place]] = {}
    for row in grid.rows():
        cells = grid.row(row)
        key = fields.get(columns.normalise(cells.get(1, "")))
        if key and cells.get(2, "").strip():
            found.setdefault(key, (cells[2].strip(), grid.place(row, 2)))
    return Details(**found)  # type: ignore[arg-type]  # the keys are the fields of one (str, Place) each, never `own`


def convert(grid: Grid, details: Details, actors: Mapping[str, Actor], items: Mapping[str, DataItem], default_id: str) -> Converted:
    """The journey; names are matched to the registries and to the actors and data items the journey
    defines itself (`details.own`; the registries' win where both have an id, as when a journey is read)."""
    own = details.own
    actors = {**{a.id: a for a in own.actors}, **actors}
    items = {**{d.id: d for d in own.data_items}, **items}
    return _Converter(grid, actors, items, own).run(details, default_id)


class _Converter:
    def __init__(self, grid: Grid, actors: Mapping[str, Actor], items: Mapping[str, DataItem], own: Own) -> None:
        self.grid = grid
        self.actors = Names(actors, "actor", ("short", "name"))
        self.items = Names(items, "data item", ("name",))
        self.own = own
        self.problems: list[Problem] = []
        self.places: dict[DataPath, Place] = dict(own.places)
        self.lang = "nb"
        self.owner_example = ""  # ", e.g. 'Nav' as on row 3": an owner written as the sheet writes them

    def problem(self, place: Place, message: str, warning: bool = False) -> None:
        self.problems.append(Problem(place, message, warning))

    # --- the header ---------------------------------------------------------------------------

    def header(self) -> tuple[int, dict[str, int]] | None:
        rows = self.grid.rows()
        if not rows:
            self.problem(self.grid.place(1, 1), "the sheet is empty: write a header row (Fase, Tittel, Eier, ...) and one row per step")
            return None
        known = columns.known_headers()
        # The header row: the first with two recognised headers (a title may stand above it), else the first.
        row = next((r for r in rows[:HEADER_SEARCH]
                    if sum(columns.normalise(t) in known for t in self.grid.row(r).values()) >= 2), rows[0])
        found: dict[str, int] = {}
        unread: list[tuple[int, str]] = []
        self.lang = columns.header_language(self.grid.row(row).values())
        for col, text in sorted(self.grid.row(row).items()):
            key = known.get(columns.normalise(text))
            place = self.grid.place(row, col)
            if key is None:
                unread.append((col, text))
            elif key in found:
                first = column_letter(found[key]) if place.sheet is not None else str(found[key])
                self.problem(place, f"a second column for '{columns.header(key, 'nb')}' (the first is column {first}): keep one")
            else:
                found[key] = col
        missing = [k for k in columns.REQUIRED if k not in found and not (k == "phase" and "phase_id" in found)]
        split = [k for k in columns.DATA_COLUMNS if k in found]
        if split and len(split) < len(columns.DATA_COLUMNS):
            missing += [k for k in columns.DATA_COLUMNS if k not in found]
        asked: set[int] = set()
        for key in missing:
            candidate = next(((c, t) for c, t in unread if c not in asked and columns.probably(t) == key), None)
            fix = "add it to the header row"
            if candidate is not None:
                asked.add(candidate[0])
                fix = (f"is '{terminal(candidate[1])}' (column {self._column(candidate[0])}) the {_NOUNS.get(key, key)}? "
                       f"rename its header to '{columns.header(key, 'nb')}'")
            self.problem(self.grid.place(row, candidate[0] if candidate else 1),
                         f"no column for '{columns.header(key, 'nb')}' ('{columns.header(key, 'en')}'): {fix}")
        self.unread(row, [(c, t) for c, t in unread if c not in asked], found)
        return row, found

    def named(self, key: str) -> str:
        """ in 'Eier': a step column as the sheet's header row names it."""
        return f" in '{columns.header(key, self.lang)}'"

    def _column(self, col: int) -> str:
        return column_letter(col) if self.grid.origin.sheet is not None else str(col)

    def unread(self, row: int, unread: list[tuple[int, str]], found: dict[str, int]) -> None:
        """One warning for every column not read, with a fix for a header that probably means a column
        not there, or is a column's header misspelt; nothing that would read notes as something else."""
        if not unread:
            return
        shown = []
        for col, text in unread:
            key = columns.probably(text)
            hint = ""
            if key is not None and key not in found:
                hint = f": if it is the {_NOUNS.get(key, key)}, rename it '{columns.header(key, 'nb')}'{_FORMS.get(key, '')}"
            else:
                near = _misspelt(text)
                if near is not None and near not in found:
                    hint = f": rename it '{columns.header(near, 'nb')}' if that is what it is"
            shown.append(f"'{terminal(text)}' ({self._column(col)}){hint}")
        what = "column" if len(shown) == 1 else "columns"
        self.problem(self.grid.place(row, unread[0][0]),
                     f"{what} not read, passed over with everything in {'it' if len(shown) == 1 else 'them'}: "
                     + "; ".join(shown), warning=True)

    # --- the journey --------------------------------------------------------------------------

    def run(self, details: Details, default_id: str) -> Converted:
        head = self.header()
        header_row, cols = head if head is not None else (0, {})
        read_columns = frozenset(cols.values())
        if head is None or any(not p.warning for p in self.problems):  # a required column is missing: each row would say so
            return Converted(None, self.places, (*self.problems, *self.own.problems), header_row=header_row, read_columns=read_columns, lang=self.lang)
        # A row with nothing of its own in the columns read (only notes beside them, or only a phase
        # merged down over it) is not a step.
        read = set(cols.values())
        rows = [r for r in self.grid.rows() if r > header_row and any(self.grid.written(r, c) for c in read)]
        if not rows:
            self.problem(self.grid.place(header_row + 1, 1), "the sheet has no steps: write one row per step under the header")
        self.owner_example = self.example_owner(rows, cols)
        drafts = [self.step(index, row, cols) for index, row in enumerate(rows)]
        phases = self.phases(rows, cols, drafts)
        ids = self.step_ids(rows, cols, drafts)
        for index, (row, draft) in enumerate(zip(rows, drafts)):
            draft["id"], draft["phase"] = ids[index], phases[1][index]
            self.after(row, cols, draft, ids, drafts, rows)
        self.problems += self.own.problems
        figures = read_figures(details.figures, details.prerequisites, [(d["id"], d["title"]) for d in drafts], self.actors, self.items, self.lang)
        self.problems += figures.problems
        self.places.update(figures.places)
        for index, effort in figures.efforts:
            drafts[index]["effort"] = effort
        journey = self.journey(details, default_id, phases[0], drafts)
        if journey is not None:
            journey = attrs.evolve(journey, people_per_year=figures.people_per_year, prerequisites=figures.prerequisites)
        if any(not p.warning for p in self.problems) or journey is None:
            return Converted(None, self.places, tuple(self.problems), header_row=header_row, read_columns=read_columns, lang=self.lang)
        return Converted(journey, self.places, tuple(self.problems), header_row=header_row, read_columns=read_columns, lang=self.lang)

    def journey(self, details: Details, default_id: str, phases: list[Phase], drafts: list[dict[str, Any]]) -> Journey | None:
        journey_id = details.journey[0] if details.journey else default_id
        if ID_PATTERN.fullmatch(journey_id) is None:
            fix = id_from(journey_id) or "reise"
            place = details.journey[1] if details.journey else self.grid.place(1, 1)
            self.problem(place, f"'{terminal(journey_id)}' is not a journey id: use lowercase letters, digits, '-' or '_', "
                                f"e.g. '{fix}' (or give one with --id)")
        event = None
        if details.life_event:
            text, place = details.life_event
            event = next((e for e in LifeEvent if e.value.casefold() == " ".join(text.split()).casefold()), None)
            if event is None:
                events = [e.value for e in LifeEvent]
                self.problem(place, f"unknown life event '{terminal(text)}'{did_you_mean(text, events)}")
        state = self.state(details)
        for key, path in (("journey", ("journey",)), ("life_event", ("life_event",)), ("title", ("title",)),
                          ("state", ("state",)), ("improves", ("improves",)),
                          ("persona", ("persona", "name")), ("situation", ("persona", "situation")),
                          ("goals", ("goals",)), ("lanes", ("lanes",)), ("own_organisations", ("own_organisations",))):
            given = getattr(details, key)
            if given:
                self.places[path] = given[1]
        lanes = []
        if details.lanes:
            for name in columns.split_ids(details.lanes[0]):
                found = self.find(self.actors, name, details.lanes[1])
                if found:
                    lanes.append(found)
        own_organisations = []
        if details.own_organisations:
            for name in columns.split_ids(details.own_organisations[0]):
                found = self.find(self.actors, name, details.own_organisations[1])
                if found:
                    own_organisations.append(found)
        if event is None or state is None or any(not p.warning for p in self.problems):
            return None
        persona = None
        if details.persona or details.situation:
            persona = Persona(details.persona[0] if details.persona else "", details.situation[0] if details.situation else "")
        return Journey(
            journey=journey_id, life_event=event, title=details.title[0] if details.title else event.value,
            phases=tuple(phases), steps=tuple(Step(**{k: v for k, v in d.items() if not k.startswith("_")}) for d in drafts),
            persona=persona, goals=tuple(columns.split_lines(details.goals[0])) if details.goals else (),
            lanes=tuple(lanes), actors=self.own.actors, data_items=self.own.data_items, state=state,
            improves=details.improves[0] if details.improves else None, own_organisations=tuple(own_organisations),
        )

    def state(self, details: Details) -> JourneyState | None:
        if details.state is None:
            return JourneyState.AS_IS
        text, place = details.state
        state = next((s for s in JourneyState if s.value == " ".join(text.split()).casefold()), None)
        if state is None:
            states = [s.value for s in JourneyState]
            self.problem(place, f"unknown state '{terminal(text)}'{did_you_mean(text, states)}: use as-is (today) or to-be (a proposed journey)")
        return state

    # --- one row ------------------------------------------------------------------------------

    def step(self, index: int, row: int, cols: dict[str, int]) -> dict[str, Any]:
        at = ("steps", index)
        self.places[at] = self.grid.place(row, cols["id"] if self.grid.row(row).get(cols.get("id", 0)) else cols.get("title", 1))
        self.places[at + ("phase",)] = self.grid.place(row, cols.get("phase", cols.get("phase_id", 1)))
        cells = self.grid.row(row)

        def cell(key: str) -> tuple[str, Place] | None:
            col = cols.get(key)
            if col is None or not cells.get(col, "").strip():
                return None
            place = self.grid.place(row, col)
            field = {"asks": "asks_user", "with": "with", "data_item": "data"}.get(key, key)
            self.places.setdefault(at + (field,), place)
            return cells[col].strip(), place

        draft: dict[str, Any] = {"_row": row}
        title = cell("title")
        if title is None:
            self.problem(self.grid.place(row, cols.get("title", 1)), "the step has no title: write what happens, in the user's words")
        draft["title"] = title[0] if title else ""
        owner = cell("owner")
        if owner is None:
            self.problem(self.grid.place(row, cols.get("owner", 1)),
                         f"'{columns.header('owner', self.lang)}' is empty: type the id or name of the one actor that owns "
                         f"the step{self.owner_example}")
        draft["owner"] = (self.find(self.actors, owner[0], owner[1], "owner") if owner else None) or ""
        found = cell("with")
        draft["with_"] = tuple(x for x in (self.find(self.actors, n, found[1], "with") for n in columns.split_ids(found[0])) if x) if found else ()
        found = cell("channel")
        draft["channel"] = self.channel(*found) if found else None
        found = cell("emotion")
        draft["emotion"] = self.emotion(*found) if found else None
        found = cell("description")
        draft["description"] = found[0] if found else None
        for key in columns.TEXT_LISTS:
            found = cell(key)
            draft[key] = tuple(columns.split_lines(found[0])) if found else ()
        found = cell("asks")
        draft["asks_user"] = tuple(x for x in (self.find(self.items, n, found[1], "asks") for n in columns.split_ids(found[0])) if x) if found else ()
        draft["data"] = self.data(cell)
        draft["_after"] = cell("after")
        found = cell("referred_by")
        if found is None:
            draft["referred_by"] = None
        elif found[0].casefold() in columns.none_markers():
            draft["referred_by"] = ()
        else:
            draft["referred_by"] = tuple(columns.split_ids(found[0]))
        found = cell("replaces")
        draft["replaces"] = tuple(columns.split_ids(found[0])) if found else ()
        return draft

    def example_owner(self, rows: list[int], cols: dict[str, int]) -> str:
        """", e.g. 'Nav' as on row 3": the first owner on the sheet that names a known actor, or nothing."""
        for row in rows:
            text = self.grid.row(row).get(cols["owner"], "").strip()
            if text and self.actors.find(text)[0] is not None:
                return f", e.g. '{terminal(text)}' as on row {row}"
        return ""

    def find(self, names: Names, text: str, place: Place, column: str | None = None) -> str | None:
        found, problem = names.find(text, self.named(column) if column else "")
        if problem:
            self.problem(place, problem)
        return found

    def channel(self, text: str, place: Place) -> Channel | None:
        channel = CHANNEL_WORDS.get(text.casefold())
        if channel is None:
            self.problem(place, f"unknown channel '{terminal(text)}'{did_you_mean(text, [c.value for c in Channel])}: "
                                f"use {', '.join(c.value for c in Channel)}")
        return channel

    def emotion(self, text: str, place: Place) -> int | None:
        try:
            value = float(text.replace(",", ".").replace("−", "-"))
        except ValueError:
            value = None
        if value is None or not value.is_integer() or not -2 <= value <= 2:
            self.problem(place, f"emotion '{terminal(text)}' is not a whole number from -2 (very hard) to 2 (very good)")
            return None
        return int(value)

    def data(self, cell: Any) -> tuple[DataFlow, ...]:
        flows: list[DataFlow] = []
        written = cell("data")
        if written:
            for line in [p.strip() for p in written[0].replace(";", "\n").splitlines() if p.strip()]:
                parsed = columns.parse_flow(line)
                if parsed is None:
                    self.problem(written[1], f"'{terminal(line)}' is not of the form 'item: from → to (how)', "
                                             "e.g. 'inntekt: skatteetaten → nav (automatisk)'")
                    continue
                flows += self.flow(*parsed, written[1])
        parts = [cell(k) for k in columns.DATA_COLUMNS]
        if any(parts):
            lines = [columns.split_lines(p[0]) if p else [] for p in parts]
            place = next(p[1] for p in parts if p)
            if len({len(x) for x in lines}) != 1:
                self.problem(place, "the four data columns must have as many lines each: one line per data flow")
            else:
                for item, from_, to, how in zip(*lines):
                    flows += self.flow(item, from_, to, how, place)
        return tuple(flows)

    def flow(self, item: str, from_: str, to: str, how: str | None, place: Place) -> list[DataFlow]:
        found = [self.find(self.items, item, place), self.find(self.actors, from_, place), self.find(self.actors, to, place)]
        transfer = columns.transfer_words().get((how or "").casefold())
        if transfer is None:
            words = ", ".join(columns.transfer_word(t, "nb") for t in Transfer)
            self.problem(place, f"say how '{terminal(item)}' travels: end the line with ({words})" if how is None
                         else f"unknown way '{terminal(how)}' for data to travel: use {words}")
        if None in found or transfer is None:
            return []
        return [DataFlow(found[0], found[1], found[2], transfer)]  # type: ignore[arg-type]  # `None in found` is checked above

    # --- across rows --------------------------------------------------------------------------

    def phases(self, rows: list[int], cols: dict[str, int], drafts: list[dict[str, Any]]) -> tuple[list[Phase], list[str]]:
        """The phases in order of first appearance, and each row's phase id."""
        keys: dict[str, tuple[str | None, str, Place]] = {}  # key -> (given id, title, first place)
        row_keys: list[str] = []
        for row, _draft in zip(rows, drafts):
            cells = self.grid.row(row)
            title = cells.get(cols.get("phase", 0), "").strip()
            given = cells.get(cols.get("phase_id", 0), "").strip() or None
            place = self.grid.place(row, cols.get("phase", cols.get("phase_id", 1)))
            if not title and not given:
                self.problem(place, "the step has no phase: name the phase it belongs to")
            key = given or " ".join(title.split()).casefold()
            first = keys.setdefault(key, (given, title or given or "", place))
            if given and title and first[1] != title:
                self.problem(place, f"phase '{terminal(given)}' is titled '{terminal(first[1])}' on an earlier row: use one title")
            if given and ID_PATTERN.fullmatch(given) is None:
                self.problem(self.grid.place(row, cols["phase_id"]), f"phase id '{terminal(given)}' must be lowercase letters, "
                                                                     f"digits, '-' or '_' — try '{id_from(given) or 'fase'}'")
            row_keys.append(key)
        taken = {given for given, _, _ in keys.values() if given}
        ids: dict[str, str] = {}
        phases = []
        for key, (given, title, _) in keys.items():
            ids[key] = given or _unique(id_from(title, ID_LIMIT) or "fase", taken)
            phases.append(Phase(ids[key], title))
        for index, key in enumerate(row_keys):
            self.places.setdefault(("phases", list(keys).index(key)), self.grid.place(rows[index], cols.get("phase", cols.get("phase_id", 1))))
        return phases, [ids[k] for k in row_keys]

    def step_ids(self, rows: list[int], cols: dict[str, int], drafts: list[dict[str, Any]]) -> list[str]:
        given: list[str | None] = []
        first: dict[str, int] = {}
        for row in rows:
            text = self.grid.row(row).get(cols.get("id", 0), "").strip() or None
            if text is not None:
                place = self.grid.place(row, cols["id"])
                if ID_PATTERN.fullmatch(text) is None:
                    self.problem(place, f"step id '{terminal(text)}' must be lowercase letters, digits, '-' or '_' — "
                                        f"try '{id_from(text) or 'steg'}', or leave it empty to make it from the title")
                elif text in first:
                    self.problem(place, f"step id '{text}'{self.named('id')} is also on row {first[text]}: ids must be unique; "
                                        "type another, or empty the cell to make one from the title")
                first.setdefault(text, row)
            given.append(text)
        taken = {g for g in given if g}
        return [g or _unique(id_from(d["title"], ID_LIMIT) or "steg", taken) for g, d in zip(given, drafts)]

    def after(self, row: int, cols: dict[str, int], draft: dict[str, Any], ids: list[str], drafts: list[dict[str, Any]], rows: list[int]) -> None:
        written = draft.pop("_after")
        draft.pop("_row")
        if written is None:
            draft["after"] = None
            return
        text, place = written
        if text.casefold() in columns.none_markers():
            draft["after"] = ()
            return
        titles: dict[str, list[int]] = {}
        for index, d in enumerate(drafts):
            titles.setdefault(" ".join(d["title"].split()).casefold(), []).append(index)
        found = []
        for name in columns.split_ids(text):
            if name in ids:
                found.append(name)
                continue
            matches = titles.get(" ".join(name.split()).casefold(), [])
            if len(matches) == 1:
                found.append(ids[matches[0]])
            elif matches:
                self.problem(place, f"several steps are titled '{terminal(name)}' (rows {', '.join(str(rows[i]) for i in matches)}): "
                                    "give the step's id instead")
            else:
                marker = columns.label("none", self.lang)
                self.problem(place, f"unknown step '{terminal(name)}'{self.named('after')}"
                                    f"{did_you_mean(name, [*ids, *(d['title'] for d in drafts)])}: type the id or title of "
                                    f"the step it comes after, or {marker} when it comes after none")
        draft["after"] = tuple(found)


_FORMS = {"data": " and write each flow 'item: from → to (how)', e.g. 'inntekt: skatteetaten → nav (automatisk)'"}
_NOUNS = {"owner": "owner (Eier)", "title": "title (Tittel)", "phase": "phase (Fase)", "data": "data shared (Data)"}


def _misspelt(text: str) -> str | None:
    """The column whose header `text` is a misspelling of ('Tittle' -> 'title'): close letter for letter,
    so that a header of its own ('Notater') is never taken for another ('Etter')."""
    import difflib

    names = {columns.normalise(columns.header(k, lang)): k for lang in columns.LANGS
             for k in (*columns.STEP_COLUMNS, *columns.DATA_COLUMNS)}
    match = difflib.get_close_matches(columns.normalise(text), list(names), n=1, cutoff=0.8)
    return names[match[0]] if match else None


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate
