"""`brukerreise import`: a sheet of steps (XLSX or CSV) into a commented journey that validates. Every
problem is reported at its cell, all at once; nothing is written unless the whole sheet converts, and an
existing file is never replaced."""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import attrs

from ..errors import UsageError
from ..model import Journey, JourneyState, LifeEvent, is_public
from ..output import write_new
from ..reading.figures import NO_SOURCE
from ..reading.issues import Issue, Severity, display_path
from ..reading.loading import load
from ..reading.suggest import did_you_mean, id_from, one_of
from ..reading.validation import ID_PATTERN, validate
from ..reading.yamlsource import DataPath
from ..render import columns
from .convert import Converted, Details, convert, read_details
from .emit import journey_yaml
from ..render.escaping import terminal
from .grid import Grid, Place, Problem, SheetError, open_workbook, read_csv, read_sheet
from .own import read_own
from .resolve import Names
from .wording import reword

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")


@attrs.frozen
class Request:
    file: Path
    out_dir: Path
    journey_id: str | None = None
    life_event: str | None = None
    title: str | None = None
    sheet: str | None = None
    actors: Path | None = None
    data_items: Path | None = None
    own_organisations: str | None = None  # actor ids or names, split as in a cell


def registry_paths(folder: Path, actors: Path | None, data_items: Path | None) -> list[Path]:
    """The actor registry (required) and the data item registry (if there is one)."""
    def beside(stems: tuple[str, ...]) -> Path | None:
        return next((folder / f"{s}{x}" for s in stems for x in (".yaml", ".yml") if (folder / f"{s}{x}").is_file()), None)

    actors = actors or beside(("actors",))
    if actors is None:
        raise UsageError(f"no actors.yaml in {folder}: name the actor registry with --actors FILE")
    data_items = data_items or beside(("data-items", "data_items"))
    return [p for p in (actors, data_items) if p is not None]


def load_registries(paths: list[Path]) -> tuple[dict, dict] | None:
    """The actors and data items, or None (after printing them) when the registries have errors."""
    for path in paths:
        if not path.is_file():
            raise UsageError(f"{path}: no such file")
    workspace = load(paths)
    errors = [i for i in validate(workspace) if i.is_error]
    for issue in errors:
        print(issue, file=sys.stderr)
    if errors:
        return None
    return {k: v.value for k, v in workspace.actors.items()}, {k: v.value for k, v in workspace.data_items.items()}


def import_sheet(request: Request) -> bool:
    """Convert and write; True when the journey was written. Problems go to standard error."""
    source = request.file
    if source.is_dir():
        raise UsageError(f"{source}: is a folder: name a sheet of steps (.xlsx or .csv)")
    if not source.is_file():
        raise UsageError(f"{source}: no such file")
    suffix = source.suffix.lower()
    if suffix not in WORKBOOK_SUFFIXES + CSV_SUFFIXES:
        raise UsageError(f"{source}: import reads a workbook (.xlsx) or a CSV file (.csv)")
    shown = display_path(source)
    stem = source.stem.removesuffix(".steps")  # the CSV `export` writes is named <id>.steps.csv
    journey_id = request.journey_id or id_from(stem) or "reise"
    registries = registry_paths(request.out_dir, request.actors, request.data_items)
    loaded = load_registries(registries)
    if loaded is None:
        return False
    try:
        grid, details, problems = _read(source, shown, suffix, request.sheet)
    except SheetError as exc:
        print(exc.problem, file=sys.stderr)
        return _nothing_written(1)
    details = _with_options(details, request, grid.origin, loaded[0])
    target = request.out_dir / f"{(details.journey[0] if details.journey else journey_id)}.yaml"
    if target.exists():
        raise UsageError(f"{target}: already exists; refusing to overwrite it (give another --id or remove the file)")
    converted = convert(grid, details, *loaded, journey_id)
    if converted.journey is not None:
        taken = _journey_file(request.out_dir, converted.journey.id)
        if taken is not None:
            raise UsageError(f"{display_path(taken)} already holds the journey '{converted.journey.id}': "
                             "give the new one another id with --id")
    # Cells above the header row (a title, a date) and in columns not read (notes) are passed over, and
    # so are their problems: the warning on the header row says once which columns were not read.
    problems = [p for p in problems if p.place.sheet != grid.origin.sheet or p.place.file != grid.origin.file
                or not converted.header_row or converted.reads(p.place)]
    found = sorted([*problems, *converted.problems], key=_order)
    errors = [p for p in found if not p.warning]
    if errors or converted.journey is None:
        for problem in found:
            print(problem, file=sys.stderr)
        return _nothing_written(len(errors))
    return _write(converted, found, grid.origin, target, request.out_dir, registries)


