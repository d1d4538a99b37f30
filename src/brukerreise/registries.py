"""`brukerreise registries`: the shared actors and data items shipped with brukerreise (the agencies of
the seven life events and the data they hold), written into a journey folder started outside this
repository, with the schemas that let the editor check and complete them."""

from __future__ import annotations

from pathlib import Path

from .editor import known_in, write_schemas
from .output import write_new

SHIPPED = ("actors.yaml", "data-items.yaml")


def shipped_dir() -> Path:
    """Where the shipped registries are: inside the installed wheel, or `journeys/` in a checkout."""
    bundled = Path(__file__).parent / "registries"
    if all((bundled / name).is_file() for name in SHIPPED):
        return bundled
    return Path(__file__).resolve().parents[2] / "journeys"


def write_registries(folder: Path) -> tuple[list[Path], list[Path], list[Path]]:
    """Write the shipped registries into `folder` where it has none of its own (never over a file), then
    the schemas for the folder. Returns (registries written, registries kept as they were, schemas)."""
    written, kept = [], []
    for name in SHIPPED:
        target = folder / name
        if target.exists() or (name == "data-items.yaml" and (folder / "data_items.yaml").exists()):
            kept.append(target)
            continue
        try:
            write_new(target, (shipped_dir() / name).read_bytes())
        except FileExistsError:
            kept.append(target)
            continue
        written.append(target)
    known, errors = known_in(folder)
    schemas = [] if errors else write_schemas(folder, known)
    return written, kept, schemas


def defined_twice(folder: Path) -> list[tuple[str, list[str]]]:
    """The journeys in `folder` that define actors or data items the registries there have too (as a
    starter journey does once the shipped registries arrive): (file, ids)."""
    from .reading.loading import load

    files = sorted(p for p in folder.glob("*.y*ml") if p.is_file())
    if not files:
        return []
    workspace = load(files)
    found = []
    for loaded in workspace.journeys:
        ids = [a.id for a in loaded.journey.actors if a.id in workspace.actors]
        ids += [d.id for d in loaded.journey.data_items if d.id in workspace.data_items]
        if ids:
            found.append((loaded.file.shown, ids))
    return found
