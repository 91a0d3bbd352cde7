"""The trail: every record, figure and award of a checked ledger as a line, capped in order.

Made only when a report's details are first read. Each record becomes a
:class:`~._tally.Line` with the amount, count and factor it was counted at;
:mod:`._levels` then applies every cap to the lines, level by level, noting
each cut where it happens. Follow one record: its (item, situation, tier)
finds its :class:`~._plan.RecordRule`, :func:`_record_line` makes its line,
the line joins its item's :class:`~._tally.ItemTally`, and the explanation
(:mod:`._explain`) words it as one trail entry.
"""

from __future__ import annotations

from mofan_rules.ledger import Ledger, Record
from mofan_rules.scoring import _levels
from mofan_rules.scoring._checks import modifier_factor
from mofan_rules.scoring._lines import figure_line
from mofan_rules.scoring._plan import ClassPlan, ItemPlan, Plan, RecordRule
from mofan_rules.scoring._tally import ItemTally, Line, Tally


def _record_line(plan: Plan, position: int, rule: RecordRule, rec: Record) -> Line:
    """One record's line: amount × count × factor, cut to its record cap (每份最多扣N分)."""
    amount = rule.amount if rule.amount is not None else rec.amount
    assert amount is not None  # a checked record states the amount of a range
    factor = rule.multiplier
    if rec.modifiers:
        factor *= modifier_factor(rec.modifiers, rule.modifiers, plan.factors)
    value = amount * rec.count * factor
    line = Line(0, position, rule, rec, amount, rec.count, factor, value, value)
    if rule.per_record_cap is not None and value > rule.per_record_cap:
        line.cut_to(rule.per_record_cap, "per_record_cap")
    return line


def _add(items: dict[int, ItemTally], lines: list[Line], line: Line, item: ItemPlan) -> None:
    tally = items.get(item.number)
    if tally is None:
        tally = items[item.number] = ItemTally(item)
    tally.lines.append(line)
    tally.raw += line.value
    tally.counted += line.share
    lines.append(line)


def trail_of(plan: Plan, cp: ClassPlan, ledger: Ledger) -> Tally:
    """Every line of a ledger that fits the rulebook, capped level by level."""
    items: dict[int, ItemTally] = {}
    lines: list[Line] = []
    vetoes: list[Line] = []
    for i, rec in enumerate(ledger.records):
        rule = cp.records[(rec.item, rec.situation, rec.tier)]
        line = _record_line(plan, i, rule, rec)
        _add(items, lines, line, rule.item)
        if rule.veto is not None:
            vetoes.append(line)
    for measured in cp.measured:
        figure = ledger.measures.get(measured.measure)
        if figure is not None and measured.item is not None:
            line = figure_line(measured, figure, plan.rounding, 1)  # type: ignore[arg-type]
            _add(items, lines, line, measured.item)
    return _levels.finish(plan, cp, ledger, items, lines=lines, vetoes=vetoes)


__all__ = ["trail_of"]
