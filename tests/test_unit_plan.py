"""The compiled plan: ``scoring.compile_plan`` and ``scoring.plan_for``, read directly.

A plan is the rulebook resolved once into lookups: one record rule per
(item, situation, tier) with its amount, cap and veto; the measured rules in
order; the caps as shared objects; one class plan per unit class. These tests
read the plans of ``cases/minimal_v2.yaml``, of the bonus pattern and of a
tiny inline rulebook, and check the memo of plans.
"""

from __future__ import annotations

import dataclasses
import gc
import re
import textwrap
import weakref
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from mofan_rules import Rulebook, load_rulebook
from mofan_rules.rulebook import (
    BonusTarget,
    Remainder,
    Threshold,
    content_hash,
    parse_rulebook,
    scoring_hash,
)
from mofan_rules.scoring import Plan, compile_plan, plan_for
from mofan_rules.scoring import _compile as compile_module
from mofan_rules.scoring._plan import Quantize

CASES = Path(__file__).resolve().parent / "cases"
D = Decimal


@pytest.fixture(scope="module")
def minimal() -> Rulebook:
    return load_rulebook(CASES / "minimal_v2.yaml")


@pytest.fixture(scope="module")
def bonuses() -> Rulebook:
    return load_rulebook(CASES / "patterns" / "bonuses-and-direct.yaml")


INLINE = """\
schema_version: 2
id: unit-plan
version: "1"
title: 计划测试
unit: 测试单位
total_points: 20
effective: {start: 2026-01-01, end: 2026-12-31}
rounding: {quantum: 0.01, mode: half_up}
source_document: written for tests/test_unit_plan.py
classes:
  - {key: district, label: 区}
  - {key: zone, label: 开发区}
tier_sets:
  level:
    - {key: big, label: 大, amount: 2}
    - {key: small, label: 小, amount: 1}
measures:
  - {key: sat, label: 满意率, kind: rate}
indicators:
  - name: 甲
    rows:
      - number: 1
        points: 10
        PEOPLE
        items:
          - number: 1
            source: 1.通报分别扣2分、1分（开发区大通报扣1.5分），大通报最多扣3分；差错每次扣1分，最多扣2分；迟报扣0.5分。此项最多扣6分。
            cap: 6
            situations:
              - {key: report, kind: per_occurrence, label: 通报, source: 通报分别扣2分、1分, tiers: level, by_class: {zone: {tier_amounts: {big: 1.5}}}}
              - {key: slip, kind: per_occurrence, label: 差错, source: 差错每次扣1分, amount: 1}
              - {key: late, kind: per_occurrence, label: 迟报, source: 迟报扣0.5分, amount: 0.5, classes: [zone]}
            caps:
              - {key: big_cap, label: 大通报最多扣3分, source: 大通报最多扣3分, applies_to: [report.big], limit: 3}
              - {key: slip_cap, label: 差错最多扣2分, source: 差错最多扣2分, applies_to: [slip], limit: 2}
          - number: 2
            source: 2.每次扣1分。此项5分，最低得2分。
            points: 5
            floor: 2
            situations:
              - {key: slip, kind: per_occurrence, label: 差错, source: 每次扣1分, amount: 1}
          - number: 3
            source: 3.剩余分值按满意率折算。
            situations:
              - {key: satisfaction, kind: remainder, label: 满意度, source: 剩余分值按满意率折算, measure: sat}
      - number: 2
        points: 10
        PEOPLE
        items:
          - number: 4
            source: 4.每完成一项得2分，此项5分。
            basis: earn
            points: 5
            classes: [zone]
            situations:
              - {key: done, kind: per_occurrence, label: 完成, source: 每完成一项得2分, amount: 2}
          - number: 5
            source: 5.每次扣1分。
            situations:
              - {key: slip, kind: per_occurrence, label: 差错, source: 每次扣1分, amount: 1}
"""


