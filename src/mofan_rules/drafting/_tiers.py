"""The wording of tiers: which words of a condition go with 分别扣A分、B分、C分.

A condition lists its levels with 、 (约谈提醒、通报批评、追责问责); the list
with as many entries as there are amounts, nearest the amounts, gives the
tiers in order. Two such lists joined by 或 pair up entry by entry
(中央、省、市通报批评和问责或发生重大、较大、一般负面影响 → 中央…或重大负面影响,
…), as READING.md reads them. Where an entry ends inside a longer piece of
text, the entries between tell how long an entry is.
"""

from __future__ import annotations

import re

from mofan_rules.drafting._words import Span, clean, pieces

_CONNECTORS = ("或", "和", "及")
_LEAD = re.compile(r"^(?:受到|发生|因|对|在|出现)")
_SHORT = 10


def _short(text: str) -> bool:
    return len(text) <= _SHORT and not any(c in text for c in ("的", "或", "和", "及", "，"))


def _split_last(cond: str, spans: list[Span], n: int) -> list[Span]:
    """Split the last piece at 及/以及/和/或 when one entry is missing (A、B、C及D)."""
    if len(spans) != n - 1 or not spans:
        return spans
    last = spans[-1]
    text = last.of(cond)
    match = re.search(r"以及|及|和|或", text)
    if not match or match.start() == 0:
        return spans
    cut = last.start + match.start()
    return [*spans[:-1], Span(last.start, cut), Span(last.start + match.end(), last.end)]


def _common_prefix(texts: list[str]) -> str:
    if len(texts) < 2:
        return ""
    prefix = texts[0]
    for text in texts[1:]:
        while not text.startswith(prefix):
            prefix = prefix[:-1]
    return prefix


def _width(middles: list[str], first: bool) -> int | None:
    if not middles:
        return None
    return len(middles[0] if first else middles[-1])


class _Window:
    """n consecutive pieces of a condition: the entries of one list."""

    def __init__(self, cond: str, spans: list[Span], k: int, n: int) -> None:
        self.spans = spans[k : k + n]
        self.texts = [s.of(cond) for s in self.spans]
        self.middles = self.texts[1:-1]
        self.at_start = k == 0
        self.at_end = k + n == len(spans)
        self.cond = cond

    def left(self) -> Span:
        """The first entry, inside the first piece."""
        span = self.spans[0]
        text = self.texts[0]
        shared = _common_prefix([*self.texts[1:-1], self.texts[-1]])
        if shared and shared in text[:-1]:
            # 被曝光、被通报、被处分: the first entry starts like the others
            return Span(span.start + text.rindex(shared), span.end)
        if self.at_start:
            lead = _LEAD.match(text)
            return Span(span.start + (lead.end() if lead else 0), span.end)
        width = _width(self.middles, first=True) or len(text)
        return Span(max(span.start, span.end - width), span.end)

    def right(self) -> Span:
        """The last entry, inside the last piece."""
        span = self.spans[-1]
        text = self.texts[-1].removesuffix("的") if self.at_end else self.texts[-1]
        widths = {len(m) for m in self.middles}
        if self.at_end and (len(widths) != 1 or len(text) <= min(widths, default=0)):
            return Span(span.start, span.start + len(text))
        width = _width(self.middles, first=False) or len(text)
        return Span(span.start, min(span.end, span.start + width))

    def entries(self) -> list[Span]:
        """Each entry's stretch of the condition."""
        return [self.left(), *self.spans[1:-1], self.right()]


def _windows(spans: list[Span], cond: str, n: int) -> list[int]:
    return [
        k
        for k in range(len(spans) - n + 1)
        if all(_short(s.of(cond)) for s in spans[k + 1 : k + n - 1])
    ]


def enumeration_labels(cond: str, n: int) -> list[str] | None:
    """The ``n`` tier labels a condition lists, in order; ``None`` when it lists no such levels."""
    if n < 2:
        return None
    spans = _split_last(cond, pieces(cond, 0, len(cond), "、"), n)
    found = _windows(spans, cond, n)
    if not found:
        return None
    k = found[-1]
    second = _Window(cond, spans, k, n)
    entries = second.entries()
    # A second list of as many entries ending where this one starts: the two pair up.
    if k - n + 1 >= 0 and k - n + 1 in found:
        first = _Window(cond, spans, k - n + 1, n)
        a, b = first.entries(), entries
        if a[-1].end <= b[0].start and any(c in cond[a[-1].end : b[0].start] for c in _CONNECTORS):
            before = cond[spans[k - n + 1].start : a[0].start] if not first.at_start else ""
            between = cond[a[-1].end : b[0].start]
            after = cond[b[-1].end : spans[-1].end] if second.at_end else ""
            return [
                clean(before + x.of(cond) + between + y.of(cond) + after)
                for x, y in zip(a, b, strict=True)
            ]
    labels = [clean(e.of(cond)) for e in entries]
    return labels if all(labels) and len(set(labels)) == n else None


__all__ = ["enumeration_labels"]
