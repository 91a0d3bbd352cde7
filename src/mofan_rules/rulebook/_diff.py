"""The change in meaning between two rulebooks, not in text.

Each rulebook is flattened into addresses a person can read (``item 12 ›
situation cadre_case › tier judicial › amount``) with the value there and
where it sits in its file. The walk is generic over the models, so every
construct of the format is compared without a line of code of its own.
Entities are matched by what they are, not where they are: anything with a
key by its key, rows by number, indicators by position, and items by their
text (a renumbered item is reported as renumbered, not as one removed and
one added). Numbers compare as decimals (``0.50`` is ``.5``), and comments or
layout never show up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel

from mofan_rules._text import DocPath, canonical
from mofan_rules.rulebook._hash import canonical_data
from mofan_rules.rulebook._index import resolve_tiers
from mofan_rules.rulebook._load import LoadedRulebook
from mofan_rules.rulebook._model import Item, Rulebook
from mofan_rules.rulebook._rules import PerOccurrence, TierUse
from mofan_rules.rulebook._semantics import values_at
from mofan_rules.source import Document

ChangeKind = Literal["added", "removed", "changed", "renumbered"]
SEP = " › "
# The word for one entry of a list field, in addresses.
_SINGULAR = {
    "classes": "class",
    "grades": "grade",
    "interpretations": "interpretation",
    "modifiers": "modifier",
    "measures": "measure",
    "indicators": "indicator",
    "rows": "row",
    "items": "item",
    "situations": "situation",
    "tiers": "tier",
    "caps": "cap",
    "cliffs": "cliff",
    "bonuses": "bonus",
    "levels": "level",
    "scopes": "scope",
}
# Not meaning: editors' notes, review fingerprints, and tier sets (their tiers
# are compared where they are used, placed at the set).
_SKIP = {"note", "checksum", "tier_sets"}


@dataclass(frozen=True, slots=True)
class Where:
    """Where a value sits in its rulebook file."""

    path: DocPath
    file: str = ""
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        pointer = "".join(f"/{p}" for p in self.path) or "/"
        return f"{self.file}:{self.line}:{self.column} {pointer}" if self.line else pointer


@dataclass(frozen=True, slots=True)
class Change:
    """One change in meaning: what, its old and new value, and where in both files."""

    kind: ChangeKind
    address: str
    field: str
    old: Any = None
    new: Any = None
    old_at: Where | None = None
    new_at: Where | None = None
    # A change in a tier set is one change for every item using the set.
    used_by: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """Plain data (decimals as canonical strings) for JSON output."""
        return {
            "kind": self.kind,
            "address": self.address,
            "field": self.field,
            "old": plain(self.old),
            "new": plain(self.new),
            "old_at": str(self.old_at) if self.old_at else None,
            "new_at": str(self.new_at) if self.new_at else None,
            "used_by": list(self.used_by),
        }


@dataclass(frozen=True, slots=True)
class RulebookDiff:
    """All changes in meaning from ``old`` to ``new``; empty when they mean the same.

    ``reviews`` names the interpretations whose values changed while their
    reading did not: each one's reading should be checked.
    """

    old: str
    new: str
    changes: tuple[Change, ...] = field(default_factory=tuple)
    reviews: tuple[str, ...] = ()

    @property
    def same(self) -> bool:
        """Whether the two rulebooks mean the same."""
        return not self.changes


def plain(value: Any) -> Any:
    """A value as plain data: decimals as canonical text, enums as their value."""
    if isinstance(value, Decimal):
        return canonical(value)
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, BaseModel):
        return {k: plain(v) for k, v in value if v is not None}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def identity(item: Item) -> str:
    """What an item is, whatever its number: its text without ``12.``."""
    return re.sub(r"^\s*\d+\s*[.．、]\s*", "", item.source)


def _pair_items(old: Rulebook, new: Rulebook) -> dict[int, int]:
    """Old item number → new item number, matched by text, then by number."""
    by_text = {identity(i): i.number for i in new.items}
    pairs: dict[int, int] = {}
    for item in old.items:
        match = by_text.get(identity(item))
        if match is not None and match not in pairs.values():
            pairs[item.number] = match
    taken = set(pairs.values())
    new_numbers = {i.number for i in new.items}
    for item in old.items:
        if item.number not in pairs and item.number in new_numbers and item.number not in taken:
            pairs[item.number] = item.number
            taken.add(item.number)
    return pairs


# An address → (value, path in the document). An entity's own address holds a
# short summary; its fields hang below it.
Flat = dict[str, tuple[Any, DocPath]]


def _summary(model: BaseModel) -> Any:
    for name in ("label", "title", "name", "key"):
        value = getattr(model, name, None)
        if isinstance(value, str):
            return value[:40]
    # A value without a name (a class's numbers, a range): what it sets.
    return ", ".join(f"{k}={_scalar(v)}" for k, v in model if v is not None and v not in ({}, []))


def _scalar(value: Any) -> str:
    shown = plain(value)
    return str(shown)


class _Flattener:
    def __init__(self, rulebook: Rulebook) -> None:
        self.flat: Flat = {}
        self.rulebook = rulebook

    def put(self, address: str, value: Any, path: DocPath) -> None:
        self.flat[address] = (tuple(value) if isinstance(value, list) else value, path)

    def model(self, model: BaseModel, base: str, path: DocPath) -> None:
        for name in type(model).model_fields:
            if name in _SKIP:
                continue
            value = getattr(model, name)
            address = f"{base}{SEP}{name}" if base else name
            if (
                name == "tiers"
                and isinstance(model, PerOccurrence)
                and isinstance(value, str | TierUse)
            ):
                self.shared_tiers(model, address, (*path, name))
                continue
            self.value(value, name, address, (*path, name))

    def shared_tiers(self, sit: PerOccurrence, address: str, path: DocPath) -> None:
        """Tiers from a tier set, compared as the situation's own.

        Each is placed at the set, or a label at the situation's own wording of it.
        """
        use = sit.tiers if isinstance(sit.tiers, str) else sit.tiers.use  # type: ignore[union-attr]
        worded = sit.tiers.labels if isinstance(sit.tiers, TierUse) else {}
        self.entries(resolve_tiers(self.rulebook, sit), "tiers", address, ("tier_sets", use))
        for key in worded:
            here = f"{address.rsplit(SEP, 1)[0]}{SEP}tier {key}{SEP}label"
            if here in self.flat:
                self.flat[here] = (self.flat[here][0], (*path, "labels", key))

    def value(self, value: Any, name: str, address: str, path: DocPath) -> None:
        if value is None:
            return  # a field left out: if the other side has it, it was added or removed
        if isinstance(value, BaseModel):
            self.put(address, _summary(value), path)
            self.model(value, address, path)
        elif isinstance(value, list) and value and all(isinstance(v, BaseModel) for v in value):
            self.entries(value, name, address, path)
        elif isinstance(value, dict):
            for key, entry in value.items():
                self.value(entry, str(key), f"{address}{SEP}{key}", (*path, key))
        else:
            self.put(address, value, path)

    def entries(self, values: Sequence[BaseModel], name: str, address: str, path: DocPath) -> None:
        word = _SINGULAR.get(name, name)
        parent = address.rsplit(SEP, 1)[0] if SEP in address else ""
        for i, entry in enumerate(values):
            ident = getattr(entry, "key", None) or getattr(entry, "number", None) or i + 1
            here = f"{parent}{SEP}{word} {ident}" if parent else f"{word} {ident}"
            self.put(here, _summary(entry), (*path, i))
            self.model(entry, here, (*path, i))


def _flatten(rb: Rulebook, labels: dict[int, str]) -> Flat:
    """Flatten ``rb``; items are addressed by ``labels[number]``, apart from their rows."""
    walker = _Flattener(rb)
    for name in type(rb).model_fields:
        if name in ("indicators", "direct_deductions", *_SKIP):
            continue
        walker.value(getattr(rb, name), name, name, (name,))
    for ii, indicator in enumerate(rb.indicators):
        ipath: DocPath = ("indicators", ii)
        base = f"indicator {ii + 1}"
        walker.put(base, indicator.name, ipath)
        for name in type(indicator).model_fields:
            if name not in ("rows", *_SKIP):
                walker.value(getattr(indicator, name), name, f"{base}{SEP}{name}", (*ipath, name))
        for ri, row in enumerate(indicator.rows):
            rpath: DocPath = (*ipath, "rows", ri)
            rbase = f"row {row.number}"
            walker.put(rbase, indicator.name, rpath)
            walker.put(f"{rbase}{SEP}indicator", indicator.name, (*ipath, "name"))
            for name in type(row).model_fields:
                if name not in ("items", "number", *_SKIP):
                    walker.value(getattr(row, name), name, f"{rbase}{SEP}{name}", (*rpath, name))
            for ti, item in enumerate(row.items):
                _item(walker, item, labels[item.number], str(row.number), (*rpath, "items", ti))
    if rb.direct_deductions is not None:
        direct = rb.direct_deductions
        for name in ("title", "source", "cap"):
            walker.put(
                f"direct_deductions{SEP}{name}", getattr(direct, name), ("direct_deductions", name)
            )
        for ti, item in enumerate(direct.items):
            _item(walker, item, labels[item.number], "direct", ("direct_deductions", "items", ti))
    return walker.flat


def _item(walker: _Flattener, item: Item, label: str, row: str, ipath: DocPath) -> None:
    base = f"item {label}"
    walker.put(base, identity(item)[:40], ipath)
    walker.put(f"{base}{SEP}row", row, ipath)
    for name in type(item).model_fields:
        if name in _SKIP:
            continue
        value = identity(item) if name == "source" else getattr(item, name)
        walker.value(value, name, f"{base}{SEP}{name}", (*ipath, name))


_PEOPLE = ("leaders", "assessing_departments", "responsible_offices")


def _where(loaded: LoadedRulebook | None, path: DocPath) -> Where:
    """Where a value sits: for an overlay, its people and metadata in the overlay, the rest in the base."""
    if loaded is None:
        return Where(path)
    doc, here = loaded.document, path
    if loaded.base is not None:
        doc, here = _overlay_place(loaded, path)
    pos = doc.locate(here)
    return Where(here, pos.file or doc.file, pos.line, pos.column)


def _overlay_place(loaded: LoadedRulebook, path: DocPath) -> tuple[Document, DocPath]:
    base = loaded.base
    assert base is not None  # only called for overlays
    data = loaded.document.data if isinstance(loaded.document.data, dict) else {}
    if len(path) == 1 and path[0] in data:
        return loaded.document, path  # the overlay's own id, version, title…
    if len(path) == 5 and path[0] == "indicators" and path[2] == "rows" and path[4] in _PEOPLE:
        number = base.rulebook.indicators[int(path[1])].rows[int(path[3])].number
        for k, row in enumerate(data.get("rows") or []):
            if isinstance(row, dict) and row.get("number") == number and path[4] in row:
                return loaded.document, ("rows", k, path[4])
    return base.document, path


def _parents(address: str) -> Iterator[str]:
    parts = address.split(SEP)
    for n in range(1, len(parts)):
        yield SEP.join(parts[:n])


def _reviews(
    old: LoadedRulebook | None, new: LoadedRulebook | None, rb_old: Rulebook, rb_new: Rulebook
) -> tuple[str, ...]:
    """Interpretations whose values changed while their reading stayed the same."""
    if old is None or new is None:
        return ()
    # An overlay's readings are its base's, about the base's file.
    old = old.base or old
    new = new.base or new
    before = {i.key: i for i in rb_old.interpretations}
    out = []
    for interp in rb_new.interpretations:
        was = before.get(interp.key)
        if was is None or was.reading != interp.reading:
            continue
        values = canonical_data(values_at(new.document.data, interp.values))
        old_values = canonical_data(values_at(old.document.data, was.values))
        if values != old_values:
            out.append(interp.key)
    return tuple(out)


def _in_set(where: Where | None) -> bool:
    return where is not None and where.path[:1] == ("tier_sets",)


def _once_per_tier_set(changes: list[Change]) -> tuple[Change, ...]:
    """Changes of a value in a tier set, reported once for the set, naming the items using it.

    Tiers are compared where they are used (so a table rewritten with a tier set
    means the same as before), which repeats a change of the set for each item.
    """
    out: list[Change] = []
    merged: dict[tuple[object, ...], int] = {}
    for change in changes:
        if change.kind != "changed" or not (_in_set(change.old_at) and _in_set(change.new_at)):
            out.append(change)
            continue
        assert change.old_at is not None
        assert change.new_at is not None
        key = (change.old_at.path, change.new_at.path, str(change.old), str(change.new))
        user = change.address.split(SEP, 1)[0]
        if key in merged:
            first = out[merged[key]]
            out[merged[key]] = replace(first, used_by=(*first.used_by, user))
            continue
        tier = next((p for p in change.address.split(SEP) if p.startswith("tier ")), "")
        address = SEP.join(
            p for p in (f"tier set {change.new_at.path[1]}", tier, change.field) if p
        )
        merged[key] = len(out)
        out.append(replace(change, address=address, used_by=(user,)))
    return tuple(out)


def diff_rulebooks(old: Rulebook | LoadedRulebook, new: Rulebook | LoadedRulebook) -> RulebookDiff:
    """Every change in meaning from ``old`` to ``new``, in the order of the new table.

    Given loaded rulebooks, every change names where its values sit in both files.

    Raises nothing: any two rulebooks can be compared.
    """
    old_loaded = old if isinstance(old, LoadedRulebook) else None
    new_loaded = new if isinstance(new, LoadedRulebook) else None
    rb_old = old.rulebook if isinstance(old, LoadedRulebook) else old
    rb_new = new.rulebook if isinstance(new, LoadedRulebook) else new
    pairs = _pair_items(rb_old, rb_new)
    # Paired items are addressed by their new number; an old item with no
    # counterpart keeps its own, marked so it cannot meet a different new item.
    old_labels = {
        i.number: str(pairs[i.number]) if i.number in pairs else f"{i.number} (old)"
        for i in rb_old.items
    }
    new_labels = {i.number: str(i.number) for i in rb_new.items}
    a, b = _flatten(rb_old, old_labels), _flatten(rb_new, new_labels)
    entities = {parent for address in (*a, *b) for parent in _parents(address)}
    changes: list[Change] = []
    gone_or_new: set[str] = set()
    for address in [*b, *(k for k in a if k not in b)]:
        if any(p in gone_or_new for p in _parents(address)):
            continue  # inside an added or removed entity: reported once, with it
        fname = address.rsplit(SEP, 1)[-1].split(" ")[0]
        if address not in a:
            changes.append(
                Change(
                    "added",
                    address,
                    fname,
                    None,
                    b[address][0],
                    None,
                    _where(new_loaded, b[address][1]),
                )
            )
            if address in entities:
                gone_or_new.add(address)
            continue
        if address not in b:
            changes.append(
                Change(
                    "removed",
                    address,
                    fname,
                    a[address][0],
                    None,
                    _where(old_loaded, a[address][1]),
                )
            )
            if address in entities:
                gone_or_new.add(address)
            continue
        (va, pa), (vb, pb) = a[address], b[address]
        if va != vb and address not in entities:
            kind: ChangeKind = "renumbered" if fname == "number" else "changed"
            changes.append(
                Change(kind, address, fname, va, vb, _where(old_loaded, pa), _where(new_loaded, pb))
            )
    return RulebookDiff(
        old=f"{rb_old.id} {rb_old.version}",
        new=f"{rb_new.id} {rb_new.version}",
        changes=_once_per_tier_set(changes),
        reviews=_reviews(old_loaded, new_loaded, rb_old, rb_new),
    )


__all__ = ["Change", "RulebookDiff", "Where", "diff_rulebooks", "identity", "plain"]
