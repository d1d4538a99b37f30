"""`brukerreise serve`: the site on a local web server, rebuilt in memory when a journey or registry is
saved, with open pages reloading themselves. It answers only for the pages and files it generated: no
other file, no folder listing, nothing but GET and HEAD."""

from __future__ import annotations

import errno
import socket
import sys
import threading
from collections.abc import Sequence
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from .preview import Preview

WAIT_SECONDS = 25.0  # a reader's long poll is answered at the latest after this
LIVE = "/_live/wait"


def watched_folders(paths: Sequence[str | Path]) -> list[Path]:
    """The folders to watch: each folder given, and the folder of each file (its registries lie beside it,
    and editors save by replacing the file). Raises UsageError for a path that does not exist."""
    from .errors import UsageError
    from .reading.loading import DEFAULT_PATHS

    for path in paths or DEFAULT_PATHS:
        if not Path(path).exists():
            raise UsageError(f"{path}: no such file or folder")
    folders = [Path(p) if Path(p).is_dir() else Path(p).parent for p in (paths or DEFAULT_PATHS)]
    return list(dict.fromkeys(f.resolve() for f in folders))


def _is_source(change: object, path: str) -> bool:
    return path.endswith((".yaml", ".yml"))


class _Handler(BaseHTTPRequestHandler):
    preview: Preview  # set on the subclass made per server
    server_version = "brukerreise"
    sys_version = ""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet: the terminal shows diagnostics
        pass

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _refuse(self) -> None:
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", b"only GET and HEAD\n", True,
                   {"Allow": "GET, HEAD"})

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse  # noqa: N815 - http.server looks the handlers up by these names

    def _answer(self, body: bool) -> None:
        url = urlsplit(self.path)
        if url.path == LIVE:
            query = parse_qs(url.query)
            page = _relative(query.get("page", ["/"])[0])
            digest = self.preview.wait(page or "", query.get("digest", [""])[0], WAIT_SECONDS)
            self._send(HTTPStatus.OK, "text/plain; charset=utf-8", digest.encode(), body)
            return
        path = _relative(url.path)
        found = None if path is None else self.preview.get(path)
        if found is None:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n", body)
            return
        self._send(HTTPStatus.OK, found[0], found[1], body)

    def _send(self, status: HTTPStatus, kind: str, data: bytes, body: bool,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass


def _relative(path: str) -> str | None:
    """The generated file a URL path names ('' and '/' name index.html); None for anything that could
    reach outside it (the lookup is by exact name in memory, so this is a second fence)."""
    name = unquote(path).lstrip("/")
    if name == "":
        return "index.html"
    if "\\" in name or "\0" in name or any(part in ("", ".", "..") for part in name.split("/")):
        return None
    return name


def _listen(host: str, port: int, handler: type[_Handler]) -> ThreadingHTTPServer:
    from .errors import UsageError

    try:
        return ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(f"{host}:{port} is in use: choose another port with --port (0 picks a free one)") from exc
        if exc.errno == errno.EADDRNOTAVAIL or isinstance(exc, socket.gaierror):
            raise UsageError(f"cannot listen on '{host}': give an address of this machine with --host") from exc
        raise


class Server:
    """The preview, its HTTP server and its watcher, started and stopped together."""

    def __init__(self, paths: Sequence[str | Path], host: str, port: int, lang: str) -> None:
        self.preview = Preview(paths, lang, report=lambda line: print(line, file=sys.stderr, flush=True))
        self.folders = watched_folders(paths)
        # Folders are read with everything under them; for files alone, their own folder is enough.
        self.recursive = any(Path(p).is_dir() for p in paths) or not paths
        self._stop = threading.Event()
        # Watching starts before the first build, so that no save is missed while the watcher gets ready.
        self._watcher = threading.Thread(target=self._watch, name="brukerreise-watch", daemon=True)
        self._watcher.start()
        try:
            self.preview.refresh()
            handler = type("Handler", (_Handler,), {"preview": self.preview})
            self.http = _listen(host, port, handler)
        except BaseException:
            self._stop.set()
            raise
        self.http.daemon_threads = True

    @property
    def url(self) -> str:
        host, port = self.http.server_address[:2]
        shown = f"[{host!s}]" if ":" in str(host) else str(host)
        return f"http://{shown}:{port!s}/"

    def _watch(self) -> None:
        from watchfiles import watch

        for _ in watch(*self.folders, watch_filter=_is_source, stop_event=self._stop, step=20,
                       debounce=400, raise_interrupt=False, recursive=self.recursive):
            self.preview.refresh()

    def serve(self) -> None:
        """Serve until Ctrl-C, then stop the watcher and release every waiting page."""
        try:
            self.http.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            pass
        finally:
            self.close()

    def close(self) -> None:
        self._stop.set()
        self.preview.wake()
        self.http.server_close()
        if self._watcher.is_alive():
            self._watcher.join(timeout=2)
