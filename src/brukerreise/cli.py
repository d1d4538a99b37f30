"""The command line: parse options, call one orchestration function, map failures to exit codes.

Exit codes: 0 all well, 1 invalid input (a journey or registry has errors, or warnings with --strict),
2 usage or environment (bad options, missing files, Graphviz missing, an output that cannot be written).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn

from . import __version__
from .render import LANGUAGES
from .status import ExitStatus

if TYPE_CHECKING:  # argparse (and pathlib) load only when options need more than the plain `validate PATH...`
    import argparse
    from pathlib import Path

    from .build import Target

OK, INVALID, USAGE = ExitStatus.OK, ExitStatus.INVALID, ExitStatus.USAGE


def _with_paths(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="journey files or folders (default: journeys/)")


def _with_lang(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=LANGUAGES, default=LANGUAGES[0],
                   help="language of the labels: nb (bokmål), nn (nynorsk) or en (English); default: nb")


def _validate_options(p: argparse.ArgumentParser) -> None:
    _with_paths(p)
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("-q", "--quiet", action="store_true", help="print problems only, no summary")
    p.add_argument("--format", choices=("text", "github", "json", "sarif"), default="text",
                   help="text (default, on stderr); github: GitHub Actions annotations; json or sarif: for other CI "
                        "(these three on stdout)")


def _schema_options(p: argparse.ArgumentParser) -> None:
    from pathlib import Path  # loaded only for the options and commands that take paths

    p.add_argument("folder", nargs="?", type=Path, default=None, metavar="FOLDER",
                   help="a journey folder: the schema then knows the actors and data items of its registries")
    p.add_argument("--kind", choices=("journey", "actors", "data-items"), default="journey")
    p.add_argument("--write", action="store_true",
                   help="write all three schemas into FOLDER/schema/ (default FOLDER: journeys/)")


def _new_options(p: argparse.ArgumentParser) -> None:
    from pathlib import Path  # loaded only for the options and commands that take paths

    p.add_argument("name", help="the journey id, e.g. fa-barn")
    p.add_argument("--life-event", required=True, help="one of the seven life events, e.g. 'Få barn'")
    p.add_argument("--dir", type=Path, default=Path("journeys"), help="folder to write to (default: journeys/, made if missing)")


def _registries_options(p: argparse.ArgumentParser) -> None:
    from pathlib import Path  # loaded only for the options and commands that take paths

    p.add_argument("folder", nargs="?", type=Path, default=Path("journeys"), metavar="FOLDER",
                   help="the journey folder to write actors.yaml and data-items.yaml into (default: journeys/, made if missing)")


def _analyse_options(p: argparse.ArgumentParser) -> None:
    _with_paths(p)
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    _with_lang(p)


def _compare_options(p: argparse.ArgumentParser) -> None:
    _with_paths(p)
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    _with_lang(p)


def _render_options(p: argparse.ArgumentParser) -> None:
    from pathlib import Path  # loaded only for the options and commands that take paths

    _with_paths(p)
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="folder for the diagrams")
    p.add_argument("--format", action="append", default=None, metavar="FMT",
                   help="svg, png, pdf or dot (swimlane), mermaid, mermaid-data, mermaid-journey, mermaid-wiki, bpmn or drawio; "
                        "repeat or separate with commas (default: svg)")
    _with_lang(p)


def _deck_options(p: argparse.ArgumentParser) -> None:
    from pathlib import Path  # loaded only for the options and commands that take paths

    _with_paths(p)
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="folder for the decks")
    _with_lang(p)


def _build_options(p: argparse.ArgumentParser) -> None:
    from pathlib import Path  # loaded only for the options and commands that take paths

    _with_paths(p)
    p.add_argument("-o", "--output", type=Path, default=Path("out"), metavar="DIR", help="output folder (default: out/)")
    p.add_argument("--jobs", type=int, default=None, help="journeys built at once (default: by CPU count)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary line: problems only")
    _with_lang(p)


def _port(text: str) -> int:
    import argparse

    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: give a number from 1 to 65535 (0 picks a free one)")
    return port


def _serve_options(p: argparse.ArgumentParser) -> None:
    _with_paths(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=_port, default=8000, help="port (default: 8000; 0 picks a free one)")
    _with_lang(p)


def _export_options(p: argparse.ArgumentParser) -> None:
    from pathlib import Path  # loaded only for the options and commands that take paths

    _with_paths(p)
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="output folder")
    p.add_argument("--format", action="append", default=None, metavar="FMT",
                   help="formats (xlsx, csv, pptx, svg, markdown ...), exporters (spreadsheet, deck ...) or "
                   "EXPORTER:FORMAT; repeat or separate with commas (default: xlsx)")
    _with_lang(p)


def _registry_options(p: argparse.ArgumentParser) -> None:
    from pathlib import Path  # loaded only for the options and commands that take paths

    p.add_argument("--actors", type=Path, default=None, metavar="FILE",
                   help="the actor registry (default: actors.yaml in the output folder)")
    p.add_argument("--data-items", type=Path, default=None, metavar="FILE",
                   help="the data item registry (default: data-items.yaml in the output folder)")


def _import_options(p: argparse.ArgumentParser) -> None:
    from pathlib import Path  # loaded only for the options and commands that take paths

    p.add_argument("file", type=Path, metavar="FILE", help="a sheet of steps: .xlsx or .csv")
    p.add_argument("-o", "--output", type=Path, default=None, metavar="DIR",
                   help="folder for the journey (default: journeys/ if it exists, else .)")
    p.add_argument("--id", default=None, help="the journey id (default: from the sheet, else the file name)")
    p.add_argument("--life-event", default=None, help="one of the seven life events (default: from the sheet)")
    p.add_argument("--title", default=None, help="the journey's title (default: from the sheet)")
    p.add_argument("--own-organisations", default=None, metavar="ACTORS",
                   help="the organisations the user runs, actor ids or names separated by commas (default: from the "
                        "sheet; a CSV has no place for them)")
    p.add_argument("--sheet", default=None, help="the sheet of steps in a workbook (default: 'Steg', 'Steps' or the first)")
    _registry_options(p)


def _template_options(p: argparse.ArgumentParser) -> None:
    from pathlib import Path  # loaded only for the options and commands that take paths

    p.add_argument("-o", "--output", type=Path, default=Path("brukerreise-mal.xlsx"), metavar="FILE",
                   help="the template to write (default: brukerreise-mal.xlsx)")
    p.add_argument("--registries", type=Path, default=None, metavar="DIR",
                   help="folder with actors.yaml (default: journeys/ if it exists, else .)")
    _registry_options(p)
    _with_lang(p)


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every subcommand, or with `only`, of that one: argparse takes longer to set up all
    seven than `validate` takes to check a journey. Usage lines and messages are the same either way."""
    from .cliparser import Parser

    parser = Parser(
        prog="brukerreise",
        description="Cross-agency user journeys as code: validate, analyse, and draw swimlanes and workshop decks.",
        epilog="Start with 'brukerreise new NAME --life-event \"Få barn\"', then 'brukerreise validate'. "
        "Exit codes: 0 all well, 1 invalid input, 2 usage or environment.",
    )
    parser.add_argument("--version", action="version", version=f"brukerreise {__version__}")
    sub = parser.add_subparsers(
        dest="command", required=True, parser_class=Parser, metavar="COMMAND"
    )
    for name, (aliases, summary, declare_options, _) in SUBCOMMANDS.items():
        if only is None or only == name:
            declare_options(sub.add_parser(name, aliases=list(aliases), help=summary))
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    argv = list(sys.argv[1:] if argv is None else argv)
    named = _NAMES.get(argv[0]) if argv else None  # a subcommand first: only its parser is needed
    if argv[:1] == ["validate"] and all(arg and not arg.startswith("-") for arg in argv[1:]):
        return _plain_validate(argv[1:])
    return _parser(named).parse_args(argv)


