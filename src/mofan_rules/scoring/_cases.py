"""Cases that travel with a rulebook (案例): a ledger and the figures it must give.

The way OpenFisca ships YAML tests beside its parameters, a rulebook
``x.yaml`` sits beside ``x.cases.yaml``: named ledgers with the expected
total, grade, bonus, row scores and item deductions, each with a ``why:``
that works the figures out by hand. Before anyone's score depends on an
edited rulebook, ``mofan-rules test`` (and pytest) runs its cases; a broken
case names itself, the figure expected and got, and the items that moved.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, WithJsonSchema

from mofan_rules._text import canonical
from mofan_rules._types import Exact, Frozen, Key
from mofan_rules.errors import CasesError, LedgerError
from mofan_rules.ledger import Ledger, fitted_ledger
from mofan_rules.messages import Msg, say
from mofan_rules.rulebook import Rulebook
from mofan_rules.scoring._engine import evaluate
from mofan_rules.scoring._report import ItemMove, ScoreReport
from mofan_rules.source import PathLike, display, parse_document, read_bytes, validated

Figure = Annotated[Decimal, Exact, WithJsonSchema({"type": "number"})]

# Keys of these mappings are item, row or indicator numbers.
_NUMBERED: dict[str, Any] = {"propertyNames": {"pattern": "^[0-9]+$"}}
CASES_SCHEMA = (
    "cases",
    "mofan_rules cases",
    "Cases that travel with a rulebook (案例): named ledgers and the figures each must give.",
)


class Expectation(Frozen):
    """The figures a case must give; leave out what the case is not about."""

    total: Figure | None = Field(default=None, description="The total, bonuses included.")
    deducted: Figure | None = Field(default=None, description="All deductions together.")
    bonus: Figure | None = Field(default=None, description="All bonuses together.")
    grade: Key | None = Field(default=None, description="The grade (等次) by key.")
    outcome: str | None = Field(default=None, description="What a veto sets, in words.")
    items: dict[int, Figure] | None = Field(
        default=None,
        json_schema_extra=_NUMBERED,
        description="Every item that deducts and its deduction; an item not listed must deduct 0. "
        "Write {} for a case where no item deducts.",
    )
    rows: dict[int, Figure] | None = Field(
        default=None, json_schema_extra=_NUMBERED, description="Row scores, by row number."
    )
    indicators: dict[int, Figure] | None = Field(
        default=None, json_schema_extra=_NUMBERED, description="Indicator scores, by 1-based index."
    )
    item_grades: dict[int, Key] | None = Field(
        default=None,
        json_schema_extra=_NUMBERED,
        description="Grades (等次) of items with their own bands, by item number.",
    )
    row_grades: dict[int, Key] | None = Field(
        default=None,
        json_schema_extra=_NUMBERED,
        description="Grades of rows with their own bands, by row number.",
    )
    indicator_grades: dict[int, Key] | None = Field(
        default=None,
        json_schema_extra=_NUMBERED,
        description="Grades of indicators with their own bands, by 1-based index.",
    )
    errors: list[Key] | None = Field(
        default=None,
        description="The ledger must be refused with problems of exactly these codes "
        "(e.g. amount_outside_range); no figure is then checked.",
    )


class Case(Frozen):
    """A named ledger and what it must score (案例)."""

    name: str = Field(min_length=1, description="A short name, unique in the file.")
    why: str | None = Field(default=None, description="How the figures are worked out by hand.")
    ledger: dict[str, Any] = Field(description="The ledger, in the same form as a ledger file.")
    expect: Expectation = Field(description="The figures it must give.")


class CaseFile(Frozen):
    """A rulebook's cases file (``<rulebook>.cases.yaml``)."""

    cases: list[Case] = Field(min_length=1, description="The cases, each a ledger and its figures.")
    note: str | None = Field(default=None, description="Free text for people.")


@dataclass(frozen=True, slots=True)
class CaseResult:
    """What running one case gave: passed, or why not."""

    name: str
    failures: tuple[str, ...]
    failures_zh: tuple[str, ...] = ()
    moved: tuple[ItemMove, ...] = ()

    @property
    def passed(self) -> bool:
        """Whether every expected figure came out."""
        return not self.failures

    def message(self, lang: str = "en") -> str:
        """One paragraph for people: the case, each figure expected and got, the items that moved."""
        zh = lang == "zh"
        if self.passed:
            return say("case_ok", name=self.name).text(lang)
        failures = self.failures_zh if zh and self.failures_zh else self.failures
        lines = [say("case_failed", name=self.name).text(lang), *(f"  {f}" for f in failures)]
        if self.moved:
            moved = ", ".join(
                say("case_item_moved", item=n, was=canonical(a), now=canonical(b)).text(lang)
                for n, a, b in self.moved
            )
            lines.append("  " + say("case_items_moved", items=moved).text(lang))
        return "\n".join(lines)


