"""Merged cells: a value merged down a column continues into the rows below it.

Clerks merge the item cell over the rows of one item. Excel stores the value
in the first cell only; the reader copies it down into each row of the range
that holds data of its own (a blank row stays blank). A merge across columns
(a title over the table) is not copied sideways. Two merges that overlap, or
a covered cell with a value of its own (Excel hides it), are errors; the
hidden value is then left out, as Excel shows the sheet.

The work is bounded by the cells that hold data, never by the size a merge
claims: ``A1:A1048576`` costs as much as the rows actually there.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from mofan_rules.ledger._sheets._grid import Found, Grid, cell_name
from mofan_rules.ledger._sheets._limits import MAX_COLUMNS, MAX_MERGES
from mofan_rules.messages import say


@dataclass(frozen=True, slots=True)
class Merge:
    """A merged range, 1-based and inclusive, with the reference it was written as."""

    first_row: int
    first_column: int
    last_row: int
    last_column: int
    ref: str


def parse_range(ref: str, cell: Callable[[str], tuple[int, int] | None]) -> Merge | None:
    """``B3:C5`` as a :class:`Merge` (corners in any order); ``None`` when not a range."""
    first, _, last = ref.partition(":")
    a, b = cell(first), cell(last or first)
    if a is None or b is None:
        return None
    (r1, c1), (r2, c2) = a, b
    return Merge(min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2), ref.strip()[:40])


def _overlaps(merges: list[Merge], grid: Grid, found: Found) -> set[Merge]:
    """Merges that overlap one met before, reported; checked column by column, sorted by row."""
    by_column: dict[int, list[Merge]] = {}
    for merge in merges:
        for column in range(merge.first_column, min(merge.last_column, MAX_COLUMNS) + 1):
            by_column.setdefault(column, []).append(merge)
    bad: set[Merge] = set()
    for spans in by_column.values():
        spans.sort(key=lambda m: (m.first_row, m.last_row))
        reach: Merge | None = None
        for merge in spans:
            if reach is not None and merge.first_row <= reach.last_row:
                if merge not in bad:
                    bad.add(merge)
                    msg = say("sheet_merge_overlap", ref=merge.ref, other=reach.ref)
                    found.add(msg, grid.where, merge.first_row, merge.first_column)
                if merge.last_row <= reach.last_row:
                    continue
            reach = merge
    return bad


def apply_merges(grid: Grid, merges: list[Merge], found: Found) -> None:
    """Copy each vertical merge's value down into its rows that hold data; report hidden values."""
    if len(merges) > MAX_MERGES:
        found.stop(say("sheet_too_many_merges", limit=MAX_MERGES), grid.where)
    # Only merges over the columns a ledger has can touch data (further right is refused).
    merges = [m for m in merges if m.first_column <= MAX_COLUMNS]
    bad = _overlaps(merges, grid, found)
    good = [m for m in merges if m not in bad]
    # First the covered cells with values of their own: reported, then left out (hidden).
    rows = sorted(grid.cells)
    for merge in good:
        last_column = min(merge.last_column, MAX_COLUMNS)
        low = bisect.bisect_left(rows, merge.first_row)
        for row in rows[low : bisect.bisect_right(rows, merge.last_row)]:
            cells = grid.cells.get(row, {})
            for column in range(merge.first_column, last_column + 1):
                if column in cells and (row, column) != (merge.first_row, merge.first_column):
                    msg = say(
                        "sheet_merge_hidden_value", cell=cell_name(row, column), ref=merge.ref
                    )
                    found.add(msg, grid.where, row, column)
                    del cells[column]
            if not cells:
                grid.cells.pop(row, None)
    # Then each value continues down into the rows of its range that hold data.
    rows = sorted(grid.cells)
    for merge in good:
        top = grid.cells.get(merge.first_row, {}).get(merge.first_column)
        if top is None or merge.last_row == merge.first_row:
            continue
        low = bisect.bisect_right(rows, merge.first_row)
        for row in rows[low : bisect.bisect_right(rows, merge.last_row)]:
            grid.cells[row][merge.first_column] = top


__all__ = ["Merge", "apply_merges", "parse_range"]