def _plain_validate(paths: list[str]) -> argparse.Namespace:
    """`validate` with paths and no options, the way editors and CI call it, read without argparse (loading
    and setting it up cost about as much as checking a journey): the same values its parser gives."""
    from types import SimpleNamespace

    return SimpleNamespace(command="validate", paths=paths, strict=False, quiet=False, format="text")  # type: ignore[return-value]  # a Namespace in all but name: the same attributes


def _print_issues(checked) -> None:
    for issue in checked.issues:
        print(issue, file=sys.stderr)


def _plural(count: int, noun: str, many: str | None = None) -> str:
    return f"{count} {noun if count == 1 else many or noun + 's'}"


def _summary(checked, strict: bool) -> str:
    """What was given, what became of it, and what was found: '1 file (and the 2 registries beside it),
    0 journeys: 1 error, 0 warnings — x.yaml could not be read'."""
    ws = checked.workspace
    n_err, n_warn = len(checked.errors), len(checked.warnings)
    files = _plural(len(ws.given), "file")
    if ws.beside:
        files += f" (and the {_plural(len(ws.beside), 'registry', 'registries')} beside {'it' if len(ws.given) == 1 else 'them'})"
    files += f", {_plural(len(ws.journeys), 'journey')}"
    if not n_err and not n_warn:
        return f"{files}: no problems"
    counts = f"{_plural(n_err, 'error')}, {_plural(n_warn, 'warning')}"
    summary = f"{files}: {counts}" + (" (warnings count as errors with --strict)" if strict and n_warn and not n_err else "")
    if ws.unreadable:
        named = ", ".join(ws.unreadable[:3]) + (f" and {len(ws.unreadable) - 3} more" if len(ws.unreadable) > 3 else "")
        verb = "could not be read" if len(ws.unreadable) == 1 else f"({len(ws.unreadable)} files) could not be read"
        summary += f" — {named} {verb}"
    return summary


