"""What the grammar read, written as rulebook data: items, situations, caps, modifiers, measures.

Keys are made up where the document has none (ASCII, stable in table order:
``clause_1``, ``tier_1``, ``item12_half``); labels and sources are the
document's words. Where the draft had to choose (a required count worked
out from 每月, where a bonus is added) it writes an interpretation naming the
value, in the words of the message catalogue, so the editor reviews it; a
clause it could not read becomes ``kind: todo`` with the clause's wording.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from mofan_rules.drafting._bonus import BonusReading
from mofan_rules.drafting._clauses import ItemReading, Reading
from mofan_rules.messages import say
from mofan_rules.rulebook._titles import item_title


@dataclass
class Context:
    """Keys already used across the rulebook, and what the draft chose or could not read."""

    lang: str = "en"
    modifier_keys: set[str] = field(default_factory=set)
    measure_keys: set[str] = field(default_factory=set)
    modifiers: list[dict[str, Any]] = field(default_factory=list)
    measures: list[dict[str, Any]] = field(default_factory=list)
    # (situation data, interpretation data without its pointer) to place once paths are known
    choices: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)

    def words(self, code: str, **params: Any) -> str:
        """A catalogue text in the draft's language."""
        return say(code, **params).text(self.lang)

    def unique(self, used: set[str], base: str) -> str:
        """``base``, or ``base_2``, ``base_3``… if taken; recorded as used."""
        return _fresh(used, base)


def _tiers(reading: Reading, ctx: Context) -> list[dict[str, Any]]:
    return [
        {
            "key": f"tier_{n}",
            "label": tier.label or ctx.words("draft_tier_label", n=n, amount=tier.amount),
            "amount": tier.amount,
        }
        for n, tier in enumerate(reading.tiers, start=1)
    ]


def situation_data(reading: Reading, key: str, number: int, ctx: Context) -> dict[str, Any]:
    """One situation as rulebook data (its modifiers and measures recorded in ``ctx``)."""
    data: dict[str, Any] = {
        "key": key,
        "kind": reading.kind,
        "label": reading.label or key,
        "source": reading.source,
    }
    if reading.kind == "todo":
        data["reason"] = ctx.words(reading.reason or "draft_todo_unread")
        return data
    if reading.kind == "per_occurrence":
        if reading.tiers:
            data["tiers"] = _tiers(reading, ctx)
        else:
            data["amount"] = reading.amount
        names = []
        for mod in reading.modifiers:
            name = ctx.unique(
                ctx.modifier_keys, f"item{number}_{'half' if mod.factor else 'exempt'}"
            )
            ctx.modifiers.append(
                {"key": name, "label": mod.label, "source": mod.source, "factor": mod.factor}
            )
            names.append(name)
        if names:
            data["modifiers"] = names
        return data
    kind = "count" if reading.kind == "per_unit" else "rank"
    measure = ctx.unique(ctx.measure_keys, f"item{number}_{kind}")
    ctx.measures.append({"key": measure, "label": reading.label, "kind": kind})
    data["measure"] = measure
    if reading.kind == "per_unit":
        data.update(direction="below", threshold=reading.threshold)
        if reading.step is not None and reading.step != 1:
            data["step"] = reading.step
        data["amount"] = reading.amount
        ctx.choices.append(
            (
                data,
                {
                    "key": f"draft_item{number}_{key}",
                    "title": ctx.words("draft_choice_count_title", item=number),
                    "source": reading.source,
                    "reading": ctx.words(
                        "draft_choice_count", words=reading.frequency or "", count=reading.threshold
                    ),
                },
            )
        )
        return data
    data.update(mode=reading.mode, places=reading.places, amount=reading.amount)
    if reading.score_below is not None:
        data["score_below"] = reading.score_below
    return data


