"""What people read: ``mofan_rules.reports`` on reports of a tiny inline rulebook.

Terminal tables that line up with Chinese, Markdown that keeps a ``|`` or a
line break from a name inside its cell, spreadsheet rows of typed cells,
rankings with shared ranks, lost points by office, leader and department,
and the rulebook printed back.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from mofan_rules import Ledger, Rulebook, evaluate, load_rulebook
from mofan_rules.errors import LedgerError, Problem
from mofan_rules.messages import word
from mofan_rules.reports import (
    accountability,
    display_width,
    ranked,
    ranking_rows,
    rulebook_markdown,
    score_cells,
    score_html,
    score_markdown,
    score_sheets,
    table,
    unscored_rows,
)
from mofan_rules.rulebook import parse_rulebook
from mofan_rules.scoring import BatchEntry, ScoreReport

D = Decimal

# Row 1 is answered for by two offices; a direct deduction belongs to no row.
# The indicator's name and the first item's title hold a `|`.
TEXT = """\
schema_version: 2
id: unit-reports
version: "1"
title: 报表测试
unit: 测试单位
total_points: 20
effective: {start: 2026-01-01, end: 2026-12-31}
rounding: {quantum: 0.01, mode: half_up}
source_document: written for tests/test_unit_reports.py
indicators:
  - name: "党建|纪律"
    rows:
      - number: 1
        points: 10
        leaders: [张三]
        assessing_departments: [组织部]
        responsible_offices: [办公室, 宣传部]
        items:
          - number: 1
            title: "学习|教育"
            source: 1.每次扣1分。
            situations:
              - {key: slip, kind: per_occurrence, label: 差错, source: 每次扣1分, amount: 1}
  - name: 业务
    rows:
      - number: 2
        points: 10
        leaders: [李四]
        assessing_departments: [组织部]
        responsible_offices: [办公室]
        items:
          - number: 2
            source: 2.每次扣2分。
            situations:
              - {key: slip, kind: per_occurrence, label: 差错, source: 每次扣2分, amount: 2}
direct_deductions:
  title: 直接扣分
  items:
    - number: 3
      source: 3.每次直接扣5分。
      situations:
        - {key: slip, kind: per_occurrence, label: 差错, source: 每次直接扣5分, amount: 5}
