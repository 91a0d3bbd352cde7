"""mofan_rules: assessment tables (考核细则, 任务分解表) as rulebooks, and an exact evaluator.

Load a rulebook, load a unit's ledger, evaluate::

    from mofan_rules import load_rulebook, load_ledger, evaluate
    rulebook = load_rulebook()                      # the shipped default
    report = evaluate(rulebook, load_ledger("ledger.yaml", rulebook))
    print(report.total, report.grade)
"""

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
from mofan_rules.scoring import (
    ItemResult,
    RowResult,
    ScoreReport,
    TrailEntry,
    evaluate,
)

__version__ = "0.2.0"

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
