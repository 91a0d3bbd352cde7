"""Hypothesis strategies that build valid ledgers from any rulebook.

The strategies read the rulebook (items, situations, tiers, ranges, modifiers,
figures, classes, award rules), so property tests keep working when next
year's rulebook changes, and a downstream tool can run the same properties
on its own rulebook::

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

from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from mofan_rules.ledger import Award, Ledger, RankValue, Record
from mofan_rules.rulebook import (
    AwardBonus,
    Ladder,
    LadderEnd,
    Measure,
    MeasureKind,
    MissingFigures,
    PerOccurrence,
    PerUnit,
    Rank,
    RankMode,
    Rulebook,
    Threshold,
    index_rulebook,
    resolve_tiers,
)

__all__ = ["awards", "ledgers", "measure_values", "records"]

_CASES = ("案件A", "案件B", "案件C")
_DEEDS = ("事项甲", "事项乙")


def _situations(rulebook: Rulebook, unit_class: str | None) -> list[tuple[int, PerOccurrence]]:
    index = index_rulebook(rulebook)
    out = []
    for (number, _), entry in index.situations.items():
        sit = entry.situation
        if isinstance(sit, PerOccurrence) and entry.applies_to(unit_class):
            item = index.items[number]
            if not item.classes or unit_class in item.classes:
                out.append((number, sit))
    return out


def _range(sit: PerOccurrence, unit_class: str | None) -> tuple[Decimal, Decimal] | None:
    override = sit.by_class.get(unit_class) if unit_class else None
    span = override.range if override is not None and override.range is not None else sit.range
    return (span.min, span.max) if span is not None else None


@st.composite
def _record(
    draw: st.DrawFn,
    rulebook: Rulebook,
    choices: list[tuple[int, PerOccurrence]],
    max_count: int,
    unit_class: str | None,
) -> Record:
    number, sit = draw(st.sampled_from(choices))
    tiers = [t.key for t in resolve_tiers(rulebook, sit)]
    tier = draw(st.sampled_from(tiers)) if tiers else None
    limit = min(max_count, sit.max_count or max_count)
    mods = (
        draw(st.lists(st.sampled_from(sit.modifiers), unique=True, max_size=len(sit.modifiers)))
        if sit.modifiers
        else []
    )
    span = _range(sit, unit_class)
    amount = None
    if span is not None:
        amount = draw(st.decimals(min_value=span[0], max_value=span[1], places=1))
    return Record(
        item=number,
        situation=sit.key,
        tier=tier,
        count=draw(st.integers(1, limit)),
        amount=amount,
        case=draw(st.none() | st.sampled_from(_CASES)),
        modifiers=mods,
        evidence=draw(st.none() | st.just("通报〔2026〕1号")),
    )


def records(
    rulebook: Rulebook, *, max_count: int = 6, unit_class: str | None = None
) -> st.SearchStrategy[Record]:
    """One valid record of a per-occurrence situation of ``rulebook`` (for a unit of ``unit_class``).

    Raises nothing: a rulebook without such a situation gives ``st.nothing()``.
    """
    choices = _situations(rulebook, unit_class)
    if not choices:
        return st.nothing()
    return _record(rulebook, choices, max_count, unit_class)


def _uses(rulebook: Rulebook) -> dict[str, list[Any]]:
    return {k: [e.situation for e in v] for k, v in index_rulebook(rulebook).measure_uses.items()}


@st.composite
def _rank(draw: st.DrawFn, rules: list[Any]) -> RankValue:
    needs_of = any(
        (isinstance(r, Rank) and r.mode is RankMode.INTO_LAST)
        or (isinstance(r, Ladder) and r.counted_from is LadderEnd.BOTTOM)
        for r in rules
    )
    needs_score = any(isinstance(r, Rank) and r.score_below is not None for r in rules)
    of = draw(st.integers(1, 150)) if needs_of else draw(st.none() | st.integers(1, 150))
    top = of if of is not None else 150
    rank = draw(st.integers(1, top))
    tied = draw(st.integers(1, top - rank + 1)) if draw(st.booleans()) else 1
    score = None
    if needs_score or draw(st.booleans()):
        score = draw(st.decimals(min_value=60, max_value=100, places=1))
    return RankValue(rank=rank, of=of, tied=tied, score=score)


def _near_thresholds(rules: list[Any]) -> list[Decimal]:
    points: list[Decimal] = []
    for rule in rules:
        if isinstance(rule, PerUnit):
            points += [
                rule.threshold,
                rule.threshold + rule.step,
                max(Decimal(0), rule.threshold - rule.step),
            ]
        elif isinstance(rule, Threshold):
            for cliff in rule.cliffs:
                points += [
                    b
                    for b in (cliff.below, cliff.at_most, cliff.above, cliff.at_least)
                    if b is not None
                ]
    return points


def measure_values(measure: Measure, rules: list[Any]) -> st.SearchStrategy[Any]:
    """A valid value for ``measure`` given the rules that read it (often near their thresholds).

    Raises nothing: it builds a strategy; hypothesis draws from it.
    """
    near = _near_thresholds(rules)
    if measure.kind is MeasureKind.RATE:
        rates = st.decimals(min_value=0, max_value=1, places=3)
        edges = [v for v in near if 0 <= v <= 1]
        return (rates | st.sampled_from(edges)) if edges else rates
    if measure.kind is MeasureKind.RANK:
        return _rank(rules)
    top = measure.maximum if measure.maximum is not None else max([Decimal(30), *near]) * 2
    if measure.kind is MeasureKind.COUNT:
        counts = st.integers(0, int(min(top, Decimal(10_000))))
        edges_int = [int(v) for v in near if v == int(v) and 0 <= v <= top]
        return (counts | st.sampled_from(edges_int)) if edges_int else counts
    numbers = st.decimals(min_value=0, max_value=top, places=2)
    edges = [v for v in near if 0 <= v <= top]
    return (numbers | st.sampled_from(edges)) if edges else numbers


def awards(rulebook: Rulebook) -> st.SearchStrategy[Award]:
    """One valid award for one of ``rulebook``'s award bonus rules.

    Raises nothing: a rulebook without award bonuses gives ``st.nothing()``.
    """
    rules = [b for b in rulebook.bonuses if isinstance(b, AwardBonus)]
    if not rules:
        return st.nothing()
    several = len(rules) > 1

    def one(bonus: AwardBonus) -> st.SearchStrategy[Award]:
        pairs = [(lv.key, scope) for lv in bonus.levels for scope in lv.amounts]
        mods = (
            st.lists(st.sampled_from(bonus.modifiers), unique=True)
            if bonus.modifiers
            else st.just([])
        )
        return st.builds(
            lambda pair, m, deed: Award(
                bonus=bonus.key if several else None,
                level=pair[0],
                scope=pair[1],
                modifiers=m,
                deed=deed,
            ),
            st.sampled_from(pairs),
            mods,
            st.none() | st.sampled_from(_DEEDS),
        )

    return st.one_of(*(one(b) for b in rules))


def _trim(recs: list[Record], rulebook: Rulebook) -> list[Record]:
    # Respect max_count (once a year, item 4's four places) across the ledger.
    index = index_rulebook(rulebook)
    used: dict[tuple[int, str], int] = {}
    out: list[Record] = []
    for rec in recs:
        sit = index.situations[(rec.item, rec.situation)].situation
        limit = sit.max_count if isinstance(sit, PerOccurrence) else None
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
    draw: st.DrawFn,
    rulebook: Rulebook,
    *,
    max_records: int = 20,
    max_count: int = 6,
    all_figures: bool | None = None,
) -> Ledger:
    """A valid ledger for ``rulebook``: a class, records, figures and awards, any of them empty.

    ``all_figures`` gives every figure the unit's rules read (no missing-figure notices);
    by default it does so where the rulebook makes a missing figure an error.

    Raises nothing: it builds a strategy; hypothesis draws from it.
    """
    if all_figures is None:
        all_figures = rulebook.missing_figures is MissingFigures.ERROR
    classes = [c.key for c in rulebook.classes]
    unit_class = draw(st.sampled_from(classes)) if classes else None
    choices = _situations(rulebook, unit_class)
    recs = (
        draw(st.lists(_record(rulebook, choices, max_count, unit_class), max_size=max_records))
        if choices
        else []
    )
    index = index_rulebook(rulebook)
    measures: dict[str, Any] = {}
    for measure in rulebook.measures:
        uses = index.measure_uses.get(measure.key, ())
        if unit_class is not None and uses and not any(u.applies_to(unit_class) for u in uses):
            continue
        if all_figures or draw(st.booleans()):
            measures[measure.key] = draw(measure_values(measure, [u.situation for u in uses]))
    has_awards = any(isinstance(b, AwardBonus) for b in rulebook.bonuses)
    award_list = draw(st.lists(awards(rulebook), max_size=4)) if has_awards else []
    return Ledger(
        unit_class=unit_class,
        records=_trim(recs, rulebook),
        measures=measures,
        awards=award_list,
    )
