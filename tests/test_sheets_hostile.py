"""Hostile and broken spreadsheets: read for what they hold, within bounds, refused at their place.

One section per class of defect (issue #13 §2). Workbooks are written by
hand (``tests/fuzz/sheets_book.py``) so that what openpyxl would never write
(a stale dimension, a formula without a result, NaN, a lying zip header)
can be written. Memory is checked with tracemalloc; time is not checked here
(``scripts/fuzz_sheets.py`` reports it).
"""

from __future__ import annotations

import struct
import tracemalloc
import zipfile
from collections.abc import Callable

import pytest

from fuzz.sheets_book import CLEAN_LEDGER, DATE, C, Sheet, clean_book, num, summary, text, zip_parts
from mofan_rules import Rulebook
from mofan_rules.errors import LedgerError, Problem
from mofan_rules.ledger import fitted_ledger
from mofan_rules.ledger._sheets import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, read_sheet
from mofan_rules.source import MAX_PROBLEMS


def refused(raw: bytes, rulebook: Rulebook, file: str = "h.xlsx") -> list[Problem]:
    with pytest.raises(LedgerError) as info:
        fitted_ledger(read_sheet(raw, file, rulebook), rulebook)
    for p in info.value.problems:
        assert p.file == file or p.file.startswith(file + "["), p
        assert p.message_zh, p
        assert p.code, p
    return list(info.value.problems)


def codes(found: list[Problem]) -> list[str]:
    return [p.code for p in found]


def peak_mb(action: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        action()
    except LedgerError:
        pass
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak / 1e6


def records_sheet(book_rows: dict[int, dict[int, C]], **kw: object) -> bytes:
    header = {1: text("条目"), 2: text("情形"), 3: text("备注")}
    sheet = Sheet("台账", {1: header, **book_rows}, **kw)  # type: ignore[arg-type]
    from fuzz.sheets_book import Book

    return Book([sheet]).to_bytes()


def record(note: C | None = None) -> dict[int, C]:
    row = {1: num(3), 2: text("完成质量和标准差")}
    if note is not None:
        row[3] = note
    return row


# ---------------------------------------------------------------- dimensions


@pytest.mark.parametrize(
    "dimension", [None, "A1", "A1:A1", "A1:XFD1048576", "garbage", "", "C3:D4"]
)
def test_the_stored_dimension_is_not_trusted(dimension: str | None, rulebook: Rulebook) -> None:
    book = clean_book()
    for sheet in book.sheets:
        sheet.dimension = dimension
    raw = book.to_bytes()
    ledger = fitted_ledger(read_sheet(raw, "dim.xlsx", rulebook), rulebook)
    assert summary(ledger) == CLEAN_LEDGER  # no row dropped
    assert peak_mb(lambda: read_sheet(raw, "dim.xlsx", rulebook)) < 20  # no million rows made


def test_rows_far_below_a_stale_dimension_are_read(rulebook: Rulebook) -> None:
    raw = records_sheet({2: record(), 900_000: record(text("远处"))}, dimension="A1:C2")
    ledger = fitted_ledger(read_sheet(raw, "far.xlsx", rulebook), rulebook)
    assert [r.note for r in ledger.records] == [None, "远处"]
    place = read_sheet(raw, "far.xlsx", rulebook).locate(("records", 1, "note"))
    assert (place.line, place.column) == (900_000, 3)


# ---------------------------------------------------------------- sizes


def test_a_small_file_of_200000_rows_is_refused_with_bounded_memory(rulebook: Rulebook) -> None:
    row = "<row><c><v>3</v></c><c><v>4</v></c></row>"  # no r="…": 200,000 rows, 6 MB
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + row * 200_000
        + "</sheetData></worksheet>"
    )
    parts = clean_book().parts()
    parts["xl/worksheets/sheet3.xml"] = sheet.encode()
    raw = zip_parts(parts)
    assert len(raw) < 100_000
    found = refused(raw, rulebook)
    assert codes(found) == ["sheet_too_many_rows"]
    # Two sheets before it hold 8 rows with data: the bound is for the whole workbook.
    assert (found[0].file, found[0].line) == ("h.xlsx[台账]", MAX_ROWS - 8 + 1)
    assert peak_mb(lambda: read_sheet(raw, "h.xlsx", rulebook)) < 80


