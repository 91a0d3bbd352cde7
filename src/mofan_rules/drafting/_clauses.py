"""The genre's formulaic clauses: an item's text read into situations, caps and modifiers.

An item is split into clauses at 。 and ；, a clause into segments at ，
(never inside brackets). A segment that states a deduction closes the
condition written before it. What is recognised:

- 每起/每项/每次/每人次/每件/每个…扣N分, and 的扣N分 (several of these in one
  clause are the tiers of one situation: 立案查处…扣0.5分，轻处分…扣1分…);
- 分别扣A分、B分、C分, the tier wording paired (:mod:`._tiers`);
- 每种情形最多扣N分 (a cap per tier), 最多扣N分 / N分为限 (a cap on the clause, or
  on the item when it ends the item), 此项最多扣N分 (the item cap);
- 少1次扣N分 / 缺1次扣N分 with the required count from 每月/每季度/每半年/每年 N次;
- 每低一个位次扣N分 / 每下降一个名次扣N分 with 后N位 or 前N名 and 低于N分;
- 减半扣分 and 不扣分 as modifiers of the situation before them.

A clause about points (扣, 不得分) that matches none of these is returned as
unread, with its words, so the draft can write it as a TODO: never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from mofan_rules.drafting._tiers import enumeration_labels
from mofan_rules.drafting._words import COUNT, NUM, Span, clean, decimal, pieces, whole

_PREFIX = re.compile(r"^\s*\d{1,3}\s*(?:[．、]|\.(?!\d))\s*")
_ITEM_CAP = re.compile(rf"此项(?:最多|最高)扣\s*{NUM}\s*分")
_TIER_CAP = re.compile(rf"^每种情形最多扣\s*{NUM}\s*分$")
_CLAUSE_CAP = re.compile(rf"^(?:最多扣\s*{NUM}\s*分|以?\s*{NUM}\s*分为限|最多不超过\s*{NUM}\s*分)$")
_TIERED = re.compile(
    rf"(?:每[^，。；扣分]{{0,3}})?分别扣\s*{NUM}\s*分(?:\s*[、，,和及]\s*{NUM}\s*分)+$"
)
_RANK_WORDS = rf"每(?:低|下降|后退|降低)\s*(?:一|1)\s*个?\s*(?:位次|名次|位|名)\s*扣\s*{NUM}\s*分"
_RANK = re.compile(_RANK_WORDS + "$")
_SHORT = re.compile(rf"(?:少|缺)\s*{COUNT}\s*次\s*扣\s*{NUM}\s*分$")
# 每低/每下降/每超… count steps of a figure, not occurrences: those are rank or per-unit rules.
_PER = re.compile(
    rf"每(?!低|下降|后退|降低|高|超|提高|增加|减少)[^，。；扣]{{0,8}}?扣\s*{NUM}\s*分$"
)
_PLAIN = re.compile(rf"扣\s*{NUM}\s*分$")
_HALF = re.compile(r"减半扣分")
_EXEMPT = re.compile(r"(?:的)?(?:不扣分|不予扣分)$")
_TRIGGER = re.compile(r"扣|不得分|加\s*\d")
_AMOUNT = re.compile(rf"{NUM}\s*分")
_INTO_LAST = re.compile(rf"(?:后|倒数)\s*{COUNT}\s*(?:位|名)")
_BELOW_PLACE = re.compile(rf"前\s*{COUNT}\s*(?:位|名)")
_SCORE_BELOW = re.compile(rf"低于\s*{NUM}\s*分")
_PERIOD = r"(?:每|全)(月|季度|季|半年|年度|年)"
_FREQUENCY = re.compile(rf"{_PERIOD}[^，。；]{{0,20}}?{COUNT}\s*次")
_PERIOD_ONLY = re.compile(_PERIOD)
_PER_YEAR = {"月": 12, "季度": 4, "季": 4, "半年": 2, "年度": 1, "年": 1}


@dataclass
class Tier:
    """A tier read from a clause: its words and amount."""

    label: str
    amount: Decimal


@dataclass
class CapReading:
    """A cap read from a clause: per tier (每种情形) or on the whole clause."""

    source: str
    span: Span
    limit: Decimal
    per_tier: bool


@dataclass
class ModifierReading:
    """减半扣分 / 不扣分: a factor a record of the situation before it may carry."""

    source: str
    span: Span
    label: str
    factor: Decimal


@dataclass
class Reading:
    """One situation read from an item's text (``kind`` ``todo`` when it could not be read)."""

    kind: str
    source: str
    span: Span
    label: str
    amount: Decimal | None = None
    tiers: list[Tier] = field(default_factory=list)
    threshold: Decimal | None = None
    step: Decimal | None = None
    frequency: str | None = None
    mode: str | None = None
    places: int | None = None
    score_below: Decimal | None = None
    reason: str | None = None
    caps: list[CapReading] = field(default_factory=list)
    modifiers: list[ModifierReading] = field(default_factory=list)

    def signature(self) -> tuple[object, ...]:
        """What the reading means, without its words (for "reworded, same meaning")."""
        return (
            self.kind,
            self.amount,
            tuple(t.amount for t in self.tiers),
            self.threshold,
            self.step,
            self.mode,
            self.places,
            self.score_below,
            self.source if self.kind == "todo" else None,
            tuple((c.limit, c.per_tier) for c in self.caps),
            tuple(m.factor for m in self.modifiers),
        )


