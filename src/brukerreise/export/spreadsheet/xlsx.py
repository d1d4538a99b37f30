"""Tables as an XLSX workbook, with XlsxWriter: frozen header row, filters, widths from the content,
wrapped text, text that could run as a formula stored as text, and the same bytes for the same tables
(fixed document dates; XlsxWriter stamps every part of the zip with 1980-01-01 when it works in memory)."""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence

import xlsxwriter

from ...sheets.cells import is_risky
from .tables import Table, Value

FIXED_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
MIN_WIDTH, MAX_WIDTH = 6, 60
WIDTH_SAMPLE = 500  # rows looked at to size a column
LAST_VALIDATED_ROW = 1000  # drop-down lists reach this far down a template
HEADER_FILL = "#DCE6F1"  # dark text on light blue: contrast well above 4.5:1


def workbook(tables: Sequence[Table], title: str) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {
        "in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
    })
    book.set_properties({"title": title, "author": "brukerreise", "created": FIXED_DATE})
    styles = {
        "header": book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": HEADER_FILL, "bottom": 1}),
        "text": book.add_format({"text_wrap": True, "valign": "top"}),
        "guarded": book.add_format({"text_wrap": True, "valign": "top", "quote_prefix": True}),
        "number": book.add_format({"valign": "top", "align": "left"}),
    }
    for table in tables:
        _sheet(book, table, styles)
    book.close()
    return out.getvalue()


def _sheet(book: xlsxwriter.Workbook, table: Table, styles: dict) -> None:  # type: ignore[type-arg]
    sheet = book.add_worksheet(table.name)
    for col, text in enumerate(table.headers):
        sheet.write_string(0, col, text, styles["header"])
    for r, row in enumerate(table.rows, start=1):
        for col, value in enumerate(row):
            _write(sheet, r, col, value, styles)
    for col in range(len(table.headers)):
        sheet.set_column(col, col, _width(table, col))
    sheet.freeze_panes(1, 0)
    if table.headers:
        sheet.autofilter(0, 0, max(len(table.rows), 1), len(table.headers) - 1)
    for col, source in table.choices:
        sheet.data_validation(1, col, LAST_VALIDATED_ROW, col, {"validate": "list", "source": source})
    sheet.repeat_rows(0)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    if table.hidden:
        sheet.hide()


def _write(sheet, row: int, col: int, value: Value, styles: dict) -> None:  # type: ignore[no-untyped-def, type-arg]
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_string(row, col, str(value), styles["text"])
    elif isinstance(value, int):
        sheet.write_number(row, col, value, styles["number"])
    else:
        sheet.write_string(row, col, value, styles["guarded" if is_risky(value) else "text"])


def _width(table: Table, col: int) -> float:
    """Characters wide enough for the longest line in the column (of the first rows), within bounds."""
    longest = max((len(line) for line in table.headers[col].split()), default=0)
    for row in table.rows[:WIDTH_SAMPLE]:
        value = row[col] if col < len(row) else None
        if value is not None:
            longest = max(longest, *(len(line) for line in str(value).splitlines() or [""]))
    return float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2)))
