"""The numbers, level by level: ``scoring._levels``, ``scoring._tally`` and ``scoring._figures``.

Each test scores a tiny rulebook written inline (through the public
:func:`mofan_rules.evaluate`) or calls a pure function of ``_figures`` /
``_tally`` directly, and every expected number carries its arithmetic in a
``# why:`` comment. The rulebooks are small on purpose: one concern each, so
a figure can be worked out by hand from the YAML above it.
"""

from __future__ import annotations

import re
import textwrap
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

import pytest

from mofan_rules import Ledger, Rulebook, evaluate
from mofan_rules.ledger import RankValue
from mofan_rules.rulebook import (
    BonusTarget,
    Ladder,
    PerUnit,
    Rank,
    Threshold,
    parse_rulebook,
)
from mofan_rules.scoring import ScoreReport
from mofan_rules.scoring import _figures as figures
from mofan_rules.scoring._plan import BonusPlan, Quantize
from mofan_rules.scoring._tally import Line, limit, total

D = Decimal
CENT = Quantize(D("0.01"), ROUND_HALF_UP)

HEAD = """\
schema_version: 2
id: unit-tally
version: "1"
title: 单元测试
unit: 测试单位
effective: {start: 2026-01-01, end: 2026-12-31}
rounding: {quantum: 0.01, mode: half_up}
source_document: written for tests/test_unit_tally.py
"""


def _people(text: str) -> str:
    """Every line ``PEOPLE`` becomes the three (empty) lists of who answers for a row."""
    keys = ("leaders", "assessing_departments", "responsible_offices")
    return re.sub(
        r"^( *)PEOPLE$",
        lambda m: "\n".join(f"{m.group(1)}{k}: []" for k in keys),
        text,
        flags=re.MULTILINE,
    )


def rulebook(body: str) -> Rulebook:
    """A rulebook from the shared head and ``body`` (checked like any file)."""
    rb, _warnings = parse_rulebook(HEAD + _people(textwrap.dedent(body)))
    return rb


def score(rb: Rulebook, **ledger: Any) -> ScoreReport:
    return evaluate(rb, Ledger.model_validate(ledger))


def rec(item: int, situation: str, **more: Any) -> dict[str, Any]:
    return {"item": item, "situation": situation, **more}


def cuts(report: ScoreReport, item: int) -> list[tuple[str, str, Decimal, Decimal]]:
    return [(c.scope, c.key, c.before, c.cut) for c in report.items[item].cuts]


def shares(report: ScoreReport) -> list[tuple[str, Decimal, tuple[str, ...]]]:
    return [(t.origin, t.share, t.cut_by) for t in report.trail]


# ------------------------------------------------------------------ caps at every level

# Full marks 23 = rows 8 + 5 + 10. Indicator 甲 may lose 8 at most; the whole
# table 12; the direct deductions 5.
LEVELS = rulebook("""
    total_points: 23
    deduction_cap: 12
    modifiers:
      - {key: half, label: 减半, source: 减半扣分, factor: 0.5}
    indicators:
      - key: a
        name: 甲
        cap: 8
        rows:
          - number: 1
            points: 8
            PEOPLE
            items:
              - number: 1
                source: 1.差错每次扣1分，每次最多扣1.5分；通报分别扣2分、0.5分，通报最多扣2.5分。此项最多扣4分。
                cap: 4
                situations:
                  - {key: slip, kind: per_occurrence, label: 差错, source: 差错每次扣1分, amount: 1, per_record_cap: 1.5, modifiers: [half]}
                  - key: report
                    kind: per_occurrence
                    label: 通报
                    source: 通报分别扣2分、0.5分
                    tiers:
                      - {key: big, label: 大, amount: 2}
                      - {key: small, label: 小, amount: 0.5}
                caps:
                  - {key: report_cap, label: 通报最多扣2.5分, source: 通报最多扣2.5分, applies_to: [report], limit: 2.5}
              - number: 2
                source: 2.每次扣3分。此项6分。
                points: 6
                situations:
                  - {key: slip, kind: per_occurrence, label: 差错, source: 每次扣3分, amount: 3}
          - number: 2
            points: 5
            cap: 3
            PEOPLE
            items:
              - number: 3
                source: 3.每次扣1分，最多扣3分。
                situations:
                  - {key: slip, kind: per_occurrence, label: 差错, source: 每次扣1分, amount: 1}
      - key: b
        name: 乙
        rows:
          - number: 3
            points: 10
            PEOPLE
            items:
              - number: 4
                source: 4.每次扣2分。
                situations:
                  - {key: slip, kind: per_occurrence, label: 差错, source: 每次扣2分, amount: 2}
    direct_deductions:
      title: 直接扣分
      cap: 5
      items:
        - number: 5
          source: 5.每次直接扣2分，最多扣5分。
          situations:
            - {key: slip, kind: per_occurrence, label: 差错, source: 每次直接扣2分, amount: 2}
""")


