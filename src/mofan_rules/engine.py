"""The evaluator: a ledger and a rulebook in, an explained score out.

Pure and deterministic: no files, no YAML, no clock, no global state. The
order is READING.md's: each occurrence's amount × count × modifiers; tier and
clause caps; the item cap; the remainder rule last within its row; the row's
points; then the bonus and its cap. A cap cuts the lines it covers in trail
order (records in ledger order, then measure lines in the rulebook's order of
situations), keeping earlier lines whole, so every line's share is exact and
the shares add up to the deduction.

The numbers are worked out eagerly with plain objects; the explanation
(rows, items, trail as report models) is built from them only when the
report is asked for it, so scoring many ledgers stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import (
    Context,
    Decimal,
    DecimalException,
    Inexact,
    InvalidOperation,
    Overflow,
    localcontext,
)
from typing import Any

from .errors import FactsError, Problem, RulebookError, RulebookMismatchError
from .factcheck import check_ledger, pin_problem
from .ledger import Award, Ledger, RankValue, Record
from .messages import say
from .model import Rank, RankMode, Rulebook, Shortfall, TieRule
from .plan import CapPlan, ItemPlan, Plan, RowPlan, SituationPlan, plan_for
from .report import (
    BonusResult,
    CapCut,
    Details,
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
_ROUNDING = Context(prec=60)
_ZERO = Decimal(0)
_ONE = Decimal(1)


# A trail line while it is being capped, turned into a TrailEntry on demand.
# It is a plain list, not a class: one is made for every record of every ledger
# scored, and a list costs a quarter of an object to make. Its fields:
_SHARE = 0  # what it deducts after the caps so far
_VALUE = 1  # amount × count × factor, before caps
_CAP = 2  # the tier or clause cap it falls under, or None
_CUT_BY = 3  # keys of the caps that cut it, or None
_ORDER = 4  # (0 record | 1 measure | 2 award, position): its place in the trail
_SIT = 5  # its SituationPlan (None for awards)
_SOURCE = 6  # the Record or Award it comes from (None for measures)
_AMOUNT = 7
_COUNT = 8
_FACTOR = 9
_WORKED = 10  # for a measure line: what it was worked out from
_Line = list[Any]


def _line(
    order: tuple[int, int],
    sit: SituationPlan | None,
    source: Record | Award | None,
    *,
    amount: Decimal,
    count: int,
    factor: Decimal,
    value: Decimal,
    cap: CapPlan | None = None,
    worked: tuple[Any, ...] = (),
) -> _Line:
    return [value, value, cap, None, order, sit, source, amount, count, factor, worked]


def _limit(lines: list[_Line], limit: Decimal, key: str) -> Decimal:
    """Cut ``lines`` (in order) so their shares add up to at most ``limit``; return the cut."""
    room = limit
    cut = _ZERO
    for line in lines:
        keep = line[_SHARE] if line[_SHARE] <= room else (room if room > 0 else _ZERO)
        if keep != line[_SHARE]:
            cut += line[_SHARE] - keep
            line[_SHARE] = keep
            if line[_CUT_BY] is None:
                line[_CUT_BY] = [key]
            else:
                line[_CUT_BY].append(key)
        room -= keep
    return cut


def _sum(lines: list[_Line]) -> Decimal:
    total = _ZERO
    for line in lines:
        total += line[_SHARE]
    return total


def _measure_line(
    sit: SituationPlan,
    value: int | Decimal | RankValue,
    position: int,
    amount: Decimal,
    cap: CapPlan | None,
) -> _Line | None:
    rule = sit.rule
    count = 0
    worked: tuple[Any, ...]
    if type(value) is int and isinstance(rule, Shortfall):
        count = rule.required - value if value < rule.required else 0
        worked = ("shortfall", value, rule.required, count)
    elif isinstance(value, RankValue) and isinstance(rule, Rank):
        rank = value.rank + value.tied - 1 if rule.ties is TieRule.LAST_OF_TIE else value.rank
        if (
            rule.score_below is not None
            and value.score is not None
            and value.score >= rule.score_below
        ):
            worked = ("score", rank, value, rule)
        elif rule.mode is RankMode.BELOW_PLACE:
            count = max(0, rank - rule.places)
            worked = ("below", rank, value, rule, count)
        elif value.of is not None:
            count = max(0, rank - (value.of - rule.places))
            worked = ("last", rank, value, rule, count)
        else:  # pragma: no cover - factcheck requires `of` for into_last rules
            return None
    else:  # pragma: no cover - factcheck guarantees the value fits the rule
        return None
    value_ = amount * count
    return _line(
        (1, position),
        sit,
        None,
        amount=amount,
        count=count,
        factor=_ONE,
        value=value_,
        cap=cap,
        worked=worked,
    )


def _cap_item(item: ItemPlan, work: _ItemWork, capsum: dict[CapPlan, Decimal]) -> Decimal:
    """Apply the item's tier/clause caps, then its item cap; record the cuts, return the result."""
    after: Decimal = work[_RAW]
    for cap in item.caps:
        before = capsum.get(cap)
        if before is not None and before > cap.limit:
            cut = _limit([line for line in work[_LINES] if line[_CAP] is cap], cap.limit, cap.key)
            work[_CUTS].append(("cap", cap.key, cap.label, cap.limit, before, cut))
            after -= cut
    if item.cap is not None and after > item.cap:
        key = f"item_{item.number}"
        cut = _limit(work[_LINES], item.cap, key)
        work[_CUTS].append(
            ("item", key, f"此项最多扣{canonical(item.cap)}分", item.cap, after, cut)
        )
        after -= cut
    return after


