"""Situations (情形): the rule kinds that turn what happened into points.

Each kind is data with a schema; the engine knows what a kind means, the
rulebook knows its numbers and words. Records of the ledger feed
``per_occurrence``; figures (measures) feed the others:

- ``per_occurrence``: an amount per recorded occurrence, by tier, or a
  range the ledger picks from (扣1–5分); a multiplier (按被扣分值的10倍),
  a cap per record (每份最多扣0.5分), 一票否决;
- ``per_unit``: per unit below or above a threshold (每低1个百分点扣0.1分,
  少1次扣0.5分, 逾期每天扣0.1分, 每超1岁扣0.5分);
- ``threshold``: cliffs (低于90%扣2分, 低于60%此项不得分);
- ``rank``: per place below a place, or into the last N (每低一个位次扣0.1分);
- ``ladder``: points by place (第1–5名 60/57/54/51/48, 倒数第1–3名 2/1.9/1.8);
- ``remainder``: a rate applied to what is left of the row (剩余分值折算).

In an item scored by earning (得分制) the same kinds give points earned.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field

from mofan_rules._types import Frozen, Key, Text
from mofan_rules.rulebook._parts import Amount, Bound, Count, Factor, Limit, Step, Tier, Veto


class _SituationBase(Frozen):
    key: Key = Field(description="Stable ASCII name used in ledgers; unique within its item.")
    label: Text = Field(description="Short Chinese label shown in reports; ledgers may use it too.")
    source: Text = Field(description="The source wording of this situation, verbatim.")
    classes: list[Key] = Field(
        default=[],
        description="Unit classes this situation applies to; leave out for every class.",
    )
    note: str | None = Field(default=None, description="Editor's note; not used in scoring.")


# ------------------------------------------------------------------ records


class AmountRange(Frozen):
    """A discretionary range (酌情扣分): the ledger states the amount within it."""

    min: Amount = Field(description="The smallest amount a record may state.")
    max: Amount = Field(description="The largest amount a record may state.")


class TierUse(Frozen):
    """Tiers taken from a tier set, with labels worded for this situation where it differs."""

    use: Key = Field(description="The tier set's key.")
    labels: dict[Key, Text] = Field(
        default={}, description="Tier key → this situation's label for it."
    )


class PerOccurrenceByClass(Frozen):
    """Numbers of a ``per_occurrence`` situation that differ for one unit class."""

    amount: Amount | None = None
    range: AmountRange | None = None
    tier_amounts: dict[Key, Amount] | None = Field(
        default=None, description="Tier key → amount, for the tiers whose amount differs."
    )
    multiplier: Factor | None = None
    per_record_cap: Limit | None = None


class PerOccurrence(_SituationBase):
    """A situation counted per recorded occurrence: a fixed amount, a tier, or a stated amount."""

    kind: Literal["per_occurrence"] = Field(
        description="Points for each occurrence recorded in the ledger."
    )
    amount: Amount | None = Field(
        default=None,
        description="Points per occurrence. Give exactly one of amount, tiers and range.",
    )
    tiers: list[Tier] | Key | TierUse | None = Field(
        default=None,
        description="Levels with their own amounts (分别扣…分); or the key of a tier set, or "
        "{use: key, labels: {…}} to word its labels for this situation.",
    )
    range: AmountRange | None = Field(
        default=None,
        description="The ledger states each record's amount within this range (扣1–5分).",
    )
    multiplier: Factor | None = Field(
        default=None, description="Every record's value is multiplied by this (按被扣分值的10倍)."
    )
    per_record_cap: Limit | None = Field(
        default=None, description="The most one record may count (每份最多扣0.5分)."
    )
    max_count: Count | None = Field(
        default=None,
        description="Most occurrences a period can have (1 = once a year); more is an error.",
    )
    modifiers: list[Key] = Field(
        default=[],
        description="Keys of the modifiers a record of this situation may carry.",
    )
    veto: Veto | None = Field(
        default=None, description="一票否决: what a record of this situation sets."
    )
    by_class: dict[Key, PerOccurrenceByClass] = Field(
        default={}, description="Unit class → the numbers that differ for it."
    )


# ------------------------------------------------------------------ figures


class Direction(StrEnum):
    """Which side of a threshold costs (or earns)."""

    BELOW = "below"
    ABOVE = "above"


class Partial(StrEnum):
    """How a part of a step counts (不足1个百分点的…)."""

    FLOOR = "floor"
    CEIL = "ceil"
    EXACT = "exact"


class PerUnitByClass(Frozen):
    """Numbers of a ``per_unit`` situation that differ for one unit class."""

    threshold: Bound | None = None
    step: Step | None = None
    amount: Amount | None = None


class PerUnit(_SituationBase):
    """Points per unit a figure lies below or above a threshold (每低1个百分点扣0.1分)."""

    kind: Literal["per_unit"] = Field(description="Points per step of a figure past a threshold.")
    measure: Key = Field(description="Key of the count, rate or number measure it reads.")
    direction: Direction = Field(
        default=Direction.BELOW,
        description="below (the default): each step under the threshold counts (少1次, "
        "每低1个百分点); above: each step over it (每超1岁, 逾期每天).",
    )
    threshold: Bound = Field(
        description="Where counting starts: the required count, the rate (0.95), the age."
    )
    step: Step = Field(
        default=Decimal(1),
        description="The size of one unit: 1 (a time, a day, a year), 0.01 (one percentage point).",
    )
    amount: Amount = Field(description="Points per whole step.")
    partial: Partial = Field(
        default=Partial.FLOOR,
        description="A part of a step: floor (does not count), ceil (counts as a whole step) or "
        "exact (counts in proportion, rounded by the rulebook's rounding rule).",
    )
    by_class: dict[Key, PerUnitByClass] = Field(default={})


class Cliff(Frozen):
    """One cliff of a ``threshold`` situation: a comparison and what it costs."""

    below: Bound | None = Field(default=None, description="Applies when the figure is below this.")
    at_most: Bound | None = Field(
        default=None, description="Applies when the figure is at most this."
    )
    above: Bound | None = Field(default=None, description="Applies when the figure is above this.")
    at_least: Bound | None = Field(
        default=None, description="Applies when the figure is at least this."
    )
    amount: Amount | Literal["all"] = Field(
        description="Points, or `all`: the whole of the item's points (此项不得分)."
    )


class ThresholdByClass(Frozen):
    """The cliffs of a ``threshold`` situation for one unit class."""

    cliffs: list[Cliff] | None = None


class Threshold(_SituationBase):
    """Cliffs on a figure (低于90%扣2分, 低于60%此项不得分): the first that applies counts."""

    kind: Literal["threshold"] = Field(description="The first cliff the figure falls under counts.")
    measure: Key = Field(description="Key of the count, rate or number measure it reads.")
    cliffs: list[Cliff] = Field(
        min_length=1, description="Cliffs in the order they are tried: most severe first."
    )
    by_class: dict[Key, ThresholdByClass] = Field(default={})


class RankMode(StrEnum):
    """How places are counted for a rank rule."""

    BELOW_PLACE = "below_place"
    INTO_LAST = "into_last"


class TieRule(StrEnum):
    """How a tied rank (并列) is read."""

    AS_GIVEN = "as_given"
    LAST_OF_TIE = "last_of_tie"


class RankByClass(Frozen):
    """Numbers of a ``rank`` situation that differ for one unit class."""

    places: Count | None = None
    amount: Amount | None = None
    score_below: Bound | None = None


class Rank(_SituationBase):
    """Points per place (每低一个位次扣0.1分; 往后每下降一个名次扣0.5分)."""

    kind: Literal["rank"] = Field(description="Points per place from a rank measure.")
    measure: Key = Field(description="Key of the rank measure.")
    mode: RankMode = Field(
        description="below_place: each place below place `places` counts (item 21: below 5th). "
        "into_last: each position into the last `places` counts, the `places`-th from last "
        "counting one step and the last `places` steps (item 17)."
    )
    places: Count = Field(description="The threshold place (below_place) or the tail (into_last).")
    amount: Amount = Field(description="Points per place.")
    score_below: Bound | None = Field(
        default=None, description="Only when the ranking's score is below this (得分低于90分)."
    )
    ties: TieRule = Field(
        default=TieRule.AS_GIVEN,
        description="as_given: a tied rank counts as given; last_of_tie: as the last place it covers.",
    )
    by_class: dict[Key, RankByClass] = Field(default={})


class LadderEnd(StrEnum):
    """Which end of a ranking a ladder counts from."""

    TOP = "top"
    BOTTOM = "bottom"


class LadderByClass(Frozen):
    """The amounts of a ``ladder`` situation for one unit class."""

    amounts: list[Amount] | None = None
    otherwise: Amount | None = None


class Ladder(_SituationBase):
    """Points by place (第1–5名 60/57/54/51/48; 倒数第1–3名 2/1.9/1.8)."""

    kind: Literal["ladder"] = Field(description="Points for the place, from a list.")
    measure: Key = Field(description="Key of the rank measure.")
    counted_from: LadderEnd = Field(
        description="top: amounts are for 1st, 2nd…; bottom: for last, second to last…"
    )
    amounts: list[Amount] = Field(min_length=1, description="Points for each place, in order.")
    otherwise: Amount = Field(
        default=Decimal(0), description="Points for a place past the list (often 0)."
    )
    ties: TieRule = Field(default=TieRule.AS_GIVEN, description="How a tied rank is read.")
    by_class: dict[Key, LadderByClass] = Field(default={})


class Remainder(_SituationBase):
    """A rate applied to what is left of the row's pool (剩余分值折算), e.g. item 16."""

    kind: Literal["remainder"] = Field(
        description="(row points − the other items' deductions) × (1 − rate), rounded by the "
        "rulebook's rounding rule, never more than what is left."
    )
    measure: Key = Field(description="Key of the rate measure, e.g. satisfaction_rate.")


