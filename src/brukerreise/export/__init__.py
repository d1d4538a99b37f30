"""The exporters, registered in one table. Each is a leaf package that reads the analysis and returns
bytes; it is imported only when used, so `validate` never loads python-pptx or graphviz."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from ..analysis import JourneyAnalysis, Portfolio


class ExportNote(UserWarning):
    """What the user should know about an output that was made, but not as they might expect (a picture
    scaled down, a deck that summarises): an exporter warns with it, and `build` shows it as a note."""


def note(message: str) -> None:
    import warnings

    warnings.warn(ExportNote(message), stacklevel=2)


@attrs.frozen
class Exporter:
    """One exporter: the function that makes its bytes (as 'module:function', imported when first used),
    the formats it writes with their file suffixes, and what the machine must have for which formats."""

    name: str
    entry: str
    suffixes: dict[str, str]  # format -> file suffix
    check: str | None = None  # 'module:function' raising when the machine lacks what a format needs
    check_skips: frozenset[str] = frozenset()  # formats that need nothing the check looks for
    applies: str | None = None  # 'module:function' (analysis) -> bool: whether it writes anything for a journey
    # 'module:function' taking (analyses, portfolio, fmt, lang) and returning the bytes of one file across
    # all journeys (`portfolio.<suffix>`), or None when the format has none
    portfolio: str | None = None

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(self.suffixes)

    def export(self, analysis: JourneyAnalysis, fmt: str, lang: str) -> bytes:
        return _load(self.entry)(analysis, fmt, lang)

    def applies_to(self, analysis: JourneyAnalysis) -> bool:
        return self.applies is None or bool(_load(self.applies)(analysis))
    def export_portfolio(self, analyses: Sequence[JourneyAnalysis], whole: Portfolio, fmt: str, lang: str) -> bytes | None:
        return None if self.portfolio is None else _load(self.portfolio)(analyses, whole, fmt, lang)

    def ensure_available(self, fmt: str) -> None:
        if self.check is not None and fmt not in self.check_skips:
            _load(self.check)()


def _load(entry: str) -> Callable[..., Any]:
    module, _, name = entry.partition(":")
    return getattr(importlib.import_module(module, __name__), name)


EXPORTERS: dict[str, Exporter] = {
    e.name: e
    for e in (
        Exporter("swimlane", ".swimlane:export", {"svg": "svg", "png": "png", "pdf": "pdf", "dot": "dot"},
                 check=".swimlane:require_graphviz", check_skips=frozenset({"dot"})),
        Exporter("deck", ".deck:export", {"pptx": "pptx"}),
        Exporter("report", ".report:export", {"markdown": "md", "json": "json", "text": "txt"}),
        # To-be journeys only; the names cannot clash with a journey's outputs (journey ids hold no '.').
        Exporter("comparison", ".comparison:export",
                 {"markdown": "comparison.md", "json": "comparison.json", "text": "comparison.txt", "svg": "comparison.svg"},
                 applies=".comparison:compared"),
        # A journey's page on its own; `<id>.page.html` never names the site's index.html (ids hold no '.').
        Exporter("site", ".site:export", {"html": "page.html"}, check=".swimlane:require_graphviz"),
        Exporter("spreadsheet", ".spreadsheet:export", {"xlsx": "xlsx", "csv": "steps.csv"},
                 portfolio=".spreadsheet:portfolio"),
        Exporter("mermaid", ".mermaid:export", {"mermaid": "mmd", "mermaid-data": "data.mmd",
                                                "mermaid-journey": "journey.mmd", "mermaid-wiki": "wiki.md"}),
        Exporter("bpmn", ".bpmn:export", {"bpmn": "bpmn"}),
    )
}
