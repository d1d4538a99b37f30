"""Text that a spreadsheet would run as a formula (CSV/XLSX injection): guarded when written, and the
guard taken off when read back."""

from __future__ import annotations

import re

# A cell starting with one of these may be read as a formula or a DDE command by Excel or Calc.
RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
GUARD = "'"


def is_risky(text: str) -> bool:
    """Whether a spreadsheet could take the text for a formula. A plain number ("-1") is safe."""
    return text[:1] in RISKY_STARTS and _NUMBER.fullmatch(text) is None


def needs_guard(text: str) -> bool:
    """Risky, or apostrophes before a risky text (so that the apostrophe a user typed survives too)."""
    while text[:1] == GUARD:
        text = text[1:]
    return is_risky(text)


def guard(text: str) -> str:
    """The text with an apostrophe before it when a spreadsheet could run it (for CSV)."""
    return GUARD + text if needs_guard(text) else text


def unguard(text: str) -> str:
    """The text without the apostrophe `guard` put before it: unguard(guard(t)) == t for every t."""
    return text[1:] if text[:1] == GUARD and needs_guard(text[1:]) else text
