"""Checks of one situation and of an item's caps: amounts, tiers, figures, cliffs, overlaps.

Split from :mod:`._semantics` to keep each module short; each function takes
the :class:`~._semantics.Checker` collecting the problems.
"""

from __future__ import annotations

from decimal import Decimal

from mofan_rules._text import DocPath
from mofan_rules.messages import either, say
from mofan_rules.rulebook._index import resolve_tiers
from mofan_rules.rulebook._model import Item, ScoringRow
from mofan_rules.rulebook._parts import Cap, MeasureKind
from mofan_rules.rulebook._rules import (
    AnySituation,
    Cliff,
    PerOccurrence,
    PerUnit,
    Remainder,
    Threshold,
    TierUse,
    Todo,
)
from mofan_rules.rulebook._semantics import KIND_WORD, READS, Checker, near


def check_situation(
    checker: Checker, sit: AnySituation, spath: DocPath, item: Item | None, row: ScoringRow | None
) -> None:
    """One situation: its amounts, tiers, measure and classes."""
    checker.known_classes(sit.classes, (*spath, "classes"))
    if (
        item is not None
        and item.classes
        and sit.classes
        and not set(sit.classes) & set(item.classes)
    ):
        checker.error(
            (*spath, "classes"),
            say("situation_classes_outside_item", number=item.number, item=", ".join(item.classes)),
        )
    by_class = getattr(sit, "by_class", {})
    for key in by_class:
        if key not in checker.classes:
            checker.error(
                (*spath, "by_class", key),
                say("unknown_class", key=key, hint=near(key, checker.classes)),
            )
    if isinstance(sit, PerOccurrence):
        check_per_occurrence(checker, sit, spath)
        return
    if isinstance(sit, Todo):
        checker.error(spath, say("todo_clause", source=sit.source, reason=sit.reason or "—"))
        return
    check_measure(checker, sit, spath)
    if isinstance(sit, PerUnit):
        check_per_unit(checker, sit, spath)
    elif isinstance(sit, Threshold):
        check_cliffs(checker, sit.cliffs, (*spath, "cliffs"), item, row)
        for key, override in sit.by_class.items():
            if override.cliffs is not None:
                check_cliffs(
                    checker, override.cliffs, (*spath, "by_class", key, "cliffs"), item, row
                )


def check_per_occurrence(checker: Checker, sit: PerOccurrence, spath: DocPath) -> None:
    """Exactly one of amount, tiers and range; known tier set, modifiers and tier keys."""
    given = [name for name in ("amount", "tiers", "range") if getattr(sit, name) is not None]
    if len(given) != 1 and not (not given and sit.veto is not None):
        checker.error(spath, say("amount_xor_tiers"))
    if isinstance(sit.tiers, list):
        if not sit.tiers:
            checker.error((*spath, "tiers"), say("empty"))
        checker.unique([t.key for t in sit.tiers], (*spath, "tiers"), "key", "key_tier")
        checker.unique([t.label for t in sit.tiers], (*spath, "tiers"), "label", "label_tier")
    elif sit.tiers is not None:
        use = sit.tiers.use if isinstance(sit.tiers, TierUse) else sit.tiers
        where = (*spath, "tiers", "use") if isinstance(sit.tiers, TierUse) else (*spath, "tiers")
        if use not in checker.rb.tier_sets:
            checker.error(
                where, say("unknown_tier_set", key=use, hint=near(use, checker.rb.tier_sets))
            )
        elif isinstance(sit.tiers, TierUse):
            keys = [t.key for t in checker.rb.tier_sets[use]]
            for key in sit.tiers.labels:
                if key not in keys:
                    checker.error(
                        (*spath, "tiers", "labels", key),
                        say("situation_has_no_tier", key=sit.key, tier=key, hint=near(key, keys)),
                    )
            # Relabelled, two tiers of the set may now share a label.
            named = {
                t.label: t.key
                for t in resolve_tiers(checker.rb, sit)
                if t.key not in sit.tiers.labels
            }
            for key, label in sit.tiers.labels.items():
                if label in named and named[label] != key:
                    checker.error(
                        (*spath, "tiers", "labels", key),
                        say("tier_label_taken", label=label, other=named[label]),
                    )
                named[label] = key
    if sit.range is not None and sit.range.min > sit.range.max:
        checker.error(
            (*spath, "range"), say("range_reversed", low=sit.range.min, high=sit.range.max)
        )
    tiers = [t.key for t in resolve_tiers(checker.rb, sit)]
    for key, override in sit.by_class.items():
        for tier in override.tier_amounts or {}:
            if tier not in tiers:
                checker.error(
                    (*spath, "by_class", key, "tier_amounts", tier),
                    say("situation_has_no_tier", key=sit.key, tier=tier, hint=near(tier, tiers)),
                )
        # A class's number replaces the situation's own of the same kind: an
        # amount where the record states a range, say, would refuse every record.
        for name in ("amount", "range"):
            if getattr(override, name) is not None and getattr(sit, name) is None:
                checker.error(
                    (*spath, "by_class", key, name), say("override_needs_base", field=name)
                )
        span = override.range
        if span is not None and span.min > span.max:
            checker.error(
                (*spath, "by_class", key, "range"),
                say("range_reversed", low=span.min, high=span.max),
            )
    mods = {m.key for m in checker.rb.modifiers}
    for mi, mod in enumerate(sit.modifiers):
        if mod not in mods:
            checker.error(
                (*spath, "modifiers", mi), say("unknown_modifier", key=mod, hint=near(mod, mods))
            )


