"""mofan_rules: assessment tables (考核细则, 任务分解表) as rulebooks, and an exact evaluator.

Load a rulebook, load a unit's ledger, evaluate::

    from mofan_rules import load_rulebook, load_ledger, evaluate
    rulebook = load_rulebook()                      # the shipped default
    report = evaluate(rulebook, load_ledger("ledger.yaml", rulebook))
    print(report.total, report.grade)

Every name below is imported when first used, so a program (or the
command) pays only for what it touches.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mofan_rules.errors import (
        CasesError,
        DocumentError,
        FactsError,
        LedgerError,
        MofanRulesError,
        Problem,
        RulebookError,
        RulebookMismatchError,
        SourceError,
    )
    from mofan_rules.ledger import Award, Ledger, RankValue, Record, load_facts, load_ledger
    from mofan_rules.rulebook import Rulebook, load_rulebook
    from mofan_rules.scoring import ItemResult, RowResult, ScoreReport, TrailEntry, evaluate

__version__ = "0.2.0"

_WHERE = {
    "CasesError": "errors",
    "DocumentError": "errors",
    "FactsError": "errors",
    "LedgerError": "errors",
    "MofanRulesError": "errors",
    "Problem": "errors",
    "RulebookError": "errors",
    "RulebookMismatchError": "errors",
    "SourceError": "errors",
    "Award": "ledger",
    "Ledger": "ledger",
    "RankValue": "ledger",
    "Record": "ledger",
    "load_facts": "ledger",
    "load_ledger": "ledger",
    "Rulebook": "rulebook",
    "load_rulebook": "rulebook",
    "ItemResult": "scoring",
    "RowResult": "scoring",
    "ScoreReport": "scoring",
    "TrailEntry": "scoring",
    "evaluate": "scoring",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        msg = f"module 'mofan_rules' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(f"mofan_rules.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "Award",
    "CasesError",
    "DocumentError",
    "FactsError",
    "ItemResult",
    "Ledger",
    "LedgerError",
    "MofanRulesError",
    "Problem",
    "RankValue",
    "Record",
    "RowResult",
    "Rulebook",
    "RulebookError",
    "RulebookMismatchError",
    "ScoreReport",
    "SourceError",
    "TrailEntry",
    "__version__",
    "evaluate",
    "load_facts",
    "load_ledger",
    "load_rulebook",
]
