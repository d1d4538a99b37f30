"""Journeys drawn for the exporters' tests: the benchmark's generated journey, and journeys hypothesis draws
(forks, joins, parallel strands, hostile text), the same every run."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings

from generated import valid
from strategies import analysis_of, workspaces


def generated(steps: int, folder: Path) -> Path:
    """The benchmark's generated journey: 15 lanes, 6 phases, forks, a data flow at every step."""
    return valid(steps, folder)


def drawn_by_hypothesis(count: int) -> list:
    """`count` generated journeys (forks, joins, parallel strands, hostile text), the same every run."""
    found = []

    @settings(max_examples=count, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(workspaces(max_steps=40))
    def collect(ws):
        found.append(analysis_of(ws))

    collect()
    return found
