"""The site of `brukerreise serve`, built in memory and rebuilt when its files change: only the journeys
whose content changed are drawn again, and the page of the journey just saved is made and shown first. A
journey whose file turns invalid keeps its last good page, with the diagnostics above it. Readers wait for
a page to change through `wait`."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from .build import Cache, MemorySink, Options, Target, produce

FETCH_SECONDS = 1.0  # the rest of the site waits at most this long for the open page to show its new version
# Cheap enough to make on every save; PNG and PPTX come from `build`. The site links what was made.
SERVED = (Target("swimlane", "svg"), Target("report", "json"), Target("report", "markdown"))
CONTENT_TYPES = {"html": "text/html; charset=utf-8", "svg": "image/svg+xml", "json": "application/json",
                 "md": "text/markdown; charset=utf-8", "css": "text/css; charset=utf-8",
                 "txt": "text/plain; charset=utf-8", "png": "image/png",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}


def content_type(path: str) -> str:
    """The Content-Type of a produced file by its suffix; a file without one (a licence) is plain text."""
    name = path.rsplit("/", 1)[-1]
    return CONTENT_TYPES.get(name.rsplit(".", 1)[1] if "." in name else "txt", "application/octet-stream")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


class Preview:
    def __init__(self, paths: Sequence[str | Path], lang: str = "nb",
                 report: Callable[[str], None] | None = None) -> None:
        # `build`'s production, as serve shows it: in memory, in threads (a server does not fork)
        from .export.swimlane import start_ahead
        from .reading.yamlsource import keep_documents

        self.options = Options(paths, SERVED, lang, site=True, live=True, threads=True)
        keep_documents()  # the files not saved are not parsed again, and read as the very same records
        start_ahead()  # a saved journey's drawing does not wait for Graphviz to start
        self.report = report or (lambda line: None)
        self.cache = Cache()
        self._files: dict[str, tuple[str, bytes]] = {}  # served path -> (content type, bytes)
        self._digests: dict[str, str] = {}
        self._changed = threading.Condition()
        self._readers: dict[str, int] = {}  # served path -> open pages waiting for it to change
        self._owed: set[str] = set()  # pages shown first, not yet shown by the open pages waiting for them
        self._building = threading.Lock()  # the watcher and the first build never produce at once

    @property
    def renders(self) -> int:
        """Swimlanes drawn so far (what `only what changed` saves)."""
        return self.cache.renders

    # --- building ----------------------------------------------------------------------------------

    def refresh(self, saved: Iterable[str | Path] = ()) -> None:
        """Read the files again and rebuild what changed. Never raises for a problem in the input. `saved`:
        the files just saved; the pages of their journeys are made and shown first (an open page is
        answered at once), the rest of the site follows."""
        first = {Path(p).resolve() for p in saved}
        with self._building:
            built = produce(self.options, MemorySink(), self.cache, first=first, early=self._show)
        for line in (*built.problems, *built.warnings):
            self.report(line)
        files = {path: (content_type(path), data) for path, data in built.files.items()}
        with self._changed:
            self._files = files
            self._digests = {path: _digest(data) for path, (_, data) in files.items()}
            self._changed.notify_all()

    def _show(self, made: dict[str, bytes]) -> None:
        """Serve these files now, in place of their last versions, and answer the pages waiting on them.
        The rest of the site is made once they show them (they wait again, with the new digest; or after
        FETCH_SECONDS): it would otherwise take the processor from the server and the browser."""
        with self._changed:
            digests = {path: _digest(data) for path, data in made.items()}
            self._owed = {p for p, d in digests.items() if self._readers.get(p) and d != self._digests.get(p)}
            self._files = {**self._files, **{path: (content_type(path), data) for path, data in made.items()}}
            self._digests = {**self._digests, **digests}
            self._changed.notify_all()
            self._changed.wait_for(lambda: not self._owed, FETCH_SECONDS)
            self._owed = set()

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

    def paths(self) -> list[str]:
        """Every path served, sorted."""
        with self._changed:
            return sorted(self._files)

    def digest(self, path: str) -> str:
        with self._changed:
            return self._digests.get(path, "")

    def wait(self, path: str, digest: str, timeout: float) -> str:
        """The page's digest once it differs from `digest`, or after `timeout` seconds."""
        with self._changed:
            if path in self._owed and digest == self._digests.get(path):  # the page shows its new version
                self._owed.discard(path)
                self._changed.notify_all()
            self._readers[path] = self._readers.get(path, 0) + 1
            try:
                self._changed.wait_for(lambda: self._digests.get(path, "") != digest, timeout)
            finally:
                self._readers[path] -= 1
                if not self._readers[path]:
                    del self._readers[path]
            return self._digests.get(path, "")

    def wake(self) -> None:
        """Release every waiting reader (when stopping)."""
        with self._changed:
            self._digests = {}
            self._owed = set()
            self._changed.notify_all()
