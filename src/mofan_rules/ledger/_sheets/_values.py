"""A cell's value as a ledger field wants it: Excel's habits accepted, or refused clearly.

Each converter takes what the cell held (text, an exact number, a date cell,
TRUE/FALSE) and gives the plain value the ledger model checks, or raises
:class:`Refusal` with the message for that cell. Numbers are exact decimals
from their text; a value the model can word better (a count of ``1.5``) is
passed on for the model to refuse.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from mofan_rules._text import canonical
from mofan_rules.ledger._sheets._grid import CellValue
from mofan_rules.ledger._sheets._limits import FIRST_SERIAL, LAST_SERIAL
from mofan_rules.messages import Msg, say
from mofan_rules.source import MAX_NUMBER_CHARS, number_out_of_range, out_of_range

EXAMPLE_MARKS = ("示例", "例", "example")
"""What the 序号 cell of the template's example row says."""

_FULLWIDTH = str.maketrans("０１２３４５６７８９．－＋／：\u3000", "0123456789.-+/: ")
_WHOLE = re.compile(r"[-+]?[0-9]+(?:\.0*)?\Z")
_DECIMAL = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
_DAY = re.compile(
    r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?"
    r"(?:[\sT]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?\Z"
)
_PACKED_DAY = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})\Z")
_YEAR = re.compile(r"([0-9]{4})\s*(?:年度?)?\Z")
_PERIOD_SPLIT = re.compile(r"\s*(?:至|到|~|～|—|–|－|\s-\s)\s*")
_ITEM = re.compile(r"第?\s*([0-9]{1,4})\s*[项条]?\s*(?:[.．、:：)）\s]\s*(.*?))?\s*\Z", re.DOTALL)
_SEPARATORS = re.compile(r"\s*[,，、;；\n]+\s*")
_FORMULA_START = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


