"""Hostile input: every file a user (or an attacker) can write gets a clean error with a position, fast and
in bounded memory, and never a traceback. No timing assertions here: timings belong in benchmarks."""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

import pytest
from support import ACTORS_YAML, JOURNEY_YAML, locate

from brukerreise.reading.yamlsource import MAX_BYTES, MAX_DEPTH, YamlProblem, parse_yaml

SHAPE = re.compile(r"^[^\s:][^:]*:\d+:\d+: error: .+$", re.MULTILINE)

BILLION_LAUGHS = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def only_error(result, file: str = "x.yaml"):
    assert result.code == 1, result.err
    assert "Traceback" not in result.err
    errors = result.errors
    assert len(errors) == 1, result.err
    assert errors[0].file == file
    return errors[0]


@pytest.fixture
def validate_bytes(write, cli):
    """validate_bytes(content, name="x.yaml") -> the CLI result of validating that one file."""

    def run(content: bytes | str, name: str = "x.yaml"):
        write(name, content.encode("utf-8") if isinstance(content, str) else content)
        return cli("validate", name)

    return run


# --- aliases ------------------------------------------------------------------------------------


def test_alias_is_refused_at_its_position(validate_bytes):
    found = only_error(validate_bytes("journey: &id reise\ntitle: *id\n"))
    assert (found.line, found.col) == (2, 8)
    assert found.message == "YAML aliases (*name) are not supported: write the value out in full"


def test_billion_laughs_is_refused_at_the_first_alias(validate_bytes):
    found = only_error(validate_bytes(BILLION_LAUGHS))
    assert (found.line, found.col) == locate(BILLION_LAUGHS, "*a")
    assert "aliases" in found.message


def test_merge_key_with_alias_is_refused(validate_bytes):
    text = "base: &base {name: X}\njourney: reise\nother:\n  <<: *base\n"
    found = only_error(validate_bytes(text))
    assert (found.line, found.col) == locate(text, "*base")


def test_anchor_without_alias_is_harmless(validate_bytes, registries):
    text = JOURNEY_YAML.replace("title: Vi skal få barn", "title: &t Vi skal få barn")
    result = validate_bytes(text, "j.yaml")
    assert result.code == 0, result.err


# --- size and depth -----------------------------------------------------------------------------


@pytest.mark.parametrize(("open_", "close"), [("[", "]"), ("{a: ", "}")])
def test_fifty_thousand_nested_brackets(validate_bytes, open_, close):
    found = only_error(validate_bytes("journey: " + open_ * 50_000 + close * 50_000 + "\n"))
    assert found.message.startswith(f"the data is nested more than {MAX_DEPTH} levels deep")
    assert found.line == 1
    assert found.col == len("journey: ") + len(open_) * (MAX_DEPTH - 1) + 1  # the first collection too deep


def test_fifty_thousand_nested_braces(validate_bytes):
    # '{{' is a mapping whose key is a mapping: refused at the first key, long before any depth.
    found = only_error(validate_bytes("journey: " + "{" * 50_000 + "}" * 50_000 + "\n"))
    assert found.message == "a key must be a plain word, not a list or a '{ }' group: put it in quotes, or remove the ':' after it"
    assert (found.line, found.col) == (1, 11)


def test_fifty_thousand_unclosed_brackets_at_the_top(validate_bytes):
    found = only_error(validate_bytes("[" * 50_000))
    assert found.message.startswith("the data is nested more than")
    assert (found.line, found.col) == (1, MAX_DEPTH + 1)


def test_deep_block_nesting(validate_bytes):
    text = "".join("  " * i + f"k{i}:\n" for i in range(200))
    found = only_error(validate_bytes(text))
    assert found.message.startswith("the data is nested more than")


