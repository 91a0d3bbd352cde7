"""What ``compare`` finds: entries per item, row, bonus or reading, each with its YAML places.

An entry names what changed (``item 17``, ``row 3``, ``interpretation
item17_positions``), how (:class:`Status`), where it is in the document, and
its details: each changed number or word with the rulebook values (file,
line, column, JSON pointer) that hold it. Only what differs is listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    """How a part of the table changed between the rulebook and the document."""

    UNCHANGED = "unchanged"
    REWORDED = "reworded"
    NUMBERS = "numbers"
    REWRITTEN = "rewritten"
    NEW = "new"
    REMOVED = "removed"
    MOVED = "moved"
    CHANGED = "changed"
    REVIEW = "review"


@dataclass(frozen=True, slots=True)
class Place:
    """A value in the rulebook file: its JSON pointer and where it is written."""

    pointer: str
    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where} {self.pointer}"

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "pointer": self.pointer,
        }


@dataclass(frozen=True, slots=True)
class Detail:
    """One change inside an entry: what (a catalogue word code), old and new, and its places.

    ``names`` says which part it is (a situation key, a tier key …).
    """

    what: str
    old: str | None = None
    new: str | None = None
    places: tuple[Place, ...] = ()
    names: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "what": self.what,
            "names": list(self.names),
            "old": self.old,
            "new": self.new,
            "rulebook": [p.as_dict() for p in self.places],
        }


@dataclass(frozen=True, slots=True)
class Entry:
    """One changed item, row, bonus, interpretation or title."""

    kind: str
    status: Status
    number: int | None = None
    key: str | None = None
    document: str | None = None
    details: tuple[Detail, ...] = ()
    old_number: int | None = None

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "kind": self.kind,
            "number": self.number,
            "old_number": self.old_number,
            "key": self.key,
            "status": self.status.value,
            "document": self.document,
            "details": [d.as_dict() for d in self.details],
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """Every difference between a rulebook and a document, and how much stayed the same."""

    rulebook: str
    document: str
    entries: tuple[Entry, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def same(self) -> bool:
        """Whether the document says what the rulebook says (spacing aside)."""
        return not self.entries

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "rulebook": self.rulebook,
            "document": self.document,
            "same": self.same,
            "counts": dict(self.counts),
            "entries": [e.as_dict() for e in self.entries],
        }


__all__ = ["Comparison", "Detail", "Entry", "Place", "Status"]
