"""Caps and sums, level by level: items, rows, indicators, the whole, bonuses, the total.

Each function takes the lines made so far and applies one level of the order
of computation. Cuts are recorded where they happen, so the explanation
never works a number out a second time. Only what a ledger touched is
worked on: a row nothing happened in keeps its points without a visit.
"""

from __future__ import annotations

from decimal import Decimal

from mofan_rules.ledger import Ledger
from mofan_rules.rulebook import BonusTarget
from mofan_rules.scoring._checks import award_rule
from mofan_rules.scoring._figures import ROUNDING
from mofan_rules.scoring._lines import figure_line, remainder_line
from mofan_rules.scoring._outcome import weighted
from mofan_rules.scoring._plan import (
    ONE,
    ZERO,
    BonusPlan,
    ClassPlan,
    IndicatorPlan,
    ItemPlan,
    Plan,
    RecordRule,
)
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
    if tally.counted != tally.raw:
        # The cap each record was cut to (one per situation; the first one named).
        per_record = next(
            line.rule.per_record_cap
            for line in tally.lines
            if isinstance(line.rule, RecordRule) and line.rule.per_record_cap is not None
        )
        tally.cuts.append(
            Cut("record", "per_record_cap", "", per_record, tally.raw, tally.raw - tally.counted)
        )
    if not (plan.earns or plan.one_per_case) and (
        plan.cuts_above is None or tally.counted <= plan.cuts_above
    ):
        tally.deduction = tally.counted  # nothing can cut it
        return
    lines = tally.lines
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
            floor_cut = lost - (points - plan.floor)
            tally.cuts.append(Cut("floor", f"item_{plan.number}", "", plan.floor, lost, floor_cut))
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
        if case is not None and (case not in best or line.share > best[case].share):
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


def _by_row(
    cp: ClassPlan, ledger: Ledger, items: dict[int, ItemTally]
) -> dict[int, list[ItemTally]]:
    """The rows something happened in, each with its items' tallies in table order."""
    for item in cp.earn_items:
        if item.number not in items:
            # An earning item with nothing recorded earns nothing: it loses its points.
            items[item.number] = ItemTally(item)
    by_row: dict[int, list[ItemTally]] = {}
    for tally in items.values():
        number = tally.plan.row
        if number is None:
            continue
        found = by_row.get(number)
        if found is None:
            by_row[number] = [tally]
        else:
            found.append(tally)
    for number, rule in cp.remainders.items():
        if number not in by_row and rule.measure in ledger.measures:
            by_row[number] = []
    for tallies in by_row.values():
        if len(tallies) > 1:
            tallies.sort(key=_item_number)
    return by_row


def _item_number(tally: ItemTally) -> int:
    return tally.plan.number


def rows(
    plan: Plan, cp: ClassPlan, ledger: Ledger, items: dict[int, ItemTally], lines: list[Line]
) -> dict[int, RowTally]:
    """Every row something happened in: its items' caps, its remainder rule last, then its points."""
    out: dict[int, RowTally] = {}
    by_row = _by_row(cp, ledger, items)
    for number in sorted(by_row):
        row = plan.row_by_number[number]
        done = by_row[number]
        used = ZERO
        for tally in done:
            cap_item(tally)
            used += tally.deduction
        rule = cp.remainders.get(number)
        rate = ledger.measures.get(rule.measure) if rule is not None else None
        if rule is not None and rate is not None and rule.item is not None:
            line = remainder_line(rule, Decimal(rate), max(ZERO, row.points - used), plan.rounding)  # type: ignore[arg-type]
            found = items.get(rule.item.number)
            if found is None:
                found = items[rule.item.number] = ItemTally(rule.item)
                done.append(found)
                done.sort(key=_item_number)
            tally = found
            tally.lines.append(line)
            tally.raw += line.value
            tally.counted += line.share
            lines.append(line)
            before = tally.deduction
            cap_item(tally)
            used += tally.deduction - before
        raw = used
        if used > row.bound:
            _cut_across(done, row.bound, "row", f"row_{row.number}")
            used = sum((t.deduction for t in done), ZERO)
        out[number] = RowTally(row, done, raw, used)
    return out


def indicators(plan: Plan, rows_: dict[int, RowTally]) -> list[IndicatorTally]:
    """Every indicator, with its cap applied (cutting its rows' lines in table order)."""
    out = []
    for ind in plan.indicators:
        mine = [rows_[r.number] for r in ind.rows if r.number in rows_]
        tally = IndicatorTally(ind, mine)
        if ind.cap is not None and tally.deducted > ind.cap:
            _cut_across(
                [t for r in mine for t in r.items],
                ind.cap,
                "indicator",
                f"indicator_{ind.index + 1}",
            )
            for r in mine:
                r.deducted = sum((t.deduction for t in r.items), ZERO)
        out.append(tally)
    return out


def direct(plan: Plan, items: dict[int, ItemTally]) -> list[ItemTally]:
    """The direct deductions (直接扣分): each item capped, then the section's cap."""
    done = [items[p.number] for p in plan.direct if p.number in items]
    for tally in done:
        cap_item(tally)
    if plan.direct_cap is not None and sum((t.deduction for t in done), ZERO) > plan.direct_cap:
        _cut_across(done, plan.direct_cap, "direct", "direct_cap")
    return done


