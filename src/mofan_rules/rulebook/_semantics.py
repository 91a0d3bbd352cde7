"""Checks a schema cannot express: the rulebook must agree with itself.

Runs on the validated model and reports every problem with the path of the
value at fault, so the loader can place it at ``file:line:col``. This module
checks the table (numbering, points, items, situations, caps);
:mod:`._outcomes` checks grades, vetoes, weights, classes and bonuses, and
:mod:`._lint` gives the warnings about likely slips.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from mofan_rules._text import DocPath, pointer_parts
from mofan_rules.errors import Severity
from mofan_rules.messages import Msg, either, say, suggest
from mofan_rules.rulebook._index import resolve_tiers
from mofan_rules.rulebook._model import Basis, Item, Rulebook, ScoringRow
from mofan_rules.rulebook._parts import Cap, Measure, MeasureKind
from mofan_rules.rulebook._rules import (
    AnySituation,
    Cliff,
    Ladder,
    PerOccurrence,
    PerUnit,
    Rank,
    Remainder,
    Threshold,
    TierUse,
    Todo,
)

Found = tuple[DocPath, Msg, Severity]

# Amounts, points, factors and thresholds are written to a few decimal places;
# more is a paste error, and this bound keeps every product the engine forms
# exact within its precision.
MAX_PLACES = 10

# Which measure kinds each rule kind can read.
_READS: dict[type, tuple[MeasureKind, ...]] = {
    PerUnit: (MeasureKind.COUNT, MeasureKind.RATE, MeasureKind.NUMBER),
    Threshold: (MeasureKind.COUNT, MeasureKind.RATE, MeasureKind.NUMBER),
    Rank: (MeasureKind.RANK,),
    Ladder: (MeasureKind.RANK,),
    Remainder: (MeasureKind.RATE,),
}
_KIND_WORD = {
    MeasureKind.COUNT: "kind_count",
    MeasureKind.RANK: "kind_rank",
    MeasureKind.RATE: "kind_rate",
    MeasureKind.NUMBER: "kind_number",
}


def near(word: str, options: Iterable[str]) -> Msg | None:
    """"Did you mean …?" over ``options``, or that there are none."""
    return suggest(word, options, empty="none_defined")


class Checker:
    """Collects (path, message, severity) for one rulebook."""

    def __init__(self, rulebook: Rulebook, raw: object) -> None:
        self.rb = rulebook
        self.raw = raw
        self.found: list[Found] = []
        self.classes = {c.key for c in rulebook.classes}
        self.measures: dict[str, Measure] = {m.key: m for m in rulebook.measures}
        self.used_measures: set[str] = set()
        self.explained = [pointer_parts(p) for i in rulebook.interpretations for p in i.values]

    def covered(self, path: DocPath) -> bool:
        """Whether an interpretation explains the value at ``path`` (its warnings are answered)."""
        return any(path[: len(p)] == p for p in self.explained)

    def error(self, path: DocPath, msg: Msg) -> None:
        """Record an error at ``path``."""
        self.found.append((path, msg, Severity.ERROR))

    def warn(self, path: DocPath, msg: Msg) -> None:
        """Record a warning at ``path``."""
        self.found.append((path, msg, Severity.WARNING))

    def unique(self, values: list[str | int], base: DocPath, field: str, what: str) -> None:
        """Report repeated ``values``; ``what`` is the catalogue code naming them."""
        seen: dict[str | int, int] = {}
        for i, value in enumerate(values):
            if value in seen:
                self.error(
                    (*base, i, field),
                    say("used_twice", what=say(what), value=value, first=seen[value] + 1),
                )
            else:
                seen[value] = i

    def known_classes(self, keys: Iterable[str], path: DocPath) -> None:
        """Every class key named must be one of the rulebook's classes."""
        for i, key in enumerate(keys):
            if key not in self.classes:
                self.error((*path, i), say("unknown_class", key=key, hint=near(key, self.classes)))

    # ------------------------------------------------------------ the whole

    def run(self) -> None:
        """Every check, in the order of the file."""
        rb = self.rb
        if rb.effective.end < rb.effective.start:
            self.error(("effective", "end"), say("period_reversed", end=rb.effective.end))
        self.unique([m.key for m in rb.modifiers], ("modifiers",), "key", "key_modifier")
        self.unique([m.key for m in rb.measures], ("measures",), "key", "key_measure")
        self.unique([c.key for c in rb.classes], ("classes",), "key", "key_class")
        self.unique(
            [i.key for i in rb.interpretations], ("interpretations",), "key", "key_interpretation"
        )
        for name, tiers in rb.tier_sets.items():
            self.unique([t.key for t in tiers], ("tier_sets", name), "key", "key_tier")
            if not tiers:
                self.error(("tier_sets", name), say("empty"))
        self.check_places(self.raw, ())
        self.check_pointers()
        self.check_table()

    def warn_unused(self) -> None:
        """A figure no situation or bonus reads is likely a slip (run after every check)."""
        for mi, m in enumerate(self.rb.measures):
            if m.key not in self.used_measures:
                self.warn(("measures", mi, "key"), say("measure_unused", key=m.key))

    def check_places(self, node: object, path: DocPath) -> None:
        """Every number is written with at most MAX_PLACES decimal places."""
        if isinstance(node, Decimal):
            exponent = node.as_tuple().exponent
            if isinstance(exponent, int) and -exponent > MAX_PLACES:
                self.error(path, say("too_many_places", value=node, places=MAX_PLACES))
        elif isinstance(node, dict):
            for key, value in node.items():
                self.check_places(value, (*path, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                self.check_places(value, (*path, i))

    def check_pointers(self) -> None:
        """Every interpretation pointer points at something in this file."""
        for i, interp in enumerate(self.rb.interpretations):
            for j, pointer in enumerate(interp.values):
                if resolve_pointer(self.raw, pointer) is _NOTHING:
                    self.error(
                        ("interpretations", i, "values", j),
                        say("pointer_to_nothing", pointer=pointer),
                    )

    # ------------------------------------------------------------ the table

    def check_table(self) -> None:
        """Numbering, points and every item of the table and of the direct deductions."""
        rb = self.rb
        row_no = item_no = 0
        for ii, ind in enumerate(rb.indicators):
            for ri, row in enumerate(ind.rows):
                rpath: DocPath = ("indicators", ii, "rows", ri)
                row_no += 1
                if row.number != row_no:
                    self.error(
                        (*rpath, "number"), say("row_number", number=row.number, expected=row_no)
                    )
                item_no = self.check_row(row, rpath, item_no)
        if rb.direct_deductions is not None:
            for ti, item in enumerate(rb.direct_deductions.items):
                ipath: DocPath = ("direct_deductions", "items", ti)
                item_no += 1
                if item.number != item_no:
                    self.error(
                        (*ipath, "number"),
                        say("item_number", number=item.number, expected=item_no),
                    )
                self.check_item(item, ipath, None)

    def check_row(self, row: ScoringRow, rpath: DocPath, item_no: int) -> int:
        """One row's items; returns the last item number seen."""
        reach = Decimal(0)
        unbounded = False
        remainders = 0
        for ti, item in enumerate(row.items):
            ipath: DocPath = (*rpath, "items", ti)
            item_no += 1
            if item.number != item_no:
                self.error(
                    (*ipath, "number"), say("item_number", number=item.number, expected=item_no)
                )
            bound = self.item_bound(item)
            if bound is not None and bound > row.points:
                field = "cap" if item.cap is not None and item.cap == bound else "points"
                self.error(
                    (*ipath, field),
                    say("item_cap_above_row", item=item.number, cap=bound, points=row.points),
                )
            if bound is None:
                unbounded = True
            else:
                reach += bound
            remainders += sum(isinstance(s, Remainder) for s in item.situations)
            self.check_item(item, ipath, row)
        if remainders > 1:
            self.error((*rpath, "items"), say("one_remainder_per_row"))
        limit = min(row.points, row.cap) if row.cap is not None else row.points
        if row.cap is not None and row.cap > row.points:
            self.error((*rpath, "cap"), say("row_cap_above_points", cap=row.cap, points=row.points))
        if not unbounded and reach < limit and not self.covered((*rpath, "points")):
            self.warn((*rpath, "points"), say("row_never_emptied", reach=reach, points=row.points))
        return item_no

    @staticmethod
    def item_bound(item: Item) -> Decimal | None:
        """The most an item can lose: its cap, its points less its floor, or nothing."""
        bounds = [b for b in (item.cap, item.points) if b is not None]
        if item.points is not None and item.floor is not None:
            bounds.append(item.points - item.floor)
        return min(bounds) if bounds else None

    def check_item(self, item: Item, ipath: DocPath, row: ScoringRow | None) -> None:
        """An item's points, floor, situations and caps."""
        self.known_classes(item.classes, (*ipath, "classes"))
        if item.basis is Basis.EARN and item.points is None:
            self.error((*ipath, "basis"), say("earn_needs_points", item=item.number))
        if item.floor is not None:
            if item.points is None:
                self.error((*ipath, "floor"), say("floor_needs_points", item=item.number))
            elif item.floor > item.points:
                self.error(
                    (*ipath, "floor"), say("floor_above_points", floor=item.floor, points=item.points)
                )
        if item.points is not None and item.cap is not None and item.cap > item.points:
            self.error(
                (*ipath, "cap"),
                say("item_cap_above_row", item=item.number, cap=item.cap, points=item.points),
            )
        self.unique(
            [s.key for s in item.situations], (*ipath, "situations"), "key", "key_situation"
        )
        self.unique([c.key for c in item.caps], (*ipath, "caps"), "key", "key_cap")
        for si, sit in enumerate(item.situations):
            spath: DocPath = (*ipath, "situations", si)
            self.check_situation(sit, spath, item, row)
            if isinstance(sit, Remainder):
                if len(item.situations) > 1:
                    self.error(spath, say("remainder_alone"))
                if row is None or item.basis is Basis.EARN:
                    self.error(spath, say("remainder_needs_row"))
        self.check_caps(item, ipath)

    def check_situation(
        self, sit: AnySituation, spath: DocPath, item: Item | None, row: ScoringRow | None
    ) -> None:
        """One situation: its amounts, tiers, measure and classes."""
        self.known_classes(sit.classes, (*spath, "classes"))
        by_class = getattr(sit, "by_class", {})
        for key in by_class:
            if key not in self.classes:
                self.error(
                    (*spath, "by_class", key),
                    say("unknown_class", key=key, hint=near(key, self.classes)),
                )
        if isinstance(sit, PerOccurrence):
            self.check_per_occurrence(sit, spath)
            return
        if isinstance(sit, Todo):
            self.error(spath, say("todo_clause", source=sit.source, reason=sit.reason or "—"))
            return
        self.check_measure(sit, spath)
        if isinstance(sit, PerUnit):
            self.check_per_unit(sit, spath)
        elif isinstance(sit, Threshold):
            self.check_cliffs(sit.cliffs, (*spath, "cliffs"), item, row)
            for key, override in sit.by_class.items():
                if override.cliffs is not None:
                    self.check_cliffs(override.cliffs, (*spath, "by_class", key, "cliffs"), item, row)

    def check_per_occurrence(self, sit: PerOccurrence, spath: DocPath) -> None:
        """Exactly one of amount, tiers and range; known tier set, modifiers and tier keys."""
        given = [name for name in ("amount", "tiers", "range") if getattr(sit, name) is not None]
        if len(given) != 1 and not (not given and sit.veto is not None):
            self.error(spath, say("amount_xor_tiers"))
        if isinstance(sit.tiers, list):
            if not sit.tiers:
                self.error((*spath, "tiers"), say("empty"))
            self.unique([t.key for t in sit.tiers], (*spath, "tiers"), "key", "key_tier")
        elif sit.tiers is not None:
            use = sit.tiers.use if isinstance(sit.tiers, TierUse) else sit.tiers
            where = (*spath, "tiers", "use") if isinstance(sit.tiers, TierUse) else (*spath, "tiers")
            if use not in self.rb.tier_sets:
                self.error(where, say("unknown_tier_set", key=use, hint=near(use, self.rb.tier_sets)))
            elif isinstance(sit.tiers, TierUse):
                keys = [t.key for t in self.rb.tier_sets[use]]
                for key in sit.tiers.labels:
                    if key not in keys:
                        self.error(
                            (*spath, "tiers", "labels", key),
                            say("situation_has_no_tier", key=sit.key, tier=key, hint=near(key, keys)),
                        )
        if sit.range is not None and sit.range.min > sit.range.max:
            self.error((*spath, "range"), say("range_reversed", low=sit.range.min, high=sit.range.max))
        tiers = [t.key for t in resolve_tiers(self.rb, sit)]
        for key, override in sit.by_class.items():
            for tier in override.tier_amounts or {}:
                if tier not in tiers:
                    self.error(
                        (*spath, "by_class", key, "tier_amounts", tier),
                        say("situation_has_no_tier", key=sit.key, tier=tier, hint=near(tier, tiers)),
                    )
            if override.range is not None and sit.range is None:
                self.error((*spath, "by_class", key, "range"), say("override_needs_base", field="range"))
        mods = {m.key for m in self.rb.modifiers}
        for mi, mod in enumerate(sit.modifiers):
            if mod not in mods:
                self.error(
                    (*spath, "modifiers", mi), say("unknown_modifier", key=mod, hint=near(mod, mods))
                )

    def check_measure(self, sit: AnySituation, spath: DocPath) -> None:
        """A measured situation reads a measure of a kind it can read."""
        key: str = getattr(sit, "measure", "")
        self.used_measures.add(key)
        measure = self.measures.get(key)
        wanted = _READS[type(sit)]
        if measure is None:
            self.error(
                (*spath, "measure"),
                say("unknown_measure", key=key, hint=near(key, self.measures)),
            )
        elif measure.kind not in wanted:
            words = either(say(_KIND_WORD[k]) for k in wanted)
            self.error((*spath, "measure"), say("measure_wrong_kind", key=key, kind=words))

    def check_per_unit(self, sit: PerUnit, spath: DocPath) -> None:
        """A rate threshold and step lie within 0..1."""
        measure = self.measures.get(sit.measure)
        if measure is not None and measure.kind is MeasureKind.RATE:
            top = measure.maximum if measure.maximum is not None else 1
            for name in ("threshold", "step"):
                value = getattr(sit, name)
                if value > top:
                    self.error((*spath, name), say("rate_above_one", value=value))

    def check_cliffs(
        self, cliffs: list[Cliff], path: DocPath, item: Item | None, row: ScoringRow | None
    ) -> None:
        """Each cliff has one comparison; none is hidden behind an earlier one; `all` has points."""
        lows: list[Decimal] = []  # bounds of `below`/`at_most` cliffs seen so far
        highs: list[Decimal] = []
        for ci, cliff in enumerate(cliffs):
            cpath: DocPath = (*path, ci)
            given = [(n, v) for n in ("below", "at_most", "above", "at_least") if (v := getattr(cliff, n)) is not None]
            if len(given) != 1:
                self.error(cpath, say("cliff_one_comparison"))
                continue
            name, bound = given[0]
            if name in ("below", "at_most"):
                if any(bound <= seen for seen in lows):
                    self.error((*cpath, name), say("cliff_unreachable", index=ci + 1))
                lows.append(bound)
            else:
                if any(bound >= seen for seen in highs):
                    self.error((*cpath, name), say("cliff_unreachable", index=ci + 1))
                highs.append(bound)
            if cliff.amount == "all" and item is not None and self.all_points(item, row) is None:
                self.error((*cpath, "amount"), say("all_needs_points", item=item.number))

    @staticmethod
    def all_points(item: Item, row: ScoringRow | None) -> Decimal | None:
        """What `all` (此项不得分) means for an item: its points, its cap, or its lone row's points."""
        if item.points is not None:
            return item.points
        if item.cap is not None:
            return item.cap
        if row is not None and len(row.items) == 1:
            return row.points
        return None

    def check_caps(self, item: Item, ipath: DocPath) -> None:
        """Caps name this item's situations and tiers, and never overlap."""
        by_key = {s.key: s for s in item.situations}
        claimed: dict[tuple[str, str | None], str] = {}
        for ci, cap in enumerate(item.caps):
            for ai, target in enumerate(cap.applies_to):
                apath: DocPath = (*ipath, "caps", ci, "applies_to", ai)
                sit_key, _, tier_key = target.partition(".")
                sit = by_key.get(sit_key)
                if sit is None:
                    self.error(
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
                    self.error(apath, say("cap_on_remainder", key=sit_key))
                    continue
                tiers = (
                    [t.key for t in resolve_tiers(self.rb, sit)]
                    if isinstance(sit, PerOccurrence)
                    else []
                )
                if tier_key and tier_key not in tiers:
                    self.error(
                        apath,
                        say(
                            "situation_has_no_tier",
                            key=sit_key,
                            tier=tier_key,
                            hint=near(tier_key, tiers),
                        ),
                    )
                    continue
                self.claim(claimed, cap, apath, sit_key, tier_key or None, tiers)

    def claim(
        self,
        claimed: dict[tuple[str, str | None], str],
        cap: Cap,
        apath: DocPath,
        sit_key: str,
        tier_key: str | None,
        tiers: list[str],
    ) -> None:
        """Caps of one item must not overlap, so the order they apply in cannot matter."""
        parts: list[tuple[str, str | None]] = [(sit_key, tier_key)]
        if not tier_key:
            parts += [(sit_key, t) for t in tiers]
        else:
            parts.append((sit_key, None))
        for part in parts:
            other = claimed.get(part)
            if other is not None and other != cap.key:
                self.error(apath, say("caps_overlap", cap=cap.key, other=other))
                return
        claimed[(sit_key, tier_key)] = cap.key
        if not tier_key:
            for t in tiers:
                claimed[(sit_key, t)] = cap.key


_NOTHING = object()


def resolve_pointer(data: object, pointer: str) -> object:
    """The value a JSON pointer points at in ``data``, or a marker for nothing."""
    node: object = data
    for raw in pointer.split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return _NOTHING
    return node


def check(rulebook: Rulebook, raw: object) -> list[Found]:
    """Every semantic problem of a rulebook as (path, message, severity).

    ``raw`` is the document as read, against which interpretation pointers resolve.
    """
    from mofan_rules.rulebook import _lint, _outcomes

    checker = Checker(rulebook, raw)
    checker.run()
    _outcomes.check(checker)
    _lint.check(checker)
    checker.warn_unused()
    return checker.found


__all__ = ["MAX_PLACES", "Checker", "Found", "check", "near", "resolve_pointer"]
