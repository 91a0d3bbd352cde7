"""Rulebooks cannot make it slow (issue 13 §6; docs/reliability.md, "Work bounds").

Reading a rulebook (its checks included) and compiling its scoring plan do
work in proportion to the rulebook: measured here in *work counted*, never
in time. Two counts, both exact for a given input:

* the lines of the package's Python run (``sys.settrace``), which bounds the
  whole job against the published bound;
* how often each function of the package is called (``sys.setprofile``),
  which finds the one function that is called once per pair of things (a
  nested loop over all situations, say) even when the whole still looks fine.

The big rulebook is generated: the shipped table ten times over (the most the
format allows: full marks at most 1000, the shipped table has 100), and with
ten unit classes. Timings are in ``benchmarks/plan_scaling.py``, not here.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import pytest

from fuzz.scale import scaled_data, scaled_rulebook, size_of
from mofan_rules.rulebook import Rulebook, parse_rulebook
from mofan_rules.scoring import compile_plan
from mofan_rules.source import parse_document

# The published bounds (docs/reliability.md), per value written in the
# rulebook (every number, text, list and mapping: what the reader converts).
# Measured on the shipped rulebook: compiling 27 lines per value, and 2 more
# per value for each unit class past the first; reading and checking 48 to 55.
# The bounds leave room for the code to change, not for it to grow faster.
COMPILE_LINES_PER_VALUE = 40
COMPILE_LINES_PER_VALUE_PER_CLASS = 8
CHECK_LINES_PER_VALUE = 70
# No single function may be called more often than this per value (per value
# and class for the plan): the most-called one, the content hash's walk over
# the document, is called about twice per value.
CALLS_PER_VALUE = 3

# Functions the checks call once per *pair* of things. Each is a defect, kept
# here so the bound guards everything else; the list is exact, so fixing one
# fails the test below until it is struck off.
KNOWN_QUADRATIC: set[str] = set()


@dataclass(frozen=True)
class Work:
    lines: int
    calls: Counter[str]


def counted(body: Callable[[], Any]) -> tuple[Any, Work]:
    """Run ``body``, counting the package's lines run and its functions' calls."""
    lines = 0
    calls: Counter[str] = Counter()

    def ours(frame: Any) -> bool:
        return "mofan_rules" in frame.f_code.co_filename

    def trace(frame: Any, event: str, arg: Any) -> Any:
        nonlocal lines
        if event == "call":
            if not ours(frame):
                return None
            name = frame.f_code.co_filename.split("mofan_rules/")[-1]
            calls[f"{name}:{frame.f_code.co_qualname}"] += 1
            return trace
        if event == "line":
            lines += 1
        return trace

    old = sys.gettrace()  # a coverage tool's tracer, put back after
    sys.settrace(trace)
    try:
        result = body()
    finally:
        sys.settrace(old)
    return result, Work(lines, calls)


@cache
def _loaded(copies: int, classes: int) -> tuple[str, int, Rulebook]:
    text = scaled_rulebook(copies, classes)
    values = len(parse_document(text, "scaled.json").values)
    rulebook, _warnings = parse_rulebook(text, "scaled.json")
    return text, values, rulebook


SHAPES = {"shipped": (1, 0), "10x": (10, 0), "10 classes": (1, 10), "10x, 10 classes": (10, 10)}


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    # The first use of a model builds its validator (pydantic defers it):
    # once per process, not per rulebook, so it is not counted.
    parse_rulebook(scaled_rulebook(1, 1), "warm.json")
    compile_plan(_loaded(1, 1)[2])


def test_the_big_rulebook_is_ten_times_the_shipped_one() -> None:
    small, big = size_of(_loaded(1, 0)[2]), size_of(_loaded(10, 0)[2])
    for part in ("rows", "items", "situations", "tiers", "caps"):
        assert getattr(big, part) == 10 * getattr(small, part), part
    assert big.pointers > 5 * small.pointers  # the readings of rows copied with them
    assert _loaded(10, 0)[1] > 8 * _loaded(1, 0)[1]  # and so the values
    assert size_of(_loaded(1, 10)[2]).classes == 10
    assert scaled_data(10)["total_points"] == 1000  # the format's largest


@pytest.mark.parametrize("shape", list(SHAPES))
def test_compiling_a_plan_is_linear(shape: str) -> None:
    copies, classes = SHAPES[shape]
    _, values, rulebook = _loaded(copies, classes)
    extra_classes = max(0, classes - 1)
    plan, work = counted(lambda: compile_plan(rulebook))
    bound = values * (COMPILE_LINES_PER_VALUE + COMPILE_LINES_PER_VALUE_PER_CLASS * extra_classes)
    assert work.lines <= bound, (work.lines, bound)
    per_class = values * max(1, classes) * CALLS_PER_VALUE
    busiest = {f: n for f, n in work.calls.items() if n > per_class}
    assert busiest == {}, per_class
    assert len(plan.classes) == max(1, classes)
    assert len(plan.items) == size_of(rulebook).items


@pytest.mark.parametrize("shape", ["shipped", "10x", "10 classes"])
def test_reading_and_checking_a_rulebook_is_linear(shape: str) -> None:
    copies, classes = SHAPES[shape]
    text, values, _ = _loaded(copies, classes)
    (rulebook, _warnings), work = counted(lambda: parse_rulebook(text, "scaled.json"))
    assert work.lines <= values * CHECK_LINES_PER_VALUE, (work.lines, values)
    busiest = {
        f
        for f, n in work.calls.items()
        if n > values * CALLS_PER_VALUE and f not in KNOWN_QUADRATIC
    }
    assert busiest == set()
    assert len(rulebook.items) == 21 * copies


def test_the_known_quadratic_checks_are_still_there() -> None:
    # At ten times the size they are called far more than the bound allows
    # (and the pointers are only about seven times as many: the product shows).
    _, values, _ = _loaded(10, 0)
    text = _loaded(10, 0)[0]
    _, work = counted(lambda: parse_rulebook(text, "scaled.json"))
    over = {f for f, n in work.calls.items() if n > values * CALLS_PER_VALUE}
    assert over == KNOWN_QUADRATIC


def test_the_counter_sees_a_nested_loop() -> None:
    # The oracle is not blind: a function called once per pair of situations fails it.
    _, values, rulebook = _loaded(10, 0)
    situations = [s for item in rulebook.items for s in item.situations][:200]

    def pairs() -> int:
        from mofan_rules.rulebook import _index

        return sum(1 for a in situations for b in situations if _index.names([]) is not None)

    _, work = counted(pairs)
    assert max(work.calls.values()) > values * CALLS_PER_VALUE
