"""From located cells to scoring rows and items: the reading rules of the paper table.

The rules are those of ``docs/source/READING.md``: the header names the six
columns (in any order, spaces and line breaks inside a heading ignored); a
blank or merged cell continues the cell above it; the 考评办法 cell splits
into items at their numbers ``1.`` ``2.`` …, an unnumbered 加分 paragraph is
a bonus rule and any other unnumbered line continues the item above; a row
whose 分值 cell is blank or merged shares the points of the row above; and
points printed twice across a page break are one pool when an item speaks of
the remainder of items N to M (综合11项至16项剩余分值). Every problem of the
table is collected and raised together.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from mofan_rules.drafting._table import (
    PEOPLE,
    Cell,
    Column,
    DocBonus,
    DocItem,
    DocRow,
    DocTable,
    RawTable,
    Where,
)
from mofan_rules.errors import DocumentError, Problem
from mofan_rules.messages import say, suggest

_HEADINGS = {c.value: c for c in Column}
_IGNORED = ("序号", "备注", "说明")  # columns a table may add that say nothing to score
_ITEM_START = re.compile(r"^\s*(\d{1,3})\s*(?:[．、]|\.(?!\d))")
_BONUS = re.compile(r"加\s*\d+(?:\.\d+)?\s*分|加分")
_POINTS = re.compile(r"^(\d{1,4}(?:\.\d{1,4})?)分?$")
_REMAINDER = re.compile(r"(\d{1,3})\s*项?\s*(?:至|到|[-－—~～])\s*第?\s*(\d{1,3})\s*项[^。；]*剩余")
_NAME_SPLIT = re.compile(r"[、，,；;/／]")
# A name a narrow column wrapped ends in one of these; a fragment that does not
# is the start of a longer name (所有 / 部室 / （中心）).
_ORG_ENDS = tuple("部办委室会局厅处科组院所队站心司庭校社馆团府）)")
_OPENING = ("（", "(")


def heading(text: str) -> str:
    """A header cell's words without spaces and line breaks (考评 / 指标 → 考评指标)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _header_score(row: tuple[Cell, ...]) -> int:
    return sum(heading(c.text) in _HEADINGS for c in row)


def split_people(text: str, *, wrapped_names: bool) -> tuple[str, ...]:
    """Names in a people cell: one per line or between 、 ，; a spaced-out name is one name.

    ``wrapped_names`` joins the lines of a name a narrow column broke
    (所有 / 部室 / （中心） → 所有部室（中心）); leaders' names never wrap.
    """
    names: list[str] = []
    for part in _NAME_SPLIT.split(text):
        lines: list[str] = []
        for line in part.split("\n"):
            pieces = line.split()
            if not pieces:
                continue
            if all(len(p) == 1 for p in pieces):
                lines.append("".join(pieces))  # 罗  姿: a name spaced out to fill the cell
            else:
                lines.extend(pieces)
        if wrapped_names:
            lines = _join_wrapped(lines)
        names.extend(lines)
    return tuple(names)


def _join_wrapped(lines: list[str]) -> list[str]:
    joined: list[str] = []
    open_end = False
    for line in lines:
        if joined and (open_end or line.startswith(_OPENING)):
            joined[-1] += line
        else:
            joined.append(line)
        open_end = not joined[-1].endswith(_ORG_ENDS)
    return joined


def same_names(a: tuple[str, ...] | list[str], b: tuple[str, ...] | list[str]) -> bool:
    """Whether two lists name the same people (also when one was wrapped differently)."""
    return list(a) == list(b) or "".join(a) == "".join(b)


def points_value(text: str) -> Decimal | None:
    """The points of a 分值 cell (``10分``, ``7.5``), or ``None`` when it holds something else."""
    match = _POINTS.match(heading(text))
    return Decimal(match.group(1)) if match else None


