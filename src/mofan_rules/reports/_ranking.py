"""Rankings of many units (排名): a sheet Excel can sum and sort, and the ledgers not scored.

Units are ranked by total, equal totals sharing a rank (1, 2, 2, 4), as a
published ranking with ties (并列) does. Scores are numbers, shown exactly;
the grade, the edition and every warning have their column; a veto is among
the warnings with the record that triggered it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from mofan_rules._workbook import Cell, Sheet
from mofan_rules.messages import word
from mofan_rules.reports._accountability import (
    UNASSIGNED,
    By,
    Groupings,
    accountability_matrix,
    group_label,
    groupings,
)
from mofan_rules.reports._common import Places, veto_lines
from mofan_rules.scoring import BatchEntry, ScoreReport


def ranked(entries: Sequence[BatchEntry]) -> list[tuple[int, BatchEntry]]:
    """Scored entries by total, highest first; ties share a rank (competition ranking).

    Raises nothing: entries without a report are left out.
    """
    scored = sorted(
        (e for e in entries if e.report is not None),
        key=lambda e: (-e.report.total, e.file),  # type: ignore[union-attr]
    )
    out: list[tuple[int, BatchEntry]] = []
    previous: Decimal | None = None
    rank = 0
    for position, entry in enumerate(scored, start=1):
        total = entry.report.total  # type: ignore[union-attr]
        if total != previous:
            rank, previous = position, total
        out.append((rank, entry))
    return out


def _warnings(report: ScoreReport, lang: str, places: Places | None) -> str:
    """The outcome, each veto with its record and place, then the notices, in one cell."""
    texts = [f"{word('w_outcome', lang)}: {report.outcome}"] if report.outcome else []
    texts += veto_lines(report, lang, places)
    texts += [n.message_zh if lang == "zh" else n.message for n in report.notices]
    return word("w_join", lang).join(texts)


def ranking_rows(entries: Sequence[BatchEntry], lang: str = "en") -> list[list[Cell]]:
    """The ranking table: rank, unit, file, edition, each row's score, bonus, total, grade, warnings.

    The warnings hold the outcome a veto set and each veto with its record
    (the ledger's file and line, from the entry's places), then the notices.

    Raises nothing: the entries were made by :func:`~mofan_rules.scoring.score_files`.
    """
    first = next((e.report for e in entries if e.report is not None), None)
    row_numbers = [r.number for r in first.rows] if first is not None else []
    has_direct = first is not None and any(i.row is None for i in first.items.values())
    has_grades = any(e.report is not None and e.report.grade is not None for e in entries)
    head: list[Cell] = [
        word("w_rank", lang),
        word("w_unit", lang),
        word("w_file", lang),
        word("w_edition_col", lang),
        *(word("w_row_n", lang, n=n) for n in row_numbers),
    ]
    if has_direct:
        head.append(word("w_direct", lang))
    head += [word("w_bonus", lang), word("w_total", lang)]
    if has_grades:
        head.append(word("w_grade", lang))
    head.append(word("w_warnings", lang))
    rows: list[list[Cell]] = [head]
    for rank, entry in ranked(entries):
        report = entry.report
        assert report is not None  # ranked() keeps scored entries only
        row: list[Cell] = [rank, report.unit or "", entry.file, entry.edition]
        row += [r.score for r in report.rows]
        if has_direct:
            row.append(
                sum((i.deduction for i in report.items.values() if i.row is None), Decimal(0))
            )
        row += [report.bonus, report.total]
        if has_grades:
            row.append(report.grade.label if report.grade else "")
        row.append(_warnings(report, lang, entry.places))
        rows.append(row)
    return rows


def unscored_rows(entries: Sequence[BatchEntry], lang: str = "en") -> list[list[Cell]]:
    """Every ledger that could not be scored, one line per problem, with where and why.

    Raises nothing: the entries were made by :func:`~mofan_rules.scoring.score_files`.
    """
    rows: list[list[Cell]] = [
        [word("w_file", lang), word("w_origin", lang), word("w_reasons", lang)]
    ]
    for entry in entries:
        if entry.error is None:
            continue
        for problem in entry.error.problems:
            where = (
                f"{problem.file}:{problem.line}:{problem.column}" if problem.line else problem.file
            )
            rows.append([entry.file, f"{where} {problem.pointer}", problem.words(lang)])
    return rows


def group_rows(entries: Sequence[BatchEntry], by: By, lang: str = "en") -> list[list[Cell]]:
    """Across units: each unit's lost points by office, leader or department."""
    scored = [e for _, e in ranked(entries) if e.report is not None]
    names, matrix = accountability_matrix([e.report for e in scored if e.report], by)
    head: list[Cell] = [
        word("w_unit", lang),
        word("w_file", lang),  # units may share a name; the file tells them apart
        *(group_label(n, lang) for n in names),
    ]
    rows: list[list[Cell]] = [head]
    for entry, (report, lost) in zip(scored, matrix, strict=True):
        rows.append([report.unit or "", entry.file, *(lost.get(n, Decimal(0)) for n in names)])
    return rows


def ranking_sheets(
    entries: Sequence[BatchEntry], lang: str = "en", *, by: Groupings = None
) -> list[Sheet]:
    """The ranking workbook: the ranking, the ledgers not scored, and the grouping when asked.

    Raises :class:`KeyError` for a grouping other than ``office``,
    ``leader`` or ``department``.
    """
    sheets = [
        Sheet(word("w_ranking_sheet", lang), ranking_rows(entries, lang), filters=True),
        Sheet(
            word("w_unscored_sheet", lang), unscored_rows(entries, lang), filters=True, wrap=True
        ),
    ]
    sheets += [
        Sheet(word(f"w_group_{each}", lang), group_rows(entries, each, lang), filters=True)
        for each in groupings(by)
    ]
    return sheets


__all__ = ["UNASSIGNED", "group_rows", "ranked", "ranking_rows", "ranking_sheets", "unscored_rows"]
