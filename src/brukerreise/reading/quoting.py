"""User text quoted in a message, on one line: line breaks, control characters and the characters that
reorder or hide text on a terminal (bidi overrides, zero-width characters) are made visible as escapes,
and a very long text is cut short. Every message that quotes what a person wrote goes through here."""

from __future__ import annotations

import functools
import re
from typing import Any

LIMIT = 120  # characters of user text shown in one message

# C0 and C1 controls, DEL, spaces other than the ordinary one, the bidi marks, embeddings, overrides and isolates, zero-width characters,
# the line and paragraph separators, the byte order mark, interlinear annotation marks and lone surrogates.
_HIDDEN = (
    "[\x00-\x1f\x7f-\x9f\u00a0\u00ad\u061c\u2000-\u200a\u202f\u205f\u3000\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


@functools.cache
def _hidden() -> re.Pattern[str]:
    return re.compile(_HIDDEN)  # compiled when first needed: a run without problems quotes nothing but file names


def escaped(text: str) -> str:
    """`text` with every hidden or line-breaking character written as an escape (no quotes added)."""
    if text.isascii() and text.isprintable():  # the hidden characters within ASCII are exactly the unprintable ones
        return text
    hidden = _hidden()
    return hidden.sub(_escape, text) if hidden.search(text) else text


def shown(text: str, limit: int = LIMIT) -> str:
    """`text` escaped and, when longer than `limit` characters, cut short with its length said."""
    if len(text) > limit:
        return f"{escaped(text[:limit])}… ({len(text):,} characters)"
    return escaped(text)


def quote(value: Any, limit: int = LIMIT) -> str:
    """`value` as user text in single quotes, on one line: 'nav', 'a\\nb'."""
    text = value if isinstance(value, str) else number(value) if _is_number(value) else str(value)
    return f"'{shown(text, limit)}'"


_LARGE = 10**30


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def number(value: int | float) -> str:
    """A number as written, or, when it is long, its first and last digits and its length: '123456…789
    (5,000 digits)'. (Python will not turn an integer of more than 4,300 digits into text at all.)"""
    if isinstance(value, int) and not -_LARGE < value < _LARGE:
        written = getattr(value, "written", None)  # a number too long to hold (yamlsource.LongNumber)
        if written is None:
            try:
                written = str(value)
            except ValueError:  # longer than Python shows
                return f"{'-' if value < 0 else ''}a number of some {int(abs(value).bit_length() * 0.30103):,} digits"
        sign = "-" if written.startswith("-") else ""
        digits = written.lstrip("+-")
        return f"{sign}{digits[:6]}…{digits[-3:]} ({len(digits):,} digits)"
    return repr(value) if isinstance(value, float) else str(value)
