"""A 加分 paragraph read as a commendation bonus: levels, scopes, half and cap.

Recognised: 受到X表彰奖励的，综合工作加A分、单项工作加B分 (a level X, with an
amount per scope of work); …的，减半加分 (a modifier halving an award);
此项最多加N分 (the cap). Sentences without 加N分 describe and are kept in
the source only. Anything else about points leaves the paragraph unread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from mofan_rules.drafting._words import NUM, Span, clean, decimal, pieces

_LEVEL = re.compile(r"^受到(.+?)(?:表彰奖励|表彰|奖励|通报表扬)的?$")
_SCOPE = re.compile(rf"^(.+?)加\s*{NUM}\s*分$")
_HALF = re.compile(r"减半加分")
_CAP = re.compile(rf"^(?:此项)?最多加\s*{NUM}\s*分$")


@dataclass
class Level:
    """A level of commendation and its amount per scope of work (scope label → amount)."""

    label: str
    amounts: dict[str, Decimal]


@dataclass
class BonusReading:
    """What a 加分 paragraph says; ``unread`` holds the words it could not read."""

    levels: list[Level] = field(default_factory=list)
    halves: list[tuple[str, str]] = field(default_factory=list)  # (source, label)
    cap: Decimal | None = None
    unread: list[str] = field(default_factory=list)

    @property
    def scopes(self) -> list[str]:
        """Scope labels in the order first written."""
        seen: list[str] = []
        for level in self.levels:
            seen += [s for s in level.amounts if s not in seen]
        return seen

    @property
    def complete(self) -> bool:
        """Whether every clause about points was read, and it names levels and a cap."""
        return not self.unread and bool(self.levels) and self.cap is not None


def read_bonus(text: str) -> BonusReading:
    """Read a bonus paragraph."""
    out = BonusReading()
    for sentence in pieces(text, 0, len(text), "。"):
        for clause in pieces(text, sentence.start, sentence.end, "；;"):
            _clause(text, clause, out)
    return out


def _clause(text: str, clause: Span, out: BonusReading) -> None:
    spans = pieces(text, clause.start, clause.end, "，,")
    segments = [s.of(text) for s in spans]
    level: str | None = None
    for i, seg in enumerate(segments):
        if m := _LEVEL.match(seg):
            level = m.group(1)
        elif level is not None and all(_SCOPE.match(p) for p in seg.split("、")):
            amounts = {}
            for part in seg.split("、"):
                found = _SCOPE.match(part)
                if found is not None:
                    amounts[clean(found.group(1))] = decimal(found.group(2))
            out.levels.append(Level(level, amounts))
            level = None
        elif _HALF.search(seg):
            start = next((j for j in range(i - 1, -1, -1) if segments[j].endswith("的")), i)
            source = text[spans[start].start : spans[i].end]
            words = text[spans[start].start : spans[i - 1].end] if start < i else ""
            out.halves.append((source, clean(words) or source))
        elif m := _CAP.match(seg):
            out.cap = decimal(m.group(1))
        elif re.search(r"加\s*\d", seg):
            out.unread.append(seg)


__all__ = ["BonusReading", "Level", "read_bonus"]
