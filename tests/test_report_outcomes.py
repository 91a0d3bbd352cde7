"""Grades and vetoes in every report format (issue 10: "every report format shows the grade,
and shows a veto together with the record that triggered it").

One small rulebook with grades on the total, an indicator, a row and an item,
two vetoes (one on a tier) and an item where one case counts once, scored end
to end (``mofan_rules.cli.main``): the ranking and the score as CSV and XLSX
name each veto's record and where it is; the table, Markdown, HTML and
spreadsheet name the grades of the item, row and indicator; ``explain`` words
the 同一案件不累计扣分 cut from the catalogue. In English and in Chinese.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from mofan_rules import Ledger, Rulebook, evaluate, load_facts
from mofan_rules.cli import main
from mofan_rules.messages import word
from mofan_rules.reports import score_cells, score_table
from mofan_rules.rulebook import parse_rulebook

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "typical-year.yaml"

RULEBOOK = """\
schema_version: 2
id: report-outcomes
version: "1"
title: 等次与否决报表
unit: 测试单位
total_points: 100
effective: {start: 2026-01-01, end: 2026-12-31}
rounding: {quantum: 0.01, mode: half_up}
source_document: written for tests/test_report_outcomes.py
grades:
  - {key: excellent, label: 优秀, at_least: 95}
  - {key: good, label: 良好, at_least: 85, below: 95}
  - {key: poor, label: 较差, below: 85}
indicators:
  - name: 党风廉政
    grades:
      - {key: sound, label: 稳固, at_least: 90}
      - {key: shaky, label: 薄弱, below: 90}
    rows:
      - number: 1
        points: 60
        grades:
          - {key: met, label: 达标, at_least: 54}
          - {key: not_met, label: 未达标, below: 54}
        leaders: [张三]
        assessing_departments: [纪委]
        responsible_offices: [办公室]
        items:
          - number: 1
            title: 主体责任
            source: 1.未落实的每次扣5分；迟报扣1分，瞒报扣2分且不得评为优秀；发生重大案件的一票否决。此项最多扣60分。
            cap: 60
            situations:
              - {key: not_done, kind: per_occurrence, label: 未落实, source: 未落实的每次扣5分, amount: 5}
              - key: reporting
                kind: per_occurrence
                label: 报送问题
                source: 迟报扣1分，瞒报扣2分且不得评为优秀
                tiers:
                  - {key: late, label: 迟报, amount: 1}
                  - {key: hidden, label: 瞒报, amount: 2, veto: {outcome: 不得评为优秀, grade: good}}
              - key: major_case
                kind: per_occurrence
                label: 重大案件
                source: 发生重大案件的一票否决
                amount: 0
                veto: {outcome: 一票否决, grade: poor}
      - number: 2
        points: 40
        leaders: [李四]
        assessing_departments: [组织部]
        responsible_offices: [组织部]
        items:
          - number: 2
            title: 队伍建设
            source: 2.队伍建设（40分）。诫勉扣1分、处分扣4分，同一案件不累计扣分。36分以上为好，28分以下为差。
            points: 40
            one_per_case: true
            grades:
              - {key: good, label: 好, at_least: 36}
              - {key: fair, label: 中, at_least: 28, below: 36}
              - {key: bad, label: 差, below: 28}
            situations:
              - key: case
                kind: per_occurrence
                label: 违纪案件
                source: 诫勉扣1分、处分扣4分
                tiers:
                  - {key: admonished, label: 诫勉, amount: 1}
                  - {key: punished, label: 处分, amount: 4}
"""

# Line 4 is the 瞒报 record, line 5 the 重大案件 one: the places the vetoes name.
LEDGER = """\
unit: 甲单位
records:
  - {item: 1, situation: not_done, count: 2}
  - {item: 1, situation: reporting, tier: hidden}
  - {item: 1, situation: major_case, evidence: 纪检通报〔2026〕3号}
  - {item: 2, situation: case, tier: admonished, case: A}
  - {item: 2, situation: case, tier: punished, case: A}
  - {item: 2, situation: case, tier: punished, case: B}