def test_a_record_cap_cuts_one_record() -> None:
    report = score(LEVELS, records=[rec(1, "slip", count=2)])
    # why: 1 × 2 = 2 before caps; per_record_cap 1.5 keeps 1.5, cutting 0.5
    assert shares(report) == [("/records/0", D("1.5"), ("per_record_cap",))]
    assert cuts(report, 1) == [("record", "per_record_cap", D(2), D("0.5"))]
    # why: 23 − 1.5 = 21.5
    assert report.total == D("21.5")


def test_a_modifier_multiplies_the_amount() -> None:
    report = score(LEVELS, records=[rec(1, "slip", modifiers=["half"])])
    line = report.trail[0]
    # why: 1 (amount) × 1 (count) × 0.5 (half) = 0.5
    assert (line.factor, line.value, line.share) == (D("0.5"), D("0.5"), D("0.5"))
    assert report.items[1].deduction == D("0.5")


def test_a_tier_cap_binds_inside_the_item() -> None:
    report = score(LEVELS, records=[rec(1, "report", tier="big", count=2)])
    # why: tier big 2 × 2 = 4; report_cap lets 2.5 through, cutting 4 − 2.5 = 1.5
    assert cuts(report, 1) == [("cap", "report_cap", D(4), D("1.5"))]
    assert report.items[1].cuts[0].label == "通报最多扣2.5分"  # the rulebook's own words
    assert report.items[1].deduction == D("2.5")


def test_the_item_cap_cuts_the_latest_lines() -> None:
    records = [rec(1, "slip"), rec(1, "slip"), rec(1, "slip"), rec(1, "report", tier="big")]
    report = score(LEVELS, records=records)
    # why: 1 + 1 + 1 + 2 = 5 > cap 4: the earlier lines keep their 1 each, the last keeps 4 − 3 = 1
    assert shares(report) == [
        ("/records/0", D(1), ()),
        ("/records/1", D(1), ()),
        ("/records/2", D(1), ()),
        ("/records/3", D(1), ("item_1",)),
    ]
    # why: 5 before, cut 5 − 4 = 1
    assert cuts(report, 1) == [("item", "item_1", D(5), D(1))]


def test_the_rows_points_cut_across_its_items_in_item_order() -> None:
    records = [rec(2, "slip", count=2), rec(1, "slip"), rec(1, "slip"), rec(1, "slip")]
    report = score(LEVELS, records=records)
    row = report.rows[0]
    # why: item 2 loses 3 × 2 = 6 (its points), item 1 loses 1 + 1 + 1 = 3; 6 + 3 = 9 > row points 8
    assert (row.raw, row.deducted, row.score) == (D(9), D(8), D(0))
    # why: item 1 comes first and keeps 3; item 2 keeps 8 − 3 = 5, cut 6 − 5 = 1
    assert report.items[1].deduction == 3
    assert cuts(report, 2) == [("row", "row_1", D(6), D(1))]
    assert report.items[2].deduction == 5


def test_a_row_cap_below_the_rows_points() -> None:
    report = score(LEVELS, records=[rec(3, "slip", count=4)])
    row = report.rows[1]
    # why: 1 × 4 = 4 > the row's cap 3 (its points are 5): cut 1
    assert (row.raw, row.deducted, row.score) == (D(4), D(3), D(2))
    assert cuts(report, 3) == [("row", "row_2", D(4), D(1))]


def test_an_indicator_cap_cuts_across_its_rows() -> None:
    records = [rec(1, "slip"), rec(1, "slip"), rec(1, "slip"), rec(3, "slip", count=3)]
    records.append(rec(2, "slip"))
    report = score(LEVELS, records=records)
    # why: row 1: item 1 loses 3, item 2 loses 3 → 6; row 2: item 3 loses 3 → 9 > 甲's cap 8
    # why: cut in table order: items 1 and 2 keep 3 each, item 3 keeps 8 − 6 = 2
    assert [report.items[n].deduction for n in (1, 2, 3)] == [D(3), D(3), D(2)]
    assert cuts(report, 3) == [("indicator", "indicator_1", D(3), D(1))]
    assert report.indicators[0].deducted == 8
    # why: 23 − 8 = 15
    assert report.total == 15


