"""Plain-text tables that line up with Chinese text in a terminal.

A CJK character takes two terminal columns, so widths are counted with
``unicodedata.east_asian_width`` rather than ``len``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: 2 for wide (CJK) characters, 0 for combining marks.

    Raises nothing.
    """
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def fit(text: str, width: int) -> str:
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


def pad(text: str, width: int, right: bool) -> str:
    """``text`` cut or padded to exactly ``width`` columns, aligned right or left."""
    text = fit(text, width)
    gap = " " * (width - display_width(text))
    return gap + text if right else text + gap


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: Sequence[bool],
    max_width: int = 80,
) -> str:
    """A plain-text table; the widest text column shrinks to fit ``max_width``.

    Raises :class:`IndexError` or :class:`ValueError` when a row or
    ``numeric`` does not have one entry per header.
    """
    widths = [
        max([display_width(h)] + [display_width(r[i]) for r in rows]) for i, h in enumerate(headers)
    ]
    overflow = sum(widths) + 2 * (len(widths) - 1) - max_width
    if overflow > 0:
        text_cols = [i for i, n in enumerate(numeric) if not n]
        if text_cols:
            widest = max(text_cols, key=lambda i: widths[i])
            widths[widest] = max(8, widths[widest] - overflow)

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            pad(c, w, n) for c, w, n in zip(cells, widths, numeric, strict=True)
        ).rstrip()

    rule = "  ".join("─" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


__all__ = ["display_width", "fit", "pad", "table"]
