"""The command line: parse options, call one orchestration function, map failures to exit codes.

Exit codes: 0 all well, 1 invalid input (a journey or registry has errors, or warnings with --strict),
2 usage or environment (bad options, missing files, Graphviz missing, an output that cannot be written).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from . import __version__

OK, INVALID, USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's default exit code for usage errors is 2 too
        self.print_usage(sys.stderr)
        self.exit(USAGE, f"brukerreise: error: {message}\n")


def _with_paths(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="journey files or folders (default: journeys/)")


def _with_lang(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=("nb", "en"), default="nb", help="language of labels (default: nb)")


def _validate_options(p: argparse.ArgumentParser) -> None:
    _with_paths(p)
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("-q", "--quiet", action="store_true", help="print problems only, no summary")


def _schema_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--kind", choices=("journey", "actors", "data-items"), default="journey")


def _new_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", help="the journey id, e.g. fa-barn")
    p.add_argument("--life-event", required=True, help="one of the seven life events, e.g. 'Få barn'")
    p.add_argument("--dir", type=Path, default=None, help="folder to write to (default: journeys/ if it exists, else .)")


def _analyse_options(p: argparse.ArgumentParser) -> None:
    _with_paths(p)
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    _with_lang(p)


def _render_options(p: argparse.ArgumentParser) -> None:
    _with_paths(p)
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="folder for the diagrams")
    p.add_argument("--format", action="append", default=None, metavar="FMT",
                   help="svg, png, pdf or dot (swimlane), mermaid, mermaid-data, mermaid-journey, mermaid-wiki or bpmn; "
                        "repeat or separate with commas (default: svg)")
    _with_lang(p)


def _deck_options(p: argparse.ArgumentParser) -> None:
    _with_paths(p)
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="folder for the decks")
    _with_lang(p)


def _build_options(p: argparse.ArgumentParser) -> None:
    _with_paths(p)
    p.add_argument("-o", "--output", type=Path, default=Path("out"), metavar="DIR", help="output folder (default: out/)")
    p.add_argument("--jobs", type=int, default=None, help="journeys built at once (default: by CPU count)")
    _with_lang(p)


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every subcommand, or with `only`, of that one: argparse takes longer to set up all
    seven than `validate` takes to check a journey. Usage lines and messages are the same either way."""
    parser = _Parser(
        prog="brukerreise",
        description="Cross-agency user journeys as code: validate, analyse, and draw swimlanes and workshop decks.",
        epilog="Start with 'brukerreise new NAME --life-event \"Få barn\"', then 'brukerreise validate'. "
        "Exit codes: 0 all well, 1 invalid input, 2 usage or environment.",
    )
    parser.add_argument("--version", action="version", version=f"brukerreise {__version__}")
    sub = parser.add_subparsers(
        dest="command", required=True, parser_class=_Parser, metavar="COMMAND"
    )
    for name, (aliases, summary, declare_options, _) in SUBCOMMANDS.items():
        if only is None or only == name:
            declare_options(sub.add_parser(name, aliases=list(aliases), help=summary))
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    argv = list(sys.argv[1:] if argv is None else argv)
    named = _NAMES.get(argv[0]) if argv else None  # a subcommand first: only its parser is needed
    return _parser(named).parse_args(argv)


def _print_issues(checked) -> None:  # type: ignore[no-untyped-def]
    for issue in checked.issues:
        print(issue, file=sys.stderr)


def _summary(checked, strict: bool) -> str:  # type: ignore[no-untyped-def]
    ws = checked.workspace
    n_err, n_warn = len(checked.errors), len(checked.warnings)
    files = f"{len(ws.files)} file{'s' * (len(ws.files) != 1)}, {len(ws.journeys)} journey{'s' * (len(ws.journeys) != 1)}"
    if not n_err and not n_warn:
        return f"{files}: no problems"
    counts = f"{n_err} error{'s' * (n_err != 1)}, {n_warn} warning{'s' * (n_warn != 1)}"
    return f"{files}: {counts}" + (" (warnings count as errors with --strict)" if strict and n_warn and not n_err else "")


def cmd_validate(args: argparse.Namespace) -> int:
    from .api import check

    checked = check(args.paths)
    _print_issues(checked)
    if not args.quiet:
        print(_summary(checked, args.strict), file=sys.stderr)
    return OK if checked.is_valid(strict=args.strict) else INVALID


def cmd_schema(args: argparse.Namespace) -> int:
    from .reading.schema import schema_text

    sys.stdout.write(schema_text(args.kind))
    return OK


