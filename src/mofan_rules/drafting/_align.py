"""Two wordings of one clause, lined up: which numbers moved, which words changed, and where.

Text is compared as a sequence of tokens with spaces left out: each number
(0.5, 90, and a Chinese numeral before a counter such as 前五名) is one token,
every other character one token. The numbers are masked for the alignment,
so 扣2分 → 扣3分 lines up as the same words with a different number; a number
in a stretch that was reworded still pairs with the number at its place when
both wordings hold as many.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from mofan_rules.drafting._words import CN_DIGITS, Span, decimal

_NUMBER = re.compile(
    rf"\d+(?:\.\d+)?|[{CN_DIGITS}]+(?=个|名|位|项|次|种|人|年|季|月|天|日|周|倍|条|件|起|分)"
)
_MASK = "\x00"


@dataclass(frozen=True, slots=True)
class Token:
    """A number or one character of a text, with its place."""

    text: str
    start: int
    end: int
    value: Decimal | None = None


_PREFIX = re.compile(r"^\s*\d{1,3}\s*(?:[．、]|\.(?!\d))")


def tokens(text: str, *, numbered: bool = False) -> list[Token]:
    """The tokens of ``text``: numbers whole, other characters one by one, spaces left out.

    ``numbered``: the item's own number (``12.``) is left out too, so a
    renumbered item does not read as a changed number.
    """
    out: list[Token] = []
    prefix = _PREFIX.match(text) if numbered else None
    i = prefix.end() if prefix else 0
    while i < len(text):
        match = _NUMBER.match(text, i)
        if match:
            out.append(Token(match.group(), i, match.end(), decimal(match.group())))
            i = match.end()
            continue
        if not text[i].isspace():
            out.append(Token(text[i], i, i + 1))
        i += 1
    return out


def _masked(found: list[Token]) -> list[str]:
    return [_MASK if t.value is not None else t.text for t in found]


def same_text(a: str, b: str) -> bool:
    """Whether two texts are the same but for spaces."""
    return "".join(a.split()) == "".join(b.split())


def locate(text: str, part: str) -> Span | None:
    """Where ``part`` stands in ``text``, spaces ignored; ``None`` when it does not."""
    index = [i for i, ch in enumerate(text) if not ch.isspace()]
    squeezed = "".join(text[i] for i in index)
    needle = "".join(part.split())
    at = squeezed.find(needle) if needle else -1
    if at < 0:
        return None
    return Span(index[at], index[at + len(needle) - 1] + 1)


@functools.lru_cache(maxsize=512)
def _masked_item(text: str) -> tuple[str, ...]:
    return tuple(_masked(tokens(text, numbered=True)))


def similarity(a: str, b: str) -> float:
    """How alike two item texts are with their numbers masked, 0 to 1."""
    matcher = difflib.SequenceMatcher(None, _masked_item(a), _masked_item(b), autojunk=False)
    if matcher.real_quick_ratio() < 0.5:
        return matcher.real_quick_ratio()
    return matcher.ratio()


@dataclass(frozen=True, slots=True)
class NumberPair:
    """A number of the old text and the number at its place in the new one."""

    old: Token
    new: Token


class Alignment:
    """The old and new text of one item, lined up token by token."""

    def __init__(self, old: str, new: str, *, numbered: bool = True) -> None:
        self.old, self.new = old, new
        self.a, self.b = tokens(old, numbered=numbered), tokens(new, numbered=numbered)
        matcher = difflib.SequenceMatcher(None, _masked(self.a), _masked(self.b), autojunk=False)
        self.ops = matcher.get_opcodes()
        self.pairs: list[NumberPair] = []
        self.unpaired_old: list[Token] = []
        self.unpaired_new: list[Token] = []
        for tag, i1, i2, j1, j2 in self.ops:
            old_numbers = [t for t in self.a[i1:i2] if t.value is not None]
            new_numbers = [t for t in self.b[j1:j2] if t.value is not None]
            if tag == "equal" or len(old_numbers) == len(new_numbers):
                self.pairs += [
                    NumberPair(x, y) for x, y in zip(old_numbers, new_numbers, strict=True)
                ]
            else:
                self.unpaired_old += old_numbers
                self.unpaired_new += new_numbers

    @property
    def words_changed(self) -> bool:
        """Whether anything but numbers changed."""
        return any(tag != "equal" for tag, *_ in self.ops)

    @property
    def numbers_changed(self) -> list[NumberPair]:
        """Pairs whose number differs."""
        return [p for p in self.pairs if p.old.value != p.new.value]

    def _token_at(self, offset: int) -> int:
        for k, token in enumerate(self.a):
            if token.end > offset:
                return k
        return len(self.a)

    def _new_index(self, i: int, *, end: bool) -> int:
        for tag, i1, i2, j1, j2 in self.ops:
            if i1 <= i < i2 or (i == i2 == i1):
                if tag == "equal":
                    return j1 + (i - i1) + (1 if end else 0)
                return j2 if end else j1
        return len(self.b)

    def span(self, old: Span) -> Span | None:
        """Where the old stretch ``old`` stands in the new text; ``None`` if it was deleted."""
        first = self._token_at(old.start)
        last = self._token_at(old.end - 1)
        if first >= len(self.a):
            return None
        start = self._new_index(first, end=False)
        stop = self._new_index(min(last, len(self.a) - 1), end=True)
        if stop <= start or start >= len(self.b):
            return None
        return Span(self.b[start].start, self.b[stop - 1].end)

    def inserted(self) -> list[Span]:
        """Stretches of the new text that stand at no place of the old one."""
        return [
            Span(self.b[j1].start, self.b[j2 - 1].end)
            for tag, _i1, _i2, j1, j2 in self.ops
            if tag in ("insert", "replace") and j2 > j1
        ]


__all__ = ["Alignment", "NumberPair", "Token", "locate", "same_text", "similarity", "tokens"]
