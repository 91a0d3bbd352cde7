"""Loading: file → located data → JSON Schema → pydantic model → semantic checks.

The only module that opens files. Each step collects every problem of the
file before raising, so an editor sees all mistakes at once, each at its
``file:line:col``; a later step runs only when the earlier ones passed.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from . import data, semantics
from .errors import (
    CasesError,
    DocPath,
    FactsError,
    MofanRulesError,
    Problem,
    RulebookError,
    RulebookMismatchError,
    Severity,
)
from .factcheck import check_ledger, pin_problem
from .ledger import Award, Ledger, Record
from .messages import say
from .model import Period, Rulebook
from .plan import Plan, plan_for
from .sheets import SHEET_SUFFIXES  # spreadsheet reading itself is imported when needed
from .source import (
    DEFAULT_MAX_BYTES,
    MAX_DEPTH,
    MAX_PROBLEMS,
    Document,
    capped,
    number_out_of_range,
    out_of_range,
    parse_document,
)

if TYPE_CHECKING:
    from .cases import Case

PathLike = str | os.PathLike[str]


def _display(path: Path) -> str:
    # Relative to the working directory when inside it: what a person typed.
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _read(path: Path, error: type[MofanRulesError]) -> bytes:
    # Never more than the size limit (and a byte), whatever the file: /dev/zero included.
    try:
        with path.open("rb") as handle:
            raw = handle.read(DEFAULT_MAX_BYTES + 1)
        if len(raw) > DEFAULT_MAX_BYTES:
            size = max(path.stat().st_size, len(raw))
            msg = say("file_too_large", size=size, limit=DEFAULT_MAX_BYTES)
            raise error([Problem.from_msg(msg, _display(path))])
        return raw
    except FileNotFoundError:
        raise error([Problem.from_msg(say("no_such_file"), _display(path))]) from None
    except IsADirectoryError:
        raise error([Problem.from_msg(say("is_a_folder"), _display(path))]) from None
    except OSError as exc:
        msg = say("cannot_read", reason=exc.strerror)
        raise error([Problem.from_msg(msg, _display(path))]) from None


def _pydantic_problems(doc: Document, exc: ValidationError, prefix: DocPath = ()) -> list[Problem]:
    # Reached only if the schema let something through that the model refuses.
    problems = []
    for err in exc.errors():
        path = (*prefix, *(p for p in err["loc"] if isinstance(p, str | int)))
        code = "invalid_date" if err["type"].startswith(("date", "datetime")) else "model_rejected"
        problems.append(doc.problem(path, say(code, detail=err["msg"])))
    return problems


def _validated(doc: Document, name: str, model: type[Any], error: type[MofanRulesError]) -> Any:
    """Check ``doc`` against the JSON Schema ``name`` and build ``model`` from it.

    The models are generated into the schemas and accept exactly the documents
    the schemas accept (tests/test_validation_agreement.py holds them to it),
    so a valid document is checked once, by the model. Only a document the
    model refuses is checked against the JSON Schema as well: its errors are
    the located, worded ones people read. This keeps jsonschema out of the
    command's start-up and off the path of every valid ledger.
    """
    if not isinstance(doc.data, dict):
        raise error([doc.problem((), say("not_a_mapping"))])
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        from . import schema

        problems = schema.validate(doc, name)
        raise error(problems or _pydantic_problems(doc, exc)) from None


@dataclass(frozen=True, slots=True)
class LoadedRulebook:
    """A rulebook with the document it was read from (for positions) and its warnings."""

    rulebook: Rulebook
    document: Document
    warnings: tuple[Problem, ...]


def read_rulebook(path: PathLike) -> LoadedRulebook:
    """Load one rulebook file, keeping its document so changes can be placed in it."""
    file = Path(path)
    doc = parse_document(_read(file, RulebookError), _display(file), error=RulebookError)
    rulebook, warnings = _checked_rulebook(doc)
    return LoadedRulebook(rulebook, doc, tuple(warnings))


def parse_rulebook(raw: bytes | str, file: str = "<rulebook>") -> tuple[Rulebook, list[Problem]]:
    """Read rulebook text into a checked :class:`Rulebook` and its warnings."""
    return _checked_rulebook(parse_document(raw, file, error=RulebookError))


def _checked_rulebook(doc: Document) -> tuple[Rulebook, list[Problem]]:
    rulebook: Rulebook = _validated(doc, "rulebook", Rulebook, RulebookError)
    found = semantics.check(rulebook, doc.data)
    problems = [doc.problem(path, msg, severity=sev) for path, msg, sev in found]
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise RulebookError(sorted(errors, key=lambda p: (p.line, p.column)))
    plan_for(rulebook)  # compile once, here, so evaluation never does
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    return rulebook, sorted(warnings, key=lambda p: (p.line, p.column))


def load_rulebook_with_warnings(
    path: PathLike | None = None,
    *,
    on: dt.date | Period | None = None,
    pin: tuple[str, str] | None = None,
) -> tuple[Rulebook, list[Problem]]:
    """Like :func:`load_rulebook`, also returning the warnings (problems that do not stop loading)."""
    file = Path(path) if path is not None else data.default_rulebook_path()
    if file.is_dir():
        loaded = select_rulebook(load_rulebooks(file), on=on, pin=pin, folder=_display(file))
        return loaded.rulebook, list(loaded.warnings)
    loaded = read_rulebook(file)
    return loaded.rulebook, list(loaded.warnings)


def load_rulebook(
    path: PathLike | None = None,
    *,
    on: dt.date | Period | None = None,
    pin: tuple[str, str] | None = None,
) -> Rulebook:
    """Load a rulebook file; with no argument, the shipped default rulebook.

    ``path`` may be a folder of editions: then the one ``pin``-ned (id,
    version), else the one in effect ``on`` a date or over a whole period,
    else the newest. Raises :class:`RulebookError` with every problem found.
    """
    return load_rulebook_with_warnings(path, on=on, pin=pin)[0]


def is_rulebook_file(path: Path) -> bool:
    """A rulebook in a folder: ``*.yaml``/``*.yml``, not a cases file (``*.cases.yaml``)."""
    return path.suffix in (".yaml", ".yml") and not path.stem.endswith(".cases")


def load_rulebooks(folder: PathLike) -> list[LoadedRulebook]:
    """Every rulebook of a folder, checked to agree (see :mod:`mofan_rules.versions`)."""
    files = sorted(p for p in Path(folder).iterdir() if p.is_file() and is_rulebook_file(p))
    loaded: list[LoadedRulebook] = []
    problems: list[Problem] = []
    for file in files:
        try:
            loaded.append(read_rulebook(file))
        except RulebookError as exc:
            problems += exc.problems
    by_file = {lr.document.file: lr for lr in loaded}
    from .versions import Edition, library_problems

    editions = [Edition(lr.document.file, lr.rulebook) for lr in loaded]
    for edition, msg in library_problems(editions):
        problems.append(by_file[edition.file].document.problem(("version",), msg))
    if problems:
        raise RulebookError(problems)
    return loaded


def select_rulebook(
    loaded: list[LoadedRulebook],
    *,
    on: dt.date | Period | None = None,
    pin: tuple[str, str] | None = None,
    folder: str = "<rulebooks>",
) -> LoadedRulebook:
    """The edition pinned, or in effect ``on`` a date or period, else the newest."""
    by_file = {lr.document.file: lr for lr in loaded}
    from .versions import Edition, select

    chosen = select([Edition(lr.document.file, lr.rulebook) for lr in loaded], on=on, pin=pin)
    if isinstance(chosen, Edition):
        return by_file[chosen.file]
    raise RulebookError([Problem.from_msg(chosen, folder)])


def peek_ledger(path: PathLike) -> tuple[Period | None, tuple[str, str] | None]:
    """A ledger's period and rulebook pin, read before it is checked against any rulebook.

    Used to pick the edition a ledger is scored with; anything unreadable gives
    ``(None, None)`` here and is reported when the ledger is loaded.
    """
    file = Path(path)
    if file.suffix.lower() in SHEET_SUFFIXES:
        return None, None
    try:
        doc = parse_document(_read(file, FactsError), _display(file), error=FactsError)
    except FactsError:
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


def _from_python(value: Any, path: DocPath, problems: list[Problem]) -> Any:
    # Floats from Python callers go through their shortest text (0.9 → "0.9"),
    # never through binary: the exact decimal the caller wrote. A number a file
    # could not hold (NaN, infinity, 1e-999999999) is a problem, as in a file.
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            problems.append(Problem.from_msg(say("not_finite", text=value), "<ledger>", path=path))
        elif out_of_range(value):
            msg = number_out_of_range(str(value))
            problems.append(Problem.from_msg(msg, "<ledger>", path=path))
        return value
    if isinstance(value, Mapping | list | tuple) and len(path) > MAX_DEPTH:
        msg = say("nested_deeper_than", depth=MAX_DEPTH)
        problems.append(Problem.from_msg(msg, "<ledger>", path=path))
        return None
    if isinstance(value, Mapping):
        return {k: _from_python(v, (*path, k), problems) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_from_python(v, (*path, i), problems) for i, v in enumerate(value)]
    return value


def _position(problem: Problem) -> tuple[str, int, int]:
    return (problem.file, problem.line, problem.column)


def _partial_check(doc: Document, plan: Plan, reported: set[DocPath]) -> list[Problem]:
    """Check the entries of a schema-invalid ledger that are valid on their own.

    So one typo does not hide the next: every record, measure and award that
    the model accepts is checked against the rulebook, with paths mapped back
    to the entries' places in the file.
    """
    data = doc.data if isinstance(doc.data, dict) else {}
    problems: list[Problem] = []
    kept: dict[str, Any] = {}
    origin: dict[str, list[int]] = {}
    said = {p[:2] for p in reported}  # the entries the schema already spoke of
    for key in ("records", "awards"):
        entries = data.get(key)
        if not isinstance(entries, list):
            continue
        model = Record if key == "records" else Award
        origin[key] = []
        kept[key] = []
        for index, entry in enumerate(entries):
            try:
                kept[key].append(model.model_validate(entry))
            except ValidationError as exc:
                # What the model alone refuses (a bad date), unless the schema said it.
                if (key, index) not in said:
                    problems += _pydantic_problems(doc, exc, prefix=(key, index))
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
    try:
        partial = Ledger.model_validate(kept)
    except ValidationError:  # pragma: no cover - every part was validated above
        return problems
    for found, msg in check_ledger(plan, partial):
        path = found
        if len(found) > 1 and found[0] in origin and isinstance(found[1], int):
            path = (found[0], origin[str(found[0])][found[1]], *found[2:])
        problems.append(doc.problem(path, msg))
    return problems


def load_facts(
    source: PathLike | Mapping[str, Any],
    rulebook: Rulebook | None = None,
    *,
    check_pin: bool = True,
) -> Ledger:
    """Load a ledger from a YAML, JSON, CSV or XLSX file or a mapping, checked against a rulebook.

    ``rulebook`` defaults to the shipped one. Raises :class:`FactsError` with
    every problem, located by file, line and column. ``check_pin=False``
    reads a ledger pinned to another edition anyway (to see what a new
    edition would make of last year's ledgers).
    """
    rb = rulebook if rulebook is not None else load_rulebook()
    return _ledger_from(_ledger_document(source, rb), rb, check_pin=check_pin)


def _ledger_document(source: PathLike | Mapping[str, Any], rb: Rulebook) -> Document:
    if isinstance(source, Mapping):
        problems: list[Problem] = []
        doc = Document(_from_python(source, (), problems), "<ledger>", {}, {})
        if problems:
            raise FactsError(problems)
    else:
        file = Path(source)
        raw = _read(file, FactsError)
        if file.suffix.lower() in SHEET_SUFFIXES:
            from .sheets import read_sheet

            doc = read_sheet(raw, _display(file), rb)
        else:
            doc = parse_document(raw, _display(file), error=FactsError)
    return doc


def _ledger_from(doc: Document, rb: Rulebook, *, check_pin: bool = True) -> Ledger:
    plan = plan_for(rb)
    try:
        ledger: Ledger = _validated(doc, "facts", Ledger, FactsError)
    except FactsError as exc:
        # Report the ledger's other mistakes too: check what did pass the schema
        # (unless it already has more problems than are shown).
        more = []
        if len(exc.problems) <= MAX_PROBLEMS:
            more = _partial_check(doc, plan, {p.path for p in exc.problems})
        problems = sorted([*exc.problems, *more], key=_position)
        raise FactsError(capped(problems, doc.file)) from None
    if not check_pin and ledger.rulebook is not None:
        ledger = ledger.model_copy(update={"rulebook": None})  # read as if unpinned
    pin = pin_problem(plan, ledger)
    if pin:
        raise RulebookMismatchError([doc.problem(*pin)])
    found = check_ledger(plan, ledger)
    if found:
        raise FactsError([doc.problem(path, msg) for path, msg in found])
    ledger._checked_for = plan.content_hash
    return ledger


__all__ = [
    "LoadedCase",
    "LoadedRulebook",
    "cases_path",
    "load_cases",
    "load_facts",
    "load_rulebook",
    "load_rulebook_with_warnings",
    "load_rulebooks",
    "parse_rulebook",
    "peek_ledger",
    "read_rulebook",
    "select_rulebook",
]


def cases_path(rulebook_path: PathLike) -> Path:
    """Where a rulebook's cases sit: ``x.yaml`` → ``x.cases.yaml``."""
    path = Path(rulebook_path)
    return path.with_name(path.stem + ".cases.yaml")


@dataclass(frozen=True, slots=True)
class LoadedCase:
    """A case with its ledger read against a rulebook, or the error that gave."""

    case: Case
    ledger: Ledger | FactsError


def load_cases(path: PathLike, rulebook: Rulebook) -> list[LoadedCase]:
    """Read a cases file; each case's ledger is checked against ``rulebook``.

    A case whose ledger no longer fits (say a situation was removed) keeps its
    error, to be reported as that case's failure. A malformed file raises
    :class:`CasesError`.
    """
    file = Path(path)
    doc = parse_document(_read(file, CasesError), _display(file), error=CasesError)
    from .cases import CaseFile

    casefile: CaseFile = _validated(doc, "cases", CaseFile, CasesError)
    loaded = []
    ledgers = doc.parts(("cases",), ("ledger",))
    for i, case in enumerate(casefile.cases):
        try:
            ledger: Ledger | FactsError = _ledger_from(ledgers[i], rulebook)
        except FactsError as exc:
            ledger = exc
        loaded.append(LoadedCase(case, ledger))
    return loaded
