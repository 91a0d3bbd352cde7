"""Data handed over from Python (a mapping), checked the way a file would be.

A programmer's dict can hold what no YAML file can: floats, numbers past any
bound, keys that are not text, lone surrogates, NUL, bytes, sets, cycles and
lists shared a billion times over. Each is a located problem here, as it
would be in a file, instead of a surprise deeper down. Floats are read
through their shortest text (0.9 is exactly 0.9); dates and date-times are
kept for the model to check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from mofan_rules._text import DocPath
from mofan_rules.errors import Problem
from mofan_rules.messages import Msg, say
from mofan_rules.source._document import Document
from mofan_rules.source._files import DEFAULT_MAX_BYTES
from mofan_rules.source._yaml import MAX_DEPTH, MAX_NUMBER_CHARS, number_out_of_range, out_of_range

# Whole numbers are held to the bound a file's numbers have (at most
# MAX_NUMBER_CHARS digits), by comparison: nothing turns them into text first
# (Python refuses to print an int of more than 4,300 digits).
_INT_LIMIT = 10**MAX_NUMBER_CHARS
# As many values as the largest file could hold (each takes at least two
# bytes: itself and a separator). Without it, a list holding the same list ten
# times, forty levels deep, would be 10**40 values to walk: Python's alias bomb.
MAX_VALUES = DEFAULT_MAX_BYTES // 2


def document_from_python(data: Mapping[Any, Any], file: str) -> tuple[Document, list[Problem]]:
    """``data`` as a :class:`Document` (without positions) and the problems found in it.

    Raises nothing: what cannot be kept is returned as a problem.
    """
    walk = _Walk(file)
    plain = walk.plain(data, ())
    return Document(plain, file, {}, {}), walk.problems


class _Walk:
    """One pass over Python data: plain values out, every problem kept."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.values = 0

    def fail(self, path: DocPath, msg: Msg) -> None:
        self.problems.append(Problem.from_msg(msg, self.file, path=path))

    def plain(self, value: Any, path: DocPath) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            if self.values == MAX_VALUES + 1:
                self.fail(path, say("too_many_values", limit=MAX_VALUES))
            return None
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, int):
            if not -_INT_LIMIT < value < _INT_LIMIT:
                self.fail(path, say("integer_too_large", digits=MAX_NUMBER_CHARS))
                return None
            return value
        # Floats go through their shortest text (0.9 → "0.9"), never through
        # binary: the exact decimal the caller wrote.
        if isinstance(value, float):
            value = Decimal(repr(value))
        if isinstance(value, Decimal):
            if not value.is_finite():
                self.fail(path, say("not_finite", text=value))
                return None
            if out_of_range(value):
                self.fail(path, number_out_of_range(str(value)[:MAX_NUMBER_CHARS]))
                return None
            return value
        if isinstance(value, str):
            return self.text(value, path)
        if isinstance(value, Mapping | list | tuple) and len(path) > MAX_DEPTH:
            self.fail(path, say("nested_deeper_than", depth=MAX_DEPTH))
            return None
        if isinstance(value, Mapping):
            out: dict[str, Any] = {}
            for key, item in value.items():
                if not isinstance(key, str):
                    self.fail(path, say("key_not_text", key=type(key).__name__))
                    continue
                name = self.text(key, path)
                out[name] = self.plain(item, (*path, name))
            return out
        if isinstance(value, list | tuple):
            return [self.plain(v, (*path, i)) for i, v in enumerate(value)]
        if isinstance(value, dt.date):
            return value  # a date, as a file writes it in text; the model checks it
        # Bytes, sets, generators, objects: nothing a file can hold (pydantic
        # would quietly turn some of them into text or a list).
        self.fail(path, say("not_plain_value", kind=type(value).__name__))
        return None

    def text(self, value: str, path: DocPath) -> str:
        if "\x00" in value:
            self.fail(path, say("nul_in_text"))
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            joined = join_surrogates(value)
            if joined is None:
                self.fail(path, say("lone_surrogate"))
            else:
                value = joined
        return value


def join_surrogates(text: str) -> str | None:
    """``text`` with UTF-16 surrogate pairs (as JSON writes them) joined; ``None`` if one is alone.

    Raises nothing: a lone surrogate gives ``None``.
    """
    try:
        return text.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeDecodeError:
        return None
