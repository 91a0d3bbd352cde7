"""Big rulebooks for measuring how work grows with size (tests/test_plan_bounds.py, benchmarks/).

:func:`scaled_rulebook` writes the shipped rulebook ``copies`` times over in
one table (rows and items renumbered, indicator keys and interpretation
keys made unique, interpretation pointers moved to their copy, full marks
multiplied), and declares ``classes`` unit classes. Everything the checks
and the plan look at grows by the same factor: items, situations, tiers,
caps, numbers, interpretation pointers. Ten copies is the largest the
format allows (full marks at most 1000; the shipped table has 100).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from mofan_rules.source import parse_document

from .mutate import to_json

SHIPPED = Path(__file__).resolve().parents[2] / "rulebooks" / "shifulian-2026.yaml"


@cache
def _shipped() -> Any:
    return parse_document(SHIPPED.read_bytes(), SHIPPED.name).data


def scaled_data(copies: int = 1, classes: int = 0) -> dict[str, Any]:
    """The shipped rulebook's data, its table written ``copies`` times, with ``classes`` classes."""
    base = _shipped()
    data: dict[str, Any] = copy.deepcopy(base)
    per_copy = len(base["indicators"])
    indicators: list[Any] = []
    row_number = item_number = 0
    for k in range(copies):
        for indicator in copy.deepcopy(base["indicators"]):
            for row in indicator["rows"]:
                row_number += 1
                row["number"] = row_number
                for item in row["items"]:
                    item_number += 1
                    item["number"] = item_number
            if indicator.get("key"):
                indicator["key"] = f"{indicator['key']}_{k}"
            indicators.append(indicator)
    data["indicators"] = indicators
    data["total_points"] = base["total_points"] * copies
    for item in (data.get("direct_deductions") or {}).get("items", []):
        item_number += 1
        item["number"] = item_number
    readings: list[Any] = []
    for k in range(copies):
        for reading in copy.deepcopy(base.get("interpretations", [])):
            values = reading["values"]
            if k and not all(v.startswith("/indicators/") for v in values):
                continue  # a reading of the whole rulebook is there once
            reading["key"] = f"{reading['key']}_{k}" if k else reading["key"]
            reading["values"] = [_moved(v, k * per_copy) for v in values]
            readings.append(reading)
    data["interpretations"] = readings
    if classes:
        data["classes"] = [{"key": f"class_{c}", "label": f"类别{c}"} for c in range(classes)]
    return data


def _moved(pointer: str, by: int) -> str:
    return re.sub(r"^/indicators/(\d+)", lambda m: f"/indicators/{int(m.group(1)) + by}", pointer)


def scaled_rulebook(copies: int = 1, classes: int = 0) -> str:
    """:func:`scaled_data` as rulebook text (JSON, which the loader reads as YAML)."""
    return to_json(scaled_data(copies, classes))


@dataclass(frozen=True, slots=True)
class Size:
    """What a rulebook holds, in the units its work is bounded by."""

    rows: int
    items: int
    situations: int
    tiers: int  # tier entries over all situations (a tier set counted where used)
    caps: int  # cap targets (applies_to entries)
    classes: int  # 1 when the rulebook has none
    pointers: int  # interpretation pointers

    @property
    def parts(self) -> int:
        """Rows, items, situations, tiers and caps together: the table's size."""
        return self.rows + self.items + self.situations + self.tiers + self.caps


def size_of(rulebook: Any) -> Size:
    """The size of a loaded rulebook."""
    from mofan_rules.rulebook import PerOccurrence, resolve_tiers

    items = rulebook.items
    situations = [s for item in items for s in item.situations]
    tiers = sum(len(resolve_tiers(rulebook, s)) for s in situations if isinstance(s, PerOccurrence))
    caps = sum(len(cap.applies_to) for item in items for cap in item.caps)
    return Size(
        rows=len(rulebook.rows),
        items=len(items),
        situations=len(situations),
        tiers=tiers,
        caps=caps,
        classes=max(1, len(rulebook.classes)),
        pointers=sum(len(i.values) for i in rulebook.interpretations),
    )


__all__ = ["Size", "scaled_data", "scaled_rulebook", "size_of"]
