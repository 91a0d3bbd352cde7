"""The score report (评分报告): the total, each row and item, and the trail.

Frozen data only. The engine fills it in; renderers and the command line read
it. ``to_json`` is stable (sorted keys, decimals as canonical strings) so two
reports of the same ledger and rulebook are byte-identical and diff cleanly.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, PlainSerializer, PrivateAttr, computed_field

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


Details = tuple[
    RulebookRef, BonusResult, tuple[RowResult, ...], dict[int, ItemResult], tuple[TrailEntry, ...]
]


class ScoreReport(Frozen):
    """An explained score (评分结果) of one ledger under one rulebook.

    ``rulebook``, ``bonus``, ``rows``, ``items`` and ``trail`` are built from
    the evaluation on first use: scoring a whole city need not pay for
    explanations nobody reads, yet every report can give them, and
    ``to_json`` always includes them.
    """

    unit: str | None
    period: Period | None
    total: Points = Field(description="Σ row scores + bonus.")
    max_total: Points = Field(description="Full marks plus the bonus cap.")
    deducted: Points

    # Set by the engine: builds (rows, items, trail) when first asked for.
    _explain: Callable[[], Details] | None = PrivateAttr(default=None)

    @cached_property
    def details(self) -> Details:
        """Rows, items and the trail, built once."""
        if self._explain is None:  # pragma: no cover - the engine always sets it
            msg = "a ScoreReport is made by mofan_rules.evaluate"
            raise ValueError(msg)
        return self._explain()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def rulebook(self) -> RulebookRef:
        """The rulebook that produced the report: id, version, content hash."""
        return self.details[0]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def bonus(self) -> BonusResult:
        """The bonus: raw sum of awards, cap, what was added."""
        return self.details[1]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def rows(self) -> tuple[RowResult, ...]:
        """Each scoring row: points, deducted, score."""
        return self.details[2]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def items(self) -> dict[int, ItemResult]:
        """Each item by number: raw deduction, the caps that cut, final deduction."""
        return self.details[3]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def trail(self) -> tuple[TrailEntry, ...]:
        """Every record, measure and award of the ledger and what it cost, in ledger order."""
        return self.details[4]

    @classmethod
    def from_engine(
        cls,
        *,
        unit: str | None,
        period: Period | None,
        total: Decimal,
        max_total: Decimal,
        deducted: Decimal,
        explain: Callable[[], Details],
    ) -> ScoreReport:
        """A report from values the engine has already checked (no validation: it is on the hot path)."""
        # What model_construct does, without its per-field bookkeeping (the
        # engine calls this once per ledger; the values are already checked).
        report = cls.__new__(cls)
        object.__setattr__(
            report,
            "__dict__",
            {
                "unit": unit,
                "period": period,
                "total": total,
                "max_total": max_total,
                "deducted": deducted,
            },
        )
        object.__setattr__(report, "__pydantic_fields_set__", _REPORT_FIELDS)
        object.__setattr__(report, "__pydantic_extra__", None)
        object.__setattr__(report, "__pydantic_private__", {"_explain": explain})
        return report

    def __eq__(self, other: object) -> bool:
        # Equal when everything they say is equal, explanations included.
        return isinstance(other, ScoreReport) and self.model_dump() == other.model_dump()

    __hash__ = None  # type: ignore[assignment]

    def to_json(self) -> str:
        """The report as stable JSON: sorted keys, decimals as strings, UTF-8 text."""
        return json.dumps(
            self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, indent=2
        )


_REPORT_FIELDS = frozenset(ScoreReport.model_fields)
