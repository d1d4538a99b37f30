"""Native tables whose rows are measured, so they are split over continuation slides instead of overflowing."""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import Any

import attrs
from pptx.oxml.ns import qn
from pptx.util import Emu

from .canvas import BODY_BOTTOM, BODY_TOP, BODY_WIDTH, MARGIN, Page, emu, set_descr, solid
from .text import INSET_X, INSET_Y, Para, Run, breaks_words, clip, height, write_body

GRID_STYLE = "{5940675A-B579-460E-94D1-54222C63F5DA}"  # "No Style, Table Grid": thin lines, no fills
TABLE_SIZE = 14.0
HEADER_HEIGHT = 90.0  # the tallest header row: a longer heading is cut with '…', its whole text in the notes
MAX_ROWS = 500  # rows of one table (over all its slides): more than any workshop reads, and memory stays bounded

Cells = Sequence[Sequence[Para]]


@attrs.frozen
class Table:
    widths: tuple[float, ...]  # points
    header: tuple[str, ...]
    rows: tuple[Cells, ...]
    size: float = TABLE_SIZE


def row_height(widths: Sequence[float], cells: Cells, size: float) -> float:
    return max(height(c, w, size) for c, w in zip(cells, widths, strict=True))


Row = tuple[Cells, float, Cells | None]  # cells shown, height, the full cells when they had to be cut


def split(table: Table, first_room: float, room: float, most: int | None = None) -> list[list[Row]]:
    """Rows per slide, each with its height (and its full cells when it was cut to fit one slide). With
    `most`, it stops as soon as the rows need more slides than that (so the answer has most + 1 slides).
    Rows split over several slides are shared out evenly, so that no slide is left nearly empty."""
    head = row_height(table.widths, _header(table), table.size)
    rows = []
    for cells in table.rows:
        h = row_height(table.widths, cells, table.size)
        full = None
        limit = room - head
        if h > limit:  # taller than a whole slide: cut each cell, the notes get the full text
            full = cells
            cells = [clip(c, w, limit, table.size)[0] for c, w in zip(cells, table.widths, strict=True)]
            h = limit
        rows.append((cells, h, full))
    pages = _pack(rows, first_room - head, room - head, float("inf"), most)
    if most is None and len(pages) > 1:  # the smallest height per slide that still needs no more slides
        low, high = max(h for _, h, _ in rows), room - head
        for _ in range(24):
            mid = (low + high) / 2
            if len(_pack(rows, first_room - head, room - head, mid, len(pages))) <= len(pages):
                high = mid
            else:
                low = mid
        pages = _pack(rows, first_room - head, room - head, high, None)
    return pages


def _pack(rows: Sequence[Row], first: float, room: float, cap: float, most: int | None) -> list[list[Row]]:
    """Rows onto slides in order, at most `cap` high each (and what fits); stops past `most` slides."""
    pages: list[list[Row]] = [[]]
    left = min(first, cap)
    for row in rows:
        h = row[1]
        if h > left and pages[-1]:
            if len(pages) == most:
                return [*pages, []]
            pages.append([])
            left = min(room, cap)
        pages[-1].append(row)
        left -= h
    return pages


def _header_para(text: str, width: float | None = None, size: float = TABLE_SIZE) -> list[Para]:
    paras = [Para((Run(text, True),))]
    return paras if width is None else clip(paras, width, HEADER_HEIGHT, size)[0]


def _header(table: Table) -> list[list[Para]]:
    """The header row, each heading cut to at most HEADER_HEIGHT."""
    return [_header_para(h, w, table.size) for h, w in zip(table.header, table.widths, strict=True)]


