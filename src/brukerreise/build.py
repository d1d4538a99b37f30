"""One production path for render, deck, export, build and serve: read and validate, plan the names, analyse,
produce every output (per journey, across all journeys, the site) and hand each file to a sink.

`build` writes through a folder sink; `serve` calls the same `produce` with an in-memory sink and a cache of
what did not change. An invalid journey does not stop the others; the result says so. Each journey's outputs
are all produced in memory first and then handed over together, so a failure leaves nothing half-written."""

from __future__ import annotations

import functools
import hashlib
import os
import sys
import warnings
from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import attrs

from .errors import UsageError
from .export import EXPORTERS, ExportNote
from .output import write_atomic
from .reading.issues import Issue, Severity
from .reading.loading import LoadedJourney
from .reading.quoting import quote
from .status import ExitStatus

if TYPE_CHECKING:
    from .analysis import JourneyAnalysis, Portfolio
    from .api import Remembered
    from .analysis.comparison import Comparison

ERROR = Severity.ERROR
SITE_INDEX = "index.html"


@attrs.frozen
class Target:
    """One output per journey: which exporter (a name in `export.EXPORTERS`), in which format. Plain
    data, so it crosses processes."""

    kind: str
    fmt: str

    @property
    def suffix(self) -> str:
        return EXPORTERS[self.kind].suffixes[self.fmt]

    def export(self, analysis: JourneyAnalysis, lang: str) -> bytes:
        return EXPORTERS[self.kind].export(analysis, self.fmt, lang)

    def applies_to(self, analysis: JourneyAnalysis) -> bool:
        return EXPORTERS[self.kind].applies_to(analysis)

    def ensure_available(self) -> None:
        """Raise before any work when this machine lacks what the target needs."""
        EXPORTERS[self.kind].ensure_available(self.fmt)

    @property
    def portfolio_name(self) -> str | None:
        """The file across all journeys this target's exporter may write (`portfolio.<suffix>`), or None."""
        return EXPORTERS[self.kind].portfolio_name(self.fmt)


def default_targets() -> tuple[Target, ...]:
    """What `build` makes: each exporter's `default_formats`, in the registry's order."""
    return tuple(Target(e.name, fmt) for e in EXPORTERS.values() for fmt in e.default_formats)


def _targets(given: Iterable[Target]) -> tuple[Target, ...]:
    return tuple(dict.fromkeys(given))


def _paths(given: str | Path | Iterable[str | Path]) -> tuple[str | Path, ...]:
    return (given,) if isinstance(given, (str, Path)) else tuple(given)


@attrs.frozen
class Options:
    """What to produce from which journeys. `across`: for each target whose exporter makes one, its file
    across all journeys too (`portfolio.<suffix>`: the portfolio report, workbook, comparisons). `site`: the
    web site over them (index.html, site/*.html; needs the swimlane SVG among the targets). `live`: as
    `serve` shows it (pages that reload, with the diagnostics on them; an invalid file keeps its last good
    journey when a cache is given, and a missing path is a diagnostic, not a failure). `jobs`: journeys
    produced at once (None: by CPU count), in threads when `threads` (a server must not fork)."""

    paths: tuple[str | Path, ...] = attrs.field(default=(), converter=_paths)
    targets: tuple[Target, ...] = attrs.field(factory=default_targets, converter=_targets)
    lang: str = "nb"
    jobs: int | None = None
    across: bool = False
    site: bool = False
    live: bool = False
    threads: bool = False


@attrs.frozen(eq=False)
class Built:
    """What one production made: the analyses, the portfolio, every file by its name relative to the output
    folder, the notes on them, the issues found, and what could not be made."""

    analyses: tuple[JourneyAnalysis, ...]
    portfolio: Portfolio | None
    files: dict[str, bytes]
    notes: tuple[str, ...]
    issues: tuple[Issue, ...]
    invalid: tuple[str, ...]  # files with errors, and journeys not built because of them
    skipped: str  # what this machine could not make, and why ('' when nothing)
    problems: tuple[str, ...] = ()  # errors as the live pages show them
    warnings: tuple[str, ...] = ()

    @property
    def comparisons(self) -> tuple[Comparison, ...]:
        return tuple(a.comparison for a in self.analyses if a.comparison is not None)

    @property
    def status(self) -> ExitStatus:
        if self.skipped:
            return ExitStatus.USAGE
        return ExitStatus.INVALID if self.invalid else ExitStatus.OK


