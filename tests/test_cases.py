"""Data-driven scoring cases: tests/cases/scoring/*.yaml (ledger → expected figures)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from mofan_rules import Rulebook, evaluate, load_facts
from mofan_rules.source import parse_document

SCORING = Path(__file__).resolve().parent / "cases" / "scoring"


def _cases() -> list[Any]:
    params = []
    for file in sorted(SCORING.glob("*.yaml")):
        doc = parse_document(file.read_bytes(), str(file))
        params += [pytest.param(case, id=f"{file.stem}: {case['name']}") for case in doc.data]
    return params


def _dec(value: object) -> Decimal:
    assert isinstance(value, int | Decimal), value
    return Decimal(value)


@pytest.mark.parametrize("case", _cases())
def test_case(case: dict[str, Any], rulebook: Rulebook) -> None:
    report = evaluate(rulebook, load_facts(case["facts"], rulebook))
    expect = case["expect"]
    assert report.total == _dec(expect["total"])
    if "deducted" in expect:
        assert report.deducted == _dec(expect["deducted"])
    if "bonus" in expect:
        assert report.bonus.bonus == _dec(expect["bonus"])
    for number, deduction in expect.get("items", {}).items():
        assert report.items[number].deduction == _dec(deduction), f"item {number}"
    rows = {row.number: row for row in report.rows}
    for number, score in expect.get("rows", {}).items():
        assert rows[number].score == _dec(score), f"row {number}"
    # Every record of the ledger is in the trail.
    origins = {line.origin for line in report.trail}
    assert {f"records/{i}" for i in range(len(case["facts"].get("records", [])))} <= origins


def test_every_item_and_the_bonus_has_a_case(rulebook: Rulebook) -> None:
    covered: set[int] = set()
    bonus = False
    for param in _cases():
        case = param.values[0]
        covered |= {r["item"] for r in case["facts"].get("records", [])}
        covered |= set(case["expect"].get("items", {}))
        bonus = bonus or bool(case["facts"].get("awards"))
    assert covered >= {item.number for item in rulebook.items}
    assert bonus
