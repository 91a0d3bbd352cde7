"""``draft --from``: last year's rulebook changed only where the document changes it.

The old file's data is copied and patched from the pairing of :mod:`._match`:

1. a number the document changed goes into the value(s) that carry it (a
   tier set's amount when every situation using the set changes alike, else
   the changed situations get their own tiers), and the quotes follow;
2. reworded words go into the quotes (``source``) only;
3. a clause whose reading changed, or whose number no value carries, is
   read again by the grammar under its old key and label, or becomes a TODO;
   removed clauses go; new clauses and new items are read by the grammar;
4. rows take the document's points and people, items its numbers and rows;
5. interpretation pointers and a bonus's ``row`` follow what they pointed at.

Everything else (keys, labels, notes, interpretations, measures, values with
no word changed) is carried over as it was.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from mofan_rules._text import DocPath, json_pointer, pointer_parts
from mofan_rules.drafting._bonus import read_bonus
from mofan_rules.drafting._clauses import read_item
from mofan_rules.drafting._draft import place_choices, row_data
from mofan_rules.drafting._edits import ItemEdits, get, put
from mofan_rules.drafting._items import bonus_choice, bonus_data, item_data, todo_item
from mofan_rules.drafting._layout import same_names
from mofan_rules.drafting._match import ItemMatch, Matching, RowMatch
from mofan_rules.drafting._result import Status

_PEOPLE = ("leaders", "assessing_departments", "responsible_offices")


class _Patch(ItemEdits):
    """The table rebuilt in the document's order around the edited items."""

    def item(self, m: ItemMatch) -> dict[str, Any]:
        assert m.doc is not None
        if m.old is None:
            return item_data(m.doc.number, m.doc.text, read_item(m.doc.text), self.ctx)
        data = get(self.data, m.old.path)
        if m.diff is not None and m.diff.status is not Status.UNCHANGED:
            self.numbers(m.diff, m.old.path)
            self.fields(m.diff, m.old.path, m.doc.number)
        if (
            data["number"] != m.doc.number
            and m.diff is not None
            and m.diff.status is Status.UNCHANGED
        ):
            data["source"] = m.doc.text  # renumbered: the quote starts with the new number
        data["number"] = m.doc.number
        return dict(data)

    def row(self, m: RowMatch, items: list[dict[str, Any]]) -> dict[str, Any]:
        assert m.doc is not None
        if m.old is None or m.path is None:
            return row_data(m.doc, items, self.ctx)
        data = dict(get(self.data, m.path))
        data["number"] = m.doc.number
        data["points"] = m.doc.points if m.doc.points != m.old.points else data["points"]
        for name, col in zip(_PEOPLE, m.doc.people, strict=True):
            if not same_names(getattr(m.old, name), m.doc.people[col]):
                data[name] = list(m.doc.people[col])
        data["items"] = items
        return data

    def table(self) -> None:
        items_of: dict[int, list[tuple[ItemMatch, dict[str, Any]]]] = {}
        for m in self.m.items:
            if m.doc is not None:
                items_of.setdefault(m.doc.row, []).append((m, self.item(m)))
            elif m.old is not None:
                self.moves[m.old.path] = None
        for rm in self.m.rows:
            if rm.doc is None and rm.path is not None:
                self.moves[rm.path] = None
        indicators: list[dict[str, Any]] = []
        last: object = None
        for rm in self.m.rows:
            if rm.doc is None:
                continue
            pairs = items_of.get(rm.doc.number, [])
            row = self.row(rm, [d for _m, d in pairs])
            # Rows of one old heading stay under it (renamed if the document renames it).
            group: object = (
                (rm.path[:2], rm.doc.indicator) if rm.path is not None else rm.doc.indicator
            )
            if group != last or not indicators:
                head: dict[str, Any] = {"name": rm.doc.indicator}
                if rm.path is not None:
                    old = get(self.data, rm.path[:2])
                    head = {k: v for k, v in old.items() if k != "rows"}
                    head["name"] = (
                        rm.doc.indicator if rm.doc.indicator != rm.indicator else old["name"]
                    )
                indicators.append({**head, "rows": []})
                last = group
            indicators[-1]["rows"].append(row)
            new_rpath = ("indicators", len(indicators) - 1, "rows", len(indicators[-1]["rows"]) - 1)
            if rm.path is not None:
                self.moves[rm.path] = new_rpath
            for t, (m, _d) in enumerate(pairs):
                if m.old is not None:
                    self.moves[m.old.path] = (*new_rpath, "items", t)
        self.data["indicators"] = indicators
        self.data["total_points"] = sum(
            (Decimal(str(r["points"])) for i in indicators for r in i["rows"]), Decimal(0)
        )
        if self.data["total_points"] == self.rb.total_points:
            self.data["total_points"] = get(self.m.loaded.document.data, ("total_points",))

    def bonuses(self) -> None:
        bonuses = self.data.get("bonuses", [])
        kept: list[Any] = []
        for k, bonus in enumerate(bonuses):
            match = next((b for b in self.m.bonuses if b.path == ("bonuses", k)), None)
            if match is not None and match.doc is None:
                self.moves[("bonuses", k)] = None
                continue
            if (
                match is not None
                and match.diff is not None
                and match.diff.status is Status.REWRITTEN
            ):
                self._reread_bonus(bonus, match.diff.new_text)
            elif (
                match is not None
                and match.diff is not None
                and match.diff.status is not Status.UNCHANGED
            ):
                self.numbers(match.diff, None)
                for f in match.diff.fields:
                    if f.field.source_path and f.status is not Status.UNCHANGED:
                        put(
                            self.data,
                            f.field.source_path,
                            match.diff.new_text if f.field.kind == "item" else f.new_text,
                        )
            self.moves[("bonuses", k)] = ("bonuses", len(kept))
            kept.append(bonus)
        for m in self.m.bonuses:
            if m.old is None and m.doc is not None:
                reading = read_bonus(m.doc.text)
                if reading.complete:
                    kept.append(bonus_data(m.doc.text, m.doc.row, reading, self.ctx, len(kept) + 1))
                    self.data.setdefault("interpretations", []).append(
                        bonus_choice(len(kept), m.doc.text, self.ctx)
                    )
        rows = {
            m.old.number: m.doc.number
            for m in self.m.rows
            if m.old is not None and m.doc is not None
        }
        for bonus in kept:
            if "row" in bonus and bonus["row"] in rows:
                bonus["row"] = rows[bonus["row"]]
        if kept:
            self.data["bonuses"] = kept
        else:
            self.data.pop("bonuses", None)

    def _reread_bonus(self, bonus: dict[str, Any], text: str) -> None:
        """A bonus paragraph worded otherwise: its levels and cap read again, keys kept by label."""
        reading = read_bonus(text)
        bonus["source"] = text
        if not reading.complete:
            self.unread.append(text)
            return
        scope_keys = {s["label"]: s["key"] for s in bonus.get("scopes", [])}
        level_keys = {lv["label"]: lv["key"] for lv in bonus.get("levels", [])}
        scopes = {
            label: scope_keys.get(label, f"scope_{n}")
            for n, label in enumerate(reading.scopes, start=1)
        }
        bonus["scopes"] = [{"key": key, "label": label} for label, key in scopes.items()]
        bonus["levels"] = [
            {
                "key": level_keys.get(level.label, f"level_{n}"),
                "label": level.label,
                "amounts": {scopes[s]: a for s, a in level.amounts.items()},
            }
            for n, level in enumerate(reading.levels, start=1)
        ]
        bonus["cap"] = reading.cap

    def pointers(self) -> None:
        """Each interpretation pointer to where its value now is; gone values are left out."""
        for interp in self.data.get("interpretations", []):
            values = []
            for pointer in interp.get("values", []):
                moved = self._follow(pointer_parts(str(pointer)))
                if moved is not None and _exists(self.data, moved):
                    values.append(json_pointer(moved))
            interp["values"] = values

    def _follow(self, parts: DocPath) -> DocPath | None:
        """Where what ``parts`` pointed at is now; ``None`` when it is gone."""
        for n in range(len(parts), 0, -1):
            prefix = parts[:n]
            if prefix not in self.moves:
                continue
            target = self.moves[prefix]
            if target is None:
                return None
            rest = parts[n:]
            if len(prefix) == 8 and prefix[-2] in ("situations", "caps"):
                # moved inside its item, and the item may have moved too
                item = self.moves.get(prefix[:6], prefix[:6])
                if item is None:
                    return None
                return (*item, *target[6:], *rest)
            return (*target, *rest)
        return parts


