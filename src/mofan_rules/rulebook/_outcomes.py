"""Checks of what a score becomes: grades, vetoes, weights, floors and bonuses.

Each check reports at the value at fault. Grades must cover every score once
(no gap, no overlap), a veto must say what it sets, weights must add up to
the full marks, and a bonus must be added somewhere that exists.
"""

from __future__ import annotations

from decimal import Decimal

from mofan_rules._text import DocPath, canonical
from mofan_rules.messages import say
from mofan_rules.rulebook._index import resolve_tiers
from mofan_rules.rulebook._model import AwardBonus, BonusTarget, MeasuredBonus
from mofan_rules.rulebook._parts import GradeBand, Veto
from mofan_rules.rulebook._rules import PerOccurrence
from mofan_rules.rulebook._semantics import Checker, near
from mofan_rules.rulebook._situations import check_situation


def check(checker: Checker) -> None:
    """Grades, vetoes, weights, floors, caps on the whole and bonuses."""
    rb = checker.rb
    grade_keys = [g.key for g in rb.grades or []]
    if rb.grades is not None:
        check_bands(checker, rb.grades, ("grades",))
    for ii, ind in enumerate(rb.indicators):
        if ind.grades is not None:
            check_bands(checker, ind.grades, ("indicators", ii, "grades"))
        for ri, row in enumerate(ind.rows):
            if row.grades is not None:
                check_bands(checker, row.grades, ("indicators", ii, "rows", ri, "grades"))
            for ti, item in enumerate(row.items):
                if item.grades is not None:
                    ipath: DocPath = ("indicators", ii, "rows", ri, "items", ti)
                    check_bands(checker, item.grades, (*ipath, "grades"))
                    if item.points is None:
                        checker.error(
                            (*ipath, "grades"), say("item_grades_need_points", item=item.number)
                        )
    check_vetoes(checker, grade_keys)
    check_weights(checker)
    if rb.floor is not None and rb.floor > rb.total_points:
        checker.error(("floor",), say("floor_above_points", floor=rb.floor, points=rb.total_points))
    check_bonuses(checker)


def check_bands(checker: Checker, bands: list[GradeBand], path: DocPath) -> None:
    """Bands run from the best down, each starting where the next one stops: no gap, no overlap."""
    checker.unique([b.key for b in bands], path, "key", "key_grade")
    if not bands:
        checker.error(path, say("empty"))
        return
    if bands[0].below is not None:
        checker.error((*path, 0, "below"), say("band_top_open", label=bands[0].label))
    if len(bands) > 1 and bands[-1].at_least is not None:
        checker.error(
            (*path, len(bands) - 1, "at_least"), say("band_bottom_open", label=bands[-1].label)
        )
    for i in range(len(bands) - 1):
        upper, lower = bands[i], bands[i + 1]
        if upper.at_least is None:
            checker.error((*path, i, "at_least"), say("band_needs_lower", label=upper.label))
            continue
        if lower.below is None:
            checker.error((*path, i + 1, "below"), say("band_needs_upper", label=lower.label))
            continue
        if lower.below < upper.at_least:
            checker.error(
                (*path, i + 1, "below"),
                say(
                    "bands_gap",
                    low=canonical(lower.below),
                    high=canonical(upper.at_least),
                    upper=upper.label,
                    lower=lower.label,
                ),
            )
        elif lower.below > upper.at_least:
            checker.error(
                (*path, i + 1, "below"),
                say(
                    "bands_overlap",
                    low=canonical(upper.at_least),
                    high=canonical(lower.below),
                    upper=upper.label,
                    lower=lower.label,
                ),
            )
        if lower.at_least is not None and lower.at_least >= lower.below:
            checker.error((*path, i + 1, "at_least"), say("band_empty", label=lower.label))


def check_vetoes(checker: Checker, grade_keys: list[str]) -> None:
    """A veto sets an outcome or a grade that exists."""
    for ipath, item, _row in checker.items():
        for si, sit in enumerate(item.situations):
            if not isinstance(sit, PerOccurrence):
                continue
            spath: DocPath = (*ipath, "situations", si)
            if sit.veto is not None:
                _veto(checker, sit.veto, (*spath, "veto"), grade_keys)
            if isinstance(sit.tiers, list):
                for ti, tier in enumerate(sit.tiers):
                    if tier.veto is not None:
                        _veto(checker, tier.veto, (*spath, "tiers", ti, "veto"), grade_keys)
    for name, tiers in checker.rb.tier_sets.items():
        for ti, tier in enumerate(tiers):
            if tier.veto is not None:
                _veto(checker, tier.veto, ("tier_sets", name, ti, "veto"), grade_keys)