def _inline() -> Rulebook:
    keys = ("leaders", "assessing_departments", "responsible_offices")
    text = re.sub(
        r"^( *)PEOPLE$",
        lambda m: "\n".join(f"{m.group(1)}{k}: []" for k in keys),
        INLINE,
        flags=re.MULTILINE,
    )
    return parse_rulebook(textwrap.dedent(text))[0]


@pytest.fixture(scope="module")
def inline() -> Rulebook:
    return _inline()


# ------------------------------------------------------------------ minimal_v2
# The numbers below are the rulebooks' own, copied from their YAML; the ones a
# plan works out (bounds, full marks, what `all` means) carry a `# why:`.


def test_minimal_records_resolve_tiers_ranges_and_vetoes(minimal: Rulebook) -> None:
    plan = compile_plan(minimal)
    assert set(plan.classes) == {"district", "zone"}
    district = plan.classes["district"]
    # Item 1: two tiers of the tier set `criticism`, a range, and a veto-only situation.
    assert set(district.records) == {
        (1, "criticism", "province"),
        (1, "criticism", "city"),
        (1, "shortcoming", None),
        (1, "major_case", None),
    }
    province = district.records[(1, "criticism", "province")]
    city = district.records[(1, "criticism", "city")]
    # why: the tier set gives 省级 2 and 市级 1; the label is the situation's with the tier's
    assert (province.amount, city.amount) == (D(2), D(1))
    assert province.label == "通报批评（省级）"
    shortcoming = district.records[(1, "shortcoming", None)]
    assert (shortcoming.amount, shortcoming.range) == (None, (D(1), D(3)))
    veto_only = district.records[(1, "major_case", None)]
    assert veto_only.amount == 0  # `amount: 0` with a veto: it counts nothing
    assert veto_only.veto is not None
    assert veto_only.veto.grade == "poor"
    # Every rule of item 1 points at the same item plan, with its cap of 10.
    assert {id(r.item) for r in district.records.values()} == {id(plan.items[1])}
    assert plan.items[1].cap == 10


def test_minimal_by_class_narrows_a_range_for_one_class(minimal: Rulebook) -> None:
    plan = compile_plan(minimal)
    # why: by_class gives zone a range of 1–2 instead of 1–3
    assert plan.classes["zone"].records[(1, "shortcoming", None)].range == (D(1), D(2))
    assert plan.classes["district"].records[(1, "shortcoming", None)].range == (D(1), D(3))


def test_minimal_measured_rules(minimal: Rulebook) -> None:
    cp = compile_plan(minimal).classes["district"]
    (rule,) = cp.measured
    assert isinstance(rule.situation, Threshold)
    assert (rule.item and rule.item.number, rule.measure, rule.position) == (2, "rate", 0)
    assert rule.all_points == 5  # why: item 2 has no points; `all` is its cap, 5
    assert cp.measures_used == ("rate",)
    assert cp.remainders == {}
    assert cp.bonus_measured == ()


def test_minimal_table_weights_and_rounding(minimal: Rulebook) -> None:
    plan = compile_plan(minimal)
    assert [(r.number, r.indicator, r.points, r.bound) for r in plan.rows] == [
        (1, 0, D(10), D(10)),
        (2, 1, D(5), D(5)),
    ]
    assert [(i.name, i.points, i.weight) for i in plan.indicators] == [
        ("党建", D(10), D("0.5")),
        ("业务", D(5), D("0.5")),
    ]
    assert plan.weights_on == "indicator"
    assert plan.indicator_work  # a weight on an indicator: indicators are summed while scoring
    # why: no bonus adds to the total: full marks are the rulebook's 7.5
    assert (plan.total_points, plan.max_total) == (D("7.5"), D("7.5"))
    assert plan.rounding == Quantize(D("0.01"), ROUND_HALF_UP)
    assert plan.score_rounding is None
    assert [g.key for g in plan.grades or ()] == ["excellent", "pass", "poor"]
    assert (plan.direct, plan.direct_cap, plan.bonuses, plan.floor) == ((), None, (), None)
    assert plan.row_by_number == {1: plan.rows[0], 2: plan.rows[1]}
    assert plan.content_hash == content_hash(minimal)
    assert plan.scoring_hash == scoring_hash(minimal)


