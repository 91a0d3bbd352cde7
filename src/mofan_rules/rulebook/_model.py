"""The rulebook (规则库) as frozen pydantic models: the table, its bonuses and outcomes.

These classes are the single definition of the rulebook format (schema
version 2): ``schemas/rulebook.schema.json`` and ``schemas/overlay.schema.json``
are generated from them (``scripts/generate_schemas.py``). The models hold
words and numbers only; what a rule *kind* means is the engine's business.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from mofan_rules._types import Exact, Frozen, Key, Text, Whole
from mofan_rules.rulebook._parts import (
    Cap,
    GradeBand,
    Interpretation,
    Limit,
    Measure,
    Modifier,
    Number,
    Period,
    Points,
    Rounding,
    Tier,
    UnitClass,
    Weight,
)
from mofan_rules.rulebook._rules import MeasuredSituation, Situation
from mofan_rules.rulebook._titles import item_title

SCHEMA_VERSION = 2

Version = Annotated[str, Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z.\-]*$", max_length=32)]
RulebookId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_\-]*$", max_length=64)]


class Basis(StrEnum):
    """How an item is scored: by losing points (扣分制) or by earning them (得分制)."""

    DEDUCT = "deduct"
    EARN = "earn"


class Item(Frozen):
    """A numbered item (考评办法第N条) with its situations and caps."""

    number: Number = Field(description="The item's number, 1..N without gaps.")
    title: Annotated[str, Field(min_length=1, max_length=60)] = Field(
        default="",
        description="A short title, e.g. 严明党的各项纪律, shown beside the number; "
        "leave out to take the source text's first clause.",
    )
    source: Text = Field(description="The item's text in the source table, verbatim.")
    basis: Basis = Field(
        default=Basis.DEDUCT,
        description="deduct (扣分制, the default): situations take points away; earn (得分制): "
        "situations give points, up to the item's `points`.",
    )
    points: Points | None = Field(
        default=None,
        description="The item's own points (分值), where the table gives them; required for earn.",
    )
    cap: Points | None = Field(
        default=None,
        description="The item cap (此项最多扣N分 / 最高得N分); leave out when only the points "
        "above it bound it.",
    )
    floor: Points | None = Field(
        default=None, description="此项最低得N分: the item's score never goes below this."
    )
    one_per_case: bool = Field(
        default=False,
        description="同一案件不累计扣分: of the records naming the same case, only the one that "
        "counts most is counted.",
    )
    classes: list[Key] = Field(
        default=[], description="Unit classes the item applies to; leave out for all."
    )
    grades: list[GradeBand] | None = Field(
        default=None, description="等次 on the item's score, where the table gives them."
    )
    situations: list[Situation] = Field(min_length=1, description="The situations (情形).")
    caps: list[Cap] = Field(default=[], description="Tier and clause caps inside the item.")
    note: str | None = Field(default=None, description="Editor's note; not used in scoring.")

    @model_validator(mode="before")
    @classmethod
    def _title_from_source(cls, data: Any) -> Any:
        # A title left out is the source's first clause: the same words, shorter.
        if isinstance(data, dict) and "title" not in data and isinstance(data.get("source"), str):
            return {**data, "title": item_title(data["source"])}
        return data


class ScoringRow(Frozen):
    """A scoring row (分值栏): points shared by one or more items, and who answers for them."""

    number: Number = Field(description="The row's number, 1..N in table order.")
    points: Points = Field(description="The row's points (分值); its deductions never exceed them.")
    weight: Weight | None = Field(
        default=None, description="The row's score counts this much (得分×20%折算: 0.2)."
    )
    cap: Limit | None = Field(
        default=None, description="The most the row may lose, if below its points."
    )
    grades: list[GradeBand] | None = Field(default=None, description="等次 on the row's score.")
    leaders: list[Text] = Field(description="Responsible leaders (责任领导).")
    assessing_departments: list[Text] = Field(description="Assessing departments (考核部门).")
    responsible_offices: list[Text] = Field(
        description="The unit's responsible offices (本会责任部室)."
    )
    items: list[Item] = Field(
        min_length=1, description="The numbered items sharing the row's points."
    )
    note: str | None = Field(default=None, description="Editor's note, e.g. on a blank cell.")


class Indicator(Frozen):
    """An assessment indicator (考评指标) heading one or more scoring rows."""

    key: Key | None = Field(
        default=None, description="Stable ASCII name, needed where a bonus or weight names it."
    )
    name: Text = Field(description="The indicator as printed, e.g. 带头做到“两个维护”.")
    weight: Weight | None = Field(
        default=None, description="The indicator's score counts this much (50/30/20%: 0.5)."
    )
    cap: Limit | None = Field(
        default=None, description="The most the indicator's rows may lose together."
    )
    grades: list[GradeBand] | None = Field(
        default=None, description="等次 on the indicator's score."
    )
    rows: list[ScoringRow] = Field(min_length=1, description="The scoring rows under this heading.")
    note: str | None = Field(default=None, description="Editor's note.")


class DirectDeductions(Frozen):
    """Deductions outside the rows (直接扣分), taken from the total; and 一票否决 situations."""

    title: Text = Field(description="The heading as printed, e.g. 直接扣分事项.")
    source: str | None = Field(default=None, description="The heading's wording, verbatim.")
    cap: Limit | None = Field(default=None, description="The most these items may take together.")
    items: list[Item] = Field(
        min_length=1, description="Items numbered after the table's, with their situations."
    )


class BonusTarget(StrEnum):
    """Where a bonus is added."""

    TOTAL = "total"
    ROW = "row"
    INDICATOR = "indicator"


class AwardLevel(Frozen):
    """A level of commendation (表彰级别) and what it adds per scope."""

    key: Key = Field(description="Stable ASCII name used in ledgers, e.g. central.")
    label: Text = Field(description="Chinese label, e.g. 党中央、国务院; ledgers may use it too.")
    amounts: dict[Key, Points] = Field(
        min_length=1, description="Points added per scope key, e.g. {comprehensive: 2, single: 1}."
    )


class AwardScope(Frozen):
    """A scope of commendation: comprehensive (综合工作) or single (单项工作) work."""

    key: Key = Field(description="Stable ASCII name used in ledgers.")
    label: Text = Field(description="Chinese label; ledgers may use it too.")


class _BonusBase(Frozen):
    key: Key = Field(description="Stable ASCII name of the bonus rule.")
    label: Text = Field(description="Chinese label shown in reports.")
    source: Text = Field(description="The source wording of the bonus rule, verbatim.")
    cap: Limit = Field(description="The most this rule may add (此项最多加N分).")
    added_to: BonusTarget = Field(
        description="total: added to the total (up to full marks + cap); row or indicator: added "
        "to that row's or indicator's score, never above its points."
    )
    row: Annotated[int, Whole, Field(ge=1)] | None = Field(
        default=None, description="The row the rule is printed in, and added to when added_to: row."
    )
    indicator: Key | None = Field(
        default=None, description="The indicator it is added to when added_to: indicator."
    )


class AwardBonus(_BonusBase):
    """A bonus for commendations (表彰奖励加分): points by level and scope."""

    kind: Literal["award"] = Field(description="Points for each commendation in the ledger.")
    scopes: list[AwardScope] = Field(min_length=1, description="Scopes of work.")
    levels: list[AwardLevel] = Field(min_length=1, description="Levels and their amounts.")
    modifiers: list[Key] = Field(
        default=[], description="Modifiers an award may carry, e.g. general_office."
    )
    one_per_deed: bool = Field(
        default=False,
        description="同一事项按最高计: awards naming the same deed count once, the highest.",
    )


class MeasuredBonus(_BonusBase):
    """A bonus worked out from figures, e.g. by rank (第1名加1分)."""

    kind: Literal["measured"] = Field(description="Points from figures, like measured situations.")
    situations: list[MeasuredSituation] = Field(
        min_length=1, description="per_unit, threshold, rank or ladder situations giving points."
    )


Bonus = Annotated[AwardBonus | MeasuredBonus, Field(discriminator="kind")]


class MissingFigures(StrEnum):
    """What a figure the rulebook uses but a ledger leaves out is."""

    WARN = "warn"
    ERROR = "error"


class BaseRef(Frozen):
    """The base edition an overlay extends."""

    id: RulebookId = Field(description="The base rulebook's id.")
    version: Version = Field(description="The base rulebook's version.")
    file: str | None = Field(
        default=None,
        description="Its file, relative to this one; default: found in the same folder.",
    )


class Rulebook(Frozen):
    """A rulebook (规则库): one edition of an assessment table as data."""

    schema_version: Annotated[Literal[2], Exact] = Field(
        description="Version of this file format: 2."
    )
    id: RulebookId = Field(
        description="Stable id of the rulebook series, the same every year (lowercase, digits, - and _)."
    )
    version: Version = Field(description='This edition\'s version, quoted, e.g. "2026.1".')
    title: Text = Field(description="The table's title, verbatim.")
    unit: Text = Field(description="The unit assessed under this rulebook (被考核单位).")
    total_points: Points = Field(description="Full marks before any bonus.")
    effective: Period = Field(description="The period this edition applies to.")
    rounding: Rounding = Field(
        description="How computed deductions (rates, part steps) are rounded."
    )
    score_rounding: Rounding | None = Field(
        default=None, description="How the final score is rounded, where the table says so."
    )
    source_document: Text = Field(description="Where the source table comes from.")
    floor: Points | None = Field(default=None, description="The total never goes below this.")
    deduction_cap: Limit | None = Field(
        default=None, description="The most all deductions together may take (扣分总计不超过N分)."
    )
    missing_figures: MissingFigures = Field(
        default=MissingFigures.WARN,
        description="warn (the default) or error: a figure the rulebook uses and a ledger leaves out.",
    )
    classes: list[UnitClass] = Field(
        default=[],
        description="Classes of unit (区 / 开发区); a ledger states its class when there are any.",
    )
    grades: list[GradeBand] | None = Field(
        default=None, description="等次 on the total, best first (优秀 ≥ 95, 良好 85–95, …)."
    )
    tier_sets: dict[Key, list[Tier]] = Field(
        default={},
        description="Tiers written once and used by key from many situations (`tiers: criticism`).",
    )
    interpretations: list[Interpretation] = Field(
        default=[], description="Readings chosen where the source is ambiguous."
    )
    modifiers: list[Modifier] = Field(
        default=[], description="Modifiers records and awards may carry."
    )
    measures: list[Measure] = Field(
        default=[], description="Figures a ledger reports under `measures:`."
    )
    indicators: list[Indicator] = Field(
        min_length=1, description="The table: indicators → rows → items."
    )
    direct_deductions: DirectDeductions | None = Field(
        default=None, description="Items outside the rows, taken from the total (直接扣分)."
    )
    bonuses: list[Bonus] = Field(default=[], description="Bonus rules (加分).")
    base: BaseRef | None = Field(
        default=None,
        description="Set by the loader for a rulebook read from an overlay: the base it extends. "
        "Not written in files.",
        json_schema_extra={"readOnly": True},
    )

    # Plain properties, not cached: a cached value would survive model_copy(update=…).
    @property
    def rows(self) -> tuple[ScoringRow, ...]:
        """All scoring rows in table order."""
        return tuple(row for ind in self.indicators for row in ind.rows)

    @property
    def items(self) -> tuple[Item, ...]:
        """All items in number order: the table's, then the direct deductions'."""
        table = [item for row in self.rows for item in row.items]
        return tuple(table + list(self.direct_deductions.items if self.direct_deductions else []))

    @property
    def max_total(self) -> Decimal:
        """Full marks plus every bonus added to the total."""
        extra = sum((b.cap for b in self.bonuses if b.added_to is BonusTarget.TOTAL), Decimal(0))
        return self.total_points + extra


class OverlayRow(Frozen):
    """One row's people in an overlay: who answers for it in this organ."""

    number: Number = Field(description="The base's row number.")
    leaders: list[Text] | None = Field(default=None, description="Responsible leaders (责任领导).")
    assessing_departments: list[Text] | None = Field(default=None, description="考核部门.")
    responsible_offices: list[Text] | None = Field(default=None, description="本会责任部室.")
    note: str | None = None


