"""An .xlsx workbook read for what it holds: sheets, cells, shared texts, date styles, merges.

The XML is read directly (no openpyxl), as a stream, because what a hostile
or a merely odd workbook does has to be seen: the stored ``<dimension>`` is
ignored (the rows present are the rows read), a formula without a stored
result is an error naming its cell (never a blank), a number that is not
finite or not exact is an error (never a float), and every bound of
:mod:`._limits` holds while reading, not after.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

from mofan_rules.ledger._sheets._book import Book, Styles, part_of, relationships, unescape
from mofan_rules.ledger._sheets._grid import CellValue, Found, Grid, cell_name, control_character
from mofan_rules.ledger._sheets._limits import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_SHEETS,
    MAX_XML_ELEMENTS,
)
from mofan_rules.ledger._sheets._merges import Merge, apply_merges, parse_range
from mofan_rules.ledger._sheets._values import inert_text, serial_day
from mofan_rules.ledger._sheets._zip import Parts, local
from mofan_rules.messages import say

_NUMBER = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]{1,4})?\Z")
_NOT_FINITE = {"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"}
_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T[0-9:.]*Z?)?\Z")
_LARGEST = 10**15  # beyond this a double no longer holds every whole number
_LAST_ROW, _LAST_COLUMN = 1_048_576, 16_384
_COLUMN_NUMBERS: dict[str, int] = {}  # "AB" → 28, filled as references are read


def _reference(ref: str) -> tuple[int, int] | None:
    """``B3`` → (3, 2); ``None`` when it is no cell of a sheet."""
    if "$" in ref or " " in ref:
        ref = ref.replace("$", "").strip()
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters) :]
    if not 1 <= len(digits) <= 7 or not 1 <= len(letters) <= 3:
        return None
    column = _COLUMN_NUMBERS.get(letters)
    if column is None:
        if not (letters.isascii() and letters.isalpha() and letters.isupper()):
            return None
        column = 0
        for letter in letters:
            column = column * 26 + ord(letter) - 64
        _COLUMN_NUMBERS[letters] = column
    row = int(digits)
    return (row, column) if 1 <= row <= _LAST_ROW and column <= _LAST_COLUMN else None


class _Budget:
    """Bounds shared by all sheets of a workbook."""

    def __init__(self) -> None:
        self.elements = 0
        self.rows = 0


class _SheetReader:
    """One worksheet's XML → a :class:`Grid`; problems at their cells.

    The handlers run once per XML element, so they do as little as they can:
    an empty formatted cell costs a few comparisons.
    """

    def __init__(self, grid: Grid, book: Book, budget: _Budget, found: Found) -> None:
        self.grid, self.book, self.budget, self.found = grid, book, budget, found
        self.merges: list[Merge] = []
        self.row = 0
        self.column = 0  # of the cell before, when it was read (else: parse self.ref)
        self.ref: str | None = None  # the current cell's r="…", parsed only when needed
        self.place: tuple[int, int] | None = None
        self.in_cell = False
        self.kind = "n"
        self.style = "0"
        self.has_value = self.has_formula = False
        self.value: list[str] = []
        self.formula: list[str] = []
        self.size = 0
        self.into: list[str] | None = None  # where text goes now
        self.in_phonetic = False

    def current_row(self) -> int:
        """The row being read (where a broken document is reported)."""
        return self.row

    def too_many(self) -> None:
        msg = say("sheet_too_many_cells", limit=MAX_XML_ELEMENTS)
        self.found.stop(msg, self.grid.where, self.row)

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if ":" in tag:
            tag = local(tag)
        if tag == "c":  # the hot path: most cells of a formatted sheet are empty
            budget = self.budget
            budget.elements += 1
            if budget.elements > MAX_XML_ELEMENTS:
                self.too_many()
            if self.place is None and self.ref is not None:
                self.resolve()  # the cell before, whose column this one may follow
            ref = attrs.get("r")
            self.ref = ref
            self.place = None if ref else (max(self.row, 1), self.column + 1)
            self.kind = attrs.get("t", "n")
            self.style = attrs.get("s", "0")
            self.in_cell = True
            self.has_value = self.has_formula = self.in_phonetic = False
            self.size = 0
            if self.value:
                self.value = []
            if self.formula:
                self.formula = []
            if self.place is not None:
                self.column = self.place[1]
        elif not self.in_cell:
            if tag == "row":
                self.budget.elements += 1
                if self.budget.elements > MAX_XML_ELEMENTS:
                    self.too_many()
                self.begin_row(attrs.get("r"))
            elif tag == "mergeCell":
                self.merge(attrs.get("ref", ""))
        elif tag == "v":
            self.has_value, self.into = True, self.value
        elif tag == "f":
            self.has_formula, self.into = True, self.formula
        elif tag == "is":
            self.has_value = True
        elif tag == "t":
            self.into = None if self.in_phonetic else self.value
        elif tag == "rPh":
            self.in_phonetic = True

    def resolve(self) -> tuple[int, int]:
        """The current cell's place, from its r="…" (or after the cell before it)."""
        if self.place is None:
            ref = self.ref or ""
            place = _reference(ref)
            if place is None:
                self.found.add(say("xlsx_bad_reference", ref=ref[:40]), self.grid.where, self.row)
                place = (max(self.row, 1), self.column + 1)
            self.place = place
            self.row, self.column = place
        return self.place

    def begin_row(self, r: str | None) -> None:
        if self.place is None and self.ref is not None:
            self.resolve()
        self.column = 0
        self.ref, self.place = None, None
        if r is None:
            self.row += 1
        elif r.isdigit() and len(r) <= 7 and 1 <= int(r) <= _LAST_ROW:
            self.row = int(r)
        else:
            self.found.add(say("xlsx_bad_reference", ref=r[:40]), self.grid.where, self.row + 1)
            self.row += 1

    def merge(self, ref: str) -> None:
        found = parse_range(ref, _reference)
        if found is None:
            self.found.add(say("xlsx_bad_reference", ref=ref[:40]), self.grid.where)
        elif found.last_row > found.first_row or found.last_column > found.first_column:
            self.merges.append(found)

    def end(self, tag: str) -> None:
        if ":" in tag:
            tag = local(tag)
        if tag == "c":
            self.in_cell = False
            if self.has_value or self.has_formula:
                self.end_cell(*self.resolve())
        elif tag in ("v", "f", "t"):
            self.into = None
        elif tag == "rPh":
            self.in_phonetic = False

    def text(self, data: str) -> None:
        if self.into is not None and self.size <= MAX_CELL_CHARS:
            self.into.append(data)
            self.size += len(data)

    def end_cell(self, row: int, column: int) -> None:
        where = self.grid.where
        if self.size > MAX_CELL_CHARS:
            self.found.add(say("sheet_cell_too_long", limit=MAX_CELL_CHARS), where, row, column)
            return
        if self.has_formula and (
            not self.has_value or (self.kind != "str" and not "".join(self.value).strip())
        ):  # openpyxl writes a formula with an empty <v/>: no result either
            formula = "".join(self.formula).strip() or "…"
            formula = "=" + (formula if len(formula) <= 40 else formula[:39] + "…")
            msg = say("xlsx_formula_without_value", cell=cell_name(row, column), formula=formula)
            self.found.add(msg, where, row, column)
            return
        value = self.typed("".join(self.value), row, column)
        if value is None:
            return
        if column > MAX_COLUMNS:
            msg = say("sheet_beyond_columns", column=column, limit=MAX_COLUMNS)
            self.found.add(msg, where, row, column)
            return
        cells = self.grid.cells.setdefault(row, {})
        if column in cells:
            self.found.add(say("xlsx_cell_twice", cell=cell_name(row, column)), where, row, column)
            return
        if not cells:
            self.budget.rows += 1
            if self.budget.rows > MAX_ROWS:
                self.found.stop(say("sheet_too_many_rows", limit=MAX_ROWS), where, row, column)
        cells[column] = value

    def typed(self, raw: str, row: int, column: int) -> CellValue | None:
        """The cell's value by its type; ``None`` for an empty cell or one with a problem."""
        kind = self.kind
        if kind == "n":
            text = raw.strip()
            return self.number(text, row, column) if text else None
        if kind in ("s", "inlineStr", "str"):
            found = self.shared(raw, row, column) if kind == "s" else unescape(raw)
            return None if found is None else self.text_value(found, row, column)
        where, text = self.grid.where, raw.strip()
        if not text:
            return None
        if kind == "b" and text in ("0", "1", "true", "false"):
            return text in ("1", "true")
        if kind == "e":
            msg = say("xlsx_error_value", cell=cell_name(row, column), value=text[:20])
            self.found.add(msg, where, row, column)
            return None
        if kind == "d" and (match := _ISO_DAY.match(text)):
            try:
                return dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                pass
        msg = say("xlsx_bad_cell", cell=cell_name(row, column), text=text[:40], kind=kind[:20])
        self.found.add(msg, where, row, column)
        return None

    def shared(self, raw: str, row: int, column: int) -> str | None:
        texts = self.book.texts
        index = int(raw) if raw.strip().isdigit() and len(raw) <= 9 else -1
        if not 0 <= index < len(texts.texts):
            msg = say(
                "xlsx_bad_string_index",
                cell=cell_name(row, column),
                index=raw[:12],
                count=len(texts.texts),
            )
            self.found.add(msg, self.grid.where, row, column)
            return None
        if index in texts.too_long:
            msg = say("sheet_cell_too_long", limit=MAX_CELL_CHARS)
            self.found.add(msg, self.grid.where, row, column)
            return None
        return texts.texts[index]

    def text_value(self, text: str, row: int, column: int) -> str | None:
        code = control_character(text)
        if code is not None:
            msg = say("sheet_control_character", cell=cell_name(row, column), code=code)
            self.found.add(msg, self.grid.where, row, column)
            return None
        return inert_text(text)

    def number(self, text: str, row: int, column: int) -> CellValue | None:
        if len(text) > 64 or not _NUMBER.match(text):
            code = "sheet_number_not_finite" if text.lower() in _NOT_FINITE else "xlsx_bad_cell"
            msg = say(code, cell=cell_name(row, column), text=text[:40], kind="n")
            self.found.add(msg, self.grid.where, row, column)
            return None
        number = float(text)  # float-ok: an XLSX number is a double; its shortest text is exact
        if not math.isfinite(number) or abs(number) >= _LARGEST:
            msg = say("sheet_number_too_large", cell=cell_name(row, column), text=text)
            self.found.add(msg, self.grid.where, row, column)
            return None
        value = Decimal(repr(number)) if number else Decimal(0)
        if self.style != "0" and self.style.isdigit() and int(self.style) in self.book.date_styles:
            day = serial_day(value, date1904=self.book.date1904)
            if day is not None:
                return day
        return value


