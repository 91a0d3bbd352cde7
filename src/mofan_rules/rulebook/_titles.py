"""Short item titles from an item's source text (shared by the model and the migration)."""

from __future__ import annotations

import re

_NUMBER_PREFIX = re.compile(r"^\s*\d+\s*[.．、]\s*")
_SENTENCE_END = re.compile(r"[。；;！!？?]")
TITLE_MAX = 60
_SHORT = 16  # a first sentence longer than this is cut at its first comma
_MIN_CLAUSE = 4
_TRAILING_AMOUNT = re.compile(r"的?扣\s*[0-9.]+\s*分$")


def item_title(source: str) -> str:
    """A short title from an item's source text: its first clause, without number or amount.

    ``3.加强领导班子建设。执行…`` → ``加强领导班子建设``; a long first sentence is
    cut at its first comma; a trailing ``的扣0.5分`` is dropped.
    """
    text = _NUMBER_PREFIX.sub("", source).strip()
    first = _SENTENCE_END.split(text, maxsplit=1)[0].strip() or text
    if len(first) > _SHORT and "，" in first[_MIN_CLAUSE:]:
        first = first[: first.index("，", _MIN_CLAUSE)]
    first = _TRAILING_AMOUNT.sub("", first).strip() or first
    return first[:TITLE_MAX]


__all__ = ["TITLE_MAX", "item_title"]