def _show(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return canonical(value)
    return str(value)


def check_case(case: Case, report: ScoreReport | LedgerError) -> CaseResult:
    """Compare a case's report (or the error its ledger gave) with its expectation.

    Raises nothing: every difference is in the result.
    """
    expect = case.expect
    failed: list[Msg] = []
    if isinstance(report, LedgerError):
        codes = sorted({p.code for p in report.problems})
        if expect.errors is not None and codes == sorted(set(expect.errors)):
            return CaseResult(case.name, ())
        why = "; ".join(str(p) for p in report.problems)
        msg = say("case_does_not_fit", why=why)
        return CaseResult(case.name, (msg.en,), (msg.zh,))
    if expect.errors is not None:
        msg = say("case_should_fail", codes=", ".join(expect.errors))
        return CaseResult(case.name, (msg.en,), (msg.zh,))
    figures: list[tuple[str, object, object]] = [
        ("total", expect.total, report.total),
        ("deducted", expect.deducted, report.deducted),
        ("bonus", expect.bonus, report.bonus),
        ("grade", expect.grade, report.grade.key if report.grade else None),
        ("outcome", expect.outcome, report.outcome),
    ]
    for name, want, got in figures:
        if want is not None and want != got:
            failed.append(say("case_figure", name=name, want=_show(want), got=_show(got)))
    rows = {row.number: row.score for row in report.rows}
    for number, want in sorted((expect.rows or {}).items()):
        if rows.get(number) != want:
            failed.append(
                say("case_row", number=number, want=_show(want), got=_show(rows.get(number)))
            )
    indicators = {ind.index: ind.score for ind in report.indicators}
    for number, want in sorted((expect.indicators or {}).items()):
        if indicators.get(number) != want:
            failed.append(
                say(
                    "case_indicator",
                    number=number,
                    want=_show(want),
                    got=_show(indicators.get(number)),
                )
            )
    failed += _grades_differ(expect, report)
    moved: list[ItemMove] = []
    if expect.items is not None:
        for number in sorted(set(expect.items) | set(report.items)):
            want = expect.items.get(number, Decimal(0))
            item = report.items.get(number)
            got = item.deduction if item is not None else Decimal(0)
            if want != got:
                moved.append(ItemMove(number, want, got))
        if moved and not failed:
            failed.append(say("case_items_differ"))
    return CaseResult(
        case.name, tuple(m.en for m in failed), tuple(m.zh for m in failed), tuple(moved)
    )


def _grades_differ(expect: Expectation, report: ScoreReport) -> list[Msg]:
    """The item, row and indicator grades the case names that came out otherwise."""
    got = {
        "case_item_grade": {n: item.grade for n, item in report.items.items()},
        "case_row_grade": {row.number: row.grade for row in report.rows},
        "case_indicator_grade": {ind.index: ind.grade for ind in report.indicators},
    }
    wanted = {
        "case_item_grade": expect.item_grades,
        "case_row_grade": expect.row_grades,
        "case_indicator_grade": expect.indicator_grades,
    }
    return [
        say(code, number=number, want=want, got=_show(got[code].get(number)))
        for code, grades in wanted.items()
        for number, want in sorted((grades or {}).items())
        if got[code].get(number) != want
    ]


def cases_path(rulebook_path: PathLike) -> Path:
    """Where a rulebook's cases sit: ``x.yaml`` → ``x.cases.yaml``.

    Raises :class:`ValueError` for a path with no file name (``.`` or ``/``).
    """
    path = Path(rulebook_path)
    return path.with_name(path.stem + ".cases.yaml")


@dataclass(frozen=True, slots=True)
class LoadedCase:
    """A case with its ledger read against a rulebook, or the error that gave."""

    case: Case
    ledger: Ledger | LedgerError


def load_cases(path: PathLike, rulebook: Rulebook) -> list[LoadedCase]:
    """Read a cases file; each case's ledger is fitted to ``rulebook``.

    A case whose ledger no longer fits (say a situation was removed) keeps its
    error, to be reported as that case's failure.

    Raises :class:`~mofan_rules.errors.CasesError` when the file cannot be
    read, is malformed, or names two cases alike.
    """
    file = Path(path)
    doc = parse_document(read_bytes(file, CasesError), display(file), error=CasesError)
    casefile: CaseFile = validated(doc, CaseFile, CasesError)
    names: dict[str, int] = {}
    for i, case in enumerate(casefile.cases):
        if case.name in names:
            msg = say(
                "used_twice", what=say("key_case"), value=case.name, first=names[case.name] + 1
            )
            raise CasesError([doc.problem(("cases", i, "name"), msg)])
        names[case.name] = i
    loaded = []
    ledgers = doc.parts(("cases",), ("ledger",))
    for i, case in enumerate(casefile.cases):
        try:
            ledger: Ledger | LedgerError = fitted_ledger(ledgers[i], rulebook)
        except LedgerError as exc:
            ledger = exc
        loaded.append(LoadedCase(case, ledger))
    return loaded


def run_case(rulebook: Rulebook, loaded: LoadedCase) -> CaseResult:
    """Score one loaded case and compare it with its expectation.

    Raises :class:`~mofan_rules.errors.RulebookError` only when a rulebook
    built in Python asks for more digits than exact arithmetic keeps; a
    ledger that does not fit is the case's failure, not an error.
    """
    ledger = loaded.ledger
    if isinstance(ledger, LedgerError):
        return check_case(loaded.case, ledger)
    try:
        report: ScoreReport | LedgerError = evaluate(rulebook, ledger)
    except LedgerError as exc:  # e.g. a figure the rulebook requires is missing
        report = exc
    return check_case(loaded.case, report)


__all__ = [
    "CASES_SCHEMA",
    "Case",
    "CaseFile",
    "CaseResult",
    "Expectation",
    "LoadedCase",
    "cases_path",
    "check_case",
    "load_cases",
    "run_case",
]
