"""Checks a schema cannot express: the rulebook must agree with itself.

Runs on the validated model and reports every problem with the path of the
value at fault, so the loader can place it at ``file:line:col``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from .errors import DocPath, Severity
from .messages import Msg, say, suggest
from .model import (
    Cap,
    Item,
    Measure,
    MeasureKind,
    PerOccurrence,
    Rank,
    Remainder,
    Rulebook,
    Shortfall,
)

# Which measure kind each rule kind reads.
_MEASURE_KIND = {Shortfall: MeasureKind.COUNT, Rank: MeasureKind.RANK, Remainder: MeasureKind.RATE}
# The catalogue's word for each measure kind.
_KIND_WORD = {
    MeasureKind.COUNT: "kind_count",
    MeasureKind.RANK: "kind_rank",
    MeasureKind.RATE: "kind_rate",
}

Found = tuple[DocPath, Msg, Severity]

# Amounts, points, factors and thresholds are written to a few decimal places;
# more is a paste error, and this bound keeps every product the engine forms
# exact within its precision (as factcheck.MAX_RATE_PLACES does for rates).
MAX_PLACES = 10


def _near(word: str, options: Iterable[str]) -> Msg | None:
    return suggest(word, options, empty="none_defined")


class _Checker:
    def __init__(self, rulebook: Rulebook, raw: object) -> None:
        self.rb = rulebook
        self.raw = raw
        self.found: list[Found] = []

    def error(self, path: DocPath, msg: Msg) -> None:
        self.found.append((path, msg, Severity.ERROR))

    def warn(self, path: DocPath, msg: Msg) -> None:
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

    def run(self) -> None:
        rb = self.rb
        if rb.effective.end < rb.effective.start:
            self.error(("effective", "end"), say("period_reversed", end=rb.effective.end))
        self.unique([m.key for m in rb.modifiers], ("modifiers",), "key", "key_modifier")
        self.unique([m.key for m in rb.measures], ("measures",), "key", "key_measure")
        self.unique(
            [i.key for i in rb.interpretations], ("interpretations",), "key", "key_interpretation"
        )
        self.check_places(self.raw, ())
        self.check_pointers()
        self.check_table()
        self.check_bonus()

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
        doc = self.raw
        for i, interp in enumerate(self.rb.interpretations):
            for j, pointer in enumerate(interp.values):
                node: object = doc
                for raw in pointer.split("/")[1:]:
                    part = raw.replace("~1", "/").replace("~0", "~")
                    if isinstance(node, dict) and part in node:
                        node = node[part]
                    elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                        node = node[int(part)]
                    else:
                        self.error(
                            ("interpretations", i, "values", j),
                            say("pointer_to_nothing", pointer=pointer),
                        )
                        break

    def check_table(self) -> None:
        rb = self.rb
        total = Decimal(0)
        row_no = item_no = 0
        measures = {m.key: m for m in rb.measures}
        used_measures: set[str] = set()
        for ii, ind in enumerate(rb.indicators):
            for ri, row in enumerate(ind.rows):
                rpath: DocPath = ("indicators", ii, "rows", ri)
                row_no += 1
                total += row.points
                if row.number != row_no:
                    self.error(
                        (*rpath, "number"), say("row_number", number=row.number, expected=row_no)
                    )
                reach = Decimal(0)
                unbounded = False
                remainders = 0
                for ti, item in enumerate(row.items):
                    ipath: DocPath = (*rpath, "items", ti)
                    item_no += 1
                    if item.number != item_no:
                        self.error(
                            (*ipath, "number"),
                            say("item_number", number=item.number, expected=item_no),
                        )
                    if item.cap is not None and item.cap > row.points:
                        self.error(
                            (*ipath, "cap"),
                            say(
                                "item_cap_above_row",
                                item=item.number,
                                cap=item.cap,
                                points=row.points,
                            ),
                        )
                    if item.cap is None:
                        unbounded = True
                    else:
                        reach += item.cap
                    remainders += sum(isinstance(s, Remainder) for s in item.situations)
                    used_measures |= self.check_item(item, ipath, measures)
                if remainders > 1:
                    self.error((*rpath, "items"), say("one_remainder_per_row"))
                if not unbounded and reach < row.points:
                    self.warn(
                        (*rpath, "points"),
                        say("row_never_emptied", reach=reach, points=row.points),
                    )
        if total != rb.total_points:
            self.error(
                ("total_points",), say("total_mismatch", total=total, expected=rb.total_points)
            )
        for mi, m in enumerate(rb.measures):
            if m.key not in used_measures:
                self.warn(("measures", mi, "key"), say("measure_unused", key=m.key))

    def check_item(self, item: Item, ipath: DocPath, measures: Mapping[str, Measure]) -> set[str]:
        used: set[str] = set()
        mods = {m.key for m in self.rb.modifiers}
        self.unique(
            [s.key for s in item.situations], (*ipath, "situations"), "key", "key_situation"
        )
        self.unique([c.key for c in item.caps], (*ipath, "caps"), "key", "key_cap")
        for si, sit in enumerate(item.situations):
            spath: DocPath = (*ipath, "situations", si)
            if isinstance(sit, PerOccurrence):
                if (sit.amount is None) == (sit.tiers is None):
                    self.error(spath, say("amount_xor_tiers"))
                if sit.tiers is not None:
                    if not sit.tiers:
                        self.error((*spath, "tiers"), say("empty"))
                    self.unique([t.key for t in sit.tiers], (*spath, "tiers"), "key", "key_tier")
                for mi, mod in enumerate(sit.modifiers):
                    if mod not in mods:
                        self.error(
                            (*spath, "modifiers", mi),
                            say("unknown_modifier", key=mod, hint=_near(mod, mods)),
                        )
            else:
                measure = measures.get(sit.measure)
                want = _MEASURE_KIND[type(sit)]
                if measure is None:
                    self.error(
                        (*spath, "measure"),
                        say("unknown_measure", key=sit.measure, hint=_near(sit.measure, measures)),
                    )
                elif getattr(measure, "kind", None) is not want:
                    self.error(
                        (*spath, "measure"),
                        say("measure_wrong_kind", key=sit.measure, kind=say(_KIND_WORD[want])),
                    )
                used.add(sit.measure)
            if isinstance(sit, Remainder) and len(item.situations) > 1:
                self.error(spath, say("remainder_alone"))
        self.check_caps(item, ipath)
        return used

    def check_caps(self, item: Item, ipath: DocPath) -> None:
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
                            hint=_near(sit_key, by_key),
                        ),
                    )
                    continue
                if isinstance(sit, Remainder):
                    # Its deduction is bounded by what is left of the row; a cap would be ignored.
                    self.error(apath, say("cap_on_remainder", key=sit_key))
                    continue
                tiers = [t.key for t in sit.tiers or []] if isinstance(sit, PerOccurrence) else []
                if tier_key and tier_key not in tiers:
                    self.error(
                        apath,
                        say(
                            "situation_has_no_tier",
                            key=sit_key,
                            tier=tier_key,
                            hint=_near(tier_key, tiers),
                        ),
                    )
                    continue
                self.claim(
                    claimed=claimed,
                    cap=cap,
                    apath=apath,
                    sit_key=sit_key,
                    tier_key=tier_key or None,
                    tiers=tiers,
                )

    def claim(
        self,
        *,
        claimed: dict[tuple[str, str | None], str],
        cap: Cap,
        apath: DocPath,
        sit_key: str,
        tier_key: str | None,
        tiers: list[str],
    ) -> None:
        # Caps of one item must not overlap, so the order they apply in cannot matter.
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

    def check_bonus(self) -> None:
        bonus = self.rb.bonus
        if bonus is None:
            return
        rows = len(self.rb.rows)
        if bonus.row > rows:
            self.error(("bonus", "row"), say("no_such_row", row=bonus.row, rows=rows))
        scopes = [s.key for s in bonus.scopes]
        self.unique(list(scopes), ("bonus", "scopes"), "key", "key_scope")
        self.unique([lv.key for lv in bonus.levels], ("bonus", "levels"), "key", "key_level")
        for li, level in enumerate(bonus.levels):
            for scope in level.amounts:
                if scope not in scopes:
                    self.error(
                        ("bonus", "levels", li, "amounts", scope),
                        say("unknown_scope", key=scope, hint=_near(scope, scopes)),
                    )
        mods = {m.key for m in self.rb.modifiers}
        for mi, mod in enumerate(bonus.modifiers):
            if mod not in mods:
                self.error(
                    ("bonus", "modifiers", mi),
                    say("unknown_modifier", key=mod, hint=_near(mod, mods)),
                )


def check(rulebook: Rulebook, raw: object) -> list[Found]:
    """Every semantic problem of a rulebook as (path, message, severity).

    ``raw`` is the document as read, against which interpretation pointers resolve.
    """
    checker = _Checker(rulebook, raw)
    checker.run()
    return checker.found
