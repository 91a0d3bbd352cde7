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


def canonical(value: Decimal | int) -> str:
    """A decimal as plain text without trailing zeros: ``1.50`` → ``1.5``, ``1E+2`` → ``100``."""
    if value == 0:
        return "0"
    if isinstance(value, int):
        return str(value)
    return format(value.normalize(), "f")


def json_pointer(path: Sequence[PathPart]) -> str:
    """The RFC 6901 JSON pointer of a document path (``/rows/6/points``).

    Raises nothing.
    """
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
#
# An escaped character is written ``\uXXXX`` (tab, CR and LF as ``\t``,
# ``\r``, ``\n``): the same spelling JSON uses, so JSON printed through the
# terminal escape is still valid JSON meaning the same text.

# C0 controls but tab and line feed, DEL, C1 controls (a terminal reads U+009B
# as CSI), the bidirectional controls that reorder what a reader sees, and
# surrogates (half characters: from a file name that is not UTF-8, they cannot
# be printed at all).
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_CONTROL = re.compile(f"[{_UNSAFE}]")
# The same, tab and every line break (for text that must stay on one line).
_CONTROL_ALL = re.compile(f"[{_UNSAFE}\t\n\u2028\u2029]")

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or f"\\u{ord(char):04x}"


def terminal_text(text: str, *, one_line: bool = False) -> str:
    r"""``text`` safe to print: control sequences (ESC, OSC, C1) shown escaped as ``\u001b``.

    Tab and line feed stay unless ``one_line``, which escapes every line break
    too (so one problem is always one line).
    """
    pattern = _CONTROL_ALL if one_line else _CONTROL
    return pattern.sub(_escape_char, text) if pattern.search(text) else text


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_LINE_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
# What would start a block (a list item, a setext heading's underline, a
# numbered item) if the text began a line; leading blanks would make it code.
_MD_LEADING = re.compile(r"^(?:[-+](?=\s|$)|[-=](?=[-=]*\s*$)|\d{1,9}(?=[.)](?:\s|$)))")


def markdown_text(text: str) -> str:
    """``text`` as inline Markdown: it cannot open a table cell, a heading, a list, a link or HTML.

    Markdown's special characters are backslash-escaped, line breaks become
    spaces and control characters are escaped, so a name from a ledger stays
    one piece of text in one cell, wherever it is placed.
    """
    flat = _LINE_BREAKS.sub(" ", text).lstrip()
    flat = _MD_SPECIAL.sub(r"\\\1", terminal_text(flat))
    return _MD_LEADING.sub(_escape_leading, flat)


def _escape_leading(match: re.Match[str]) -> str:
    marker = match.group()
    if marker[0].isdigit():  # 1. → 1\.  (the dot follows the match)
        return marker + "\\"
    return "\\" + marker


# OWASP's CSV-injection advice: a cell starting with one of these is read as a
# formula by Excel, LibreOffice or WPS; a leading apostrophe keeps it text.
# (Full-width forms too: WPS reads ＝ as =.) Leading spaces do not hide one.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Characters a cell must not hold: those an XLSX file cannot (XML 1.0 has no
# C0 controls but tab and line breaks, no surrogates, no U+FFFE/U+FFFF), and
# those a terminal would obey when the CSV is printed.
_CELL_UNSAFE = re.compile(f"[{_UNSAFE}\ufffe\uffff]")


def cell_text(text: str) -> str:
    """Text for a CSV or XLSX cell: never a formula, never a character the file cannot hold."""
    safe = _CELL_UNSAFE.sub(_escape_char, text) if _CELL_UNSAFE.search(text) else text
    if safe.lstrip(" \u3000").startswith(_FORMULA_START):
        return "'" + safe
    return safe


_CHINESE_DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_number(text: str) -> int:
    """A whole number in Chinese numerals (十二 → 12, 一百零五 → 105); other characters are skipped."""
    total, digit = 0, 0
    for char in text:
        if char in _CHINESE_DIGITS:
            digit = _CHINESE_DIGITS[char]
        elif char in _CHINESE_UNITS:
            total += (digit or 1) * _CHINESE_UNITS[char]
            digit = 0
    return total + digit