def test_the_cap_on_the_whole_deduction() -> None:
    records = [rec(4, "slip", count=5), rec(1, "slip"), rec(1, "slip"), rec(1, "slip")]
    report = score(LEVELS, records=records)
    # why: item 1 loses 3 (row 1) and item 4 loses 2 × 5 = 10 (row 3): 13 > deduction_cap 12
    # why: cut in table order: item 1 keeps 3, item 4 keeps 12 − 3 = 9
    assert report.items[1].deduction == 3
    assert cuts(report, 4) == [("whole", "deduction_cap", D(10), D(1))]
    assert report.deducted == 12
    # why: 23 − 12 = 11
    assert report.total == 11


def test_the_cap_on_the_direct_deductions() -> None:
    report = score(LEVELS, records=[rec(5, "slip", count=3)])
    item = report.items[5]
    # why: 2 × 3 = 6 > the section's cap 5: cut 1
    assert (item.row, item.raw, item.deduction) == (None, D(6), D(5))
    assert cuts(report, 5) == [("direct", "direct_cap", D(6), D(1))]
    # why: direct deductions come off the total: 23 − 5 = 18; no row lost anything
    assert report.total == 18
    assert all(r.deducted == 0 for r in report.rows)


# ------------------------------------------------------------------ floors, rounding, weights

WEIGHTED = rulebook("""
    total_points: 10
    score_rounding: {quantum: 0.1, mode: half_up}
    floor: 4
    indicators:
      - key: a
        name: 甲
        weight: 0.6
        rows:
          - number: 1
            points: 10
            PEOPLE
            items:
              - number: 1
                source: 1.每次扣0.25分。
                situations:
                  - {key: slip, kind: per_occurrence, label: 差错, source: 每次扣0.25分, amount: 0.25}
      - key: b
        name: 乙
        weight: 0.4
        rows:
          - number: 2
            points: 10
            PEOPLE
            items:
              - number: 2
                source: 2.每次扣0.25分。
                situations:
                  - {key: slip, kind: per_occurrence, label: 差错, source: 每次扣0.25分, amount: 0.25}
""")


def test_indicator_weights_then_the_score_rounding() -> None:
    report = score(WEIGHTED, records=[rec(1, "slip"), rec(2, "slip")])
    # why: each indicator scores 10 − 0.25 = 9.75
    assert [i.score for i in report.indicators] == [D("9.75"), D("9.75")]
    # why: 9.75 × 0.6 = 5.85 and 9.75 × 0.4 = 3.9
    assert [i.weighted for i in report.indicators] == [D("5.85"), D("3.9")]
    # why: 5.85 + 3.9 = 9.75, rounded half up to 0.1: 9.8
    assert report.total == D("9.8")


def test_an_untouched_indicator_keeps_its_points_in_the_report() -> None:
    report = score(WEIGHTED, records=[rec(1, "slip")])
    # why: 0.6 × (10 − 0.25) + 0.4 × 10 = 5.85 + 4 = 9.85, rounded half up to 0.1: 9.9
    assert report.total == D("9.9")
    # why: 乙 lost nothing: it scores its 10 points, weighted 10 × 0.4 = 4
    assert (report.indicators[1].score, report.indicators[1].weighted) == (D(10), D(4))


def test_the_floor_on_the_total() -> None:
    report = score(WEIGHTED, records=[rec(1, "slip", count=40), rec(2, "slip", count=8)])
    # why: 甲 loses 0.25 × 40 = 10 (all its points), 乙 loses 0.25 × 8 = 2
    assert report.deducted == 12
    # why: 0.6 × 0 + 0.4 × 8 = 3.2 < floor 4: the total is 4
    assert report.total == 4


ROW_WEIGHTS = rulebook("""
    total_points: 10
    indicators:
      - name: 甲
        rows:
          - number: 1
            points: 10
            weight: 0.5
            PEOPLE
            items:
              - number: 1
                source: 1.每次扣1分。
                situations:
                  - {key: slip, kind: per_occurrence, label: 差错, source: 每次扣1分, amount: 1}
          - number: 2
            points: 10
            weight: 0.5
            PEOPLE
            items:
              - number: 2
                source: 2.每次扣1分。此项5分，最低得2分。
                points: 5
                floor: 2
                situations:
                  - {key: slip, kind: per_occurrence, label: 差错, source: 每次扣1分, amount: 1}
""")


def test_row_weights() -> None:
    report = score(ROW_WEIGHTS, records=[rec(1, "slip", count=3)])
    # why: row 1 scores 10 − 1 × 3 = 7, row 2 keeps 10; 0.5 × 7 + 0.5 × 10 = 8.5
    assert [r.score for r in report.rows] == [D(7), D(10)]
    assert report.total == D("8.5")


