"""Reports as one self-contained HTML page: readable on screen, ready to print on A4.

No scripts, fonts or images from the network: one file that can be mailed or
archived. Several units make one page with a section each, every section
starting on a new sheet of paper. Everything from a ledger or rulebook is
escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from html import escape

from mofan_rules._text import canonical, terminal_text
from mofan_rules.messages import word
from mofan_rules.reports._accountability import (
    By,
    Groupings,
    accountability,
    group_label,
    groupings,
)
from mofan_rules.reports._common import (
    Places,
    grade_text,
    item_name,
    own_grade,
    place,
    title_line,
    veto_lines,
)
from mofan_rules.rulebook import Rulebook
from mofan_rules.scoring import ScoreReport

_STYLE = """
@page { size: A4; margin: 14mm 12mm 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
       "WenQuanYi Zen Hei", sans-serif; color: #111; max-width: 186mm; margin: 1.2em auto;
       font-size: 10pt; line-height: 1.4; }
h1 { font-size: 14pt; margin: 0 0 .2em; }
h2 { font-size: 11.5pt; margin: 1em 0 .3em; break-after: avoid; page-break-after: avoid; }
.meta { color: #444; margin: 0 0 .6em; }
.total { font-size: 13pt; font-weight: 700; margin: .3em 0; }
.outcome { color: #a00; font-weight: 700; }
table { border-collapse: collapse; width: 100%; margin: .3em 0 .8em; table-layout: fixed; }
th, td { border: 1px solid #999; padding: .15em .35em; vertical-align: top;
         overflow-wrap: anywhere; word-break: break-word; }
th { background: #eee; font-weight: 600; }
td.n, th.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.row td { font-weight: 600; background: #fafafa; }
tr.item td.t { padding-left: 1.2em; }
.score col.c-no { width: 7%; } .score col.c-name { width: 41%; } .score col.c-n { width: 8%; }
.score col.c-p { width: 14%; }
.trail { font-size: 8.5pt; }
.trail col.t-o { width: 17%; } .trail col.t-i { width: 17%; } .trail col.t-r { width: 30%; }
.trail col.t-e { width: 18%; } .trail col.t-a { width: 11%; } .trail col.t-s { width: 7%; }
.groups col.g-n { width: 24%; } .groups col.g-l { width: 9%; } .groups col.g-r { width: 10%; }
.signatures { margin-top: 1.4em; white-space: pre-wrap; }
section.unit + section.unit { break-before: page; page-break-before: always; }
@media print {
  body { margin: 0; max-width: none; }
  tr, .signatures { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
}
"""


def _page(title: str, body: list[str], lang: str) -> str:
    html_lang = "zh-CN" if lang == "zh" else "en"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{html_lang}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_e(title)}</title>",
            f"<style>{_STYLE}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


def _e(text: object) -> str:
    # Escaped for HTML, and control characters shown rather than passed on.
    return escape(terminal_text(str(text), one_line=True))


def _section(
    report: ScoreReport,
    lang: str,
    *,
    by: Groupings,
    places: Places | None,
    scored_on: dt.date | None,
    labels: Mapping[str, str],
) -> list[str]:
    meta = [word("w_edition", lang, title=report.rulebook.title, version=report.rulebook.version)]
    if report.period is not None:
        meta.append(word("w_period", lang, start=report.period.start, end=report.period.end))
    if report.unit_class:
        meta.append(word("w_class", lang, label=labels.get(report.unit_class, report.unit_class)))
    if scored_on is not None:
        meta.append(word("w_scored_on", lang, date=scored_on.isoformat()))
    out = [
        '<section class="unit">',
        f"<h1>{_e(report.unit or word('w_unnamed', lang))}</h1>",
        f'<p class="meta">{" · ".join(_e(m) for m in meta)}</p>',
        f'<p class="total" id="total">{_e(word("w_total", lang))}: {canonical(report.total)} / '
        f"{canonical(report.max_total)}</p>",
    ]
    grade = grade_text(report, lang)
    if grade:
        out.append(f'<p class="grade">{_e(grade)}</p>')
    out += [
        f'<p class="grade">{_e(ind.name)}: {canonical(ind.score)}'
        f"{_e(own_grade(ind.grade_label, lang))}</p>"
        for ind in report.indicators
        if ind.grade is not None
    ]
    if report.outcome:
        out.append(f'<p class="outcome">{_e(word("w_outcome", lang))}: {_e(report.outcome)}</p>')
    out += [f'<p class="outcome">{_e(line)}</p>' for line in veto_lines(report, lang, places)]
    out += _score_table(report, lang)
    out.append(f"<p>{_e(word('w_bonus', lang))}: +{canonical(report.bonus)}</p>")
    for each in groupings(by):
        out += _groups(report, each, lang)
    out += _trail(report, lang, places, labels)
    for notice in report.notices:
        out.append(
            f"<p>{_e(word('w_notices', lang))}: {_e(notice.message_zh if lang == 'zh' else notice.message)}</p>"
        )
    out += [f'<p class="signatures">{_e(word("w_signatures", lang))}</p>', "</section>"]
    return out


def _score_table(report: ScoreReport, lang: str) -> list[str]:
    heads = ("w_row", "w_indicator", "w_points", "w_deducted", "w_score", "w_leaders", "w_offices")
    out = [
        '<table class="score"><colgroup><col class="c-no"><col class="c-name"><col class="c-n">'
        '<col class="c-n"><col class="c-n"><col class="c-p"><col class="c-p"></colgroup>',
        "<thead><tr>"
        + "".join(
            f'<th class="{"n" if k in ("w_points", "w_deducted", "w_score") else ""}">{_e(word(k, lang))}</th>'
            for k in heads
        )
        + "</tr></thead><tbody>",
    ]
    for row in report.rows:
        name = row.indicator + own_grade(row.grade_label, lang)
        out.append(
            f'<tr class="row"><td class="n">{row.number}</td><td>{_e(name)}</td>'
            f'<td class="n">{canonical(row.points)}</td><td class="n">{canonical(row.deducted)}</td>'
            f'<td class="n">{canonical(row.score)}</td><td>{_e("、".join(row.leaders))}</td>'
            f"<td>{_e('、'.join(row.responsible_offices))}</td></tr>"
        )
        out += _item_lines(report, row.number, lang)
    direct = _item_lines(report, None, lang)
    if direct:
        out.append(
            f'<tr class="row"><td></td><td colspan="6">{_e(word("w_direct", lang))}</td></tr>'
        )
        out += direct
    out.append("</tbody></table>")
    return out


def _item_lines(report: ScoreReport, row: int | None, lang: str) -> list[str]:
    out = []
    for number, item in sorted(report.items.items()):
        # An item with its own grade is shown even untouched, as in the terminal table.
        if item.row != row or not (item.raw or item.deduction or item.grade is not None):
            continue
        note = ""
        if item.raw != item.deduction and item.basis == "deduct":
            note = word("w_capped_from", lang, raw=canonical(item.raw))
        note += own_grade(item.grade_label, lang)
        out.append(
            f'<tr class="item"><td></td><td class="t">{_e(item_name(report, number, lang) + note)}</td>'
            f'<td></td><td class="n">{canonical(item.deduction)}</td><td></td><td></td><td></td></tr>'
        )
    return out


def _groups(report: ScoreReport, by: By, lang: str) -> list[str]:
    out = [
        f"<h2>{_e(word(f'by_{by}', lang))}</h2>",
        '<table class="groups"><colgroup><col class="g-n"><col class="g-l"><col class="g-r"><col>'
        "</colgroup><thead><tr>"
        f'<th>{_e(word(f"w_group_{by}", lang))}</th><th class="n">{_e(word("w_lost", lang))}</th>'
        f"<th>{_e(word('w_row', lang))}</th><th>{_e(word('w_rows_items', lang))}</th></tr></thead><tbody>",
    ]
    for group in accountability(report, by):
        items = word("w_join", lang).join(
            f"{item_name(report, n, lang)} {canonical(d)}" for n, _, d in group.items
        )
        out.append(
            f"<tr><td>{_e(group_label(group.name, lang))}</td>"
            f'<td class="n">{canonical(group.lost)}</td><td>{_e(", ".join(map(str, group.rows)))}</td>'
            f"<td>{_e(items)}</td></tr>"
        )
    out += ["</tbody></table>", f'<p class="meta">{_e(word("w_shared_note", lang))}</p>']
    return out


def _trail(
    report: ScoreReport, lang: str, places: Places | None, labels: Mapping[str, str]
) -> list[str]:
    lines = [t for t in report.trail if t.value or t.share or t.veto]
    if not lines:
        return []
    heads = (
        ("t-o", "w_origin"),
        ("t-i", "w_item_col"),
        ("t-r", "w_rule"),
        ("t-e", "w_evidence"),
        ("t-a", "w_amount_count"),
        ("t-s", "w_counts"),
    )
    out = [
        f"<h2>{_e(word('w_trail', lang))}</h2>",
        '<table class="trail"><colgroup>'
        + "".join(f'<col class="{c}">' for c, _ in heads)
        + "</colgroup>",
        "<thead><tr>"
        + "".join(f"<th>{_e(word(k, lang))}</th>" for _, k in heads)
        + "</tr></thead><tbody>",
    ]
    for line in lines:
        facts = " · ".join(str(x) for x in (line.date, line.case, line.evidence, line.note) if x)
        detail = (line.detail_zh if lang == "zh" else line.detail) or ""
        amount = f"{canonical(line.amount)} × {canonical(line.count)}"
        if line.modifiers or line.factor != 1:
            amount += f" × {canonical(line.factor)}"
        if line.rule == "remainder":
            amount = canonical(line.value)
        rule = _e(line.label) + (f"<br><small>{_e(detail)}</small>" if detail else "")
        if line.veto:
            rule += f"<br><b>{_e(line.veto)}</b>"
        what = (
            item_name(report, line.item, lang) if line.item is not None else word("w_bonus", lang)
        )
        out.append(
            f"<tr><td>{_e(place(line, places, lang, labels))}</td><td>{_e(what)}</td>"
            f"<td>{rule}</td><td>{_e(facts)}</td>"
            f'<td class="n">{_e(amount)}</td><td class="n">{canonical(line.share)}</td></tr>'
        )
    out.append("</tbody></table>")
    return out


def score_html(
    reports: Sequence[ScoreReport],
    lang: str = "en",
    *,
    by: Groupings = None,
    places: Sequence[Places | None] | None = None,
    scored_on: dt.date | None = None,
    labels: Mapping[str, str] | None = None,
) -> str:
    """One page for one or several units: a section each, each ready to print on A4.

    Raises :class:`IndexError` when ``reports`` is empty, and
    :class:`KeyError` for a grouping other than ``office``, ``leader`` or
    ``department``.
    """
    body: list[str] = []
    for i, report in enumerate(reports):
        where = places[i] if places is not None and i < len(places) else None
        body += _section(
            report,
            lang,
            by=by,
            places=where,
            scored_on=scored_on,
            labels=labels or {},
        )
    title = title_line(reports[0], lang) if len(reports) == 1 else reports[0].rulebook.title
    return _page(title, body, lang)


def rulebook_html(rulebook: Rulebook, lang: str = "zh") -> str:
    """The rulebook printed back as the table, with the source's columns.

    Raises nothing: any rulebook the model accepts can be printed.
    """
    cols = ("考评指标", "考评办法", "分值", "责任领导", "考核部门", "本会责任部室")
    body = [
        f"<h1>{_e(rulebook.title)}</h1>",
        f'<p class="meta">{_e(rulebook.id)} {_e(rulebook.version)} · {_e(rulebook.unit)} · '
        f"{rulebook.effective.start} – {rulebook.effective.end}</p>",
        *(
            [
                f'<p class="meta">{_e(word("r_overlay_of", lang, id=rulebook.base.id, version=rulebook.base.version))}</p>'
            ]
            if rulebook.base is not None
            else []
        ),
        "<table><thead><tr>" + "".join(f"<th>{c}</th>" for c in cols) + "</tr></thead><tbody>",
    ]
    for indicator in rulebook.indicators:
        for row in indicator.rows:
            method = [_e(item.source) for item in row.items]
            method += [_e(b.source) for b in rulebook.bonuses if b.row == row.number]
            cells = [
                _e(indicator.name),
                "<br>".join(method),
                f"{canonical(row.points)}分",
                _e("、".join(row.leaders)),
                _e("、".join(row.assessing_departments)),
                _e("、".join(row.responsible_offices)),
            ]
            body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    body.append("</tbody></table>")
    if rulebook.direct_deductions is not None:
        body.append(f"<h2>{_e(rulebook.direct_deductions.title)}</h2>")
        body += [f"<p>{_e(item.source)}</p>" for item in rulebook.direct_deductions.items]
    return _page(rulebook.title, body, lang)


__all__ = ["rulebook_html", "score_html"]