def _remainder_line(
    plan: Plan, sit: SituationPlan, ledger: Ledger, left: Decimal, position: int
) -> _Line | None:
    rate = ledger.measures.get(getattr(sit.rule, "measure", ""))
    if rate is None or isinstance(rate, RankValue):
        return None
    rate = Decimal(rate)
    exact = left * (_ONE - rate)
    value = min(left, exact.quantize(plan.quantum, rounding=plan.rounding, context=_ROUNDING))
    return _line(
        (1, position),
        sit,
        None,
        amount=left,
        count=1,
        factor=_ONE - rate,
        value=value,
        worked=("remainder", rate, exact),
    )


def _award_lines(plan: Plan, ledger: Ledger) -> list[_Line]:
    lines: list[_Line] = []
    for i, award in enumerate(ledger.awards):
        amount = plan.bonus_amounts[(award.level, award.scope)]
        factor = _ONE
        for mod in award.modifiers:
            factor *= plan.factors[mod]
        value = amount * factor
        lines.append(_line((2, i), None, award, amount=amount, count=1, factor=factor, value=value))
    return lines


def _ensure_fits(plan: Plan, ledger: Ledger) -> None:
    pin = pin_problem(plan, ledger) if ledger.rulebook is not None else None
    if pin:
        raise RulebookMismatchError([Problem.from_msg(pin[1], "<ledger>", path=pin[0])])
    if ledger.__pydantic_private__.get("_checked_for") == plan.content_hash:  # type: ignore[union-attr]
        return
    found = check_ledger(plan, ledger)
    if found:
        raise FactsError([Problem.from_msg(msg, "<ledger>", path=path) for path, msg in found])


def evaluate(rulebook: Rulebook, facts: Ledger) -> ScoreReport:
    """Score one ledger under one rulebook, explaining every point."""
    plan = plan_for(rulebook)
    _ensure_fits(plan, facts)
    with localcontext(_EXACT):
        try:
            return _evaluate(plan, facts)
        except DecimalException:
            # Never rounded silently: a figure that needs more digits than the
            # engine keeps (a rulebook built in Python, unchecked) is refused.
            msg = say("not_exact", digits=_EXACT.prec)
            raise RulebookError([Problem.from_msg(msg, "<rulebook>")]) from None


# One item's work: a list, like a line, for the same reason. Its fields:
_ITEM = 0  # the ItemPlan
_LINES = 1  # its lines, in trail order
_RAW = 2  # the sum of their values, before any cap
_CUTS = 3  # the caps that cut: (scope, key, label, limit, before, cut)
_ItemWork = list[Any]


@dataclass(slots=True)
class _RowWork:
    row: RowPlan
    items: list[_ItemWork]  # only the items that have lines
    raw: Decimal
    deducted: Decimal
    bonus: Decimal = _ZERO


def _add(
    works: dict[int, _ItemWork], capsum: dict[CapPlan, Decimal], item: ItemPlan, line: _Line
) -> None:
    work = works.get(item.number)
    if work is None:
        works[item.number] = [item, [line], line[_VALUE], []]
    else:
        work[_LINES].append(line)
        work[_RAW] += line[_VALUE]
    if line[_CAP] is not None:
        capsum[line[_CAP]] = capsum.get(line[_CAP], _ZERO) + line[_VALUE]


