"""The words of a spreadsheet ledger: sheet names, column headers, the details' names.

A header cell names its field by any of the words listed here, English or
Chinese, alone or with others (``条目 item``, ``情形（必填）``). The first two
words of each field are what the template writes: ``条目 item``. These words
are the file format, like the keys of a YAML ledger; the words of the
assessment table (items, situations, tiers) come from the rulebook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mofan_rules.ledger._sheets._grid import CellValue

Columns = dict[str, tuple[str, ...]]

_NO = ("no", "序号", "no.", "行号")
_MODIFIERS = ("modifiers", "调整", "modifier", "调整情形", "调整系数")
_DATE = ("date", "日期", "时间", "发生日期")
_NOTE = ("note", "备注", "说明")

RECORD_COLUMNS: Columns = {
    "no": _NO,
    "item": ("item", "条目", "项目", "考评项目", "条款"),
    "situation": ("situation", "情形", "扣分情形"),
    "tier": ("tier", "档次", "级别"),
    "count": ("count", "次数", "数量", "人次", "件数"),
    "amount": ("amount", "分值", "扣分", "扣分分值"),
    "case": ("case", "案件", "案件编号", "案号"),
    "modifiers": _MODIFIERS,
    "date": _DATE,
    "evidence": ("evidence", "依据", "证据", "文号", "佐证材料"),
    "note": _NOTE,
}
MEASURE_COLUMNS: Columns = {
    "no": _NO,
    "measure": ("measure", "指标", "考核数据", "数据名称", "名称", "数据项"),
    "kind": ("kind", "类型"),
    "unit": ("unit", "计量单位"),
    "value": ("value", "数值", "值", "数据", "名次", "结果", "rank"),
    "of": ("of", "参评总数", "参评单位数", "总数"),
    "tied": ("tied", "并列", "并列数"),
    "score": ("score", "得分"),
    "note": _NOTE,
}
AWARD_COLUMNS: Columns = {
    "no": _NO,
    "bonus": ("bonus", "加分规则", "加分项目"),
    "level": ("level", "级别", "表彰级别"),
    "scope": ("scope", "类别", "范围", "综合或单项", "工作类别"),
    "deed": ("deed", "事项", "表彰事项"),
    "modifiers": _MODIFIERS,
    "date": _DATE,
    "evidence": ("evidence", "依据", "文号", "文件", "表彰文件"),
    "note": _NOTE,
}
TABLES: dict[str, Columns] = {
    "records": RECORD_COLUMNS,
    "measures": MEASURE_COLUMNS,
    "awards": AWARD_COLUMNS,
}
# The fields that say which table a header row starts.
DEFINING = {
    "records": ("item", "situation"),
    "measures": ("measure",),
    "awards": ("level", "scope", "bonus", "deed"),
}
# Columns for people, not read: a row number; a figure's kind, unit and note.
IGNORED = {"records": {"no"}, "measures": {"no", "kind", "unit", "note"}, "awards": {"no"}}

INFO_FIELDS: Columns = {
    "unit": ("unit", "被考核单位", "单位", "单位名称", "考核单位"),
    "period": ("period", "考核期", "考核期间", "考核年度", "年度"),
    "start": ("start", "考核期开始", "开始", "开始日期", "起始日期"),
    "end": ("end", "考核期结束", "结束", "结束日期", "截止日期"),
    "rulebook": ("rulebook", "规则库", "规则库编号"),
    "version": ("version", "规则库版本", "版本"),
    "class": ("class", "单位类别", "类别"),
    "note": ("note", "备注"),
}
INFO_HEADER: Columns = {
    "key": ("field", "项目", "key", "字段"),
    "value": ("value", "内容", "值", "填写"),
    "hint": ("hint", "填写说明", "说明"),
}
SHEET_ROLES: dict[str, tuple[str, ...]] = {
    "info": ("基本信息", "info", "信息", "台账信息", "details"),
    "records": ("台账", "records", "扣分台账", "记录"),
    "measures": ("考核数据", "measures", "figures", "数据"),
    "awards": ("表彰", "awards", "表彰奖励", "加分"),
    "skip": ("说明", "instructions", "填写说明", "目录", "catalogue", "readme", "notes", "备注"),
}

_WORDS = re.compile(r"[\s()（）/／*＊:：\[\]【】]+")


def words(text: str) -> list[str]:
    """The words of a header cell, lower-case: ``条目 item（必填）`` → 条目, item, 必填."""
    return [w.lower() for w in _WORDS.split(text) if w]


def field_of(text: str, columns: Columns) -> str | None:
    """The field a header (or a details key) names, by its first word that is a known name."""
    for word in words(text):
        for name, aliases in columns.items():
            if word in aliases:
                return name
    return None


def header_text(name: str, columns: Columns) -> str:
    """The header the template writes for a field: its Chinese name, then its key."""
    aliases = columns[name]
    return f"{aliases[1]} {aliases[0]}"


def role_of_sheet(name: str) -> str | None:
    """What a sheet holds by its name: info, records, measures, awards, skip; None if unknown."""
    bare = name.strip().lower()
    if bare.startswith("_"):
        return "skip"  # the template's hidden lists, and any sheet kept for people
    for role, names in SHEET_ROLES.items():
        if bare in names:
            return role
    return None


def is_section_title(row: dict[int, CellValue]) -> bool:
    """A lone cell naming a part of the ledger (``考核数据``) is a title over a table."""
    if len(row) != 1:
        return False
    (value,) = row.values()
    return isinstance(value, str) and role_of_sheet(value) not in (None, "skip")


@dataclass(slots=True)
class Header:
    """A header row: which table it starts and the field of each of its columns."""

    kind: str
    fields: dict[int, str] = field(default_factory=dict)
    unknown: list[int] = field(default_factory=list)
    twice: list[tuple[int, int]] = field(default_factory=list)  # (column, first column)
    skip: bool = False  # a second table of its kind: refused, its rows not read


def classify(row: dict[int, CellValue], role: str | None) -> Header | None:
    """The header this row is, if it is one: text only, two or more known names of one table."""
    if any(not isinstance(v, str) for v in row.values()):
        return None
    texts = {c: v for c, v in row.items() if isinstance(v, str)}
    kind = None
    for name, defining in DEFINING.items():
        if any(field_of(t, TABLES[name]) in defining for t in texts.values()):
            kind = name
            break
    if kind is None and role in TABLES:
        kind = role
    if kind is None:
        return None
    columns = TABLES[kind]
    header = Header(kind)
    first: dict[str, int] = {}
    for column, text in sorted(texts.items()):
        named = field_of(text, columns)
        if named is None:
            header.unknown.append(column)
        elif named in first:
            header.twice.append((column, first[named]))
        else:
            first[named] = column
            header.fields[column] = named
    known = len(header.fields) + len(header.twice)
    if known < 2 or known * 2 < len(texts):
        return None
    return header


__all__ = [
    "AWARD_COLUMNS",
    "IGNORED",
    "INFO_FIELDS",
    "INFO_HEADER",
    "MEASURE_COLUMNS",
    "RECORD_COLUMNS",
    "SHEET_ROLES",
    "TABLES",
    "Header",
    "classify",
    "field_of",
    "header_text",
    "is_section_title",
    "role_of_sheet",
    "words",
]
