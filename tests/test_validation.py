"""Validation: every problem a designer can write, each reported at its exact line and column."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import ACTORS_YAML, JOURNEY_YAML, locate

from brukerreise.api import check
from brukerreise.reading.issues import Issue, Severity


def variant(*replacements: tuple[str, str], base: str = JOURNEY_YAML) -> str:
    """The base journey with each (old, new) replaced once; fails loudly if `old` is not there."""
    text = base
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} must occur exactly once"
        text = text.replace(old, new)
    return text


def issues(*paths: str | Path) -> list[Issue]:
    return list(check(list(paths)).issues)


def errors(*paths: str | Path) -> list[Issue]:
    return [i for i in issues(*paths) if i.is_error]


def warnings(*paths: str | Path) -> list[Issue]:
    return [i for i in issues(*paths) if not i.is_error]


def only(found: list[Issue]) -> Issue:
    assert len(found) == 1, "\n".join(map(str, found)) or "nothing found"
    return found[0]


def at(text: str, needle: str, nth: int = 0, shift: int = 0) -> tuple[int, int]:
    line, col = locate(text, needle, nth)
    return line, col + shift


def pos(issue: Issue) -> tuple[int, int]:
    return issue.line, issue.col


@pytest.fixture
def journey(registries: Path, write):  # type: ignore[no-untyped-def]
    """journey(text) -> the issues of j.yaml (with the registries beside it)."""

    def run(text: str, name: str = "j.yaml") -> list[Issue]:
        write(name, text, dedent=False)
        return issues(name)

    return run


# --- the valid baseline -------------------------------------------------------------------------


def test_the_baseline_journey_is_clean(journey):
    assert journey(JOURNEY_YAML) == []


def test_issue_prints_as_path_line_col_severity_message():
    issue = Issue("journeys/x.yaml", 3, 7, Severity.ERROR, "unknown actor 'nva'")
    assert str(issue) == "journeys/x.yaml:3:7: error: unknown actor 'nva'"


# --- unknown references, with did-you-mean ------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ("owner: nav", "owner: nva", "nva", "unknown actor 'nva' — did you mean 'nav'?"),
        ("with: [bruker]\n    channel: digital", "with: [bruke]\n    channel: digital", "bruke]",
         "unknown actor 'bruke' — did you mean 'bruker'?"),
        ("from: skatteetaten", "from: skateetaten", "skateetaten", "unknown actor 'skateetaten' — did you mean 'skatteetaten'?"),
        ("to: nav", "to: naav", "naav", "unknown actor 'naav' — did you mean 'nav'?"),
        ("item: inntekt", "item: inntek", "inntek,", "unknown data item 'inntek' — did you mean 'inntekt'?"),
        ("asks_user: [inntekt]", "asks_user: [intekt]", "intekt", "unknown data item 'intekt' — did you mean 'inntekt'?"),
        ("phase: etter", "phase: eter", "eter", "unknown phase 'eter' — did you mean 'etter'?"),
        ("    emotion: 2\n", "    emotion: 2\n    after: [peng]\n", "peng]", "unknown step 'peng' — did you mean 'penger'?"),
    ],
)
def test_unknown_reference_is_reported_at_its_value(journey, old, new, needle, message):
    text = variant((old, new))
    found = only([i for i in journey(text) if i.is_error])
    assert found.message == message
    assert pos(found) == at(text, needle)
    assert found.file == "j.yaml"


def test_unknown_reference_without_a_close_match_has_no_guess(journey):
    text = variant(("owner: nav", "owner: zzzzzz"))
    found = only(journey(text))
    assert found.message == "unknown actor 'zzzzzz'"


def test_unknown_lane_is_reported(journey):
    text = variant(("goals:", "lanes: [nav, bruker, kommnen]\ngoals:"))
    found = only(journey(text))
    assert found.message == "unknown actor 'kommnen' — did you mean 'kommunen'?"
    assert pos(found) == at(text, "kommnen")


def test_unknown_data_item_source_in_registry(registries, write):
    text = "data_items:\n  - {id: x, name: X, source: skateetaten}\n"
    write("more-items.yaml", text, dedent=False)
    write("j.yaml", JOURNEY_YAML, dedent=False)
    found = only(errors("."))
    assert found.file == "more-items.yaml"
    assert found.message == "unknown actor 'skateetaten' — did you mean 'skatteetaten'?"
    assert pos(found) == at(text, "skateetaten")


def test_inline_actors_and_items_can_be_referred_to(write):
    text = variant(
        ("goals:", "actors:\n  - {id: egen, name: Egen, short: Egen, kind: privat}\n"
                   "data_items:\n  - {id: egen-data, name: Egne data, source: egen}\ngoals:"),
        ("owner: kommunen", "owner: egen"),
        ("asks_user: [inntekt]", "asks_user: [egen-data]"),
        base=JOURNEY_YAML.replace("    data:\n      - {item: inntekt, from: skatteetaten, to: nav, how: automatic}\n", ""),
    )
    write("actors.yaml", ACTORS_YAML)
    write("j.yaml", text, dedent=False)
    assert errors("j.yaml") == []


# --- unknown keys -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "needle", "start"),
    [
        ("    title: Vi er hjemme med barnet", "    title: Vi er hjemme med barnet\n    titel: x", "titel", "unknown key 'titel' — did you mean 'title'?"),
        ("goals:", "goal: [x]\ngoals:", "goal:", "unknown key 'goal' — did you mean 'goals'?"),
        ("  name: Sara (31)", "  nme: Sara (31)\n  name: Sara (31)", "nme", "unknown key 'nme' — did you mean 'name'?"),
        ("  name: Sara (31)", "  navn: Sara (31)\n  name: Sara (31)", "navn", "unknown key 'navn' (allowed here: 'name', 'situation', 'pronoun')"),
        ("how: automatic}", "how: automatic, hvordan: x}", "hvordan", "unknown key 'hvordan'"),
        ("  - {id: etter, title: Etter fødselen}", "  - {id: etter, title: Etter fødselen, tittel: x}", "tittel", "unknown key 'tittel' — did you mean 'title'?"),
    ],
)
def test_unknown_key_is_reported_at_the_key(journey, old, new, needle, start):
    text = variant((old, new))
    found = [i for i in journey(text) if i.is_error]
    found_one = only(found)
    assert found_one.message.startswith(start)
    assert "allowed here:" in found_one.message
    assert pos(found_one) == at(text, needle)


def test_unknown_key_in_registry(write):
    text = "actors:\n  - {id: nav, name: Nav, short: Nav, kind: stat, ministry: AID, kort: x}\n"
    write("actors.yaml", text, dedent=False)
    found = only(errors("actors.yaml"))
    assert found.message.startswith("unknown key 'kort'")
    assert pos(found) == at(text, "kort")


def test_registry_file_with_an_extra_top_level_key(write):
    text = "actors:\n  - {id: nav, name: Nav, short: Nav, kind: stat, ministry: AID}\nextra: 1\n"
    write("actors.yaml", text, dedent=False)
    found = only(errors("actors.yaml"))
    assert "unknown key 'extra'" in found.message
    assert pos(found) == (3, 1)


def test_a_file_that_is_neither_journey_nor_registry(write):
    write("x.yaml", "title: hei\n", dedent=False)
    found = only(errors("x.yaml"))
    assert "neither a journey nor a registry" in found.message
    assert pos(found) == (1, 1)


# --- syntax and types ---------------------------------------------------------------------------


def test_syntax_error_has_its_position(journey):
    text = variant(("title: Vi skal få barn", "title: Vi skal: få barn"))
    found = only(journey(text))
    assert found.message.startswith("YAML syntax:")
    assert "':'" in found.message
    line, _ = at(text, "Vi skal:")
    assert found.line == line


def test_tab_indentation_is_explained(journey):
    text = variant(("  situation: Venter", "\tsituation: Venter"))
    found = only(journey(text))
    assert "tab" in found.message
    assert pos(found) == at(text, "\tsituation")


def test_unclosed_flow_list(journey):
    text = variant(("with: [bruker]\n    channel: digital", "with: [bruker\n    channel: digital"))
    found = only(journey(text))
    assert found.message.startswith("YAML syntax:")
    assert found.line >= at(text, "[bruker")[0]


@pytest.mark.parametrize(
    ("old", "new", "needle", "expected"),
    [
        ("emotion: -1", "emotion: high", "high", "expected a whole number from -2 (very hard) to 2 (very good), found 'high'"),
        ("emotion: -1", "emotion: 1.5", "1.5", "expected a whole number from -2 (very hard) to 2 (very good), found the number 1.5"),
        ("    title: Vi er hjemme med barnet", "    title: 12", "12", "expected text, found the number 12 — put it in quotes"),
        ("    title: Vi er hjemme med barnet", "    title: true", "true", "expected text, found 'true' (yes/no) — put it in quotes"),
        ("    title: Vi er hjemme med barnet", "    title: ~", "~", "expected text, found nothing"),
        ("with: [bruker]\n    channel: digital", "with: kommunen\n    channel: digital", "kommunen\n    channel: digital",
         "expected a list, found 'kommunen' — write it as [kommunen]"),
        ("channel: digital\n    emotion", "channel: digitalt\n    emotion", "digitalt",
         "unknown channel 'digitalt' — did you mean 'digital'?"),
        ("how: automatic", "how: automagisk", "automagisk}", "unknown 'how' 'automagisk' — did you mean 'automatisk'?"),
        ("  situation: Venter sitt første barn", "  situation: [a, b]", "[a, b]", "expected text, found a list"),
    ],
)
def test_type_errors_are_reported_at_the_value(journey, old, new, needle, expected):
    text = variant((old, new))
    found = only([i for i in journey(text) if i.is_error])
    assert found.message.startswith(expected)
    assert pos(found) == at(text, needle)


def test_registry_sensitive_must_be_a_boolean(write):
    text = "data_items:\n  - {id: x, name: X, source: nav, sensitive: kanskje}\n"
    write("actors.yaml", ACTORS_YAML)
    write("data-items.yaml", text, dedent=False)
    found = only(errors("data-items.yaml"))
    assert found.message == "expected true or false, found 'kanskje'"
    assert pos(found) == at(text, "kanskje")


def test_unknown_actor_kind(write):
    text = "actors:\n  - {id: x, name: X, short: X, kind: stats}\n"
    write("actors.yaml", text, dedent=False)
    found = only(errors("actors.yaml"))
    assert found.message.startswith("unknown actor kind 'stats' — did you mean 'stat'?")
    assert pos(found) == at(text, "stats")


def test_missing_required_key_is_reported_at_the_enclosing_mapping(journey):
    text = variant(("    title: Jeg lurer på hva jeg har rett til\n", ""))
    found = only(journey(text))
    assert found.message == "missing 'title': add 'title: ...' here"
    assert pos(found) == at(text, "id: lurer")


def test_empty_list_value_is_explained(journey):
    text = variant(("asks_user: [inntekt]", "asks_user:"))
    found = only(journey(text))
    assert found.message.startswith("this list is empty")
    assert pos(found) == at(text, "asks_user:")


# --- owners -------------------------------------------------------------------------------------


def test_step_without_owner(journey):
    text = variant(("    owner: kommunen\n", ""))
    found = only(journey(text))
    assert found.message == "a step has exactly one owner: add 'owner: <actor id>'"
    assert pos(found) == at(text, "id: hjemme")


@pytest.mark.parametrize("owners", ["[nav, bruker]", "[nav]", "\n      - nav\n      - bruker"])
def test_step_with_owner_as_a_list(journey, owners):
    text = variant(("owner: nav", f"owner: {owners}"))
    found = only(journey(text))
    assert found.message.startswith("a step has exactly one owner")
    assert "'with'" in found.message
    line, col = at(text, "owner:", 1)
    value_line, value_col = (line, col + len("owner: ")) if owners.startswith("[") else (line + 1, 7)
    assert pos(found) == (value_line, value_col)


# --- data flows, emotions, life events ----------------------------------------------------------


def test_data_flow_from_an_actor_to_itself(journey):
    text = variant(("from: skatteetaten, to: nav", "from: nav, to: nav"))
    found = only(journey(text))
    assert found.message == "data flows from 'nav' to itself: 'from' and 'to' must be different actors"
    assert pos(found) == at(text, "nav, how", shift=0)


@pytest.mark.parametrize("value", ["3", "-3", "100"])
def test_emotion_out_of_range(journey, value):
    text = variant(("emotion: 2", f"emotion: {value}"))
    found = only(journey(text))
    assert found.message.startswith(f"emotion {value} is out of range")
    assert pos(found) == at(text, f"emotion: {value}", shift=len("emotion: "))


@pytest.mark.parametrize("value", ["-2", "0", "2"])
def test_emotion_in_range(journey, value):
    assert journey(variant(("emotion: 2", f"emotion: {value}"))) == []


def test_life_event_not_one_of_the_seven(journey):
    text = variant(("life_event: Få barn", "life_event: Få barm"))
    found = only(journey(text))
    assert found.message.startswith("unknown life event 'Få barm' — did you mean 'Få barn'?")
    assert "'Starte og drive en bedrift'" in found.message
    assert pos(found) == at(text, "Få barm")


def test_bad_life_event_does_not_hide_other_problems(journey):
    text = variant(("life_event: Få barn", "life_event: Baby"), ("owner: nav", "owner: nva"))
    found = journey(text)
    assert [i.message.split(" (")[0] for i in found] == [
        "unknown life event 'Baby'",
        "unknown actor 'nva' — did you mean 'nav'?",
    ]


def test_missing_title_does_not_hide_other_problems(journey):
    text = variant(("title: Vi skal få barn\n", ""), ("owner: nav", "owner: nva"))
    assert [i.message for i in journey(text)] == [
        "missing 'title': add 'title: ...' here",
        "unknown actor 'nva' — did you mean 'nav'?",
    ]


def test_broken_journey_id_is_reported_once(journey):
    text = variant(("journey: reise", "journey: [reise]"))
    found = only(journey(text))
    assert found.message.startswith("expected text, found a list")


def test_steps_not_a_list_is_reported_once(journey):
    text = JOURNEY_YAML[: JOURNEY_YAML.index("steps:")] + "steps: 5\n"
    found = [i for i in journey(text) if i.is_error]
    assert [i.message for i in found] == ["expected a list, found the number 5 — write it as [5]"]


def test_bad_journey_id(journey):
    text = variant(("journey: reise", "journey: Min Reise"))
    found = only(journey(text))
    assert found.message == "journey id 'Min Reise' must be lowercase letters, digits, '-' or '_' (at most 64) — try 'min-reise'"
    assert pos(found) == at(text, "Min Reise")


def test_bad_step_id(journey):
    text = variant(("id: lurer", "id: Lurer På"))
    found = only(journey(text))
    assert found.message.startswith("step id 'Lurer På' must be lowercase")
    assert pos(found) == at(text, "Lurer På")


# --- duplicates ---------------------------------------------------------------------------------


def test_duplicate_step_ids(journey):
    text = variant(("id: hjemme", "id: lurer"))
    found = only(journey(text))
    assert found.message == "duplicate step id 'lurer' (first used on line 13): ids must be unique"
    assert pos(found) == at(text, "id: lurer", 1, shift=4)
    assert at(text, "id: lurer")[0] == 13


def test_duplicate_phase_ids(journey):
    text = variant(("{id: etter, title: Etter fødselen}", "{id: etter, title: Etter fødselen}\n  - {id: vente, title: Igjen}"))
    found = only(journey(text))
    assert found.message == f"duplicate phase id 'vente' (first used on line {at(text, 'id: vente')[0]}): ids must be unique"
    assert pos(found) == at(text, "vente, title: Igjen")


def test_duplicate_actor_across_registry_files(registries, write):
    text = "actors:\n  - {id: x, name: X, short: X, kind: privat}\n  - {id: nav, name: Nav, short: Nav, kind: stat, ministry: AID}\n"
    write("more-actors.yaml", text, dedent=False)
    found = only(errors("."))
    assert found.file == "more-actors.yaml"
    assert found.message == "duplicate actor id 'nav' (already defined in actors.yaml:3): ids must be unique"
    assert pos(found) == at(text, "nav, name")


def test_duplicate_actor_in_one_registry(write):
    text = "actors:\n  - {id: nav, name: Nav, short: Nav, kind: stat, ministry: AID}\n  - {id: nav, name: Nav, short: Nav, kind: stat, ministry: AID}\n"
    write("actors.yaml", text, dedent=False)
    found = only(errors("actors.yaml"))
    assert found.message.startswith("duplicate actor id 'nav' (already defined in actors.yaml:2)")
    assert pos(found) == (3, 10)


def test_inline_actor_clashing_with_registry(journey):
    text = variant(("goals:", "actors:\n  - {id: nav, name: Nav, short: Nav, kind: stat, ministry: AID}\ngoals:"))
    found = only(journey(text))
    assert found.message == "actor 'nav' is already defined in actors.yaml:3: use that one, or another id"
    assert pos(found) == at(text, "nav, name")


def test_duplicate_journey_ids_across_files(registries, write):
    write("a.yaml", JOURNEY_YAML, dedent=False)
    write("b.yaml", JOURNEY_YAML, dedent=False)
    found = only(errors("."))
    assert found.file == "b.yaml"
    assert found.message.startswith("journey id 'reise' is also used by a.yaml")
    assert pos(found) == (1, 10)


# --- order: cycles and phases -------------------------------------------------------------------


def test_explicit_cycle(journey):
    text = variant(
        ("    owner: nav\n", "    owner: nav\n    after: [hjemme]\n"),
        ("    owner: kommunen\n", "    owner: kommunen\n    after: [penger]\n"),
        ("{id: etter, title: Etter fødselen}", "{id: etter, title: Etter}"),
        ("phase: etter", "phase: vente"),
        ("  - {id: etter, title: Etter}\n", ""),
    )
    found = only(journey(text))
    assert found.message.startswith("the steps come after each other in a circle (")
    assert "'penger'" in found.message and "'hjemme'" in found.message
    assert pos(found) in {at(text, "[hjemme]"), at(text, "[penger]")}


def test_cycle_mixing_implicit_and_explicit_order(journey):
    # lurer -> penger -> hjemme by listing, and lurer after hjemme: a circle of three.
    text = variant(
        ("    owner: bruker\n", "    owner: bruker\n    after: [hjemme]\n"),
        ("phase: etter", "phase: vente"),
        ("  - {id: etter, title: Etter fødselen}\n", ""),
    )
    found = only(journey(text))
    cycle = re.fullmatch(
        r"the steps come after each other in a circle \((.*?)\): a step with no 'after' of its own comes after the "
        r"step listed before it, and so (.*): remove an 'after' link, or give one of these steps an 'after' of its own",
        found.message,
    )
    assert cycle, found.message
    assert sorted(cycle[2].split(" and ")) == ["'hjemme' after 'penger'", "'penger' after 'lurer'"]  # what the file does not say
    ids = [part.strip("'") for part in cycle[1].split(" → ")]
    assert ids[0] == ids[-1] and len(ids) == 4
    rotations = [["lurer", "penger", "hjemme"][i:] + ["lurer", "penger", "hjemme"][:i] for i in range(3)]
    assert ids[:-1] in rotations  # in time order: each comes after the one before it
    assert pos(found) == at(text, "[hjemme]")  # blamed on the only explicit 'after' in the circle


def test_step_after_itself(journey):
    text = variant(("    owner: kommunen\n", "    owner: kommunen\n    after: [hjemme]\n"))
    found = only(journey(text))
    assert found.message == "step 'hjemme' cannot come after itself"
    assert pos(found) == at(text, "hjemme]")


def test_explicit_after_a_step_of_a_later_phase(journey):
    text = variant(
        ("    owner: nav\n", "    owner: nav\n    after: [hjemme]\n"),
        ("    owner: kommunen\n", "    owner: kommunen\n    after: [lurer]\n"),
    )
    found = only(journey(text))
    assert found.message.startswith("step 'penger' in phase 'vente' comes after 'hjemme' in the later phase 'etter'")
    assert pos(found) == at(text, "hjemme]")


def test_listed_after_a_step_of_a_later_phase(journey):
    # 'penger' (phase vente) is listed after 'hjemme' (phase etter) without an 'after'.
    block = JOURNEY_YAML[JOURNEY_YAML.index("  - id: penger"):JOURNEY_YAML.index("  - id: hjemme")]
    text = JOURNEY_YAML.replace(block, "") + block
    found = only(journey(text))
    assert found.message.startswith("step 'penger' in phase 'vente' comes after 'hjemme' in the later phase 'etter'")
    assert pos(found) == at(text, "vente", 2)


def test_fork_and_join_are_valid(journey):
    text = variant(
        ("    owner: nav\n", "    owner: nav\n    after: [lurer]\n"),
        ("    owner: kommunen\n", "    owner: kommunen\n    after: [lurer, penger]\n"),
    )
    assert journey(text) == []


# --- characters that cannot go into Office files or SVG -----------------------------------------


@pytest.mark.parametrize(
    ("escaped", "code"),
    [("\\x07", "U+0007"), ("\\x1b", "U+001B"), ("\\uFFFE", "U+FFFE"), ("\\uFFFF", "U+FFFF"), ("\\x85", "U+0085"),
     ("\\x7f", "U+007F")],
)
def test_characters_that_cannot_go_into_a_slide(journey, escaped, code):
    text = variant(("title: Vi skal få barn", f'title: "Vi skal{escaped} få barn"'))
    found = only(journey(text))
    assert found.message.startswith(f"the text holds a character that cannot go into a slide or an SVG ({code}, at position 8)")
    assert pos(found) == at(text, '"Vi skal')


@pytest.mark.parametrize("escaped", ["\\ud800", "\\udc00", "\\uDFFF"])
def test_lone_surrogate_escape(journey, escaped):
    text = variant(("title: Vi skal få barn", f'title: "Vi skal{escaped} få barn"'))
    found = only(journey(text))
    # libyaml refuses the escape itself; without it, the text check would refuse the character.
    assert "lone surrogate" in found.message or "cannot go into a slide" in found.message
    assert found.line == at(text, escaped)[0]
    assert found.col in {at(text, escaped)[1], at(text, '"Vi skal')[1]}


def test_bad_character_in_a_key(journey):
    text = variant(("goals:", '"go\\x07als": [x]\ngoals:'))
    found = [i for i in journey(text) if "cannot go into a slide" in i.message]
    assert pos(only(found)) == at(text, '"go')


def test_literal_control_character_in_the_file(journey):
    text = variant(("title: Vi skal få barn", "title: Vi skal\x07 få barn"))
    found = only(journey(text))
    assert "control character (#x0007)" in found.message
    assert pos(found) == at(text, "\x07")


def test_newlines_and_tabs_in_text_are_fine(journey):
    assert journey(variant(("title: Vi skal få barn", 'title: "Vi skal\\tfå\\nbarn"'))) == []


# --- warnings -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    ["Søke om foreldrepenger", "Søker om barnehageplass", "Registrere laget", "Registrering av laget", "Behandle søknaden",
     "Behandling", "Vedtak om foreldrepenger", "Vedtak", "Vedtak, innvilget", "søke   om  hjelp", "Saksbehandling"],
)
def test_title_that_speaks_as_the_agency_is_a_warning(journey, title):
    text = variant(("title: Jeg lurer på hva jeg har rett til", f"title: {title}"))
    found = only(journey(text))
    assert found.severity is Severity.WARNING
    assert "speaks as the agency" in found.message
    assert pos(found) == at(text, title)


@pytest.mark.parametrize(
    "title",
    ["Vi registrerer laget", "Jeg søker jobb", "Jeg søker om ingenting", "Søknaden min er sendt", "Vedtaket kom i posten",
     "Behandlingen tar lang tid", "Registreringen er ferdig", "Søkelyset er på meg", "Jeg får vedtak"],
)
def test_title_in_the_users_voice_is_fine(journey, title):
    assert journey(variant(("title: Jeg lurer på hva jeg har rett til", f"title: {title}"))) == []


def test_phase_without_steps(journey):
    text = variant(("  - {id: etter, title: Etter fødselen}", "  - {id: etter, title: Etter fødselen}\n  - {id: tom, title: Tom}"))
    found = only(journey(text))
    assert found.severity is Severity.WARNING
    assert found.message == "phase 'tom' has no steps: add steps to it or remove it"
    assert pos(found) == at(text, "{id: tom", shift=0)


def test_phase_of_a_broken_step_is_not_called_empty(journey):
    # The only step of phase 'etter' is set aside for its own error: 'etter' is not empty.
    text = variant(("owner: kommunen", "owner: [kommunen, nav]"))
    assert [i.message.split(" (")[0] for i in journey(text)] == ["a step has exactly one owner"]


@pytest.mark.parametrize(
    ("remove", "message"),
    [
        ("persona:\n  name: Sara (31)\n  situation: Venter sitt første barn\n",
         "the journey has no 'persona': say who the user is and their situation"),
        ("goals:\n  - Slippe å lete\n", "the journey has no 'goals': say what the user wants to achieve"),
    ],
)
def test_journey_without_persona_or_goals(journey, remove, message):
    text = variant((remove, ""))
    found = only(journey(text))
    assert found.severity is Severity.WARNING
    assert found.message == message
    assert pos(found) == (1, 10)


def test_state_actor_without_ministry_is_a_warning(write):
    write("actors.yaml", "actors:\n  - {id: x, name: X, short: X, kind: stat}\n", dedent=False)
    found = only(issues("actors.yaml"))
    assert found.severity is Severity.WARNING
    assert pos(found) == at("actors:\n  - {id: x, name: X, short: X, kind: stat}\n", "stat")


# --- all problems, all files, one run -----------------------------------------------------------


def test_unknown_key_and_unknown_actor_in_one_step_are_both_reported(journey):
    text = variant(("owner: nav", "owner: nva\n    eier: nav"))
    found = journey(text)
    assert [(i.message.split(" (")[0], pos(i)) for i in found] == [
        ("unknown actor 'nva' — did you mean 'nav'?", at(text, "nva")),
        ("unknown key 'eier'", at(text, "eier")),
    ]


def test_many_problems_in_one_file_are_all_reported(journey):
    text = variant(
        ("owner: nav", "owner: nva"),
        ("emotion: 2", "emotion: 9"),
        ("    title: Vi er hjemme med barnet", "    titel: Vi er hjemme med barnet\n    title: Behandle saken"),
        ("from: skatteetaten, to: nav", "from: nav, to: nav"),
        ("phase: etter", "phase: eter"),
    )
    found = journey(text)
    assert [i.severity.value for i in found].count("error") == 5
    assert sum(1 for i in found if "speaks as the agency" in i.message) == 1
    assert found == sorted(found)


def test_problems_in_two_files_are_both_reported(registries, write):
    write("a.yaml", variant(("owner: nav", "owner: nva")), dedent=False)
    write("b.yaml", variant(("journey: reise", "journey: reise-b"), ("emotion: 2", "emotion: 7")), dedent=False)
    write("c.yaml", "journey: [\n", dedent=False)
    found = errors(".")
    assert [(i.file, i.message.split(" ")[0]) for i in found] == [("a.yaml", "unknown"), ("b.yaml", "emotion"), ("c.yaml", "YAML")]


def test_broken_registry_entry_is_not_reported_again_as_unknown(write):
    write("actors.yaml", ACTORS_YAML.replace("kind: kommune", "kind: kommunee"), dedent=False)
    write("data-items.yaml", "data_items:\n  - {id: helse, name: H, source: kommunen}\n", dedent=False)
    write("j.yaml", JOURNEY_YAML.replace("    asks_user: [inntekt]\n    data:\n      - {item: inntekt, from: skatteetaten, to: nav, how: automatic}\n", ""), dedent=False)
    found = errors(".")
    assert [i.file for i in found] == ["actors.yaml"]
    assert found[0].message.startswith("unknown actor kind 'kommunee'")


def test_registries_beside_a_named_journey_are_loaded(registries, write):
    write("j.yaml", JOURNEY_YAML, dedent=False)
    checked = check(["j.yaml"])
    assert {f.shown for f in checked.workspace.files} == {"j.yaml", "actors.yaml", "data-items.yaml"}
    assert checked.issues == ()


def test_a_journey_whose_only_step_is_broken_is_not_called_empty(tmp_path):
    from brukerreise.api import check

    (tmp_path / "actors.yaml").write_text("actors:\n  - {id: bruker, name: B, short: B, kind: person}\n", encoding="utf-8")
    (tmp_path / "data-items.yaml").write_text("data_items: []\n", encoding="utf-8")
    (tmp_path / "j.yaml").write_text(
        "journey: j\nlife_event: Få barn\ntitle: T\npersona: {name: x, situation: y}\ngoals: [g]\n"
        "phases: [{id: p, title: P}]\nsteps:\n  - {id: s, phase: p, title: Hei, owner: bruker, emotion: 1.5}\n",
        encoding="utf-8",
    )
    messages = [i.message for i in check([tmp_path]).issues]
    assert messages == ["expected a whole number from -2 (very hard) to 2 (very good), found the number 1.5"]


def test_missing_vocabulary_value_lists_the_choices(tmp_path):
    from brukerreise.api import check

    (tmp_path / "actors.yaml").write_text(
        "actors:\n  - {id: bruker, name: B, short: B, kind: person}\n  - {id: nav, name: N, short: N, kind: kommune}\n",
        encoding="utf-8")
    (tmp_path / "data-items.yaml").write_text("data_items: [{id: d, name: D, source: nav}]\n", encoding="utf-8")
    (tmp_path / "j.yaml").write_text(
        "journey: j\nlife_event: Få barn\ntitle: T\npersona: {name: x, situation: y}\ngoals: [g]\n"
        "phases: [{id: p, title: P}]\nsteps:\n  - id: s\n    phase: p\n    title: Hei\n    owner: bruker\n"
        "    data: [{item: d, from: nav, to: bruker}]\n",
        encoding="utf-8",
    )
    [issue] = check([tmp_path]).issues
    assert (issue.line, issue.col) == (12, 12)
    assert issue.message == "missing 'how': add 'how: ...' here (one of 'automatic', 'manual', 'user')"


def test_a_registry_with_both_lists_says_to_split_it(tmp_path):
    from brukerreise.api import check

    (tmp_path / "reg.yaml").write_text("actors: []\ndata_items: []\n", encoding="utf-8")
    [issue] = check([tmp_path]).issues
    assert (issue.line, issue.col) == (2, 1) and "not both" in issue.message


# A step with a broken value is still checked in full: every problem of the step in one run.

def _lines(found: list[Issue]) -> list[str]:
    return [f"{i.line}:{i.col}: {i.message}" for i in found]


def test_a_step_with_an_owner_list_has_its_other_problems_reported_too(journey):
    text = variant(
        ("    owner: nav\n    with: [bruker]", "    owner: [nav, kommunen]\n    with: [bruker, nva]\n    emotion: 7"),
        ("    phase: vente\n    title: Jeg vil ha", "    phase: venter\n    title: Jeg vil ha"),
        ("{item: inntekt, from: skatteetaten, to: nav, how: automatic}", "{item: inntekt, from: skatteetaten, to: nva, how: automatic}"),
    )
    found = _lines([i for i in journey(text) if i.is_error])
    messages = "\n".join(found)
    assert "exactly one owner" in messages
    assert "unknown phase 'venter' — did you mean 'vente'?" in messages
    assert messages.count("unknown actor 'nva' — did you mean 'nav'?") == 2  # under 'with', and in the flow
    assert "emotion 7 is out of range" in messages
    assert len(found) == 5, messages


def test_a_missing_owner_does_not_also_read_as_an_unknown_actor(journey):
    text = variant(("    owner: kommunen\n", ""), ("    phase: etter\n", "    phase: etterpå\n"))
    found = [i for i in journey(text) if i.is_error]
    messages = "\n".join(_lines(found))
    assert "a step has exactly one owner: add 'owner: <actor id>'" in messages
    assert "unknown phase 'etterpå'" in messages
    assert "unknown actor ''" not in messages
    assert len(found) == 2, messages


def test_a_broken_flow_keeps_its_other_problems(journey):
    text = variant(("to: nav, how: automatic}", "to: nva, how: teleport}"))
    found = [i for i in journey(text) if i.is_error]
    messages = "\n".join(_lines(found))
    assert "unknown 'how' 'teleport'" in messages
    assert "unknown actor 'nva'" in messages
    assert len(found) == 2, messages


def test_broken_step_ids_are_reported_once_not_as_duplicates(journey):
    text = variant(("  - id: lurer\n", "  - id: 12\n"), ("  - id: hjemme\n", "  - id: [hjemme]\n"))
    found = [i for i in journey(text) if i.is_error]
    messages = "\n".join(_lines(found))
    assert len(found) == 2, messages
    assert "duplicate" not in messages and "must be lowercase" not in messages


def test_a_local_actor_with_a_broken_kind_gets_no_warning_about_its_kind(journey):
    text = JOURNEY_YAML + "actors:\n  - {id: helsestasjon, name: Helsestasjonen, short: Helsestasjon, kind: statlig, ministry: HOD}\n"
    found = journey(text)
    messages = "\n".join(_lines(found))
    assert "unknown actor kind 'statlig'" in messages
    assert "'ministry' is for state actors" not in messages
    assert len(found) == 1, messages


# --- parallel strands: the default order inventing a handoff ------------------------------------

_STRANDS = variant(
    ("    owner: kommunen\n    with: [bruker]\n", "    owner: kommunen\n"),
    ("    asks_user: [inntekt]\n    data:\n      - {item: inntekt, from: skatteetaten, to: nav, how: automatic}\n", ""),
)


def test_default_order_between_unrelated_steps_is_a_warning(journey):
    # 'hjemme' (kommunen) follows 'penger' (nav, with the person) only by listing: nothing links them.
    found = only(journey(_STRANDS))
    assert not found.is_error
    assert found.message == (
        "step 'hjemme' follows 'penger', the step before it, because it has no 'after'; but the two share no "
        "actor and no data, so this may invent a handoff from 'nav' to 'kommunen': add 'after:' naming the "
        "step 'hjemme' really follows, or 'after: []' if it starts a strand of its own"
    )
    assert pos(found) == at(_STRANDS, "id: hjemme")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    owner: kommunen\n", "    owner: kommunen\n    after: [penger]\n"),  # the order is stated
        ("    owner: kommunen\n", "    owner: kommunen\n    after: []\n"),  # a strand of its own
        ("    owner: kommunen\n", "    owner: kommunen\n    with: [nav]\n"),  # the owner before takes part
        ("    owner: kommunen\n", "    owner: kommunen\n    with: [bruker]\n"),  # the person takes part in both
        ("    owner: kommunen\n", "    owner: nav\n"),  # the same owner: no handoff at all
        ("    owner: kommunen\n", "    owner: kommunen\n    asks_user: [adresse]\n"),  # unrelated data
    ],
)
def test_default_order_warning_cases(journey, old, new):
    text = variant((old, new), base=_STRANDS)
    expected = 1 if "adresse" in new else 0  # data the step before does not have links nothing
    assert len(journey(text)) == expected


@pytest.mark.parametrize(
    "link",
    [
        "    asks_user: [inntekt]\n",  # the same item asked for at both steps
        "    data:\n      - {item: inntekt, from: nav, to: kommunen, how: manual}\n",  # the same item flows on
    ],
)
def test_shared_data_links_the_steps(journey, link):
    base = variant(("    with: [bruker]\n    channel: digital\n", "    with: [bruker]\n    channel: digital\n    asks_user: [inntekt]\n"), base=_STRANDS)
    text = variant(("    owner: kommunen\n", "    owner: kommunen\n" + link), base=base)
    assert journey(text) == []


def test_a_broken_after_is_reported_once_without_the_strand_warning(journey):
    text = variant(("    owner: kommunen\n", "    owner: kommunen\n    after: 5\n"), base=_STRANDS)
    found = only(journey(text))
    assert found.is_error and found.message.startswith("expected a list")


# Referrals (kasteball) and the user's own organisations (issue 22).

def test_a_referral_from_the_step_before_is_clean(journey):
    assert journey(variant(("    emotion: 2\n", "    emotion: 2\n    referred_by: [penger]\n"))) == []


@pytest.mark.parametrize(
    ("referral", "needle", "message"),
    [
        ("[pengr]", "pengr", "unknown step 'pengr' — did you mean 'penger'?"),
        ("[hjemme]", "hjemme]", "cannot refer the person to itself"),
        ("[lurer]", "lurer]", "does not come after 'lurer'"),
    ],
)
def test_a_wrong_referral_is_reported_at_its_value(journey, referral, needle, message):
    text = variant(("    emotion: 2\n", f"    emotion: 2\n    referred_by: {referral}\n"))
    found = only(errors_of(journey(text)))
    assert message in found.message
    assert pos(found) == at(text, needle, text.count(needle) - 1)


def errors_of(found: list[Issue]) -> list[Issue]:
    return [i for i in found if i.is_error]


def test_a_referral_within_one_organisation_or_from_the_person_is_an_error(journey):
    same = variant(("    owner: kommunen\n", "    owner: nav\n"), ("    emotion: 2\n", "    emotion: 2\n    referred_by: [penger]\n"))
    assert "one organisation" in only(errors_of(journey(same))).message
    person = variant(("    emotion: 2\n", "    emotion: 2\n    referred_by: [lurer]\n    after: [lurer]\n"))
    assert "is a person" in only(errors_of(journey(person))).message


def test_a_referral_within_an_organisation_through_part_of_is_an_error(registries, write):
    write("actors.yaml", ACTORS_YAML + "  - {id: nav-kontor, name: Nav-kontoret, short: Nav-kontor, kind: stat, part_of: nav}\n", dedent=False)
    text = variant(("    owner: kommunen\n", "    owner: nav-kontor\n"), ("    emotion: 2\n", "    emotion: 2\n    referred_by: [penger]\n"))
    write("j.yaml", text, dedent=False)
    assert "one organisation" in only(errors("j.yaml")).message


def test_an_item_the_person_brings_from_one_office_to_the_next_hints_at_a_referral(journey):
    text = variant(
        ("    emotion: 2\n", "    emotion: 2\n    asks_user: [adresse]\n"),
        ("      - {item: inntekt, from: skatteetaten, to: nav, how: automatic}\n",
         "      - {item: inntekt, from: skatteetaten, to: nav, how: automatic}\n      - {item: adresse, from: nav, to: bruker, how: user}\n"),
    )
    hint = only([i for i in journey(text) if not i.is_error and "referred_by" in i.message])
    assert "add 'referred_by: [penger]' to step 'hjemme'" in hint.message
    silenced = text.replace("    asks_user: [adresse]\n", "    asks_user: [adresse]\n    referred_by: []\n")
    assert not [i for i in journey(silenced) if "referred_by" in i.message]


def test_own_organisations_must_be_organisations_the_user_can_run(journey):
    text = variant(("goals:\n", "own_organisations: [nav, bruker, navv]\ngoals:\n"))
    messages = [i.message for i in journey(text)]
    assert any("'nav' is a public body" in m for m in messages)
    assert any("'bruker' is a person" in m for m in messages)
    assert any("unknown actor 'navv'" in m for m in messages)
