"""Does a ledger fit its rulebook? ``mofan_rules.ledger`` ``fit``, ``fit_ledger`` and ``pin_problem``.

Each mistake a clerk can make in a ledger gives exactly one problem, at the
path of the value at fault (so the loader can place it at its line and
column), with the catalogue code tools match on; labels are accepted where
keys are and come back as keys. ``evaluate`` refuses the same ledgers with
the same problems.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from mofan_rules import Ledger, LedgerError, RulebookMismatchError, evaluate, load_rulebook
from mofan_rules.ledger import fit, fit_ledger, pin_problem
from mofan_rules.rulebook import Rulebook, index_rulebook, parse_rulebook

CASES = Path(__file__).resolve().parent / "cases"
D = Decimal

TEXT = """\
schema_version: 2
id: unit-fit
version: "1"
title: 台账测试
unit: 测试单位
total_points: 20
effective: {start: 2026-01-01, end: 2026-12-31}
rounding: {quantum: 0.01, mode: half_up}
source_document: written for tests/test_unit_fit.py
classes:
  - {key: district, label: 区}
  - {key: zone, label: 开发区}
modifiers:
  - {key: half, label: 减半, source: 减半扣分, factor: 0.5}
tier_sets:
  level:
    - {key: province, label: 省级, amount: 2}
    - {key: city, label: 市级, amount: 1}
measures:
  - {key: rate, label: 完成率, kind: rate}
  - {key: visits, label: 走访次数, kind: count}
indicators:
  - name: 甲
    rows:
      - number: 1
        points: 10
        PEOPLE
        items:
          - number: 1
            source: 1.通报批评分别扣2分、1分（减半扣分）；工作不到位酌情扣1-3分；年度评议每年一次扣1分；开发区差错扣1分；完成率低于90%扣2分。
            situations:
              - {key: criticism, kind: per_occurrence, label: 通报批评, source: 通报批评分别扣2分、1分, tiers: level, modifiers: [half]}
              - {key: shortcoming, kind: per_occurrence, label: 工作不到位, source: 工作不到位酌情扣1-3分, range: {min: 1, max: 3}, by_class: {zone: {range: {min: 1, max: 2}}}}
              - {key: review, kind: per_occurrence, label: 年度评议, source: 年度评议每年一次扣1分, amount: 1, max_count: 1}
              - {key: zone_slip, kind: per_occurrence, label: 开发区差错, source: 开发区差错扣1分, amount: 1, classes: [zone]}
              - {key: low_rate, kind: threshold, label: 完成率低, source: 完成率低于90%扣2分, measure: rate, cliffs: [{below: 0.9, amount: 2}]}
          - number: 2
            source: 2.开发区每次扣1分。
            classes: [zone]
            situations:
              - {key: slip, kind: per_occurrence, label: 差错, source: 开发区每次扣1分, amount: 1}
      - number: 2
        points: 10
        PEOPLE
        items:
          - number: 3
            source: 3.走访少于2次扣1分。
            situations:
              - {key: few_visits, kind: threshold, label: 走访少, source: 走访少于2次扣1分, measure: visits, cliffs: [{below: 2, amount: 1}]}
bonuses:
  - key: honour
    kind: award
    label: 表彰加分
    source: 受到国家级表彰加2分，最多加2分。
    cap: 2
    added_to: total
    scopes: [{key: any, label: 表彰}]
    levels: [{key: national, label: 国家级, amounts: {any: 2}}]
