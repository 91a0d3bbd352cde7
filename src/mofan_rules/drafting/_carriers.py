"""Which rulebook values carry which words of the table.

Every situation, cap and modifier of a rulebook item quotes its words
(``source``); those words stand somewhere in the item's own ``source``. A
number in them is carried by the values of that situation (its amount, its
tiers' amounts, wherever its tier set is, its threshold, places …), matched
by value in the order the words write them. A number outside every quoted
stretch is the item's: its cap or points. So a number the document changes
leads to the YAML value or values that hold it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from mofan_rules._text import DocPath
from mofan_rules.drafting._align import Token, locate
from mofan_rules.drafting._words import Span
from mofan_rules.rulebook import (
    AwardBonus,
    Item,
    Ladder,
    PerOccurrence,
    PerUnit,
    Rank,
    Rulebook,
    Threshold,
    TierUse,
    resolve_tiers,
)
from mofan_rules.rulebook._rules import AnySituation


@dataclass(frozen=True, slots=True)
class Carrier:
    """A value holding a number of the table: its value, path and what it is (situation, tier, field)."""

    value: Decimal
    path: DocPath
    names: tuple[str, ...]


@dataclass
class Field:
    """A quoted stretch of an item's text: a situation's, a cap's or a modifier's ``source``.

    ``span`` is where it stands in the item's source (``None`` when it is not
    quoted word for word there); ``kind`` is ``situation``, ``cap``,
    ``modifier`` or ``item`` (the numbers outside every quote).
    """

    kind: str
    key: str
    text: str
    source_path: DocPath | None
    span: Span | None
    carriers: list[Carrier] = field(default_factory=list)
    index: int = 0  # the situation's, cap's or modifier's index

    def carriers_of(self, numbers: list[Token], token: Token) -> list[Carrier]:
        """The carriers of the number ``token``, one of this field's ``numbers`` in order."""
        used: set[int] = set()
        for number in numbers:
            match = [
                k for k, c in enumerate(self.carriers) if c.value == number.value and k not in used
            ]
            if number is token:
                if match:
                    return [self.carriers[match[0]]]
                return [c for c in self.carriers if c.value == token.value]
            if match:
                used.add(match[0])
        return []


def situation_carriers(rulebook: Rulebook, sit: AnySituation, spath: DocPath) -> list[Carrier]:
    """The values of a situation that hold numbers its words write, in their usual order."""
    out: list[Carrier] = []

    def add(value: Decimal | int | None, path: DocPath, *names: str) -> None:
        if value is not None:
            out.append(Carrier(Decimal(value), path, (sit.key, *names)))

    if isinstance(sit, PerOccurrence):
        add(sit.amount, (*spath, "amount"), "amount")
        if isinstance(sit.tiers, list):
            for k, tier in enumerate(sit.tiers):
                add(tier.amount, (*spath, "tiers", k, "amount"), tier.key)
        elif sit.tiers is not None:
            name = sit.tiers.use if isinstance(sit.tiers, TierUse) else sit.tiers
            for k, tier in enumerate(resolve_tiers(rulebook, sit)):
                add(tier.amount, ("tier_sets", name, k, "amount"), tier.key)
        if sit.range is not None:
            add(sit.range.min, (*spath, "range", "min"), "min")
            add(sit.range.max, (*spath, "range", "max"), "max")
        add(sit.multiplier, (*spath, "multiplier"), "multiplier")
        add(sit.per_record_cap, (*spath, "per_record_cap"), "per_record_cap")
    elif isinstance(sit, PerUnit):
        add(sit.threshold, (*spath, "threshold"), "threshold")
        add(sit.step, (*spath, "step"), "step")
        add(sit.amount, (*spath, "amount"), "amount")
    elif isinstance(sit, Rank):
        add(sit.places, (*spath, "places"), "places")
        add(sit.score_below, (*spath, "score_below"), "score_below")
        add(sit.amount, (*spath, "amount"), "amount")
    elif isinstance(sit, Threshold):
        for k, cliff in enumerate(sit.cliffs):
            for name in ("below", "at_most", "above", "at_least"):
                add(getattr(cliff, name), (*spath, "cliffs", k, name), name)
            if cliff.amount != "all":
                add(cliff.amount, (*spath, "cliffs", k, "amount"), "amount")
    elif isinstance(sit, Ladder):
        for k, amount in enumerate(sit.amounts):
            add(amount, (*spath, "amounts", k), str(k + 1))
    return out