def test_an_items_floor_bounds_what_it_loses() -> None:
    report = score(ROW_WEIGHTS, records=[rec(2, "slip", count=4)])
    # why: 1 × 4 = 4, but the item (5 points, at least 2 kept) loses 5 − 2 = 3 at most: cut 1
    assert cuts(report, 2) == [("floor", "item_2", D(4), D(1))]
    assert report.items[2].deduction == 3
    assert report.items[2].cuts[0].label == "此项最低得2分"
    # why: 0.5 × 10 + 0.5 × (10 − 3) = 8.5
    assert report.total == D("8.5")


# ------------------------------------------------------------------ bonuses

BONUSES = rulebook("""
    total_points: 20
    modifiers:
      - {key: office, label: 办公厅名义, source: 以办公厅名义的减半, factor: 0.5}
    measures:
      - {key: poll, label: 测评排名, kind: rank}
    indicators:
      - key: a
        name: 甲
        rows:
          - number: 1
            points: 10
            PEOPLE
            items:
              - number: 1
                source: 1.每次扣2分。
                situations:
                  - {key: slip, kind: per_occurrence, label: 差错, source: 每次扣2分, amount: 2}
      - key: b
        name: 乙
        rows:
          - number: 2
            points: 10
            PEOPLE
            items:
              - number: 2
                source: 2.每次扣2分。
                situations:
                  - {key: slip, kind: per_occurrence, label: 差错, source: 每次扣2分, amount: 2}
    bonuses:
      - key: honour
        kind: award
        label: 表彰加分
        source: 国家级加2分、市级加1分，以办公厅名义的减半，同一事项按最高计，最多加3分。
        cap: 3
        added_to: total
        one_per_deed: true
        scopes: [{key: any, label: 表彰}]
        levels:
          - {key: national, label: 国家级, amounts: {any: 2}}
          - {key: city, label: 市级, amounts: {any: 1}}
        modifiers: [office]
      - key: fix
        kind: award
        label: 单项表彰
        source: 单项表彰每次加1.5分，加到本栏，最多加5分。
        cap: 5
        added_to: row
        row: 1
        scopes: [{key: single, label: 单项}]
        levels: [{key: any, label: 单项表彰, amounts: {single: 1.5}}]
      - key: top
        kind: measured
        label: 排名加分
        source: 第1名加1分、第2名加0.5分，加到乙，最多加1分。
        cap: 1
        added_to: indicator
        indicator: b
        situations:
          - {key: place, kind: ladder, label: 排名, source: 第1名加1分、第2名加0.5分, measure: poll, counted_from: top, amounts: [1, 0.5]}
""")


def _honour(level: str, **more: Any) -> dict[str, Any]:
    return {"bonus": "honour", "level": level, "scope": "any", **more}


def test_a_modifier_on_an_award() -> None:
    report = score(BONUSES, awards=[_honour("national", modifiers=["office"])])
    line = report.trail[0]
    # why: national 2 × office 0.5 = 1
    assert (line.amount, line.factor, line.value) == (D(2), D("0.5"), D(1))
    assert report.bonus == 1
    # why: 20 + 1 = 21; the rule adds to the total, so full marks become 20 + its cap 3 = 23
    assert report.total == 21
    assert report.max_total == 23


def test_one_award_per_deed_keeps_the_highest() -> None:
    awards = [_honour("city", deed="x"), _honour("national", deed="x")]
    report = score(BONUSES, awards=awards)
    # why: city 1 and national 2 name the same deed: only the national 2 counts
    assert shares(report) == [
        ("/awards/0", D(0), ("one_per_deed",)),
        ("/awards/1", D(2), ()),
    ]
    honour = report.bonuses[0]
    # why: raw 1 + 2 = 3, of which 2 counts
    assert (honour.raw, honour.bonus) == (D(3), D(2))


def test_a_bonus_cap() -> None:
    report = score(BONUSES, awards=[_honour("national")] * 3)
    # why: 2 + 2 + 2 = 6 > cap 3: the first keeps 2, the second 1, the third 0
    assert [t.share for t in report.trail] == [D(2), D(1), D(0)]
    assert report.bonuses[0].raw == 6
    # why: 20 + 3 = 23
    assert report.total == 23


