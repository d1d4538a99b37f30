"""User text made literal for each target it is written into, one named function per target: a terminal
message, Markdown, Mermaid, XML and HTML. Every output that writes what a person wrote goes through here.

The terminal-message escaper lives in `reading.quoting` (reading, below this layer, quotes user text in its
own messages) and is the same function here."""

from __future__ import annotations

import html
import re
import unicodedata
from xml.sax.saxutils import quoteattr

from ..reading.quoting import escaped as terminal
from .plaintext import plain

__all__ = ["html_attribute", "markdown", "mermaid", "mermaid_label", "terminal", "xml_attribute", "xml_text"]


# --- Markdown ---------------------------------------------------------------------------------------------

# What a Markdown renderer would read as markup: HTML (as character references, which every renderer
# shows literally), and Markdown's own punctuation (backslash-escaped, which CommonMark and GFM show
# literally): emphasis, code, links and images, tables, strike-through, headings, quotes, lists.
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MARKDOWN = {c: "\\" + c for c in "\\`*_[]|~#$"}  # ("!" opens an image only before "[")
_ESCAPES = str.maketrans({**_HTML, **_MARKDOWN})
# At the start: a list ('- ', '+ ', '1. ', '1) ') or a thematic break ('---', '- - -').
_OPENING = re.compile(r"^(?:([-+])(?=[\s-]|$)|\d{1,9}[.)](?=\s|$))")


_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")  # white space but the no-break spaces (1\u202f250 kr)


def _one_line(text: str) -> str:
    """White space runs as one space, no-break spaces kept (a number's thousands stay together); control,
    format (bidi) and unassigned characters dropped."""
    kept = "".join(c for c in text if unicodedata.category(c)[0] != "C" or c in "\n\r\t")
    return _BREAKING_SPACE.sub(" ", kept).strip()


def markdown(text: str) -> str:
    """User or label text as literal Markdown text on one line (a heading, a list item, a table cell or a
    paragraph): no HTML, no Markdown structure; an empty text stays empty."""
    return _OPENING.sub(_escape_opening, _one_line(text).translate(_ESCAPES), count=1)


def _escape_opening(m: re.Match[str]) -> str:
    mark = m.group(0)
    return "\\" + mark if m.group(1) else mark[:-1] + "\\" + mark[-1]  # '\- ' and '1\. ' are plain text


# --- Mermaid ----------------------------------------------------------------------------------------------

# Characters that mean nothing to any Mermaid grammar we use, inside a quoted label or a journey task.
_MERMAID_SAFE = frozenset(" .,-?!'()/+«»–—…")


def mermaid(text: str, also: str = "") -> str:
    """`text` on one line, with every character outside letters, digits and harmless punctuation (and
    every character in `also`) written as a Mermaid entity code (`#35;` for '#'), which Mermaid turns back
    into the character when it draws."""
    return "".join(
        f"#{ord(c)};" if (c in also or not (c.isalnum() or c in _MERMAID_SAFE)) else c for c in plain(text)
    )


def mermaid_label(text: str) -> str:
    """A quoted Mermaid label."""
    return f'"{mermaid(text)}"'


# --- XML and HTML ------------------------------------------------------------------------------------------


def xml_text(text: str) -> str:
    """Text for the content of an XML, SVG or HTML element: '&', '<' and '>' as references."""
    return html.escape(text, quote=False)


def html_attribute(text: str) -> str:
    """Text for an attribute value in double quotes (HTML or SVG): quotes escaped as well."""
    return html.escape(text, quote=True)


def xml_attribute(text: str) -> str:
    """An XML attribute value with its quotes (as `xml.sax.saxutils.quoteattr`): single quotes when the text
    holds a double quote and no single one; line breaks and tabs as character references."""
    return quoteattr(text)
