"""The exporters, registered in one table. Each is a leaf package that reads the analysis and returns
bytes; it is imported only when used, so `validate` never loads python-pptx or graphviz."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

import attrs

if TYPE_CHECKING:
    from ..analysis import JourneyAnalysis


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

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(self.suffixes)

    def export(self, analysis: JourneyAnalysis, fmt: str, lang: str) -> bytes:
        return _load(self.entry)(analysis, fmt, lang)

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
                 check=".swimlane:require_graphviz", check_skips=frozenset({"dot"})),
        Exporter("deck", ".deck:export", {"pptx": "pptx"}),
        Exporter("report", ".report:export", {"markdown": "md", "json": "json", "text": "txt"}),
        Exporter("mermaid", ".mermaid:export", {"mermaid": "mmd", "mermaid-data": "data.mmd",
                                                "mermaid-journey": "journey.mmd", "mermaid-wiki": "wiki.md"}),
        Exporter("bpmn", ".bpmn:export", {"bpmn": "bpmn"}),
    )
}
