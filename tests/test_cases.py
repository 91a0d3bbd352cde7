"""Data-driven scoring cases, run by the library's own case runner.

- tests/cases/scoring/*.yaml: READING.md's worked checks;
- rulebooks/*.cases.yaml: the cases that travel with each shipped rulebook
  (``mofan-rules test`` runs the same ones).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mofan_rules import FactsError, Rulebook, evaluate, load_rulebook
from mofan_rules.cases import check_case
from mofan_rules.loader import LoadedCase, cases_path, load_cases

ROOT = Path(__file__).resolve().parent.parent
SCORING = Path(__file__).resolve().parent / "cases" / "scoring"
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


@pytest.mark.parametrize(("rulebook", "loaded"), _params())
def test_case(rulebook: Rulebook, loaded: LoadedCase) -> None:
    ledger = loaded.ledger
    if isinstance(ledger, FactsError):
        result = check_case(loaded.case, ledger)
    else:
        report = evaluate(rulebook, ledger)
        origins = {line.origin for line in report.trail}
        assert {f"records/{i}" for i in range(len(ledger.records))} <= origins  # nothing dropped
        result = check_case(loaded.case, report)
    assert result.passed, result.message()


@pytest.mark.parametrize("rulebook_file", RULEBOOKS, ids=lambda p: p.name)
def test_every_item_and_the_bonus_has_a_case(rulebook_file: Path) -> None:
    rulebook = load_rulebook(rulebook_file)
    covered: set[int] = set()
    bonus = False
    for loaded in load_cases(cases_path(rulebook_file), rulebook):
        ledger = loaded.ledger
        assert not isinstance(ledger, Exception), loaded.case.name
        covered |= {r.item for r in ledger.records}
        covered |= set(loaded.case.expect.items or {})
        bonus = bonus or bool(ledger.awards)
    assert covered >= {item.number for item in rulebook.items}
    assert bonus
