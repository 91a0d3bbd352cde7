"""The score as people read it: a terminal table, Markdown, and spreadsheet rows.

Each shows the rows with their items (by number and short title), the direct
deductions, the bonus, the total, the grade (and the own grades of items, rows
and indicators, where the rulebook gives them bands) and any veto with the
record that triggered it, the notices (a missing figure), and, when asked, the lost
points grouped by office, leader or assessing department.
"""

from __future__ import annotations

from collections.abc import Sequence

from mofan_rules._text import canonical, markdown_text
from mofan_rules._workbook import Cell, Sheet
from mofan_rules.messages import word
from mofan_rules.reports._accountability import (
    UNASSIGNED,
    By,
    Group,
    Groupings,
    accountability,
    group_label,
    groupings,
)
from mofan_rules.reports._common import (
    Places,
    grade_text,
    item_name,
    neg,
    own_grade,
    title_line,
    veto_lines,
)
from mofan_rules.reports._table import table
from mofan_rules.scoring import ScoreReport


def _item_rows(report: ScoreReport, row: int | None, lang: str) -> list[list[str]]:
    out: list[list[str]] = []
    for number, item in sorted(report.items.items()):
        # An item with its own grade is shown even untouched: the grade is news.
        # An earning item shows what it earned, unless the unit's class is not
        # assessed on it (then it has no `earned` at all).
        earning = item.basis == "earn" and item.earned is not None
        shown = item.raw or item.deduction or earning or item.grade is not None
        if item.row != row or not shown:
            continue
        note = ""
        if item.basis == "earn" and item.points is not None:
            note = word(
                "w_earned", lang, earned=canonical(item.earned or 0), points=canonical(item.points)
            )
        elif item.raw != item.deduction:
            note = word("w_capped_from", lang, raw=canonical(item.raw))
        note += own_grade(item.grade_label, lang)
        out.append(["", "  " + item_name(report, number, lang) + note, "", neg(item.deduction), ""])
    return out


def score_rows(report: ScoreReport, lang: str) -> list[list[str]]:
    """The table's body: each row, then its items that counted; then the direct deductions."""
    rows: list[list[str]] = []
    for row in report.rows:
        score = canonical(row.score)
        if row.weight is not None:
            score += " " + word("w_weighted", lang, weight=canonical(row.weight))
        name = row.indicator + own_grade(row.grade_label, lang)
        rows.append([str(row.number), name, canonical(row.points), neg(row.deducted), score])
        rows += _item_rows(report, row.number, lang)
    direct = _item_rows(report, None, lang)
    if direct:
        rows.append(["", word("w_direct", lang), "", "", ""])
        rows += direct
    return rows


def _headers(lang: str) -> list[str]:
    return [word(k, lang) for k in ("w_row", "w_indicator", "w_points", "w_deducted", "w_score")]


def indicator_lines(report: ScoreReport, lang: str) -> list[str]:
    """The indicators that are weighted or graded, one line each: score, weight, grade."""
    lines = []
    for ind in report.indicators:
        grade = own_grade(ind.grade_label, lang)
        if ind.weight is not None:
            weighted = (
                f"{canonical(ind.score)} × {canonical(ind.weight)} = {canonical(ind.weighted)}"
            )
            lines.append(f"  {ind.name}: {weighted}{grade}")
        elif grade:
            lines.append(f"  {ind.name}: {canonical(ind.score)}{grade}")
    return lines


def footer(report: ScoreReport, lang: str, places: Places | None = None) -> list[str]:
    """Bonus, total, the indicators weighted or graded, grade, outcome, the vetoes and the notices."""
    lines = [f"{word('w_bonus', lang)}: +{canonical(report.bonus)}"]
    lines.append(
        f"{word('w_total', lang)}: {canonical(report.total)} / {canonical(report.max_total)}"
    )
    lines += indicator_lines(report, lang)
    grade = grade_text(report, lang)
    if grade:
        lines.append(grade)
    if report.outcome:
        lines.append(f"{word('w_outcome', lang)}: {report.outcome}")
    lines += veto_lines(report, lang, places)
    lines.extend(
        f"{word('w_notices', lang)}: {notice.message_zh if lang == 'zh' else notice.message}"
        for notice in report.notices
    )
    return lines


