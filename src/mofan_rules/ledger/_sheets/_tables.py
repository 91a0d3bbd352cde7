"""Sheets → ledger data: the details, the records, the figures and the awards, each located.

A sheet is read from the top. A lone cell before the first header is a
title; a row whose first cell names a detail (被考核单位, 考核期, 规则库, …)
is a detail; a header row starts a table (records, figures or awards, told
apart by their columns) and the rows below it are its entries, until the
next header. The same rules read a CSV file, which is one sheet.

Each value's place is kept by its path in the ledger data, so the checks
that run later (the model, the rulebook) place their problems at the cell.
Nothing is read twice and nothing is dropped silently: a second table of a
kind, a detail or a figure given twice, two columns meaning one field, an
unknown column are all errors.
"""

from __future__ import annotations

from typing import Any

from mofan_rules._text import DocPath
from mofan_rules.ledger._sheets._columns import (
    INFO_FIELDS,
    INFO_HEADER,
    TABLES,
    Header,
    classify,
    field_of,
    is_section_title,
    role_of_sheet,
    words,
)
from mofan_rules.ledger._sheets._entries import Entries, Lookups
from mofan_rules.ledger._sheets._grid import CellValue, Found, Grid, column_letters
from mofan_rules.ledger._sheets._values import Refusal, as_date, as_period, as_text
from mofan_rules.messages import say, suggest
from mofan_rules.source import Position

# Where each detail goes in the ledger data.
_INFO_PATHS: dict[str, DocPath] = {
    "unit": ("unit",),
    "start": ("period", "start"),
    "end": ("period", "end"),
    "rulebook": ("rulebook", "id"),
    "version": ("rulebook", "version"),
    "class": ("class",),
    "note": ("note",),
}
_WORDS = {
    "records": "sheet_word_records",
    "measures": "sheet_word_figures",
    "awards": "sheet_word_awards",
}


