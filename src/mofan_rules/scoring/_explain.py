"""The explanation: a tally's numbers as report models, in words from the catalogue.

Nothing here decides a number. The outcome (grade, vetoes, notices) is built
at once, since every reader needs it; rows, items, indicators, bonuses and
the trail are built when the report is first asked for them.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache

from mofan_rules._text import canonical
from mofan_rules.ledger import Award, Ledger, Record
from mofan_rules.messages import Msg, say
from mofan_rules.rulebook import GradeBand
from mofan_rules.scoring._outcome import Outcome, VetoHit
from mofan_rules.scoring._plan import ZERO, BonusPlan, ItemPlan, MeasuredRule, Plan, RecordRule
from mofan_rules.scoring._report import (
    BonusResult,
    CapCut,
    Details,
    Grade,
    IndicatorResult,
    ItemResult,
    Notice,
    RowResult,
    RulebookRef,
    ScoreReport,
    TrailEntry,
    VetoResult,
)
from mofan_rules.scoring._tally import Cut, IndicatorTally, ItemTally, Line, RowTally, Tally
from mofan_rules.scoring._worded import detail


def band_of(bands: tuple[GradeBand, ...] | None, score: Decimal) -> GradeBand | None:
    """The band a score falls in: at least its ``at_least``, below its ``below``."""
    if not bands:
        return None
    for band in bands:
        if (band.at_least is None or score >= band.at_least) and (
            band.below is None or score < band.below
        ):
            return band
    return None  # pragma: no cover - semantics requires bands to cover every score


def _grade(plan: Plan, total: Decimal, vetoes: tuple[VetoResult, ...]) -> Grade | None:
    bands = plan.grades
    if not bands:
        return None
    order = {b.key: i for i, b in enumerate(bands)}
    band = band_of(bands, total)
    if band is None:  # pragma: no cover - bands cover every score
        return None
    vetoed = [v.grade for v in vetoes if v.grade is not None]
    by_veto = False
    if vetoed:
        # A veto's grade is the best the unit can still get: a worse score keeps its own.
        worst = max(vetoed, key=lambda k: order[k])
        if order[worst] > order[band.key]:
            band, by_veto = bands[order[worst]], True
    return Grade(
        key=band.key, label=band.label, at_least=band.at_least, below=band.below, by_veto=by_veto
    )


def _veto(hit: VetoHit) -> VetoResult:
    rule, rec = hit.rule, hit.record
    assert rule.veto is not None  # the outcome lists the records of veto rules only
    return VetoResult(
        origin=f"/records/{hit.position}",
        item=rule.item.number,
        situation=rule.situation.key,
        tier=rule.tier,
        label=rule.label,
        outcome=rule.veto.outcome,
        grade=rule.veto.grade,
        score=rule.veto.score,
        evidence=rec.evidence,
        date=rec.date,
    )


def report_of(
    plan: Plan,
    ledger: Ledger,
    outcome: Outcome,
    left_out: tuple[str, ...],
    explain: Callable[[], Details],
) -> ScoreReport:
    """The report of one evaluation: the outcome now, the explanation (``explain``) on demand."""
    said = _said(plan)
    vetoes = tuple(_veto(hit) for hit in outcome.vetoes) if outcome.vetoes else ()
    words = dict.fromkeys(v.outcome for v in vetoes if v.outcome) if vetoes else None
    return ScoreReport.explained(
        unit=ledger.unit,
        period=ledger.period,
        unit_class=ledger.unit_class,
        rulebook=said.ref,
        total=outcome.total,
        max_total=plan.max_total,
        deducted=outcome.deducted,
        bonus=outcome.bonus,
        grade=_grade(plan, outcome.total, vetoes) if plan.grades else None,
        outcome="；".join(words) if words else None,
        vetoes=vetoes,
        notices=said.missing(left_out) if left_out else (),
        explain=explain,
    )


# How many different sets of left-out figures each rulebook's words are kept for.
_SETS_KEPT = 256


class _Said:
    """What every report of one rulebook says alike: its reference, and the notices made so far."""

    __slots__ = ("notices", "plan", "ref")

    def __init__(self, plan: Plan) -> None:
        rb = plan.rulebook
        self.plan = plan
        self.ref = RulebookRef(
            id=rb.id,
            version=rb.version,
            title=rb.title,
            content_hash=plan.content_hash,
            scoring_hash=plan.scoring_hash,
            base=f"{rb.base.id} {rb.base.version}" if rb.base is not None else None,
        )
        self.notices: dict[tuple[str, ...], tuple[Notice, ...]] = {}

    def missing(self, left_out: tuple[str, ...]) -> tuple[Notice, ...]:
        """The notices of figures a ledger left out: their words depend on the rulebook only."""
        made = self.notices.get(left_out)
        if made is None:
            made = tuple(self._missing(key) for key in left_out)
            if len(self.notices) < _SETS_KEPT:  # units of a city leave out the same few sets
                self.notices[left_out] = made
        return made

    def _missing(self, key: str) -> Notice:
        msg = say("missing_figure", key=key, label=_measure_label(self.plan, key))
        return Notice(
            code="missing_figure", path=f"/measures/{key}", message=msg.en, message_zh=msg.zh
        )


@lru_cache(maxsize=64)
def _said(plan: Plan) -> _Said:
    # Made once per rulebook (plans hash by content), not once per report.
    return _Said(plan)


def _measure_label(plan: Plan, key: str) -> str:
    measure = plan.index.measures.get(key)
    return measure.label if measure is not None else key


# ------------------------------------------------------------------ details


def details(plan: Plan, tally: Tally) -> Details:
    """Rows, items, indicators, bonuses and the trail of one evaluation's lines, in words."""
    rb = plan.rulebook
    people = {row.number: row for row in rb.rows}
    all_rows = [tally.rows.get(r.number) or RowTally(r, [], ZERO, ZERO) for r in plan.rows]
    rows = tuple(
        RowResult(
            number=r.plan.number,
            indicator=plan.indicators[r.plan.indicator].name,
            points=r.plan.points,
            raw=r.raw,
            deducted=r.deducted,
            bonus=r.bonus,
            score=r.score,
            weight=r.plan.weight,
            **_graded(r.plan.grades, r.score),
            leaders=tuple(people[r.plan.number].leaders),
            assessing_departments=tuple(people[r.plan.number].assessing_departments),
            responsible_offices=tuple(people[r.plan.number].responsible_offices),
        )
        for r in all_rows
    )
    by_number = {r.plan.number: r for r in all_rows}
    bonus_to = {
        b.plan.indicator: b.added for b in tally.bonuses if b.plan.target.value == "indicator"
    }
    # Scoring tallies only the rows something happened in; the report shows
    # every row of every indicator (an untouched row keeps its points).
    inds = [
        IndicatorTally(ind, [by_number[r.number] for r in ind.rows], bonus_to.get(ind.key, ZERO))
        for ind in plan.indicators
    ]
    items = {
        number: _item(plan, item_plan, tally.items.get(number), tally.unit_class)
        for number, item_plan in plan.items.items()
    }
    indicators = tuple(
        IndicatorResult(
            index=i.plan.index + 1,
            key=i.plan.key,
            name=i.plan.name,
            points=i.plan.points,
            deducted=i.deducted,
            bonus=i.bonus,
            score=i.score,
            weight=i.plan.weight,
            weighted=i.score * i.plan.weight if i.plan.weight is not None else i.score,
            **_graded(i.plan.grades, i.score),
        )
        for i in inds
    )
    bonuses = tuple(
        BonusResult(
            key=b.plan.key,
            label=b.plan.label,
            raw=b.raw,
            cap=b.cap,
            bonus=b.added,
            added_to=b.plan.target.value,
            target=str(b.plan.row) if b.plan.target.value == "row" else b.plan.indicator,
        )
        for b in tally.bonuses
    )
    lines = sorted(tally.lines, key=lambda line: line.order)
    return rows, items, indicators, bonuses, tuple(_entry(plan, line) for line in lines)


