"""A comparison as a terminal table, as Markdown, or as JSON.

Every word comes from the message catalogue, in the reader's language; the
table's own words (items, names) are shown as the document writes them, and
in Markdown escaped so they stay text in their cell. Long texts are cut to
fit a terminal; Markdown and JSON keep them whole.
"""

from __future__ import annotations

import json
import unicodedata

from mofan_rules._text import markdown_text
from mofan_rules.drafting._result import Comparison, Detail, Entry
from mofan_rules.messages import word

_CUT = 30  # display columns of each side of an old → new cell in the terminal
Row = tuple[str, str, str]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _cut(text: str, limit: int) -> str:
    if _width(text) <= limit:
        return text
    out, used = "", 0
    for char in text:
        used += _width(char)
        if used > limit - 1:
            break
        out += char
    return out + "…"


def _subject(entry: Entry, lang: str) -> str:
    if entry.kind == "item":
        return word("cmp_item", lang, number=entry.number)
    if entry.kind == "row":
        return word("cmp_row", lang, number=entry.number)
    if entry.kind == "bonus":
        return word("cmp_bonus", lang, name=entry.key or entry.number or "")
    if entry.kind == "interpretation":
        return word("cmp_interpretation", lang, key=entry.key)
    return word("cmp_title_subject", lang)


def _change(old: str | None, new: str | None, cut: int | None) -> str:
    def fit(text: str) -> str:
        return _cut(text, cut) if cut is not None else text

    if old is not None and new is not None:
        return f"{fit(old)} → {fit(new)}"
    return fit(old if old is not None else (new or ""))


def _entry_line(entry: Entry, lang: str) -> str:
    parts = [_subject(entry, lang), word(f"cmp_status_{entry.status.value}", lang)]
    if entry.document:
        parts.append(entry.document)
    return " · ".join(parts)


def _rows(detail: Detail, lang: str, cut: int | None) -> list[Row]:
    what = word(f"cmp_what_{detail.what}", lang)
    if detail.names:
        what += " " + ".".join(detail.names)
    change = _change(detail.old, detail.new, cut)
    places = [str(p) for p in detail.places] or [""]
    return [(what, change, places[0]), *(("", "", p) for p in places[1:])]


def comparison_text(comparison: Comparison, lang: str = "en") -> str:
    """The comparison as aligned lines for a terminal: each entry, then its details.

    Raises nothing: the comparison was made by :func:`compare`.
    """
    lines = [_heading(comparison, lang)]
    if comparison.same:
        lines.append(word("cmp_same", lang))
        return "\n".join(lines) + "\n"
    header: Row = (
        word("cmp_col_what", lang),
        word("cmp_col_values", lang),
        word("cmp_col_rulebook", lang),
    )
    blocks = [
        (_entry_line(e, lang), [r for d in e.details for r in _rows(d, lang, _CUT)])
        for e in comparison.entries
    ]
    every = [header, *(r for _line, rows in blocks for r in rows)]
    widths = [max(_width(r[c]) for r in every) for c in range(2)]

    def aligned(row: Row) -> str:
        cells = [row[c] + " " * (widths[c] - _width(row[c])) for c in range(2)]
        return ("  " + "  ".join([*cells, row[2]])).rstrip()

    lines += ["", aligned(header)]
    for line, rows in blocks:
        lines.append(line)
        lines += [aligned(r) for r in rows]
    return "\n".join(lines) + "\n"


def _heading(comparison: Comparison, lang: str) -> str:
    counts = comparison.counts
    return "\n".join(
        [
            word("cmp_heading", lang, rulebook=comparison.rulebook, document=comparison.document),
            word(
                "cmp_summary",
                lang,
                changes=counts.get("changes", 0),
                items_unchanged=counts.get("items_unchanged", 0),
                items=counts.get("items", 0),
                rows_unchanged=counts.get("rows_unchanged", 0),
                rows=counts.get("rows", 0),
            ),
        ]
    )


def comparison_markdown(comparison: Comparison, lang: str = "en") -> str:
    """The comparison as a Markdown table, every text from the files escaped.

    Raises nothing: the comparison was made by :func:`compare`.
    """
    lines = [
        f"## {markdown_text(word('cmp_heading', lang, rulebook=comparison.rulebook, document=comparison.document))}",
        "",
    ]
    lines.append(markdown_text(_heading(comparison, lang).splitlines()[1]))
    lines.append("")
    if comparison.same:
        lines.append(markdown_text(word("cmp_same", lang)))
        return "\n".join(lines) + "\n"
    head = [word(c, lang) for c in ("cmp_col_what", "cmp_col_values", "cmp_col_rulebook")]
    lines.append("| " + " | ".join(markdown_text(h) for h in head) + " |")
    lines.append("|---|---|---|")
    for entry in comparison.entries:
        lines.append(f"| **{markdown_text(_entry_line(entry, lang))}** | | |")
        for detail in entry.details:
            for what, change, place in _rows(detail, lang, None):
                cells = [markdown_text(what), markdown_text(change), markdown_text(place)]
                lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def comparison_json(comparison: Comparison) -> str:
    """The comparison as JSON (UTF-8 text, keys in a stable order).

    Raises nothing: the comparison was made by :func:`compare`.
    """
    return json.dumps(comparison.as_dict(), ensure_ascii=False, indent=2) + "\n"


__all__ = ["comparison_json", "comparison_markdown", "comparison_text"]
