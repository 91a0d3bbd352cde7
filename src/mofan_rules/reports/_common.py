"""What every report shares: its words, the title line, places in people's words."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from mofan_rules._text import canonical
from mofan_rules.messages import word
from mofan_rules.scoring import ScoreReport, TrailEntry

Places = Mapping[str, tuple[str, int]]
"""A trail line's origin (``/records/3``) → the file (or sheet) and line it was written on."""


def neg(value: Decimal) -> str:
    """A deduction as ``-1.5`` (``0`` stays ``0``)."""
    text = canonical(value)
    return "0" if text == "0" else f"-{text}"


def title_line(report: ScoreReport, lang: str) -> str:
    """``unit — rulebook title, edition version``: the heading of every report."""
    edition = word("w_edition", lang, title=report.rulebook.title, version=report.rulebook.version)
    # A heading is one line whatever the ledger's unit name holds.
    return " ".join(f"{report.unit or word('w_unnamed', lang)} — {edition}".split())


def item_name(report: ScoreReport, number: int, lang: str) -> str:
    """An item by number and short title: ``第12项 严明党的各项纪律``."""
    item = report.items.get(number)
    title = item.title if item is not None else ""
    return word("w_item", lang, n=number, title=title).strip()


def place(
    entry: TrailEntry, places: Places | None, lang: str, labels: Mapping[str, str] | None = None
) -> str:
    """Where a trail line came from, as the clerk sees it: a file line or sheet row, else a number."""
    found = places.get(entry.origin) if places else None
    if found is not None and found[1]:
        # The file's own name (a sheet keeps its [name]): the folder is in the report's heading.
        file = found[0].replace("\\", "/").rsplit("/", 1)[-1]
        code = "w_place_row" if file.endswith("]") else "w_place_line"  # a sheet's row
        return word(code, lang, file=file, line=found[1])
    parts = entry.origin.strip("/").split("/")
    if parts[0] == "records":
        return word("w_place_record", lang, n=int(parts[1]) + 1)
    if parts[0] == "awards":
        return word("w_place_award", lang, n=int(parts[1]) + 1)
    label = (labels or {}).get(parts[-1], parts[-1])
    return word("w_place_figure", lang, label=label)


def grade_text(report: ScoreReport, lang: str) -> str | None:
    """The grade line, or ``None`` when the rulebook has no grades."""
    if report.grade is None:
        return None
    label = report.grade.label
    if report.grade.by_veto:
        label = word("w_grade_by_veto", lang, label=label)
    return f"{word('w_grade', lang)}: {label}"


def veto_lines(report: ScoreReport, lang: str, places: Places | None = None) -> list[str]:
    """Each veto with the record that triggered it: ``一票否决：第1项 … 情形（gv.yaml 第5行）``."""
    if not report.vetoes:
        return []
    entries = {t.origin: t for t in report.trail}
    lines = []
    for veto in report.vetoes:
        entry = entries.get(veto.origin)
        where = place(entry, places, lang) if entry is not None else veto.origin
        label = f"{item_name(report, veto.item, lang)} {veto.label}"
        lines.append(word("w_vetoed_by", lang, label=label, place=where))
    return lines


def own_grade(label: str | None, lang: str) -> str:
    """`` (grade 好)`` after an item's, row's or indicator's name; nothing without a grade."""
    return word("w_own_grade", lang, label=label) if label else ""


__all__ = [
    "Places",
    "grade_text",
    "item_name",
    "neg",
    "own_grade",
    "place",
    "title_line",
    "veto_lines",
]
