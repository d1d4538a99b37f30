"""MkDocs hook: the reference pages made from the code each time the docs are built, so they cannot drift.

- reference/commands.md from the command line's own argparse parsers (`brukerreise.cli`);
- reference/format.md from the JSON Schema that `brukerreise schema` prints (`brukerreise.reading.schema`).

Nothing generated is committed. `commands_page()` and `format_page()` are plain functions (the tests call them).
"""

from __future__ import annotations

import argparse
import functools
import json
from typing import Any

WIDTH = 88  # the help text's width on the page, whatever the terminal that builds the docs


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _subparser(name: str) -> argparse.ArgumentParser:
    from brukerreise import cli

    parser = cli._parser(name)
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    found: argparse.ArgumentParser = sub.choices[name]
    found.formatter_class = functools.partial(cli._Formatter, width=WIDTH)  # type: ignore[assignment]
    return found


def _options_table(parser: argparse.ArgumentParser) -> list[str]:
    rows = ["| option | value | default | what it does |", "|---|---|---|---|"]
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        names = ", ".join(f"`{o}`" for o in action.option_strings) or f"`{action.metavar or action.dest}`"
        if not action.option_strings:  # a positional argument: optional when it may be left out
            optional = action.nargs in ("?", "*")
            rows.append(f"| {names} | | {'' if optional else 'required'} | {_cell(action.help or '')} |")
            continue
        if action.choices:
            value = " \\| ".join(f"`{c}`" for c in action.choices)
        elif action.nargs == 0:
            value = ""
        else:
            value = f"`{action.metavar or action.dest.upper()}`"
        default = "" if action.default in (None, False, argparse.SUPPRESS) or action.nargs == 0 else f"`{action.default}`"
        if action.required:
            default = "required"
        rows.append(f"| {names} | {value} | {_cell(default)} | {_cell(action.help or '')} |")
    return rows


def commands_page() -> str:
    from brukerreise import cli

    top = cli._parser()
    top.formatter_class = functools.partial(cli._Formatter, width=WIDTH)  # type: ignore[assignment]
    lines = [
        "# Commands",
        "",
        "Generated from the command line's own parsers when the docs are built: what `brukerreise COMMAND --help`",
        "prints, and each option in a table. Exit status: 0 all well, 1 invalid input, 2 usage or environment.",
        "",
        "```text",
        top.format_help().rstrip(),
        "```",
        "",
    ]
    for name, (aliases, summary, _, _) in cli.SUBCOMMANDS.items():
        parser = _subparser(name)
        lines += [f"## {name}", "", summary[0].upper() + summary[1:] + "."]
        if aliases:
            lines += ["", "Also: " + ", ".join(f"`brukerreise {a}`" for a in aliases) + "."]
        lines += ["", "```text", parser.format_help().rstrip(), "```", "", *_options_table(parser), ""]
    return "\n".join(lines)


def _type(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[1]
        return f"[{name}](#{name.lower()})"
    if "enum" in spec:
        return "one of " + ", ".join(f"`{v}`" for v in spec["enum"])
    kind = spec.get("type", "any")
    if isinstance(kind, list):
        kind = " or ".join(kind)
    if kind == "array":
        return "list of " + _type(spec.get("items", {}))
    if kind == "string" and "pattern" in spec:
        return f"text matching `{spec['pattern']}`"
    bounds = [f"{word} {spec[key]}" for key, word in (("minimum", "at least"), ("maximum", "at most")) if key in spec]
    named = {"string": "text", "integer": "whole number", "number": "number", "boolean": "true or false",
             "object": "mapping"}.get(kind, kind)
    return named + (f" ({', '.join(bounds)})" if bounds else "")


def _fields(schema: dict[str, Any]) -> list[str]:
    required = set(schema.get("required", ()))
    rows = ["| field | required | value | what it is |", "|---|---|---|---|"]
    for name, spec in schema.get("properties", {}).items():
        rows.append(f"| `{name}` | {'yes' if name in required else ''} | {_cell(_type(spec))} | "
                    f"{_cell(spec.get('description', ''))} |")
    return rows


def format_page() -> str:
    from brukerreise.reading.schema import schema_text

    lines = [
        "# Journey format",
        "",
        "Generated from the JSON Schema (draft-07) that `brukerreise schema` prints, when the docs are built.",
        "The schema checks the shape of a file; `brukerreise validate` checks everything else (references,",
        "order, the rules in the guide) and reports every problem at its line and column.",
        "",
    ]
    definitions: dict[str, Any] = {}
    for kind, title in (("journey", "A journey file"), ("actors", "actors.yaml"), ("data-items", "data-items.yaml")):
        schema = json.loads(schema_text(kind))
        definitions.update(schema.get("definitions", {}))
        lines += [f"## {title}", "", schema.get("title", ""), "", *_fields(schema), ""]
    lines += ["## Parts", ""]
    for name in sorted(definitions):
        spec = definitions[name]
        lines += [f"### {name}", ""]
        if spec.get("description"):
            lines += [spec["description"], ""]
        lines += [*_fields(spec), ""] if "properties" in spec else [_type(spec), ""]
    return "\n".join(lines)


PAGES = {"reference/commands.md": commands_page, "reference/format.md": format_page}


def on_files(files, config):  # type: ignore[no-untyped-def]
    from mkdocs.structure.files import File

    for path, make in PAGES.items():
        files.append(File.generated(config, path, content=make()))
    return files
