"""How a figure line was worked out, in words: the gap, the cliff, the place, the remainder.

A figure's trail line says more than amount × count: what the figure was,
against what, and how many steps that made. The numbers are the
:class:`~._figures.Worked` records the figure rules return; the words are
the catalogue's, in both languages.
"""

from __future__ import annotations

from decimal import Decimal

from mofan_rules._text import canonical
from mofan_rules.messages import Msg, say
from mofan_rules.scoring._figures import (
    LadderWork,
    PerUnitWork,
    RemainderWork,
    ThresholdWork,
    Worked,
)
from mofan_rules.scoring._plan import ZERO, MeasuredRule, Plan


def _pct(value: Decimal | int, measure_kind: str) -> str:
    if measure_kind == "rate":
        return canonical(Decimal(value) * 100) + "%"
    return canonical(Decimal(value))


def detail(plan: Plan, rule: MeasuredRule, worked: Worked) -> Msg:
    """How a figure line was worked out, in both languages."""
    kind = plan.measure_kinds.get(rule.measure)
    mk = kind.value if kind is not None else "count"
    if isinstance(worked, PerUnitWork):
        return say(
            f"worked_per_unit_{worked.direction.value}",
            figure=_pct(worked.figure, mk),
            threshold=_pct(worked.threshold, mk),
            gap=_pct(worked.gap, mk),
            step=_pct(worked.step, mk),
            steps=canonical(worked.steps),
        )
    if isinstance(worked, ThresholdWork):
        if worked.comparison is None or worked.bound is None:
            return say("worked_threshold_none", figure=_pct(worked.figure, mk))
        return say(
            f"worked_threshold_{worked.comparison}",
            figure=_pct(worked.figure, mk),
            bound=_pct(worked.bound, mk),
            all=_all_words(rule) if worked.everything else say("worked_points"),
        )
    if isinstance(worked, RemainderWork):
        points = plan.row_by_number[rule.item.row].points if rule.item and rule.item.row else ZERO
        return say(
            "worked_remainder",
            points=canonical(points),
            used=canonical(points - worked.left),
            left=canonical(worked.left),
            rate=_pct(worked.rate, "rate"),
            exact=canonical(worked.exact),
            quantum=canonical(plan.rounding.quantum),
        )
    figure = worked.figure
    # A tie read as its last place (last_of_tie) moves the place the rule counts from.
    tie = (
        say("worked_rank_tie", others=figure.tied - 1, place=worked.place)
        if worked.place != figure.rank
        else ""
    )
    where = say(
        "worked_rank_where",
        rank=figure.rank,
        of=f"/{figure.of}" if figure.of else "",
        tie=tie,
        score=say("worked_rank_score", score=canonical(figure.score))
        if figure.score is not None
        else "",
    )
    if isinstance(worked, LadderWork):
        return say(f"worked_ladder_{worked.counted_from.value}", where=where, step=worked.step)
    if worked.mode == "not_below":
        return say(
            "worked_rank_not_below", where=where, below=canonical(worked.score_below or ZERO)
        )
    return say(
        f"worked_rank_{worked.mode}", where=where, count=worked.counted, places=worked.places
    )


def _all_words(rule: MeasuredRule) -> Msg:
    """A cliff that takes all the item's points: lost by a deducting item, earned by an earning one."""
    return say("worked_all_earn" if rule.item is not None and rule.item.earns else "worked_all")


__all__ = ["detail"]
