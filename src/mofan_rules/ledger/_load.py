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

from mofan_rules._text import DocPath, pointer_parts
from mofan_rules.errors import LedgerError, MofanRulesError, Problem, RulebookMismatchError
from mofan_rules.ledger._fit import fit, pin_problem
from mofan_rules.ledger._model import Award, Ledger, Record
from mofan_rules.rulebook import Period, Rulebook, index_rulebook, load_rulebook
from mofan_rules.source import (
    MAX_PROBLEMS,
    Document,
    PathLike,
    capped,
    display,
    document_from_python,
    model_problems,
    parse_document,
    read_bytes,
    validated,
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


def _by_place(problem: Problem) -> tuple[str, int, int]:
    return (problem.file, problem.line, problem.column)


def _partial(doc: Document, rulebook: Rulebook, reported: set[DocPath]) -> list[Problem]:
    """Fit the entries of a schema-invalid ledger that are valid on their own."""
    data = doc.data if isinstance(doc.data, dict) else {}
    problems: list[Problem] = []
    kept: dict[str, Any] = {}
    origin: dict[str, list[int]] = {}
    said = {p[:2] for p in reported}  # the entries the schema already spoke of
    for key, model in (("records", Record), ("awards", Award)):
        entries = data.get(key)
        if not isinstance(entries, list):
            continue
        origin[key], kept[key] = [], []
        for index, entry in enumerate(entries):
            try:
                kept[key].append(model.model_validate(entry))
            except ValidationError as exc:
                if (key, index) not in said:
                    problems += model_problems(doc, exc, prefix=(key, index))
                continue
            origin[key].append(index)
    measures = data.get("measures")
    if isinstance(measures, dict):
        kept["measures"] = {}
        for key, value in measures.items():
            try:
                kept["measures"][key] = Ledger.model_validate({"measures": {key: value}}).measures[
                    key
                ]
            except ValidationError:
                continue
    for key in ("class", "unit"):
        if isinstance(data.get(key), str):
            kept[key] = data[key]
    try:
        partial = Ledger.model_validate(kept)
    except ValidationError:  # pragma: no cover - every part was validated above
        return problems
    for found, msg in fit(index_rulebook(rulebook), partial)[1]:
        path = found
        if len(found) > 1 and found[0] in origin and isinstance(found[1], int):
            path = (found[0], origin[str(found[0])][found[1]], *found[2:])
        if path[:2] not in said:
            problems.append(doc.problem(path, msg))
    return problems


def fitted_ledger(doc: Document, rulebook: Rulebook, *, check_pin: bool = True) -> Ledger:
    """A ledger document checked and fitted to ``rulebook``: every problem at its place.

    Raises :class:`~mofan_rules.errors.LedgerError` when its shape is wrong or
    it does not fit, and :class:`~mofan_rules.errors.RulebookMismatchError`
    when it is pinned to another edition (unless ``check_pin`` is false).
    """
    try:
        ledger: Ledger = validated(doc, Ledger, LedgerError)
    except LedgerError as exc:
        more = []
        if len(exc.problems) <= MAX_PROBLEMS:
            more = _partial(doc, rulebook, {p.path for p in exc.problems})
        problems = sorted([*exc.problems, *more], key=_by_place)
        raise LedgerError(capped(problems, doc.file)) from None
    if not check_pin and ledger.rulebook is not None:
        ledger = ledger.model_copy(update={"rulebook": None})  # read as if unpinned
    pin = pin_problem(rulebook, ledger)
    if pin:
        raise RulebookMismatchError([doc.problem(*pin)])
    fitted, found = fit(index_rulebook(rulebook), ledger)
    if found:
        raise LedgerError(capped([doc.problem(path, msg) for path, msg in found], doc.file))
    return fitted


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
    if file.suffix.lower() in SHEET_SUFFIXES:
        from mofan_rules.ledger._sheets import peek_sheet  # noqa: PLC0415 - spreadsheets only

        return peek_sheet(file)
    try:
        doc = parse_document(read_bytes(file, LedgerError), display(file), error=LedgerError)
    except LedgerError:
        return None, None
    raw = doc.data if isinstance(doc.data, dict) else {}
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
