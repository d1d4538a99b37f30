"""The one place that loads a language's labels and formats a phrase, with number agreement and decimal signs.

    lab = labels("deck", "nn")                   # exporters/deck/labels.yaml, nynorsk
    lab["col_step"]                              # 'Steg': a plain label
    lab.text("box_pains", n=2)                   # '2 smertepunkt': a phrase, its {names} filled in
    lab.count("glance_handoffs", 1)              # 'overlevering': a label written as {one: …, other: …}
    pick({"nb": "Ja", "en": "Yes"}, "nn")        # one entry of a per-language mapping (outline.yaml, questions.yaml)
    phrase("{n:gong|gonger} til", "nn", n=1)     # '1 gong til': any template, formatted the same way

The format is Python's, plus number agreement (`{n:overlevering|overleveringer}`) and decimal signs
(exporters/language.yaml). A language missing a key falls back to bokmål; tests/test_labels.py keeps every
key in all three languages so that the fallback is never seen.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from . import LANGUAGES
from .resources import definition

__all__ = ["LANGUAGES", "Labels", "in_sentence", "labels", "number", "phrase", "pick", "plural", "tag"]

DEFAULT = LANGUAGES[0]
NUMBER = "#"  # where the number goes in a plural form
NO_NUMBER = "~"  # a plural spec starting with this writes the noun alone


@functools.cache
def language(lang: str) -> Mapping[str, Any]:
    """What exporters/language.yaml says about a language: tag, decimal sign, minus, proposal prefixes."""
    table = definition("language.yaml")["languages"]
    return table.get(lang, table[DEFAULT])


def tag(lang: str) -> str:
    """The language tag written into the deck (PPTX) and the web pages' lang, e.g. 'nn-NO'."""
    return str(language(lang)["tag"])


def plural(count: float, forms: tuple[str, ...] | list[str]) -> str:
    """The form for this count: bokmål, nynorsk and English use the first form for exactly 1, else the second."""
    return forms[0] if count == 1 or len(forms) == 1 else forms[1]


def number(value: float | None, lang: str = DEFAULT, signed: bool = False, digits: int = 2) -> str:
    """A figure as shown: '–' when unknown, rounded to `digits` decimals without trailing zeros, the language's
    decimal sign and a true minus sign, '+' on a change when `signed`: number(-0.78, 'nb') == '−0,78'."""
    if value is None:
        return "–"
    if isinstance(value, bool) or (isinstance(value, int) and not signed):
        text = str(value)
    else:
        rounded = round(float(value), digits)
        text = f"{rounded:+.{digits}f}" if signed else f"{rounded:.{digits}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        if text in ("-0", "+0"):
            text = "0"
    spec = language(lang)
    return text.replace("-", str(spec["minus"])).replace(".", str(spec["decimal"]))


def in_sentence(title: str, lang: str = DEFAULT) -> str:
    """A to-be journey's title as quoted inside a sentence: without its «Forslag:» prefix, which the sentence
    already says («den ønskede reisen «… »»). A title that is only the prefix stays as written."""
    for prefix in language(lang)["proposal_prefixes"]:
        if title[: len(prefix)].casefold() == prefix.casefold() and title[len(prefix):].strip():
            return title[len(prefix):].strip()
    return title


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" in format_spec and isinstance(value, (int, float)) and not isinstance(value, bool):
            bare = format_spec.startswith(NO_NUMBER)
            form = plural(value, format_spec.lstrip(NO_NUMBER).split("|"))
            if bare:
                return form
            shown = number(value, self.lang)
            return form.replace(NUMBER, shown) if NUMBER in form else f"{shown} {form}"
        if isinstance(value, float) and not format_spec:
            return number(value, self.lang)
        return super().format_field(value, format_spec)


@functools.cache
def _formatter(lang: str) -> _Formatter:
    return _Formatter(lang)


def phrase(template: str, lang: str = DEFAULT, /, **values: Any) -> str:
    """Any label template formatted in a language: its {names} filled in, counts agreeing with their nouns."""
    return _formatter(lang).vformat(template, (), values)


def pick(entry: Mapping[str, Any], lang: str) -> Any:
    """One language's entry of a per-language mapping such as {nb: …, nn: …, en: …}, else bokmål's."""
    found = entry.get(lang)
    return entry[DEFAULT] if found is None else found


@attrs.frozen
class Labels(Mapping[str, str]):
    """The labels of one exporter in one language. `lab[key]` is a label as written; `lab.text(key, **values)`
    formats it; `lab.count(key, n)` chooses the form of a label written as {one: …, other: …}."""

    exporter: str
    lang: str
    table: Mapping[str, Any]

    def __getitem__(self, key: str) -> str:
        value = self.table[key]
        if isinstance(value, Mapping):
            return str(value.get("other", next(iter(value.values()))))
        return str(value)

    def __iter__(self) -> Iterator[str]:
        return iter(self.table)

    def __len__(self) -> int:
        return len(self.table)

    def text(self, key: str, /, **values: Any) -> str:
        """The label `key` with its {names} filled in from `values`."""
        template = self[key]
        return phrase(template, self.lang, **values) if values else template

    def count(self, key: str, n: float, /, **values: Any) -> str:
        """A label written as {one: …, other: …}, in the form for `n`, formatted with `n` and `values`."""
        value = self.table[key]
        template = plural(n, (value["one"], value["other"])) if isinstance(value, Mapping) else str(value)
        return phrase(template, self.lang, n=n, **values)

    def number(self, value: float | None, signed: bool = False) -> str:
        return number(value, self.lang, signed)

    def merged(self, *others: Labels) -> Labels:
        """These labels with others' keys added (a page that shows the report's and the swimlane's words too)."""
        table: dict[str, Any] = {}
        for part in (*others, self):
            table.update(part.table)
        return Labels(self.exporter, self.lang, table)


@functools.cache
def labels(exporter: str, lang: str = DEFAULT) -> Labels:
    """The labels of one exporter (exporters/<exporter>/labels.yaml) in one language, bokmål per missing key."""
    table = definition(f"{exporter}/labels.yaml")
    chosen = dict(table[DEFAULT])
    chosen.update(table.get(lang) or {})
    return Labels(exporter, lang, chosen)
