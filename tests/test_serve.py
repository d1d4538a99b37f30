"""`serve` without a browser: it answers only for what it generated, rebuilds only what changed, and keeps
the last good page with the diagnostics when a save is invalid. (With a browser: test_site_browser.)"""

from __future__ import annotations

import http.client
import re
import shutil
import threading
from pathlib import Path

import pytest

from brukerreise.preview import Preview

FIXTURE = Path(__file__).parent / "fixtures" / "build"
pytestmark = pytest.mark.skipif(shutil.which("neato") is None, reason="Graphviz is not installed")


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "journeys"
    shutil.copytree(FIXTURE, target)
    (tmp_path / "secret.txt").write_text("not for the web", encoding="utf-8")
    return target


def test_only_the_journey_that_changed_is_drawn_again(folder):
    preview = Preview([folder])
    preview.refresh()
    assert preview.renders == 2
    preview.refresh()
    assert preview.renders == 2, "nothing changed: nothing drawn"
    path = folder / "liten-reise.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title:", "title: Ny", 1),
                    encoding="utf-8")
    preview.refresh()
    assert preview.renders == 3


def test_a_page_whose_journey_did_not_change_is_not_made_again(folder):
    preview = Preview([folder])
    preview.refresh()
    before = list(preview.cache.pages.values())
    assert len(before) == 2, "a page per journey, kept"
    path = folder / "liten-reise.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title:", "title: Ny", 1), encoding="utf-8")
    preview.refresh()
    after = list(preview.cache.pages.values())
    assert len(after) == 2, "only the pages shown now are kept"
    assert sum(any(page is old for old in before) for page in after) == 1, "the other journey's page is reused"


def test_an_invalid_save_keeps_the_last_good_page_with_the_diagnostics(folder):
    preview = Preview([folder])
    preview.refresh()
    before = preview.digest("site/liten-reise.html")
    path = folder / "liten-reise.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("owner:", "ownr:", 1), encoding="utf-8")
    preview.refresh()
    kind, page = preview.get("site/liten-reise.html")
    text = page.decode("utf-8")
    assert kind.startswith("text/html") and preview.digest("site/liten-reise.html") != before
    assert 'class="ds-alert problems"' in text and "liten-reise.yaml:" in text and "ownr" in text
    assert 'class="node step"' in text, "the last good diagram is still there"
    assert preview.digest("site/liten-reise.html") in text, "the page knows its digest for the live reload"
    path.unlink()
    preview.refresh()
    assert preview.get("site/liten-reise.html") is None, "a deleted journey's page goes"


def test_a_waiting_page_is_answered_when_it_changes(folder):
    preview = Preview([folder])
    preview.refresh()
    digest = preview.digest("site/annen-reise.html")
    answer: list[str] = []
    waiter = threading.Thread(target=lambda: answer.append(preview.wait("site/annen-reise.html", digest, 30)))
    waiter.start()
    path = folder / "annen-reise.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title:", "title: Endret", 1), encoding="utf-8")
    preview.refresh()
    waiter.join(timeout=30)
    assert answer and answer[0] != digest


@pytest.fixture()
def server(folder):
    from brukerreise.serve import Server

    running = Server([folder], "127.0.0.1", 0, "nb")
    thread = threading.Thread(target=running.http.serve_forever, daemon=True)
    thread.start()
    yield running
    running.http.shutdown()
    running.close()


def _request(server, method: str, path: str) -> tuple[int, bytes]:
    host, port = server.http.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=30)
    connection.putrequest(method, path, skip_host=False, skip_accept_encoding=True)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def test_serves_only_what_it_generates(server):
    assert _request(server, "GET", "/")[0] == 200
    assert _request(server, "GET", "/index.html")[0] == 200
    status, body = _request(server, "GET", "/site/liten-reise.html")
    assert status == 200 and b'<html lang="nb" data-live="' in body
    assert _request(server, "GET", "/liten-reise.svg")[0] == 200
    assert _request(server, "HEAD", "/liten-reise.json") == (200, b"")
    for path in ("/site/", "/site", "/liten-reise.yaml", "/actors.yaml", "/../secret.txt", "/../../etc/passwd",
                 "/%2e%2e/secret.txt", "/site/..%2f..%2fsecret.txt", "/site/../index.html", "//etc/passwd",
                 "/liten-reise.png", "/C:%5cWindows", "/index.html%00"):
        status, body = _request(server, "GET", path)
        assert status == 404, path
        assert b"not for the web" not in body
    assert _request(server, "POST", "/index.html")[0] == 405
    assert _request(server, "PUT", "/index.html")[0] == 405
    # No icon and no error in the console: pages declare none; a browser showing a file (the SVG) asks for one
    assert _request(server, "GET", "/favicon.ico") == (204, b"")