def _exists(data: Any, path: DocPath) -> bool:
    """Whether plain data holds a value at ``path``."""
    for part in path:
        if isinstance(data, dict) and part in data:
            data = data[part]
            continue
        if not (isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)):
            return False
        data = data[part]
    return True


def patch_data(matching: Matching, *, lang: str = "en") -> dict[str, Any]:
    """The old rulebook's data changed where the document changes it."""
    patch = _Patch(matching, lang)
    if matching.table.title and matching.table.title != patch.rb.title:
        patch.data["title"] = matching.table.title
    patch.table()
    patch.tier_sets()
    patch.bonuses()
    patch.pointers()
    if patch.unread:
        direct = patch.data.setdefault(
            "direct_deductions", {"title": patch.ctx.words("draft_unread_title"), "items": []}
        )
        first = len(matching.table.items) + len(direct["items"]) + 1
        direct["items"] += [
            todo_item(first + k, text, patch.ctx) for k, text in enumerate(patch.unread)
        ]
    if patch.ctx.modifiers:
        patch.data["modifiers"] = [*patch.data.get("modifiers", []), *patch.ctx.modifiers]
    if patch.ctx.measures:
        patch.data["measures"] = [*patch.data.get("measures", []), *patch.ctx.measures]
    place_choices(patch.data, patch.ctx)
    return patch.data


__all__ = ["patch_data"]
