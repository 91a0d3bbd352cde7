"""``mofan-rules compare``: what the new document changes, and where each change goes in the YAML.

Built on :mod:`._match` (what pairs with what) and :mod:`._itemdiff` (how
each item changed). Interpretations are flagged for review when words they
quote from the table are no longer in the document, or when a value they
point at is one the document changes.
"""

from __future__ import annotations

import re
from dataclasses import replace

from mofan_rules._text import DocPath, canonical, json_pointer, pointer_parts
from mofan_rules.drafting._align import Alignment, Token, locate, same_text
from mofan_rules.drafting._clauses import Reading, read_item
from mofan_rules.drafting._itemdiff import ItemDiff
from mofan_rules.drafting._layout import same_names
from mofan_rules.drafting._match import BonusMatch, ItemMatch, Matching, RowMatch, match
from mofan_rules.drafting._result import Comparison, Detail, Entry, Place, Status
from mofan_rules.drafting._table import DocTable
from mofan_rules.rulebook import LoadedRulebook
from mofan_rules.rulebook._titles import item_title

_QUOTE_SPLIT = re.compile(r"\s+/\s+|……|…|；")
_CONTEXT = 5
_PEOPLE = (
    ("leaders", "leaders"),
    ("assessing_departments", "departments"),
    ("responsible_offices", "offices"),
)


