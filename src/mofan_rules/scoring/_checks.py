"""The checks of a ledger that ride on scoring's lookups.

A ledger written with keys, as the rulebook knows them, passes these on the
way through scoring; the first miss raises :class:`Misfit`, and the engine
hands the ledger to :func:`mofan_rules.ledger.fit_ledger`, which resolves
Chinese labels or names every mistake. The records are checked as they are
counted (:func:`._outcome.records`), the figures as they are read
(:func:`._outcome.figures`), the awards as they are added (:func:`award_amount`).
"""

from __future__ import annotations

from decimal import Decimal

from mofan_rules.errors import LedgerError, Problem
from mofan_rules.ledger import MAX_RATE_PLACES, Award, Ledger, RankValue, Record
from mofan_rules.messages import say
from mofan_rules.rulebook import MeasureKind
from mofan_rules.scoring._plan import ONE, BonusPlan, ClassPlan, FigureCheck, Plan, RecordRule

# The figures the rules read that a ledger leaves out, by key, in rulebook order.
Missing = tuple[str, ...]


class Misfit(Exception):  # noqa: N818 - a signal inside the engine, never an error anyone sees
    """The ledger left the fast path: it needs the full fitting (labels, or mistakes)."""


def class_plan(plan: Plan, ledger: Ledger) -> ClassPlan:
    """The plan of the ledger's unit class (the one plan when the rulebook has none)."""
    period = ledger.period
    if period is not None and period.end < period.start:
        raise Misfit
    # A rulebook without classes has one plan, under None: a ledger naming a
    # class finds none, as a ledger naming no class does under one with classes.
    cp = plan.classes.get(ledger.unit_class)
    if cp is None:
        raise Misfit
    return cp


def award_rule(award: Award, rules: tuple[BonusPlan, ...]) -> BonusPlan:
    """The bonus rule an award counts under: the one it names, or the only one."""
    if award.bonus is not None:
        for rule in rules:
            if rule.key == award.bonus:
                return rule
        raise Misfit
    if len(rules) != 1:
        raise Misfit
    return rules[0]


def award_amount(award: Award, rule: BonusPlan, factors: dict[str, Decimal]) -> Decimal:
    """What an award adds: its level and scope's amount × its modifiers, all of them allowed."""
    amount = rule.awards.get((award.level, award.scope)) if rule.awards is not None else None
    if amount is None:
        raise Misfit
    if award.modifiers:
        amount *= modifier_factor(award.modifiers, rule.modifiers, factors)
    return amount


def check_figure(check: FigureCheck, value: object) -> None:
    """A figure of the kind its measure declares, within its bounds; else :class:`Misfit`."""
    if check.kind is MeasureKind.RANK:
        if (
            not isinstance(value, RankValue)
            or (value.of is None and check.needs_of)
            or (value.score is None and check.needs_score)
            or (value.of is not None and value.rank + value.tied - 1 > value.of)
        ):
            raise Misfit
        return
    of_type = type(value)
    if of_type is Decimal:
        if (
            check.kind is MeasureKind.COUNT or -value.as_tuple().exponent > MAX_RATE_PLACES  # type: ignore[attr-defined]
        ):
            raise Misfit
    elif of_type is not int:
        raise Misfit  # a percentage or rank still to be read, or a mistake
    if check.ceiling is not None and value > check.ceiling:  # type: ignore[operator]
        raise Misfit


def stated_amount(rule: RecordRule, rec: Record) -> Decimal:
    """The amount a record states for a discretionary range (酌情扣分), if it fits the range."""
    if rule.range is None or rec.amount is None:
        raise Misfit
    low, high = rule.range
    places = -rec.amount.as_tuple().exponent  # type: ignore[operator]
    if not low <= rec.amount <= high or places > MAX_RATE_PLACES:
        raise Misfit
    return rec.amount


def modifier_factor(
    named: tuple[str, ...] | list[str], allowed: frozenset[str], factors: dict[str, Decimal]
) -> Decimal:
    """The product of the modifiers a record or award names, each named once and allowed."""
    if len(set(named)) != len(named):
        raise Misfit
    factor = ONE
    for mod in named:
        if mod not in allowed:
            raise Misfit
        factor *= factors[mod]
    return factor


def missing(plan: Plan, cp: ClassPlan, ledger: Ledger, *, strict: bool) -> Missing:
    """The figures the rules read that the ledger leaves out; an error when strict.

    Raises :class:`~mofan_rules.errors.LedgerError` when ``strict`` or the
    rulebook says a missing figure is an error.
    """
    measures, used = ledger.measures, cp.measures_used
    if len(measures) == len(used):
        return ()  # every figure it has is one the rules read (scoring checked)
    left_out = tuple([key for key in used if key not in measures])
    if strict or plan.missing_is_error:
        label = {m.key: m.label for m in plan.rulebook.measures}
        code = "missing_figure_error" if plan.missing_is_error else "missing_figure_strict"
        raise LedgerError(
            [
                Problem.from_msg(
                    say(code, key=key, label=label[key]), "<ledger>", path=("measures", key)
                )
                for key in left_out
            ]
        )
    return left_out


__all__ = [
    "MAX_RATE_PLACES",
    "Misfit",
    "Missing",
    "award_amount",
    "award_rule",
    "check_figure",
    "class_plan",
    "missing",
    "modifier_factor",
    "stated_amount",
]
