"""The change in meaning between two rulebooks, not in text.

Each rulebook is flattened into addresses a person can read (``item 12 ›
situation cadre_case › tier judicial › amount``) with the value there and where
it sits in its file. Entities are matched by what they are, not where they
are: situations, tiers, caps, modifiers and measures by key, rows by number,
and items by their text (so a renumbered item is reported as renumbered, not
as one removed and one added). Numbers compare as decimals, so ``0.50`` and
``.5`` are the same amount, and comments or layout never show up.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any, Literal

from .errors import DocPath
from .model import Item, PerOccurrence, Rulebook
from .report import canonical
from .source import Document

ChangeKind = Literal["added", "removed", "changed", "renumbered"]
SEP = " › "


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

    def as_dict(self) -> dict[str, Any]:
        """Plain data (decimals as canonical strings) for JSON output."""
        return {
            "kind": self.kind,
            "address": self.address,
            "field": self.field,
            "old": _plain(self.old),
            "new": _plain(self.new),
            "old_at": str(self.old_at) if self.old_at else None,
            "new_at": str(self.new_at) if self.new_at else None,
        }


@dataclass(frozen=True, slots=True)
class RulebookDiff:
    """All changes in meaning from ``old`` to ``new``; empty when they mean the same."""

    old: str
    new: str
    changes: tuple[Change, ...] = field(default_factory=tuple)

    @property
    def same(self) -> bool:
        """Whether the two rulebooks mean the same."""
        return not self.changes


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return canonical(value)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _show(value: Any) -> str:
    plain = _plain(value)
    if isinstance(plain, list):
        return "[" + ", ".join(str(v) for v in plain) + "]"
    return "—" if plain is None else str(plain)


# An address → (value, path in the document). An entity's own address holds a
# short summary, its fields hang below it.
Flat = dict[str, tuple[Any, DocPath]]


def _identity(item: Item) -> str:
    # An item is what it says, whatever its number: its text without "12.".
    return re.sub(r"^\s*\d+\s*[.．、]\s*", "", item.source)


def _pair_items(old: Rulebook, new: Rulebook) -> dict[int, int]:
    """Old item number → new item number, matched by text, then by number."""
    old_items, new_items = old.items, new.items
    by_text = {_identity(i): i.number for i in new_items}
    pairs: dict[int, int] = {}
    for item in old_items:
        match = by_text.get(_identity(item))
        if match is not None and match not in pairs.values():
            pairs[item.number] = match
    taken = set(pairs.values())
    new_numbers = {i.number for i in new_items}
    for item in old_items:
        if item.number not in pairs and item.number in new_numbers and item.number not in taken:
            pairs[item.number] = item.number
            taken.add(item.number)
    return pairs


def _flatten(rb: Rulebook, label_of_item: dict[int, str]) -> Flat:
    """Flatten ``rb``; items are addressed by ``label_of_item[number]``."""
    flat: Flat = {}

    def put(address: str, value: Any, path: DocPath) -> None:
        flat[address] = (tuple(value) if isinstance(value, list) else value, path)

    for key in ("id", "title", "unit", "total_points", "source_document", "schema_version"):
        put(key, getattr(rb, key), (key,))
    put("effective" + SEP + "start", rb.effective.start, ("effective", "start"))
    put("effective" + SEP + "end", rb.effective.end, ("effective", "end"))
    put("rounding" + SEP + "quantum", rb.rounding.quantum, ("rounding", "quantum"))
    put("rounding" + SEP + "mode", rb.rounding.mode, ("rounding", "mode"))
    for i, interp in enumerate(rb.interpretations):
        base = f"interpretation {interp.key}"
        put(base, interp.title, ("interpretations", i))
        for name in ("title", "source", "reading", "values"):
            put(base + SEP + name, getattr(interp, name), ("interpretations", i, name))
    for i, mod in enumerate(rb.modifiers):
        base = f"modifier {mod.key}"
        put(base, mod.label, ("modifiers", i))
        for name in ("label", "source", "factor"):
            put(base + SEP + name, getattr(mod, name), ("modifiers", i, name))
    for i, measure in enumerate(rb.measures):
        base = f"measure {measure.key}"
        put(base, measure.label, ("measures", i))
        for name in ("label", "kind", "maximum"):
            put(base + SEP + name, getattr(measure, name), ("measures", i, name))
    for ii, indicator in enumerate(rb.indicators):
        for ri, row in enumerate(indicator.rows):
            rpath: DocPath = ("indicators", ii, "rows", ri)
            base = f"row {row.number}"
            put(base, indicator.name, rpath)
            put(base + SEP + "indicator", indicator.name, ("indicators", ii, "name"))
            for name in ("points", "leaders", "assessing_departments", "responsible_offices"):
                put(base + SEP + name, getattr(row, name), (*rpath, name))
            for ti, item in enumerate(row.items):
                _flatten_item(
                    put, item, label_of_item[item.number], row.number, (*rpath, "items", ti)
                )
    if rb.bonus is not None:
        bonus = rb.bonus
        put("bonus", bonus.cap, ("bonus",))
        for name in ("source", "cap", "added_to", "row", "modifiers"):
            put("bonus" + SEP + name, getattr(bonus, name), ("bonus", name))
        for i, scope in enumerate(bonus.scopes):
            put(f"bonus{SEP}scope {scope.key}", scope.label, ("bonus", "scopes", i))
        for i, level in enumerate(bonus.levels):
            base = f"bonus{SEP}level {level.key}"
            put(base, level.label, ("bonus", "levels", i))
            put(base + SEP + "label", level.label, ("bonus", "levels", i, "label"))
            for scope_key, amount in level.amounts.items():
                put(
                    base + SEP + f"amount {scope_key}",
                    amount,
                    ("bonus", "levels", i, "amounts", scope_key),
                )
    return flat


def _flatten_item(put: Any, item: Item, label: str, row: int, ipath: DocPath) -> None:
    base = f"item {label}"
    put(base, _identity(item)[:40], ipath)
    put(base + SEP + "number", item.number, (*ipath, "number"))
    put(base + SEP + "row", row, ipath)
    put(base + SEP + "cap", item.cap, (*ipath, "cap"))
    put(base + SEP + "source", _identity(item), (*ipath, "source"))
    for si, sit in enumerate(item.situations):
        spath: DocPath = (*ipath, "situations", si)
        sbase = f"{base}{SEP}situation {sit.key}"
        put(sbase, sit.label, spath)
        for name, value in sit.model_dump(exclude={"key", "tiers", "note"}).items():
            put(sbase + SEP + name, getattr(sit, name, value), (*spath, name))
        if isinstance(sit, PerOccurrence):
            for ti, tier in enumerate(sit.tiers or []):
                tbase = f"{sbase}{SEP}tier {tier.key}"
                put(tbase, tier.label, (*spath, "tiers", ti))
                put(tbase + SEP + "label", tier.label, (*spath, "tiers", ti, "label"))
                put(tbase + SEP + "amount", tier.amount, (*spath, "tiers", ti, "amount"))
    for ci, cap in enumerate(item.caps):
        cpath: DocPath = (*ipath, "caps", ci)
        cbase = f"{base}{SEP}cap {cap.key}"
        put(cbase, cap.label, cpath)
        for name in ("label", "source", "applies_to", "limit"):
            put(cbase + SEP + name, getattr(cap, name), (*cpath, name))


def _where(doc: Document | None, path: DocPath) -> Where:
    if doc is None:
        return Where(path)
    pos = doc.locate(path)
    return Where(path, pos.file or doc.file, pos.line, pos.column)


def _parents(address: str) -> Iterator[str]:
    parts = address.split(SEP)
    for n in range(1, len(parts)):
        yield SEP.join(parts[:n])


def diff_rulebooks(
    old: Rulebook,
    new: Rulebook,
    *,
    old_doc: Document | None = None,
    new_doc: Document | None = None,
) -> RulebookDiff:
    """Every change in meaning from ``old`` to ``new``, in the order of the new table."""
    pairs = _pair_items(old, new)
    # Paired items are addressed by their new number; an old item with no
    # counterpart keeps its own, marked so it cannot meet a different new item.
    old_labels = {
        i.number: str(pairs[i.number]) if i.number in pairs else f"{i.number} (old)"
        for i in old.items
    }
    new_labels = {i.number: str(i.number) for i in new.items}
    a, b = _flatten(old, old_labels), _flatten(new, new_labels)
    # An entity (an item, a situation, a tier…) is an address with fields below it;
    # its own value is only a summary shown when it is added or removed.
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
                    _where(new_doc, b[address][1]),
                )
            )
            if address in entities:
                gone_or_new.add(address)
            continue
        if address not in b:
            changes.append(
                Change(
                    "removed", address, fname, a[address][0], None, _where(old_doc, a[address][1])
                )
            )
            if address in entities:
                gone_or_new.add(address)
            continue
        (va, pa), (vb, pb) = a[address], b[address]
        if va != vb and address not in entities:
            kind: ChangeKind = "renumbered" if fname == "number" else "changed"
            changes.append(
                Change(kind, address, fname, va, vb, _where(old_doc, pa), _where(new_doc, pb))
            )
    meta = [c for c in changes if c.address in ("id",)]
    return RulebookDiff(
        old=f"{old.id} {old.version}",
        new=f"{new.id} {new.version}",
        changes=tuple(meta + [c for c in changes if c not in meta]),
    )


def diff_text(diff: RulebookDiff, *, markdown: bool = False) -> str:
    """The diff for people: one line per change with both values and places."""
    if diff.same:
        return f"{diff.old} and {diff.new} mean the same.\n"
    head = f"{len(diff.changes)} change(s) in meaning from {diff.old} to {diff.new}:"
    lines = [f"## {head}" if markdown else head, ""]
    for c in diff.changes:
        if c.kind == "added":
            what, at = f"added: {_show(c.new)}", f"{c.new_at}"
        elif c.kind == "removed":
            what, at = f"removed (was {_show(c.old)})", f"{c.old_at}"
        else:
            what, at = f"{c.kind}: {_show(c.old)} → {_show(c.new)}", f"{c.old_at} → {c.new_at}"
        if markdown:
            lines.append(f"- `{c.address}` {what}  \n  <small>{at}</small>")
        else:
            lines += [f"  {c.address}: {what}", f"      at {at}"]
    return "\n".join(lines) + "\n"


def diff_json(diff: RulebookDiff) -> str:
    """The diff as stable JSON."""
    data = {
        "old": diff.old,
        "new": diff.new,
        "same": diff.same,
        "changes": [c.as_dict() for c in diff.changes],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
