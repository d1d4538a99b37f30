"""The documentation: `mkdocs build --strict` passes offline, and the generated reference pages say every
subcommand, option and journey field there is (they are made from the parsers and the schema)."""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys

import pytest

from support import ROOT

pytestmark = pytest.mark.skipif(importlib.util.find_spec("mkdocs") is None, reason="mkdocs is not installed")


def _hook():
    spec = importlib.util.spec_from_file_location("docs_reference", ROOT / "docs" / "hooks" / "reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_docs_build_strictly(tmp_path):
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for page in ("index.html", "reference/commands/index.html", "reference/format/index.html",
                 "reference/analysis-json/index.html", "architecture/index.html", "speed/index.html"):
        assert (tmp_path / "site" / page).is_file(), page
    shutil.rmtree(tmp_path / "site")


def test_the_command_reference_has_every_subcommand_and_option():
    from brukerreise import cli

    page = _hook().commands_page()
    for name in cli.SUBCOMMANDS:
        assert f"\n## {name}\n" in page
        parser = cli._parser(name)
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[name]
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                assert "-h, --help" in page  # in the help text, not the table
                continue
            for option in action.option_strings:
                assert f"`{option}`" in page, (name, option)


def test_the_format_reference_has_every_field_of_the_schema():
    from brukerreise.reading.schema import schema_text

    page = _hook().format_page()
    for kind in ("journey", "actors", "data-items"):
        schema = json.loads(schema_text(kind))
        for part in (schema, *schema.get("definitions", {}).values()):
            for field in part.get("properties", {}):
                assert f"| `{field}` |" in page, (kind, field)
