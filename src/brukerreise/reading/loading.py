"""Find journey and registry files, read them, and structure them into a workspace with its issues."""

from __future__ import annotations

import contextlib
import errno
import functools
import gc
import os
import types
import typing
import weakref
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from ..errors import UsageError
from .issues import Issue, Severity, display_path
from ..model import Actor, DataItem, Journey
from .quoting import escaped, quote
from .problem import Problem
from .structure import structure
from .yamlsource import DataPath, YamlDocument, YamlProblem, read_yaml, value_at

if TYPE_CHECKING:  # pathlib loads only where a path is more than a folder of journeys (it costs 5 ms at start)
    from os import PathLike
    from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")
REGISTRY_NAMES = ("actors", "data-items", "data_items")  # file stems looked up beside a single journey
DEFAULT_PATHS = ("journeys",)

# A registry file holds one list, under the key that names what it lists.
REGISTRIES: dict[str, type] = {"actors": Actor, "data_items": DataItem}
FILE_KINDS = ("journey", *REGISTRIES)


@attrs.frozen(repr=False, eq=False)  # a record of one run, compared by identity: fewer methods to compile at start
class SourceFile:
    """One read YAML file: where it is, as shown to the user, and its positions."""

    location: str  # as pathlib writes it
    shown: str
    document: YamlDocument

    @property
    def path(self) -> Path:
        from pathlib import Path

        return Path(self.location)

    def issue(self, severity: Severity, path: DataPath, message: str, *, at_key: bool = False) -> Issue:
        line, col = self.document.position(path, key=at_key)
        return Issue(self.shown, line, col, severity, message)


@attrs.frozen(repr=False, eq=False)  # a record of one run, compared by identity: fewer methods to compile at start
class Located:
    """A model object together with the file it came from and its path inside that file."""

    value: Any
    file: SourceFile
    path: DataPath

    def stands_in(self, sub: DataPath) -> bool:
        return False  # a registry entry with a broken value is set aside whole

    def issue(self, severity: Severity, sub: DataPath, message: str, *, at_key: bool = False) -> Issue:
        return self.file.issue(severity, self.path + sub, message, at_key=at_key)


@attrs.frozen(repr=False, eq=False)  # a record of one run, compared by identity: fewer methods to compile at start
class LoadedJourney:
    journey: Journey
    file: SourceFile
    original_path: Any  # maps a path in the structured data back to the file (broken items set aside)
    dropped_ids: frozenset[str]
    stand_ins: frozenset[DataPath] = frozenset()  # broken required values, filled in: not to be checked

    def stands_in(self, path: DataPath) -> bool:
        return _under_any(path, self.stand_ins)

    def issue(self, severity: Severity, path: DataPath, message: str, *, at_key: bool = False) -> Issue | None:
        """The issue at `path`, or None where there is a stand-in for a broken value (already reported)."""
        if self.stands_in(path):
            return None
        return self.file.issue(severity, self.original_path(path), message, at_key=at_key)


def _under_any(path: DataPath, prefixes: frozenset[DataPath]) -> bool:
    """Whether `path` or one of its ancestors is in `prefixes`: a look-up per ancestor, however many."""
    return bool(prefixes) and any(path[:n] in prefixes for n in range(len(path) + 1))


@attrs.frozen(repr=False, eq=False)  # a record of one run, compared by identity: fewer methods to compile at start
class Workspace:
    """Everything loaded in one run: the journeys, the shared registries, and the problems found."""

    journeys: tuple[LoadedJourney, ...]
    actors: dict[str, Located]  # shared registry: actor id -> actor
    data_items: dict[str, Located]
    dropped_registry_ids: frozenset[str]
    files: tuple[SourceFile, ...]
    issues: tuple[Issue, ...]
    given: tuple[str, ...] = ()  # the files named, or found in the folders named (as shown)
    beside: tuple[str, ...] = ()  # registries read because they lie beside a single file named
    unreadable: tuple[str, ...] = ()  # files that could not be read (not YAML, or not readable at all)


def _discover(paths: Sequence[str | PathLike[str]]) -> dict[str, bool]:
    """The YAML files named by `paths` (files, or folders searched recursively), plus the registries beside
    any single file named: each file to read (as pathlib writes it), and whether it is read only because it
    lies beside a single file named. Raises UsageError for a path that does not exist."""
    found: dict[str, bool] = {}
    for given in paths or DEFAULT_PATHS:
        folder = _as_written(given)
        if folder is not None and os.path.isdir(folder):  # the common case, without loading pathlib
            for written in _yaml_files_in(folder):
                found[written] = False
            continue
        from pathlib import Path

        path = Path(given)
        if path.is_dir():
            for each in sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and (p.is_file() or _loops(p))):
                found[str(each)] = False
        elif path.is_file():
            found[str(path)] = False
            for stem in REGISTRY_NAMES:
                for suffix in YAML_SUFFIXES:
                    beside = path.parent / f"{stem}{suffix}"
                    if beside.is_file():
                        found.setdefault(str(beside), True)
        elif path.is_symlink():  # a link that leads nowhere or in a circle: reading it says which
            found[str(path)] = False
        elif path.exists():
            raise UsageError(f"{escaped(str(path))}: not a file or folder")
        else:
            hint = " (run it from the folder that holds 'journeys/', or name the files)" if not paths else ""
            raise UsageError(f"{escaped(str(path))}: no such file or folder{hint}")
    if not found:
        raise UsageError("no journey files (*.yaml) found in " + ", ".join(escaped(str(p)) for p in paths or DEFAULT_PATHS))
    return found


