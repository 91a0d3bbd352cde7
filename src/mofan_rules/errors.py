"""The error family: every mistake a person can make, located in their file.

Each problem carries the file, line, column and the path inside the document,
so a message points at the spot an office editor has to change. A loader
collects all problems of a file and raises them together in one exception.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from .messages import Msg, say

PathPart = str | int
DocPath = tuple[PathPart, ...]


class Severity(StrEnum):
    """How bad a problem is: an error stops loading, a warning does not."""

    ERROR = "error"
    WARNING = "warning"


def json_pointer(path: Sequence[PathPart]) -> str:
    """Return the RFC 6901 JSON pointer of a document path (``/rows/6/points``)."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


# Every character str.splitlines() breaks at, written as an escape.
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK = re.compile(f"[{_BREAKS}]")
_ONE_LINE = {ord(c): c.encode("unicode_escape").decode("ascii") for c in _BREAKS}


@dataclass(frozen=True, slots=True)
class Problem:
    """One located problem (问题) in a rulebook or a ledger.

    ``line`` and ``column`` are 1-based; 0 means the position is unknown (for
    example a ledger built in Python rather than read from a file). The message
    and hint are in English; ``message_zh`` and ``hint_zh`` carry the Chinese,
    chosen with :meth:`text`.
    """

    message: str
    file: str = "<data>"
    line: int = 0
    column: int = 0
    path: DocPath = ()
    severity: Severity = Severity.ERROR
    hint: str = ""
    message_zh: str = ""
    hint_zh: str = ""

    @classmethod
    def from_msg(
        cls,
        msg: Msg,
        file: str = "<data>",
        line: int = 0,
        column: int = 0,
        *,
        path: DocPath = (),
        severity: Severity = Severity.ERROR,
    ) -> Problem:
        """A problem whose message and hint, in both languages, come from ``msg``."""
        return cls(
            msg.en,
            file,
            line,
            column,
            tuple(path),
            severity,
            hint=msg.hint,
            message_zh=msg.zh,
            hint_zh=msg.hint_zh,
        )

    @property
    def pointer(self) -> str:
        """The document path as a JSON pointer, ``/`` for the root."""
        return json_pointer(self.path) or "/"

    def text(self, lang: str = "en") -> str:
        """One line ``file:line:col: /path: message (hint)`` in English or Chinese (``zh``)."""
        zh = lang == "zh"
        message = (self.message_zh if zh else "") or self.message
        hint = (self.hint_zh if zh else "") or self.hint
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column}"
        if self.severity is Severity.WARNING:
            where += ": 警告" if zh else ": warning"
        text = f"{where}: {self.pointer}: {message}"
        if hint:
            text += f"（{hint}）" if zh else f" ({hint})"
        # One problem, one line: a line break from the file (a name, a key, a
        # parser's detail) is shown escaped rather than breaking the line.
        return text.translate(_ONE_LINE) if _BREAK.search(text) else text

    def __str__(self) -> str:
        return self.text("en")


@dataclass(eq=False)
class MofanRulesError(Exception):
    """Root of every error a person can cause with a rulebook or a ledger.

    ``problems`` holds every problem found in one file, most useful first; the
    first one's location is also available as ``file``/``line``/``column``/``path``.
    """

    problems: tuple[Problem, ...] = field(default_factory=tuple)

    def __init__(self, problems: Iterable[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = (Problem(problems),)
        self.problems = tuple(problems) or (_unknown_error(),)
        super().__init__(str(self))

    @property
    def first(self) -> Problem:
        """The most useful problem (the one shown when only one line fits)."""
        return self.problems[0]

    @property
    def file(self) -> str:
        """File of the first problem."""
        return self.first.file

    @property
    def line(self) -> int:
        """Line (1-based) of the first problem, 0 if unknown."""
        return self.first.line

    @property
    def column(self) -> int:
        """Column (1-based) of the first problem, 0 if unknown."""
        return self.first.column

    @property
    def path(self) -> DocPath:
        """Document path of the first problem."""
        return self.first.path

    @property
    def pointer(self) -> str:
        """Document path of the first problem as a JSON pointer."""
        return self.first.pointer

    @property
    def message(self) -> str:
        """Plain message of the first problem."""
        return self.first.message

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def _unknown_error() -> Problem:
    return Problem.from_msg(say("unknown_error"))


class SourceError(MofanRulesError):
    """A file could not be read as data: encoding, YAML syntax, size, tags, aliases."""


class RulebookError(MofanRulesError):
    """A rulebook (规则库) is malformed or contradicts itself."""


class CasesError(MofanRulesError):
    """A rulebook's cases file (案例) is malformed."""


class FactsError(MofanRulesError):
    """A ledger (扣分台账) is malformed or does not fit the rulebook."""


class RulebookMismatchError(FactsError):
    """A ledger pins a rulebook id or version other than the one used to score it."""
