"""The ledger (扣分台账): what happened in a unit's year, and whether it fits a rulebook.

Load one with :func:`load_ledger` (YAML, JSON, CSV or XLSX); its classes are
frozen pydantic models generated into ``schemas/ledger.schema.json``.
"""

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
]
