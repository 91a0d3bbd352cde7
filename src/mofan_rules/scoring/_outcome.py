"""The outcome: a ledger's total, deduction and bonus, worked out from sums.

Every ledger pays for this step, so it adds numbers and makes no lines. A cap
that cuts lines in trail order, keeping earlier lines whole, leaves their sum
at ``min(sum, limit)`` (lines are never negative), so per item it is enough
to know what each tier or clause cap holds, and per row what each item
deducts. The levels are the order of computation (docs/rulebook-format.md),
the same as :mod:`._levels` applies them line by line for the explanation;
the explanation checks that its sums are these.

The record loop also checks each record against the rulebook, on the lookups
scoring does anyway: a record that does not fit raises :class:`Misfit`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from mofan_rules.ledger import Award, Ledger, Record
from mofan_rules.rulebook import BonusTarget
from mofan_rules.scoring._figures import ROUNDING, remainder
from mofan_rules.scoring._lines import counted
from mofan_rules.scoring._plan import (
    ONE,
    ZERO,
    BonusPlan,
    CapPlan,
    ClassPlan,
    ItemPlan,
    Plan,
    RecordRule,
)

# A figure or stated amount with more decimal places than this is a paste
# error (ledger/_fit.py says so); the bound keeps every product exact within
# the engine's precision.
MAX_RATE_PLACES = 10


class Misfit(Exception):  # noqa: N818 - a signal inside the engine, never an error anyone sees
    """The ledger left the fast path: it needs the full fitting (labels, or mistakes)."""


class VetoHit(NamedTuple):
    """A record of a veto situation (一票否决): where it is in the ledger, and its rule."""

    position: int
    rule: RecordRule
    record: Record


class _Best(NamedTuple):
    """同一案件/同一事项: the line of a case or deed that counts most so far."""

    share: Decimal
    cap: CapPlan | None


@dataclass(slots=True, eq=False)
class Outcome:
    """What a report states at once: the total, what was deducted and added, the vetoes."""

    total: Decimal
    deducted: Decimal
    bonus: Decimal
    vetoes: list[VetoHit]


@dataclass(slots=True, eq=False)
class Held:
    """What the lines hold so far: per item (all its lines), and per tier or clause cap."""

    items: dict[int, Decimal] = field(default_factory=dict)
    caps: dict[CapPlan, Decimal] = field(default_factory=dict)

    def add(self, item: int, cap: CapPlan | None, share: Decimal) -> None:
        """Add a line's share to its item, and to the cap over it."""
        self.items[item] = self.items.get(item, ZERO) + share
        if cap is not None:
            self.caps[cap] = self.caps.get(cap, ZERO) + share


def records(plan: Plan, cp: ClassPlan, ledger: Ledger) -> tuple[Held, list[VetoHit]]:
    """Each record's share, added to its item and cap; the records that veto.

    Raises :class:`Misfit` at the first record the rulebook does not know as written.
    """
    factors = plan.factors
    counts: dict[tuple[int, str], int] = {}
    held = Held()
    items, caps = held.items, held.caps
    best: dict[tuple[int, str], _Best] = {}
    vetoes: list[VetoHit] = []
    for i, rec in enumerate(ledger.records):
        rule = cp.records.get((rec.item, rec.situation, rec.tier))
        if rule is None:
            raise Misfit
        amount = rule.amount
        if amount is None:  # a range: the record states its amount
            amount = stated_amount(rule, rec)
        elif rec.amount is not None:
            raise Misfit
        factor = rule.multiplier
        if rec.modifiers:
            factor *= modifier_factor(rec.modifiers, rule.modifiers, factors)
        if rule.max_count is not None:
            key = (rec.item, rec.situation)
            counts[key] = counts.get(key, 0) + rec.count
            if counts[key] > rule.max_count:
                raise Misfit
        share = amount * rec.count * factor
        if rule.per_record_cap is not None and share > rule.per_record_cap:
            share = rule.per_record_cap
        n = rule.item.number
        if rec.case is not None and rule.item.one_per_case:
            # 同一案件不累计扣分: only the record of a case that counts most counts.
            key = (n, rec.case)
            found = best.get(key)
            if found is None or share > found.share:
                best[key] = _Best(share, rule.cap)
            items.setdefault(n, ZERO)
        else:
            # Held.add, written out: this line runs for every record of every ledger.
            items[n] = items.get(n, ZERO) + share
            if rule.cap is not None:
                caps[rule.cap] = caps.get(rule.cap, ZERO) + share
        if rule.veto is not None:
            vetoes.append(VetoHit(i, rule, rec))
    for (n, _), top in best.items():
        held.add(n, top.cap, top.share)
    return held, vetoes


