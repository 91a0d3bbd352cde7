"""Generated ledgers of realistic size for the benchmarks, from a fixed seed.

Built from the rulebook (every per-occurrence situation, tier and modifier can
appear; every measure and the bonus too), so every item is reachable. Each
ledger is plain data, the form a ledger file is read into.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from mofan_rules.model import MeasureKind, PerOccurrence, Rank, RankMode, Rulebook, Shortfall


def generate(
    rulebook: Rulebook, count: int, *, seed: int = 2026, scale: int = 1
) -> list[dict[str, Any]]:
    """``count`` ledgers of about 10–20 records each (× ``scale``), reproducible from ``seed``."""
    rnd = random.Random(seed)
    situations = [
        (item.number, sit)
        for item in rulebook.items
        for sit in item.situations
        if isinstance(sit, PerOccurrence)
    ]
    rules: dict[str, list[Any]] = {}
    for item in rulebook.items:
        for sit in item.situations:
            if hasattr(sit, "measure"):
                rules.setdefault(sit.measure, []).append(sit)
    ledgers = []
    for _ in range(count):
        used: dict[tuple[int, str], int] = {}
        records = []
        for _ in range(rnd.randint(10, 20) * scale):
            number, sit = rnd.choice(situations)
            room = (sit.max_count or 10**6) - used.get((number, sit.key), 0)
            if room <= 0:
                continue
            n = min(room, rnd.choice((1, 1, 1, 2, 3)))
            used[(number, sit.key)] = used.get((number, sit.key), 0) + n
            record: dict[str, Any] = {"item": number, "situation": sit.key, "count": n}
            if sit.tiers:
                record["tier"] = rnd.choice(sit.tiers).key
            if sit.modifiers and rnd.random() < 0.4:
                record["modifiers"] = [rnd.choice(sit.modifiers)]
            records.append(record)
        measures: dict[str, Any] = {}
        for measure in rulebook.measures:
            if rnd.random() < 0.7:
                measures[measure.key] = _measure(rnd, measure.kind, rules.get(measure.key, []))
        awards = []
        if rulebook.bonus is not None:
            for _ in range(rnd.choice((0, 0, 1, 2))):
                level = rnd.choice(rulebook.bonus.levels)
                award: dict[str, Any] = {
                    "level": level.key,
                    "scope": rnd.choice(list(level.amounts)),
                }
                if rulebook.bonus.modifiers and rnd.random() < 0.3:
                    award["modifiers"] = [rnd.choice(rulebook.bonus.modifiers)]
                awards.append(award)
        ledgers.append(
            {
                "unit": f"单位{len(ledgers) + 1:05d}",
                "records": records,
                "measures": measures,
                "awards": awards,
            }
        )
    return ledgers


def _measure(rnd: random.Random, kind: MeasureKind, rules: list[Any]) -> Any:
    if kind is MeasureKind.RATE:
        return Decimal(rnd.randint(60, 100)) / 100
    if kind is MeasureKind.COUNT:
        required = max((r.required for r in rules if isinstance(r, Shortfall)), default=2)
        return rnd.randint(max(0, required - 3), required)
    of = rnd.randint(20, 130)
    rank = rnd.randint(1, of)
    value: dict[str, Any] = {"rank": rank, "of": of}
    if any(isinstance(r, Rank) and r.score_below is not None for r in rules):
        value["score"] = Decimal(rnd.randint(700, 990)) / 10
    if rnd.random() < 0.1 and rank < of:
        value["tied"] = 2
    if (
        not any(isinstance(r, Rank) and r.mode is RankMode.INTO_LAST for r in rules)
        and rnd.random() < 0.5
    ):
        value.pop("of")
    return value
