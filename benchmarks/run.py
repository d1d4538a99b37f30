"""Speed of brukerreise against its unavoidable floor, as ratios (timings never belong in tests).

    python benchmarks/run.py [--reps 5] [--validate-reps 31] [--sizes 50,200,1000,5000] [--journeys journeys]

1. `build` of all journeys against: interpreter start and imports, Graphviz laying out the same DOT
   (SVG and PNG), and python-pptx saving blank decks of the same slide counts.     Target: at most 2x.
2. `validate` of all journeys against interpreter start plus importing ruamel.yaml, attrs and cattrs.
                                                                                     Target: at most 1.5x.
3. Generated journeys of growing size: validate + analyse time per step stays flat (linear cost), each
   size timed in a process of its own set up as the command line sets it up; render and deck times
   reported.
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


def generated(steps: int, folder: Path) -> Path:
    """A deterministic journey of `steps` steps over 15 lanes and 6 phases, with forks and joins."""
    lanes = 15
    folder.mkdir(parents=True, exist_ok=True)
    actors = ["actors:", "  - {id: a0, name: Personen, short: Person, kind: person}"]
    actors += [f"  - {{id: a{i}, name: Etat {i}, short: Etat {i}, kind: kommune}}" for i in range(1, lanes)]
    (folder / "actors.yaml").write_text("\n".join(actors) + "\n", encoding="utf-8")
    (folder / "data-items.yaml").write_text(
        "data_items:\n" + "".join(f"  - {{id: d{i}, name: Data {i}, source: a{i + 1}}}\n" for i in range(10)),
        encoding="utf-8",
    )
    phases = 6
    lines = [
        "journey: generert", "life_event: Få barn", "title: Generert reise",
        "persona: {name: Test, situation: Generert}", "goals: [Måle fart]", "phases:",
        *[f"  - {{id: p{p}, title: Fase {p}}}" for p in range(phases)], "steps:",
    ]
    for i in range(steps):
        phase = i * phases // steps
        lines += [
            f"  - id: s{i}", f"    phase: p{phase}", f"    title: Jeg gjør ting nummer {i} i reisen",
            f"    owner: a{(i * 7) % lanes}", f"    with: [a{(i * 3 + 1) % lanes}]", f"    emotion: {(i % 5) - 2}",
            "    channel: digital",
            f"    data: [{{item: d{i % 10}, from: a{(i % 10) + 1}, to: a{(i % 10 + 2) % lanes or 1}, how: automatic}}]",
            f"    asks_user: [d{(i + 3) % 10}]", f"    pain_points: [Vanskelig steg {i}]",
        ]
        if i % 10 == 5 and i >= 2 and (i - 2) * phases // steps == phase:
            lines.append(f"    after: [s{i - 2}]")  # a fork beside the step before
    path = folder / "generert.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


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

    folders = {n: generated(n, work / f"gen{n}") for n in sizes}
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=5, help="repetitions of build and of each size (default 5)")
    parser.add_argument("--validate-reps", type=int, default=31,
                        help="repetitions of validate, which takes a fraction of a second (default 31)")
    parser.add_argument("--sizes", default="50,200,1000,5000")
    parser.add_argument("--journeys", default="journeys")
    parser.add_argument("--export-limit", type=int, default=1000,
                        help="render and deck generated journeys up to this many steps (default 1000)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "src")], check=True, env=ENV)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        build, build_floor = bench_build(args.journeys, args.reps, work)
        validate, validate_floor = bench_validate(args.journeys, args.validate_reps)
        scaling = bench_sizes(sizes, args.reps, work, args.export_limit)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}")
    print(f"medians of alternating runs ({args.reps} of build and of each size, {args.validate_reps} of validate); "
          "CPU = user + system time, children included\n")
    print("| measure | brukerreise (wall / CPU) | floor (wall / CPU) | ratio, wall | ratio, CPU | target |")
    print("|---|---|---|---|---|---|")
    for name, (ours, floor), target in (("build all journeys", (build, build_floor), "≤ 2×"),
                                        ("validate all journeys", (validate, validate_floor), "≤ 1.5×")):
        print(f"| {name} | {ours[0]:.2f} s / {ours[1]:.2f} s | {floor[0]:.2f} s / {floor[1]:.2f} s "
              f"| {ours[0] / floor[0]:.2f}× | {ours[1] / floor[1]:.2f}× | {target} |")
    print("\n| steps | validate + analyse per step (CPU / wall) | render SVG (CPU) | deck (CPU) |")
    print("|---|---|---|---|")
    for n, cpu, wall, render_t, deck_t in scaling:
        r = f"{render_t:.2f} s" if render_t is not None else "not run"
        d = f"{deck_t:.2f} s" if deck_t is not None else "not run"
        print(f"| {n} | {cpu * 1e6:.0f} µs / {wall * 1e6:.0f} µs | {r} | {d} |")
    flat = [row[1] for row in scaling]
    if len(flat) > 1:
        # The smallest journeys carry fixed costs (setting up the converters, first imports) over few steps;
        # the two largest show how the cost per step grows.
        print(f"\nper-step CPU cost, {scaling[-1][0]} / {scaling[-2][0]} steps: {flat[-1] / flat[-2]:.2f} "
              "(≈ 1 means linear cost)")


if __name__ == "__main__":
    main()