def cmd_validate(args: argparse.Namespace) -> int:
    from .api import check

    checked = check(args.paths)
    if args.format == "text":
        _print_issues(checked)
    else:
        from .annotations import render

        sys.stdout.write(render(checked.issues, args.format, _summary(checked, args.strict)))
    if not args.quiet:
        print(_summary(checked, args.strict), file=sys.stderr)
    return OK if checked.is_valid(strict=args.strict) else INVALID


def cmd_schema(args: argparse.Namespace) -> int:
    from pathlib import Path  # loaded only for the options and commands that take paths

    from .reading.schema import schema_text

    if args.folder is None and not args.write:
        sys.stdout.write(schema_text(args.kind))  # the generic schema, for journeys without registries
        return OK
    from .editor import known_in, write_schemas
    from .errors import UsageError
    from .reading.quoting import escaped

    folder = args.folder if args.folder is not None else Path("journeys")
    if not folder.is_dir():
        raise UsageError(f"{escaped(str(folder))}: no such folder")
    known, errors = known_in(folder)
    for issue in errors:
        print(issue, file=sys.stderr)
    if errors:
        print("no schema written: fix the errors in the registries first", file=sys.stderr)
        return INVALID
    if not args.write:
        sys.stdout.write(schema_text(args.kind, known))
        return OK
    for path in write_schemas(folder, known):
        print(f"wrote {escaped(str(path))}", file=sys.stderr)
    if known is None:
        print(f"no actors.yaml or data-items.yaml in {escaped(str(folder))}, and no journey there defines actors or data "
              "items: the schemas are the generic ones", file=sys.stderr)
    return OK


def cmd_new(args: argparse.Namespace) -> int:
    from .starter import create

    from .reading.quoting import escaped

    path, schemas, shared = create(args.name, args.life_event, args.dir)
    if schemas:
        shown = ", ".join(escaped(str(schema)) for schema in schemas)
        print(f"wrote {shown}: the schemas your editor checks journeys and registries with", file=sys.stderr)
    print(f"wrote {escaped(str(path))}: check it with 'brukerreise validate {escaped(str(path))}'", file=sys.stderr)
    if not shared:
        print(f"no actors.yaml beside it, so the journey defines its own actors; for the shared agencies and data "
              f"items, run 'brukerreise registries {escaped(str(args.dir))}'", file=sys.stderr)
    return OK


def cmd_registries(args: argparse.Namespace) -> int:
    from .reading.quoting import escaped
    from .reading.quoting import quote
    from .registries import defined_twice, write_registries

    written, kept, schemas = write_registries(args.folder)
    for path in written:
        print(f"wrote {escaped(str(path))}: the shared registry, to use and extend", file=sys.stderr)
    for file, ids in defined_twice(args.folder) if written else ():
        print(f"{file} defines {', '.join(quote(i) for i in ids)} itself, which the shared registry has now: "
              f"remove {'it' if len(ids) == 1 else 'them'} from the journey's own list", file=sys.stderr)
    for path in kept:
        print(f"kept {escaped(str(path))}: it is there already (nothing written over it)", file=sys.stderr)
    if schemas:
        print(f"wrote {', '.join(escaped(str(s)) for s in schemas)}: the schemas your editor checks journeys with",
              file=sys.stderr)
    else:
        print(f"no schema written: fix the errors in the registries first ('brukerreise validate {escaped(str(args.folder))}')",
              file=sys.stderr)
        return INVALID
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


