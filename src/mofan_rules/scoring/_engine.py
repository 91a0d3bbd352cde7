"""The evaluator: a ledger and a rulebook in, an explained score out.

Pure and deterministic: no files, no YAML, no clock, no global state beyond
the memo of compiled plans. The order is the rulebook format's (see
docs/rulebook-format.md, "Order of computation"):

1. each record: amount × count × modifiers × multiplier, its record cap;
   each figure: its rule (per unit, cliffs, rank, ladder);
2. per item: one line per case (同一案件不累计扣分), tier and clause caps,
   the item cap or points and floor (or, earning, what it may earn);
3. per row: the remainder rule last, then the row's points (or cap);
   per indicator: its cap; the direct deductions and their cap; the cap on
   the whole deduction;
4. bonuses, each capped, added to a row, an indicator or the total;
5. weights, the floor, the declared rounding; then vetoes and the grade.

Two steps, in two modules. The outcome (:mod:`._outcome`: total, deduction,
bonus, vetoes, grade) is worked out at once from sums, since every reader
needs it. The trail (:mod:`._trail`, :mod:`._levels`: every record as a line,
each cap's cut) is made when a report's details are first read, and is
checked then to add up to the outcome.

Every ledger is checked against the rulebook here, every time: the checks
ride on the lookups scoring does anyway, and a ledger that misses any of them
is handed to :func:`mofan_rules.ledger.fit_ledger`, which resolves Chinese
labels or raises :class:`~mofan_rules.errors.LedgerError` with every problem.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import (
    Context,
    DecimalException,
    Inexact,
    InvalidOperation,
    Overflow,
    localcontext,
)

from mofan_rules.errors import Problem, RulebookError, RulebookMismatchError
from mofan_rules.ledger import Ledger, fit_ledger, pin_problem
from mofan_rules.messages import say
from mofan_rules.rulebook import Rulebook
from mofan_rules.scoring._checks import Misfit, Missing, class_plan, missing
from mofan_rules.scoring._compile import plan_for
from mofan_rules.scoring._explain import details, report_of
from mofan_rules.scoring._outcome import Outcome, work_out
from mofan_rules.scoring._plan import ClassPlan, Plan
from mofan_rules.scoring._report import Details, ScoreReport
from mofan_rules.scoring._trail import trail_of

# Every amount is exact; a product that needed rounding would be a bug, so
# Inexact traps. The only roundings (declared in the rulebook) are explicit.
EXACT = Context(prec=60, traps=[InvalidOperation, Overflow, Inexact])


def evaluate(rulebook: Rulebook | Plan, ledger: Ledger, *, strict: bool = False) -> ScoreReport:
    """Score one ledger under one rulebook, explaining every point.

    The ledger is checked against the rulebook first (Chinese labels are
    accepted where keys are). ``strict`` makes a figure the rulebook uses but
    the ledger leaves out an error rather than a notice.

    Raises :class:`~mofan_rules.errors.LedgerError` when the ledger does not
    fit (every problem at once), :class:`~mofan_rules.errors.RulebookMismatchError`
    when it is pinned to another edition, and
    :class:`~mofan_rules.errors.RulebookError` when a rulebook built in
    Python asks for more digits than exact arithmetic keeps.
    """
    plan = plan_for(rulebook)
    pin = pin_problem(plan.rulebook, ledger) if ledger.rulebook is not None else None
    if pin is not None:
        where, said = pin
        raise RulebookMismatchError([Problem.from_msg(said, "<ledger>", path=where)])
    try:
        cp, left_out, outcome = numbers_of(plan, ledger, strict=strict)
    except Misfit:
        fitted = fit_ledger(plan.index, ledger)
        try:
            cp, left_out, outcome = numbers_of(plan, fitted, strict=strict)
        except Misfit:  # pragma: no cover - fitting checks all the fast path does
            msg = "the ledger fits the rulebook, yet scoring refused it: please report this"
            raise RuntimeError(msg) from None
        ledger = fitted
    return report_of(plan, ledger, outcome, left_out, _explanation(plan, cp, ledger, outcome))


def numbers_of(plan: Plan, ledger: Ledger, *, strict: bool) -> tuple[ClassPlan, Missing, Outcome]:
    """The class plan, the figures left out and the outcome of a ledger, in exact arithmetic.

    Raises :class:`._checks.Misfit` when the ledger needs fitting first, and
    what :func:`evaluate` raises for a missing figure or too many digits.
    """
    with localcontext(EXACT):
        try:
            cp = class_plan(plan, ledger)
            outcome = work_out(plan, cp, ledger)
            return cp, missing(plan, cp, ledger, strict=strict), outcome
        except DecimalException:
            # Never rounded silently: a figure that needs more digits than the
            # engine keeps (a rulebook built in Python, unchecked) is refused.
            msg = say("not_exact", digits=EXACT.prec)
            raise RulebookError([Problem.from_msg(msg, "<rulebook>")]) from None


def _explanation(
    plan: Plan, cp: ClassPlan, ledger: Ledger, outcome: Outcome
) -> Callable[[], Details]:
    """The report's details, to be built when first read: every line, capped, in words."""
    # A frozen ledger's lists and dict can still be changed in place; the
    # details must be those of the ledger as it was scored.
    records, measures, awards = tuple(ledger.records), dict(ledger.measures), tuple(ledger.awards)

    def build() -> Details:
        scored = ledger
        if (tuple(ledger.records), ledger.measures, tuple(ledger.awards)) != (
            records,
            measures,
            awards,
        ):
            update = {"records": list(records), "measures": measures, "awards": list(awards)}
            scored = ledger.model_copy(update=update)
        with localcontext(EXACT):
            tally = trail_of(plan, cp, scored)
        rows = {n: row.deducted for n, row in tally.rows.items()}
        if (tally.total, tally.deducted, tally.bonus, rows) != (
            outcome.total,
            outcome.deducted,
            outcome.bonus,
            outcome.rows,
        ):  # pragma: no cover - the two ways of adding up are held equal by the tests
            msg = "the trail does not add up to the score: please report this"
            raise RuntimeError(msg)
        return details(plan, tally)

    return build


__all__ = ["EXACT", "evaluate", "numbers_of"]