"""
# why: item 1: 5 × 2 + 2 + 0 = 12, row 1: 60 − 12 = 48 < 54 → 未达标;
# item 2: case A counts its highest, 4 (its 1 is cut), case B 4: 8, 40 − 8 = 32 → 中;
# the indicator 48 + 32 = 80 < 90 → 薄弱; the total 80 < 85 → 较差.

VETOES = {
    "en": [
        "veto (一票否决): item 1 主体责任 报送问题（瞒报）, ledger.yaml line 4",
        "veto (一票否决): item 1 主体责任 重大案件, ledger.yaml line 5",
    ],
    "zh": [
        "一票否决：第1项 主体责任 报送问题（瞒报）（ledger.yaml 第4行）",
        "一票否决：第1项 主体责任 重大案件（ledger.yaml 第5行）",
    ],
}
JOIN = {"en": "; ", "zh": "；"}
OUTCOME = "不得评为优秀；一票否决"  # the vetoes' outcomes, in ledger order


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    rulebook = tmp_path / "rb.yaml"
    rulebook.write_text(RULEBOOK, "utf-8")
    ledger = tmp_path / "ledger.yaml"
    ledger.write_text(LEDGER, "utf-8")
    return rulebook, ledger


def _csv(path: Path) -> list[list[str]]:
    return list(csv.reader(path.read_text("utf-8-sig").splitlines()))


def _xlsx(path: Path) -> list[list[str]]:
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    return [
        ["" if v is None else str(v) for v in row]
        for row in sheet.iter_rows(values_only=True)
        if any(v is not None for v in row)
    ]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


# ------------------------------------------------------------------ 1. the ranking


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_ranking_names_each_veto_with_its_record_and_place(
    files: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    suffix: str,
) -> None:
    rulebook, ledger = files
    out = tmp_path / f"ranking.{suffix}"
    _run(capsys, "batch", str(ledger), "-r", str(rulebook), "--out", str(out), "--lang", lang)
    head, row = _csv(out) if suffix == "csv" else _xlsx(out)
    warnings = row[head.index("warnings" if lang == "en" else "提示")]
    outcome = "outcome" if lang == "en" else "结果"
    # why: the outcome, then both vetoes in ledger order, in one cell joined as warnings are
    assert warnings == JOIN[lang].join([f"{outcome}: {OUTCOME}", *VETOES[lang]])
    assert row[head.index("grade (等次)" if lang == "en" else "等次")] == "较差"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["table", "md", "html"])
def test_a_score_names_each_veto_with_its_record_and_place(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str], lang: str, fmt: str
) -> None:
    rulebook, ledger = files
    out = _run(capsys, "score", str(ledger), "-r", str(rulebook), "--lang", lang, "--format", fmt)
    for veto in VETOES[lang]:  # the same words as the ranking's
        assert veto in out


# ------------------------------------------------------------------ 2. the score as CSV and XLSX


def _score_sheet(
    files: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    fmt: str,
) -> list[list[str]]:
    """The fixture's ledger scored to a CSV or XLSX file, read back as rows of text."""
    rulebook, ledger = files
    out = tmp_path / f"score.{fmt}"
    args = ["score", str(ledger), "-r", str(rulebook), "--lang", lang]
    _run(capsys, *args, "--format", fmt, "--out", str(out))
    return _csv(out) if fmt == "csv" else _xlsx(out)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_score_sheet_shows_the_outcome_and_each_veto_with_its_record(
    files: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    fmt: str,
) -> None:
    rows = _score_sheet(files, tmp_path, capsys, lang, fmt)
    outcome = "outcome" if lang == "en" else "结果"
    (line,) = [r for r in rows if r[2] == outcome]
    # why: what the vetoes set, then each veto with the record (its line) that triggered it
    assert line[3] == JOIN[lang].join([OUTCOME, *VETOES[lang]])
    grade = "grade (等次)" if lang == "en" else "等次"
    assert [r[3] for r in rows if r[2] == grade] == ["较差"]