@dataclass
class _Physical:
    """One table row after blank and merged cells were filled from above."""

    cells: dict[Column, Cell]
    values: dict[Column, str]
    continued: set[Column] = field(default_factory=set)
    new_pool: bool = True


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def fail(self, where: Where, code: str, **params: Any) -> None:
        self.problems.append(where.problem(say(code, **params)))

    # ------------------------------------------------------------ the header

    def columns(self, tables: list[RawTable]) -> tuple[dict[int, Column], list[tuple[Cell, ...]]]:
        """The column of each cell position, and every data row (continued tables joined)."""
        found: dict[int, Column] | None = None
        rows: list[tuple[Cell, ...]] = []
        best: tuple[int, tuple[Cell, ...]] | None = None
        for table in tables:
            for row in table.rows:
                score = _header_score(row)
                if best is None or score > best[0]:
                    best = (score, row)
                if score >= 3:
                    if found is None:
                        found = self.header(row)
                    continue  # a header repeated after a page break
                if found is not None:
                    rows.append(row)
        if found is None:
            if best is not None and best[0] >= 1:
                self.header(best[1])
            else:
                self.problems.append(Problem.from_msg(say("doc_no_table"), self.file))
            return {}, []
        return found, rows

    def header(self, row: tuple[Cell, ...]) -> dict[int, Column]:
        mapping: dict[int, Column] = {}
        for i, cell in enumerate(row):
            name = heading(cell.text)
            if not name:
                continue
            if name in _HEADINGS:
                mapping[i] = _HEADINGS[name]
            elif name not in _IGNORED:
                hint = suggest(name, _HEADINGS, listing="doc_columns_expected")
                self.problems.append(
                    cell.where.problem(say("doc_unknown_column", name=name, hint=hint))
                )
        where = row[0].where if row else Where(self.file)
        for column in Column:
            if column not in mapping.values():
                self.fail(where, "doc_missing_column", name=column.value)
        return mapping

    # ------------------------------------------------------------ the rows

    def physical(self, mapping: dict[int, Column], rows: list[tuple[Cell, ...]]) -> list[_Physical]:
        out: list[_Physical] = []
        previous: _Physical | None = None
        for row in rows:
            cells = {col: row[i] for i, col in mapping.items() if i < len(row)}
            if not any(c.text.strip() for c in cells.values()) and not any(
                c.merged for c in cells.values()
            ):
                continue
            phys = _Physical(cells, {})
            for col in Column:
                cell = cells.get(col)
                blank = cell is None or cell.merged or not cell.text.strip()
                if not blank and cell is not None:
                    phys.values[col] = cell.text
                elif previous is not None:
                    phys.values[col] = previous.values.get(col, "")
                    phys.continued.add(col)
                elif col in (Column.INDICATOR, Column.METHOD, Column.POINTS):
                    where = cell.where if cell is not None else next(iter(cells.values())).where
                    self.fail(where, "doc_first_row_blank", column=col.value)
                    phys.values[col] = ""
                else:
                    phys.values[col] = ""
            phys.new_pool = Column.POINTS not in phys.continued
            out.append(phys)
            previous = phys
        return out

    def items(self, phys: _Physical, row: int) -> tuple[list[DocItem], list[DocBonus]]:
        cell = phys.cells.get(Column.METHOD)
        if cell is None or Column.METHOD in phys.continued:
            return [], []  # a merged 考评办法 cell: its items were read from the top row
        items: list[DocItem] = []
        bonuses: list[DocBonus] = []
        current: list[str] | None = None
        current_number = 0
        current_where = cell.where
        in_bonus = False

        def close() -> None:
            if current is None:
                return
            text = "".join(current).strip()
            if in_bonus:
                bonuses.append(DocBonus(text, current_where, row))
            else:
                items.append(DocItem(current_number, text, current_where, row))

        for offset, line in enumerate(cell.text.split("\n")):
            where = (
                replace(cell.where, line=cell.where.line + offset) if cell.by_line else cell.where
            )
            stripped = line.strip()
            if not stripped:
                continue
            match = _ITEM_START.match(unicodedata.normalize("NFKC", line))
            if match:
                close()
                current, current_number, current_where, in_bonus = (
                    [stripped],
                    int(match.group(1)),
                    where,
                    False,
                )
            elif _BONUS.search(stripped) and not in_bonus:
                close()
                current, current_where, in_bonus = [stripped], where, True
            elif current is not None:
                current.append(stripped)
            else:
                self.fail(where, "doc_text_before_item", text=stripped[:30])
        close()
        if not items and not bonuses:
            self.fail(cell.where, "doc_no_items")
        return items, bonuses

    def pools(self, physical: list[_Physical]) -> tuple[list[DocRow], list[DocBonus]]:
        rows: list[DocRow] = []
        bonuses: list[DocBonus] = []
        for phys in physical:
            number = len(rows) + (1 if phys.new_pool or not rows else 0)
            items, extra = self.items(phys, number)
            bonuses += extra
            if phys.new_pool or not rows:
                rows.append(self.row(phys, number, items))
            else:
                last = rows[-1]
                rows[-1] = replace(last, items=last.items + tuple(items), printed=last.printed + 1)
        return rows, bonuses

    def row(self, phys: _Physical, number: int, items: list[DocItem]) -> DocRow:
        cell = phys.cells.get(Column.POINTS)
        points = points_value(phys.values[Column.POINTS])
        if points is None:
            where = cell.where if cell is not None else Where(self.file)
            self.fail(where, "doc_bad_points", text=phys.values[Column.POINTS].strip()[:20])
            points = Decimal(0)
        people = {
            col: split_people(phys.values[col], wrapped_names=col is not Column.LEADERS)
            for col in PEOPLE
        }
        first = cell.where if cell is not None else next(iter(phys.cells.values())).where
        return DocRow(
            number=number,
            indicator=re.sub(r"\s+", "", phys.values[Column.INDICATOR]),
            points=points,
            people=people,
            items=tuple(items),
            where=first,
            cells={col: c.where for col, c in phys.cells.items()},
            continued=frozenset(phys.continued),
        )

    # ------------------------------------------------------------ pools and numbers

    def one_pool(self, rows: list[DocRow]) -> tuple[list[DocRow], dict[int, int]]:
        """Join rows an item's 综合N项至M项剩余分值 shows to be one pool printed twice.

        Returns the rows renumbered, and each old row number's new one.
        """
        for row in list(rows):
            for item in row.items:
                match = _REMAINDER.search(item.text)
                if not match:
                    continue
                first, last = int(match.group(1)), int(match.group(2))
                span = [r for r in rows if any(first <= i.number <= last for i in r.items)]
                if len(span) < 2 or not _joinable(span, rows):
                    continue
                start = rows.index(span[0])
                joined = replace(
                    span[0],
                    items=tuple(i for r in span for i in r.items),
                    printed=sum(r.printed for r in span),
                )
                rows[start : start + len(span)] = [joined]
        renumbered: dict[int, int] = {}
        for n, row in enumerate(rows, start=1):
            for item in row.items:
                renumbered[item.row] = n
            renumbered.setdefault(row.number, n)
        return [_renumber(row, n) for n, row in enumerate(rows, start=1)], renumbered

    def numbering(self, rows: list[DocRow]) -> None:
        seen: dict[int, DocItem] = {}
        previous = 0
        for row in rows:
            for item in row.items:
                if item.number in seen:
                    self.fail(
                        item.where,
                        "doc_item_twice",
                        number=item.number,
                        first=str(seen[item.number].where),
                    )
                elif item.number != previous + 1:
                    self.fail(item.where, "doc_item_gap", number=item.number, expected=previous + 1)
                seen.setdefault(item.number, item)
                previous = max(previous, item.number)


