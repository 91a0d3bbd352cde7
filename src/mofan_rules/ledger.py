"""A unit's ledger (扣分台账) as frozen pydantic models: what happened in its year.

The models only fix the shape; whether a record's item, situation and tier
exist is a question for a particular rulebook (:mod:`mofan_rules.factcheck`).
``schemas/facts.schema.json`` is generated from :class:`Ledger`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field, PrivateAttr, WithJsonSchema

from .model import Day, Exact, Frozen, Key, Period, Whole

WholeNumber = Annotated[int, Whole, Field(ge=0, le=100_000)]
Decimalish = Annotated[
    Decimal,
    Exact,
    Field(ge=0, le=100_000),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 100_000}),
]


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
    score: Decimalish | None = Field(
        default=None, description="The unit's score in the ranking, e.g. the poll score."
    )


# A count, a rate (0..1) or a rank; which one a measure takes is the rulebook's word.
MeasureValue = WholeNumber | Decimalish | RankValue


class Record(Frozen):
    """One line of the ledger (台账记录): an occurrence of a situation."""

    item: Annotated[int, Whole, Field(ge=1, le=1000)] = Field(
        description="The item's number (1–21)."
    )
    situation: Key = Field(description="The situation's key in that item, e.g. criticism.")
    tier: Key | None = Field(
        default=None, description="The tier's key, where the situation has tiers."
    )
    count: Annotated[int, Whole, Field(ge=1, le=10_000)] = Field(
        default=1, description="How many occurrences this line stands for (default 1)."
    )
    modifiers: list[Key] = Field(
        default_factory=list, description="Modifier keys, e.g. non_city_managed or self_reported."
    )
    date: Day | None = Field(default=None, description="When it happened, YYYY-MM-DD.")
    evidence: str | None = Field(
        default=None, description="Proof, e.g. a notice's document number."
    )
    note: str | None = Field(default=None, description="Free text for people; not used in scoring.")


class Award(Frozen):
    """A commendation (表彰奖励) counted by the bonus rule."""

    level: Key = Field(description="The level's key, e.g. central or provincial.")
    scope: Key = Field(description="comprehensive (综合工作) or single (单项工作).")
    modifiers: list[Key] = Field(
        default_factory=list, description="e.g. general_office when issued by a 办公厅."
    )
    date: Day | None = Field(default=None, description="Date of the commendation document.")
    evidence: str | None = Field(
        default=None, description="The commendation document's number or title."
    )
    note: str | None = Field(default=None, description="Free text for people; not used in scoring.")


class RulebookPin(Frozen):
    """The rulebook edition a ledger was written for; scoring with another is an error."""

    id: str = Field(description="The rulebook's id.")
    version: str = Field(description="The rulebook's version.")


class Ledger(Frozen):
    """A unit's ledger (扣分台账) for one period. Every field is optional: ``{}`` scores full marks."""

    unit: str | None = Field(default=None, description="The assessed unit's name.")
    period: Period | None = Field(default=None, description="The period the ledger covers.")
    rulebook: RulebookPin | None = Field(
        default=None, description="Pin the rulebook id and version."
    )
    records: list[Record] = Field(
        default_factory=list, description="What happened, one line per situation."
    )
    measures: dict[Key, MeasureValue] = Field(
        default_factory=dict,
        description="Figures the rulebook's measures ask for: counts, rates (0..1) and ranks.",
    )
    awards: list[Award] = Field(
        default_factory=list, description="Commendations for the bonus (加分)."
    )
    note: str | None = Field(default=None, description="Free text for people; not used in scoring.")

    # Content hash of the rulebook this ledger was checked against, set by
    # mofan_rules.factcheck, so evaluation does not check it a second time.
    _checked_for: str | None = PrivateAttr(default=None)
