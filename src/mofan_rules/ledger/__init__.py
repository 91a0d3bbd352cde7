"""The ledger (扣分台账): what happened in a unit's year, and whether it fits a rulebook.

Load one with :func:`load_ledger` (YAML, JSON, CSV or XLSX); its classes are
frozen pydantic models generated into ``schemas/ledger.schema.json``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mofan_rules.ledger._fit import fit, fit_ledger, pin_problem
from mofan_rules.ledger._load import (
    LEDGER_SCHEMA,
    LEDGER_SUFFIXES,
    SHEET_SUFFIXES,
    LoadedLedger,
    fitted_ledger,
    ledger_document,
    load_facts,
    load_ledger,
    peek_ledger,
    read_ledger,
)
from mofan_rules.ledger._model import Award, Ledger, MeasureValue, RankValue, Record, RulebookPin

if TYPE_CHECKING:
    from mofan_rules._workbook import Sheet
    from mofan_rules.rulebook import Rulebook


def template_sheets(rulebook: Rulebook, lang: str = "zh") -> list[Sheet]:
    """The ledger template a clerk fills in: sheets with dropdowns, instructions and an example."""
    from mofan_rules.ledger._sheets import template_sheets as build  # noqa: PLC0415 - spreadsheets only

    return build(rulebook, lang)


__all__ = [
    "LEDGER_SCHEMA",
    "LEDGER_SUFFIXES",
    "SHEET_SUFFIXES",
    "Award",
    "Ledger",
    "LoadedLedger",
    "MeasureValue",
    "RankValue",
    "Record",
    "RulebookPin",
    "fit",
    "fit_ledger",
    "fitted_ledger",
    "ledger_document",
    "load_facts",
    "load_ledger",
    "peek_ledger",
    "pin_problem",
    "read_ledger",
    "template_sheets",
]