def _as_written(given: str | PathLike[str]) -> str | None:
    """A POSIX path as pathlib writes it (no '.' parts, no doubled or trailing '/'), or None elsewhere
    (pathlib then says)."""
    if os.name != "posix" or not isinstance(given, str):
        return None
    root = "//" if given.startswith("//") and not given.startswith("///") else "/" if given.startswith("/") else ""
    parts = [part for part in given.split("/") if part not in ("", ".")]
    return root + "/".join(parts) if root or parts else "."


def _yaml_files_in(folder: str) -> list[str]:
    """The YAML files in `folder` and the folders in it (not those a symbolic link leads to), in the order of
    `sorted(Path(folder).rglob("*"))`: by their parts, one by one; a link that leads back to itself counts."""
    found: list[tuple[list[str], str]] = []
    base = "" if folder == "." else folder if folder.endswith("/") else folder + "/"
    waiting: list[tuple[str, list[str]]] = [(folder, [])]
    while waiting:
        where, parts = waiting.pop()
        try:
            with os.scandir(where) as listing:
                entries = list(listing)
        except PermissionError:
            continue
        for entry in entries:
            name = entry.name
            path = base + "/".join([*parts, name])
            if _suffix(name) in YAML_SUFFIXES and (os.path.isfile(path) or _loops(path)):
                found.append(([*parts, name], path))
            try:
                descend = entry.is_dir() and not entry.is_symlink()
            except OSError as exc:
                if exc.errno not in _PASSED_OVER:
                    raise
                descend = False
            if descend:
                waiting.append((path, [*parts, name]))
    return [path for _, path in sorted(found)]


_PASSED_OVER = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)  # as pathlib's search passes them over


