"""A unit's ledger (扣分台账) as frozen pydantic models: what happened in its year.

The models only fix the shape. Whether a record's item, situation and tier
exist, and which key a Chinese label stands for, is a question for a
particular rulebook (:func:`mofan_rules.ledger.fit_ledger`).
``schemas/ledger.schema.json`` is generated from :class:`Ledger`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import ConfigDict, Field, WithJsonSchema

from mofan_rules._types import Day, Exact, Frozen, Whole
from mofan_rules.rulebook._parts import Period

Name = Annotated[str, Field(min_length=1, max_length=200)]
"""A key (criticism) or the Chinese label the rulebook gives it (通报批评和问责或负面影响)."""
WholeNumber = Annotated[int, Whole, Field(ge=0, le=100_000)]
Figure = Annotated[
    Decimal,
    Exact,
    Field(ge=0, le=1_000_000_000),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 1_000_000_000}),
]
Percent = Annotated[
    str,
    Field(pattern=r"^\s*[0-9]{1,3}(\.[0-9]{1,10})?\s*[%％]\s*$", max_length=24),
]
"""A rate written as a percentage, "97.5%"."""
Text = Annotated[str, Field(max_length=2000)]


class RankValue(Frozen):
    """A rank (排名) reported for a rank measure, e.g. the public-security poll."""

    rank: Annotated[int, Whole, Field(ge=1, le=100_000)] = Field(
        description="The unit's place, 1 = first."
    )
    of: Annotated[int, Whole, Field(ge=1, le=100_000)] | None = Field(
        default=None, description="How many units were ranked (needed for 'last N' rules)."
    )
    tied: Annotated[int, Whole, Field(ge=1, le=100_000)] = Field(
        default=1, description="How many units share this rank (并列); 1 when not tied."
    )
    score: Figure | None = Field(
        default=None, description="The unit's score in the ranking, e.g. the poll score."
    )


MeasureValue = WholeNumber | Figure | Percent | RankValue
"""A count, a rate (0.975 or "97.5%"), a number or a rank: which one is the rulebook's word."""


class Record(Frozen):
    """One line of the ledger (台账记录): an occurrence of a situation."""

    item: Annotated[int, Whole, Field(ge=1, le=1000)] = Field(description="The item's number.")
    situation: Name = Field(description="The situation's key in that item, or its Chinese label.")
    tier: Name | None = Field(
        default=None, description="The tier's key or label, where the situation has tiers."
    )
    count: Annotated[int, Whole, Field(ge=1, le=10_000)] = Field(
        default=1, description="How many occurrences this line stands for (default 1)."
    )
    amount: Figure | None = Field(
        default=None,
        description="The amount, where the situation lets the ledger state it (扣1–5分).",
    )
    case: Annotated[str, Field(min_length=1, max_length=200)] | None = Field(
        default=None,
        description="The case this record belongs to (案件编号), where a rule counts a case once.",
    )
    modifiers: list[Name] = Field(
        default=[], description="Modifier keys or labels, e.g. non_city_managed."
    )
    date: Day | None = Field(default=None, description="When it happened, YYYY-MM-DD.")
    evidence: Text | None = Field(
        default=None, description="Proof, e.g. a notice's document number."
    )
    note: Text | None = Field(
        default=None, description="Free text for people; not used in scoring."
    )


class Award(Frozen):
    """A commendation (表彰奖励) counted by an award bonus rule."""

    bonus: Name | None = Field(
        default=None, description="The bonus rule's key; needed only when there are several."
    )
    level: Name = Field(description="The level's key or label, e.g. central.")
    scope: Name = Field(description="comprehensive (综合工作) or single (单项工作), or its label.")
    deed: Annotated[str, Field(min_length=1, max_length=200)] | None = Field(
        default=None,
        description="The deed commended (事项), where a rule counts one deed once.",
    )
    modifiers: list[Name] = Field(
        default=[], description="e.g. general_office when issued by a 办公厅."
    )
    date: Day | None = Field(default=None, description="Date of the commendation document.")
    evidence: Text | None = Field(
        default=None, description="The commendation document's number or title."
    )
    note: Text | None = Field(
        default=None, description="Free text for people; not used in scoring."
    )


class RulebookPin(Frozen):
    """The rulebook edition a ledger was written for; scoring with another is an error."""

    id: str = Field(max_length=64, description="The rulebook's id.")
    version: str = Field(max_length=32, description="The rulebook's version.")


class Ledger(Frozen):
    """A unit's ledger (扣分台账) for one period. Every field is optional: ``{}`` is a clean year.

    Build one with ``Ledger.model_validate(data)`` or ``Ledger(...)``;
    :func:`mofan_rules.evaluate` checks it against the rulebook every time.
    ``Ledger.model_construct`` skips pydantic's checks of the shape and is
    not supported.
    """

    model_config = ConfigDict(populate_by_name=True)

    unit: Annotated[str, Field(max_length=200)] | None = Field(
        default=None, description="The assessed unit's name."
    )
    period: Period | None = Field(default=None, description="The period the ledger covers.")
    rulebook: RulebookPin | None = Field(
        default=None, description="Pin the rulebook id and version."
    )
    unit_class: Name | None = Field(
        default=None,
        alias="class",
        description="The unit's class (单位类别) by key or label, where the rulebook has classes.",
    )
    records: list[Record] = Field(default=[], description="What happened, one line per situation.")
    measures: dict[Annotated[str, Field(min_length=1, max_length=200)], MeasureValue] = Field(
        default={},
        description="Figures the rulebook's measures ask for, by key or label: counts, rates "
        '(0.975 or "97.5%"), numbers and ranks.',
    )
    awards: list[Award] = Field(default=[], description="Commendations for the bonus (加分).")
    note: Text | None = Field(
        default=None, description="Free text for people; not used in scoring."
    )


__all__ = ["Award", "Ledger", "MeasureValue", "RankValue", "Record", "RulebookPin"]