def _graded(bands: tuple[GradeBand, ...] | None, score: Decimal | None) -> dict[str, str | None]:
    """The grade fields of a result with bands of its own: the band's key and label."""
    band = band_of(bands, score) if score is not None else None
    if band is None:
        return {"grade": None, "grade_label": None}
    return {"grade": band.key, "grade_label": band.label}


def _cut_label(plan: Plan, cut: Cut, item: ItemPlan) -> Msg | str:
    """The words of a cap that cut: the rulebook's own label, or the catalogue's."""
    if cut.label:
        return cut.label
    if cut.scope == "item":
        code = "cut_item_earn" if item.earns else "cut_item"
        return say(code, limit=canonical(cut.limit))
    if cut.scope == "floor":
        return say("cut_floor", floor=canonical(item.floor or ZERO))
    if cut.scope == "row":
        row = plan.row_by_number[item.row] if item.row is not None else None
        if row is not None and cut.limit < row.points:
            return say("cut_row_cap", limit=canonical(cut.limit))
        return say("cut_row", points=canonical(cut.limit))
    if cut.scope == "indicator":
        name = plan.indicators[int(cut.key.rsplit("_", 1)[1]) - 1].name
        return say("cut_indicator", name=name, limit=canonical(cut.limit))
    if cut.scope == "direct":
        return say("cut_direct", limit=canonical(cut.limit))
    if cut.scope == "whole":
        return say("cut_whole", limit=canonical(cut.limit))
    return say(f"cut_{cut.scope}")


