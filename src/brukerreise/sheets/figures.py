"""The figures for gains and a to-be journey's prerequisites, read from the sheets "Tall for gevinster" (one
row per figure: people a year, or a step's share, people, minutes and waiting days, and each actor's minutes)
and "Forutsetninger" (one row per prerequisite) that the export writes: every problem at its cell."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import attrs

from ..model import AgencyMinutes, Estimate, FlowRef, Prerequisite, StepEffort
from ..reading.suggest import did_you_mean, one_of
from ..reading.yamlsource import DataPath
from ..render import columns
from ..render.escaping import terminal
from .grid import Grid, Place, Problem
from .own import header_columns
from .resolve import Names

STEP_FIGURES = ("share", "people", "person_minutes", "waiting_days")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")


@attrs.frozen
class Figures:
    """What the two sheets hold: the journey's people a year, each step's effort (by the step's index),
    the prerequisites, where each came from, and the problems."""

    people_per_year: Estimate | None = None
    efforts: tuple[tuple[int, StepEffort], ...] = ()
    prerequisites: tuple[Prerequisite, ...] = ()
    places: tuple[tuple[DataPath, Place], ...] = ()
    problems: tuple[Problem, ...] = ()


def parse_number(text: str) -> float | None:
    """A figure as a person types it: '160 500', '1,5' (a decimal comma), '0.15', '15 %' (0.15), '−3'; None
    when it is not a number."""
    shown = _SPACES.sub("", text).replace("−", "-").replace("–", "-")
    percent = shown.endswith("%")
    shown = shown.removesuffix("%")
    if shown.count(",") == 1 and "." not in shown:
        shown = shown.replace(",", ".")
    try:
        value = float(shown)
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return value / 100 if percent else value


class _Reader:
    def __init__(self, steps: Sequence[tuple[str, str]], actors: Names, items: Names, lang: str) -> None:
        self.steps = steps
        self.lang = lang  # the workbook's: problems name columns and figures as it does
        self.actors = actors
        self.items = items
        self.places: list[tuple[DataPath, Place]] = []
        self.problems: list[Problem] = []

    def problem(self, place: Place, message: str) -> None:
        self.problems.append(Problem(place, message))

    def estimate(self, grid: Grid, row: int, cols: dict[str, int], prefix: str, at: DataPath, what: str) -> Estimate | None:
        """A figure from its four cells (likely, low, high, source), or None when all four are empty. A
        number cell that holds no number, and a range out of order, are problems at their cells."""
        cells = grid.row(row)
        found: dict[str, Any] = {}
        place_of: dict[str, Place] = {}
        for part in columns.ESTIMATE_PARTS:
            col = cols.get(prefix + part)
            text = cells.get(col, "").strip() if col is not None else ""
            if col is not None:
                place_of[part] = grid.place(row, col)
            if not text:
                continue
            if part == "source":
                found[part] = text
                continue
            value = parse_number(text)
            if value is None:
                header = grid.row(grid.rows()[0]).get(col or 0, part)
                self.problem(place_of[part], f"'{terminal(text)}' in '{terminal(header)}' is not a number: write a number "
                                             "(e.g. 30, 1,5 or 160 500), or leave the number cells empty and say in the "
                                             "source why there is no figure")
                found[part] = None
                continue
            found[part] = value
        if not found:
            return None
        numbers = [(part, found[part]) for part in ("low", "likely", "high") if found.get(part) is not None]
        if [v for _, v in numbers] != sorted(v for _, v in numbers):
            headers = {part: grid.row(grid.rows()[0]).get(cols.get(prefix + part, 0), part) for part in ("low", "likely", "high")}
            shown = ", ".join(f"{terminal(headers[part])} {_number(v)}" for part, v in numbers)
            wrong = next(p for (p, v), (_, w) in zip(numbers, numbers[1:]) if v > w)
            order = " ≤ ".join(f"'{terminal(headers[part])}'" for part in ("low", "likely", "high"))
            self.problem(place_of[wrong], f"{what}: {order} does not hold ({shown}): put them in order")
        first = next((place_of[p] for p in ("likely", "low", "high", "source") if p in found), place_of.get("likely"))
        if first is not None:
            self.places.append((at, first))
        for part in ("likely", "source"):  # where validate's problems of a figure without them are shown
            if part in place_of:
                self.places.append((at + (part,), place_of[part]))
        return Estimate(**{k: v for k, v in found.items()})

    # --- the sheet of figures ---------------------------------------------------------------------

    def figures(self, grid: Grid) -> tuple[Estimate | None, dict[int, dict[str, Any]]]:
        people: Estimate | None = None
        efforts: dict[int, dict[str, Any]] = {}
        header_row = grid.rows()[0]
        cols = header_columns(grid, header_row, columns.FIGURE_COLUMNS, self.problems)
        if "figure" not in cols:
            self.problem(grid.place(header_row, 1), f"no column for '{columns.label('fig_figure', 'nb')}' "
                                                    f"('{columns.label('fig_figure', 'en')}'): add it to the header row")
            return None, {}
        kinds = {columns.normalise(name): kind for kind in columns.FIGURE_KINDS
                 for name in (kind, *(columns.label(f"figure_{kind}", lang) for lang in columns.LANGS))}
        seen: dict[tuple[Any, ...], int] = {}
        for row in grid.rows()[1:]:
            cells = grid.row(row)
            read = [c for f, c in cols.items() if f != "step_title"]
            if not any(cells.get(c, "").strip() for c in read):
                continue
            text = cells.get(cols["figure"], "").strip()
            place = grid.place(row, cols["figure"])
            kind = kinds.get(columns.normalise(text))
            if kind is None:
                names = [columns.label(f"figure_{k}", self.lang) for k in columns.FIGURE_KINDS]
                self.problem(place, (f"unknown figure '{terminal(text)}'{did_you_mean(text, names)}" if text else "which figure is it?")
                             + f": write one of {one_of(names)}")
                continue
            step_text = cells.get(cols.get("step", 0), "").strip()
            step_place = grid.place(row, cols.get("step", cols["figure"]))
            actor = None
            if kind == "agency_minutes":
                actor_text = cells.get(cols.get("actor", 0), "").strip()
                actor_place = grid.place(row, cols.get("actor", cols["figure"]))
                if not actor_text:
                    self.problem(actor_place, "whose minutes are they? name the actor in the column "
                                              f"'{columns.label('fig_actor', self.lang)}'")
                    continue
                found, problem = self.actors.find(actor_text, f" in '{columns.label('fig_actor', self.lang)}'")
                if problem:
                    self.problem(actor_place, problem)
                    continue
                actor = found
            elif cells.get(cols.get("actor", 0), "").strip():
                self.problems.append(Problem(grid.place(row, cols["actor"]), "the actor is read only for "
                                             f"'{columns.label('figure_agency_minutes', self.lang)}': it is passed over here", warning=True))
            if kind == "people_per_year":
                if step_text:
                    self.problem(step_place, f"'{columns.label('figure_people_per_year', self.lang)}' is the journey's: leave the step empty, "
                                             f"or write '{columns.label('figure_people', self.lang)}' for the people reaching this step")
                    continue
                index = None
            else:
                index = self.step(step_text, step_place)
                if index is None:
                    continue
            key = (index, kind, actor)
            if key in seen:
                self.problem(place, f"this figure is also on row {seen[key]}: keep one row for it")
                continue
            seen[key] = row
            if index is None:
                people = self.estimate(grid, row, cols, "", ("people_per_year",), f"'{columns.label('figure_people_per_year', self.lang)}'")
                if people is None:
                    people = Estimate()
                    self.places.append((("people_per_year",), place))
                continue
            at: DataPath = ("steps", index, "effort", kind) if actor is None else ("steps", index, "effort", kind, actor)
            if actor is not None:  # where a problem with the actor (not with the minutes) is shown
                self.places.append((at + ("actor",), grid.place(row, cols["actor"])))
            value = self.estimate(grid, row, cols, "", at, f"'{columns.label(f'figure_{kind}', self.lang)}'")
            if value is None:
                value = Estimate()
                self.places.append((at, place))
            effort = efforts.setdefault(index, {"agency_minutes": []})
            self.places.append((("steps", index, "effort"), place))
            if actor is None:
                effort[kind] = value
            else:
                effort["agency_minutes"].append(AgencyMinutes(actor, value))
        return people, efforts

    def step(self, text: str, place: Place) -> int | None:
        if not text:
            self.problem(place, "which step is it? write the step's id (or title); leave it empty only for "
                                f"'{columns.label('figure_people_per_year', self.lang)}'")
            return None
        ids = [s for s, _ in self.steps]
        if text in ids:
            return ids.index(text)
        titles = [i for i, (_, title) in enumerate(self.steps) if " ".join(title.split()).casefold() == " ".join(text.split()).casefold()]
        if len(titles) == 1:
            return titles[0]
        if titles:
            self.problem(place, f"several steps are titled '{terminal(text)}': write the step's id")
        else:
            self.problem(place, f"unknown step '{terminal(text)}'{did_you_mean(text, ids)}: write the id of a step on the sheet of steps")
        return None

    # --- the sheet of prerequisites -----------------------------------------------------------------

    def prerequisites(self, grid: Grid) -> list[Prerequisite]:
        found: list[Prerequisite] = []
        header_row = grid.rows()[0]
        cols = header_columns(grid, header_row, columns.PREREQUISITE_COLUMNS, self.problems)
        if "title" not in cols:
            self.problem(grid.place(header_row, 1), f"no column for '{columns.label('need_title', 'nb')}' "
                                                    f"('{columns.label('need_title', 'en')}'): add it to the header row")
            return []
        for row in grid.rows()[1:]:
            cells = grid.row(row)
            if not any(cells.get(c, "").strip() for c in cols.values()):
                continue
            at: DataPath = ("prerequisites", len(found))
            start = len(self.problems)
            title = cells.get(cols["title"], "").strip()
            self.places.append((at, grid.place(row, cols["title"])))
            if not title:
                self.problem(grid.place(row, cols["title"]), "the prerequisite has no title: say in a few words what must be built or changed")
            values: dict[str, Any] = {"title": title}
            for key in ("built_by", "run_by"):
                text = cells.get(cols.get(key, 0), "").strip()
                if text:
                    place = grid.place(row, cols[key])
                    self.places.append((at + (key,), place))
                    actor, problem = self.actors.find(text, f" in '{columns.label(f'need_{key}', self.lang)}'")
                    if problem:
                        self.problem(place, problem)
                    values[key] = actor
            text = cells.get(cols.get("rule_change", 0), "").strip()
            if text:
                self.places.append((at + ("rule_change",), grid.place(row, cols["rule_change"])))
                values["rule_change"] = text
            values["flows"] = self.flows(cells.get(cols.get("flows", 0), ""), grid.place(row, cols.get("flows", 1)), at)
            for cost in ("one_time", "yearly"):
                values[cost] = self.estimate(grid, row, cols, f"{cost}_", at + (cost,), f"'{columns.label(f'need_{cost}_likely', self.lang)}'")
            if len(self.problems) == start:
                found.append(Prerequisite(**values))
            else:
                found.append(Prerequisite(title=title))  # keeps the places of the rows below right
        return found

    def flows(self, text: str, place: Place, at: DataPath) -> tuple[FlowRef, ...]:
        found: list[FlowRef] = []
        for line in columns.split_lines(text.replace(";", "\n")):
            parsed = columns.parse_flow(line)
            if parsed is None or parsed[3] is not None and columns.transfer_words().get(parsed[3].casefold()) is None:
                self.problem(place, f"'{terminal(line)}' is not of the form 'item: from → to', e.g. 'inntekt: skatteetaten → nav'")
                continue
            names = [self.items.find(parsed[0]), self.actors.find(parsed[1]), self.actors.find(parsed[2])]
            for _, problem in names:
                if problem:
                    self.problem(place, problem)
            if all(n[0] for n in names):
                self.places.append((at + ("flows", len(found)), place))
                found.append(FlowRef(*(str(n[0]) for n in names)))
        return tuple(found)


def read_figures(figures: Grid | None, prerequisites: Grid | None, steps: Sequence[tuple[str, str]],
                 actors: Names, items: Names, lang: str = "nb") -> Figures:
    """The figures and prerequisites of the two sheets (either may be missing). `steps`: each step's id and
    title, in the journey's order."""
    reader = _Reader(steps, actors, items, lang)
    people, efforts = reader.figures(figures) if figures is not None and figures.rows() else (None, {})
    needs = reader.prerequisites(prerequisites) if prerequisites is not None and prerequisites.rows() else []
    made = tuple((i, StepEffort(**{**e, "agency_minutes": tuple(e["agency_minutes"])})) for i, e in sorted(efforts.items()))
    return Figures(people, made, tuple(needs), tuple(reader.places), tuple(reader.problems))


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)
