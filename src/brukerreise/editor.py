"""The schemas editors use, written into a journey folder's `schema/`: they know the actors and data items
of the registries in that folder (`actors.yaml`, `data-items.yaml`), or are generic when it has none."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from .output import write_atomic
from .reading.issues import Issue, display_path
from .reading.loading import REGISTRY_NAMES, YAML_SUFFIXES, load
from .reading.schema import SCHEMA_KINDS, Known, known_from, schema_text
from .reading.validation import validate

SCHEMA_FOLDER = "schema"


def registries_in(folder: Path) -> list[Path]:
    """The registry files directly in `folder`."""
    return [
        folder / f"{stem}{suffix}" for stem in REGISTRY_NAMES for suffix in YAML_SUFFIXES
        if (folder / f"{stem}{suffix}").is_file()
    ]


def known_in(folder: Path) -> tuple[Known | None, list[Issue]]:
    """What the registries in `folder` hold, and the actors and data items its journeys define themselves
    (so that the editor checks and completes those too); None when there are neither. And the errors found
    in the registries."""
    files = registries_in(folder)
    journeys = [p for p in sorted(folder.glob("*")) if p.suffix in YAML_SUFFIXES and p.is_file() and p not in files]
    if not files and not journeys:
        return None, []
    workspace = load([*files, *journeys])
    shown = {display_path(f) for f in files}
    errors = [i for i in validate(workspace) if i.is_error and i.file in shown]
    actors = [located.value for located in workspace.actors.values()]
    items = [located.value for located in workspace.data_items.values()]
    own_actors: dict[str, tuple[Any, str]] = {}
    own_items: dict[str, tuple[Any, str]] = {}
    for loaded in workspace.journeys:
        where = loaded.file.path.name
        own_actors.update((a.id, (a, where)) for a in loaded.journey.actors if a.id not in workspace.actors and a.id not in own_actors)
        own_items.update((d.id, (d, where)) for d in loaded.journey.data_items if d.id not in workspace.data_items and d.id not in own_items)
    if not actors and not items and not own_actors and not own_items:
        return None, errors
    return known_from(actors, items, own_actors.values(), own_items.values(), _used(workspace)), errors


def _used(workspace: Any) -> Counter[str]:
    """How often the folder's journeys name each actor and data item: the most used are the examples an
    editor's message gives."""
    used: Counter[str] = Counter()
    for loaded in workspace.journeys:
        for step in loaded.journey.steps:
            used.update([step.owner, *step.with_, *step.asks_user, *(f.item for f in step.data)])
    return used


def schema_path(folder: Path, kind: str = "journey") -> Path:
    return folder / SCHEMA_FOLDER / SCHEMA_KINDS[kind][2]


def write_schemas(folder: Path, known: Known | None, *, only_missing: bool = False) -> list[Path]:
    """Write the three schemas into `folder/schema/` (with `only_missing`, those not there yet)."""
    written = []
    for kind in SCHEMA_KINDS:
        target = schema_path(folder, kind)
        if only_missing and target.exists():
            continue
        write_atomic(target, schema_text(kind, known).encode("utf-8"), registries_in(folder))
        written.append(target)
    return written
