"""One item of the rulebook against its wording in the new document.

Each quoted stretch (a situation's, cap's or modifier's ``source``) is
followed into the new text and judged on its own:

- **unchanged**: the same words (spaces aside);
- **numbers**: only numbers changed, and each is carried by a value, so the
  change is the new number in that value (and the quote);
- **reworded**: words changed, no number, and the grammar reads both
  wordings the same way, so only the quote changes;
- **rewritten**: anything else (a number no value carries, a number added
  or dropped, a reading that differs): to be read again, never guessed;
- **removed**: the words are gone.

Clauses of the new text standing where the old text had nothing are read
by the grammar as new situations.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal

from mofan_rules.drafting._align import Alignment, NumberPair, Token, same_text
from mofan_rules.drafting._carriers import Carrier, Field, owners
from mofan_rules.drafting._clauses import Reading, read_item
from mofan_rules.drafting._result import Status
from mofan_rules.drafting._words import Span


@dataclass
class NumberChange:
    """A number the document changed, and the values that hold it."""

    pair: NumberPair
    carriers: list[Carrier]


@dataclass
class FieldDiff:
    """What became of one quoted stretch."""

    field: Field
    status: Status
    new_span: Span | None = None
    new_text: str | None = None
    numbers: list[NumberChange] = dataclasses.field(default_factory=list)


@dataclass
class ItemDiff:
    """What became of one item: its overall status, each quote's, and its new clauses."""

    status: Status
    fields: list[FieldDiff]
    new_clauses: list[Reading] = dataclasses.field(default_factory=list)
    old_text: str = ""
    new_text: str = ""

    @property
    def numbers(self) -> list[NumberChange]:
        """Every number change, once."""
        seen: set[int] = set()
        out = []
        for diff in self.fields:
            for change in diff.numbers:
                if id(change.pair) not in seen:
                    seen.add(id(change.pair))
                    out.append(change)
        return out


_CAP_KINDS = (
    re.compile(r"每种情形最多扣"),
    re.compile(r"此项(?:最多|最高)扣"),
    re.compile(r"最多扣|分为限|最多不超过"),
)


def _shape(value: object) -> object:
    """A signature with its numbers left out: what kind of rule, not how much."""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return "#"
    if isinstance(value, tuple):
        return tuple(_shape(v) for v in value)
    return value


def _reading_shape(field_: Field, text: str) -> object:
    if field_.kind == "cap":
        return next((k for k, rx in enumerate(_CAP_KINDS) if rx.search(text)), None)
    if field_.kind == "modifier":
        return ("半" in text, "不扣分" in text or "不予扣分" in text)
    return _shape(read_item(text).signature())


def _in(token: Token, span: Span) -> bool:
    return span.start <= token.start < span.end


def _field_diff(align: Alignment, fields: list[Field], f: Field) -> FieldDiff:
    if f.span is None:
        return FieldDiff(f, Status.UNCHANGED)  # not quoted word for word: nothing to follow
    new_span = align.span(f.span)
    if new_span is None:
        return FieldDiff(f, Status.REMOVED)
    new_text = new_span.of(align.new)
    old_text = f.span.of(align.old)
    diff = FieldDiff(f, Status.UNCHANGED, new_span, new_text)
    if same_text(old_text, new_text):
        return diff
    mine = [p for p in align.pairs if _in(p.old, f.span) and f in owners(fields, p.old)]
    numbers = [t.old for t in mine]
    carried = True
    for pair in mine:
        if pair.old.value != pair.new.value:
            carriers = f.carriers_of(numbers, pair.old)
            carried = carried and bool(carriers)
            diff.numbers.append(NumberChange(pair, carriers))
    unpaired = any(_in(t, f.span) for t in align.unpaired_old) or any(
        _in(t, new_span) for t in align.unpaired_new
    )
    inner = Alignment(old_text, new_text, numbered=False)
    if f.kind == "item":
        words = _item_words_changed(align, fields)
        shape_same = not words or _reading_shape(f, old_text) == _reading_shape(f, new_text)
    else:
        words = inner.words_changed
        shape_same = _reading_shape(f, old_text) == _reading_shape(f, new_text)
    if unpaired or not carried or not shape_same:
        diff.status = Status.REWRITTEN
    elif diff.numbers:
        diff.status = Status.NUMBERS
    elif words or f.kind == "item":
        diff.status = Status.REWORDED  # the item's own quote changes with any of its words
    return diff


def _item_words_changed(align: Alignment, fields: list[Field]) -> bool:
    """Whether words changed outside every quote of the item (its description, its cap)."""
    quoted = [f.span for f in fields if f.kind != "item" and f.span is not None]
    for tag, i1, i2, _j1, _j2 in align.ops:
        if tag == "equal":
            continue
        inside = i2 > i1 and all(any(_in(t, s) for s in quoted) for t in align.a[i1:i2])
        if not inside:
            return True
    return False


def _new_clauses(align: Alignment, diffs: list[FieldDiff]) -> list[Reading]:
    kept = [d.new_span for d in diffs if d.new_span is not None and d.field.kind != "item"]
    found = []
    for reading in read_item(align.new).situations:
        overlaps = any(
            reading.span.start < s.end and s.start < reading.span.end for s in kept if s is not None
        )
        if not overlaps:
            found.append(reading)
    return found


_NUMBER = re.compile(r"^\s*\d{1,3}\s*(?:[．、]|\.(?!\d))")


def unnumbered(text: str) -> str:
    """An item's text without its own number (a renumbered item says the same)."""
    return _NUMBER.sub("", text, count=1)


def diff_item(old_text: str, new_text: str, fields: list[Field]) -> ItemDiff:
    """How the item quoted by ``fields`` changed from ``old_text`` to ``new_text``."""
    if same_text(unnumbered(old_text), unnumbered(new_text)):
        return ItemDiff(
            Status.UNCHANGED,
            [FieldDiff(f, Status.UNCHANGED) for f in fields],
            [],
            old_text,
            new_text,
        )
    align = Alignment(old_text, new_text)
    diffs = [_field_diff(align, fields, f) for f in fields]
    new = _new_clauses(align, diffs)
    statuses = {d.status for d in diffs}
    if new or Status.REWRITTEN in statuses or Status.REMOVED in statuses:
        status = Status.REWRITTEN
    elif Status.NUMBERS in statuses:
        status = Status.NUMBERS
    else:
        status = Status.REWORDED
    return ItemDiff(status, diffs, new, old_text, new_text)


__all__ = ["FieldDiff", "ItemDiff", "NumberChange", "diff_item"]
