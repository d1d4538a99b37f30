"""`serve` without a browser: it answers only for what it generated, rebuilds only what changed, and keeps
the last good page with the diagnostics when a save is invalid. (With a browser: test_site_browser.)"""

from __future__ import annotations

import http.client
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
    assert 'class="problems"' in text and "liten-reise.yaml:" in text and "ownr" in text
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
    assert 'class="warnings"' in page and "warning:" in page
    assert 'class="problems"' not in page


def test_a_port_in_use_is_a_usage_error(cli, folder, server):
    port = server.http.server_address[1]
    result = cli("serve", str(folder), "--port", str(port))
    assert result.code == 2 and f"127.0.0.1:{port} is in use" in result.err and "--port" in result.err


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
    problems = page[page.index('class="problems"'):page.index("</section>", page.index('class="problems"'))]
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
