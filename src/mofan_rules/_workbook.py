"""Spreadsheets the tool writes: a plain description, and its CSV and XLSX bytes.

Every workbook the tool writes (a ranking, a score, a ledger template) is
first described as data: sheets of typed cells, column widths, a frozen
header, filters, dropdown lists. The writers here turn that description into
bytes, and they are the only place that does:

- numbers stay numbers (Excel can sum and sort them), exact decimals are
  written from their text and shown exactly by a number format;
- text is never a formula and never a character the file cannot hold
  (:func:`mofan_rules._text.cell_text`, OWASP's advice), and never longer
  than an Excel cell holds;
- CSV is UTF-8 with a BOM, so Excel and WPS read the Chinese.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from mofan_rules._text import canonical, cell_text

Cell = str | int | Decimal | dt.date | None


@dataclass(frozen=True, slots=True)
class Dropdown:
    """A list of allowed values for a column (Excel data validation)."""

    column: int  # 1-based
    values: tuple[str, ...]
    first_row: int = 2
    last_row: int = 500


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet: rows of typed cells, and how it is laid out."""

    title: str
    rows: Sequence[Sequence[Cell]]
    widths: Sequence[int] = ()  # characters per column; 0 or missing: a width from the content
    freeze_header: bool = True
    header_rows: int = 1
    filters: bool = False
    dropdowns: Sequence[Dropdown] = field(default_factory=tuple)
    wrap: bool = False


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return canonical(value)
    if isinstance(value, bool):  # pragma: no cover - no writer passes booleans
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return cell_text(value)


def csv_bytes(rows: Sequence[Sequence[Cell]]) -> bytes:
    """Rows as CSV in UTF-8 with a BOM (so Excel shows Chinese text), every text cell inert."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([[_csv_cell(v) for v in row] for row in rows])
    return buffer.getvalue().encode("utf-8-sig")


def _number_format(value: Decimal) -> str:
    # As many decimal places as the value has, so the cell shows it exactly.
    places = max(0, -int(value.normalize().as_tuple().exponent)) if value else 0
    return "0" if places == 0 else "0." + "0" * places


# Excel holds at most this many characters in a cell (a longer one makes it
# "repair" the file and drop content); such text is cut, and says so.
XLSX_CELL_CHARS = 32_767


def _xlsx_text(value: str) -> str:
    text = cell_text(value)
    return text if len(text) <= XLSX_CELL_CHARS else text[: XLSX_CELL_CHARS - 1] + "…"


def _display_width(text: str) -> int:
    import unicodedata  # noqa: PLC0415 - only for laying out

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def xlsx_bytes(sheets: Sequence[Sheet], *, creator: str) -> bytes:
    """Sheets as an .xlsx workbook: numbers as numbers, text inert, the layout as described.

    ``creator`` goes into the workbook's properties. It is always said: the
    tool's rankings and scores give ``scoring.OUTPUT_CREATOR``, which marks
    them never to be read back as ledgers; a ledger template must not.
    """
    import openpyxl  # noqa: PLC0415 - only spreadsheets need it
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    book.properties.creator = creator
    for spec in sheets:
        ws = book.create_sheet(cell_text(spec.title)[:31])
        widths: dict[int, int] = {}
        for r, row in enumerate(spec.rows, start=1):
            for c, value in enumerate(row, start=1):
                cell = ws.cell(row=r, column=c)
                if isinstance(value, Decimal):
                    # A binary float is what Excel stores; the format shows the
                    # exact decimal, and the value has at most 10 places.
                    cell.value = float(value)  # float-ok: an XLSX number is a double
                    cell.number_format = _number_format(value)
                    shown = canonical(value)
                elif isinstance(value, str):
                    cell.value = _xlsx_text(value)
                    cell.data_type = "s"  # text, whatever it reads like: never a formula
                    shown = value
                else:
                    cell.value = value
                    shown = "" if value is None else str(value)
                if r <= spec.header_rows:
                    cell.font = Font(bold=True)
                if spec.wrap or r <= spec.header_rows:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                widths[c] = max(widths.get(c, 0), min(_display_width(shown), 60))
        for c, width in widths.items():
            given = spec.widths[c - 1] if c - 1 < len(spec.widths) else 0
            ws.column_dimensions[get_column_letter(c)].width = (given or width) + 2
        if spec.freeze_header and spec.header_rows:
            ws.freeze_panes = ws.cell(row=spec.header_rows + 1, column=1)
        if spec.filters and spec.rows:
            last = get_column_letter(max(len(row) for row in spec.rows))
            ws.auto_filter.ref = f"A{spec.header_rows}:{last}{len(spec.rows)}"
        for dropdown in spec.dropdowns:
            _dropdown(ws, dropdown, DataValidation, get_column_letter)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _dropdown(ws: object, dropdown: Dropdown, validation: type, letter: object) -> None:
    # Excel limits an inline list to 255 characters; a longer one lives in a
    # hidden sheet and the validation points at its cells.
    # A list written inline is one quoted text: a value holding a comma, a
    # quote or a line break could not be told apart in it, so it goes there too.
    values = [_xlsx_text(v) for v in dropdown.values]
    inline = ",".join(values)
    col = letter(dropdown.column)  # type: ignore[operator]
    where = f"{col}{dropdown.first_row}:{col}{dropdown.last_row}"
    if len(inline) <= 250 and not any(c in v for v in values for c in ',"\n\t'):
        rule = validation(type="list", formula1=f'"{inline}"', allow_blank=True)
    else:
        book = ws.parent  # type: ignore[attr-defined]
        lists = book["_lists"] if "_lists" in book.sheetnames else book.create_sheet("_lists")
        lists.sheet_state = "hidden"
        column = lists.max_column + 1 if lists.max_row > 1 or lists["A1"].value else 1
        for r, value in enumerate(values, start=1):
            lists.cell(row=r, column=column, value=value)
        ref = letter(column)  # type: ignore[operator]
        rule = validation(
            type="list", formula1=f"=_lists!${ref}$1:${ref}${len(values)}", allow_blank=True
        )
    rule.error = "请从下拉列表中选择 / choose from the list"
    rule.showErrorMessage = False  # a clerk may still type a key; the loader checks it
    ws.add_data_validation(rule)  # type: ignore[attr-defined]
    rule.add(where)


__all__ = ["XLSX_CELL_CHARS", "Cell", "Dropdown", "Sheet", "csv_bytes", "xlsx_bytes"]
