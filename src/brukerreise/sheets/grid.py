"""Read a sheet of an XLSX workbook, or a CSV file, into a grid of texts with each cell's place, safely:
formulas are never run or taken as text, dates where text belongs are reported, merged cells are read as
the sheet shows them or reported, and a file that is too large, not UTF-8 or not a spreadsheet at all is
one clean problem, never a traceback."""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from pathlib import Path

import attrs

from ..render.cells import unguard
from ..render.escaping import terminal

MAX_FILE_BYTES = 20 * 1024 * 1024  # a workbook or CSV of steps is far smaller
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # all parts of a workbook, unpacked (a zip bomb is far larger)
MAX_ROWS = 5_001  # a header row and 5,000 steps
MAX_COLUMNS = 64
_SIMPLE_SHEET_NAME = re.compile(r"[A-Za-z0-9_ÆØÅæøå]+")


@attrs.frozen(order=True)
class Place:
    """Where a cell is: `FILE:Sheet!C7` in a workbook, `FILE:line:col` in a CSV (col: the field's number)."""

    file: str
    sheet: str | None
    row: int  # 1-based; in a CSV, the record's number
    col: int  # 1-based
    line: int = 0  # CSV: the physical line the record starts on

    def __str__(self) -> str:
        file = terminal(self.file)
        if self.sheet is None:
            return f"{file}:{self.line or self.row}:{self.col}"
        sheet = self.sheet if _SIMPLE_SHEET_NAME.fullmatch(self.sheet) else "'" + terminal(self.sheet).replace("'", "''") + "'"
        return f"{file}:{sheet}!{column_letter(self.col)}{self.row}"

    def at(self, row: int, col: int, line: int = 0) -> Place:
        return Place(self.file, self.sheet, row, col, line)


def column_letter(col: int) -> str:
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@attrs.frozen
class Problem:
    place: Place
    message: str
    warning: bool = False

    def __str__(self) -> str:
        return f"{self.place}: {'warning' if self.warning else 'error'}: {self.message}"


@attrs.frozen
class Grid:
    """The non-empty cells of one sheet, row by row (row -> col -> text), and where row 1, column 1 is."""

    origin: Place
    by_row: dict[int, dict[int, str]]
    lines: dict[int, int] = attrs.field(factory=dict)  # CSV: record number -> physical line
    copies: frozenset[tuple[int, int]] = frozenset()  # cells that hold a value merged down from a cell above

    @classmethod
    def of(cls, origin: Place, cells: dict[tuple[int, int], str], lines: dict[int, int] | None = None,
           copies: frozenset[tuple[int, int]] = frozenset()) -> Grid:
        by_row: dict[int, dict[int, str]] = {}
        for (row, col), text in sorted(cells.items()):
            by_row.setdefault(row, {})[col] = text
        return cls(origin, by_row, lines or {}, copies)

    def written(self, row: int, col: int) -> bool:
        """Whether the cell holds something of its own (not only a value merged down over it)."""
        return col in self.row(row) and (row, col) not in self.copies

    def place(self, row: int, col: int) -> Place:
        return self.origin.at(row, col, self.lines.get(row, 0))

    def rows(self) -> list[int]:
        return list(self.by_row)

    def row(self, row: int) -> dict[int, str]:
        return self.by_row.get(row, {})


