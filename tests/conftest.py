"""Shared fixtures and hypothesis profiles.

The ``ci`` profile (default) runs at least 500 examples per property; set
HYPOTHESIS_PROFILE=dev for a quick local run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from mofan_rules import Rulebook, load_rulebook

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"

settings.register_profile(
    "ci",
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def rulebook() -> Rulebook:
    return load_rulebook()
