"""The YAML traps a service designer falls into, each said at the place to look with the fix: a ': ' in a
text, a ' #' that cuts a text, a number in quotes, an empty reference, a key indented too little, a data
flow on one line without braces, a title where a step id belongs, Norwegian words for 'how', and an
automatic step that asks the person for something."""

from __future__ import annotations

import pytest
from support import JOURNEY_YAML, locate

LURER = "title: Jeg lurer på hva jeg har rett til"


def _validate(write, cli, text):
    write("j.yaml", text, dedent=False)
    return cli("validate", "j.yaml")


@pytest.mark.parametrize("old, new, colon, quoted", [
    (LURER, "title: Brreg: jeg lurer på hva jeg har rett til", "Brreg:", "Brreg: jeg lurer på hva jeg har rett til"),
    ("    emotion: -1\n", "    description: Kurset: handler om penger\n    emotion: -1\n", "Kurset:", "Kurset: handler om penger"),
    ("  - Slippe å lete", "  - Kurset: handler om hva vi har rett til", "Kurset:", "Kurset: handler om hva vi har rett til"),
    ("    emotion: 2\n", "    emotion: 2\n    pain_points:\n      - Skjema: for mange felt\n", "Skjema:", "Skjema: for mange felt"),
])
def test_a_colon_inside_a_text_is_pointed_at_with_the_quotes_fix(registries, write, cli, old, new, colon, quoted):
    text = JOURNEY_YAML.replace(old, new)
    result = _validate(write, cli, text)
    assert result.code == 1
    (error,) = result.errors
    line, col = locate(text, colon)
    assert (error.line, error.col) == (line, col + len(colon) - 1)  # at the ':'
    assert "put the whole text in quotes" in error.message
    assert f'"{quoted}"' in error.message
    assert "indented" not in error.message and "'{'" not in error.message


@pytest.mark.parametrize("title, kept", [
    ("Jeg er nr #1 i byen", "Jeg er nr"),
    ("Vi vil bli #1", "Vi vil bli"),
    ("Jeg leter etter en # informasjon", "Jeg leter etter en"),
])
def test_a_comment_that_cuts_a_text_is_warned_with_the_quoted_fix(registries, write, cli, title, kept):
    text = JOURNEY_YAML.replace(LURER, f"title: {title}")
    result = _validate(write, cli, text)
    (warning,) = result.warnings
    assert (warning.line, warning.col) == locate(text, title)
    assert f"reads '{kept}'" in warning.message and f'"{title}"' in warning.message


def test_a_comment_after_a_whole_text_or_an_id_is_no_warning(registries, write, cli):
    text = JOURNEY_YAML.replace(LURER, f"{LURER}   # the first step").replace("owner: nav", "owner: nav #TODO sjekk")
    assert _validate(write, cli, text).issues == []


def test_an_emotion_in_quotes_says_remove_the_quotes(registries, write, cli):
    text = JOURNEY_YAML.replace("emotion: -1", 'emotion: "-2"')
    (error,) = _validate(write, cli, text).errors
    assert "remove the quotes" in error.message and "-2 (very hard) to 2 (very good)" in error.message


def test_an_emotion_in_words_gives_the_range(registries, write, cli):
    text = JOURNEY_YAML.replace("emotion: -1", "emotion: veldig dårlig")
    (error,) = _validate(write, cli, text).errors
    assert error.message == "expected a whole number from -2 (very hard) to 2 (very good), found 'veldig dårlig'"


def test_an_empty_owner_asks_for_an_actor_id_and_lists_those_in_use(registries, write, cli):
    text = JOURNEY_YAML.replace("    owner: kommunen\n", "    owner:\n")
    (error,) = _validate(write, cli, text).errors
    assert error.message.startswith("an actor id is needed here")
    assert "'bruker'" in error.message and "'nav'" in error.message


@pytest.mark.parametrize("old, new, sibling", [
    ("    emotion: 2\n", "  emotion: 2\n", "with"),
    ("    channel: digital\n    emotion: -1\n", "    channel: digital\n  emotion: -1\n", "channel"),
])
def test_a_key_indented_too_little_in_a_step_is_told_to_indent_more(registries, write, cli, old, new, sibling):
    text = JOURNEY_YAML.replace(old, new)
    (error,) = _validate(write, cli, text).errors
    assert f"indent it by 4 spaces, like '{sibling}'" in error.message
    assert "indent it less" not in error.message


