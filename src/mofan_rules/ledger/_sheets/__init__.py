"""Ledgers kept as spreadsheets (``.xlsx`` or ``.csv``): the whole ledger, read within bounds.

One workbook holds the ledger's details (unit, period, rulebook pin, class),
its records, its figures and its awards; a CSV file holds the same as
tables one below the other. The layouts are in ``docs/spreadsheets.md``.

A sheet is read into the same plain data a YAML ledger gives, with every
value's place remembered as ``file[sheet]:row:column``, so the rest of the
loading (the model worded by its schema, fitting to the rulebook) is
shared. A workbook is read for what it holds (:mod:`._xlsx`), within the
bounds of :mod:`._limits`; every refusal names its sheet, row and column.

- :func:`read_sheet`: a file's bytes → a located :class:`~mofan_rules.source.Document`;
- :func:`peek_sheet`: its data read plainly (for its period and pin), before a rulebook is chosen;
- :func:`template_sheets` / :func:`template_csv`: the template a clerk fills in.
"""

from __future__ import annotations

from pathlib import Path

from mofan_rules.errors import LedgerError, MofanRulesError, Problem
from mofan_rules.ledger._fitted import fitted_ledger
from mofan_rules.ledger._sheets._csv import read_csv
from mofan_rules.ledger._sheets._entries import Lookups
from mofan_rules.ledger._sheets._grid import Found, Grid
from mofan_rules.ledger._sheets._limits import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_PART_BYTES,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
)
from mofan_rules.ledger._sheets._tables import Builder
from mofan_rules.ledger._sheets._template import template_csv, template_sheets
from mofan_rules.ledger._sheets._xlsx import read_xlsx
from mofan_rules.rulebook import Rulebook
from mofan_rules.source import MAX_PROBLEMS, Document, capped, display, read_bytes


def _read(
    raw: bytes, file: str, rulebook: Rulebook | None
) -> tuple[Document, Found, dict[str, int]]:
    """The located data of a sheet file, its problems (raised when fatal), its sheets' order."""
    found = Found(file)
    grids: list[Grid] = (
        [read_csv(raw, file, found)]
        if file.lower().endswith(".csv")
        else read_xlsx(raw, file, found)
    )
    builder = Builder(found, Lookups.of(rulebook))
    for grid in grids:
        builder.sheet(grid)
    doc = Document(builder.result(), file, builder.values, builder.keys)
    return doc, found, {grid.where: grid.order for grid in grids}


def _later_problems(doc: Document, rulebook: Rulebook, found: Found) -> list[Problem]:
    """What the model and the rulebook say of the entries the reader did not refuse."""
    try:
        fitted_ledger(doc, rulebook)
    except LedgerError as exc:
        return [p for p in exc.problems if p.code != "too_many_problems" and not found.said(p.path)]
    return []


def read_sheet(raw: bytes, file: str, rulebook: Rulebook) -> Document:
    """Read a ``.csv`` or ``.xlsx`` ledger into a located :class:`Document`.

    Raises :class:`~mofan_rules.errors.LedgerError` with every problem of
    the file: those of its cells, and what the model and the rulebook say of
    the rest, each at its sheet, row and column.
    """
    doc, found, order = _read(raw, file, rulebook)
    if found.problems:
        problems = list(found.problems)
        if len(problems) < MAX_PROBLEMS:
            problems += _later_problems(doc, rulebook, found)
        problems.sort(key=lambda p: (order.get(p.file, -1), p.line, p.column))
        raise LedgerError(capped(problems, file))
    return doc


def peek_sheet(path: Path) -> Document | None:
    """A spreadsheet ledger's data read plainly, before any rulebook is chosen.

    Anything unreadable gives ``None`` here; it is reported when the ledger is loaded.
    """
    try:
        doc, _, _ = _read(read_bytes(path, LedgerError), display(path), None)
    except MofanRulesError:
        return None
    return doc


__all__ = [
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_PART_BYTES",
    "MAX_ROWS",
    "MAX_UNPACKED_BYTES",
    "peek_sheet",
    "read_sheet",
    "template_csv",
    "template_sheets",
]
