"""The spreadsheet writers: ``mofan_rules._workbook`` (CSV and XLSX bytes), read back.

CSV is UTF-8 with a BOM and every text cell inert; XLSX keeps numbers as
numbers shown exactly, a frozen header, filters and dropdown lists, and a
text cell that can never become a formula. Both are read back with the
``csv`` module and openpyxl.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from mofan_rules._workbook import XLSX_CELL_CHARS, Cell, Dropdown, Sheet, csv_bytes, xlsx_bytes

D = Decimal
BOM = b"\xef\xbb\xbf"


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM)
    return list(csv.reader(io.StringIO(data[len(BOM) :].decode("utf-8"), newline="")))


def read_xlsx(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def one_sheet(rows: Sequence[Sequence[Cell]], **layout: object) -> Worksheet:
    book = read_xlsx(xlsx_bytes([Sheet("表", rows, **layout)], creator="test"))  # type: ignore[arg-type]
    ws = book["表"]
    assert isinstance(ws, Worksheet)
    return ws


# ------------------------------------------------------------------ CSV


def test_csv_has_a_bom_and_crlf_line_ends() -> None:
    data = csv_bytes([["名称", "分"], ["党建", D(1)]])
    assert data.startswith(BOM)  # so Excel and WPS read the Chinese as UTF-8
    assert data[len(BOM) :].decode("utf-8") == "名称,分\r\n党建,1\r\n"


def test_csv_quotes_what_needs_quoting() -> None:
    rows: list[list[Cell]] = [["a,b", 'he said "x"', "line\nbreak", "plain"]]
    data = csv_bytes(rows)
    assert b'"a,b","he said ""x""","line\nbreak",plain\r\n' in data
    assert read_csv(data) == rows  # and reads back to the same text


def test_csv_writes_typed_values_as_plain_text() -> None:
    rows: list[list[Cell]] = [[D("1.50"), D("1E+2"), D(0), -3, dt.date(2026, 3, 1), None]]
    # why: decimals without trailing zeros or exponents (1.50 → 1.5, 1E+2 → 100), 0 as 0,
    # a date as ISO, None as an empty cell; a negative number is a number, not a formula
    assert read_csv(csv_bytes(rows)) == [["1.5", "100", "0", "-3", "2026-03-01", ""]]
    assert read_csv(csv_bytes([[D("-2.5")]])) == [["-2.5"]]


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+1", "-x", "@SUM(A1)", "  =x", "\u3000=x", "＝A1", "＋1", "－1", "＠x", "\t=x"],
)
def test_csv_text_that_reads_like_a_formula_is_made_inert(text: str) -> None:
    (row,) = read_csv(csv_bytes([[text]]))
    assert row == ["'" + text]  # a leading apostrophe keeps it text


@pytest.mark.parametrize("text", ["a=b", "1+1", "x-y", "mail@example.org", "007", "（=）"])
def test_csv_other_text_is_left_alone(text: str) -> None:
    assert read_csv(csv_bytes([[text]])) == [[text]]


def test_csv_escapes_control_characters() -> None:
    (row,) = read_csv(csv_bytes([["a\x1b[31mb", "c\x00d"]]))
    assert row == ["a\\u001b[31mb", "c\\u0000d"]  # shown, never obeyed by a terminal


# ------------------------------------------------------------------ XLSX


def test_xlsx_numbers_are_numbers_shown_exactly() -> None:
    ws = one_sheet([["分"], [D("1.50")], [D("0.125")], [D(12)], [7], [D("1E+2")]])
    values = [(c.value, c.data_type, c.number_format) for (c,) in ws.iter_rows(min_row=2)]
    assert values == [
        (1.5, "n", "0.0"),  # why: 1.50 is 1.5: one decimal place shown
        (0.125, "n", "0.000"),  # why: three places
        (12, "n", "0"),  # why: a whole decimal: no places
        (7, "n", "General"),  # an int is written as it is
        (100, "n", "0"),  # why: 1E+2 is 100
    ]


def test_xlsx_dates_and_empty_cells() -> None:
    ws = one_sheet([["日期", "空"], [dt.date(2026, 3, 1), None]])
    assert ws["A2"].value == dt.datetime(2026, 3, 1)  # openpyxl reads a date back as a datetime
    assert ws["A2"].is_date
    assert ws["B2"].value is None


