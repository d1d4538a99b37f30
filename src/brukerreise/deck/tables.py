"""Native tables whose rows are measured, so they are split over continuation slides instead of overflowing."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs
from lxml import etree
from pptx.oxml.ns import qn

from .canvas import BODY_BOTTOM, BODY_TOP, BODY_WIDTH, MARGIN, Page, emu, set_descr
from .text import INSET_X, INSET_Y, Para, Run, breaks_words, clip, height, write

GRID_STYLE = "{5940675A-B579-460E-94D1-54222C63F5DA}"  # "No Style, Table Grid": thin lines, no fills
TABLE_SIZE = 12.0

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


def split(table: Table, first_room: float, room: float) -> list[list[Row]]:
    """Rows per slide, each with its height (and its full cells when it was cut to fit one slide)."""
    head = row_height(table.widths, [_header_para(h) for h in table.header], table.size)
    pages: list[list[Row]] = [[]]
    left = first_room - head
    for cells in table.rows:
        h = row_height(table.widths, cells, table.size)
        full = None
        limit = room - head
        if h > limit:  # taller than a whole slide: cut each cell, the notes get the full text
            full = cells
            cells = [clip(c, w, limit, table.size)[0] for c, w in zip(cells, table.widths, strict=True)]
            h = limit
        if h > left and pages[-1]:
            pages.append([])
            left = room - head
        pages[-1].append((cells, h, full))
        left -= h
    return pages


def _header_para(text: str) -> list[Para]:
    return [Para((Run(text, True),))]


def draw(page: Page, x: float, y: float, table: Table, rows: Sequence[Row], descr: str, header_fill: str) -> None:
    style = page.style
    header = [_header_para(h) for h in table.header]
    head_h = row_height(table.widths, header, table.size)
    frame = page.slide.shapes.add_table(
        len(rows) + 1, len(table.widths), emu(x), emu(y), emu(sum(table.widths)),
        emu(head_h + sum(h for _, h, _ in rows)),
    )
    set_descr(frame, descr)
    grid = frame.table
    grid.first_row = True
    grid.horz_banding = False
    frame._element.graphic.graphicData.tbl.tblPr.find(qn("a:tableStyleId")).text = GRID_STYLE
    for i, w in enumerate(table.widths):
        grid.columns[i].width = emu(w)
    for r, (cells, h) in enumerate([(header, head_h), *((c, h) for c, h, _ in rows)]):
        grid.rows[r].height = emu(h)
        for c, paras in enumerate(cells):
            cell = grid.cell(r, c)
            _cell_props(cell, header_fill if r == 0 else style.background)
            write(cell.text_frame, paras, table.size, style.ink, frame_props=False,
                  lang="nb-NO" if r else page.deck.label_lang)
    for _, _, full in rows:
        if full is not None:
            page.note(style["notes_table_cut"] + "\n" + " | ".join("\n".join(p.text for p in c) for c in full))


def _cell_props(cell, fill: str) -> None:
    """Insets, top anchor and fill of a cell, written directly (the property API is slow)."""
    pr = cell._tc.get_or_add_tcPr()
    x, y = str(int(INSET_X * 12700)), str(int(INSET_Y * 12700))
    pr.set("marL", x)
    pr.set("marR", x)
    pr.set("marT", y)
    pr.set("marB", y)
    pr.set("anchor", "t")
    solid = etree.SubElement(pr, qn("a:solidFill"))
    etree.SubElement(solid, qn("a:srgbClr"), val=fill.lstrip("#").upper())


def paged(make_page: Callable[[int, int], Page], table: Table, descr: str, *, top: float = BODY_TOP,
          sizes: Sequence[float] = (16, 14, 12)) -> list[Page]:
    """Draw the table over as many slides as it needs, at the largest of `sizes` that fits one slide (else
    the smallest); make_page(i, n) makes slide i of n."""
    for size in sorted(sizes, reverse=True):
        table = attrs.evolve(table, size=size)
        pages = split(table, BODY_BOTTOM - top, BODY_BOTTOM - BODY_TOP)
        if len(pages) == 1 and not any(
            breaks_words(c, w, size) for row in table.rows for c, w in zip(row, table.widths, strict=True)
        ):
            break
    made = []
    for i, rows in enumerate(pages):
        page = make_page(i, len(pages))
        y = top if i == 0 else BODY_TOP
        draw(page, MARGIN, y, table, rows, descr, page.style.theme["lane_header_fill"])
        made.append(page)
    return made


def widths(*shares: float, total: float = BODY_WIDTH) -> tuple[float, ...]:
    whole = sum(shares)
    return tuple(total * s / whole for s in shares)
