"""The score report: ``scoring._report`` (the models) and ``scoring._explain`` (their words).

Reports of ``cases/minimal_v2.yaml`` and of a tiny inline rulebook with vetoes:
every field of :class:`ScoreReport`, the JSON it writes and reads back, the
explanation built only when first read, the trail's words in both languages,
grades, vetoes and notices.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from mofan_rules import Ledger, Rulebook, evaluate, load_rulebook
from mofan_rules.rulebook import content_hash, parse_rulebook, scoring_hash
from mofan_rules.scoring import (
    Grade,
    ItemResult,
    Notice,
    RowResult,
    RulebookRef,
    ScoreReport,
    TrailEntry,
    VetoResult,
)

CASES = Path(__file__).resolve().parent / "cases"
D = Decimal


@pytest.fixture(scope="module")
def minimal() -> Rulebook:
    return load_rulebook(CASES / "minimal_v2.yaml")


def score(rb: Rulebook, **ledger: Any) -> ScoreReport:
    return evaluate(rb, Ledger.model_validate(ledger))


PROVINCE = {"item": 1, "situation": "criticism", "tier": "province"}
MAJOR = {"item": 1, "situation": "major_case", "evidence": "案1", "date": "2026-05-04"}


@pytest.fixture(scope="module")
def full(minimal: Rulebook) -> ScoreReport:
    """A report with a record, a figure, a veto and every metadata field."""
    return score(
        minimal,
        unit="甲区",
        period={"start": "2026-01-01", "end": "2026-12-31"},
        **{"class": "district"},
        records=[{**PROVINCE, "evidence": "通报1号", "date": "2026-03-01"}, MAJOR],
        measures={"rate": D("0.85")},
    )


# ------------------------------------------------------------------ fields


def test_the_reports_fields(full: ScoreReport, minimal: Rulebook) -> None:
    assert (full.unit, full.unit_class) == ("甲区", "district")
    assert full.period is not None
    assert (full.period.start, full.period.end) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert full.rulebook == RulebookRef(
        id="minimal-v2",
        version="1",
        title=minimal.title,
        content_hash=content_hash(minimal),
        scoring_hash=scoring_hash(minimal),
        base=None,
    )
    # why: 党建 loses 2 (省级 criticism), 业务 loses all its 5 (rate 85% < 90%): 2 + 5 = 7
    assert full.deducted == 7
    # why: 0.5 × (10 − 2) + 0.5 × (5 − 5) = 4 + 0 = 4
    assert full.total == 4
    assert (full.max_total, full.bonus) == (D("7.5"), D(0))
    assert full.outcome == "一票否决"
    assert full.notices == ()  # the one figure the rules read is there


def test_rows_items_and_indicators(full: ScoreReport) -> None:
    assert [(r.number, r.indicator, r.points, r.deducted, r.score) for r in full.rows] == [
        (1, "党建", D(10), D(2), D(8)),  # why: 10 − 2
        (2, "业务", D(5), D(5), D(0)),  # why: 5 − 5
    ]
    assert full.rows[0].leaders == ("甲",)
    assert full.rows[0].responsible_offices == ("丙",)
    assert isinstance(full.items[1], ItemResult)
    # why: one 省级 criticism, 2 × 1
    assert (full.items[1].row, full.items[1].basis, full.items[1].deduction) == (1, "deduct", D(2))
    # why: each indicator's score × 0.5: 8 × 0.5 = 4, 0 × 0.5 = 0
    assert [(i.index, i.weighted) for i in full.indicators] == [(1, D(4)), (2, D(0))]


def test_the_report_is_frozen(full: ScoreReport) -> None:
    with pytest.raises(ValidationError):
        full.total = D(0)  # type: ignore[misc]
    with pytest.raises(TypeError):
        hash(full)


# ------------------------------------------------------------------ JSON


def test_to_json_is_stable_sorted_and_reads_back(full: ScoreReport) -> None:
    text = full.to_json()
    data = json.loads(text)
    assert text == json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2)
    assert "甲区" in text  # UTF-8 text, not \\u escapes
    # Decimals are canonical strings that read back exactly. why: the figures of
    # test_the_reports_fields: total 4, full marks 7.5, 2 + 5 = 7 deducted
    assert (data["total"], data["max_total"], data["deducted"]) == ("4", "7.5", "7")
    assert D(data["total"]) == full.total
    # The explanation is in the JSON, the builder is not.
    assert {"rows", "items", "indicators", "bonuses", "trail"} <= set(data)
    assert "explanation" not in data
    assert list(data["items"]) == ["1", "2"]
    # Every part reads back into its model, equal to the report's own.
    assert RowResult.model_validate(data["rows"][0]) == full.rows[0]
    assert ItemResult.model_validate(data["items"]["1"]) == full.items[1]
    assert [TrailEntry.model_validate(t) for t in data["trail"]] == list(full.trail)
    assert VetoResult.model_validate(data["vetoes"][0]) == full.vetoes[0]
    assert Grade.model_validate(data["grade"]) == full.grade
    assert RulebookRef.model_validate(data["rulebook"]) == full.rulebook
    assert data["trail"][0]["date"] == "2026-03-01"


def test_equal_ledgers_give_equal_reports_and_identical_json(minimal: Rulebook) -> None:
    ledger = {"class": "district", "records": [PROVINCE]}
    first, second = score(minimal, **ledger), score(minimal, **ledger)
    assert first == second
    assert first.to_json() == second.to_json()
    other = score(minimal, **{"class": "district", "records": [PROVINCE, PROVINCE]})
    assert other != first


# ------------------------------------------------------------------ the explanation, on demand


def test_the_explanation_is_built_when_first_read_and_kept(minimal: Rulebook) -> None:
    report = score(minimal, **{"class": "district", "records": [PROVINCE]})
    explanation = report.explanation
    assert explanation._built is None  # scoring alone built nothing
    assert report.total == D("6.5")  # why: 0.5 × (10 − 2) + 0.5 × 5 = 4 + 2.5
    assert explanation._built is None  # reading the outcome builds nothing either
    trail = report.trail
    assert explanation._built is not None
    assert report.trail is trail  # built once: the same tuple on every read
    assert report.rows is report.rows
    assert explanation.get() is explanation.get()


def test_model_dump_builds_the_explanation_and_equals_across_calls(minimal: Rulebook) -> None:
    report = score(minimal, **{"class": "district", "records": [PROVINCE]})
    dumped = report.model_dump()
    assert dumped == report.model_dump()
    assert dumped["trail"][0]["origin"] == "/records/0"
    assert "explanation" not in dumped


# ------------------------------------------------------------------ the trail's words


def test_record_lines_and_figure_lines(full: ScoreReport) -> None:
    record, veto, figure = full.trail
    assert (record.kind, record.origin, record.situation, record.tier) == (
        "record",
        "/records/0",
        "criticism",
        "province",
    )
    assert (record.label, record.evidence, record.date) == (
        "通报批评（省级）",
        "通报1号",
        dt.date(2026, 3, 1),
    )
    # why: 省级 2 × 1 × 1 = 2, under every cap
    assert (record.amount, record.count, record.factor, record.value, record.share) == (
        D(2),
        D(1),
        D(1),
        D(2),
        D(2),
    )
    assert (record.detail, record.detail_zh) == ("", "")  # a record needs no working out
    assert veto.veto == "一票否决"
    assert (figure.kind, figure.origin, figure.rule, figure.item) == (
        "measure",
        "/measures/rate",
        "threshold",
        2,
    )
    assert figure.detail == "85% is below 90%: this cliff's points"
    assert figure.detail_zh == "85%低于90%：按此档计分"


# ------------------------------------------------------------------ grades, vetoes, notices


def test_the_grade_is_the_band_of_the_total(minimal: Rulebook) -> None:
    report = score(minimal, **{"class": "district", "records": [PROVINCE]})
    # why: 6.5 is at least 4.5 and below 7: 合格
    assert report.grade == Grade(key="pass", label="合格", at_least=D("4.5"), below=D(7))


def test_a_veto_lowers_the_grade_and_says_so(minimal: Rulebook) -> None:
    report = score(minimal, **{"class": "district", "records": [MAJOR]})
    # why: nothing deducted: 0.5 × 10 + 0.5 × 5 = 7.5, 优秀 by the score, 较差 by the veto
    assert report.total == D("7.5")
    assert report.grade is not None
    assert (report.grade.key, report.grade.by_veto) == ("poor", True)
    assert report.vetoes == (
        VetoResult(
            origin="/records/0",
            item=1,
            situation="major_case",
            tier=None,
            label="重大案件",
            outcome="一票否决",
            grade="poor",
            score=None,
            evidence="案1",
            date=dt.date(2026, 5, 4),
        ),
    )


def test_a_missing_figure_is_a_notice_in_both_languages(minimal: Rulebook) -> None:
    report = score(minimal, **{"class": "district"})
    assert report.notices == (
        Notice(
            code="missing_figure",
            path="/measures/rate",
            message="figure 'rate' (完成率) is not in the ledger: the rules that read it were "
            "not applied",
            message_zh="台账中没有填写 'rate'（完成率）：使用该数据的规则未执行",
        ),
    )
    assert report.total == D("7.5")  # why: no rule read the figure: nothing is deducted


VETOES = """\
schema_version: 2
id: unit-report
version: "1"
title: 否决测试
unit: 测试单位
total_points: 10
effective: {start: 2026-01-01, end: 2026-12-31}
rounding: {quantum: 0.01, mode: half_up}
source_document: written for tests/test_unit_report.py
grades:
  - {key: good, label: 好, at_least: 8}
  - {key: fair, label: 中, at_least: 6, below: 8}
  - {key: poor, label: 差, below: 6}