def stated_amount(rule: RecordRule, rec: Record) -> Decimal:
    """The amount a record states for a discretionary range (酌情扣分), if it fits the range."""
    span = rule.range
    if (
        rec.amount is None
        or span is None
        or not span[0] <= rec.amount <= span[1]
        or -rec.amount.as_tuple().exponent > MAX_RATE_PLACES  # type: ignore[operator]
    ):
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


def deduction(item: ItemPlan, held: Held) -> Decimal:
    """What one item deducts: its tier and clause caps, its bound, and (earning) its floor."""
    kept = held.items[item.number]
    if not item.earns and (item.cuts_above is None or kept <= item.cuts_above):
        return kept  # no cap of the item can cut
    for cap in item.caps:
        over = held.caps.get(cap, ZERO) - cap.limit
        if over > 0:
            kept -= over
    if item.bound is not None and kept > item.bound:
        kept = item.bound
    if not item.earns:
        return kept
    points = item.points or ZERO
    lost = points - kept
    if item.floor is not None and lost > points - item.floor:
        lost = points - item.floor
    return lost


def cut_across(numbers: list[int], bound: Decimal, plan: Plan, ded: dict[int, Decimal]) -> None:
    """Cut the deducting items among ``numbers``, in order, so all together stay within ``bound``."""
    items = plan.items
    room = bound - sum((ded[n] for n in numbers if items[n].earns), ZERO)
    for n in numbers:
        if items[n].earns:
            continue
        have = ded[n]
        keep = have if have <= room else (room if room > 0 else ZERO)
        ded[n] = keep
        room -= keep


