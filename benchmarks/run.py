"""Speed of brukerreise against its unavoidable floor, as ratios (timings never belong in tests).

    python benchmarks/run.py [--reps 5] [--sizes 50,200,1000,5000] [--journeys journeys]

1. `build` of all journeys against: interpreter start and imports, Graphviz laying out the same DOT
   (SVG and PNG), and python-pptx saving blank decks of the same slide counts.     Target: at most 2x.
2. `validate` of all journeys against interpreter start plus importing ruamel.yaml, attrs and cattrs.
                                                                                     Target: at most 1.5x.
3. Generated journeys of growing size: validate + analyse time per step stays flat (linear cost);
   render and deck times reported.
Runs are alternated (a, b, a, b, ...) so that a change in machine load hits both sides; medians reported.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
PY = sys.executable


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def alternate(a: list[str], b: list[str], reps: int) -> tuple[float, float]:
    timed(a), timed(b)  # warm the file cache
    ta, tb = [], []
    for _ in range(reps):
        ta.append(timed(a))
        tb.append(timed(b))
    return statistics.median(ta), statistics.median(tb)


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


def bench_build(journeys: str, reps: int, work: Path) -> tuple[float, float]:
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


def bench_validate(journeys: str, reps: int) -> tuple[float, float]:
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


def bench_sizes(sizes: list[int], reps: int, work: Path, exports: bool) -> list[tuple[int, float, float | None, float | None]]:
    from brukerreise.api import check

    rows = []
    for n in sizes:
        folder = generated(n, work / f"gen{n}")
        times = []
        for _ in range(reps):
            start = time.perf_counter()
            checked = check([folder])
            [analysis] = checked.analyse()
            times.append(time.perf_counter() - start)
        assert not checked.errors, checked.errors[:3]
        per_step = statistics.median(times) / n
        render_t = deck_t = None
        if exports:
            from brukerreise.deck import build_deck
            from brukerreise.swimlane import render

            start = time.perf_counter()
            render(analysis, "svg")
            render_t = time.perf_counter() - start
            start = time.perf_counter()
            build_deck(analysis)
            deck_t = time.perf_counter() - start
        rows.append((n, per_step, render_t, deck_t))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--sizes", default="50,200,1000,5000")
    parser.add_argument("--journeys", default="journeys")
    parser.add_argument("--no-exports", action="store_true", help="skip render and deck on generated journeys")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        build, build_floor = bench_build(args.journeys, args.reps, work)
        validate, validate_floor = bench_validate(args.journeys, args.reps)
        scaling = bench_sizes(sizes, max(1, args.reps // 2), work, not args.no_exports)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}")
    print(f"median of {args.reps} alternating runs\n")
    print("| measure | brukerreise | floor | ratio | target |")
    print("|---|---|---|---|---|")
    print(f"| build all journeys | {build:.2f} s | {build_floor:.2f} s | {build / build_floor:.2f}× | ≤ 2× |")
    print(f"| validate all journeys | {validate:.3f} s | {validate_floor:.3f} s | {validate / validate_floor:.2f}× | ≤ 1.5× |")
    print("\n| steps | validate + analyse per step | render (SVG) | deck |")
    print("|---|---|---|---|")
    for n, per_step, render_t, deck_t in scaling:
        r = f"{render_t:.2f} s" if render_t is not None else "–"
        d = f"{deck_t:.2f} s" if deck_t is not None else "–"
        print(f"| {n} | {per_step * 1e6:.0f} µs | {r} | {d} |")
    flat = [row[1] for row in scaling]
    print(f"\nper-step cost, largest / smallest journey: {max(flat) / min(flat):.2f} (flat ≈ 1: linear cost)")


if __name__ == "__main__":
    main()