def _evaluate(plan: Plan, ledger: Ledger) -> ScoreReport:
    works: dict[int, _ItemWork] = {}
    capsum: dict[CapPlan, Decimal] = {}
    rules, factors = plan.records, plan.factors
    for i, rec in enumerate(ledger.records):
        item, sit, amount, cap = rules[(rec.item, rec.situation, rec.tier)]
        value = amount * rec.count
        factor = _ONE
        if rec.modifiers:
            for mod in rec.modifiers:
                factor *= factors[mod]
            value *= factor
        line = [
            value,
            value,
            cap,
            None,
            (0, i),
            sit,
            rec,
            amount,
            rec.count,
            factor,
            (),
        ]  # see _line
        # Inline of _add: this loop runs once per record of every ledger scored.
        work = works.get(item.number)
        if work is None:
            works[item.number] = [item, [line], value, []]
        else:
            work[_LINES].append(line)
            work[_RAW] += value
        if cap is not None:
            capsum[cap] = capsum.get(cap, _ZERO) + value
    measures = ledger.measures
    if measures:
        for position, item, sit, key, amount, measure_cap in plan.measured:
            reported = measures.get(key)
            if reported is not None:
                measured = _measure_line(sit, reported, position, amount, measure_cap)
                if measured is not None:
                    _add(works, capsum, item, measured)
    rows: dict[int, _RowWork] = {}  # only rows something happened in
    deducted = _ZERO
    active = {work[_ITEM].row for work in works.values()}
    if ledger.measures:
        active.update(plan.remainders)
    for row in plan.rows:
        if row.number not in active:
            continue
        done: list[_ItemWork] = []
        used = _ZERO
        for item in row.plans:
            work = works.get(item.number)
            if work is not None:
                if item.caps or (item.cap is not None and work[_RAW] > item.cap):
                    used += _cap_item(item, work, capsum)
                else:  # nothing can cut it
                    used += work[_RAW]
                done.append(work)
        # The remainder rule works on what the other items left of the pool.
        remainder = plan.remainders.get(row.number)
        if remainder is not None:
            position, item, sit = remainder
            rest = _remainder_line(plan, sit, ledger, max(_ZERO, row.points - used), position)
            if rest is not None:
                _add(works, capsum, item, rest)
                used += _cap_item(item, works[item.number], capsum)
                done.append(works[item.number])
        row_raw = used
        if used > row.points:
            done.sort(key=lambda w: row.items.index(w[_ITEM].number))
            _limit(
                [line for work in done for line in work[_LINES]], row.points, f"row_{row.number}"
            )
            used = row.points
        rows[row.number] = _RowWork(row, done, row_raw, used)
        deducted += used
    award_lines, raw_bonus, bonus = _bonus(plan, ledger, rows)
    return ScoreReport.from_engine(
        unit=ledger.unit,
        period=ledger.period,
        total=plan.rulebook.total_points - deducted + bonus,  # to the total, or to its row
        max_total=plan.max_total,
        deducted=deducted,
        explain=_Explanation(plan, rows, award_lines, raw_bonus, bonus),
    )


def _bonus(
    plan: Plan, ledger: Ledger, rows: dict[int, _RowWork]
) -> tuple[list[_Line], Decimal, Decimal]:
    if plan.bonus is None or not ledger.awards:
        return [], _ZERO, _ZERO
    lines = _award_lines(plan, ledger)
    raw = _sum(lines)
    cap = plan.bonus.cap
    target = None
    if not plan.bonus_to_total:
        # Added to a row, the bonus can only give back what the row lost.
        target = rows.get(plan.bonus.row)
        cap = min(cap, target.deducted if target is not None else _ZERO)
    _limit(lines, cap, "bonus_cap")
    bonus = _sum(lines)
    if target is not None:
        target.bonus = bonus
    return lines, raw, bonus


