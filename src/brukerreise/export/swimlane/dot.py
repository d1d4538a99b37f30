"""A Layout as DOT text for `neato -n2`: every node and arrow at its computed place, generated node names,
user text only inside HTML-like labels with each fragment escaped."""

from __future__ import annotations

from ...render import textfit
from ...render.escaping import html_attribute
from .shapes import Layout, Line, Route, Shape

GRAPH_NAME = "swimlane"


def escape_text(text: str) -> str:
    """A text fragment for an HTML-like label: markup escaped; brackets as character references (Graphviz's
    HTML lexer fails on text starting with ']'); backslashes doubled because Graphviz still expands
    escapes such as \\N (the node's name) inside HTML-like labels."""
    escaped = html_attribute(text).replace("[", "&#91;").replace("]", "&#93;")
    return escaped.replace("\\", "\\\\")


def quoted(value: str) -> str:
    """A DOT double-quoted string for our own attribute values (ids, colours, numbers)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def node_names(layout: Layout) -> dict[str, str]:
    """Generated Graphviz node names by shape key: n0, n1, ... in drawing order."""
    return {shape.key: f"n{i}" for i, shape in enumerate(layout.shapes)}


def to_dot(layout: Layout, dpi: float | None = None) -> str:
    """The DOT text; `dpi` (for bitmaps) when not Graphviz's default, 96."""
    names = node_names(layout)
    font = textfit.FONT_FAMILY
    resolution = "" if dpi is None else f'dpi="{dpi:.2f}", '
    out = [
        f"digraph {GRAPH_NAME} {{",
        f'  graph [bb="0,0,{_n(layout.width)},{_n(layout.height)}", outputorder=nodesfirst, splines=true, '
        f'pad="0.1", {resolution}bgcolor="#FFFFFF", fontname={quoted(font)}];',
        f'  node [shape=box, fixedsize=true, margin=0, label="", fontname={quoted(font)}, penwidth=0, color=transparent];',
        f"  edge [fontname={quoted(font)}, arrowhead=normal, arrowsize=1];",
    ]
    out += [f"  {names[s.key]} [{_node_attrs(s, layout.height)}];" for s in layout.shapes]
    out += [f"  {names[r.tail]} -> {names[r.head]} [{_edge_attrs(r, layout.height)}];" for r in layout.routes]
    out.append("}")
    return "\n".join(out) + "\n"


def _n(value: float) -> str:
    return f"{value:.2f}"


def _node_attrs(shape: Shape, height: float) -> str:
    r = shape.rect
    attrs = [
        f"id={quoted(shape.key)}",
        f'pos="{_n(r.cx)},{_n(height - r.cy)}!"',
        f"width={r.w / 72:.4f}",
        f"height={r.h / 72:.4f}",
    ]
    if not shape.visible:
        attrs.append("style=invis")
        return ", ".join(attrs)
    styles = []
    if shape.fill is not None:
        styles.append("filled")
        attrs.append(f"fillcolor={quoted(shape.fill)}")
    border = shape.border
    if border.style != "none":
        if border.style in ("dashed", "dotted"):
            styles.append(border.style)
        attrs += [f"color={quoted(border.color)}", f"penwidth={border.width:g}"]
    if styles:
        attrs.append(f"style={quoted(','.join(styles))}")
    if shape.peripheries > 1:
        attrs.append(f"peripheries={shape.peripheries}")
    if shape.lines:
        attrs.append(f"label=<{html_label(shape.lines, shape.align)}>")
    return ", ".join(attrs)


def html_label(lines: tuple[Line, ...], align: str = "center") -> str:
    br = '<BR ALIGN="LEFT"/>' if align == "left" else "<BR/>"
    rendered = []
    for line in lines:
        parts = []
        for span in line:
            text = escape_text(span.text)
            if span.bold:
                text = f"<B>{text}</B>"
            parts.append(f'<FONT POINT-SIZE="{span.size:g}" COLOR="{span.color}">{text}</FONT>')
        rendered.append("".join(parts))
    if align == "left":
        return "".join(part + br for part in rendered)
    return br.join(rendered)


def _edge_attrs(route: Route, height: float, arrow: float = 10.0) -> str:
    stroke = route.stroke
    points = [(x, height - y) for x, y in route.points]
    *body, end = points
    # The spline stops one arrowhead short of the target; Graphviz draws the head from there to `end`.
    (x0, y0) = body[-1] if body else end
    dx, dy = end[0] - x0, end[1] - y0
    length = (dx * dx + dy * dy) ** 0.5 or 1.0
    stop = (end[0] - dx / length * arrow, end[1] - dy / length * arrow)
    path = [*body, stop] if len(body) >= 1 else [stop, stop]
    controls = [path[0]]
    for a, b in zip(path, path[1:]):
        controls += [(a[0] + (b[0] - a[0]) / 3, a[1] + (b[1] - a[1]) / 3),
                     (a[0] + 2 * (b[0] - a[0]) / 3, a[1] + 2 * (b[1] - a[1]) / 3), b]
    pos = f"e,{_n(end[0])},{_n(end[1])} " + " ".join(f"{_n(x)},{_n(y)}" for x, y in controls)
    attrs = [
        f"id={quoted(route.key)}",
        f'pos="{pos}"',
        f"color={quoted(stroke.color)}",
        f"penwidth={stroke.width:g}",
        f"style={quoted(stroke.style)}",
    ]
    if route.marker is not None and route.marker_at is not None:
        mx, my = route.marker_at
        attrs += [f"label=<{html_label(((route.marker,),))}>", f'lp="{_n(mx)},{_n(height - my)}"']
    return ", ".join(attrs)
