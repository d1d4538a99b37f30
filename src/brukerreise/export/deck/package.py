"""Save a presentation as deterministic bytes: fixed core properties and fixed zip entry dates."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from pptx.opc.serialized import PackageWriter
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
    return fixed_zip(prs)


def _limit(text: str) -> str:
    """Core properties hold at most 255 characters."""
    return text if len(text) <= 255 else text[:254] + "…"


def fixed_zip(prs: Presentation) -> bytes:
    """The zip `prs.save` writes, except that every entry is dated 1980-01-01 and readable by its owner
    only: python-pptx's PackageWriter writes the same entries, in the same order, through FixedEntries."""
    package = prs.part.package
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        writer = PackageWriter(out, package._rels, tuple(package.iter_parts()))
        entries = FixedEntries(zf)
        writer._write_content_types_stream(entries)  # type: ignore[arg-type]  # FixedEntries has the zip writer's write()
        writer._write_pkg_rels(entries)  # type: ignore[arg-type]  # FixedEntries has the zip writer's write()
        writer._write_parts(entries)  # type: ignore[arg-type]  # FixedEntries has the zip writer's write()
    return out.getvalue()


class FixedEntries:
    """python-pptx's zip writer (`write(pack_uri, blob)`), writing entries with a fixed date and mode."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf

    def write(self, pack_uri, blob: bytes) -> None:
        entry = zipfile.ZipInfo(pack_uri.membername, date_time=ZIP_DATE)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o600 << 16
        self.zf.writestr(entry, blob)