def test_nesting_at_the_limit_is_read():
    text = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    data = parse_yaml(text.encode()).data
    for _ in range(MAX_DEPTH - 1):
        data = data[0]
    assert data == []
    with pytest.raises(YamlProblem):
        parse_yaml(("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)).encode())


def test_twenty_megabyte_file(write, cli):
    path = write("x.yaml", b"")
    with path.open("wb") as handle:
        line = b"# " + b"x" * 1021 + b"\n"
        for _ in range(20 * 1024):
            handle.write(line)
    assert path.stat().st_size == 20 * 1024 * 1024
    found = only_error(cli("validate", "x.yaml"))
    assert (found.line, found.col) == (1, 1)
    assert found.message.startswith("the file is 20.0 MB; a journey file may be at most 5 MB")


def test_file_just_over_the_cap_is_refused():
    with pytest.raises(YamlProblem, match="larger than"):
        parse_yaml(b"#" * (MAX_BYTES + 1))


def test_one_very_long_line_under_the_cap_is_read(validate_bytes, registries):
    text = JOURNEY_YAML.replace("  situation: Venter sitt første barn", "  situation: " + "a" * 1_000_000)
    result = validate_bytes(text, "j.yaml")
    assert result.code == 0, result.err[:500]


# --- not text -----------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes(validate_bytes, seed):
    rng = random.Random(seed)
    found = only_error(validate_bytes(rng.randbytes(4096)))
    assert found.message  # a NUL byte, or invalid UTF-8, whichever comes first


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_without_nul(validate_bytes, seed):
    rng = random.Random(seed)
    content = bytes(rng.randrange(1, 256) for _ in range(4096))
    found = only_error(validate_bytes(content))
    assert "not valid UTF-8" in found.message or "YAML" in found.message or "control character" in found.message


@pytest.mark.parametrize("seed", range(5))
def test_random_text(write, cli, seed):
    """Random printable text (valid UTF-8): any verdict, but no traceback and the right shape."""
    rng = random.Random(seed)
    alphabet = "abcæøå :-[]{}#&*!|>'\"%@`,?\n\t\\0123456789"
    write("x.yaml", "".join(rng.choice(alphabet) for _ in range(2000)))
    result = cli("validate", "x.yaml")
    assert result.code == 1
    assert result.errors and all(e.file == "x.yaml" for e in result.errors)


def test_nul_byte_position_counts_characters(validate_bytes):
    found = only_error(validate_bytes("journey: æøå\ntitle: åå\0\n".encode()))
    assert (found.line, found.col) == (2, 10)
    assert "NUL byte" in found.message


def test_invalid_utf8_position_counts_characters(validate_bytes):
    found = only_error(validate_bytes("journey: æøå\ntitle: åå".encode() + b"\xff\xfe\n"))
    assert (found.line, found.col) == (2, 10)
    assert found.message == "the file is not valid UTF-8 (byte 0xff): save it with UTF-8 encoding"


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16"])
def test_other_encodings(validate_bytes, encoding):
    found = only_error(validate_bytes("journey: reise\ntitle: Få barn\n".encode(encoding)))
    assert "not valid UTF-8" in found.message or "NUL byte" in found.message


def test_byte_order_mark_is_accepted(validate_bytes, registries):
    result = validate_bytes(b"\xef\xbb\xbf" + JOURNEY_YAML.encode(), "j.yaml")
    assert result.code == 0, result.err


def test_control_character_position_counts_characters(validate_bytes):
    found = only_error(validate_bytes("journey: æøå\ntitle: åå\x07\n"))
    assert (found.line, found.col) == (2, 10)
    assert "control character (#x0007)" in found.message


def _bad_characters() -> list[str]:
    from brukerreise.reading.validation import BAD_CHARACTERS

    # Surrogates cannot be in text decoded from UTF-8; the rest of the set, one by one.
    return [chr(c) for c in [*range(0xA0), 0xFFFE, 0xFFFF] if re.fullmatch(BAD_CHARACTERS, chr(c))]


def test_no_character_validate_refuses_gets_into_the_data_written_as_itself():
    # validate looks for such characters only in files with an escape sequence (YamlDocument.may_hold_unwritable):
    # written as themselves, the parsers refuse every one, wherever it stands (NEL is a line break).
    from brukerreise.reading.validation import BAD_CHARACTERS

    for c in _bad_characters():
        for text in (f"a: x{c}y\n", f"a: 'x{c}y'\n", f'a: "x{c}y"\n', f"a: |\n  x{c}y\n", f"x{c}y: 1\n",
                     f"a: [x{c}y]\n", f"# x{c}\na: 1\n", f"a:\n  - >\n    x{c}y\n"):
            try:
                document = parse_yaml(text.encode())
            except YamlProblem:
                continue
            assert not re.search(BAD_CHARACTERS, repr(document.data)), (c, text)
            assert not document.may_hold_unwritable()


def test_an_escaped_character_validate_refuses_is_reported(validate_bytes, registries):
    assert "title: Vi skal få barn" in JOURNEY_YAML
    text = JOURNEY_YAML.replace("title: Vi skal få barn", 'title: "Vi skal\\x01 få barn"')
    found = only_error(validate_bytes(text, "j.yaml"), "j.yaml")
    assert "U+0001" in found.message


# --- YAML that is not plain data ----------------------------------------------------------------


def test_duplicate_keys(validate_bytes):
    text = "journey: reise\ntitle: a\nlife_event: Få barn\ntitle: b\n"
    found = only_error(validate_bytes(text))
    assert (found.line, found.col) == (4, 1)
    assert found.message == "duplicate key 'title' (first given on line 2): keep one"


def test_duplicate_keys_in_a_nested_mapping(validate_bytes):
    text = "journey: reise\npersona: {name: a, name: b}\n"
    found = only_error(validate_bytes(text))
    assert (found.line, found.col) == locate(text, "name: b")


def test_several_documents(validate_bytes):
    text = "journey: a\n---\njourney: b\n"
    found = only_error(validate_bytes(text))
    assert (found.line, found.col) == (2, 1)
    assert "second YAML document" in found.message


def test_document_markers_around_one_document_are_fine(validate_bytes, registries):
    result = validate_bytes("---\n" + JOURNEY_YAML + "...\n", "j.yaml")
    assert result.code == 0, result.err


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("!!python/object/apply:os.system ['touch MARKER']", "!!python/object/apply:os.system"),
        ("!!python/object/apply:os.system\n  args: ['touch MARKER']", "!!python/object/apply:os.system"),
        ("!!python/object/new:pathlib.Path ['MARKER']", "!!python/object/new:pathlib.Path"),
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!!python/module:os", "!!python/module:os"),
        ("!!python/tuple [a, b]", "!!python/tuple"),
        ("!!set {a, b}", "!!set"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!custom x", "!custom"),
        ("!<tag:example.com,2000:x> x", "tag:example.com,2000:x"),
    ],
)
def test_tags_are_refused_and_never_run(validate_bytes, workdir, value, shown):
    text = f"journey: reise\ntitle: {value}\n"
    found = only_error(validate_bytes(text))
    assert (found.line, found.col) == (2, 8)
    assert found.message == f"unsupported tag '{shown}': brukerreise reads plain YAML only — remove the tag"
    assert not (workdir / "MARKER").exists()


def test_standard_scalar_tags_are_read(validate_bytes, registries):
    text = JOURNEY_YAML.replace("title: Vi skal få barn", "title: !!str Vi skal få barn").replace("emotion: 2", "emotion: !!int 2")
    result = validate_bytes(text, "j.yaml")
    assert result.code == 0, result.err


def test_wrong_value_for_a_standard_tag(validate_bytes):
    found = only_error(validate_bytes("journey: reise\nemotion: !!int many\n"))
    assert (found.line, found.col) == (2, 10)
    assert "not a valid int" in found.message


def test_complex_key(validate_bytes):
    text = "journey: reise\n? [a, b]\n: c\n"
    found = only_error(validate_bytes(text))
    assert found.message == "a key must be a plain word, not a list or a '{ }' group: put it in quotes, or remove the ':' after it"
    assert (found.line, found.col) == (2, 3)


# --- YAML 1.2 that libyaml (YAML 1.1) refuses, and text as written ----------------------------


def test_question_mark_inside_a_flow_list_is_text(validate_bytes, registries):
    text = JOURNEY_YAML.replace("    emotion: 2\n", "    emotion: 2\n    pain_points: [Hvor skal jeg begynne?, Hva nå?]\n")
    result = validate_bytes(text, "j.yaml")
    assert result.code == 0, result.err
    assert parse_yaml(b"a: [x?, {b: y?}, 'z:']\n").data == {"a": ["x?", {"b": "y?"}, "z:"]}


def test_syntax_error_after_a_question_mark_keeps_its_position(validate_bytes):
    text = "journey: reise\ngoals: [Hva nå?]\ntitle: [a, b\n"
    found = only_error(validate_bytes(text))
    assert found.message.startswith("YAML syntax:")
    assert found.line >= 3


def test_folded_and_literal_text_is_read_as_written():
    data = parse_yaml(b"a: >\n  en\n  to\n\n  tre\nb: |\n  en\n  to\n").data
    assert data == {"a": "en to\ntre\n", "b": "en\nto\n"}


def test_plain_scalars_follow_yaml_1_2():
    data = parse_yaml(b"a: yes\nb: no\nc: on\nd: true\ne: 010\nf: 0x1f\ng: 1.5\nh: ~\ni: 2024-01-01\nj: '3'\n").data
    assert data == {"a": "yes", "b": "no", "c": "on", "d": True, "e": 10, "f": 31, "g": 1.5, "h": None, "i": "2024-01-01", "j": "3"}


# --- not a mapping, or nothing at all -----------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message", "where"),
    [
        ("- journey: reise\n- title: x\n", "expected 'key: value' lines at the top", (1, 1)),
        ("reise\n", "expected 'key: value' lines at the top", (1, 1)),
        ("42\n", "expected 'key: value' lines at the top", (1, 1)),
        ("---\n", "expected 'key: value' lines at the top", (2, 1)),
        ("", "the file is empty", (1, 1)),
        ("# only\n# comments\n", "the file is empty", (1, 1)),
        ("\n\n   \n", "the file is empty", (1, 1)),
    ],
)
def test_not_a_mapping(validate_bytes, content, message, where):
    found = only_error(validate_bytes(content))
    assert (found.line, found.col) == where
    assert found.message.startswith(message)


