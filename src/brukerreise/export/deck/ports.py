"""Step boxes with a connection site of its own for each arrow that meets them, and arrows drawn as level and
upright connector legs glued to those sites and to small dots at the bends: PowerPoint and LibreOffice both
draw a straight connector from glue point to glue point, so each arrow looks the same in both, and a box
moved in PowerPoint keeps its arrows."""

from __future__ import annotations

import copy
import itertools
from collections.abc import Sequence

from lxml import etree
from pptx.enum.shapes import MSO_CONNECTOR
from pptx.oxml.ns import qn

from ...render.geometry import Rect
from .canvas import emu
from .lanes import decorative
from .routes import BOTTOM, LEFT, RIGHT, TOP

DOT = 4.0  # a bend's dot

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_ANGLE = {TOP: "16200000", LEFT: "10800000", BOTTOM: "5400000", RIGHT: "0"}


def with_sites(shape, r: Rect, points: Sequence[tuple[float, float]]) -> list[int]:
    """Turn the rectangle `shape` (at r) into one with custom geometry: the four usual sites (top, left, bottom,
    right: 0–3) and one more for each point on its left or right side; returns those sites' indices."""
    w, h = int(emu(r.w)), int(emu(r.h))
    sites = [(TOP, w // 2, 0), (LEFT, 0, h // 2), (BOTTOM, w // 2, h), (RIGHT, w, h // 2)]
    out = []
    for x, y in points:
        side = LEFT if abs(x - r.x) < abs(x - r.right) else RIGHT
        sites.append((side, 0 if side == LEFT else w, int(emu(y - r.y))))
        out.append(len(sites) - 1)
    geom = etree.Element(qn("a:custGeom"))
    for tag in ("a:avLst", "a:gdLst", "a:ahLst"):
        etree.SubElement(geom, qn(tag))
    cxns = etree.SubElement(geom, qn("a:cxnLst"))
    for side, x, y in sites:
        cxn = etree.SubElement(cxns, qn("a:cxn"), ang=_ANGLE[side])
        etree.SubElement(cxn, qn("a:pos"), x=str(x), y=str(y))
    etree.SubElement(geom, qn("a:rect"), l="l", t="t", r="r", b="b")
    path = etree.SubElement(etree.SubElement(geom, qn("a:pathLst")), qn("a:path"), w=str(w), h=str(h))
    for i, (x, y) in enumerate(((0, 0), (w, 0), (w, h), (0, h))):
        etree.SubElement(etree.SubElement(path, qn("a:moveTo" if i == 0 else "a:lnTo")), qn("a:pt"), x=str(x), y=str(y))
    etree.SubElement(path, qn("a:close"))
    sp_pr = shape._element.spPr
    prst = sp_pr.find(qn("a:prstGeom"))
    prst.addprevious(geom)
    sp_pr.remove(prst)
    return out


def _facing(p: tuple[float, float], q: tuple[float, float]) -> tuple[int, tuple[float, float]]:
    """The site of the dot at p that faces q, and where it is."""
    if abs(p[1] - q[1]) < 0.01:
        side = RIGHT if q[0] > p[0] else LEFT
    else:
        side = BOTTOM if q[1] > p[1] else TOP
    dx = {RIGHT: DOT / 2, LEFT: -DOT / 2}.get(side, 0.0)
    dy = {BOTTOM: DOT / 2, TOP: -DOT / 2}.get(side, 0.0)
    return side, (p[0] + dx, p[1] + dy)


def draw(page, first, first_site: int, second, second_site: int, points: Sequence[tuple[float, float]],
         colour: str, plain, arrow, name: str):
    """The arrow along `points` from the shape `first` (at its site `first_site`) to `second`: a dot at each
    bend (decorative), a leg between each two, the last with the arrowhead; returns the last leg."""
    dots = []
    for i, p in enumerate(points[1:-1]):
        shape = page.box(p[0] - DOT / 2, p[1] - DOT / 2, DOT, DOT, fill=colour, line=None)
        shape.name = f"via-{name}-{i + 1}"
        decorative(shape)
        dots.append(shape)
    line = None
    legs = list(itertools.pairwise(points))
    for i, (p, q) in enumerate(legs):
        last = i == len(legs) - 1
        if i == 0:
            begin, begin_site, start = first, first_site, p
        else:
            begin, (begin_site, start) = dots[i - 1], _facing(p, q)
        if last:
            end, end_site, finish = second, second_site, q
        else:
            end, (end_site, finish) = dots[i], _facing(q, p)
        line = page.slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, emu(start[0]), emu(start[1]), emu(finish[0]),
                                               emu(finish[1]))
        line._connect_begin_to(begin, begin_site)
        line._connect_end_to(end, end_site)
        line._element.spPr.find(qn("a:prstGeom")).set("prst", "straightConnector1")
        line._element.spPr.append(copy.deepcopy(arrow if last else plain))
        if not last:
            line.name = f"{name}-leg{i + 1}"
            decorative(line)
    return line
