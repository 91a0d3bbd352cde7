"""The compiled plan: a rulebook turned into lookups, once.

Evaluation runs many times per rulebook (every unit of a city, every property
test example). Resolving a record to its amount, factor and cap is one dict
lookup in the plan; nothing here is recomputed per ledger. Numbers that
differ by unit class (``by_class``) are resolved here into one plan per class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal

from mofan_rules.rulebook import (
    AnySituation,
    BonusTarget,
    GradeBand,
    MeasureKind,
    PerOccurrence,
    Rounding,
    RoundingMode,
    Rulebook,
    RulebookIndex,
    Veto,
)

ROUNDING_MODES = {
    RoundingMode.HALF_UP: ROUND_HALF_UP,
    RoundingMode.HALF_EVEN: ROUND_HALF_EVEN,
    RoundingMode.DOWN: ROUND_DOWN,
    RoundingMode.UP: ROUND_UP,
}
ONE = Decimal(1)
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Quantize:
    """A rounding rule ready to apply: the quantum and the decimal module's mode."""

    quantum: Decimal
    mode: str

    @classmethod
    def of(cls, rounding: Rounding) -> Quantize:
        """From the rulebook's rounding rule."""
        return cls(rounding.quantum, ROUNDING_MODES[rounding.mode])


@dataclass(frozen=True, slots=True, eq=False)
class CapPlan:
    """A tier or clause cap inside an item (compared by identity: each caps its own item)."""

    key: str
    label: str
    limit: Decimal


@dataclass(frozen=True, slots=True, eq=False)
class ItemPlan:
    """One item: its bounds, caps and where it stands."""

    number: int
    title: str
    source: str
    row: int | None  # None: a direct deduction (直接扣分)
    earns: bool
    points: Decimal | None
    cap: Decimal | None
    floor: Decimal | None
    # The most the item may lose (deduct), or earn (earn); None: unbounded here.
    bound: Decimal | None
    one_per_case: bool
    caps: tuple[CapPlan, ...]
    grades: tuple[GradeBand, ...] | None
    classes: frozenset[str]  # empty: every class
    # The smallest of the bound and the caps' limits: lines are never negative,
    # so while they add up to no more than this, no cap of the item can cut.
    cuts_above: Decimal | None = None
    # What its lines may add up to and still be its deduction as they stand:
    # cuts_above, or no limit; an earning item always needs working out.
    sure_below: Decimal = field(init=False)

    def __post_init__(self) -> None:
        if self.earns:
            sure = Decimal("-Infinity")
        else:
            sure = self.cuts_above if self.cuts_above is not None else Decimal("Infinity")
        object.__setattr__(self, "sure_below", sure)

    def applies_to(self, unit_class: str | None) -> bool:
        """Whether a unit of ``unit_class`` is assessed on this item."""
        return not self.classes or unit_class in self.classes


@dataclass(frozen=True, slots=True, eq=False)
class RecordRule:
    """What one recorded (item, situation, tier) counts: resolved once, used per record."""

    item: ItemPlan
    situation: PerOccurrence
    tier: str | None
    label: str
    amount: Decimal | None  # None: the record states it, within `range`
    range: tuple[Decimal, Decimal] | None
    multiplier: Decimal
    per_record_cap: Decimal | None
    cap: CapPlan | None
    modifiers: frozenset[str]
    max_count: int | None
    veto: Veto | None
    # Nothing but amount × count: no range, multiplier, record cap, count limit,
    # veto or case rule. Most records are; they take the short way through scoring.
    plain: bool = field(init=False)
    number: int = field(init=False)  # the item's

    def __post_init__(self) -> None:
        object.__setattr__(self, "number", self.item.number)
        plain = (
            self.amount is not None
            and self.multiplier == ONE
            and self.per_record_cap is None
            and self.max_count is None
            and self.veto is None
            and not self.item.one_per_case
        )
        object.__setattr__(self, "plain", plain)


@dataclass(frozen=True, slots=True, eq=False)
class MeasuredRule:
    """A situation worked out from a figure, its numbers resolved for one class."""

    position: int  # its place among the figure lines of the trail
    item: ItemPlan | None  # None: a measured bonus's situation
    bonus: str | None
    situation: AnySituation  # with this class's numbers
    measure: str
    cap: CapPlan | None
    all_points: Decimal | None  # what `all` (此项不得分) is for this item


@dataclass(frozen=True, slots=True, eq=False)
class RowPlan:
    """One scoring row: points, bounds, weight, items in order, people."""

    number: int
    indicator: int  # 0-based
    points: Decimal
    bound: Decimal  # min(points, cap)
    weight: Decimal | None
    items: tuple[ItemPlan, ...]
    grades: tuple[GradeBand, ...] | None


