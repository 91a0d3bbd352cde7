"""Loading a ledger: a file (YAML, JSON, CSV, XLSX) or a mapping → a ledger that fits.

Every problem of the file is reported at once, placed at its line and column
(or sheet, row and column): the shape first (the model, worded by the
schema), and, so one typo does not hide the next, the entries that are valid
on their own are also fitted to the rulebook.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from mofan_rules._text import pointer_parts
from mofan_rules.errors import LedgerError, MofanRulesError, Problem, Severity
from mofan_rules.ledger._fitted import fitted_ledger
from mofan_rules.ledger._model import Ledger
from mofan_rules.messages import Msg
from mofan_rules.rulebook import Period, Rulebook, load_rulebook
from mofan_rules.source import (
    Document,
    PathLike,
    display,
    document_from_python,
    parse_document,
    read_bytes,
)

E = TypeVar("E", bound=MofanRulesError)
SHEET_SUFFIXES = (".csv", ".xlsx")
LEDGER_SUFFIXES = (".yaml", ".yml", ".json", *SHEET_SUFFIXES)
LEDGER_SCHEMA = (
    "ledger",
    "mofan_rules ledger",
    "One unit's ledger (扣分台账) for one period: records of what happened, figures and awards.",
)


@dataclass(frozen=True, slots=True)
class LoadedLedger:
    """A ledger that fits its rulebook, with the document it was read from (for places)."""

    ledger: Ledger
    document: Document

    def place_of(self, origin: str) -> tuple[str, int]:
        """The file (or sheet) and line where a trail line's origin (``/records/3``) was written."""
        pos = self.document.locate(pointer_parts(origin))
        return (pos.file or self.document.file, pos.line)

    def places(self, origins: Iterable[str]) -> dict[str, tuple[str, int]]:
        """:meth:`place_of` for several origins, for a report's trail."""
        return {origin: self.place_of(origin) for origin in origins}

    def warning(self, pointer: str, message: str, message_zh: str, code: str = "") -> Problem:
        """A report's notice as a warning placed where ``pointer`` (or its parent) was written.

        A figure left out is placed at its blank line in a workbook's figures sheet.
        """
        pos = self.document.locate(pointer_parts(pointer))
        said = Msg(message, message_zh, code=code)  # the notice's own catalogue words
        return Problem.from_msg(
            said,
            pos.file or self.document.file,
            pos.line,
            pos.column,
            path=pointer_parts(pointer),
            severity=Severity.WARNING,
        )

    def located(self, error: E) -> E:
        """``error`` with the problems scoring placed in ``<ledger>`` put in this ledger's file.

        The engine knows no files: a figure the rulebook requires and the
        ledger lacks is found while scoring, and its problem names only the
        path. The document read says where that path (or its nearest parent)
        was written.
        """
        problems = []
        for problem in error.problems:
            if problem.file == "<ledger>":
                pos = self.document.locate(problem.path)
                file = pos.file or self.document.file
                problem = replace(problem, file=file, line=pos.line, column=pos.column)  # noqa: PLW2901
            problems.append(problem)
        return type(error)(problems)


def ledger_document(source: PathLike | Mapping[str, Any], rulebook: Rulebook) -> Document:
    """The located data of a ledger file or mapping, before its shape is checked.

    Raises :class:`~mofan_rules.errors.LedgerError` when the file cannot be
    read or parsed, or the mapping holds what no file can (a non-finite or
    overlong number, a key that is not text, bytes); a spreadsheet's error
    also holds what the model and ``rulebook`` say of its entries.
    """
    if not isinstance(source, str | os.PathLike):
        # Anything that is not a path is the caller's data; the shape check
        # that follows says "not a mapping" for a list or a number.
        doc, problems = document_from_python(source, "<ledger>")
        if problems:
            raise LedgerError(problems)
        return doc
    file = Path(source)
    raw = read_bytes(file, LedgerError)
    if file.suffix.lower() in SHEET_SUFFIXES:
        from mofan_rules.ledger._sheets import read_sheet  # noqa: PLC0415 - spreadsheets only

        return read_sheet(raw, display(file), rulebook)
    return parse_document(raw, display(file), error=LedgerError)


def read_ledger(
    source: PathLike | Mapping[str, Any], rulebook: Rulebook, *, check_pin: bool = True
) -> LoadedLedger:
    """Load a ledger and keep its document, so reports can say where each line came from.

    Raises :class:`~mofan_rules.errors.LedgerError` and
    :class:`~mofan_rules.errors.RulebookMismatchError` as :func:`load_ledger` does.
    """
    doc = ledger_document(source, rulebook)
    return LoadedLedger(fitted_ledger(doc, rulebook, check_pin=check_pin), doc)


def load_ledger(
    source: PathLike | Mapping[str, Any],
    rulebook: Rulebook | None = None,
    *,
    check_pin: bool = True,
) -> Ledger:
    """Load a ledger from a YAML, JSON, CSV or XLSX file or a mapping, fitted to a rulebook.

    ``rulebook`` defaults to the shipped one. Chinese labels are turned into
    keys. ``check_pin=False`` reads a ledger pinned to another edition anyway
    (to see what a new edition would make of last year's ledgers).

    Raises :class:`~mofan_rules.errors.LedgerError` with every problem,
    located by file, line and column (or sheet, row and column), and
    :class:`~mofan_rules.errors.RulebookMismatchError` for a ledger pinned to
    another edition.
    """
    rb = rulebook if rulebook is not None else load_rulebook()
    return read_ledger(source, rb, check_pin=check_pin).ledger


load_facts = load_ledger
"""The name :func:`load_ledger` had before 0.2 ("facts" meant the ledger); kept as an alias."""


def peek_ledger(path: PathLike) -> tuple[Period | None, tuple[str, str] | None]:
    """A ledger's period and rulebook pin, read before it is checked against any rulebook.

    Used to pick the edition a ledger is scored with.

    Raises nothing: anything unreadable gives ``(None, None)`` here and is
    reported when the ledger is loaded.
    """
    file = Path(path)
    doc: Document | None
    if file.suffix.lower() in SHEET_SUFFIXES:
        from mofan_rules.ledger._sheets import peek_sheet  # noqa: PLC0415 - spreadsheets only

        doc = peek_sheet(file)
    else:
        try:
            doc = parse_document(read_bytes(file, LedgerError), display(file), error=LedgerError)
        except LedgerError:
            doc = None
    raw = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    period = None
    try:
        if isinstance(raw.get("period"), dict):
            period = Period.model_validate(raw["period"])
    except ValidationError:
        period = None
    pin_data = raw.get("rulebook")
    pin = None
    if (
        isinstance(pin_data, dict)
        and isinstance(pin_data.get("id"), str)
        and isinstance(pin_data.get("version"), str)
    ):
        pin = (pin_data["id"], pin_data["version"])
    return period, pin


__all__ = [
    "LEDGER_SCHEMA",
    "LEDGER_SUFFIXES",
    "SHEET_SUFFIXES",
    "LoadedLedger",
    "fitted_ledger",
    "ledger_document",
    "load_facts",
    "load_ledger",
    "peek_ledger",
    "read_ledger",
]
