"""How reading, checking and compiling a rulebook grow with its size: times and work counted.

    python benchmarks/plan_scaling.py [--reps N]

The shipped rulebook is written 1, 2, 5 and 10 times over in one table, and
with 1, 5 and 10 unit classes (tests/fuzz/scale.py). For each, the median
time of ``parse_rulebook`` (reading and every check) and of ``compile_plan``,
and the work the test counts (tests/test_plan_bounds.py: lines run per
value written). Linear growth shows as a flat "per value" column. Times are
for people; the tests assert on the counts only.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from fuzz.scale import scaled_rulebook, size_of
from mofan_rules.rulebook import parse_rulebook
from mofan_rules.scoring import compile_plan
from mofan_rules.source import parse_document
from test_plan_bounds import counted

SHAPES = [(1, 0), (2, 0), (5, 0), (10, 0), (1, 5), (1, 10), (10, 10)]


def _median_ms(body: object, reps: int) -> float:
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        body()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    parse_rulebook(scaled_rulebook(1, 1), "warm.json")  # build the validators once
    head = (
        f"{'copies':>6} {'classes':>7} {'values':>7} {'situations':>10} "
        f"{'read+check ms':>13} {'lines/value':>11} {'compile ms':>10} {'lines/value':>11}"
    )
    print(head)
    for copies, classes in SHAPES:
        text = scaled_rulebook(copies, classes)
        values = len(parse_document(text, "scaled.json").values)
        rulebook, _ = parse_rulebook(text, "scaled.json")
        read_ms = _median_ms(lambda t=text: parse_rulebook(t, "scaled.json"), args.reps)
        compile_ms = _median_ms(lambda rb=rulebook: compile_plan(rb), args.reps)
        _, read_work = counted(lambda t=text: parse_rulebook(t, "scaled.json"))
        _, compile_work = counted(lambda rb=rulebook: compile_plan(rb))
        print(
            f"{copies:>6} {classes:>7} {values:>7} {size_of(rulebook).situations:>10} "
            f"{read_ms:>13.1f} {read_work.lines / values:>11.1f} "
            f"{compile_ms:>10.1f} {compile_work.lines / values:>11.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