# --- the file system ----------------------------------------------------------------------------


def test_directory_named_like_a_journey(write, cli, workdir):
    (workdir / "x.yaml").mkdir()
    named = cli("validate", "x.yaml")
    assert named.code == 2
    assert named.err.startswith("brukerreise: error: no journey files (*.yaml) found in x.yaml")
    assert "Traceback" not in named.err


def test_directory_named_like_a_journey_inside_a_folder_is_passed_over(registries, write, cli, workdir):
    write("j.yaml", JOURNEY_YAML, dedent=False)
    (workdir / "x.yaml").mkdir()
    result = cli("validate", ".")
    assert result.code == 0, result.err


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(write, cli):
    path = write("x.yaml", "journey: reise\n")
    path.chmod(0)
    try:
        found = only_error(cli("validate", "x.yaml"))
    finally:
        path.chmod(0o644)
    assert (found.line, found.col) == (1, 1)
    assert found.message.startswith("cannot read the file")


def test_symlink_loop_named(workdir, cli):
    os.symlink("x.yaml", workdir / "x.yaml")
    found = only_error(cli("validate", "x.yaml"))
    assert (found.line, found.col) == (1, 1)
    assert found.message.startswith("cannot read the file")


def test_symlink_loop_inside_a_folder(registries, write, workdir, cli):
    write("j.yaml", JOURNEY_YAML, dedent=False)
    os.symlink("b.yaml", workdir / "a.yaml")
    os.symlink("a.yaml", workdir / "b.yaml")
    os.symlink(".", workdir / "here")  # a folder loop: never followed
    result = cli("validate", ".")
    assert result.code == 1
    assert [(e.file, e.line, e.col) for e in result.errors] == [("a.yaml", 1, 1), ("b.yaml", 1, 1)]
    assert all(e.message.startswith("cannot read the file") for e in result.errors)


