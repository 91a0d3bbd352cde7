"""The parts of an .xlsx archive, unpacked within bounds, and their XML read as a stream.

An .xlsx file is a zip archive of XML parts. A hostile one can declare
small sizes and unpack to gigabytes, hold thousands of members, or carry
an XML document type with entities that expand without end. Here the
archive's directory is checked first (member count, declared sizes), each
part is unpacked in chunks that stop at the bound whatever it declared, and
the XML parser refuses any document type declaration.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable, Iterator
from typing import Any
from xml.parsers import expat

from mofan_rules.errors import LedgerError
from mofan_rules.ledger._sheets._grid import Found
from mofan_rules.ledger._sheets._limits import (
    MAX_PART_BYTES,
    MAX_PARTS,
    MAX_UNPACKED_BYTES,
)
from mofan_rules.messages import say

_CHUNK = 64 * 1024
# The first bytes of an OLE compound file: an old .xls, or an encrypted .xlsx.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

StartHandler = Callable[[str, dict[str, str]], None]
EndHandler = Callable[[str], None]
TextHandler = Callable[[str], None]


class _Refused(Exception):  # noqa: N818 - a stop signal, not an error
    """Raised inside the XML parser to stop it (a DTD, or a bound a handler hit)."""


def local(name: str) -> str:
    """An XML name without its prefix: ``x:c`` → ``c``, ``r:id`` → ``id``."""
    return name[name.rfind(":") + 1 :]


def local_attrs(attrs: dict[str, str]) -> dict[str, str]:
    """Attributes by their names without prefixes."""
    return {local(k): v for k, v in attrs.items()}


class Parts:
    """The members of one archive, unpacked on demand and within bounds."""

    def __init__(self, raw: bytes, file: str, found: Found) -> None:
        self.file = file
        self.found = found
        self.unpacked = 0
        if raw.startswith(_OLE):
            found.stop(say("xlsx_old_format"), file)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(raw))
            infos = self.zip.infolist()
        except Exception:  # any way a zip directory is broken means "not a zip"
            found.stop(say("xlsx_not_zip"), file)
        if len(infos) > MAX_PARTS:
            found.stop(say("xlsx_too_many_parts", limit=MAX_PARTS), file)
        self.infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = info.filename.lstrip("/")
            if name in self.infos:
                found.stop(say("xlsx_part_twice", part=name), file)
            if info.file_size > MAX_PART_BYTES:
                found.stop(say("xlsx_part_too_large", part=name, limit=MAX_PART_BYTES), file)
            self.infos[name] = info

    def has(self, name: str) -> bool:
        """Whether the archive holds a member of this name."""
        return name in self.infos

    def chunks(self, name: str) -> Iterator[bytes]:
        """The member's bytes in chunks, stopping at the bounds whatever its header declared."""
        info = self.infos[name]
        size = 0
        try:
            with self.zip.open(info) as handle:
                while chunk := handle.read(_CHUNK):
                    size += len(chunk)
                    self.unpacked += len(chunk)
                    if size > MAX_PART_BYTES:
                        msg = say("xlsx_part_too_large", part=name, limit=MAX_PART_BYTES)
                        self.found.stop(msg, self.file)
                    if self.unpacked > MAX_UNPACKED_BYTES:
                        self.found.stop(
                            say("xlsx_unpacked_too_large", limit=MAX_UNPACKED_BYTES), self.file
                        )
                    yield chunk
        except LedgerError:
            raise
        except Exception as exc:  # a damaged member: CRC, zlib, password, method
            self._unreadable(name, exc)

    def _unreadable(self, name: str, exc: BaseException) -> None:
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        self.found.stop(say("xlsx_part_unreadable", part=name, reason=reason), self.file)

    def read_xml(
        self,
        name: str,
        start: StartHandler,
        end: EndHandler | None = None,
        text: TextHandler | None = None,
        *,
        where: str | None = None,
        row: Callable[[], int] | None = None,
    ) -> None:
        """Stream the member's XML to the handlers, names as written (see :func:`local`).

        Namespaces are not resolved: a sheet holds a few hundred thousand
        elements at most, and a handler that compares ``c`` with ``c`` is what
        keeps that quick. A broken document or a DTD is a problem placed at
        ``where`` (the sheet) and the row ``row()`` was reading; a handler may
        raise :class:`~mofan_rules.errors.LedgerError` to stop at a bound.
        """
        parser = expat.ParserCreate()
        parser.buffer_text = True

        def refuse(*_: Any) -> None:
            raise _Refused

        parser.StartElementHandler = start
        if end is not None:
            parser.EndElementHandler = end
        if text is not None:
            parser.CharacterDataHandler = text
        parser.StartDoctypeDeclHandler = refuse
        parser.EntityDeclHandler = refuse
        place = where or self.file
        try:
            for chunk in self.chunks(name):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except _Refused:
            self.found.stop(say("xlsx_doctype", part=name), place, row() if row else 0)
        except expat.ExpatError as exc:
            reason = f"{expat.ErrorString(exc.code)}, line {exc.lineno}"
            self.found.stop(
                say("xlsx_bad_xml", part=name, reason=reason), place, row() if row else 0
            )
        except (ValueError, LookupError) as exc:  # an encoding the parser does not know
            reason = str(exc)[:80] or type(exc).__name__
            self.found.stop(
                say("xlsx_bad_xml", part=name, reason=reason), place, row() if row else 0
            )

    def resolve(self, base: str, target: str) -> str:
        """A relationship's target as a member name: relative to ``base``'s folder, or absolute."""
        if target.startswith("/"):
            return posixpath.normpath(target.lstrip("/"))
        return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def rels_of(part: str) -> str:
    """The member holding the relationships of ``part``: ``xl/_rels/workbook.xml.rels``."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


__all__ = ["Parts", "local", "local_attrs", "rels_of"]
