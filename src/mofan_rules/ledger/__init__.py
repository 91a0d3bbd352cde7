"""The ledger (扣分台账): what happened in a unit's year, and whether it fits a rulebook.

Load one with :func:`load_ledger` (YAML, JSON, CSV or XLSX); its classes are
frozen pydantic models generated into ``schemas/ledger.schema.json``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mofan_rules._lazy import exports

if TYPE_CHECKING:
    from mofan_rules.ledger._fit import MAX_RATE_PLACES as MAX_RATE_PLACES
    from mofan_rules.ledger._fit import fit, fit_ledger, pin_problem
    from mofan_rules.ledger._fitted import fitted_ledger
    from mofan_rules.ledger._load import (
        LEDGER_SCHEMA,
        LEDGER_SUFFIXES,
        SHEET_SUFFIXES,
        LoadedLedger,
        ledger_document,
        load_facts,
        load_ledger,
        peek_ledger,
        read_ledger,
    )
    from mofan_rules.ledger._model import (
        Award,
        Ledger,
        MeasureValue,
        RankValue,
        Record,
        RulebookPin,
    )
    from mofan_rules.ledger._sheets import template_csv, template_sheets

_WHERE = {
    # For the engine, which checks the same bound on its fast path; not public.
    "MAX_RATE_PLACES": "._fit",
    "fit": "._fit",
    "fit_ledger": "._fit",
    "pin_problem": "._fit",
    "LEDGER_SCHEMA": "._load",
    "LEDGER_SUFFIXES": "._load",
    "SHEET_SUFFIXES": "._load",
    "LoadedLedger": "._load",
    "fitted_ledger": "._fitted",
    "ledger_document": "._load",
    "load_facts": "._load",
    "load_ledger": "._load",
    "peek_ledger": "._load",
    "read_ledger": "._load",
    "Award": "._model",
    "Ledger": "._model",
    "MeasureValue": "._model",
    "RankValue": "._model",
    "Record": "._model",
    "RulebookPin": "._model",
    "template_csv": "._sheets",
    "template_sheets": "._sheets",
}
__getattr__ = exports(__name__, _WHERE)

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
    "template_csv",
    "template_sheets",
]
