"""The rows of a table → records, figures and awards, each value converted and located.

What a rulebook tells the reader is used where it helps a person: an item's
title checks ``12. 严明党的各项纪律`` against item 12, a figure's kind says
whether ``1.0`` is a count, modifier names keep a label with a comma whole,
and the template's example row is known when it comes back unchanged.
Without a rulebook (:func:`peek_sheet`) the same rows are read plainly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mofan_rules._text import DocPath
from mofan_rules.ledger._sheets._columns import IGNORED, Header
from mofan_rules.ledger._sheets._grid import CellValue, Found, Grid
from mofan_rules.ledger._sheets._values import (
    EXAMPLE_MARKS,
    Refusal,
    as_date,
    as_item,
    as_names,
    as_number,
    as_text,
    as_whole,
    text_of,
)
from mofan_rules.messages import say
from mofan_rules.rulebook import MeasureKind, Rulebook, index_rulebook
from mofan_rules.source import Position

Cells = dict[str, tuple[CellValue, int]]  # field → (value, column)
_WHOLE_KINDS = (MeasureKind.COUNT, MeasureKind.RANK)


@dataclass(frozen=True, slots=True)
class Lookups:
    """What the reader asks of a rulebook; empty without one."""

    titles: dict[int, str]
    measure_keys: dict[str, str]  # key or label → key
    measure_kinds: dict[str, MeasureKind]  # key → kind
    modifier_names: frozenset[str]
    examples: tuple[dict[str, str], ...]  # the template's example row, in each language

    @classmethod
    def of(cls, rulebook: Rulebook | None) -> Lookups:
        """The lookups of ``rulebook`` (``None``: read without one)."""
        if rulebook is None:
            return cls({}, {}, {}, frozenset(), ())
        from mofan_rules.ledger._sheets._template import example_texts  # noqa: PLC0415 - cycle

        index = index_rulebook(rulebook)
        names = index.measure_names
        keys = dict(names.labels)
        keys.update({key: key for key in names.keys})
        modifiers = index.modifier_names
        return cls(
            {item.number: item.title for item in rulebook.items},
            keys,
            {m.key: m.kind for m in rulebook.measures},
            frozenset([*modifiers.keys, *modifiers.labels]),
            example_texts(rulebook),
        )


class Entries:
    """The entries read so far: ``data`` (plain ledger data) and where each value was."""

    def __init__(self, found: Found, lookups: Lookups) -> None:
        self.found = found
        self.lookups = lookups
        self.data: dict[str, Any] = {}
        self.values: dict[DocPath, Position] = {}
        self.keys: dict[DocPath, Position] = {}
        self.figure_rows: dict[str, int] = {}
        modifiers = lookups.modifier_names
        titles = lookups.titles
        self.converters: dict[str, Callable[[CellValue, str], Any]] = {
            "item": lambda v, f: as_item(v, f, titles),
            "count": as_whole,
            "amount": as_number,
            "date": as_date,
            "modifiers": lambda v, f: as_names(v, f, modifiers),
            "of": as_whole,
            "tied": as_whole,
            "rank": as_whole,
            "score": as_number,
        }

    def row(self, grid: Grid, r: int, row: dict[int, CellValue], header: Header) -> None:
        """One row below a header: an entry of the header's table, or nothing when blank."""
        if header.skip:
            return
        cells: Cells = {}
        refused = set(header.unknown) | {c for c, _ in header.twice}
        for column, value in sorted(row.items()):
            name = header.fields.get(column)
            if name is not None:
                cells[name] = (value, column)
            elif column not in refused:  # a column refused at its header is not reported again
                self.found.add(say("sheet_value_without_header"), grid.where, r, column)
        number = cells.pop("no", None)
        if header.kind == "measures":
            self.figure(grid, r, cells, header)
            return
        if not {n for n in cells if n not in IGNORED[header.kind]}:
            return  # a row holding only its number, say
        if header.kind == "records" and number is not None and self.example(grid, r, cells, number):
            return
        entries = self.data.setdefault(header.kind, [])
        path: DocPath = (header.kind, len(entries))
        for column, name in header.fields.items():
            if self.found.refused(grid.where, r, column):  # missing for a reason already said
                self.found.mark((*path, name))
        self.values[path] = Position(r, min(c for _, c in cells.values()), grid.where)
        entries.append(self.convert(grid, r, cells, path))

    def example(self, grid: Grid, r: int, cells: Cells, number: tuple[CellValue, int]) -> bool:
        """Whether this is the template's example row: skipped if unchanged, refused if changed."""
        mark = number[0]
        if not isinstance(mark, str) or mark.strip().lower() not in EXAMPLE_MARKS:
            return False
        texts = {name: text_of(value) for name, (value, _) in cells.items()}
        if self.lookups.examples and texts not in self.lookups.examples:
            self.found.add(say("sheet_example_changed", mark=mark), grid.where, r, number[1])
        return True

    def convert(self, grid: Grid, r: int, cells: Cells, path: DocPath) -> dict[str, Any]:
        """Each cell as its field wants it, located; a refused cell is reported and left out."""
        out: dict[str, Any] = {}
        for name, (value, column) in cells.items():
            field_path = (*path, name)
            convert = self.converters.get(name, as_text)
            try:
                out[name] = convert(value, name)
            except Refusal as refusal:
                self.found.add(refusal.msg, grid.where, r, column, path=field_path)
                continue
            place = Position(r, column, grid.where)
            self.values[field_path] = self.keys[field_path] = place
            if isinstance(out[name], list):
                for i in range(len(out[name])):
                    self.values[(*field_path, i)] = place
        return out

    def figure(self, grid: Grid, r: int, cells: Cells, header: Header) -> None:
        """A row of the figures table: a measure's name and its value (or rank, of, tied, score)."""
        where = grid.where
        filled = {k: cells[k] for k in ("value", "of", "tied", "score") if k in cells}
        named = cells.get("measure")
        if named is None:
            if filled:
                column = min(c for _, c in filled.values())
                self.found.add(say("sheet_figure_no_name"), where, r, column)
            return
        try:
            name = as_text(named[0], "measure")
        except Refusal as refusal:
            self.found.add(refusal.msg, where, r, named[1])
            return
        key = self.lookups.measure_keys.get(name)
        path: DocPath = ("measures", name)
        if not filled:  # the template's line left blank: its place is kept for "figure missing"
            value_column = next((c for c, f in header.fields.items() if f == "value"), named[1])
            self.values.setdefault(("measures", key or name), Position(r, value_column, where))
            return
        if name in self.figure_rows:
            msg = say("sheet_figure_twice", name=name, row=self.figure_rows[name])
            self.found.add(msg, where, r, named[1], path=path)
            return
        self.figure_rows[name] = r
        self.keys[path] = Position(r, named[1], where)
        if any(self.found.refused(where, r, c) for c in header.fields):
            self.found.mark(path)
        if "value" not in filled:
            self.found.add(say("sheet_figure_no_value", name=name), where, r, named[1], path=path)
            return
        kind = self.lookups.measure_kinds.get(key or "")
        measures = self.data.setdefault("measures", {})
        self.values[path] = Position(r, filled["value"][1], where)
        if key is not None and key != name:
            # Written by its label, the figure is scored (and its trail line
            # placed) by its key: both name this row.
            self.values[("measures", key)] = self.values[path]
        if kind is not MeasureKind.RANK and len(filled) == 1:
            value, column = filled["value"]
            convert = as_whole if kind in _WHOLE_KINDS else as_number
            try:
                measures[name] = convert(value, "value")
            except Refusal as refusal:
                self.found.add(refusal.msg, where, r, column, path=path)
            return
        # A rank, or a figure given 参评总数/并列/得分: the model and the rulebook say if it fits.
        ranked = {("rank" if k == "value" else k): v for k, v in filled.items()}
        measures[name] = self.convert(grid, r, ranked, path)


__all__ = ["Entries", "Lookups"]