"""


@pytest.fixture(scope="module")
def rb() -> Rulebook:
    return parse_rulebook(TEXT)[0]


def report_of(rb: Rulebook, unit: str, *counts: int) -> ScoreReport:
    """A report with ``counts[i]`` slips recorded against item ``i + 1``."""
    records: list[dict[str, Any]] = []
    for number, count in enumerate(counts, start=1):
        records += [{"item": number, "situation": "slip"}] * count
    return evaluate(rb, Ledger.model_validate({"unit": unit, "records": records}))


@pytest.fixture(scope="module")
def one_each(rb: Rulebook) -> ScoreReport:
    report = report_of(rb, "甲|乙\n丙", 1, 1, 1)
    # why: 20 − (1 + 2 + 5) = 12
    assert report.total == 12
    return report


# ------------------------------------------------------------------ terminal tables


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("abc", 3),
        ("党建", 4),  # why: two wide characters, 2 columns each
        ("a党b", 4),  # why: 1 + 2 + 1
        ("ｘ", 2),  # why: a full-width letter is wide too
        ("e\u0301", 1),  # why: a combining accent takes no column
        ("", 0),
    ],
)
def test_display_width(text: str, width: int) -> None:
    assert display_width(text) == width


def test_a_table_lines_up_with_chinese() -> None:
    text = table(["名称", "分"], [["党建工作", "10"], ["ab", "5"]], [False, True])
    lines = text.splitlines()
    assert len(lines) == 4  # header, rule, two rows
    # why: the number column is right-aligned: every line ends at the same column,
    # 8 (党建工作) + 2 (gap) + 2 (分 / 10) = 12
    assert {display_width(line) for line in lines} == {12}
    assert lines[1] == "─" * 8 + "  " + "─" * 2
    assert lines[3] == "ab" + " " * 6 + "  " + " 5"


def test_a_table_too_wide_cuts_its_widest_text_column() -> None:
    rows = [["党建" * 10, "1"]]
    text = table(["名称", "分"], rows, [False, True], max_width=20)
    body = text.splitlines()[2]
    # why: widths 40 (党建 × 10) + 2 (gap) + 2 (分) = 44 are 24 too many for 20: the text
    # column shrinks to 40 − 24 = 16, cut with an ellipsis; 16 + 2 + 2 = 20
    assert display_width(body) == 20
    assert body.startswith("党建")
    assert "…" in body


# ------------------------------------------------------------------ Markdown


def _cells(line: str) -> list[str]:
    """The cells of a Markdown table line, split at the `|` that are not escaped."""
    return re.split(r"(?<!\\)\|", line)[1:-1]


def test_score_markdown_keeps_a_pipe_and_a_line_break_inside_their_cell(
    one_each: ScoreReport,
) -> None:
    text = score_markdown(one_each, by="office")
    heading = text.splitlines()[0]
    # The unit's `|` is escaped and its line break is a space: the heading is one line.
    assert heading.startswith("# 甲\\|乙 丙 — ")
    table_lines = [line for line in text.splitlines() if line.startswith("|")]
    # why: the score table has 5 columns, the group table 4: each line has that many cells
    widths = {len(_cells(line)) for line in table_lines}
    assert widths == {5, 4}
    row_1 = next(line for line in table_lines if line.startswith("| 1 |"))
    assert _cells(row_1)[1].strip() == "党建\\|纪律"
    assert "学习\\|教育" in text


def test_score_markdown_groups_and_the_unassigned(one_each: ScoreReport) -> None:
    text = score_markdown(one_each, by="office")
    unassigned = word("w_unassigned", "en")
    lines = {_cells(line)[0].strip(): line for line in text.splitlines() if line.startswith("|")}
    # why: the direct deduction 5 × 1 = 5 is in no row: its own group
    assert _cells(lines[unassigned])[1].strip() == "-5"
    # why: 办公室 answers for rows 1 and 2: 1 + 2 = 3
    assert _cells(lines["办公室"])[1].strip() == "-3"


# ------------------------------------------------------------------ spreadsheet rows


def test_score_cells_are_typed(one_each: ScoreReport) -> None:
    rows = score_cells(one_each)
    head, *body = rows
    assert head[0] == word("w_unit", "en")
    # why: unit, row, indicator, item, points, before caps, deducted, score
    assert len(head) == 8
    assert all(len(row) == 8 for row in body)
    assert all(row[0] == "甲|乙\n丙" for row in body)  # cells hold the text as it is
    item_1, row_1 = body[0], body[1]
    assert item_1[1:4] == [1, "党建|纪律", "item 1 学习|教育"]
    # why: item 1 lost 1 × 1 = 1; row 1 keeps 10 − 1 = 9
    assert item_1[5:7] == [D(1), D(1)]
    assert row_1[3:] == [None, D(10), D(1), D(1), D(9)]
    direct = next(row for row in body if row[2] == word("w_direct", "en"))
    assert (direct[1], direct[6]) == (None, D(5))  # why: 5 × 1, in no row
    total = body[-1]
    # why: full marks 20, 1 + 2 + 5 = 8 deducted, 20 − 8 = 12
    assert total[2:] == [word("w_total", "en"), None, D(20), None, D(8), D(12)]
    assert all(
        isinstance(cell, Decimal | int | str) or cell is None for row in rows for cell in row
    )


def test_score_cells_with_groups(one_each: ScoreReport) -> None:
    rows = score_cells(one_each, by="leader")
    blank = rows.index([])
    groups = rows[blank + 2 :]
    # why: the direct 5, then 李四 (row 2: 2), then 张三 (row 1: 1): most lost first
    assert [(g[1], g[2]) for g in groups] == [
        (word("w_unassigned", "en"), D(5)),
        ("李四", D(2)),
        ("张三", D(1)),
    ]


def test_several_scores_in_one_sheet_say_which_file_each_line_is_from(
    one_each: ScoreReport,
) -> None:
    (sheet,) = score_sheets([one_each, one_each], "en", by="leader", files=["a.yaml", "b.yaml"])
    rows = [list(r) for r in sheet.rows]
    headers = [r for r in rows if r and r[0] == word("w_unit", "en")]
    # why: the score's header, a grouping header per ledger, and the score's header again
    # before the second ledger (it follows a grouping's table, whose columns differ)
    assert len(headers) == 4
    assert all(h[1] == word("w_file", "en") for h in headers)
    body = [r for r in rows if r and r not in headers]
    # every line of the second ledger, its groupings' included, names its file
    assert {r[1] for r in body} == {"a.yaml", "b.yaml"}
    groups = [r for r in body if r[2] in ("李四", "张三")]
    assert [(g[1], g[2]) for g in groups] == [
        ("a.yaml", "李四"),
        ("a.yaml", "张三"),
        ("b.yaml", "李四"),
        ("b.yaml", "张三"),
    ]
    # without files: the columns as before
    assert score_sheets([one_each], "en")[0].rows[0][1] == word("w_row", "en")


@pytest.mark.parametrize(
    ("lang", "cell"),
    [("en", "item 1 学习|教育 1; item 2 每次 2"), ("zh", "第1项 学习|教育 1；第2项 每次 2")],
)
def test_a_page_joins_a_groups_items_in_its_language(
    one_each: ScoreReport, lang: str, cell: str
) -> None:
    page = score_html([one_each], lang, by="office")
    # why: 办公室 answers for rows 1 and 2: items 1 (lost 1) and 2 (lost 2), in one cell
    assert f'<tr><td>办公室</td><td class="n">3</td><td>1, 2</td><td>{cell}</td></tr>' in page


# ------------------------------------------------------------------ accountability


def test_a_row_shared_by_two_offices_counts_in_full_for_each(one_each: ScoreReport) -> None:
    groups = {g.name: g for g in accountability(one_each, "office")}
    # why: 办公室 answers for rows 1 (lost 1) and 2 (lost 2): 3
    assert (groups["办公室"].lost, groups["办公室"].rows) == (D(3), (1, 2))
    # why: 宣传部 answers for row 1 only: 1, shared with 办公室
    assert (groups["宣传部"].lost, groups["宣传部"].shared_with) == (D(1), ("办公室",))
    assert groups["办公室"].shared_with == ("宣传部",)
    # why: the groups add up to 5 + 3 + 1 = 9, more than the 8 deducted: row 1 counts twice
    assert sum(g.lost for g in groups.values()) == 9
    assert one_each.deducted == 8


def test_direct_deductions_are_the_unassigned_group(one_each: ScoreReport) -> None:
    first, *_ = accountability(one_each, "department")
    # why: item 3 lost 5 × 1 = 5, outside any row
    assert (first.name, first.lost, first.rows, first.items) == (
        "",
        D(5),
        (),
        ((3, "每次直接", D(5)),),
    )


def test_groups_are_sorted_by_what_they_lost(rb: Rulebook) -> None:
    report = report_of(rb, "甲", 4, 1)  # why: row 1 loses 1 × 4 = 4, row 2 loses 2 × 1 = 2
    names = [(g.name, g.lost) for g in accountability(report, "leader")]
    assert names == [("张三", D(4)), ("李四", D(2))]
    # Nothing deducted outside the rows: no unassigned group.
    assert all(g.name for g in accountability(report, "office"))


# ------------------------------------------------------------------ rankings


@pytest.fixture(scope="module")
def entries(rb: Rulebook) -> list[BatchEntry]:
    edition = "unit-reports 1"
    error = LedgerError(
        [
            Problem(
                "bad item",
                "x.yaml",
                3,
                5,
                ("records", 0, "item"),
                message_zh="条目有误",
                hint="fix it",
                hint_zh="请改正",
            )
        ]
    )
    return [
        # why: 20 − 2 × 2 = 16
        BatchEntry("d.yaml", report=report_of(rb, "丁", 0, 2), edition=edition),
        # why: 20 − 1 = 19
        BatchEntry("b.yaml", report=report_of(rb, "乙", 1), edition=edition),
        BatchEntry("x.yaml", error=error),
        # why: 20 − 1 = 19
        BatchEntry("a.yaml", report=report_of(rb, "甲", 1), edition=edition),
        # why: nothing recorded: 20
        BatchEntry("c.yaml", report=report_of(rb, "丙"), edition=edition),
    ]


def test_ranked_shares_ranks_and_leaves_out_the_unscored(entries: list[BatchEntry]) -> None:
    order = [(rank, e.file) for rank, e in ranked(entries)]
    # why: totals 20, 19, 19, 16: the two 19s share rank 2 (by file name), the next is 4th
    assert order == [(1, "c.yaml"), (2, "a.yaml"), (2, "b.yaml"), (4, "d.yaml")]


def test_ranking_rows(entries: list[BatchEntry]) -> None:
    head, *rows = ranking_rows(entries, "zh")
    assert head == [
        "名次",
        "单位",
        "文件",
        "规则版本",
        "第1栏",
        "第2栏",
        "直接扣分",
        "加分",
        "总分",
        "提示",
    ]
    # why: 甲 lost 1 in row 1 (10 − 1 = 9), row 2 keeps 10, nothing direct, no bonus: 20 − 1 = 19,
    # second with 乙
    assert rows[1] == [2, "甲", "a.yaml", "unit-reports 1", D(9), D(10), D(0), D(0), D(19), ""]
    # why: 丁 lost 2 × 2 = 4 in row 2: 10 − 4 = 6
    assert rows[3][4:6] == [D(10), D(6)]
    assert [row[0] for row in rows] == [1, 2, 2, 4]


def test_unscored_rows_say_where_and_why(entries: list[BatchEntry]) -> None:
    head, *rows = unscored_rows(entries, "zh")
    assert head == [word("w_file", "zh"), word("w_origin", "zh"), word("w_reasons", "zh")]
    assert rows == [["x.yaml", "x.yaml:3:5 /records/0/item", "条目有误（请改正）"]]


def test_unscored_rows_word_an_english_hint_like_problem_text(entries: list[BatchEntry]) -> None:
    _head, *rows = unscored_rows(entries, "en")
    assert rows[0][2] == "bad item (fix it)"


# ------------------------------------------------------------------ the rulebook printed back


def test_rulebook_markdown_in_english_has_no_full_width_punctuation_of_its_own() -> None:
    # A capped indicator with grades, and a capped direct deduction: every aside the
    # rulebook printed back adds, in English, with English brackets and separators.
    text = TEXT.replace("  title: 直接扣分\n", "  title: 直接扣分\n  cap: 6\n").replace(
        "  - name: 业务\n",
        "  - name: 业务\n    cap: 9\n    grades:\n"
        "      - {key: good, label: 好, at_least: 8}\n      - {key: poor, label: 差, below: 8}\n",
    )
    rulebook = parse_rulebook(text)[0]
    rules = rulebook_markdown(rulebook, "en").split(word("r_heading", "en"))[1]
    assert not re.search("[（）；，：、]", rules)  # the rulebook's own words here hold none
    assert "### 业务 (at most 9 deducted; 好 ≥ 8; 差 \\< 8)" in rules
    assert "### 直接扣分 (at most 6 deducted)" in rules
    assert "- **3 每次直接** (no item cap: the row bounds it)" in rules
    # Chinese keeps its own
    assert "### 业务（最多扣 9 分；好 ≥ 8；差 \\< 8）" in rulebook_markdown(rulebook, "zh")


def test_rulebook_markdown(rb: Rulebook) -> None:
    text = rulebook_markdown(rb)
    lines = text.splitlines()
    assert lines[0] == "# 报表测试"
    assert "unit-reports 1 · 测试单位 · 2026-01-01 – 2026-12-31 · 20分" in lines
    table_lines = [line for line in lines if line.startswith("| ")]
    # The header and one line per scoring row, each of 6 cells, the `|` of a name escaped.
    assert len(table_lines) == 3
    assert {len(_cells(line)) for line in table_lines} == {6}
    assert _cells(table_lines[1]) == [
        " 党建\\|纪律 ",
        " 1.每次扣1分。 ",
        " 10分 ",
        " 张三 ",
        " 组织部 ",
        " 办公室、宣传部 ",
    ]
    # Every situation in words, the direct deductions under their heading.
    assert "  - **1 学习\\|教育** " in text
    assert "`slip` 差错: 每次 5" in text
    assert "### 直接扣分" in lines


PATTERN_DIR = Path(__file__).resolve().parent / "cases" / "patterns"
# The values of the format's own choices (part steps, ties, rounding, where a
# bonus goes): the printed-back rules say them in words, never by these keys.
_CHOICE_KEYS = re.compile(r"\b(floor|ceil|exact|as_given|last_of_tie|half_up|half_even)\b")


@pytest.mark.parametrize(
    "name", ["figures", "unit-classes", "bonuses-and-direct", "weights-and-amounts"]
)
def test_the_rules_printed_back_in_chinese_are_words_not_keys(name: str) -> None:
    rulebook = load_rulebook(PATTERN_DIR / f"{name}.yaml")
    rules = rulebook_markdown(rulebook, "zh").split(word("r_heading", "zh"))[1]
    assert not _CHOICE_KEYS.search(rules.replace("\\_", "_")), rules
    assert "加到 total" not in rules
    assert "threshold " not in rules
    assert "amount " not in rules


def test_a_class_with_its_own_numbers_gets_the_whole_rule_in_its_words() -> None:
    rulebook = load_rulebook(PATTERN_DIR / "unit-classes.yaml")
    zh = rulebook_markdown(rulebook, "zh")
    # why: zone's by_class sets threshold 0.9 and amount 0.3 on coverage_short (0.95, 0.5).
    assert "      - 开发区类单位: coverage：低于 0.9 的，每低 0.01 计 0.3（不足一档不计）" in zh
    assert "（仅适用于 区（district））" in zh
    en = rulebook_markdown(rulebook, "en")
    assert (
        "      - for 开发区: coverage: each 0.01 below 0.9 counts 0.3 (a part step does not count)"
        in en
    )


def test_a_bonus_says_where_it_is_added_and_its_scopes_and_modifiers_by_label() -> None:
    rulebook = load_rulebook(PATTERN_DIR / "bonuses-and-direct.yaml")
    zh = rulebook_markdown(rulebook, "zh")
    assert "### 表彰加分（最多加 3 分，加到总分）" in zh
    assert "### 创新加分（最多加 1 分，加到考评指标“党建工作”）" in zh
    assert "### 业务单项表彰（最多加 2 分，加到第 2 栏）" in zh
    assert "- 可调整：以办公厅名义下发（general\\_office）" in zh
    assert "- 国家级: 表彰 +3" in zh


def test_a_rows_own_grades_are_printed_back() -> None:
    rulebook = load_rulebook(PATTERN_DIR / "grades-and-vetoes.yaml")
    assert "- 第 1 栏：60 分；达标 ≥ 54；未达标 \\< 54" in rulebook_markdown(rulebook, "zh")
    assert "- row 1: 60 points; 达标 ≥ 54; 未达标 \\< 54" in rulebook_markdown(rulebook, "en")