def whole_cap(plan: Plan, rows_: dict[int, RowTally], direct_items: list[ItemTally]) -> Cut | None:
    """The cap on the whole deduction (扣分总计不超过N分), cutting in table order."""
    cap = plan.deduction_cap
    if cap is None:
        return None
    tallies = [t for n in sorted(rows_) for t in rows_[n].items] + direct_items
    before = sum((t.deduction for t in tallies), ZERO)
    if before <= cap:
        return None
    _cut_across(tallies, cap, "whole", "deduction_cap")
    for r in rows_.values():
        r.deducted = sum((t.deduction for t in r.items), ZERO)
    return Cut("whole", "deduction_cap", "", cap, before, before - cap)


def _indicator_lost(ind: IndicatorPlan, rows_: dict[int, RowTally]) -> Decimal:
    return sum((rows_[r.number].deducted for r in ind.rows if r.number in rows_), ZERO)


def bonuses(
    plan: Plan, cp: ClassPlan, ledger: Ledger, rows_: dict[int, RowTally], lines: list[Line]
) -> list[BonusTally]:
    """Each bonus rule's lines (awards or figures), one per deed, its cap, where it is added."""
    if not plan.bonuses:
        return []
    by_rule: dict[str, list[Line]] = {b.key: [] for b in plan.bonuses}
    for i, award in enumerate(ledger.awards):
        rule = award_rule(award, plan.award_bonuses)
        amount = rule.awards[(award.level, award.scope)]  # type: ignore[index]
        factor = ONE
        for mod in award.modifiers:
            factor *= plan.factors[mod]
        value = amount * factor
        by_rule[rule.key].append(Line(2, i, rule, award, amount, 1, factor, value, value))
    for rule_ in cp.bonus_measured:
        figure = ledger.measures.get(rule_.measure)
        if figure is not None and rule_.bonus is not None:
            by_rule[rule_.bonus].append(figure_line(rule_, figure, plan.rounding, 3))  # type: ignore[arg-type]
    out: list[BonusTally] = []
    for bonus in plan.bonuses:
        made = by_rule[bonus.key]
        lines += made
        out.append(_one_bonus(plan, bonus, made, rows_))
    return out


def _one_bonus(
    plan: Plan, bonus: BonusPlan, lines: list[Line], rows_: dict[int, RowTally]
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
    row = rows_.get(bonus.row) if bonus.row is not None else None
    if bonus.target is BonusTarget.ROW:
        # Added to a row, a bonus can only give back what the row lost.
        cap = min(cap, row.deducted if row is not None else ZERO)
    elif bonus.target is BonusTarget.INDICATOR:
        indicator = next((i for i in plan.indicators if i.key == bonus.indicator), None)
        cap = min(cap, _indicator_lost(indicator, rows_) if indicator is not None else ZERO)
    limit(lines, cap, f"bonus_{bonus.key}")
    added = total(lines)
    if bonus.target is BonusTarget.ROW and row is not None:
        row.bonus += added
    return BonusTally(bonus, lines, raw, cap, added)


def _table_score(
    plan: Plan, rows_: dict[int, RowTally], to_indicators: dict[str, Decimal]
) -> Decimal:
    """What the table gives before direct deductions and total bonuses: weighted where said."""

    def row_score(number: int, points: Decimal) -> Decimal:
        row = rows_.get(number)
        return points if row is None else row.score

    if plan.weights_on is not None:
        return weighted(plan, row_score, to_indicators)
    extra = sum(to_indicators.values(), ZERO)
    lost = ZERO
    for row in rows_.values():
        lost += row.deducted - row.bonus
    return plan.total_points - lost + extra


def finish(
    plan: Plan,
    cp: ClassPlan,
    ledger: Ledger,
    items: dict[int, ItemTally],
    *,
    lines: list[Line],
    vetoes: list[Line],
) -> Tally:
    """Everything after the lines: every level's caps, bonuses, weights, floor, rounding."""
    rows_ = rows(plan, cp, ledger, items, lines)
    inds = indicators(plan, rows_) if plan.indicator_work else []
    direct_items = direct(plan, items) if plan.direct else []
    whole = whole_cap(plan, rows_, direct_items)
    bonus_tallies = bonuses(plan, cp, ledger, rows_, lines)
    to_indicators = {
        b.plan.indicator or "": b.added
        for b in bonus_tallies
        if b.plan.target is BonusTarget.INDICATOR
    }
    for ind in inds:
        ind.bonus = to_indicators.get(ind.plan.key or "", ZERO)
    direct_total = sum((t.deduction for t in direct_items), ZERO)
    to_total = sum((b.added for b in bonus_tallies if b.plan.target is BonusTarget.TOTAL), ZERO)
    score = _table_score(plan, rows_, to_indicators) - direct_total + to_total
    if plan.floor is not None and score < plan.floor:
        score = plan.floor
    if plan.score_rounding is not None:
        score = score.quantize(
            plan.score_rounding.quantum, rounding=plan.score_rounding.mode, context=ROUNDING
        )
    scores = [v.rule.veto.score for v in vetoes if v.rule.veto.score is not None]  # type: ignore[union-attr]
    if scores:
        # A veto's score is the most the unit can have (总分计0分, 不超过60分):
        # it never raises a total that is already lower.
        score = min(score, *scores)
    deducted = sum((r.deducted for r in rows_.values()), ZERO) + direct_total
    return Tally(
        items=items,
        rows=rows_,
        indicators=inds,
        direct=direct_items,
        bonuses=bonus_tallies,
        lines=lines,
        total=score,
        deducted=deducted,
        bonus=sum((b.added for b in bonus_tallies), ZERO),
        vetoes=vetoes,
        unit_class=cp.unit_class,
        whole_cut=whole,
    )


__all__ = ["cap_item", "finish"]
