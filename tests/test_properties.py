"""Invariants of the evaluator, over ledgers generated from each rulebook itself.

Run on the shipped rulebook (500 examples each) and on every rulebook of the
pattern and genre corpora (fewer each, marked slow): whatever the table, no
cap is exceeded at any level, the shares of the trail add up, the grade is
its band's, and a veto always wins.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, localcontext
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mofan_rules import Ledger, Record, Rulebook, evaluate, load_rulebook
from mofan_rules.ledger import fit_ledger
from mofan_rules.rulebook import AwardBonus, Basis, BonusTarget, PerOccurrence, resolve_tiers
from mofan_rules.scoring import ScoreReport, plan_for
from mofan_rules.scoring._engine import EXACT, numbers_of
from mofan_rules.scoring._trail import trail_of
from mofan_rules.testing import ledgers, records

ROOT = Path(__file__).resolve().parent.parent
ZERO = Decimal(0)
RB = load_rulebook()
CORPUS = sorted(
    p
    for folder in (ROOT / "tests" / "cases" / "patterns", ROOT / "rulebooks" / "genre")
    if folder.is_dir()
    for p in folder.glob("*.yaml")
    if not p.name.endswith(".cases.yaml")
)
OTHERS = {p.stem: load_rulebook(p) for p in CORPUS}


def check_caps(rb: Rulebook, report: ScoreReport) -> None:
    """No cap at any level lets through more than its limit."""
    shares: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    slot: dict[tuple[int, str], str] = {}
    for item in rb.items:
        for cap in item.caps:
            for target in cap.applies_to:
                slot[(item.number, target)] = cap.key
    for line in report.trail:
        if line.item is None:
            continue
        key = slot.get((line.item, f"{line.situation}.{line.tier}")) or slot.get(
            (line.item, line.situation)
        )
        if key is not None:
            shares[(line.item, key)] += line.share
    by_number = {i.number: i for i in rb.items}
    for item in rb.items:
        for cap in item.caps:
            assert shares[(item.number, cap.key)] <= cap.limit
        result = report.items[item.number]
        assert result.deduction >= 0
        if item.classes and report.unit_class not in item.classes:
            assert result.deduction == 0  # not assessed on it: it neither loses nor earns
            continue
        if item.basis is Basis.EARN:
            assert result.earned is not None
            assert ZERO <= result.earned <= item.points  # type: ignore[operator]
            if item.cap is not None:
                assert result.earned <= item.cap
        else:
            if item.cap is not None:
                assert result.deduction <= item.cap
            if item.points is not None:
                assert result.deduction <= item.points - (item.floor or ZERO)
        for sit in item.situations:
            if isinstance(sit, PerOccurrence) and sit.per_record_cap is not None:
                for line in report.trail:
                    if line.item == item.number and line.situation == sit.key:
                        assert line.share <= sit.per_record_cap
    for row, spec in zip(report.rows, rb.rows, strict=True):
        bound = min(spec.points, spec.cap) if spec.cap is not None else spec.points
        assert ZERO <= row.deducted <= bound
        assert row.score == spec.points - row.deducted + row.bonus
    for ind, ind_spec in zip(report.indicators, rb.indicators, strict=True):
        if ind_spec.cap is not None:
            assert ind.deducted <= ind_spec.cap
    if rb.direct_deductions is not None and rb.direct_deductions.cap is not None:
        direct = sum((i.deduction for i in report.items.values() if i.row is None), ZERO)
        assert direct <= rb.direct_deductions.cap
    if rb.deduction_cap is not None:
        assert report.deducted <= rb.deduction_cap
    for bonus, bonus_spec in zip(report.bonuses, rb.bonuses, strict=True):
        assert ZERO <= bonus.bonus <= bonus_spec.cap
    del by_number


def check_shares(report: ScoreReport) -> None:
    """Every item's lines add up to what it deducts (or earns)."""
    for number, item in report.items.items():
        total = sum((t.share for t in report.trail if t.item == number), ZERO)
        if item.basis == "earn":
            # An earning item the unit's class is not assessed on has no lines
            # and earns nothing: it is reported with `earned` None.
            assert total == (item.earned if item.earned is not None else ZERO)
        else:
            assert total == item.deduction
        for line in report.trail:
            if line.item == number:
                assert ZERO <= line.share <= line.value


def check_outcome(rb: Rulebook, report: ScoreReport) -> None:
    """The grade is the band of the total, unless a veto set a worse one; a veto always wins."""
    if rb.grades is None:
        assert report.grade is None
        return
    assert report.grade is not None
    order = [g.key for g in rb.grades]
    band = next(
        g
        for g in rb.grades
        if (g.at_least is None or report.total >= g.at_least)
        and (g.below is None or report.total < g.below)
    )
    vetoed = [v.grade for v in report.vetoes if v.grade is not None]
    if not vetoed:
        assert report.grade.key == band.key
        assert not report.grade.by_veto
        return
    worst = max(vetoed, key=order.index)
    assert order.index(report.grade.key) >= order.index(worst)  # never better than the veto allows
    assert report.grade.key == max((band.key, worst), key=order.index)
    scores = [v.score for v in report.vetoes if v.score is not None]
    if scores:
        assert report.total <= min(scores)  # a veto's score is a ceiling


