"""Lines from figures: a measured rule and a ledger's figure become one trail line."""

from __future__ import annotations

from decimal import Decimal

from mofan_rules.ledger import RankValue
from mofan_rules.rulebook import PerUnit, Rank, Threshold
from mofan_rules.scoring import _figures
from mofan_rules.scoring._plan import ONE, MeasuredRule, Quantize
from mofan_rules.scoring._tally import Line


def figure_line(
    rule: MeasuredRule, figure: int | Decimal | RankValue, rounding: Quantize, group: int
) -> Line:
    """The line a figure gives under a per-unit, cliff, rank or ladder rule."""
    sit = rule.situation
    if isinstance(sit, PerUnit):
        counted = _figures.per_unit(sit, figure, rounding)  # type: ignore[arg-type]
    elif isinstance(sit, Threshold):
        counted = _figures.threshold(sit, figure, rule.all_points)  # type: ignore[arg-type]
    elif isinstance(sit, Rank):
        counted = _figures.rank(sit, figure)  # type: ignore[arg-type]
    else:
        counted = _figures.ladder(sit, figure)  # type: ignore[arg-type]
    return Line(
        group,
        rule.position,
        rule,
        None,
        counted.amount,
        counted.steps,
        ONE,
        counted.value,
        counted.value,
        worked=counted.worked,
    )


def remainder_line(rule: MeasuredRule, rate: Decimal, left: Decimal, rounding: Quantize) -> Line:
    """The line of a remainder rule: what is left of the row, converted by the rate."""
    counted = _figures.remainder(left, rate, rounding)
    return Line(
        1,
        rule.position,
        rule,
        None,
        counted.amount,
        counted.steps,
        ONE,
        counted.value,
        counted.value,
        worked=counted.worked,
    )


__all__ = ["figure_line", "remainder_line"]