class SheetError(Exception):
    """The file as a whole cannot be read: one problem, at the file."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


# --- CSV ----------------------------------------------------------------------------------------


def read_csv(path: Path, shown: str) -> tuple[Grid, list[Problem]]:
    origin = Place(shown, None, 1, 1, 1)
    data = _read_bytes(path, origin)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, as Excel saves 'Unicode-tekst'
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise SheetError(Problem(origin, "the file begins as UTF-16 text but is not: save the sheet as 'CSV UTF-8'")) from None
        if "\x00" in text:
            raise SheetError(Problem(origin, "this is not a CSV text file (it holds binary data): save the sheet as 'CSV UTF-8'"))
        return _read_csv_text(text, origin)
    if b"\x00" in data:
        raise SheetError(Problem(origin, "this is not a CSV text file (it holds binary data): save the sheet as 'CSV UTF-8'"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SheetError(Problem(
            origin.at(line, col, line),
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02X}): save it as 'CSV UTF-8' "
            "(in Excel: Lagre som → CSV UTF-8), or as .xlsx",
        )) from None
    return _read_csv_text(text, origin)


def _read_csv_text(text: str, origin: Place) -> tuple[Grid, list[Problem]]:
    start_of_file = "\n".join(text.split("\n", 10)[:10])  # a title line may stand above the header
    delimiter = max((",", ";", "\t"), key=start_of_file.count)
    cells: dict[tuple[int, int], str] = {}
    lines: dict[int, int] = {}
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    record, start, wide = 0, 1, False
    try:
        for fields in reader:
            record += 1
            lines[record] = start
            if record > MAX_ROWS:
                raise SheetError(Problem(origin.at(record, 1, start), _too_many_rows()))
            for col, value in enumerate(fields, start=1):
                if not value.strip():
                    continue
                if col > MAX_COLUMNS:
                    if not wide:
                        problems.append(Problem(origin.at(record, col, start), _too_many_columns()))
                    wide = True
                    break
                if value.startswith("="):
                    problems.append(Problem(origin.at(record, col, start), _formula(value)
                                            + " (to keep the text as it is, start it with an apostrophe: '=…)"))
                    continue
                cells[(record, col)] = unguard(value)
            start = reader.line_num + 1
    except csv.Error as exc:
        said = str(exc)
        if "field limit" in said:
            said = f"a cell holds more than {csv.field_size_limit():,} characters: keep the text of a cell short"
        else:
            said = f"cannot read the CSV: {said}"
        raise SheetError(Problem(origin.at(record + 1, 1, reader.line_num or start), said)) from None
    if record:
        opened = _unclosed_quote(text, delimiter, _offset_of_line(text, lines[record]))
        if opened is not None:
            line = text.count("\n", 0, opened) + 1
            col = opened - (text.rfind("\n", 0, opened) + 1) + 1
            raise SheetError(Problem(origin.at(record, col, line), (
                'the quote (") that starts this cell is never closed, so the rest of the file went into it: '
                'add the closing " (write "" for a quote inside the text)'
            )))
    return Grid.of(origin, cells, lines), problems


def _offset_of_line(text: str, line: int) -> int:
    offset = 0
    for _ in range(line - 1):
        offset = text.find("\n", offset) + 1
        if offset == 0:
            return len(text)
    return offset


def _unclosed_quote(text: str, delimiter: str, start: int) -> int | None:
    """Where a quoted field that runs to the end of the file opens, reading the records from `start` as
    Python's CSV reader does (a quote opens a field only at its start)."""
    ends = re.compile(f"[{re.escape(delimiter)}\r\n]")
    pos = start
    while pos < len(text):
        if text[pos] == '"':
            opened, inside = pos, pos + 1
            while True:
                close = text.find('"', inside)
                if close < 0:
                    return opened
                if text.startswith('""', close):
                    inside = close + 2
                    continue
                pos = close + 1
                break
        end = ends.search(text, pos)
        if end is None:
            return None
        pos = end.end()
    return None


# --- XLSX ---------------------------------------------------------------------------------------


def open_workbook(path: Path, shown: str):
    """The workbook, opened read-only by openpyxl after checks that keep a hostile file from exhausting
    the machine. Close it when done."""
    origin = Place(shown, None, 1, 1, 1)
    data = _read_bytes(path, origin)  # the size check
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise SheetError(Problem(origin, _not_a_workbook(data))) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise SheetError(Problem(origin, f"the workbook unpacks to {unpacked // 1_000_000} MB: brukerreise reads at most "
                                         f"{MAX_UNPACKED_BYTES // 1_000_000} MB; keep only the sheet of steps"))
    import openpyxl  # only here: validate and build never load it

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False, keep_vba=False)
    except Exception as exc:  # noqa: BLE001 - a third-party parser given hostile input: any failure is the file's
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise SheetError(Problem(origin, f"cannot read the workbook ({reason}): open it in Excel or Calc and save it again as .xlsx")) from None


def read_sheet(sheet, shown: str) -> tuple[Grid, list[Problem]]:
    """The cells of a sheet of a workbook opened read-only, streamed: memory stays small whatever the
    sheet's size, and only cells that hold something are kept. (openpyxl's streaming parser is the one
    its own read-only sheets use; it also gives the merged cells, which read-only sheets do not.)"""
    origin = Place(shown, sheet.title, 1, 1)
    cells: dict[tuple[int, int], str] = {}
    problems: list[Problem] = []
    try:
        merged = _stream(sheet, origin, cells, problems)
    except SheetError:
        raise
    except Exception as exc:  # noqa: BLE001 - a third-party parser given hostile input: any failure is the file's
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise SheetError(Problem(origin, f"cannot read the sheet ({terminal(reason)}): open the file in Excel or Calc "
                                         "and save it again as .xlsx")) from None
    copies: set[tuple[int, int]] = set()
    for area in sorted(merged, key=lambda m: (m.min_row, m.min_col)):
        if area.min_col == area.max_col and area.min_row > 1:
            value = cells.get((area.min_row, area.min_col))
            if value is not None:  # a cell merged down over several steps holds for each of them
                for row_index in range(area.min_row + 1, min(area.max_row, MAX_ROWS) + 1):
                    cells[(row_index, area.min_col)] = value
                    copies.add((row_index, area.min_col))
        else:
            problems.append(Problem(
                origin.at(area.min_row, area.min_col),
                f"cells {area.coord} are merged: unmerge them so that each column has its own cell "
                "(cells merged down one column are read as the same value on every row)",
            ))
    return Grid.of(origin, cells, copies=frozenset(copies)), problems


