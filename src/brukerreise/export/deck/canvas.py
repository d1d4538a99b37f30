"""The 16:9 canvas: slides with a filled title placeholder, fitted text boxes, shapes with alt text, notes."""

from __future__ import annotations

import copy
import functools
from collections.abc import Sequence

from lxml import etree
from pptx import Presentation
from pptx.enum.dml import MSO_LINE
from pptx.enum.shapes import MSO_SHAPE
from pptx.oxml.ns import qn
from pptx.slide import NotesSlide
from pptx.util import Emu, Pt

from ...render.labels import tag
from .parts import NotesSlides, Slides
from .style import DASHES, Style, rgb
from .text import Para, Run, clip, fit_size, write

WIDTH, HEIGHT = 960.0, 540.0  # points: 13.333 × 7.5 in
MARGIN = 36.0
TITLE_TOP, TITLE_HEIGHT = 16.0, 56.0
BODY_TOP = 84.0
BODY_BOTTOM = HEIGHT - 24.0
BODY_WIDTH = WIDTH - 2 * MARGIN
TITLE_SIZES = (28, 26, 24, 22, 20, 18)
# The smallest type a projected slide may show: body text on any slide, labels on a diagram (the overview and
# the swimlane slides, drawn at a scale of their own). A box that cannot hold its text at the floor shows it
# cut with '…', whole in the notes.
BODY_FLOOR, DIAGRAM_FLOOR = 14.0, 12.0
DIAGRAM = "diagram"  # the name of a diagram slide (<p:cSld name>): the mark its kind is read from


def emu(points: float) -> Emu:
    return Emu(int(round(points * 12700)))


def set_descr(shape, text: str) -> None:
    """Alt text: there is no API, it is the `descr` attribute of the shape's cNvPr."""
    shape._element[0].find(_CNVPR).set("descr", " ".join(text.split()))


_CNVPR, _STYLE, _SP_PR = qn("p:cNvPr"), qn("p:style"), qn("p:spPr")
_SOLID_FILL, _NO_FILL, _SRGB_CLR, _LN, _PRST_DASH = (
    qn(x) for x in ("a:solidFill", "a:noFill", "a:srgbClr", "a:ln", "a:prstDash"))


@functools.cache
def solid(colour: str | None):
    """A shape's fill: <a:solidFill> of '#RRGGBB', or <a:noFill/> for None, as python-pptx's fill.solid() and
    fore_color.rgb (or fill.background()) write it. A prototype: copy it."""
    if colour is None:
        return etree.Element(_NO_FILL)
    fill = etree.Element(_SOLID_FILL)
    etree.SubElement(fill, _SRGB_CLR, val=str(rgb(colour)))
    return fill


@functools.cache
def outline(colour: str | None, points: float, border: str):
    """A shape's <a:ln>: colour, width and dash as python-pptx's line.color.rgb, line.width and
    line.dash_style write them; no line for None (line.fill.background()). A prototype: copy it."""
    ln = etree.Element(_LN)
    if colour is None:
        etree.SubElement(ln, _NO_FILL)
        return ln
    width = Pt(points)
    if width:  # python-pptx leaves out the default, 0
        ln.set("w", str(width))
    ln.append(copy.deepcopy(solid(colour)))
    etree.SubElement(ln, _PRST_DASH, val=MSO_LINE.to_xml(DASHES[border]))
    return ln


class Deck:
    """A presentation being built: one Style, a title-only layout, and the pages made so far."""

    def __init__(self, style: Style) -> None:
        self.style = style
        self.prs = Presentation()
        self.prs.slide_width = emu(WIDTH)
        self.prs.slide_height = emu(HEIGHT)
        self.layout = next(
            layout for layout in self.prs.slide_layouts
            if [p.placeholder_format.type for p in layout.placeholders][:1] == [1]  # type: ignore[misc]  # TITLE first; python-pptx types __iter__ so that mypy cannot iterate
            and len([p for p in layout.placeholders if p.placeholder_format.idx < 10]) == 1  # type: ignore[misc]  # (as above)
        )
        self.label_lang = tag(style.lang)
        self.slides = Slides(self.prs, self.layout)
        self.pages: list[Page] = []

    def finish(self) -> None:
        """Write every page's notes, each on a new notes slide."""
        notes = NotesSlides(self.prs)
        for page in self.pages:
            page.finish(notes.add(page.slide))

    def page(self, title: str, notes: str = "", *, title_box: tuple[float, float, float, float] | None = None,
             title_sizes: Sequence[float] = TITLE_SIZES, diagram: bool = False) -> Page:
        """A new slide; a diagram's labels may go down to DIAGRAM_FLOOR, every other slide's text to BODY_FLOOR."""
        page = Page(self, title, notes, title_box or (MARGIN, TITLE_TOP, BODY_WIDTH, TITLE_HEIGHT), title_sizes,
                    diagram)
        self.pages.append(page)
        return page


