"""Helpers for the swimlane tests: fixture journeys, the boxes and texts of a rendered SVG,
and WCAG contrast."""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from pathlib import Path

import attrs

from brukerreise.render import textfit

SVG = "{http://www.w3.org/2000/svg}"


@attrs.frozen
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def inside(self, other: Box, tol: float = 0.6) -> bool:
        return (self.x0 >= other.x0 - tol and self.y0 >= other.y0 - tol
                and self.x1 <= other.x1 + tol and self.y1 <= other.y1 + tol)

    def overlaps(self, other: Box, tol: float = 0.6) -> bool:
        return (self.x0 < other.x1 - tol and other.x0 < self.x1 - tol
                and self.y0 < other.y1 - tol and other.y0 < self.y1 - tol)


@attrs.frozen
class Text:
    text: str
    box: Box  # from our font metrics, at the place Graphviz put the text
    fill: str
    size: float
    bold: bool


@attrs.frozen
class Element:
    id: str
    cls: str  # node | edge | cluster | graph (the first class; the second is the element's role)
    box: Box | None
    fill: str | None
    texts: tuple[Text, ...]


def polygon_box(points: str) -> Box:
    xs, ys = [], []
    for pair in points.split():
        x, y = pair.split(",")
        xs.append(float(x))
        ys.append(float(y))
    return Box(min(xs), min(ys), max(xs), max(ys))


def _text(el: ET.Element) -> Text:
    content = (el.text or "").replace("\xa0", " ")
    size = float(el.get("font-size"))
    bold = el.get("font-weight") == "bold"
    x, y = float(el.get("x")), float(el.get("y"))
    width = textfit.text_width(content, size, bold)
    anchor = el.get("text-anchor", "start")
    x0 = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
    # Ascent and descent of Liberation Sans, a little generous.
    return Text(content, Box(x0, y - 0.92 * size, x0 + width, y + 0.22 * size), el.get("fill", "#000000"), size, bold)


def elements(svg: bytes) -> dict[str, Element]:
    """Every <g> with an id: its first polygon's bounding box and fill, and its texts."""
    root = ET.fromstring(svg)
    found = {}
    for g in root.iter(f"{SVG}g"):
        gid = g.get("id")
        if not gid:
            continue
        polygon = next(g.iter(f"{SVG}polygon"), None)
        box = polygon_box(polygon.get("points")) if polygon is not None else None
        fill = polygon.get("fill") if polygon is not None else None
        found[gid] = Element(gid, g.get("class", "").split(" ")[0], box, fill, tuple(_text(t) for t in g.iter(f"{SVG}text")))
    return found


def luminance(color: str) -> float:
    color = color.lstrip("#")
    channels = [int(color[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "swimlane"


@functools.cache
def fixture_analysis(name: str):
    """The analysis of the one journey in tests/fixtures/swimlane/<name>/."""
    from brukerreise.api import check

    checked = check([FIXTURES / name])
    assert checked.is_valid(), [str(i) for i in checked.errors]
    (analysis,) = checked.analyse()
    return analysis
