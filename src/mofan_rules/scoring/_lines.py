"""Lines from figures: a measured rule and a ledger's figure become one trail line."""

from __future__ import annotations

from decimal import Decimal

from mofan_rules.ledger import RankValue
from mofan_rules.rulebook import PerUnit, Rank, Threshold
from mofan_rules.scoring import _figures
from mofan_rules.scoring._plan import ONE, MeasuredRule, Quantize
from mofan_rules.scoring._tally import Line


def counted(
    rule: MeasuredRule, figure: int | Decimal | RankValue, rounding: Quantize
) -> _figures.Counted:
    """What a figure counts under a per-unit, cliff, rank or ladder rule, and how."""
    sit = rule.situation
    if isinstance(sit, PerUnit):
        return _figures.per_unit(sit, figure, rounding)  # type: ignore[arg-type]
    if isinstance(sit, Threshold):
        return _figures.threshold(sit, figure, rule.all_points)  # type: ignore[arg-type]
    if isinstance(sit, Rank):
        return _figures.rank(sit, figure)  # type: ignore[arg-type]
    return _figures.ladder(sit, figure)  # type: ignore[arg-type]


def points(rule: MeasuredRule, figure: int | Decimal | RankValue, rounding: Quantize) -> Decimal:
    """The points of :func:`counted` alone: what the outcome needs, without how."""
    sit = rule.situation
    if isinstance(sit, Rank):
        return _figures.rank_points(sit, figure)  # type: ignore[arg-type]
    if isinstance(sit, PerUnit):
        return _figures.per_unit_points(sit, figure, rounding)  # type: ignore[arg-type]
    if isinstance(sit, Threshold):
        return _figures.threshold_points(sit, figure, rule.all_points)  # type: ignore[arg-type]
    return _figures.ladder_points(sit, figure)  # type: ignore[arg-type]


def figure_line(
    rule: MeasuredRule, figure: int | Decimal | RankValue, rounding: Quantize, group: int
) -> Line:
    """The line a figure gives under a per-unit, cliff, rank or ladder rule."""
    made = counted(rule, figure, rounding)
    return Line(
        group,
        rule.position,
        rule,
        None,
        made.amount,
        made.steps,
        ONE,
        made.value,
        made.value,
        worked=made.worked,
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


__all__ = ["counted", "figure_line", "points", "remainder_line"]
