"""Writing files so an interrupted run never leaves half of one behind.

Every output goes to a temporary file in the target's folder first and is then
renamed over the target (atomic on POSIX and Windows), so the target holds
either the old content or the new, never a mixture.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from .report import canonical


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or Path()
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return canonical(value)
    return str(value)


def csv_bytes(rows: Sequence[Sequence[Any]]) -> bytes:
    """Rows as CSV in UTF-8 with a BOM, so Excel shows Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([[_text(v) for v in row] for row in rows])
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(sheets: Mapping[str, Sequence[Sequence[Any]]]) -> bytes:
    """Sheets of rows as an .xlsx workbook (needs the ``xlsx`` extra: openpyxl)."""
    try:
        import openpyxl  # noqa: PLC0415 - optional dependency
    except ImportError as exc:
        msg = "writing .xlsx needs openpyxl: pip install 'mofan-rules[xlsx]'"
        raise RuntimeError(msg) from exc
    book = openpyxl.Workbook(write_only=True)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            # Exact decimals are written as their text, so nothing passes through a float.
            sheet.append([canonical(v) if isinstance(v, Decimal) else v for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
