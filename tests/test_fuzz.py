"""A mutation fuzzer over the shipped journeys: what a person (or an attacker) can do to a journey file,
through the API and the command line, with the exporters run on whatever still validates. Nothing may
raise, and every problem is one diagnostic line with a position.

The seed is fixed and the size modest; BRUKERREISE_FUZZ_CASES=5000 runs more of the same sequence."""

from __future__ import annotations

import os
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from support import ROOT
from support import JARGON

from brukerreise.api import check
from brukerreise.cli import main

JOURNEYS = ROOT / "journeys"
SOURCES = sorted(p for p in JOURNEYS.glob("*.yaml") if p.stem not in ("actors", "data-items"))
REGISTRIES = (JOURNEYS / "actors.yaml", JOURNEYS / "data-items.yaml")
CASES = int(os.environ.get("BRUKERREISE_FUZZ_CASES", "400"))
SEED = 20261202
SHAPE = re.compile(r"^[^\n]+:\d+:\d+: (error|warning): [^\n]+$")

SPECIAL = list(":-[]{}#&*!|>'\"%@`,?\t\n\\ ") + [
    "\u00a0", "“", "”", "«", "\u202e", "\u2028", "\x00", "\x1b", "\x7f", "\ufeff", "\u200b", "😀", "ø", "\r", "---\n",
]
VALUES = [
    "1" * 5000, "-" + "9" * 4400, "1e400", "-.inf", ".nan", "0x1F", "0o17", "-0", "null", "~", "[]", "{}", "[a, [b]]",
    "{a: {b: c}}", "true", "'x'", '"a\\nb"', '"\\u202enav"', '"\\0"', "x" * 10_000, "Nav", "NAV", "nav ", "|\n  tekst",
    ">-\n  tekst", "*alias", "&anker verdi", "!!str x", "!!python/object:os.system x", "2026-12-02", "12:30", "- a",
    # Texts that validate, for the exporters: markup, formulas, format strings, scripts, huge and odd text.
    '"<script>&amp;</script>"', '"| a | b |\\n---"', '"=HYPERLINK(\\"x\\")"', '"😀👨‍👩‍👧 ❤️"', '"\\u202eLTR\\u2066x"',
    '"a\\u0301\\u0301\\u0301"', '"{{ x }} %s %(x)s {0}"', '"\\\\"', '"-- >"', '"]]>"', '"' + "Lang tekst " * 2000 + '"',
    "-2", "2", "0", "digital", "automatisk", "user", "manual",
]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _mutations() -> list[Callable[[random.Random, str], str]]:
    def delete_line(rng: random.Random, text: str) -> str:
        lines = _lines(text)
        del lines[rng.randrange(len(lines))]
        return "\n".join(lines)

    def duplicate_line(rng: random.Random, text: str) -> str:
        lines = _lines(text)
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
        return "\n".join(lines)

    def swap_lines(rng: random.Random, text: str) -> str:
        lines = _lines(text)
        if len(lines) < 2:
            return text
        i = rng.randrange(len(lines) - 1)
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
        return "\n".join(lines)

    def indent(rng: random.Random, text: str) -> str:
        lines = _lines(text)
        i = rng.randrange(len(lines))
        lines[i] = " " * rng.randint(1, 3) + lines[i] if rng.random() < 0.5 else lines[i][rng.randint(1, 3):]
        return "\n".join(lines)

    def insert_char(rng: random.Random, text: str) -> str:
        i = rng.randrange(len(text))
        return text[:i] + rng.choice(SPECIAL) + text[i:]

    def delete_char(rng: random.Random, text: str) -> str:
        i = rng.randrange(len(text))
        return text[:i] + text[i + 1:]

    def replace_value(rng: random.Random, text: str) -> str:
        lines = _lines(text)
        keyed = [i for i, line in enumerate(lines) if re.match(r"^\s*(- )?[a-z_]+: \S", line)]
        if not keyed:
            return text
        i = rng.choice(keyed)
        key = lines[i].split(": ", 1)[0]
        lines[i] = f"{key}: {rng.choice(VALUES)}"
        return "\n".join(lines)

    def swap_ids(rng: random.Random, text: str) -> str:
        words = re.findall(r"(?<=: )[a-z][a-z0-9-]+", text)
        if not words:
            return text
        a, b = rng.choice(words), rng.choice(words)
        return text.replace(a, b, rng.randint(1, 3))

    def rename_key(rng: random.Random, text: str) -> str:
        keys = sorted(set(re.findall(r"(?m)^\s*(?:- )?([a-z_]+):", text)))
        if not keys:
            return text
        key = rng.choice(keys)
        return text.replace(f"{key}:", rng.choice([key[:-1], key + "s", key.upper(), "", key + " "]) + ":", 1)

    def truncate(rng: random.Random, text: str) -> str:
        return text[: rng.randrange(len(text))]

    def move_block(rng: random.Random, text: str) -> str:
        lines = _lines(text)
        i = rng.randrange(len(lines))
        j = min(len(lines), i + rng.randint(1, 8))
        block, rest = lines[i:j], lines[:i] + lines[j:]
        k = rng.randrange(len(rest) + 1)
        return "\n".join(rest[:k] + block + rest[k:])

    return [delete_line, duplicate_line, swap_lines, indent, insert_char, delete_char, replace_value,
            swap_ids, rename_key, truncate, move_block]


