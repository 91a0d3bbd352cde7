"""Data-driven scoring cases, run by the library's own case runner.

- tests/cases/scoring/*.yaml: READING.md's worked checks, under the shipped rulebook;
- rulebooks/*.cases.yaml: the cases that travel with each top-level shipped
  rulebook (``mofan-rules test`` runs the same ones; the genre and pattern
  corpora are run by tests/test_corpus.py);
- what a case can expect besides figures (grade, outcome, indicator scores,
  the codes a refused ledger gives), each checked to pass when it holds and to
  fail, naming the figure, when it does not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mofan_rules import FactsError, Rulebook, evaluate, load_rulebook
from mofan_rules.rulebook import parse_rulebook
from mofan_rules.scoring import CaseResult, LoadedCase, cases_path, check_case, load_cases, run_case

ROOT = Path(__file__).resolve().parent.parent
SCORING = Path(__file__).resolve().parent / "cases" / "scoring"
SHIPPED = ROOT / "rulebooks" / "shifulian-2026.yaml"
RULEBOOKS = sorted(p for p in (ROOT / "rulebooks").glob("*.yaml") if not p.stem.endswith(".cases"))


def _params() -> list[Any]:
    params = []
    default = load_rulebook()
    sources = [(f, default) for f in sorted(SCORING.glob("*.yaml"))]
    sources += [(cases_path(rb), load_rulebook(rb)) for rb in RULEBOOKS if cases_path(rb).exists()]
    for file, rulebook in sources:
        params += [
            pytest.param(rulebook, loaded, id=f"{file.name}: {loaded.case.name}")
            for loaded in load_cases(file, rulebook)
        ]
    return params


def test_there_are_cases_to_run() -> None:
    # The parametrised test below must not pass by having nothing to run.
    assert SHIPPED in RULEBOOKS
    assert cases_path(SHIPPED).is_file()
    assert len(list(SCORING.glob("*.yaml"))) >= 1
    assert len(_params()) > 38  # why: the shipped cases file alone holds 38 cases


@pytest.mark.parametrize(("rulebook", "loaded"), _params())
def test_case(rulebook: Rulebook, loaded: LoadedCase) -> None:
    ledger = loaded.ledger
    if isinstance(ledger, FactsError):
        result = check_case(loaded.case, ledger)
    else:
        report = evaluate(rulebook, ledger)
        origins = {line.origin for line in report.trail}
        # Nothing dropped: every record of the ledger has a line in the trail
        # (origins are JSON pointers into the ledger).
        assert {f"/records/{i}" for i in range(len(ledger.records))} <= origins
        result = check_case(loaded.case, report)
    assert result.passed, result.message()


@pytest.mark.parametrize("rulebook_file", RULEBOOKS, ids=lambda p: p.name)
def test_every_item_and_every_bonus_has_a_case(rulebook_file: Path) -> None:
    rulebook = load_rulebook(rulebook_file)
    covered: set[int] = set()
    awarded = False
    for loaded in load_cases(cases_path(rulebook_file), rulebook):
        ledger = loaded.ledger
        assert not isinstance(ledger, Exception), loaded.case.name
        covered |= {r.item for r in ledger.records}
        covered |= set(loaded.case.expect.items or {})
        awarded = awarded or bool(ledger.awards)
    assert covered >= {item.number for item in rulebook.items}
    if any(b.kind == "award" for b in rulebook.bonuses):
        assert awarded


# ------------------------------------------- grade, outcome, indicators, errors

SOURCE_DOCUMENT = (
    "source_document: 000_34bde5e24c743dd9.txt (市妇联创建“模范机关”规定动作任务分解表), "
    "read as READING.md\n"
)
INACTION = (
    "                source: 履职过程中出现不作为、乱作为等行为的，每项扣3分\n"
    "                amount: 3\n"
)


def replace_once(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced by ``new``; ``old`` must occur exactly once."""
    count = text.count(old)
    assert count == 1, f"expected {old!r} exactly once, found it {count} time(s)"
    return text.replace(old, new)


def graded_text() -> str:
    """The shipped rulebook with grades on the total and a 一票否优 on item 20's 不作为、乱作为."""
    text = SHIPPED.read_text(encoding="utf-8")
    text = replace_once(
        text,
        SOURCE_DOCUMENT,
        SOURCE_DOCUMENT + "grades:\n"
        "  - {key: excellent, label: 优秀, at_least: 95}\n"
        "  - {key: good, label: 良好, at_least: 85, below: 95}\n"
        "  - {key: poor, label: 较差, below: 85}\n",
    )
    return replace_once(
        text, INACTION, INACTION + "                veto: {outcome: 不得评为优秀, grade: good}\n"
    )


@pytest.fixture(scope="module")
def graded() -> Rulebook:
    rulebook, warnings = parse_rulebook(graded_text(), "graded.yaml")
    assert warnings == []
    return rulebook


# why: one 不作为、乱作为 costs item 20 3 → total 100 − 3 = 97, in 优秀's band (≥ 95),
# but its veto sets 良好 at best; indicator 5 (带头担当履职尽责, row 9's 25) scores 25 − 3 = 22.
VETOED = (
    "    ledger:\n"
    "      records: [{item: 20, situation: inaction_or_misconduct}]\n"
    "      measures: {half_yearly_analyses: 2, monthly_studies: 12, satisfaction_rate: 1,\n"
    "                 public_security_poll: {rank: 1, of: 10, score: 99},\n"
    "                 supervisor_indicator_rank: {rank: 1}, business_indicator_rank: {rank: 1}}\n"
)


