"""Warnings about likely slips: numbers that disagree with their own words.

None of these stops a rulebook from loading; each is a question for the
editor, printed by ``mofan-rules validate``:

- an amount larger than a cap over it, so one occurrence can never count in
  full (raising the 2/1/0.5 tiers to 3 under 每种情形最多扣2分);
- an amount, threshold or cap that appears nowhere among the numbers of its
  own ``source`` text (a value the editor changed without the wording, or a
  typo) unless an interpretation explains it;
- an interpretation whose values changed while its reading was not reviewed
  (its ``checksum`` no longer matches).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from pydantic import BaseModel

from mofan_rules._text import DocPath, canonical, chinese_number
from mofan_rules.messages import say
from mofan_rules.rulebook._hash import values_checksum
from mofan_rules.rulebook._index import resolve_tiers
from mofan_rules.rulebook._model import Item, ScoringRow
from mofan_rules.rulebook._rules import (
    AnySituation,
    Ladder,
    PerOccurrence,
    PerUnit,
    Rank,
    Threshold,
    TierUse,
)
from mofan_rules.rulebook._semantics import Checker, values_at
from mofan_rules.rulebook._table import item_bound

_ARABIC = re.compile(r"(\d+(?:\.\d+)?)\s*([%％‰]?)")
_CHINESE = re.compile(r"[零一二两三四五六七八九十百千]+")


def numbers_in(text: str) -> set[Decimal]:
    """Every number a source text writes: 0.5, 90% (as 90 and 0.9), 五 (5), 减半 (0.5)."""
    found: set[Decimal] = set()
    for match in _ARABIC.finditer(text):
        try:
            value = Decimal(match.group(1))
        except InvalidOperation:  # pragma: no cover - the pattern admits only digits
            continue
        found.add(value)
        if match.group(2) in ("%", "％"):
            found.add(value / 100)
        elif match.group(2) == "‰":
            found.add(value / 1000)
    for match in _CHINESE.finditer(text):
        found.add(Decimal(chinese_number(match.group())))
    if "半" in text:
        found.add(Decimal("0.5"))
    if "倍" in text or "不得分" in text or "不扣分" in text:
        found.add(Decimal(0))
    return {f.normalize() for f in found}


def check(checker: Checker) -> None:
    """All warnings: amounts above caps, numbers not in their source, stale interpretations."""
    for ipath, item, row in checker.items():
        for si, sit in enumerate(item.situations):
            spath: DocPath = (*ipath, "situations", si)
            for path, value in _numbers(checker, sit, spath):
                if not checker.covered(path) and not _in_source(value, sit.source):
                    checker.warn(path, say("number_not_in_source", value=canonical(value)))
            if isinstance(sit, PerOccurrence):
                _amount_above_cap(checker, item, row, sit, spath)
        if (
            item.cap is not None
            and not checker.covered((*ipath, "cap"))
            and not _in_source(item.cap, item.source)
        ):
            checker.warn((*ipath, "cap"), say("number_not_in_source", value=canonical(item.cap)))
        for ci, cap in enumerate(item.caps):
            cpath: DocPath = (*ipath, "caps", ci, "limit")
            if not checker.covered(cpath) and not _in_source(cap.limit, cap.source):
                checker.warn(cpath, say("number_not_in_source", value=canonical(cap.limit)))
    for bi, bonus in enumerate(checker.rb.bonuses):
        bpath: DocPath = ("bonuses", bi, "cap")
        if not checker.covered(bpath) and not _in_source(bonus.cap, bonus.source):
            checker.warn(bpath, say("number_not_in_source", value=canonical(bonus.cap)))
    _stale_interpretations(checker)


def _in_source(value: Decimal, source: str) -> bool:
    return value.normalize() in numbers_in(source) or value == 0


def _numbers(
    checker: Checker, sit: AnySituation, spath: DocPath
) -> Iterator[tuple[DocPath, Decimal]]:
    """The numbers of a situation that its source text should show, with their paths."""
    if isinstance(sit, PerOccurrence):
        if sit.amount is not None:
            yield (*spath, "amount"), sit.amount
        if isinstance(sit.tiers, list):
            for ti, tier in enumerate(sit.tiers):
                yield (*spath, "tiers", ti, "amount"), tier.amount
        elif sit.tiers is not None:
            # Tiers from a set: checked against this situation's words, placed at the set.
            use = sit.tiers.use if isinstance(sit.tiers, TierUse) else sit.tiers
            for ti, tier in enumerate(resolve_tiers(checker.rb, sit)):
                yield ("tier_sets", use, ti, "amount"), tier.amount
        if sit.range is not None:
            yield (*spath, "range", "min"), sit.range.min
            yield (*spath, "range", "max"), sit.range.max
        for name in ("multiplier", "per_record_cap"):
            value = getattr(sit, name)
            if value is not None:
                yield (*spath, name), value
    elif isinstance(sit, PerUnit):
        yield (*spath, "amount"), sit.amount
        yield (*spath, "threshold"), sit.threshold
    elif isinstance(sit, Threshold):
        for ci, cliff in enumerate(sit.cliffs):
            for name in ("below", "at_most", "above", "at_least"):
                bound = getattr(cliff, name)
                if bound is not None:
                    yield (*spath, "cliffs", ci, name), bound
            if cliff.amount != "all":
                yield (*spath, "cliffs", ci, "amount"), cliff.amount
    elif isinstance(sit, Rank):
        yield (*spath, "amount"), sit.amount
        yield (*spath, "places"), Decimal(sit.places)
        if sit.score_below is not None:
            yield (*spath, "score_below"), sit.score_below
    elif isinstance(sit, Ladder):
        for ai, amount in enumerate(sit.amounts):
            yield (*spath, "amounts", ai), amount
    for cls, override in getattr(sit, "by_class", {}).items():
        # A class's own numbers come from the same source text as the situation's.
        yield from _values((*spath, "by_class", cls), dict(override))


def _values(path: DocPath, value: object) -> Iterator[tuple[DocPath, Decimal]]:
    """Every number in a class's override (amounts, bounds, ranges, cliffs), with its path."""
    if isinstance(value, Decimal):
        yield path, value
    elif isinstance(value, int) and not isinstance(value, bool):
        yield path, Decimal(value)
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _values((*path, key), inner)
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _values((*path, i), inner)
    elif isinstance(value, BaseModel):  # a range or a cliff
        yield from _values(path, dict(value))


