"""The long fuzz campaign for spreadsheet ledgers (.xlsx and .csv), with figures.

    PYTHONPATH=src python scripts/fuzz_sheets.py --inputs 100000 --workers 2 --json sheets.json

Input ``n`` is made from its number alone (``tests/fuzz/sheets_mutate.py``:
``random.Random(f"{seed}:{n}")`` picks a class and mutates the clean
hand-made workbook, or its CSV twin), so ``--only-input N`` replays one.
Each input is read, fitted and scored; ``tests/fuzz/sheets_harness.py``
judges the outcome (a fitting ledger, or located problems in both languages;
a harmless rewrite must read as the clean ledger). An input running past
``--timeout`` seconds or needing more than ``--memory-mb`` is a failure too.

It prints inputs per class, outcomes, time per input (median, p99, max, and
the slowest class), the peak memory of sampled inputs, and every distinct
failure, whose input is written to ``--failures`` (default
``tests/cases/fuzz_regressions/sheets``) with an entry in its ``index.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import resource
import signal
import statistics
import sys
import time
import tracemalloc
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from fuzz import sheets_mutate  # noqa: E402
from fuzz.sheets_harness import Outcome, check  # noqa: E402
from mofan_rules import load_rulebook  # noqa: E402

SAMPLE_MEMORY = 200  # every n-th input also runs under tracemalloc for its peak


class _Timeout(BaseException):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout


def _vm_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


def run_range(args: tuple[str, int, int, int, str | None, float, int]) -> dict[str, Any]:
    """Run inputs ``start``, ``start + step``, … below ``stop``; return the figures."""
    seed, start, stop, step, only, timeout, memory_mb = args
    rulebook = load_rulebook()
    if memory_mb:
        soft = _vm_bytes() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (soft, resource.getrlimit(resource.RLIMIT_AS)[1]))
    signal.signal(signal.SIGALRM, _alarm)
    times: list[tuple[float, str]] = []
    kinds: Counter[str] = Counter()
    failures: dict[str, dict[str, Any]] = {}
    peak = 0
    for n in range(start, stop, step):
        cls, file, raw, same = sheets_mutate.make(seed, n, only)
        sample = n % SAMPLE_MEMORY == 0
        if sample:
            tracemalloc.start()
        began = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            outcome = check(raw, file, rulebook, same=same)
        except _Timeout:
            outcome = Outcome("fail:hang", f"still running after {timeout} s", "hang")
        except MemoryError:
            outcome = Outcome("fail:memory", f"more than {memory_mb} MB", "memory")
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        seconds = time.perf_counter() - began
        if sample:
            peak = max(peak, tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
        else:
            times.append((seconds, cls))
        kinds[f"{cls} {outcome.kind.split(':')[0]}"] += 1
        done = (n - start) // step + 1
        if done % 2000 == 0:
            print(
                f"worker {start}: {done} inputs, {len(failures)} failures",
                file=sys.stderr,
                flush=True,
            )
        if outcome.failed and outcome.signature not in failures:
            print(
                f"input {n} ({cls}): {outcome.signature}: {outcome.detail[:160]}",
                file=sys.stderr,
                flush=True,
            )
            failures[outcome.signature] = {
                "input": n,
                "class": cls,
                "file": file,
                "detail": outcome.detail,
                "bytes": raw.hex() if len(raw) < 3_000_000 else "",
            }
    return {"times": times, "kinds": kinds, "failures": failures, "peak": peak}


def _save(failures: dict[str, dict[str, Any]], folder: Path, seed: str) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    index_path = folder / "index.json"
    index = json.loads(index_path.read_text()) if index_path.exists() else []
    known = {entry["signature"] for entry in index}
    written = []
    for signature, found in failures.items():
        if signature in known or not found["bytes"]:
            continue
        raw = bytes.fromhex(found["bytes"])
        suffix = Path(found["file"]).suffix
        name = f"{found['class']}-{hashlib.sha256(raw).hexdigest()[:10]}{suffix}"
        (folder / name).write_bytes(raw)
        index.append(
            {
                "file": name,
                "signature": signature,
                "found": found["detail"],
                "seed": seed,
                "input": found["input"],
            }
        )
        written.append(name)
    index_path.write_text(json.dumps(index, ensure_ascii=False, indent=2) + "\n")
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", default="sheets-1")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", choices=sorted(sheets_mutate.CLASSES), default=None)
    parser.add_argument("--only-input", type=int, default=None, help="replay one input")
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("--memory-mb", type=int, default=1024)
    parser.add_argument(
        "--failures", type=Path, default=ROOT / "tests/cases/fuzz_regressions/sheets"
    )
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    if args.only_input is not None:
        n = args.only_input
        result = run_range((args.seed, n, n + 1, 1, args.only, args.timeout, 0))
        print(json.dumps({k: v for k, v in result.items() if k != "times"}, default=str, indent=2))
        return 0
    began = time.perf_counter()
    jobs = [
        (args.seed, w, args.inputs, args.workers, args.only, args.timeout, args.memory_mb)
        for w in range(args.workers)
    ]
    with mp.get_context("fork").Pool(args.workers) as pool:
        results = pool.map(run_range, jobs)
    wall = time.perf_counter() - began
    times = sorted(t for r in results for t, _ in r["times"])
    by_class: dict[str, list[float]] = defaultdict(list)
    for r in results:
        for t, cls in r["times"]:
            by_class[cls].append(t)
    kinds: Counter[str] = sum((r["kinds"] for r in results), Counter())
    failures: dict[str, dict[str, Any]] = {}
    for r in results:
        for signature, found in r["failures"].items():
            failures.setdefault(signature, found)
    written = _save(failures, args.failures, args.seed) if failures else []
    p99 = times[int(len(times) * 0.99)] if times else 0.0
    summary = {
        "inputs": args.inputs,
        "seed": args.seed,
        "workers": args.workers,
        "wall_seconds": round(wall, 1),
        "median_ms": round(statistics.median(times) * 1000, 2) if times else 0,
        "p99_ms": round(p99 * 1000, 1),
        "max_ms": round(times[-1] * 1000, 1) if times else 0,
        "max_ms_by_class": {c: round(max(v) * 1000, 1) for c, v in sorted(by_class.items())},
        "peak_memory_mb_sampled": round(max(r["peak"] for r in results) / 1e6, 1),
        "outcomes": dict(sorted(kinds.items())),
        "distinct_failures": len(failures),
        "failures": {s: {k: v for k, v in f.items() if k != "bytes"} for s, f in failures.items()},
        "written": written,
    }
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