def test_a_missing_path_is_a_usage_error(cli, workdir):
    result = cli("serve", "nowhere", "--port", "0")
    assert result.code == 2 and "nowhere: no such file or folder" in result.err


def test_warnings_show_apart_from_errors(folder):
    path = folder / "liten-reise.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text("".join(line for line in text.splitlines(keepends=True) if not line.startswith("persona:")),
                    encoding="utf-8")  # a journey without persona: a warning
    preview = Preview([folder])
    preview.refresh()
    page = preview.get("site/liten-reise.html")[1].decode("utf-8")
    assert 'class="ds-alert warnings"' in page and "warning:" in page
    assert 'class="ds-alert problems"' not in page


def test_a_port_in_use_is_a_usage_error(cli, folder, server):
    port = server.http.server_address[1]
    result = cli("serve", str(folder), "--port", str(port))
    assert result.code == 2 and f"127.0.0.1:{port} is in use" in result.err and "--port" in result.err


@pytest.mark.parametrize("port", ["65536", "-1", "åtte"])
def test_a_port_out_of_range_is_a_usage_error(cli, folder, port):
    result = cli("serve", str(folder), "--port", port)
    assert result.code == 2 and f"argument --port: '{port}' is not a port: give a number from 1 to 65535" in result.err
    assert "Traceback" not in result.err


def test_a_to_be_journey_is_drawn_again_when_todays_changes(tmp_path):
    folder = tmp_path / "journeys"
    shutil.copytree(Path(__file__).parent / "fixtures" / "comparison", folder)
    preview = Preview([folder])
    preview.refresh()
    drawn = preview.renders
    today = folder / "reise.yaml"
    today.write_text(today.read_text(encoding="utf-8").replace("title:", "title: Endret", 1), encoding="utf-8")
    preview.refresh()
    assert preview.renders == drawn + 2, "today's journey and the to-be journey compared with it"
    assert preview.get("site/reise-onsket.comparison.html") is not None


def test_diagnostics_quoting_hostile_text_stay_text(folder):
    preview = Preview([folder])
    preview.refresh()
    path = folder / "liten-reise.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("life_event:", 'bad_key_<script>alert(1)</script>: "<img src=x onerror=alert(2)>"\nlife_event:', 1),
                    encoding="utf-8")
    preview.refresh()
    page = preview.get("site/liten-reise.html")[1].decode("utf-8")
    problems = page[page.index('class="ds-alert problems"'):page.index("</section>", page.index('class="ds-alert problems"'))]
    assert "bad_key_&lt;script&gt;" in problems and "<script>alert" not in page and "<img" not in page


def _links(page: bytes, where: str) -> set[str]:
    """The files a page links (href and src relative to it), as paths relative to the site's folder."""
    import posixpath
    import re

    found = set()
    for href in re.findall(rb'(?:href|src)="([^"#?]+)', page):
        target = href.decode("utf-8")
        if "://" in target or target.startswith(("data:", "mailto:")):
            continue
        found.add(posixpath.normpath(posixpath.join(posixpath.dirname(where), target)))
    return found


def test_serve_and_build_make_the_same_bytes_for_every_file_the_site_links(tmp_path):
    """One production: what serve makes in memory is what build writes, for every file a page links."""
    from brukerreise.build import Options, run

    folder = tmp_path / "journeys"
    shutil.copytree(Path(__file__).parent / "fixtures" / "comparison", folder)  # today's journey and a to-be one
    out = tmp_path / "out"
    assert run(Options([folder], jobs=1, across=True, site=True), out) == 0
    preview = Preview([folder])
    preview.refresh()
    linked = set()
    for path in preview.paths():
        if path.endswith(".html"):
            linked |= _links(preview.get(path)[1], path)
    files = {p for p in linked if not p.endswith(".html")}
    assert {p.rsplit(".", 1)[1] for p in files} >= {"svg", "json", "md"}
    for path in sorted(linked):
        served = preview.get(path)
        assert served is not None, f"the served site links {path}, which serve does not make"
        if path in files:
            assert served[1] == (out / path).read_bytes(), path
    # The same options through both sinks: the same files, byte for byte.
    from brukerreise.build import MemorySink, produce

    same = Options([folder], jobs=1, across=True, site=True)
    made = produce(same, MemorySink()).files
    assert made == {name: (out / name).read_bytes() for name in made}
    assert sorted(made) == sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


