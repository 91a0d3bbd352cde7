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

Every ledger is checked against the rulebook here, every time: the checks
ride on the lookups scoring does anyway, and a ledger that misses any of them
is handed to :func:`mofan_rules.ledger.fit_ledger`, which resolves Chinese
labels or raises :class:`~mofan_rules.errors.LedgerError` with every problem.
"""

from __future__ import annotations

from decimal import (
    Context,
    Decimal,
    DecimalException,
    Inexact,
    InvalidOperation,
    Overflow,
    localcontext,
)

from mofan_rules.errors import LedgerError, Problem, RulebookError, RulebookMismatchError
from mofan_rules.ledger import Award, Ledger, RankValue, fit_ledger, pin_problem
from mofan_rules.messages import say
from mofan_rules.rulebook import MeasureKind, Rulebook
from mofan_rules.scoring import _levels
from mofan_rules.scoring._compile import plan_for
from mofan_rules.scoring._explain import report_of
from mofan_rules.scoring._lines import figure_line
from mofan_rules.scoring._plan import ClassPlan, ItemPlan, Plan
from mofan_rules.scoring._report import ScoreReport
from mofan_rules.scoring._tally import ItemTally, Line, Tally

# Every amount is exact; a product that needed rounding would be a bug, so
# Inexact traps. The only roundings (declared in the rulebook) are explicit.
_EXACT = Context(prec=60, traps=[InvalidOperation, Overflow, Inexact])
# A figure or stated amount with more decimal places than this is a paste
# error (ledger/_fit.py says so); the bound keeps every product exact within
# the engine's precision.
MAX_RATE_PLACES = 10


class _Misfit(Exception):  # noqa: N818 - a signal inside the engine, never an error anyone sees
    """The ledger left the fast path: it needs the full fitting (labels, or mistakes)."""


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
    pin = pin_problem(plan.rulebook, ledger)
    if pin is not None:
        raise RulebookMismatchError([Problem.from_msg(pin[1], "<ledger>", path=pin[0])])
    try:
        tally = _numbers(plan, ledger, strict=strict)
    except _Misfit:
        fitted = fit_ledger(plan.index, ledger)
        try:
            tally = _numbers(plan, fitted, strict=strict)
        except _Misfit:  # pragma: no cover - fitting checks all the fast path does
            msg = "the ledger fits the rulebook, yet scoring refused it: please report this"
            raise RuntimeError(msg) from None
        ledger = fitted
    return report_of(plan, ledger, tally)


def _numbers(plan: Plan, ledger: Ledger, *, strict: bool) -> Tally:
    with localcontext(_EXACT):
        try:
            return _Scorer(plan, ledger).run(strict=strict)
        except DecimalException:
            # Never rounded silently: a figure that needs more digits than the
            # engine keeps (a rulebook built in Python, unchecked) is refused.
            msg = say("not_exact", digits=_EXACT.prec)
            raise RulebookError([Problem.from_msg(msg, "<rulebook>")]) from None


class _Scorer:
    """Works out one ledger's numbers; each method is one step of the order above."""

    def __init__(self, plan: Plan, ledger: Ledger) -> None:
        self.plan = plan
        self.ledger = ledger
        self.items: dict[int, ItemTally] = {}
        self.lines: list[Line] = []
        self.vetoes: list[Line] = []

    def run(self, *, strict: bool) -> Tally:
        cp = self._class_plan()
        self._records(cp)
        self._check_figures(cp)
        notices = self._figures(cp, strict=strict)
        return _levels.finish(
            self.plan,
            cp,
            self.ledger,
            self.items,
            lines=self.lines,
            vetoes=self.vetoes,
            notices=notices,
        )

    def _class_plan(self) -> ClassPlan:
        period = self.ledger.period
        if period is not None and period.end < period.start:
            raise _Misfit
        unit_class = self.ledger.unit_class
        if self.plan.rulebook.classes:
            cp = self.plan.classes.get(unit_class)
            if cp is None:
                raise _Misfit
            return cp
        if unit_class is not None:
            raise _Misfit
        return self.plan.classes[None]

    def _add(self, line: Line, item: ItemPlan) -> None:
        tally = self.items.get(item.number)
        if tally is None:
            tally = self.items[item.number] = ItemTally(item)
        tally.lines.append(line)
        tally.raw += line.value
        tally.counted += line.share
        self.lines.append(line)

    def _records(self, cp: ClassPlan) -> None:
        # The loop every record of every ledger goes through: one lookup resolves
        # the record's item, amount, cap and modifiers; anything that does not
        # fit sends the ledger to the full fitting (which names the mistake).
        factors = self.plan.factors
        counts: dict[tuple[int, str], int] = {}
        items = self.items
        lines = self.lines
        for i, rec in enumerate(self.ledger.records):
            rule = cp.records.get((rec.item, rec.situation, rec.tier))
            if rule is None:
                raise _Misfit
            amount = rule.amount
            if amount is None:  # a range: the record states its amount
                span = rule.range
                if (
                    rec.amount is None
                    or span is None
                    or not span[0] <= rec.amount <= span[1]
                    or -rec.amount.as_tuple().exponent > MAX_RATE_PLACES  # type: ignore[operator]
                ):
                    raise _Misfit
                amount = rec.amount
            elif rec.amount is not None:
                raise _Misfit
            factor = rule.multiplier
            if rec.modifiers:
                if len(set(rec.modifiers)) != len(rec.modifiers):
                    raise _Misfit
                for mod in rec.modifiers:
                    if mod not in rule.modifiers:
                        raise _Misfit
                    factor *= factors[mod]
            if rule.max_count is not None:
                key = (rec.item, rec.situation)
                counts[key] = counts.get(key, 0) + rec.count
                if counts[key] > rule.max_count:
                    raise _Misfit
            value = amount * rec.count * factor
            line = Line(0, i, rule, rec, amount, rec.count, factor, value, value)
            if rule.per_record_cap is not None and value > rule.per_record_cap:
                line.cut_to(rule.per_record_cap, "per_record_cap")
            item = rule.item
            tally = items.get(item.number)
            if tally is None:
                tally = items[item.number] = ItemTally(item)
            tally.lines.append(line)
            tally.raw += value
            tally.counted += line.share
            lines.append(line)
            if rule.veto is not None:
                self.vetoes.append(line)
        for award in self.ledger.awards:
            self._check_award(award)

    def _check_award(self, award: Award) -> None:
        bonuses = self.plan.award_bonuses
        if award.bonus is not None:
            rule = next((b for b in bonuses if b.key == award.bonus), None)
        else:
            rule = bonuses[0] if len(bonuses) == 1 else None
        if rule is None or (award.level, award.scope) not in rule.awards:  # type: ignore[operator]
            raise _Misfit
        if award.modifiers and (
            len(set(award.modifiers)) != len(award.modifiers)
            or not set(award.modifiers) <= rule.modifiers
        ):
            raise _Misfit

    def _check_figures(self, cp: ClassPlan) -> None:
        checks, used = self.plan.figure_checks, cp.measures_used
        for key, value in self.ledger.measures.items():
            check = checks.get(key)
            if check is None or key not in used:
                raise _Misfit  # a label, an unknown figure, or another class's figure
            kind, top = check.kind, check.maximum
            if kind is MeasureKind.RANK:
                if (
                    not isinstance(value, RankValue)
                    or (value.of is None and check.needs_of)
                    or (value.score is None and check.needs_score)
                    or (value.of is not None and value.rank + value.tied - 1 > value.of)
                ):
                    raise _Misfit
            elif isinstance(value, RankValue | str) or (
                kind is MeasureKind.COUNT and type(value) is not int
            ):
                raise _Misfit
            elif kind is MeasureKind.RATE:
                if value > (top if top is not None else 1) or (
                    type(value) is Decimal and -value.as_tuple().exponent > MAX_RATE_PLACES  # type: ignore[operator]
                ):
                    raise _Misfit
            elif (top is not None and value > top) or (
                type(value) is Decimal and -value.as_tuple().exponent > MAX_RATE_PLACES  # type: ignore[operator]
            ):
                raise _Misfit

    def _figures(self, cp: ClassPlan, *, strict: bool) -> list[tuple[str, str, object]]:
        measures = self.ledger.measures
        notices: list[tuple[str, str, object]] = []
        missing = [key for key in cp.measures_used if key not in measures]
        if missing:
            if strict or self.plan.missing_is_error:
                label = {m.key: m.label for m in self.plan.rulebook.measures}
                raise LedgerError(
                    [
                        Problem.from_msg(
                            say(
                                "missing_figure_error"
                                if self.plan.missing_is_error
                                else "missing_figure_strict",
                                key=key,
                                label=label[key],
                            ),
                            "<ledger>",
                            path=("measures",),
                        )
                        for key in missing
                    ]
                )
            notices = [("missing_figure", f"/measures/{key}", key) for key in missing]
        for rule in cp.measured:
            figure = measures.get(rule.measure)
            if figure is None:
                continue
            line = figure_line(rule, figure, self.plan.rounding, 1)  # type: ignore[arg-type]
            if rule.item is not None:
                self._add(line, rule.item)
        return notices


__all__ = ["MAX_RATE_PLACES", "evaluate"]
