"""Amounts with a range: low, likely and high, computed as three scenarios (every figure low, every figure
likely, every figure high). `None` is a gap: a figure the journey does not have, never a guess."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ..model import Estimate


@attrs.frozen
class Range:
    """A figure in three scenarios. Sums and products keep low with low and high with high; a difference
    is taken in each scenario, and its range is the smallest and the largest of the three."""

    low: float
    likely: float
    high: float

    @property
    def exact(self) -> bool:
        return self.low == self.likely == self.high


Amount = Range | None  # None: a gap

ZERO = Range(0.0, 0.0, 0.0)


def of(estimate: Estimate | None) -> Amount:
    """An estimate as an amount: a single number stands for all three; a gap stays a gap."""
    if estimate is None or estimate.likely is None:
        return None
    low = estimate.low if estimate.low is not None else estimate.likely
    high = estimate.high if estimate.high is not None else estimate.likely
    return Range(low, estimate.likely, high)


def plus(a: Amount, b: Amount) -> Amount:
    if a is None or b is None:
        return None
    return Range(a.low + b.low, a.likely + b.likely, a.high + b.high)


def times(a: Amount, b: Amount) -> Amount:
    """Both non-negative: the product in each scenario stays ordered."""
    if a is None or b is None:
        return None
    return Range(a.low * b.low, a.likely * b.likely, a.high * b.high)


def scaled(a: Amount, factor: float) -> Amount:
    if a is None:
        return None
    return Range(a.low * factor, a.likely * factor, a.high * factor)


def minus(a: Amount, b: Amount) -> Amount:
    """a − b in each scenario; the range runs from the smallest to the largest of the three results."""
    if a is None or b is None:
        return None
    low, likely, high = a.low - b.low, a.likely - b.likely, a.high - b.high
    return Range(min(low, likely, high), likely, max(low, likely, high))


def negated(a: Amount) -> Amount:
    return None if a is None else Range(-a.high, -a.likely, -a.low)


def total(amounts: Iterable[Amount]) -> Amount:
    """The sum; a gap in any part makes the sum a gap. The sum of nothing is zero."""
    found: Amount = ZERO
    for a in amounts:
        found = plus(found, a)
        if found is None:
            return None
    return found


def rounded(a: Amount, digits: int = 2) -> Amount:
    return None if a is None else Range(round(a.low, digits), round(a.likely, digits), round(a.high, digits))
