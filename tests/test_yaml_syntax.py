"""YAML syntax errors are reported where the person must look, in plain words, with how to fix them: the
mistakes people new to YAML make, read by libyaml (large files) and by ruamel's own parser alike."""

from __future__ import annotations

import pytest
from support import JARGON, locate

from brukerreise.reading import yamlsource
from brukerreise.reading.yamlsource import YamlProblem, parse_yaml

STEP = """\
journey: reise
life_event: Få barn
steps:
  - id: a
    phase: p
    owner: nav
    title: Jeg vil ha hjelp
"""

# name: (text, (needle, nth) whose first character is the place to report, words the message must hold)
CASES: dict[str, tuple[str, tuple[str, int], tuple[str, ...]]] = {
    "an unclosed double quote is reported where it opens": (
        'journey: x\ntitle: "Vi skal få barn\nsteps:\n  - id: a\n    owner: nav\n',
        ('"Vi', 0), ("never closed", 'closing "'),
    ),
    "an unclosed single quote is reported where it opens": (
        "journey: x\ntitle: 'Vi skal få barn\n", ("'Vi", 0), ("never closed", "closing '"),
    ),
    "a quote closed only lines later is reported where it opens": (
        'journey: x\ntitle: "Vi skal\nsteps:\n  - id: a\n    title: "Hei"\n',
        ('"Vi', 0), ("not closed on this line", "runs on to line 5"),
    ),
    "an unclosed [ is reported where it opens, not a line late": (
        "journey: x\nlanes: [bruker, nav\nsteps: []\n", ("[bruker", 0), ("'[' here is never closed", "add ']'"),
    ),
    "an unclosed { is reported where it opens": (
        "phases:\n  - {id: a, title: Start\n  - {id: b, title: Slutt}\n", ("{id: a", 0), ("'{' here is never closed", "add '}'"),
    ),
    "a key without its colon is reported on its own line": (
        STEP.replace("owner: nav", "owner nav"), ("owner nav", 0), ("no ':'", "'owner: nav'"),
    ),
    "a key written with '=' is reported with the fix": (
        STEP.replace("owner: nav", "owner = nav"), ("owner = nav", 0), ("no ':'", "'owner: nav'"),
    ),
    "a non-breaking space after a colon is reported where it is": (
        STEP.replace("owner: nav", "owner:\u00a0nav"), ("\u00a0", 0), ("non-breaking space (U+00A0)", "Word, Teams", "ordinary space"),
    ),
    "a non-breaking space after a dash is reported where it is": (
        "goals:\n  -\u00a0Slippe å lete\n  - b: c\n", ("\u00a0", 0), ("non-breaking space", "ordinary space"),
    ),
    "a key indented one space too little": (
        STEP.replace("    phase: p", "   phase: p"), ("phase", 0), ("'phase' is indented by 3 spaces", "indent it by 4 spaces", "'id' on line 4"),
    ),
    "a key indented one space too much": (
        STEP.replace("    owner: nav", "     owner: nav"), ("owner", 0), ("'owner' is indented under 'phase' (line 5)",),
    ),
    "a misaligned key in a data block": (
        STEP + "    data:\n      - item: inntekt\n        from: skatteetaten\n       to: nav\n",
        ("to: nav", 0), ("'to' is indented by 7 spaces", "indent it by 8 spaces", "'from' on line 10"),
    ),
    "a dash glued to its key": (
        "journey: x\nsteps:\n  -id: a\n    owner: nav\n", ("-id", 0), ("space after '-'", "'- id'"),
    ),
    "a typographic quote does not get the advice to add quotes": (
        "journey: x\ntitle: “Nav: søknad”\n", ("“", 0), ("typographic quote", 'straight quotes (")'),
    ),
    "a colon inside a plain text": (
        "journey: x\ntitle: Nav: søknad\n", (": søknad", 0), ("':' here, inside a text", 'title: "Nav: søknad"'),
    ),
    "a tab in the indentation": (
        "journey: x\nsteps:\n\t- id: a\n", ("\t", 0), ("tab", "use spaces"),
    ),
    "a key among the items of a list": (
        "goals:\n  - Slippe å lete\n  mer: tekst\n", ("mer", 0), ("'mer' stands among the items of the list", "'- '"),
    ),
    "a list item after a key with a value": (
        STEP.replace("    owner: nav", "    - owner: nav"), ("- owner", 0), ("'phase' on line 5 already has a value", "'- '"),
    ),
    "a list item among keys": (
        "journey: x\nsteps:\n  - id: a\n    - owner: nav\n", ("- owner", 0), ("list item", "'- '"),
    ),
    "a list after a key that has a value": (
        "journey: x\nsteps: alle\n  - id: a\n", ("- id", 0), ("a list cannot follow 'steps'", "already has a value"),
    ),
    "a text after its closing double quote": (
        'journey: x\ntitle: "Vi" skal få barn\n', ("skal", 0), ("text follows the closing", "inside the quotes"),
    ),
    "an apostrophe inside single quotes": (
        "journey: x\ntitle: 'Jeg har'nt noe'\n", ("nt noe", 0), ("write it twice ('')",),
    ),
    "a closing bracket too many": (
        "journey: x\nlanes: [bruker, nav]]\n", ("]\n", 0), ("has no '['", "remove it"),
    ),
    "two commas in a row": (
        "journey: x\nlanes: [bruker,, nav]\n", (", nav", 0), ("',' with no item before it",),
    ),
    "no space after the colon": (
        "journey: x\ntitle:Vi skal få barn\nsteps: []\n", (":Vi", 0), ("space after ':'", "'title: Vi skal få barn'"),
    ),
    "a continued text less indented than its key": (
        STEP.replace("title: Jeg vil ha hjelp", "title: Jeg vil\n  ha hjelp"), ("ha hjelp", 0),
        ("goes on with the text of 'title' on line 7", "indent it further"),
    ),
    "block text that is not indented": (
        "journey: x\ndescription: |\nJeg vil ha hjelp\nsteps: []\n", ("Jeg vil", 0), ("'|' or '>' on line 2", "indent it"),
    ),
    "text on the line of a block indicator": (
        "description: | Jeg vil\n  ha hjelp\n", ("|", 0), ("after '|' or '>'",),
    ),
    "a text that begins with @": ("journey: x\ntitle: @nav\n", ("@", 0), ("cannot begin with '@'", "in quotes")),
    "a text that begins with a backtick": ("journey: x\ntitle: `nav`\n", ("`", 0), ("cannot begin with '`'",)),
    "a text that begins with &": ("journey: x\ntitle: & co\n", ("&", 0), ("cannot begin with '&'",)),
    "a text that begins with %": ("journey: x\ntitle: %50\n", ("%", 0), ("cannot begin with '%'",)),
    "a backslash in double quotes": (
        'journey: x\ntitle: "C:\\Users\\sara"\n', ("\\U", 0), ("escape sequence", "single quotes"),
    ),
    "a list item indented one space less than the others": (
        "steps:\n  - id: a\n    owner: b\n - id: c\n", ("- id: c", 0), ("indented by 1 space", "line 2 by 2 spaces", "line the '-' up"),
    ),
    "a list item indented one space more than the others": (
        "steps:\n  - id: a\n    owner: b\n   - id: c\n", ("- id: c", 0), ("indented by 3 spaces", "line 2 by 2 spaces"),
    ),
    "a key of a list item without its colon": (
        "steps:\n  - id a\n    owner: b\n", ("id a", 0), ("'id a' has no ':'", "'id: a'"),
    ),
    "a key among the keys of a list item, at the column of its dash": (
        "steps:\n  - id: a\n  owner: b\n", ("owner", 0), ("'owner' is indented by 2 spaces, less than 'id' on line 2", "indent it by 4 spaces, like 'id'"),
    ),
    "a colon at the end of a text": ("journey: x\ntitle: Merk:\n", (":\n", 0), ('title: "Merk:"',)),
    "text after a closing bracket": (
        "journey: x\ntitle: [Hei] du\n", ("du", 0), ("text follows the closing ']'", "in quotes"),
    ),
    "a colon inside braces": (
        "phases:\n  - {id: a, title: Nav: søknad}\n", (": søknad", 0), ("a ':' inside '{ }'", "put a ','", "in quotes"),
    ),
    "a missing comma inside braces": (
        "phases:\n  - {id: a title: b}\n", (": b}", 0), ("a ':' inside '{ }'", "put a ','"),
    ),
    "two keys on one line": ("journey: x title: y\n", (": y", 0), ("':' here, inside a text",)),
    "a value on the next line not indented": ("journey:\nx\n", ("x\n", 0), ("no ':'",)),
    "a typographic single quote": ("title: ‘Hei: du’\n", ("‘", 0), ("typographic quote",)),
    "an unclosed quote in a file with Windows line ends": (
        'journey: x\r\ntitle: "y\r\nz: 1\r\n', ('"y', 0), ("never closed",),
    ),
    "a file that ends inside a '{'": (
        "steps:\n  - id: a\n    data:\n      - {item: inntekt, from: nav,", ("{item", 0), ("'{' here is never closed",),
    ),
    "a list item after a value on the same line": (
        "phases:\n  - {id: a, title: A}  - {id: b, title: B}\n", ("- {id: b", 0), ("must start a line of its own",),
    ),
    "a carriage return alone inside a line": (
        "journey: x\ngoals:\n  - Slippe\r å lete\n  - b\n", ("\r", 0), ("carriage return (CR)",),
    ),
    "the first key indented": ("  journey: x\ntitle: y\n", ("title", 0), ("'key: value' lines",)),
    "a list and keys at the top": ("- a\nb: c\n", ("b: c", 0), ("'b' stands among the items",)),
}