# ------------------------------------------------------------------ the bonus pattern


def test_pattern_bonuses_and_direct(bonuses: Rulebook) -> None:
    plan = compile_plan(bonuses)
    assert list(plan.classes) == [None]  # no classes: one plan for every unit
    cp = plan.classes[None]
    assert set(cp.records) == {
        (1, "not_done", None),
        (2, "not_done", None),
        (3, "criticised", None),
    }
    direct = cp.records[(3, "criticised", None)]
    assert (direct.amount, direct.item.row) == (D(10), None)  # a direct deduction has no row
    assert [i.number for i in plan.direct] == [3]
    assert (plan.direct_cap, plan.floor) == (D(20), D(60))
    by_key = {b.key: b for b in plan.bonuses}
    assert list(by_key) == ["commendation", "innovation", "row_bonus"]
    commendation = by_key["commendation"]
    assert commendation.awards == {
        ("national", "any"): D(3),
        ("provincial", "any"): D(2),
        ("city", "any"): D(1),
    }
    assert (commendation.target, commendation.one_per_deed) == (BonusTarget.TOTAL, True)
    assert commendation.modifiers == {"general_office"}
    assert by_key["innovation"].awards is None  # measured: its lines come from figures
    assert (by_key["innovation"].target, by_key["innovation"].indicator) == (
        BonusTarget.INDICATOR,
        "party",
    )
    assert (by_key["row_bonus"].target, by_key["row_bonus"].row) == (BonusTarget.ROW, 2)
    assert [b.key for b in plan.award_bonuses] == ["commendation", "row_bonus"]
    assert plan.factors == {"general_office": D("0.5")}
    (rule,) = cp.bonus_measured
    assert (rule.bonus, rule.item, rule.measure) == ("innovation", None, "innovation_rank")
    assert cp.measured == ()
    # why: only the commendation (cap 3) adds to the total: 100 + 3 = 103
    assert plan.max_total == 103
    # No cap or weight on an indicator, but a bonus added to one: indicators are summed.
    assert plan.indicator_work
    assert plan.weights_on is None


# ------------------------------------------------------------------ an inline rulebook


def test_classes_pick_their_items_and_situations(inline: Rulebook) -> None:
    plan = compile_plan(inline)
    common = {(1, "report", "big"), (1, "report", "small"), (1, "slip", None)}
    common |= {(2, "slip", None), (5, "slip", None)}
    assert set(plan.classes["district"].records) == common
    # Item 4 and the situation `late` are for zones only.
    assert set(plan.classes["zone"].records) == common | {(1, "late", None), (4, "done", None)}
    assert plan.classes["district"].earn_items == ()
    # Item 4 earns, is for zones only, and stands in row 2.
    assert [(i.number, i.row) for i in plan.classes["zone"].earn_items] == [(4, 2)]
    assert plan.items[4].applies_to("zone")
    assert not plan.items[4].applies_to("district")


def test_tier_amounts_by_class(inline: Rulebook) -> None:
    plan = compile_plan(inline)
    # why: the tier set says 2 for big; by_class gives zones 1.5 (small keeps 1 for both)
    assert plan.classes["district"].records[(1, "report", "big")].amount == 2
    assert plan.classes["zone"].records[(1, "report", "big")].amount == D("1.5")
    assert plan.classes["zone"].records[(1, "report", "small")].amount == 1


def test_caps_are_resolved_into_each_rule_and_shared(inline: Rulebook) -> None:
    plan = compile_plan(inline)
    big_cap, slip_cap = plan.items[1].caps
    assert (big_cap.key, big_cap.limit, slip_cap.key, slip_cap.limit) == (
        "big_cap",
        D(3),
        "slip_cap",
        D(2),
    )
    for cp in plan.classes.values():
        # `report.big` names one tier: the other tier is not under the cap.
        assert cp.records[(1, "report", "big")].cap is big_cap
        assert cp.records[(1, "report", "small")].cap is None
        # `slip` names a whole situation.
        assert cp.records[(1, "slip", None)].cap is slip_cap
        assert cp.records[(2, "slip", None)].cap is None  # another item's slip


