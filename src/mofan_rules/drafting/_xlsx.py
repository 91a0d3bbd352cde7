"""An Excel (.xlsx) 任务分解表 as located cells, read with openpyxl.

Each sheet is a table; a merged range gives its text to its top-left cell
and marks the cells below it as merged (they continue it), the cells to its
right as blank. Line breaks inside a cell (Alt+Enter) separate paragraphs. A
number cell is written back as the decimal Excel shows, never through
arithmetic on the float it stores. A cell is located as ``file[sheet]`` with
the sheet row as the line and the column number as the column.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from mofan_rules._text import canonical
from mofan_rules.drafting._table import Cell, RawTable, Where
from mofan_rules.errors import DocumentError, Problem
from mofan_rules.messages import say


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return canonical(Decimal(repr(value)))  # the shortest text that is this float
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def _sheet(ws: Any, shown: str) -> RawTable:
    file = f"{shown}[{ws.title}]"
    below: set[tuple[int, int]] = set()  # cells continuing a merged cell above them
    right: set[tuple[int, int]] = set()
    for merged in ws.merged_cells.ranges:
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                if row > merged.min_row and col == merged.min_col:
                    below.add((row, col))
                elif col > merged.min_col:
                    right.add((row, col))
    rows: list[tuple[Cell, ...]] = []
    title: str | None = None
    wide = False  # a row of several cells (the header) was seen: no title below it
    for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
        cells = []
        for c, value in enumerate(values, start=1):
            where = Where(file, r, c)
            if (r, c) in right or (r, c) in below:
                cells.append(Cell("", where, merged=True))
            else:
                cells.append(Cell(_text(value), where))
        texts = [c.text.strip() for c in cells if c.text.strip()]
        if len(texts) == 1 and not wide:
            title = texts[0]
        wide = wide or len(texts) > 1
        rows.append(tuple(cells))
    return RawTable(file, title, tuple(rows))


def read_xlsx(raw: bytes, shown: str) -> list[RawTable]:
    """Every sheet of a workbook as a table, in order."""
    import openpyxl  # noqa: PLC0415 - slow to import, needed only here

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
        return [_sheet(ws, shown) for ws in book.worksheets]
    except Exception as exc:
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise DocumentError([Problem.from_msg(say("doc_corrupt", detail=detail), shown)]) from None


__all__ = ["read_xlsx"]
