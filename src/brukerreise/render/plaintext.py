"""User text on one line for formats that read a line break or an invisible character as something else
(Mermaid, BPMN names): white space runs become one space; control, format (bidi) and unassigned
characters are dropped."""

from __future__ import annotations

import unicodedata


def plain(text: str) -> str:
    kept = "".join(c for c in text if unicodedata.category(c)[0] != "C" or c in "\n\t")
    return " ".join(kept.split()) or "–"