class Builder:
    """Collects the ledger data of every sheet of one file, with each value's position."""

    def __init__(self, found: Found, lookups: Lookups) -> None:
        self.found = found
        self.entries = Entries(found, lookups)
        self.data = self.entries.data
        self.values = self.entries.values
        self.keys = self.entries.keys
        self.tables: dict[str, tuple[str, int]] = {}  # kind → (where, header row)
        self.details: dict[str, tuple[str, int]] = {}  # detail → (where, row)

    # ------------------------------------------------------------ sheets

    def sheet(self, grid: Grid) -> None:
        """Read one sheet (a CSV file is one sheet without a name)."""
        role = role_of_sheet(grid.name) if grid.name else None
        if role == "skip":
            return
        if () not in self.values:
            self.values[()] = Position(1, 1, grid.where)
        table: Header | None = None
        info_columns: tuple[int, int, int | None] | None = None
        complained = False
        seen = False  # a header or a detail: something of the ledger was read here
        for r in sorted(grid.cells):
            row = grid.cells[r]
            if is_section_title(row):
                continue
            if role == "info" and table is None and info_columns is None:
                info_columns = _info_header(row)
                if info_columns is not None:
                    seen = True
                    continue
            header = classify(row, role)
            if header is not None and table is not None and header.fields == table.fields:
                continue  # the header repeated over the same table (to print it on each page)
            if header is not None:
                table, seen = self.start_table(grid, r, row, header), True
                continue
            if table is not None:
                self.entries.row(grid, r, row, table)
            elif self.detail(grid, r, row, info_columns, strict=role == "info"):
                seen = True
            elif len(row) == 1:
                continue  # a title above the table
            elif not complained:
                self.found.add(say("sheet_no_header"), grid.where, r, min(row))
                complained = True
        if grid.cells and not seen and not complained:
            # Only lone cells, none a header or a detail: nothing would be read. Say so.
            first = min(grid.cells)
            self.found.add(say("sheet_no_header"), grid.where, first, min(grid.cells[first]))

    def start_table(self, grid: Grid, r: int, row: dict[int, CellValue], header: Header) -> Header:
        """A header row: its columns checked; the table's place kept (one table of each kind)."""
        where, kind = grid.where, header.kind
        names = {aliases[1]: aliases for aliases in TABLES[kind].values()}
        others = {a: name for name, aliases in names.items() for a in aliases if a != name}
        for column in header.unknown:
            text = str(row[column])
            hint = suggest(text, names, labels=others)
            self.found.add(say("sheet_unknown_column", header=text, hint=hint), where, r, column)
        for column, first in header.twice:
            msg = say(
                "sheet_duplicate_column",
                header=str(row[column]),
                other=column_letters(first),
                first=str(row[first]),
            )
            self.found.add(msg, where, r, column)
        if kind in self.tables:
            seen_where, seen_row = self.tables[kind]
            what = say(_WORDS[kind])
            msg = say("sheet_second_table", what=what, where=seen_where, row=seen_row)
            self.found.add(msg, where, r, min(row))
            header.skip = True
            return header
        self.tables[kind] = (where, r)
        self.values[(kind,)] = Position(r, min(row), where)
        return header

    # ------------------------------------------------------------ details

    def detail(
        self,
        grid: Grid,
        r: int,
        row: dict[int, CellValue],
        columns: tuple[int, int, int | None] | None,
        *,
        strict: bool,
    ) -> bool:
        """A row of the ledger's details (key, value); ``False`` when it is not one."""
        where = grid.where
        if columns is not None:
            key_column, value_column, hint_column = columns
            if key_column not in row:
                return False
            values = [c for c in sorted(row) if c == value_column]
            extra = [c for c in sorted(row) if c not in (key_column, value_column, hint_column)]
        else:
            ordered = sorted(row)
            key_column, values, extra = ordered[0], ordered[1:], []
            value_column = key_column + 1
        key = row[key_column]
        name = field_of(key, INFO_FIELDS) if isinstance(key, str) else None
        if name is None:
            if strict and len(row) > 1:
                options = [a for names in INFO_FIELDS.values() for a in names[:2]]
                hint = suggest(str(key), options)
                self.found.add(
                    say("sheet_unknown_info", key=str(key), hint=hint), where, r, key_column
                )
                return True
            return False
        room = 2 if name == "period" else 1
        extra += values[room:]
        values = values[:room]
        for column in extra:
            self.found.add(say("sheet_value_without_header"), where, r, column)
        if any(self.found.refused(where, r, c) for c in (value_column, *values)):
            for n in ("start", "end") if name == "period" else (name,):
                self.found.mark(_INFO_PATHS[n])
        self.one_detail(
            grid,
            r,
            str(key),
            name,
            [(row[c], c) for c in values],
            key_column=key_column,
            value_column=value_column,
        )
        return True

    def one_detail(
        self,
        grid: Grid,
        r: int,
        key: str,
        name: str,
        values: list[tuple[CellValue, int]],
        *,
        key_column: int,
        value_column: int,
    ) -> None:
        where = grid.where
        names = ("start", "end") if name == "period" else (name,)
        clash = [
            n for n in (*names, "period" if name in ("start", "end") else "") if n in self.details
        ]
        if clash:
            seen_where, seen_row = self.details[clash[0]]
            msg = say("sheet_info_twice", key=key, where=seen_where, row=seen_row)
            self.found.add(msg, where, r, key_column)
            return
        for n in names:
            self.details[n] = (where, r)
        if name == "period":
            self.details["period"] = (where, r)
        column = values[0][1] if values else value_column
        for n in names:
            path = _INFO_PATHS[n]
            self.values[path] = Position(r, column, where)
            self.keys[path] = Position(r, key_column, where)
            self.values.setdefault(path[:1], Position(r, column, where))
        if not values:
            return  # a detail left blank (the template's rows): its place is kept for messages
        try:
            got = self.detail_values(name, values)
        except Refusal as refusal:
            self.found.add(refusal.msg, where, r, column, path=_INFO_PATHS.get(name, ("period",)))
            return
        for n, (value, value_col) in got.items():
            path = _INFO_PATHS[n]
            self.values[path] = Position(r, value_col, where)
            target = self.data
            for part in path[:-1]:
                target = target.setdefault(str(part), {})
            target[str(path[-1])] = value

    def detail_values(
        self, name: str, values: list[tuple[CellValue, int]]
    ) -> dict[str, tuple[Any, int]]:
        """The detail's value(s), converted; ``period`` gives its start and end."""
        (first, column), *rest = values
        word = name
        if name == "period":
            if rest:
                return {
                    "start": (as_date(first, word), column),
                    "end": (as_date(rest[0][0], word), rest[0][1]),
                }
            start, end = as_period(first, word)
            return {"start": (start, column), "end": (end, column)}
        if name in ("start", "end"):
            return {name: (as_date(first, word), column)}
        return {name: (as_text(first, word), column)}

    def result(self) -> dict[str, Any]:
        """The ledger data read; empty tables are left out."""
        return {k: v for k, v in self.data.items() if v not in ([], {})}


def _info_header(row: dict[int, CellValue]) -> tuple[int, int, int | None] | None:
    """The details sheet's own header (项目 | 内容 | 填写说明): its key, value and hint columns."""
    found: dict[str, int] = {}
    for column, value in sorted(row.items()):
        if not isinstance(value, str):
            return None
        for word in words(value):
            name = next((n for n, aliases in INFO_HEADER.items() if word in aliases), None)
            if name is not None:
                found.setdefault(name, column)
                break
    if "key" not in found or "value" not in found:
        return None
    return found["key"], found["value"], found.get("hint")


__all__ = ["Builder"]
