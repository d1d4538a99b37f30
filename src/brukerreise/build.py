"""Orchestration of render, deck and build: validate, analyse, then export every valid journey.

An invalid journey does not stop the others; the exit status reports it. Each journey's outputs are all
produced in memory first and then written atomically, so a failure leaves nothing half-written."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import attrs

from .analysis import JourneyAnalysis, portfolio as make_portfolio
from .api import check
from .export import EXPORTERS
from .output import write_atomic


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
            *(Target("comparison", fmt) for fmt in ("markdown", "json", "svg")), *spreadsheets()]


def spreadsheets() -> list[Target]:
    """A workbook (`<id>.xlsx`) and a CSV of the steps (`<id>.steps.csv`) per journey."""
    return [Target("spreadsheet", "xlsx"), Target("spreadsheet", "csv")]


def _produce(analysis: JourneyAnalysis, targets: Sequence[Target], lang: str) -> dict[str, bytes]:
    return {f"{analysis.journey.id}.{t.suffix}": t.export(analysis, lang) for t in targets if t.applies_to(analysis)}


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
    `site`, also the web site over them (needs the swimlane SVG among the targets)."""
    for target in targets:
        target.ensure_available()
    checked = check(paths)
    for issue in checked.issues:
        print(issue, file=sys.stderr)
    analyses = checked.analyse()
    protected = checked.sources
    if progress is None and sys.stderr.isatty():
        progress = lambda line: print(line, file=sys.stderr)  # noqa: E731
    workers = _jobs(jobs, len(analyses))
    svgs: dict[str, bytes] | None = {} if site else None  # the swimlanes, kept for the site's pages
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = pool.map(_produce, analyses, [targets] * len(analyses), [lang] * len(analyses))
            _write_all(analyses, results, out_dir, protected, progress, svgs)
    else:
        _write_all(analyses, (_produce(a, targets, lang) for a in analyses), out_dir, protected, progress, svgs)
    if portfolio and analyses:
        from .export.report import render

        whole = make_portfolio(analyses)
        for fmt, suffix in (("markdown", "md"), ("json", "json")):
            write_atomic(out_dir / f"portfolio.{suffix}", render(analyses, whole, fmt, lang).encode("utf-8"), protected)
        _write_benefits(analyses, out_dir, lang, protected)
    if (portfolio if across is None else across) and analyses:
        _write_across(analyses, targets, out_dir, protected, lang)
    if site and analyses and svgs is not None:
        _write_site(analyses, svgs, targets, out_dir, lang, protected, progress)
    invalid = checked.invalid_sources()
    if invalid:
        print(f"not built, fix the errors above first: {', '.join(invalid)}", file=sys.stderr)
        return 1
    return 0


def _write_benefits(analyses: Sequence[JourneyAnalysis], out_dir: Path, lang: str, protected: list[Path]) -> None:
    """Gains and costs across every to-be journey compared (no journey id holds a '.', so no clash)."""
    comparisons = [a.comparison for a in analyses if a.comparison is not None]
    if not comparisons:
        return
    from .export.comparison.report import render as render_comparisons

    for fmt, suffix in (("markdown", "md"), ("json", "json")):
        data = render_comparisons(comparisons, fmt, lang).encode("utf-8")
        write_atomic(out_dir / f"portfolio.comparisons.{suffix}", data, protected)


def _write_across(analyses, targets, out_dir, protected, lang) -> None:  # type: ignore[no-untyped-def]
    whole = make_portfolio(analyses)
    for target in dict.fromkeys(targets):
        data = EXPORTERS[target.kind].export_portfolio(analyses, whole, target.fmt, lang)
        if data is None:
            continue
        if any(a.journey.id == "portfolio" for a in analyses):  # its own outputs have this name
            print(f"not written: portfolio.{target.suffix}, since a journey's id is 'portfolio': give the journey "
                  "another id", file=sys.stderr)
            continue
        write_atomic(out_dir / f"portfolio.{target.suffix}", data, protected)


def _write_all(analyses, results, out_dir, protected, progress, svgs=None) -> None:  # type: ignore[no-untyped-def]
    for done, (analysis, files) in enumerate(zip(analyses, results), start=1):
        for name, data in files.items():
            write_atomic(out_dir / name, data, protected)
        if svgs is not None and f"{analysis.journey.id}.svg" in files:
            svgs[analysis.journey.id] = files[f"{analysis.journey.id}.svg"]
        if progress:
            kinds = ", ".join(name.rsplit(".", 1)[1] for name in files)
            progress(f"[{done}/{len(analyses)}] {analysis.journey.id}: {kinds} → {out_dir}")


def _write_site(analyses, svgs, targets, out_dir, lang, protected, progress=None) -> None:  # type: ignore[no-untyped-def]
    """index.html and a page per journey (site/<id>.html), linking the files the targets wrote."""
    from .export.site import DOWNLOADS, site

    built = {t.suffix for t in targets}
    drawn = [a for a in analyses if a.journey.id in svgs]
    pages = site(drawn, make_portfolio(drawn), svgs, lang, [s for s in DOWNLOADS if s in built],
                 comparison_files=any(t.kind == "comparison" for t in targets))
    for name, data in pages.items():
        write_atomic(out_dir / name, data, protected)
    if progress:
        progress(f"site: open {out_dir / 'index.html'} in a browser")
