"""The columns of a sheet of steps and how values are written in their cells: the same for the
spreadsheet export, the CSV, the template and the import. Headers come from
exporters/spreadsheet/labels.yaml (`col_<key>`), in bokmål and English."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from ..model import ALIASES, Transfer
from .labels import LANGUAGES, labels
from .resources import definition

# Every field of a step, in the order of the sheet.
STEP_COLUMNS = (
    "id", "phase", "title", "owner", "with", "channel", "emotion", "description", "services",
    "data", "asks", "pain_points", "opportunities", "after", "referred_by", "replaces", "phase_id",
)
DATA_COLUMNS = ("data_item", "data_from", "data_to", "data_how")  # data in four columns instead of one
EXPORT_ONLY = ("time",)  # written for analysts, passed over when imported
REQUIRED = ("phase", "title", "owner")
ID_LISTS = ("with", "asks", "after", "referred_by", "replaces")  # cells of ids or names: one per line, or separated by ',' or ';'
TEXT_LISTS = ("services", "pain_points", "opportunities")  # cells of texts: one per line
LANGS = LANGUAGES
# The journey as a whole, as field/value rows on the sheet "Om reisen" (label keys).
ABOUT_FIELDS = ("journey", "life_event", "title", "state", "improves", "persona", "situation", "goals", "lanes", "own_organisations")
# The actors and data items a journey defines itself, one sheet each: (field, label key) in column order.
OWN_ACTOR_COLUMNS = (("id", "actor"), ("name", "actor_name"), ("short", "actor_short"), ("kind", "actor_kind"),
                     ("ministry", "ministry"), ("part_of", "part_of"), ("description", "col_description"))
OWN_ITEM_COLUMNS = (("id", "item"), ("name", "item_name"), ("source", "held_by"), ("sensitive", "sensitive"),
                    ("description", "col_description"))
# The figures for gains, one row per figure on the sheet "Tall for gevinster" (people a year, and for a
# step: the share or people reaching it, the person's minutes, waiting days, an actor's minutes), and the
# to-be journey's prerequisites, one row each on the sheet "Forutsetninger": (field, label key) in column order.
# A figure is three numbers (likely, low, high) and its source.
FIGURE_COLUMNS = (("step", "fig_step"), ("step_title", "fig_step_title"), ("figure", "fig_figure"), ("actor", "fig_actor"),
                  ("likely", "fig_likely"), ("low", "fig_low"), ("high", "fig_high"), ("source", "fig_source"))
FIGURE_KINDS = ("people_per_year", "share", "people", "person_minutes", "waiting_days", "agency_minutes")
ESTIMATE_PARTS = ("likely", "low", "high", "source")
PREREQUISITE_COLUMNS = (
    ("title", "need_title"), ("built_by", "need_built_by"), ("run_by", "need_run_by"), ("flows", "need_flows"),
    ("rule_change", "need_rule_change"),
    *((f"{cost}_{part}", f"need_{cost}_{part}") for cost in ("one_time", "yearly") for part in ESTIMATE_PARTS),
)

ARROWS = ("→", "->", "=>")
_FLOW = re.compile(r"\s*(?P<item>[^:]+?)\s*:\s*(?P<rest>.+?)\s*", re.S)
_ID_SPLIT = re.compile(r"[\n,;]+")


def label(key: str, lang: str) -> str:
    return labels("spreadsheet", lang)[key]


def header(key: str, lang: str) -> str:
    """The header of a step column, e.g. header('owner', 'nb') == 'Eier'."""
    return label(f"col_{key}", lang)


def normalise(text: str) -> str:
    """A header as compared: without case, spaces or punctuation."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


@functools.cache
def known_headers() -> dict[str, str]:
    """Every header the import recognises (normalised) -> column key."""
    found: dict[str, str] = {}
    for key, names in definition("spreadsheet/labels.yaml").get("aliases", {}).items():
        for name in names:
            found.setdefault(normalise(str(name)), key)
    for lang in LANGS:  # the headers themselves win over aliases
        for key in (*STEP_COLUMNS, *DATA_COLUMNS, *EXPORT_ONLY):
            found[normalise(header(key, lang))] = key
    return found


def header_language(texts: Iterable[str]) -> str:
    """The language a sheet's headers are written in: the one whose headers they match most (bokmål on a tie)."""
    folded = {normalise(t) for t in texts}
    keys = (*STEP_COLUMNS, *DATA_COLUMNS, *EXPORT_ONLY)
    counts = [(sum(normalise(header(k, lang)) in folded for k in keys), -i, lang) for i, lang in enumerate(LANGS)]
    return max(counts)[2]


@functools.cache
def probable_headers() -> dict[str, str]:
    """Headers that probably mean a column without being read as it (normalised) -> column key."""
    return {normalise(str(name)): key for key, names in definition("spreadsheet/labels.yaml").get("probably", {}).items()
            for name in names}


def probably(text: str) -> str | None:
    """The column a header probably means ('Hvem gjør det?' -> 'owner'), or None: the longest such word
    the header is or begins with."""
    folded = normalise(text)
    found = [(len(word), key) for word, key in probable_headers().items() if word and folded.startswith(word)]
    return max(found)[1] if found else None


@functools.cache
def none_markers() -> frozenset[str]:
    """What an `after` cell holds when the step comes after no other: '(ingen)' or '(none)'."""
    return frozenset(label("none", lang).casefold() for lang in LANGS)


@functools.cache
def transfer_words() -> dict[str, Transfer]:
    """Words for how data travels, in either language -> Transfer."""
    words: dict[str, Transfer] = {t.value: t for t in Transfer}
    words.update(ALIASES[Transfer])  # type: ignore[arg-type]  # ALIASES is keyed by enum class, typed as a plain mapping
    for lang in LANGS:
        for t in Transfer:
            words[label(f"how_{t.value}", lang).casefold()] = t
    words.update({"manuelt": Transfer.MANUAL, "brukeren": Transfer.USER, "brukeren bærer": Transfer.USER,
                  "automatisk": Transfer.AUTOMATIC})
    return words


def transfer_word(how: Transfer, lang: str) -> str:
    return label(f"how_{how.value}", lang)


def join_lines(values: Iterable[str]) -> str:
    return "\n".join(values)


def split_ids(text: str) -> list[str]:
    return [part.strip() for part in _ID_SPLIT.split(text) if part.strip()]


def split_lines(text: str) -> list[str]:
    return [part.strip() for part in text.splitlines() if part.strip()]


def format_flow(item: str, from_: str, to: str, how: Transfer, lang: str) -> str:
    return f"{item}: {from_} → {to} ({transfer_word(how, lang)})"


def parse_flow(text: str) -> tuple[str, str, str, str | None] | None:
    """'item: from → to (how)' -> (item, from, to, how or None), or None when it is not of that form.
    `to` keeps a last '(…)' that is not a word for how data travels: it may be part of a name."""
    match = _FLOW.fullmatch(text)
    if match is None:
        return None
    rest = match["rest"]
    arrow = next((a for a in ARROWS if a in rest), None)
    if arrow is None:
        return None
    from_, _, to = (part.strip() for part in rest.partition(arrow))
    how = None
    if to.endswith(")") and "(" in to:
        opened = to.rindex("(")
        if to[opened + 1:-1].strip().casefold() in transfer_words():
            to, how = to[:opened].strip(), to[opened + 1:-1].strip()
    if not from_ or not to:
        return None
    return match["item"], from_, to, how
