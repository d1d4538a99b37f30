"""`brukerreise template`: an XLSX workbook to collect a journey's steps in: the columns the import
reads, a filled example row, drop-down lists of the registry's actors, the channels and the emotions, a
sheet for the journey as a whole, a sheet for the figures for gains (optional), and a sheet that explains
each column in plain Norwegian."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ..errors import UsageError
from ..render.labels import Labels, labels as load_labels
from ..export.spreadsheet.tables import Choice, Table
from ..export.spreadsheet.xlsx import workbook
from ..model import Actor, Channel, DataItem, LifeEvent, Transfer
from ..output import write_new
from ..render import columns
from .importer import load_registries, registry_paths

REQUIRED = set(columns.REQUIRED)


def write_template(target: Path, folder: Path, actors: Path | None, data_items: Path | None, lang: str) -> Path:
    if target.exists():
        raise UsageError(f"{target}: already exists; refusing to overwrite it (choose another name with -o)")
    loaded = load_registries(registry_paths(folder, actors, data_items))
    if loaded is None:
        raise UsageError("the registries have errors (above): fix them first")
    try:
        write_new(target, template_bytes(*loaded, lang))
    except FileExistsError:
        raise UsageError(f"{target}: already exists; refusing to overwrite it") from None
    return target


def actor_names(actors: dict[str, Actor]) -> list[str]:
    """What the owner list offers: each actor's short name, or its id where the short name is shared."""
    shared = Counter(a.short.casefold() for a in actors.values())
    return [a.short if shared[a.short.casefold()] == 1 else a.id for a in actors.values()]


def template_bytes(actors: dict[str, Actor], items: dict[str, DataItem], lang: str) -> bytes:
    labels = load_labels("spreadsheet", lang)
    keys = columns.STEP_COLUMNS
    names = actor_names(actors)
    lists_name = labels["sheet_lists"]
    figures = [labels[f"figure_{k}"] for k in columns.FIGURE_KINDS]
    lists: list[Sequence[str | int]] = [names, [c.value for c in Channel], [-2, -1, 0, 1, 2], [e.value for e in LifeEvent], figures]
    depth = max(len(x) for x in lists)
    rows = tuple(tuple(x[i] if i < len(x) else None for x in lists) for i in range(depth))

    def source(col: int) -> str:
        letter = "ABCDE"[col]
        return f"='{lists_name}'!${letter}$2:${letter}${len(lists[col]) + 1}"

    example = _example(actors, items, labels, lang)
    steps = Table(
        labels["sheet_steps"], tuple(columns.header(k, lang) for k in keys),
        (tuple(example.get(k) for k in keys),),
        choices=tuple(Choice(keys.index(k), source(i)) for i, k in enumerate(("owner", "channel", "emotion"))),
        min_width=14,
    )
    about_keys = ("life_event", "title", "state", "improves", "persona", "situation", "goals")
    about = Table(labels["sheet_about"], (labels["field"], labels["value"], labels["help_what"]),
                  tuple((labels[k], None, labels[f"help_about_{k}"]) for k in about_keys),
                  choices=(Choice(1, source(3), first=1, last=1),), min_width=40)
    help_rows: list[tuple[str, str | None, str, str | int | None]] = [(labels["sheet_steps"], None, labels["help_intro"], None)]
    yes, no = labels["answer_yes"], labels["answer_no"]
    help_rows += [(columns.header(k, lang), yes if k in REQUIRED else no, labels[f"help_{k}"], example.get(k)) for k in keys]
    figure_keys = [k for k, _ in columns.FIGURE_COLUMNS if k != "step_title"]  # the step's title: the export's, for reading
    figure_row = {"step": example["title"], "figure": labels["figure_person_minutes"], "likely": 15, "low": 5, "high": 30,
                  "source": labels["example_source"]}
    figures_table = Table(labels["sheet_figures"], tuple(labels[k] for f, k in columns.FIGURE_COLUMNS if f in figure_keys),
                          (tuple(figure_row.get(k) for k in figure_keys),),
                          choices=(Choice(figure_keys.index("figure"), source(4)), Choice(figure_keys.index("actor"), source(0))),
                          min_width=14)
    help_rows.append((labels["sheet_figures"], no, labels["help_figures"], None))
    help_table = Table(labels["sheet_help"], tuple(labels[k] for k in ("help_column", "help_required", "help_what", "help_example")),
                       tuple(help_rows))
    lists_table = Table(lists_name, (columns.header("owner", lang), columns.header("channel", lang),
                                     columns.header("emotion", lang), labels["life_event"], labels["fig_figure"]), rows, hidden=True)
    return workbook([steps, about, figures_table, help_table, lists_table], labels["sheet_help"])


def _example(actors: dict[str, Actor], items: dict[str, DataItem], labels: Labels, lang: str) -> dict[str, str | int]:
    """A filled row that the import turns into a valid step, with names from the registries."""
    person = next((a for a in actors.values() if a.is_person), None)
    agency = next((a for a in actors.values() if not a.is_person), None)
    row: dict[str, str | int] = {
        "phase": labels["example_phase"], "title": labels["example_title"], "channel": Channel.BREV.value, "emotion": -1,
        "pain_points": labels["example_pain"], "opportunities": labels["example_opportunity"],
        "description": labels["example_description"], "services": labels["example_service"],
    }
    if agency is not None:
        row["owner"] = agency.short
    if person is not None:
        row["with"] = person.short
    item = next((i for i in items.values() if agency is not None and i.source in actors and i.source != agency.id
                 and not actors[i.source].is_person), None)
    if item is not None and agency is not None:
        row["data"] = columns.format_flow(item.name, actors[item.source].short, agency.short,
                                          Transfer.AUTOMATIC, lang)
    return row