@pytest.mark.parametrize("text", ["=1+1", '=HYPERLINK("http://x")', "+1", "-1", "@x", "＝A1"])
def test_xlsx_a_text_cell_never_becomes_a_formula(text: str) -> None:
    ws = one_sheet([["h"], [text]])
    cell = ws["A2"]
    assert cell.data_type == "s"  # a string, never "f"
    assert cell.value == "'" + text


def test_xlsx_text_that_looks_like_a_number_stays_text() -> None:
    ws = one_sheet([["h"], ["007"], ["1.50"]])
    assert [(ws["A2"].value, ws["A2"].data_type), (ws["A3"].value, ws["A3"].data_type)] == [
        ("007", "s"),
        ("1.50", "s"),
    ]


def test_xlsx_a_text_too_long_for_a_cell_is_cut_and_says_so() -> None:
    ws = one_sheet([["h"], ["x" * (XLSX_CELL_CHARS + 10)]])
    value = ws["A2"].value
    assert isinstance(value, str)
    # why: Excel holds 32767 characters: 32766 of the text and an ellipsis
    assert len(value) == XLSX_CELL_CHARS
    assert value.endswith("…")


def test_xlsx_header_is_bold_and_frozen_and_filters_cover_the_rows() -> None:
    ws = one_sheet([["a", "b", "c"], [1, 2, 3], [4, 5]], filters=True)
    assert ws["A1"].font.b
    assert not ws["A2"].font.b
    assert ws.freeze_panes == "A2"  # why: one header row: rows from 2 scroll
    # why: 3 columns at most (the widest row), 3 rows, header in row 1
    assert ws.auto_filter.ref == "A1:C3"


def test_xlsx_two_header_rows_no_filters_and_an_unfrozen_sheet() -> None:
    ws = one_sheet([["a"], ["b"], [1]], header_rows=2)
    assert ws.freeze_panes == "A3"  # why: two header rows: rows from 3 scroll
    assert ws.auto_filter.ref is None
    assert one_sheet([["a"], [1]], freeze_header=False).freeze_panes is None


def test_xlsx_short_dropdown_lists_are_written_inline() -> None:
    ws = one_sheet([["级别", "类别"]], dropdowns=[Dropdown(2, ("省级", "市级"))])
    (rule,) = ws.data_validations.dataValidation
    assert (rule.type, rule.formula1, str(rule.sqref)) == ("list", '"省级,市级"', "B2:B500")
    assert rule.allow_blank


def test_xlsx_a_dropdown_value_with_a_comma_goes_to_a_hidden_sheet() -> None:
    book = read_xlsx(
        xlsx_bytes(
            [Sheet("表", [["h"]], dropdowns=[Dropdown(1, ("a,b", "c"), last_row=9)])],
            creator="test",
        )
    )
    ws = book["表"]
    assert isinstance(ws, Worksheet)
    (rule,) = ws.data_validations.dataValidation
    assert (rule.formula1, str(rule.sqref)) == ("=_lists!$A$1:$A$2", "A2:A9")
    lists = book["_lists"]
    assert lists.sheet_state == "hidden"
    assert [c.value for c in lists["A"]] == ["a,b", "c"]


def test_xlsx_names_its_creator_and_cuts_long_sheet_titles() -> None:
    book = read_xlsx(xlsx_bytes([Sheet("分" * 40, [["h"]])], creator="test"))
    assert book.properties.creator == "test"
    # why: Excel allows 31 characters in a sheet title
    assert book.sheetnames == ["分" * 31]
    other = read_xlsx(xlsx_bytes([Sheet("s", [["h"]])], creator="someone"))
    assert other.properties.creator == "someone"


def test_xlsx_column_widths_follow_the_widest_cell_or_the_given_width() -> None:
    ws = one_sheet([["党建工作", "ab"], ["x", "abcdef"]], widths=(0, 20))
    # why: 党建工作 takes 8 columns (4 wide characters) + 2 of margin = 10
    assert ws.column_dimensions["A"].width == 10
    # why: the width given, 20, + 2 of margin = 22
    assert ws.column_dimensions["B"].width == 22