def _amount_above_cap(
    checker: Checker, item: Item, row: ScoringRow | None, sit: PerOccurrence, spath: DocPath
) -> None:
    """Warn when one occurrence is worth more than a cap over it can ever let through."""
    factor = sit.multiplier if sit.multiplier is not None else Decimal(1)
    bounds: list[tuple[Decimal, str, str | None]] = []  # (limit, what, tier it is for)
    if sit.per_record_cap is not None:
        bounds.append((sit.per_record_cap, "per_record_cap", None))
    for cap in item.caps:
        for target in cap.applies_to:
            sit_key, _, tier_key = target.partition(".")
            if sit_key == sit.key:
                bounds.append((cap.limit, cap.label, tier_key or None))
    bound = item_bound(item)
    if bound is not None:
        bounds.append((bound, "item", None))
    if row is not None:
        bounds.append((row.cap if row.cap is not None else row.points, "row", None))
    amounts: list[tuple[DocPath, str | None, Decimal]] = []
    if sit.amount is not None:
        amounts.append(((*spath, "amount"), None, sit.amount))
    if sit.range is not None:
        amounts.append(((*spath, "range", "max"), None, sit.range.max))
    for cls, override in sit.by_class.items():
        # A class's amount, range or tier amounts meet the same caps (its own
        # multiplier, where it has one, is left to the check below: the base's).
        at: DocPath = (*spath, "by_class", cls)
        if override.amount is not None:
            amounts.append(((*at, "amount"), None, override.amount))
        if override.range is not None:
            amounts.append(((*at, "range", "max"), None, override.range.max))
        for tier_key, amount in (override.tier_amounts or {}).items():
            amounts.append(((*at, "tier_amounts", tier_key), tier_key, amount))
    tiers = resolve_tiers(checker.rb, sit)
    for ti, tier in enumerate(tiers):
        if isinstance(sit.tiers, list):
            path: DocPath = (*spath, "tiers", ti, "amount")
        else:
            use = sit.tiers.use if isinstance(sit.tiers, TierUse) else str(sit.tiers)
            path = ("tier_sets", use, ti, "amount")
        amounts.append((path, tier.key, tier.amount))
    for path, amount_tier, amount in amounts:
        worth = amount * factor
        for limit, what, for_tier in bounds:
            if for_tier is not None and for_tier != amount_tier:
                continue
            if worth > limit:
                checker.warn(
                    path,
                    say(
                        "amount_above_cap",
                        amount=canonical(worth),
                        limit=canonical(limit),
                        cap=say(f"cap_word_{what}") if what in _CAP_WORDS else what,
                        item=item.number,
                    ),
                )
                break


_CAP_WORDS = ("per_record_cap", "item", "row")


def _stale_interpretations(checker: Checker) -> None:
    for i, interp in enumerate(checker.rb.interpretations):
        if interp.checksum is None:
            continue
        values = values_at(checker.raw, interp.values)
        if values is None:
            continue
        now = values_checksum(values)
        if now != interp.checksum:
            checker.warn(
                ("interpretations", i, "checksum"),
                say("interpretation_values_changed", key=interp.key, checksum=now),
            )


__all__ = ["check", "numbers_in"]
