"""Reports as one self-contained HTML page: readable on screen, printable on A4.

No scripts, fonts or images from the network: the page is a single file that
can be mailed or archived. Everything from a ledger or rulebook is escaped.
"""

from __future__ import annotations

from html import escape

from .model import Rulebook
from .render import word
from .report import ScoreReport, canonical

_STYLE = """
@page { size: A4; margin: 15mm 12mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
       "WenQuanYi Zen Hei", sans-serif; color: #111; max-width: 190mm; margin: 1.5em auto; font-size: 11pt; line-height: 1.45; }
h1 { font-size: 16pt; margin: 0 0 .2em; }
.meta { color: #555; margin-bottom: 1em; }
table { border-collapse: collapse; width: 100%; margin: .6em 0 1.2em; }
th, td { border: 1px solid #999; padding: .25em .45em; vertical-align: top; }
th { background: #eee; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.row td { font-weight: 600; background: #fafafa; }
tr.item td { color: #333; }
.total { font-size: 15pt; font-weight: 700; }
.trail { font-size: 9.5pt; }
.trail td { border-color: #ccc; }
.trail { table-layout: fixed; }
.trail td.o { color: #555; word-break: break-all; }
.trail th.o { width: 6.5em; } .trail th.i { width: 2.5em; } .trail th.a { width: 6em; } .trail th.s { width: 3.5em; }
@media print { body { margin: 0; max-width: none; } tr { page-break-inside: avoid; } }
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
            f"<title>{escape(title)}</title>",
            f"<style>{_STYLE}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


def score_html(report: ScoreReport, lang: str = "en") -> str:
    """The score report: rows with their items, bonus and total, then the trail."""
    title = (
        f"{report.unit or word('unnamed', lang)} — {report.rulebook.id} {report.rulebook.version}"
    )
    head = "".join(
        f"<th>{escape(word(k, lang))}</th>"
        for k in ("row", "indicator", "points", "deducted", "score")
    )
    body = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{escape(report.rulebook.content_hash)}</p>',
        f'<p class="total" id="total">{escape(word("total", lang))}: {canonical(report.total)} / '
        f"{canonical(report.max_total)}</p>",
        f"<table><thead><tr>{head}</tr></thead><tbody>",
    ]
    by_row: dict[int, list[int]] = {}
    for number, item in sorted(report.items.items()):
        by_row.setdefault(item.row, []).append(number)
    for row in report.rows:
        body.append(
            f'<tr class="row"><td class="n">{row.number}</td><td>{escape(row.indicator)}</td>'
            f'<td class="n">{canonical(row.points)}</td><td class="n">{canonical(row.deducted)}</td>'
            f'<td class="n">{canonical(row.score)}</td></tr>'
        )
        for number in by_row.get(row.number, []):
            item = report.items[number]
            if not (item.raw or item.deduction):
                continue
            cut = (
                word("capped_from", lang, raw=canonical(item.raw))
                if item.raw != item.deduction
                else ""
            )
            body.append(
                f'<tr class="item"><td></td><td>{escape(word("item", lang, n=number) + cut)}</td><td></td>'
                f'<td class="n">{canonical(item.deduction)}</td><td></td></tr>'
            )
    bonus = canonical(report.bonus.bonus)
    body += [
        "</tbody></table>",
        f"<p>{escape(word('bonus', lang))}: +{bonus}</p>",
        f"<h2>{escape(word('trail', lang))}</h2>",
        '<table class="trail"><thead><tr>'
        + "".join(
            f'<th class="{c}">{escape(word(k, lang))}</th>'
            for c, k in (
                ("o", "origin"),
                ("", "item_col"),
                ("", "rule"),
                ("", "evidence"),
                ("", "amount_count"),
                ("", "remained"),
            )
        )
        + "</tr></thead><tbody>",
    ]
    for line in report.trail:
        if not line.value and not line.share:
            continue
        rule = line.situation + (f".{line.tier}" if line.tier else "")
        facts = " · ".join(str(x) for x in (line.date, line.evidence, line.note) if x)
        amount = f"{canonical(line.amount)} × {line.count}"
        if line.modifiers:
            amount += f" × {canonical(line.factor)}"
        body.append(
            f'<tr><td class="o">{escape(line.origin)}</td><td>{line.item or ""}</td>'
            f"<td>{escape(rule)}<br>{escape(line.label)}</td><td>{escape(facts)}</td>"
            f'<td class="n">{escape(amount)}</td><td class="n">{canonical(line.share)}</td></tr>'
        )
    body.append("</tbody></table>")
    return _page(title, body, lang)


def rulebook_html(rulebook: Rulebook) -> str:
    """The rulebook printed back as the task breakdown table, with the source's columns."""
    cols = ("考评指标", "考评办法", "分值", "责任领导", "考核部门", "本会责任部室")
    body = [
        f"<h1>{escape(rulebook.title)}</h1>",
        f'<p class="meta">{escape(rulebook.id)} {escape(rulebook.version)} · {escape(rulebook.unit)} · '
        f"{rulebook.effective.start} – {rulebook.effective.end}</p>",
        "<table><thead><tr>" + "".join(f"<th>{c}</th>" for c in cols) + "</tr></thead><tbody>",
    ]
    for indicator in rulebook.indicators:
        for row in indicator.rows:
            method = [escape(item.source) for item in row.items]
            if rulebook.bonus and rulebook.bonus.row == row.number:
                method.append(escape(rulebook.bonus.source))
            cells = [
                escape(indicator.name),
                "<br>".join(method),
                f"{canonical(row.points)}分",
                escape("、".join(row.leaders)),
                escape("、".join(row.assessing_departments)),
                escape("、".join(row.responsible_offices)),
            ]
            body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    body.append("</tbody></table>")
    return _page(rulebook.title, body, "zh")