@dataclass(frozen=True, slots=True, eq=False)
class IndicatorPlan:
    """One indicator: its rows, cap and weight."""

    index: int  # 0-based
    key: str | None
    name: str
    points: Decimal
    cap: Decimal | None
    weight: Decimal | None
    rows: tuple[RowPlan, ...]
    grades: tuple[GradeBand, ...] | None


@dataclass(frozen=True, slots=True, eq=False)
class BonusPlan:
    """One bonus rule: its cap, where it is added, and how its lines are found."""

    key: str
    label: str
    source: str
    cap: Decimal
    target: BonusTarget
    row: int | None
    indicator: str | None
    awards: dict[tuple[str, str], Decimal] | None  # (level, scope) → amount; None: measured
    modifiers: frozenset[str]
    one_per_deed: bool


@dataclass(frozen=True, slots=True, eq=False)
class ClassPlan:
    """What a ledger of one unit class is scored by."""

    unit_class: str | None
    records: dict[tuple[int, str, str | None], RecordRule]
    measured: tuple[MeasuredRule, ...]  # figure lines of items, rulebook order
    remainders: dict[int, MeasuredRule]  # row number → its remainder rule
    bonus_measured: tuple[MeasuredRule, ...]
    measures_used: tuple[str, ...]  # figures the rules read, for "missing figure"
    earn_items: tuple[ItemPlan, ...]  # earning items of this class in rows: always worked out
    # Each figure the class's rules read → the item rules that read it (none:
    # only a remainder or bonus rule does). A figure not here is not this class's.
    reads: dict[str, tuple[MeasuredRule, ...]] = field(init=False)

    def __post_init__(self) -> None:
        reads = {
            key: tuple(r for r in self.measured if r.measure == key) for key in self.measures_used
        }
        object.__setattr__(self, "reads", reads)


@dataclass(frozen=True, slots=True)
class FigureCheck:
    """What a ledger's figure must be for the rules that read it."""

    kind: MeasureKind
    maximum: Decimal | None
    needs_of: bool = False  # a rank counted into the last places, or a ladder from the bottom
    needs_score: bool = False  # a rank that spares a score at or above a bound
    # The most a figure may be: its maximum, and a rate is at most 1 (100%) anyway.
    ceiling: Decimal | None = field(init=False)

    def __post_init__(self) -> None:
        top = self.maximum
        if top is None and self.kind is MeasureKind.RATE:
            top = ONE
        object.__setattr__(self, "ceiling", top)


@dataclass(frozen=True, slots=True, eq=False)
class Plan:
    """Everything evaluation needs from a rulebook, resolved once.

    Two plans are equal when their rulebooks mean the same (same content hash).
    """

    rulebook: Rulebook
    index: RulebookIndex
    content_hash: str
    scoring_hash: str
    items: dict[int, ItemPlan]
    rows: tuple[RowPlan, ...]
    indicators: tuple[IndicatorPlan, ...]
    direct: tuple[ItemPlan, ...]
    direct_cap: Decimal | None
    bonuses: tuple[BonusPlan, ...]
    classes: dict[str | None, ClassPlan]
    factors: dict[str, Decimal]
    measure_kinds: dict[str, MeasureKind]
    measure_max: dict[str, Decimal]
    rounding: Quantize
    score_rounding: Quantize | None
    floor: Decimal | None
    deduction_cap: Decimal | None
    missing_is_error: bool
    grades: tuple[GradeBand, ...] | None
    weights_on: str | None  # "indicator", "row" or None
    total_points: Decimal
    max_total: Decimal
    # Whether indicators must be summed while scoring (a cap, a weight or a bonus on one).
    indicator_work: bool
    row_by_number: dict[int, RowPlan]
    award_bonuses: tuple[BonusPlan, ...]
    # The checks of a ledger's figures, one lookup each.
    figure_checks: dict[str, FigureCheck]
    # Each row's bound (the least of its points and cap), by row number.
    row_bounds: dict[int, Decimal] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "row_bounds", {r.number: r.bound for r in self.rows})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Plan) and other.content_hash == self.content_hash

    def __hash__(self) -> int:
        return hash(self.content_hash)


__all__ = [
    "ONE",
    "ROUNDING_MODES",
    "ZERO",
    "BonusPlan",
    "CapPlan",
    "ClassPlan",
    "FigureCheck",
    "IndicatorPlan",
    "ItemPlan",
    "MeasuredRule",
    "Plan",
    "Quantize",
    "RecordRule",
    "RowPlan",
]
