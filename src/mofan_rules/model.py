"""The rulebook (规则库) as frozen pydantic models.

These classes are the single definition of the rulebook format: the JSON
Schema in ``schemas/rulebook.schema.json`` is generated from them
(``scripts/generate_schemas.py``), and every field's description becomes an
editor tooltip. The models hold words and numbers only; what a rule *kind*
means is the engine's business.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    Strict,
    WithJsonSchema,
)

SCHEMA_VERSION = 1


class Frozen(BaseModel):
    """Base of every model: immutable, and a key it does not know is an error."""

    # defer_build: a model's validator is built when first used, so a command
    # pays only for the models it touches (cold start matters to the CLI).
    model_config = ConfigDict(
        frozen=True, extra="forbid", use_attribute_docstrings=False, defer_build=True
    )


def _number(**bounds: Any) -> WithJsonSchema:
    # Decimals are written as plain YAML numbers and read from their text, so
    # the schema says "number" (pydantic alone would also allow strings).
    return WithJsonSchema({"type": "number", **bounds})


Key = Annotated[
    str,
    Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64),
]
Text = Annotated[str, Field(min_length=1)]


def _exact_number(value: object) -> object:
    # The model accepts exactly what the JSON Schema accepts: a number, never
    # text, a float or true/false (pydantic alone would read "0.5" as 0.5).
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        msg = "Input should be a number"
        raise ValueError(msg)
    return value


def _date_text(value: object) -> object:
    # A date is written as text (2026-01-01); pydantic alone would also take a
    # number of seconds since 1970.
    if not isinstance(value, str | dt.date):
        msg = "Input should be a date written as YYYY-MM-DD"
        raise ValueError(msg)
    return value


Day = Annotated[dt.date, BeforeValidator(_date_text)]

# Numbers written in a file: exact decimals (from their text) or whole numbers.
Exact = BeforeValidator(_exact_number)
Whole = Strict()

Amount = Annotated[Decimal, Exact, Field(gt=0, le=1000), _number(exclusiveMinimum=0, maximum=1000)]
Points = Annotated[Decimal, Exact, Field(ge=0, le=1000), _number(minimum=0, maximum=1000)]
Factor = Annotated[Decimal, Exact, Field(ge=0, le=1), _number(minimum=0, maximum=1)]
Score = Annotated[Decimal, Exact, Field(ge=0, le=1000), _number(minimum=0, maximum=1000)]
Quantum = Annotated[Decimal, Exact, Field(gt=0, le=1), _number(exclusiveMinimum=0, maximum=1)]
Count = Annotated[int, Whole, Field(ge=1, le=100_000)]


class RoundingMode(StrEnum):
    """How a rate-based deduction is rounded to the rulebook's quantum."""

    HALF_UP = "half_up"
    HALF_EVEN = "half_even"
    DOWN = "down"
    UP = "up"


class Rounding(Frozen):
    """The rounding rule (取舍规则) for deductions computed from a rate."""

    quantum: Quantum = Field(
        description="Smallest step a rate-based deduction is rounded to, e.g. 0.01."
    )
    mode: RoundingMode = Field(description="half_up (四舍五入), half_even, down or up.")


class Period(Frozen):
    """A span of days, both ends included (考核期)."""

    start: Day = Field(description="First day, YYYY-MM-DD.")
    end: Day = Field(description="Last day, YYYY-MM-DD; not before start.")


class Interpretation(Frozen):
    """A reading chosen where the source table is ambiguous (解释口径)."""

    key: Key = Field(description="Stable ASCII name of the reading.")
    title: Text = Field(description="One line naming the question.")
    source: Text = Field(description="The source wording, quoted verbatim.")
    reading: Text = Field(description="The reading this rulebook adopts, and why.")
    values: list[Annotated[str, Field(pattern=r"^(/[^/]*)+$")]] = Field(
        default_factory=list,
        description="JSON pointers to the values in this file that carry the reading "
        "(change them to adopt another reading).",
    )


class Modifier(Frozen):
    """A modifier (调整情形): multiplies a record's amount, e.g. half or nothing."""

    key: Key = Field(description="Stable ASCII name used in ledgers, e.g. non_city_managed.")
    label: Text = Field(description="Chinese label shown in reports.")
    source: Text = Field(description="The source wording, verbatim.")
    factor: Factor = Field(
        description="Multiplier applied to the amount: 0.5 halves it, 0 exempts."
    )


class MeasureKind(StrEnum):
    """What kind of number a measure holds."""

    COUNT = "count"
    RATE = "rate"
    RANK = "rank"


class Measure(Frozen):
    """A measured figure (考核数据) a ledger reports, rather than a count of records.

    ``count``: a whole number, 0..maximum. ``rate``: a decimal in 0..1.
    ``rank``: ``{rank, of, score, tied}`` where ``of`` is the number of units
    ranked and ``tied`` how many units share the rank (并列).
    """

    key: Key = Field(description="Stable ASCII name used under `measures:` in ledgers.")
    label: Text = Field(description="Chinese label shown in reports and templates.")
    kind: MeasureKind = Field(description="count, rate (0..1) or rank.")
    maximum: Annotated[int, Whole] | None = Field(
        default=None,
        ge=0,
        le=100_000,
        description="For a count: the largest value accepted (anything above is a typo).",
    )