@pytest.fixture(params=["ruamel", "libyaml"])
def parser(request, monkeypatch):
    """Files up to 256 kB are read again by ruamel's parser on an error; larger ones keep libyaml's."""
    if request.param == "libyaml":
        monkeypatch.setattr(yamlsource, "_RETRY_LIMIT", 0)
    return request.param


@pytest.mark.parametrize("name", list(CASES))
def test_syntax_error_is_reported_at_the_mistake(parser, name):
    text, (needle, nth), words = CASES[name]
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(text.encode("utf-8"))
    problem = caught.value
    assert (problem.line + 1, problem.col + 1) == locate(text, needle, nth), problem.message
    assert problem.message.startswith("YAML syntax: ")
    for word in words:
        assert word in problem.message
    assert not JARGON.search(problem.message), problem.message
    assert "\n" not in problem.message


def test_the_cli_reports_the_syntax_error_where_it_is(write, cli):
    text = 'journey: x\ntitle: "Vi skal få barn\nsteps:\n  - id: a\n'
    write("x.yaml", text)
    result = cli("validate", "x.yaml")
    assert result.code == 1
    (error,) = result.errors
    assert (error.line, error.col) == locate(text, '"Vi')
    assert "never closed" in error.message


@pytest.mark.parametrize("text", [
    "title: «Jeg har mistet jobben»\n",  # Norwegian quotes inside a plain text are just text
    "title: Jeg har mistet jobben – igjen\n",
    "title: “Hei”\n",
    "lanes: [bruker, nav]\n",
    "description: |\n  Jeg vil\n  ha hjelp\n",
])
def test_what_is_valid_stays_valid(text):
    parse_yaml(text.encode("utf-8"))


