"""Save a presentation as deterministic bytes: fixed core properties and fixed zip entry dates."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from pptx.presentation import Presentation

FIXED = dt.datetime(2000, 1, 1, 0, 0, 0)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def to_bytes(prs: Presentation, title: str, subject: str, language: str) -> bytes:
    core = prs.core_properties
    core.title = _limit(title)
    core.subject = _limit(subject)
    core.author = "brukerreise"
    core.last_modified_by = "brukerreise"
    core.created = FIXED
    core.modified = FIXED
    core.last_printed = FIXED
    core.revision = 1
    core.language = language
    core.keywords = "brukerreise"
    core.comments = ""
    core.category = ""
    core.content_status = ""
    core.identifier = ""
    core.version = ""
    raw = io.BytesIO()
    prs.save(raw)
    return fixed_zip(raw.getvalue())


def _limit(text: str) -> str:
    """Core properties hold at most 255 characters."""
    return text if len(text) <= 255 else text[:254] + "…"


def fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01, in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