class _Builder:
    def __init__(self, matching: Matching) -> None:
        self.m = matching
        self.loaded = matching.loaded
        self.changed_paths: set[DocPath] = set()

    def place(self, path: DocPath) -> Place:
        pos = self.loaded.document.locate(path)
        return Place(
            json_pointer(path) or "/", pos.file or self.loaded.document.file, pos.line, pos.column
        )

    # ------------------------------------------------------------ items

    def item(self, m: ItemMatch) -> Entry | None:
        if m.old is None and m.doc is not None:
            return self.new_item(m)
        if m.doc is None and m.old is not None:
            detail = Detail("text", old=m.old.item.source, places=(self.place(m.old.path),))
            return Entry("item", Status.REMOVED, m.old.item.number, details=(detail,))
        assert m.doc is not None
        assert m.old is not None
        assert m.diff is not None
        details: list[Detail] = []
        if m.moved:
            details.append(Detail("row", str(m.old.row), str(m.doc.row), (self.place(m.old.path),)))
        if m.doc.number != m.old.item.number:
            number = (*m.old.path, "number")
            details.append(
                Detail("number", str(m.old.item.number), str(m.doc.number), (self.place(number),))
            )
        details += self.with_title(self.diff_details(m.diff), m)
        if not details:
            return None
        status = m.diff.status if m.diff.status is not Status.UNCHANGED else Status.MOVED
        return Entry(
            "item",
            status,
            m.doc.number,
            document=str(m.doc.where),
            details=tuple(details),
            old_number=m.old.item.number,
        )

    def with_title(self, details: list[Detail], m: ItemMatch) -> list[Detail]:
        """A title taken from the item's words changes with them: its place joins the quotes."""
        assert m.old is not None
        assert m.doc is not None
        item, path = m.old.item, (*m.old.path, "title")
        derived = item.title == item_title(item.source) != item_title(m.doc.text)
        if not derived or path not in self.loaded.document.values:
            return details
        return [
            replace(d, places=(*d.places, self.place(path))) if d.what == "wording" else d
            for d in details
        ]

    def new_item(self, m: ItemMatch) -> Entry:
        assert m.doc is not None
        reading = read_item(m.doc.text)
        details = [
            Detail("text", new=m.doc.text),
            Detail("read_as", new=describe(reading.situations, reading.cap)),
        ]
        after = [
            x
            for x in self.m.items
            if x.old is not None and x.doc is not None and x.doc.number < m.doc.number
        ]
        if after:
            prev = after[-1].old
            assert prev is not None
            spot = (
                (*prev.path[:-1], prev.path[-1] + 1)
                if isinstance(prev.path[-1], int)
                else prev.path
            )
            pos = self.place(prev.path)
            details.append(
                Detail(
                    "insert_after",
                    new=str(prev.item.number),
                    places=(Place(json_pointer(spot), pos.file, pos.line, pos.column),),
                )
            )
        return Entry(
            "item", Status.NEW, m.doc.number, document=str(m.doc.where), details=tuple(details)
        )

    def diff_details(self, diff: ItemDiff) -> list[Detail]:
        details: list[Detail] = []
        for change in diff.numbers:
            if not change.carriers:
                continue  # its clause is listed as rewritten
            places = tuple(self.place(c.path) for c in change.carriers)
            self.changed_paths.update(c.path for c in change.carriers)
            names = tuple(dict.fromkeys(n for c in change.carriers for n in c.names))
            old, new = change.pair.old.value, change.pair.new.value
            assert old is not None
            assert new is not None
            details.append(Detail("value", canonical(old), canonical(new), places, names))
        quotes = []
        for f in diff.fields:
            if f.status is Status.REMOVED:
                details.append(
                    Detail(
                        "clause_removed",
                        old=f.field.text,
                        places=(self.place(f.field.source_path or ()),),
                        names=(f.field.key,),
                    )
                )
            elif f.status is Status.REWRITTEN and f.field.kind != "item":
                details.append(
                    Detail(
                        "clause_rewritten",
                        f.field.text,
                        f.new_text,
                        (self.place(f.field.source_path or ()),),
                        (f.field.key,),
                    )
                )
            elif f.status is not Status.UNCHANGED and f.field.source_path is not None:
                quotes.append(self.place(f.field.source_path))
        details.extend(
            Detail("clause_new", new=reading.source, names=(describe([reading], None),))
            for reading in diff.new_clauses
        )
        if diff.status is not Status.UNCHANGED:
            before, after = fragment(diff.old_text, diff.new_text)
            details.append(Detail("wording", before, after, tuple(dict.fromkeys(quotes))))
        return details

    # ------------------------------------------------------------ rows, bonuses, title

    def row(self, m: RowMatch) -> Entry | None:
        if m.old is None and m.doc is not None:
            people = [
                Detail(word, new="、".join(m.doc.people[col]))
                for col, (_f, word) in zip(m.doc.people, _PEOPLE, strict=True)
            ]
            return Entry(
                "row",
                Status.NEW,
                m.doc.number,
                document=str(m.doc.where),
                details=(Detail("points", new=canonical(m.doc.points)), *people),
            )
        if m.doc is None and m.old is not None:
            return Entry(
                "row",
                Status.REMOVED,
                m.old.number,
                details=(
                    Detail(
                        "points", old=canonical(m.old.points), places=(self.place(m.path or ()),)
                    ),
                ),
            )
        assert m.doc is not None
        assert m.old is not None
        assert m.path is not None
        details = []
        if m.doc.points != m.old.points:
            path = (*m.path, "points")
            self.changed_paths.add(path)
            details.append(
                Detail(
                    "points", canonical(m.old.points), canonical(m.doc.points), (self.place(path),)
                )
            )
        for (name, word), col in zip(_PEOPLE, m.doc.people, strict=True):
            old = getattr(m.old, name)
            new = m.doc.people[col]
            if not same_names(old, new):
                details.append(
                    Detail(word, "、".join(old), "、".join(new), (self.place((*m.path, name)),))
                )
        if m.indicator is not None and m.doc.indicator != m.indicator:
            details.append(
                Detail(
                    "indicator", m.indicator, m.doc.indicator, (self.place((*m.path[:2], "name")),)
                )
            )
        if not details:
            return None
        return Entry(
            "row",
            Status.CHANGED,
            m.doc.number,
            document=str(m.doc.where),
            details=tuple(details),
            old_number=m.old.number,
        )

    def bonus(self, m: BonusMatch) -> Entry | None:
        if m.old is None and m.doc is not None:
            return Entry(
                "bonus",
                Status.NEW,
                m.doc.row,
                document=str(m.doc.where),
                details=(Detail("text", new=m.doc.text),),
            )
        if m.doc is None and m.old is not None:
            return Entry(
                "bonus",
                Status.REMOVED,
                key=m.old.key,
                details=(Detail("text", old=m.old.source, places=(self.place(m.path or ()),)),),
            )
        assert m.diff is not None
        assert m.old is not None
        assert m.doc is not None
        details = self.diff_details(m.diff)
        if not details:
            return None
        return Entry(
            "bonus",
            m.diff.status,
            m.doc.row,
            key=m.old.key,
            document=str(m.doc.where),
            details=tuple(details),
        )

    def title(self) -> Entry | None:
        title = self.m.table.title
        if title is None or same_text(title, self.loaded.rulebook.title):
            return None
        return Entry(
            "title",
            Status.CHANGED,
            details=(
                Detail("title", self.loaded.rulebook.title, title, (self.place(("title",)),)),
            ),
        )

    def interpretations(self) -> list[Entry]:
        rb = self.loaded.rulebook
        before = (
            [i.old.item.source for i in self.m.items if i.old is not None]
            + [b.source for b in rb.bonuses]
            + [rb.title]
        )
        table = self.m.table
        after = (
            [i.text for i in table.items] + [b.text for b in table.bonuses] + [table.title or ""]
        )
        entries = []
        for k, interp in enumerate(rb.interpretations):
            source = (self.place(("interpretations", k, "source")),)
            quotes = [q.strip(" 。") for q in _QUOTE_SPLIT.split(interp.source)]
            details = [
                Detail("quote_gone", old=quote, places=source)
                for quote in quotes
                if quote
                and any(locate(t, quote) for t in before)
                and not any(locate(t, quote) for t in after)
            ]
            for pointer in interp.values:
                target = pointer_parts(pointer)
                hit = [p for p in self.changed_paths if _covers(target, p)]
                if hit:
                    places = tuple(self.place(p) for p in sorted(hit, key=str))
                    details.append(Detail("values_changed", old=pointer, places=places))
            if details:
                entries.append(
                    Entry("interpretation", Status.REVIEW, key=interp.key, details=tuple(details))
                )
        return entries