def _suffix(name: str) -> str:
    """The name's last suffix, as pathlib's `suffix` ('' for '.yaml' alone, or a name ending in '.')."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _loops(path: str | PathLike[str]) -> bool:
    """A symbolic link that leads back to itself: reported when read, rather than passed over."""
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading builds a great many small containers that form no reference cycles. Python's cycle
    collector, set off by the count of new containers, would walk all of them again and again, which
    makes reading a large journey cost more per step than a small one."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(paths: Sequence[str | PathLike[str]] = ()) -> Workspace:
    """Read and structure every file; problems come back as issues, never as exceptions."""
    with _collector_paused():
        return _load(paths)


def _load(paths: Sequence[str | PathLike[str]]) -> Workspace:
    issues: list[Issue] = []
    journeys: list[LoadedJourney] = []
    actors: dict[str, Located] = {}
    items: dict[str, Located] = {}
    dropped: set[str] = set()
    files: list[SourceFile] = []
    given: list[str] = []
    beside: list[str] = []
    unreadable: list[str] = []
    for path, is_beside in _discover(paths).items():
        (beside if is_beside else given).append(display_path(path))
        file = _read(path, issues)
        if file is None:
            unreadable.append(display_path(path))
            continue
        files.append(file)
        data = file.document.data
        kind = _kind(file, data, issues)
        if kind is None:
            continue
        if kind == "journey":
            result = _structured(file.document, Journey, functools.partial(
                structure, data, Journey, revise=functools.partial(_revised, file, data)))
            issues += [_issue(file, p, data) for p in result.problems]
            if result.value is not None:
                journeys.append(LoadedJourney(result.value, file, result.original_path, result.dropped_ids, result.stand_ins))
            continue
        # A registry entry with an error is set aside whole: journeys that use it are then not analysed.
        entries = types.GenericAlias(tuple, (REGISTRIES[kind], ...))  # tuple[entry, ...]
        result = _structured(file.document, entries, functools.partial(structure, data[kind], entries, finely=False))
        issues += [_issue(file, p, data, within=(kind,)) for p in result.problems]
        if result.value is None:
            continue
        dropped |= result.dropped_ids
        registry = actors if kind == "actors" else items
        for index, entry in enumerate(result.value):
            located = Located(entry, file, (kind, *result.original_path((index,))))
            _register(registry, entry.id, located, kind, issues)
    return Workspace(
        tuple(journeys), actors, items, frozenset(dropped), tuple(files), tuple(issues),
        tuple(given), tuple(beside), tuple(unreadable),
    )


T = TypeVar("T")

# What each parsed document (remembered by its bytes in yamlsource) was read as: `serve` reads every file
# again on each save, and the records of the files not saved are then the very same objects as before.
_STRUCTURED: weakref.WeakKeyDictionary[YamlDocument, dict[Any, Any]] = weakref.WeakKeyDictionary()


def _structured(document: YamlDocument, kind: Any, make: Callable[[], T]) -> T:
    done = _STRUCTURED.setdefault(document, {})
    if kind not in done:
        done[kind] = make()
    return typing.cast(T, done[kind])


def _revised(file: SourceFile, data: Any, problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
    """The problems said better (only when there are problems): entries of a list whose key was deleted,
    said to run into the list above; the YAML traps (traps.py) said plainly."""
    from .misplaced import explain
    from .traps import revise

    explained = explain(data, Journey, problems, lambda at: file.document.position(at, key=True)[0])
    return revise(file.document, data, explained)


def _read(path: str, issues: list[Issue]) -> SourceFile | None:
    shown = display_path(path)
    try:
        return SourceFile(path, shown, read_yaml(path))
    except YamlProblem as problem:
        message = problem.message
        stem = os.path.splitext(os.path.basename(path))[0]
        if stem in REGISTRY_NAMES and message.endswith("a journey starts with 'journey: <id>'"):  # an empty registry
            said = "a registry of actors starts with 'actors:'" if stem == "actors" else "a registry of data items starts with 'data_items:'"
            message = message.replace("a journey starts with 'journey: <id>'", said)
        issues.append(Issue(shown, problem.line + 1, problem.col + 1, Severity.ERROR, message))
    except OSError as exc:
        issues.append(Issue(shown, 1, 1, Severity.ERROR, f"cannot read the file: {exc.strerror or exc}"))
    return None


def _kind(file: SourceFile, data: Any, issues: list[Issue]) -> str | None:
    expected = "a journey starts with 'journey: <id>'; a registry with 'actors:' or 'data_items:'"
    if not isinstance(data, dict):
        issues.append(file.issue(Severity.ERROR, (), f"expected 'key: value' lines at the top: {expected}"))
        return None
    kinds = [k for k in FILE_KINDS if k in data]
    if "journey" in kinds:
        return "journey"
    if len(kinds) == 1 and len(data) == 1:
        return kinds[0]
    if len(kinds) == 1:
        extra = next(k for k in data if k != kinds[0])
        issues.append(file.issue(Severity.ERROR, (extra,), f"unknown key {quote(extra)}: a registry file holds only '{kinds[0]}:'", at_key=True))
        return None
    if len(kinds) > 1:
        issues.append(file.issue(
            Severity.ERROR, (kinds[1],),
            f"a registry file holds either '{kinds[0]}:' or '{kinds[1]}:', not both: "
            "put actors in actors.yaml and data items in data-items.yaml", at_key=True,
        ))
        return None
    issues.append(file.issue(Severity.ERROR, (), f"this file is neither a journey nor a registry: {expected}"))
    return None


# Messages that say more than the generic ones for a few places where designers often slip.
_SPECIFIC = {
    "owner": "a step has exactly one owner ('delt ansvar er ofte ikke noe ansvar'): "
    "choose one actor for 'owner' and list the others under 'with'",
}


def _issue(file: SourceFile, problem: Problem, data: Any, within: DataPath = ()) -> Issue:
    path = within + problem.path
    message = problem.message
    if path and path[-1] in _SPECIFIC and isinstance(value_at(data, path), list):
        message = _SPECIFIC[path[-1]]
    elif message.startswith("missing 'owner'"):
        message = "a step has exactly one owner: add 'owner: <actor id>'"
    issue = file.issue(Severity.ERROR, path, message, at_key=problem.at_key)
    return attrs.evolve(issue, col=issue.col + problem.shift) if problem.shift else issue


def _register(registry: dict[str, Located], key: str, located: Located, kind: str, issues: list[Issue]) -> None:
    noun = "actor" if kind == "actors" else "data item"
    if key in registry:
        first = registry[key]
        line, _ = first.file.document.position(first.path)
        issues.append(located.issue(
            Severity.ERROR, ("id",),
            f"duplicate {noun} id {quote(key)} (already defined in {first.file.shown}:{line}): ids must be unique",
        ))
        return
    registry[key] = located


def catalog(workspace: Workspace, journey: LoadedJourney) -> tuple[dict[str, Actor], dict[str, DataItem]]:
    """The actors and data items a journey can refer to: the shared registries plus its own."""
    actors = {k: v.value for k, v in workspace.actors.items()}
    items = {k: v.value for k, v in workspace.data_items.items()}
    actors.update({a.id: a for a in journey.journey.actors if a.id not in actors})
    items.update({d.id: d for d in journey.journey.data_items if d.id not in items})
    return actors, items
