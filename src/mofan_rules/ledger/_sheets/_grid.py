"""A sheet as read: its non-empty cells by row and column, and the problems found on the way.

Both readers (CSV and XLSX) produce the same :class:`Grid`, so everything
after them (tables, fields, values) is shared. Only cells that hold
something are kept: an empty row costs nothing, whatever the file claims
about its size.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NoReturn

from mofan_rules._text import DocPath
from mofan_rules.errors import LedgerError, Problem
from mofan_rules.messages import Msg
from mofan_rules.source import MAX_PROBLEMS, capped

CellValue = str | Decimal | dt.date | bool
"""Text (stripped, never empty), an exact number, a date cell, or a TRUE/FALSE cell."""

# C0 controls but tab and line breaks, DEL, C1 controls and lone surrogates:
# no person types them into a cell.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def column_letters(column: int) -> str:
    """Excel's name of a 1-based column: 1 → A, 28 → AB."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, column: int) -> str:
    """Excel's name of a cell: (3, 2) → B3."""
    return f"{column_letters(column)}{row}"


def control_character(text: str) -> int | None:
    """The code of the first control character in ``text``, if any."""
    found = _CONTROL.search(text)
    return ord(found.group()) if found else None


@dataclass(slots=True)
class Grid:
    """One sheet's non-empty cells: ``cells[row][column]``, 1-based as Excel shows them."""

    name: str  # the sheet's name; "" for a CSV file
    where: str  # how problems name it: ``ledger.xlsx[台账]`` or ``ledger.csv``
    order: int  # the sheet's place in the workbook
    cells: dict[int, dict[int, CellValue]] = field(default_factory=dict)


class Found:
    """The problems of one file, in the order they were found.

    ``fields`` remembers the values refused (``("records", 3, "date")``) and
    ``entries`` the entries holding one (``("records", 3)``), so the checks
    that run later on the same data do not report them a second time (a
    refused date is not also "missing").
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.fields: set[DocPath] = set()
        self.entries: set[DocPath] = set()
        self.cells: set[tuple[str, int, int]] = set()  # cells refused: (where, row, column)

    def add(self, msg: Msg, where: str, row: int = 0, column: int = 0, path: DocPath = ()) -> None:
        """Record a problem at a sheet's row and column (0 when the whole sheet or file)."""
        self.problems.append(Problem.from_msg(msg, where, row, column, path=path))
        if row and column:
            self.cells.add((where, row, column))
        self.mark(path)
        if len(self.problems) > MAX_PROBLEMS:  # enough to act on; reading on costs time only
            raise LedgerError(capped(self.problems, self.file))

    def mark(self, path: DocPath) -> None:
        """The value at ``path`` was refused: later checks leave it (and its entry's gaps) alone."""
        if path:
            self.fields.add(path)
            if len(path) >= 2:
                self.entries.add(path[:-1])

    def said(self, path: DocPath) -> bool:
        """Whether a problem at ``path`` would repeat one found while reading."""
        if path in self.entries:
            return True
        return any(path[:n] in self.fields for n in range(1, len(path) + 1))

    def refused(self, where: str, row: int, column: int) -> bool:
        """Whether this cell was refused while reading (its value is missing for that reason)."""
        return (where, row, column) in self.cells

    def stop(self, msg: Msg, where: str, row: int = 0, column: int = 0) -> NoReturn:
        """Record a problem that ends the reading (a bound or a broken file) and raise them all."""
        self.add(msg, where, row, column)
        raise LedgerError(capped(self.problems, self.file))


__all__ = ["CellValue", "Found", "Grid", "cell_name", "column_letters", "control_character"]