def _covers(pointer: DocPath, path: DocPath) -> bool:
    """Whether a change at ``path`` changes what ``pointer`` points at (not a whole row or item list)."""
    if path[: len(pointer)] != pointer:
        return False
    return len(path) == len(pointer) or not (
        isinstance(pointer[-1], int) or pointer[-1] in ("items", "rows", "indicators")
    )


def fragment(old: str, new: str) -> tuple[str, str]:
    """The stretch where two wordings differ (words or numbers), with a few characters either side."""
    align = Alignment(old, new)
    spots = [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in align.ops if tag != "equal"]
    index_a = {id(t): k for k, t in enumerate(align.a)}
    index_b = {id(t): k for k, t in enumerate(align.b)}
    for pair in align.numbers_changed:
        i, j = index_a[id(pair.old)], index_b[id(pair.new)]
        spots.append((i, i + 1, j, j + 1))
    if not spots or not align.a or not align.b:
        return old, new
    i1, i2 = min(s[0] for s in spots), max(s[1] for s in spots)
    j1, j2 = min(s[2] for s in spots), max(s[3] for s in spots)
    return _excerpt(old, align.a, i1, i2), _excerpt(new, align.b, j1, j2)


def _excerpt(text: str, found: list[Token], first: int, last: int) -> str:
    start = found[max(0, first - _CONTEXT)].start
    end = found[min(len(found), max(last, first + 1) + _CONTEXT) - 1].end
    return ("…" if start > 0 else "") + text[start:end] + ("…" if end < len(text) else "")


def describe(readings: list[Reading], cap: object) -> str:
    """What the grammar read, in the rulebook's words (``per_occurrence 1; cap 3``)."""
    parts = []
    for r in readings:
        if r.kind == "per_occurrence":
            what = (
                "/".join(canonical(t.amount) for t in r.tiers)
                if r.tiers
                else canonical(r.amount or 0)
            )
            parts.append(f"per_occurrence {what}")
        elif r.kind == "per_unit":
            parts.append(f"per_unit below {r.threshold} × {canonical(r.amount or 0)}")
        elif r.kind == "rank":
            parts.append(f"rank {r.mode} {r.places} × {canonical(r.amount or 0)}")
        else:
            parts.append("todo")
        parts += [f"cap {canonical(c.limit)}{' per tier' if c.per_tier else ''}" for c in r.caps]
    if cap is not None:
        parts.append(f"item cap {cap}")
    return "; ".join(parts) or "todo"


def comparison(matching: Matching) -> Comparison:
    """The entries of a matching, in table order, and how much stayed the same."""
    b = _Builder(matching)
    entries: list[Entry] = []
    if (title := b.title()) is not None:
        entries.append(title)
    for row in matching.rows:
        if (entry := b.row(row)) is not None:
            entries.append(entry)
        if row.doc is not None:
            number = row.doc.number
            mine = [i for i in matching.items if i.doc is not None and i.doc.row == number]
            entries.extend(e for i in mine if (e := b.item(i)) is not None)
    gone = [i for i in matching.items if i.doc is None]
    entries.extend(e for i in gone if (e := b.item(i)) is not None)
    entries += [e for m in matching.bonuses if (e := b.bonus(m)) is not None]
    entries += b.interpretations()
    counts = {
        "items": len(matching.table.items),
        "items_unchanged": len(matching.table.items)
        - sum(1 for e in entries if e.kind == "item" and e.status is not Status.REMOVED),
        "rows": len(matching.table.rows),
        "rows_unchanged": len(matching.table.rows)
        - sum(1 for e in entries if e.kind == "row" and e.status is not Status.REMOVED),
        "changes": len(entries),
    }
    file = matching.loaded.document.file
    return Comparison(file, matching.table.file, tuple(entries), counts)


def compare(loaded: LoadedRulebook, table: DocTable) -> Comparison:
    """Every difference between a rulebook and a document's table.

    Raises :class:`~mofan_rules.errors.RulebookError` when ``loaded`` is an
    overlay (compare the base edition instead).
    """
    return comparison(match(loaded, table))


__all__ = ["compare", "comparison", "describe", "fragment"]