class _Levels:
    """The levels above the items, on sums: rows, indicators, direct, the whole, bonuses."""

    def __init__(self, plan: Plan, cp: ClassPlan, ledger: Ledger, held: Held) -> None:
        self.plan = plan
        self.cp = cp
        self.ledger = ledger
        self.held = held
        self.ded: dict[int, Decimal] = {}  # item → what it deducts (after the cuts so far)
        self.row_ded: dict[int, Decimal] = {}  # row → what it deducts: rows touched only
        self.row_bonus: dict[int, Decimal] = {}

    def rows(self) -> None:
        """Each touched row: its items, its remainder rule last, then its points."""
        plan, cp, held, ded = self.plan, self.cp, self.held, self.ded
        touched = held.items
        for earning in cp.earn_items:
            touched.setdefault(earning.number, ZERO)  # nothing earned: it loses its points
        remainders, measures = cp.remainders, self.ledger.measures
        for row in plan.rows:
            used = ZERO
            hit = False
            for item in row.items:
                n = item.number
                if n in touched:
                    hit = True
                    ded[n] = d = deduction(item, held)
                    used += d
            rule = remainders.get(row.number) if remainders else None
            rate = measures.get(rule.measure) if rule is not None else None
            if rate is not None and rule is not None:
                hit = True
                if rule.item is not None:
                    left = max(ZERO, row.points - used)
                    value = remainder(left, Decimal(rate), plan.rounding).value  # type: ignore[arg-type]
                    n = rule.item.number
                    before = ded.get(n, ZERO)
                    held.add(n, rule.cap, value)
                    ded[n] = deduction(rule.item, held)
                    used += ded[n] - before
            if not hit:
                continue
            if used > row.bound:
                mine = self._items_of(row.number)
                cut_across(mine, row.bound, plan, ded)
                used = sum((ded[n] for n in mine), ZERO)
            self.row_ded[row.number] = used

    def _items_of(self, row: int) -> list[int]:
        """The row's items worked out, by number (the order caps cut in)."""
        return sorted(i.number for i in self.plan.row_by_number[row].items if i.number in self.ded)

    def _redo_rows(self, rows: list[int]) -> None:
        for r in rows:
            self.row_ded[r] = sum((self.ded[n] for n in self._items_of(r)), ZERO)

    def indicators(self) -> None:
        """Each indicator's cap, cutting its rows' items in table order."""
        for ind in self.plan.indicators:
            if ind.cap is None:
                continue
            mine = [r.number for r in ind.rows if r.number in self.row_ded]
            if sum((self.row_ded[r] for r in mine), ZERO) > ind.cap:
                numbers = [n for r in mine for n in self._items_of(r)]
                cut_across(numbers, ind.cap, self.plan, self.ded)
                self._redo_rows(mine)

    def direct(self) -> list[int]:
        """The direct deductions (直接扣分): each item capped, then the section's cap."""
        plan, ded = self.plan, self.ded
        done = [p.number for p in plan.direct if p.number in self.held.items]
        for p in plan.direct:
            if p.number in self.held.items:
                ded[p.number] = deduction(p, self.held)
        if plan.direct_cap is not None and sum((ded[n] for n in done), ZERO) > plan.direct_cap:
            cut_across(done, plan.direct_cap, plan, ded)
        return done

    def whole(self, direct: list[int]) -> None:
        """The cap on the whole deduction (扣分总计不超过N分), cutting in table order."""
        cap = self.plan.deduction_cap
        if cap is None:
            return
        rows = sorted(self.row_ded)
        numbers = [n for r in rows for n in self._items_of(r)] + direct
        if sum((self.ded[n] for n in numbers), ZERO) > cap:
            cut_across(numbers, cap, self.plan, self.ded)
            self._redo_rows(rows)

    def _lost(self, indicator: str | None) -> Decimal:
        ind = next((i for i in self.plan.indicators if i.key == indicator), None)
        if ind is None:
            return ZERO
        return sum((self.row_ded.get(r.number, ZERO) for r in ind.rows), ZERO)

    def bonuses(self) -> tuple[dict[str, Decimal], Decimal, Decimal]:
        """Each bonus rule, one line per deed, capped: (to indicators, to the total, all added)."""
        plan = self.plan
        to_indicators: dict[str, Decimal] = {}
        to_total = added_all = ZERO
        if not plan.bonuses:
            return to_indicators, to_total, added_all
        shares: dict[str, list[tuple[str | None, Decimal]]] = {b.key: [] for b in plan.bonuses}
        for award in self.ledger.awards:
            rule = award_rule(award, plan.award_bonuses)
            value = rule.awards[(award.level, award.scope)]  # type: ignore[index]
            for mod in award.modifiers:
                value *= plan.factors[mod]
            shares[rule.key].append((award.deed, value))
        for measured in self.cp.bonus_measured:
            figure = self.ledger.measures.get(measured.measure)
            if figure is not None and measured.bonus is not None:
                value = counted(measured, figure, plan.rounding).value  # type: ignore[arg-type]
                shares[measured.bonus].append((None, value))
        for bonus in plan.bonuses:
            added = self._one_bonus(bonus, shares[bonus.key])
            added_all += added
            if bonus.target is BonusTarget.INDICATOR:
                to_indicators[bonus.indicator or ""] = added
            elif bonus.target is BonusTarget.TOTAL:
                to_total += added
        return to_indicators, to_total, added_all

    def _one_bonus(self, bonus: BonusPlan, lines: list[tuple[str | None, Decimal]]) -> Decimal:
        raw = ZERO
        best: dict[str, Decimal] = {}
        for deed, share in lines:
            if deed is not None and bonus.one_per_deed:
                # 同一事项按最高计: a deed counts once, at its highest.
                if deed not in best or share > best[deed]:
                    best[deed] = share
            else:
                raw += share
        raw += sum(best.values(), ZERO)
        cap = bonus.cap
        if bonus.target is BonusTarget.ROW:
            # Added to a row, a bonus can only give back what the row lost.
            cap = min(cap, self.row_ded.get(bonus.row, ZERO) if bonus.row is not None else ZERO)
        elif bonus.target is BonusTarget.INDICATOR:
            cap = min(cap, self._lost(bonus.indicator))
        added = raw if raw <= cap else max(cap, ZERO)
        row = bonus.row
        if bonus.target is BonusTarget.ROW and row is not None and row in self.row_ded:
            self.row_bonus[row] = self.row_bonus.get(row, ZERO) + added
        return added

    def table_score(self, to_indicators: dict[str, Decimal]) -> Decimal:
        """What the table gives before direct deductions and total bonuses: weighted where said."""
        plan, row_ded, row_bonus = self.plan, self.row_ded, self.row_bonus

        def row_score(number: int, points: Decimal) -> Decimal:
            if number not in row_ded:
                return points
            return points - row_ded[number] + row_bonus.get(number, ZERO)

        if plan.weights_on == "indicator":
            result = ZERO
            for ind in plan.indicators:
                score = sum((row_score(r.number, r.points) for r in ind.rows), ZERO)
                score += to_indicators.get(ind.key or "", ZERO)
                result += ind.weight * score  # type: ignore[operator]
            return result
        extra = sum(to_indicators.values(), ZERO)
        if plan.weights_on == "row":
            return sum((r.weight * row_score(r.number, r.points) for r in plan.rows), ZERO) + extra  # type: ignore[operator]
        lost = ZERO
        for number, used in row_ded.items():
            lost += used - row_bonus.get(number, ZERO)
        return plan.total_points - lost + extra