@pytest.mark.parametrize("lie", [False, True])
def test_a_32_mib_cell_is_refused_before_or_while_unpacking(lie: bool, rulebook: Rulebook) -> None:
    book = clean_book()
    book.sheets[2].rows[5][8] = text("长" * (11 * 1024 * 1024))  # 33 MB of UTF-8
    raw = book.to_bytes()
    if lie:  # every member claims 100 bytes: unpacking must stop by itself
        data = bytearray(raw)
        for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
            at = 0
            while (at := data.find(signature, at)) >= 0:
                struct.pack_into("<I", data, at + offset, 100)
                at += 4
        raw = bytes(data)
    assert len(raw) < 200_000
    found = refused(raw, rulebook)
    assert codes(found)[-1] in ("xlsx_part_too_large", "xlsx_part_unreadable", "xlsx_bad_xml")
    assert peak_mb(lambda: read_sheet(raw, "h.xlsx", rulebook)) < 60


def test_a_cell_longer_than_the_bound_is_refused_at_its_cell(rulebook: Rulebook) -> None:
    raw = records_sheet({2: record(text("长" * (MAX_CELL_CHARS + 1)))})
    assert [(p.line, p.column, p.code) for p in refused(raw, rulebook)] == [
        (2, 3, "sheet_cell_too_long")
    ]


def test_a_value_beyond_the_last_column_is_refused_at_its_cell(rulebook: Rulebook) -> None:
    raw = records_sheet({2: {**record(), MAX_COLUMNS + 1: text("x"), 16384: text("y")}})
    found = refused(raw, rulebook)
    assert [(p.line, p.column, p.code) for p in found] == [
        (2, MAX_COLUMNS + 1, "sheet_beyond_columns"),
        (2, 16384, "sheet_beyond_columns"),
    ]


def test_millions_of_empty_formatted_cells_are_refused(rulebook: Rulebook) -> None:
    rows = {r: {c: C("", "n", 1, has_value=False) for c in range(1, 11)} for r in range(3, 30_000)}
    raw = records_sheet({2: record(), **rows})
    assert codes(refused(raw, rulebook)) == ["sheet_too_many_cells"]


def test_an_archive_of_thousands_of_members_is_refused(rulebook: Rulebook) -> None:
    parts = clean_book().parts()
    parts.update({f"junk/{i}": b"" for i in range(2_500)})
    assert codes(refused(zip_parts(parts), rulebook)) == ["xlsx_too_many_parts"]


def test_too_many_problems_are_capped(rulebook: Rulebook) -> None:
    raw = records_sheet({r: record(C("NaN")) for r in range(2, 400)})
    found = refused(raw, rulebook)
    assert len(found) == MAX_PROBLEMS + 1
    assert found[-1].code == "too_many_problems"


# ---------------------------------------------------------------- formulas


def test_a_formula_without_a_stored_result_is_an_error_naming_the_cell(rulebook: Rulebook) -> None:
    raw = records_sheet({2: record(C("", "n", formula="SUM(B2:B9)", has_value=False))})
    (found,) = refused(raw, rulebook)
    assert (found.file, found.line, found.column, found.code) == (
        "h.xlsx[台账]",
        2,
        3,
        "xlsx_formula_without_value",
    )
    assert "C2" in found.message
    assert "=SUM(B2:B9)" in found.message
    assert "C2" in found.message_zh


def test_a_formula_openpyxl_wrote_is_refused_not_blank(rulebook: Rulebook) -> None:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["条目", "情形", "次数"])
    ws.append([3, "完成质量和标准差", "=1+1"])
    buffer = io.BytesIO()
    book.save(buffer)
    (found,) = refused(buffer.getvalue(), rulebook)
    assert (found.line, found.column, found.code) == (2, 3, "xlsx_formula_without_value")


def test_a_formula_with_its_stored_result_reads_as_the_result(rulebook: Rulebook) -> None:
    raw = records_sheet(
        {2: {1: C("3", formula="1+2"), 2: C("完成质量和标准差", "str", formula='"完成"&"…"')}}
    )
    ledger = fitted_ledger(read_sheet(raw, "f.xlsx", rulebook), rulebook)
    assert (ledger.records[0].item, ledger.records[0].situation) == (3, "poor_quality")