def item_fields(rulebook: Rulebook, item: Item, ipath: DocPath) -> list[Field]:
    """The quoted stretches of an item and the values behind them; the item's own last."""
    text = item.source
    fields: list[Field] = []
    modifiers = {m.key: (k, m) for k, m in enumerate(rulebook.modifiers)}
    for s, sit in enumerate(item.situations):
        spath = (*ipath, "situations", s)
        fields.append(
            Field(
                "situation",
                sit.key,
                sit.source,
                (*spath, "source"),
                locate(text, sit.source),
                situation_carriers(rulebook, sit, spath),
                s,
            )
        )
        for key in getattr(sit, "modifiers", []):
            if key in modifiers:
                k, mod = modifiers[key]
                carrier = Carrier(mod.factor, ("modifiers", k, "factor"), (key,))
                fields.append(
                    Field(
                        "modifier",
                        key,
                        mod.source,
                        ("modifiers", k, "source"),
                        locate(text, mod.source),
                        [carrier],
                        k,
                    )
                )
    for c, cap in enumerate(item.caps):
        cpath = (*ipath, "caps", c)
        carrier = Carrier(cap.limit, (*cpath, "limit"), (cap.key,))
        fields.append(
            Field(
                "cap",
                cap.key,
                cap.source,
                (*cpath, "source"),
                locate(text, cap.source),
                [carrier],
                c,
            )
        )
    own: list[Carrier] = []
    if item.cap is not None:
        own.append(Carrier(item.cap, (*ipath, "cap"), ("cap",)))
    if item.points is not None:
        own.append(Carrier(item.points, (*ipath, "points"), ("points",)))
    # 得分36分以上为好: each edge between two bands is one number of the words,
    # carried by the upper band's `at_least` (the lower band's `below` follows it).
    for g, band in enumerate(item.grades or []):
        if band.at_least is not None:
            own.append(Carrier(band.at_least, (*ipath, "grades", g, "at_least"), (band.key,)))
    fields.append(Field("item", "", text, (*ipath, "source"), Span(0, len(text)), own))
    return fields


def bonus_fields(rulebook: Rulebook, bonus: AwardBonus, bpath: DocPath) -> list[Field]:
    """The stretches of a bonus's words: its modifiers', and the rest (levels' amounts, cap)."""
    fields: list[Field] = []
    modifiers = {m.key: (k, m) for k, m in enumerate(rulebook.modifiers)}
    for key in bonus.modifiers:
        if key in modifiers:
            k, mod = modifiers[key]
            carrier = Carrier(mod.factor, ("modifiers", k, "factor"), (key,))
            fields.append(
                Field(
                    "modifier",
                    key,
                    mod.source,
                    ("modifiers", k, "source"),
                    locate(bonus.source, mod.source),
                    [carrier],
                    k,
                )
            )
    own = [
        Carrier(
            level.amounts[scope.key],
            (*bpath, "levels", li, "amounts", scope.key),
            (level.key, scope.key),
        )
        for li, level in enumerate(bonus.levels)
        for scope in bonus.scopes
        if scope.key in level.amounts
    ]
    own.append(Carrier(bonus.cap, (*bpath, "cap"), ("cap",)))
    fields.append(
        Field("item", bonus.key, bonus.source, (*bpath, "source"), Span(0, len(bonus.source)), own)
    )
    return fields


def owners(fields: list[Field], token: Token) -> list[Field]:
    """The fields a number of the old text stands in: the narrowest ones."""
    holding = [f for f in fields if f.span is not None and f.span.start <= token.start < f.span.end]
    if not holding:
        return []
    narrowest = min(f.span.end - f.span.start for f in holding if f.span is not None)
    return [f for f in holding if f.span is not None and f.span.end - f.span.start == narrowest]


__all__ = ["Carrier", "Field", "bonus_fields", "item_fields", "owners", "situation_carriers"]
