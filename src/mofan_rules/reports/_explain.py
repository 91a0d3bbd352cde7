"""The trail in words: each record → its rule and source → amount × count → caps → what counted."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from mofan_rules._text import canonical
from mofan_rules.messages import word
from mofan_rules.reports._accountability import Groupings, groupings
from mofan_rules.reports._common import (
    Places,
    grade_text,
    item_name,
    own_grade,
    place,
    title_line,
)
from mofan_rules.reports._score import group_table, indicator_lines
from mofan_rules.rulebook import Rulebook
from mofan_rules.scoring import ScoreReport, TrailEntry


def explain_text(
    report: ScoreReport,
    rulebook: Rulebook,
    item: int | None = None,
    lang: str = "en",
    *,
    places: Places | None = None,
    by: Groupings = None,
    max_width: int = 80,
) -> str:
    """Every item that counted (or only ``item``), line by line, then the bonus and the outcome.

    With ``by``, the lost points grouped by office, leader or department follow.

    Raises :class:`KeyError` for an ``item`` the report does not have, or a
    grouping other than ``office``, ``leader`` or ``department``.
    """
    names = _Names(
        modifiers={m.key: m.label for m in rulebook.modifiers},
        factors={m.key: m.factor for m in rulebook.modifiers},
        figures={m.key: m.label for m in rulebook.measures},
        cuts=_cut_words(report, lang),
    )
    head = f"{title_line(report, lang)} — {word('w_total', lang)} {canonical(report.total)} / {canonical(report.max_total)}"
    out = [head]
    grade = grade_text(report, lang)
    if grade:
        out.append(grade)
    rows = {r.number: r for r in report.rows}
    numbers = [item] if item is not None else sorted(report.items)
    for number in numbers:
        result = report.items[number]
        lines = [t for t in report.trail if t.item == number]
        if item is None and not lines and not result.deduction:
            continue
        if result.row is not None:
            row = rows[result.row]
            where = f"{word('w_row', lang)} {row.number} {row.indicator}"
            where += own_grade(row.grade_label, lang)
        else:
            where = word("w_direct", lang)
        cap = (
            f"{word('w_cap', lang)} {canonical(result.cap)}"
            if result.cap is not None
            else word("w_no_cap", lang)
        )
        out += ["", f"{item_name(report, number, lang)} · {where} · {cap}"]
        if not lines:
            out.append("  " + word("w_nothing", lang))
        for line in lines:
            out += _line(line, names, places, lang)
        for cut in result.cuts:
            out.append(
                f"  {word('w_caps_cut', lang)}: {names.cuts[cut.key]}: {canonical(cut.before)} → "
                f"{canonical(cut.before - cut.cut)} (−{canonical(cut.cut)})"
            )
        if result.basis == "earn":
            out.append(
                f"  = {word('w_item_earned', lang, n=number)} {canonical(result.earned or 0)}"
            )
        out.append(
            f"  = {word('w_item_total', lang, n=number)} {canonical(result.deduction)}"
            + own_grade(result.grade_label, lang)
        )
    bonus_lines = [t for t in report.trail if t.item is None]
    if bonus_lines and item is None:
        out += ["", word("w_bonus", lang)]
        for line in bonus_lines:
            out += _line(line, names, places, lang)
        out.append(f"  = {word('w_bonus_total', lang)} {canonical(report.bonus)}")
    if item is None:
        graded = indicator_lines(report, lang)
        if graded:
            out += ["", word("w_indicator", lang), *graded]
        if report.outcome:
            out += ["", f"{word('w_outcome', lang)}: {report.outcome}"]
        out += [
            f"{word('w_notices', lang)}: {n.message_zh if lang == 'zh' else n.message}"
            for n in report.notices
        ]
    for each in groupings(by):
        out += ["", group_table(report, each, lang, max_width)]
    return "\n".join(out)


@dataclass(frozen=True, slots=True)
class _Names:
    """What a trail line names by key, in words: modifiers, figures, the caps that cut."""

    modifiers: Mapping[str, str]
    factors: Mapping[str, Decimal]
    figures: Mapping[str, str]
    cuts: Mapping[str, str]


def _cut_words(report: ScoreReport, lang: str) -> dict[str, str]:
    """Every cap that cut, by its key, in words: what a line's "cut by" names."""
    words = {
        cut.key: cut.label_en if lang == "en" else cut.label
        for result in report.items.values()
        for cut in result.cuts
    }
    for bonus in report.bonuses:
        words[f"bonus_{bonus.key}"] = word("cut_bonus", lang, label=bonus.label, cap=bonus.cap)
    return words


def _line(line: TrailEntry, names: _Names, places: Places | None, lang: str) -> list[str]:
    facts = " · ".join(
        str(x)
        for x in (
            place(line, places, lang, names.figures),
            line.date,
            line.case,
            line.evidence,
            line.note,
        )
        if x
    )
    rule = line.situation + (f".{line.tier}" if line.tier else "")
    out = [
        f"  {facts}",
        f"    {word('w_rule', lang)}: {rule} {line.label}",
        f"    {word('w_source', lang)}: {line.source}",
    ]
    if line.detail:
        out.append(f"    {_detail(line, lang)}")
    total = f"{canonical(line.amount)} × {canonical(line.count)}"
    if line.multiplier != 1:
        total += f" × {canonical(line.multiplier)}"
    if all(m in names.factors for m in line.modifiers):
        # Each modifier with its own factor: the multiplier and they make the factor.
        for m in line.modifiers:
            total += f" × {canonical(names.factors[m])} ({names.modifiers.get(m, m)})"
    elif line.factor != line.multiplier:  # pragma: no cover - the rulebook scored the line
        total += f" × {canonical(line.factor)}"
    if line.rule != "remainder":  # the remainder's detail already shows its sum
        out.append(f"    {total} = {canonical(line.value)}")
    if line.veto:
        out.append(f"    ⚑ {line.veto}")
    if line.cut_by:
        cut_by = (names.cuts.get(k, k) for k in line.cut_by)
        out.append(f"    {word('w_cut_by', lang)}: {word('w_join', lang).join(cut_by)}")
    out.append(f"    → {word('w_counts', lang)} {canonical(line.share)}")
    return out


def _detail(line: TrailEntry, lang: str) -> str:
    # The detail is kept in both languages in the report (English in `detail`);
    # the Chinese is recomputed from the same figures by the explanation.
    return line.detail_zh if lang == "zh" and line.detail_zh else line.detail


__all__ = ["explain_text"]