def _write(converted: Converted, found: list[Problem], origin: Place, target: Path, out_dir: Path, registries: list[Path]) -> bool:
    """Validate the journey as it will be written (each problem at its cell), and write it if it has no error."""
    assert converted.journey is not None
    shown = origin.file
    header = [f"Imported by `brukerreise import` from {terminal(shown)}" + (f" (sheet '{terminal(origin.sheet)}')" if origin.sheet else "") + ".",
              f"Check it with: brukerreise validate {target.as_posix()}"]
    from ..starter import schema_reference

    notes = [_row_note(converted.places[("steps", i)]) for i in range(len(converted.journey.steps))]
    text, paths = journey_yaml(converted.journey, header, schema_reference(out_dir), notes)
    issues = _validate_beside(text, target, converted.journey, registries, paths)
    reported = [*found, *sorted((_at_cell(i, paths, converted, target) for i in issues), key=_order)]
    for problem in reported:
        print(problem, file=sys.stderr)
    if any(i.is_error for i in issues):
        return _nothing_written(sum(1 for i in issues if i.is_error))
    try:
        write_new(target, text.encode("utf-8"))
    except FileExistsError:
        raise UsageError(f"{target}: already exists; refusing to overwrite it") from None
    steps, phases = len(converted.journey.steps), len(converted.journey.phases)
    print(f"wrote {target} ({steps} step{'s' * (steps != 1)}, {phases} phase{'s' * (phases != 1)}): "
          f"check it with 'brukerreise validate {target}'", file=sys.stderr)
    return True


_JOURNEY_LINE = re.compile(r"^journey:\s*['\"]?([a-z0-9_-]+)['\"]?\s*(?:#.*)?$", re.M)


def _journey_file(folder: Path, journey_id: str) -> Path | None:
    """A journey file in `folder` that already has this id (outputs are named by id: ids are unique)."""
    if not folder.is_dir():
        return None
    for path in sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()):
        try:
            with path.open("rb") as stream:
                head = stream.read(65_536).decode("utf-8", "replace")
        except OSError:
            continue
        if any(m.group(1) == journey_id for m in _JOURNEY_LINE.finditer(head)):
            return path
    return None


def _row_note(place: Place) -> str:
    return f"row {place.row}" if place.sheet is not None else f"line {place.line or place.row}"


def _order(problem: Problem) -> tuple[str, int, int]:
    return problem.place.sheet or "", problem.place.row, problem.place.col


def _nothing_written(errors: int) -> bool:
    print(f"nothing written: fix the {errors} error{'s' * (errors != 1)} above", file=sys.stderr)
    return False


def _read(source: Path, shown: str, suffix: str, sheet_name: str | None) -> tuple[Grid, Details, list[Problem]]:
    if suffix in CSV_SUFFIXES:
        grid, problems = read_csv(source, shown)
        return grid, Details(), problems
    book = open_workbook(source, shown)
    try:
        names = list(book.sheetnames)
        sheet = _choose(book, names, sheet_name, "sheet_steps")
        if sheet is None:
            shown_names = [terminal(n) for n in names]  # a workbook's sheet names are the user's text too
            raise SheetError(Problem(Place(shown, None, 1, 1, 1), f"there is no sheet '{terminal(sheet_name or '')}'"
                                     f"{did_you_mean(terminal(sheet_name or ''), shown_names)} (the sheets: {one_of(shown_names)})"))
        grid, problems = read_sheet(sheet, shown)
        details = Details()
        about = _choose(book, names, None, "sheet_about")
        if about is not None and about.title != sheet.title:
            about_grid, about_problems = read_sheet(about, shown)
            problems += about_problems
            details = read_details(about_grid)
        more: dict[str, Grid | None] = {}
        for key in ("sheet_own_actors", "sheet_own_items", "sheet_figures", "sheet_prerequisites"):
            found = _choose(book, names, None, key)
            more_grid, more_problems = read_sheet(found, shown) if found is not None and found.title != sheet.title else (None, [])
            problems += more_problems
            more[key] = more_grid
        details = attrs.evolve(details, own=read_own(more["sheet_own_actors"], more["sheet_own_items"]),
                               figures=more["sheet_figures"], prerequisites=more["sheet_prerequisites"])
    finally:
        book.close()
    return grid, details, problems


def _choose(book, names: list[str], given: str | None, key: str):
    if given is not None:
        return book[given] if given in names else None
    for lang in columns.LANGS:
        wanted = columns.normalise(columns.label(key, lang))
        for name in names:
            if columns.normalise(name) == wanted:
                return book[name]
    return book.worksheets[0] if key == "sheet_steps" and book.worksheets else None