class Tier(Frozen):
    """A tier (档次) of a situation whose amount depends on a level."""

    key: Key = Field(description="Stable ASCII name used in ledgers, e.g. central.")
    label: Text = Field(description="Chinese label, e.g. 中央通报批评和问责或重大负面影响.")
    amount: Amount = Field(description="Points deducted per occurrence at this tier.")


class _SituationBase(Frozen):
    key: Key = Field(description="Stable ASCII name used in ledgers; unique within its item.")
    label: Text = Field(description="Short Chinese label shown in reports.")
    source: Text = Field(description="The source wording of this situation, verbatim.")
    note: str | None = Field(default=None, description="Editor's note; not used in scoring.")


class PerOccurrence(_SituationBase):
    """A situation (情形) deducting a fixed amount per recorded occurrence, or per tier."""

    kind: Literal["per_occurrence"] = Field(
        description="Deduct an amount for each occurrence recorded."
    )
    amount: Amount | None = Field(
        default=None, description="Points per occurrence; leave out when `tiers` is given."
    )
    tiers: list[Tier] | None = Field(
        default=None,
        description="Levels with their own amounts (分别扣…分); leave out when `amount` is given.",
    )
    max_count: Count | None = Field(
        default=None,
        description="Most occurrences a year can have (1 = once a year); a ledger recording more is an error.",
    )
    modifiers: list[Key] = Field(
        default_factory=list,
        description="Keys of the modifiers a record of this situation may carry.",
    )


class Shortfall(_SituationBase):
    """A required count (应开展次数) where each missing one costs an amount."""

    kind: Literal["shortfall"] = Field(
        description="Deduct per unit the measure falls short of `required`."
    )
    measure: Key = Field(description="Key of the count measure holding how many were done.")
    required: Count = Field(description="How many are required in the period.")
    amount: Amount = Field(description="Points deducted per missing one.")


class RankMode(StrEnum):
    """How places are counted for a rank rule."""

    BELOW_PLACE = "below_place"
    INTO_LAST = "into_last"


class TieRule(StrEnum):
    """How a tied rank (并列) is read."""

    AS_GIVEN = "as_given"
    LAST_OF_TIE = "last_of_tie"


class Rank(_SituationBase):
    """A ranking rule (排名): places below a threshold cost an amount each."""

    kind: Literal["rank"] = Field(description="Deduct per place from a rank measure.")
    measure: Key = Field(description="Key of the rank measure.")
    mode: RankMode = Field(
        description="below_place: each place below place `places` costs `amount` (item 21: below 5th). "
        "into_last: each position into the last `places` costs `amount`, the `places`-th from last "
        "costing one step and the last `places` steps (item 17)."
    )
    places: Count = Field(
        description="The threshold place (below_place) or the size of the tail (into_last)."
    )
    amount: Amount = Field(description="Points deducted per place.")
    score_below: Score | None = Field(
        default=None,
        description="Only deduct when the measure's score is below this (item 17: poll score below 90).",
    )
    ties: TieRule = Field(
        default=TieRule.AS_GIVEN,
        description="as_given: a tied rank counts as the rank given; last_of_tie: as the last place the tie covers.",
    )


class Remainder(_SituationBase):
    """A rate applied to what is left of the row's pool (剩余分值折算), e.g. item 16."""

    kind: Literal["remainder"] = Field(
        description="Deduct (row points − other items' deductions) × (1 − rate), rounded by the rulebook's "
        "rounding rule, never more than what is left."
    )
    measure: Key = Field(description="Key of the rate measure, e.g. satisfaction_rate.")


Situation = Annotated[PerOccurrence | Shortfall | Rank | Remainder, Field(discriminator="kind")]


class Cap(Frozen):
    """A cap (封顶) inside an item: per tier (每种情形最多扣2分) or per clause (1分为限)."""

    key: Key = Field(description="Stable ASCII name of the cap; unique within its item.")
    label: Text = Field(description="Chinese label shown when the cap cuts.")
    source: Text = Field(description="The source wording of the cap, verbatim.")
    applies_to: list[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$")]] = (
        Field(
            min_length=1,
            description="What the cap limits together: `situation` or `situation.tier` keys of this item. "
            "Caps of one item must not overlap.",
        )
    )
    limit: Amount = Field(description="The most these situations or tiers may deduct together.")


class Item(Frozen):
    """A numbered item (考评办法第N条) with its situations and caps."""

    number: Annotated[int, Whole, Field(ge=1, le=1000)] = Field(
        description="The item's number, 1..N without gaps."
    )
    cap: Points | None = Field(
        default=None,
        description="The item cap (此项最多扣N分); leave out when only the row's points bound it (item 16).",
    )
    source: Text = Field(description="The item's text in the source table, verbatim.")
    situations: list[Situation] = Field(
        min_length=1, description="The deductible situations (情形)."
    )
    caps: list[Cap] = Field(
        default_factory=list, description="Tier and clause caps inside the item."
    )
    note: str | None = Field(default=None, description="Editor's note; not used in scoring.")