def test_a_bonus_added_to_a_row_gives_back_only_what_the_row_lost() -> None:
    fix = {"bonus": "fix", "level": "any", "scope": "single"}
    report = score(BONUSES, records=[rec(1, "slip")], awards=[fix, fix])
    bonus = next(b for b in report.bonuses if b.key == "fix")
    # why: 1.5 × 2 = 3 raw; row 1 lost 2, so min(cap 5, 2) = 2 is all it may add
    assert (bonus.raw, bonus.cap, bonus.bonus, bonus.target) == (D(3), D(2), D(2), "1")
    # why: 10 − 2 + 2 = 10
    assert report.rows[0].score == 10
    assert report.total == 20


@pytest.mark.parametrize(
    ("place", "lost", "added"),
    [
        (1, 0, D(0)),  # why: first place gives 1, but 乙 lost nothing: min(1, 0) = 0
        (1, 1, D(1)),  # why: first place gives 1; 乙 lost 2 ≥ 1: 1 added
        (2, 1, D("0.5")),  # why: second place gives 0.5 (the ladder's second amount)
    ],
)
def test_a_bonus_added_to_an_indicator(place: int, lost: int, added: Decimal) -> None:
    records = [rec(2, "slip")] * lost
    report = score(BONUSES, records=records, measures={"poll": {"rank": place}})
    assert report.bonuses[2].bonus == added
    assert report.bonuses[2].added_to == BonusTarget.INDICATOR.value
    # why: 20 − 2 × (records) + what the bonus added
    assert report.total == 20 - 2 * lost + added
    if lost:
        assert report.indicators[1].score == 10 - 2 * lost + added


# ------------------------------------------------------------------ figures through the engine

FIGURES = rulebook("""
    total_points: 50
    measures:
      - {key: rate, label: 完成率, kind: rate}
      - {key: visits, label: 走访次数, kind: count}
      - {key: poll, label: 测评排名, kind: rank}
      - {key: sat, label: 满意率, kind: rate}
    indicators:
      - name: 甲
        rows:
          - number: 1
            points: 10
            PEOPLE
            items:
              - number: 1
                source: 1.完成率低于95%的，每低1个百分点扣0.5分，不足1个百分点的按比例扣分。此项最多扣10分。
                cap: 10
                situations:
                  - {key: low_rate, kind: per_unit, label: 完成率低, source: 每低1个百分点扣0.5分, measure: rate, threshold: 0.95, step: 0.01, amount: 0.5, partial: exact}
          - number: 2
            points: 10
            PEOPLE
            items:
              - number: 2
                source: 2.走访少于2次的此项不得分，少于4次的扣1分。此项10分。
                points: 10
                situations:
                  - key: few_visits
                    kind: threshold
                    label: 走访少
                    source: 走访少于2次的此项不得分，少于4次的扣1分
                    measure: visits
                    cliffs:
                      - {below: 2, amount: all}
                      - {below: 4, amount: 1}
          - number: 3
            points: 10
            PEOPLE
            items:
              - number: 3
                source: 3.测评排名第3名以后的，每低一个位次扣0.5分。此项最多扣10分。
                cap: 10
                situations:
                  - {key: low_place, kind: rank, label: 排名靠后, source: 每低一个位次扣0.5分, measure: poll, mode: below_place, places: 3, amount: 0.5}
          - number: 4
            points: 10
            PEOPLE
            items:
              - number: 4
                source: 4.测评排名倒数第1名扣2分、倒数第2名扣1分。此项最多扣10分。
                cap: 10
                situations:
                  - {key: last_places, kind: ladder, label: 排名倒数, source: 倒数第1名扣2分、倒数第2名扣1分, measure: poll, counted_from: bottom, amounts: [2, 1]}
          - number: 5
            points: 10
            PEOPLE
            items:
              - number: 5
                source: 5.每次扣1分。
                situations:
                  - {key: slip, kind: per_occurrence, label: 差错, source: 每次扣1分, amount: 1}
              - number: 6
                source: 6.剩余分值按满意率折算。
                situations:
                  - {key: satisfaction, kind: remainder, label: 满意度, source: 剩余分值按满意率折算, measure: sat}
""")


def test_per_unit_in_proportion_rounds_by_the_rulebook() -> None:
    report = score(FIGURES, measures={"rate": D("0.9275")})
    line = report.trail[0]
    # why: 0.95 − 0.9275 = 0.0225 short = 2.25 steps of 0.01 (partial: exact)
    assert line.count == D("2.25")
    # why: 0.5 × 2.25 = 1.125, rounded half up to 0.01: 1.13
    assert line.value == D("1.13")
    assert report.items[1].deduction == D("1.13")
    assert line.detail == "92.75% against 95%: 2.25% short, 2.25 step(s) of 1%"