indicators:
  - name: 甲
    rows:
      - number: 1
        points: 10
        leaders: []
        assessing_departments: []
        responsible_offices: []
        items:
          - number: 1
            source: 1.每次扣1分；发生重大事故的一票否决，总分计0分；受到警示的不得评为好。
            situations:
              - {key: slip, kind: per_occurrence, label: 差错, source: 每次扣1分, amount: 1}
              - {key: disaster, kind: per_occurrence, label: 重大事故, source: 发生重大事故的一票否决，总分计0分, veto: {outcome: 不得评先, grade: poor, score: 0}}
              - {key: warning, kind: per_occurrence, label: 警示, source: 受到警示的不得评为好, veto: {grade: fair}}
"""


@pytest.fixture(scope="module")
def vetoes() -> Rulebook:
    return parse_rulebook(textwrap.dedent(VETOES))[0]


def _recs(*situations: str) -> list[dict[str, Any]]:
    return [{"item": 1, "situation": s} for s in situations]


def test_a_veto_score_sets_the_total(vetoes: Rulebook) -> None:
    report = score(vetoes, records=_recs("slip", "disaster", "disaster"))
    # why: the veto sets the total to its score 0, whatever 10 − 1 = 9 would be
    assert report.total == 0
    assert report.deducted == 1  # why: the slip's 1; the vetoes count no points
    # One outcome, however many records set it; each record is its own veto.
    assert report.outcome == "不得评先"
    assert [v.origin for v in report.vetoes] == ["/records/1", "/records/2"]
    assert report.vetoes[0].score == 0
    # why: 0 is below 6: 差 by the score already, so not "by veto"
    assert report.grade is not None
    assert (report.grade.key, report.grade.by_veto) == ("poor", False)


def test_a_veto_without_outcome_caps_the_grade_only(vetoes: Rulebook) -> None:
    report = score(vetoes, records=_recs("warning"))
    assert (report.total, report.outcome) == (D(10), None)  # why: nothing deducted: 10
    assert report.grade is not None
    # why: 10 is 好 by the score; the veto allows at best 中
    assert (report.grade.key, report.grade.by_veto) == ("fair", True)


def test_a_score_worse_than_the_veto_keeps_its_own_grade(vetoes: Rulebook) -> None:
    report = score(vetoes, records=_recs("warning", *["slip"] * 5))
    # why: 10 − 1 × 5 = 5, below 6: 差, worse than the veto's 中
    assert report.total == 5
    assert report.grade is not None
    assert (report.grade.key, report.grade.by_veto) == ("poor", False)


def test_the_titles_of_items_default_to_their_first_clause(vetoes: Rulebook) -> None:
    report = score(vetoes)
    # The item has no title: the source's first clause (每次扣1分), less its number and amount.
    assert report.items[1].title == "每次"
