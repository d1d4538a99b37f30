"""Every label exists in bokmål, nynorsk and English, and every phrase where a count meets a noun agrees with it.

The parity test reads every file a design team edits (exporters/*/labels.yaml, the deck's outline and questions)
and names each missing or extra key by file and language, so a label added in one language only is caught here.
The phrase tests format every label with counts 0, 1 and 2 and each pronoun, and check what a reader sees."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from brukerreise.render.resources import definition, exporters_dir
from brukerreise.render.labels import LANGUAGES, in_sentence, labels, number, phrase, pick, plural, tag

LABEL_FILES = sorted(p.parent.name for p in exporters_dir().glob("*/labels.yaml"))
# Per-language entries ({nb: …, nn: …, en: …}) inside the deck's outline and questions.
ENTRY_FILES = ("deck/outline.yaml", "deck/questions.yaml")
COUNTS = (0, 1, 2)
PRONOUNS = ("hen", "hun", "han", "de")
PRONOUN_FIELDS = {"they", "them", "do", "are"}


def _entries(node: Any, path: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every mapping with a bokmål entry (a text in several languages), with its path in the file."""
    if isinstance(node, Mapping):
        if "nb" in node:
            yield path, node
        for key, value in node.items():
            if key not in LANGUAGES:
                yield from _entries(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _entries(value, f"{path}[{i}]")


def _missing() -> list[str]:
    problems = []
    for exporter in LABEL_FILES:
        table = definition(f"{exporter}/labels.yaml")
        for lang in LANGUAGES:
            if lang not in table:
                problems.append(f"exporters/{exporter}/labels.yaml: no '{lang}' section")
                continue
            for key in table["nb"]:
                if key not in table[lang]:
                    problems.append(f"exporters/{exporter}/labels.yaml: key '{key}' is missing in '{lang}'")
            for key in table[lang]:
                if key not in table["nb"]:
                    problems.append(f"exporters/{exporter}/labels.yaml: key '{key}' in '{lang}' is not in 'nb'")
    for name in ENTRY_FILES:
        for path, entry in _entries(definition(name)):
            problems += [f"exporters/{name}: '{path}' is missing in '{lang}'" for lang in LANGUAGES if lang not in entry]
    return problems


def test_every_label_exists_in_every_language() -> None:
    assert _missing() == []


def _fields(template: str) -> list[tuple[str, str]]:
    return [(name, spec) for _, name, spec, _ in string.Formatter().parse(template) if name]


def _texts() -> Iterator[tuple[str, str, str]]:
    """(where, language, template) for every label text in every language."""
    for exporter in LABEL_FILES:
        table = definition(f"{exporter}/labels.yaml")
        for lang in LANGUAGES:
            for key, value in (table.get(lang) or {}).items():
                forms = value.values() if isinstance(value, Mapping) else [value]
                for form in forms:
                    yield f"exporters/{exporter}/labels.yaml:{lang}.{key}", lang, str(form)
    for name in ENTRY_FILES:
        for path, entry in _entries(definition(name)):
            for lang in LANGUAGES:
                if lang in entry:
                    yield f"exporters/{name}:{path}.{lang}", lang, str(entry[lang])


def test_every_label_keeps_the_placeholders_of_bokmal() -> None:
    """A translation uses the same {names} as bokmål (a missing one would drop a figure; an extra one fail)."""
    problems = []
    for exporter in LABEL_FILES:
        table = definition(f"{exporter}/labels.yaml")
        for key, value in table["nb"].items():
            want = {n for form in (value.values() if isinstance(value, Mapping) else [value]) for n, _ in _fields(str(form))}
            for lang in LANGUAGES[1:]:
                other = (table.get(lang) or {}).get(key)
                if other is None:
                    continue
                got = {n for form in (other.values() if isinstance(other, Mapping) else [other]) for n, _ in _fields(str(form))}
                if (got ^ want) - PRONOUN_FIELDS:  # each language puts the pronoun where its grammar needs it
                    problems.append(f"exporters/{exporter}/labels.yaml: '{key}' in '{lang}' uses {sorted(got)}, 'nb' uses {sorted(want)}")
    assert problems == []


def _values(template: str, n: int) -> dict[str, Any]:
    return {name.split(".")[0].split("[")[0]: (n if "|" in spec or name in _NUMERIC else f"<{name}>")
            for name, spec in _fields(template)}


_NUMERIC = {"n", "steps", "lanes", "handoffs", "flows", "carried", "phases", "findings", "agencies", "owns", "asks",
            "resolved", "new_flows", "count", "cut", "limit", "rows", "senders", "receivers", "part", "parts", "total"}


@pytest.mark.parametrize("n", COUNTS)
def test_every_label_formats_with_every_count(n: int) -> None:
    """Every label in every language formats with 0, 1 and 2 for its counts: no broken plural spec, no stray brace."""
    problems = []
    for where, lang, template in _texts():
        try:
            text = phrase(template, lang, **_values(template, n))
        except (KeyError, ValueError, IndexError) as e:
            problems.append(f"{where}: {e!r}")
            continue
        if re.search(r"[{}]", text):
            problems.append(f"{where}: a brace is left in {text!r}")
    assert problems == []


# --- number agreement: what a reader sees ----------------------------------------------------------

AGREEMENT = [
    # (exporter, key, values, language, expected for 0, 1, 2) — n is the count
    ("mermaid", "flowchart_description", "steps", "en", ("0 steps,", "1 step,", "2 steps,")),
    ("mermaid", "part_description", "steps", "en", ("0 steps.", "1 step.", "2 steps.")),
    ("swimlane", "description", "flows", "nb", ("0 dataflyter", "1 dataflyt,", "2 dataflyter")),
    ("swimlane", "description", "flows", "nn", ("0 dataflytar", "1 dataflyt,", "2 dataflytar")),
    ("swimlane", "description", "lanes", "en", ("0 actors", "1 actor ", "2 actors")),
    ("swimlane", "description", "lanes", "nb", ("0 aktører", "1 aktør ", "2 aktører")),
    ("swimlane", "description", "lanes", "nn", ("0 aktørar", "1 aktør ", "2 aktørar")),
    ("swimlane", "description", "flows", "en", ("0 data flows", "1 data flow,", "2 data flows")),
    ("report", "summary", "agency_transitions", "nb", ("0 andre overganger", "1 annen overgang", "2 andre overganger")),
    ("report", "summary", "agency_transitions", "nn", ("0 andre overgangar", "1 anna overgang", "2 andre overgangar")),
    ("report", "summary", "reuse_opportunities", "en", ("0 reuse opportunities", "1 reuse opportunity", "2 reuse opportunities")),
    ("report", "summary", "back_office_transfers", "nb", ("0 overføringer", "1 overføring ", "2 overføringer")),
    ("report", "summary", "back_office_transfers", "nn", ("0 overføringar", "1 overføring ", "2 overføringar")),
    ("report", "summary", "steps", "en", ("0 steps", "1 step ", "2 steps")),
    ("report", "total", "journeys", "nn", ("0 reiser", "1 reise ", "2 reiser")),
    ("deck", "box_pains", "n", "nb", ("0 smertepunkter", "1 smertepunkt", "2 smertepunkter")),
    ("deck", "box_pains", "n", "nn", ("0 smertepunkt", "1 smertepunkt", "2 smertepunkt")),
    ("deck", "box_pains", "n", "en", ("0 pain points", "1 pain point", "2 pain points")),
    ("deck", "box_flows", "n", "nn", ("0 dataflytar", "1 dataflyt", "2 dataflytar")),
    ("deck", "alt_transfers", "n", "nb", ("0 overføringer", "1 overføring ", "2 overføringer")),
    ("deck", "alt_appendix", "n", "nb", ("alle 0 stegene", "det ene steget", "alle 2 stegene")),
    ("deck", "alt_appendix", "n", "nn", ("alle 0 stega", "det eine steget", "alle 2 stega")),
    ("deck", "alt_appendix", "n", "en", ("all 0 steps", "the one step", "all 2 steps")),
    ("deck", "alt_transfers", "n", "nb", ("hvordan de skjer", "hvordan den skjer", "hvordan de skjer")),
    ("deck", "change_resolved", "n", "nn", ("0 brot løyste", "1 brot løyst", "2 brot løyste")),
    ("deck", "change_resolved", "n", "en", ("0 findings", "1 finding ", "2 findings")),
    ("deck", "table_rows_left_out", "n", "nb", ("0 rader til", "1 rad til", "2 rader til")),
    ("deck", "table_rows_left_out", "n", "en", ("0 more rows are", "1 more row is", "2 more rows are")),
    ("deck", "glance_more_phases", "n", "nn", ("0 fasar til", "1 fase til", "2 fasar til")),
    ("comparison", "portfolio_summary", "pairs", "nb", ("0 ønskede reiser", "1 ønsket reise", "2 ønskede reiser")),
    ("comparison", "portfolio_summary", "resolved", "en", ("0 findings", "1 finding ", "2 findings")),
]


@pytest.mark.parametrize(("exporter", "key", "count", "lang", "expected"), AGREEMENT,
                         ids=[f"{e}.{k}.{c}.{lang}" for e, k, c, lang, _ in AGREEMENT])
def test_a_count_agrees_with_its_noun(exporter: str, key: str, count: str, lang: str, expected: tuple[str, ...]) -> None:
    lab = labels(exporter, lang)
    for n, want in zip(COUNTS, expected, strict=True):
        values = _values(lab[key], 7)
        values[count] = n
        assert want in lab.text(key, **values), (n, lab.text(key, **values))


@pytest.mark.parametrize("n", COUNTS)
def test_every_count_and_noun_phrase_agrees(n: int) -> None:
    """Every {count:one|other} in every label of every language, with the count 0, 1 and 2: the reader sees the
    number and the form for it (the other counts in the label held at 7)."""
    problems = []
    for where, lang, template in _texts():
        for name, spec in _fields(template):
            if "|" not in spec:
                continue
            values = _values(template, 7)
            values[name] = n
            forms = spec.lstrip("~").split("|")
            form = forms[0] if n == 1 else forms[1]
            want = form if spec.startswith("~") else form.replace("#", str(n)) if "#" in form else f"{n} {form}"
            if want not in phrase(template, lang, **values):
                problems.append(f"{where}: {name}={n} does not give {want!r}")
    assert problems == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", ["glance_steps", "glance_agencies", "glance_handoffs", "glance_flows", "glance_pains"])
def test_a_caption_under_a_figure_agrees_with_it(lang: str, key: str) -> None:
    lab = labels("deck", lang)
    one, two = lab.count(key, 1), lab.count(key, 2)
    assert lab.count(key, 0) == two
    if key == "glance_agencies":
        assert one != two
    expected = {("nb", "glance_flows"): ("dataflyt", "dataflyter"),
                ("nn", "glance_flows"): ("dataflyt", "dataflytar"),
                ("en", "glance_flows"): ("data flow", "data flows")}.get((lang, key))
    if expected:
        assert (one, two) == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_site_totals_agree_with_their_figure(lang: str) -> None:
    lab = labels("site", lang)
    for key in ("totals_journeys", "totals_transitions", "totals_agencies", "totals_actors"):
        assert lab.count(key, 1) != lab.count(key, 2), key
        assert lab.count(key, 0) == lab.count(key, 2) == lab[key], key


def test_plural_forms() -> None:
    assert [phrase("{n:gang|ganger}", "nb", n=n) for n in COUNTS] == ["0 ganger", "1 gang", "2 ganger"]
    assert phrase("{n:# manuell overføring|# manuelle overføringer}", "nb", n=1) == "1 manuell overføring"
    assert phrase("{n:~den|de}", "nb", n=1) == "den"
    assert phrase("{n:~den|de}", "nb", n=3) == "de"
    assert plural(1, ("one", "other")) == "one"
    assert plural(1.5, ("one", "other")) == "other"


# --- pronouns: how the notes speak of the persona ------------------------------------------------

PRONOUN_FORMS = {
    # language: pronoun -> (they, them)
    "nb": {"hen": ("hen", "hen"), "hun": ("hun", "henne"), "han": ("han", "ham"), "de": ("de", "dem")},
    "nn": {"hen": ("hen", "hen"), "hun": ("ho", "henne"), "han": ("han", "han"), "de": ("dei", "dei")},
    "en": {"hen": ("they", "them"), "hun": ("she", "her"), "han": ("he", "him"), "de": ("they", "them")},
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("pronoun", PRONOUNS)
def test_each_pronoun_in_each_language(lang: str, pronoun: str) -> None:
    lab = labels("deck", lang)
    assert (lab[f"they_{pronoun}"], lab[f"them_{pronoun}"]) == PRONOUN_FORMS[lang][pronoun]
    outline = {s["kind"]: s for s in definition("deck/outline.yaml")["slides"]}
    forms = {form: lab[f"{form}_{pronoun}"] for form in ("they", "them", "do", "are")}
    overview = phrase(pick(outline["overview"]["notes"], lang), lang, person="Maria (44)", **forms, **dict.fromkeys(
        ("journey", "life_event", "steps", "agencies", "handoffs", "flows", "findings", "pain_points", "phases"), 1))
    passed_on = {"nb": f"hvor ofte sendes {forms['they']} videre", "nn": f"kor ofte sender vi {forms['them']} vidare",
                 "en": f"how often {forms['are']} {forms['they']} passed on".replace("  ", " ")}[lang]
    assert passed_on in overview.replace("\n", " ")


def test_the_persona_pronoun_defaults() -> None:
    """A persona's own pronoun wins; several people named together are «de»; one name without a pronoun «hen»."""
    from brukerreise.export.deck.facts import SEVERAL
    assert SEVERAL.search("Sara (31) og Jonas (33)")
    assert not SEVERAL.search("Maria (44), ildsjel")


def test_shipped_personas_of_one_woman_say_hun() -> None:
    """A persona written as one woman is «hun» (the journeys say so with `pronoun: hun`)."""
    journeys = Path(__file__).parents[1] / "journeys"
    for name in ("frivillig-organisasjon.yaml", "starte-bedrift.yaml"):
        text = (journeys / name).read_text(encoding="utf-8")
        assert re.search(r"^\s+pronoun: hun$", text, re.M), name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_genitive_after_a_persona_name(lang: str) -> None:
    """«Jonas (33)s ståsted» and «Maria (44), ildsjels ståsted» cannot be written: no label puts an «s» after a name."""
    for where, _, template in _texts():
        assert not re.search(r"\{(person|agency|actor|agency_name)\}s\b", template), where


# --- decimals, language tags and proposal titles -------------------------------------------------


def test_decimals_use_the_language_sign() -> None:
    assert number(-0.777, "nb") == "−0,78"
    assert number(-0.777, "nn") == "−0,78"
    assert number(-0.777, "en") == "−0.78"
    assert number(0.5, "nb", signed=True) == "+0,5"
    assert number(2, "nb") == "2"
    assert number(None, "nb") == "–"
    assert phrase("snitt {x}", "nn", x=-1.25) == "snitt −1,25"


def test_language_tags() -> None:
    assert [tag(lang) for lang in LANGUAGES] == ["nb-NO", "nn-NO", "en-GB"]


def test_a_proposal_title_inside_a_sentence() -> None:
    assert in_sentence("Forslag: Mor er død – og vi leverer dokumentene én gang") == "Mor er død – og vi leverer dokumentene én gang"
    assert in_sentence("Mor er død") == "Mor er død"
    assert in_sentence("Forslag:") == "Forslag:"
    lab = labels("comparison", "nb")
    assert "«Forslag:" not in lab.text("chart_desc", before="I dag", after=in_sentence("Forslag: Bedre"), figures="")
