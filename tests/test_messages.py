"""Messages that say what happened: one line each whatever the user text holds, numbers of any length,
what the person gave counted in the summary, and what the parser saw when a list's key is gone."""

from __future__ import annotations

import re

import pytest
from support import JOURNEY_YAML, locate

from brukerreise.reading.quoting import escaped, number, quote

SHAPE = re.compile(r"^[^\n]+:\d+:\d+: (error|warning): [^\n]+$")

# User text as YAML writes it in double quotes, and what a message must show of it.
HOSTILE = {
    "a line break": ("nav\\nfoo.yaml:1:1: error: fake", "nav\\nfoo.yaml"),
    "a carriage return": ("nav\\rx", "nav\\rx"),
    "a NUL": ("nav\\0x", "nav\\x00x"),
    "an escape sequence": ("nav\\e[31mx", "nav\\x1b[31mx"),
    "a right-to-left override": ("nav\\u202ex", "nav\\u202ex"),
    "a line separator": ("nav\\u2028x", "nav\\u2028x"),
    "a zero-width space": ("na\\u200bv", "na\\u200bv"),
    "a non-breaking space": ("nav\\u00a0", "nav\\xa0"),
}


def assert_one_line_each(err: str) -> None:
    lines = err.splitlines()
    assert lines, err
    for line in lines[:-1]:
        assert SHAPE.match(line), line
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069\u2028\u2029]", err), err


@pytest.mark.parametrize("name", list(HOSTILE))
def test_an_unknown_id_is_quoted_on_one_line(registries, write, cli, name):
    written, shown = HOSTILE[name]
    text = JOURNEY_YAML.replace("owner: nav", f'owner: "{written}"')
    write("j.yaml", text, dedent=False)
    result = cli("validate", "j.yaml")
    assert result.code == 1
    assert_one_line_each(result.err)
    (error,) = [e for e in result.errors if "unknown actor" in e.message]
    assert (error.line, error.col) == locate(text, f'"{written}"')
    assert error.message.startswith(f"unknown actor '{shown}")


@pytest.mark.parametrize("where", [
    ('  - id: lurer\n', '  - id: lurer\n    "ow\\nner": x\n'),  # an unknown key (structure)
    ("life_event: Få barn", 'life_event: "Få\\u202ebarn"'),  # an unknown life event (structure)
    ("journey: reise", 'journey: "rei\\nse"'),  # a malformed id (validation)
    ("  - id: lurer\n", '  - id: lurer\n    "a\\nb": 1\n    "a\\nb": 2\n'),  # a duplicate key (yamlsource)
])
def test_every_part_of_reading_quotes_on_one_line(registries, write, cli, where):
    write("j.yaml", JOURNEY_YAML.replace(*where), dedent=False)
    result = cli("validate", "j.yaml")
    assert result.code == 1
    assert_one_line_each(result.err)


def test_a_duplicate_registry_id_is_quoted(write, cli):
    write("actors.yaml", 'actors:\n  - {id: "a\\nb", name: A, short: A, kind: person}\n  - {id: "a\\nb", name: B, short: B, kind: person}\n')
    result = cli("validate", "actors.yaml")
    assert_one_line_each(result.err)
    assert any("duplicate actor id 'a\\nb'" in e.message for e in result.errors)


def test_the_command_line_quotes_what_it_is_given(workdir, cli):
    result = cli("new", "ny\nreise", "--life-event", "Få barn")
    assert result.code == 2
    assert result.err == "brukerreise: error: 'ny\\nreise' is not a journey id: use lowercase letters, digits, '-' or '_', e.g. 'fa-barn'\n"
    result = cli("new", "reise", "--life-event", "Få\u202ebarn")
    assert result.err.count("\n") == 1 and "\u202e" not in result.err
    result = cli("validate", "finnes\nikke.yaml")
    assert result.code == 2
    assert result.err == "brukerreise: error: finnes\\nikke.yaml: no such file or folder\n"


def test_a_file_name_with_a_line_break_is_shown_escaped(workdir, write, cli):
    write("a\nb.yaml", "journey: [\n")
    result = cli("validate", ".")
    assert_one_line_each(result.err)
    assert result.errors[0].file == "a\\nb.yaml"


def test_a_very_long_text_is_cut_short():
    assert quote("x" * 500) == "'" + "x" * 120 + "… (500 characters)'"
    assert escaped("a\tb\u202ec") == "a\\tb\\u202ec"


# --- numbers of any length ----------------------------------------------------------------------


@pytest.mark.parametrize(("written", "shown"), [
    ("1" * 5000, "111111…111 (5,000 digits)"),
    ("-" + "9" * 20_000, "-999999…999 (20,000 digits)"),
    ("7" * 400, "777777…777 (400 digits)"),
])
def test_a_number_with_thousands_of_digits_is_reported_cleanly(registries, write, cli_subprocess, workdir, written, shown):
    text = JOURNEY_YAML.replace("emotion: 2", f"emotion: {written}").replace("title: Vi skal få barn", f"title: {written}")
    write("j.yaml", text, dedent=False)
    result = cli_subprocess("validate", "j.yaml", cwd=workdir)
    assert result.code == 1
    assert "Traceback" not in result.err
    assert_one_line_each(result.err)
    messages = {(e.line, e.col): e.message for e in result.errors}
    assert messages[locate(text, written, 1)] == (
        f"emotion {shown} is out of range: use a whole number from -2 (very hard) to 2 (very good)"
    )
    assert messages[locate(text, written, 0)] == f"expected text, found the number {shown} — put it in quotes"


