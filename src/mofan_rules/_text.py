"""Small text helpers every layer shares: decimals as text, JSON pointers, escaping.

Kept at the bottom of the house so that no layer has to reach up (into the
report, say) for a helper.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

PathPart = str | int
DocPath = tuple[PathPart, ...]


def canonical(value: Decimal) -> str:
    """A decimal as plain text without trailing zeros: ``1.50`` → ``1.5``, ``1E+2`` → ``100``."""
    if value == 0:
        return "0"
    return format(value.normalize(), "f")


def json_pointer(path: Sequence[PathPart]) -> str:
    """The RFC 6901 JSON pointer of a document path (``/rows/6/points``)."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def pointer_parts(pointer: str) -> DocPath:
    """The document path of an RFC 6901 JSON pointer; digits become list indexes."""
    parts: list[PathPart] = []
    for raw in pointer.split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        parts.append(int(part) if part.isdigit() else part)
    return tuple(parts)


# ------------------------------------------------------------------ escaping
# What users open is data, never code: each place text lands has its own
# escape, and every writer in the package goes through one of these.

# C0 controls but tab and line breaks, DEL, C1 controls (a terminal reads
# U+009B as CSI), and the bidirectional overrides that reorder what a reader sees.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_ALL = re.compile("[\x00-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\x85]")


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str, *, one_line: bool = False) -> str:
    """``text`` safe to print: control sequences (ESC, OSC, C1) shown escaped as ``\\x1b``.

    Tab and line feed stay unless ``one_line``, which escapes every line break too.
    """
    pattern = _CONTROL_ALL if one_line else _CONTROL
    return pattern.sub(_escape_char, text) if pattern.search(text) else text


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_LINE_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")


def markdown_text(text: str) -> str:
    """``text`` as inline Markdown: it cannot open a table cell, a heading, a link or HTML.

    Markdown's special characters are backslash-escaped and line breaks become
    spaces, so a name from a ledger stays one piece of text in one cell.
    """
    flat = _LINE_BREAKS.sub(" ", terminal_text(text))
    return _MD_SPECIAL.sub(r"\\\1", flat)


# OWASP's CSV-injection advice: a cell starting with one of these is read as a
# formula by Excel, LibreOffice or WPS; a leading apostrophe keeps it text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Characters an XLSX cell cannot hold at all (openpyxl refuses them).
_XLSX_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def cell_text(text: str) -> str:
    """Text for a CSV or XLSX cell: never a formula, never a character the file cannot hold."""
    safe = _XLSX_ILLEGAL.sub(_escape_char, text) if _XLSX_ILLEGAL.search(text) else text
    if safe.startswith(_FORMULA_START):
        return "'" + safe
    return safe
