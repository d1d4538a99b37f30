"""Speed of brukerreise against its unavoidable floor, as ratios (timings never belong in tests).

    python benchmarks/run.py [--reps 5] [--validate-reps 31] [--sizes 50,200,1000,5000] [--journeys journeys]
                             [--limits-only] [--deck-only]

1. `build` of all journeys against: interpreter start and imports, Graphviz laying out the same DOT
   (SVG and PNG), and python-pptx saving blank decks of the same slide counts.     Target: at most 2x.
2. `validate` of all journeys against interpreter start plus importing ruamel.yaml, attrs and cattrs.
                                                                                     Target: at most 1.3x.
3. Generated journeys of growing size: validate + analyse time per step stays flat (linear cost), each
   size timed in a process of its own set up as the command line sets it up; render and deck times
   reported.
4. A 30-step deck: `build_deck` against python-pptx writing the same slides with the same texts in plain text
   boxes (no measuring, no layout), in one process, alternated.                      Target: at most 4x.
5. Limits: peak memory and time of `validate`, `render` and `deck` for 5,000 steps and for 200 lanes
   (target: under 500 MB each), and `validate` of a 5,000-step journey full of errors against a valid
   one (target: at most 3x).
Runs are alternated (a, b, a, b, ...) so that a change in machine load hits both sides; medians reported.
Both wall time and CPU time (user + system, children included) are measured: on a shared virtual machine
the wall clock also counts time the CPU was given to others, so the CPU-time ratio is the steadier one.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))  # the generated journeys the tests use too

import generated as generate  # noqa: E402 - found through the sys.path set above
# As installed: with bytecode. PYTHONDONTWRITEBYTECODE (set on some machines) would have every run
# compile the package from source, a cost no installed copy pays.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "PYTHONPATH": str(ROOT / "src")}
PY = sys.executable


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and everything it started)."""
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run(command, check=True, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start, _children_cpu() - cpu


def alternate(a: list[str], b: list[str], reps: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """Medians of ((wall, cpu) of a, (wall, cpu) of b) over alternating runs."""
    timed(a), timed(b)  # warm the file cache
    ta, tb = [], []
    for _ in range(reps):
        ta.append(timed(a))
        tb.append(timed(b))

    def median(runs: list[tuple[float, float]]) -> tuple[float, float]:
        return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)

    return median(ta), median(tb)


FLOOR_BUILD = """
import subprocess, sys, io
import pptx, graphviz, ruamel.yaml, attrs, cattrs
from pptx.util import Emu
dots, counts = sys.argv[1], [int(n) for n in sys.argv[2].split(",")]
import pathlib
for dot in sorted(pathlib.Path(dots).glob("*.dot")):
    for fmt in ("svg", "png"):
        subprocess.run(["neato", "-n2", "-T" + fmt, str(dot)], check=True, stdout=subprocess.DEVNULL)
for n in counts:
    deck = pptx.Presentation()
    deck.slide_width, deck.slide_height = Emu(12192000), Emu(6858000)
    for _ in range(n):
        deck.slides.add_slide(deck.slide_layouts[6])
    deck.save(io.BytesIO())
"""


def bench_build(journeys: str, reps: int, work: Path) -> tuple[tuple[float, float], tuple[float, float]]:
    from pptx import Presentation

    dots, out = work / "dot", work / "out"
    subprocess.run([PY, "-m", "brukerreise", "render", journeys, "-o", str(dots), "--format", "dot"],
                   check=True, env=ENV, cwd=ROOT, stderr=subprocess.DEVNULL)
    subprocess.run([PY, "-m", "brukerreise", "deck", journeys, "-o", str(work / "decks")],
                   check=True, env=ENV, cwd=ROOT, stderr=subprocess.DEVNULL)
    counts = ",".join(str(len(Presentation(str(p)).slides)) for p in sorted((work / "decks").glob("*.pptx")))
    script = work / "floor_build.py"
    script.write_text(FLOOR_BUILD)
    return alternate(
        [PY, "-m", "brukerreise", "build", journeys, "-o", str(out)],
        [PY, str(script), str(dots), counts],
        reps,
    )


def bench_validate(journeys: str, reps: int) -> tuple[tuple[float, float], tuple[float, float]]:
    return alternate(
        [PY, "-m", "brukerreise", "validate", journeys],
        [PY, "-c", "import ruamel.yaml, attrs, cattrs"],
        reps,
    )


# One size, in a process of its own set up as the command line sets it up: the CPU and wall time of
# validating and analysing, after interpreter start and imports.
SIZE_RUN = """
import sys, time
from brukerreise.api import check
from brukerreise.cli import settle_collector
settle_collector()
c, w = time.process_time(), time.perf_counter()
checked = check([sys.argv[1]])
assert not checked.errors, checked.errors[:3]
[analysis] = checked.analyse()
print(time.process_time() - c, time.perf_counter() - w)
"""


def bench_sizes(
    sizes: list[int], reps: int, work: Path, export_limit: int
) -> list[tuple[int, float, float, float | None, float | None]]:
    """Per size: validate + analyse per step (CPU and wall, medians over repetitions that go round all
    sizes in turn, so that a change in machine load hits every size), then render and deck times (CPU)."""
    from brukerreise.api import check

    folders = {n: generate.valid(n, work / f"gen{n}") for n in sizes}
    cpu: dict[int, list[float]] = {n: [] for n in sizes}
    wall: dict[int, list[float]] = {n: [] for n in sizes}
    for _ in range(reps):
        for n, folder in folders.items():
            done = subprocess.run([PY, "-c", SIZE_RUN, str(folder)], check=True, env=ENV, cwd=ROOT,
                                  capture_output=True, text=True)
            c, w = (float(x) for x in done.stdout.split())
            cpu[n].append(c)
            wall[n].append(w)
    rows = []
    for n, folder in folders.items():
        render_t = deck_t = None
        if n <= export_limit:
            from brukerreise.export.deck import build_deck
            from brukerreise.export.swimlane import render

            [analysis] = check([folder]).analyse()
            c = time.process_time() + _children_cpu()
            render(analysis, "svg")
            render_t = time.process_time() + _children_cpu() - c
            c = time.process_time()
            build_deck(analysis)
            deck_t = time.process_time() - c
        rows.append((n, statistics.median(cpu[n]) / n, statistics.median(wall[n]) / n, render_t, deck_t))
    return rows


def deck_journey() -> dict:
    """A 30-step journey of five offices and the person, three phases, emotions, pain points and data handed
    on: an ordinary workshop's size (the timed test it replaces built it in under 2 s)."""
    owners = ["p", "a0", "a1", "a2", "a3", "a4"]
    return {
        "actors": [{"id": "p", "name": "Person", "short": "Person", "kind": "person"}]
        + [{"id": f"a{i}", "name": f"Etat {i}", "short": f"Etat {i}", "kind": "kommune"} for i in range(5)],
        "data_items": [{"id": "x", "name": "Opplysning", "source": "a0"}],
        "journey": {"journey": "lang", "life_event": "Få barn", "title": "Lang reise",
                    "phases": [{"id": f"f{i}", "title": f"Fase {i}"} for i in range(3)],
                    "steps": [{"id": f"s{i}", "phase": f"f{i // 10}", "owner": owners[i % 6],
                               "title": f"Steg nummer {i} i en ganske vanlig reise", "emotion": (i % 5) - 2,
                               "pain_points": ["Vanskelig å forstå hva som skjer nå"] if i % 4 == 0 else [],
                               "asks_user": ["x"] if i % 5 == 1 else [],
                               "data": [{"item": "x", "from": "a0", "to": "a1", "how": "user"}] if i % 7 == 0 else []}
                              for i in range(30)]},
    }


def bench_deck(reps: int) -> tuple[float, float]:
    """(CPU seconds of build_deck, of its floor) for the 30-step journey, medians of alternating runs; the floor
    writes the deck's slides and texts, one plain text box per text, with python-pptx and saves it."""
    import io

    from pptx import Presentation
    from pptx.util import Emu, Pt
    from strategies import analysis_of

    from brukerreise.export.deck import build_deck

    analysis = analysis_of(deck_journey())
    built = Presentation(io.BytesIO(build_deck(analysis)))
    texts = [[sh.text_frame.text for sh in slide.shapes if sh.has_text_frame] for slide in built.slides]

    def floor() -> None:
        deck = Presentation()
        deck.slide_width, deck.slide_height = Emu(12192000), Emu(6858000)
        for slide_texts in texts:
            slide = deck.slides.add_slide(deck.slide_layouts[6])
            for text in slide_texts:
                slide.shapes.add_textbox(Pt(10), Pt(10), Pt(100), Pt(20)).text_frame.text = text
        deck.save(io.BytesIO())

    ours, theirs = [], []
    for _ in range(reps):
        c = time.process_time()
        build_deck(analysis)
        ours.append(time.process_time() - c)
        c = time.process_time()
        floor()
        theirs.append(time.process_time() - c)
    return statistics.median(ours), statistics.median(theirs)


def print_deck(deck: tuple[float, float], reps: int) -> None:
    ours, floor = deck
    print(f"\n30-step deck ({reps} alternations, CPU medians): {ours:.3f} s; floor (python-pptx, same slides and texts) "
          f"{floor:.3f} s; ratio {ours / floor:.2f}× (target ≤ 4×)")


def measured(command: list[str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak resident megabytes) of one command in a process of its own, the
    programs it runs (Graphviz) included."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=ENV, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def bench_limits(reps: int, work: Path) -> tuple[list[tuple[str, str, float, float, float]], tuple[float, float]]:
    """Medians of (wall, CPU, peak MB) per (journey, command); and the CPU of validating a 5,000-step journey
    full of errors and a valid one."""
    journeys = {"5,000 steps, 15 lanes": generate.valid(5000, work / "steps"),
                "5,000 steps, 200 lanes": generate.valid(5000, work / "lanes", lanes=200),
                "400 steps, 200 lanes": generate.valid(400, work / "wide", lanes=200)}
    commands = {"validate": ["validate"], "render SVG": ["render", "--format", "svg", "-o"],
                "render PNG": ["render", "--format", "png", "-o"], "deck": ["deck", "-o"]}
    rows = []
    for name, folder in journeys.items():
        for label, args in commands.items():
            out = [str(work / "out")] if args[-1] == "-o" else []
            runs = [measured([PY, "-m", "brukerreise", *args, *out, str(folder)]) for _ in range(reps)]
            rows.append((name, label, *(statistics.median(r[i] for r in runs) for i in range(3))))
    broken = generate.broken(5000, work / "broken")
    cpu_broken, cpu_valid = [], []
    for _ in range(reps):
        cpu_broken.append(measured([PY, "-m", "brukerreise", "validate", str(broken)])[1])
        cpu_valid.append(measured([PY, "-m", "brukerreise", "validate", str(journeys["5,000 steps, 15 lanes"])])[1])
    return rows, (statistics.median(cpu_broken), statistics.median(cpu_valid))


def print_limits(rows: list[tuple[str, str, float, float, float]], validate_cpu: tuple[float, float]) -> None:
    print("\n| journey | command | wall | CPU | peak memory | target |")
    print("|---|---|---|---|---|---|")
    for name, label, wall, cpu, peak in rows:
        print(f"| {name} | {label} | {wall:.2f} s | {cpu:.2f} s | {peak:.0f} MB | < 500 MB |")
    broken, valid = validate_cpu
    print(f"\nvalidate, 5,000 steps full of errors / valid (CPU): {broken:.2f} s / {valid:.2f} s = "
          f"{broken / valid:.2f}× (target ≤ 3×)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=5, help="repetitions of build and of each size (default 5)")
    parser.add_argument("--validate-reps", type=int, default=31,
                        help="repetitions of validate, which takes a fraction of a second (default 31)")
    parser.add_argument("--sizes", default="50,200,1000,5000")
    parser.add_argument("--journeys", default="journeys")
    parser.add_argument("--export-limit", type=int, default=1000,
                        help="render and deck generated journeys up to this many steps (default 1000)")
    parser.add_argument("--limits-only", action="store_true", help="only the limits: memory and time at 5,000 "
                        "steps and 200 lanes, and validating a journey full of errors")
    parser.add_argument("--validate-only", action="store_true",
                        help="only validate of all journeys against its floor (--validate-reps alternations)")
    parser.add_argument("--deck-only", action="store_true",
                        help="only a 30-step deck against python-pptx writing the same slides and texts")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "src")], check=True, env=ENV)
    if args.deck_only:
        print_deck(bench_deck(args.reps), args.reps)
        return
    if args.validate_only:
        validate, floor = bench_validate(args.journeys, args.validate_reps)
        print(f"validate all journeys ({args.validate_reps} alternations, medians): {validate[0]:.3f} s / "
              f"{validate[1]:.3f} s CPU; floor {floor[0]:.3f} s / {floor[1]:.3f} s CPU; ratio "
              f"{validate[0] / floor[0]:.2f}× wall, {validate[1] / floor[1]:.2f}× CPU (target ≤ 1.3×)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        limits = bench_limits(max(1, args.reps // 2), work)
        if args.limits_only:
            print_limits(*limits)
            return
        build, build_floor = bench_build(args.journeys, args.reps, work)
        validate, validate_floor = bench_validate(args.journeys, args.validate_reps)
        scaling = bench_sizes(sizes, args.reps, work, args.export_limit)
        deck = bench_deck(args.reps)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}")
    print(f"medians of alternating runs ({args.reps} of build and of each size, {args.validate_reps} of validate); "
          "CPU = user + system time, children included\n")
    print("| measure | brukerreise (wall / CPU) | floor (wall / CPU) | ratio, wall | ratio, CPU | target |")
    print("|---|---|---|---|---|---|")
    for name, (ours, floor), target in (("build all journeys", (build, build_floor), "≤ 2×"),
                                        ("validate all journeys", (validate, validate_floor), "≤ 1.3×")):
        print(f"| {name} | {ours[0]:.2f} s / {ours[1]:.2f} s | {floor[0]:.2f} s / {floor[1]:.2f} s "
              f"| {ours[0] / floor[0]:.2f}× | {ours[1] / floor[1]:.2f}× | {target} |")
    print("\n| steps | validate + analyse per step (CPU / wall) | render SVG (CPU) | deck (CPU) |")
    print("|---|---|---|---|")
    for n, cpu, wall, render_t, deck_t in scaling:
        r = f"{render_t:.2f} s" if render_t is not None else "not run"
        d = f"{deck_t:.2f} s" if deck_t is not None else "not run"
        print(f"| {n} | {cpu * 1e6:.0f} µs / {wall * 1e6:.0f} µs | {r} | {d} |")
    print_deck(deck, args.reps)
    print_limits(*limits)
    flat = [row[1] for row in scaling]
    if len(flat) > 1:
        # The smallest journeys carry fixed costs (setting up the converters, first imports) over few steps;
        # the two largest show how the cost per step grows.
        print(f"\nper-step CPU cost, {scaling[-1][0]} / {scaling[-2][0]} steps: {flat[-1] / flat[-2]:.2f} "
              "(≈ 1 means linear cost)")


if __name__ == "__main__":
    main()
