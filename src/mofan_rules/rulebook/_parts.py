"""The small parts of a rulebook: numbers, periods, readings, modifiers, measures, grades.

Each class is one thing the source table names, with the Chinese term in its
docstring; the JSON Schema (``schemas/rulebook.schema.json``) is generated
from these classes, and every field's description becomes an editor tooltip.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from mofan_rules._types import Day, Exact, Frozen, Key, Pointer, Text, Whole, number_schema

# Numbers a rulebook writes, each with its bounds (the same in the schema).
Amount = Annotated[Decimal, Exact, Field(ge=0, le=1000), number_schema(minimum=0, maximum=1000)]
"""Points per occurrence, place or step; 0 is allowed (a tier that costs nothing)."""
Points = Annotated[Decimal, Exact, Field(ge=0, le=1000), number_schema(minimum=0, maximum=1000)]
Limit = Annotated[
    Decimal, Exact, Field(gt=0, le=1000), number_schema(exclusiveMinimum=0, maximum=1000)
]
Factor = Annotated[Decimal, Exact, Field(ge=0, le=100), number_schema(minimum=0, maximum=100)]
Weight = Annotated[Decimal, Exact, Field(gt=0, le=1), number_schema(exclusiveMinimum=0, maximum=1)]
Quantum = Annotated[Decimal, Exact, Field(gt=0, le=1), number_schema(exclusiveMinimum=0, maximum=1)]
Bound = Annotated[
    Decimal, Exact, Field(ge=0, le=1_000_000_000), number_schema(minimum=0, maximum=1_000_000_000)
]
"""A threshold on a figure: a rate (0.9), a count, an age, an amount of money."""
Step = Annotated[
    Decimal,
    Exact,
    Field(gt=0, le=1_000_000_000),
    number_schema(exclusiveMinimum=0, maximum=1_000_000_000),
]
Count = Annotated[int, Whole, Field(ge=1, le=100_000)]
Number = Annotated[int, Whole, Field(ge=1, le=1000)]


class RoundingMode(StrEnum):
    """How a computed figure is rounded to its quantum."""

    HALF_UP = "half_up"
    HALF_EVEN = "half_even"
    DOWN = "down"
    UP = "up"


class Rounding(Frozen):
    """A rounding rule (取舍规则): the step a computed figure is rounded to, and how."""

    quantum: Quantum = Field(description="The decimal place kept: 1, 0.1, 0.01 (a power of ten).")
    mode: RoundingMode = Field(
        description="half_up (四舍五入), half_even, down (舍去) or up (进一)."
    )


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
    values: list[Pointer] = Field(
        default=[],
        description="JSON pointers to the values in this file that carry the reading "
        "(change them to adopt another reading).",
    )
    checksum: Annotated[str, Field(pattern=r"^[0-9a-f]{8}$")] | None = Field(
        default=None,
        description="Fingerprint of the values as they were when the reading was last reviewed. "
        "`validate` warns when the values change and this does not, and prints the new one.",
    )


class Modifier(Frozen):
    """A modifier (调整情形): multiplies a record's amount: half, nothing, or ten times."""

    key: Key = Field(description="Stable ASCII name used in ledgers, e.g. non_city_managed.")
    label: Text = Field(description="Chinese label shown in reports; ledgers may use it too.")
    source: Text = Field(description="The source wording, verbatim.")
    factor: Factor = Field(
        description="Multiplier applied to the amount: 0.5 halves it, 0 exempts, 10 is ten times."
    )


class MeasureKind(StrEnum):
    """What kind of figure a measure holds."""

    COUNT = "count"
    RATE = "rate"
    NUMBER = "number"
    RANK = "rank"


class Measure(Frozen):
    """A figure (考核数据) a ledger reports, rather than a count of records.

    ``count``: a whole number (times, days, people). ``rate``: a share from 0
    to 1, written 0.975 or "97.5%". ``number``: any amount (an age, money).
    ``rank``: ``{rank, of, score, tied}``.
    """

    key: Key = Field(description="Stable ASCII name used under `measures:` in ledgers.")
    label: Text = Field(description="Chinese label shown in reports and templates.")
    kind: MeasureKind = Field(description="count, rate (0..1), number or rank.")
    unit: str | None = Field(
        default=None, max_length=16, description="The unit people write it in, e.g. 天, 岁, 万元."
    )
    maximum: Bound | None = Field(
        default=None,
        description="The largest value accepted (anything above is a typo); for a rate, the largest "
        "share (default 1, i.e. 100%; 1.5 admits ratios up to 150%).",
    )


class UnitClass(Frozen):
    """A class of assessed unit (单位类别), e.g. 区 or 开发区, 重点单位 or 其他单位."""

    key: Key = Field(description="Stable ASCII name a ledger states under `class:`.")
    label: Text = Field(description="Chinese label; ledgers may use it too.")


class GradeBand(Frozen):
    """A grade (等次) and the scores it covers: at least ``at_least``, below ``below``."""

    key: Key = Field(description="Stable ASCII name, e.g. excellent.")
    label: Text = Field(description="The grade as printed, e.g. 优秀.")
    at_least: Bound | None = Field(
        default=None,
        description="Lowest score of the band (included); leave out for the lowest band.",
    )
    below: Bound | None = Field(
        default=None,
        description="Score the band stops below (not included); leave out for the highest band.",
    )


class Veto(Frozen):
    """一票否决 (or 一票否优): what a record of this situation sets, whatever the points."""

    outcome: Text | None = Field(
        default=None, description="The outcome in words, e.g. 不得评为模范机关."
    )
    grade: Key | None = Field(
        default=None,
        description="The best grade the unit can still get, by key: the lowest grade for "
        "一票否决 (poor, 较差), the one below the top for 一票否优 (不得评为优秀).",
    )
    score: Points | None = Field(
        default=None,
        description="The most the total can be, if the table says so (总分计0分: 0); "
        "a lower total stays as it is.",
    )


class Tier(Frozen):
    """A tier (档次) of a situation whose amount depends on a level."""

    key: Key = Field(description="Stable ASCII name used in ledgers, e.g. central.")
    label: Text = Field(description="Chinese label; ledgers may use it too.")
    amount: Amount = Field(description="Points per occurrence at this tier (0 is allowed).")
    veto: Veto | None = Field(default=None, description="一票否决 when this tier is recorded.")


class Cap(Frozen):
    """A cap (封顶) inside an item: per tier (每种情形最多扣2分) or per clause (1分为限)."""

    key: Key = Field(description="Stable ASCII name of the cap; unique within its item.")
    label: Text = Field(description="Chinese label shown when the cap cuts.")
    source: Text = Field(description="The source wording of the cap, verbatim.")
    applies_to: list[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$")]] = (
        Field(
            min_length=1,
            description="What the cap limits together: `situation` or `situation.tier` keys of this "
            "item. Caps of one item must not overlap.",
        )
    )
    limit: Limit = Field(description="The most these situations or tiers may count together.")


__all__ = [
    "Amount",
    "Bound",
    "Cap",
    "Count",
    "Factor",
    "GradeBand",
    "Interpretation",
    "Limit",
    "Measure",
    "MeasureKind",
    "Modifier",
    "Number",
    "Period",
    "Points",
    "Rounding",
    "RoundingMode",
    "Step",
    "Tier",
    "UnitClass",
    "Veto",
    "Weight",
]
