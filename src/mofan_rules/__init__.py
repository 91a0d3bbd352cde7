"""mofan_rules: the model-organ assessment (模范机关创建) as a rulebook and an evaluator.

Load a rulebook, load a unit's ledger, evaluate::

    from mofan_rules import load_rulebook, load_facts, evaluate
    rulebook = load_rulebook()                      # the shipped default
    report = evaluate(rulebook, load_facts("ledger.yaml", rulebook))
    print(report.total)
"""

from .engine import evaluate
from .errors import FactsError, MofanRulesError, Problem, RulebookError, RulebookMismatchError
from .ledger import Ledger, Record
from .loader import load_facts, load_rulebook
from .model import Rulebook
from .report import ScoreReport

__all__ = [
    "FactsError",
    "Ledger",
    "MofanRulesError",
    "Problem",
    "Record",
    "Rulebook",
    "RulebookError",
    "RulebookMismatchError",
    "ScoreReport",
    "evaluate",
    "load_facts",
    "load_rulebook",
]
