"""The ledger template: a workbook a clerk can fill in without reading the docs.

Built as data (:class:`mofan_rules._workbook.Sheet`): an instructions sheet,
the ledger's details, the records table with an example row, the figures
and the awards, and a catalogue of every item, situation and tier with its
points. Dropdown lists offer the rulebook's own Chinese labels, so a value
picked from a list is one the loader knows. The template reads back as an
empty ledger (its example row is known and skipped).
"""

from __future__ import annotations

from decimal import Decimal

from mofan_rules._workbook import Cell, Dropdown, Sheet
from mofan_rules.ledger._sheets._columns import (
    AWARD_COLUMNS,
    INFO_FIELDS,
    INFO_HEADER,
    MEASURE_COLUMNS,
    RECORD_COLUMNS,
    header_text,
)
from mofan_rules.ledger._sheets._values import EXAMPLE_MARKS, text_of
from mofan_rules.messages import LANGS, word
from mofan_rules.rulebook import AwardBonus, MeasureKind, PerOccurrence, Rulebook, resolve_tiers

_WIDTHS = {
    "no": 6,
    "item": 34,
    "situation": 40,
    "tier": 34,
    "count": 6,
    "amount": 8,
    "case": 14,
    "modifiers": 20,
    "date": 12,
    "evidence": 26,
    "note": 26,
    "measure": 34,
    "kind": 20,
    "unit": 8,
    "value": 10,
    "of": 10,
    "tied": 8,
    "score": 8,
    "bonus": 14,
    "level": 26,
    "scope": 14,
    "deed": 26,
}


def _unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _recordable(rulebook: Rulebook) -> list[tuple[int, str, PerOccurrence]]:
    return [
        (item.number, item.title, sit)
        for item in rulebook.items
        for sit in item.situations
        if isinstance(sit, PerOccurrence)
    ]


def _awards(rulebook: Rulebook) -> list[AwardBonus]:
    return [b for b in rulebook.bonuses if isinstance(b, AwardBonus)]


def _record_fields(rulebook: Rulebook) -> list[str]:
    situations = [sit for _, _, sit in _recordable(rulebook)]
    fields = ["no", "item", "situation", "tier", "count"]
    if any(sit.range is not None or sit.by_class for sit in situations):
        fields.append("amount")
    if any(item.one_per_case for item in rulebook.items):
        fields.append("case")
    if any(sit.modifiers for sit in situations):
        fields.append("modifiers")
    return [*fields, "date", "evidence", "note"]


def example_cells(rulebook: Rulebook, lang: str) -> dict[str, Cell]:
    """The template's example record, by field: values a clerk would pick from the lists."""
    recordable = _recordable(rulebook)
    if not recordable:
        return {}
    tiered = [r for r in recordable if resolve_tiers(rulebook, r[2])]
    number, title, sit = (tiered or recordable)[0]
    tiers = resolve_tiers(rulebook, sit)
    cells: dict[str, Cell] = {
        "no": EXAMPLE_MARKS[0],
        "item": f"{number}. {title}",
        "situation": sit.label,
        "tier": tiers[0].label if tiers else None,
        "count": 1,
        "amount": sit.range.min if sit.range is not None else None,
        "date": rulebook.effective.start,
        "evidence": word("sheet_example_evidence", lang),
    }
    fields = _record_fields(rulebook)
    return {k: v for k, v in cells.items() if v is not None and k in fields}


def _as_read(value: Cell) -> str:
    # What the reader makes of a cell the template wrote: whole numbers as exact decimals.
    if isinstance(value, int):
        return text_of(Decimal(value))
    return "" if value is None else text_of(value)


def example_texts(rulebook: Rulebook) -> tuple[dict[str, str], ...]:
    """The example record as the reader sees it (without its 示例 mark), in each language."""
    return tuple(
        {k: _as_read(v) for k, v in example_cells(rulebook, lang).items() if k != "no"}
        for lang in LANGS
    )


