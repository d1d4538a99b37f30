"""The YAML reader takes libyaml's frequent events straight into its builder (yamlsource.py): the data and
places are those ruamel's own event objects give, and any other code that parses YAML with ruamel.yaml's
C parser, in another thread at the same time or afterwards, still gets its event objects."""

from __future__ import annotations

import sys
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.cyaml import CParser
from ruamel.yaml.events import ScalarEvent
from support import ROOT

from brukerreise.reading.yamlsource import _build, _pure_events, parse_yaml

SOURCES = sorted((ROOT / "journeys").glob("*.yaml"))


def _where(places):
    """The places as (line, column) pairs, to compare the marks of two parsers."""
    if isinstance(places, dict):
        return {k: ((km.line, km.column), (vm.line, vm.column), _where(inner)) for k, (km, vm, inner) in places.items()}
    if isinstance(places, list):
        return [((m.line, m.column), _where(inner)) for m, inner in places]
    return places


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_the_c_parser_and_the_pure_one_give_the_same_data_and_places(path):
    text = path.read_text(encoding="utf-8")
    fast, pure = parse_yaml(path.read_bytes()), _build(text, _pure_events(text))
    assert fast.data == pure.data
    assert _where(fast.places) == _where(pure.places)


def test_other_code_parsing_at_the_same_time_gets_its_events():
    text = (ROOT / "journeys" / "dodsfall-og-arv.yaml").read_text(encoding="utf-8")
    expected = parse_yaml(text.encode()).data

    def events() -> list[tuple[str, object]]:  # ruamel's C parser, event objects and all
        return [(type(e).__name__, getattr(e, "value", None)) for e in YAML(typ="safe").parse(text)]

    their_expected = events()
    assert ("ScalarEvent", "journey") in their_expected
    results: list[bool] = []

    def theirs() -> None:
        for _ in range(30):
            results.append(events() == their_expected)

    other = threading.Thread(target=theirs)
    other.start()
    ours = [parse_yaml(text.encode()).data == expected for _ in range(30)]
    other.join()
    assert all(ours) and all(results) and len(results) == 30
    assert sys.modules[CParser.__module__].ScalarEvent is ScalarEvent  # the extension's names are its own again


def test_the_installed_extension_hands_its_events_over():
    # Checked once per process against the event objects; were it not so, reading would still be right, only slower.
    from brukerreise.reading.yamlsource import _hand_over_works

    assert _hand_over_works(CParser)


@settings(max_examples=2000, deadline=None)
@given(st.text("0123456789+-.eExob_١²", min_size=1, max_size=8))
def test_plain_whole_numbers_are_read_as_the_core_schema_reads_them(text):
    # _resolve_plain reads '12' or '-3' without its patterns; the answer is the patterns' own.
    import re

    from brukerreise.reading.yamlsource import _DIGITS_LIMIT, _FLOAT, _INT, _resolve_plain

    if re.fullmatch(_INT, text) and not text.startswith(("0o", "0x")) and len(text) <= _DIGITS_LIMIT:
        expected: object = int(text)
    elif re.fullmatch(_INT, text) or re.fullmatch(_FLOAT, text):
        return  # octal, hexadecimal, long and decimal numbers: read by the patterns themselves
    else:
        expected = text
    found = _resolve_plain(text)
    assert found == expected and type(found) is type(expected)
