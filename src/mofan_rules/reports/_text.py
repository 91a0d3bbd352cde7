"""Reports as text people read: a score table that lines up with Chinese text.

A CJK character takes two terminal columns, so widths are counted with
``unicodedata.east_asian_width`` rather than ``len``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from .model import PerOccurrence, Rank, Rulebook, Shortfall, Situation
from .report import ScoreReport, TrailEntry, canonical


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: 2 for wide (CJK) characters, 0 for combining marks."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _fit(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` columns, marking the cut with an ellipsis."""
    if display_width(text) <= width:
        return text
    out, used = "", 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out += ch
        used += w
    return out + "…"


def _pad(text: str, width: int, right: bool) -> str:
    text = _fit(text, width)
    gap = " " * (width - display_width(text))
    return gap + text if right else text + gap


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: Sequence[bool],
    max_width: int = 80,
) -> str:
    """A plain-text table; the widest text column shrinks to fit ``max_width``."""
    widths = [
        max([display_width(h)] + [display_width(r[i]) for r in rows]) for i, h in enumerate(headers)
    ]
    overflow = sum(widths) + 2 * (len(widths) - 1) - max_width
    if overflow > 0:
        text_cols = [i for i, n in enumerate(numeric) if not n]
        widest = max(text_cols, key=lambda i: widths[i])
        widths[widest] = max(8, widths[widest] - overflow)

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            _pad(c, w, n) for c, w, n in zip(cells, widths, numeric, strict=True)
        ).rstrip()

    rule = "  ".join("─" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


# Words of the reports, in English and Chinese (--lang en|zh).
WORDS: dict[str, dict[str, str]] = {
    "row": {"en": "row", "zh": "栏"},
    "indicator": {"en": "indicator (考评指标)", "zh": "考评指标"},
    "points": {"en": "points", "zh": "分值"},
    "deducted": {"en": "deducted", "zh": "扣分"},
    "score": {"en": "score", "zh": "得分"},
    "item": {"en": "item {n}", "zh": "第{n}项"},
    "capped_from": {"en": " (capped from {raw})", "zh": "（封顶前 {raw}）"},
    "bonus": {"en": "bonus (加分)", "zh": "加分"},
    "total": {"en": "total (总分)", "zh": "总分"},
    "unnamed": {"en": "(unit not named)", "zh": "（未填写单位）"},
    "cap": {"en": "cap", "zh": "上限"},
    "no_cap": {"en": "no item cap", "zh": "无单项上限"},
    "rule": {"en": "rule", "zh": "规则"},
    "source": {"en": "source", "zh": "原文"},
    "cut_by": {"en": "cut by", "zh": "封顶"},
    "remained": {"en": "counts", "zh": "计入"},
    "caps_cut": {"en": "caps that cut", "zh": "封顶情况"},
    "nothing": {"en": "nothing recorded", "zh": "无扣分记录"},
    "item_total": {"en": "item {n} deducts", "zh": "第{n}项扣分"},
    "award": {"en": "award", "zh": "表彰"},
    "bonus_total": {"en": "bonus added", "zh": "加分合计"},
    "trail": {"en": "Trail: what each record cost", "zh": "扣分依据"},
    "origin": {"en": "line", "zh": "台账行"},
    "item_col": {"en": "item", "zh": "条目"},
    "evidence": {"en": "date · evidence · note", "zh": "日期 · 依据 · 备注"},
    "amount_count": {"en": "amount × count", "zh": "分值 × 次数"},
}


def word(key: str, lang: str = "en", **params: object) -> str:
    """A report word in ``lang`` (``en`` or ``zh``), with ``{placeholders}`` filled in."""
    forms = WORDS[key]
    return (forms.get(lang) or forms["en"]).format(**params)


def _neg(value: Decimal) -> str:
    text = canonical(value)
    return "0" if text == "0" else f"-{text}"


def _items_by_row(report: ScoreReport) -> dict[int, list[int]]:
    by_row: dict[int, list[int]] = {}
    for number, item in sorted(report.items.items()):
        by_row.setdefault(item.row, []).append(number)
    return by_row


def _title(report: ScoreReport, lang: str) -> str:
    return (
        f"{report.unit or word('unnamed', lang)} — {report.rulebook.id} {report.rulebook.version}"
    )


def _score_rows(report: ScoreReport, lang: str) -> list[list[str]]:
    rows: list[list[str]] = []
    by_row = _items_by_row(report)
    for row in report.rows:
        points, score = canonical(row.points), canonical(row.score)
        rows.append([f"{row.number}", row.indicator, points, _neg(row.deducted), score])
        for number in by_row.get(row.number, []):
            item = report.items[number]
            if item.raw or item.deduction:
                cut = (
                    word("capped_from", lang, raw=canonical(item.raw))
                    if item.raw != item.deduction
                    else ""
                )
                rows.append(
                    ["", "  " + word("item", lang, n=number) + cut, "", _neg(item.deduction), ""]
                )
    return rows


def _headers(lang: str) -> list[str]:
    return [word(k, lang) for k in ("row", "indicator", "points", "deducted", "score")]


def _footer(report: ScoreReport, lang: str) -> list[str]:
    bonus = f"{word('bonus', lang)}: +{canonical(report.bonus.bonus)}"
    if report.bonus.raw != report.bonus.bonus:
        bonus += word("capped_from", lang, raw=canonical(report.bonus.raw))
    total = f"{word('total', lang)}: {canonical(report.total)} / {canonical(report.max_total)}"
    return [bonus, total]


def score_table(report: ScoreReport, max_width: int = 80, lang: str = "en") -> str:
    """The score table: items grouped by scoring row, then the bonus and the total."""
    numeric = [True, False, True, True, True]
    body = table(_headers(lang), _score_rows(report, lang), numeric, max_width)
    return "\n".join([_title(report, lang), "", body, "", *_footer(report, lang)])


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def score_markdown(report: ScoreReport, lang: str = "en") -> str:
    """The score table as GitHub-flavoured Markdown."""
    head = _headers(lang)
    out = [
        f"# {_title(report, lang)}",
        "",
        "| " + " | ".join(head) + " |",
        "|---:|---|---:|---:|---:|",
    ]
    out += [
        "| " + " | ".join(_md_cell(c.strip()) for c in row) + " |"
        for row in _score_rows(report, lang)
    ]
    return "\n".join([*out, "", *(f"**{line}**  " for line in _footer(report, lang))]) + "\n"


def score_csv_rows(report: ScoreReport, lang: str = "en") -> list[list[str]]:
    """The score as spreadsheet rows: one per item, then the bonus and the total."""
    rows = [
        [
            word("row", lang),
            word("indicator", lang),
            "item",
            word("points", lang),
            "raw",
            word("deducted", lang),
            word("score", lang),
        ]
    ]
    by_row = _items_by_row(report)
    for row in report.rows:
        for number in by_row.get(row.number, []):
            item = report.items[number]
            rows.append(
                [
                    str(row.number),
                    row.indicator,
                    str(number),
                    canonical(row.points),
                    canonical(item.raw),
                    canonical(item.deduction),
                    "",
                ]
            )
        rows.append(
            [
                str(row.number),
                row.indicator,
                "",
                canonical(row.points),
                canonical(row.raw),
                canonical(row.deducted),
                canonical(row.score),
            ]
        )
    rows.append(
        [
            "",
            word("bonus", lang),
            "",
            "",
            canonical(report.bonus.raw),
            "",
            canonical(report.bonus.bonus),
        ]
    )
    rows.append(
        [
            "",
            word("total", lang),
            "",
            canonical(report.max_total),
            "",
            canonical(report.deducted),
            canonical(report.total),
        ]
    )
    return rows


def explain_text(
    report: ScoreReport, rulebook: Rulebook, item: int | None = None, lang: str = "en"
) -> str:
    """The trail in words: each record → rule and source → amount × count → modifiers → caps → share."""
    modifiers = {m.key: m.label for m in rulebook.modifiers}
    out = [
        f"{_title(report, lang)} — {word('total', lang)} {canonical(report.total)} / {canonical(report.max_total)}"
    ]
    rows = {r.number: r for r in report.rows}
    numbers = [item] if item is not None else sorted(report.items)
    for number in numbers:
        result = report.items[number]
        lines = [t for t in report.trail if t.item == number]
        if item is None and not lines:
            continue
        row = rows[result.row]
        cap = (
            f"{word('cap', lang)} {canonical(result.cap)}"
            if result.cap is not None
            else word("no_cap", lang)
        )
        out += [
            "",
            f"{word('item', lang, n=number)} · {word('row', lang)} {row.number} {row.indicator} · {cap}",
        ]
        if not lines:
            out.append("  " + word("nothing", lang))
        for line in lines:
            out += _explain_line(line, modifiers, lang)
        for cut in result.cuts:
            out.append(
                f"  {word('caps_cut', lang)}: {cut.label}: {canonical(cut.before)} → "
                f"{canonical(cut.before - cut.cut)} (−{canonical(cut.cut)})"
            )
        out.append(f"  = {word('item_total', lang, n=number)} {canonical(result.deduction)}")
    awards = [t for t in report.trail if t.kind == "award"]
    if awards and item is None:
        out += ["", word("bonus", lang)]
        for line in awards:
            out += _explain_line(line, modifiers, lang)
        out.append(f"  = {word('bonus_total', lang)} {canonical(report.bonus.bonus)}")
    return "\n".join(out)


def _explain_line(line: TrailEntry, modifiers: dict[str, str], lang: str) -> list[str]:
    facts = " · ".join(str(x) for x in (line.origin, line.date, line.evidence, line.note) if x)
    rule = line.situation + (f".{line.tier}" if line.tier else "")
    out = [
        f"  {facts}",
        f"    {word('rule', lang)}: {rule} {line.label}",
        f"    {word('source', lang)}: {line.source}",
    ]
    if line.detail:
        out.append(f"    {line.detail}")
    sum_ = f"{canonical(line.amount)} × {line.count}"
    if line.modifiers:
        names = "、".join(modifiers.get(m, m) for m in line.modifiers)
        sum_ += f" × {canonical(line.factor)} ({names})"
    if line.rule != "remainder":  # the remainder's detail already shows its sum
        out.append(f"    {sum_} = {canonical(line.value)}")
    if line.cut_by:
        out.append(f"    {word('cut_by', lang)}: {', '.join(line.cut_by)}")
    out.append(f"    → {word('remained', lang)} {canonical(line.share)}")
    return out


def rulebook_markdown(rulebook: Rulebook) -> str:
    """The rulebook printed back as the task breakdown table, for proofreading against paper."""
    out = [
        f"# {rulebook.title}",
        "",
        f"{rulebook.id} {rulebook.version} · {rulebook.unit} · "
        f"{rulebook.effective.start} – {rulebook.effective.end} · {canonical(rulebook.total_points)}分",
        "",
        "| 考评指标 | 考评办法 | 分值 | 责任领导 | 考核部门 | 本会责任部室 |",
        "|---|---|---:|---|---|---|",
    ]
    for indicator in rulebook.indicators:
        for row in indicator.rows:
            method = "<br>".join(_md_cell(item.source) for item in row.items)
            if rulebook.bonus and rulebook.bonus.row == row.number:
                method += "<br>" + _md_cell(rulebook.bonus.source)
            cells = [
                indicator.name,
                method,
                f"{canonical(row.points)}分",
                "、".join(row.leaders),
                "、".join(row.assessing_departments),
                "、".join(row.responsible_offices),
            ]
            out.append("| " + " | ".join(cells) + " |")
    out += ["", "## 扣分规则明细 (what the rulebook reads)", ""]
    for item in rulebook.items:
        cap = (
            f"此项最多扣{canonical(item.cap)}分"
            if item.cap is not None
            else "扣完为止（本栏剩余分值）"
        )
        out.append(f"- **{item.number}** ({cap})")
        out += [f"  - `{s.key}` {s.label}: {_rule_words(s)}" for s in item.situations]
        out += [
            f"  - 封顶 `{c.key}`: {', '.join(c.applies_to)} ≤ {canonical(c.limit)} ({c.source})"
            for c in item.caps
        ]
    if rulebook.bonus:
        b = rulebook.bonus
        amounts = "; ".join(
            f"{lv.label}: " + ", ".join(f"{k} +{canonical(v)}" for k, v in lv.amounts.items())
            for lv in b.levels
        )
        out.append(
            f"- **加分** (≤ {canonical(b.cap)}): {amounts}; modifiers: {', '.join(b.modifiers) or '—'}"
        )
    return "\n".join(out) + "\n"


def _rule_words(sit: Situation) -> str:
    if isinstance(sit, PerOccurrence):
        if sit.tiers:
            text = " / ".join(f"{t.label} {canonical(t.amount)}" for t in sit.tiers)
        else:
            text = f"每次 {canonical(sit.amount or Decimal(0))}"
        if sit.max_count:
            text += f"（至多 {sit.max_count} 次）"
        if sit.modifiers:
            text += f"（可调整：{', '.join(sit.modifiers)}）"
        return text
    if isinstance(sit, Shortfall):
        return f"应 {sit.required} 次（{sit.measure}），每少 1 次 {canonical(sit.amount)}"
    if isinstance(sit, Rank):
        where = (
            f"第 {sit.places} 名以后" if sit.mode.value == "below_place" else f"后 {sit.places} 位"
        )
        cond = f"且得分低于 {canonical(sit.score_below)}" if sit.score_below is not None else ""
        return f"{sit.measure}: {where}{cond}每个位次 {canonical(sit.amount)}（并列：{sit.ties.value}）"
    return f"剩余分值 ×（1 − {sit.measure}）"


def interpretations_markdown(rulebook: Rulebook) -> str:
    """``docs/interpretations.md``: every reading the rulebook chose, with the source wording."""
    out = [
        "# Interpretations (解释口径)",
        "",
        f"<!-- Generated from rulebooks by scripts/generate_docs.py from {rulebook.id} {rulebook.version}; "
        "edit the rulebook's `interpretations:` and regenerate. -->",
        "",
        "Where the source table leaves a choice open, the rulebook makes it, and the choice is a value in",
        "the file: change the values listed under each reading to adopt another one. READING.md",
        "(`docs/source/READING.md`) is where these readings come from.",
        "",
    ]
    data = rulebook.model_dump(mode="json")
    for number, interp in enumerate(rulebook.interpretations, start=1):
        out += [
            f"## {number}. {interp.title}",
            "",
            f"`{interp.key}`",
            "",
            f"> {interp.source}",
            "",
            interp.reading,
            "",
            "Values that carry it:",
            "",
            *[f"- `{pointer}`{_shown(data, pointer)}" for pointer in interp.values],
            "",
        ]
    return "\n".join(out)


def _shown(data: object, pointer: str) -> str:
    """`` = value`` for a scalar at ``pointer`` (lists and mappings are left to the file)."""
    node = data
    for part in pointer.split("/")[1:]:
        node = node[int(part)] if isinstance(node, list) else node[part]  # type: ignore[index]
    if isinstance(node, dict | list):
        return ""
    return f" = `{node}`"
