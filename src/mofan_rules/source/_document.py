"""Located data: plain values read from a file, with where each one was written.

Every later layer (schema, models, checks) speaks of paths inside the data;
a :class:`Document` turns such a path back into ``file:line:col`` so a
message points at the spot a person has to change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mofan_rules._text import DocPath, PathPart
from mofan_rules.errors import Problem
from mofan_rules.messages import Msg


@dataclass(frozen=True, slots=True)
class Position:
    """Where a value starts in its file (1-based line and column).

    ``file`` overrides the document's file name, for documents read from
    several places at once (a workbook's sheets: ``ledger.xlsx[measures]``).
    """

    line: int
    column: int
    file: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """Plain data read from a file, with the position of every value and key."""

    data: Any
    file: str
    values: dict[DocPath, Position]
    keys: dict[DocPath, Position]
    # For a document converted from an older format: (new prefix, old prefix)
    # pairs, so a problem names the path as it is written in the file.
    renamed: tuple[tuple[DocPath, DocPath], ...] = ()

    def written_path(self, path: DocPath) -> DocPath:
        """``path`` as it is written in the file (differs only for a converted document)."""
        for new, old in self.renamed:
            if path[: len(new)] == new:
                return (*old, *path[len(new) :])
        return tuple(path)

    def locate(self, path: DocPath, *, key: bool = False) -> Position:
        """Position of the value at ``path`` (or of its key), else its nearest parent."""
        if key and path in self.keys:
            return self.keys[path]
        p = tuple(path)
        while p:
            if p in self.values:
                return self.values[p]
            p = p[:-1]
        return self.values.get((), Position(0, 0))

    def sub(self, prefix: DocPath) -> Document:
        """The part of this document under ``prefix``, as a document of its own (same positions)."""
        n = len(prefix)
        data: Any = self.data
        for part in prefix:
            data = data[part]
        values = {p[n:]: pos for p, pos in self.values.items() if p[:n] == prefix}
        keys = {p[n:]: pos for p, pos in self.keys.items() if p[:n] == prefix and len(p) > n}
        return Document(data, self.file, values, keys)

    def parts(self, prefix: DocPath, inner: DocPath) -> dict[int, Document]:
        """``sub((*prefix, i, *inner))`` for every entry ``i`` of the list at ``prefix``, in one pass.

        (Calling :meth:`sub` once per entry would go over the whole document each time.)
        """
        entries = self.data
        for part in prefix:
            entries = entries[part]
        n, m = len(prefix), len(prefix) + 1 + len(inner)
        values: dict[PathPart, dict[DocPath, Position]] = {}
        keys: dict[PathPart, dict[DocPath, Position]] = {}
        for found, into in ((self.values, values), (self.keys, keys)):
            for p, pos in found.items():
                if len(p) >= m and p[:n] == prefix and p[n + 1 : m] == inner:
                    into.setdefault(p[n], {})[p[m:]] = pos
        out = {}
        for i, entry in enumerate(entries):
            data = entry
            for part in inner:
                data = data[part]
            keys_i = {p: pos for p, pos in keys.get(i, {}).items() if p}
            out[i] = Document(data, self.file, values.get(i, {}), keys_i)
        return out

    def problem(self, path: DocPath, message: Msg, *, key: bool = False, **kw: Any) -> Problem:
        """Build a problem located at ``path`` in this document.

        ``message`` is a :class:`Msg` from :func:`~mofan_rules.messages.say`
        (both languages, with its hint and its catalogue code), so every
        problem a document gives carries its code.
        """
        pos = self.locate(path, key=key)
        file = pos.file or self.file
        shown = self.written_path(path) if self.renamed else tuple(path)
        return Problem.from_msg(message, file, pos.line, pos.column, path=shown, **kw)
