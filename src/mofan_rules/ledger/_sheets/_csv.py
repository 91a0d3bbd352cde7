"""A CSV ledger as one sheet: decoded the ways Excel and WPS save it, read within bounds.

Excel saves “CSV UTF-8” with a byte-order mark, plain “CSV” in the
system's code page (GB18030 on a Chinese Windows), and “Unicode text” as
UTF-16 with tabs; all three are read. Rows are numbered as Excel numbers
them when it opens the file (a quoted cell with a line break stays in one
row), so a problem's row is the row a person sees.
"""

from __future__ import annotations

import codecs
import csv
import io
from typing import NoReturn

from mofan_rules.ledger._sheets._grid import CellValue, Found, Grid, cell_name, control_character
from mofan_rules.ledger._sheets._limits import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS
from mofan_rules.ledger._sheets._values import inert_text
from mofan_rules.messages import say


def _decode(raw: bytes, file: str, found: Found) -> str:
    """The file's text: UTF-8 (with or without a BOM), UTF-16 with a BOM, or GB18030."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    elif raw.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    else:
        encodings = ["utf-8", "gb18030"]
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return _not_text(file, found)


def _not_text(file: str, found: Found) -> NoReturn:
    found.stop(say("sheet_not_text"), file)


def _delimiter(text: str) -> str:
    # "Unicode text" is tab-separated; so is a sheet pasted from Excel. Chinese
    # text writes its commas full-width (，), so the ASCII kind that is more
    # frequent in the first lines is the delimiter.
    head = text[:20_000]
    return "\t" if head.count("\t") > head.count(",") else ","


def read_csv(raw: bytes, file: str, found: Found) -> Grid:
    """The file's rows as a grid; problems (encoding, NUL, sizes, control characters) to ``found``."""
    text = _decode(raw, file, found)
    grid = Grid("", file, 0)
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        found.stop(say("nul_character"), file, line, nul - (text.rfind("\n", 0, nul) + 1) + 1)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    r = 0
    try:
        for r, cells in enumerate(rows, start=1):
            _row(grid, r, cells, found)
    except csv.Error as exc:
        limit = csv.field_size_limit()
        msg = (
            say("sheet_cell_too_long", limit=min(limit, MAX_CELL_CHARS))
            if "field limit" in str(exc)
            else say("sheet_bad_csv", reason=str(exc)[:80])
        )
        found.stop(msg, file, r + 1, 1)
    return grid


def _row(grid: Grid, r: int, cells: list[str], found: Found) -> None:
    where = grid.where
    kept: dict[int, CellValue] = {}
    for column, raw in enumerate(cells, start=1):
        if len(raw) > MAX_CELL_CHARS:
            found.add(say("sheet_cell_too_long", limit=MAX_CELL_CHARS), where, r, column)
            continue
        value = inert_text(raw)
        if value is None:
            continue
        code = control_character(value)
        if code is not None:
            msg = say("sheet_control_character", cell=cell_name(r, column), code=code)
            found.add(msg, where, r, column)
            continue
        if column > MAX_COLUMNS:
            found.add(
                say("sheet_beyond_columns", column=column, limit=MAX_COLUMNS), where, r, column
            )
            continue
        kept[column] = value
    if kept:
        if len(grid.cells) >= MAX_ROWS:
            found.stop(say("sheet_too_many_rows", limit=MAX_ROWS), where, r, 1)
        grid.cells[r] = kept


__all__ = ["read_csv"]