def _with_host(server, host: str | None, path: str = "/") -> int:  # type: ignore[no-untyped-def]
    address, port = server.http.server_address[:2]
    connection = http.client.HTTPConnection(address, port, timeout=30)
    connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
    if host is not None:
        connection.putheader("Host", host.replace("PORT", str(port)))
    connection.endheaders()
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def test_a_foreign_host_is_refused(server):
    """DNS rebinding: a page on evil.example whose name now points at 127.0.0.1 must not read the journeys."""
    for host in ("127.0.0.1:PORT", "127.0.0.1", "localhost:PORT", "LOCALHOST", "[::1]:PORT", "[::1]"):
        assert _with_host(server, host) == 200, host
    for host in ("evil.example", "evil.example:PORT", "127.0.0.1.evil.example", "localhost.evil.example:PORT",
                 "127.0.0.1:PORT@evil.example", "127.0.0.1:abc", "[::1]x", "", None):
        for path in ("/", "/site/liten-reise.html", "/liten-reise.json", "/_live/wait?page=/&digest=x"):
            assert _with_host(server, host, path) == 421, (host, path)


def test_the_given_host_is_accepted(folder):
    from brukerreise.serve import host_allowed

    assert host_allowed("192.168.1.20:8000", "192.168.1.20")
    assert not host_allowed("192.168.1.21:8000", "192.168.1.20")
    assert host_allowed("[fe80::1]:8000", "fe80::1")
    assert not host_allowed("evil.example", "0.0.0.0")


def test_headers_forbid_framing_and_sniffing(server):
    address, port = server.http.server_address[:2]
    connection = http.client.HTTPConnection(address, port, timeout=30)
    connection.request("GET", "/site/liten-reise.html")
    response = connection.getresponse()
    response.read()
    connection.close()
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert "frame-ancestors 'none'" in response.getheader("Content-Security-Policy")


def test_pages_answer_while_many_connections_idle(server):
    """300 clients that connect and send nothing hold no thread: a page still answers within a second,
    and the server's threads stay bounded."""
    import socket
    import time

    from brukerreise.serve import MAX_THREADS

    address, port = server.http.server_address[:2]
    idle = [socket.create_connection((address, port), timeout=30) for _ in range(300)]
    half = [socket.create_connection((address, port), timeout=30) for _ in range(20)]
    for s in half:
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
    try:
        time.sleep(0.5)
        started = time.monotonic()
        assert _request(server, "GET", "/site/liten-reise.html")[0] == 200
        assert time.monotonic() - started < 1.0
        assert threading.active_count() < MAX_THREADS + 20
    finally:
        for s in idle + half:
            s.close()


def test_requests_sent_half_way_or_piece_by_piece_hold_no_thread(server):
    """More clients than threads that send half a request and stop (slowloris) keep no page from
    answering; a request that arrives in pieces is answered whole; a half request is told it timed out."""
    import socket
    import time

    from brukerreise.serve import IDLE_SECONDS, MAX_THREADS

    address, port = server.http.server_address[:2]
    half = [socket.create_connection((address, port), timeout=IDLE_SECONDS + 10) for _ in range(4 * MAX_THREADS)]
    for s in half:
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
    try:
        with socket.create_connection((address, port), timeout=3) as pieces:  # less than a thread waits for a line
            for piece in (b"GE", b"T /site/liten-reise.html HT", b"TP/1.1\r\nHost: 127.0.", b"0.1\r", b"\n\r\n"):
                pieces.sendall(piece)
                time.sleep(0.05)
            answer = b""
            while chunk := pieces.recv(65536):
                answer += chunk
        assert answer.startswith(b"HTTP/1.0 200 OK\r\n") and answer.rstrip().endswith(b"</html>")
        assert half[0].recv(100).startswith(b"HTTP/1.0 408 ")  # after IDLE_SECONDS
    finally:
        for s in half:
            s.close()


