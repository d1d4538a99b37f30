"""Deterministic post-processing of Graphviz's SVG: an accessible name and description on the root, each
element's <title> (its tooltip) set to the full text it stands for, and readable ids."""

from __future__ import annotations

import html
import re

from .shapes import Layout

TITLE_ID = "swimlane-title"
DESC_ID = "swimlane-desc"

_ROOT = re.compile(r"<svg\b[^>]*>")
_ELEMENT_TITLE = re.compile(r'<g id="([^"]*)" class="(node|edge)">\n<title>[^<]*</title>\n')
_GRAPH_TITLE = re.compile(r'(<g id="graph0" class="graph"[^>]*>\n)<title>[^<]*</title>\n')
_ID = re.compile(r'\bid="([^"]*)"')


def _xml(text: str) -> str:
    return html.escape(text, quote=False)


def accessible_svg(svg: bytes, layout: Layout) -> bytes:
    text = svg.decode("utf-8")
    titles = {s.key: s.title for s in layout.shapes} | {r.key: r.title for r in layout.routes}
    text = _ID.sub(lambda m: f'id="{m.group(1).replace("&#45;", "-")}"', text)

    def element_title(m: re.Match[str]) -> str:
        key = m.group(1)
        title = titles.get(key, "")
        head = f'<g id="{key}" class="{m.group(2)}">\n'
        return head + (f"<title>{_xml(title)}</title>\n" if title else "")

    text = _ELEMENT_TITLE.sub(element_title, text)
    text = _GRAPH_TITLE.sub(lambda m: m.group(1), text, count=1)
    root = _ROOT.search(text)
    if root is None:
        raise ValueError("Graphviz wrote no <svg> element")
    opened = root.group(0)[:-1] + f' role="img" aria-labelledby="{TITLE_ID} {DESC_ID}">'
    intro = f'\n<title id="{TITLE_ID}">{_xml(layout.title)}</title>\n<desc id="{DESC_ID}">{_xml(layout.description)}</desc>'
    text = text[: root.start()] + opened + intro + text[root.end():]
    return text.encode("utf-8")