def test_an_excel_error_value_is_refused_at_its_cell(rulebook: Rulebook) -> None:
    raw = records_sheet({2: {1: C("#DIV/0!", "e", formula="1/0"), 2: text("完成质量和标准差")}})
    (found,) = refused(raw, rulebook)
    assert (found.line, found.column, found.code) == (2, 1, "xlsx_error_value")


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("NaN", "sheet_number_not_finite"),
        ("INF", "sheet_number_not_finite"),
        ("-Infinity", "sheet_number_not_finite"),
        ("1e308", "sheet_number_too_large"),
        ("1e400", "sheet_number_too_large"),
        ("1E+15", "sheet_number_too_large"),
        ("9" * 60, "sheet_number_too_large"),
        ("12abc", "xlsx_bad_cell"),
        ("1" * 70, "xlsx_bad_cell"),
    ],
)
def test_numbers_that_are_no_figures_are_refused_at_their_cell(
    value: str, code: str, rulebook: Rulebook
) -> None:
    raw = records_sheet({2: {1: C(value), 2: text("完成质量和标准差")}})
    assert [(p.line, p.column, p.code) for p in refused(raw, rulebook)] == [(2, 1, code)]


def test_a_number_is_read_exactly_from_its_shortest_text(rulebook: Rulebook) -> None:
    book = clean_book()
    book.sheets[3].rows[4][2] = num("0.97499999999999998")  # how some writers store 0.975
    ledger = fitted_ledger(read_sheet(book.to_bytes(), "x.xlsx", rulebook), rulebook)
    assert str(ledger.measures["satisfaction_rate"]) == "0.975"


@pytest.mark.parametrize("serial", ["60", "-5", "3000000", "500"])
def test_a_date_serial_that_is_no_day_is_refused(serial: str, rulebook: Rulebook) -> None:
    from fuzz.sheets_book import Book

    header = {1: text("条目"), 2: text("情形"), 3: text("日期")}
    style = DATE if serial != "500" else None  # a plain 500 in a date column: 1901 is a typo
    row = {1: num(3), 2: text("完成质量和标准差"), 3: num(serial, style)}
    (found,) = refused(Book([Sheet("台账", {1: header, 2: row})]).to_bytes(), rulebook)
    assert (found.line, found.column, found.code) == (2, 3, "sheet_bad_date")


# ---------------------------------------------------------------- text


@pytest.mark.parametrize("value", ["_x0001_", "a\x9b31m", "_xD800_", "_x001B_[31m"])
def test_control_characters_in_a_cell_are_refused(value: str, rulebook: Rulebook) -> None:
    raw = records_sheet({2: record(C(value, "inlineStr"))})
    assert [(p.line, p.column, p.code) for p in refused(raw, rulebook)] == [
        (2, 3, "sheet_control_character")
    ]


def test_a_raw_control_character_is_broken_xml_at_its_row(rulebook: Rulebook) -> None:
    raw = records_sheet({2: record(C("a\x01b", "inlineStr"))})
    assert [(p.file, p.line, p.code) for p in refused(raw, rulebook)] == [
        ("h.xlsx[台账]", 2, "xlsx_bad_xml")
    ]


def test_excel_escapes_of_line_breaks_are_text(rulebook: Rulebook) -> None:
    raw = records_sheet({2: record(text("第一行_x000D_\n第二行"))})
    ledger = fitted_ledger(read_sheet(raw, "x.xlsx", rulebook), rulebook)
    assert ledger.records[0].note == "第一行\r\n第二行"


# ---------------------------------------------------------------- broken files


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"", "xlsx_not_zip"),
        (b"PK\x03\x04broken", "xlsx_not_zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "xlsx_old_format"),
        ("条目,情形\n".encode(), "xlsx_not_zip"),
    ],
)
def test_not_a_workbook(raw: bytes, code: str, rulebook: Rulebook) -> None:
    assert codes(refused(raw, rulebook)) == [code]


def test_corrupt_sheet_xml_is_placed_at_its_sheet(rulebook: Rulebook) -> None:
    parts = clean_book().parts()
    body = parts["xl/worksheets/sheet3.xml"]
    parts["xl/worksheets/sheet3.xml"] = body.replace(b"</row>", b"</rwo>", 3)
    (found,) = refused(zip_parts(parts), rulebook)
    assert (found.file, found.code) == ("h.xlsx[台账]", "xlsx_bad_xml")
    assert found.line == 1  # the row being read when the XML broke


