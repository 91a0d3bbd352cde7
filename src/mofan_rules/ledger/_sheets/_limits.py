"""How much a spreadsheet ledger may hold: the bounds that keep a hostile file cheap.

A ledger is typed by hand: a few hundred rows of a dozen columns. The file
itself is at most 2 MB (:func:`mofan_rules.source.read_bytes`), but a zip
archive can unpack a thousand times larger, and an XML sheet can hold a
million empty cells. Every bound below is checked before or while the
content is read, so refusing an oversized file costs little time and memory.
"""

from __future__ import annotations

# The zip archive (.xlsx): its members are checked by their declared sizes
# before any is unpacked, and unpacking stops at the bound whatever they declare.
MAX_PARTS = 2_000
MAX_PART_BYTES = 16 * 1024 * 1024
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
MAX_SHEETS = 64
MAX_SHARED_STRINGS = 50_000
# XML elements (rows and cells, empty ones included) in all sheets together.
MAX_XML_ELEMENTS = 250_000
MAX_MERGES = 5_000

# What a ledger holds, in a workbook or a CSV file.
MAX_ROWS = 10_000  # rows holding data, all sheets together
MAX_COLUMNS = 50  # a value further right than this is refused
MAX_CELL_CHARS = 10_000  # the ledger model itself allows 2,000 for a note

# Date serials accepted in a date column (Excel counts days from 1900):
# 1950-01-01 to 2199-12-31; anything else is a typo, not a date.
FIRST_SERIAL = 18_264
LAST_SERIAL = 109_574

__all__ = [
    "FIRST_SERIAL",
    "LAST_SERIAL",
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_MERGES",
    "MAX_PARTS",
    "MAX_PART_BYTES",
    "MAX_ROWS",
    "MAX_SHARED_STRINGS",
    "MAX_SHEETS",
    "MAX_UNPACKED_BYTES",
    "MAX_XML_ELEMENTS",
]
