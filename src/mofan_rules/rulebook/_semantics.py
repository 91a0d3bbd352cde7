"""Checks a schema cannot express: the rulebook must agree with itself.

Runs on the validated model and reports every problem with the path of the
value at fault, so the loader can place it at ``file:line:col``. This module
holds the :class:`Checker` that collects them and the checks of the whole
file (keys used twice, decimal places, pointers); :mod:`._table` checks the
table, :mod:`._situations` each situation and cap, :mod:`._outcomes` grades,
vetoes, weights and bonuses, and :mod:`._lint` warns of likely slips.
:mod:`._checks` runs them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal

from mofan_rules._text import DocPath, pointer_parts
from mofan_rules.errors import Severity
from mofan_rules.messages import Msg, say, suggest
from mofan_rules.rulebook._model import Item, Rulebook, ScoringRow
from mofan_rules.rulebook._parts import Measure, MeasureKind
from mofan_rules.rulebook._rules import (
    Ladder,
    PerUnit,
    Rank,
    Remainder,
    Threshold,
)

Found = tuple[DocPath, Msg, Severity]

# Amounts, points, factors and thresholds are written to a few decimal places;
# more is a paste error, and this bound keeps every product the engine forms
# exact within its precision.
MAX_PLACES = 10

# Which measure kinds each rule kind can read.
READS: dict[type, tuple[MeasureKind, ...]] = {
    PerUnit: (MeasureKind.COUNT, MeasureKind.RATE, MeasureKind.NUMBER),
    Threshold: (MeasureKind.COUNT, MeasureKind.RATE, MeasureKind.NUMBER),
    Rank: (MeasureKind.RANK,),
    Ladder: (MeasureKind.RANK,),
    Remainder: (MeasureKind.RATE,),
}
KIND_WORD = {
    MeasureKind.COUNT: "kind_count",
    MeasureKind.RANK: "kind_rank",
    MeasureKind.RATE: "kind_rate",
    MeasureKind.NUMBER: "kind_number",
}


def near(word: str, options: Iterable[str]) -> Msg | None:
    """A "did you mean …?" over ``options``, or that there are none."""
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
        # A set: each path asks for its own prefixes, one lookup each, not every pointer.
        self.explained = {pointer_parts(p) for i in rulebook.interpretations for p in i.values}

    def items(self) -> Iterator[tuple[DocPath, Item, ScoringRow | None]]:
        """Every item with its path and its row (None for a direct deduction)."""
        for ii, ind in enumerate(self.rb.indicators):
            for ri, row in enumerate(ind.rows):
                for ti, item in enumerate(row.items):
                    yield ("indicators", ii, "rows", ri, "items", ti), item, row
        if self.rb.direct_deductions is not None:
            for ti, item in enumerate(self.rb.direct_deductions.items):
                yield ("direct_deductions", "items", ti), item, None

    def row_path(self, index: int) -> DocPath:
        """The path of the ``index``-th scoring row, counted through the indicators."""
        n = 0
        for ii, ind in enumerate(self.rb.indicators):
            for ri, _row in enumerate(ind.rows):
                if n == index:
                    return ("indicators", ii, "rows", ri)
                n += 1
        return ("indicators",)

    def covered(self, path: DocPath) -> bool:
        """Whether an interpretation explains the value at ``path`` (its warnings are answered)."""
        explained = self.explained
        return any(path[:k] in explained for k in range(len(path) + 1))

    def error(self, path: DocPath, msg: Msg) -> None:
        """Record an error at ``path``."""
        self.found.append((path, msg, Severity.ERROR))

    def warn(self, path: DocPath, msg: Msg) -> None:
        """Record a warning at ``path``."""
        self.found.append((path, msg, Severity.WARNING))

    def unique(self, values: Sequence[str | int], base: DocPath, field: str, what: str) -> None:
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
        # A ledger (a workbook's dropdown above all) names these by label: a
        # label two share would name neither.
        self.unique([m.label for m in rb.modifiers], ("modifiers",), "label", "label_modifier")
        self.unique([m.label for m in rb.measures], ("measures",), "label", "label_measure")
        self.unique([c.label for c in rb.classes], ("classes",), "label", "label_class")
        self.unique(
            [i.key for i in rb.interpretations], ("interpretations",), "key", "key_interpretation"
        )
        for name, tiers in rb.tier_sets.items():
            self.unique([t.key for t in tiers], ("tier_sets", name), "key", "key_tier")
            self.unique([t.label for t in tiers], ("tier_sets", name), "label", "label_tier")
            if not tiers:
                self.error(("tier_sets", name), say("empty"))
        for field, rounding in (("rounding", rb.rounding), ("score_rounding", rb.score_rounding)):
            # Decimal's quantize keeps decimal places: a step of 0.5 would
            # silently round to 0.1, so only powers of ten are steps.
            if rounding is not None and rounding.quantum.normalize().as_tuple().digits != (1,):
                self.error(
                    (field, "quantum"), say("quantum_not_power_of_ten", value=rounding.quantum)
                )
        self.check_places(self.raw, ())
        self.check_pointers()

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


def values_at(data: object, pointers: Iterable[str]) -> list[object] | None:
    """The values an interpretation points at, or None when one points at nothing.

    (A pointer at nothing is an error of its own, reported by the table checks.)
    """
    values = [resolve_pointer(data, p) for p in pointers]
    return None if any(v is _NOTHING for v in values) else values


__all__ = [
    "KIND_WORD",
    "MAX_PLACES",
    "READS",
    "Checker",
    "Found",
    "near",
    "resolve_pointer",
    "values_at",
]