class Sink(Protocol):
    """Where produced files go: `put` is called once per file, a journey's files together after all of them
    were made. `protected` are the files read, never to be written over."""

    def put(self, name: str, data: bytes, protected: Sequence[Path]) -> None: ...


@attrs.define
class FolderSink:
    """Files written atomically into a folder."""

    folder: Path

    def put(self, name: str, data: bytes, protected: Sequence[Path]) -> None:
        write_atomic(self.folder / name, data, protected)

    def __str__(self) -> str:
        return str(self.folder)


@attrs.define
class MemorySink:
    """Files kept in memory (the production's `Built.files` has them too: this sink keeps nothing else)."""

    def put(self, name: str, data: bytes, protected: Sequence[Path]) -> None:
        pass

    def __str__(self) -> str:
        return "memory"


@attrs.define
class Cache:
    """What `serve` keeps between productions: each journey's outputs by what they depend on, and each
    file's last valid analysis (shown, with the diagnostics, while the file is invalid)."""

    outputs: dict[tuple[str, Target], bytes] = attrs.Factory(dict)
    pages: dict[Hashable, bytes] = attrs.Factory(dict)  # the site's journey pages, by what they show
    good: dict[str, JourneyAnalysis] = attrs.Factory(dict)
    renders: int = 0  # swimlanes drawn so far (what `only what changed` saves)
    remembered: Remembered = attrs.Factory(lambda: _remembered())  # analyses and keys of the records read before


def _remembered() -> Remembered:
    from .api import Remembered

    return Remembered()


def journey_key(a: JourneyAnalysis, lang: str) -> str:
    """What a journey's outputs depend on: the journey, the actors and data items it uses, the language,
    and for a to-be journey today's journey it is compared with (its marks and ghosts). The same key means
    the same bytes."""
    before = a.comparison.before if a.comparison is not None else None
    today = None if before is None else (before.journey, sorted(before.actors.items()), sorted(before.data_items.items()))
    text = repr((a.journey, sorted(a.actors.items()), sorted(a.data_items.items()), a.source, lang, today))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def output_name(journey_id: str, target: Target) -> str:
    return f"{journey_id}.{target.suffix}"


def own_files(options: Options) -> dict[str, str]:
    """The files production makes of its own, not per journey: name -> what it is (for messages). (The
    site's journey pages are in the folder site/ beside its accessibility statement, which `plan` keeps
    apart.)"""
    files: dict[str, str] = {SITE_INDEX: "the site's portfolio page"} if options.site else {}
    if options.site:
        from .export.site import PAGES, STATEMENT

        files[f"{PAGES}/{STATEMENT}"] = "the site's accessibility statement"
    if options.across:
        for t in options.targets:
            name = t.portfolio_name
            if name is not None and name not in files:
                files[name] = f"the portfolio's {t.kind} file"
    return files


def plan(journeys: Sequence[LoadedJourney], options: Options) -> tuple[list[LoadedJourney], list[Issue]]:
    """Every output name is planned before anything is written, so that no output overwrites another:
    the files across journeys first, then each journey's in turn. A journey whose outputs would take a name
    already planned (compared case-insensitively, as on macOS and Windows) is not built, and an error at
    its id says which name and whose it is. Returns (the journeys to build, the errors)."""
    taken = {name.casefold(): what for name, what in own_files(options).items()}
    keep: list[LoadedJourney] = []
    problems: list[Issue] = []
    for loaded in journeys:
        journey_id = loaded.journey.id
        names = [output_name(journey_id, t) for t in options.targets]
        if options.site:
            from .export.site import page_path

            names.append(page_path(journey_id))
        clash = next((name for name in names if name.casefold() in taken), None)
        if clash is not None:
            problem = loaded.issue(
                ERROR, ("journey",),
                f"journey id {quote(journey_id)} would name an output {clash}, which is {taken[clash.casefold()]}: "
                "choose another id (this journey was not built)",
            )
            problems += [problem] if problem is not None else []
            continue
        what = f"an output of journey {quote(journey_id)} ({loaded.file.shown})"
        taken.update((name.casefold(), what) for name in names)
        keep.append(loaded)
    return keep, problems


def _jobs(requested: int | None, count: int) -> int:
    if requested is not None:
        return max(1, min(requested, count))
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    # Starting worker processes costs more than it saves for a handful of journeys on one core.
    return 1 if count < 3 or cpus < 2 else min(cpus, count)


