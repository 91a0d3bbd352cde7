"""Figures into points: what each measured rule kind makes of a ledger's figure.

Pure functions of a rule (its numbers resolved for the unit's class) and a
figure. Each returns the amount per step, the number of steps and a
:class:`Worked` record of how they were found, which the explanation turns
into words; or ``None`` when the rule does not apply to the figure.
"""

from __future__ import annotations

from decimal import Context, Decimal
from typing import NamedTuple

from mofan_rules.ledger import RankValue
from mofan_rules.rulebook import (
    Cliff,
    Direction,
    Ladder,
    LadderEnd,
    Partial,
    PerUnit,
    Rank,
    RankMode,
    Threshold,
    TieRule,
)
from mofan_rules.scoring._plan import ONE, ZERO, Quantize

Figure = int | Decimal | RankValue

# The context for the declared roundings (the engine's own context refuses any
# inexact result, so a rounding that was not declared cannot happen silently).
ROUNDING = Context(prec=60)
_STEP_PLACES = Decimal("1e-10")


# The records of how a figure was worked out are made on every evaluation:
# named tuples (immutable, no __dict__) cost a tenth of a frozen dataclass.


class PerUnitWork(NamedTuple):
    """每低1个百分点扣0.1分: the figure, the threshold, the gap and the steps in it."""

    figure: int | Decimal
    direction: Direction
    threshold: Decimal
    step: Decimal
    gap: Decimal
    steps: Decimal


class ThresholdWork(NamedTuple):
    """低于90%扣2分: the cliff the figure fell under (``comparison`` None for none)."""

    figure: int | Decimal
    comparison: str | None  # below, at_most, above, at_least
    bound: Decimal | None
    everything: bool  # the cliff takes all the points


class RankWork(NamedTuple):
    """每低一个位次扣0.1分: the place, and the places counted against it."""

    figure: RankValue
    # "not_below": a score at or above ``score_below`` spares the place;
    # "below": places below ``places``; "last": places into the last ``places``.
    mode: str
    place: int
    places: int
    counted: int  # the places that cost points
    score_below: Decimal | None = None


class LadderWork(NamedTuple):
    """第1–5名 60/57/54/51/48: the place and the step of the ladder it stands on."""

    figure: RankValue
    place: int
    step: int
    counted_from: LadderEnd


class RemainderWork(NamedTuple):
    """剩余分值折算: the rate, what was left of the row, and the exact product."""

    rate: Decimal
    left: Decimal
    exact: Decimal


Worked = PerUnitWork | ThresholdWork | RankWork | LadderWork | RemainderWork


class Counted(NamedTuple):
    """Amount per step, steps, and their product (rounded where the rule says)."""

    amount: Decimal
    steps: Decimal
    value: Decimal
    worked: Worked


def _place(value: RankValue, ties: TieRule) -> int:
    return value.rank + value.tied - 1 if ties is TieRule.LAST_OF_TIE else value.rank


def _gap(rule: PerUnit, value: int | Decimal) -> Decimal:
    """How far the figure is past the threshold, in its direction (0 when it is not)."""
    if rule.direction is Direction.BELOW:
        return Decimal(rule.threshold - value) if value < rule.threshold else ZERO
    return Decimal(value - rule.threshold) if value > rule.threshold else ZERO


def _steps(rule: PerUnit, gap: Decimal, rounding: Quantize) -> tuple[Decimal, Decimal]:
    """The steps in a gap and the points they make: whole, rounded up, or in proportion."""
    whole, rest = divmod(gap, rule.step)  # exact: the gap holds `whole` steps and `rest` over
    if rule.partial is Partial.EXACT and rest:
        # A part step counts in proportion: the one place a per-unit rule rounds,
        # by the rulebook's declared rounding rule.
        steps = (gap / rule.step).quantize(_STEP_PLACES, context=ROUNDING)
        product = (rule.amount * gap / rule.step).quantize(
            rounding.quantum, rounding=rounding.mode, context=ROUNDING
        )
        return steps, product
    steps = whole + 1 if rest and rule.partial is Partial.CEIL else whole
    return steps, rule.amount * steps


def per_unit(rule: PerUnit, value: int | Decimal, rounding: Quantize) -> Counted:
    """每低1个百分点扣0.1分: steps past the threshold, whole, rounded up or in proportion."""
    gap = _gap(rule, value)
    steps, product = _steps(rule, gap, rounding)
    worked = PerUnitWork(value, rule.direction, rule.threshold, rule.step, gap, steps)
    return Counted(rule.amount, steps, product, worked)


def per_unit_points(rule: PerUnit, value: int | Decimal, rounding: Quantize) -> Decimal:
    """The points of :func:`per_unit` alone."""
    gap = _gap(rule, value)
    if not gap:
        return ZERO
    _, product = _steps(rule, gap, rounding)
    return product


