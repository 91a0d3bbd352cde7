"""The evaluator: a ledger and a rulebook in, an explained score out.

Pure and deterministic: no files, no YAML, no clock, no global state. The
order is READING.md's: each occurrence's amount × count × modifiers; tier and
clause caps; the item cap; the remainder rule last within its row; the row's
points; then the bonus and its cap. A cap cuts the lines it covers in trail
order (records in ledger order, then measure lines in the rulebook's order of
situations), keeping earlier lines whole, so every line's share is exact and
the shares add up to the deduction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Context, Decimal, Inexact, InvalidOperation, Overflow, localcontext
from typing import Literal

from .errors import FactsError, Problem, RulebookMismatchError
from .factcheck import check_ledger, pin_problem
from .ledger import Ledger, RankValue
from .model import Bonus, Rank, RankMode, Rulebook, Shortfall, TieRule
from .plan import CapPlan, ItemPlan, Plan, SituationPlan, plan_for
from .report import (
    BonusResult,
    CapCut,
    ItemResult,
    RowResult,
    RulebookRef,
    ScoreReport,
    TrailEntry,
    canonical,
)

# Every amount is exact; a product that needed rounding would be a bug, so
# Inexact traps. The only rounding (rate-based rules) is explicit.
_EXACT = Context(prec=60, traps=[InvalidOperation, Overflow, Inexact])
_ZERO = Decimal(0)
_ONE = Decimal(1)


@dataclass(slots=True)
class _Line:
    """A trail line while it is being capped (mutable until the report is built)."""

    origin: str
    kind: Literal["record", "measure", "award"]
    item: int | None
    situation: str
    tier: str | None
    label: str
    source: str
    amount: Decimal
    count: int
    modifiers: tuple[str, ...]
    factor: Decimal
    value: Decimal
    cap: CapPlan | None = None
    detail: str = ""
    rule: str = "per_occurrence"
    date: dt.date | None = None
    evidence: str | None = None
    note: str | None = None
    share: Decimal = _ZERO
    cut_by: list[str] = field(default_factory=list)

    def freeze(self) -> TrailEntry:
        return TrailEntry(
            origin=self.origin,
            kind=self.kind,
            item=self.item,
            situation=self.situation,
            tier=self.tier,
            label=self.label,
            source=self.source,
            amount=self.amount,
            count=self.count,
            modifiers=self.modifiers,
            factor=self.factor,
            value=self.value,
            share=self.share,
            cut_by=tuple(self.cut_by),
            detail=self.detail,
            rule=self.rule,
            date=self.date,
            evidence=self.evidence,
            note=self.note,
        )


def _limit(lines: list[_Line], limit: Decimal, key: str) -> Decimal:
    """Cut ``lines`` (in order) so their shares add up to at most ``limit``; return the cut."""
    room = limit
    cut = _ZERO
    for line in lines:
        keep = min(line.share, room) if room > 0 else _ZERO
        if keep != line.share:
            cut += line.share - keep
            line.share = keep
            line.cut_by.append(key)
        room -= keep
    return cut


def _sum(lines: list[_Line]) -> Decimal:
    return sum((line.share for line in lines), _ZERO)


def _record_lines(plan: Plan, ledger: Ledger) -> dict[int, list[_Line]]:
    by_item: dict[int, list[_Line]] = {}
    for i, rec in enumerate(ledger.records):
        sit = plan.items[rec.item].situations[rec.situation]
        amount = sit.amounts[rec.tier if sit.tier_labels else None]
        factor = _ONE
        for mod in rec.modifiers:
            factor *= plan.modifiers[mod].factor
        value = amount * rec.count * factor
        label = sit.label + (f"（{sit.tier_labels[rec.tier]}）" if rec.tier else "")
        line = _Line(
            f"records/{i}",
            "record",
            rec.item,
            sit.key,
            rec.tier,
            label,
            sit.source,
            amount,
            rec.count,
            tuple(rec.modifiers),
            factor,
            value,
            sit.cap_for(rec.tier),
            date=rec.date,
            evidence=rec.evidence,
            note=rec.note,
            share=value,
        )
        by_item.setdefault(rec.item, []).append(line)
    return by_item


def _effective_rank(rule: Rank, value: RankValue) -> int:
    return value.rank + value.tied - 1 if rule.ties is TieRule.LAST_OF_TIE else value.rank


def _measure_line(sit: SituationPlan, ledger: Ledger) -> _Line | None:
    rule = sit.rule
    value = ledger.measures.get(getattr(rule, "measure", ""))
    if value is None:
        return None
    count, detail = 0, ""
    if isinstance(rule, Shortfall) and isinstance(value, int):
        count = max(0, rule.required - value)
        detail = f"{value} held, {rule.required} required: {count} missing"
    elif isinstance(rule, Rank) and isinstance(value, RankValue):
        rank = _effective_rank(rule, value)
        where = (
            f"rank {rank}"
            + (f" of {value.of}" if value.of else "")
            + (f", score {canonical(value.score)}" if value.score is not None else "")
        )
        if (
            rule.score_below is not None
            and value.score is not None
            and value.score >= rule.score_below
        ):
            detail = f"{where}: score not below {canonical(rule.score_below)}"
        elif rule.mode is RankMode.BELOW_PLACE:
            count = max(0, rank - rule.places)
            detail = f"{where}: {count} places below place {rule.places}"
        elif value.of is not None:
            count = max(0, rank - (value.of - rule.places))
            detail = f"{where}: {count} positions into the last {rule.places}"
    else:  # pragma: no cover - factcheck guarantees the value fits the rule
        return None
    amount = sit.amounts[None]
    return _Line(
        f"measures/{rule.measure}",
        "measure",
        sit.item,
        sit.key,
        None,
        sit.label,
        sit.source,
        amount,
        count,
        (),
        _ONE,
        amount * count,
        sit.cap_for(None),
        detail=detail,
        share=amount * count,
        rule=sit.kind,
    )


def _cap_item(item: ItemPlan, lines: list[_Line]) -> tuple[Decimal, list[CapCut]]:
    raw = _sum(lines)
    cuts: list[CapCut] = []
    for cap in item.caps:
        covered = [line for line in lines if line.cap is cap]
        before = _sum(covered)
        if before > cap.limit:
            cuts.append(
                CapCut(
                    scope="cap",
                    key=cap.key,
                    label=cap.label,
                    limit=cap.limit,
                    before=before,
                    cut=_limit(covered, cap.limit, cap.key),
                )
            )
    if item.cap is not None:
        before = _sum(lines)
        if before > item.cap:
            key = f"item_{item.number}"
            cuts.append(
                CapCut(
                    scope="item",
                    key=key,
                    label=f"此项最多扣{item.cap}分",
                    limit=item.cap,
                    before=before,
                    cut=_limit(lines, item.cap, key),
                )
            )
    return raw, cuts


def _remainder_line(plan: Plan, sit: SituationPlan, ledger: Ledger, left: Decimal) -> _Line | None:
    measure = getattr(sit.rule, "measure", "")
    rate = ledger.measures.get(measure)
    if rate is None or isinstance(rate, RankValue):
        return None
    rate = Decimal(rate)
    exact = left * (_ONE - rate)
    rounded = exact.quantize(plan.quantum, rounding=plan.rounding, context=Context(prec=60))
    value = min(left, rounded)
    detail = f"({canonical(left)} left) × (1 − {canonical(rate)}) = {canonical(exact)}, rounded to {canonical(value)}"
    return _Line(
        f"measures/{measure}",
        "measure",
        sit.item,
        sit.key,
        None,
        sit.label,
        sit.source,
        left,
        1,
        (),
        _ONE - rate,
        value,
        None,
        detail=detail,
        share=value,
        rule="remainder",
    )


def _award_lines(plan: Plan, bonus: Bonus, ledger: Ledger) -> list[_Line]:
    lines: list[_Line] = []
    for i, award in enumerate(ledger.awards):
        amount = plan.bonus_amounts[(award.level, award.scope)]
        factor = _ONE
        for mod in award.modifiers:
            factor *= plan.modifiers[mod].factor
        level = next(lv.label for lv in bonus.levels if lv.key == award.level)
        scope = next(s.label for s in bonus.scopes if s.key == award.scope)
        lines.append(
            _Line(
                f"awards/{i}",
                "award",
                None,
                award.scope,
                award.level,
                f"{level}表彰（{scope}）",
                bonus.source,
                amount,
                1,
                tuple(award.modifiers),
                factor,
                amount * factor,
                date=award.date,
                evidence=award.evidence,
                note=award.note,
                share=amount * factor,
                rule="bonus",
            )
        )
    return lines


def _ensure_fits(plan: Plan, ledger: Ledger) -> None:
    pin = pin_problem(plan, ledger)
    if pin:
        raise RulebookMismatchError([Problem.from_msg(pin[1], "<ledger>", path=pin[0])])
    if ledger._checked_for == plan.content_hash:
        return
    found = check_ledger(plan, ledger)
    if found:
        raise FactsError([Problem.from_msg(msg, "<ledger>", path=path) for path, msg in found])


def evaluate(rulebook: Rulebook, facts: Ledger) -> ScoreReport:
    """Score one ledger under one rulebook, explaining every point."""
    plan = plan_for(rulebook)
    _ensure_fits(plan, facts)
    with localcontext(_EXACT):
        return _evaluate(plan, facts)


def _evaluate(plan: Plan, ledger: Ledger) -> ScoreReport:
    record_lines = _record_lines(plan, ledger)
    trail: list[_Line] = []
    items: dict[int, ItemResult] = {}
    rows: list[RowResult] = []
    for row in plan.rows:
        row_lines: list[_Line] = []
        cuts_of: dict[int, list[CapCut]] = {}
        raw_of: dict[int, Decimal] = {}
        lines_of: dict[int, list[_Line]] = {}
        remainder_items: list[ItemPlan] = []
        for number in row.items:
            item = plan.items[number]
            if item.remainder is not None:
                remainder_items.append(item)
                continue
            lines = record_lines.get(number, [])
            lines += [m for m in (_measure_line(s, ledger) for s in item.measured) if m is not None]
            raw_of[number], cuts_of[number] = _cap_item(item, lines)
            lines_of[number] = lines
        # The remainder rule works on what the other items left of the pool.
        for item in remainder_items:
            left = max(_ZERO, row.points - sum((_sum(v) for v in lines_of.values()), _ZERO))
            line = _remainder_line(plan, item.remainder, ledger, left)  # type: ignore[arg-type]
            lines = [line] if line is not None else []
            raw_of[item.number], cuts_of[item.number] = _cap_item(item, lines)
            lines_of[item.number] = lines
        for number in row.items:
            row_lines += lines_of[number]
        row_raw = _sum(row_lines)
        if row_raw > row.points:
            _limit(row_lines, row.points, f"row_{row.number}")
        deducted = _sum(row_lines)
        for number in row.items:
            item = plan.items[number]
            cuts = cuts_of[number]
            share = _sum(lines_of[number])
            after_item = raw_of[number] - sum((c.cut for c in cuts), _ZERO)
            if share < after_item:
                cuts = [
                    *cuts,
                    CapCut(
                        scope="row",
                        key=f"row_{row.number}",
                        label=f"分值{row.points}分",
                        limit=row.points,
                        before=after_item,
                        cut=after_item - share,
                    ),
                ]
            items[number] = ItemResult(
                number=number,
                row=row.number,
                cap=item.cap,
                raw=raw_of[number],
                cuts=tuple(cuts),
                deduction=share,
            )
        trail += row_lines
        rows.append(
            RowResult(
                number=row.number,
                indicator=row.indicator,
                points=row.points,
                raw=row_raw,
                deducted=deducted,
                bonus=_ZERO,
                score=row.points - deducted,
            )
        )
    bonus, rows = _bonus(plan, ledger, rows, trail)
    order = {line.origin: i for i, line in enumerate(trail)}
    trail.sort(key=lambda ln: _origin_key(ln.origin, order))
    deducted = sum((r.deducted for r in rows), _ZERO)
    score = sum((r.score for r in rows), _ZERO)
    total = score + (bonus.bonus if bonus.added_to == "total" else _ZERO)
    rb = plan.rulebook
    return ScoreReport(
        rulebook=RulebookRef(id=rb.id, version=rb.version, content_hash=plan.content_hash),
        unit=ledger.unit,
        period=ledger.period,
        total=total,
        max_total=plan.max_total,
        deducted=deducted,
        bonus=bonus,
        rows=tuple(rows),
        items=items,
        trail=tuple(line.freeze() for line in trail),
    )


_KIND_ORDER = {"records": 0, "measures": 1, "awards": 2}


def _origin_key(origin: str, order: dict[str, int]) -> tuple[int, int]:
    # Trail in ledger order: records by position, then measures, then awards.
    head, _, tail = origin.partition("/")
    return (_KIND_ORDER[head], int(tail) if tail.isdigit() else order[origin])


def _bonus(
    plan: Plan, ledger: Ledger, rows: list[RowResult], trail: list[_Line]
) -> tuple[BonusResult, list[RowResult]]:
    if plan.bonus is None:
        return BonusResult(raw=_ZERO, cap=_ZERO, bonus=_ZERO, added_to="total"), rows
    lines = _award_lines(plan, plan.bonus, ledger)
    raw = _sum(lines)
    cap = plan.bonus.cap
    if plan.bonus.added_to.value == "row":
        row = next(r for r in rows if r.number == plan.bonus.row)
        cap = min(cap, row.deducted)
    _limit(lines, cap, "bonus_cap")
    bonus = _sum(lines)
    trail += lines
    if plan.bonus.added_to.value == "row":
        rows = [
            r.model_copy(update={"bonus": bonus, "score": r.score + bonus})
            if r.number == plan.bonus.row
            else r
            for r in rows
        ]
    return BonusResult(
        raw=raw, cap=plan.bonus.cap, bonus=bonus, added_to=plan.bonus.added_to.value
    ), rows
