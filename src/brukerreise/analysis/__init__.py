"""The analysis, computed once and read by every exporter: one journey (`journey`), all journeys given
(`portfolio`)."""

from .benefits import AgencyAcross, Benefits, benefits
from .comparison import compare, key_figures, with_comparisons
from .journey import analyse, is_back_office, organisation
from .portfolio import ActorFootprint, Portfolio, RecurringItem, portfolio
from .records import (
    ActorChange,
    ActorFigures,
    Aspect,
    Better,
    Comparison,
    FigureChange,
    Finding,
    FindingChange,
    FindingKind,
    FindingStatus,
    Flow,
    FlowKey,
    Handoff,
    HandoffKind,
    HandoffPair,
    JourneyAnalysis,
    KeyFigures,
    MatrixCell,
    Metrics,
    PhaseSpan,
    StepChange,
    StepStatus,
    Touchpoints,
)

__all__ = [
    "ActorChange", "ActorFigures", "AgencyAcross", "Aspect", "Benefits", "Better", "Comparison", "FigureChange",
    "FindingChange", "FindingStatus", "FlowKey", "HandoffPair", "KeyFigures", "StepChange", "StepStatus", "benefits",
    "compare", "key_figures", "with_comparisons",
    "ActorFootprint", "Finding", "FindingKind", "Flow", "Handoff", "HandoffKind", "JourneyAnalysis", "MatrixCell", "Metrics",
    "PhaseSpan", "Portfolio", "RecurringItem", "Touchpoints", "analyse", "is_back_office", "organisation", "portfolio",
]
