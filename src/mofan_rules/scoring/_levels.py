"""Caps and sums, level by level: items, rows, indicators, the whole, bonuses, the total.

Each function takes the lines made so far and applies one level of the order
of computation. Cuts are recorded where they happen, so the explanation
never works a number out a second time.
"""

from __future__ import annotations

from decimal import Decimal

from mofan_rules.ledger import Award, Ledger
from mofan_rules.rulebook import BonusTarget
from mofan_rules.scoring._figures import ROUNDING
from mofan_rules.scoring._lines import figure_line, remainder_line
from mofan_rules.scoring._plan import ONE, ZERO, BonusPlan, ClassPlan, ItemPlan, Plan
from mofan_rules.scoring._tally import (
    BonusTally,
    Cut,
    IndicatorTally,
    ItemTally,
    Line,
    RowTally,
    Tally,
    limit,
    total,
)


def cap_item(tally: ItemTally) -> None:
    """One item's own caps: per case, tier and clause caps, then its cap, points and floor."""
    plan = tally.plan
    lines = tally.lines
    record_cut = sum((line.value - line.share for line in lines), ZERO)
    if record_cut:
        tally.cuts.append(Cut("record", "per_record_cap", "", ZERO, tally.raw, record_cut))
    if plan.one_per_case:
        _one_per_case(tally)
    for cap in plan.caps:
        capped = [line for line in lines if line.cap is cap]
        before = total(capped)
        if before > cap.limit:
            tally.cuts.append(
                Cut("cap", cap.key, cap.label, cap.limit, before, limit(capped, cap.limit, cap.key))
            )
    before = total(lines)
    if plan.bound is not None and before > plan.bound:
        scope = "floor" if _floor_binds(plan) else "item"
        key = f"item_{plan.number}"
        tally.cuts.append(Cut(scope, key, "", plan.bound, before, limit(lines, plan.bound, key)))
    counted = total(lines)
    if plan.earns:
        points = plan.points or ZERO
        tally.earned = counted
        lost = points - counted
        if plan.floor is not None and lost > points - plan.floor:
            tally.cuts.append(Cut("floor", f"item_{plan.number}", "", plan.floor, lost, lost - (points - plan.floor)))
            lost = points - plan.floor
        tally.deduction = lost
    else:
        tally.deduction = counted


def _floor_binds(plan: ItemPlan) -> bool:
    if plan.earns or plan.floor is None or plan.points is None:
        return False
    return plan.bound == plan.points - plan.floor and (plan.cap is None or plan.cap > plan.bound)


def _one_per_case(tally: ItemTally) -> None:
    """同一案件不累计扣分: of the records naming one case, only the one counting most counts."""
    best: dict[str, Line] = {}
    for line in tally.lines:
        case = getattr(line.source, "case", None)
        if case is None:
            continue
        kept = best.get(case)
        if kept is None:
            best[case] = line
        elif line.share > kept.share:
            best[case] = line
    cut = ZERO
    before = total(tally.lines)
    for line in tally.lines:
        case = getattr(line.source, "case", None)
        if case is not None and best[case] is not line:
            cut += line.cut_to(ZERO, "one_per_case")
    if cut:
        tally.cuts.append(Cut("case", "one_per_case", "", ZERO, before, cut))


def _cut_across(tallies: list[ItemTally], bound: Decimal, scope: str, key: str) -> None:
    """Cut the deduction lines of several items, in order, to ``bound``; note each item's cut."""
    lines = [line for t in tallies if not t.plan.earns for line in t.lines]
    before = {id(t): t.deduction for t in tallies}
    limit(lines, bound - sum((t.deduction for t in tallies if t.plan.earns), ZERO), key)
    for t in tallies:
        if t.plan.earns:
            continue
        t.deduction = total(t.lines)
        cut = before[id(t)] - t.deduction
        if cut:
            t.cuts.append(Cut(scope, key, "", bound, before[id(t)], cut))


