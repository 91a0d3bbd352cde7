"""Editing one item of last year's rulebook where the document changed it.

Numbers go into the values that carry them (a tier set's, when every
situation using it changes alike); reworded words into the quotes; a clause
read differently is read again under its old key and label, or becomes a
TODO; removed clauses go and new ones are read by the grammar. Where each
kept situation and cap ends up is noted, so interpretation pointers can
follow them.
"""

from __future__ import annotations

import copy
import itertools
from decimal import Decimal
from typing import Any

from mofan_rules._text import DocPath
from mofan_rules.drafting._clauses import read_item
from mofan_rules.drafting._itemdiff import FieldDiff, ItemDiff
from mofan_rules.drafting._items import Context, situations_data
from mofan_rules.drafting._match import Matching
from mofan_rules.drafting._result import Status
from mofan_rules.rulebook import PerOccurrence, TierUse, resolve_tiers
from mofan_rules.rulebook._titles import item_title


def get(data: Any, path: DocPath) -> Any:
    """The value at ``path`` in plain data."""
    for part in path:
        data = data[part]
    return data


def put(data: Any, path: DocPath, value: Any) -> None:
    """Set the value at ``path`` in plain data."""
    get(data, path[:-1])[path[-1]] = value


class ItemEdits:
    """The old rulebook's data, copied, and the edits made to its items so far."""

    def __init__(self, matching: Matching, lang: str) -> None:
        self.m = matching
        self.rb = matching.loaded.rulebook
        self.data: dict[str, Any] = copy.deepcopy(matching.loaded.document.data)
        self.ctx = Context(lang=lang)
        self.ctx.modifier_keys = {m.key for m in self.rb.modifiers}
        self.ctx.measure_keys = {m.key for m in self.rb.measures}
        self.dead: dict[int, object] = {}  # entries to drop, by id (held, so no id is reused)
        self.unread: list[str] = []  # bonus paragraphs it could not read
        self.moves: dict[DocPath, DocPath | None] = {}  # old path → new path (None: gone)
        # a tier set's value → (the situation using it: old path and data, its new amount)
        self.wanted: dict[DocPath, list[tuple[DocPath, dict[str, Any], Decimal]]] = {}

    def kill(self, entry: object) -> None:
        """Mark a situation or cap to be dropped."""
        self.dead[id(entry)] = entry

    # ------------------------------------------------------------ values and words

    def numbers(self, diff: ItemDiff, ipath: DocPath | None) -> None:
        """Each changed number into the values carrying it (only where nothing else changed)."""
        done: set[int] = set()
        for f in diff.fields:
            if f.status is not Status.NUMBERS:
                continue
            for change in f.numbers:
                new = change.pair.new.value
                if new is None or id(change.pair) in done:
                    continue
                done.add(id(change.pair))
                for carrier in change.carriers:
                    if carrier.path[0] == "tier_sets" and ipath is not None:
                        user = self._user(ipath, carrier.names[0])
                        self.wanted.setdefault(carrier.path, []).append((*user, new))
                    else:
                        put(self.data, carrier.path, new)
        if ipath is not None:
            _join_bands(get(self.data, ipath))

    def _user(self, ipath: DocPath, key: str) -> tuple[DocPath, dict[str, Any]]:
        item = get(self.data, ipath)
        index = next(k for k, s in enumerate(item["situations"]) if s.get("key") == key)
        return (*ipath, "situations", index), item["situations"][index]

    def tier_sets(self) -> None:
        """Change a shared tier amount where all its users change alike; else give them their own tiers."""
        for path, wants in self.wanted.items():
            name, k = path[1], path[2]
            users = self._users(str(name))
            values = {v for _u, _s, v in wants}
            if len(values) == 1 and {u for u, _s, _v in wants} >= set(users):
                put(self.data, path, values.pop())
                continue
            for user, sit, value in wants:
                if not isinstance(sit.get("tiers"), list):
                    sit["tiers"] = self._own_tiers(user)
                sit["tiers"][int(k)]["amount"] = value

    def _users(self, name: str) -> list[DocPath]:
        out: list[DocPath] = []
        for i, ind in enumerate(self.rb.indicators):
            for r, row in enumerate(ind.rows):
                for t, item in enumerate(row.items):
                    for s, sit in enumerate(item.situations):
                        if isinstance(sit, PerOccurrence) and not isinstance(
                            sit.tiers, list | None
                        ):
                            use = sit.tiers.use if isinstance(sit.tiers, TierUse) else sit.tiers
                            if use == name:
                                out.append(
                                    ("indicators", i, "rows", r, "items", t, "situations", s)
                                )
        return out

    def _own_tiers(self, user: DocPath) -> list[dict[str, Any]]:
        sit = (
            self.rb.indicators[int(user[1])]
            .rows[int(user[3])]
            .items[int(user[5])]
            .situations[int(user[7])]
        )
        assert isinstance(sit, PerOccurrence)
        return [t.model_dump(exclude_none=True) for t in resolve_tiers(self.rb, sit)]

    def fields(self, diff: ItemDiff, ipath: DocPath, number: int) -> None:
        item = get(self.data, ipath)
        if item.get("title") == item_title(diff.old_text):
            item["title"] = item_title(diff.new_text)  # a title taken from the words follows them
        for f in diff.fields:
            if f.status in (Status.REWORDED, Status.NUMBERS) and f.field.source_path and f.new_text:
                put(
                    self.data,
                    f.field.source_path,
                    diff.new_text if f.field.kind == "item" else f.new_text,
                )
            elif f.status is Status.REMOVED:
                self._remove(f, item)
            elif f.status is Status.REWRITTEN:
                self._reread(f, item, diff, number)
        used = {s["key"] for s in item["situations"]}
        situations, caps = situations_data(diff.new_clauses, number, self.ctx, used)
        item["situations"] += situations
        if caps:
            item.setdefault("caps", []).extend(caps)
        self._rebuild_item(item, ipath)

    def _remove(self, f: FieldDiff, item: dict[str, Any]) -> None:
        if f.field.kind == "situation":
            sit = item["situations"][f.field.index]
            self.kill(sit)
            for cap in item.get("caps", []):
                if any(str(t).split(".")[0] == sit["key"] for t in cap.get("applies_to", [])):
                    self.kill(cap)
        elif f.field.kind == "cap":
            self.kill(item["caps"][f.field.index])
        elif f.field.kind == "modifier":
            for sit in item["situations"]:
                if f.field.key in sit.get("modifiers", []):
                    sit["modifiers"] = [k for k in sit["modifiers"] if k != f.field.key] or None
                    if sit["modifiers"] is None:
                        del sit["modifiers"]

    def _reread(self, f: FieldDiff, item: dict[str, Any], diff: ItemDiff, number: int) -> None:
        text = f.new_text or ""
        if f.field.kind == "item":
            item["source"] = diff.new_text
            limit = read_item(diff.new_text).cap
            if limit is None:
                item.pop("cap", None)
            else:
                item["cap"] = limit
            return
        if f.field.kind != "situation":
            # A cap or modifier worded otherwise: a TODO beside the item's situations.
            if f.field.kind == "cap":
                self.kill(item["caps"][f.field.index])
            used = {s["key"] for s in item["situations"]}
            key, n = f"reread_{f.field.key}", 1
            while key in used:
                n += 1
                key = f"reread_{f.field.key}_{n}"
            reason = self.ctx.words("draft_todo_unread")
            item["situations"].append(
                {
                    "key": key,
                    "kind": "todo",
                    "label": text[:40] or key,
                    "source": text,
                    "reason": reason,
                }
            )
            return
        old = item["situations"][f.field.index]
        readings = read_item(text).situations
        if len(readings) == 1:
            new, caps = situations_data(readings, number, self.ctx, set())
            replacement = {**new[0], "key": old["key"], "label": old["label"]}
            for cap in caps:
                cap["applies_to"] = [
                    str(t).replace(new[0]["key"], old["key"], 1) for t in cap["applies_to"]
                ]
                cap["key"] = str(cap["key"]).replace(new[0]["key"], old["key"], 1)
        else:
            replacement = {
                "key": old["key"],
                "kind": "todo",
                "label": old["label"],
                "source": text,
                "reason": self.ctx.words("draft_todo_unread"),
            }
            caps = []
        item["situations"][f.field.index] = replacement
        kept = [
            c
            for c in item.get("caps", [])
            if not any(str(t).split(".")[0] == old["key"] for t in c.get("applies_to", []))
        ]
        for cap in item.get("caps", []):
            if cap not in kept:
                self.kill(cap)
        item.setdefault("caps", []).extend(caps)

    def _rebuild_item(self, item: dict[str, Any], ipath: DocPath) -> None:
        """Drop what was removed, noting where each kept situation and cap now is."""
        for name in ("situations", "caps"):
            entries = item.get(name)
            if entries is None:
                continue
            kept: list[Any] = []
            for k, entry in enumerate(entries):
                old = (*ipath, name, k)
                if id(entry) in self.dead:
                    self.moves[old] = None
                else:
                    self.moves[old] = (*ipath, name, len(kept))
                    kept.append(entry)
            if kept or name == "situations":
                item[name] = kept
            else:
                del item[name]

    # ------------------------------------------------------------ rows and items


def _join_bands(item: dict[str, Any]) -> None:
    """Each band of an item stops where the band above it starts (an edge moved by the words)."""
    bands = item.get("grades") or []
    for upper, lower in itertools.pairwise(bands):
        if "at_least" in upper and "below" in lower:
            lower["below"] = upper["at_least"]


__all__ = ["ItemEdits", "get", "put"]