def _available(targets: Sequence[Target]) -> tuple[tuple[Target, ...], str]:
    """The targets this machine can make, and a line saying what is skipped and why ('' if nothing is).
    Raises the first target's failure when it can make none of them."""
    kept: list[Target] = []
    missing: dict[str, tuple[list[str], str]] = {}  # kind -> (formats, why)
    first: Exception | None = None
    for target in targets:
        try:
            target.ensure_available()
        except Exception as exc:  # noqa: BLE001 - an exporter's check says what the machine lacks
            first = first or exc
            missing.setdefault(target.kind, ([], str(exc)))[0].append(target.fmt)
            continue
        kept.append(target)
    if first is not None and not kept:
        raise first
    by_reason: dict[str, list[str]] = {}  # kinds skipped for the same reason share one sentence
    for kind, (formats, why) in missing.items():
        by_reason.setdefault(why, []).append(f"{kind} ({', '.join(formats)})")
    said = "; ".join(f"skipped {', '.join(kinds)}: {why}" for why, kinds in by_reason.items())
    return tuple(kept), said


def _produce(analysis: JourneyAnalysis, targets: Sequence[Target], lang: str) -> tuple[dict[str, bytes], list[str]]:
    """The journey's outputs by name, and the exporters' notes on them ('name: note')."""
    files: dict[str, bytes] = {}
    notes: list[str] = []
    for t in targets:
        if not t.applies_to(analysis):
            continue
        name = output_name(analysis.journey.id, t)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ExportNote)
            files[name] = t.export(analysis, lang)
        for w in caught:
            if issubclass(w.category, ExportNote):
                notes.append(f"{name}: {w.message}")
            else:  # not ours: shown as it would have been
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return files, notes


@attrs.frozen
class _Read:
    """What reading found: the analyses in production order, the issues, the invalid files, the files read
    (never written over), and the problems a live page shows when the paths themselves cannot be read."""

    analyses: list[JourneyAnalysis]
    issues: list[Issue]
    invalid: list[str]
    sources: list[Path]
    unreadable: tuple[str, ...] = ()


def _read(options: Options, cache: Cache | None) -> _Read:
    from .api import check

    try:
        checked = check(options.paths)
    except (UsageError, OSError) as exc:
        if not (options.live and cache is not None):
            raise
        return _Read([cache.good[s] for s in sorted(cache.good)], [], [], [], (f"error: {exc}",))
    keep, clashes = plan(checked.valid_journeys(), options)
    analyses = checked.analyse(keep, None if cache is None else cache.remembered)
    issues = [*checked.issues, *clashes]
    invalid = sorted({*checked.invalid_sources(), *(i.file for i in clashes)})
    if cache is not None and options.live:  # an invalid file keeps its last good journey
        kept = set(invalid)
        cache.good = {s: a for s, a in cache.good.items() if s in kept} | {a.source: a for a in analyses}
        analyses = [cache.good[s] for s in sorted(cache.good)]
    return _Read(analyses, issues, invalid, checked.sources)


def _executor(options: Options, workers: int) -> Executor:
    return (ThreadPoolExecutor if options.threads else ProcessPoolExecutor)(max_workers=workers)


def _per_journey(
    analyses: Sequence[JourneyAnalysis], options: Options, cache: Cache | None, by_id: dict[str, str],
    prune: bool = True,
) -> Iterable[tuple[JourneyAnalysis, dict[str, bytes], list[str]]]:
    """Each journey's files and notes, in order, from the cache where nothing changed (`by_id`: what each
    journey's outputs depend on, when there is a cache). `prune`: the cache then keeps only these journeys'."""
    keys = [by_id.get(a.journey.id, "") for a in analyses]
    wanted = [[t for t in options.targets if cache is None or (k, t) not in cache.outputs] for k in keys]
    work = [i for i, targets in enumerate(wanted) if targets]
    workers = _jobs(options.jobs, len(work)) if work else 1
    if workers > 1:
        with _executor(options, workers) as pool:
            made = dict(zip(work, pool.map(_produce, [analyses[i] for i in work], [wanted[i] for i in work],
                                           [options.lang] * len(work))))
            yield from _assembled(analyses, options, cache, keys, wanted, made.get)
    else:
        yield from _assembled(analyses, options, cache, keys, wanted,
                              lambda i: _produce(analyses[i], wanted[i], options.lang) if wanted[i] else None)
    if cache is not None and prune:
        live = set(keys)
        cache.outputs = {k: v for k, v in cache.outputs.items() if k[0] in live}