def rows_and_indicators(
    plan: Plan, cp: ClassPlan, ledger: Ledger, items: dict[int, ItemTally], lines: list[Line]
) -> tuple[list[RowTally], list[IndicatorTally]]:
    """Every row (its remainder rule last, then its points) and every indicator (its cap)."""
    rows: list[RowTally] = []
    indicators: list[IndicatorTally] = []
    for ind in plan.indicators:
        ind_rows: list[RowTally] = []
        for row in ind.rows:
            done: list[ItemTally] = []
            used = ZERO
            for item in row.items:
                tally = items.get(item.number)
                if tally is None and item.earns and item.applies_to(cp.unit_class):
                    # An earning item with nothing recorded earns nothing: it loses its points.
                    tally = items[item.number] = ItemTally(item)
                if tally is None:
                    continue
                cap_item(tally)
                used += tally.deduction
                done.append(tally)
            rule = cp.remainders.get(row.number)
            rate = ledger.measures.get(rule.measure) if rule is not None else None
            if rule is not None and rate is not None and rule.item is not None:
                left = max(ZERO, row.points - used)
                line = remainder_line(rule, Decimal(rate), left, plan.rounding)  # type: ignore[arg-type]
                tally = items.get(rule.item.number)
                if tally is None:
                    tally = items[rule.item.number] = ItemTally(rule.item)
                    done.append(tally)
                tally.lines.append(line)
                tally.raw += line.value
                lines.append(line)
                before = tally.deduction
                cap_item(tally)
                used += tally.deduction - before
            done.sort(key=lambda t: t.plan.number)
            raw = used
            if used > row.bound:
                _cut_across(done, row.bound, "row", f"row_{row.number}")
                used = sum((t.deduction for t in done), ZERO)
            ind_rows.append(RowTally(row, done, raw, used))
        indicator = IndicatorTally(ind, ind_rows)
        if ind.cap is not None and indicator.deducted > ind.cap:
            all_items = [t for r in ind_rows for t in r.items]
            _cut_across(all_items, ind.cap, "indicator", f"indicator_{ind.index + 1}")
            for r in ind_rows:
                r.deducted = sum((t.deduction for t in r.items), ZERO)
        rows += ind_rows
        indicators.append(indicator)
    return rows, indicators


def direct(plan: Plan, items: dict[int, ItemTally]) -> list[ItemTally]:
    """The direct deductions (直接扣分): each item capped, then the section's cap."""
    done = [items[p.number] for p in plan.direct if p.number in items]
    for tally in done:
        cap_item(tally)
    if plan.direct_cap is not None and sum((t.deduction for t in done), ZERO) > plan.direct_cap:
        _cut_across(done, plan.direct_cap, "direct", "direct_cap")
    return done


def whole_cap(plan: Plan, rows: list[RowTally], direct_items: list[ItemTally]) -> Cut | None:
    """The cap on the whole deduction (扣分总计不超过N分), cutting in table order."""
    cap = plan.deduction_cap
    if cap is None:
        return None
    tallies = [t for r in rows for t in r.items] + direct_items
    before = sum((t.deduction for t in tallies), ZERO)
    if before <= cap:
        return None
    _cut_across(tallies, cap, "whole", "deduction_cap")
    for r in rows:
        r.deducted = sum((t.deduction for t in r.items), ZERO)
    return Cut("whole", "deduction_cap", "", cap, before, before - cap)


def bonuses(
    plan: Plan,
    cp: ClassPlan,
    ledger: Ledger,
    rows: list[RowTally],
    indicators: list[IndicatorTally],
    lines: list[Line],
) -> list[BonusTally]:
    """Each bonus rule's lines (awards or figures), one per deed, its cap, where it is added."""
    by_rule: dict[str, list[Line]] = {b.key: [] for b in plan.bonuses}
    award_rules = [b for b in plan.bonuses if b.awards is not None]
    for i, award in enumerate(ledger.awards):
        rule = _award_rule(award, award_rules)
        amount = rule.awards[(award.level, award.scope)]  # type: ignore[index]
        factor = ONE
        for mod in award.modifiers:
            factor *= plan.factors[mod]
        value = amount * factor
        line = Line((2, i), f"/awards/{i}", rule, award, amount, 1, factor, value, value)
        by_rule[rule.key].append(line)
    for rule in cp.bonus_measured:
        figure = ledger.measures.get(rule.measure)
        if figure is not None and rule.bonus is not None:
            by_rule[rule.bonus].append(figure_line(rule, figure, plan.rounding, 3))  # type: ignore[arg-type]
    out: list[BonusTally] = []
    for bonus in plan.bonuses:
        made = by_rule[bonus.key]
        lines += made
        out.append(_one_bonus(bonus, made, rows, indicators))
    return out