def draw(page: Page, x: float, y: float, table: Table, rows: Sequence[Row], descr: str, header_fill: str) -> None:
    style = page.style
    header = _header(table)
    if any(len(h) > 1 or h[0].text != t for h, t in zip(header, table.header, strict=True)):
        page.note(style["notes_table_cut"] + "\n" + " | ".join(table.header))
    head_h = row_height(table.widths, header, table.size)
    # python-pptx parses a new XML fragment for every cell: the table is made with one row, copied for the rest
    frame = page.slide.shapes.add_table(1, len(table.widths), emu(x), emu(y), emu(sum(table.widths)), emu(head_h))
    set_descr(frame, descr)
    grid = frame.table
    grid.first_row = True
    grid.horz_banding = False
    tbl: Any = frame._element.graphic.graphicData.tbl  # the table's XML (python-pptx types it optional)
    tbl.tblPr.find(_STYLE_ID).text = GRID_STYLE
    empty = tbl.tr_lst[0]
    tbl.extend(copy.deepcopy(empty) for _ in rows)
    _size(frame, tbl, table.widths, [head_h, *(h for _, h, _ in rows)])
    for r, (tr, cells) in enumerate(zip(tbl.tr_lst, [header, *(c for c, _, _ in rows)], strict=True)):
        lang = "nb-NO" if r else page.deck.label_lang
        fill = header_fill if r == 0 else style.background
        for tc, paras in zip(tr.findall(_TC), cells, strict=True):
            _cell_props(tc.find(_TCPR), fill)
            write_body(tc.find(_TXBODY), paras, table.size, style.ink, lang)
    for cells, _, full in rows:
        if full is None and any(p.cut for c in cells for p in c):
            full = cells
        if full is not None:
            page.note(style["notes_table_cut"] + "\n" + " | ".join("\n".join(p.text for p in c) for c in full))


def _size(frame, tbl, widths: Sequence[float], heights: Sequence[float]) -> None:
    """Column widths and row heights, and the frame as wide and tall as their sums (what python-pptx's
    column.width and row.height setters do, without re-adding all columns or rows after each one)."""
    for col, w in zip(tbl.tblGrid.gridCol_lst, widths, strict=True):
        col.w = emu(w)
    frame.width = Emu(sum(col.w for col in tbl.tblGrid.gridCol_lst))
    for tr, h in zip(tbl.tr_lst, heights, strict=True):
        tr.h = emu(h)
    frame.height = Emu(sum(tr.h for tr in tbl.tr_lst))


def _cell_props(pr, fill: str) -> None:
    """Insets, top anchor and fill of a cell's tcPr, written directly (the property API is slow)."""
    pr.attrib.update(_CELL_PROPS)
    pr.append(copy.deepcopy(solid(fill)))


_CELL_PROPS = {"marL": str(int(INSET_X * 12700)), "marR": str(int(INSET_X * 12700)),
               "marT": str(int(INSET_Y * 12700)), "marB": str(int(INSET_Y * 12700)), "anchor": "t"}
_STYLE_ID, _TC, _TCPR, _TXBODY = (qn(x) for x in ("a:tableStyleId", "a:tc", "a:tcPr", "a:txBody"))


def best_size(table: Table, top: float = BODY_TOP, sizes: Sequence[float] = (16, 14)) -> float:
    """The largest of `sizes` at which the table needs no more slides than at the smallest and breaks no word."""
    ordered = sorted(sizes, reverse=True)
    first = room = BODY_BOTTOM - top
    least = len(split(attrs.evolve(table, size=ordered[-1]), first, room, None))
    for size in ordered[:-1]:
        sized = attrs.evolve(table, size=size)
        if len(split(sized, first, room, least)) <= least and not any(
            breaks_words(c, w, size) for row in table.rows for c, w in zip(row, table.widths, strict=True)
        ):
            return size
    return ordered[-1]


def paged(make_page: Callable[[int, int], Page], table: Table, descr: str, *, top: float = BODY_TOP,
          sizes: Sequence[float] = (16, 14)) -> list[Page]:
    """Draw the table over as many slides as it needs, at the largest of `sizes` that needs no more slides
    than the smallest; make_page(i, n) makes slide i of n, and the table starts at `top` on each. Give one
    size to give every table of a kind one size. At most MAX_ROWS rows: the last slide's notes say how many
    more there are."""
    left_out = len(table.rows) - MAX_ROWS
    table = attrs.evolve(table, rows=table.rows[:MAX_ROWS])
    table = attrs.evolve(table, size=best_size(table, top, sizes))
    pages = split(table, BODY_BOTTOM - top, BODY_BOTTOM - top)
    made = []
    for i, rows in enumerate(pages):
        page = make_page(i, len(pages))
        draw(page, MARGIN, top, table, rows, descr, page.style.theme["lane_header_fill"])
        made.append(page)
    if left_out > 0:
        made[-1].note(made[-1].style.text("table_rows_left_out", n=left_out, limit=MAX_ROWS))
    return made


def widths(*shares: float, total: float = BODY_WIDTH) -> tuple[float, ...]:
    whole = sum(shares)
    return tuple(total * s / whole for s in shares)
