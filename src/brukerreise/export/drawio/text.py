"""User text as draw.io holds it: cleaned of what XML cannot hold, and as the HTML of a label."""

from __future__ import annotations

import html
import unicodedata


def clean(text: str) -> str:
    """Text XML can hold: control, format and unassigned characters dropped (tabs and line breaks kept),
    runs of spaces within a line made one, blank lines dropped."""
    kept = "".join(c for c in text if unicodedata.category(c)[0] != "C" or c in "\n\t")
    lines = (" ".join(line.split()) for line in kept.split("\n"))
    return "\n".join(line for line in lines if line)


def as_html(text: str) -> str:
    """Plain text as the HTML of a label or tooltip: shown as written, line breaks kept."""
    return html.escape(clean(text), quote=False).replace("\n", "<br>")