# ------------------------------------------------------------------ 3. own grades


@pytest.mark.parametrize(
    ("lang", "item", "row", "indicator"),
    [
        (
            "en",
            "item 2 队伍建设 (capped from 9) (grade 中)",
            "党风廉政 (grade 未达标)",
            "党风廉政: 80 (grade 薄弱)",
        ),
        (
            "zh",
            "第2项 队伍建设（封顶前 9）（等次：中）",
            "党风廉政（等次：未达标）",
            "党风廉政: 80（等次：薄弱）",
        ),
    ],
)
@pytest.mark.parametrize("fmt", ["table", "md", "html"])
def test_the_grades_of_an_item_a_row_and_an_indicator_are_shown(
    files: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    lang: str,
    item: str,
    row: str,
    indicator: str,
    fmt: str,
) -> None:
    rulebook, ledger = files
    out = _run(capsys, "score", str(ledger), "-r", str(rulebook), "--lang", lang, "--format", fmt)
    # why: item 2 keeps 32 (中; 1 + 4 + 4 = 9 before case A counts once), row 1 keeps 48
    # (未达标), the indicator 80 (薄弱)
    for text in (item, row, indicator):
        assert text in out
    assert "稳固" not in out  # a band not reached is not shown


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_score_sheet_has_a_grade_column_for_items_rows_and_indicators(
    files: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    fmt: str,
) -> None:
    head, *rows = _score_sheet(files, tmp_path, capsys, lang, fmt)
    column = head.index("grade (等次)" if lang == "en" else "等次")
    assert column == len(head) - 1  # the last column
    graded = {(r[1], r[2], r[3]): r[column] for r in rows if len(r) > column and r[column]}
    item = "item 2 队伍建设" if lang == "en" else "第2项 队伍建设"
    # why: item 2 keeps 32 → 中; row 1 keeps 48 → 未达标; the indicator 80 → 薄弱
    assert graded == {
        ("2", "党风廉政", item): "中",
        ("1", "党风廉政", ""): "未达标",
        ("", "党风廉政", ""): "薄弱",
    }


def test_a_rulebook_without_own_grades_adds_nothing(rulebook: Rulebook) -> None:
    # The shipped 2026 rulebook has no bands and no vetoes: its outputs do not change.
    report = evaluate(rulebook, load_facts(EXAMPLE, rulebook))
    assert len(score_cells(report, "zh")[0]) == 8  # why: unit, row, indicator, item, 4 numbers
    for lang in ("en", "zh"):
        text = score_table(report, lang=lang)
        assert word("w_own_grade", lang, label="") not in text
        assert word("w_grade", lang) not in text


def test_a_report_carries_its_grades_labels_so_it_prints_them_alone() -> None:
    rulebook = parse_rulebook(RULEBOOK)[0]
    records = [{"item": 2, "situation": "case", "tier": "punished"}]
    report = evaluate(rulebook, Ledger.model_validate({"records": records}))
    # why: item 2 keeps 40 − 4 = 36 → good (好): the key for programs, the label for people
    assert (report.items[2].grade, report.items[2].grade_label) == ("good", "好")
    assert "item 2 队伍建设 (grade 好)" in score_table(report)
    assert json.loads(report.to_json())["items"]["2"]["grade_label"] == "好"


# ------------------------------------------------------------------ 4. explain's cuts


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "    cut by: one case counts once (the highest)"),
        ("zh", "    封顶: 同一案件不累计扣分（按最高计）"),
    ],
)
def test_explain_words_the_one_case_cut(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str], lang: str, line: str
) -> None:
    rulebook, ledger = files
    out = _run(capsys, "explain", str(ledger), "-r", str(rulebook), "--lang", lang, "--item", "2")
    # why: case A's 诫勉 (1) is cut to nothing by its 处分 (4): one line is cut by the rule
    assert out.splitlines().count(line) == 1
    assert "one_per_case" not in out
