"""Orchestration of render, deck and build: validate, analyse, then export every valid journey.

An invalid journey does not stop the others; the exit status reports it. Each journey's outputs are all
produced in memory first and then written atomically, so a failure leaves nothing half-written."""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import attrs

from .analysis import JourneyAnalysis, portfolio as make_portfolio
from .api import analyse_loaded, check
from .errors import ExitCode
from .export import EXPORTERS, ExportNote
from .output import write_atomic
from .reading.issues import Issue, Severity
from .reading.loading import LoadedJourney
from .reading.quoting import quote

ERROR = Severity.ERROR


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

    @classmethod
    def swimlane(cls, fmt: str) -> Target:
        return cls("swimlane", fmt)

    @classmethod
    def deck(cls) -> Target:
        return cls("deck", "pptx")

    @classmethod
    def report(cls, fmt: str) -> Target:
        return cls("report", fmt)


def everything() -> list[Target]:
    return [Target.swimlane("svg"), Target.swimlane("png"), Target.deck(), Target.report("markdown"), Target.report("json"),
            *(Target("comparison", fmt) for fmt in ("markdown", "json", "svg")), *spreadsheets(), *wiki_and_modeler()]


def wiki_and_modeler() -> list[Target]:
    """Mermaid for wikis (flowchart, journey diagram, wiki page) and BPMN for modelers: plain text, cheap."""
    return [Target("mermaid", "mermaid"), Target("mermaid", "mermaid-journey"), Target("mermaid", "mermaid-wiki"),
            Target("bpmn", "bpmn")]


def spreadsheets() -> list[Target]:
    """A workbook (`<id>.xlsx`) and a CSV of the steps (`<id>.steps.csv`) per journey."""
    return [Target("spreadsheet", "xlsx"), Target("spreadsheet", "csv")]


def output_name(journey_id: str, target: Target) -> str:
    return f"{journey_id}.{target.suffix}"


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


PORTFOLIO_FILES = {"md": "markdown", "json": "json"}  # suffix -> report format


def own_files(portfolio: bool, across: bool, targets: Sequence[Target], site: bool = False) -> dict[str, str]:
    """The files build writes of its own, not per journey: name -> what it is (for messages). (The site's
    journey pages are in the folder site/, which no journey output can be named: ids hold no '/'.)"""
    files: dict[str, str] = {"index.html": "the site's portfolio page"} if site else {}
    if portfolio:
        files.update((f"portfolio.{suffix}", "the portfolio report") for suffix in PORTFOLIO_FILES)
        files.update((f"portfolio.comparisons.{suffix}", "the comparisons across the portfolio") for suffix in PORTFOLIO_FILES)
    if across:
        files.update((f"portfolio.{t.suffix}", f"the portfolio's {t.kind} file") for t in targets
                     if EXPORTERS[t.kind].portfolio is not None and f"portfolio.{t.suffix}" not in files)
    return files


def plan(
    journeys: Sequence[LoadedJourney], targets: Sequence[Target], portfolio: bool, across: bool = False,
    site: bool = False,
) -> tuple[list[int], list[Issue]]:
    """Every output name is planned before anything is written, so that no output overwrites another:
    build's own files first, then each journey's in turn. A journey whose outputs would take a name
    already planned (compared case-insensitively, as on macOS and Windows) is not built, and an error at
    its id says which name and whose it is. Returns (indexes of the journeys to build, the errors)."""
    taken = {name.casefold(): what for name, what in own_files(portfolio, across, targets, site).items()}
    keep: list[int] = []
    problems: list[Issue] = []
    for index, loaded in enumerate(journeys):
        journey_id = loaded.journey.id
        names = [output_name(journey_id, t) for t in targets]
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
        keep.append(index)
    return keep, problems


def _jobs(requested: int | None, count: int) -> int:
    if requested is not None:
        return max(1, min(requested, count))
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    # Starting worker processes costs more than it saves for a handful of journeys on one core.
    return 1 if count < 3 or cpus < 2 else min(cpus, count)


