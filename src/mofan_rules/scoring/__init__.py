"""Scoring: a ledger and a rulebook in, an explained score out.

:func:`evaluate` works out the numbers (a compiled :class:`Plan` per
rulebook, kept while the rulebook lives) and returns a :class:`ScoreReport`
whose explanation is built when first read.
"""

from typing import TYPE_CHECKING

from mofan_rules._lazy import exports

if TYPE_CHECKING:
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
    from mofan_rules.scoring._compile import compile_plan, plan_for
    from mofan_rules.scoring._engine import evaluate
    from mofan_rules.scoring._impact import UnitImpact, Unreadable, impact
    from mofan_rules.scoring._plan import Plan
    from mofan_rules.scoring._report import (
        BonusResult,
        CapCut,
        Grade,
        IndicatorResult,
        ItemMove,
        ItemResult,
        Notice,
        RowResult,
        RulebookRef,
        ScoreReport,
        TrailEntry,
        VetoResult,
    )

_WHERE = {
    "OUTPUT_CREATOR": "._batch",
    "BatchEntry": "._batch",
    "is_own_output": "._batch",
    "ledger_files": "._batch",
    "score_file": "._batch",
    "score_files": "._batch",
    "CASES_SCHEMA": "._cases",
    "Case": "._cases",
    "CaseFile": "._cases",
    "CaseResult": "._cases",
    "Expectation": "._cases",
    "LoadedCase": "._cases",
    "cases_path": "._cases",
    "check_case": "._cases",
    "load_cases": "._cases",
    "run_case": "._cases",
    "evaluate": "._engine",
    "UnitImpact": "._impact",
    "Unreadable": "._impact",
    "impact": "._impact",
    "Plan": "._plan",
    "compile_plan": "._compile",
    "plan_for": "._compile",
    "BonusResult": "._report",
    "CapCut": "._report",
    "Grade": "._report",
    "IndicatorResult": "._report",
    "ItemMove": "._report",
    "ItemResult": "._report",
    "Notice": "._report",
    "RowResult": "._report",
    "RulebookRef": "._report",
    "ScoreReport": "._report",
    "TrailEntry": "._report",
    "VetoResult": "._report",
}
__getattr__ = exports(__name__, _WHERE)

__all__ = [
    "CASES_SCHEMA",
    "OUTPUT_CREATOR",
    "BatchEntry",
    "BonusResult",
    "CapCut",
    "Case",
    "CaseFile",
    "CaseResult",
    "Expectation",
    "Grade",
    "IndicatorResult",
    "ItemMove",
    "ItemResult",
    "LoadedCase",
    "Notice",
    "Plan",
    "RowResult",
    "RulebookRef",
    "ScoreReport",
    "TrailEntry",
    "UnitImpact",
    "Unreadable",
    "VetoResult",
    "cases_path",
    "check_case",
    "compile_plan",
    "evaluate",
    "impact",
    "is_own_output",
    "ledger_files",
    "load_cases",
    "plan_for",
    "run_case",
    "score_file",
    "score_files",
]