class Page:
    """One slide: its title placeholder is filled first, so it leads the reading order."""

    def __init__(self, deck: Deck, title: str, notes: str, box: tuple[float, float, float, float],
                 sizes: Sequence[float], diagram: bool = False) -> None:
        self.deck = deck
        self.floor = DIAGRAM_FLOOR if diagram else BODY_FLOOR
        self.style = deck.style
        self.slide = deck.slides.add()
        if diagram:
            self.slide._element.cSld.set("name", DIAGRAM)
        self.title = title
        self.notes: list[str] = [notes] if notes else []
        shape = self.slide.shapes.title
        assert shape is not None, "the deck's layout has a title placeholder"
        x, y, w, h = box
        shape.left, shape.top, shape.width, shape.height = emu(x), emu(y), emu(w), emu(h)
        paras = [Para((Run(title, True, self.style.title_ink),))]
        self._fill(shape.text_frame, paras, w, h, sizes, "m", content=True)

    def note(self, text: str) -> None:
        self.notes.append(text)

    def name(self, kind: str) -> None:
        """Name the slide (<p:cSld name>) by the kind of slide it is, unless it is a diagram (named so)."""
        c_sld = self.slide._element.cSld
        if c_sld.get("name") != DIAGRAM:
            c_sld.set("name", kind)

    def finish(self, notes_slide: NotesSlide) -> None:
        frame = notes_slide.notes_text_frame
        assert frame is not None, "a notes slide has a notes placeholder"
        frame.text = "\n\n".join(n for n in self.notes if n)

    # --- shapes -----------------------------------------------------------------------------------

    def text(
        self, x: float, y: float, w: float, h: float, paras: Sequence[Para], sizes: Sequence[float],
        *, anchor: str = "t", fill: str | None = None, line: str | None = None, border: str = "solid",
        line_width: float = 1.0, descr: str | None = None, content: bool = True,
        shape_kind=MSO_SHAPE.RECTANGLE, floor: float | None = None,
    ):
        """A box with text sized to fit (largest of `sizes`); if it does not fit even at the smallest size,
        the text is cut with '…' and the full text goes to the notes. No size puts a run under the page's floor
        (or `floor`, for the one kind of label allowed below it). Returns the shape."""
        if fill is None and line is None:
            shape = self.slide.shapes.add_textbox(emu(x), emu(y), emu(w), emu(h))
        else:
            shape = self.box(x, y, w, h, fill=fill, line=line, border=border, line_width=line_width,
                             shape_kind=shape_kind)
        self._fill(shape.text_frame, paras, w, h, readable(paras, sizes, self.floor if floor is None else floor),
                   anchor, content=content)
        if descr is not None:
            set_descr(shape, descr)
        return shape

    def box(self, x: float, y: float, w: float, h: float, *, fill: str | None, line: str | None,
            border: str = "solid", line_width: float = 1.0, shape_kind=MSO_SHAPE.RECTANGLE, descr: str | None = None):
        shape = self.slide.shapes.add_shape(shape_kind, emu(x), emu(y), emu(w), emu(h))
        sp = shape._element
        style = sp.find(_STYLE)
        if style is not None:  # the default style adds a theme shadow and white text
            sp.remove(style)
        sp_pr = sp.find(_SP_PR)
        sp_pr.append(copy.deepcopy(solid(fill)))
        sp_pr.append(copy.deepcopy(outline(line, line_width * (2 if border == "bold" else 1), border)))
        if descr is not None:
            set_descr(shape, descr)
        return shape

    def _fill(self, frame, paras: Sequence[Para], w: float, h: float, sizes: Sequence[float], anchor: str,
              content: bool) -> None:
        size = fit_size(paras, w, h, sizes)
        if size is None:
            size = min(sizes)
            shown, _ = clip(paras, w, h, size)
            full = "\n".join(p.text for p in paras)
            self.note(f"{self.style['notes_shortened']}: {full}")
            paras = shown
        elif any(p.cut for p in paras):
            self.note(f"{self.style['notes_shortened']}: " + "\n".join(p.text for p in paras))
        write(frame, paras, size, self.style.ink, anchor, "nb-NO" if content else self.deck.label_lang)



def readable(paras: Sequence[Para], sizes: Sequence[float], floor: float) -> list[float]:
    """The sizes at which no paragraph (at its own scale) is under `floor`; the floor itself if none is."""
    scale = min((p.scale for p in paras), default=1.0)
    kept = [z for z in sizes if z * scale >= floor - 1e-6]
    return kept or [floor / scale]
