"""Invariants of the evaluator over ledgers generated from the rulebook itself."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from mofan_rules import Ledger, Record, evaluate, load_rulebook
from mofan_rules.testing import ledgers, records

RB = load_rulebook()
ZERO = Decimal(0)


@given(ledgers(RB))
def test_no_cap_is_exceeded(ledger: Ledger) -> None:
    report = evaluate(RB, ledger)
    by_cap: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    cap_of = {}
    for item in RB.items:
        for cap in item.caps:
            for target in cap.applies_to:
                cap_of[(item.number, target)] = cap
    for line in report.trail:
        if line.kind == "award" or line.item is None:
            continue
        cap = cap_of.get((line.item, f"{line.situation}.{line.tier}")) or cap_of.get(
            (line.item, line.situation)
        )
        if cap is not None:
            by_cap[(line.item, cap.key)] += line.share
    for item in RB.items:
        for cap in item.caps:
            assert by_cap[(item.number, cap.key)] <= cap.limit
        result = report.items[item.number]
        if item.cap is not None:
            assert result.deduction <= item.cap
        assert result.deduction >= 0
    for row, spec in zip(report.rows, RB.rows, strict=True):
        assert ZERO <= row.deducted <= spec.points
        assert row.score == spec.points - row.deducted + row.bonus
    assert report.bonus.bonus <= RB.bonus.cap  # type: ignore[union-attr]


@given(ledgers(RB))
def test_score_stays_within_bounds(ledger: Ledger) -> None:
    report = evaluate(RB, ledger)
    assert ZERO <= report.total <= RB.total_points + RB.bonus.cap  # type: ignore[union-attr]
    assert report.max_total == RB.total_points + RB.bonus.cap  # type: ignore[union-attr]


@given(ledgers(RB), records(RB))
def test_adding_a_record_never_raises_the_score(ledger: Ledger, record: Record) -> None:
    limit = RB.items[record.item - 1]
    sit = next(s for s in limit.situations if s.key == record.situation)
    already = sum(
        r.count for r in ledger.records if (r.item, r.situation) == (record.item, record.situation)
    )
    max_count = getattr(sit, "max_count", None)
    if max_count is not None and already + record.count > max_count:
        return  # the longer ledger would be invalid; nothing to compare
    longer = ledger.model_copy(update={"records": [*ledger.records, record]})
    assert evaluate(RB, longer).total <= evaluate(RB, ledger).total


@given(ledgers(RB), st.randoms(use_true_random=False))
def test_record_order_does_not_matter(ledger: Ledger, rnd: object) -> None:
    shuffled = list(ledger.records)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a = evaluate(RB, ledger)
    b = evaluate(RB, ledger.model_copy(update={"records": shuffled}))
    assert a.total == b.total
    assert {n: i.deduction for n, i in a.items.items()} == {
        n: i.deduction for n, i in b.items.items()
    }
    assert a.bonus == b.bonus


@given(ledgers(RB))
def test_evaluating_twice_gives_identical_json(ledger: Ledger) -> None:
    assert evaluate(RB, ledger).to_json() == evaluate(RB, ledger).to_json()


HALF = [m.key for m in RB.modifiers if m.factor == Decimal("0.5")]
HALVABLE = [
    (item.number, sit)
    for item in RB.items
    for sit in item.situations
    if any(m in HALF for m in getattr(sit, "modifiers", []))
]


@given(st.sampled_from(HALVABLE), st.data())
def test_a_half_weight_record_deducts_exactly_half(
    choice: tuple[int, object], data: st.DataObject
) -> None:
    number, sit = choice
    mod = next(m for m in sit.modifiers if m in HALF)  # type: ignore[attr-defined]
    tiers = [t.key for t in sit.tiers] if sit.tiers else [None]  # type: ignore[attr-defined]
    tier = data.draw(st.sampled_from(tiers))
    count = data.draw(st.integers(1, 3))
    full = Record(item=number, situation=sit.key, tier=tier, count=count)  # type: ignore[attr-defined]
    half = full.model_copy(update={"modifiers": [mod]})
    full_line = evaluate(RB, Ledger(records=[full])).trail[0]
    half_line = evaluate(RB, Ledger(records=[half])).trail[0]
    assert half_line.value * 2 == full_line.value
    if not full_line.cut_by:  # uncapped, the share halves too
        assert half_line.share * 2 == full_line.share


@given(ledgers(RB))
def test_trail_adds_up_to_the_deductions(ledger: Ledger) -> None:
    report = evaluate(RB, ledger)
    per_item: dict[int, Decimal] = defaultdict(Decimal)
    bonus = ZERO
    for line in report.trail:
        assert line.share <= line.value
        assert (
            line.value == line.amount * line.count * line.factor or line.situation == "satisfaction"
        )
        if line.kind == "award":
            bonus += line.share
        else:
            per_item[line.item] += line.share  # type: ignore[index]
    for number, item in report.items.items():
        assert per_item[number] == item.deduction
        assert item.raw - sum((c.cut for c in item.cuts), ZERO) == item.deduction
    assert bonus == report.bonus.bonus
    assert report.total == RB.total_points - report.deducted + report.bonus.bonus
    origins = {line.origin for line in report.trail}
    assert {f"records/{i}" for i in range(len(ledger.records))} <= origins
    assert {f"awards/{i}" for i in range(len(ledger.awards))} <= origins
