"""Text sized with real font metrics: paragraphs of runs, their measured height, fitting, clipping, and
writing them into a PowerPoint text frame with every size, inset and colour explicit."""

from __future__ import annotations

import copy
import functools
from collections.abc import Sequence

import attrs
from lxml import etree
from pptx.oxml.ns import qn
from pptx.util import Pt

from ...render import textfit

# Insets of every text frame and table cell (points). The measured width is a little narrower than the
# real one, so that PowerPoint's and LibreOffice's own line breaking never needs an extra line.
INSET_X = 5.0
INSET_Y = 3.0
SAFETY = 0.95
# The longest paragraph measured or written: more than any box on a slide shows, so a longer one is shown cut
# with '…' (its whole text goes to the notes) and every measurement stays bounded in time and memory.
MAX_CHARS = 2000
ANCHORS = {"t": "t", "m": "ctr", "b": "b"}  # <a:bodyPr anchor>
_INSETS = tuple((side, str(Pt(inset))) for side, inset in
                (("lIns", INSET_X), ("rIns", INSET_X), ("tIns", INSET_Y), ("bIns", INSET_Y)))


@attrs.frozen
class Run:
    text: str
    bold: bool = False
    color: str | None = None  # '#RRGGBB'; None: the theme's body text


@attrs.frozen
class Para:
    runs: tuple[Run, ...]
    space_after: float = 0.0  # points
    align: str = "l"
    scale: float = 1.0  # this paragraph's size relative to the frame's

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def bold(self) -> bool:
        return any(r.bold for r in self.runs)

    @property
    def cut(self) -> bool:
        """Whether the paragraph is longer than any slide shows (MAX_CHARS)."""
        return sum(len(r.text) for r in self.runs) > MAX_CHARS

    @property
    def shown(self) -> str:
        """The text as measured and written: at most MAX_CHARS characters, ending in '…' when cut."""
        text = self.text
        return text if len(text) <= MAX_CHARS else text[:MAX_CHARS].rstrip() + "…"


def para(text: str, bold: bool = False, color: str | None = None, space_after: float = 0.0, align: str = "l",
         scale: float = 1.0) -> Para:
    return Para((Run(text, bold, color),), space_after, align, scale)


def sentence(text: str) -> str:
    """The text as a sentence: a full stop added unless it already ends like one ('barn!' stays 'barn!')."""
    text = text.rstrip()
    return text if not text or text[-1] in ".!?…:;" else text + "."


def lines(p: Para, width: float, size: float) -> list[str]:
    return _wrap(p.shown, (width - 2 * INSET_X) * SAFETY, size * p.scale, p.bold)


def para_height(p: Para, width: float, size: float) -> float:
    return len(lines(p, width, size)) * textfit.line_height(size * p.scale) + p.space_after


@functools.lru_cache(maxsize=65536)
def _wrap(text: str, width: float, size: float, bold: bool) -> list[str]:
    """textfit.wrap, remembered: a deck measures the same texts at several sizes and widths."""
    return textfit.wrap(text, width, size, bold)


def height(paras: Sequence[Para], width: float, size: float) -> float:
    """The height the paragraphs need in a frame `width` wide, insets included."""
    return 2 * INSET_Y + sum(para_height(p, width, size) for p in paras)


def fit_size(paras: Sequence[Para], width: float, box_height: float, sizes: Sequence[float]) -> float | None:
    """The largest size at which the paragraphs fit; a size that must break a word fits only as the last resort."""
    ordered = sorted(sizes, reverse=True)
    for size in ordered:
        if height(paras, width, size) <= box_height and (size == ordered[-1] or not breaks_words(paras, width, size)):
            return size
    return None


def breaks_words(paras: Sequence[Para], width: float, size: float) -> bool:
    inner = (width - 2 * INSET_X) * SAFETY
    return any(textfit.text_width(word, size * p.scale, p.bold) > inner for p in paras for word in p.shown.split())


def clip(paras: Sequence[Para], width: float, box_height: float, size: float) -> tuple[list[Para], bool]:
    """The paragraphs that fit at `size`, the last one cut with '…'; (paragraphs, shortened)."""
    lh = textfit.line_height(size)
    kept: list[Para] = []
    room = box_height - 2 * INSET_Y

    def need(p: Para) -> float:
        return para_height(p, width, size)

    for p in paras:
        if need(p) <= room:
            kept.append(p)
            room -= need(p)
            continue
        base, text = p, p.shown
        if room < lh * p.scale and kept:  # no room for a line of its own: cut it into the paragraph before
            base = kept.pop()
            room += need(base)
            text = f"{base.shown} {p.shown}"
        cut, _ = textfit.clip(text, (width - 2 * INSET_X) * SAFETY, room, size * base.scale, base.bold)
        kept.append(Para((Run(" ".join(cut), base.bold, base.runs[0].color),), 0.0, base.align, base.scale))
        return kept, True
    return kept, False


