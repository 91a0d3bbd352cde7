"""Scoring: a ledger and a rulebook in, an explained score out.

:func:`evaluate` works out the numbers (a compiled :class:`Plan` per
rulebook, kept while the rulebook lives) and returns a :class:`ScoreReport`
whose explanation is built when first read.
"""

from mofan_rules.scoring._batch import (
    OUTPUT_CREATOR,
    BatchEntry,
    is_own_output,
    ledger_files,
    score_file,
    score_files,
)
from mofan_rules.scoring._cases import (
    CASES_SCHEMA,
    Case,
    CaseFile,
    CaseResult,
    Expectation,
    LoadedCase,
    cases_path,
    check_case,
    load_cases,
    run_case,
)
from mofan_rules.scoring._engine import evaluate
from mofan_rules.scoring._impact import UnitImpact, Unreadable, impact
from mofan_rules.scoring._plan import Plan, compile_plan, plan_for
from mofan_rules.scoring._report import (
    BonusResult,
    CapCut,
    Grade,
    IndicatorResult,
    ItemResult,
    Notice,
    RowResult,
    RulebookRef,
    ScoreReport,
    TrailEntry,
    VetoResult,
)

__all__ = [
    "CASES_SCHEMA",
    "OUTPUT_CREATOR",
    "BatchEntry",
    "UnitImpact",
    "Unreadable",
    "impact",
    "is_own_output",
    "ledger_files",
    "score_file",
    "score_files",
    "BonusResult",
    "Case",
    "CaseFile",
    "CaseResult",
    "Expectation",
    "LoadedCase",
    "cases_path",
    "check_case",
    "load_cases",
    "run_case",
    "CapCut",
    "Grade",
    "IndicatorResult",
    "ItemResult",
    "Notice",
    "Plan",
    "RowResult",
    "RulebookRef",
    "ScoreReport",
    "TrailEntry",
    "VetoResult",
    "compile_plan",
    "evaluate",
    "plan_for",
]