def test_a_truncated_workbook_is_refused(rulebook: Rulebook) -> None:
    raw = clean_book().to_bytes()
    for cut in (10, len(raw) // 2, len(raw) - 30):
        assert refused(raw[:cut], rulebook)


def test_a_dtd_is_refused_before_any_entity_expands(rulebook: Rulebook) -> None:
    parts = clean_book().parts()
    laughs = (
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>'
    )
    body = parts["xl/sharedStrings.xml"].decode()
    head, _, rest = body.partition("?>")
    parts["xl/sharedStrings.xml"] = (
        head + "?>" + laughs + rest.replace("市妇联", "&lol2;")
    ).encode()
    assert codes(refused(zip_parts(parts), rulebook)) == ["xlsx_doctype"]


def test_a_damaged_member_is_refused(rulebook: Rulebook) -> None:
    raw = bytearray(clean_book().to_bytes())
    info = zipfile.ZipFile(__import__("io").BytesIO(bytes(raw))).getinfo("xl/worksheets/sheet3.xml")
    start = info.header_offset + 30 + len(info.filename)
    raw[start + 10] ^= 0xFF  # inside the compressed data
    found = refused(bytes(raw), rulebook)
    assert found[-1].code in ("xlsx_part_unreadable", "xlsx_bad_xml")


def test_a_missing_part_is_refused(rulebook: Rulebook) -> None:
    parts = clean_book().parts()
    del parts["xl/worksheets/sheet3.xml"]
    found = refused(zip_parts(parts), rulebook)
    assert (found[0].file, found[0].code) == ("h.xlsx[台账]", "xlsx_missing_part")


# ---------------------------------------------------------------- the same data twice


def test_two_sheets_with_records_are_an_error_not_last_one_wins(rulebook: Rulebook) -> None:
    book = clean_book()
    book.sheets.append(Sheet("台账 (2)", dict(book.sheets[2].rows)))
    found = refused(book.to_bytes(), rulebook)
    assert [(p.file, p.line, p.code) for p in found] == [
        ("h.xlsx[台账 (2)]", 2, "sheet_second_table")
    ]
    assert "h.xlsx[台账] row 2" in found[0].message


def test_two_sheets_pointing_at_one_part_are_an_error(rulebook: Rulebook) -> None:
    parts = clean_book().parts()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    parts["xl/_rels/workbook.xml.rels"] = rels.replace("sheet5.xml", "sheet3.xml").encode()
    assert "sheet_same_part" in codes(refused(zip_parts(parts), rulebook))


def test_two_sheets_of_one_name_are_an_error(rulebook: Rulebook) -> None:
    book = clean_book()
    book.sheets[4].name = "TAIZHANG"
    book.sheets[3].name = "taizhang"
    assert codes(refused(book.to_bytes(), rulebook)) == ["sheet_name_twice"]


def test_the_same_cell_written_twice_is_an_error(rulebook: Rulebook) -> None:
    raw = records_sheet({2: {**record(text("a")), 4: C("x", "inlineStr", ref="C2")}})
    assert "xlsx_cell_twice" in codes(refused(raw, rulebook))


# ---------------------------------------------------------------- merged cells


def test_a_merge_down_to_the_last_row_fills_only_rows_with_data(rulebook: Rulebook) -> None:
    raw = records_sheet(
        {2: record(), 3: {2: text("完成质量和标准差")}, 9: {2: text("完成质量和标准差")}},
        merges=["A2:A1048576"],
    )
    ledger = fitted_ledger(read_sheet(raw, "m.xlsx", rulebook), rulebook)
    assert [r.item for r in ledger.records] == [3, 3, 3]
    assert peak_mb(lambda: read_sheet(raw, "m.xlsx", rulebook)) < 20


def test_overlapping_merges_are_refused(rulebook: Rulebook) -> None:
    raw = records_sheet({2: record(), 3: {2: text("完成质量和标准差")}}, merges=["A2:A3", "A3:B4"])
    found = refused(raw, rulebook)
    assert [(p.line, p.column, p.code) for p in found] == [(3, 1, "sheet_merge_overlap")]


def test_a_value_hidden_under_a_merge_is_refused(rulebook: Rulebook) -> None:
    raw = records_sheet(
        {2: record(), 3: {1: num(4), 2: text("完成质量和标准差")}}, merges=["A2:A3"]
    )
    found = refused(raw, rulebook)
    assert [(p.line, p.column, p.code) for p in found] == [(3, 1, "sheet_merge_hidden_value")]
    assert "A3" in found[0].message
    assert "A2:A3" in found[0].message


@pytest.mark.parametrize("ref", ["B3", "ZZZZ1:A1", ":B3", "A0:A5"])
def test_a_merge_that_is_no_range_is_refused(ref: str, rulebook: Rulebook) -> None:
    raw = records_sheet({2: record()}, merges=[ref])
    found = refused(raw, rulebook) if ref != "B3" else []
    if ref == "B3":  # one cell merged with itself: harmless, nothing to do
        assert fitted_ledger(read_sheet(raw, "m.xlsx", rulebook), rulebook).records
    else:
        assert codes(found) == ["xlsx_bad_reference"]
