"""Running Graphviz: `neato -n2` on positioned DOT, a one-line GraphvizMissing, and reproducible PDF bytes."""

from __future__ import annotations

import functools
import re
import shutil

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
    """Render DOT whose nodes and edges all carry positions, keeping them as they are (`neato -n2`). The
    same DOT gives the same bytes: an SVG is remembered by its DOT, so that `serve` runs Graphviz again only
    when a save changed the drawing (not for a new title or description)."""
    return _svg(dot_text) if fmt == "svg" else _run(dot_text, fmt)


@functools.lru_cache(maxsize=32)
def _svg(dot_text: str) -> bytes:
    return _run(dot_text, "svg")


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
