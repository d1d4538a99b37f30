"""Deterministic post-processing of Graphviz's SVG: an accessible name and description on the root, each
element's <title> (its tooltip) set to the full text it stands for, readable ids, and hooks for styling:
each element's role as a class (`node step`, `edge handoff`, `edge transfer` ...), an arrow's ends as
`data-tail`/`data-head`, and the class of the cue texts (`channel`, `emotion`, `pain`)."""

from __future__ import annotations

import re

from ...render.escaping import html_attribute, xml_text
from .shapes import Layout

TITLE_ID = "swimlane-title"
DESC_ID = "swimlane-desc"

_ROOT = re.compile(r"<svg\b[^>]*>")
_ELEMENT_TITLE = re.compile(r'<g id="([^"]*)" class="(node|edge)">\n<title>[^<]*</title>\n')
_GRAPH_TITLE = re.compile(r'(<g id="graph0" class="graph"[^>]*>\n)<title>[^<]*</title>\n')
_ID = re.compile(r'\bid="([^"]*)"')
_NODE = re.compile(r'<g id="([^"]*)" class="node[^"]*">\n.*?</g>', re.S)
_TEXT = re.compile(r"<text ")


def _classed_texts(text: str, layout: Layout) -> str:
    """Give each text that marks something (a span with a role) that role as its class. Graphviz writes one
    <text> per span, in order; counted from the end, so the cue line (always last) matches even if
    Graphviz were to drop an empty span of the title."""
    marked = {}
    for shape in layout.shapes:
        spans = [span.role for line in shape.lines for span in line]
        if any(spans):
            marked[shape.key] = spans

    def node(m: re.Match[str]) -> str:
        spans = marked.get(m.group(1))
        if not spans:
            return m.group(0)
        parts = _TEXT.split(m.group(0))
        for i, role in zip(range(len(parts) - 1, 0, -1), reversed(spans)):
            if role:
                parts[i] = f'class="{role}" ' + parts[i]
        return "<text ".join(parts)

    return _NODE.sub(node, text)


def accessible_svg(svg: bytes, layout: Layout) -> bytes:
    text = svg.decode("utf-8")
    titles = {s.key: s.title for s in layout.shapes} | {r.key: r.title for r in layout.routes}
    roles = {s.key: s.role for s in layout.shapes} | {r.key: r.role for r in layout.routes}
    ends = {r.key: f' data-tail="{html_attribute(r.tail)}" data-head="{html_attribute(r.head)}"' for r in layout.routes}
    text = _ID.sub(lambda m: f'id="{m.group(1).replace("&#45;", "-")}"', text)

    def element_title(m: re.Match[str]) -> str:
        key = m.group(1)
        title = titles.get(key, "")
        role = f" {roles[key]}" if key in roles else ""
        head = f'<g id="{key}" class="{m.group(2)}{role}"{ends.get(key, "")}>\n'
        return head + (f"<title>{xml_text(title)}</title>\n" if title else "")

    text = _ELEMENT_TITLE.sub(element_title, text)
    text = _classed_texts(text, layout)
    text = _GRAPH_TITLE.sub(lambda m: m.group(1), text, count=1)
    root = _ROOT.search(text)
    if root is None:
        raise ValueError("Graphviz wrote no <svg> element")
    opened = root.group(0)[:-1] + f' role="img" aria-labelledby="{TITLE_ID} {DESC_ID}">'
    intro = f'\n<title id="{TITLE_ID}">{xml_text(layout.title)}</title>\n<desc id="{DESC_ID}">{xml_text(layout.description)}</desc>'
    text = text[: root.start()] + opened + intro + text[root.end():]
    return text.encode("utf-8")
