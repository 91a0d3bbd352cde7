"""The score report (评分结果): the total, the grade, every row and item, and the trail.

Frozen data only. The engine fills it in; renderers and the command line read
it. ``to_json`` is stable (sorted keys, decimals as canonical strings) so two
reports of the same ledger and rulebook are byte-identical and diff cleanly.
The explanation (rows, items, trail…) is built from the evaluation when first
asked for, so scoring a whole city need not pay for explanations nobody reads.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import ConfigDict, Field, PlainSerializer, computed_field

from mofan_rules._text import canonical
from mofan_rules._types import Frozen
from mofan_rules.rulebook import Period

Points = Annotated[Decimal, PlainSerializer(canonical, return_type=str, when_used="json")]


class RulebookRef(Frozen):
    """Which rulebook produced a report: id, version, title and hashes of its meaning."""

    id: str
    version: str
    title: str
    content_hash: str
    scoring_hash: str = Field(
        description="Hash of what decides a score (people and titles left out)."
    )
    base: str | None = Field(default=None, description="`id version` of the base, for an overlay.")


class CapCut(Frozen):
    """A cap that cut (封顶): which, its limit, and by how much."""

    scope: Literal[
        "cap", "record", "case", "item", "floor", "row", "indicator", "direct", "whole", "bonus"
    ] = Field(description="What kind of cap: a tier or clause cap, a record's, an item's, …")
    key: str
    label: str = Field(description="Its words: the rulebook's own, or the engine's in Chinese.")
    label_en: str = Field(description="The same in English (the rulebook's own words as written).")
    limit: Points
    before: Points
    cut: Points


class TrailEntry(Frozen):
    """One line of the trail (扣分依据): a record, figure or award and what it counted."""

    origin: str = Field(
        description="Where it comes from in the ledger, as a JSON pointer: /records/3, "
        "/measures/monthly_studies, /awards/0."
    )
    kind: Literal["record", "measure", "award"]
    item: int | None = Field(description="The item, or None for a bonus line.")
    bonus: str | None = Field(default=None, description="The bonus rule, for a bonus line.")
    situation: str
    tier: str | None
    label: str
    source: str = Field(description="The source wording of the rule it matched.")
    amount: Points = Field(description="Points per occurrence, place or step.")
    count: Points = Field(description="Occurrences, places or steps (a part step when exact).")
    modifiers: tuple[str, ...]
    factor: Points = Field(description="Product of the modifiers' factors and the multiplier.")
    multiplier: Points = Field(
        default=Decimal(1),
        description="The rule's own multiplier (按被扣分值的N倍), in the factor.",
    )
    value: Points = Field(description="amount × count × factor, before caps.")
    share: Points = Field(description="What this line finally counts after every cap.")
    cut_by: tuple[str, ...] = Field(description="The caps that cut this line.")
    detail: str = Field(description="How a figure's count or amount was worked out, in words.")
    detail_zh: str = Field(default="", description="The same, in Chinese.")
    rule: str = Field(description="The rule kind that produced this line.")
    earns: bool = Field(
        default=False, description="True when the line earns points (得分制, bonus)."
    )
    veto: str | None = Field(default=None, description="The outcome a veto on this line sets.")
    case: str | None = None
    date: dt.date | None = None
    evidence: str | None = None
    note: str | None = None


class ItemResult(Frozen):
    """One item: what it counted before caps, every cap that cut, and what it deducts."""

    number: int
    title: str
    row: int | None = Field(description="Its row, or None for a direct deduction (直接扣分).")
    basis: Literal["deduct", "earn"]
    points: Points | None = Field(description="The item's own points, where it has them.")
    cap: Points | None
    raw: Points = Field(description="Sum of its trail values before any cap (earned, for earn).")
    earned: Points | None = Field(default=None, description="Points earned after caps (得分制).")
    cuts: tuple[CapCut, ...]
    deduction: Points = Field(description="What the item finally deducts.")
    grade: str | None = Field(default=None, description="The item's grade, where it has bands.")
    grade_label: str | None = Field(default=None, description="That grade as printed (等次).")


class RowResult(Frozen):
    """One scoring row: points, deducted, bonus and score, and who answers for it."""

    number: int
    indicator: str
    points: Points
    raw: Points = Field(description="Its items' deductions before the row's points bound them.")
    deducted: Points
    bonus: Points = Field(description="Bonus added to this row (when a rule adds it to a row).")
    score: Points
    weight: Points | None = None
    grade: str | None = Field(default=None, description="The row's grade, where it has bands.")
    grade_label: str | None = Field(default=None, description="That grade as printed (等次).")
    leaders: tuple[str, ...] = ()
    assessing_departments: tuple[str, ...] = ()
    responsible_offices: tuple[str, ...] = ()


class IndicatorResult(Frozen):
    """One indicator (考评指标): its rows' scores together, weighted where the table says."""

    index: int = Field(description="1-based, in table order.")
    key: str | None
    name: str
    points: Points
    deducted: Points
    bonus: Points
    score: Points
    weight: Points | None = None
    weighted: Points = Field(description="What it adds to the total: score × weight, or score.")
    grade: str | None = Field(default=None, description="Its grade, where it has bands.")
    grade_label: str | None = Field(default=None, description="That grade as printed (等次).")


