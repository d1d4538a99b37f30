"""Large generated journeys, deterministic, as YAML files: valid ones of any number of steps and lanes, and
ones full of errors (unknown references and broken values at every step). Used by the tests of size
bounds and by benchmarks/run.py."""

from __future__ import annotations

from pathlib import Path

PHASES = 6


def _registries(folder: Path, lanes: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    actors = ["actors:", "  - {id: a0, name: Personen, short: Person, kind: person}"]
    actors += [f"  - {{id: a{i}, name: Etat {i}, short: Etat {i}, kind: kommune}}" for i in range(1, lanes)]
    (folder / "actors.yaml").write_text("\n".join(actors) + "\n", encoding="utf-8")
    (folder / "data-items.yaml").write_text(
        "data_items:\n" + "".join(f"  - {{id: d{i}, name: Data {i}, source: a{i % (lanes - 1) + 1}}}\n"
                                   for i in range(10)),
        encoding="utf-8",
    )


def _head(journey_id: str) -> list[str]:
    return [
        f"journey: {journey_id}", "life_event: Få barn", "title: Generert reise",
        "persona: {name: Test, situation: Generert}", "goals: [Måle fart]", "phases:",
        *[f"  - {{id: p{p}, title: Fase {p}}}" for p in range(PHASES)], "steps:",
    ]


def valid(steps: int, folder: Path, lanes: int = 15, journey_id: str = "generert") -> Path:
    """A valid journey of `steps` steps over `lanes` lanes and 6 phases, with forks and joins. Every lane
    owns steps when there are at least as many steps as lanes."""
    _registries(folder, lanes)
    lines = _head(journey_id)
    stride = 7 if lanes % 7 else 1  # visits every lane
    for i in range(steps):
        phase = i * PHASES // steps
        lines += [
            f"  - id: s{i}", f"    phase: p{phase}", f"    title: Jeg gjør ting nummer {i} i reisen",
            f"    owner: a{(i * stride) % lanes}", f"    with: [a{(i * stride + 1) % lanes}]", f"    emotion: {(i % 5) - 2}",
            "    channel: digital",
            f"    data: [{{item: d{i % 10}, from: a{(i % 10) % (lanes - 1) + 1}, to: a0, how: automatic}}]",
            f"    asks_user: [d{(i + 3) % 10}]", f"    pain_points: [Vanskelig steg {i}]",
        ]
        if i % 10 == 5 and i >= 2 and (i - 2) * PHASES // steps == phase:
            lines.append(f"    after: [s{i - 2}]")  # a fork beside the step before
    path = folder / f"{journey_id}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def broken(steps: int, folder: Path, lanes: int = 15) -> Path:
    """A journey of `steps` steps where every step has errors: misspelt and unknown actors, phases, data
    items and steps (each one different, so no suggestion can be reused), and broken values (an emotion
    out of range or of the wrong type, an owner that is a list)."""
    _registries(folder, lanes)
    lines = _head("generert")
    for i in range(steps):
        phase = i * PHASES // steps
        lines += [
            f"  - id: s{i}", f"    phase: p{phase}x{i}", f"    title: Jeg gjør ting nummer {i} i reisen",
            f"    owner: [a{i % lanes}, a{(i + 1) % lanes}]" if i % 3 == 0 else f"    owner: etat-{i}",
            f"    with: [a{(i * 3 + 1) % lanes}x, ukjent-{i}]",
            f"    emotion: {'sint' if i % 2 else 7}",
            f"    data: [{{item: data-{i}, from: fra-{i}, to: til-{i}, how: automatic}}]",
            f"    asks_user: [d{i}x]",
            f"    after: [steg-{i}, s{i + 1}0]",
        ]
    path = folder / "generert.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
