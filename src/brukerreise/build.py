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
            *wiki_and_modeler()]


def wiki_and_modeler() -> list[Target]:
    """Mermaid for wikis (flowchart, journey diagram, wiki page) and BPMN for modelers: plain text, cheap."""
    return [Target("mermaid", "mermaid"), Target("mermaid", "mermaid-journey"), Target("mermaid", "mermaid-wiki"),
            Target("bpmn", "bpmn")]


def _produce(analysis: JourneyAnalysis, targets: Sequence[Target], lang: str) -> dict[str, bytes]:
    return {f"{analysis.journey.id}.{t.suffix}": t.export(analysis, lang) for t in targets}


def _jobs(requested: int | None, count: int) -> int:
    if requested is not None:
        return max(1, min(requested, count))
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    # Starting worker processes costs more than it saves for a handful of journeys on one core.
    return 1 if count < 3 or cpus < 2 else min(cpus, count)


def run(
    paths: Sequence[str | Path], out_dir: Path, targets: Sequence[Target], lang: str,
    jobs: int | None = None, portfolio: bool = False, progress: Callable[[str], None] | None = None,
) -> int:
    """Validate, analyse and write `targets` for every valid journey into `out_dir`. Returns the exit code."""
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
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = pool.map(_produce, analyses, [targets] * len(analyses), [lang] * len(analyses))
            _write_all(analyses, results, out_dir, protected, progress)
    else:
        _write_all(analyses, (_produce(a, targets, lang) for a in analyses), out_dir, protected, progress)
    if portfolio and analyses:
        from .export.report import render

        whole = make_portfolio(analyses)
        for fmt, suffix in (("markdown", "md"), ("json", "json")):
            write_atomic(out_dir / f"portfolio.{suffix}", render(analyses, whole, fmt, lang).encode("utf-8"), protected)
    invalid = checked.invalid_sources()
    if invalid:
        print(f"not built, fix the errors above first: {', '.join(invalid)}", file=sys.stderr)
        return 1
    return 0


def _write_all(analyses, results, out_dir, protected, progress) -> None:  # type: ignore[no-untyped-def]
    for done, (analysis, files) in enumerate(zip(analyses, results), start=1):
        for name, data in files.items():
            write_atomic(out_dir / name, data, protected)
        if progress:
            kinds = ", ".join(name.rsplit(".", 1)[1] for name in files)
            progress(f"[{done}/{len(analyses)}] {analysis.journey.id}: {kinds} → {out_dir}")