@pytest.mark.parametrize("written, fix", [
    ("- item: inntekt, from: skatteetaten, to: nav, how: automatic",
     "'- {item: inntekt, from: skatteetaten, to: nav, how: automatic}'"),
    ("- inntekt, from: skatteetaten, to: nav, how: automatic", "'inntekt' needs its key"),
])
def test_a_data_flow_on_one_line_without_braces_gets_the_braces_form(registries, write, cli, written, fix):
    text = JOURNEY_YAML.replace("- {item: inntekt, from: skatteetaten, to: nav, how: automatic}", written)
    (error,) = _validate(write, cli, text).errors
    assert "must be in braces" in error.message and fix in error.message
    assert (error.line, error.col) == locate(text, written[2:])


def test_a_title_in_after_suggests_the_step_with_that_title(registries, write, cli):
    text = JOURNEY_YAML.replace("    emotion: 2\n", "    emotion: 2\n    after: [Jeg vil ha penger mens jeg er hjemme]\n")
    (error,) = _validate(write, cli, text).errors
    assert "did you mean 'penger', the step with that title?" in error.message


@pytest.mark.parametrize("word, english", [("automatisk", "automatic"), ("manuell", "manual"), ("bruker", "user"),
                                           ("automatic", "automatic"), ("user", "user")])
def test_norwegian_and_english_words_for_how_are_both_read(registries, write, cli, word, english):
    from brukerreise.api import check

    _validate(write, cli, JOURNEY_YAML.replace("how: automatic", f"how: {word}"))
    (journey,) = check(["j.yaml"]).workspace.journeys
    assert journey.journey.steps[1].data[0].how.value == english


def test_the_schema_offers_both_words_for_how():
    from brukerreise.reading.schema import schema

    how = schema()["definitions"]["DataFlow"]["properties"]["how"]["enum"]
    assert {"automatic", "manual", "user", "automatisk", "manuell", "bruker"} <= set(how)


def test_an_automatic_step_that_asks_the_person_is_warned(registries, write, cli):
    text = JOURNEY_YAML.replace("    channel: digital\n    asks_user", "    channel: automatisk\n    asks_user")
    (warning,) = _validate(write, cli, text).warnings
    assert "asks the person for 'inntekt'" in warning.message
    assert (warning.line, warning.col) == locate(text, "automatisk")


def test_a_text_with_two_colons_in_a_list_is_not_taken_for_a_data_flow(registries, write, cli):
    text = JOURNEY_YAML.replace("  - Slippe å lete", "  - Skjema: for mange felt, Frister: for korte")
    (error,) = _validate(write, cli, text).errors
    assert "braces" not in error.message and "quotes" in error.message


def test_a_comment_inside_brackets_is_said_to_cut_off_the_bracket(registries, write, cli):
    text = JOURNEY_YAML.replace("    emotion: 2\n", "    emotion: 2\n    pain_points: [Vi er nr #1, Noe annet]\n")
    (error,) = _validate(write, cli, text).errors
    assert (error.line, error.col) == locate(text, "#1")
    assert "' #' starts a comment, which cuts off the rest of the line and its ']'" in error.message


def test_a_colon_in_a_text_in_brackets_quotes_only_that_item(registries, write, cli):
    text = JOURNEY_YAML.replace("    emotion: 2\n", "    emotion: 2\n    pain_points: [Kurset: handler om penger, Noe annet]\n")
    (error,) = _validate(write, cli, text).errors
    assert error.message.endswith("""'"Kurset: handler om penger"'""")


def test_an_empty_phase_or_after_item_names_the_ids_and_nothing_else(registries, write, cli):
    text = JOURNEY_YAML.replace("    phase: etter\n", "    phase:\n")
    (error,) = _validate(write, cli, text).issues
    assert error.message == "a phase id is needed here, and the value is empty: write one — e.g. 'vente', 'etter'"
    text = JOURNEY_YAML.replace("    emotion: 2\n", "    emotion: 2\n    after:\n      -\n")
    (error,) = _validate(write, cli, text).issues
    assert error.message.startswith("a step id is needed here") and "'penger'" in error.message
