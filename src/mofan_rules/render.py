"""Reports as text people read: a score table that lines up with Chinese text.

A CJK character takes two terminal columns, so widths are counted with
``unicodedata.east_asian_width`` rather than ``len``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from .model import Rulebook
from .report import ScoreReport, canonical


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


def score_table(report: ScoreReport, max_width: int = 80) -> str:
    """The score table: items grouped by scoring row, then the bonus and the total."""
    rows: list[list[str]] = []
    items_by_row: dict[int, list[int]] = {}
    for number, item in sorted(report.items.items()):
        items_by_row.setdefault(item.row, []).append(number)
    for row in report.rows:
        rows.append(
            [
                f"{row.number}",
                row.indicator,
                canonical(row.points),
                _neg(row.deducted),
                canonical(row.score),
            ]
        )
        for number in items_by_row.get(row.number, []):
            item = report.items[number]
            if item.raw or item.deduction:
                cut = f" (capped from {canonical(item.raw)})" if item.raw != item.deduction else ""
                rows.append(["", f"  item {number}{cut}", "", _neg(item.deduction), ""])
    head = f"{report.unit or '(unit not named)'} — {report.rulebook.id} {report.rulebook.version}"
    body = table(["row", "indicator (考评指标)", "points", "deducted", "score"], rows,
                 [True, False, True, True, True], max_width)  # fmt: skip
    bonus = f"bonus (加分): +{canonical(report.bonus.bonus)}"
    if report.bonus.raw != report.bonus.bonus:
        bonus += f" (capped from {canonical(report.bonus.raw)})"
    total = f"total (总分): {canonical(report.total)} / {canonical(report.max_total)}"
    return "\n".join([head, "", body, "", bonus, total])


def _neg(value: object) -> str:
    text = canonical(value)  # type: ignore[arg-type]
    return "0" if text == "0" else f"-{text}"


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
