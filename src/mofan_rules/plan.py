"""The compiled evaluation plan: the rulebook turned into lookups, once.

Evaluation runs many times per rulebook (every unit of a city, every property
test example). Resolving a record to its amount, factor and cap is a few dict
lookups in the plan; nothing here is recomputed per ledger.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal
from typing import Any

from .model import (
    Bonus,
    Modifier,
    PerOccurrence,
    Rank,
    Remainder,
    RoundingMode,
    Rulebook,
    Shortfall,
)

_ROUNDING = {
    RoundingMode.HALF_UP: ROUND_HALF_UP,
    RoundingMode.HALF_EVEN: ROUND_HALF_EVEN,
    RoundingMode.DOWN: ROUND_DOWN,
    RoundingMode.UP: ROUND_UP,
}


@dataclass(frozen=True, slots=True, eq=False)
class CapPlan:
    """A tier or clause cap, ready to apply.

    Compared by identity: items 1–3 each have a cap that reads the same, yet
    each caps only its own item.
    """

    index: int
    key: str
    label: str
    limit: Decimal


@dataclass(frozen=True, slots=True)
class SituationPlan:
    """One situation with its amounts by tier (``None`` when untiered) and cap slots."""

    item: int
    key: str
    label: str
    source: str
    kind: str
    amounts: dict[str | None, Decimal]
    tier_labels: dict[str, str]
    caps: dict[str | None, CapPlan]
    max_count: int | None
    modifiers: frozenset[str]
    rule: PerOccurrence | Shortfall | Rank | Remainder

    def cap_for(self, tier: str | None) -> CapPlan | None:
        """The cap a record of this situation (and tier) falls under, if any."""
        return self.caps.get(tier) or self.caps.get(None)


@dataclass(frozen=True, slots=True)
class ItemPlan:
    """One item: its situations by key, caps, item cap and row."""

    number: int
    row: int
    cap: Decimal | None
    caps: tuple[CapPlan, ...]
    situations: dict[str, SituationPlan]
    measured: tuple[SituationPlan, ...]
    remainder: SituationPlan | None


@dataclass(frozen=True, slots=True)
class RowPlan:
    """One scoring row: points, indicator and its items in order."""

    number: int
    indicator: str
    points: Decimal
    items: tuple[int, ...]
    plans: tuple[ItemPlan, ...]


@dataclass(frozen=True, slots=True, eq=False)
class Plan:
    """Everything evaluation needs from a rulebook, resolved once.

    Two plans are equal when their rulebooks mean the same (same content hash);
    comparing them never walks back into the rulebook that holds the plan.
    """

    rulebook: Rulebook
    content_hash: str
    rows: tuple[RowPlan, ...]
    items: dict[int, ItemPlan]
    modifiers: dict[str, Modifier]
    measures: dict[str, str]
    bonus: Bonus | None
    bonus_amounts: dict[tuple[str, str], Decimal]
    quantum: Decimal
    rounding: str
    # (item, situation, tier or None) → the item, situation, amount and cap:
    # one lookup per record on the hot path.
    records: dict[
        tuple[int, str, str | None], tuple[ItemPlan, SituationPlan, Decimal, CapPlan | None]
    ]
    # Shortfall and rank situations with their place in the trail's measure
    # order, the measure they read, their amount and cap.
    measured: tuple[tuple[int, ItemPlan, SituationPlan, str, Decimal, CapPlan | None], ...]
    # Per row: the remainder situation (if any) with its place in that order.
    remainders: dict[int, tuple[int, ItemPlan, SituationPlan]]
    factors: dict[str, Decimal]
    bonus_to_total: bool

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Plan) and other.content_hash == self.content_hash

    def __hash__(self) -> int:
        return hash(self.content_hash)

    @property
    def max_total(self) -> Decimal:
        """Full marks plus the largest bonus."""
        return self.rulebook.total_points + (self.bonus.cap if self.bonus else Decimal(0))


def _canon(value: Any) -> Any:
    # The hash is of the meaning, not the text: 0.50 and .5 are the same amount.
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dict):
        return {str(k): _canon(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list | tuple):
        return [_canon(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    return value


def content_hash(rulebook: Rulebook) -> str:
    """SHA-256 of the rulebook's meaning (comments, layout and number spelling ignored)."""
    canonical = json.dumps(_canon(rulebook.model_dump()), sort_keys=True, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _situation(
    item: int, sit: PerOccurrence | Shortfall | Rank | Remainder, caps: dict[str, CapPlan]
) -> SituationPlan:
    amounts: dict[str | None, Decimal] = {}
    tier_labels: dict[str, str] = {}
    max_count = None
    modifiers: frozenset[str] = frozenset()
    if isinstance(sit, PerOccurrence):
        if sit.tiers:
            amounts = {t.key: t.amount for t in sit.tiers}
            tier_labels = {t.key: t.label for t in sit.tiers}
        elif sit.amount is not None:
            amounts = {None: sit.amount}
        max_count = sit.max_count
        modifiers = frozenset(sit.modifiers)
    elif isinstance(sit, Shortfall | Rank):
        amounts = {None: sit.amount}
    slots: dict[str | None, CapPlan] = {}
    for target, cap in caps.items():
        sit_key, _, tier = target.partition(".")
        if sit_key == sit.key:
            slots[tier or None] = cap
    return SituationPlan(
        item,
        sit.key,
        sit.label,
        sit.source,
        sit.kind,
        amounts,
        tier_labels,
        slots,
        max_count,
        modifiers,
        sit,
    )


def compile_plan(rulebook: Rulebook) -> Plan:
    """Compile a validated rulebook into a :class:`Plan`."""
    rows: list[RowPlan] = []
    items: dict[int, ItemPlan] = {}
    for indicator in rulebook.indicators:
        for row in indicator.rows:
            for item in row.items:
                cap_plans = tuple(
                    CapPlan(i, c.key, c.label, c.limit) for i, c in enumerate(item.caps)
                )
                by_target = {
                    t: cp for cp, c in zip(cap_plans, item.caps, strict=True) for t in c.applies_to
                }
                sits = {s.key: _situation(item.number, s, by_target) for s in item.situations}
                measured = tuple(s for s in sits.values() if s.kind in ("shortfall", "rank"))
                remainder = next((s for s in sits.values() if s.kind == "remainder"), None)
                items[item.number] = ItemPlan(
                    item.number, row.number, item.cap, cap_plans, sits, measured, remainder
                )
            numbers = tuple(i.number for i in row.items)
            plans = tuple(items[n] for n in numbers)
            rows.append(RowPlan(row.number, indicator.name, row.points, numbers, plans))
    # Measure lines appear in the trail in the rulebook's order of situations.
    ordered = [
        s for item in items.values() for s in (*item.measured, item.remainder) if s is not None
    ]
    bonus_amounts: dict[tuple[str, str], Decimal] = {}
    if rulebook.bonus:
        for level in rulebook.bonus.levels:
            for scope, amount in level.amounts.items():
                bonus_amounts[(level.key, scope)] = amount
    return Plan(
        rulebook=rulebook,
        content_hash=content_hash(rulebook),
        rows=tuple(rows),
        items=items,
        modifiers={m.key: m for m in rulebook.modifiers},
        measures={m.key: m.kind.value for m in rulebook.measures},
        bonus=rulebook.bonus,
        bonus_amounts=bonus_amounts,
        records={
            (sit.item, sit.key, tier): (item, sit, amount, sit.cap_for(tier))
            for item in items.values()
            for sit in item.situations.values()
            if sit.kind == "per_occurrence"
            for tier, amount in sit.amounts.items()
        },
        measured=tuple(
            (p, items[s.item], s, getattr(s.rule, "measure", ""), s.amounts[None], s.cap_for(None))
            for p, s in enumerate(ordered)
            if s.kind != "remainder"
        ),
        remainders={
            items[s.item].row: (p, items[s.item], s)
            for p, s in enumerate(ordered)
            if s.kind == "remainder"
        },
        factors={m.key: m.factor for m in rulebook.modifiers},
        bonus_to_total=rulebook.bonus is None or rulebook.bonus.added_to.value == "total",
        quantum=rulebook.rounding.quantum,
        rounding=_ROUNDING[rulebook.rounding.mode],
    )


def plan_for(rulebook: Rulebook) -> Plan:
    """The rulebook's plan, compiled on first use and kept with the rulebook."""
    # Read the private slot directly: pydantic's attribute hook costs more than
    # the rest of a small evaluation's bookkeeping.
    plan = rulebook.__pydantic_private__.get("_plan")  # type: ignore[union-attr]
    if isinstance(plan, Plan) and plan.rulebook is rulebook:
        return plan
    plan = compile_plan(rulebook)
    rulebook._plan = plan
    return plan
