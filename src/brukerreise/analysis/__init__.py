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
from .benefits import AgencyAcross, Benefits, benefits
from .comparison import (
    ActorChange,
    ActorFigures,
    Aspect,
    Better,
    Comparison,
    FigureChange,
    FindingChange,
    FindingStatus,
    FlowKey,
    HandoffPair,
    KeyFigures,
    StepChange,
    StepStatus,
    compare,
    key_figures,
    with_comparisons,
)
from .amounts import Amount, Range
from .gains import AgencyGain, Gains, Gap, Missing, Outcome, PersonGain, PrerequisiteCost, gains, hourly_costs
from .benefitplan import BenefitRow, GainKind, Indicator, benefit_rows
from .gainsacross import AgencyGains, GainsAcross, gains_across
from .portfolio import ActorFootprint, Portfolio, RecurringItem, portfolio

__all__ = [
    "AgencyGain", "AgencyGains", "Amount", "BenefitRow", "GainKind", "Gains", "GainsAcross", "Gap", "Indicator", "Missing",
    "Outcome", "PersonGain", "PrerequisiteCost", "Range", "benefit_rows", "gains", "gains_across", "hourly_costs",
    "ActorChange", "ActorFigures", "AgencyAcross", "Aspect", "Benefits", "Better", "Comparison", "FigureChange",
    "FindingChange", "FindingStatus", "FlowKey", "HandoffPair", "KeyFigures", "StepChange", "StepStatus", "benefits",
    "compare", "key_figures", "with_comparisons",
    "ActorFootprint", "Finding", "FindingKind", "Flow", "Handoff", "HandoffKind", "JourneyAnalysis", "MatrixCell", "Metrics",
    "PhaseSpan", "Portfolio", "RecurringItem", "Touchpoints", "analyse", "is_back_office", "organisation", "portfolio",
]
