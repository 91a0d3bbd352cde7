"""The score report (评分报告): the total, each row and item, and the trail.

Frozen data only. The engine fills it in; renderers and the command line read
it. ``to_json`` is stable (sorted keys, decimals as canonical strings) so two
reports of the same ledger and rulebook are byte-identical and diff cleanly.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, PlainSerializer

from .model import Frozen, Period


def canonical(value: Decimal) -> str:
    """A decimal as plain text without trailing zeros: ``1.50`` → ``1.5``, ``1E+2`` → ``100``."""
    if value == 0:
        return "0"
    return format(value.normalize(), "f")


Points = Annotated[Decimal, PlainSerializer(canonical, return_type=str, when_used="json")]


class RulebookRef(Frozen):
    """Which rulebook produced a report: id, version and a hash of its meaning."""

    id: str
    version: str
    content_hash: str


class CapCut(Frozen):
    """A cap that cut a deduction (封顶): which, its limit, and by how much."""

    scope: Literal["cap", "item", "row", "bonus"] = Field(
        description="Tier/clause cap, item cap, row points or bonus cap."
    )
    key: str
    label: str
    limit: Points
    before: Points
    cut: Points


class TrailEntry(Frozen):
    """One line of the trail (扣分依据): a record, measure or award and what it cost."""

    origin: str = Field(
        description="Where it comes from in the ledger, e.g. records/3 or measures/monthly_studies."
    )
    kind: Literal["record", "measure", "award"]
    item: int | None
    situation: str
    tier: str | None
    label: str
    source: str = Field(description="The source wording of the rule it matched.")
    amount: Points = Field(
        description="Points per occurrence, place or missing one (per award: points added)."
    )
    count: int
    modifiers: tuple[str, ...]
    factor: Points = Field(description="Product of the modifiers' factors (1 without modifiers).")
    value: Points = Field(description="amount × count × factor, before caps.")
    share: Points = Field(description="What this line finally deducts (or adds) after every cap.")
    cut_by: tuple[str, ...] = Field(description="The caps that cut this line.")
    detail: str = Field(description="How the count or amount was worked out, for measures.")
    rule: Literal["per_occurrence", "shortfall", "rank", "remainder", "bonus"] = Field(
        description="The rule kind that produced this line."
    )
    date: dt.date | None = None
    evidence: str | None = None
    note: str | None = None


class ItemResult(Frozen):
    """One item's deduction: raw, every cap that cut, final."""

    number: int
    row: int
    cap: Points | None
    raw: Points = Field(description="Sum of its trail values before any cap.")
    cuts: tuple[CapCut, ...]
    deduction: Points = Field(description="What the item finally deducts.")


class RowResult(Frozen):
    """One scoring row: points, deducted and score."""

    number: int
    indicator: str
    points: Points
    raw: Points = Field(
        description="Sum of its items' deductions before the row's points bound them."
    )
    deducted: Points
    bonus: Points = Field(
        description="Bonus added to this row (only when the rulebook adds it to a row)."
    )
    score: Points


class BonusResult(Frozen):
    """The bonus (加分): raw sum of awards, cap and what was added."""

    raw: Points
    cap: Points
    bonus: Points
    added_to: str


class ScoreReport(Frozen):
    """An explained score (评分结果) of one ledger under one rulebook."""

    rulebook: RulebookRef
    unit: str | None
    period: Period | None
    total: Points = Field(description="Σ row scores + bonus.")
    max_total: Points = Field(description="Full marks plus the bonus cap.")
    deducted: Points
    bonus: BonusResult
    rows: tuple[RowResult, ...]
    items: dict[int, ItemResult]
    trail: tuple[TrailEntry, ...]

    def to_json(self) -> str:
        """The report as stable JSON: sorted keys, decimals as strings, UTF-8 text."""
        return json.dumps(
            self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, indent=2
        )