def write(frame, paras: Sequence[Para], size: float, ink: str, anchor: str = "t", lang: str = "nb-NO") -> None:
    """Replace the frame's text with the paragraphs (see write_body), and set the frame's wrapping, insets
    and anchor (what TextFrame's word_wrap, auto_size, margin_* and vertical_anchor setters write)."""
    body_pr = frame._txBody.bodyPr
    body_pr.set("wrap", "square")
    body_pr._remove_eg_textAutoFit()
    body_pr._add_noAutofit()
    for side, inset in _INSETS:
        body_pr.set(side, inset)
    body_pr.set("anchor", ANCHORS[anchor])
    write_body(frame._txBody, paras, size, ink, lang)


def write_body(body, paras: Sequence[Para], size: float, ink: str, lang: str = "nb-NO") -> None:
    """Replace the paragraphs of a txBody (a text frame's, or a table cell's, whose insets stay on the cell),
    every run sized and coloured explicitly. Runs are written as XML directly, from copies of cached
    prototypes: the property API is slow, and a deck has thousands of runs."""
    for p in body.findall(_P):
        body.remove(p)
    for spec in paras:
        if spec.cut:  # written as measured: cut, in the look of its first run
            spec = Para((Run(spec.shown, spec.runs[0].bold, spec.runs[0].color),), spec.space_after, spec.align, spec.scale)
        sz = str(int(round(size * spec.scale * 100)))
        p = copy.deepcopy(_paragraph(spec.align, spec.space_after, sz, lang))
        body.append(p)
        end = p[-1]
        first = True
        for run in spec.runs:
            look = (sz, run.bold, run.color or ink, lang)
            for n, piece in enumerate(run.text.split("\n")):
                if n:
                    end.addprevious(copy.deepcopy(_run(_BR, *look)))
                if not piece and not (first and n == 0):
                    continue
                r = copy.deepcopy(_run(_R, *look))
                end.addprevious(r)
                r[1].text = piece
                first = False


_P, _PPR, _R, _T, _BR, _END = (qn(x) for x in ("a:p", "a:pPr", "a:r", "a:t", "a:br", "a:endParaRPr"))
_LNSPC, _SPCBEF, _SPCAFT, _SPCPCT, _SPCPTS, _BUNONE = (
    qn(x) for x in ("a:lnSpc", "a:spcBef", "a:spcAft", "a:spcPct", "a:spcPts", "a:buNone"))
_RPR, _FILL, _CLR, _LATIN, _CS = (qn(x) for x in ("a:rPr", "a:solidFill", "a:srgbClr", "a:latin", "a:cs"))


@functools.cache
def _paragraph(align: str, space_after: float, sz: str, lang: str):
    """A paragraph with its properties and end properties, and no runs yet (a prototype: copy it)."""
    p = etree.Element(_P)
    ppr = etree.SubElement(p, _PPR, marL="0", indent="0", algn={"l": "l", "c": "ctr", "r": "r"}[align])
    etree.SubElement(etree.SubElement(ppr, _LNSPC), _SPCPCT, val="100000")
    etree.SubElement(etree.SubElement(ppr, _SPCBEF), _SPCPTS, val="0")
    etree.SubElement(etree.SubElement(ppr, _SPCAFT), _SPCPTS, val=str(int(round(space_after * 100))))
    etree.SubElement(ppr, _BUNONE)
    etree.SubElement(p, _END, lang=lang, sz=sz)
    return p


@functools.cache
def _run(tag: str, sz: str, bold: bool, color: str, lang: str):
    """A run (<a:r>, its properties and an empty <a:t>) or a line break (<a:br> and its properties), as a
    prototype: copy it."""
    run = etree.Element(tag)
    rpr = etree.SubElement(run, _RPR, lang=lang, sz=sz, b="1" if bold else "0", dirty="0")
    etree.SubElement(etree.SubElement(rpr, _FILL), _CLR, val=color.lstrip("#").upper())
    etree.SubElement(rpr, _LATIN, typeface=textfit.FONT_FAMILY)
    etree.SubElement(rpr, _CS, typeface=textfit.FONT_FAMILY)
    if tag == _R:
        etree.SubElement(run, _T)
    return run
