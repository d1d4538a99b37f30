"""The before/after chart of a to-be journey as native, editable shapes: one row per key figure, today's bar
hatched and the goal's solid, each with its number, and the direction of the change in words — the slide
version of the comparison's SVG chart (export/comparison/chart.py), with the same figures."""

from __future__ import annotations

from pptx.enum.dml import MSO_PATTERN

from ...render.comparison import BAR_FIGURES, verdict
from .canvas import BODY_BOTTOM, BODY_TOP, BODY_WIDTH, MARGIN, WIDTH, Deck, Page
from .change import _Slides, _to_be_only
from .facts import Facts
from .style import rgb
from .text import para

LABEL_WIDTH = 280.0
VERDICT_WIDTH = 150.0
NUMBER_WIDTH = 44.0
LEGEND_HEIGHT = 26.0


@_to_be_only
def chart_slides(deck: Deck, facts: Facts, start: _Slides) -> list[Page]:
    c, lab = start.c, start.lab
    style = deck.style
    page = deck.page(start.title, start.notes)
    muted, accent = style.muted, style.theme["kinds"]["stat"]["stroke"]
    figures = [c.figure(k) for k in BAR_FIGURES]

    # The legend: the two bar styles, in words as well.
    x = MARGIN
    for key, hatched in (("chart_legend_today", True), ("chart_legend_goal", False)):
        _bar(page, x, BODY_TOP + 6, 24, 14, hatched, muted, accent, lab[key])
        page.text(x + 28, BODY_TOP, 200, LEGEND_HEIGHT, [para(lab[key])], (14,), anchor="m", content=False)
        x += 240
    page.text(WIDTH - MARGIN - VERDICT_WIDTH, BODY_TOP, VERDICT_WIDTH, LEGEND_HEIGHT,
              [para(lab["verdict"], False, muted, align="r")], (14,), anchor="m", content=False)

    top = BODY_TOP + LEGEND_HEIGHT + 8
    row = (BODY_BOTTOM - top) / len(figures)
    bar_h = min(16.0, (row - 10) / 2)
    left = MARGIN + LABEL_WIDTH
    room = BODY_WIDTH - LABEL_WIDTH - VERDICT_WIDTH - NUMBER_WIDTH - 8
    scale = max([1.0, *(float(v) for f in figures for v in (f.before, f.after) if v is not None)])
    for i, f in enumerate(figures):
        y = top + i * row
        name = lab[f"figure_{f.key}"]
        page.text(MARGIN, y, LABEL_WIDTH - 8, 2 * bar_h + 4, [para(name, True)], (14,), anchor="m", content=False)
        for j, value in enumerate((f.before, f.after)):
            by = y + j * (bar_h + 4)
            w = max(1.0, room * float(value or 0) / scale)
            which = lab["today"] if j == 0 else lab["goal"]
            _bar(page, left, by, w, bar_h, j == 0, muted, accent, f"{name}, {which.lower()}: {lab.number(value)}")
            page.text(left + w + 2, by - 5, NUMBER_WIDTH, bar_h + 10, [para(lab.number(value), j == 1)], (14,),
                      anchor="m", content=False)
        words = f"{lab.number(f.change, signed=True) if f.change else '0'} {verdict(f, lab)}".strip()
        page.text(WIDTH - MARGIN - VERDICT_WIDTH, y, VERDICT_WIDTH, 2 * bar_h + 4,
                  [para(words, f.improved is not None, align="r")], (14,), anchor="m", content=False)
    return [page]


def _bar(page: Page, x: float, y: float, w: float, h: float, hatched: bool, muted: str, accent: str, descr: str) -> None:
    shape = page.box(x, y, w, h, fill=None if hatched else accent, line=muted if hatched else accent, descr=descr)
    if hatched:  # today: hatched, so the two bars differ in more than colour
        shape.fill.patterned()
        shape.fill.pattern = MSO_PATTERN.WIDE_UPWARD_DIAGONAL
        shape.fill.fore_color.rgb = rgb(muted)
        shape.fill.back_color.rgb = rgb(page.style.background)
