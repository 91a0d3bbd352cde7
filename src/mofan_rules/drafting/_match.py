"""The document's rows and items paired with the rulebook's, by number and by text.

Items pair first where number and words agree, then by words alone (an item
renumbered or moved to another row), greedily from the closest pair; what
stays unpaired is new or removed. Rows pair by the items they hold; the
bonus paragraphs pair with the rulebook's award bonuses by their words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mofan_rules._text import DocPath
from mofan_rules.drafting._align import similarity
from mofan_rules.drafting._carriers import Field, bonus_fields, item_fields
from mofan_rules.drafting._itemdiff import ItemDiff, diff_item
from mofan_rules.drafting._table import DocBonus, DocItem, DocRow, DocTable
from mofan_rules.errors import RulebookError
from mofan_rules.messages import say
from mofan_rules.rulebook import AwardBonus, Item, LoadedRulebook, ScoringRow

_SAME_NUMBER = 0.5  # least likeness of an item kept under its number
_OTHER_NUMBER = 0.75  # least likeness of an item found under another number
_BONUS = 0.5


@dataclass
class OldItem:
    """A rulebook item with its path and the row it stands in."""

    item: Item
    path: DocPath
    row: int


@dataclass
class ItemMatch:
    """A document item and the rulebook item it is (either may be missing)."""

    doc: DocItem | None
    old: OldItem | None
    fields: list[Field] = field(default_factory=list)
    diff: ItemDiff | None = None
    moved: bool = False


@dataclass
class RowMatch:
    """A document row and the rulebook row it is (either may be missing)."""

    doc: DocRow | None
    old: ScoringRow | None
    path: DocPath | None = None
    indicator: str | None = None


@dataclass
class BonusMatch:
    """A document bonus paragraph and the rulebook bonus it is (either may be missing)."""

    doc: DocBonus | None
    old: AwardBonus | None
    path: DocPath | None = None
    fields: list[Field] = field(default_factory=list)
    diff: ItemDiff | None = None


@dataclass
class Matching:
    """Everything paired: rows and items in document order, then what only the rulebook has."""

    loaded: LoadedRulebook
    table: DocTable
    rows: list[RowMatch]
    items: list[ItemMatch]
    bonuses: list[BonusMatch]


def old_items(loaded: LoadedRulebook) -> list[OldItem]:
    """The rulebook's table items (direct deductions are not in a 任务分解表's rows)."""
    out = []
    for i, ind in enumerate(loaded.rulebook.indicators):
        for r, row in enumerate(ind.rows):
            for t, item in enumerate(row.items):
                out.append(OldItem(item, ("indicators", i, "rows", r, "items", t), row.number))
    return out


def _pair_items(doc: list[DocItem], old: list[OldItem]) -> dict[int, OldItem]:
    scored = []
    for d, item in enumerate(doc):
        for o, candidate in enumerate(old):
            same = item.number == candidate.item.number
            likeness = similarity(candidate.item.source, item.text)
            if likeness >= (_SAME_NUMBER if same else _OTHER_NUMBER):
                scored.append((likeness + (0.25 if same else 0), d, o))
    pairs: dict[int, OldItem] = {}
    taken: set[int] = set()
    for _score, d, o in sorted(scored, reverse=True):
        if d not in pairs and o not in taken:
            pairs[d] = old[o]
            taken.add(o)
    return pairs


def _pair_rows(
    loaded: LoadedRulebook, table: DocTable, pairs: dict[int, OldItem]
) -> list[RowMatch]:
    old_rows: dict[int, tuple[ScoringRow, DocPath, str]] = {}
    for i, ind in enumerate(loaded.rulebook.indicators):
        for r, scoring in enumerate(ind.rows):
            old_rows[scoring.number] = (scoring, ("indicators", i, "rows", r), ind.name)
    index = {id(item): d for d, item in enumerate(table.items)}
    votes = []
    for row in table.rows:
        counts: dict[int, int] = {}
        for item in row.items:
            found = pairs.get(index[id(item)])
            if found is not None:
                counts[found.row] = counts.get(found.row, 0) + 1
        for number, count in counts.items():
            votes.append((count, number == row.number, row.number, number))
    chosen: dict[int, int] = {}
    used: set[int] = set()
    for _count, _same, doc_row, old_row in sorted(votes, reverse=True):
        if doc_row not in chosen and old_row not in used:
            chosen[doc_row] = old_row
            used.add(old_row)
    for row in table.rows:  # rows holding only new items: the row of that number, if free
        if row.number not in chosen and row.number in old_rows and row.number not in used:
            chosen[row.number] = row.number
            used.add(row.number)
    matches = []
    for row in table.rows:
        if row.number in chosen:
            old, path, name = old_rows[chosen[row.number]]
            matches.append(RowMatch(row, old, path, name))
        else:
            matches.append(RowMatch(row, None))
    matches += [
        RowMatch(None, old, path, name)
        for n, (old, path, name) in old_rows.items()
        if n not in used
    ]
    return matches


def _pair_bonuses(loaded: LoadedRulebook, table: DocTable) -> list[BonusMatch]:
    awards = [
        (b, ("bonuses", k))
        for k, b in enumerate(loaded.rulebook.bonuses)
        if isinstance(b, AwardBonus)
    ]
    matches: list[BonusMatch] = []
    taken: set[int] = set()
    for doc in table.bonuses:
        best = max(
            (
                (similarity(b.source, doc.text), k)
                for k, (b, _p) in enumerate(awards)
                if k not in taken
            ),
            default=(0.0, -1),
        )
        if best[0] >= _BONUS:
            bonus, path = awards[best[1]]
            taken.add(best[1])
            fields = bonus_fields(loaded.rulebook, bonus, path)
            matches.append(
                BonusMatch(doc, bonus, path, fields, diff_item(bonus.source, doc.text, fields))
            )
        else:
            matches.append(BonusMatch(doc, None))
    matches += [BonusMatch(None, b, p) for k, (b, p) in enumerate(awards) if k not in taken]
    return matches


def match(loaded: LoadedRulebook, table: DocTable) -> Matching:
    """Pair the document's rows, items and bonuses with the rulebook's (an edition, not an overlay)."""
    if loaded.base is not None:
        base = loaded.base.rulebook
        msg = say("doc_overlay", id=base.id, version=base.version, file=loaded.base.document.file)
        raise RulebookError([loaded.document.problem(("extends",), msg)])
    old = old_items(loaded)
    doc = list(table.items)
    pairs = _pair_items(doc, old)
    rows = _pair_rows(loaded, table, pairs)
    row_of = {m.doc.number: m.old.number for m in rows if m.doc is not None and m.old is not None}
    items = []
    for d, item in enumerate(doc):
        found = pairs.get(d)
        if found is None:
            items.append(ItemMatch(item, None))
            continue
        fields = item_fields(loaded.rulebook, found.item, found.path)
        diff = diff_item(found.item.source, item.text, fields)
        items.append(ItemMatch(item, found, fields, diff, moved=row_of.get(item.row) != found.row))
    paired = {id(m.old) for m in items if m.old is not None}
    items += [ItemMatch(None, o) for o in old if id(o) not in paired]
    return Matching(loaded, table, rows, items, _pair_bonuses(loaded, table))


__all__ = ["BonusMatch", "ItemMatch", "Matching", "OldItem", "RowMatch", "match", "old_items"]