def _stream(sheet, origin: Place, cells: dict[tuple[int, int], str], problems: list[Problem]) -> list:
    """Read the sheet's cells into `cells` (and their problems into `problems`); its merged ranges."""
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.worksheet.cell_range import CellRange

    book = sheet.parent
    wide = False
    with sheet._get_source() as source:
        parser = WorkSheetParser(source, sheet._shared_strings, data_only=False, epoch=book.epoch,
                                 date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        for _, row in parser.parse():
            for cell in row:
                place = origin.at(cell["row"], cell["column"])
                if cell["value"] is None:
                    continue
                if place.row > MAX_ROWS:
                    raise SheetError(Problem(origin.at(place.row, 1), _too_many_rows()))
                if place.col > MAX_COLUMNS:
                    if not wide:
                        problems.append(Problem(place, _too_many_columns()))
                    wide = True
                    continue
                text, problem = cell_text(cell["value"], cell["data_type"])
                if problem:
                    problems.append(Problem(place, problem))
                elif text is not None and text.strip():
                    cells[(place.row, place.col)] = text
        merged = [CellRange(m.ref) for m in (parser.merged_cells.mergeCell if parser.merged_cells else ())]
    return merged


def cell_text(value: object, data_type: str) -> tuple[str | None, str | None]:
    """(the cell's text, None) or (None, the problem with it)."""
    if data_type == "f" or not isinstance(value, (str, int, float, *_TIMES)):
        return None, _formula(value if isinstance(value, str) else "=…")
    if data_type == "e":
        return None, f"the cell shows an error ({terminal(str(value))}) instead of a value: type the value itself"
    if isinstance(value, bool):
        return str(value).upper(), None
    if isinstance(value, _TIMES):
        midnight = isinstance(value, datetime.datetime) and value.time() == datetime.time()
        shown = value.date().isoformat() if midnight else value.isoformat() if hasattr(value, "isoformat") else str(value)  # type: ignore[union-attr]  # hasattr is checked
        return None, (f"the cell holds a date or time ({shown}), where brukerreise reads text: format the cell "
                      "as text (Format → Celler → Tekst) and type it again")
    if isinstance(value, float):
        return (str(int(value)) if value.is_integer() else repr(value)), None
    return str(value), None


_TIMES = (datetime.datetime, datetime.date, datetime.time, datetime.timedelta)


# --- shared -------------------------------------------------------------------------------------


def _read_bytes(path: Path, origin: Place) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SheetError(Problem(origin, f"the file is {size // 1_000_000} MB: brukerreise reads sheets of at most "
                                             f"{MAX_FILE_BYTES // 1_000_000} MB"))
        return path.read_bytes()
    except OSError as exc:
        raise SheetError(Problem(origin, f"cannot read the file: {exc.strerror or exc}")) from None


_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Microsoft's older container: .xls, or an encrypted .xlsx


def _not_a_workbook(data: bytes) -> str:
    if data.startswith(_COMPOUND_FILE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return ("the workbook is protected by a password: open it in Excel or Calc, remove the password "
                    "(Fil → Info → Beskytt arbeidsbok) and save it again as .xlsx")
        return "this is an old Excel workbook (.xls): open it in Excel or Calc and save it as .xlsx"
    return "this is not an XLSX workbook: save the sheet as .xlsx (Excel workbook) or .csv"


def _formula(text: str) -> str:
    shown = text if len(text) <= 40 else text[:39] + "…"
    return (f"the cell holds a formula ({terminal(shown)}): brukerreise never runs formulas; "
            "type the value itself")


def _too_many_rows() -> str:
    return f"the sheet has more than {MAX_ROWS - 1:,} rows of steps: split the journey into several sheets"


def _too_many_columns() -> str:
    return f"the sheet has data beyond column {column_letter(MAX_COLUMNS)}: brukerreise reads at most {MAX_COLUMNS} columns"