def run(
    paths: Sequence[str | Path], out_dir: Path, targets: Sequence[Target], lang: str,
    jobs: int | None = None, portfolio: bool = False, progress: Callable[[str], None] | None = None,
    across: bool | None = None, site: bool = False,
) -> int:
    """Validate, analyse and write `targets` for every valid journey into `out_dir`. Returns the exit code.
    `portfolio` adds the portfolio report; `across` (default: as `portfolio`) adds, for each target whose
    exporter makes one, its file across all journeys (`portfolio.<suffix>`, e.g. portfolio.xlsx). With
    `site`, also the web site over them (needs the swimlane SVG among the targets).
    Targets this machine cannot make (Graphviz missing) are skipped and said in one line (exit 2); when
    none of them can be made, nothing is done at all."""
    targets, skipped = _available(targets)
    across = portfolio if across is None else across
    checked = check(paths)
    for issue in checked.issues:
        print(issue, file=sys.stderr)
    journeys = checked.valid_journeys()
    keep, clashes = plan(journeys, targets, portfolio, across, site)
    for issue in clashes:
        print(issue, file=sys.stderr)
    from .analysis.comparison import with_comparisons

    analyses = with_comparisons([analyse_loaded(checked.workspace, journeys[i]) for i in keep])
    protected = checked.sources
    if progress is None and sys.stderr.isatty():
        progress = lambda line: print(line, file=sys.stderr)  # noqa: E731 - a one-line printer, as a value
    workers = _jobs(jobs, len(analyses))
    svgs: dict[str, bytes] | None = {} if site else None  # the swimlanes, kept for the site's pages
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = pool.map(_produce, analyses, [targets] * len(analyses), [lang] * len(analyses))
            _write_all(analyses, results, out_dir, protected, progress, svgs)
    else:
        _write_all(analyses, (_produce(a, targets, lang) for a in analyses), out_dir, protected, progress, svgs)
    whole = make_portfolio(analyses) if analyses else None  # computed once, read by every file across journeys
    if portfolio and whole is not None:
        from .export.report import render

        for suffix, fmt in PORTFOLIO_FILES.items():
            write_atomic(out_dir / f"portfolio.{suffix}", render(analyses, whole, fmt, lang).encode("utf-8"), protected)
        _write_benefits(analyses, out_dir, lang, protected)
    if across and whole is not None:
        _write_across(analyses, whole, targets, out_dir, protected, lang)
    if site and whole is not None and svgs:  # without Graphviz, no swimlane and no site: the skipped line says so
        _write_site(analyses, whole, svgs, targets, out_dir, lang, protected, progress)
    invalid = sorted({*checked.invalid_sources(), *(i.file for i in clashes)})
    if invalid:
        print(f"not built, fix the errors above first: {', '.join(invalid)}", file=sys.stderr)
    if skipped:
        print(skipped, file=sys.stderr)
        return ExitCode.USAGE
    return ExitCode.INVALID if invalid else ExitCode.OK


def _available(targets: Sequence[Target]) -> tuple[list[Target], str]:
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
    said = "; ".join(f"skipped {kind} ({', '.join(formats)}): {why}" for kind, (formats, why) in missing.items())
    return kept, said


def _write_benefits(analyses: Sequence[JourneyAnalysis], out_dir: Path, lang: str, protected: list[Path]) -> None:
    """Gains and costs across every to-be journey compared (no journey id holds a '.', so no clash)."""
    comparisons = [a.comparison for a in analyses if a.comparison is not None]
    if not comparisons:
        return
    from .export.comparison.report import render as render_comparisons

    for fmt, suffix in (("markdown", "md"), ("json", "json")):
        data = render_comparisons(comparisons, fmt, lang).encode("utf-8")
        write_atomic(out_dir / f"portfolio.comparisons.{suffix}", data, protected)


def _write_across(analyses, whole, targets, out_dir, protected, lang) -> None:
    for target in dict.fromkeys(targets):
        data = EXPORTERS[target.kind].export_portfolio(analyses, whole, target.fmt, lang)
        if data is None:
            continue
        write_atomic(out_dir / f"portfolio.{target.suffix}", data, protected)


def _write_all(analyses, results, out_dir, protected, progress, svgs=None) -> None:
    for done, (analysis, (files, notes)) in enumerate(zip(analyses, results), start=1):
        for name, data in files.items():
            write_atomic(out_dir / name, data, protected)
        for text in notes:
            print(f"{analysis.source}: note: {text}", file=sys.stderr)
        if svgs is not None and f"{analysis.journey.id}.svg" in files:
            svgs[analysis.journey.id] = files[f"{analysis.journey.id}.svg"]
        if progress:
            kinds = ", ".join(name.rsplit(".", 1)[1] for name in files)
            progress(f"[{done}/{len(analyses)}] {analysis.journey.id}: {kinds} → {out_dir}")


def _write_site(analyses, whole, svgs, targets, out_dir, lang, protected, progress=None) -> None:
    """index.html and a page per journey (site/<id>.html), linking the files the targets wrote."""
    from .export.site import DOWNLOADS, site

    built = {t.suffix for t in targets}
    drawn = [a for a in analyses if a.journey.id in svgs]
    pages = site(drawn, whole if len(drawn) == len(analyses) else make_portfolio(drawn), svgs, lang, [s for s in DOWNLOADS if s in built],
                 comparison_files=any(t.kind == "comparison" for t in targets))
    for name, data in pages.items():
        write_atomic(out_dir / name, data, protected)
    if progress:
        progress(f"site: open {out_dir / 'index.html'} in a browser")