def test_number_shows_short_numbers_as_they_are():
    assert number(5) == "5"
    assert number(-2) == "-2"
    assert number(2.5) == "2.5"
    assert number(10**40) == "100000…000 (41 digits)"


# --- the summary counts what was given ----------------------------------------------------------


def test_a_file_that_cannot_be_read_is_counted_as_given(registries, write, cli):
    write("j.yaml", 'journey: reise\ntitle: "Vi skal\n')
    result = cli("validate", "j.yaml")
    assert result.code == 1
    assert result.err.splitlines()[-1] == (
        "1 file (and the 2 registries beside it), 0 journeys: 1 error, 0 warnings — j.yaml could not be read"
    )


def test_a_folder_counts_its_files_and_names_the_unreadable(write, cli):
    write("r/a.yaml", "journey: [\n")
    write("r/b.yaml", "journey: {\n")
    write("r/c.yaml", "\0")
    write("r/d.yaml", "title: 'x\n")
    result = cli("validate", "r")
    assert result.err.splitlines()[-1] == (
        "4 files, 0 journeys: 4 errors, 0 warnings — r/a.yaml, r/b.yaml, r/c.yaml and 1 more (4 files) could not be read"
    )


def test_one_file_without_registries(write, cli):
    write("j.yaml", "journey: [\n")
    assert cli("validate", "j.yaml").err.splitlines()[-1] == "1 file, 0 journeys: 1 error, 0 warnings — j.yaml could not be read"


# --- entries that ran into the list above -------------------------------------------------------


def test_phases_deleted_its_entries_are_said_to_belong_to_goals(registries, write, cli):
    text = JOURNEY_YAML.replace("phases:\n", "")
    write("j.yaml", text, dedent=False)
    result = cli("validate", "j.yaml")
    assert result.code == 1
    first = locate(text, "{id: vente")
    expected = (
        "this entry looks like one of 'phases' ('id', 'title'), but with no 'phases:' line above it, it is read "
        f"as one more item of 'goals:' (line {locate(text, 'goals:')[0]}): add the line 'phases:' above line {first[0]}"
    )
    misplaced = [e for e in result.errors if e.message.startswith("this entry")]
    assert [(e.line, e.col) for e in misplaced] == [first, locate(text, "{id: etter")]
    assert all(e.message == expected for e in misplaced)
    assert not [e for e in result.errors if "expected text" in e.message or "unknown phase" in e.message]


def test_steps_deleted_its_entries_are_said_to_belong_to_phases(registries, write, cli):
    text = JOURNEY_YAML.replace("steps:\n", "")
    write("j.yaml", text, dedent=False)
    result = cli("validate", "j.yaml")
    misplaced = [e for e in result.errors if e.message.startswith("this entry looks like one of 'steps'")]
    assert [(e.line, e.col) for e in misplaced] == [locate(text, "id: lurer"), locate(text, "id: penger"), locate(text, "id: hjemme")]
    assert not [e for e in result.errors if e.message.startswith("unknown key")]
    assert not result.warnings  # the phases are not "without steps": the steps are the entries above


def test_actors_part_of_each_other_in_a_circle(write, cli):
    text = (
        "actors:\n"
        "  - {id: a, name: A, short: A, kind: stat, ministry: X, part_of: b}\n"
        "  - {id: b, name: B, short: B, kind: stat, ministry: X, part_of: c}\n"
        "  - {id: c, name: C, short: C, kind: stat, ministry: X, part_of: a}\n"
        "  - {id: d, name: D, short: D, kind: stat, ministry: X, part_of: a}\n"
    )
    write("actors.yaml", text)
    result = cli("validate", "actors.yaml")
    assert result.code == 1
    (error,) = result.errors
    assert (error.line, error.col) == locate(text, "b}")
    assert error.message == "the actors are part of each other in a circle ('a' → 'b' → 'c' → 'a'): remove one of these 'part_of'"


def test_a_broken_persona_or_goals_is_not_also_said_to_be_missing(registries, write, cli):
    text = JOURNEY_YAML.replace("goals:\n  - Slippe å lete\n", "goals:\n  • Slippe å lete\n").replace(
        "persona:\n  name: Sara (31)\n  situation: Venter sitt første barn\n", "persona: Sara (31)\n")
    write("j.yaml", text, dedent=False)
    result = cli("validate", "j.yaml")
    assert [e.message for e in result.errors] == [
        "expected 'key: value' lines, found 'Sara (31)'",
        "expected a list, found '• Slippe å lete' — start each item on a line of its own with '- '",
    ]
    assert result.warnings == []


def test_plain_ascii_is_escaped_as_the_pattern_escapes_it():
    # escaped() passes printable ASCII by without its pattern: the same answer for every ASCII character.
    import re

    from brukerreise.reading.quoting import _HIDDEN, _escape

    for code in range(0x80):
        text = f"a{chr(code)}b"
        assert escaped(text) == re.sub(_HIDDEN, _escape, text), code
