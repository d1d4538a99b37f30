"""`brukerreise serve`: the site on a local web server, rebuilt in memory when a journey or registry is
saved, with open pages reloading themselves. It answers only for the pages and files it generated: no
other file, no folder listing, nothing but GET and HEAD."""

from __future__ import annotations

import errno
import functools
import io
import queue
import selectors
import socket
import sys
import threading
import typing
import time
from collections.abc import Sequence
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from .export.site import DESIGNSYSTEMET
from .preview import Preview

WAIT_SECONDS = 25.0  # a reader's long poll is answered at the latest after this
LIVE = "/_live/wait"
IDLE_SECONDS = 10.0  # a connection that sends no request for this long is closed, without ever holding a thread
READ_SECONDS = 5.0  # a request that stops half-way is dropped after this
MAX_HEAD_BYTES = 256 * 1024  # a request line and headers longer than this go to a thread, which refuses them
MAX_THREADS = 32  # requests answered at once (long polls at most MAX_THREADS - 8); the rest wait their turn
LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]", "::1")
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    # Pages carry their own script and styles inline; nothing is fetched from elsewhere, and no other
    # site may frame them (clickjacking).
    "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                               "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "Referrer-Policy": "no-referrer",
}


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


def host_allowed(header: str | None, own: str) -> bool:
    """Whether a request's Host header names this server: a loopback name or the --host given (with
    --host 0.0.0.0, this machine's names and addresses), with or without a port. Anything else (a
    rebinding name such as evil.example) is refused, so that a web page the user visits cannot read the
    journeys through a name of its own that points here."""
    if not header:
        return False
    name = header.strip().lower()
    if name.startswith("["):  # [::1]:8000
        end = name.find("]")
        host, rest = name[: end + 1], name[end + 1:]
        if end < 0 or (rest and not rest.startswith(":")):
            return False
        port = rest[1:]
    else:
        host, _, port = name.partition(":")
    if port and not port.isdigit():
        return False
    own = own.strip().lower()
    allowed = set(LOCAL_NAMES)
    if own in ("0.0.0.0", "::", ""):
        allowed |= _own_addresses()
    else:
        allowed |= {own, f"[{own}]"}
    return host in allowed


@functools.cache
def _own_addresses() -> frozenset[str]:
    """This machine's addresses and name, which a listener on every address (--host 0.0.0.0) answers to
    (looked up once: a name lookup per request would slow every page)."""
    found = {socket.gethostname().lower(), socket.getfqdn().lower()}
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None):
            address = str(info[4][0]).lower()
            found.add(f"[{address}]" if ":" in address else address)
    except OSError:
        pass
    outward = outward_address()
    if outward:
        found.add(outward)
    return frozenset(found)


