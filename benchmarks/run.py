"""Benchmark mofan_rules against hand-written Python and the GoRules ZEN engine.

    python benchmarks/run.py [--quick] [--out FILE] [--reps N] [--seed N]

One process, one run, fixed seed. The machine is shared and noisy, so every
figure is the median of several repetitions, the targets are ratios taken
within the same run, and the engine, the hand-written scorer and ZEN are timed
in turn within each repetition, so that each ratio's two sides see the same
machine. The hand-written scorer and ZEN are also differential
oracles: the run fails (exit 1) if any of them disagrees with the engine on
any ledger.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

# The benchmark folder is not a package: its modules are found through sys.path.
import handwritten
import ledgers
import zen_scorer
from mofan_rules import Ledger, evaluate, load_ledger, load_rulebook
from mofan_rules._shipped import default_rulebook_path

TARGETS = {
    "ratio_vs_handwritten": ("≤", 1.5),
    "ratio_vs_zen": ("<", 1.0),
    "load_ms": ("≤", 50.0),
    "cli_overhead_s": ("≤", 0.3),
    "scaling_10x": ("≤", 12.0),
}


def _median_per_item(fn: Callable[[], None], n: int, reps: int) -> float:
    """Median over ``reps`` runs of ``fn``'s time divided by ``n``, in microseconds."""
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) / n * 1e6)
    return statistics.median(times)


def _medians_in_turn(fns: dict[str, Callable[[], None]], n: int, reps: int) -> dict[str, float]:
    """Like :func:`_median_per_item` for several ``fns``, timed in turn within each repetition.

    A ratio is only fair if both sides saw the same machine: timed one after
    the other, a change in the machine's load between them lands on one side.
    """
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(reps):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append((time.perf_counter() - start) / n * 1e6)
    return {name: statistics.median(t) for name, t in times.items()}


def _median_ms(fn: Callable[[], Any], reps: int) -> float:
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def _process_seconds(cmd: Sequence[str], reps: int) -> float:
    # As a user's shell runs it: bytecode cached (some machines set
    # PYTHONDONTWRITEBYTECODE, which recompiles every module on every start),
    # after one untimed run that writes the cache.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=env)
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


class _Dumper(yaml.SafeDumper):
    """Writes decimals as plain YAML numbers from their text, never through float."""


_Dumper.add_representer(
    Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", str(value))
)


