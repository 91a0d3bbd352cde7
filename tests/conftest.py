"""Shared fixtures and hypothesis profiles.

The ``ci`` profile (default) runs at least 500 examples per property; set
HYPOTHESIS_PROFILE=dev for a quick local run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import mofan_rules
from mofan_rules import Rulebook, load_rulebook
from mofan_rules._shipped import default_rulebook_path

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"

# One source of truth: the tests run against this working tree (its src/ and its
# rulebooks/), never an installed copy, so an edit is what the tests see.
if not Path(mofan_rules.__file__).resolve().is_relative_to(ROOT / "src"):
    pytest.exit(
        f"the tests import mofan_rules from {mofan_rules.__file__}, not from this checkout's "
        "src/: install it with `pip install -e '.[test]'` (the README's command)",
        returncode=4,
    )
if default_rulebook_path().resolve() != (ROOT / "rulebooks" / "shifulian-2026.yaml").resolve():
    pytest.exit(
        f"the shipped rulebook is read from {default_rulebook_path()}, not rulebooks/", returncode=4
    )

settings.register_profile(
    "ci",
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The quick loop, `python -m pytest -m "not slow"`, runs in under 20 seconds:
# the unit tests of every layer, the engine, the loaders, the command and the
# two scenarios. These whole files are slow (property tests at 500 examples,
# fuzzing, real Word and Excel files, docs regenerated, headless Chromium,
# subprocesses) and CI runs them with everything else (plain `python -m pytest`).
SLOW_FILES = {
    "test_diff.py",
    "test_docs.py",
    "test_drafting_compare.py",
    "test_drafting_docs.py",
    "test_drafting_draft.py",
    "test_drafting_read.py",
    "test_format_doc.py",
    "test_fuzz.py",
    "test_htmlpage.py",
    "test_impact.py",
    "test_messages.py",
    "test_migration.py",
    "test_outputs_inert.py",
    "test_paths.py",
    "test_plan_bounds.py",
    "test_print.py",
    "test_properties.py",
    "test_reliability.py",
    "test_rulebook_test_command.py",
    "test_schema.py",
    "test_sheets_fuzz.py",
    "test_sheets_hostile.py",
    "test_validation_agreement.py",
    "test_versions.py",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def rulebook() -> Rulebook:
    return load_rulebook()