class BonusResult(Frozen):
    """One bonus rule (加分): raw sum of its lines, its cap, and what it added where."""

    key: str
    label: str
    raw: Points
    cap: Points
    bonus: Points
    added_to: str
    target: str | None = Field(default=None, description="The row number or indicator key.")


class VetoResult(Frozen):
    """一票否决: a record that set the outcome, and what it set."""

    origin: str
    item: int
    situation: str
    tier: str | None
    label: str
    outcome: str | None
    grade: str | None
    score: Points | None
    evidence: str | None = None
    date: dt.date | None = None


class Grade(Frozen):
    """The grade (等次) a score falls in, or the one a veto set."""

    key: str
    label: str
    at_least: Points | None
    below: Points | None
    by_veto: bool = False


class Notice(Frozen):
    """Something the reader must know that did not stop scoring, e.g. a missing figure."""

    code: str = Field(description="Stable catalogue code, e.g. missing_figure.")
    path: str = Field(description="Where in the ledger, as a JSON pointer.")
    message: str
    message_zh: str


Details = tuple[
    tuple[RowResult, ...],
    dict[int, ItemResult],
    tuple[IndicatorResult, ...],
    tuple[BonusResult, ...],
    tuple[TrailEntry, ...],
]


class ItemMove(NamedTuple):
    """An item whose deduction differs between two scorings: its number, before and after."""

    item: int
    was: Decimal
    now: Decimal


class Explanation:
    """The part of a report built only when read: rows, items, indicators, bonuses, trail.

    Scoring a whole city need not pay for explanations nobody reads. It holds
    the builder the engine handed over and, once built, what it built.
    """

    __slots__ = ("_build", "_built")

    def __init__(self, build: Callable[[], Details]) -> None:
        self._build = build
        self._built: Details | None = None

    def get(self) -> Details:
        """The explanation, built on the first call."""
        if self._built is None:
            self._built = self._build()
        return self._built


class ScoreReport(Frozen):
    """An explained score (评分结果) of one ledger under one rulebook.

    ``rows``, ``items``, ``indicators``, ``bonuses`` and ``trail`` are built
    from the evaluation on first use; ``to_json`` and ``model_dump`` always
    include them. Build reports with :func:`mofan_rules.evaluate`.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    unit: str | None
    period: Period | None
    unit_class: str | None
    rulebook: RulebookRef
    total: Points = Field(
        description="The score: rows (weighted), less direct deductions, plus bonuses."
    )
    max_total: Points = Field(description="Full marks plus the bonuses added to the total.")
    deducted: Points = Field(description="Everything deducted, direct deductions included.")
    bonus: Points = Field(description="Everything the bonus rules added.")
    grade: Grade | None = Field(description="The grade (等次), where the rulebook has bands.")
    outcome: str | None = Field(description="What a veto set, in words (不得评为…), if any.")
    vetoes: tuple[VetoResult, ...]
    notices: tuple[Notice, ...] = Field(description="Warnings, e.g. a figure the ledger left out.")

    explanation: Explanation = Field(
        exclude=True, repr=False, description="Builds the detailed results when first read."
    )

    def _detail(self, index: int) -> Any:
        return self.explanation.get()[index]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def rows(self) -> tuple[RowResult, ...]:
        """Each scoring row: points, deducted, bonus, score, and who answers for it."""
        return self._detail(0)  # type: ignore[no-any-return]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def items(self) -> dict[int, ItemResult]:
        """Each item by number: raw, the caps that cut, what it deducts."""
        return self._detail(1)  # type: ignore[no-any-return]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def indicators(self) -> tuple[IndicatorResult, ...]:
        """Each indicator: its rows together, weighted where the table says."""
        return self._detail(2)  # type: ignore[no-any-return]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def bonuses(self) -> tuple[BonusResult, ...]:
        """Each bonus rule: raw, cap, added."""
        return self._detail(3)  # type: ignore[no-any-return]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def trail(self) -> tuple[TrailEntry, ...]:
        """Every record, figure and award of the ledger and what it counted, in ledger order."""
        return self._detail(4)  # type: ignore[no-any-return]

    @classmethod
    def explained(cls, *, explain: Callable[[], Details], **fields: Any) -> ScoreReport:
        """A report from values the engine has already checked, with its explanation to come.

        No validation: the engine calls this once per ledger on its hot path,
        with values it made itself. It does what ``model_construct`` does,
        without its per-field bookkeeping, which would cost a fifth of a
        small ledger's evaluation.
        """
        report = cls.__new__(cls)
        fields["explanation"] = Explanation(explain)
        # Its __dict__ and pydantic's own slots, set past its __setattr__ (as
        # model_construct does); ``fields`` is this call's own dict.
        _set_slot(report, "__dict__", fields)
        _set_slot(report, "__pydantic_fields_set__", set(_FIELDS))
        _set_slot(report, "__pydantic_extra__", None)
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


_FIELDS = frozenset(ScoreReport.model_fields)
_set_slot = object.__setattr__

__all__ = [
    "BonusResult",
    "CapCut",
    "Details",
    "Explanation",
    "Grade",
    "IndicatorResult",
    "ItemMove",
    "ItemResult",
    "Notice",
    "RowResult",
    "RulebookRef",
    "ScoreReport",
    "TrailEntry",
    "VetoResult",
]