def _write_ledgers(data: list[dict[str, Any]], folder: Path) -> list[Path]:
    paths = []
    for i, ledger in enumerate(data):
        path = folder / f"ledger-{i:05d}.yaml"
        path.write_text(
            yaml.dump(ledger, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        paths.append(path)
    return paths


def _disagreements(rb: Any, loaded: list[Ledger], zen: Any, prepared: list[Any]) -> list[str]:
    problems = []
    for i, ledger in enumerate(loaded):
        report = evaluate(rb, ledger)
        total, items = handwritten.score(ledger)
        if report.total != total:
            problems.append(f"ledger {i}: engine {report.total}, hand-written {total}")
        for number, deduction in items.items():
            if report.items[number].deduction != deduction:
                problems.append(
                    f"ledger {i} item {number}: engine {report.items[number].deduction}, hand-written {deduction}"
                )
        if zen is not None and (zt := zen.score(prepared[i])) != report.total:
            problems.append(f"ledger {i}: engine {report.total}, ZEN {zt}")
    return problems


def _corpus() -> list[Path]:
    """The pattern rulebooks (one per construct of format 2) and the genre corpus."""
    folders = (ROOT / "tests" / "cases" / "patterns", ROOT / "rulebooks" / "genre")
    return sorted(
        p
        for f in folders
        if f.is_dir()
        for p in f.glob("*.yaml")
        if not p.name.endswith(".cases.yaml")
    )


def run(*, quick: bool, reps: int, seed: int) -> dict[str, Any]:
    n = 2_000 if quick else 10_000
    rb_path = default_rulebook_path()
    rb = load_rulebook(rb_path)
    result: dict[str, Any] = {
        "quick": quick,
        "ledgers": n,
        "reps": reps,
        "seed": seed,
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
    }
    print(f"rulebook load + validation ({reps} reps)…", file=sys.stderr)
    result["load_ms"] = _median_ms(lambda: load_rulebook(rb_path), reps * 3)

    print(f"generating {n} ledgers (seed {seed})…", file=sys.stderr)
    data = ledgers.generate(rb, n, seed=seed)
    loaded = [load_ledger(d, rb) for d in data]
    result["records_per_ledger"] = statistics.mean(len(ledger.records) for ledger in loaded)
    reached = {r.item for ledger in loaded for r in ledger.records}
    result["items_reached"] = len(reached | {16, 17, 21, 4, 5})

    zen = zen_scorer.ZenScorer() if zen_scorer.available() else None
    prepared = [zen.prepare(ledger) for ledger in loaded] if zen else []
    print(
        "differential check: engine = hand-written" + (" = ZEN" if zen else "") + "…",
        file=sys.stderr,
    )
    problems = _disagreements(rb, loaded, zen, prepared)
    result["disagreements"] = len(problems)
    if problems:
        result["first_disagreements"] = problems[:10]
        return result

    print("timing evaluate, hand-written" + (", ZEN" if zen else "") + "…", file=sys.stderr)

    def engine() -> None:
        for ledger in loaded:
            evaluate(rb, ledger)

    def hand() -> None:
        for ledger in loaded:
            handwritten.score(ledger)

    timed: dict[str, Callable[[], None]] = {"evaluate_us": engine, "handwritten_us": hand}
    if zen is not None:

        def zen_all() -> None:
            for item in prepared:
                zen.score(item)

        timed["zen_us"] = zen_all
    result.update(_medians_in_turn(timed, n, reps))
    result["ratio_vs_handwritten"] = result["evaluate_us"] / result["handwritten_us"]
    if zen is not None:
        result["ratio_vs_zen"] = result["evaluate_us"] / result["zen_us"]
        result["zen_engine"] = getattr(zen_scorer, "version", lambda: "unknown")()
    else:
        result["zen_us"] = None
        result["ratio_vs_zen"] = None

    print("timing load_ledger + evaluate from files…", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        files = _write_ledgers(data[: n // 5], Path(tmp))

        def from_files() -> None:
            for path in files:
                evaluate(rb, load_ledger(path, rb))

        result["load_ledger_evaluate_us"] = _median_per_item(
            from_files, len(files), max(2, reps // 2)
        )

    print("timing scaling 1×, 10×, 100× records…", file=sys.stderr)
    per = {}
    for scale, count in ((1, 1_000), (10, 200), (100, 20)):
        scaled = [
            load_ledger(d, rb) for d in ledgers.generate(rb, count, seed=seed + scale, scale=scale)
        ]
        records = statistics.mean(len(ledger.records) for ledger in scaled)

        def scaled_run(batch: list[Ledger] = scaled) -> None:
            for ledger in batch:
                evaluate(rb, ledger)

        per[scale] = (_median_per_item(scaled_run, count, reps), records)
    result["scaling_records"] = {f"{s}x": round(r, 1) for s, (_, r) in per.items()}
    result["scaling_us"] = {f"{s}x": round(t, 1) for s, (t, _) in per.items()}
    result["scaling_10x"] = per[10][0] / per[1][0]
    result["scaling_100x"] = per[100][0] / per[1][0]

    print("timing the rule kinds of format 2 (pattern and genre rulebooks)…", file=sys.stderr)
    kinds: dict[str, float] = {}
    for path in _corpus():
        other = load_rulebook(path)
        batch = [load_ledger(d, other) for d in ledgers.generate(other, 500, seed=seed)]

        def other_run(batch: list[Ledger] = batch, other: Any = other) -> None:
            for ledger in batch:
                evaluate(other, ledger)

        kinds[path.stem] = round(_median_per_item(other_run, len(batch), reps), 1)
    result["kinds_us"] = kinds

    print("timing the command's cold start…", file=sys.stderr)
    exe = shutil.which("mofan-rules", path=str(Path(sys.executable).parent)) or ""
    command = [exe] if exe else [sys.executable, "-m", "mofan_rules"]
    example = str(ROOT / "examples" / "typical-year.yaml")
    cold = _process_seconds([*command, "score", example], reps * 2)
    bare = _process_seconds([sys.executable, "-c", "pass"], reps * 2)
    result["cli_s"] = cold
    result["python_s"] = bare
    result["cli_overhead_s"] = cold - bare
    return result


def _verdicts(result: dict[str, Any]) -> dict[str, str]:
    out = {}
    for key, (op, target) in TARGETS.items():
        value = result.get(key)
        if value is None:
            out[key] = "not measured"
            continue
        ok = value <= target if op == "≤" else value < target
        out[key] = f"{'met' if ok else 'MISSED'} ({op} {target})"
    return out


def _print_table(result: dict[str, Any]) -> None:
    rows = [
        ("evaluate per ledger", f"{result['evaluate_us']:.1f} µs"),
        ("hand-written per ledger", f"{result['handwritten_us']:.1f} µs"),
        ("ratio vs hand-written", f"{result['ratio_vs_handwritten']:.2f}×"),
        ("ZEN per ledger", f"{result['zen_us']:.1f} µs" if result["zen_us"] else "not installed"),
        ("ratio vs ZEN", f"{result['ratio_vs_zen']:.2f}×" if result["ratio_vs_zen"] else "—"),
        ("load_ledger + evaluate per ledger", f"{result['load_ledger_evaluate_us']:.1f} µs"),
        ("rulebook load + validation", f"{result['load_ms']:.1f} ms"),
        ("command cold start over python -c pass", f"{result['cli_overhead_s']:.3f} s"),
        ("10× records", f"{result['scaling_10x']:.2f}× the time"),
        ("100× records", f"{result['scaling_100x']:.2f}× the time"),
    ]
    width = max(len(r[0]) for r in rows)
    print(
        f"{result['ledgers']} ledgers, {result['records_per_ledger']:.1f} records each, median of {result['reps']} reps"
    )
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    print("  per ledger, by rulebook of format 2 (the cost of its rule kinds):")
    for name, us in result.get("kinds_us", {}).items():
        print(f"    {name:<34}  {us:.1f} µs")
    for key, verdict in _verdicts(result).items():
        print(f"  target {key}: {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="2,000 ledgers instead of 10,000 (under a minute)"
    )
    parser.add_argument(
        "--out",
        default=str(HERE / "latest.json"),
        help="JSON results (default benchmarks/latest.json)",
    )
    parser.add_argument(
        "--reps", type=int, default=None, help="repetitions per figure (default 5, quick 3)"
    )
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    reps = args.reps or (3 if args.quick else 5)
    result = run(quick=args.quick, reps=reps, seed=args.seed)
    if result.get("disagreements"):
        print(
            "DIFFERENTIAL CHECK FAILED:",
            *result["first_disagreements"],
            sep="\n  ",
            file=sys.stderr,
        )
        Path(args.out).write_text(
            json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        return 1
    result["targets"] = _verdicts(result)
    _print_table(result)
    Path(args.out).write_text(
        json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