Made = tuple[dict[str, bytes], list[str]]  # a journey's files by name, and the notes on them


def _assembled(
    analyses: Sequence[JourneyAnalysis], options: Options, cache: Cache | None, keys: Sequence[str],
    wanted: Sequence[Sequence[Target]], made: Callable[[int], Made | None],
) -> Iterable[tuple[JourneyAnalysis, dict[str, bytes], list[str]]]:
    """Each journey's files in the order of the targets: those just made, the rest from the cache (which
    keeps what was just made, under what it depends on)."""
    for i, a in enumerate(analyses):
        files, notes = made(i) or ({}, [])
        if cache is None:
            yield a, files, notes
            continue
        for t in wanted[i]:
            name = output_name(a.journey.id, t)
            if name in files:
                cache.outputs[(keys[i], t)] = files[name]
                cache.renders += t == Target("swimlane", "svg")
            else:
                cache.outputs[(keys[i], t)] = b""  # the exporter has nothing for this journey
        ordered = {output_name(a.journey.id, t): cache.outputs[(keys[i], t)] for t in options.targets}
        yield a, {name: data for name, data in ordered.items() if data}, notes


def produce(options: Options, sink: Sink, cache: Cache | None = None,
            progress: Callable[[str], None] | None = None, first: Collection[Path] = (),
            early: Callable[[dict[str, bytes]], None] | None = None) -> Built:
    """Read, validate and analyse the journeys in `options.paths`, then make every output of `options` and
    hand it to `sink`. Targets this machine cannot make (Graphviz missing) are skipped and said in
    `Built.skipped`; when none of them can be made, the first one's failure is raised before any work.
    `first` and `early` (with a cache, for a site): the journeys read from `first` (resolved paths: the
    files just saved) have their drawing and their site page handed to `early` as soon as every file is read
    and checked, before anything else is made; the rest follows. Those are the very bytes the whole
    production then makes (the page is taken from the cache)."""
    targets, skipped = _available(options.targets)
    options = attrs.evolve(options, targets=targets)
    read = _read(options, cache)
    analyses, protected = read.analyses, read.sources
    errors = read.unreadable + tuple(str(i) for i in read.issues if i.is_error)
    said = tuple(str(i) for i in read.issues if not i.is_error)
    files: dict[str, bytes] = {}
    notes: list[str] = []
    keys = {} if cache is None else {
        a.journey.id: cache.remembered((a, options.lang), functools.partial(journey_key, a, options.lang)) for a in analyses}
    if early is not None and cache is not None and options.site and first:
        soon = _first_pages(analyses, options, cache, keys, set(first), errors, said)
        if soon:
            early(soon)
    for done, (a, made, noted) in enumerate(_per_journey(analyses, options, cache, keys), start=1):
        for name, data in made.items():
            sink.put(name, data, protected)
        files.update(made)
        notes += [f"{a.source}: note: {text}" for text in noted]
        if progress:
            kinds = ", ".join(name.rsplit(".", 1)[1] for name in made)
            progress(f"[{done}/{len(analyses)}] {a.journey.id}: {kinds} → {sink}")
    whole = _portfolio(analyses)
    across = _across(analyses, whole, options) if options.across and whole is not None else {}
    site = _site(analyses, whole, files, options, errors, said, cache, keys) if options.site else {}
    for name, data in (*across.items(), *site.items()):
        sink.put(name, data, protected)
    files.update(across)
    files.update(site)
    if cache is not None:
        cache.remembered.turn()
    return Built(tuple(analyses), whole, files, tuple(notes), tuple(read.issues), tuple(read.invalid), skipped, errors, said)


def _portfolio(analyses: Sequence[JourneyAnalysis]) -> Portfolio | None:
    """The portfolio, computed once and read by every file across journeys (None: no journey)."""
    from .analysis import portfolio

    return portfolio(analyses) if analyses else None


def _across(analyses: Sequence[JourneyAnalysis], whole: Portfolio, options: Options) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for target in options.targets:
        name = target.portfolio_name
        if name is None or name in files:
            continue
        data = EXPORTERS[target.kind].export_portfolio(analyses, whole, target.fmt, options.lang)
        if data is not None:
            files[name] = data
    return files


def _downloads(options: Options) -> list[str]:
    """The files a journey's page links, by suffix: those the targets make."""
    from .export.site import DOWNLOADS

    built = {t.suffix for t in options.targets}
    return [s for s in DOWNLOADS if s in built]