class Todo(_SituationBase):
    """A clause not yet written as a rule (待处理): ``validate`` refuses the rulebook until it is.

    ``mofan-rules draft`` writes one for every clause of a document it could
    not read, with the clause's wording as ``source``: never a guess.
    """

    kind: Literal["todo"] = Field(description="A clause still to be written as a rule.")
    reason: str | None = Field(default=None, description="Why it could not be read.")


Situation = Annotated[
    PerOccurrence | PerUnit | Threshold | Rank | Ladder | Remainder | Todo,
    Field(discriminator="kind"),
]
MeasuredSituation = Annotated[PerUnit | Threshold | Rank | Ladder, Field(discriminator="kind")]
AnySituation = PerOccurrence | PerUnit | Threshold | Rank | Ladder | Remainder | Todo
MEASURED = (PerUnit, Threshold, Rank, Ladder, Remainder)

__all__ = [
    "MEASURED",
    "AmountRange",
    "AnySituation",
    "Cliff",
    "Direction",
    "Ladder",
    "LadderEnd",
    "MeasuredSituation",
    "Partial",
    "PerOccurrence",
    "PerUnit",
    "Rank",
    "RankMode",
    "Remainder",
    "Situation",
    "Threshold",
    "TieRule",
    "TierUse",
    "Todo",
]