def outward_address() -> str | None:
    """The address other machines on the network reach this one at (the one its default route leaves
    from; no packet is sent), or None without a network."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere, only used to pick the interface
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith(("0.", "127.")) else address


class _Handler(BaseHTTPRequestHandler):
    preview: Preview  # set on the subclass made per server
    host: str  # the --host given, set on the subclass
    server_version = "brukerreise"
    sys_version = ""
    timeout = READ_SECONDS  # a request sent half-way is not waited for longer
    protocol_version = "HTTP/1.0"  # one request per connection: no kept-alive thread waiting for another

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
        if not host_allowed(self.headers.get("Host"), self.host):
            self._send(HTTPStatus.MISDIRECTED_REQUEST, "text/plain; charset=utf-8",
                       b"this server answers only to its own address (use http://127.0.0.1:PORT/)\n", body)
            return
        url = urlsplit(self.path)
        if url.path == LIVE:
            query = parse_qs(url.query)
            page = _relative(query.get("page", ["/"])[0])
            polls = self.server.long_polls  # type: ignore[attr-defined]  # the server class this handler is made for sets it
            if not polls.acquire(blocking=False):  # too many open pages: they ask again in a second
                self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/plain; charset=utf-8", b"busy\n", body,
                           {"Retry-After": "1"})
                return
            try:
                asked = query.get("digest", [""])[0]
                digest = self.preview.wait(page or "", asked, WAIT_SECONDS)
            finally:
                polls.release()
            # `answer=page`: a changed page comes with the answer (it carries its digest), not in a second request.
            changed = None if digest == asked or query.get("answer") != ["page"] else self.preview.get(page or "")
            if changed is not None and changed[0].startswith("text/html"):
                self._send(HTTPStatus.OK, changed[0], changed[1], body)
            else:
                self._send(HTTPStatus.OK, "text/plain; charset=utf-8", digest.encode(), body)
            return
        if url.path == "/favicon.ico":  # asked for by a browser showing a file (an SVG, the JSON): it has none
            self._send(HTTPStatus.NO_CONTENT, "image/x-icon", b"", False)
            return
        path = _relative(url.path)
        found = None if path is None else self.preview.get(path)
        if found is None:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n", body)
            return
        # Designsystemet's stylesheets never change while serving: a reloaded page need not fetch them again.
        cache = {"Cache-Control": "max-age=3600"} if path and path.startswith(f"site/{DESIGNSYSTEMET}/") else None
        self._send(HTTPStatus.OK, found[0], found[1], body, cache)

    def _send(self, status: HTTPStatus, kind: str, data: bytes, body: bool,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        headers = {"Cache-Control": "no-store", **SECURITY_HEADERS, **(headers or {})}
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError, TimeoutError):
                pass

    def setup(self) -> None:
        super().setup()
        # What the server's door read of the request before handing the connection over comes first.
        received = self.server._received.pop(self.connection, b"")  # type: ignore[attr-defined]  # the server class this handler is made for has it
        if received:
            self.rfile = io.BufferedReader(_Prefixed(received, self.rfile))

    def handle(self) -> None:
        try:
            super().handle()
        except (ConnectionError, TimeoutError):
            pass  # the reader went away or sent nothing in time: nothing to answer, nothing to report


class _Prefixed(io.RawIOBase):
    """The bytes already read from a connection, then the rest of it."""

    def __init__(self, first: bytes, rest: io.BufferedIOBase) -> None:
        self._first, self._rest = first, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._first:
            n = min(len(buffer), len(self._first))
            buffer[:n] = self._first[:n]
            self._first = self._first[n:]
            return n
        data = self._rest.read1(len(buffer))
        buffer[:len(data)] = data
        return len(data)


_TIMED_OUT = (b"HTTP/1.0 408 Request Timeout\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 33\r\n"
              b"Connection: close\r\n\r\nthe request was not sent in time\n")


def _relative(path: str) -> str | None:
    """The generated file a URL path names ('' and '/' name index.html); None for anything that could
    reach outside it (the lookup is by exact name in memory, so this is a second fence)."""
    name = unquote(path).lstrip("/")
    if name == "":
        return "index.html"
    if "\\" in name or "\0" in name or any(part in ("", ".", "..") for part in name.split("/")):
        return None
    return name


class _BoundedServer(ThreadingHTTPServer):
    """A fixed pool of MAX_THREADS threads answers requests. A connection gets a thread only once it has
    sent its whole request line and headers: until then it waits, without a thread, in one selector, and is
    closed after IDLE_SECONDS. So clients that open connections and send nothing, or send a request slowly
    or half-way, hold no thread, and the server keeps answering the others."""

    daemon_threads = True
    request_queue_size = 1024

    def __init__(self, address: tuple[str, int], handler: type[_Handler], family: int = socket.AF_INET) -> None:
        self.address_family = family
        super().__init__(address, handler)
        self._waiting: dict[socket.socket, tuple[float, tuple]] = {}
        self._selector = selectors.DefaultSelector()
        self._wake_read, self._wake_write = socket.socketpair()
        self._selector.register(self._wake_read, selectors.EVENT_READ)
        self._ready: queue.SimpleQueue = queue.SimpleQueue()
        self._received: dict[socket.socket, bytes] = {}  # what each connection has sent of its request so far
        self._lock = threading.Lock()
        self._closed = False
        self.long_polls = threading.BoundedSemaphore(max(1, MAX_THREADS - 8))  # keep threads for pages
        threading.Thread(target=self._door, name="brukerreise-door", daemon=True).start()
        for n in range(MAX_THREADS):
            threading.Thread(target=self._work, name=f"brukerreise-http-{n}", daemon=True).start()

    def process_request(self, request, client_address) -> None:
        with self._lock:
            self._waiting[request] = (time.monotonic() + IDLE_SECONDS, client_address)
            self._selector.register(request, selectors.EVENT_READ)
        self._wake_write.send(b"x")

    def _door(self) -> None:
        """Hand each connection that has sent something to a worker; close those idle for too long."""
        while not self._closed:
            events = self._selector.select(timeout=1.0)
            now = time.monotonic()
            with self._lock:
                for key, _ in events:
                    if key.fileobj is self._wake_read:
                        try:
                            self._wake_read.recv(4096)
                        except OSError:
                            pass
                        continue
                    conn = typing.cast(socket.socket, key.fileobj)  # only sockets are registered
                    try:
                        chunk = conn.recv(65536)
                    except OSError:
                        chunk = b""
                    if not chunk:  # the client went away
                        self._selector.unregister(conn)
                        del self._waiting[conn]
                        self._received.pop(conn, None)
                        self.shutdown_request(conn)
                        continue
                    received = self._received.get(conn, b"") + chunk
                    if b"\n\r\n" not in received and b"\n\n" not in received and len(received) < MAX_HEAD_BYTES:
                        self._received[conn] = received  # the request is not all here yet: wait without a thread
                        continue
                    self._selector.unregister(conn)
                    _, address = self._waiting.pop(conn)
                    self._received[conn] = received
                    self._ready.put((conn, address))
                for conn, (deadline, _) in list(self._waiting.items()):
                    if deadline < now:
                        self._selector.unregister(conn)
                        del self._waiting[conn]
                        if self._received.pop(conn, None):  # it began a request and never finished it
                            try:
                                conn.send(_TIMED_OUT)
                            except OSError:
                                pass
                        self.shutdown_request(conn)

    def _work(self) -> None:
        while True:
            item = self._ready.get()
            if item is None:
                return
            conn, address = item
            try:
                self.finish_request(conn, address)
            except Exception:  # noqa: BLE001 - a client's broken connection is not the server's error
                pass
            finally:
                self._received.pop(conn, None)
                self.shutdown_request(conn)

    def handle_error(self, request, client_address) -> None:
        pass  # nothing on the terminal for a client that went away

    def server_close(self) -> None:
        super().server_close()
        if not hasattr(self, "_lock"):
            return  # the address could not be bound: nothing started yet
        self._closed = True
        with self._lock:
            for conn in list(self._waiting):
                self.shutdown_request(conn)
            self._waiting.clear()
        for _ in range(MAX_THREADS):
            self._ready.put(None)
        try:
            self._wake_write.send(b"x")
        except OSError:
            pass


def _listen(host: str, port: int, handler: type[_Handler]) -> ThreadingHTTPServer:
    from .errors import UsageError

    try:
        return _BoundedServer((host, port), handler, socket.AF_INET6 if ":" in host else socket.AF_INET)
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
            handler = type("Handler", (_Handler,), {"preview": self.preview, "host": host})
            self.http = _listen(host, port, handler)
        except BaseException:
            self._stop.set()
            raise
        self.http.daemon_threads = True

    @property
    def url(self) -> str:
        """The address to open on this machine."""
        host, port = self.http.server_address[:2]
        if host in ("0.0.0.0", "::"):
            host = "127.0.0.1" if host == "0.0.0.0" else "::1"
        shown = f"[{host!s}]" if ":" in str(host) else str(host)
        return f"http://{shown}:{port!s}/"

    @property
    def shared_url(self) -> str | None:
        """With --host 0.0.0.0 (every address), the address another machine on the network can open."""
        host, port = self.http.server_address[:2]
        if host not in ("0.0.0.0", "::"):
            return None
        address = outward_address()
        return f"http://{address}:{port}/" if address else None

    def _watch(self) -> None:
        from watchfiles import watch

        # A save is taken as soon as 10 ms pass without another change (an editor's write and rename come
        # together); changes that keep coming are taken every 200 ms at the latest.
        for changes in watch(*self.folders, watch_filter=_is_source, stop_event=self._stop, step=10,
                             debounce=200, raise_interrupt=False, recursive=self.recursive):
            self.preview.refresh(path for _, path in changes)

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
