"""Data handed over from Python (a mapping), checked the way a file would be.

A programmer's dict can hold what no YAML file can: floats, numbers past any
bound, keys that are not text, lone surrogates. Each is a located problem
here, as it would be in a file, instead of a surprise deeper down.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from mofan_rules._text import DocPath
from mofan_rules.errors import Problem
from mofan_rules.messages import say
from mofan_rules.source._document import Document
from mofan_rules.source._yaml import MAX_DEPTH, MAX_NUMBER_CHARS, number_out_of_range, out_of_range

# Whole numbers past this many bits are refused before anything turns them into
# text (Python refuses to print an int of more than 4,300 digits).
_MAX_INT_BITS = 64


def document_from_python(data: Mapping[Any, Any], file: str) -> tuple[Document, list[Problem]]:
    """``data`` as a :class:`Document` (without positions) and the problems found in it."""
    problems: list[Problem] = []
    return Document(_plain(data, (), problems, file), file, {}, {}), problems


def _plain(value: Any, path: DocPath, problems: list[Problem], file: str) -> Any:
    def fail(msg: Any) -> None:
        problems.append(Problem.from_msg(msg, file, path=path))

    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        if value.bit_length() > _MAX_INT_BITS:
            fail(say("integer_too_large", bits=_MAX_INT_BITS))
            return None
        return value
    # Floats go through their shortest text (0.9 → "0.9"), never through
    # binary: the exact decimal the caller wrote.
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            fail(say("not_finite", text=value))
            return None
        if out_of_range(value):
            fail(number_out_of_range(str(value)[:MAX_NUMBER_CHARS]))
            return None
        return value
    if isinstance(value, str):
        return _text(value, fail)
    if isinstance(value, Mapping | list | tuple) and len(path) > MAX_DEPTH:
        fail(say("nested_deeper_than", depth=MAX_DEPTH))
        return None
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                problems.append(
                    Problem.from_msg(say("key_not_text", key=type(key).__name__), file, path=path)
                )
                continue
            name = _text(key, fail)
            out[name] = _plain(item, (*path, name), problems, file)
        return out
    if isinstance(value, list | tuple):
        return [_plain(v, (*path, i), problems, file) for i, v in enumerate(value)]
    return value  # anything else is for the model to refuse, by type


def _text(value: str, fail: Any) -> str:
    if "\x00" in value:
        fail(say("nul_in_text"))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        joined = join_surrogates(value)
        if joined is None:
            fail(say("lone_surrogate"))
        else:
            value = joined
    return value


def join_surrogates(text: str) -> str | None:
    """``text`` with UTF-16 surrogate pairs (as JSON writes them) joined; ``None`` if one is alone."""
    try:
        return text.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeDecodeError:
        return None