def test_missing_path_is_a_usage_error(cli, workdir):
    result = cli("validate", "nowhere.yaml")
    assert result.code == 2
    assert result.err == "brukerreise: error: nowhere.yaml: no such file or folder\n"


def test_no_journeys_folder_is_a_usage_error(cli, workdir):
    result = cli("validate")
    assert result.code == 2
    assert "journeys: no such file or folder" in result.err


def test_folder_without_yaml_is_a_usage_error(cli, workdir):
    (workdir / "empty").mkdir()
    result = cli("validate", "empty")
    assert result.code == 2
    assert "no journey files" in result.err


# --- through a real subprocess: exit code, no traceback, the shape of each line -----------------


@pytest.mark.parametrize(
    "content",
    [
        BILLION_LAUGHS.encode(),
        b"journey: reise\ntitle: !!python/object/apply:os.system ['touch MARKER']\n",
        bytes(random.Random(7).randrange(0, 256) for _ in range(8192)),
        b"journey: " + b"{" * 50_000 + b"}" * 50_000,
        b"journey: reise\ntitle: \"a\\x07\"\nowner: [a, b\n",
    ],
    ids=["billion-laughs", "python-tag", "binary", "nested", "unclosed"],
)
def test_subprocess_reports_cleanly(tmp_path: Path, cli_subprocess, content):
    (tmp_path / "x.yaml").write_bytes(content)
    result = cli_subprocess("validate", "x.yaml", cwd=tmp_path)
    assert result.code == 1
    assert "Traceback" not in result.err
    lines = [line for line in result.err.splitlines() if ": error: " in line]
    assert lines and all(SHAPE.match(line) for line in lines), result.err
    assert all(line.startswith("x.yaml:") for line in lines)
    assert not (tmp_path / "MARKER").exists()


def test_subprocess_python_tag_does_not_run_even_with_registries(tmp_path: Path, cli_subprocess):
    (tmp_path / "actors.yaml").write_text(ACTORS_YAML)
    (tmp_path / "x.yaml").write_text(
        "journey: !!python/object/apply:builtins.open ['MARKER', 'w']\n"
        "title: !!python/object/apply:os.system ['touch MARKER2']\n"
    )
    result = cli_subprocess("validate", "x.yaml", cwd=tmp_path)
    assert result.code == 1 and "Traceback" not in result.err
    assert "unsupported tag '!!python/object/apply:builtins.open'" in result.err
    assert not (tmp_path / "MARKER").exists() and not (tmp_path / "MARKER2").exists()