def test_item_bounds(inline: Rulebook) -> None:
    items = compile_plan(inline).items
    # why: item 1 may lose its cap, 6
    assert items[1].bound == 6
    # why: item 2 has 5 points and keeps at least 2: it may lose 5 − 2 = 3
    assert items[2].bound == 3
    # why: item 4 earns: what it may earn is its 5 points
    assert (items[4].earns, items[4].bound) == (True, D(5))
    # Neither points nor a cap: only the row bounds it.
    assert items[3].bound is None
    assert items[5].bound is None
    assert [items[n].row for n in (1, 2, 3, 4, 5)] == [1, 1, 1, 2, 2]


def test_a_remainder_rule_is_kept_by_row(inline: Rulebook) -> None:
    cp = compile_plan(inline).classes["district"]
    rule = cp.remainders[1]
    assert isinstance(rule.situation, Remainder)
    assert (rule.item and rule.item.number, rule.measure) == (3, "sat")
    assert rule.all_points is None  # why: no points, no cap, and three items share the row
    assert cp.measured == ()  # the remainder is worked out last, by its row
    assert cp.measures_used == ("sat",)


# ------------------------------------------------------------------ plan_for, memo and immutability


def test_plan_for_compiles_once_per_rulebook_object(inline: Rulebook) -> None:
    plan = plan_for(inline)
    assert plan_for(inline) is plan
    assert plan_for(plan) is plan  # a plan is its own plan
    again = compile_plan(inline)
    assert again is not plan
    assert again == plan  # plans are equal when their rulebooks mean the same
    assert hash(again) == hash(plan)


def test_a_rulebook_read_twice_has_its_own_plan_of_the_same_meaning() -> None:
    first, second = _inline(), _inline()
    assert first is not second
    assert plan_for(first) is not plan_for(second)
    assert plan_for(first) == plan_for(second)
    changed = second.model_copy(update={"total_points": D(21)})
    assert plan_for(changed) != plan_for(second)
    assert plan_for(changed).total_points == 21


def test_the_memo_is_bounded_and_never_keeps_more_than_its_size_alive() -> None:
    first = _inline()
    plan_for(first)
    ref = weakref.ref(first)
    del first
    # why: MEMO_SIZE more rulebooks push the first one's plan (and so the
    # rulebook it holds) out of the memo.
    for _ in range(compile_module.MEMO_SIZE):
        plan_for(_inline())
    gc.collect()
    assert ref() is None
    assert len(compile_module._PLANS) == compile_module.MEMO_SIZE


def test_the_memo_finds_a_rulebook_by_identity_only() -> None:
    rb = _inline()
    plan = plan_for(rb)
    assert compile_module._PLANS[id(rb)] is plan
    assert plan_for(rb) is plan
    assert plan_for(rb.model_copy()) is not plan  # another object: its own plan


@pytest.mark.parametrize(
    "part",
    [
        lambda plan: plan,
        lambda plan: plan.items[1],
        lambda plan: plan.rows[0],
        lambda plan: plan.indicators[0],
        lambda plan: plan.classes["zone"],
        lambda plan: plan.classes["zone"].records[(1, "report", "big")],
        lambda plan: plan.items[1].caps[0],
        lambda plan: plan.classes["zone"].remainders[1],
        lambda plan: plan.rounding,
    ],
)
def test_a_plan_cannot_be_changed(inline: Rulebook, part: object) -> None:
    target = part(plan_for(inline))  # type: ignore[operator]
    field = dataclasses.fields(target)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(target, field, None)


def test_plan_is_exported_from_the_scoring_front() -> None:
    assert Plan is type(compile_plan(_inline()))