def _joinable(span: list[DocRow], rows: list[DocRow]) -> bool:
    first = span[0]
    start = rows.index(first)
    return rows[start : start + len(span)] == span and all(
        r.points == first.points and all(same_names(r.people[c], first.people[c]) for c in PEOPLE)
        for r in span[1:]
    )


def _renumber(row: DocRow, number: int) -> DocRow:
    items = tuple(replace(i, row=number) for i in row.items)
    return replace(row, number=number, items=items)


def build_table(tables: list[RawTable], file: str) -> DocTable:
    """The scoring rows and items of the 任务分解表 among ``tables``; every problem at once."""
    builder = _Builder(file)
    mapping, data = builder.columns(tables)
    if builder.problems:
        raise DocumentError(builder.problems)
    physical = builder.physical(mapping, data)
    if not physical:
        where = (
            tables[0].rows[0][0].where
            if tables and tables[0].rows and tables[0].rows[0]
            else Where(file)
        )
        raise DocumentError([where.problem(say("doc_no_rows"))])
    rows, bonuses = builder.pools(physical)
    rows, renumbered = builder.one_pool(rows)
    bonuses = [replace(b, row=renumbered.get(b.row, b.row)) for b in bonuses]
    builder.numbering(rows)
    if builder.problems:
        raise DocumentError(builder.problems)
    title = next((t.title for t in tables if t.title), None)
    return DocTable(file, title, tuple(rows), tuple(bonuses))


__all__ = ["build_table", "heading", "points_value", "same_names", "split_people"]
