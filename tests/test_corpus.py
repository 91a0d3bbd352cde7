"""Every rulebook that travels with cases passes them: the shipped one, the genre corpus, the patterns.

The genre corpus (``rulebooks/genre/``) holds real public tables of this kind,
restated; the pattern corpus (``tests/cases/patterns/``) holds one small
rulebook per construct of the format. Each case's figures are worked out by
hand in its ``why:``. This is what ``mofan-rules test`` runs, case by case.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from mofan_rules.cli import main
from mofan_rules.rulebook import Rulebook, load_rulebook_with_warnings, read_rulebook
from mofan_rules.scoring import LoadedCase, cases_path, load_cases, run_case

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = (ROOT / "rulebooks", ROOT / "rulebooks" / "genre", ROOT / "tests" / "cases" / "patterns")
RULEBOOKS = sorted(
    p
    for folder in FOLDERS
    if folder.is_dir()
    for p in folder.glob("*.yaml")
    if not p.name.endswith(".cases.yaml") and cases_path(p).is_file()
)
GENRE = [p for p in RULEBOOKS if p.parent.name == "genre"]


@functools.cache
def _read(path: Path) -> tuple[Rulebook, dict[str, LoadedCase]]:
    """A rulebook and its cases by name, read once for all the cases of the file."""
    rulebook = read_rulebook(path).rulebook
    return rulebook, {c.case.name: c for c in load_cases(cases_path(path), rulebook)}


def _cases() -> list[tuple[Path, str]]:
    return [(path, name) for path in RULEBOOKS for name in _read(path)[1]]


@pytest.mark.parametrize(
    ("path", "name"), _cases(), ids=lambda v: v if isinstance(v, str) else v.stem
)
def test_case(path: Path, name: str) -> None:
    rulebook, cases = _read(path)
    result = run_case(rulebook, cases[name])
    assert result.passed, result.message()


@pytest.mark.parametrize("path", RULEBOOKS, ids=lambda p: p.stem)
def test_every_case_has_its_arithmetic(path: Path) -> None:
    for loaded in _read(path)[1].values():
        assert loaded.case.why, f"{path.name}: case {loaded.case.name!r} has no why"


@pytest.mark.parametrize("path", RULEBOOKS, ids=lambda p: p.stem)
def test_rulebooks_load_without_warnings_or_explain_them(path: Path) -> None:
    _, warnings = load_rulebook_with_warnings(path)
    assert [w.text() for w in warnings] == []


def test_the_genre_corpus_has_five_real_tables() -> None:
    assert len(GENRE) >= 5
    for path in GENRE:
        rulebook = read_rulebook(path).rulebook
        # Each names where the table came from: an address a reader can follow.
        assert "http" in rulebook.source_document or "github.com" in rulebook.source_document


@pytest.mark.parametrize("path", GENRE, ids=lambda p: p.stem)
def test_mofan_rules_test_passes(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(path)]) == 0
    assert "FAIL" not in capsys.readouterr().out