@pytest.mark.parametrize(
    ("visits", "lost"),
    [
        (1, D(10)),  # why: 1 < 2: the first cliff, `all` = the item's 10 points
        (3, D(1)),  # why: 3 ≥ 2 but 3 < 4: the second cliff, 1
        (5, D(0)),  # why: 5 is under neither cliff
    ],
)
def test_threshold_cliffs(visits: int, lost: Decimal) -> None:
    report = score(FIGURES, measures={"visits": visits})
    assert report.items[2].deduction == lost
    # why: 50 − what the cliff took
    assert report.total == 50 - lost


@pytest.mark.parametrize(
    ("rank", "below", "last"),
    [
        (6, D("1.5"), D(0)),  # why: 6 − 3 = 3 places × 0.5 = 1.5; 8 − 6 + 1 = 3rd from last: none
        (7, D(2), D(1)),  # why: 7 − 3 = 4 × 0.5 = 2; 8 − 7 + 1 = 2nd from last: 1
        (8, D("2.5"), D(2)),  # why: 8 − 3 = 5 × 0.5 = 2.5; the last: 2
        (2, D(0), D(0)),  # why: 2nd is above place 3, and 7th from last
    ],
)
def test_rank_and_ladder(rank: int, below: Decimal, last: Decimal) -> None:
    report = score(FIGURES, measures={"poll": {"rank": rank, "of": 8}})
    assert (report.items[3].deduction, report.items[4].deduction) == (below, last)


def test_the_remainder_rule_reads_what_is_left_of_the_row_and_rounds() -> None:
    report = score(FIGURES, records=[rec(5, "slip", count=2)], measures={"sat": D("0.9555")})
    line = next(t for t in report.trail if t.rule == "remainder")
    # why: row 5 has 10 points; item 5 lost 1 × 2 = 2, leaving 8
    assert line.amount == 8
    # why: 8 × (1 − 0.9555) = 8 × 0.0445 = 0.356, rounded half up to 0.01: 0.36
    assert line.value == D("0.36")
    assert report.rows[4].deducted == D("2.36")  # why: 2 + 0.36
    assert report.total == D("47.64")  # why: 50 − 2.36


# ------------------------------------------------------------------ earning, cases, vetoes

EARN = rulebook("""
    total_points: 15
    indicators:
      - name: 甲
        rows:
          - number: 1
            points: 5
            PEOPLE
            items:
              - number: 1
                source: 1.每完成一项得2分，此项5分，最高得5分。
                basis: earn
                points: 5
                situations:
                  - {key: done, kind: per_occurrence, label: 完成, source: 每完成一项得2分, amount: 2}
          - number: 2
            points: 10
            PEOPLE
            items:
              - number: 2
                source: 2.每起案件扣1分，按被扣分值的2倍扣分，同一案件不累计扣分。
                one_per_case: true
                situations:
                  - {key: case, kind: per_occurrence, label: 案件, source: 每起案件扣1分, amount: 1, multiplier: 2}
                  - {key: case_big, kind: per_occurrence, label: 大案, source: 每起大案扣3分, amount: 3}
""")


@pytest.mark.parametrize(
    ("done", "earned", "lost"),
    [
        (0, D(0), D(5)),  # why: nothing earned: the item loses all its 5 points
        (1, D(2), D(3)),  # why: 2 × 1 = 2 earned, 5 − 2 = 3 lost
        (3, D(5), D(0)),  # why: 2 × 3 = 6, but at most the item's 5 points are earned
    ],
)
def test_an_earning_item(done: int, earned: Decimal, lost: Decimal) -> None:
    records = [rec(1, "done", count=done)] if done else []
    item = score(EARN, records=records).items[1]
    assert (item.basis, item.earned, item.deduction) == ("earn", earned, lost)


def test_one_record_per_case_and_a_multiplier() -> None:
    records = [rec(2, "case", case="A"), rec(2, "case_big", case="A"), rec(2, "case", case="B")]
    report = score(EARN, records=records)
    # why: case A: 1 × 2 (multiplier) = 2 and 3; only the larger, 3, counts; case B: 2
    assert shares(report)[:3] == [
        ("/records/0", D(0), ("one_per_case",)),
        ("/records/1", D(3), ()),
        ("/records/2", D(2), ()),
    ]
    # why: 2 + 3 + 2 = 7 before, 2 cut, 3 + 2 = 5 lost
    assert cuts(report, 2) == [("case", "one_per_case", D(7), D(2))]
    assert report.items[2].deduction == 5


# ------------------------------------------------------------------ _figures, directly