def cmd_compare(args: argparse.Namespace) -> int:
    from .api import check
    from .export.comparison.report import render

    checked = check(args.paths)
    _print_issues(checked)
    if not checked.is_valid():
        print(_summary(checked, False), file=sys.stderr)
        return INVALID
    comparisons = [a.comparison for a in checked.analyse() if a.comparison is not None]
    sys.stdout.write(render(comparisons, args.format, args.lang))
    return OK


# The exporters whose formats `render` writes: the swimlane, and the exports for wikis and modelers.
RENDERED = ("swimlane", "mermaid", "bpmn", "drawio")


def cmd_render(args: argparse.Namespace) -> int:
    from .build import Options, run

    return run(Options(args.paths, _targets(args.format, RENDERED, "svg"), args.lang, jobs=1), args.output)


def cmd_deck(args: argparse.Namespace) -> int:
    from .build import Options, Target, run

    return run(Options(args.paths, [Target("deck", "pptx")], args.lang, jobs=1), args.output)


def cmd_build(args: argparse.Namespace) -> int:
    from .build import Options, run

    return run(Options(args.paths, lang=args.lang, jobs=args.jobs, across=True, site=True), args.output,
               summary=True, quiet=args.quiet)


def cmd_serve(args: argparse.Namespace) -> int:
    from .export.swimlane import require_graphviz
    from .serve import Server

    require_graphviz()
    server = Server(args.paths, args.host, args.port, args.lang)
    print(f"serving the journeys at {server.url} (Ctrl-C stops); pages reload when a file is saved",
          file=sys.stderr, flush=True)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"note: listening on '{args.host}': other machines that reach it can read the journeys",
              file=sys.stderr, flush=True)
        if server.shared_url:
            print(f"other machines open it at {server.shared_url}", file=sys.stderr, flush=True)
        elif args.host in ("0.0.0.0", "::"):
            print("note: this machine has no network address others can reach", file=sys.stderr, flush=True)
    server.serve()
    print("brukerreise: stopped", file=sys.stderr)
    return OK


def _targets(given: list[str] | None, among: Sequence[str], default: str) -> list[Target]:
    """The targets `--format` names, among the exporters `among` (one parser and one message for `render` and
    `export`): names of formats ('xlsx'), of exporters ('spreadsheet': all its formats) or both
    ('report:json'), comma-separated or repeated."""
    from .build import Target
    from .errors import UsageError
    from .export import EXPORTERS
    from .reading.quoting import quote
    from .reading.suggest import did_you_mean

    exporters = [EXPORTERS[name] for name in among]
    makers: dict[str, list[str]] = {}
    for exporter in exporters:
        for fmt in exporter.formats:
            makers.setdefault(fmt, []).append(exporter.name)
    names = [*makers, *among, *(f"{e.name}:{f}" for e in exporters for f in e.formats)]
    targets = []
    for name in [f.strip().lower() for g in (given or [default]) for f in g.split(",") if f.strip()]:
        kind, _, fmt = name.rpartition(":")
        if kind in among and fmt in EXPORTERS[kind].formats:
            targets.append(Target(kind, fmt))
        elif name in among:
            targets += [Target(name, f) for f in EXPORTERS[name].formats]
        elif len(makers.get(name, ())) == 1:
            targets.append(Target(makers[name][0], name))
        elif name in makers:
            raise UsageError(f"format {quote(name)} is written by {' and '.join(makers[name])}: say which, e.g. '{makers[name][0]}:{name}'")
        else:
            raise UsageError(f"unknown format {quote(name)}{did_you_mean(name, names)}: choose from {', '.join(dict.fromkeys(names[:len(makers) + len(among)]))}")
    return list(dict.fromkeys(targets))


def cmd_export(args: argparse.Namespace) -> int:
    from .build import Options, run
    from .export import EXPORTERS

    return run(Options(args.paths, _targets(args.format, tuple(EXPORTERS), "xlsx"), args.lang, jobs=1, across=True), args.output)