class Refusal(Exception):  # noqa: N818 - a refusal, not an error of the program
    """A cell's value that a field cannot take, with the message saying why."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(msg.en)
        self.msg = msg


def inert_text(text: str) -> str | None:
    """A text cell stripped; ``None`` when blank.

    The tool writes text that looks like a formula with a leading apostrophe
    (OWASP's advice); reading it back drops the apostrophe, so what was
    written is what is read. Zero-width spaces and stray byte-order marks,
    which no one sees, are dropped.
    """
    if "\u200b" in text or "\ufeff" in text:  # invisible: pasted from a web page or a BOM
        text = text.replace("\u200b", "").replace("\ufeff", "")
    text = text.strip()
    if text.startswith("'") and text[1:].startswith(_FORMULA_START):
        text = text[1:]
    return text or None


def serial_day(value: Decimal, *, date1904: bool = False) -> dt.date | None:
    """The day an Excel date serial stands for; ``None`` when it is no day at all."""
    if not 0 <= value < 2_958_466:
        return None
    days = int(value)
    if date1904:
        return dt.date(1904, 1, 1) + dt.timedelta(days=days)
    if days in (0, 60):  # 1900-01-00 and 1900-02-29 exist only in Excel
        return None
    start = dt.date(1899, 12, 31) if days < 60 else _EXCEL_EPOCH
    return start + dt.timedelta(days=days)


def _refuse_bool(value: CellValue, field: str) -> None:
    if isinstance(value, bool):
        raise Refusal(say("sheet_boolean", field=field))


def text_of(value: CellValue) -> str:
    """How a cell reads as text: a number without trailing zeros, a date as YYYY-MM-DD."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, Decimal):
        return canonical(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def as_text(value: CellValue, field: str) -> str:
    """A text field: evidence, a note, a name; a number or a date reads as it shows."""
    _refuse_bool(value, field)
    return text_of(value)


def _number_text(value: str) -> str:
    text = value.translate(_FULLWIDTH).strip()
    if len(text) > MAX_NUMBER_CHARS and _DECIMAL.match(text[:MAX_NUMBER_CHARS]):
        raise Refusal(number_out_of_range(text))
    return text


def as_whole(value: CellValue, field: str) -> object:
    """A whole number (an item, a count, a rank): ``1.0`` is 1; anything else is for the model."""
    _refuse_bool(value, field)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value
    if isinstance(value, dt.date):
        return value.isoformat()
    text = _number_text(text_of(value))
    if _WHOLE.match(text):
        return int(Decimal(text))
    if _DECIMAL.match(text):
        return _decimal(text)
    return value


def _decimal(text: str) -> Decimal:
    try:
        number = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
        raise Refusal(say("invalid_decimal", text=text)) from None
    if out_of_range(number):
        raise Refusal(number_out_of_range(text))
    return number


def as_number(value: CellValue, field: str) -> object:
    """An exact number (an amount, a score, a figure); text like ``97.5%`` is for the rulebook."""
    _refuse_bool(value, field)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    text = _number_text(text_of(value))
    return _decimal(text) if _DECIMAL.match(text) else value


def _day(year: str, month: str, day: str, shown: str) -> str:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        raise Refusal(say("sheet_bad_date", text=shown)) from None


def as_date(value: CellValue, field: str) -> str:
    """A day as ``YYYY-MM-DD``: a date cell, ``2026/4/18``, ``2026年4月18日``, ``2026.9.30``, a serial."""
    _refuse_bool(value, field)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal) and FIRST_SERIAL <= value < LAST_SERIAL + 1:
        day = serial_day(value)
        if day is not None:
            return day.isoformat()
    text = text_of(value).translate(_FULLWIDTH).strip()
    if match := _DAY.match(text):
        return _day(match[1], match[2], match[3], text)
    if match := _PACKED_DAY.match(text):
        return _day(match[1], match[2], match[3], text)
    if text.isdigit() and len(text) <= 6 and FIRST_SERIAL <= int(text) <= LAST_SERIAL:
        return (_EXCEL_EPOCH + dt.timedelta(days=int(text))).isoformat()
    raise Refusal(say("sheet_bad_date", text=text[:40]))


def as_period(value: CellValue, field: str) -> tuple[str, str]:
    """A period in one cell: ``2026-01-01 至 2026-12-31``, or a year (``2026``, ``2026年度``)."""
    _refuse_bool(value, field)
    text = text_of(value).translate(_FULLWIDTH).strip()
    if match := _YEAR.match(text):
        return f"{match[1]}-01-01", f"{match[1]}-12-31"
    ends = _PERIOD_SPLIT.split(text)
    if len(ends) != 2:
        raise Refusal(say("sheet_bad_period", text=text[:60]))
    try:
        return as_date(ends[0], field), as_date(ends[1], field)
    except Refusal:
        raise Refusal(say("sheet_bad_period", text=text[:60])) from None


def as_item(value: CellValue, field: str, titles: dict[int, str]) -> object:
    """An item number: ``12``, ``第12项``, ``12. 严明党的各项纪律`` (the title must be item 12's)."""
    _refuse_bool(value, field)
    if isinstance(value, Decimal):
        return as_whole(value, field)
    text = text_of(value).translate(_FULLWIDTH).strip()
    match = _ITEM.match(text)
    if match is None or (match[2] and match[2].replace(".", "").isdigit()):
        raise Refusal(say("sheet_bad_item", text=text[:40]))
    number = int(match[1])
    given = re.sub(r"\s+", "", match[2] or "")
    title = titles.get(number)
    if given and title is not None:
        bare = re.sub(r"\s+", "", title)
        if given not in bare and bare not in given:
            raise Refusal(say("sheet_item_title", item=number, title=title, given=given[:40]))
    return number


def as_names(value: CellValue, field: str, known: frozenset[str]) -> list[str]:
    """Modifiers: one name, or several separated by commas, 、 or semicolons."""
    text = as_text(value, field)
    if text in known:
        return [text]
    return [part for part in _SEPARATORS.split(text) if part]


__all__ = [
    "EXAMPLE_MARKS",
    "Refusal",
    "as_date",
    "as_item",
    "as_names",
    "as_number",
    "as_period",
    "as_text",
    "as_whole",
    "inert_text",
    "serial_day",
    "text_of",
]
