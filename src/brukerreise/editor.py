"""The schemas editors use, written into a journey folder's `schema/`: they know the actors and data items
of the registries in that folder (`actors.yaml`, `data-items.yaml`), or are generic when it has none."""

from __future__ import annotations

from pathlib import Path

from .output import write_atomic
from .reading.issues import Issue
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
    """What the registries in `folder` hold (None when it has none), and the errors found in them."""
    files = registries_in(folder)
    if not files:
        return None, []
    workspace = load(files)
    errors = [i for i in validate(workspace) if i.is_error]
    return known_from(
        [located.value for located in workspace.actors.values()],
        [located.value for located in workspace.data_items.values()],
    ), errors


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