def _default_folder(given: Path | None) -> Path:
    from pathlib import Path  # loaded only for the options and commands that take paths

    if given is not None:
        return given
    return Path("journeys") if Path("journeys").is_dir() else Path(".")


def cmd_import(args: argparse.Namespace) -> int:
    from .sheets.importer import Request, import_sheet

    request = Request(args.file, _default_folder(args.output), args.id, args.life_event, args.title, args.sheet,
                      args.actors, args.data_items, args.own_organisations)
    return OK if import_sheet(request) else INVALID


def cmd_template(args: argparse.Namespace) -> int:
    from .sheets.template import write_template

    path = write_template(args.output, _default_folder(args.registries), args.actors, args.data_items, args.lang)
    print(f"wrote {path}: fill in one row per step, then 'brukerreise import {path}'", file=sys.stderr)
    return OK


# Each subcommand: its other names, its help line, how its options are declared, and what it runs.
SUBCOMMANDS: dict[str, tuple[tuple[str, ...], str, Callable[[argparse.ArgumentParser], None],
                             Callable[[argparse.Namespace], int]]] = {
    "validate": ((), "check journeys and registries; report every problem", _validate_options, cmd_validate),
    "schema": ((), "print the JSON Schema (draft-07) that editors use", _schema_options, cmd_schema),
    "new": ((), "write a commented starter journey", _new_options, cmd_new),
    "registries": ((), "write the shipped actors.yaml and data-items.yaml into a journey folder", _registries_options,
                   cmd_registries),
    "analyse": (("analyze",), "where agencies meet the journey", _analyse_options, cmd_analyse),
    "compare": ((), "compare to-be journeys with today's: what they gain, agency by agency", _compare_options, cmd_compare),
    "render": ((), "draw swimlane diagrams with Graphviz, or export Mermaid and BPMN", _render_options, cmd_render),
    "deck": ((), "build PowerPoint workshop decks", _deck_options, cmd_deck),
    "build": ((), "validate, analyse and write everything for every journey", _build_options, cmd_build),
    "serve": ((), "preview the site on a local web server, updated on every save", _serve_options, cmd_serve),
    "export": ((), "write chosen formats (xlsx, csv, ...) for every journey", _export_options, cmd_export),
    "import": ((), "turn a sheet of steps (.xlsx or .csv) into a commented journey", _import_options, cmd_import),
    "template": ((), "write an XLSX template for a sheet of steps", _template_options, cmd_template),
}
_NAMES = {alias: name for name, (aliases, *_) in SUBCOMMANDS.items() for alias in (name, *aliases)}


def main(argv: Sequence[str] | None = None) -> int:
    from .errors import BrukerreiseError
    from .reading.quoting import escaped

    args = parse_args(argv)
    *_, run_command = SUBCOMMANDS[_NAMES[args.command]]
    try:
        return int(run_command(args))  # a plain int for callers, as the process's exit status
    except BrukerreiseError as exc:  # a usage, environment or output problem, or Graphviz missing: its own code
        print(f"brukerreise: error: {escaped(str(exc))}", file=sys.stderr)
        return int(exc.exit_code)
    except BrokenPipeError:  # the reader of stdout went away (`| head`): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return int(OK)
    except OSError as exc:  # a failure of the machine rather than of the input: a full disk, no permission
        from .errors import os_problem

        print(f"brukerreise: error: {escaped(os_problem(exc))}", file=sys.stderr)
        return int(USAGE)
    except KeyboardInterrupt:
        print("brukerreise: interrupted", file=sys.stderr)
        return int(ExitStatus.INTERRUPTED)


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
    status = main()
    if _NAMES.get(sys.argv[1] if len(sys.argv) > 1 else "") == "validate":
        _end_at_once(status)
    sys.exit(status)


def _end_at_once(status: int) -> None:
    """End the process without Python's teardown, which frees every object read and every module loaded,
    one by one: for `validate` that cost about a tenth of the run, for memory the operating system takes
    back at once. `validate` starts no thread or process, leaves no file open for writing and has nothing
    to run at exit; what it printed is flushed first. Should that fail, the process ends as usual."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        return
    os._exit(status)


if __name__ == "__main__":
    run()
