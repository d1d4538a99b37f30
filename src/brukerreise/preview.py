"""The site of `brukerreise serve`, built in memory and rebuilt when its files change: only the journeys
whose content changed are drawn again. A journey whose file turns invalid keeps its last good page, with
the diagnostics above it. Readers wait for a page to change through `wait`."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from .analysis import JourneyAnalysis, portfolio
from .api import check
from .errors import UsageError

SERVED_DOWNLOADS = ("svg", "json", "md")  # cheap enough to make on every save; PNG and PPTX come from `build`


def _key(a: JourneyAnalysis, lang: str) -> str:
    """What a journey's drawing and page depend on: the journey, the actors and data items it uses, the
    language, and for a to-be journey today's journey it is compared with (its marks and ghosts). The same
    key means the same SVG."""
    before = a.comparison.before if a.comparison is not None else None
    today = None if before is None else (before.journey, sorted(before.actors.items()), sorted(before.data_items.items()))
    text = repr((a.journey, sorted(a.actors.items()), sorted(a.data_items.items()), a.source, lang, today))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Preview:
    def __init__(self, paths: Sequence[str | Path], lang: str = "nb",
                 report: Callable[[str], None] | None = None) -> None:
        self.paths = list(paths)
        self.lang = lang
        self.report = report or (lambda line: None)
        self._svgs: dict[str, bytes] = {}  # journey key -> SVG
        self._reports: dict[str, dict[str, tuple[str, bytes]]] = {}  # journey key -> its JSON and Markdown
        self._pages: dict[tuple, bytes] = {}  # (journey key, errors, warnings, related links) -> page
        self._good: dict[str, JourneyAnalysis] = {}  # source file -> its last valid analysis
        self._files: dict[str, tuple[str, bytes]] = {}  # served path -> (content type, bytes)
        self._digests: dict[str, str] = {}
        self._changed = threading.Condition()
        self.renders = 0  # swimlanes drawn so far (what `only what changed` saves)

    # --- building ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the files again and rebuild what changed. Never raises for a problem in the input."""
        from .export.site import INDEX, compared, journey_page, page_path, portfolio_page
        from .export.site import _labels as site_labels

        try:
            checked = check(self.paths)
            problems = tuple(str(i) for i in checked.errors)
            warnings = tuple(str(i) for i in checked.warnings)
            current = {a.source: a for a in checked.analyse()}
            kept = set(checked.invalid_sources())
        except (UsageError, OSError) as exc:
            problems, warnings, current, kept = (f"error: {exc}",), (), {}, set(self._good)
        for line in (*problems, *warnings):
            self.report(line)
        self._good = {s: a for s, a in self._good.items() if s in kept} | current
        analyses = [self._good[s] for s in sorted(self._good)]
        keys = {a.journey.id: _key(a, self.lang) for a in analyses}
        self._draw([a for a in analyses if keys[a.journey.id] not in self._svgs], keys)
        files: dict[str, tuple[str, bytes]] = {}
        links = compared.related(analyses, site_labels(self.lang))
        wanted = set()
        for a in analyses:
            svg = self._svg(a, keys[a.journey.id])
            related = tuple(links.get(a.journey.id, ()))
            page_key = (keys[a.journey.id], problems, warnings, related)
            wanted.add(page_key)
            if page_key not in self._pages:
                self._pages[page_key] = journey_page(a, svg, self.lang, SERVED_DOWNLOADS, live=True, problems=problems,
                                                     warnings=warnings, related=related)
            files[page_path(a.journey.id)] = ("text/html; charset=utf-8", self._pages[page_key])
            files[f"{a.journey.id}.svg"] = ("image/svg+xml", svg)
            files.update(self._report(a, keys[a.journey.id]))
        files[INDEX] = ("text/html; charset=utf-8",
                        portfolio_page(analyses, portfolio(analyses), self.lang, compared.portfolio_sections(analyses, self.lang),
                                       live=True, problems=problems, warnings=warnings))
        for path, page in compared.comparison_pages(analyses, self.lang, False, True, problems, warnings).items():
            files[path] = ("text/html; charset=utf-8", page)  # no Graphviz: made again on every save
        live = {keys[a.journey.id] for a in analyses}
        self._svgs = {k: v for k, v in self._svgs.items() if k in live}
        self._reports = {k: v for k, v in self._reports.items() if k in live}
        self._pages = {k: v for k, v in self._pages.items() if k in wanted}
        with self._changed:
            self._files = files
            self._digests = {path: hashlib.sha256(data).hexdigest()[:16] for path, (_, data) in files.items()}
            self._changed.notify_all()

    def _draw(self, analyses: Sequence[JourneyAnalysis], keys: dict[str, str]) -> None:
        """Draw these journeys' swimlanes at once: Graphviz runs in processes of its own, one per CPU."""
        if len(analyses) < 2:
            return  # one is drawn where it is needed
        from concurrent.futures import ThreadPoolExecutor

        from .export.swimlane import render

        with ThreadPoolExecutor(max_workers=max(1, min(len(analyses), os.cpu_count() or 1))) as pool:
            drawn = pool.map(lambda a: render(a, "svg", self.lang), analyses)
            for a, svg in zip(analyses, drawn):
                self._svgs[keys[a.journey.id]] = svg
                self.renders += 1

    def _svg(self, a: JourneyAnalysis, key: str) -> bytes:
        if key not in self._svgs:
            from .export.swimlane import render

            self._svgs[key] = render(a, "svg", self.lang)
            self.renders += 1
        return self._svgs[key]

    def _report(self, a: JourneyAnalysis, key: str) -> dict[str, tuple[str, bytes]]:
        if key not in self._reports:
            from .export.report import export

            self._reports[key] = {
                f"{a.journey.id}.json": ("application/json", export(a, "json", self.lang)),
                f"{a.journey.id}.md": ("text/markdown; charset=utf-8", export(a, "markdown", self.lang)),
            }
        return self._reports[key]

    # --- serving -----------------------------------------------------------------------------------

    def get(self, path: str) -> tuple[str, bytes] | None:
        """The content type and bytes served at `path` (relative, e.g. 'site/x.html'), or None."""
        from .export.site import LIVE_MARK

        with self._changed:
            found = self._files.get(path)
            digest = self._digests.get(path, "")
        if found is None:
            return None
        kind, data = found
        if kind.startswith("text/html"):
            data = data.replace(LIVE_MARK.encode(), digest.encode(), 1)
        return kind, data

    def digest(self, path: str) -> str:
        with self._changed:
            return self._digests.get(path, "")

    def wait(self, path: str, digest: str, timeout: float) -> str:
        """The page's digest once it differs from `digest`, or after `timeout` seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self._digests.get(path, "") != digest, timeout)
            return self._digests.get(path, "")

    def wake(self) -> None:
        """Release every waiting reader (when stopping)."""
        with self._changed:
            self._digests = {}
            self._changed.notify_all()
