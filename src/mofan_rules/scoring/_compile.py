"""Compiling a rulebook into a :class:`~._plan.Plan`, once per rulebook object.

Numbers that differ by unit class (``by_class``) are resolved here into one
:class:`~._plan.ClassPlan` per class; tier sets, caps and the meaning of
``all`` are resolved into each rule.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from decimal import Decimal
from typing import Any

from mofan_rules.rulebook import (
    AwardBonus,
    Basis,
    BonusTarget,
    GradeBand,
    Item,
    Ladder,
    LadderEnd,
    MeasuredBonus,
    MissingFigures,
    PerOccurrence,
    Rank,
    RankMode,
    Remainder,
    Rulebook,
    ScoringRow,
    Todo,
    content_hash,
    for_class,
    index_rulebook,
    resolve_tiers,
    scoring_hash,
)
from mofan_rules.scoring._plan import (
    ONE,
    ZERO,
    BonusPlan,
    CapPlan,
    ClassPlan,
    FigureCheck,
    IndicatorPlan,
    ItemPlan,
    MeasuredRule,
    Plan,
    Quantize,
    RecordRule,
    RowPlan,
)


def _bands(bands: list[GradeBand] | None) -> tuple[GradeBand, ...] | None:
    return tuple(bands) if bands is not None else None


def _item_plan(item: Item, row: ScoringRow | None) -> ItemPlan:
    caps = tuple(CapPlan(c.key, c.label, c.limit) for c in item.caps)
    bounds = [b for b in (item.cap, item.points) if b is not None]
    earns = item.basis is Basis.EARN
    if not earns and item.points is not None and item.floor is not None:
        bounds.append(item.points - item.floor)
    return ItemPlan(
        number=item.number,
        title=item.title,
        source=item.source,
        row=row.number if row is not None else None,
        earns=earns,
        points=item.points,
        cap=item.cap,
        floor=item.floor,
        bound=min(bounds) if bounds else None,
        one_per_case=item.one_per_case,
        caps=caps,
        grades=_bands(item.grades),
        classes=frozenset(item.classes),
        cuts_above=min(bounds + [c.limit for c in caps], default=None),
    )


def _cap_slots(item: Item, plan: ItemPlan) -> dict[tuple[str, str | None], CapPlan]:
    slots: dict[tuple[str, str | None], CapPlan] = {}
    for cap, cap_plan in zip(item.caps, plan.caps, strict=True):
        for target in cap.applies_to:
            sit_key, _, tier = target.partition(".")
            slots[(sit_key, tier or None)] = cap_plan
    return slots


def _all_points(item: Item, row: ScoringRow | None) -> Decimal | None:
    if item.points is not None:
        return item.points
    if item.cap is not None:
        return item.cap
    if row is not None and len(row.items) == 1:
        return row.points
    return None


def _class_plan(
    rulebook: Rulebook,
    unit_class: str | None,
    items: dict[int, ItemPlan],
    placed: list[tuple[Item, ScoringRow | None]],
) -> ClassPlan:
    records: dict[tuple[int, str, str | None], RecordRule] = {}
    measured: list[MeasuredRule] = []
    remainders: dict[int, MeasuredRule] = {}
    used: list[str] = []
    position = 0
    for item, row in placed:
        if item.classes and unit_class not in item.classes:
            continue
        plan = items[item.number]
        slots = _cap_slots(item, plan)
        for base in item.situations:
            if base.classes and unit_class not in base.classes:
                continue
            sit = for_class(base, unit_class)
            if isinstance(sit, PerOccurrence):
                _records(rulebook, unit_class, plan, sit, slots=slots, into=records)
                continue
            if isinstance(sit, Todo):  # a rulebook with one never passes its checks
                continue
            rule = MeasuredRule(
                position=position,
                item=plan,
                bonus=None,
                situation=sit,
                measure=sit.measure,
                cap=slots.get((sit.key, None)),
                all_points=_all_points(item, row),
            )
            position += 1
            used.append(sit.measure)
            if isinstance(sit, Remainder) and row is not None:
                remainders[row.number] = rule
            else:
                measured.append(rule)
    bonus_measured: list[MeasuredRule] = []
    for bonus in rulebook.bonuses:
        if not isinstance(bonus, MeasuredBonus):
            continue
        for base in bonus.situations:
            if base.classes and unit_class not in base.classes:
                continue
            sit = for_class(base, unit_class)
            bonus_measured.append(
                MeasuredRule(position, None, bonus.key, sit, sit.measure, None, None)
            )
            position += 1
            used.append(sit.measure)
    earn_items = tuple(
        items[item.number]
        for item, row in placed
        if row is not None
        and item.basis is Basis.EARN
        and (not item.classes or unit_class in item.classes)
    )
    return ClassPlan(
        unit_class=unit_class,
        records=records,
        measured=tuple(measured),
        remainders=remainders,
        bonus_measured=tuple(bonus_measured),
        measures_used=tuple(dict.fromkeys(used)),
        earn_items=earn_items,
    )


def _records(
    rulebook: Rulebook,
    unit_class: str | None,
    plan: ItemPlan,
    sit: PerOccurrence,
    *,
    slots: dict[tuple[str, str | None], CapPlan],
    into: dict[tuple[int, str, str | None], RecordRule],
) -> None:
    common: dict[str, Any] = {
        "item": plan,
        "situation": sit,
        "range": (sit.range.min, sit.range.max) if sit.range is not None else None,
        "multiplier": sit.multiplier if sit.multiplier is not None else ONE,
        "per_record_cap": sit.per_record_cap,
        "modifiers": frozenset(sit.modifiers),
        "max_count": sit.max_count,
    }
    tiers = resolve_tiers(rulebook, sit, unit_class)
    if not tiers:
        cap = slots.get((sit.key, None))
        # A situation with only a veto (一票否决, no points) counts 0.
        amount = sit.amount if sit.amount is not None or sit.range is not None else ZERO
        into[(plan.number, sit.key, None)] = RecordRule(
            tier=None, label=sit.label, amount=amount, cap=cap, veto=sit.veto, **common
        )
        return
    for tier in tiers:
        cap = slots.get((sit.key, tier.key)) or slots.get((sit.key, None))
        into[(plan.number, sit.key, tier.key)] = RecordRule(
            tier=tier.key,
            label=f"{sit.label}（{tier.label}）",
            amount=tier.amount,
            cap=cap,
            veto=tier.veto or sit.veto,
            **common,
        )


def compile_plan(rulebook: Rulebook) -> Plan:
    """Compile a checked rulebook into a :class:`Plan`.

    Raises nothing: any rulebook the model accepts compiles.
    """
    index = index_rulebook(rulebook)
    items: dict[int, ItemPlan] = {}
    placed: list[tuple[Item, ScoringRow | None]] = []
    rows: list[RowPlan] = []
    indicators: list[IndicatorPlan] = []
    for ii, ind in enumerate(rulebook.indicators):
        ind_rows: list[RowPlan] = []
        for row in ind.rows:
            plans = []
            for item in row.items:
                items[item.number] = _item_plan(item, row)
                placed.append((item, row))
                plans.append(items[item.number])
            bound = min(row.points, row.cap) if row.cap is not None else row.points
            row_plan = RowPlan(
                row.number, ii, row.points, bound, row.weight, tuple(plans), _bands(row.grades)
            )
            rows.append(row_plan)
            ind_rows.append(row_plan)
        points = sum((r.points for r in ind.rows), ZERO)
        indicators.append(
            IndicatorPlan(
                ii,
                ind.key,
                ind.name,
                points,
                ind.cap,
                ind.weight,
                tuple(ind_rows),
                _bands(ind.grades),
            )
        )
    direct: list[ItemPlan] = []
    if rulebook.direct_deductions is not None:
        for item in rulebook.direct_deductions.items:
            items[item.number] = _item_plan(item, None)
            placed.append((item, None))
            direct.append(items[item.number])
    classes: list[str | None] = [c.key for c in rulebook.classes] or [None]
    figure_checks = {m.key: FigureCheck(m.kind, m.maximum) for m in rulebook.measures}
    for entries in index.measure_uses.values():
        for entry in entries:
            sit = entry.situation
            if isinstance(sit, Rank | Ladder) and sit.measure in figure_checks:
                needs_of = isinstance(sit, Ladder) and sit.counted_from is LadderEnd.BOTTOM
                needs_of = needs_of or (isinstance(sit, Rank) and sit.mode is RankMode.INTO_LAST)
                needs_score = isinstance(sit, Rank) and sit.score_below is not None
                old = figure_checks[sit.measure]
                figure_checks[sit.measure] = replace(
                    old,
                    needs_of=old.needs_of or needs_of,
                    needs_score=old.needs_score or needs_score,
                )
    bonuses = tuple(_bonus_plan(b) for b in rulebook.bonuses)
    weights_on = (
        "indicator"
        if any(ind.weight is not None for ind in rulebook.indicators)
        else "row"
        if any(r.weight is not None for r in rulebook.rows)
        else None
    )
    return Plan(
        rulebook=rulebook,
        index=index,
        content_hash=content_hash(rulebook),
        scoring_hash=scoring_hash(rulebook),
        items=items,
        rows=tuple(rows),
        indicators=tuple(indicators),
        direct=tuple(direct),
        direct_cap=rulebook.direct_deductions.cap if rulebook.direct_deductions else None,
        bonuses=bonuses,
        classes={c: _class_plan(rulebook, c, items, placed) for c in classes},
        factors={m.key: m.factor for m in rulebook.modifiers},
        measure_kinds={m.key: m.kind for m in rulebook.measures},
        measure_max={m.key: m.maximum for m in rulebook.measures if m.maximum is not None},
        rounding=Quantize.of(rulebook.rounding),
        score_rounding=Quantize.of(rulebook.score_rounding) if rulebook.score_rounding else None,
        floor=rulebook.floor,
        deduction_cap=rulebook.deduction_cap,
        missing_is_error=rulebook.missing_figures is MissingFigures.ERROR,
        grades=_bands(rulebook.grades),
        weights_on=weights_on,
        total_points=rulebook.total_points,
        max_total=rulebook.max_total,
        indicator_work=any(i.cap is not None or i.weight is not None for i in rulebook.indicators)
        or any(b.added_to is BonusTarget.INDICATOR for b in rulebook.bonuses),
        row_by_number={r.number: r for r in rows},
        award_bonuses=tuple(b for b in bonuses if b.awards is not None),
        figure_checks=figure_checks,
    )


def _bonus_plan(bonus: AwardBonus | MeasuredBonus) -> BonusPlan:
    awards = None
    modifiers: frozenset[str] = frozenset()
    one_per_deed = False
    if isinstance(bonus, AwardBonus):
        awards = {
            (level.key, scope): amount
            for level in bonus.levels
            for scope, amount in level.amounts.items()
        }
        modifiers = frozenset(bonus.modifiers)
        one_per_deed = bonus.one_per_deed
    return BonusPlan(
        key=bonus.key,
        label=bonus.label,
        source=bonus.source,
        cap=bonus.cap,
        target=bonus.added_to,
        row=bonus.row,
        indicator=bonus.indicator,
        awards=awards,
        modifiers=modifiers,
        one_per_deed=one_per_deed,
    )


# ------------------------------------------------------------------ memo

# Compiling costs about as much as scoring a few dozen ledgers, so the plans
# of the last few rulebook objects used are kept. A plan holds its rulebook
# (reports name it), so the memo is bounded rather than weak: it keeps at
# most MEMO_SIZE rulebooks alive, and a rulebook is looked up by identity, so
# an edited rulebook (a new object) always gets a new plan.
MEMO_SIZE = 8
_PLANS: OrderedDict[int, Plan] = OrderedDict()


def plan_for(rulebook: Rulebook | Plan) -> Plan:
    """The compiled plan of a rulebook (kept for the last few rulebooks used), or the plan given.

    Raises nothing, as :func:`compile_plan`.
    """
    if isinstance(rulebook, Plan):
        return rulebook
    key = id(rulebook)
    plan = _PLANS.get(key)
    if plan is not None and plan.rulebook is rulebook:
        _PLANS.move_to_end(key)
        return plan
    plan = compile_plan(rulebook)
    _PLANS[key] = plan
    if len(_PLANS) > MEMO_SIZE:
        _PLANS.popitem(last=False)
    return plan


__all__ = ["compile_plan", "plan_for"]