def _caps(reading: Reading, key: str, data: dict[str, Any], used: set[str]) -> list[dict[str, Any]]:
    caps: list[dict[str, Any]] = []
    for cap in reading.caps:
        if cap.per_tier and data.get("tiers"):
            for tier in data["tiers"]:
                name = _fresh(used, f"{key}_{tier['key']}_cap")
                caps.append(
                    {
                        "key": name,
                        "label": f"{cap.source}（{tier['label']}）",
                        "source": cap.source,
                        "applies_to": [f"{key}.{tier['key']}"],
                        "limit": cap.limit,
                    }
                )
        else:
            name = _fresh(used, f"{key}_cap")
            caps.append(
                {
                    "key": name,
                    "label": cap.source,
                    "source": cap.source,
                    "applies_to": [key],
                    "limit": cap.limit,
                }
            )
    return caps


def _fresh(used: set[str], base: str) -> str:
    key, n = base, 1
    while key in used:
        n += 1
        key = f"{base}_{n}"
    used.add(key)
    return key


def situations_data(
    readings: list[Reading], number: int, ctx: Context, used: set[str] | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Situations and their caps, keyed ``clause_1``… past the keys in ``used``."""
    keys = used if used is not None else set()
    situations: list[dict[str, Any]] = []
    caps: list[dict[str, Any]] = []
    cap_keys: set[str] = set()
    for reading in readings:
        key = _fresh(keys, f"clause_{len(keys) + 1}")
        data = situation_data(reading, key, number, ctx)
        situations.append(data)
        caps += _caps(reading, key, data, cap_keys)
    return situations, caps


def item_data(number: int, text: str, reading: ItemReading, ctx: Context) -> dict[str, Any]:
    """An item as rulebook data: number, title, cap, source, situations, caps."""
    data: dict[str, Any] = {"number": number, "title": item_title(text)}
    if reading.cap is not None:
        data["cap"] = reading.cap
    data["source"] = text
    situations, caps = situations_data(reading.situations, number, ctx)
    if not situations:
        situations = [
            {
                "key": "clause_1",
                "kind": "todo",
                "label": item_title(text),
                "source": text,
                "reason": ctx.words("draft_todo_no_clause"),
            }
        ]
    data["situations"] = situations
    if caps:
        data["caps"] = caps
    return data


def bonus_data(
    text: str, row: int, reading: BonusReading, ctx: Context, index: int
) -> dict[str, Any]:
    """A read bonus paragraph as an award bonus (its halving modifier recorded in ``ctx``)."""
    scopes = {label: f"scope_{n}" for n, label in enumerate(reading.scopes, start=1)}
    names = []
    for source, label in reading.halves:
        name = ctx.unique(ctx.modifier_keys, f"bonus{index}_half")
        ctx.modifiers.append(
            {"key": name, "label": label, "source": source, "factor": Decimal("0.5")}
        )
        names.append(name)
    data: dict[str, Any] = {
        "key": f"bonus_{index}",
        "kind": "award",
        "label": ctx.words("draft_bonus_label"),
        "source": text,
        "cap": reading.cap,
        "added_to": "total",
        "row": row,
        "scopes": [{"key": key, "label": label} for label, key in scopes.items()],
        "levels": [
            {
                "key": f"level_{n}",
                "label": level.label,
                "amounts": {scopes[s]: amount for s, amount in level.amounts.items()},
            }
            for n, level in enumerate(reading.levels, start=1)
        ],
    }
    if names:
        data["modifiers"] = names
    return data


def bonus_choice(index: int, text: str, ctx: Context) -> dict[str, Any]:
    """The interpretation naming where the draft adds a bonus (it is the editor's choice)."""
    return {
        "key": f"draft_bonus_{index}_added_to",
        "title": ctx.words("draft_choice_bonus_title"),
        "source": text,
        "reading": ctx.words("draft_choice_bonus"),
        "values": [f"/bonuses/{index - 1}/added_to"],
    }


def todo_item(number: int, text: str, ctx: Context) -> dict[str, Any]:
    """A paragraph the draft could not read, as an item holding one TODO."""
    return {
        "number": number,
        "title": item_title(text),
        "source": text,
        "situations": [
            {
                "key": "clause_1",
                "kind": "todo",
                "label": item_title(text),
                "source": text,
                "reason": ctx.words("draft_todo_bonus"),
            }
        ],
    }


__all__ = [
    "Context",
    "bonus_choice",
    "bonus_data",
    "item_data",
    "situation_data",
    "situations_data",
    "todo_item",
]