def group_rows(groups: tuple[Group, ...], report: ScoreReport, lang: str) -> list[list[str]]:
    """One line per office, leader or department: what it lost, in which rows and items."""
    out: list[list[str]] = []
    for group in groups:
        name = group_label(group.name, lang)
        where = ", ".join(str(r) for r in group.rows)
        items = "; ".join(f"{item_name(report, n, lang)} {neg(d)}" for n, _, d in group.items)
        shared = (
            word("w_shared", lang, others="、".join(group.shared_with)) if group.shared_with else ""
        )
        out.append([name, neg(group.lost), where, items + (f" ({shared})" if shared else "")])
    return out


def _group_headers(by: By, lang: str) -> list[str]:
    return [
        word(f"w_group_{by}", lang),
        word("w_lost", lang),
        word("w_row", lang),
        word("w_rows_items", lang),
    ]


def score_table(
    report: ScoreReport,
    max_width: int = 80,
    lang: str = "en",
    *,
    by: Groupings = None,
    places: Places | None = None,
) -> str:
    """The score table: items grouped by scoring row, then bonus, total, grade; and the groups.

    Raises :class:`KeyError` for a grouping other than ``office``,
    ``leader`` or ``department``.
    """
    body = table(
        _headers(lang), score_rows(report, lang), [True, False, True, True, True], max_width
    )
    parts = [title_line(report, lang), "", body, "", *footer(report, lang, places)]
    for each in groupings(by):
        parts += ["", group_table(report, each, lang, max_width)]
    return "\n".join(parts)


def group_table(report: ScoreReport, by: By, lang: str = "en", max_width: int = 80) -> str:
    """The lost points of one report by office, leader or department, as a terminal table.

    Raises :class:`KeyError` for a grouping other than ``office``,
    ``leader`` or ``department``.
    """
    return "\n".join(
        [
            word(f"by_{by}", lang),
            table(
                _group_headers(by, lang),
                group_rows(accountability(report, by), report, lang),
                [False, True, False, False],
                max_width,
            ),
            word("w_shared_note", lang),
        ]
    )


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(markdown_text(c.strip()) for c in cells) + " |"


def score_markdown(
    report: ScoreReport,
    lang: str = "en",
    *,
    by: Groupings = None,
    places: Places | None = None,
) -> str:
    """The score as GitHub-flavoured Markdown; every text from a file is escaped.

    Raises :class:`KeyError` for a grouping other than ``office``,
    ``leader`` or ``department``.
    """
    out = [
        f"# {markdown_text(title_line(report, lang))}",
        "",
        _md_row(_headers(lang)),
        "|---:|---|---:|---:|---:|",
        *(_md_row(row) for row in score_rows(report, lang)),
        "",
        *(f"**{markdown_text(line)}**  " for line in footer(report, lang, places)),
    ]
    for each in groupings(by):
        out += [
            "",
            f"## {markdown_text(word(f'by_{each}', lang))}",
            "",
            _md_row(_group_headers(each, lang)),
            "|---|---:|---|---|",
            *(_md_row(r) for r in group_rows(accountability(report, each), report, lang)),
            "",
            markdown_text(word("w_shared_note", lang)),
        ]
    return "\n".join(out) + "\n"


def score_cells(
    report: ScoreReport,
    lang: str = "en",
    *,
    by: Groupings = None,
    file: str | None = None,
    places: Places | None = None,
) -> list[list[Cell]]:
    """The score as spreadsheet rows of typed cells (numbers stay numbers).

    ``file``, when given, is a column after the unit in every line, the
    groupings' included: units may share a name, the file tells them apart.
    A veto's line names the record that triggered it, at its place in
    ``places``. When items, rows or indicators have grades of their own, a
    grade column holds them.

    Raises :class:`KeyError` for a grouping other than ``office``,
    ``leader`` or ``department``.
    """
    return _cells(
        report,
        lang,
        by=by,
        file=file,
        places=places,
        graded=_has_own_grades(report),
    )


def _outcome_cell(report: ScoreReport, lang: str, places: Places | None) -> str:
    """What a veto set, then each veto with its record, in one cell as the ranking has them."""
    texts = [report.outcome] if report.outcome else []
    return word("w_join", lang).join([*texts, *veto_lines(report, lang, places)])


def _has_own_grades(report: ScoreReport) -> bool:
    """Whether an item, row or indicator of ``report`` has a grade of its own."""
    return (
        any(i.grade is not None for i in report.items.values())
        or any(r.grade is not None for r in report.rows)
        or any(i.grade is not None for i in report.indicators)
    )