def test_served_pages_link_only_what_is_served(server):
    """Every link and stylesheet of every served page answers 200 (no PNG or PPTX that only build makes)."""
    from html.parser import HTMLParser
    from urllib.parse import urljoin, urlsplit

    class Links(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[str] = []

        def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
            for name, value in attrs:
                if name in ("href", "src") and value and not value.startswith(("#", "data:", "mailto:")):
                    self.found.append(value)

    seen, todo = set(), ["/"]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        status, body = _request(server, "GET", path)
        assert status == 200, path
        if path.endswith((".html", "/")):
            parser = Links()
            parser.feed(body.decode("utf-8"))
            for href in parser.found:
                target = urlsplit(urljoin("http://x" + path, href))
                assert target.netloc == "x", href
                todo.append(target.path)
    assert any(p.endswith(".css") for p in seen) and len(seen) > 5


def test_on_every_address_it_names_one_another_machine_can_open(folder):
    """--host 0.0.0.0: the address to open here is 127.0.0.1, the one to share is this machine's network
    address (never a loopback one), and requests naming either are answered."""
    from brukerreise.serve import Server, host_allowed

    running = Server([folder], "0.0.0.0", 0, "nb")
    try:
        assert running.url.startswith("http://127.0.0.1:")
        shared = running.shared_url
        if shared is not None:
            host = shared.split("//", 1)[1].split(":", 1)[0]
            assert not host.startswith("127.") and host_allowed(f"{host}:8000", "0.0.0.0")
        assert host_allowed("127.0.0.1:8000", "0.0.0.0") and not host_allowed("evil.example:8000", "0.0.0.0")
    finally:
        running.close()


def test_many_open_pages_waiting_do_not_starve_the_server(server):
    """200 open pages each waiting on a long poll: some wait, the rest are told to ask again (503), the
    threads stay bounded, and a page still answers within a second."""
    import socket
    import time

    from brukerreise.serve import MAX_THREADS

    address, port = server.http.server_address[:2]
    digest = server.preview.digest("site/liten-reise.html")
    polls = []
    for _ in range(200):
        s = socket.create_connection((address, port), timeout=30)
        s.sendall(f"GET /_live/wait?page=/site/liten-reise.html&digest={digest} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        polls.append(s)
    try:
        time.sleep(1.0)
        started = time.monotonic()
        assert _request(server, "GET", "/site/liten-reise.html")[0] == 200
        assert time.monotonic() - started < 1.0
        assert threading.active_count() < MAX_THREADS + 20
        busy = 0
        for s in polls[-20:]:
            s.settimeout(5)
            busy += s.recv(64).startswith(b"HTTP/1.0 503")
        assert busy == 20, "the latest polls are asked to come back"
    finally:
        for s in polls:
            s.close()


def test_the_saved_journeys_page_comes_first_and_is_the_page_the_whole_site_has(tmp_path):
    """The page of the journey just saved is made and shown before the rest of the site; it is byte for
    byte the page the whole production then has, and the page `build` writes from scratch with serve's
    options (the page as served differs only in the digest put in for its live mark).
    (Today's journey and its to-be journey: saving one changes the other's comparison too.)"""
    from brukerreise.build import Options, run
    from brukerreise.preview import SERVED

    folder = tmp_path / "journeys"
    shutil.copytree(Path(__file__).parent / "fixtures" / "comparison", folder)
    preview = Preview([folder])
    preview.refresh()
    shown_first: list[dict[str, bytes]] = []
    show = preview._show
    preview._show = lambda made: (shown_first.append(dict(made)), show(made))  # type: ignore[method-assign]
    for path in sorted(folder.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if not text.startswith("journey:") and "\njourney:" not in text:
            continue
        path.write_text(re.sub(r"^title: .*$", f"title: Lagret {path.stem}", text, count=1, flags=re.M), encoding="utf-8")
        shown_first.clear()
        preview.refresh([path])
        assert len(shown_first) == 1 and sorted(p for p in shown_first[0] if p.endswith(".html")) == [
            f"site/{path.stem}.html"], "the saved journey's page first, alone"
        out = tmp_path / f"built-{path.stem}"  # what build writes with serve's options, from scratch
        assert run(Options([folder], SERVED, site=True, live=True, jobs=1), out, quiet=True) == 0
        for name, data in shown_first[0].items():
            assert preview.get(name) is not None and preview._files[name][1] == data, name
            assert (out / name).read_bytes() == data, name
    registry = folder / "actors.yaml"
    if registry.exists():  # a registry saved changes every journey: no page comes first
        registry.write_text(registry.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        shown_first.clear()
        preview.refresh([registry])
        assert shown_first == []


def test_a_drawing_from_a_graphviz_started_ahead_is_the_usual_one(folder):
    """`serve` starts each drawing's Graphviz process before it is needed (and warms it up with a tiny
    graph): the SVG is byte for byte what a process started when needed makes, drawing after drawing."""
    from brukerreise.api import check
    from brukerreise.export.swimlane import engine, start_ahead
    from brukerreise.export.swimlane.dot import to_dot
    from brukerreise.export.swimlane.layout import lay_out

    start_ahead()
    analyses = [*check([folder]).analyse(), *check([Path(__file__).parents[1] / "journeys"]).analyse()]
    assert len(analyses) > 10
    for analysis in analyses:
        dot = to_dot(lay_out(analysis, "nb"))
        assert engine._run_started(dot) == engine._run(dot, "svg") == engine._run_started(dot)


def test_a_long_poll_asking_for_the_page_is_answered_with_the_page_itself(server):
    """`answer=page`: an open page whose version is out of date gets the served page in the answer, byte for
    byte, not only its digest (one request less per save); without it, the digest."""
    page = "/site/liten-reise.html"
    status, served = _request(server, "GET", page)
    assert status == 200
    assert _request(server, "GET", f"/_live/wait?page={page}&digest=old&answer=page") == (200, served)
    digest = server.preview.digest(page.lstrip("/"))
    assert _request(server, "GET", f"/_live/wait?page={page}&digest=old") == (200, digest.encode())
