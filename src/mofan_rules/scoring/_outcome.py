"""The outcome: a ledger's total, deduction and bonus, worked out from sums.

Every ledger pays for this step, so it adds numbers and makes no lines. A cap
that cuts lines in trail order, keeping earlier lines whole, leaves their sum
at ``min(sum, limit)`` (lines are never negative), so per item it is enough
to know what each tier or clause cap holds, and per row what each item
deducts. The levels are the order of computation (docs/rulebook-format.md),
the same as :mod:`._levels` applies them line by line for the explanation;
the explanation checks that its sums are these.

The loops over records, figures and awards also check them against the
rulebook, on the lookups scoring does anyway (:mod:`._checks`): one that does
not fit raises :class:`Misfit`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from mofan_rules.ledger import Ledger, Record
from mofan_rules.rulebook import BonusTarget
from mofan_rules.scoring._checks import (
    Misfit,
    award_amount,
    award_rule,
    check_figure,
    modifier_factor,
    stated_amount,
)
from mofan_rules.scoring._figures import ROUNDING, remainder_points
from mofan_rules.scoring._lines import points
from mofan_rules.scoring._plan import (
    ZERO,
    BonusPlan,
    CapPlan,
    ClassPlan,
    ItemPlan,
    Plan,
    RecordRule,
)


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
    items: dict[int, Decimal]  # what each item worked out deducts (earning: loses)
    rows: dict[int, Decimal]  # what each row something happened in deducts


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
    # Bound once: these run for every record of every ledger.
    rule_of, item_sum = cp.records.get, items.get
    for i, rec in enumerate(ledger.records):
        rule = rule_of((rec.item, rec.situation, rec.tier))
        if rule is None:
            raise Misfit
        if rule.plain and rec.amount is None and not rec.modifiers:
            # The short way (see RecordRule.plain): Held.add, written out.
            share = rule.amount * rec.count  # type: ignore[operator]
            n = rule.number
            items[n] = item_sum(n, ZERO) + share
            if rule.cap is not None:
                caps[rule.cap] = caps.get(rule.cap, ZERO) + share
            continue
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
            held.add(n, rule.cap, share)
        if rule.veto is not None:
            vetoes.append(VetoHit(i, rule, rec))
    for (n, _), top in best.items():
        held.add(n, top.cap, top.share)
    return held, vetoes


def figures(plan: Plan, cp: ClassPlan, ledger: Ledger, held: Held) -> None:
    """Each figure checked, and what the item rules reading it count, added to their items.

    Raises :class:`Misfit` at the first figure that is not one the class's rules
    read (a label, an unknown figure, another class's), or not of its kind and bounds.
    """
    checks, rules_of, rounding = plan.figure_checks, cp.reads.get, plan.rounding
    items, caps = held.items, held.caps
    for key, value in ledger.measures.items():
        rules = rules_of(key)
        if rules is None:
            raise Misfit
        check_figure(checks[key], value)
        for rule in rules:
            share = points(rule, value, rounding)  # type: ignore[arg-type]
            n = rule.item.number  # type: ignore[union-attr]
            items[n] = items.get(n, ZERO) + share  # Held.add, written out
            if rule.cap is not None:
                caps[rule.cap] = caps.get(rule.cap, ZERO) + share


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
        """Each touched row: its items, its remainder rule last, then its points.

        Rows do not affect one another, so each step is done for all rows at once.
        """
        plan, held, ded, row_ded = self.plan, self.held, self.ded, self.row_ded
        touched = held.items
        for earning in self.cp.earn_items:
            touched.setdefault(earning.number, ZERO)  # nothing earned: it loses its points
        items = plan.items
        for n, d in touched.items():
            item = items[n]
            row = item.row
            if row is None:
                continue  # a direct deduction (直接扣分): see direct()
            if d > item.sure_below:
                d = deduction(item, held)  # noqa: PLW2901 - a cap may cut (the test is deduction's own)
            ded[n] = d
            row_ded[row] = row_ded.get(row, ZERO) + d
        measures = self.ledger.measures
        for number, rule in self.cp.remainders.items():
            rate = measures.get(rule.measure)
            if rate is None:
                continue
            used = row_ded.get(number, ZERO)
            if rule.item is not None:
                left = max(ZERO, plan.row_by_number[number].points - used)
                value = remainder_points(left, Decimal(rate), plan.rounding)  # type: ignore[arg-type]
                n = rule.item.number
                before = ded.get(n, ZERO)
                held.add(n, rule.cap, value)
                ded[n] = deduction(rule.item, held)
                used += ded[n] - before
            row_ded[number] = used
        bounds = plan.row_bounds
        for number, used in row_ded.items():
            bound = bounds[number]
            if used > bound:
                mine = self._items_of(number)
                cut_across(mine, bound, plan, ded)
                row_ded[number] = sum((ded[n] for n in mine), ZERO)

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
        plan, ledger = self.plan, self.ledger
        to_indicators: dict[str, Decimal] = {}
        to_total = added_all = ZERO
        if not (ledger.awards or self.cp.bonus_measured):
            return to_indicators, to_total, added_all  # no award, no figure: nothing to add
        raw: dict[str, Decimal] = {}  # bonus → what its lines add (deeds counted once)
        best: dict[tuple[str, str], Decimal] = {}  # (bonus, deed) → its highest line
        for award in ledger.awards:
            rule = award_rule(award, plan.award_bonuses)
            value = award_amount(award, rule, plan.factors)
            if award.deed is not None and rule.one_per_deed:
                # 同一事项按最高计: a deed counts once, at its highest.
                key = (rule.key, award.deed)
                if key not in best or value > best[key]:
                    best[key] = value
            else:
                raw[rule.key] = raw.get(rule.key, ZERO) + value
        for (bonus_key, _), value in best.items():
            raw[bonus_key] = raw.get(bonus_key, ZERO) + value
        for measured in self.cp.bonus_measured:
            figure = ledger.measures.get(measured.measure)
            if figure is not None and measured.bonus is not None:
                value = points(measured, figure, plan.rounding)  # type: ignore[arg-type]
                raw[measured.bonus] = raw.get(measured.bonus, ZERO) + value
        for bonus in plan.bonuses:
            added = self._one_bonus(bonus, raw.get(bonus.key, ZERO))
            added_all += added
            if bonus.target is BonusTarget.INDICATOR:
                to_indicators[bonus.indicator or ""] = added
            elif bonus.target is BonusTarget.TOTAL:
                to_total += added
        return to_indicators, to_total, added_all

    def _one_bonus(self, bonus: BonusPlan, raw: Decimal) -> Decimal:
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

    def table_score(self, to_indicators: dict[str, Decimal], rows_lost: Decimal) -> Decimal:
        """What the table gives before direct deductions and total bonuses: weighted where said."""
        plan, row_ded, row_bonus = self.plan, self.row_ded, self.row_bonus

        def row_score(number: int, points: Decimal) -> Decimal:
            if number not in row_ded:
                return points
            return points - row_ded[number] + row_bonus.get(number, ZERO)

        if plan.weights_on is not None:
            return weighted(plan, row_score, to_indicators)
        extra = sum(to_indicators.values(), ZERO) if to_indicators else ZERO
        if row_bonus:
            rows_lost -= sum(row_bonus.values(), ZERO)
        return plan.total_points - rows_lost + extra


def weighted(
    plan: Plan, row_score: Callable[[int, Decimal], Decimal], to_indicators: dict[str, Decimal]
) -> Decimal:
    """The table's score where indicators or rows are weighted (得分×权重折算).

    ``row_score`` gives a row's score from its number and points; bonuses
    added to an indicator count inside its weight.
    """
    if plan.weights_on == "indicator":
        result = ZERO
        for ind in plan.indicators:
            score = sum((row_score(r.number, r.points) for r in ind.rows), ZERO)
            score += to_indicators.get(ind.key or "", ZERO)
            result += ind.weight * score  # type: ignore[operator]
        return result
    extra = sum(to_indicators.values(), ZERO)
    return sum((r.weight * row_score(r.number, r.points) for r in plan.rows), ZERO) + extra  # type: ignore[operator]


def work_out(plan: Plan, cp: ClassPlan, ledger: Ledger) -> Outcome:
    """The outcome of a checked ledger: every level's caps, bonuses, weights, floor, rounding.

    Raises :class:`Misfit` when a record does not fit the rulebook as written.
    """
    held, vetoes = records(plan, cp, ledger)
    figures(plan, cp, ledger, held)
    levels = _Levels(plan, cp, ledger, held)
    levels.rows()
    if plan.indicator_work:
        levels.indicators()
    direct = levels.direct() if plan.direct else []
    if plan.deduction_cap is not None:
        levels.whole(direct)
    to_indicators, to_total, added = levels.bonuses()
    direct_total = sum((levels.ded[n] for n in direct), ZERO) if direct else ZERO
    rows_lost = sum(levels.row_ded.values(), ZERO)
    score = levels.table_score(to_indicators, rows_lost) - direct_total + to_total
    if plan.floor is not None and score < plan.floor:
        score = plan.floor
    if plan.score_rounding is not None:
        score = score.quantize(
            plan.score_rounding.quantum, rounding=plan.score_rounding.mode, context=ROUNDING
        )
    if vetoes:
        # A veto's score is the most the unit can have (总分计0分, 不超过60分):
        # it never raises a total that is already lower.
        for hit in vetoes:
            ceiling = hit.rule.veto.score  # type: ignore[union-attr]
            if ceiling is not None and ceiling < score:
                score = ceiling
    return Outcome(score, rows_lost + direct_total, added, vetoes, levels.ded, levels.row_ded)


__all__ = [
    "Held",
    "Outcome",
    "VetoHit",
    "deduction",
    "figures",
    "records",
    "weighted",
    "work_out",
]