def _per_unit(partial: str, **more: Any) -> PerUnit:
    fields = {
        "key": "low",
        "label": "低",
        "source": "每低1个百分点扣0.5分",
        "kind": "per_unit",
        "measure": "rate",
        "threshold": D("0.95"),
        "step": D("0.01"),
        "amount": D("0.5"),
        "partial": partial,
        **more,
    }
    return PerUnit.model_validate(fields)


@pytest.mark.parametrize(
    ("partial", "rounding", "steps", "value"),
    [
        ("floor", CENT, D(2), D(1)),  # why: 2.25 steps, the part step dropped: 2 × 0.5 = 1
        ("ceil", CENT, D(3), D("1.5")),  # why: the part step counts whole: 3 × 0.5 = 1.5
        ("exact", CENT, D("2.25"), D("1.13")),  # why: 2.25 × 0.5 = 1.125 → half up 1.13
        # why: 1.125 rounded down to 0.01: 1.12
        ("exact", Quantize(D("0.01"), ROUND_DOWN), D("2.25"), D("1.12")),
    ],
)
def test_per_unit_part_steps(
    partial: str, rounding: Quantize, steps: Decimal, value: Decimal
) -> None:
    # why: 0.95 − 0.9275 = 0.0225, that is 2.25 steps of 0.01
    counted = figures.per_unit(_per_unit(partial), D("0.9275"), rounding)
    assert counted[:3] == (D("0.5"), steps, value)  # (amount, steps, value)


def test_per_unit_above_a_threshold() -> None:
    rule = _per_unit(
        "floor", measure="age", threshold=D(60), step=D(1), amount=D("0.5"), direction="above"
    )
    # why: 63 − 60 = 3 steps × 0.5 = 1.5
    assert figures.per_unit(rule, 63, CENT).value == D("1.5")
    # why: 59 is under the threshold: no step counts
    assert figures.per_unit(rule, 59, CENT).value == 0


def _threshold(*cliffs: dict[str, Any]) -> Threshold:
    return Threshold.model_validate(
        {
            "key": "few",
            "label": "少",
            "source": "少于2次此项不得分",
            "kind": "threshold",
            "measure": "visits",
            "cliffs": list(cliffs),
        }
    )


def test_threshold_takes_the_first_cliff_and_all_is_the_items_points() -> None:
    rule = _threshold({"below": 2, "amount": "all"}, {"below": 4, "amount": 1})
    # why: 1 < 2: the first cliff, `all` = the 7 points given as the item's
    hit = figures.threshold(rule, 1, D(7))
    assert hit[:3] == (D(7), D(1), D(7))  # (amount, steps, value)
    # why: 3 is not below 2 but is below 4: 1
    assert figures.threshold(rule, 3, D(7)).value == 1
    missed = figures.threshold(rule, 4, D(7))
    # why: 4 is under neither cliff: no step, nothing counts
    assert missed[1:3] == (D(0), D(0))  # (steps, value)


def test_threshold_upper_cliffs() -> None:
    rule = _threshold({"above": 10, "amount": 2}, {"at_least": 5, "amount": 1})
    # why: 11 > 10: 2;  10 is not above 10 but at least 5: 1;  4 is neither: 0
    assert [figures.threshold(rule, v, None).value for v in (11, 10, 4)] == [D(2), D(1), D(0)]


def _rank(**more: Any) -> Rank:
    fields = {
        "key": "low",
        "label": "名次",
        "source": "每低一个位次扣0.5分",
        "kind": "rank",
        "measure": "poll",
        "mode": "below_place",
        "places": 3,
        "amount": D("0.5"),
        **more,
    }
    return Rank.model_validate(fields)


@pytest.mark.parametrize(
    ("rule", "value", "count"),
    [
        (_rank(), RankValue(rank=6), 3),  # why: 6 − 3 = 3 places below the 3rd
        (_rank(), RankValue(rank=2), 0),  # why: above the 3rd: max(0, 2 − 3) = 0
        # why: tied 5th of 2 reads as 5 + 2 − 1 = 6th; 6 − 3 = 3
        (_rank(ties="last_of_tie"), RankValue(rank=5, tied=2), 3),
        (_rank(ties="as_given"), RankValue(rank=5, tied=2), 2),  # why: 5 − 3 = 2
        # why: the last 2 of 8 start at the 7th: 7 − (8 − 2) = 1
        (_rank(mode="into_last", places=2), RankValue(rank=7, of=8), 1),
        (_rank(mode="into_last", places=2), RankValue(rank=8, of=8), 2),  # why: 8 − 6 = 2
    ],
)
def test_rank_places(rule: Rank, value: RankValue, count: int) -> None:
    counted = figures.rank(rule, value)
    assert counted[1] == count  # the steps
    # why: each place costs the rule's 0.5
    assert counted.value == D("0.5") * count


