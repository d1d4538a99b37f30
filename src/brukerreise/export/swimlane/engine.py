"""Running Graphviz: `neato -n2` on positioned DOT, a one-line GraphvizMissing, and reproducible PDF bytes."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import threading

import graphviz

from ...errors import UsageError

INSTALL_HINT = (
    "Graphviz is not installed: install it with 'sudo apt-get install graphviz' (Debian/Ubuntu), "
    "'brew install graphviz' (macOS) or from https://graphviz.org/download/ (DOT needs no Graphviz: "
    "brukerreise render --format dot)"
)


class GraphvizMissing(UsageError):
    """The Graphviz programs are not installed (only the DOT format works without them): exit 2."""

    def __init__(self, message: str = INSTALL_HINT) -> None:  # a default, so it crosses process boundaries
        super().__init__(message)


def require_graphviz() -> None:
    """Fail at once, before any work, when the program that renders the diagrams is missing."""
    if shutil.which("neato") is None:
        raise GraphvizMissing()


def run_neato(dot_text: str, fmt: str) -> bytes:
    """Render DOT whose nodes and edges all carry positions, keeping them as they are (`neato -n2`)."""
    if fmt == "svg" and _started_ahead:
        require_graphviz()  # as without remembering: Graphviz uninstalled meanwhile is said
        return _remembered_svg(dot_text)
    return _run(dot_text, fmt)


# `serve` draws again and again in one process (`start_ahead`). The same DOT gives the same bytes, so an SVG
# is remembered by its DOT: Graphviz runs again only when a save changed the drawing (not for a new
# description). And the Graphviz process for the next SVG is started ahead of need and has drawn a tiny graph
# (which loads its plugins): it then only reads the DOT, lays it out and writes the SVG (about 25 ms for the
# largest shipped journey instead of 55 ms on a busy machine). Graphviz 2.43 names the root group of a
# second graph in one run 'page0,1_graph0' instead of 'graph0' (a page counter it does not reset): that one
# id is put back, so the bytes are those of `graphviz.pipe` (a test compares them).
_started_ahead = False
_waiting: subprocess.Popen[bytes] | None = None
_lock = threading.Lock()


def start_ahead() -> None:
    """From now on, remember SVGs by their DOT and keep a Graphviz process for the next SVG started and
    waiting (for a long-running process: `serve`); it ends when this process does (its input closes)."""
    global _started_ahead
    _started_ahead = True
    threading.Thread(target=_start_next, name="brukerreise-graphviz", daemon=True).start()


@functools.lru_cache(maxsize=32)
def _remembered_svg(dot_text: str) -> bytes:
    return _run_started(dot_text)


def _command() -> list[str]:
    from graphviz.backend import dot_command

    return [str(part) for part in dot_command.command("neato", "svg", neato_no_op=2)]


_WARM_UP = (b'digraph warm { graph [bb="0,0,10,10"]; node [shape=box, fixedsize=true, width=0.1, height=0.1, '
            b'label="x", fontname="Arial"]; a [pos="5,5"]; }\n')
_SECOND_ROOT, _ROOT = b'<g id="page0,1_graph0" class="graph"', b'<g id="graph0" class="graph"'


def _start_next() -> None:
    global _waiting
    try:
        process = subprocess.Popen(_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(_WARM_UP)
        process.stdin.flush()
        drawn = b""
        while not drawn.endswith(b"</svg>\n"):
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                raise OSError("Graphviz ended")
            drawn += chunk
    except OSError:
        return  # drawn the usual way, which says what is missing
    with _lock:
        spare, _waiting = _waiting, process
    if spare is not None:
        spare.kill()
        spare.communicate()


def _forget_in_child() -> None:
    """A forked worker (build's process pool) draws the usual way and lets go of the waiting process's
    pipes at once: holding them open would keep that process from ever reading the end of its DOT."""
    global _started_ahead, _waiting
    if _waiting is not None:
        for pipe in (_waiting.stdin, _waiting.stdout, _waiting.stderr):
            if pipe is not None:
                pipe.close()
    _started_ahead, _waiting = False, None


os.register_at_fork(after_in_child=_forget_in_child)


def _run_started(dot_text: str) -> bytes:
    global _waiting
    with _lock:
        process, _waiting = _waiting, None
    if process is None or process.poll() is not None:
        out = _run(dot_text, "svg")
    else:
        out, err = process.communicate(dot_text.encode("utf-8"))
        if process.returncode != 0:
            raise graphviz.CalledProcessError(process.returncode, process.args, output=out, stderr=err)
        out = out.replace(_SECOND_ROOT, _ROOT, 1)
    threading.Thread(target=_start_next, name="brukerreise-graphviz", daemon=True).start()
    return out


def _run(dot_text: str, fmt: str) -> bytes:
    try:
        out = graphviz.pipe("neato", fmt, dot_text.encode("utf-8"), neato_no_op=2, quiet=True)
    except graphviz.ExecutableNotFound as e:
        raise GraphvizMissing() from e
    if fmt == "pdf":
        out = fixed_pdf_dates(out)
    return out


_PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate) \(D:)(\d{14})")


def fixed_pdf_dates(pdf: bytes) -> bytes:
    """cairo stamps the PDF with the time of rendering (and ignores SOURCE_DATE_EPOCH in 1.16): put a fixed
    date of the same length in its place, so byte offsets in the cross-reference table stay right."""
    return _PDF_DATE.sub(lambda m: m.group(1) + b"19800101000000", pdf)