def test_a_tab_inside_a_text_is_not_called_indentation(write, cli):
    # The '?' in a flow list sends the file to ruamel's YAML 1.2 parser, which refuses a tab in a plain text.
    text = STEP.replace("Jeg vil ha hjelp", "Jeg vil\tha hjelp") + "    pain_points: [Hvor begynner jeg?]\n"
    write("x.yaml", text)
    result = cli("validate", "x.yaml")
    assert result.code == 1
    (error,) = result.errors
    assert (error.line, error.col) == locate(text, "\t")
    assert "indent" not in error.message and "type a space instead, or put the text in quotes" in error.message


def test_a_question_mark_in_a_flow_list_reads_alike_in_a_file_too_large_for_ruamels_parser(monkeypatch):
    # libyaml refuses any '?' inside '[ ]' or '{ }', which YAML 1.2 allows; a large file is not read again
    # by ruamel's parser (too slow), so libyaml reads it again with the '?' standing in for by another character.
    monkeypatch.setattr(yamlsource, "_RETRY_LIMIT", 0)
    text = ('goals: [Hvor begynner jeg?, "Hva nå?", \'Og?\']\nsteps:\n  - {title: Hvem?, pain_points: [Hvorfor?]}\n'
            '"hva?": [a?b]\n# Hvorfor?\n')
    document = parse_yaml(text.encode("utf-8"))
    assert document.data == {"goals": ["Hvor begynner jeg?", "Hva nå?", "Og?"],
                             "steps": [{"title": "Hvem?", "pain_points": ["Hvorfor?"]}], "hva?": ["a?b"]}
    assert document.text == text and "hva?" in document.places
    with pytest.raises(YamlProblem) as caught:  # a real mistake beside a '?' is still said as libyaml says it
        parse_yaml(b"goals: [Hvor begynner jeg?\ntitle: x\n")
    assert "\ue000" not in caught.value.message