def _records_sheet(rulebook: Rulebook, lang: str) -> Sheet:
    fields = _record_fields(rulebook)
    recordable = _recordable(rulebook)
    tiers = [t.label for _, _, sit in recordable for t in resolve_tiers(rulebook, sit)]
    allowed = {m for _, _, sit in recordable for m in sit.modifiers}
    lists = {
        "item": _unique([f"{n}. {title}" for n, title, _ in recordable]),
        "situation": _unique([sit.label for _, _, sit in recordable]),
        "tier": _unique(tiers),
        "modifiers": _unique([m.label for m in rulebook.modifiers if m.key in allowed]),
    }
    example = example_cells(rulebook, lang)
    rows: list[list[Cell]] = [[header_text(f, RECORD_COLUMNS) for f in fields]]
    if example:
        rows.append([example.get(f) for f in fields])
    dropdowns = [
        Dropdown(fields.index(f) + 1, values)
        for f, values in lists.items()
        if f in fields and values
    ]
    return Sheet("台账", rows, widths=[_WIDTHS[f] for f in fields], dropdowns=dropdowns)


def _details(rulebook: Rulebook, lang: str) -> list[tuple[str, Cell, str]]:
    """The details rows: (field, value, how to fill it in)."""
    rows: list[tuple[str, Cell, str]] = [
        ("unit", rulebook.unit, word("sheet_info_hint_unit", lang)),
        ("start", rulebook.effective.start, word("sheet_info_hint_date", lang)),
        ("end", rulebook.effective.end, word("sheet_info_hint_date", lang)),
        ("rulebook", rulebook.id, word("sheet_info_hint_pin", lang)),
        ("version", rulebook.version, word("sheet_info_hint_pin", lang)),
    ]
    if rulebook.classes:
        options = "、".join(c.label for c in rulebook.classes)
        rows.append(("class", None, word("sheet_info_hint_class", lang, options=options)))
    rows.append(("note", None, word("sheet_info_hint_note", lang)))
    return rows


def _details_sheet(rulebook: Rulebook, lang: str) -> Sheet:
    header: list[Cell] = [header_text(f, INFO_HEADER) for f in ("key", "value", "hint")]
    details = _details(rulebook, lang)
    rows: list[list[Cell]] = [header]
    rows += [[header_text(f, INFO_FIELDS), value, hint] for f, value, hint in details]
    dropdowns = []
    if rulebook.classes:
        row = 2 + [f for f, _, _ in details].index("class")
        labels = tuple(c.label for c in rulebook.classes)
        dropdowns.append(Dropdown(2, labels, first_row=row, last_row=row))
    return Sheet("基本信息", rows, widths=[20, 30, 50], dropdowns=dropdowns)


def _measure_fields(rulebook: Rulebook) -> list[str]:
    fields = ["measure", "kind", "unit", "value"]
    if any(m.kind is MeasureKind.RANK for m in rulebook.measures):
        fields += ["of", "tied", "score"]
    return fields


def _measure_rows(rulebook: Rulebook, lang: str) -> list[list[Cell]]:
    fields = _measure_fields(rulebook)
    rows: list[list[Cell]] = [[header_text(f, MEASURE_COLUMNS) for f in fields]]
    for m in rulebook.measures:
        kind = word(f"sheet_kind_{m.kind.value}", lang)
        row: list[Cell] = [m.label, kind, m.unit or None]
        rows.append(row + [None] * (len(fields) - 3))
    return rows


def _measures_sheet(rulebook: Rulebook, lang: str) -> Sheet:
    fields = _measure_fields(rulebook)
    labels = tuple(m.label for m in rulebook.measures)
    return Sheet(
        "考核数据",
        _measure_rows(rulebook, lang),
        widths=[_WIDTHS[f] for f in fields],
        dropdowns=[Dropdown(1, labels)],
    )


def _award_fields(rulebook: Rulebook) -> list[str]:
    bonuses = _awards(rulebook)
    fields = ["bonus"] if len(bonuses) > 1 else []
    fields += ["level", "scope"]
    if any(b.one_per_deed for b in bonuses):
        fields.append("deed")
    if any(b.modifiers for b in bonuses):
        fields.append("modifiers")
    return [*fields, "date", "evidence", "note"]


