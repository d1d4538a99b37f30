"""Headed lists flowed into text columns and onto continuation slides, so nothing overflows or is lost."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from .canvas import BODY_BOTTOM, BODY_TOP, BODY_WIDTH, MARGIN, Page
from .text import INSET_Y, Para, clip, para_height

COLUMN_GAP = 24.0


@attrs.frozen
class Section:
    heading: Para
    items: tuple[Para, ...]
    new_column: bool = False  # start in the next column when there is one left on this slide


def best_size(sections: Sequence[Section], *, columns: int = 2, sizes: Sequence[float] = (16, 14),
              top: float = BODY_TOP, bottom: float = BODY_BOTTOM) -> float:
    """The largest of `sizes` at which the sections need no more slides than at the smallest (in columns of
    their own where they ask for one, or else as they come)."""
    ordered = sorted(sizes, reverse=True)
    plain = [attrs.evolve(x, new_column=False) for x in sections]
    least = min(len(_layout(x, columns, ordered[-1], bottom - top)[0]) for x in (sections, plain))
    for size in ordered[:-1]:
        if any(len(_layout(x, columns, size, bottom - top, least)[0]) <= least for x in (sections, plain)):
            return size
    return ordered[-1]


def flow(
    make_page: Callable[[int, int], Page], sections: Sequence[Section], *, columns: int = 2,
    sizes: Sequence[float] = (16, 14), top: float = BODY_TOP, bottom: float = BODY_BOTTOM, descr: str = "",
) -> list[Page]:
    """Fill columns left to right, slide after slide, at the largest of `sizes` that needs one slide (else the
    smallest); a heading never ends a column alone. What needs several slides is shared out evenly: each
    column is filled no higher than the least height that needs no more slides."""
    size = best_size(sections, columns=columns, sizes=sizes, top=top, bottom=bottom)
    room = bottom - top
    slides, cut = _layout(sections, columns, size, room)
    if len(slides) > 1 and any(x.new_column for x in sections):  # a column of its own only if it saves a slide
        plain = [attrs.evolve(x, new_column=False) for x in sections]
        if len(_layout(plain, columns, size, room)[0]) < len(slides):
            sections = plain
            slides, cut = _layout(sections, columns, size, room)
    if len(slides) > 1:
        low, high = 0.0, room
        for _ in range(16):
            mid = (low + high) / 2
            if len(_layout(sections, columns, size, room, len(slides), mid)[0]) <= len(slides):
                high = mid
            else:
                low = mid
        slides, cut = _layout(sections, columns, size, room, None, high)
    width = (BODY_WIDTH - (columns - 1) * COLUMN_GAP) / columns
    pages = []
    for i, cols in enumerate(slides):
        page = make_page(i, len(slides))
        for c, paras in enumerate(cols):
            if paras:
                x = MARGIN + c * (width + COLUMN_GAP)
                page.text(x, top, width, room, paras, (size,), descr=descr or None)
        pages.append(page)
    for index, text in cut:
        pages[index].note(pages[index].style["notes_shortened"] + ": " + text)
    return pages


def _layout(sections: Sequence[Section], columns: int, size: float, room: float, most: int | None = None,
            cap: float | None = None):
    """(paragraphs per column per slide, cut items); with `most`, it stops as soon as more slides than that
    are needed; with `cap`, a column is filled no higher than that unless one item alone is higher."""
    fill = room if cap is None else min(cap, room)
    width = (BODY_WIDTH - (columns - 1) * COLUMN_GAP) / columns
    slides: list[list[list[Para]]] = [[[]]]  # slides → columns → paragraphs
    cut: list[tuple[int, str]] = []

    heights = [[0.0]]  # slides → used height of each column

    def used(col: list[Para], block: list[Para]) -> float:
        return heights[-1][-1] + sum(para_height(p, width, size) for p in block) + (0 if col else 2 * INSET_Y)

    def next_column() -> None:
        if len(slides[-1]) < columns:
            slides[-1].append([])
            heights[-1].append(0.0)
        else:
            slides.append([[]])
            heights.append([0.0])

    for section in sections:
        if section.new_column and slides[-1][-1] and len(slides[-1]) < columns:
            next_column()
        for index, item in enumerate(section.items):
            if most is not None and len(slides) > most:
                return slides, cut
            block = [section.heading, item] if index == 0 else [item]
            col = slides[-1][-1]
            if used(col, block) > fill and col:
                next_column()
                col = slides[-1][-1]
                if index:  # repeat the heading at the top of a new column
                    block = [section.heading, item]
            if used(col, block) > room:  # one item taller than a column: cut, the notes keep all of it
                shown, _ = clip(block, width, room, size)
                cut.append((len(slides) - 1, item.text))
                block = shown
            heights[-1][-1] = used(col, block)
            col.extend(block)
    return slides, cut
