"""Fuzzing spreadsheet ledgers: a short campaign per class of defect, and every failure ever found.

Each input is a mutation of the clean hand-made workbook (or its CSV twin)
of one class: cells, sheets, dimensions, harmless rewrites, formulas, sizes,
encodings, merged cells, broken bytes, CSV (``tests/fuzz/sheets_mutate.py``).
The only outcomes allowed are a ledger that fits and scores, or problems
each placed in the file, in both languages (``tests/fuzz/sheets_harness.py``);
a harmless rewrite must read as the clean ledger. The seed is fixed, so the
campaign is the same on every run; ``MOFAN_FUZZ_SHEETS=N`` runs N inputs per
class, and ``scripts/fuzz_sheets.py`` runs the long campaign.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from fuzz import sheets_mutate
from fuzz.sheets_book import CLEAN_LEDGER, clean_book, summary
from fuzz.sheets_harness import check
from mofan_rules import Rulebook
from mofan_rules.ledger import fitted_ledger
from mofan_rules.ledger._sheets import read_sheet

REGRESSIONS = Path(__file__).resolve().parent / "cases" / "fuzz_regressions" / "sheets"
PER_CLASS = int(os.environ.get("MOFAN_FUZZ_SHEETS", "10"))
# The sizes class builds large inputs on purpose: fewer of them in the short campaign.
COUNTS = {
    name: (max(1, PER_CLASS // 4) if name == "sizes" else PER_CLASS)
    for name in sheets_mutate.CLASSES
}


def test_the_clean_workbook_reads_as_the_clean_ledger(rulebook: Rulebook) -> None:
    ledger = fitted_ledger(read_sheet(clean_book().to_bytes(), "clean.xlsx", rulebook), rulebook)
    assert summary(ledger) == CLEAN_LEDGER


@pytest.mark.parametrize("name", sorted(sheets_mutate.CLASSES))
def test_short_campaign(name: str, rulebook: Rulebook) -> None:
    outcomes = []
    for n in range(COUNTS[name]):
        _, file, raw, same = sheets_mutate.make("ci", n, only=name)
        outcome = check(raw, file, rulebook, same=same)
        assert not outcome.failed, f"input {n} of {name}: {outcome.kind}: {outcome.detail}"
        outcomes.append(outcome.kind.split(":")[0])
    if name in ("dimensions", "benign"):
        assert set(outcomes) == {"ok"}  # each of these read as the clean ledger


def _regressions() -> list[dict[str, str]]:
    index = REGRESSIONS / "index.json"
    return json.loads(index.read_text(encoding="utf-8")) if index.exists() else []


@pytest.mark.parametrize("case", _regressions(), ids=lambda c: c["file"])
def test_every_failure_found_stays_fixed(case: dict[str, str], rulebook: Rulebook) -> None:
    raw = (REGRESSIONS / case["file"]).read_bytes()
    same = case.get("same") == "yes"
    outcome = check(raw, case["file"], rulebook, same=same)
    assert not outcome.failed, f"{case['found']}: now {outcome.kind}: {outcome.detail}"
    if "expect" in case:
        assert outcome.kind == case["expect"]


def test_the_regression_index_lists_every_file() -> None:
    listed = {c["file"] for c in _regressions()}
    kept = {p.name for p in REGRESSIONS.glob("*") if p.name != "index.json"}
    assert listed == kept
