"""Checks of the table: row and item numbering, points against caps, each item.

Split from :mod:`._semantics` to keep each module short; each function takes
the :class:`~._semantics.Checker` collecting the problems.
"""

from __future__ import annotations

from decimal import Decimal

from mofan_rules._text import DocPath
from mofan_rules.messages import say
from mofan_rules.rulebook._model import Basis, Item, ScoringRow
from mofan_rules.rulebook._rules import Remainder
from mofan_rules.rulebook._semantics import Checker
from mofan_rules.rulebook._situations import check_caps, check_situation


def check_table(checker: Checker) -> None:
    """Numbering, points and every item of the table and of the direct deductions."""
    rb = checker.rb
    row_no = item_no = 0
    for ii, ind in enumerate(rb.indicators):
        for ri, row in enumerate(ind.rows):
            rpath: DocPath = ("indicators", ii, "rows", ri)
            row_no += 1
            if row.number != row_no:
                checker.error(
                    (*rpath, "number"), say("row_number", number=row.number, expected=row_no)
                )
            item_no = check_row(checker, row, rpath, item_no)
    if rb.direct_deductions is not None:
        for ti, item in enumerate(rb.direct_deductions.items):
            ipath: DocPath = ("direct_deductions", "items", ti)
            item_no += 1
            if item.number != item_no:
                checker.error(
                    (*ipath, "number"),
                    say("item_number", number=item.number, expected=item_no),
                )
            check_item(checker, item, ipath, None)


def check_row(checker: Checker, row: ScoringRow, rpath: DocPath, item_no: int) -> int:
    """One row's items; returns the last item number seen."""
    reach = Decimal(0)
    unbounded = False
    remainders = 0
    for ti, item in enumerate(row.items):
        ipath: DocPath = (*rpath, "items", ti)
        item_no += 1
        if item.number != item_no:
            checker.error(
                (*ipath, "number"), say("item_number", number=item.number, expected=item_no)
            )
        bound = item_bound(item)
        if bound is not None and bound > row.points:
            field = "cap" if item.cap is not None and item.cap == bound else "points"
            checker.error(
                (*ipath, field),
                say("item_cap_above_row", item=item.number, cap=bound, points=row.points),
            )
        if bound is None:
            unbounded = True
        else:
            reach += bound
        remainders += sum(isinstance(s, Remainder) for s in item.situations)
        check_item(checker, item, ipath, row)
    if remainders > 1:
        checker.error((*rpath, "items"), say("one_remainder_per_row"))
    limit = min(row.points, row.cap) if row.cap is not None else row.points
    if row.cap is not None and row.cap > row.points:
        checker.error((*rpath, "cap"), say("row_cap_above_points", cap=row.cap, points=row.points))
    if not unbounded and reach < limit and not checker.covered((*rpath, "points")):
        checker.warn((*rpath, "points"), say("row_never_emptied", reach=reach, points=row.points))
    return item_no


def item_bound(item: Item) -> Decimal | None:
    """The most an item can lose: its cap, its points less its floor, or nothing."""
    bounds = [b for b in (item.cap, item.points) if b is not None]
    if item.points is not None and item.floor is not None:
        bounds.append(item.points - item.floor)
    return min(bounds) if bounds else None


def check_item(checker: Checker, item: Item, ipath: DocPath, row: ScoringRow | None) -> None:
    """An item's points, floor, situations and caps."""
    checker.known_classes(item.classes, (*ipath, "classes"))
    if item.basis is Basis.EARN and item.points is None:
        checker.error((*ipath, "basis"), say("earn_needs_points", item=item.number))
    if item.basis is Basis.EARN and ipath[0] == "direct_deductions":
        # Direct deductions come off the total; points earned have no row to sit in.
        checker.error((*ipath, "basis"), say("direct_cannot_earn", item=item.number))
    if item.floor is not None:
        if item.points is None:
            checker.error((*ipath, "floor"), say("floor_needs_points", item=item.number))
        elif item.floor > item.points:
            checker.error(
                (*ipath, "floor"), say("floor_above_points", floor=item.floor, points=item.points)
            )
    if item.points is not None and item.cap is not None and item.cap > item.points:
        checker.error(
            (*ipath, "cap"),
            say("item_cap_above_row", item=item.number, cap=item.cap, points=item.points),
        )
    checker.unique([s.key for s in item.situations], (*ipath, "situations"), "key", "key_situation")
    labels = [s.label for s in item.situations]
    checker.unique(labels, (*ipath, "situations"), "label", "label_situation")
    checker.unique([c.key for c in item.caps], (*ipath, "caps"), "key", "key_cap")
    for si, sit in enumerate(item.situations):
        spath: DocPath = (*ipath, "situations", si)
        check_situation(checker, sit, spath, item, row)
        if isinstance(sit, Remainder):
            if len(item.situations) > 1:
                checker.error(spath, say("remainder_alone"))
            if row is None or item.basis is Basis.EARN:
                checker.error(spath, say("remainder_needs_row"))
    check_caps(checker, item, ipath)


__all__ = ["check_item", "check_table", "item_bound"]
