"""A ledger document checked and fitted to a rulebook: every problem at its place.

Shared by the file loader (:mod:`._load`) and the spreadsheet reader, which
asks it what the model and the rulebook say of the entries it did not refuse.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from mofan_rules._text import DocPath
from mofan_rules.errors import LedgerError, Problem, RulebookMismatchError
from mofan_rules.ledger._fit import fit, pin_problem
from mofan_rules.ledger._model import Award, Ledger, Record
from mofan_rules.rulebook import Rulebook, index_rulebook
from mofan_rules.source import MAX_PROBLEMS, Document, capped, model_problems, validated


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
