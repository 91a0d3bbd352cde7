"""Reading a 任务分解表 from Word, Excel and text: one table model, every problem located."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from cases.documents.tables import PRINTED, printed_table, write_docx, write_xlsx
from mofan_rules.cli import main
from mofan_rules.drafting import Column, DocTable, _read, read_document
from mofan_rules.errors import DocumentError, Problem

HAN = re.compile("[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def printed() -> tuple[str, list[list[str]]]:
    return printed_table()


def _shape(table: DocTable) -> list[tuple[object, ...]]:
    return [
        (
            row.number,
            row.indicator,
            row.points,
            row.leaders,
            row.departments,
            row.offices,
            tuple(i.number for i in row.items),
            tuple(i.text for i in row.items),
        )
        for row in table.rows
    ]


def test_the_printed_text_reads_as_nine_rows_of_21_items() -> None:
    table = read_document(PRINTED)
    assert table.title == "市妇联创建“模范机关”规定动作任务分解表"
    assert [r.points for r in table.rows] == [Decimal(p) for p in (10, 10, 8, 7, 15, 5, 18, 2, 25)]
    assert sum(r.points for r in table.rows) == 100
    assert [i.number for i in table.items] == list(range(1, 22))
    row7 = table.rows[6]
    assert [i.number for i in row7.items] == [11, 12, 13, 14, 15, 16]
    assert row7.printed == 2  # 18分 printed twice across a page break: one pool
    assert table.rows[3].departments == ("市委宣传部",)  # blank: continues the cell above
    assert Column.DEPARTMENTS in table.rows[3].continued
    assert table.rows[7].indicator == "带头联系服务群众"
    assert table.rows[8].leaders == ("金桂兰", "唐莹", "罗姿")  # 唐  莹: one name spaced out
    assert table.rows[8].offices == ("所有部室（中心）",)  # 所有 / 部室 / （中心）: wrapped
    assert table.rows[4].offices == ("组织部", "机关党支部")
    (bonus,) = table.bonuses
    assert bonus.row == 9
    assert bonus.text.startswith("履职尽责工作实行加分制度")
    item4 = table.items[3]
    assert (item4.where.file, item4.where.line) == ("docs/source/task-breakdown-table.txt", 31)


def test_word_and_excel_read_as_the_printed_text(
    tmp_path: Path, printed: tuple[str, list[list[str]]]
) -> None:
    title, rows = printed
    text = read_document(PRINTED)
    word = read_document(write_docx(tmp_path / "2026.docx", title, rows))
    excel = read_document(write_xlsx(tmp_path / "2026.xlsx", title, rows))
    assert _shape(word) == _shape(text) == _shape(excel)
    assert word.title == excel.title == text.title
    assert [b.text for b in word.bonuses] == [b.text for b in text.bonuses]
    assert str(word.items[0].where).endswith("2026.docx[表1]:2:2")
    assert str(excel.items[0].where).endswith("2026.xlsx[任务分解表]:3:2")


def test_merged_points_make_one_pool(tmp_path: Path, printed: tuple[str, list[list[str]]]) -> None:
    """Items 6–9 each in their own table row, the 分值 and people cells merged over them."""
    import docx

    title, rows = printed
    row5 = next(r for r in rows if r[1].startswith("6."))
    at = rows.index(row5)
    items = row5[1].split("\n")
    split = [[row5[0], items[0], *row5[2:]]] + [["", item, "", "", "", ""] for item in items[1:]]
    path = write_docx(
        tmp_path / "split.docx", title, [*rows[:at], *split, *rows[at + 1 :]], merge_blanks=False
    )
    document = docx.Document(str(path))
    grid = document.tables[0]
    for column in (0, 2, 3, 4, 5):
        grid.cell(at, column).merge(grid.cell(at + len(items) - 1, column))
    document.save(str(path))
    table = read_document(path)
    assert _shape(table) == _shape(read_document(PRINTED))


def test_word_automatic_numbering(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("自动编号的任务分解表")
    grid = document.add_table(rows=2, cols=6)
    for c, name in enumerate(
        ("考评指标", "考评办法", "分值", "责任领导", "考核部门", "本会责任部室")
    ):
        grid.cell(0, c).text = name
    cells = grid.rows[1].cells
    cells[0].text, cells[2].text, cells[3].text, cells[4].text, cells[5].text = (
        "指标",
        "5分",
        "张三",
        "市委办",
        "办公室",
    )
    cells[1].paragraphs[0].text = "落实甲工作。未完成的，每项扣1分。此项最多扣3分。"
    cells[1].paragraphs[0].style = "List Number"
    cells[1].add_paragraph(
        "落实乙工作。未完成的，每项扣0.5分。此项最多扣2分。", style="List Number"
    )
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    table = read_document(path)
    assert [i.text[:6] for i in table.items] == ["1.落实甲工", "2.落实乙工"]


# ---------------------------------------------------------------- bad input


def _problems(path: Path) -> tuple[Problem, ...]:
    with pytest.raises(DocumentError) as info:
        read_document(path)
    for problem in info.value.problems:
        assert problem.message_zh, problem
        assert HAN.search(problem.text("zh")), problem
        assert problem.text("zh") != problem.text("en")
    return info.value.problems


def _table(tmp_path: Path, name: str, rows: list[list[str]]) -> Path:
    return write_docx(tmp_path / name, "表", rows, merge_blanks=False)


HEADER = ["考评指标", "考评办法", "分值", "责任领导", "考核部门", "本会责任部室"]


def test_no_table(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("今年的任务分解表见附件。")
    path = tmp_path / "letter.docx"
    document.save(str(path))
    (problem,) = _problems(path)
    assert problem.code == "doc_no_table"
    assert problem.file == "letter.docx" or problem.file.endswith("letter.docx")


def test_wrong_columns(tmp_path: Path) -> None:
    header = ["考核指标", "考评办法", "分值", "责任领导", "考核部门", "扣分情况"]
    path = _table(
        tmp_path,
        "cols.docx",
        [header, ["指标", "1.甲。每项扣1分。", "5分", "张三", "市委办", "办公室"]],
    )
    problems = _problems(path)
    codes = [p.code for p in problems]
    assert codes.count("doc_unknown_column") == 2
    assert codes.count("doc_missing_column") == 2
    unknown = next(p for p in problems if "考核指标" in p.message)
    assert (unknown.line, unknown.column) == (1, 1)
    assert "考评指标" in unknown.hint  # did you mean


def test_columns_in_another_order_and_a_serial_number_column(tmp_path: Path) -> None:
    header = [
        "序号",
        "考评办法",
        "考评指标",
        "分值",
        "本会责任部室",
        "考核部门",
        "责任领导",
        "备注",
    ]
    row = ["1", "1.一。每项扣1分。此项最多扣2分。", "甲", "5分", "办公室", "市委办", "张三", "无"]
    table = read_document(
        write_docx(tmp_path / "order.docx", "表", [header, row], merge_blanks=False)
    )
    (only,) = table.rows
    assert (only.indicator, only.points, only.leaders, only.departments, only.offices) == (
        "甲",
        Decimal(5),
        ("张三",),
        ("市委办",),
        ("办公室",),
    )


def test_numbering_gaps_and_duplicates_are_all_reported(tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["甲", "1.一。每项扣1分。\n2.二。每项扣1分。", "5分", "张三", "市委办", "办公室"],
        ["乙", "4.四。每项扣1分。\n4.又四。每项扣1分。", "5分", "李四", "市委办", "办公室"],
    ]
    problems = _problems(_table(tmp_path, "numbers.docx", rows))
    assert [(p.code, p.line, p.column) for p in problems] == [
        ("doc_item_gap", 3, 2),
        ("doc_item_twice", 3, 2),
    ]
    assert "numbers.docx[表1]" in problems[0].file
    assert "第 3 条" in problems[0].text("zh")


def test_unreadable_points_and_text_before_the_first_item(tmp_path: Path) -> None:
    rows = [HEADER, ["甲", "说明文字\n1.一。每项扣1分。", "五分", "张三", "市委办", "办公室"]]
    codes = sorted(p.code for p in _problems(_table(tmp_path, "bad.docx", rows)))
    assert codes == ["doc_bad_points", "doc_text_before_item"]


def test_protected_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (problem,) = _problems(path)
    assert problem.code == "doc_protected"


def test_corrupt_file(tmp_path: Path, printed: tuple[str, list[list[str]]]) -> None:
    good = write_docx(tmp_path / "good.docx", *printed).read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(good[: len(good) // 2])
    (problem,) = _problems(path)
    assert problem.code == "doc_corrupt"
    junk = tmp_path / "junk.xlsx"
    with zipfile.ZipFile(junk, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    assert [p.code for p in _problems(junk)] == ["doc_corrupt"]


def test_oversized_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, printed: tuple[str, list[list[str]]]
) -> None:
    path = write_docx(tmp_path / "big.docx", *printed)
    monkeypatch.setattr(_read, "MAX_DOCUMENT_BYTES", 1000)
    assert [p.code for p in _problems(path)] == ["file_too_large"]
    monkeypatch.setattr(_read, "MAX_DOCUMENT_BYTES", 10**7)
    monkeypatch.setattr(_read, "MAX_UNPACKED_BYTES", 10_000)
    assert [p.code for p in _problems(path)] == ["doc_unpacks_too_large"]


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\x00" * (_read.MAX_UNPACKED_BYTES + 1))
    path = tmp_path / "bomb.docx"
    path.write_bytes(buffer.getvalue())
    assert [p.code for p in _problems(path)] == ["doc_unpacks_too_large"]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("table.pdf", "doc_unsupported"),
        ("table.doc", "doc_old_format"),
        ("noext", "doc_unsupported"),
    ],
)
def test_kinds_of_file_it_does_not_read(tmp_path: Path, name: str, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4")
    assert [p.code for p in _problems(path)] == [code]


def test_text_that_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\x00\x01\x02")
    assert [p.code for p in _problems(path)] == ["doc_not_text"]


def test_a_gbk_text_file_reads(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(PRINTED.read_text(encoding="utf-8").encode("gb18030"))
    assert _shape(read_document(path)) == _shape(read_document(PRINTED))


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert [p.code for p in _problems(tmp_path / "none.docx")] == ["no_such_file"]
    folder = tmp_path / "dir.docx"
    folder.mkdir()
    assert [p.code for p in _problems(folder)] == ["is_a_folder"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_command_prints_located_problems_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    rows = [
        HEADER,
        ["甲", "1.一。每项扣1分。\n3.三。每项扣1分。", "5分", "张三", "市委办", "办公室"],
    ]
    path = _table(tmp_path, "gap.docx", rows)
    rulebook = Path(__file__).resolve().parent.parent / "rulebooks" / "shifulian-2026.yaml"
    assert main(["compare", str(rulebook), str(path), "--lang", lang]) == 1
    err = capsys.readouterr().err
    assert "gap.docx[表1]:2:2" in err
    assert ("编号不连续" if lang == "zh" else "numbering has a gap") in err
    assert "Traceback" not in err
    assert main(["draft", str(path), "--out", str(tmp_path / "x.yaml"), "--lang", lang]) == 1
    assert not (tmp_path / "x.yaml").exists()
