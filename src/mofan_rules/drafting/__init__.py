"""Next year's table as a document: read it, compare it with a rulebook, draft the new edition.

A 任务分解表 arrives as Word (.docx), Excel (.xlsx) or text (.txt); every
reader gives the same located table (:func:`read_document`). :func:`compare`
pairs its items and rows with a rulebook's and names, for each change, the
YAML values that carry it; :func:`draft_rulebook` writes a rulebook from it,
alone or by changing last year's only where the document does. The genre's
formulaic clauses are read by :func:`read_item`; a clause it cannot read
becomes ``kind: todo``, never a guess.
"""

from mofan_rules.drafting._clauses import ItemReading, Reading, read_item
from mofan_rules.drafting._compare import compare
from mofan_rules.drafting._draft import Todo
from mofan_rules.drafting._make import Draft, draft_rulebook
from mofan_rules.drafting._read import (
    MAX_DOCUMENT_BYTES,
    MAX_UNPACKED_BYTES,
    SUFFIXES,
    read_document,
)
from mofan_rules.drafting._render import comparison_json, comparison_markdown, comparison_text
from mofan_rules.drafting._result import Comparison, Detail, Entry, Place, Status
from mofan_rules.drafting._table import (
    Cell,
    Column,
    DocBonus,
    DocItem,
    DocRow,
    DocTable,
    RawTable,
    Where,
)

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_UNPACKED_BYTES",
    "SUFFIXES",
    "Cell",
    "Column",
    "Comparison",
    "Detail",
    "DocBonus",
    "DocItem",
    "DocRow",
    "DocTable",
    "Draft",
    "Entry",
    "ItemReading",
    "Place",
    "RawTable",
    "Reading",
    "Status",
    "Todo",
    "Where",
    "compare",
    "comparison_json",
    "comparison_markdown",
    "comparison_text",
    "draft_rulebook",
    "read_document",
    "read_item",
]
