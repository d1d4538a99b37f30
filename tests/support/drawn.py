"""Journeys drawn for the exporters' tests: the benchmark's generated journey, and journeys hypothesis draws
(forks, joins, parallel strands, hostile text), the same every run.

To look harder before a change lands (CI keeps its count): BRUKERREISE_DRAWN=400 draws 400 journeys instead
of each test's count, and BRUKERREISE_DRAWN=400:7 draws 400 others, from seed 7."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings

from generated import valid
from strategies import analysis_of, workspaces


def generated(steps: int, folder: Path) -> Path:
    """The benchmark's generated journey: 15 lanes, 6 phases, forks, a data flow at every step."""
    return valid(steps, folder)


def drawn_by_hypothesis(count: int) -> list:
    """`count` generated journeys (forks, joins, parallel strands, hostile text), the same every run (or as
    many as BRUKERREISE_DRAWN asks for, from its seed)."""
    found = []
    asked = os.environ.get("BRUKERREISE_DRAWN", "")
    count, _, from_seed = (asked or str(count)).partition(":")

    @settings(max_examples=int(count), database=None, derandomize=not from_seed, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(workspaces(max_steps=40))
    def collect(ws):
        found.append(analysis_of(ws))

    (seed(int(from_seed))(collect) if from_seed else collect)()
    return found
