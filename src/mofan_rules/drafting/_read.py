"""Reading a 任务分解表 from a file: .docx, .xlsx or .txt, by its suffix, safely.

The file is read through :func:`mofan_rules.source.read_bytes` (bounded, never
waiting on a FIFO, OS errors located). Word and Excel files are zip archives:
one that is password-protected is an OLE container instead, and is refused
with that reason; an archive that would unpack to more than a bound, or that
is damaged, is refused before any XML is parsed. Every reader gives the same
:class:`~mofan_rules.drafting._table.RawTable`, so the reading rules of
:mod:`._layout` are the same for all three.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from mofan_rules.drafting._layout import build_table
from mofan_rules.drafting._table import DocTable, RawTable
from mofan_rules.errors import DocumentError, Problem
from mofan_rules.messages import say
from mofan_rules.source import PathLike, display, read_bytes

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
"""A Word or Excel table of a few pages is far below this."""
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
"""What a .docx or .xlsx may unpack to (a zip bomb unpacks to far more)."""
MAX_PARTS = 5000

SUFFIXES = (".docx", ".xlsx", ".txt")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted Office files and old .doc/.xls


def _refuse(shown: str, code: str, **params: Any) -> DocumentError:
    return DocumentError([Problem.from_msg(say(code, **params), shown)])


def check_archive(raw: bytes, shown: str) -> None:
    """Refuse a protected, damaged or oversized Office file before parsing it."""
    if raw.startswith(_OLE):
        raise _refuse(shown, "doc_protected")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            infos = archive.infolist()
            size = sum(info.file_size for info in infos)
            if len(infos) > MAX_PARTS or size > MAX_UNPACKED_BYTES:
                raise _refuse(shown, "doc_unpacks_too_large", size=size, limit=MAX_UNPACKED_BYTES)
            bad = archive.testzip()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        ValueError,
        NotImplementedError,
    ) as exc:
        raise _refuse(shown, "doc_corrupt", detail=str(exc) or type(exc).__name__) from None
    if bad is not None:
        raise _refuse(shown, "doc_corrupt", detail=bad)


def raw_tables(path: PathLike) -> tuple[str, list[RawTable]]:
    """The shown name of ``path`` and the tables in it, as located cells."""
    shown = display(path)
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        code = "doc_old_format" if suffix in (".doc", ".xls", ".wps", ".et") else "doc_unsupported"
        raise _refuse(shown, code, suffix=suffix or "—", allowed=", ".join(SUFFIXES))
    raw = read_bytes(path, DocumentError, max_bytes=MAX_DOCUMENT_BYTES)
    if suffix == ".txt":
        from mofan_rules.drafting._plain import read_plain  # noqa: PLC0415 - per format

        return shown, read_plain(raw, shown)
    check_archive(raw, shown)
    if suffix == ".docx":
        from mofan_rules.drafting._docx import read_docx  # noqa: PLC0415 - python-docx is slow to import

        return shown, read_docx(raw, shown)
    from mofan_rules.drafting._xlsx import read_xlsx  # noqa: PLC0415 - openpyxl is slow to import

    return shown, read_xlsx(raw, shown)


def read_document(path: PathLike) -> DocTable:
    """Read the 任务分解表 of a .docx, .xlsx or .txt file.

    Raises :class:`~mofan_rules.errors.DocumentError` when the file cannot be
    read, has another format, is protected, damaged or too large, or holds
    no table that reads as an assessment table.
    """
    shown, tables = raw_tables(path)
    return build_table(tables, shown)


__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_UNPACKED_BYTES",
    "SUFFIXES",
    "check_archive",
    "raw_tables",
    "read_document",
]