def cmd_new(args: argparse.Namespace) -> int:
    from .starter import create

    folder = args.dir if args.dir is not None else (Path("journeys") if Path("journeys").is_dir() else Path("."))
    path = create(args.name, args.life_event, folder)
    print(f"wrote {path}: check it with 'brukerreise validate {path}'", file=sys.stderr)
    return OK


def cmd_analyse(args: argparse.Namespace) -> int:
    from .api import analyse_paths
    from .export.report import render

    analyses, portfolio, checked = analyse_paths(args.paths)
    _print_issues(checked)
    if not checked.is_valid():
        print(_summary(checked, False), file=sys.stderr)
        return INVALID
    sys.stdout.write(render(analyses, portfolio, args.format, args.lang))
    return OK


# The exporters whose formats `render` writes: the swimlane, and the exports for wikis and modelers.
RENDERED = ("swimlane", "mermaid", "bpmn")


def _formats(given: list[str] | None) -> list[str]:
    from .export import EXPORTERS

    formats = [f for name in RENDERED for f in EXPORTERS[name].formats]

    chosen = [f.strip().lower() for g in (given or ["svg"]) for f in g.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in formats]
    if unknown:
        from .reading.loading import UsageError

        raise UsageError(f"unknown format '{unknown[0]}': choose from {', '.join(formats)}")
    return list(dict.fromkeys(chosen))


def cmd_render(args: argparse.Namespace) -> int:
    from .build import Target, run
    from .export import EXPORTERS

    exporter = {f: name for name in RENDERED for f in EXPORTERS[name].formats}
    targets = [Target(exporter[f], f) for f in _formats(args.format)]
    return run(args.paths, args.output, targets, args.lang, jobs=1)


def cmd_deck(args: argparse.Namespace) -> int:
    from .build import Target, run

    return run(args.paths, args.output, [Target.deck()], args.lang, jobs=1)


def cmd_build(args: argparse.Namespace) -> int:
    from .build import everything, run

    return run(args.paths, args.output, everything(), args.lang, jobs=args.jobs, portfolio=True)


# Each subcommand: its other names, its help line, how its options are declared, and what it runs.
SUBCOMMANDS: dict[str, tuple[tuple[str, ...], str, Callable[[argparse.ArgumentParser], None],
                             Callable[[argparse.Namespace], int]]] = {
    "validate": ((), "check journeys and registries; report every problem", _validate_options, cmd_validate),
    "schema": ((), "print the JSON Schema (draft-07) that editors use", _schema_options, cmd_schema),
    "new": ((), "write a commented starter journey", _new_options, cmd_new),
    "analyse": (("analyze",), "where agencies meet the journey", _analyse_options, cmd_analyse),
    "render": ((), "draw swimlane diagrams with Graphviz, or export Mermaid and BPMN", _render_options, cmd_render),
    "deck": ((), "build PowerPoint workshop decks", _deck_options, cmd_deck),
    "build": ((), "validate, analyse and write everything for every journey", _build_options, cmd_build),
}
_NAMES = {alias: name for name, (aliases, *_) in SUBCOMMANDS.items() for alias in (name, *aliases)}


def main(argv: Sequence[str] | None = None) -> int:
    from .reading.loading import UsageError
    from .output import OutputError

    args = parse_args(argv)
    *_, run_command = SUBCOMMANDS[_NAMES[args.command]]
    try:
        return run_command(args)
    except (UsageError, OutputError) as exc:
        print(f"brukerreise: error: {exc}", file=sys.stderr)
        return USAGE
    except _environment_errors() as exc:
        print(f"brukerreise: error: {exc}", file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        print("brukerreise: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK


def _environment_errors() -> tuple[type[BaseException], ...]:
    """Failures of the machine rather than of the input: missing Graphviz, a full disk, no permission."""
    errors: list[type[BaseException]] = [OSError]
    if "brukerreise.export.swimlane" in sys.modules:
        errors.append(sys.modules["brukerreise.export.swimlane"].GraphvizMissing)
    return tuple(errors)


def settle_collector() -> None:
    """Set Python's cycle collector for a command run in a process of its own. What is loaded by now
    lives until the process ends: frozen, it is left out of every collection. A journey's data holds
    almost no reference cycles, so collections can be rare: with the default thresholds, each full
    collection walks all the data read so far, and a journey of 5,000 steps costs a third more per step
    than one of 1,000."""
    gc.freeze()
    gc.set_threshold(100_000, 20, 100)


def run() -> NoReturn:
    """The entry point of the `brukerreise` command (and `python -m brukerreise`): `main` in a process
    of its own. (`main` leaves the collector alone: tests and other callers run it in-process.)"""
    settle_collector()
    sys.exit(main())


if __name__ == "__main__":
    run()
