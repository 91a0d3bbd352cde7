"""A Word (.docx) 任务分解表 as located cells, read with python-docx.

What a person's Word file does and the reader handles: vertically merged
cells (python-docx hands each row the merged cell, marked here as merged),
horizontally merged cells, line breaks inside a paragraph, tracked insertions
(kept) and deletions (dropped), and items numbered by Word's automatic
numbering rather than typed (the number is worked out from the numbering
definitions, decimal lists only). A cell is located as ``file[表N]`` with the
table row as the line and the cell as the column.
"""

from __future__ import annotations

import io
from typing import Any

from mofan_rules.drafting._table import Cell, RawTable, Where
from mofan_rules.errors import DocumentError, Problem
from mofan_rules.messages import say

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TITLE_MAX = 100


_NS = {"w": _W[1:-1]}


def _val(node: Any, path: str, default: str | None = None) -> str | None:
    """The ``w:val`` of the element at ``path`` under ``node`` (ElementPath, w: prefix)."""
    found = node.find(path, _NS)
    if found is None:
        return default
    value = found.get(f"{_W}val")
    return default if value is None else str(value)


class _Numbering:
    """Automatic list numbers (1. 2. …) as Word shows them, for decimal lists."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[
            str, dict[str, tuple[int, str, str]]
        ] = {}  # numId → ilvl → (start, fmt, text)
        self.styles: dict[str, tuple[str, str]] = {}  # styleId → (numId, ilvl)
        self.based_on: dict[str, str] = {}
        self.counters: dict[str, dict[str, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None
        if numbering is not None:
            self._definitions(numbering)
        for style in document.styles.element.findall("w:style", _NS):
            name = str(style.get(f"{_W}styleId"))
            num = _val(style, "w:pPr/w:numPr/w:numId")
            if num is not None:
                self.styles[name] = (num, _val(style, "w:pPr/w:numPr/w:ilvl", "0") or "0")
            parent = _val(style, "w:basedOn")
            if parent is not None:
                self.based_on[name] = parent

    def _definitions(self, numbering: Any) -> None:
        abstract: dict[str, dict[str, tuple[int, str, str]]] = {}
        for node in numbering.findall("w:abstractNum", _NS):
            levels = {}
            for lvl in node.findall("w:lvl", _NS):
                levels[str(lvl.get(f"{_W}ilvl"))] = (
                    _int(_val(lvl, "w:start", "1")),
                    _val(lvl, "w:numFmt", "decimal") or "decimal",
                    _val(lvl, "w:lvlText", "%1.") or "%1.",
                )
            abstract[str(node.get(f"{_W}abstractNumId"))] = levels
        for num in numbering.findall("w:num", _NS):
            ref = _val(num, "w:abstractNumId")
            levels = dict(abstract.get(ref, {})) if ref is not None else {}
            for override in num.findall("w:lvlOverride", _NS):
                start = _val(override, "w:startOverride")
                if start is None:
                    continue
                ilvl = str(override.get(f"{_W}ilvl"))
                _, fmt, text = levels.get(ilvl, (1, "decimal", "%1."))
                levels[ilvl] = (_int(start), fmt, text)
            self.levels[str(num.get(f"{_W}numId"))] = levels

    def _numbered(self, p: Any) -> tuple[str, str] | None:
        num = _val(p, "w:pPr/w:numPr/w:numId")
        if num is not None:
            return num, _val(p, "w:pPr/w:numPr/w:ilvl", "0") or "0"
        seen: set[str] = set()
        name = _val(p, "w:pPr/w:pStyle")
        while name is not None and name not in seen:
            seen.add(name)
            if name in self.styles:
                return self.styles[name]
            name = self.based_on.get(name)
        return None

    def prefix(self, p: Any) -> str:
        """The number Word shows before paragraph ``p`` (``3.``), or ``""``."""
        found = self._numbered(p)
        if found is None or found[0] == "0":
            return ""
        num, ilvl = found
        start, fmt, text = self.levels.get(num, {}).get(ilvl, (1, "decimal", "%1."))
        counters = self.counters.setdefault(num, {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt != "decimal" or ilvl != "0":
            return ""
        return text.replace("%1", str(counters[ilvl]))


def _int(text: object) -> int:
    try:
        return int(str(text))
    except ValueError:
        return 1


def _paragraph_text(p: Any) -> str:
    parts: list[str] = []
    for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}noBreakHyphen"):
        tag = node.tag
        if tag == f"{_W}t":
            parts.append(node.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell_text(cell: Any, numbering: _Numbering) -> str:
    lines = []
    for p in cell._tc.findall("w:p", _NS):
        text = _paragraph_text(p)
        prefix = numbering.prefix(p)
        lines.append(prefix + text if prefix and text.strip() else text)
    return "\n".join(lines)


def _table(
    table: Any, index: int, shown: str, title: str | None, numbering: _Numbering
) -> RawTable:
    file = f"{shown}[表{index}]"
    rows: list[tuple[Cell, ...]] = []
    above: list[Any] = []
    for r, row in enumerate(table.rows, start=1):
        cells: list[Cell] = []
        tcs = [cell._tc for cell in row.cells]
        for c, cell in enumerate(row.cells):
            tc = tcs[c]
            where = Where(file, r, c + 1)
            if c > 0 and tc is tcs[c - 1]:
                cells.append(Cell("", where, merged=True))  # the rest of a horizontally merged cell
            elif c < len(above) and tc is above[c]:
                cells.append(Cell(_cell_text(cell, numbering), where, merged=True))
            else:
                cells.append(Cell(_cell_text(cell, numbering), where))
        above = tcs
        rows.append(tuple(cells))
    return RawTable(file, title, tuple(rows))


def read_docx(raw: bytes, shown: str) -> list[RawTable]:
    """Every table of a Word document, in order, each with the paragraph above it as title."""
    import docx  # noqa: PLC0415 - slow to import, needed only here
    from docx.table import Table  # noqa: PLC0415

    try:
        document = docx.Document(io.BytesIO(raw))
        numbering = _Numbering(document)
        tables: list[RawTable] = []
        title: str | None = None
        for child in document.element.body.iterchildren():
            if child.tag == f"{_W}p":
                text = _paragraph_text(child).strip()
                if text and len(text) <= _TITLE_MAX:
                    title = text
            elif child.tag == f"{_W}tbl":
                tables.append(
                    _table(Table(child, document), len(tables) + 1, shown, title, numbering)
                )
    except DocumentError:
        raise
    except Exception as exc:
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise DocumentError([Problem.from_msg(say("doc_corrupt", detail=detail), shown)]) from None
    return tables


__all__ = ["read_docx"]
