"""Generated ledgers of realistic size for the benchmarks, from a fixed seed.

Built from any rulebook (every per-occurrence situation, tier, range and
modifier can appear; every figure, class and award rule too), so every item
is reachable. Each ledger is plain data, the form a ledger file is read into.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from mofan_rules.rulebook import (
    AwardBonus,
    Ladder,
    LadderEnd,
    MeasureKind,
    PerOccurrence,
    PerUnit,
    Rank,
    RankMode,
    Rulebook,
    index_rulebook,
    resolve_tiers,
)


def generate(
    rulebook: Rulebook, count: int, *, seed: int = 2026, scale: int = 1
) -> list[dict[str, Any]]:
    """``count`` ledgers of about 10–20 records each (× ``scale``), reproducible from ``seed``."""
    rnd = random.Random(seed)
    index = index_rulebook(rulebook)
    classes = [c.key for c in rulebook.classes] or [None]
    awards_rules = [b for b in rulebook.bonuses if isinstance(b, AwardBonus)]
    ledgers = []
    for _ in range(count):
        unit_class = rnd.choice(classes)
        situations = [
            (number, entry.situation)
            for (number, _), entry in index.situations.items()
            if isinstance(entry.situation, PerOccurrence)
            and entry.applies_to(unit_class)
            and (not index.items[number].classes or unit_class in index.items[number].classes)
        ]
        used: dict[tuple[int, str], int] = {}
        records = []
        for _ in range(rnd.randint(10, 20) * scale if situations else 0):
            number, sit = rnd.choice(situations)
            room = (sit.max_count or 10**6) - used.get((number, sit.key), 0)
            if room <= 0:
                continue
            n = min(room, rnd.choice((1, 1, 1, 2, 3)))
            used[(number, sit.key)] = used.get((number, sit.key), 0) + n
            record: dict[str, Any] = {"item": number, "situation": sit.key, "count": n}
            tiers = resolve_tiers(rulebook, sit)
            if tiers:
                record["tier"] = rnd.choice(tiers).key
            override = sit.by_class.get(unit_class) if unit_class else None
            span = (
                override.range if override is not None and override.range is not None else sit.range
            )
            if span is not None:
                record["amount"] = span.min
            if sit.modifiers and rnd.random() < 0.4:
                record["modifiers"] = [rnd.choice(sit.modifiers)]
            records.append(record)
        measures: dict[str, Any] = {}
        for measure in rulebook.measures:
            uses = index.measure_uses.get(measure.key, ())
            if unit_class is not None and uses and not any(u.applies_to(unit_class) for u in uses):
                continue
            if rnd.random() < 0.7 or rulebook.missing_figures.value == "error":
                measures[measure.key] = _measure(
                    rnd, measure.kind, [u.situation for u in uses], measure.maximum
                )
        awards = []
        for _ in range(rnd.choice((0, 0, 1, 2)) if awards_rules else 0):
            bonus = rnd.choice(awards_rules)
            level = rnd.choice(bonus.levels)
            award: dict[str, Any] = {"level": level.key, "scope": rnd.choice(list(level.amounts))}
            if len(awards_rules) > 1:
                award["bonus"] = bonus.key
            if bonus.modifiers and rnd.random() < 0.3:
                award["modifiers"] = [rnd.choice(bonus.modifiers)]
            awards.append(award)
        ledger: dict[str, Any] = {
            "unit": f"单位{len(ledgers) + 1:05d}",
            "records": records,
            "measures": measures,
            "awards": awards,
        }
        if unit_class is not None:
            ledger["class"] = unit_class
        ledgers.append(ledger)
    return ledgers


def _measure(rnd: random.Random, kind: MeasureKind, rules: list[Any], top: Decimal | None) -> Any:
    if kind is MeasureKind.RATE:
        return Decimal(rnd.randint(60, 100)) / 100
    if kind in (MeasureKind.COUNT, MeasureKind.NUMBER):
        required = max((int(r.threshold) for r in rules if isinstance(r, PerUnit)), default=2)
        value = rnd.randint(max(0, required - 3), required + 3)
        return min(value, int(top)) if top is not None else value
    of = rnd.randint(20, 130)
    rank = rnd.randint(1, of)
    value_: dict[str, Any] = {"rank": rank, "of": of}
    if any(isinstance(r, Rank) and r.score_below is not None for r in rules):
        value_["score"] = Decimal(rnd.randint(700, 990)) / 10
    if rnd.random() < 0.1 and rank < of:
        value_["tied"] = 2
    needs_of = any(
        (isinstance(r, Rank) and r.mode is RankMode.INTO_LAST)
        or (isinstance(r, Ladder) and r.counted_from is LadderEnd.BOTTOM)
        for r in rules
    )
    if not needs_of and rnd.random() < 0.5:
        value_.pop("of")
    return value_