MUTATIONS = _mutations()


def mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        if len(text) < 2:
            break
        text = rng.choice(MUTATIONS)(rng, text)
    return text


def cases() -> list[tuple[int, str, str]]:
    """(case number, which file is mutated, its new text), the same sequence on every machine."""
    rng = random.Random(SEED)
    found = []
    texts = {p.name: p.read_text(encoding="utf-8") for p in (*SOURCES, *REGISTRIES)}
    for number in range(CASES):
        name = rng.choice(list(texts)) if rng.random() < 0.1 else rng.choice([p.name for p in SOURCES])
        found.append((number, name, mutate(rng, texts[name])))
    return found


def assert_clean(issues) -> None:
    for issue in issues:
        line = str(issue)
        assert SHAPE.match(line), line
        assert issue.line >= 1 and issue.col >= 1, line
        assert not JARGON.search(issue.message), line  # no parser vocabulary


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _prepare(folder: Path, name: str, text: str) -> Path:
    for registry in REGISTRIES:
        shutil.copyfile(registry, folder / registry.name)
    target = folder / (name if name in {r.name for r in REGISTRIES} else "journey.yaml")
    target.write_text(text, encoding="utf-8", errors="surrogatepass")
    journey = folder / "journey.yaml"
    if target != journey:
        shutil.copyfile(SOURCES[0], journey)
    return journey


def test_mutated_journeys_never_break_the_reading_or_the_exporters(folder):
    from brukerreise.export import EXPORTERS

    valid = 0
    for number, name, text in cases():
        journey = _prepare(folder, name, text)
        try:
            checked = check([journey])
            assert_clean(checked.issues)
            for analysis in checked.analyse():
                valid += 1
                for fmt in ("json", "markdown", "text"):
                    assert EXPORTERS["report"].export(analysis, fmt, "nb")
                assert EXPORTERS["swimlane"].export(analysis, "dot", "en")
                if valid % 40 == 1:  # the slow ones, now and then
                    assert EXPORTERS["deck"].export(analysis, "pptx", "nb")
                    if shutil.which("neato"):
                        assert EXPORTERS["swimlane"].export(analysis, "svg", "nb")
        except Exception as exc:
            raise AssertionError(f"case {number} ({name}) raised {exc!r}:\n{text[:3000]}") from exc
    assert valid > 0  # some mutations keep a journey valid: the exporters did run


def test_mutated_journeys_through_the_command_line(folder, capsys):
    for number, name, text in cases()[::10]:
        journey = _prepare(folder, name, text)
        capsys.readouterr()
        code = main(["validate", str(journey)])
        err = capsys.readouterr().err
        assert code in (0, 1), f"case {number}: exit {code}\n{err}"
        lines = err.splitlines()
        assert lines and all(SHAPE.match(line) for line in lines[:-1]), f"case {number}:\n{err}"
        assert "Traceback" not in err
        code = main(["analyse", "--format", "json", str(journey)])
        out, err = capsys.readouterr()
        assert code in (0, 1) and (code == 1) == (out == ""), f"case {number}: exit {code}\n{err}"
        assert all(SHAPE.match(line) for line in err.splitlines()[:-1]), f"case {number}:\n{err}"
        if code == 0:
            code = main(["render", str(journey), "--format", "dot", "-o", str(folder / "out")])
            assert code == 0, f"case {number}: render exit {code}\n{capsys.readouterr().err}"
