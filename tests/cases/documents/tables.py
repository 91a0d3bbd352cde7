"""The 2026 任务分解表 and its 2027 variant as a person's Word or Excel file, built for tests.

The cells are those of the printed table (``docs/source/task-breakdown-table.txt``:
one block per table row, cells starting with a tab). The Word file is laid
out as an office would lay it out: a title paragraph, a bordered table with
a header row, one paragraph per line of a cell, the blank 考评指标 cells
merged with the cell above, item 5's 考核部门 cell left empty, and a note
under the table. Nothing here reads a table with the package's own code.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PRINTED = ROOT / "docs" / "source" / "task-breakdown-table.txt"

Rows = list[list[str]]

ITEM_22 = "22.认真落实安全生产责任制。发生安全生产责任事故的，每起扣1分。此项最多扣3分。"
NEW_LEADER = "李  华"


def printed_table() -> tuple[str, Rows]:
    """The title and the rows of cells (header first) of the printed 2026 table."""
    title = ""
    rows: Rows = []
    block: list[str] = []
    for line in [*PRINTED.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("\t"):
            block.append(line[1:])
        elif not line.strip():
            if block:
                rows.append(block)
                block = []
        elif block:
            block[-1] += "\n" + line
        elif not rows:
            title = line.strip()
    return title, rows


def variant_2027(rows: Rows) -> Rows:
    """The 2027 table: criticism amounts raised, item 17's threshold moved, item 22 added,
    item 13 reworded without a change of meaning, row 3's leader changed."""
    out = [list(r) for r in rows]
    for row in out[1:]:
        method = row[1]
        method = method.replace("分别扣2分、1分、0.5分", "分别扣2分、1.5分、1分")
        method = method.replace("得分低于90分", "得分低于92分")
        method = method.replace("13.谈心谈话制度未按要求落实", "13.谈心谈话制度未按规定落实")
        if "21.认真开展创先争优活动" in method:
            lines = method.split("\n")
            at = next(
                i for i, line in enumerate(lines) if line.startswith("履职尽责工作实行加分制度")
            )
            method = "\n".join([*lines[:at], ITEM_22, *lines[at:]])
        row[1] = method
        if method.startswith("4.意识形态"):
            row[3] = NEW_LEADER
    return out


def write_docx(path: Path, title: str, rows: Rows, *, merge_blanks: bool = True) -> Path:
    """A Word file holding the table as a person would type it."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title)
    run.bold = True
    run.font.size = Pt(16)
    document.add_paragraph("")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            cell = table.cell(r, c)
            lines = text.split("\n")
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
            if r == 0:
                for p in cell.paragraphs:
                    for run in p.runs:
                        run.bold = True
    if merge_blanks:
        for r in range(2, len(rows)):
            if not rows[r][0].strip():  # a blank 考评指标: merged with the heading above it
                top = r - 1
                while not rows[top][0].strip():
                    top -= 1
                table.cell(top, 0).merge(table.cell(r, 0))
    document.add_paragraph("注：考核部门为空的，按上一行执行。")
    document.save(str(path))
    return path


def write_xlsx(path: Path, title: str, rows: Rows) -> Path:
    """An Excel workbook with the title in a merged first row and the table below it."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "任务分解表"
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=6)
    for cells in rows:
        sheet.append(cells)
    for r in range(3, len(rows) + 1):
        if not rows[r - 1][0].strip():
            top = r - 1
            while not rows[top - 1][0].strip():
                top -= 1
            sheet.merge_cells(start_row=top + 1, start_column=1, end_row=r + 1, end_column=1)
    book.save(path)
    return path


Builder = Callable[[Path, str, Rows], Path]


def main(folder: str = ".") -> None:
    """Write 2026.docx, 2027.docx and 2026.xlsx into ``folder`` (for trying the commands by hand)."""
    title, rows = printed_table()
    out = Path(folder)
    write_docx(out / "2026.docx", title, rows)
    write_docx(out / "2027.docx", title, variant_2027(rows))
    write_xlsx(out / "2026.xlsx", title, rows)


if __name__ == "__main__":
    import sys

    main(*sys.argv[1:2])