def _matches(cliff: Cliff, value: Decimal | int) -> tuple[str, Decimal] | None:
    if cliff.below is not None and value < cliff.below:
        return "below", cliff.below
    if cliff.at_most is not None and value <= cliff.at_most:
        return "at_most", cliff.at_most
    if cliff.above is not None and value > cliff.above:
        return "above", cliff.above
    if cliff.at_least is not None and value >= cliff.at_least:
        return "at_least", cliff.at_least
    return None


def _cliff(rule: Threshold, value: int | Decimal) -> tuple[Cliff, tuple[str, Decimal]] | None:
    for cliff in rule.cliffs:
        hit = _matches(cliff, value)
        if hit is not None:
            return cliff, hit
    return None


def _cliff_amount(cliff: Cliff, all_points: Decimal | None) -> Decimal:
    amount = all_points if cliff.amount == "all" else cliff.amount
    if amount is None:  # pragma: no cover - semantics requires points for `all`
        return ZERO
    return amount


def threshold(rule: Threshold, value: int | Decimal, all_points: Decimal | None) -> Counted:
    """低于90%扣2分: the first cliff the figure falls under; nothing when it falls under none."""
    found = _cliff(rule, value)
    if found is None:
        return Counted(ZERO, ZERO, ZERO, ThresholdWork(value, None, None, everything=False))
    cliff, (comparison, bound) = found
    amount = _cliff_amount(cliff, all_points)
    worked = ThresholdWork(value, comparison, bound, everything=cliff.amount == "all")
    return Counted(amount, ONE, amount, worked)


def threshold_points(rule: Threshold, value: int | Decimal, all_points: Decimal | None) -> Decimal:
    """The points of :func:`threshold` alone."""
    found = _cliff(rule, value)
    if found is None:
        return ZERO
    cliff, _ = found
    return _cliff_amount(cliff, all_points)


def _rank_count(rule: Rank, value: RankValue) -> tuple[int, int | None]:
    """The place, and the places that cost points (None: a good score spares the place)."""
    place = _place(value, rule.ties)
    if rule.score_below is not None and value.score is not None and value.score >= rule.score_below:
        return place, None
    if rule.mode is RankMode.BELOW_PLACE:
        return place, max(0, place - rule.places)
    of = value.of if value.of is not None else place  # fitting requires `of` here
    return place, max(0, place - (of - rule.places))


def rank(rule: Rank, value: RankValue) -> Counted:
    """每低一个位次扣0.1分: places below a place, or positions into the last N."""
    place, count = _rank_count(rule, value)
    if count is None:
        worked = RankWork(value, "not_below", place, rule.places, 0, rule.score_below)
        return Counted(rule.amount, ZERO, ZERO, worked)
    mode = "below" if rule.mode is RankMode.BELOW_PLACE else "last"
    steps = Decimal(count)
    worked = RankWork(value, mode, place, rule.places, count)
    return Counted(rule.amount, steps, rule.amount * steps, worked)


def rank_points(rule: Rank, value: RankValue) -> Decimal:
    """The points of :func:`rank` alone."""
    _, count = _rank_count(rule, value)
    return rule.amount * count if count else ZERO


def _ladder_step(rule: Ladder, value: RankValue) -> tuple[int, int, Decimal]:
    """The place, the step of the ladder it stands on, and that step's amount."""
    place = _place(value, rule.ties)
    if rule.counted_from is LadderEnd.BOTTOM:
        of = value.of if value.of is not None else place
        step = of - place + 1
    else:
        step = place
    amount = rule.amounts[step - 1] if 1 <= step <= len(rule.amounts) else rule.otherwise
    return place, step, amount


def ladder(rule: Ladder, value: RankValue) -> Counted:
    """第1–5名 60/57/54/51/48: the amount for the place, counted from the top or the bottom."""
    place, step, amount = _ladder_step(rule, value)
    worked = LadderWork(value, place, step, rule.counted_from)
    return Counted(amount, ONE, amount, worked)


def ladder_points(rule: Ladder, value: RankValue) -> Decimal:
    """The points of :func:`ladder` alone."""
    _, _, amount = _ladder_step(rule, value)
    return amount


def remainder(left: Decimal, rate: Decimal, rounding: Quantize) -> Counted:
    """剩余分值折算: what is left of the row × (1 − rate), rounded, never more than what is left."""
    exact = left * (ONE - rate)
    return Counted(
        left, ONE - rate, remainder_points(left, rate, rounding), RemainderWork(rate, left, exact)
    )


def remainder_points(left: Decimal, rate: Decimal, rounding: Quantize) -> Decimal:
    """The points of :func:`remainder` alone."""
    exact = left * (ONE - rate)
    return min(left, exact.quantize(rounding.quantum, rounding=rounding.mode, context=ROUNDING))


__all__ = [
    "ROUNDING",
    "Counted",
    "Figure",
    "LadderWork",
    "PerUnitWork",
    "RankWork",
    "RemainderWork",
    "ThresholdWork",
    "Worked",
    "ladder",
    "ladder_points",
    "per_unit",
    "per_unit_points",
    "rank",
    "rank_points",
    "remainder",
    "remainder_points",
    "threshold",
    "threshold_points",
]