@dataclass
class ItemReading:
    """Everything read from one item: its situations and its item cap."""

    situations: list[Reading] = field(default_factory=list)
    cap: Decimal | None = None

    def signature(self) -> tuple[object, ...]:
        """What the item means, without its words."""
        return (self.cap, tuple(s.signature() for s in self.situations))


class _Reader:
    def __init__(self, text: str) -> None:
        # 「」 marking a phrase (as annotated tables do) are read as spaces; quotes keep them.
        self.words = text
        self.text = text.replace("「", " ").replace("」", " ")
        self.out = ItemReading()
        self.final_cap: tuple[CapReading, Reading | None] | None = None
        self.unread = False

    def at(self, start: int, end: int) -> str:
        return self.text[start:end]

    def quote(self, span: Span) -> str:
        """The item's own words over ``span``, for a ``source``."""
        return span.of(self.words).strip()

    def read(self) -> ItemReading:
        prefix = _PREFIX.match(self.text)
        body = prefix.end() if prefix else 0
        clauses = [
            c
            for s in pieces(self.text, body, len(self.text), "。")
            for c in pieces(self.text, s.start, s.end, "；;")
        ]
        for n, clause in enumerate(clauses):
            self.clause(clause, last=n == len(clauses) - 1)
        if self.final_cap is not None:
            cap, owner = self.final_cap
            if self.out.cap is None:
                self.out.cap = cap.limit
            elif owner is not None:
                owner.caps.append(cap)
        return self.out

    def last(self) -> Reading | None:
        return self.out.situations[-1] if self.out.situations else None

    def add(self, reading: Reading) -> Reading:
        if self.unread and reading.kind != "todo":
            # Words about points the grammar did not read stand in its condition.
            reading.kind, reading.reason = "todo", "draft_todo_unread"
        self.unread = False
        self.out.situations.append(reading)
        return reading

    def clause(self, clause: Span, *, last: bool) -> None:
        segments = pieces(self.text, clause.start, clause.end, "，,")
        whole_text = clause.of(self.text)
        ranked = bool(re.search(_RANK_WORDS, whole_text))
        cond: int | None = None  # where the condition of the next situation starts
        self.unread = False
        plain: list[tuple[int, Span, re.Match[str]]] = []

        def flush() -> None:
            if plain:
                self.plain(plain)
                plain.clear()

        for i, seg in enumerate(segments):
            text = seg.of(self.text)
            start = seg.start if cond is None else cond
            if m := _ITEM_CAP.search(text):
                flush()
                self.out.cap = decimal(m.group(1))
                cond = None
            elif m := _TIER_CAP.match(text):
                flush()
                self.cap(self.quote(seg), seg, decimal(m.group(1)), per_tier=True)
                cond = None
            elif m := _CLAUSE_CAP.match(text):
                flush()
                limit = decimal(next(g for g in m.groups() if g))
                reading = CapReading(self.quote(seg), seg, limit, per_tier=False)
                if last and i == len(segments) - 1:
                    self.final_cap = (reading, self.last())
                elif (owner := self.last()) is not None:
                    owner.caps.append(reading)
                cond = None
            elif _HALF.search(text):
                flush()
                self.modifiers(seg, start)
                cond = None
            elif _EXEMPT.search(text) and ranked:
                cond = start  # 前五名的，不扣分，往后每下降…: part of the rank's condition
            elif _EXEMPT.search(text) and cond is None:
                flush()
                self.modifier(seg, seg, Decimal(0))
            elif m := _RANK.search(text):
                flush()
                self.rank(Span(start, seg.end), m)
                cond = None
            elif m := _SHORT.search(text):
                flush()
                self.shortfall(Span(start, seg.end), m)
                cond = None
            elif m := _TIERED.search(text):
                flush()
                self.tiered(Span(start, seg.end), seg.start + m.start(), m)
                cond = None
            elif m := _PER.search(text):
                flush()
                span = Span(start, seg.end)
                label = self.label(start, seg.start + m.start(), fallback=text[: text.rfind("扣")])
                self.add(
                    Reading(
                        "per_occurrence",
                        self.quote(span),
                        span,
                        label,
                        amount=decimal(m.group(1)),
                    )
                )
                cond = None
            elif (m := _PLAIN.search(text)) and "每" not in text:
                plain.append((start, seg, m))
                cond = None
            else:
                self.unread = self.unread or bool(_TRIGGER.search(text))
                cond = start
        flush()
        if self.unread and cond is not None:
            span = Span(cond, clause.end)
            self.add(
                Reading(
                    "todo",
                    self.quote(span),
                    span,
                    clean(span.of(self.text))[:40],
                    reason="draft_todo_unread",
                )
            )
        self.unread = False

    def label(self, start: int, end: int, fallback: str) -> str:
        return clean(self.at(start, end)) or clean(fallback) or self.at(start, end) or fallback

    def plain(self, found: list[tuple[int, Span, re.Match[str]]]) -> None:
        """One ``…的扣N分``: an amount; several in one clause: the tiers of one situation."""
        span = Span(found[0][0], found[-1][1].end)
        if len(found) == 1:
            start, seg, m = found[0]
            label = self.label(start, seg.start + m.start(), fallback=span.of(self.text))
            self.add(
                Reading("per_occurrence", self.quote(span), span, label, amount=decimal(m.group(1)))
            )
            return
        tiers = [
            Tier(
                self.label(start, seg.start + m.start(), fallback=seg.of(self.text)),
                decimal(m.group(1)),
            )
            for start, seg, m in found
        ]
        label = tiers[0].label
        self.add(Reading("per_occurrence", self.quote(span), span, label, tiers=tiers))

    def tiered(self, span: Span, at: int, m: re.Match[str]) -> None:
        amounts = [decimal(a) for a in _AMOUNT.findall(m.group(0))]
        cond = self.at(span.start, at)
        last_part = pieces(cond, 0, len(cond), "，,")
        labels = None
        for part in reversed(last_part):
            labels = enumeration_labels(part.of(cond), len(amounts))
            if labels:
                break
        reading = Reading("per_occurrence", self.quote(span), span, clean(cond) or self.quote(span))
        reading.tiers = [
            Tier(label, a) for label, a in zip(labels or [""] * len(amounts), amounts, strict=True)
        ]
        self.add(reading)

    def cap(self, text: str, seg: Span, limit: Decimal, *, per_tier: bool) -> None:
        owner = self.last()
        if owner is not None:
            owner.caps.append(CapReading(text, seg, limit, per_tier=per_tier))

    def modifiers(self, seg: Span, start: int) -> None:
        """减半扣分, and a bracket after it that exempts (（…的不扣分）)."""
        text = seg.of(self.text)
        half = _HALF.search(text)
        assert half is not None
        self.modifier(
            Span(start, seg.start + half.end()),
            Span(start, seg.start + half.start()),
            Decimal("0.5"),
        )
        for bracket in re.finditer(r"[（(]([^）)]*)[）)]", text):
            inner = Span(seg.start + bracket.start(1), seg.start + bracket.end(1))
            if _EXEMPT.search(inner.of(self.text)):
                self.modifier(inner, inner, Decimal(0))

    def modifier(self, source: Span, words: Span, factor: Decimal) -> None:
        owner = self.last()
        text = self.quote(source)
        label = clean(re.sub(r"(?:的)?(?:不扣分|不予扣分)$", "", words.of(self.text))) or text
        reading = ModifierReading(text, source, label, factor)
        if owner is not None and owner.kind == "per_occurrence":
            owner.modifiers.append(reading)
        else:
            self.add(Reading("todo", text, source, label, reason="draft_todo_modifier"))

    def rank(self, span: Span, m: re.Match[str]) -> None:
        cond = self.at(span.start, span.end)
        words = pieces(cond, 0, len(cond), "，,")[0].of(cond)
        reading = Reading("rank", self.quote(span), span, clean(words) or cond)
        reading.amount = decimal(m.group(1))
        if into := _INTO_LAST.search(cond):
            reading.mode, reading.places = "into_last", whole(into.group(1))
        elif below := _BELOW_PLACE.search(cond):
            reading.mode, reading.places = "below_place", whole(below.group(1))
        else:
            reading.kind, reading.reason = "todo", "draft_todo_rank"
        if score := _SCORE_BELOW.search(cond):
            reading.score_below = decimal(score.group(1))
        self.add(reading)

    def shortfall(self, span: Span, m: re.Match[str]) -> None:
        cond = self.at(span.start, span.end)
        label = self.label(span.start, span.end - len(m.group(0)), cond)
        reading = Reading("per_unit", self.quote(span), span, label)
        reading.amount = decimal(m.group(2))
        reading.step = Decimal(whole(m.group(1)))
        freq = _FREQUENCY.search(cond) or _PERIOD_ONLY.search(cond)
        if freq is None:
            reading.kind, reading.reason = "todo", "draft_todo_required_count"
        else:
            times = whole(freq.group(2)) if freq.lastindex and freq.lastindex >= 2 else 1
            reading.threshold = Decimal(_PER_YEAR[freq.group(1)] * times)
            reading.frequency = freq.group(0)
        self.add(reading)


def item_number(text: str) -> int | None:
    """The number an item's text starts with."""
    match = _PREFIX.match(text)
    return int(re.sub(r"\D", "", match.group(0))) if match else None


def read_item(text: str) -> ItemReading:
    """Read an item's text (``3.加强…此项最多扣10分。``) into its situations and caps.

    Raises nothing: a clause it cannot read becomes a ``todo`` reading, never a guess.
    """
    return _Reader(text).read()


__all__ = [
    "CapReading",
    "ItemReading",
    "ModifierReading",
    "Reading",
    "Tier",
    "item_number",
    "read_item",
]
