"""The cells as draw.io's uncompressed file: mxfile → diagram → mxGraphModel → root → cells, written by
hand in a fixed order (same journey, same bytes). Every user text is cleaned of characters XML cannot
hold and escaped; a label is HTML (html=1, so that draw.io wraps it), so its text is escaped twice."""

from __future__ import annotations

from xml.sax.saxutils import escape

from ...render.geometry import Rect
from .cells import Cell
from .text import clean

ATTRIBUTE = {'"': "&quot;", "\n": "&#10;", "\t": "&#9;", "\r": "&#13;"}


def _attr(value: str) -> str:
    return '"' + escape(value, ATTRIBUTE) + '"'


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _geometry(rect: Rect | None, cell: Cell) -> str:
    if cell.edge:
        inner = "".join(
            f'<mxPoint x="{_n(x)}" y="{_n(y)}" as="{name}" />'
            for name, point in (("sourcePoint", cell.source_point), ("targetPoint", cell.target_point))
            if point is not None for x, y in (point,)
        )
        if cell.points:
            inner += '<Array as="points">' + "".join(f'<mxPoint x="{_n(x)}" y="{_n(y)}" />' for x, y in cell.points) + "</Array>"
        at = "" if cell.label_at is None else f'x="{cell.label_at:g}" '
        return f'<mxGeometry {at}relative="1" as="geometry">{inner}</mxGeometry>'
    assert rect is not None
    return f'<mxGeometry x="{_n(rect.x)}" y="{_n(rect.y)}" width="{_n(rect.w)}" height="{_n(rect.h)}" as="geometry" />'


def _cell(cell: Cell) -> list[str]:
    kind = ' edge="1"' if cell.edge else ' vertex="1"'
    ends = "".join(f' {name}="{ref}"' for name, ref in (("source", cell.source), ("target", cell.target)) if ref)
    body = f'style={_attr(cell.style)} parent="{cell.parent}"{kind}{ends}'
    geometry = _geometry(cell.rect, cell)
    if not cell.data:
        return [f'        <mxCell id="{cell.id}" value={_attr(cell.label)} {body}>', f"          {geometry}",
                "        </mxCell>"]
    data = "".join(f" {name}={_attr(value)}" for name, value in cell.data)
    return [f'        <UserObject label={_attr(cell.label)}{data} id="{cell.id}">', f"          <mxCell {body}>",
            f"            {geometry}", "          </mxCell>", "        </UserObject>"]


def to_xml(name: str, width: float, height: float, cells: list[Cell], version: str) -> str:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<mxfile host="brukerreise" agent={_attr("brukerreise " + version)} version="24.0.0" type="device">',
        f'  <diagram id="journey" name={_attr(clean(name).replace(chr(10), " "))}>',
        f'    <mxGraphModel dx="{_n(width)}" dy="{_n(height)}" grid="1" gridSize="10" guides="1" tooltips="1" '
        f'connect="1" arrows="1" fold="1" page="1" pageScale="1" pageWidth="{_n(width)}" pageHeight="{_n(height)}" '
        'math="0" shadow="0">',
        "      <root>",
        '        <mxCell id="0" />',
        '        <mxCell id="1" parent="0" />',
    ]
    for cell in cells:
        out += _cell(cell)
    out += ["      </root>", "    </mxGraphModel>", "  </diagram>", "</mxfile>", ""]
    return "\n".join(out)
