"""The workbook around the sheets: its sheet list, shared texts, date styles and relationships.

These parts are small next to the sheets, but read the same way (streamed,
bounded): the list of sheets and the date system from ``workbook.xml``, the
texts cells share from ``sharedStrings.xml`` (without their pronunciation
guides), and which cell styles show a number as a date from ``styles.xml``.
"""

from __future__ import annotations

import re

from mofan_rules.ledger._sheets._grid import Found
from mofan_rules.ledger._sheets._limits import MAX_CELL_CHARS, MAX_SHARED_STRINGS
from mofan_rules.ledger._sheets._zip import Parts, local, local_attrs, rels_of
from mofan_rules.messages import say

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Excel's built-in number formats that show a date (14–22), and the ones
# Chinese Excel adds (27–36, 50–58: 2026年4月18日 and kin).
_DATE_FORMATS = frozenset({*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)})
_FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_MAX_STYLES = 65_000  # Excel's own limit of cell formats


def unescape(text: str) -> str:
    # Excel writes characters XML cannot hold as _xHHHH_ (a line break as _x000D_).
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


_COLUMN_NUMBERS: dict[str, int] = {}


def _is_date_format(code: str) -> bool:
    # What is left once quoted text, escapes and [colours] are removed: y, m, d → a date.
    bare = _FORMAT_NOISE.sub("", code).lower()
    return any(ch in bare for ch in "ymd年月日") and "general" not in bare


class Texts:
    """The shared strings part: every text cell's text, by index."""

    def __init__(self, found: Found, file: str) -> None:
        self.found, self.file = found, file
        self.texts: list[str] = []
        self.too_long: set[int] = set()
        self.pieces: list[str] = []
        self.size = 0
        self.in_text = False
        self.in_phonetic = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if ":" in tag:
            tag = local(tag)
        if tag == "si":
            self.pieces, self.size = [], 0
            if len(self.texts) >= MAX_SHARED_STRINGS:
                self.found.stop(say("xlsx_too_many_strings", limit=MAX_SHARED_STRINGS), self.file)
        elif tag == "t":
            self.in_text = not self.in_phonetic
        elif tag == "rPh":  # the pronunciation guide is not the text
            self.in_phonetic = True

    def end(self, tag: str) -> None:
        if ":" in tag:
            tag = local(tag)
        if tag == "t":
            self.in_text = False
        elif tag == "si":
            if self.size > MAX_CELL_CHARS:
                self.too_long.add(len(self.texts))
                self.texts.append("")
            else:
                self.texts.append(unescape("".join(self.pieces)))
        elif tag == "rPh":
            self.in_phonetic = False

    def text(self, data: str) -> None:
        if self.in_text and self.size <= MAX_CELL_CHARS:
            self.pieces.append(data)
            self.size += len(data)


class Styles:
    """Which cell styles show a number as a date."""

    def __init__(self) -> None:
        self.formats: dict[int, str] = {}
        self.xfs: list[int] = []
        self.in_xfs = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        tag = local(tag)
        if tag == "numFmt" and attrs.get("numFmtId", "").isdigit():
            self.formats[int(attrs["numFmtId"][:9])] = attrs.get("formatCode", "")[:256]
        elif tag == "cellXfs":
            self.in_xfs = True
        elif tag == "xf" and self.in_xfs and len(self.xfs) < _MAX_STYLES:
            number = attrs.get("numFmtId", "0")
            self.xfs.append(int(number[:9]) if number.isdigit() else 0)

    def end(self, tag: str) -> None:
        if local(tag) == "cellXfs":
            self.in_xfs = False

    def dates(self) -> frozenset[int]:
        """The indexes of the styles (``s="…"``) that show dates."""
        return frozenset(
            i
            for i, number in enumerate(self.xfs)
            if number in _DATE_FORMATS
            or (number in self.formats and _is_date_format(self.formats[number]))
        )


class Book:
    """What the workbook part says: its sheets, the date system, shared texts and styles."""

    def __init__(self, found: Found, file: str) -> None:
        self.sheets: list[tuple[str, str]] = []  # name, relationship id
        self.date1904 = False
        self.texts = Texts(found, file)
        self.date_styles: frozenset[int] = frozenset()

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        tag = local(tag)
        if tag == "sheet":
            attrs = local_attrs(attrs)
            self.sheets.append((attrs.get("name", ""), attrs.get("id", "")))
        elif tag == "workbookPr":
            self.date1904 = attrs.get("date1904", "").lower() in ("1", "true")


def relationships(parts: Parts, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, member name) of a part; empty when it has none."""
    found: dict[str, tuple[str, str]] = {}
    name = rels_of(part)
    if not parts.has(name):
        return found

    def start(tag: str, attrs: dict[str, str]) -> None:
        if local(tag) == "Relationship" and attrs.get("TargetMode", "Internal") == "Internal":
            target = parts.resolve(part, attrs.get("Target", ""))
            found[attrs.get("Id", "")] = (attrs.get("Type", ""), target)

    parts.read_xml(name, start)
    return found


def part_of(rels: dict[str, tuple[str, str]], kind: str, default: str, parts: Parts) -> str | None:
    for rel_type, target in rels.values():
        if rel_type.endswith("/" + kind) and parts.has(target):
            return target
    return default if parts.has(default) else None


__all__ = ["Book", "Styles", "Texts", "part_of", "relationships", "unescape"]
