"""The analysis, computed once and read by every exporter: one journey (`journey`), all journeys given
(`portfolio`)."""

from .journey import (
    Finding,
    FindingKind,
    Flow,
    Handoff,
    JourneyAnalysis,
    MatrixCell,
    Metrics,
    PhaseSpan,
    Touchpoints,
    analyse,
)
from .portfolio import ActorFootprint, Portfolio, RecurringItem, portfolio

__all__ = [
    "ActorFootprint", "Finding", "FindingKind", "Flow", "Handoff", "JourneyAnalysis", "MatrixCell", "Metrics",
    "PhaseSpan", "Portfolio", "RecurringItem", "Touchpoints", "analyse", "portfolio",
]
