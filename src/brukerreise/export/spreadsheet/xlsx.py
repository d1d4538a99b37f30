"""Tables as an XLSX workbook, with XlsxWriter: frozen header row, filters, widths from the content,
wrapped text, text that could run as a formula stored as text, and the same bytes for the same tables
(fixed document dates; XlsxWriter stamps every part of the zip with 1980-01-01 when it works in memory)."""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence

import xlsxwriter

from ...render.cells import is_risky
from .tables import Table, Value

FIXED_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
MAX_WIDTH = 45
LINE_HEIGHT = 15  # points, for the default 11-point font
MAX_ROW_HEIGHT = 409  # Excel's limit
CELL_LIMIT = 32_767  # characters in one cell, in Excel and Calc
# Printing: landscape, one page wide when the text stays readable (scaled to no less than MIN_SCALE, about
# 6.5 pt for the 11-point font) on A4, else on A3; a sheet wider than that is printed at MIN_SCALE on A3
# with page breaks between columns (the key columns repeated on every page), never through one.
MIN_SCALE = 0.6
MARGIN = 0.4  # inches, left and right
PRINTABLE = {9: 11.69 - 2 * MARGIN, 8: 16.54 - 2 * MARGIN}  # landscape width in inches: A4 (9), A3 (8)
WIDTH_SAMPLE = 500  # rows looked at to size a column
HEADER_FILL = "#DCE6F1"  # dark text on light blue: contrast well above 4.5:1
RULE = "#BFBFBF"  # a light line under each row: wrapped rows stay apart on screen and on paper


def workbook(tables: Sequence[Table], title: str, cut_note: str = " … [+{cut}]") -> bytes:
    """The workbook; `cut_note` ends a text too long for a cell, saying how much is left out ({cut})."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {
        "in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
    })
    book.set_properties({"title": title, "author": "brukerreise", "created": FIXED_DATE})
    styles = {
        "header": book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": HEADER_FILL, "bottom": 1}),
        "header_guarded": book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": HEADER_FILL,
                                           "bottom": 1, "quote_prefix": True}),
        "text": book.add_format({"text_wrap": True, "valign": "top", "bottom": 1, "bottom_color": RULE}),
        "guarded": book.add_format({"text_wrap": True, "valign": "top", "quote_prefix": True, "bottom": 1, "bottom_color": RULE}),
        "cut_note": cut_note,
        "number": book.add_format({"valign": "top", "align": "left", "bottom": 1, "bottom_color": RULE}),
    }
    for table in tables:
        _sheet(book, table, styles)
    book.close()
    return out.getvalue()


def _sheet(book: xlsxwriter.Workbook, table: Table, styles: dict) -> None:
    sheet = book.add_worksheet(table.name)
    for col, text in enumerate(table.headers):  # the matrix's headers are actors' names: the user's text
        sheet.write_string(0, col, fit_cell(text, styles["cut_note"]), styles["header_guarded" if is_risky(text) else "header"])
    widths = [_width(table, col) for col in range(len(table.headers))]
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    sheet.set_row(0, _height(table.headers, widths))
    for r, row in enumerate(table.rows, start=1):
        for col, value in enumerate(row):
            _write(sheet, r, col, value, styles)
        # Set, not left to the reader: LibreOffice does not grow a row for wrapped text when it opens a file.
        sheet.set_row(r, _height(row, widths))
    sheet.freeze_panes(1, table.key_columns)
    if table.headers:
        sheet.autofilter(0, 0, max(len(table.rows), 1), len(table.headers) - 1)
    for choice in table.choices:
        sheet.data_validation(choice.first, choice.col, choice.last, choice.col, {"validate": "list", "source": choice.source})
    sheet.repeat_rows(0)
    if table.key_columns:
        sheet.repeat_columns(0, table.key_columns - 1)
    _print_setup(sheet, widths, table.key_columns)
    if table.hidden:
        sheet.hide()


def column_inches(width: float) -> float:
    """A column `width` characters wide, in inches on paper at 100 % (Excel: 7 px a character plus 5, at 96 dpi)."""
    return (width * 7 + 5) / 96


def _print_setup(sheet, widths: Sequence[float], key_columns: int) -> None:
    sheet.set_landscape()
    sheet.set_margins(left=MARGIN, right=MARGIN, top=0.6, bottom=0.6)
    total = sum(column_inches(w) for w in widths)
    for paper in (9, 8):  # A4, then A3
        if total * MIN_SCALE <= PRINTABLE[paper]:
            sheet.set_paper(paper)
            sheet.fit_to_pages(1, 0)
            return
    sheet.set_paper(8)
    sheet.set_print_scale(round(MIN_SCALE * 100))
    sheet.set_v_pagebreaks(column_breaks(widths, key_columns, PRINTABLE[8] / MIN_SCALE))


def column_breaks(widths: Sequence[float], key_columns: int, page: float) -> list[int]:
    """The columns that start a new page, so that each page (with the key columns repeated) holds whole
    columns within `page` inches."""
    keys = sum(column_inches(w) for w in widths[:key_columns])
    breaks, used = [], keys
    for col in range(key_columns, len(widths)):
        width = column_inches(widths[col])
        if used + width > page and used > keys:
            breaks.append(col)
            used = keys
        used += width
    return breaks


def _write(sheet, row: int, col: int, value: Value, styles: dict) -> None:
    if value is None:
        sheet.write_blank(row, col, None, styles["text"])  # the row's rule runs on under empty cells
        return
    if isinstance(value, bool):
        sheet.write_string(row, col, str(value), styles["text"])
    elif isinstance(value, (int, float)):
        sheet.write_number(row, col, value, styles["number"])
    else:
        sheet.write_string(row, col, fit_cell(value, styles["cut_note"]), styles["guarded" if is_risky(value) else "text"])


def fit_cell(text: str, note: str) -> str:
    """The text, or as much as a cell holds with a note of how much is left out: never cut silently."""
    if len(text) <= CELL_LIMIT:
        return text
    keep = CELL_LIMIT - len(note.format(cut=len(text)))
    return text[:keep] + note.format(cut=len(text) - keep)


def _height(row: Sequence[Value], widths: Sequence[float]) -> float:
    """Points tall enough for the most wrapped cell of the row (estimated from characters per line)."""
    lines = 1
    for value, width in zip(row, widths):
        if isinstance(value, str):
            per_line = max(1, int(width * 1.1) - 2)  # letters are narrower on average than the digit a width counts
            lines = max(lines, sum(max(1, -(-len(part) // per_line)) for part in value.split("\n")))
    return float(min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT))


def _width(table: Table, col: int) -> float:
    """Characters wide enough for the longest line in the column (of the first rows), within bounds."""
    # the header may wrap between words; its bold letters are about a tenth wider
    longest = max((round(len(word) * 1.1) + 1 for word in table.headers[col].split()), default=0)
    for row in table.rows[:WIDTH_SAMPLE]:
        value = row[col] if col < len(row) else None
        if value is not None:
            longest = max(longest, *(len(line) for line in str(value).splitlines() or [""]))
    return float(min(MAX_WIDTH, max(table.min_width, longest + 2)))
