"""The analysis, computed once and read by every exporter: one journey (`journey`), all journeys given
(`portfolio`)."""

from .journey import (
    Finding,
    FindingKind,
    Flow,
    Handoff,
    HandoffKind,
    JourneyAnalysis,
    MatrixCell,
    Metrics,
    PhaseSpan,
    Touchpoints,
    analyse,
    is_back_office,
    organisation,
)
from .portfolio import ActorFootprint, Portfolio, RecurringItem, portfolio

__all__ = [
    "ActorFootprint", "Finding", "FindingKind", "Flow", "Handoff", "HandoffKind", "JourneyAnalysis", "MatrixCell", "Metrics",
    "PhaseSpan", "Portfolio", "RecurringItem", "Touchpoints", "analyse", "is_back_office", "organisation", "portfolio",
]
