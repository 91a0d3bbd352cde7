"""The long fuzz campaign: many mutated inputs through every entry point, with figures.

    PYTHONPATH=src python scripts/fuzz_campaign.py --inputs 100000 --json campaign.json

Spreadsheets (CSV, XLSX) have their own campaign: scripts/fuzz_sheets.py.

Each input is made from its number alone (``random.Random(f"{seed}:{n}")``
picks a target and mutates a shipped file for it; see tests/fuzz/mutate.py),
so any input is reproduced with ``--only N``. Worker processes run the inputs
under the harness's bounds (tests/fuzz/harness.py: a time limit per input, a
memory limit, and the oracles); the parent also kills a worker stuck on one
input for HANG seconds, which catches a hang inside C code that no alarm
interrupts. It prints inputs per target, outcomes by kind, time per input
(median, p99, max), peak memory, and every distinct failure, whose input is
written to --failures for turning into a regression case.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import queue
import random
import resource
import statistics
import sys
import time
import tracemalloc
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from fuzz import harness, mutate  # noqa: E402

# Targets and how often each is picked: the command and the cases file cost
# ten times a ledger, and the outputs target fifty (two commands, and the
# files they write parsed back), so they are picked less often.
TARGETS = {
    "rulebook-text": 20,  # parse_rulebook(bytes | str), then the example ledgers scored
    "rulebook-file": 10,  # load_rulebook(path)
    "ledger-file": 30,  # load_ledger(path .yaml/.yml/.json) + evaluate, under its seed's rulebook
    "ledger-data": 10,  # load_ledger(mapping) + evaluate
    "evaluate-unchecked": 8,  # evaluate(Ledger built in Python, never checked)
    "cases-file": 5,  # load_cases + every case checked
    "command-ledger": 9,  # mofan-rules score/explain/batch … on a mutated ledger, outputs parsed back
    "command-rulebook": 8,  # mofan-rules validate/render/template/diff/test … on a mutated rulebook
    "outputs": 3,  # hostile text in a ledger and a rulebook, every output format parsed back
}
HANG = 60.0  # seconds on one input before the parent kills the worker
SAMPLE_MEMORY = 50  # every n-th input is also run under tracemalloc for its peak


def make(seed: str, n: int) -> tuple[str, mutate.FuzzInput, Any, str]:
    """Input ``n``: (target, file input, Python data or None, command or "")."""
    rng = random.Random(f"{seed}:{n}")
    target = rng.choices(list(TARGETS), weights=list(TARGETS.values()))[0]
    data = None
    command = ""
    if target.startswith("rulebook"):
        inp = mutate.generate(rng, "rulebook")
    elif target == "ledger-file":
        inp = mutate.generate(rng, "ledger")
    elif target == "cases-file":
        inp = mutate.generate(rng, "cases")
    elif target == "outputs":
        inp = mutate.FuzzInput("outputs", "", b"", "hostile text through one command")
    elif target in ("ledger-data", "evaluate-unchecked"):
        source = rng.choice(mutate.seeds_of("ledger"))
        rounds = rng.choice([1, 2, 4])
        if target == "ledger-data":
            data = mutate.mutate_data(rng, source.data, rounds)
        else:  # mostly ledgers pydantic accepts, so the evaluator's own checks are reached
            data = mutate.plausible_data(rng, source.data, rounds)
        text = mutate.emit(rng, data, ".yaml").encode("utf-8", errors="surrogatepass")
        inp = mutate.FuzzInput("ledger", ".yaml", text, f"{source.name} data", source.rulebook)
    elif target == "command-ledger":
        command = rng.choice(harness.LEDGER_COMMANDS)
        inp = mutate.generate(rng, "ledger")
    else:
        command = rng.choice(harness.RULEBOOK_COMMANDS)
        inp = mutate.generate(rng, "rulebook")
    return target, inp, data, command


def run_one(seed: str, n: int, work: harness.Workdir, *, trace: bool = False) -> dict[str, Any]:
    target, inp, data, command = make(seed, n)
    rulebook = harness.rulebook_of(inp.rulebook)
    # Memory is measured around the code under test only, not the making of its input.
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if trace:
        tracemalloc.start()
    if target == "rulebook-text":
        outcome = harness.rulebook_text(inp)
    elif target == "rulebook-file":
        outcome = harness.rulebook_file(inp, work)
    elif target == "ledger-file":
        outcome = harness.facts_file(inp, work, rulebook)
    elif target == "ledger-data":
        outcome = harness.facts_data(data, rulebook)
    elif target == "evaluate-unchecked":
        outcome = harness.evaluate_unchecked(data, rulebook)
    elif target == "cases-file":
        outcome = harness.cases_file(inp, work, rulebook)
    elif target == "outputs":
        outcome = harness.outputs_target(random.Random(f"{seed}:{n}:outputs"), work)
    else:
        outcome = harness.cli(command, inp, work)
    memory = {}
    if trace:
        memory["traced_peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    # A new high-water mark of the worker's memory: this input raised it.
    grew = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    if grew > 0:
        memory["rss_grew_kb"] = grew
    return {
        **memory,
        "n": n,
        "target": target,
        "command": command,
        "kind": outcome.kind,
        "seconds": outcome.seconds,
        "size": len(inp.raw),
        "signature": outcome.signature,
        "detail": outcome.detail[-2000:] if outcome.failed else "",
        "how": inp.how,
    }


def worker(seed: str, numbers: list[int], results: Any, current: Any, slot: int) -> None:
    work = harness.Workdir()
    batch: list[dict[str, Any]] = []
    try:
        for n in numbers:
            current[slot * 2] = n
            current[slot * 2 + 1] = time.time()
            try:
                result = run_one(seed, n, work, trace=n % SAMPLE_MEMORY == 0)
            except Exception as exc:  # the generator or harness itself, not the library
                result = {"n": n, "target": "?", "command": "", "kind": f"harness:{exc!r}"[:200],
                          "seconds": 0.0, "size": 0, "signature": "harness", "detail": "", "how": ""}  # fmt: skip
            batch.append(result)
            if len(batch) >= 50:
                results.put(batch)
                batch = []
        current[slot * 2 + 1] = 0.0
        batch.append({"worker_maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss})
        results.put(batch)
    finally:
        work.close()


def campaign(seed: str, numbers: list[int], workers: int) -> list[dict[str, Any]]:
    ctx = mp.get_context("fork")
    results: Any = ctx.Queue()
    current: Any = ctx.Array("d", [0.0] * (2 * workers), lock=False)
    shares = [numbers[w::workers] for w in range(workers)]
    procs: list[Any] = [None] * workers
    for w in range(workers):
        procs[w] = ctx.Process(target=worker, args=(seed, shares[w], results, current, w))
        procs[w].start()
    out: list[dict[str, Any]] = []
    done = 0
    started = time.time()
    while any(p.is_alive() for p in procs) or not results.empty():
        try:
            batch = results.get(timeout=1.0)
        except queue.Empty:
            batch = []
        out += batch
        done += sum(1 for r in batch if "n" in r)
        for w, proc in enumerate(procs):
            since = current[w * 2 + 1]
            hung = proc.is_alive() and since and time.time() - since > HANG
            died = not proc.is_alive() and proc.exitcode not in (0, None)
            if hung or died:
                stuck = int(current[w * 2])
                proc.kill()
                proc.join()
                while True:  # what the worker had sent before it was killed
                    try:
                        out += results.get(timeout=1.0)
                    except queue.Empty:
                        break
                target, inp, _, command = make(seed, stuck)
                out.append(
                    {
                        "n": stuck,
                        "target": target,
                        "command": command,
                        "kind": "fail:hang" if hung else "fail:died",
                        "seconds": HANG if hung else 0.0,
                        "size": len(inp.raw),
                        "signature": "hang" if hung else f"exit {proc.exitcode}",
                        "detail": f"killed after {HANG} s" if hung else "the worker died",
                        "how": inp.how,
                    }
                )
                seen = {r["n"] for r in out if "n" in r}
                rest = [n for n in shares[w] if n not in seen]
                current[w * 2 + 1] = 0.0
                procs[w] = ctx.Process(target=worker, args=(seed, rest, results, current, w))
                procs[w].start()
        if batch and done % 5000 < len(batch):
            rate = done / max(time.time() - started, 1e-9)
            print(f"{done}/{len(numbers)} inputs, {rate:.0f}/s", file=sys.stderr, flush=True)
    for proc in procs:
        proc.join()
    return out


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def summarise(
    results: list[dict[str, Any]], wall: float, args: argparse.Namespace
) -> dict[str, Any]:
    inputs = [r for r in results if "n" in r]
    timed = [r for r in inputs if "traced_peak" not in r]
    seconds = [r["seconds"] for r in timed]
    by_target = Counter(r["target"] for r in inputs)
    kinds = Counter(r["kind"] for r in inputs)
    per_target: dict[str, Counter[str]] = defaultdict(Counter)
    for r in inputs:
        per_target[r["target"]][r["kind"]] += 1
    slowest = max(timed, key=lambda r: r["seconds"], default=None)
    failures: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in inputs:
        if r["kind"].startswith("fail:"):
            failures.setdefault((r["target"], r["kind"], r["signature"]), r)
    peaks = [r["traced_peak"] for r in inputs if "traced_peak" in r]
    rss = [r["worker_maxrss_kb"] for r in results if "worker_maxrss_kb" in r]
    return {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "command": " ".join(sys.argv),
        "seed": args.seed,
        "workers": args.workers,
        "wall_seconds": round(wall, 1),
        "inputs": len(inputs),
        "inputs_by_target": dict(by_target.most_common()),
        "outcomes": dict(kinds.most_common()),
        "outcomes_by_target": {t: dict(c.most_common()) for t, c in sorted(per_target.items())},
        "seconds_per_input": {
            "median": round(statistics.median(seconds), 4) if seconds else 0,
            "p99": round(_percentile(seconds, 0.99), 4),
            "max": round(max(seconds, default=0), 3),
            "slowest": {k: slowest[k] for k in ("n", "target", "size", "how")} if slowest else {},
        },
        "bytes_per_input": {
            "median": int(statistics.median([r["size"] for r in inputs])) if inputs else 0,
            "max": max((r["size"] for r in inputs), default=0),
        },
        "memory": {
            "traced_peak_median_mb": round(statistics.median(peaks) / 1e6, 2) if peaks else 0,
            "traced_peak_max_mb": round(max(peaks, default=0) / 1e6, 2),
            "traced_inputs": len(peaks),
            "worker_max_rss_mb": round(max(rss, default=0) / 1024, 1),
            "raised_rss_most": [
                {k: r[k] for k in ("n", "target", "size", "how", "rss_grew_kb")}
                for r in sorted(inputs, key=lambda r: -r.get("rss_grew_kb", 0))[:5]
            ],
        },
        "failures": [
            {k: r[k] for k in ("n", "target", "command", "kind", "signature", "how", "detail")}
            for r in failures.values()
        ],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", default="reliability")
    parser.add_argument("--start", type=int, default=0, help="number of the first input")
    parser.add_argument("--only", type=int, action="append", help="run just input N (repeatable)")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    parser.add_argument(
        "--failures", type=Path, default=Path("fuzz-failures"), help="where failing inputs go"
    )
    args = parser.parse_args()
    numbers = args.only or list(range(args.start, args.start + args.inputs))
    # Every module the targets use, imported before the workers fork (so all
    # run the same code), and every seed's rulebook loaded once.
    for name in ("_workbook", "cli", "ledger", "reports", "rulebook", "scoring", "source",
                 "source._schema", "ledger._sheets"):  # fmt: skip
        __import__(f"mofan_rules.{name}")
    for found in mutate.seeds():
        harness.rulebook_of(found.rulebook)
    start = time.time()
    results = campaign(args.seed, numbers, max(1, min(args.workers, len(numbers))))
    figures = summarise(results, time.time() - start, args)
    if figures["failures"]:
        args.failures.mkdir(parents=True, exist_ok=True)
        for failure in figures["failures"]:
            _, inp, _, _ = make(args.seed, failure["n"])
            name = f"{failure['n']}-{failure['target']}{inp.suffix}"
            (args.failures / name).write_bytes(inp.raw)
            failure["file"] = str(args.failures / name)
    text = json.dumps(figures, ensure_ascii=False, indent=2)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 1 if figures["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