def test_rank_with_a_good_enough_score_costs_nothing() -> None:
    rule = _rank(score_below=90)
    # why: 6th would cost 3 places, but the score 92 is not below 90
    counted = figures.rank(rule, RankValue(rank=6, score=D(92)))
    assert counted[1:3] == (D(0), D(0))  # (steps, value)
    # why: a score of 89 is below 90: 6 − 3 = 3 places × 0.5 = 1.5
    assert figures.rank(rule, RankValue(rank=6, score=D(89))).value == D("1.5")


def _ladder(end: str, amounts: list[Decimal], **more: Any) -> Ladder:
    fields = {
        "key": "place",
        "label": "名次",
        "source": "第1名加1分",
        "kind": "ladder",
        "measure": "poll",
        "counted_from": end,
        "amounts": amounts,
        **more,
    }
    return Ladder.model_validate(fields)


def test_ladder_from_the_top_and_from_the_bottom() -> None:
    top = _ladder("top", [D(1), D("0.5")])
    # why: 1st → amounts[0] = 1, 2nd → amounts[1] = 0.5, 3rd → past the list: otherwise 0
    assert [figures.ladder(top, RankValue(rank=r)).value for r in (1, 2, 3)] == [1, D("0.5"), 0]
    bottom = _ladder("bottom", [D(2), D(1)], otherwise=D("0.1"))
    # why: of 8, the 8th is 1st from last → 2; the 7th 2nd from last → 1; the 6th → otherwise 0.1
    values = [figures.ladder(bottom, RankValue(rank=r, of=8)).value for r in (8, 7, 6)]
    assert values == [D(2), D(1), D("0.1")]


@pytest.mark.parametrize(
    ("left", "rate", "rounding", "value"),
    [
        (D(8), D("0.9555"), CENT, D("0.36")),  # why: 8 × 0.0445 = 0.356 → half up 0.36
        # why: 0.356 → down to 0.1: 0.3
        (D(8), D("0.9555"), Quantize(D("0.1"), ROUND_DOWN), D("0.3")),
        (D(8), D(0), CENT, D(8)),  # why: a rate of 0 takes everything left: 8 × 1 = 8
        # why: 0.005 rounds half up to 0.01, more than is left: min(0.005, 0.01)
        (D("0.005"), D(0), CENT, D("0.005")),
    ],
)
def test_remainder(left: Decimal, rate: Decimal, rounding: Quantize, value: Decimal) -> None:
    counted = figures.remainder(left, rate, rounding)
    assert counted.value == value
    # why: the amount is what is left, the count the share taken, 1 − rate
    assert counted[:2] == (left, 1 - rate)  # (amount, steps)


# ------------------------------------------------------------------ _tally, directly

_RULE = BonusPlan(
    key="b",
    label="加分",
    source="加分",
    cap=D(9),
    target=BonusTarget.TOTAL,
    row=None,
    indicator=None,
    awards=None,
    modifiers=frozenset(),
    one_per_deed=False,
)


def _lines(*values: int) -> list[Line]:
    return [Line(2, i, _RULE, None, D(v), 1, D(1), D(v), D(v)) for i, v in enumerate(values)]


def test_limit_keeps_earlier_lines_whole() -> None:
    lines = _lines(2, 2, 2)
    # why: room 3: the first keeps 2, the second 3 − 2 = 1, the third 0; cut 6 − 3 = 3
    assert limit(lines, D(3), "cap_x") == 3
    assert [line.share for line in lines] == [D(2), D(1), D(0)]
    assert [line.cut_by for line in lines] == [None, ["cap_x"], ["cap_x"]]
    assert total(lines) == 3


def test_limit_above_the_total_cuts_nothing() -> None:
    lines = _lines(1, 2)
    # why: 1 + 2 = 3 ≤ 5
    assert limit(lines, D(5), "cap_x") == 0
    assert all(line.cut_by is None for line in lines)


def test_cut_to_names_every_cap_that_cut() -> None:
    (line,) = _lines(4)
    # why: 4 → 3 cuts 1, then 3 → 1 cuts 2; raising it again cuts nothing
    assert line.cut_to(D(3), "first") == 1
    assert line.cut_to(D(1), "second") == 2
    assert line.cut_to(D(2), "third") == 0
    assert (line.share, line.cut_by) == (D(1), ["first", "second"])
    assert line.origin == "/awards/0"