def _cells(
    report: ScoreReport,
    lang: str,
    *,
    by: Groupings,
    file: str | None,
    places: Places | None,
    graded: bool,
) -> list[list[Cell]]:
    unit = report.unit or ""

    def line(*cells: Cell, grade: str = "") -> list[Cell]:
        # The grade column is there only when something has a grade of its own.
        return [unit, *cells, grade or None] if graded else [unit, *cells]

    head: list[Cell] = [
        word(code, lang)
        for code in (
            "w_unit",
            "w_row",
            "w_indicator",
            "w_item_col",
            "w_points",
            "w_raw",
            "w_deducted",
            "w_score",
        )
    ]
    rows: list[list[Cell]] = [[*head, word("w_grade", lang)] if graded else list(head)]
    for row in report.rows:
        for number, item in sorted(report.items.items()):
            if item.row == row.number:
                rows.append(
                    line(
                        row.number,
                        row.indicator,
                        item_name(report, number, lang),
                        item.points,
                        item.raw,
                        item.deduction,
                        None,
                        grade=item.grade_label or "",
                    )
                )
        rows.append(
            line(
                row.number,
                row.indicator,
                None,
                row.points,
                row.raw,
                row.deducted,
                row.score,
                grade=row.grade_label or "",
            )
        )
    for ind in report.indicators:
        if ind.grade_label is not None:
            grade = ind.grade_label
            rows.append(
                line(None, ind.name, None, ind.points, None, ind.deducted, ind.score, grade=grade)
            )
    for number, item in sorted(report.items.items()):
        if item.row is None:
            rows.append(
                line(
                    None,
                    word("w_direct", lang),
                    item_name(report, number, lang),
                    None,
                    item.raw,
                    item.deduction,
                    None,
                    grade=item.grade_label or "",
                )
            )
    rows.append(line(None, word("w_bonus", lang), None, None, None, None, report.bonus))
    total = word("w_total", lang)
    rows.append(line(None, total, None, report.max_total, None, report.deducted, report.total))
    if report.grade is not None:
        rows.append(line(None, word("w_grade", lang), report.grade.label, None, None, None, None))
    outcome = _outcome_cell(report, lang, places)
    if outcome:
        rows.append(line(None, word("w_outcome", lang), outcome, None, None, None, None))
    headers = {0}
    for each in groupings(by):
        rows.append([])
        headers.add(len(rows))
        rows.append([word("w_unit", lang), *_group_headers(each, lang)])
        for group in accountability(report, each):
            items = "; ".join(f"{n} {t}: {canonical(d)}" for n, t, d in group.items)
            rows.append(
                [
                    unit,
                    group_label(group.name, lang),
                    group.lost,
                    ", ".join(map(str, group.rows)),
                    items,
                ]
            )
    if file is None:
        return rows
    named = word("w_file", lang)
    return [[r[0], named if i in headers else file, *r[1:]] if r else r for i, r in enumerate(rows)]


def score_sheets(
    reports: list[ScoreReport],
    lang: str,
    *,
    by: Groupings = None,
    files: Sequence[str] | None = None,
    places: Sequence[Places | None] | None = None,
) -> list[Sheet]:
    """Several scores as one workbook sheet, for ``score --out x.xlsx`` (and CSV).

    One header; with groupings, each ledger after the first starts with the
    header again, after a blank line, since a grouping's table comes before it.

    ``files``, one per report, adds a file column (:func:`score_cells`), so
    each ledger's lines and groupings say which ledger they are from.
    ``places``, one per report, places its vetoes' records (:func:`score_cells`);
    the grade column is there when any report needs it.

    Raises :class:`KeyError` for a grouping other than ``office``,
    ``leader`` or ``department``.
    """
    graded = any(_has_own_grades(r) for r in reports)
    rows: list[list[Cell]] = []
    for i, report in enumerate(reports):
        cells = _cells(
            report,
            lang,
            by=by,
            file=None if files is None else files[i],
            places=None if places is None else places[i],
            graded=graded,
        )
        if i == 0:
            rows += cells
        elif groupings(by):  # after a grouping's table: a blank line and the header again
            rows += [[], *cells]
        else:
            rows += cells[1:]
    return [Sheet(word("w_score_sheet", lang), rows, filters=True)]


__all__ = [
    "UNASSIGNED",
    "footer",
    "group_rows",
    "group_table",
    "indicator_lines",
    "score_cells",
    "score_markdown",
    "score_rows",
    "score_sheets",
    "score_table",
]