def _cap_cut(plan: Plan, cut: Cut, item: ItemPlan) -> CapCut:
    said = _cut_label(plan, cut, item)
    zh, en = (said, said) if isinstance(said, str) else (said.zh, said.en)
    return CapCut(
        scope=cut.scope,
        key=cut.key,
        label=zh,
        label_en=en,
        limit=cut.limit,
        before=cut.before,
        cut=cut.cut,
    )


def _item(
    plan: Plan, item: ItemPlan, tally: ItemTally | None, unit_class: str | None
) -> ItemResult:
    if tally is None:
        tally = ItemTally(item)
        if item.earns and item.applies_to(unit_class):  # nothing earned: it loses its points
            tally.earned = ZERO
            tally.deduction = item.points or ZERO
    score = (item.points - tally.deduction) if item.points is not None else None
    return ItemResult(
        number=item.number,
        title=item.title,
        row=item.row,
        basis="earn" if item.earns else "deduct",
        points=item.points,
        cap=item.cap,
        raw=tally.raw,
        earned=tally.earned,
        cuts=tuple(_cap_cut(plan, c, item) for c in tally.cuts),
        deduction=tally.deduction,
        **_graded(item.grades, score),
    )


def _entry(plan: Plan, line: Line) -> TrailEntry:
    common = {
        "origin": line.origin,
        "amount": line.amount,
        "count": Decimal(line.count),
        "factor": line.factor,
        "value": line.value,
        "share": line.share,
        "cut_by": tuple(line.cut_by or ()),
    }
    rule, src = line.rule, line.source
    if isinstance(rule, BonusPlan):
        assert isinstance(src, Award)  # award lines come from awards
        return TrailEntry(
            kind="award",
            item=None,
            bonus=rule.key,
            situation=src.scope,
            tier=src.level,
            label=_award_label(plan, rule, src),
            source=rule.source,
            modifiers=tuple(src.modifiers),
            detail="",
            rule="award",
            earns=True,
            case=src.deed,
            date=src.date,
            evidence=src.evidence,
            note=src.note,
            **common,
        )
    if isinstance(rule, RecordRule):
        assert isinstance(src, Record)  # record lines come from records
        return TrailEntry(
            kind="record",
            item=rule.item.number,
            situation=rule.situation.key,
            tier=rule.tier,
            label=rule.label,
            source=rule.situation.source,
            modifiers=tuple(src.modifiers),
            detail="",
            rule="per_occurrence",
            earns=rule.item.earns,
            veto=(rule.veto.outcome or rule.veto.grade) if rule.veto is not None else None,
            multiplier=rule.multiplier,
            case=src.case,
            date=src.date,
            evidence=src.evidence,
            note=src.note,
            **common,
        )
    assert isinstance(rule, MeasuredRule)
    words = detail(plan, rule, line.worked) if line.worked else None
    return TrailEntry(
        kind="measure",
        item=rule.item.number if rule.item is not None else None,
        bonus=rule.bonus,
        situation=rule.situation.key,
        tier=None,
        label=rule.situation.label,
        source=rule.situation.source,
        modifiers=(),
        detail=words.en if words else "",
        detail_zh=words.zh if words else "",
        rule=rule.situation.kind,
        earns=rule.bonus is not None or (rule.item is not None and rule.item.earns),
        **common,
    )


def _award_label(plan: Plan, rule: BonusPlan, award: Award) -> str:
    bonus = next(b for b in plan.rulebook.bonuses if b.key == rule.key)
    level = next(
        (lv.label for lv in getattr(bonus, "levels", []) if lv.key == award.level), award.level
    )
    scope = next(
        (s.label for s in getattr(bonus, "scopes", []) if s.key == award.scope), award.scope
    )
    return say("award_label", level=level, scope=scope).zh


__all__ = ["band_of", "details", "report_of"]
