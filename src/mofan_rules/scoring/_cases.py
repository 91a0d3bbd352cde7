"""Cases that travel with a rulebook (案例): a ledger and the figures it must give.

The way OpenFisca ships YAML tests beside its parameters, a rulebook
``x.yaml`` sits beside ``x.cases.yaml``: named ledgers with the expected
total, bonus, row scores and item deductions. Before anyone's score depends on
an edited rulebook, ``mofan-rules test`` (and pytest) runs its cases; a broken
case names itself, the figure expected and got, and the items that moved.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from pydantic import Field, WithJsonSchema

from .errors import FactsError
from .model import Exact, Frozen
from .report import ScoreReport, canonical

Figure = Annotated[Decimal, Exact, WithJsonSchema({"type": "number"})]


# Keys of these mappings are item or row numbers.
_NUMBERED: dict[str, Any] = {"propertyNames": {"pattern": "^[0-9]+$"}}


class Expectation(Frozen):
    """The figures a case must give; leave out what the case is not about."""

    total: Figure | None = Field(default=None, description="The total, bonus included.")
    deducted: Figure | None = Field(default=None, description="All deductions together.")
    bonus: Figure | None = Field(default=None, description="The bonus added.")
    items: dict[int, Figure] | None = Field(
        default=None,
        json_schema_extra=_NUMBERED,
        description="Every item that deducts and its deduction; an item not listed must deduct 0. "
        "Write {} for a case where no item deducts.",
    )
    rows: dict[int, Figure] | None = Field(
        default=None, json_schema_extra=_NUMBERED, description="Row scores, by row number."
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
    moved: tuple[tuple[int, Decimal, Decimal], ...] = ()

    @property
    def passed(self) -> bool:
        """Whether every expected figure came out."""
        return not self.failures

    def message(self) -> str:
        """One paragraph for people: the case, each figure expected and got, the items that moved."""
        if self.passed:
            return f"ok: {self.name}"
        lines = [f"FAIL: {self.name}", *(f"  {f}" for f in self.failures)]
        if self.moved:
            moved = ", ".join(f"item {n} {canonical(a)} → {canonical(b)}" for n, a, b in self.moved)
            lines.append(f"  items whose deduction changed: {moved}")
        return "\n".join(lines)


def check_case(case: Case, report: ScoreReport | FactsError) -> CaseResult:
    """Compare a case's report (or the error its ledger gave) with its expectation."""
    if isinstance(report, FactsError):
        why = "; ".join(str(p) for p in report.problems)
        return CaseResult(case.name, (f"its ledger does not fit the rulebook: {why}",))
    failures: list[str] = []
    expect = case.expect
    for name in ("total", "deducted", "bonus"):
        want = getattr(expect, name)
        got = report.bonus.bonus if name == "bonus" else getattr(report, name)
        if want is not None and want != got:
            failures.append(f"{name}: expected {canonical(want)}, got {canonical(got)}")
    rows = {row.number: row.score for row in report.rows}
    for number, want in sorted((expect.rows or {}).items()):
        if rows.get(number) != want:
            got = rows.get(number)
            failures.append(f"row {number} score: expected {canonical(want)}, got {_show(got)}")
    moved: list[tuple[int, Decimal, Decimal]] = []
    if expect.items is not None:
        for number in sorted(set(expect.items) | set(report.items)):
            want = expect.items.get(number, Decimal(0))
            item = report.items.get(number)
            got = item.deduction if item is not None else Decimal(0)
            if want != got:
                moved.append((number, want, got))
        if moved and not failures:
            failures.append("item deductions differ from the case")
    return CaseResult(case.name, tuple(failures), tuple(moved))


def _show(value: Decimal | None) -> str:
    return "nothing" if value is None else canonical(value)