class ScoringRow(Frozen):
    """A scoring row (分值栏): points shared by one or more items."""

    number: Annotated[int, Whole, Field(ge=1, le=1000)] = Field(
        description="The row's number, 1..N in table order."
    )
    points: Points = Field(description="The row's points (分值); its deductions never exceed them.")
    leaders: list[Text] = Field(description="Responsible leaders (责任领导).")
    assessing_departments: list[Text] = Field(description="Assessing departments (考核部门).")
    responsible_offices: list[Text] = Field(
        description="The unit's responsible offices (本会责任部室)."
    )
    items: list[Item] = Field(
        min_length=1, description="The numbered items sharing the row's points."
    )
    note: str | None = Field(
        default=None, description="Editor's note, e.g. on a blank cell read from above."
    )


class Indicator(Frozen):
    """An assessment indicator (考评指标) heading one or more scoring rows."""

    name: Text = Field(description="The indicator as printed, e.g. 带头做到“两个维护”.")
    rows: list[ScoringRow] = Field(min_length=1, description="The scoring rows under this heading.")
    note: str | None = Field(
        default=None, description="Editor's note, e.g. a name read from a merged cell."
    )


class AwardLevel(Frozen):
    """A level of commendation (表彰级别) and what it adds per scope."""

    key: Key = Field(description="Stable ASCII name used in ledgers, e.g. central.")
    label: Text = Field(description="Chinese label, e.g. 党中央、国务院.")
    amounts: dict[Key, Amount] = Field(
        min_length=1, description="Points added per scope key, e.g. {comprehensive: 2, single: 1}."
    )


class AwardScope(Frozen):
    """A scope of commendation: comprehensive (综合工作) or single (单项工作) work."""

    key: Key = Field(description="Stable ASCII name used in ledgers.")
    label: Text = Field(description="Chinese label.")


class BonusTarget(StrEnum):
    """Where the bonus is added."""

    TOTAL = "total"
    ROW = "row"


class Bonus(Frozen):
    """The bonus (加分): commendations add points after all deductions, capped."""

    source: Text = Field(description="The source wording of the bonus rule, verbatim.")
    cap: Points = Field(description="The most the bonus may add (此项最多加N分).")
    added_to: BonusTarget = Field(
        description="total: added to the total (up to total_points + cap); "
        "row: added to `row`'s score, never above its points."
    )
    row: Annotated[int, Whole, Field(ge=1)] = Field(
        description="The scoring row the bonus is printed in."
    )
    scopes: list[AwardScope] = Field(
        min_length=1, description="Scopes of work a commendation can be for."
    )
    levels: list[AwardLevel] = Field(
        min_length=1, description="Levels of commendation and their amounts."
    )
    modifiers: list[Key] = Field(
        default_factory=list,
        description="Modifiers an award may carry, e.g. general_office (减半加分).",
    )


class Rulebook(Frozen):
    """A rulebook (规则库): one year's task breakdown table as data."""

    schema_version: Annotated[Literal[1], Exact] = Field(
        description="Version of this file format; 1."
    )
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_\-]*$", max_length=64)] = Field(
        description="Stable id of the rulebook series, the same every year (lowercase, digits, - and _)."
    )
    version: Annotated[str, Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z.\-]*$", max_length=32)] = Field(
        description='This edition\'s version, quoted, e.g. "2026.1".'
    )
    title: Text = Field(description="The table's title, verbatim.")
    unit: Text = Field(description="The unit assessed under this rulebook (被考核单位).")
    total_points: Points = Field(
        description="Full marks before the bonus; the rows' points add up to it."
    )
    effective: Period = Field(description="The period this edition applies to.")
    rounding: Rounding = Field(description="The rounding rule for rate-based deductions.")
    source_document: Text = Field(description="Where the source table comes from.")
    interpretations: list[Interpretation] = Field(
        default_factory=list, description="Readings chosen where the source is ambiguous."
    )
    modifiers: list[Modifier] = Field(
        default_factory=list, description="Modifiers records and awards may carry."
    )
    measures: list[Measure] = Field(
        default_factory=list, description="Figures a ledger reports under `measures:`."
    )
    indicators: list[Indicator] = Field(
        min_length=1, description="The table: indicators → rows → items."
    )
    bonus: Bonus | None = Field(default=None, description="The bonus rule, if any.")

    # The compiled evaluation plan, attached by mofan_rules.plan on first use
    # so that loading once serves every evaluation.
    _plan: object = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:
        # Equal when the fields are: the cached plan is not part of the meaning.
        return type(other) is type(self) and self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]  # holds lists: not hashable

    @property
    def rows(self) -> list[ScoringRow]:
        """All scoring rows in table order."""
        return [row for ind in self.indicators for row in ind.rows]

    @property
    def items(self) -> list[Item]:
        """All items in table order."""
        return [item for row in self.rows for item in row.items]
