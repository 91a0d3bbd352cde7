"""The error family: every mistake a person can make, located in their file.

Each problem carries the file, line, column and the path inside the document,
so a message points at the spot an office editor has to change. A loader
collects all problems of a file and raises them together in one exception.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from mofan_rules._text import DocPath, PathPart, json_pointer, terminal_text
from mofan_rules.messages import Msg, say


class Severity(StrEnum):
    """How bad a problem is: an error stops loading, a warning does not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One located problem (问题) in a rulebook or a ledger.

    ``line`` and ``column`` are 1-based; 0 means the position is unknown (for
    example a ledger built in Python rather than read from a file). The message
    and hint are in English; ``message_zh`` and ``hint_zh`` carry the Chinese,
    chosen with :meth:`text`. ``code`` is the catalogue code of the message
    (``no_such_item``): stable, for tools to match instead of the English.
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
    code: str = ""

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
            code=msg.code,
        )

    @property
    def pointer(self) -> str:
        """The document path as a JSON pointer, ``/`` for the root."""
        return json_pointer(self.path) or "/"

    def words(self, lang: str = "en") -> str:
        """The message and its hint, ``message (hint)``, in English or Chinese (``zh``)."""
        zh = lang == "zh"
        message = (self.message_zh if zh else "") or self.message
        hint = (self.hint_zh if zh else "") or self.hint
        if not hint:
            return message
        return f"{message}（{hint}）" if zh else f"{message} ({hint})"

    def text(self, lang: str = "en") -> str:
        """One line ``file:line:col: /path: message (hint)`` in English or Chinese (``zh``)."""
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column}"
        if self.severity is Severity.WARNING:
            where += ": 警告" if lang == "zh" else ": warning"
        text = f"{where}: {self.pointer}: {self.words(lang)}"
        # One problem, one line, and no control sequences: a line break or an
        # ESC from the file (a name, a key, a parser's detail) is shown escaped.
        return terminal_text(text, one_line=True)

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


class LedgerError(MofanRulesError):
    """A ledger (扣分台账) is malformed or does not fit the rulebook."""


FactsError = LedgerError
"""The name :class:`LedgerError` had before 0.2; kept so existing callers work."""


class RulebookMismatchError(LedgerError):
    """A ledger pins a rulebook id or version other than the one used to score it."""


class DocumentError(MofanRulesError):
    """A table document (Word, text or workbook) cannot be read as an assessment table."""


__all__ = [
    "CasesError",
    "DocPath",
    "DocumentError",
    "FactsError",
    "LedgerError",
    "MofanRulesError",
    "PathPart",
    "Problem",
    "RulebookError",
    "RulebookMismatchError",
    "Severity",
    "SourceError",
    "json_pointer",
]
