"""Last year's YAML file edited in place, so its comments and layout survive the draft.

The drafted data is compared with the data the old file held. Where the
difference is only values changed (numbers, words, a one-line list of
names) and entries added at the end of a list, each change is written into
the old text at the value's own line and column, and new entries are
indented under the last one like their neighbours. Anything else (a key
added or removed, an entry dropped or moved) is left to a full rewrite:
:func:`edit_text` returns ``None``. The edited text is read back and must
hold exactly the drafted data, or ``None`` is returned too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import yaml

from mofan_rules._text import DocPath, canonical
from mofan_rules.errors import MofanRulesError
from mofan_rules.rulebook._emit import _Dumper
from mofan_rules.rulebook._hash import canonical_data
from mofan_rules.source import Document, parse_document

_FLOW = ",[]{}"
_CLOSING = {"[": "]", "{": "}"}


class _Indented(_Dumper):
    """Lists indented under their key, as the rulebooks are written."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


class _RefusedError(Exception):
    """The change is not one a text edit can make."""


@dataclass(frozen=True, slots=True)
class _Edit:
    start: int
    end: int
    text: str


def _scalar(value: Any, *, flow: bool) -> str:
    if isinstance(value, bool) or value is None:
        raise _RefusedError
    if isinstance(value, Decimal):
        return canonical(value)
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str):
        raise _RefusedError
    plain = (
        value == value.strip()
        and value
        and not any(c in value for c in (_FLOW if flow else ""))
        and ": " not in value
        and " #" not in value
        and "\n" not in value
    )
    if plain:
        try:
            if yaml.safe_load(value) == value and value[0] not in "-?:,[]{}#&*!|>'\"%@`":
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)  # a double-quoted YAML scalar


class _Text:
    def __init__(self, text: str, doc: Document) -> None:
        self.text = text
        self.doc = doc
        self.starts = [0]
        for line in text.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))
        self.edits: list[_Edit] = []

    def offset(self, path: DocPath) -> int:
        pos = self.doc.values.get(path)
        if pos is None or pos.file is not None:
            raise _RefusedError
        return self.starts[pos.line - 1] + pos.column - 1

    def _in_flow(self, at: int) -> bool:
        line_start = self.text.rfind("\n", 0, at) + 1
        depth = 0
        for char in self.text[line_start:at]:
            if char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
        return depth > 0

    def value_end(self, at: int) -> int:
        """Where the scalar or one-line flow collection starting at ``at`` ends."""
        text, first = self.text, self.text[at]
        if first in "\"'":
            i = at + 1
            while i < len(text):
                if first == '"' and text[i] == "\\":
                    i += 2
                    continue
                if text[i] == first:
                    if first == "'" and text[i + 1 : i + 2] == "'":
                        i += 2
                        continue
                    return i + 1
                i += 1
            raise _RefusedError
        if first in _CLOSING:
            end = text.find(_CLOSING[first], at)
            if end < 0 or "\n" in text[at:end] or "'" in text[at:end] or '"' in text[at:end]:
                raise _RefusedError
            return end + 1
        if first in ">|":
            raise _RefusedError
        eol = text.find("\n", at)
        eol = len(text) if eol < 0 else eol
        end = eol
        if self._in_flow(at):
            end = min((i for i in (text.find(c, at, eol) for c in ",}]") if i >= 0), default=eol)
        comment = text.find(" #", at, end)
        if comment >= 0:
            end = comment
        return len(text[:end].rstrip()) if end > at else end

    def replace(self, path: DocPath, value: Any) -> None:
        at = self.offset(path)
        end = self.value_end(at)
        flow = self._in_flow(at)
        if isinstance(value, list):
            if self.text[at] != "[":
                raise _RefusedError
            new = "[" + ", ".join(_scalar(v, flow=True) for v in value) + "]"
        else:
            new = _scalar(value, flow=flow)
        self.edits.append(_Edit(at, end, new))

    def append(self, path: DocPath, old_len: int, extra: list[Any]) -> None:
        """New entries after the last of the list at ``path``, indented like it."""
        if old_len == 0:
            raise _RefusedError
        last = self.offset((*path, old_len - 1))
        line_start = self.text.rfind("\n", 0, last) + 1
        dash = self.text.find("-", line_start, last)
        if dash < 0 or self.text[line_start:dash].strip():
            raise _RefusedError  # not a block list written "- …"
        indent = dash - line_start
        line = self.text.count("\n", 0, last) + 1
        insert_line = len(self.starts) - 1
        for n in range(line, len(self.starts) - 1):
            body = self.text[self.starts[n] : self.starts[n + 1]]
            written = body.strip() and not body.lstrip().startswith("#")
            if written and len(body) - len(body.lstrip(" ")) <= indent:
                insert_line = n
                break
        while (
            insert_line > line
            and not self.text[self.starts[insert_line - 1] : self.starts[insert_line]].strip()
        ):
            insert_line -= 1
        block = yaml.dump(
            extra, Dumper=_Indented, allow_unicode=True, sort_keys=False, width=4096, indent=2
        )
        pad = " " * indent
        lines = "".join(pad + ln + "\n" for ln in block.splitlines())
        at = self.starts[insert_line]
        if at > 0 and not self.text[:at].endswith("\n"):
            lines = "\n" + lines
        self.edits.append(_Edit(at, at, lines))

    def result(self) -> str:
        out = self.text
        for edit in sorted(self.edits, key=lambda e: e.start, reverse=True):
            out = out[: edit.start] + edit.text + out[edit.end :]
        return out


def _walk(t: _Text, old: Any, new: Any, path: DocPath) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        if list(old) != list(new):
            raise _RefusedError
        for key in old:
            _walk(t, old[key], new[key], (*path, key))
        return
    if isinstance(old, list) and isinstance(new, list):
        if all(not isinstance(v, dict | list) for v in [*old, *new]):
            if canonical_data(old) != canonical_data(new):
                t.replace(path, new)
            return
        if len(new) < len(old):
            raise _RefusedError
        for k, value in enumerate(old):
            _walk(t, value, new[k], (*path, k))
        if len(new) > len(old):
            t.append(path, len(old), new[len(old) :])
        return
    if isinstance(old, dict | list) or isinstance(new, dict | list):
        raise _RefusedError
    if canonical_data(old) != canonical_data(new):
        t.replace(path, new)


def edit_text(text: str, doc: Document, new: dict[str, Any]) -> str | None:
    """``text`` (the file ``doc`` was read from) edited to hold ``new``; ``None`` if it cannot be."""
    t = _Text(text, doc)
    try:
        _walk(t, doc.data, new, ())
    except _RefusedError:
        return None
    result = t.result()
    try:
        back = parse_document(result, doc.file).data
    except MofanRulesError:
        return None
    return result if canonical_data(back) == canonical_data(new) else None


__all__ = ["edit_text"]