class _Explanation:
    """Builds a report's rows, items and trail from the evaluation, when asked."""

    __slots__ = ("award_lines", "bonus", "plan", "raw_bonus", "rows")

    def __init__(
        self,
        plan: Plan,
        rows: dict[int, _RowWork],
        award_lines: list[_Line],
        raw_bonus: Decimal,
        bonus: Decimal,
    ) -> None:
        self.plan, self.rows, self.award_lines = plan, rows, award_lines
        self.raw_bonus, self.bonus = raw_bonus, bonus

    def __call__(self) -> Details:
        # The same exact arithmetic as the scoring, though it runs later, on demand.
        with localcontext(_EXACT):
            return self._details()

    def _details(self) -> Details:
        plan = self.plan
        rb = plan.rulebook
        ref = RulebookRef(id=rb.id, version=rb.version, content_hash=plan.content_hash)
        bonus = BonusResult(
            raw=self.raw_bonus,
            cap=plan.bonus.cap if plan.bonus else _ZERO,
            bonus=self.bonus,
            added_to=plan.bonus.added_to.value if plan.bonus else "total",
        )
        rows: list[RowResult] = []
        items: dict[int, ItemResult] = {}
        lines: list[_Line] = list(self.award_lines)
        for row in plan.rows:
            work = self.rows.get(row.number) or _RowWork(row, [], _ZERO, _ZERO)
            worked = {w[_ITEM].number: w for w in work.items}
            for item in row.plans:
                items[item.number] = self._item(
                    row, worked.get(item.number) or [item, [], _ZERO, []]
                )
            for item_work in work.items:
                lines += item_work[_LINES]
            rows.append(
                RowResult(
                    number=row.number,
                    indicator=row.indicator,
                    points=row.points,
                    raw=work.raw,
                    deducted=work.deducted,
                    bonus=work.bonus,
                    score=row.points - work.deducted + work.bonus,
                )
            )
        lines.sort(key=lambda line: line[_ORDER])
        return ref, bonus, tuple(rows), items, tuple(self._entry(line) for line in lines)

    @staticmethod
    def _item(row: RowPlan, work: _ItemWork) -> ItemResult:
        cuts = [
            CapCut(scope=c[0], key=c[1], label=c[2], limit=c[3], before=c[4], cut=c[5])
            for c in work[_CUTS]
        ]
        share = _sum(work[_LINES])
        after_item = work[_RAW] - sum((c.cut for c in cuts), _ZERO)
        if share < after_item:  # the row's points cut this item too
            cuts.append(
                CapCut(
                    scope="row",
                    key=f"row_{row.number}",
                    label=f"分值{canonical(row.points)}分",
                    limit=row.points,
                    before=after_item,
                    cut=after_item - share,
                )
            )
        return ItemResult(
            number=work[_ITEM].number,
            row=row.number,
            cap=work[_ITEM].cap,
            raw=work[_RAW],
            cuts=tuple(cuts),
            deduction=share,
        )

    def _entry(self, line: _Line) -> TrailEntry:
        common = {
            "amount": line[_AMOUNT], "count": line[_COUNT], "factor": line[_FACTOR], "value": line[_VALUE],
            "share": line[_SHARE], "cut_by": tuple(line[_CUT_BY] or ()),
        }  # fmt: skip
        src = line[_SOURCE]
        if isinstance(src, Award):
            bonus = self.plan.bonus
            assert bonus is not None  # awards are only scored with a bonus rule
            level = next(lv.label for lv in bonus.levels if lv.key == src.level)
            scope = next(s.label for s in bonus.scopes if s.key == src.scope)
            return TrailEntry(
                origin=f"awards/{line[_ORDER][1]}",
                kind="award",
                item=None,
                situation=src.scope,
                tier=src.level,
                label=f"{level}表彰（{scope}）",
                source=bonus.source,
                modifiers=tuple(src.modifiers),
                detail="",
                rule="bonus",
                date=src.date,
                evidence=src.evidence,
                note=src.note,
                **common,
            )
        sit = line[_SIT]
        assert sit is not None  # records and measures always have their situation
        if isinstance(src, Record):
            label = sit.label + (f"（{sit.tier_labels[src.tier]}）" if src.tier else "")
            return TrailEntry(
                origin=f"records/{line[_ORDER][1]}",
                kind="record",
                item=sit.item,
                situation=sit.key,
                tier=src.tier,
                label=label,
                source=sit.source,
                modifiers=tuple(src.modifiers),
                detail="",
                rule="per_occurrence",
                date=src.date,
                evidence=src.evidence,
                note=src.note,
                **common,
            )
        return TrailEntry(
            origin=f"measures/{getattr(sit.rule, 'measure', '')}",
            kind="measure",
            item=sit.item,
            situation=sit.key,
            tier=None,
            label=sit.label,
            source=sit.source,
            modifiers=(),
            detail=_detail(line),
            rule=sit.kind,
            **common,
        )


def _detail(line: _Line) -> str:
    """How a measure line's count or amount was worked out, in words."""
    kind, *rest = line[_WORKED]
    if kind == "shortfall":
        held, required, missing = rest
        return f"{held} held, {required} required: {missing} missing"
    if kind == "remainder":
        rate, exact = rest
        return (
            f"({canonical(line[_AMOUNT])} left) × (1 − {canonical(rate)}) = {canonical(exact)}, "
            f"rounded to {canonical(line[_VALUE])}"
        )
    rank, value, rule = rest[0], rest[1], rest[2]
    where = (
        f"rank {rank}"
        + (f" of {value.of}" if value.of else "")
        + (f", score {canonical(value.score)}" if value.score is not None else "")
    )
    if kind == "score":
        return f"{where}: score not below {canonical(rule.score_below)}"
    if kind == "below":
        return f"{where}: {rest[3]} places below place {rule.places}"
    return f"{where}: {rest[3]} positions into the last {rule.places}"