def read_xlsx(raw: bytes, file: str, found: Found) -> list[Grid]:
    """The sheets of a workbook as grids, in workbook order; problems go to ``found``."""
    parts = Parts(raw, file, found)
    workbook = part_of(relationships(parts, ""), "officeDocument", "xl/workbook.xml", parts)
    if workbook is None:
        found.stop(say("xlsx_missing_part", part="xl/workbook.xml"), file)
    book = Book(found, file)
    parts.read_xml(workbook, book.start)
    if len(book.sheets) > MAX_SHEETS:
        found.stop(say("xlsx_too_many_sheets", limit=MAX_SHEETS), file)
    rels = relationships(parts, workbook)
    strings = part_of(rels, "sharedStrings", "xl/sharedStrings.xml", parts)
    if strings is not None:
        texts = book.texts
        parts.read_xml(strings, texts.start, texts.end, texts.text)
    styles_part = part_of(rels, "styles", "xl/styles.xml", parts)
    if styles_part is not None:
        styles = Styles()
        parts.read_xml(styles_part, styles.start, styles.end)
        book.date_styles = styles.dates()
    return _sheets(parts, book, rels, file, found)


def _sheets(
    parts: Parts, book: Book, rels: dict[str, tuple[str, str]], file: str, found: Found
) -> list[Grid]:
    grids: list[Grid] = []
    names: set[str] = set()
    read_from: dict[str, str] = {}
    budget = _Budget()
    for order, (name, rid) in enumerate(book.sheets):
        where = f"{file}[{name}]"
        if name.strip().lower() in names:
            found.stop(say("sheet_name_twice", name=name), file)
        names.add(name.strip().lower())
        rel_type, target = rels.get(rid, ("", ""))
        if not rel_type.endswith("/worksheet"):
            if rel_type:  # a chart sheet or a dialog sheet: no cells
                continue
            found.add(say("xlsx_missing_part", part=rid or name), where)
            continue
        if not parts.has(target):
            found.add(say("xlsx_missing_part", part=target), where)
            continue
        if target in read_from:
            found.add(say("sheet_same_part", name=name, other=read_from[target]), where)
            continue
        read_from[target] = name
        grid = Grid(name, where, order)
        reader = _SheetReader(grid, book, budget, found)
        parts.read_xml(
            target, reader.start, reader.end, reader.text, where=where, row=reader.current_row
        )
        apply_merges(grid, reader.merges, found)
        grids.append(grid)
    return grids


__all__ = ["read_xlsx"]
