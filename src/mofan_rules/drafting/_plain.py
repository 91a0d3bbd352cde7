"""A table copied out of a word processor into text, laid out as ``docs/source/``.

The layout: the title on a line of its own, then one block per table row,
blocks separated by blank lines; inside a block each cell starts on a line
that begins with a tab, and lines without a leading tab continue the cell
above. An empty cell is a line holding only a tab. A cell is located at the
line it starts on; each line of a cell is a line of the file.
"""

from __future__ import annotations

from mofan_rules.drafting._table import Cell, RawTable, Where
from mofan_rules.errors import DocumentError, Problem
from mofan_rules.messages import say


def _decode(raw: bytes, shown: str) -> str:
    if b"\x00" in raw:
        raise DocumentError([Problem.from_msg(say("doc_not_text"), shown)])
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError([Problem.from_msg(say("doc_not_text"), shown)])  # pragma: no cover


def read_plain(raw: bytes, shown: str) -> list[RawTable]:
    """The one table of a text file in the layout of ``docs/source/``."""
    text = _decode(raw, shown)
    title: str | None = None
    rows: list[tuple[Cell, ...]] = []
    row: list[tuple[list[str], int]] = []  # each cell's lines and the line it starts on

    def close() -> None:
        if row:
            rows.append(
                tuple(
                    Cell("\n".join(lines), Where(shown, start, 2), by_line=True)
                    for lines, start in row
                )
            )
            row.clear()

    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("\t"):
            row.append(([line[1:]], number))
        elif not line.strip():
            close()
        elif row:
            row[-1][0].append(line)
        elif title is None and not rows:
            title = line.strip()
    close()
    return [RawTable(shown, title, tuple(rows))]


__all__ = ["read_plain"]
