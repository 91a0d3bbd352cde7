"""The table of a 任务分解表, whatever file it came from: cells, rows, items, each located.

Every reader (.docx, .xlsx, .txt) produces a :class:`RawTable` of located
cells; :mod:`._layout` turns it into a :class:`DocTable` of scoring rows and
numbered items. A location names the file and the table or sheet as the file
(``2027.docx[表1]``), the table row as the line and the cell as the column,
so a message points at the cell a person has to fix in Word or Excel.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from mofan_rules.errors import Problem
from mofan_rules.messages import Msg


@dataclass(frozen=True, slots=True)
class Where:
    """Where a cell or paragraph is: the file (with its table or sheet), row and cell."""

    file: str
    line: int = 0
    column: int = 0

    def problem(self, msg: Msg) -> Problem:
        """A problem located here."""
        return Problem.from_msg(msg, self.file, self.line, self.column)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}" if self.line else self.file


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell's text as written (paragraphs joined by line breaks) and where it is.

    ``merged`` is true for a cell that continues a merged cell above it (Word's
    vertical merge, Excel's merged range): its text is the merged cell's.
    ``by_line`` is true when each line of the text is a line of the file, so
    a paragraph of the cell is located at its own line.
    """

    text: str
    where: Where
    merged: bool = False
    by_line: bool = False  # each line of the text is a line of the file (a .txt table)


@dataclass(frozen=True, slots=True)
class RawTable:
    """A table as a reader found it: the title above it and its rows of cells."""

    file: str
    title: str | None
    rows: tuple[tuple[Cell, ...], ...]


class Column(StrEnum):
    """The six columns of a 任务分解表, by the heading printed over them."""

    INDICATOR = "考评指标"
    METHOD = "考评办法"
    POINTS = "分值"
    LEADERS = "责任领导"
    DEPARTMENTS = "考核部门"
    OFFICES = "本会责任部室"


PEOPLE = (Column.LEADERS, Column.DEPARTMENTS, Column.OFFICES)


@dataclass(frozen=True, slots=True)
class DocItem:
    """A numbered item (1. 2. …) of the 考评办法 column, its text verbatim from the number on."""

    number: int
    text: str
    where: Where
    row: int  # the scoring row (1-based) it stands in


@dataclass(frozen=True, slots=True)
class DocBonus:
    """An unnumbered 加分 paragraph of the 考评办法 column (a bonus rule)."""

    text: str
    where: Where
    row: int


@dataclass(frozen=True, slots=True)
class DocRow:
    """A scoring row (分值栏): points shared by its items, and the people answering for them.

    ``continued`` names the columns whose cell was blank or merged and so
    continues the cell above; ``printed`` is how many table rows it spans
    (2 when a page break printed its points twice).
    """

    number: int
    indicator: str
    points: Decimal
    people: dict[Column, tuple[str, ...]]
    items: tuple[DocItem, ...]
    where: Where
    cells: dict[Column, Where] = field(default_factory=dict)
    continued: frozenset[Column] = frozenset()
    printed: int = 1

    @property
    def leaders(self) -> tuple[str, ...]:
        """责任领导."""
        return self.people[Column.LEADERS]

    @property
    def departments(self) -> tuple[str, ...]:
        """考核部门."""
        return self.people[Column.DEPARTMENTS]

    @property
    def offices(self) -> tuple[str, ...]:
        """本会责任部室."""
        return self.people[Column.OFFICES]


@dataclass(frozen=True, slots=True)
class DocTable:
    """A whole 任务分解表: its title, scoring rows in order, and its bonus paragraphs."""

    file: str
    title: str | None
    rows: tuple[DocRow, ...]
    bonuses: tuple[DocBonus, ...] = ()

    @property
    def items(self) -> tuple[DocItem, ...]:
        """Every numbered item in table order."""
        return tuple(item for row in self.rows for item in row.items)


__all__ = [
    "PEOPLE",
    "Cell",
    "Column",
    "DocBonus",
    "DocItem",
    "DocRow",
    "DocTable",
    "RawTable",
    "Where",
]