"""


def _rulebook() -> Rulebook:
    keys = ("leaders", "assessing_departments", "responsible_offices")
    text = re.sub(
        r"^( *)PEOPLE$",
        lambda m: "\n".join(f"{m.group(1)}{k}: []" for k in keys),
        TEXT,
        flags=re.MULTILINE,
    )
    return parse_rulebook(text)[0]


RB = _rulebook()
INDEX = index_rulebook(RB)


def ledger(**data: Any) -> Ledger:
    """A ledger of a district unit unless the test says otherwise."""
    data.setdefault("class", "district")
    return Ledger.model_validate(data)


def r1(situation: str, **more: Any) -> dict[str, Any]:
    return {"item": 1, "situation": situation, **more}


PROVINCE = r1("criticism", tier="province")

# (what is wrong, the ledger, the path of the value at fault, the catalogue code)
MISTAKES: list[tuple[str, dict[str, Any], tuple[str | int, ...], str]] = [
    ("unknown item", {"records": [{"item": 9, "situation": "x"}]}, ("records", 0, "item"), "no_such_item"),
    ("unknown situation", {"records": [r1("criticsm", tier="province")]}, ("records", 0, "situation"), "item_has_no_situation"),
    ("unknown tier", {"records": [r1("criticism", tier="county")]}, ("records", 0, "tier"), "tier_unknown"),
    ("a tier missing", {"records": [r1("criticism")]}, ("records", 0, "tier"), "needs_tier"),
    ("a tier not needed", {"records": [r1("review", tier="city")]}, ("records", 0, "tier"), "tier_not_needed"),
    ("unknown class", {"class": "county"}, ("class",), "unknown_class"),
    ("no class", {"class": None}, ("class",), "needs_class"),
    ("amount above the range", {"records": [r1("shortcoming", amount=D(4))]}, ("records", 0, "amount"), "amount_outside_range"),
    ("amount above the class's range", {"class": "zone", "records": [r1("shortcoming", amount=D(3))]}, ("records", 0, "amount"), "amount_outside_range"),
    ("amount missing", {"records": [r1("shortcoming")]}, ("records", 0), "amount_needed"),
    ("amount not allowed", {"records": [r1("review", amount=D(1))]}, ("records", 0, "amount"), "amount_not_allowed"),
    ("count over max_count", {"records": [r1("review", count=2)]}, ("records", 0, "count"), "count_over"),
    ("count over max_count in two records", {"records": [r1("review"), r1("review")]}, ("records", 1, "count"), "count_over"),
    ("situation of another class", {"records": [r1("zone_slip")]}, ("records", 0, "situation"), "situation_not_for_class"),
    ("item of another class", {"records": [{"item": 2, "situation": "slip"}]}, ("records", 0, "item"), "item_not_for_class"),
    ("a measured situation recorded", {"records": [r1("low_rate")]}, ("records", 0, "situation"), "situation_is_measured"),
    ("unknown modifier", {"records": [{**PROVINCE, "modifiers": ["halve"]}]}, ("records", 0, "modifiers", 0), "unknown_modifier"),
    ("modifier not allowed", {"records": [r1("review", modifiers=["half"])]}, ("records", 0, "modifiers", 0), "modifier_not_allowed"),
    ("modifier twice", {"records": [{**PROVINCE, "modifiers": ["half", "half"]}]}, ("records", 0, "modifiers", 1), "modifier_twice"),
    ("unknown figure", {"measures": {"rates": D("0.5")}}, ("measures", "rates"), "unknown_measure"),
    ("rate above 1", {"measures": {"rate": D("1.5")}}, ("measures", "rate"), "rate_range"),
    ("count not whole", {"measures": {"visits": D("1.5")}}, ("measures", "visits"), "count_not_whole"),
    ("a label where only a key goes", {"awards": [{"bonus": "表彰加分", "level": "national", "scope": "any"}]}, ("awards", 0, "bonus"), "unknown_bonus"),
    ("unknown award level", {"awards": [{"level": "city", "scope": "any"}]}, ("awards", 0, "level"), "unknown_award_level"),
    ("period reversed", {"period": {"start": "2026-05-01", "end": "2026-01-01"}}, ("period", "end"), "period_reversed"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("ledger_data", "path", "code"),
    [pytest.param(data, path, code, id=name) for name, data, path, code in MISTAKES],
)
def test_each_mistake_gives_one_located_problem(
    ledger_data: dict[str, Any], path: tuple[str | int, ...], code: str
) -> None:
    _fitted, found = fit(INDEX, ledger(**ledger_data))
    assert [(where, msg.code) for where, msg in found] == [(path, code)]
    msg = found[0][1]
    assert msg.en
    assert msg.zh


@pytest.mark.parametrize(
    ("ledger_data", "path", "code"),
    [pytest.param(data, path, code, id=name) for name, data, path, code in MISTAKES],
)
def test_evaluate_refuses_the_same_ledgers_with_the_same_problem(
    ledger_data: dict[str, Any], path: tuple[str | int, ...], code: str
) -> None:
    with pytest.raises(LedgerError) as caught:
        evaluate(RB, ledger(**ledger_data))
    assert [(p.path, p.code) for p in caught.value.problems] == [(path, code)]


def test_hints_name_the_nearest_key() -> None:
    _fitted, found = fit(INDEX, ledger(records=[r1("criticsm", tier="county")]))
    ((_, msg),) = found
    assert msg.hint == "did you mean 'criticism'?"
    # A mistyped label is matched too; the hint names the key and the label.
    _fitted, found = fit(INDEX, ledger(records=[r1("通报批平", tier="province")]))
    ((_, msg),) = found
    assert msg.hint == "did you mean 'criticism (通报批评)'?"


def test_labels_are_taken_for_keys_and_come_back_as_keys() -> None:
    given = ledger(
        **{"class": "区"},
        records=[r1("通报批评", tier="省级", modifiers=["减半"])],
        measures={"完成率": "85%"},
        awards=[{"level": "国家级", "scope": "表彰"}],
    )
    fitted, found = fit(INDEX, given)
    assert found == []
    assert fitted.unit_class == "district"
    (record,) = fitted.records
    assert (record.situation, record.tier, record.modifiers) == ("criticism", "province", ["half"])
    # why: "85%" is 85 / 100 = 0.85
    assert fitted.measures == {"rate": D("0.85")}
    (award,) = fitted.awards
    assert (award.bonus, award.level, award.scope) == ("honour", "national", "any")


def test_every_problem_at_once() -> None:
    given = ledger(
        **{"class": "county"}, records=[{"item": 9, "situation": "x"}, r1("review", count=2)]
    )
    _fitted, found = fit(INDEX, given)
    # The class is unknown, so the class-free checks of the records still run.
    assert [(path, msg.code) for path, msg in found] == [
        (("class",), "unknown_class"),
        (("records", 0, "item"), "no_such_item"),
        (("records", 1, "count"), "count_over"),
    ]
    with pytest.raises(LedgerError) as caught:
        fit_ledger(INDEX, given)
    problems = caught.value.problems
    assert [(p.file, p.path, p.code) for p in problems] == [
        ("<ledger>", path, msg.code) for path, msg in found
    ]
    assert problems[1].message_zh == "没有第 9 项"


def test_fit_ledger_returns_the_fitted_ledger() -> None:
    fitted = fit_ledger(
        INDEX, ledger(**{"class": "开发区"}, records=[r1("工作不到位", amount=D(2))])
    )
    assert fitted.unit_class == "zone"
    assert fitted.records[0].situation == "shortcoming"
    assert fitted.records[0].amount == 2  # the amount as written, inside 开发区's range 1–2


def test_a_class_given_where_the_rulebook_has_none() -> None:
    rb = load_rulebook(CASES / "patterns" / "bonuses-and-direct.yaml")
    _fitted, found = fit(index_rulebook(rb), Ledger.model_validate({"class": "district"}))
    assert [(path, msg.code) for path, msg in found] == [(("class",), "class_not_used")]


def test_the_pin() -> None:
    assert pin_problem(RB, Ledger()) is None
    assert (
        pin_problem(RB, Ledger.model_validate({"rulebook": {"id": "unit-fit", "version": "1"}}))
        is None
    )
    other = Ledger.model_validate(
        {"rulebook": {"id": "unit-fit", "version": "2"}, "class": "district"}
    )
    found = pin_problem(RB, other)
    assert found is not None
    path, msg = found
    assert (path, msg.code) == (("rulebook",), "pinned_elsewhere")
    assert "unit-fit 2" in msg.en
    assert "unit-fit 1" in msg.en
    with pytest.raises(RulebookMismatchError) as caught:
        evaluate(RB, other)
    assert caught.value.problems[0].path == ("rulebook",)
