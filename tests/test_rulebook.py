"""The shipped rulebook against READING.md: every row, cap and amount, and the source text."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from mofan_rules import Rulebook
from mofan_rules.rulebook import Direction, PerOccurrence, PerUnit, Rank, Remainder, resolve_tiers

SOURCE = (
    Path(__file__).resolve().parent.parent / "docs" / "source" / "task-breakdown-table.txt"
).read_text("utf-8")
D = Decimal

# READING.md's table of rows: number → (items, points, leaders, assessed by, offices).
ROWS = {
    1: ([1, 2], 10, ["金桂兰"], ["市委办", "市政府办"], ["办公室"]),
    2: ([3], 10, ["罗姿"], ["市委组织部"], ["组织部"]),
    3: ([4], 8, ["唐莹"], ["市委宣传部"], ["宣传部"]),
    4: ([5], 7, ["罗姿"], ["市委宣传部"], ["组织部"]),
    5: ([6, 7, 8, 9], 15, ["罗姿"], ["市委组织部", "市直机关工委"], ["组织部", "机关党支部"]),
    6: ([10], 5, ["金桂兰"], ["市委办"], ["办公室"]),
    7: ([11, 12, 13, 14, 15, 16], 18, ["罗姿"], ["市纪委", "市监委"], ["组织部"]),
    8: ([17], 2, ["金桂兰"], ["市委政法委"], ["权益部", "办公室"]),
    9: (
        [18, 19, 20, 21],
        25,
        ["金桂兰", "唐莹", "罗姿"],
        ["市委办", "市政府办"],
        ["所有部室（中心）"],
    ),
}
INDICATORS = {
    1: "带头做到“两个维护”",
    2: "带头做到“两个维护”",
    3: "带头强化理论武装",
    4: "带头强化理论武装",
    5: "带头抓基层打基础",
    6: "带头联系服务群众",
    7: "带头联系服务群众",
    8: "带头联系服务群众",
    9: "带头担当履职尽责",
}
ITEM_CAPS = {
    1: 5,
    2: 5,
    3: 10,
    4: 8,
    5: 7,
    6: 4,
    7: 4,
    8: 4,
    9: 3,
    10: 5,
    11: 5,
    12: 5,
    13: 2,
    14: 3,
    15: 3,
    16: None,
    17: 2,
    18: 10,
    19: 5,
    20: 5,
    21: 5,
}
CRITICISM = {"central": "2", "provincial": "1", "city": "0.5"}
# READING.md's table of items: (item, situation) → amount, or tier → amount.
AMOUNTS: dict[tuple[int, str], str | dict[str, str]] = {
    (1, "criticism"): CRITICISM,
    (2, "task_not_done"): "1",
    (2, "criticism"): CRITICISM,
    (3, "poor_quality"): "0.5",
    (3, "criticism"): CRITICISM,
    (4, "half_yearly_analysis"): "0.5",
    (4, "not_listed"): "0.5",
    (4, "annual_report_not_sent"): "0.5",
    (4, "position_control"): {"interview": "1", "notice": "2", "accountability": "3"},
    (5, "monthly_study"): "1",
    (5, "no_feedback"): "0.5",
    (5, "criticism"): CRITICISM,
    (6, "missing_element"): "1",
    (6, "notified"): "1",
    (7, "task_not_done"): "0.5",
    (7, "platform_deduction"): "0.5",
    (7, "notified"): "1",
    (8, "missing_link"): "0.5",
    (8, "branch_below_standard"): "1",
    (9, "member_problem"): {"exposed": "0.5", "notified": "1", "disciplined": "2"},
    (9, "no_volunteer_service"): "0.1",
    (10, "task_not_done"): "1",
    (10, "poor_quality"): "0.5",
    (10, "criticism"): CRITICISM,
    (11, "hedonism_case"): {"interview": "0.5", "notice": "1", "accountability": "2"},
    (12, "cadre_case"): {
        "exempted": "0.5",
        "light_sanction": "1",
        "heavy_sanction": "2",
        "judicial": "3",
    },
    (12, "accountability_case"): {"national": "3", "provincial": "2", "city": "1"},
    (13, "talks_not_held"): "0.5",
    (14, "decision_not_enforced"): "0.5",
    (14, "risk_review_not_done"): "0.5",
    (15, "no_reform_after_case"): "0.5",
    (15, "no_culture_activity"): "0.5",
    (17, "poll_rank"): "0.1",
    (17, "incident"): {
        "public_order": "0.1",
        "criminal": "0.2",
        "major_criminal": "0.5",
        "other_major": "1",
    },
    (18, "task_not_completed"): "1",
    (19, "not_completed"): "2",
    (19, "low_quality"): "1",
    (20, "not_diligent"): "1",
    (20, "unlawful"): "2",
    (20, "inaction_or_misconduct"): "3",
    (21, "supervisor_indicator"): "0.5",
    (21, "business_indicator"): "0.5",
}


def test_metadata(rulebook: Rulebook) -> None:
    assert rulebook.title == "市妇联创建“模范机关”规定动作任务分解表"
    assert rulebook.title in SOURCE
    assert rulebook.total_points == 100
    assert rulebook.rounding.quantum == D("0.01")
    assert rulebook.rounding.mode.value == "half_up"


def test_rows(rulebook: Rulebook) -> None:
    assert [r.number for r in rulebook.rows] == list(ROWS)
    indicator_of = {row.number: ind.name for ind in rulebook.indicators for row in ind.rows}
    for row in rulebook.rows:
        items, points, leaders, depts, offices = ROWS[row.number]
        assert [i.number for i in row.items] == items
        assert row.points == points
        assert (row.leaders, row.assessing_departments, row.responsible_offices) == (
            leaders,
            depts,
            offices,
        )
        assert indicator_of[row.number] == INDICATORS[row.number]
    assert sum(r.points for r in rulebook.rows) == 100


def test_item_caps_and_source_text(rulebook: Rulebook) -> None:
    for item in rulebook.items:
        cap = ITEM_CAPS[item.number]
        assert item.cap == (None if cap is None else D(cap))
        assert item.source.startswith(f"{item.number}.")
        assert item.source in SOURCE, f"item {item.number}'s source is not verbatim"
        for sit in item.situations:
            assert sit.source in item.source, (
                f"item {item.number} {sit.key}: wording not in the item's text"
            )


def test_amounts(rulebook: Rulebook) -> None:
    seen: dict[tuple[int, str], str | dict[str, str]] = {}
    for item in rulebook.items:
        for sit in item.situations:
            if isinstance(sit, Remainder):
                continue
            if isinstance(sit, PerOccurrence) and sit.tiers:
                seen[(item.number, sit.key)] = {
                    t.key: str(t.amount) for t in resolve_tiers(rulebook, sit)
                }
            else:
                assert isinstance(sit, PerOccurrence | PerUnit | Rank), (item.number, sit.key)
                seen[(item.number, sit.key)] = str(sit.amount)
    assert seen == AMOUNTS


def test_tier_caps_only_where_written(rulebook: Rulebook) -> None:
    for item in rulebook.items:
        tier_caps = {t for c in item.caps for t in c.applies_to if "." in t}
        if item.number in (1, 2, 3):
            assert tier_caps == {"criticism.central", "criticism.provincial", "criticism.city"}
            assert all(c.limit == 2 for c in item.caps)
        else:
            assert not tier_caps


def test_rules_with_parameters(rulebook: Rulebook) -> None:
    sits = {(i.number, s.key): s for i in rulebook.items for s in i.situations}
    half = sits[(4, "half_yearly_analysis")]
    monthly = sits[(5, "monthly_study")]
    # 每半年开展1次 is two a year, 每月 twelve (both interpretations of the rulebook).
    assert isinstance(half, PerUnit)
    assert (half.direction, half.threshold, half.step) == (Direction.BELOW, D(2), D(1))
    assert isinstance(monthly, PerUnit)
    assert (monthly.direction, monthly.threshold, monthly.step) == (Direction.BELOW, D(12), D(1))
    poll = sits[(17, "poll_rank")]
    assert isinstance(poll, Rank)
    assert (poll.mode.value, poll.places, poll.score_below, poll.ties.value) == (
        "into_last",
        10,
        D(90),
        "as_given",
    )
    item17 = rulebook.items[16]
    assert item17.number == 17
    assert [(c.applies_to, c.limit) for c in item17.caps] == [(["poll_rank"], D(1))]
    for key in ("supervisor_indicator", "business_indicator"):
        rank = sits[(21, key)]
        assert isinstance(rank, Rank)
        assert (rank.mode.value, rank.places) == ("below_place", 5)
    assert isinstance(sits[(16, "satisfaction")], Remainder)
    once = {k for k, s in sits.items() if isinstance(s, PerOccurrence) and s.max_count == 1}
    assert once == {
        (4, "annual_report_not_sent"),
        (14, "risk_review_not_done"),
        (15, "no_culture_activity"),
    }
    assert sits[(4, "not_listed")].max_count == 4  # type: ignore[union-attr]


def test_modifiers_and_bonus(rulebook: Rulebook) -> None:
    factors = {m.key: m.factor for m in rulebook.modifiers}
    assert factors == {
        "non_city_managed": D("0.5"),
        "self_reported": D(0),
        "general_office": D("0.5"),
    }
    cadre = next(s for s in rulebook.items[11].situations if s.key == "cadre_case")
    assert set(cadre.modifiers) == {"non_city_managed", "self_reported"}  # type: ignore[union-attr]
    assert len(rulebook.bonuses) == 1
    bonus = rulebook.bonuses[0]
    assert bonus.kind == "award"
    assert bonus.cap == 2
    assert bonus.added_to.value == "total"
    assert {lv.key: {k: str(v) for k, v in lv.amounts.items()} for lv in bonus.levels} == {
        "central": {"comprehensive": "2", "single": "1"},
        "provincial": {"comprehensive": "1", "single": "0.5"},
    }
    assert bonus.modifiers == ["general_office"]
    assert bonus.source in SOURCE


@pytest.mark.parametrize("number", range(1, 13))
def test_every_reading_is_an_interpretation(rulebook: Rulebook, number: int) -> None:
    # READING.md lists ten ambiguities; format 2 adds two readings its checks asked
    # for (2 and 12 are not printed in the source): each names its values and
    # carries the checksum of their reviewed state.
    assert len(rulebook.interpretations) == 12
    interp = rulebook.interpretations[number - 1]
    assert interp.values, f"interpretation {interp.key} names no value"
    assert interp.checksum is not None


def test_items_have_short_titles_from_their_text(rulebook: Rulebook) -> None:
    for item in rulebook.items:
        assert item.title in item.source
        assert len(item.title) <= 30


def test_criticism_tiers_are_written_once(rulebook: Rulebook) -> None:
    uses = [
        (item.number, sit.key)
        for item in rulebook.items
        for sit in item.situations
        if isinstance(sit, PerOccurrence)
        and sit.tiers is not None
        and not isinstance(sit.tiers, list)
    ]
    assert uses == [
        (1, "criticism"),
        (2, "criticism"),
        (3, "criticism"),
        (5, "criticism"),
        (10, "criticism"),
    ]
    assert [str(t.amount) for t in rulebook.tier_sets["criticism"]] == ["2", "1", "0.5"]
