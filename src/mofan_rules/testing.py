"""Hypothesis strategies that build valid ledgers from any rulebook.

The strategies read the rulebook (items, situations, tiers, modifiers,
measures, award levels), so property tests keep working when next year's
rulebook changes, and a downstream tool can run the same properties on its
own rulebook::

    from hypothesis import given
    from mofan_rules import load_rulebook, evaluate
    from mofan_rules.testing import ledgers

    RB = load_rulebook("my-rulebook.yaml")

    @given(ledgers(RB))
    def test_never_below_zero(ledger):
        assert evaluate(RB, ledger).total >= 0

Needs the ``test`` extra (hypothesis).
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from .ledger import Award, Ledger, RankValue, Record
from .model import Measure, MeasureKind, PerOccurrence, Rank, RankMode, Rulebook, Shortfall
from .plan import plan_for

__all__ = ["awards", "ledgers", "measure_values", "records"]


def _situations(rulebook: Rulebook) -> list[tuple[int, PerOccurrence]]:
    return [
        (item.number, sit)
        for item in rulebook.items
        for sit in item.situations
        if isinstance(sit, PerOccurrence)
    ]


@st.composite
def _record(draw: st.DrawFn, choices: list[tuple[int, PerOccurrence]], max_count: int) -> Record:
    number, sit = draw(st.sampled_from(choices))
    tier = draw(st.sampled_from([t.key for t in sit.tiers])) if sit.tiers else None
    limit = min(max_count, sit.max_count or max_count)
    mods = (
        draw(st.lists(st.sampled_from(sit.modifiers), unique=True, max_size=len(sit.modifiers)))
        if sit.modifiers
        else []
    )
    return Record(
        item=number,
        situation=sit.key,
        tier=tier,
        count=draw(st.integers(1, limit)),
        modifiers=mods,
        evidence=draw(st.none() | st.just("通报〔2026〕1号")),
    )


def records(rulebook: Rulebook, *, max_count: int = 6) -> st.SearchStrategy[Record]:
    """One valid record of a per-occurrence situation of ``rulebook``."""
    return _record(_situations(rulebook), max_count)


def _uses(rulebook: Rulebook) -> dict[str, list[Any]]:
    uses: dict[str, list[Any]] = {}
    for item in rulebook.items:
        for sit in item.situations:
            measure = getattr(sit, "measure", None)
            if measure:
                uses.setdefault(measure, []).append(sit)
    return uses


@st.composite
def _rank(draw: st.DrawFn, rules: list[Any]) -> RankValue:
    needs_of = any(isinstance(r, Rank) and r.mode is RankMode.INTO_LAST for r in rules)
    needs_score = any(isinstance(r, Rank) and r.score_below is not None for r in rules)
    of = draw(st.integers(1, 150)) if needs_of else draw(st.none() | st.integers(1, 150))
    top = of if of is not None else 150
    rank = draw(st.integers(1, top))
    tied = draw(st.integers(1, top - rank + 1)) if draw(st.booleans()) else 1
    score = None
    if needs_score or draw(st.booleans()):
        score = draw(st.decimals(min_value=60, max_value=100, places=1))
    return RankValue(rank=rank, of=of, tied=tied, score=score)


def measure_values(measure: Measure, rules: list[Any]) -> st.SearchStrategy[Any]:
    """A valid value for ``measure`` given the rules that read it."""
    if measure.kind is MeasureKind.RATE:
        return st.decimals(min_value=0, max_value=1, places=2)
    if measure.kind is MeasureKind.RANK:
        return _rank(rules)
    required = max([r.required for r in rules if isinstance(r, Shortfall)], default=1)
    top = measure.maximum if measure.maximum is not None else required * 2
    return st.integers(0, min(top, required * 2))


def awards(rulebook: Rulebook) -> st.SearchStrategy[Award]:
    """One valid award for ``rulebook``'s bonus rule."""
    bonus = rulebook.bonus
    if bonus is None:
        return st.nothing()
    pairs = [(lv.key, scope) for lv in bonus.levels for scope in lv.amounts]
    return st.builds(
        lambda pair, mods: Award(level=pair[0], scope=pair[1], modifiers=mods),
        st.sampled_from(pairs),
        st.lists(st.sampled_from(bonus.modifiers), unique=True) if bonus.modifiers else st.just([]),
    )


def _trim(recs: list[Record], rulebook: Rulebook) -> list[Record]:
    # Respect max_count (once a year, item 4's four places) across the ledger.
    plan = plan_for(rulebook)
    used: dict[tuple[int, str], int] = {}
    out: list[Record] = []
    for rec in recs:
        limit = plan.items[rec.item].situations[rec.situation].max_count
        if limit is None:
            out.append(rec)
            continue
        room = limit - used.get((rec.item, rec.situation), 0)
        if room <= 0:
            continue
        count = min(rec.count, room)
        used[(rec.item, rec.situation)] = used.get((rec.item, rec.situation), 0) + count
        out.append(rec.model_copy(update={"count": count}))
    return out


@st.composite
def ledgers(
    draw: st.DrawFn, rulebook: Rulebook, *, max_records: int = 20, max_count: int = 6
) -> Ledger:
    """A valid ledger for ``rulebook``: records, measures and awards, any of them empty."""
    recs = draw(st.lists(records(rulebook, max_count=max_count), max_size=max_records))
    uses = _uses(rulebook)
    measures: dict[str, Any] = {}
    for measure in rulebook.measures:
        if draw(st.booleans()):
            measures[measure.key] = draw(measure_values(measure, uses.get(measure.key, [])))
    award_list = draw(st.lists(awards(rulebook), max_size=4)) if rulebook.bonus else []
    return Ledger(records=_trim(recs, rulebook), measures=measures, awards=award_list)