def _with_options(details: Details, request: Request, origin: Place, actors: dict) -> Details:
    """The command line's id, life event, title and own organisations over the sheet's. An option is not a
    place in the sheet: what is wrong with one is a usage error that names the option."""
    given = {}
    if request.journey_id:
        if ID_PATTERN.fullmatch(request.journey_id) is None:
            raise UsageError(f"argument --id: '{terminal(request.journey_id)}' is not a journey id: use lowercase letters, "
                             f"digits, '-' or '_', e.g. '{id_from(request.journey_id) or 'reise'}'")
        given["journey"] = (request.journey_id, origin)
    if request.life_event:
        events = [e.value for e in LifeEvent]
        event = next((e for e in events if e.casefold() == " ".join(request.life_event.split()).casefold()), None)
        if event is None:
            raise UsageError(f"argument --life-event: unknown life event '{terminal(request.life_event)}'"
                             f"{did_you_mean(request.life_event, events)} (one of {one_of(events)})")
        given["life_event"] = (event, origin)
    if request.title:
        given["title"] = (request.title, origin)
    if request.own_organisations:
        given["own_organisations"] = (", ".join(_own_organisations(request.own_organisations, details, actors)), origin)
    details = attrs.evolve(details, **given)  # type: ignore[arg-type]  # (str, Place) fields only, never `own`
    if details.life_event is None:
        events = [e.value for e in LifeEvent]
        sheets = " / ".join(f"'{name}'" for name in dict.fromkeys(columns.label("sheet_about", lang) for lang in columns.LANGS))
        where = f" or on the sheet {sheets}" if request.file.suffix.lower() in WORKBOOK_SUFFIXES else ""
        raise UsageError(f"{request.file}: say which life event the journey belongs to: --life-event 'Få barn'{where} "
                         f"(one of {one_of(events)})")
    return details


def _own_organisations(text: str, details: Details, registry: dict) -> list[str]:
    """The ids of the actors `--own-organisations` names (by id or name, as in a cell), each an organisation
    the user runs: neither a person nor a public body."""
    actors = {**{a.id: a for a in details.own.actors}, **registry}
    names = Names(actors, "actor", ("short", "name"))
    found, problems = [], []
    for name in columns.split_ids(text):
        actor_id, problem = names.find(name)
        if actor_id is not None and (actors[actor_id].is_person or is_public(actor_id, actors)):
            what = "a person" if actors[actor_id].is_person else "a public body"
            problem = (f"'{terminal(name)}' is {what}: the option names the organisations the user runs "
                       "(the club, their company); leave it out")
        if problem is not None:
            problems.append(problem)
        elif actor_id is not None:
            found.append(actor_id)
    if problems:
        raise UsageError("argument --own-organisations: " + "; ".join(problems))
    return found


def _validate_beside(text: str, target: Path, journey: Journey, registries: list[Path], paths: list[DataPath]) -> list[Issue]:
    """Validate the journey beside the registries and, for a to-be journey, the as-is journey it improves
    (found in the output folder by its id: when it is not there, import says so in its own words)."""
    improves = journey.improves
    improved = _journey_file(target.parent, improves) if improves else None
    issues = _validate_text(text, target.name, [*registries, *([improved] if improved else [])])
    if improves is None or improved is not None or improves == journey.id or journey.state is not JourneyState.TO_BE:
        return issues
    line = paths.index(("improves",)) + 1
    return [*(i for i in issues if i.line != line), Issue(
        display_path(target), line, 1, Severity.ERROR,
        f"unknown journey '{terminal(improves)}': no journey in {terminal(display_path(target.parent))} has this id; "
        "import (or copy) the as-is journey it improves there first, or correct the id")]


def _validate_text(text: str, name: str, registries: list[Path]) -> list[Issue]:
    """Validate the journey as it will be written, beside the registries it refers to (and the as-is
    journey it improves, for a to-be journey)."""
    with tempfile.TemporaryDirectory(prefix="brukerreise-import-") as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        shown = display_path(path)
        workspace = load([path, *registries])
        return [i for i in validate(workspace) if i.file == shown]


def _at_cell(issue: Issue, paths: list[DataPath], converted: Converted, target: Path) -> Problem:
    """A problem validate found in the journey, at the cell it came from (or in the file to be written)."""
    path = paths[issue.line - 1] if 0 < issue.line <= len(paths) else ()
    if path[-1:] in (("low",), ("likely",), ("high",), ("source",)) and ("effort" in path or path[0] in ("people_per_year", "prerequisites")):
        path = path[:-1]  # a line of a figure: the figure (its problems are placed below, by what they say)
    while path and path not in converted.places:
        path = path[:-1]
    place = converted.places.get(path) if path else None
    if issue.message.endswith(NO_SOURCE) and path + ("source",) in converted.places:
        place = converted.places[path + ("source",)]  # a figure without a source: at its empty source cell
    elif "but no 'likely'" in issue.message and path + ("likely",) in converted.places:
        place = converted.places[path + ("likely",)]  # a range without its likely value: at the empty cell
    elif path + ("actor",) in converted.places and not issue.message.startswith("the minutes of "):
        place = converted.places[path + ("actor",)]  # a problem with an actor's minutes that is the actor's: at its cell
    if place is None:  # not from a cell: said of the file to be written, in its YAML words
        return Problem(Place(display_path(target), None, issue.line, issue.col, issue.line), issue.message, warning=not issue.is_error)
    return Problem(place, reword(issue.message, path, converted.lang), warning=not issue.is_error)