def check_total(rb: Rulebook, report: ScoreReport) -> None:
    """The total is full marks less deductions plus bonuses, where no weight, floor or veto intervenes."""
    weighted = any(i.weight is not None for i in rb.indicators) or any(
        r.weight is not None for r in rb.rows
    )
    if weighted or report.vetoes or rb.floor is not None or rb.score_rounding is not None:
        return
    assert report.total == rb.total_points - report.deducted + report.bonus
    to_total = sum((b.cap for b in rb.bonuses if b.added_to is BonusTarget.TOTAL), ZERO)
    assert report.total <= rb.total_points + to_total


@given(ledgers(RB))
def test_shipped_caps_shares_and_total(ledger: Ledger) -> None:
    report = evaluate(RB, ledger)
    check_caps(RB, report)
    check_shares(report)
    check_total(RB, report)
    assert ZERO <= report.total <= report.max_total


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(OTHERS))
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(data=st.data())
def test_corpus_caps_grades_and_vetoes(name: str, data: st.DataObject) -> None:
    rb = OTHERS[name]
    ledger = data.draw(ledgers(rb, max_records=12))
    report = evaluate(rb, ledger)
    check_caps(rb, report)
    check_shares(report)
    check_outcome(rb, report)
    check_total(rb, report)


def _deducting(rb: Rulebook, record: Record) -> bool:
    item = next(i for i in rb.items if i.number == record.item)
    return item.basis is Basis.DEDUCT


@given(ledgers(RB), records(RB))
def test_adding_a_record_never_raises_the_score(ledger: Ledger, record: Record) -> None:
    item = next(i for i in RB.items if i.number == record.item)
    sit = next(s for s in item.situations if s.key == record.situation)
    assert isinstance(sit, PerOccurrence)
    already = sum(
        r.count for r in ledger.records if (r.item, r.situation) == (record.item, record.situation)
    )
    assume(sit.max_count is None or already + record.count <= sit.max_count)
    more = ledger.model_copy(update={"records": [*ledger.records, record]})
    assert evaluate(RB, more).total <= evaluate(RB, ledger).total


# Each example builds two whole reports (pydantic dumps); 200 keeps CI in its budget.
@settings(max_examples=200)
@given(ledgers(RB))
def test_labels_score_like_keys(ledger: Ledger) -> None:
    """A ledger written with the Chinese labels scores exactly as with the keys."""
    by_key = {(i.number, s.key): s for i in RB.items for s in i.situations}
    mods = {m.key: m.label for m in RB.modifiers}
    relabelled = []
    for rec in ledger.records:
        sit = by_key[(rec.item, rec.situation)]
        assert isinstance(sit, PerOccurrence)
        tiers = {t.key: t.label for t in resolve_tiers(RB, sit)}
        labels_of_item = [
            s.label for s in next(i for i in RB.items if i.number == rec.item).situations
        ]
        # A label two situations of one item share stands for neither: keep the key there.
        name = sit.label if labels_of_item.count(sit.label) == 1 else sit.key
        relabelled.append(
            rec.model_copy(
                update={
                    "situation": name,
                    "tier": tiers.get(rec.tier) if rec.tier else None,
                    "modifiers": [mods[m] for m in rec.modifiers],
                }
            )
        )
    labels = {m.key: m.label for m in RB.measures}
    other = ledger.model_copy(
        update={
            "records": relabelled,
            "measures": {labels[k]: v for k, v in ledger.measures.items()},
        }
    )
    assert evaluate(RB, other).model_dump() == evaluate(RB, ledger).model_dump()


@settings(max_examples=200)  # two whole reports per example, as above
@given(ledgers(RB))
def test_evaluation_is_deterministic(ledger: Ledger) -> None:
    assert evaluate(RB, ledger).to_json() == evaluate(RB, ledger).to_json()


@pytest.mark.slow
@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.data())
def test_awards_one_per_deed(data: st.DataObject) -> None:
    rb = OTHERS["bonuses-and-direct"]
    ledger = data.draw(ledgers(rb))
    report = evaluate(rb, ledger)
    bonus = next(b for b in rb.bonuses if isinstance(b, AwardBonus))
    by_deed: dict[str, int] = defaultdict(int)
    for line in report.trail:
        if line.bonus == bonus.key and line.case is not None and line.share:
            by_deed[line.case] += 1
    assert all(n <= 1 for n in by_deed.values())


@pytest.mark.slow
@pytest.mark.parametrize("name", ["2026", *sorted(OTHERS)])
@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(data=st.data())
def test_outcome_from_sums_is_the_trail_from_lines(name: str, data: st.DataObject) -> None:
    """The two ways of adding up agree: the outcome (sums per item and cap) and the trail (lines).

    The outcome is what a report states at once; the trail is made when its
    details are read. Every item, every row, the deduction, the bonus and the
    total must come out the same, whatever caps, cases, weights or vetoes cut.
    """
    rb = RB if name == "2026" else OTHERS[name]
    plan = plan_for(rb)
    ledger = fit_ledger(plan.index, data.draw(ledgers(rb, max_records=12)))
    cp, _, outcome = numbers_of(plan, ledger, strict=False)
    with localcontext(EXACT):
        tally = trail_of(plan, cp, ledger)
    assert (outcome.total, outcome.deducted, outcome.bonus) == (
        tally.total,
        tally.deducted,
        tally.bonus,
    )
    assert outcome.rows == {n: row.deducted for n, row in tally.rows.items()}
    worked = {n: t.deduction for n, t in tally.items.items() if n in outcome.items}
    assert outcome.items == worked
    # An item only the trail tallied is one no line reached (nothing to deduct).
    assert all(tally.items[n].deduction == 0 for n in tally.items.keys() - outcome.items.keys())