def run(rulebook: Rulebook, tmp_path: Path, name: str, ledger: str, expect: str) -> CaseResult:
    """One case written to a cases file, loaded and run as ``mofan-rules test`` would."""
    path = tmp_path / "graded.cases.yaml"
    path.write_text(f"cases:\n  - name: {name}\n{ledger}    expect: {expect}\n", encoding="utf-8")
    (loaded,) = load_cases(path, rulebook)
    return run_case(rulebook, loaded)


def test_grade_outcome_and_indicators_that_hold_pass(graded: Rulebook, tmp_path: Path) -> None:
    result = run(
        graded,
        tmp_path,
        "vetoed",
        VETOED,
        "{total: 97, deducted: 3, bonus: 0, grade: good, outcome: 不得评为优秀, "
        "indicators: {5: 22}, rows: {9: 22}, items: {20: 3}}",
    )
    assert result.passed, result.message()
    assert result.message() == "ok: vetoed"


@pytest.mark.parametrize(
    ("expect", "failure"),
    [
        ("{grade: excellent}", "grade: expected excellent, got good"),
        ("{outcome: 一票否决}", "outcome: expected 一票否决, got 不得评为优秀"),
        # why: indicator 5 keeps 25 − 3 = 22 (see VETOED).
        ("{indicators: {5: 25}}", "indicator 5 score: expected 25, got 22"),
        # why: there are five indicators; a sixth has no score at all.
        ("{indicators: {6: 0}}", "indicator 6 score: expected 0, got —"),
        ("{deducted: 0}", "deducted: expected 0, got 3"),
    ],
)
def test_a_grade_outcome_or_indicator_that_differs_fails(
    graded: Rulebook, tmp_path: Path, expect: str, failure: str
) -> None:
    result = run(graded, tmp_path, "vetoed", VETOED, expect)
    assert not result.passed
    assert result.failures == (failure,)
    assert result.message() == f"FAIL: vetoed\n  {failure}"


def test_no_grade_expected_when_there_is_none(tmp_path: Path) -> None:
    # The shipped rulebook has no grades: a case expecting one fails, showing none.
    rulebook = load_rulebook(SHIPPED)
    result = run(rulebook, tmp_path, "ungraded", VETOED, "{grade: good}")
    assert result.failures == ("grade: expected good, got —",)


def test_the_zh_message_names_the_same_figure(graded: Rulebook, tmp_path: Path) -> None:
    result = run(graded, tmp_path, "vetoed", VETOED, "{grade: excellent}")
    assert result.message("zh") == "未通过：vetoed\n  grade：应为 excellent，实为 good"


UNKNOWN_SITUATION = "    ledger:\n      records: [{item: 20, situation: no_such_thing}]\n"


def test_a_case_expecting_the_ledger_refused_passes_with_those_codes(
    graded: Rulebook, tmp_path: Path
) -> None:
    result = run(
        graded, tmp_path, "refused", UNKNOWN_SITUATION, "{errors: [item_has_no_situation]}"
    )
    assert result.passed, result.message()


def test_a_case_expecting_other_codes_fails_with_the_ledgers_problems(
    graded: Rulebook, tmp_path: Path
) -> None:
    result = run(graded, tmp_path, "refused", UNKNOWN_SITUATION, "{errors: [amount_outside_range]}")
    assert not result.passed
    (failure,) = result.failures
    assert failure.startswith("its ledger does not fit the rulebook: ")
    assert "no_such_thing" in failure


def test_a_case_expecting_a_refusal_fails_when_the_ledger_is_scored(
    graded: Rulebook, tmp_path: Path
) -> None:
    result = run(graded, tmp_path, "should fail", VETOED, "{errors: [item_has_no_situation]}")
    assert result.failures == (
        "its ledger should be refused (item_has_no_situation) but was scored",
    )
    # No figure is checked for it: the refusal is the whole expectation.
    assert result.moved == ()


PATTERN_GRADES = ROOT / "tests" / "cases" / "patterns" / "grades-and-vetoes.yaml"
# why: two not_done × 5 = 10 from item 1; row 1 keeps 60 − 10 = 50 (below 54: not_met);
# the indicator 50 + 40 = 90 (its band from 90: sound); item 2 keeps all 40 (good).
TWO_NOT_DONE = "    ledger:\n      records: [{item: 1, situation: not_done, count: 2}]\n"


@pytest.mark.parametrize(
    ("expect", "failure"),
    [
        ("{item_grades: {2: fair}}", "item 2 grade: expected fair, got good"),
        ("{row_grades: {1: met}}", "row 1 grade: expected met, got not_met"),
        ("{indicator_grades: {1: weak}}", "indicator 1 grade: expected weak, got sound"),
        # why: item 1 has no points, so no bands and no grade of its own.
        ("{item_grades: {1: good}}", "item 1 grade: expected good, got —"),
    ],
)
def test_an_item_row_or_indicator_grade_that_differs_fails(
    tmp_path: Path, expect: str, failure: str
) -> None:
    rulebook = load_rulebook(PATTERN_GRADES)
    result = run(rulebook, tmp_path, "graded parts", TWO_NOT_DONE, expect)
    assert result.failures == (failure,)
    held = "{item_grades: {2: good}, row_grades: {1: not_met}, indicator_grades: {1: sound}}"
    assert run(rulebook, tmp_path, "graded parts", TWO_NOT_DONE, held).passed
