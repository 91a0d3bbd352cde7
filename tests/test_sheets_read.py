"""Spreadsheet ledgers read for what they hold: the layouts, Excel's habits, refusals at their cells.

Workbooks here are written with openpyxl the way a person's Excel writes
them, or by hand (``tests/fuzz/sheets_book.py``) where the file format
itself is the point. Each test states what a clerk typed and what the
ledger must say.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from fuzz.sheets_book import CLEAN_LEDGER, DATE, Book, C, Sheet, clean_book, num, summary, text
from fuzz.sheets_mutate import CLEAN_CSV
from mofan_rules import Rulebook, evaluate, load_ledger
from mofan_rules.errors import LedgerError, Problem
from mofan_rules.ledger import fitted_ledger, peek_ledger
from mofan_rules.ledger._sheets import read_sheet

HEADER = ["序号", "条目", "情形", "档次", "次数", "日期", "依据"]


def workbook(
    sheets: dict[str, list[list[Any]]], *, merges: dict[str, list[str]] | None = None
) -> bytes:
    """An .xlsx written by openpyxl: one sheet per entry, rows from A1."""
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
        for ref in (merges or {}).get(name, []):
            ws.merge_cells(ref)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def problems(raw: bytes, file: str, rulebook: Rulebook) -> list[Problem]:
    with pytest.raises(LedgerError) as info:
        fitted_ledger(read_sheet(raw, file, rulebook), rulebook)
    return list(info.value.problems)


def places(found: list[Problem]) -> list[tuple[str, int, int, str]]:
    return [(p.file, p.line, p.column, p.code) for p in found]


def ledger_of(raw: bytes, file: str, rulebook: Rulebook) -> Any:
    return fitted_ledger(read_sheet(raw, file, rulebook), rulebook)


# ---------------------------------------------------------------- the whole ledger


def test_the_hand_made_workbook_is_the_whole_ledger(rulebook: Rulebook) -> None:
    ledger = ledger_of(clean_book().to_bytes(), "clean.xlsx", rulebook)
    assert summary(ledger) == CLEAN_LEDGER
    assert evaluate(rulebook, ledger).total == Decimal("95.62")


def test_the_csv_twin_is_the_same_ledger(rulebook: Rulebook) -> None:
    ledger = ledger_of(CLEAN_CSV.encode(), "ledger.csv", rulebook)
    assert summary(ledger) == CLEAN_LEDGER
    assert ledger.records[1].note == "同一案件\n两人"  # a quoted line break stays in its cell


def test_details_above_the_header_instead_of_a_details_sheet(rulebook: Rulebook) -> None:
    raw = workbook(
        {
            "台账": [
                ["被考核单位", "市妇联"],
                ["考核期", "2026年度"],
                ["规则库", "shifulian-mofan-jiguan"],
                ["版本", "2026.1"],
                [],
                HEADER,
                [1, 3, "完成质量和标准差", None, 2, "2026.9.30", "x"],
            ]
        }
    )
    ledger = ledger_of(raw, "one.xlsx", rulebook)
    assert ledger.unit == "市妇联"
    assert (str(ledger.period.start), str(ledger.period.end)) == ("2026-01-01", "2026-12-31")
    assert ledger.rulebook is not None
    assert ledger.rulebook.version == "2026.1"
    assert [(r.item, r.situation, r.count, str(r.date)) for r in ledger.records] == [
        (3, "poor_quality", 2, "2026-09-30")
    ]


def test_a_period_in_one_cell_or_two(rulebook: Rulebook) -> None:
    for row in (
        ["考核期", "2026-01-01 至 2026-06-30"],
        ["考核期", "2026/1/1", "2026/6/30"],
        ["period", "2026年1月1日～2026年6月30日"],
    ):
        raw = workbook({"台账": [row, HEADER]})
        ledger = ledger_of(raw, "p.xlsx", rulebook)
        assert ledger.period is not None
        assert (str(ledger.period.start), str(ledger.period.end)) == ("2026-01-01", "2026-06-30")


def test_peek_reads_the_period_and_pin_before_a_rulebook_is_chosen(tmp_path: Path) -> None:
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(clean_book().to_bytes())
    period, pin = peek_ledger(path)
    assert period is not None
    assert str(period.start) == "2026-01-01"
    assert pin == ("shifulian-mofan-jiguan", "2026.1")
    csv_path = tmp_path / "ledger.csv"
    csv_path.write_text(CLEAN_CSV, encoding="utf-8")
    assert peek_ledger(csv_path)[1] == ("shifulian-mofan-jiguan", "2026.1")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    assert peek_ledger(broken) == (None, None)


def test_load_ledger_reads_a_sheet_file(tmp_path: Path, rulebook: Rulebook) -> None:
    path = tmp_path / "台账.xlsx"
    path.write_bytes(clean_book().to_bytes())
    assert summary(load_ledger(path, rulebook)) == CLEAN_LEDGER


# ---------------------------------------------------------------- labels


def test_labels_pass_through_and_are_fitted_to_keys(rulebook: Rulebook) -> None:
    raw = workbook(
        {
            "基本信息": [["项目", "内容"], ["备注", "标签即键"]],
            "台账": [
                ["条目", "情形", "档次", "调整"],
                [12, "干部被立案查处", "党纪政务轻处分", "非市管干部"],
                [12, "cadre_case", "exempted", "non_city_managed"],
            ],
            "表彰": [
                ["级别", "类别", "调整"],
                ["国家部委和省委、省政府", "综合工作", "以办公厅名义下发"],
            ],
            "考核数据": [["指标", "数值"], ["机关服务满意度测评满意率", "97.5%"]],
        }
    )
    ledger = ledger_of(raw, "labels.xlsx", rulebook)
    assert ledger.note == "标签即键"
    assert [(r.situation, r.tier, r.modifiers) for r in ledger.records] == [
        ("cadre_case", "light_sanction", ["non_city_managed"]),
        ("cadre_case", "exempted", ["non_city_managed"]),
    ]
    assert [(a.level, a.scope, a.modifiers) for a in ledger.awards] == [
        ("provincial", "comprehensive", ["general_office"])
    ]
    assert ledger.measures == {"satisfaction_rate": Decimal("0.975")}


def test_a_mistyped_label_gets_did_you_mean_at_its_cell(rulebook: Rulebook) -> None:
    raw = workbook({"台账": [["条目", "情形", "档次"], [12, "干部被立案查", "党纪政务轻处分"]]})
    (found,) = problems(raw, "typo.xlsx", rulebook)
    assert (found.file, found.line, found.column, found.code) == (
        "typo.xlsx[台账]",
        2,
        2,
        "item_has_no_situation",
    )
    assert "cadre_case (干部被立案查处)" in found.hint


# ---------------------------------------------------------------- Excel's habits


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2026/4/18", "2026-04-18"),
        ("2026年4月18日", "2026-04-18"),
        ("2026.9.30", "2026-09-30"),
        ("2026-4-8", "2026-04-08"),
        ("2026/4/18 0:00:00", "2026-04-18"),
        ("２０２６／４／１８", "2026-04-18"),
        ("20260418", "2026-04-18"),
        (46130, "2026-04-18"),  # an Excel date serial in a plain number cell
        (dt.datetime(2026, 4, 18, 9, 30), "2026-04-18"),  # a real date cell
        (dt.date(2026, 4, 18), "2026-04-18"),
    ],
)
def test_dates_as_excel_writes_them(written: object, day: str, rulebook: Rulebook) -> None:
    raw = workbook({"台账": [["条目", "情形", "日期"], [3, "完成质量和标准差", written]]})
    assert str(ledger_of(raw, "d.xlsx", rulebook).records[0].date) == day


@pytest.mark.parametrize("written", ["2026/2/30", "4月18日", "2026", 12, "明天"])
def test_a_date_that_is_no_date_is_refused_at_its_cell(written: object, rulebook: Rulebook) -> None:
    raw = workbook({"台账": [["条目", "情形", "日期"], [3, "完成质量和标准差", written]]})
    assert places(problems(raw, "d.xlsx", rulebook)) == [("d.xlsx[台账]", 2, 3, "sheet_bad_date")]


@pytest.mark.parametrize(
    "written",
    [
        12,
        12.0,
        "12",
        "第12项",
        "第 12 条",
        "12. 严明党的各项纪律",
        "12、严明党的各项纪律",
        "１２",
        "12 纪律",
    ],
)
def test_item_cells_as_people_write_them(written: object, rulebook: Rulebook) -> None:
    raw = workbook(
        {"台账": [["条目", "情形", "档次"], [written, "干部被立案查处", "党纪政务轻处分"]]}
    )
    assert ledger_of(raw, "i.xlsx", rulebook).records[0].item == 12


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("12. 坚决贯彻党中央决策部署", "sheet_item_title"),
        ("十二", "sheet_bad_item"),
        ("12.5", "sheet_bad_item"),
    ],
)
def test_an_item_cell_that_contradicts_itself_is_refused(
    written: str, code: str, rulebook: Rulebook
) -> None:
    raw = workbook(
        {"台账": [["条目", "情形", "档次"], [written, "干部被立案查处", "党纪政务轻处分"]]}
    )
    assert places(problems(raw, "i.xlsx", rulebook)) == [("i.xlsx[台账]", 2, 1, code)]


def test_serial_number_column_is_never_the_item(rulebook: Rulebook) -> None:
    raw = workbook(
        {
            "台账": [
                ["序号", "条目", "情形"],
                [1, 3, "完成质量和标准差"],
                [2, 3, "完成质量和标准差"],
                [3],
            ]
        }
    )
    ledger = ledger_of(raw, "s.xlsx", rulebook)
    assert [r.item for r in ledger.records] == [3, 3]  # row 4 holds only its number: skipped


def test_serial_number_without_an_item_column_is_not_the_item(rulebook: Rulebook) -> None:
    raw = workbook({"台账": [["序号", "情形"], [12, "完成质量和标准差"]]})
    found = problems(raw, "s.xlsx", rulebook)
    assert [(p.code, p.pointer) for p in found] == [("missing_key", "/records/0")]


def test_one_point_zero_in_a_count_column_is_one(rulebook: Rulebook) -> None:
    raw = workbook(
        {
            "台账": [
                ["条目", "情形", "次数"],
                [3, "完成质量和标准差", 1.0],
                [3, "完成质量和标准差", "2.0"],
            ],
            "考核数据": [["指标", "数值"], ["意识形态工作分析研判次数", 2.0]],
        }
    )
    ledger = ledger_of(raw, "c.xlsx", rulebook)
    assert [r.count for r in ledger.records] == [1, 2]
    assert ledger.measures == {"half_yearly_analyses": 2}
    assert isinstance(ledger.measures["half_yearly_analyses"], int)


def test_a_count_of_one_and_a_half_is_refused_by_the_model(rulebook: Rulebook) -> None:
    raw = workbook({"台账": [["条目", "情形", "次数"], [3, "完成质量和标准差", 1.5]]})
    (found,) = problems(raw, "c.xlsx", rulebook)
    assert (found.line, found.column, found.pointer) == (2, 3, "/records/0/count")


def test_merged_cells_continue_downwards_into_rows_with_data(rulebook: Rulebook) -> None:
    raw = workbook(
        {
            "台账": [
                ["2026年度扣分台账"],
                ["条目", "情形", "档次"],
                [12, "干部被立案查处", "党纪政务轻处分"],
                [None, "干部被立案查处", "移送司法机关"],
                [None, "造成严重后果或恶劣影响的追责案件", "在全市造成严重后果或恶劣影响"],
                [],
                [3, "完成质量和标准差"],
            ]
        },
        merges={"台账": ["A1:C1", "A3:A6"]},
    )
    ledger = ledger_of(raw, "m.xlsx", rulebook)
    assert [(r.item, r.situation) for r in ledger.records] == [
        (12, "cadre_case"),
        (12, "cadre_case"),
        (12, "accountability_case"),
        (3, "poor_quality"),
    ]


def test_a_title_row_above_the_header_is_recognised(rulebook: Rulebook) -> None:
    raw = workbook(
        {
            "台账": [
                ["市妇联 2026 年度扣分台账"],
                ["（第一季度）"],
                ["条目", "情形"],
                [3, "完成质量和标准差"],
            ]
        }
    )
    assert len(ledger_of(raw, "t.xlsx", rulebook).records) == 1


def test_headers_in_english_chinese_or_both(rulebook: Rulebook) -> None:
    for header in (["item", "situation"], ["条目 item", "情形（必填）"], ["项目", "扣分情形"]):
        raw = workbook({"Sheet1": [header, [3, "poor_quality"]]})
        assert ledger_of(raw, "h.xlsx", rulebook).records[0].situation == "poor_quality"


def test_a_header_repeated_over_its_own_table_is_not_a_second_table(rulebook: Rulebook) -> None:
    header = ["条目", "情形"]
    row = [3, "完成质量和标准差"]
    raw = workbook({"台账": [header, row, header, row]})
    assert len(ledger_of(raw, "r.xlsx", rulebook).records) == 2
    raw = workbook({"台账": [header, row, ["条目", "情形", "备注"], row]})  # another table: refused
    assert [p.code for p in problems(raw, "r.xlsx", rulebook)] == ["sheet_second_table"]


def test_two_columns_meaning_the_same_field_are_an_error(rulebook: Rulebook) -> None:
    raw = workbook({"台账": [["条目", "情形", "项目"], [3, "完成质量和标准差", 4]]})
    found = problems(raw, "two.xlsx", rulebook)
    assert places(found) == [("two.xlsx[台账]", 1, 3, "sheet_duplicate_column")]
    assert "'项目'" in found[0].message
    assert "A ('条目')" in found[0].message


def test_an_unknown_column_is_refused_with_did_you_mean(rulebook: Rulebook) -> None:
    raw = workbook({"台账": [["条目", "情形", "档此"], [3, "完成质量和标准差", "x"]]})
    (found,) = problems(raw, "u.xlsx", rulebook)
    assert (found.line, found.column, found.code) == (1, 3, "sheet_unknown_column")
    assert "档次" in found.hint


def test_a_value_without_a_header_is_refused_at_its_cell(rulebook: Rulebook) -> None:
    raw = workbook({"台账": [["条目", "情形"], [3, "完成质量和标准差", "多余"]]})
    assert places(problems(raw, "v.xlsx", rulebook)) == [
        ("v.xlsx[台账]", 2, 3, "sheet_value_without_header")
    ]


def test_rows_before_any_header_are_refused_once(rulebook: Rulebook) -> None:
    raw = workbook({"台账": [["随便", "写写"], ["没有", "表头"], ["条目", "情形"]]})
    assert places(problems(raw, "n.xlsx", rulebook)) == [("n.xlsx[台账]", 1, 1, "sheet_no_header")]


def test_a_sheet_of_lone_cells_is_not_silently_empty(rulebook: Rulebook) -> None:
    raw = "条目\t情形\n".replace("\t", "|").encode()  # neither comma nor tab: one cell a row
    assert places(problems(raw, "lone.csv", rulebook)) == [("lone.csv", 1, 1, "sheet_no_header")]


def test_a_figure_by_label_with_a_rank(rulebook: Rulebook) -> None:
    raw = workbook(
        {
            "考核数据": [
                ["指标", "名次", "参评总数", "并列", "得分"],
                ["综治民调全市排名及得分", 5, 120, 2, 92.5],
            ]
        }
    )
    poll = ledger_of(raw, "r.xlsx", rulebook).measures["public_security_poll"]
    assert (poll.rank, poll.of, poll.tied, poll.score) == (5, 120, 2, Decimal("92.5"))


def test_the_same_figure_twice_is_an_error_not_last_one_wins(rulebook: Rulebook) -> None:
    raw = workbook(
        {
            "考核数据": [
                ["指标", "数值"],
                ["意识形态工作分析研判次数", 2],
                ["意识形态工作分析研判次数", 1],
            ]
        }
    )
    assert places(problems(raw, "f.xlsx", rulebook)) == [
        ("f.xlsx[考核数据]", 3, 1, "sheet_figure_twice")
    ]


def test_a_figure_by_key_and_by_label_is_given_twice(rulebook: Rulebook) -> None:
    raw = workbook(
        {
            "考核数据": [
                ["指标", "数值"],
                ["意识形态工作分析研判次数", 2],
                ["half_yearly_analyses", 1],
            ]
        }
    )
    assert "figure_twice" in [p.code for p in problems(raw, "f.xlsx", rulebook)]


def test_a_detail_given_twice_is_an_error(rulebook: Rulebook) -> None:
    raw = workbook(
        {
            "基本信息": [["被考核单位", "甲"], ["考核期", "2026年度"]],
            "台账": [["单位", "乙"], ["条目", "情形"]],
        }
    )
    assert places(problems(raw, "twice.xlsx", rulebook)) == [
        ("twice.xlsx[台账]", 1, 1, "sheet_info_twice")
    ]
    raw = workbook({"基本信息": [["考核期", "2026年度"], ["考核期开始", "2026-02-01"]]})
    assert [p.code for p in problems(raw, "twice.xlsx", rulebook)] == ["sheet_info_twice"]


def test_a_blank_figure_row_is_left_out_and_its_place_kept(rulebook: Rulebook) -> None:
    raw = workbook(
        {"考核数据": [["指标", "类型", "数值"], ["意识形态工作分析研判次数", "计数", None]]}
    )
    doc = read_sheet(raw, "b.xlsx", rulebook)
    assert "measures" not in doc.data
    place = doc.locate(("measures", "half_yearly_analyses"))
    assert (place.file, place.line, place.column) == ("b.xlsx[考核数据]", 2, 3)


def test_a_detail_left_blank_keeps_its_place_for_messages(rulebook: Rulebook) -> None:
    raw = workbook({"基本信息": [["单位类别", None], ["备注", "x"]]})
    doc = read_sheet(raw, "c.xlsx", rulebook)
    assert "class" not in doc.data
    place = doc.locate(("class",))
    assert (place.file, place.line, place.column) == ("c.xlsx[基本信息]", 1, 2)


# ---------------------------------------------------------------- every problem at once


def test_every_problem_of_the_file_at_once_cells_and_fitting(rulebook: Rulebook) -> None:
    raw = workbook(
        {
            "台账": [
                ["条目", "情形", "档次", "日期"],
                [12, "干部被立案查处", "党纪政务轻处分", "2026/2/30"],  # a bad date (the reader)
                [12, "干部被立案查", "党纪政务轻处分", "2026/3/1"],  # an unknown label (fitting)
                [99, "x", None, None],  # no such item (fitting)
            ]
        }
    )
    found = problems(raw, "all.xlsx", rulebook)
    assert [(p.line, p.column, p.code) for p in found] == [
        (2, 4, "sheet_bad_date"),
        (3, 2, "item_has_no_situation"),
        (4, 1, "no_such_item"),
    ]
    for p in found:
        assert p.message_zh
        assert p.text("zh") != p.text("en")


def test_an_entry_refused_by_the_reader_is_not_reported_again(rulebook: Rulebook) -> None:
    raw = workbook({"台账": [["条目", "情形"], ["十二", "干部被立案查处"]]})
    assert [p.code for p in problems(raw, "once.xlsx", rulebook)] == ["sheet_bad_item"]


def test_a_pin_to_another_edition_is_placed_at_its_cell(rulebook: Rulebook) -> None:
    raw = workbook({"基本信息": [["规则库", "shifulian-mofan-jiguan"], ["版本", "2025.1"]]})
    found = problems(raw, "pin.xlsx", rulebook)
    assert places(found) == [("pin.xlsx[基本信息]", 1, 2, "pinned_elsewhere")]


# ---------------------------------------------------------------- CSV


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_csv_in_the_encodings_excel_saves(encoding: str, rulebook: Rulebook) -> None:
    body = CLEAN_CSV.replace(",", "\t") if encoding == "utf-16" else CLEAN_CSV
    assert summary(ledger_of(body.encode(encoding), "e.csv", rulebook)) == CLEAN_LEDGER


def test_csv_that_is_no_text_is_refused(rulebook: Rulebook) -> None:
    lone_surrogate = b"\xff\xfe\x00\xd8" + b"\x80" * 3  # UTF-16 by its BOM, then half a character
    for raw in (lone_surrogate, b"a,b\n\x81\x30\xff"):
        assert places(problems(raw, "x.csv", rulebook)) == [("x.csv", 0, 0, "sheet_not_text")]


def test_csv_rows_are_numbered_as_excel_shows_them(rulebook: Rulebook) -> None:
    body = '条目,情形,备注\n3,完成质量和标准差,"两行\n的备注"\n3,完成质量和标准差x,\n'
    (found,) = problems(body.encode(), "rows.csv", rulebook)
    assert (found.line, found.column) == (3, 2)


def test_csv_formula_guard_is_read_back_as_the_text_written(rulebook: Rulebook) -> None:
    body = "条目,情形,备注\n3,完成质量和标准差,'=1+1\n"
    assert ledger_of(body.encode(), "g.csv", rulebook).records[0].note == "=1+1"


def test_hand_made_cells_inline_and_shared_read_the_same(rulebook: Rulebook) -> None:
    book = clean_book()
    book.inline = True
    assert summary(ledger_of(book.to_bytes(), "inline.xlsx", rulebook)) == CLEAN_LEDGER


def test_a_date_style_makes_a_number_a_date_wherever_it_is(rulebook: Rulebook) -> None:
    book = Book([Sheet("台账", {1: {1: text("条目"), 2: text("情形"), 3: text("备注")},
                               2: {1: num(3), 2: text("完成质量和标准差"), 3: num(46130, DATE)}})])  # fmt: skip
    assert ledger_of(book.to_bytes(), "ds.xlsx", rulebook).records[0].note == "2026-04-18"


def test_the_1904_date_system(rulebook: Rulebook) -> None:
    book = Book([Sheet("台账", {1: {1: text("条目"), 2: text("情形"), 3: text("日期")},
                               2: {1: num(3), 2: text("完成质量和标准差"), 3: C("44668", "n", DATE)}})])  # fmt: skip
    book.date1904 = True
    assert str(ledger_of(book.to_bytes(), "1904.xlsx", rulebook).records[0].date) == "2026-04-18"


# ------------------------------------------------------------------ figures placed at their rows

SHEETS_EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sheets" / "typical-year.csv"


def test_a_figure_named_by_its_label_is_placed_at_its_own_row(rulebook: Rulebook) -> None:
    from mofan_rules.ledger import read_ledger

    loaded = read_ledger(SHEETS_EXAMPLE, rulebook)
    lines = SHEETS_EXAMPLE.read_text("utf-8-sig").splitlines()
    # The figures are written by their labels; the trail names them by key.
    for key, label in (
        ("satisfaction_rate", "机关服务满意度测评满意率"),
        ("supervisor_indicator_rank", "上级主管部门考核指标全省排名"),
    ):
        row = next(i for i, line in enumerate(lines, 1) if line.startswith(label + ","))
        file, line = loaded.place_of(f"/measures/{key}")
        assert (Path(file).name, line) == (SHEETS_EXAMPLE.name, row)


def test_a_figure_left_out_of_a_workbook_is_placed_at_its_blank_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mofan_rules.cli import main

    book = tmp_path / "ledger.xlsx"
    assert main(["template", "--out", str(book)]) == 0
    wb = openpyxl.load_workbook(book)
    figures = wb["考核数据"]
    rows = {figures.cell(r, 1).value: r for r in range(2, figures.max_row + 1)}
    figures.cell(rows["机关服务满意度测评满意率"], 4).value = "95%"
    wb.save(book)
    capsys.readouterr()
    assert main(["score", str(book), "--strict", "--lang", "en"]) != 0
    err = capsys.readouterr().err
    # why: the template's blank line for monthly studies, at its 数值 (value) column, D
    row = rows["党组理论学习中心组学习次数"]
    assert (
        f"ledger.xlsx[考核数据]:{row}:4: /measures/monthly_studies: figure 'monthly_studies'" in err
    )
    assert main(["score", str(book), "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert f"ledger.xlsx[考核数据]:{row}:4: warning: /measures/monthly_studies:" in err