def award_rule(award: Award, rules: tuple[BonusPlan, ...]) -> BonusPlan:
    """The bonus rule an award counts under: the one it names, or the only one."""
    if award.bonus is not None:
        return next(b for b in rules if b.key == award.bonus)
    return rules[0]


def work_out(plan: Plan, cp: ClassPlan, ledger: Ledger) -> Outcome:
    """The outcome of a checked ledger: every level's caps, bonuses, weights, floor, rounding.

    Raises :class:`Misfit` when a record does not fit the rulebook as written.
    """
    held, vetoes = records(plan, cp, ledger)
    measures = ledger.measures
    for rule in cp.measured:
        figure = measures.get(rule.measure)
        if figure is not None and rule.item is not None:
            value = counted(rule, figure, plan.rounding).value  # type: ignore[arg-type]
            held.add(rule.item.number, rule.cap, value)
    levels = _Levels(plan, cp, ledger, held)
    levels.rows()
    if plan.indicator_work:
        levels.indicators()
    direct = levels.direct() if plan.direct else []
    levels.whole(direct)
    to_indicators, to_total, added = levels.bonuses()
    direct_total = sum((levels.ded[n] for n in direct), ZERO)
    score = levels.table_score(to_indicators) - direct_total + to_total
    if plan.floor is not None and score < plan.floor:
        score = plan.floor
    if plan.score_rounding is not None:
        score = score.quantize(
            plan.score_rounding.quantum, rounding=plan.score_rounding.mode, context=ROUNDING
        )
    scores = [v.rule.veto.score for v in vetoes if v.rule.veto and v.rule.veto.score is not None]
    if scores:
        # A veto's score is the most the unit can have (总分计0分, 不超过60分):
        # it never raises a total that is already lower.
        score = min(score, *scores)
    deducted = sum(levels.row_ded.values(), ZERO) + direct_total
    return Outcome(score, deducted, added, vetoes)


__all__ = [
    "MAX_RATE_PLACES",
    "Held",
    "Misfit",
    "Outcome",
    "VetoHit",
    "award_rule",
    "deduction",
    "modifier_factor",
    "records",
    "stated_amount",
    "work_out",
]