def check_measure(checker: Checker, sit: AnySituation, spath: DocPath) -> None:
    """A measured situation reads a measure of a kind it can read."""
    key: str = getattr(sit, "measure", "")
    checker.used_measures.add(key)
    measure = checker.measures.get(key)
    wanted = READS[type(sit)]
    if measure is None:
        checker.error(
            (*spath, "measure"),
            say("unknown_measure", key=key, hint=near(key, checker.measures)),
        )
    elif measure.kind not in wanted:
        words = either(say(KIND_WORD[k]) for k in wanted)
        checker.error((*spath, "measure"), say("measure_wrong_kind", key=key, kind=words))


def check_per_unit(checker: Checker, sit: PerUnit, spath: DocPath) -> None:
    """A rate threshold and step lie within 0..1."""
    measure = checker.measures.get(sit.measure)
    if measure is not None and measure.kind is MeasureKind.RATE:
        top = measure.maximum if measure.maximum is not None else 1
        for name in ("threshold", "step"):
            value = getattr(sit, name)
            if value > top:
                checker.error((*spath, name), say("rate_above_one", value=value))


def check_cliffs(
    checker: Checker, cliffs: list[Cliff], path: DocPath, item: Item | None, row: ScoringRow | None
) -> None:
    """Each cliff has one comparison; none is hidden behind an earlier one; `all` has points."""
    lows: list[Decimal] = []  # bounds of `below`/`at_most` cliffs seen so far
    highs: list[Decimal] = []
    for ci, cliff in enumerate(cliffs):
        cpath: DocPath = (*path, ci)
        given = [
            (n, v)
            for n in ("below", "at_most", "above", "at_least")
            if (v := getattr(cliff, n)) is not None
        ]
        if len(given) != 1:
            checker.error(cpath, say("cliff_one_comparison"))
            continue
        name, bound = given[0]
        if name in ("below", "at_most"):
            if any(bound <= seen for seen in lows):
                checker.error((*cpath, name), say("cliff_unreachable", index=ci + 1))
            lows.append(bound)
        else:
            if any(bound >= seen for seen in highs):
                checker.error((*cpath, name), say("cliff_unreachable", index=ci + 1))
            highs.append(bound)
        if cliff.amount == "all" and item is not None and all_points(item, row) is None:
            checker.error((*cpath, "amount"), say("all_needs_points", item=item.number))


def all_points(item: Item, row: ScoringRow | None) -> Decimal | None:
    """What `all` (此项不得分) means for an item: its points, its cap, or its lone row's points."""
    if item.points is not None:
        return item.points
    if item.cap is not None:
        return item.cap
    if row is not None and len(row.items) == 1:
        return row.points
    return None


def check_caps(checker: Checker, item: Item, ipath: DocPath) -> None:
    """Caps name this item's situations and tiers, and never overlap."""
    by_key = {s.key: s for s in item.situations}
    claimed: dict[tuple[str, str | None], str] = {}
    for ci, cap in enumerate(item.caps):
        for ai, target in enumerate(cap.applies_to):
            apath: DocPath = (*ipath, "caps", ci, "applies_to", ai)
            sit_key, _, tier_key = target.partition(".")
            sit = by_key.get(sit_key)
            if sit is None:
                checker.error(
                    apath,
                    say(
                        "unknown_situation_in_item",
                        key=sit_key,
                        item=item.number,
                        hint=near(sit_key, by_key),
                    ),
                )
                continue
            if isinstance(sit, Remainder):
                # Its deduction is bounded by what is left of the row; a cap would be ignored.
                checker.error(apath, say("cap_on_remainder", key=sit_key))
                continue
            tiers = (
                [t.key for t in resolve_tiers(checker.rb, sit)]
                if isinstance(sit, PerOccurrence)
                else []
            )
            if tier_key and tier_key not in tiers:
                checker.error(
                    apath,
                    say(
                        "situation_has_no_tier",
                        key=sit_key,
                        tier=tier_key,
                        hint=near(tier_key, tiers),
                    ),
                )
                continue
            claim(checker, claimed, cap, apath, target=(sit_key, tier_key or None), tiers=tiers)


def claim(
    checker: Checker,
    claimed: dict[tuple[str, str | None], str],
    cap: Cap,
    apath: DocPath,
    *,
    target: tuple[str, str | None],
    tiers: list[str],
) -> None:
    """Caps of one item must not overlap, so the order they apply in cannot matter."""
    sit_key, tier_key = target
    parts: list[tuple[str, str | None]] = [(sit_key, tier_key)]
    if not tier_key:
        parts += [(sit_key, t) for t in tiers]
    else:
        parts.append((sit_key, None))
    for part in parts:
        other = claimed.get(part)
        if other is not None and other != cap.key:
            checker.error(apath, say("caps_overlap", cap=cap.key, other=other))
            return
    claimed[(sit_key, tier_key)] = cap.key
    if not tier_key:
        for t in tiers:
            claimed[(sit_key, t)] = cap.key


__all__ = ["all_points", "check_caps", "check_situation"]
