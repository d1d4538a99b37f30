"""`brukerreise new`: a commented starter journey that validates as written."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import UsageError, os_problem
from .reading.loading import REGISTRY_NAMES, YAML_SUFFIXES
from .model import ActorKind, LifeEvent
from .output import write_atomic
from .editor import known_in, schema_path, write_schemas
from .reading.quoting import escaped, quote
from .reading.suggest import did_you_mean, one_of
from .reading.validation import ID_PATTERN
from .reading.yamlsource import YamlProblem, read_yaml

TEMPLATE = """\
# yaml-language-server: $schema={schema}
# $schema: {schema}
#
# A brukerreise journey. Write every step as the user lives it ("Jeg har mistet jobben"),
# not as the agency's procedure ("Søke om dagpenger"). Check it with: brukerreise validate {path}
journey: {name}
life_event: {life_event}
title: Skriv reisen med brukerens egne ord
persona:
  name: Navn (alder)
  situation: Hvem er brukeren, hvor er de i livet, og hva trenger de?
goals:
  - Hva vil brukeren oppnå?
phases:                       # in time order
  - {{id: start, title: Det begynner}}
  - {{id: videre, title: Livet går videre}}
steps:                        # in time order; each step has exactly ONE owner
  - id: det-skjer
    phase: start
    title: Noe har skjedd i livet mitt
    owner: {person}
    channel: fysisk           # digital | telefon | fysisk | brev | automatisk
    emotion: -1               # -2 (very hard) .. 2 (very good)
    pain_points: [Jeg vet ikke hvor jeg skal begynne]
  - id: forste-mote
    phase: start
    title: Jeg tar kontakt for å få hjelp
    owner: {agency}
    with: [{person}]
    channel: digital
    emotion: 0
    # data:                   # what is shared here, and how: automatic | manual | user (or automatisk | manuell | bruker)
    #   - {{item: <data item id>, from: <actor id>, to: <actor id>, how: automatic}}
    # asks_user: [<data item id>]   # what the user must supply here
    opportunities: [Kunne vi visst dette uten å spørre?]
  - id: videre
    phase: videre
    title: Jeg vet hva som skjer nå
    owner: {person}
    emotion: 1
    # after: [forste-mote]    # optional: default is the step before; allows forks and joins
{inline}"""

INLINE_ACTORS = """\
# No shared registries (actors.yaml, data-items.yaml) were found beside this file, so the journey
# defines its own actors here. 'brukerreise registries <this folder>' writes the shipped ones (the
# agencies and the data they hold); move these there when more journeys use them.
actors:
  - {id: bruker, name: Brukeren, short: Bruker, kind: person}
  - {id: kommunen, name: Kommunen, short: Kommunen, kind: kommune}
"""


def _registry_actors(folder: Path) -> tuple[str, str] | None:
    """A person and an agency from the actor registry beside the new file, if there is one."""
    for stem in REGISTRY_NAMES[:1]:
        for suffix in YAML_SUFFIXES:
            path = folder / f"{stem}{suffix}"
            if not path.is_file():
                continue
            try:
                data = read_yaml(path).data
            except (YamlProblem, OSError):
                return None
            entries = [a for a in (data or {}).get("actors", []) if isinstance(a, dict) and isinstance(a.get("id"), str)]
            person = next((a["id"] for a in entries if a.get("kind") == ActorKind.PERSON.value), None)
            agency = next((a["id"] for a in entries if a.get("kind") not in (None, ActorKind.PERSON.value)), None)
            if person and agency:
                return person, agency
    return None


def schema_reference(folder: Path) -> str:
    """The journey schema as a journey written in `folder` refers to it (for editors)."""
    return os.path.relpath(schema_path(folder), folder).replace(os.sep, "/")


def create(name: str, life_event: str, folder: Path) -> tuple[Path, list[Path], bool]:
    """Write `folder/name.yaml`, and the schemas its modeline names when `folder/schema/` lacks them (so
    that the editor checks it at once). Returns the journey's path, the schemas written, and whether it
    uses a shared actor registry (else it defines its own actors). Raises UsageError for a bad name or
    life event, or an existing file."""
    if not ID_PATTERN.fullmatch(name):
        raise UsageError(f"{quote(name)} is not a journey id: use lowercase letters, digits, '-' or '_', e.g. 'fa-barn'")
    events = [e.value for e in LifeEvent]
    if life_event not in events:
        raise UsageError(f"unknown life event {quote(life_event)}{did_you_mean(life_event, events)} (one of {one_of(events)})")
    target = folder / f"{name}.yaml"
    if target.exists():
        raise UsageError(f"{escaped(str(target))}: already exists; refusing to overwrite it (choose another name or remove the file)")
    found = _registry_actors(folder)
    person, agency = found or ("bruker", "kommunen")
    text = TEMPLATE.format(
        name=name, life_event=life_event, person=person, agency=agency,
        schema=schema_reference(folder), inline="" if found else INLINE_ACTORS,
        path=escaped(target.as_posix()),  # one line whatever the folder is called
    )
    try:
        write_atomic(target, text.encode("utf-8"))
        schemas = write_schemas(folder, known_in(folder)[0], only_missing=True)
    except OSError as exc:
        said = os_problem(exc) if exc.filename is not None else f"{target}: cannot write: {os_problem(exc)}"
        raise UsageError(escaped(said)) from None
    return target, schemas, found is not None