def _award_rule(award: Award, rules: list[BonusPlan]) -> BonusPlan:
    if award.bonus is not None:
        return next(b for b in rules if b.key == award.bonus)
    return rules[0]


def _one_bonus(
    bonus: BonusPlan, lines: list[Line], rows: list[RowTally], indicators: list[IndicatorTally]
) -> BonusTally:
    raw = total(lines)
    if bonus.one_per_deed:
        best: dict[str, Line] = {}
        for line in lines:
            deed = getattr(line.source, "deed", None)
            if deed is not None and (deed not in best or line.share > best[deed].share):
                best[deed] = line
        for line in lines:
            deed = getattr(line.source, "deed", None)
            if deed is not None and best[deed] is not line:
                line.cut_to(ZERO, "one_per_deed")
    cap = bonus.cap
    row = next((r for r in rows if r.plan.number == bonus.row), None)
    indicator = next((i for i in indicators if i.plan.key == bonus.indicator), None)
    if bonus.target is BonusTarget.ROW:
        # Added to a row, a bonus can only give back what the row lost.
        cap = min(cap, row.deducted if row is not None else ZERO)
    elif bonus.target is BonusTarget.INDICATOR:
        cap = min(cap, indicator.deducted if indicator is not None else ZERO)
    limit(lines, cap, f"bonus_{bonus.key}")
    added = total(lines)
    if bonus.target is BonusTarget.ROW and row is not None:
        row.bonus += added
    elif bonus.target is BonusTarget.INDICATOR and indicator is not None:
        indicator.bonus += added
    return BonusTally(bonus, lines, raw, cap, added)


def finish(
    plan: Plan,
    cp: ClassPlan,
    ledger: Ledger,
    items: dict[int, ItemTally],
    lines: list[Line],
    vetoes: list[Line],
    notices: list[tuple[str, str, object]],
) -> Tally:
    """Everything after the lines: every level's caps, bonuses, weights, floor, rounding."""
    rows, indicators = rows_and_indicators(plan, cp, ledger, items, lines)
    direct_items = direct(plan, items)
    whole = whole_cap(plan, rows, direct_items)
    bonus_tallies = bonuses(plan, cp, ledger, rows, indicators, lines)
    direct_total = sum((t.deduction for t in direct_items), ZERO)
    if plan.weights_on == "indicator":
        table = sum((i.plan.weight * i.score for i in indicators), ZERO)  # type: ignore[operator]
    elif plan.weights_on == "row":
        table = sum((r.plan.weight * r.score for r in rows), ZERO)  # type: ignore[operator]
        table += sum((i.bonus for i in indicators), ZERO)
    else:
        table = sum((i.score for i in indicators), ZERO)
    to_total = sum(
        (b.added for b in bonus_tallies if b.plan.target is BonusTarget.TOTAL), ZERO
    )
    score = table - direct_total + to_total
    if plan.floor is not None and score < plan.floor:
        score = plan.floor
    if plan.score_rounding is not None:
        score = score.quantize(
            plan.score_rounding.quantum, rounding=plan.score_rounding.mode, context=ROUNDING
        )
    scores = [v.rule.veto.score for v in vetoes if v.rule.veto.score is not None]  # type: ignore[union-attr]
    if scores:
        score = min(scores)
    deducted = sum((r.deducted for r in rows), ZERO) + direct_total
    return Tally(
        items=items,
        rows=rows,
        indicators=indicators,
        direct=direct_items,
        bonuses=bonus_tallies,
        lines=lines,
        total=score,
        deducted=deducted,
        bonus=sum((b.added for b in bonus_tallies), ZERO),
        vetoes=vetoes,
        notices=notices,
        unit_class=cp.unit_class,
        whole_cut=whole,
    )


__all__ = ["cap_item", "finish"]