def _awards_sheet(rulebook: Rulebook) -> Sheet:
    bonuses = _awards(rulebook)
    fields = _award_fields(rulebook)
    used = {m for b in bonuses for m in b.modifiers}
    lists = {
        "bonus": _unique([b.key for b in bonuses]),
        "level": _unique([lv.label for b in bonuses for lv in b.levels]),
        "scope": _unique([s.label for b in bonuses for s in b.scopes]),
        "modifiers": _unique([m.label for m in rulebook.modifiers if m.key in used]),
    }
    dropdowns = [
        Dropdown(fields.index(f) + 1, values)
        for f, values in lists.items()
        if f in fields and values
    ]
    rows: list[list[Cell]] = [[header_text(f, AWARD_COLUMNS) for f in fields]]
    return Sheet("表彰", rows, widths=[_WIDTHS[f] for f in fields], dropdowns=dropdowns)


def _catalogue_sheet(rulebook: Rulebook, lang: str) -> Sheet:
    header: list[Cell] = list(word("sheet_catalogue_header", lang).split("|"))
    rows: list[list[Cell]] = [header]
    records = word("sheet_catalogue_records", lang)
    labels = {m.key: m.label for m in rulebook.measures}
    for item in rulebook.items:
        for sit in item.situations:
            if isinstance(sit, PerOccurrence):
                tiers = resolve_tiers(rulebook, sit)
                if tiers:
                    rows += [
                        [item.number, item.title, sit.label, t.label, t.amount, records]
                        for t in tiers
                    ]
                elif sit.range is not None:
                    span = word(
                        "sheet_catalogue_range", lang, low=sit.range.min, high=sit.range.max
                    )
                    rows.append([item.number, item.title, sit.label, None, span, records])
                else:
                    rows.append([item.number, item.title, sit.label, None, sit.amount, records])
                continue
            measure = getattr(sit, "measure", None)
            amount = getattr(sit, "amount", None)
            where = (
                word("sheet_catalogue_figure", lang, measure=labels.get(measure, measure))
                if measure
                else None
            )
            points = amount if isinstance(amount, Decimal) else None
            rows.append([item.number, item.title, sit.label, None, points, where])
    return Sheet("目录", rows, widths=[6, 30, 44, 34, 10, 36], filters=True, wrap=True)


def _instructions(rulebook: Rulebook, lang: str) -> Sheet:
    rows: list[list[Cell]] = [
        [word("sheet_guide_title", lang, title=rulebook.title, version=rulebook.version)],
        [None],
    ]
    rows += [[word(f"sheet_guide_{n}", lang)] for n in range(1, 8)]
    return Sheet("说明", rows, widths=[110], freeze_header=False, wrap=True)


def template_sheets(rulebook: Rulebook, lang: str = "zh") -> list[Sheet]:
    """The ledger template of ``rulebook`` as sheets; write it with :func:`~mofan_rules._workbook.xlsx_bytes`.

    Give that a creator other than ``scoring.OUTPUT_CREATOR`` (the command
    says "mofan-rules ledger template"): a workbook marked as the tool's own
    output is never read as a ledger.

    Raises nothing: every rulebook the loader accepts has a template.
    """
    sheets = [
        _instructions(rulebook, lang),
        _details_sheet(rulebook, lang),
        _records_sheet(rulebook, lang),
    ]
    if rulebook.measures:
        sheets.append(_measures_sheet(rulebook, lang))
    if _awards(rulebook):
        sheets.append(_awards_sheet(rulebook))
    sheets.append(_catalogue_sheet(rulebook, lang))
    return sheets


def template_csv(rulebook: Rulebook, lang: str = "zh") -> list[list[Cell]]:
    """The ledger template as one CSV sheet: details, then the records, figures and awards tables.

    Write it with :func:`~mofan_rules._workbook.csv_bytes`; it reads back as an empty ledger.

    Raises nothing: every rulebook the loader accepts has a template.
    """
    rows: list[list[Cell]] = [
        [header_text(f, INFO_FIELDS), value] for f, value, _ in _details(rulebook, lang)
    ]
    fields = _record_fields(rulebook)
    rows += [[], [header_text(f, RECORD_COLUMNS) for f in fields]]
    example = example_cells(rulebook, lang)
    if example:
        rows.append([example.get(f) for f in fields])
    if rulebook.measures:
        rows += [[], *_measure_rows(rulebook, lang)]
    if _awards(rulebook):
        rows += [[], [header_text(f, AWARD_COLUMNS) for f in _award_fields(rulebook)]]
    return rows


__all__ = ["example_cells", "example_texts", "template_csv", "template_sheets"]
