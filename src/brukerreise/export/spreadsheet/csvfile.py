"""A table as CSV: UTF-8 with a byte order mark (so Excel reads æ, ø and å), separated by the language's
separator (';' in Norwegian, where Excel splits on it; ',' in English), CRLF line ends and quoted fields
(RFC 4180, so a cell's line breaks stay in the cell), and every text a spreadsheet could run as a formula
behind an apostrophe."""

from __future__ import annotations

import csv
import io

from ...render.cells import guard
from .tables import Table

BOM = "\ufeff"


def csv_bytes(table: Table, separator: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow([guard(h) for h in table.headers])
    for row in table.rows:
        writer.writerow(["" if v is None else guard(v) if isinstance(v, str) else str(v) for v in row])
    return (BOM + out.getvalue()).encode("utf-8")