def _veto(checker: Checker, veto: Veto, path: DocPath, grade_keys: list[str]) -> None:
    if veto.outcome is None and veto.grade is None:
        checker.error(path, say("veto_without_outcome"))
    if veto.grade is not None and veto.grade not in grade_keys:
        hint = near(veto.grade, grade_keys) if grade_keys else say("no_grades_defined")
        checker.error((*path, "grade"), say("unknown_grade", key=veto.grade, hint=hint))
    if veto.score is not None and veto.score > checker.rb.total_points:
        checker.error(
            (*path, "score"),
            say("floor_above_points", floor=veto.score, points=checker.rb.total_points),
        )


def check_weights(checker: Checker) -> None:
    """Weights sit on every indicator or every row or nowhere, and add up to the full marks."""
    rb = checker.rb
    on_indicators = [ind.weight is not None for ind in rb.indicators]
    on_rows = [row.weight is not None for row in rb.rows]
    if any(on_indicators) and any(on_rows):
        checker.error(("indicators",), say("weights_two_levels"))
        return
    if any(on_indicators) and not all(on_indicators):
        missing = on_indicators.index(False)
        checker.error(("indicators", missing), say("weight_missing"))
        return
    if any(on_rows) and not all(on_rows):
        path = checker.row_path(on_rows.index(False))
        checker.error(path, say("weight_missing"))
        return
    # Past the checks above, a weight is on every indicator or on every row.
    total = Decimal(0)
    if any(on_indicators):
        for ind in rb.indicators:
            total += (ind.weight or 0) * sum((r.points for r in ind.rows), Decimal(0))
        where: DocPath = ("indicators", 0, "weight")
    elif any(on_rows):
        for r in rb.rows:
            total += (r.weight or 0) * r.points
        where = (*checker.row_path(0), "weight")
    else:
        total = sum((r.points for r in rb.rows), total)
        if total != rb.total_points:
            checker.error(
                ("total_points",), say("total_mismatch", total=total, expected=rb.total_points)
            )
        return
    if total != rb.total_points:
        checker.error(
            where,
            say(
                "weights_do_not_add_up", total=canonical(total), expected=canonical(rb.total_points)
            ),
        )
    if rb.deduction_cap is not None:
        checker.error(("deduction_cap",), say("deduction_cap_with_weights"))


def check_bonuses(checker: Checker) -> None:
    """Bonus keys are unique; each is added somewhere that exists; award tables are complete."""
    rb = checker.rb
    checker.unique([b.key for b in rb.bonuses], ("bonuses",), "key", "key_bonus")
    rows = len(rb.rows)
    indicators = [ind.key for ind in rb.indicators if ind.key is not None]
    checker.unique(
        [ind.key for ind in rb.indicators if ind.key is not None],
        ("indicators",),
        "key",
        "key_indicator",
    )
    mods = {m.key for m in rb.modifiers}
    for bi, bonus in enumerate(rb.bonuses):
        bpath: DocPath = ("bonuses", bi)
        if bonus.row is not None and bonus.row > rows:
            checker.error((*bpath, "row"), say("no_such_row", row=bonus.row, rows=rows))
        if bonus.added_to is BonusTarget.ROW and bonus.row is None:
            checker.error((*bpath, "row"), say("bonus_needs_target", field="row"))
        if bonus.added_to is BonusTarget.INDICATOR:
            if bonus.indicator is None:
                checker.error((*bpath, "indicator"), say("bonus_needs_target", field="indicator"))
            elif bonus.indicator not in indicators:
                checker.error(
                    (*bpath, "indicator"),
                    say(
                        "unknown_indicator",
                        key=bonus.indicator,
                        hint=near(bonus.indicator, indicators),
                    ),
                )
        if isinstance(bonus, AwardBonus):
            scopes = [s.key for s in bonus.scopes]
            checker.unique(scopes, (*bpath, "scopes"), "key", "key_scope")
            checker.unique([lv.key for lv in bonus.levels], (*bpath, "levels"), "key", "key_level")
            for li, level in enumerate(bonus.levels):
                for scope in level.amounts:
                    if scope not in scopes:
                        checker.error(
                            (*bpath, "levels", li, "amounts", scope),
                            say("unknown_scope", key=scope, hint=near(scope, scopes)),
                        )
            for mi, mod in enumerate(bonus.modifiers):
                if mod not in mods:
                    checker.error(
                        (*bpath, "modifiers", mi),
                        say("unknown_modifier", key=mod, hint=near(mod, mods)),
                    )
        elif isinstance(bonus, MeasuredBonus):
            checker.unique(
                [s.key for s in bonus.situations], (*bpath, "situations"), "key", "key_situation"
            )
            for si, sit in enumerate(bonus.situations):
                check_situation(checker, sit, (*bpath, "situations", si), None, None)


def tier_amounts(checker: Checker, sit: PerOccurrence) -> list[Decimal]:
    """The amounts a per-occurrence situation can give, tiers resolved."""
    if sit.amount is not None:
        return [sit.amount]
    if sit.range is not None:
        return [sit.range.max]
    return [t.amount for t in resolve_tiers(checker.rb, sit)]


__all__ = ["check", "check_bands", "tier_amounts"]
