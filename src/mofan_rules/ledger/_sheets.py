"""Ledgers kept as spreadsheets: ``.csv`` or ``.xlsx``, one record per row.

Offices keep their deduction ledger (扣分台账) in Excel. A sheet is read into
the same plain data a YAML ledger gives, with each cell's place remembered as
``file[sheet]:row:column``, so the rest of the loading (schema, checks,
evaluation) is shared. Column headers may be English or Chinese.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from pathlib import Path

from mofan_rules._text import DocPath
from mofan_rules.errors import LedgerError as FactsError
from mofan_rules.errors import Problem
from mofan_rules.messages import say
from mofan_rules.rulebook import MeasureKind, PerOccurrence, Period, Rulebook
from mofan_rules.source import MAX_NUMBER_CHARS, Document, Position, number_out_of_range

# Accepted headers per field: the English key first, then Chinese names.
RECORD_COLUMNS: dict[str, tuple[str, ...]] = {
    "item": ("item", "条目", "项目", "序号", "考评办法"),
    "situation": ("situation", "情形"),
    "tier": ("tier", "档次", "级别"),
    "count": ("count", "次数", "数量", "人次"),
    "modifiers": ("modifiers", "调整", "调整情形"),
    "date": ("date", "日期"),
    "evidence": ("evidence", "依据", "证据", "文号"),
    "note": ("note", "备注", "说明"),
}
MEASURE_COLUMNS: dict[str, tuple[str, ...]] = {
    "measure": ("measure", "指标", "考核数据"),
    "label": ("label", "名称"),
    "kind": ("kind", "类型"),
    "value": ("value", "数值", "名次", "次数"),
    "of": ("of", "参评总数", "总数"),
    "tied": ("tied", "并列"),
    "score": ("score", "得分"),
}
AWARD_COLUMNS: dict[str, tuple[str, ...]] = {
    "level": ("level", "级别"),
    "scope": ("scope", "类别", "综合或单项"),
    "modifiers": ("modifiers", "调整", "调整情形"),
    "date": ("date", "日期"),
    "evidence": ("evidence", "依据", "文号"),
    "note": ("note", "备注", "说明"),
}
_INTEGER_FIELDS = {"item", "count", "value", "of", "tied"}
_SPLIT = re.compile(r"[,，、;；\s]+")
_INT = re.compile(r"[0-9]+\Z")
_DEC = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)\Z")


def header_text(field: str, columns: dict[str, tuple[str, ...]]) -> str:
    """The header a template writes for ``field``: Chinese name then the English key."""
    names = columns[field]
    return f"{names[1]} {names[0]}" if len(names) > 1 else names[0]


def _field_of(header: str, columns: dict[str, tuple[str, ...]]) -> str | None:
    words = [w for w in re.split(r"[\s()（）/]+", header.strip()) if w]
    for field, names in columns.items():
        if any(w.lower() == n.lower() for w in words for n in names):
            return field
    return None


def _cell(value: Any) -> Any:
    """A cell's value as plain ledger data: exact numbers, dates as text, no blanks."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        # Excel stores every number as a binary float; its shortest text is what was typed.
        return int(value) if value.is_integer() else Decimal(repr(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        text = value.strip()
        return text or None
    return value


def _typed(field: str, value: Any) -> Any:
    if isinstance(value, str) and len(value) <= MAX_NUMBER_CHARS:
        if field in _INTEGER_FIELDS and _INT.match(value):
            return int(value)
        if field in ("value", "score") and _DEC.match(value):
            return Decimal(value)
    if isinstance(value, str) and field == "modifiers":
        return [m for m in _SPLIT.split(value) if m]
    if field == "modifiers" and value is not None and not isinstance(value, list):
        return [str(value)]
    return value


class _Reader:
    """Collects rows of one workbook into ledger data and positions."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.values: dict[DocPath, Position] = {}
        self.keys: dict[DocPath, Position] = {}
        self.problems: list[Problem] = []

    def where(self, sheet: str | None) -> str:
        return f"{self.file}[{sheet}]" if sheet else self.file

    def table(
        self, rows: Iterable[Sequence[Any]], sheet: str | None, columns: dict[str, tuple[str, ...]]
    ) -> list[tuple[int, dict[str, tuple[Any, int]]]]:
        """Rows as {field: (value, column)} keyed by their 1-based row number."""
        header: list[str | None] | None = None
        out: list[tuple[int, dict[str, tuple[Any, int]]]] = []
        for number, raw in enumerate(rows, start=1):
            cells = [_cell(v) for v in raw]
            if all(c is None for c in cells):
                continue
            if header is None:
                header = []
                for col, text in enumerate(cells, start=1):
                    field = _field_of(str(text), columns) if text is not None else None
                    if text is not None and field is None:
                        known = [n for names in columns.values() for n in names]
                        close = difflib.get_close_matches(str(text), known, n=1, cutoff=0.5)
                        hint = (
                            say("did_you_mean", word=close[0])
                            if close
                            else say("known", options=", ".join(columns))
                        )
                        msg = say("sheet_unknown_column", header=text, hint=hint)
                        self.problems.append(Problem.from_msg(msg, self.where(sheet), number, col))
                    header.append(field)
                continue
            row: dict[str, tuple[Any, int]] = {}
            for col, value in enumerate(cells, start=1):
                field = header[col - 1] if col <= len(header) else None
                if value is None:
                    continue
                if field is None:
                    msg = say("sheet_value_without_header")
                    self.problems.append(Problem.from_msg(msg, self.where(sheet), number, col))
                    continue
                if isinstance(value, str) and len(value) > MAX_NUMBER_CHARS and _DEC.match(value):
                    msg = number_out_of_range(value)
                    self.problems.append(Problem.from_msg(msg, self.where(sheet), number, col))
                    continue
                row[field] = (_typed(field, value), col)
            out.append((number, row))
        return out

    def put(self, path: DocPath, sheet: str | None, line: int, column: int) -> None:
        self.values[path] = Position(line, column, self.where(sheet))

    def records(self, rows: Iterable[Sequence[Any]], sheet: str | None) -> list[dict[str, Any]]:
        records = []
        for index, (line, row) in enumerate(self.table(rows, sheet, RECORD_COLUMNS)):
            self.put(("records", index), sheet, line, 1)
            record = {}
            for field, (value, col) in row.items():
                self.put(("records", index, field), sheet, line, col)
                self.keys[("records", index, field)] = Position(line, col, self.where(sheet))
                record[field] = value
            records.append(record)
        self.put(("records",), sheet, 1, 1)
        return records

    def measures(
        self, rows: Iterable[Sequence[Any]], sheet: str, rulebook: Rulebook
    ) -> dict[str, Any]:
        kinds = {m.key: m.kind for m in rulebook.measures}
        measures: dict[str, Any] = {}
        for line, row in self.table(rows, sheet, MEASURE_COLUMNS):
            if "measure" not in row or "value" not in row:
                continue  # a template line left blank
            key = str(row["measure"][0])
            path: DocPath = ("measures", key)
            self.put(path, sheet, line, row["value"][1])
            self.keys[path] = Position(line, row["measure"][1], self.where(sheet))
            if kinds.get(key) is MeasureKind.RANK:
                value = {"rank": row["value"][0]}
                self.put((*path, "rank"), sheet, line, row["value"][1])
                for field in ("of", "tied", "score"):
                    if field in row:
                        value[field] = row[field][0]
                        self.put((*path, field), sheet, line, row[field][1])
                measures[key] = value
            else:
                measures[key] = row["value"][0]
        return measures

    def awards(self, rows: Iterable[Sequence[Any]], sheet: str) -> list[dict[str, Any]]:
        awards = []
        for index, (line, row) in enumerate(self.table(rows, sheet, AWARD_COLUMNS)):
            self.put(("awards", index), sheet, line, 1)
            award = {}
            for field, (value, col) in row.items():
                self.put(("awards", index, field), sheet, line, col)
                award[field] = value
            awards.append(award)
        return awards


def read_sheet(raw: bytes, file: str, rulebook: Rulebook) -> Document:
    """Read a ``.csv`` or ``.xlsx`` ledger into a located :class:`Document`.

    A CSV file holds records only. A workbook's first sheet (or one named
    ``records``/``台账``) holds records; optional sheets ``measures`` (考核数据)
    and ``awards`` (表彰) hold the rest. Raises :class:`FactsError`.
    """
    reader = _Reader(file)
    data: dict[str, Any] = {}
    if file.lower().endswith(".csv"):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("gb18030", errors="strict") if _is_gb(raw) else ""
            if not text:
                raise FactsError([Problem.from_msg(say("sheet_not_text"), file)]) from None
        # newline="": the csv module reads line ends itself, including a lone \r.
        rows = csv.reader(io.StringIO(text, newline=""))
        try:
            data["records"] = reader.records(rows, None)
        except csv.Error as exc:
            limit = csv.field_size_limit()
            msg = (
                say("sheet_cell_too_long", limit=limit)
                if "field limit" in str(exc)
                else say("sheet_bad_csv", reason=exc)
            )
            raise FactsError([Problem.from_msg(msg, file, rows.line_num, 1)]) from None
    else:
        data = _read_workbook(raw, file, reader, rulebook)
    if reader.problems:
        raise FactsError(reader.problems)
    if not data.get("records"):
        data.pop("records", None)
    return Document(data, file, reader.values, reader.keys)


def _is_gb(raw: bytes) -> bool:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


_SHEET_NAMES = {
    "records": ("records", "台账", "扣分台账"),
    "measures": ("measures", "考核数据"),
    "awards": ("awards", "表彰"),
}


def _load_workbook(raw: bytes, file: str) -> Any:
    try:
        import openpyxl  # noqa: PLC0415 - optional: only spreadsheets need it
    except ImportError:
        raise FactsError([Problem.from_msg(say("xlsx_needs_openpyxl"), file)]) from None
    try:
        return openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:
        raise FactsError(
            [Problem.from_msg(say("xlsx_unreadable", reason=type(exc).__name__), file)]
        ) from None


def _read_workbook(raw: bytes, file: str, reader: _Reader, rulebook: Rulebook) -> dict[str, Any]:
    book = _load_workbook(raw, file)
    try:
        by_role: dict[str, Any] = {}
        for ws in book.worksheets:
            for role, names in _SHEET_NAMES.items():
                if ws.title.strip().lower() in names:
                    by_role[role] = ws
        if "records" not in by_role and book.worksheets:
            by_role["records"] = book.worksheets[0]
        data: dict[str, Any] = {}
        if "records" in by_role:
            ws = by_role["records"]
            data["records"] = reader.records(ws.iter_rows(values_only=True), ws.title)
        if "measures" in by_role:
            ws = by_role["measures"]
            measures = reader.measures(ws.iter_rows(values_only=True), ws.title, rulebook)
            if measures:
                data["measures"] = measures
        if "awards" in by_role:
            ws = by_role["awards"]
            awards = reader.awards(ws.iter_rows(values_only=True), ws.title)
            if awards:
                data["awards"] = awards
        return data
    finally:
        book.close()


def template_rows(rulebook: Rulebook) -> dict[str, list[list[Any]]]:
    """The sheets of an empty ledger: headers, plus a catalogue of every item, situation and tier."""
    records = [[header_text(f, RECORD_COLUMNS) for f in RECORD_COLUMNS]]
    catalogue: list[list[Any]] = [
        ["条目 item", "情形 situation", "档次 tier", "说明 label", "扣分 amount", "规则 rule"]
    ]
    for item in rulebook.items:
        for sit in item.situations:
            if isinstance(sit, PerOccurrence) and sit.tiers:
                catalogue += [
                    [
                        item.number,
                        sit.key,
                        t.key,
                        f"{sit.label}（{t.label}）",
                        str(t.amount),
                        sit.kind,
                    ]
                    for t in sit.tiers
                ]
            else:
                amount = getattr(sit, "amount", None)
                measure = getattr(sit, "measure", None)
                label = sit.label + (f"（填在 measures 表：{measure}）" if measure else "")
                catalogue.append(
                    [item.number, sit.key, "", label, str(amount) if amount else "", sit.kind]
                )
    measures = [[header_text(f, MEASURE_COLUMNS) for f in MEASURE_COLUMNS]]
    measures += [[m.key, m.label, m.kind.value] for m in rulebook.measures]
    awards = [[header_text(f, AWARD_COLUMNS) for f in AWARD_COLUMNS]]
    return {"records": records, "measures": measures, "awards": awards, "catalogue": catalogue}


def peek_sheet(path: Path) -> tuple[Period | None, tuple[str, str] | None]:
    """A spreadsheet ledger's period and pin (not yet carried by sheets)."""
    return None, None
