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


def per_unit(rule: PerUnit, value: int | Decimal, rounding: Quantize) -> Counted:
    """每低1个百分点扣0.1分: steps past the threshold, whole, rounded up or in proportion."""
    if rule.direction is Direction.BELOW:
        gap = rule.threshold - value if value < rule.threshold else ZERO
    else:
        gap = value - rule.threshold if value > rule.threshold else ZERO
    gap = Decimal(gap)
    whole, rest = divmod(gap, rule.step)  # exact: the gap holds `whole` steps and `rest` over
    if rule.partial is Partial.EXACT and rest:
        # A part step counts in proportion: the one place a per-unit rule rounds,
        # by the rulebook's declared rounding rule.
        steps = (gap / rule.step).quantize(_STEP_PLACES, context=ROUNDING)
        product = (rule.amount * gap / rule.step).quantize(
            rounding.quantum, rounding=rounding.mode, context=ROUNDING
        )
    else:
        steps = whole + 1 if rest and rule.partial is Partial.CEIL else whole
        product = rule.amount * steps
    worked = PerUnitWork(value, rule.direction, rule.threshold, rule.step, gap, steps)
    return Counted(rule.amount, steps, product, worked)


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


def threshold(rule: Threshold, value: int | Decimal, all_points: Decimal | None) -> Counted:
    """低于90%扣2分: the first cliff the figure falls under; nothing when it falls under none."""
    for cliff in rule.cliffs:
        hit = _matches(cliff, value)
        if hit is None:
            continue
        amount = all_points if cliff.amount == "all" else cliff.amount
        if amount is None:  # pragma: no cover - semantics requires points for `all`
            amount = ZERO
        worked = ThresholdWork(value, hit[0], hit[1], everything=cliff.amount == "all")
        return Counted(amount, ONE, amount, worked)
    return Counted(ZERO, ZERO, ZERO, ThresholdWork(value, None, None, everything=False))


def rank(rule: Rank, value: RankValue) -> Counted:
    """每低一个位次扣0.1分: places below a place, or positions into the last N."""
    place = _place(value, rule.ties)
    if rule.score_below is not None and value.score is not None and value.score >= rule.score_below:
        worked = RankWork(value, "not_below", place, rule.places, 0, rule.score_below)
        return Counted(rule.amount, ZERO, ZERO, worked)
    if rule.mode is RankMode.BELOW_PLACE:
        count = max(0, place - rule.places)
        worked = RankWork(value, "below", place, rule.places, count)
    else:
        of = value.of if value.of is not None else place  # fitting requires `of` here
        count = max(0, place - (of - rule.places))
        worked = RankWork(value, "last", place, rule.places, count)
    steps = Decimal(count)
    return Counted(rule.amount, steps, rule.amount * steps, worked)


def ladder(rule: Ladder, value: RankValue) -> Counted:
    """第1–5名 60/57/54/51/48: the amount for the place, counted from the top or the bottom."""
    place = _place(value, rule.ties)
    if rule.counted_from is LadderEnd.BOTTOM:
        of = value.of if value.of is not None else place
        step = of - place + 1
    else:
        step = place
    amount = rule.amounts[step - 1] if 1 <= step <= len(rule.amounts) else rule.otherwise
    worked = LadderWork(value, place, step, rule.counted_from)
    return Counted(amount, ONE, amount, worked)


def remainder(left: Decimal, rate: Decimal, rounding: Quantize) -> Counted:
    """剩余分值折算: what is left of the row × (1 − rate), rounded, never more than what is left."""
    exact = left * (ONE - rate)
    value = min(left, exact.quantize(rounding.quantum, rounding=rounding.mode, context=ROUNDING))
    return Counted(left, ONE - rate, value, RemainderWork(rate, left, exact))


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
    "per_unit",
    "rank",
    "remainder",
    "threshold",
]
