"""Mermaid exports for wikis (GitHub, GitLab, Confluence, Notion): a flowchart with a subgraph per lane
(`mermaid`, and `mermaid-data` with the data flows), the emotional curve as a `journey` diagram
(`mermaid-journey`), and a Markdown page with the flowchart in parts that every wiki's Mermaid draws
(`mermaid-wiki`). Plain text: no Node or browser needed to write them."""

from __future__ import annotations

from ...analysis import JourneyAnalysis
from ...render.labels import labels
from .flowchart import ELK_HEADER, Chart, flowchart
from .journey import journey_diagram
from .wiki import wiki_page

SUFFIXES = {"mermaid": "mmd", "mermaid-data": "data.mmd", "mermaid-journey": "journey.mmd", "mermaid-wiki": "wiki.md"}

__all__ = ["SUFFIXES", "export"]


def export(analysis: JourneyAnalysis, fmt: str, lang: str = "nb") -> bytes:
    if fmt not in SUFFIXES:
        raise ValueError(f"unknown Mermaid format {fmt!r}: choose one of {', '.join(SUFFIXES)}")
    label = labels("mermaid", lang).text
    title = analysis.journey.title
    if fmt == "mermaid-journey":
        return journey_diagram(analysis, label, title).encode("utf-8")
    if fmt == "mermaid-wiki":
        return wiki_page(analysis, label, title).encode("utf-8")
    a, m = analysis, analysis.metrics
    chart = Chart(
        a.order, label("flowchart_title", title=title),
        label("flowchart_description", title=title, life_event=a.journey.life_event.value, steps=m.steps,
              lane_names=", ".join(x.short for x in a.lanes), handoffs=m.handoffs),
        data=fmt == "mermaid-data", header=ELK_HEADER,
    )
    return flowchart(a, chart, label).encode("utf-8")

