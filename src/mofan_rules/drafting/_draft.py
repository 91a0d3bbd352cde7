"""A new rulebook from a document alone: every clause the grammar reads, TODOs for the rest.

The metadata a table does not print is filled so the file loads, and is to
be set by the editor: ``id: draft``, the version, the unit (a placeholder in
the catalogue's words), the year (from the title or file name, else this
year) and the rounding (0.01 half up, the format's usual). Rows keep their
people and points; a cell read from the row above, or points printed twice,
is said in the row's note.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from mofan_rules._text import json_pointer
from mofan_rules.drafting._bonus import read_bonus
from mofan_rules.drafting._clauses import read_item
from mofan_rules.drafting._items import Context, bonus_choice, bonus_data, item_data, todo_item
from mofan_rules.drafting._table import Column, DocRow, DocTable


@dataclass(frozen=True, slots=True)
class Todo:
    """A clause the draft could not read: where it is in the new rulebook, and its words."""

    pointer: str
    source: str


def row_note(row: DocRow, ctx: Context) -> str | None:
    """The note saying which cells of a row were read from above, or printed twice."""
    notes = []
    continued = [c.value for c in Column if c in row.continued and c is not Column.METHOD]
    if continued:
        notes.append(ctx.words("draft_note_continued", columns="、".join(continued)))
    if row.printed > 1:
        notes.append(ctx.words("draft_note_printed", points=row.points, times=row.printed))
    return " ".join(notes) or None


def row_data(row: DocRow, items: list[dict[str, Any]], ctx: Context) -> dict[str, Any]:
    """A scoring row as rulebook data."""
    data: dict[str, Any] = {
        "number": row.number,
        "points": row.points,
        "leaders": list(row.leaders),
        "assessing_departments": list(row.departments),
        "responsible_offices": list(row.offices),
        "items": items,
    }
    note = row_note(row, ctx)
    if note:
        data["note"] = note
    return data


def _year(table: DocTable) -> int:
    for text in (table.title or "", Path(table.file.split("[")[0]).name):
        found = re.search(r"20\d\d", text)
        if found:
            return int(found.group())
    return dt.date.today().year


def place_choices(data: dict[str, Any], ctx: Context) -> None:
    """Add the interpretations of the draft's choices, pointing at where their values ended up."""
    where: dict[int, tuple[str | int, ...]] = {}
    for i, ind in enumerate(data["indicators"]):
        for r, row in enumerate(ind["rows"]):
            for t, item in enumerate(row["items"]):
                for s, sit in enumerate(item["situations"]):
                    where[id(sit)] = ("indicators", i, "rows", r, "items", t, "situations", s)
    for sit, interp in ctx.choices:
        path = where.get(id(sit))
        if path is not None:
            data.setdefault("interpretations", []).append(
                {**interp, "values": [json_pointer((*path, "threshold"))]}
            )


def todos(data: dict[str, Any]) -> list[Todo]:
    """Every ``kind: todo`` situation of rulebook data, with its pointer."""
    found = []
    items: list[tuple[tuple[str | int, ...], Any]] = []
    for i, ind in enumerate(data.get("indicators", [])):
        for r, row in enumerate(ind.get("rows", [])):
            items += [
                (("indicators", i, "rows", r, "items", t), it)
                for t, it in enumerate(row.get("items", []))
            ]
    direct = data.get("direct_deductions") or {}
    items += [
        (("direct_deductions", "items", t), it) for t, it in enumerate(direct.get("items", []))
    ]
    for path, item in items:
        for s, sit in enumerate(item.get("situations", [])):
            if isinstance(sit, dict) and sit.get("kind") == "todo":
                found.append(
                    Todo(json_pointer((*path, "situations", s)), str(sit.get("source", "")))
                )
    return found


def draft_data(table: DocTable, *, lang: str = "en") -> dict[str, Any]:
    """Rulebook data (format 2) for the document's table, read by the genre's grammar."""
    ctx = Context(lang=lang)
    indicators: list[dict[str, Any]] = []
    for row in table.rows:
        items = [item_data(item.number, item.text, read_item(item.text), ctx) for item in row.items]
        data = row_data(row, items, ctx)
        if indicators and indicators[-1]["name"] == row.indicator:
            indicators[-1]["rows"].append(data)
        else:
            indicators.append({"name": row.indicator, "rows": [data]})
    bonuses: list[dict[str, Any]] = []
    unread: list[dict[str, Any]] = []
    chosen: list[dict[str, Any]] = []
    last = len(table.items)
    for bonus in table.bonuses:
        reading = read_bonus(bonus.text)
        if reading.complete:
            bonuses.append(bonus_data(bonus.text, bonus.row, reading, ctx, len(bonuses) + 1))
            chosen.append(bonus_choice(len(bonuses), bonus.text, ctx))
        else:
            unread.append(todo_item(last + len(unread) + 1, bonus.text, ctx))
    year = _year(table)
    title = table.title or Path(table.file.split("[")[0]).stem
    out: dict[str, Any] = {
        "schema_version": 2,
        "id": "draft",
        "version": "draft",
        "title": title,
        "unit": ctx.words("draft_unit_placeholder"),
        "total_points": sum((row.points for row in table.rows), Decimal(0)),
        "effective": {"start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31)},
        "rounding": {"quantum": Decimal("0.01"), "mode": "half_up"},
        "source_document": table.file.split("[")[0],
        "interpretations": chosen,
        "modifiers": ctx.modifiers,
        "measures": ctx.measures,
        "indicators": indicators,
    }
    if unread:
        out["direct_deductions"] = {"title": ctx.words("draft_unread_title"), "items": unread}
    if bonuses:
        out["bonuses"] = bonuses
    place_choices(out, ctx)
    return {k: v for k, v in out.items() if v != []}


__all__ = ["Todo", "draft_data", "place_choices", "row_data", "row_note", "todos"]