class Overlay(Frozen):
    """An organ's 任务分解表 over a base 考评办法: only who is responsible, and metadata.

    The base edition fixes every item, amount and cap; an overlay sets the
    people of its rows and names itself. It cannot change a scoring rule.
    """

    schema_version: Annotated[Literal[2], Exact] = Field(
        description="Version of this file format: 2."
    )
    extends: BaseRef = Field(description="The base edition this overlay assigns people to.")
    id: RulebookId = Field(description="This overlay's own id.")
    version: Version = Field(description="This overlay's version.")
    title: Text = Field(description="The organ's table title.")
    unit: Text = Field(description="The organ assessed (被考核单位).")
    source_document: Text = Field(description="Where the organ's table comes from.")
    effective: Period | None = Field(default=None, description="Default: the base's period.")
    rows: list[OverlayRow] = Field(default=[], description="Rows whose people differ.")
    note: str | None = None


__all__ = [
    "SCHEMA_VERSION",
    "AwardBonus",
    "AwardLevel",
    "AwardScope",
    "BaseRef",
    "Basis",
    "Bonus",
    "BonusTarget",
    "DirectDeductions",
    "Indicator",
    "Item",
    "MeasuredBonus",
    "MissingFigures",
    "Overlay",
    "OverlayRow",
    "Rulebook",
    "ScoringRow",
]
