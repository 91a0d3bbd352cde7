"""The numbers of one evaluation, before any words: lines, items, rows, indicators.

A :class:`Line` is one record, figure or award and what it counts; caps cut
lines in trail order, keeping earlier lines whole, so every line's share is
exact and the shares add up to what the item, row or bonus counts. The
explanation (:mod:`._explain`) turns a :class:`Tally` into the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from mofan_rules.ledger import Award, Record
from mofan_rules.scoring._figures import Worked
from mofan_rules.scoring._plan import (
    ZERO,
    BonusPlan,
    CapPlan,
    IndicatorPlan,
    ItemPlan,
    MeasuredRule,
    RecordRule,
    RowPlan,
)

_GROUPS = ("records", "measures", "awards", "measures")


@dataclass(slots=True, eq=False)
class Line:
    """One line of the trail while it is being capped."""

    group: int  # 0 a record, 1 a figure, 2 an award, 3 a figure of a bonus
    position: int  # its place in its group: the record's index, the rule's order
    rule: RecordRule | MeasuredRule | BonusPlan
    source: Record | Award | None
    amount: Decimal
    count: Decimal | int
    factor: Decimal
    value: Decimal  # amount × count × factor, before caps
    share: Decimal  # after the caps so far
    cut_by: list[str] | None = None
    worked: Worked | None = None

    @property
    def order(self) -> tuple[int, int]:
        """Its place in the trail: records in ledger order, then figures, then awards."""
        return (self.group, self.position)

    @property
    def origin(self) -> str:
        """Where it comes from in the ledger, as a JSON pointer: /records/3, /measures/x."""
        rule = self.rule
        if self.group in (1, 3) and isinstance(rule, MeasuredRule):
            return f"/measures/{rule.measure}"
        return f"/{_GROUPS[self.group]}/{self.position}"

    @property
    def cap(self) -> CapPlan | None:
        """The tier or clause cap it falls under, if any."""
        return getattr(self.rule, "cap", None)

    def cut_to(self, keep: Decimal, key: str) -> Decimal:
        """Lower the share to ``keep`` (if it is above), naming the cap; return the cut."""
        cut = self.share - keep
        if cut <= 0:
            return ZERO
        self.share = keep
        if self.cut_by is None:
            self.cut_by = [key]
        else:
            self.cut_by.append(key)
        return cut


def limit(lines: list[Line], limit_: Decimal, key: str) -> Decimal:
    """Cut ``lines`` in order so their shares add up to at most ``limit_``; return the cut."""
    room = limit_
    cut = ZERO
    for line in lines:
        keep = line.share if line.share <= room else (room if room > 0 else ZERO)
        cut += line.cut_to(keep, key)
        room -= keep
    return cut


def total(lines: list[Line]) -> Decimal:
    """The sum of the lines' shares."""
    result = ZERO
    for line in lines:
        result += line.share
    return result


@dataclass(slots=True, eq=False)
class Cut:
    """A cap that cut, at some level: what it was, its limit, the amount before and the cut."""

    scope: str
    key: str
    label: str
    limit: Decimal
    before: Decimal
    cut: Decimal


@dataclass(slots=True, eq=False)
class ItemTally:
    """One item: its lines in trail order, their raw sum, the cuts, what it finally deducts."""

    plan: ItemPlan
    lines: list[Line] = field(default_factory=list)
    raw: Decimal = ZERO
    counted: Decimal = ZERO  # the lines' shares after their record caps
    cuts: list[Cut] = field(default_factory=list)
    earned: Decimal | None = None  # earn items: points earned after caps
    deduction: Decimal = ZERO  # after every cap, row and indicator included


@dataclass(slots=True, eq=False)
class RowTally:
    """One row: its items, what they deduct together, and the bonus added to it."""

    plan: RowPlan
    items: list[ItemTally]
    raw: Decimal
    deducted: Decimal
    bonus: Decimal = ZERO

    @property
    def score(self) -> Decimal:
        """Points less deductions, plus the bonus added to the row."""
        return self.plan.points - self.deducted + self.bonus


@dataclass(slots=True, eq=False)
class IndicatorTally:
    """One indicator: its rows together, and the bonus added to it."""

    plan: IndicatorPlan
    rows: list[RowTally]
    bonus: Decimal = ZERO

    @property
    def deducted(self) -> Decimal:
        """What its rows deduct together."""
        return sum((r.deducted for r in self.rows), ZERO)

    @property
    def score(self) -> Decimal:
        """Its rows' scores together, plus the bonus added to the indicator."""
        return sum((r.score for r in self.rows), ZERO) + self.bonus


@dataclass(slots=True, eq=False)
class BonusTally:
    """One bonus rule: its lines, raw sum, the cap it had, and what it added."""

    plan: BonusPlan
    lines: list[Line]
    raw: Decimal
    cap: Decimal
    added: Decimal


@dataclass(slots=True, eq=False)
class Tally:
    """Every number of one evaluation: the words are added later, from these."""

    items: dict[int, ItemTally]
    rows: dict[int, RowTally]  # the rows something happened in
    indicators: list[IndicatorTally]
    direct: list[ItemTally]
    bonuses: list[BonusTally]
    lines: list[Line]  # every line, in the order they were made
    total: Decimal
    deducted: Decimal
    bonus: Decimal
    vetoes: list[Line]
    unit_class: str | None = None
    whole_cut: Cut | None = None


__all__ = [
    "BonusTally",
    "Cut",
    "IndicatorTally",
    "ItemTally",
    "Line",
    "RowTally",
    "Tally",
    "limit",
    "total",
]
