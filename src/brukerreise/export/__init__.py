"""The exporters, registered in one table. Each is a leaf package that reads the analysis and returns
bytes; it is imported only when used, so `validate` never loads python-pptx or graphviz."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

import attrs

if TYPE_CHECKING:
    from ..analysis import JourneyAnalysis, Portfolio


class ExportNote(UserWarning):
    """What the user should know about an output that was made, but not as they might expect (a picture
    scaled down, a deck that summarises): an exporter warns with it, and `build` shows it as a note."""


def note(message: str) -> None:
    import warnings

    warnings.warn(ExportNote(message), stacklevel=2)


class Export(Protocol):
    """Turns one journey's analysis into the bytes of one output file in format `fmt`."""

    def __call__(self, analysis: JourneyAnalysis, fmt: str, lang: str) -> bytes: ...


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
    # all journeys (`portfolio.<suffix>`), or None when the format has none (or there is nothing to say)
    portfolio: str | None = None
    # format -> suffix of the file across all journeys, where it differs from `suffixes` or only some formats have one
    portfolio_suffixes: dict[str, str] | None = None
    # the formats `build` writes when no format is asked for, in this order
    default_formats: tuple[str, ...] = ()

    def portfolio_name(self, fmt: str) -> str | None:
        """The name of the file across all journeys this exporter may write for `fmt`, or None."""
        if self.portfolio is None:
            return None
        suffixes = self.suffixes if self.portfolio_suffixes is None else self.portfolio_suffixes
        return f"portfolio.{suffixes[fmt]}" if fmt in suffixes else None

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


def _load(entry: str) -> Callable:  # type: ignore[type-arg]
    module, _, name = entry.partition(":")
    return getattr(importlib.import_module(module, __name__), name)  # type: ignore[no-any-return]


EXPORTERS: dict[str, Exporter] = {
    e.name: e
    for e in (
        Exporter("swimlane", ".swimlane:export", {"svg": "svg", "png": "png", "pdf": "pdf", "dot": "dot"},
                 check=".swimlane:require_graphviz", check_skips=frozenset({"dot"}), default_formats=("svg", "png")),
        Exporter("deck", ".deck:export", {"pptx": "pptx"}, default_formats=("pptx",)),
        Exporter("report", ".report:export", {"markdown": "md", "json": "json", "text": "txt"},
                 portfolio=".report:portfolio", portfolio_suffixes={"markdown": "md", "json": "json"},
                 default_formats=("markdown", "json")),
        # To-be journeys only; the names cannot clash with a journey's outputs (journey ids hold no '.').
        Exporter("comparison", ".comparison:export",
                 {"markdown": "comparison.md", "json": "comparison.json", "text": "comparison.txt", "svg": "comparison.svg"},
                 applies=".comparison:compared", portfolio=".comparison:portfolio",
                 portfolio_suffixes={"markdown": "comparisons.md", "json": "comparisons.json"},
                 default_formats=("markdown", "json", "svg")),
        # To-be journeys only: the gevinstoversikt and the gevinstkart, and both across the portfolio.
        Exporter("gains", ".gains:export",
                 {"markdown": "gevinstoversikt.md", "svg": "gevinstkart.svg", "png": "gevinstkart.png", "dot": "gevinstkart.dot"},
                 check=".swimlane:require_graphviz", check_skips=frozenset({"markdown", "dot"}),
                 applies=".gains:compared", portfolio=".gains:portfolio", default_formats=("markdown", "svg", "png")),
        # A journey's page on its own; `<id>.page.html` never names the site's index.html (ids hold no '.').
        Exporter("site", ".site:export", {"html": "page.html"}, check=".swimlane:require_graphviz"),
        Exporter("spreadsheet", ".spreadsheet:export", {"xlsx": "xlsx", "csv": "steps.csv"},
                 portfolio=".spreadsheet:portfolio", portfolio_suffixes={"xlsx": "xlsx"}, default_formats=("xlsx", "csv")),
        Exporter("mermaid", ".mermaid:export", {"mermaid": "mmd", "mermaid-data": "data.mmd",
                                                "mermaid-journey": "journey.mmd", "mermaid-wiki": "wiki.md"},
                 default_formats=("mermaid", "mermaid-journey", "mermaid-wiki")),
        Exporter("bpmn", ".bpmn:export", {"bpmn": "bpmn"}, default_formats=("bpmn",)),
        Exporter("drawio", ".drawio:export", {"drawio": "drawio"}, default_formats=("drawio",)),
    )
}