def _first_pages(
    analyses: Sequence[JourneyAnalysis], options: Options, cache: Cache, keys: dict[str, str], first: set[Path],
    problems: tuple[str, ...], said: tuple[str, ...],
) -> dict[str, bytes]:
    """The outputs and site page of each journey read from a file in `first`, made as `_site` makes them
    (the other journeys' pages only need to know which of them are drawn)."""
    from .export.site import journey_pages

    soon = [a for a in analyses if Path(a.source).resolve() in first]
    drawing = Target("swimlane", "svg")
    if not soon or drawing not in options.targets:
        return {}
    files: dict[str, bytes] = {}  # the page needs the drawing; the journey's other files follow with the rest
    for _, made, _ in _per_journey(soon, attrs.evolve(options, targets=(drawing,)), cache, keys, prune=False):
        files.update(made)
    svgs = {a.journey.id: cache.outputs[(keys[a.journey.id], drawing)] for a in soon}

    def is_drawn(a: JourneyAnalysis) -> bool:  # as in the whole production: its swimlane is made, or will be
        made = svgs.get(a.journey.id, cache.outputs.get((keys[a.journey.id], drawing)))
        return drawing.applies_to(a) if made is None else bool(made)

    drawn = [a for a in analyses if is_drawn(a)]
    files.update(journey_pages(drawn, svgs, options.lang, _downloads(options), options.live, problems, said,
                               cache.pages, keys, only={a.journey.id for a in soon if svgs[a.journey.id]}))
    return files


def _site(analyses: Sequence[JourneyAnalysis], whole: Portfolio | None, files: dict[str, bytes], options: Options,
          problems: tuple[str, ...], said: tuple[str, ...], cache: Cache | None = None,
          keys: dict[str, str] | None = None) -> dict[str, bytes]:
    """index.html and a page per journey (site/<id>.html) over the journeys whose swimlane was drawn, linking
    the files the targets made. Without Graphviz there is no swimlane and no site: the skipped line says so.
    A live site always has its index, to show the problems on when no journey is valid."""
    from .analysis import portfolio
    from .export.site import site

    svgs = {a.journey.id: files[f"{a.journey.id}.svg"] for a in analyses if f"{a.journey.id}.svg" in files}
    if not svgs and not options.live:
        return {}
    drawn = [a for a in analyses if a.journey.id in svgs]
    pages = site(drawn, whole if whole is not None and len(drawn) == len(analyses) else portfolio(drawn), svgs,
                 options.lang, _downloads(options),
                 comparison_files=any(t.kind == "comparison" for t in options.targets),
                 live=options.live, problems=problems, warnings=said, pages_made=None if cache is None else cache.pages,
                 keys=keys)
    if cache is not None:  # only the pages shown now are kept
        shown = {id(page) for page in pages.values()}
        cache.pages = {key: page for key, page in cache.pages.items() if id(page) in shown}
    return pages


def run(
    options: Options, out_dir: Path, progress: Callable[[str], None] | None = None, *,
    summary: bool = False, quiet: bool = False,
) -> ExitStatus:
    """`produce` into the folder `out_dir`, saying on stderr what was found and what was not built.
    Returns the exit status. With `summary`, one line at the end says how many journeys were built, how
    many files written and where to open the site; `quiet` silences that line and the progress shown on a
    terminal (problems are still said)."""
    if progress is None and sys.stderr.isatty() and not quiet:
        progress = lambda line: print(line, file=sys.stderr)  # noqa: E731 - a one-line printer, as a value
    built = produce(options, FolderSink(out_dir), progress=progress)
    for issue in built.issues:
        print(issue, file=sys.stderr)
    for note in built.notes:
        print(note, file=sys.stderr)
    if built.invalid:
        print(f"not built, fix the errors above first: {', '.join(built.invalid)}", file=sys.stderr)
    if built.skipped:
        print(built.skipped, file=sys.stderr)
    if summary and not quiet:
        print(summary_line(len(built.analyses), len(built.files), out_dir, SITE_INDEX in built.files), file=sys.stderr)
    return built.status


def summary_line(journeys: int, files: int, out_dir: Path, site: bool) -> str:
    """'built 11 journeys: 166 files in out; open out/index.html in a browser'."""
    from .reading.issues import display_path

    folder = display_path(out_dir)
    line = f"built {journeys} journey{'s' * (journeys != 1)}: {files} file{'s' * (files != 1)} in {folder}"
    return line + (f"; open {display_path(out_dir / SITE_INDEX)} in a browser" if site else "")
