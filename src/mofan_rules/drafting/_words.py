"""Small pieces of the genre's grammar: numbers as written, clauses, and tidy labels.

Chinese text is split at its punctuation only outside brackets and quotes
(a bracket may hold a list: 轻处分（党内警告、严重警告…）). Numbers are read
exactly from their text, Arabic (0.5) or Chinese (五, 十二).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from mofan_rules._text import chinese_number

OPEN = "（(【[“‘《「"
CLOSE = "）)】]”’》」"
NUM = r"(\d+(?:\.\d+)?)"
CN_DIGITS = "零一二两三四五六七八九十百千"
COUNT = rf"(\d+|[{CN_DIGITS}]+)"
# What a clause about a deduction starts with and what a label need not repeat.
_LEADS = re.compile(r"^(?:受到|发生|因|对)")
_TAIL = re.compile(r"(?:的)?[，,、\s]*$")


def whole(text: str) -> int:
    """A whole number written in Arabic or Chinese numerals (12, 十二, 五)."""
    return int(text) if text.isdigit() else chinese_number(text)


def decimal(text: str) -> Decimal:
    """A number as written: ``0.5`` exactly, or a Chinese numeral."""
    return Decimal(text) if re.fullmatch(NUM, text) else Decimal(whole(text))


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch ``[start, end)`` of an item's text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        """The stretch's text."""
        return text[self.start : self.end]


def pieces(text: str, start: int, end: int, separators: str) -> list[Span]:
    """The stretches of ``text[start:end]`` between ``separators`` outside brackets, trimmed."""
    out: list[Span] = []
    depth = 0
    begin = start
    for i in range(start, end):
        char = text[i]
        if char in OPEN:
            depth += 1
        elif char in CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and char in separators:
            out.append(Span(begin, i))
            begin = i + 1
    out.append(Span(begin, end))
    return [trimmed for s in out if (trimmed := trim(text, s)).end > trimmed.start]


def trim(text: str, span: Span) -> Span:
    """``span`` without surrounding spaces."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def clean(text: str) -> str:
    """A label from a condition: no leading 受到/发生, trailing 的, or bracketed list."""
    text = re.sub(r"[（(][^）)]*、[^）)]*[）)]", "", text)  # （党内警告、严重警告…）
    text = _LEADS.sub("", text.strip())
    text = re.sub(r"或(?:受到|发生)", "或", text)
    return _TAIL.sub("", text).strip("，,；; ")


__all__ = ["CLOSE", "COUNT", "NUM", "OPEN", "Span", "clean", "decimal", "pieces", "trim", "whole"]
