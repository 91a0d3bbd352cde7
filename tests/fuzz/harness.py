"""Run one fuzz input through a target and say what happened.

The only outcomes allowed are a valid result (a report, a rulebook, a cases
file, a command that exits 0) or a :class:`MofanRulesError` whose problems are
located inside the file that was read, one line each, in both languages.
Anything else is a failure: another exception, an input slower than
:data:`SLOW` seconds, one stopped after :data:`TIMEOUT`, one that needed more
than :data:`MEMORY_MB` megabytes, a problem placed outside its file, a ledger
record missing from its report, a ``!!python`` payload that ran, a command
that printed a traceback, an unlocated line or a control character, or an
output that would do harm where it lands (``fuzz.outputs``).

Time is checked only where :data:`TIMING` is on (the long campaign, in
``scripts/fuzz_campaign.py``); under pytest it is off, and only the alarm
stays, to turn a hang into a failure instead of a stuck run.
"""

from __future__ import annotations

import contextlib
import io
import re
import signal
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from mofan_rules import evaluate, load_ledger, load_rulebook
from mofan_rules.errors import LedgerError, MofanRulesError, Problem
from mofan_rules.ledger import Ledger
from mofan_rules.rulebook import Rulebook, parse_rulebook
from mofan_rules.scoring import ScoreReport, load_cases
from mofan_rules.source import display

from . import outputs
from .mutate import MARKER, SHIPPED, FuzzInput, seeds_of

try:
    import resource
except ImportError:  # pragma: no cover - not POSIX: no memory bound
    resource = None  # type: ignore[assignment]

# An input slower than SLOW seconds, plus SLOW_PER_MB for each megabyte it
# holds, is a failure ("no hang"); one still running after TIMEOUT is stopped.
# Real inputs take milliseconds; reading is linear in size (about 1.5 s for a
# valid 1 MB ledger), and files above 2 MB are refused unread.
SLOW = 2.0
SLOW_PER_MB = 4.0
TIMEOUT = 20.0
# Whether the time an input took is an oracle (the campaign), or not (pytest).
TIMING = True
# Memory an input may take above what the process already holds.
MEMORY_MB = 512

ALLOWED_EXIT = {0, 1, 2, 3}
# Where a problem in data built in Python is placed (no file to point into).
PYTHON_DATA = {"<ledger>": b"", "<rulebook>": b""}


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one input did: ``ok:<what>``, ``error:<MofanRulesError subclass>`` or ``fail:<why>``."""

    kind: str
    detail: str = ""
    seconds: float = 0.0
    signature: str = ""  # for failures: what makes two failures the same one

    @property
    def failed(self) -> bool:
        return self.kind.startswith("fail:")


class Timeout(BaseException):
    """Raised by the alarm when an input runs past TIMEOUT."""


class OracleError(Exception):
    """An oracle found something wrong with a result or an error."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


def _on_alarm(signum: int, frame: Any) -> None:
    raise Timeout


def _vm_bytes() -> int | None:
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    m = re.search(r"^VmSize:\s+(\d+) kB", status, re.MULTILINE)
    return int(m.group(1)) * 1024 if m else None


@contextlib.contextmanager
def bounded(seconds: float = TIMEOUT, memory_mb: int = MEMORY_MB) -> Iterator[None]:
    """Stop the body after ``seconds`` (Timeout) and past ``memory_mb`` more memory (MemoryError).

    The alarm works in the main thread of a POSIX process; the memory bound
    where ``/proc/self/status`` tells the current size (Linux).
    """
    alarm = threading_main() and hasattr(signal, "setitimer")
    old_handler: Any = None
    if alarm:
        old_handler = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    old_limit = None
    current = _vm_bytes()
    if current is not None and memory_mb and resource is not None:
        old_limit = resource.getrlimit(resource.RLIMIT_AS)
        soft = current + memory_mb * 1024 * 1024
        hard = old_limit[1]
        if hard == resource.RLIM_INFINITY or soft < hard:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        else:
            old_limit = None
    try:
        yield
    finally:
        if old_limit is not None:
            resource.setrlimit(resource.RLIMIT_AS, old_limit)
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old_handler)


def threading_main() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _signature(exc: BaseException) -> str:
    """The exception type and the innermost frame in mofan_rules (else the innermost frame)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "mofan_rules" in f.filename]
    found = ours or frames
    frame = found[-1] if found else None
    where = f"{Path(frame.filename).name}:{frame.lineno}:{frame.name}" if frame else "?"
    return f"{type(exc).__name__} at {where}"


class Timer:
    """Time spent in the code under test (not in the oracles), summed over ``with`` blocks."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._start = 0.0

    def __enter__(self) -> None:
        self._start = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.seconds += time.perf_counter() - self._start


def time_limit(size: int) -> float:
    """Seconds an input of ``size`` bytes may take."""
    return SLOW + SLOW_PER_MB * size / 1_000_000


def run(body: Callable[[Timer], str], *, size: int = 0, timeout: float | None = None) -> Outcome:
    """Run one input's ``body`` (which returns ``ok:<what>`` or raises) under the bounds."""
    timeout = TIMEOUT if timeout is None else timeout
    slow = time_limit(size)
    start = time.perf_counter()
    timer = Timer()
    try:
        with bounded(timeout):
            kind = body(timer)
    except OracleError as exc:
        return Outcome(f"fail:{exc.kind}", exc.detail, time.perf_counter() - start, exc.kind)
    except Timeout:
        return Outcome("fail:timeout", f"stopped after {timeout} s", timeout, "timeout")
    except outputs.OutputLeakError as exc:
        return Outcome("fail:output", str(exc), time.perf_counter() - start, "output")
    except MemoryError as exc:
        tb = "".join(traceback.format_exception(exc)[-3:])
        return Outcome("fail:memory", tb, time.perf_counter() - start, _signature(exc))
    except MofanRulesError as exc:  # a body checks its own errors and returns error:…
        detail = f"unchecked {type(exc).__name__}: {exc}"
        return Outcome("fail:unchecked", detail, time.perf_counter() - start, "unchecked")
    except Exception as exc:
        tb = "".join(traceback.format_exception(exc))
        return Outcome(
            f"fail:crash:{type(exc).__name__}", tb, time.perf_counter() - start, _signature(exc)
        )
    seconds = timer.seconds
    if TIMING and seconds > slow:
        return Outcome("fail:slow", f"took {seconds:.2f} s ({kind})", seconds, "slow")
    if Path(MARKER).exists():
        return Outcome("fail:executed", "a !!python payload ran", seconds, "executed")
    return Outcome(kind, "", seconds)


# ------------------------------------------------------------------ oracles

_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


_LINES: dict[int, tuple[bytes, list[str]]] = {}


def _text_lines(raw: bytes) -> list[str]:
    cached = _LINES.get(id(raw))
    if cached is not None and cached[0] is raw:
        return cached[1]
    text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = _BREAKS.split(text)
    _LINES.clear()
    _LINES[id(raw)] = (raw, lines)
    return lines


def check_problem(problem: Problem, files: dict[str, bytes]) -> None:
    """A problem is inside one of ``files`` (display name → bytes), on one line, in both languages."""
    for lang in ("en", "zh"):
        text = problem.text(lang)
        if "\n" in text or "\r" in text:
            raise OracleError("multiline", f"{lang}: {text!r}")
    if not problem.message.strip() or not problem.message_zh.strip():
        raise OracleError("untranslated", f"{problem!s} / zh={problem.message_zh!r}")
    name = next((n for n in files if problem.file == n or problem.file.startswith(n + "[")), None)
    if name is None:
        raise OracleError(
            "location", f"file {problem.file!r} is not one of {sorted(files)}: {problem}"
        )
    if problem.line == 0:
        if problem.column != 0:
            raise OracleError("location", f"column without a line: {problem}")
        return
    if name.lower().endswith(".xlsx"):
        return  # rows and columns of a sheet, not lines of the file
    lines = _text_lines(files[name])
    if not 1 <= problem.line <= len(lines) + 1:
        raise OracleError("location", f"line {problem.line} of {len(lines)}: {problem}")
    if name.lower().endswith((".csv", ".xlsx")):
        return
    width = len(lines[problem.line - 1]) if problem.line <= len(lines) else 0
    if not 1 <= problem.column <= width + 2:
        raise OracleError("location", f"column {problem.column} of {width}: {problem}")


def check_error(exc: MofanRulesError, files: dict[str, bytes]) -> str:
    if not exc.problems:
        raise OracleError("empty-error", repr(exc))
    for problem in exc.problems:
        check_problem(problem, files)
    return f"error:{type(exc).__name__}"


def check_report(report: ScoreReport, ledger: Ledger, rulebook: Rulebook) -> str:
    """Nothing lost: every record and award is a line of the trail, once; the total within bounds.

    The bounds are the rulebook's: at most full marks plus the bonuses, and at
    least its floor where it has one. A table without a floor whose deductions
    are uncapped (直接扣分, 未写上限) can fall below 0, as its readings say.
    """
    text = report.to_json()  # builds every explanation
    if not text:
        raise OracleError("report", "empty JSON")
    trail = report.trail
    records = sorted(t.origin for t in trail if t.kind == "record")
    awards = sorted(t.origin for t in trail if t.kind == "award")
    if records != sorted(f"/records/{i}" for i in range(len(ledger.records))):
        raise OracleError("lost-record", f"{len(ledger.records)} records, trail {records[:5]}…")
    if awards != sorted(f"/awards/{i}" for i in range(len(ledger.awards))):
        raise OracleError("lost-record", f"{len(ledger.awards)} awards, trail {awards[:5]}…")
    low = rulebook.floor
    if report.total > report.max_total or (low is not None and report.total < low):
        raise OracleError("score-range", f"total {report.total} of {report.max_total}, floor {low}")
    return "ok:report"


@cache
def rulebook_of(path: Path | None) -> Rulebook:
    """The rulebook a seed's ledgers are read against (the shipped one by default)."""
    return load_rulebook(path if path is not None else SHIPPED)


# ------------------------------------------------------------------ targets


class Workdir:
    """A scratch folder for the files one input is written to."""

    def __init__(self) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="mofan-fuzz-")
        self.path = Path(self._tmp.name)

    def write(self, name: str, raw: bytes) -> Path:
        path = self.path / name
        path.write_bytes(raw)
        return path

    def clean(self) -> None:
        import shutil

        for p in self.path.iterdir():
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p)
            else:
                p.unlink()

    def close(self) -> None:
        self._tmp.cleanup()


def shown(path: Path) -> str:
    """A file's name as the library shows it (relative to the working folder when inside it)."""
    return display(path)


def _score_seed_ledgers(rulebook: Rulebook, timer: Timer) -> None:
    """Score the example ledgers under a rulebook: read against it, and as unchecked models."""
    from pydantic import ValidationError

    for seed in seeds_of("ledger")[:3]:  # the examples
        try:
            with timer:
                ledger = load_ledger(seed.data, rulebook, check_pin=False)
                report = evaluate(rulebook, ledger)
            check_report(report, ledger, rulebook)
        except MofanRulesError as exc:
            check_error(exc, PYTHON_DATA)
        try:
            unchecked = Ledger.model_validate(seed.data)
        except ValidationError:
            continue
        try:
            with timer:
                report = evaluate(rulebook, unchecked)
            check_report(report, unchecked, rulebook)
        except MofanRulesError as exc:
            check_error(exc, PYTHON_DATA)


def rulebook_text(inp: FuzzInput, *, as_text: bool | None = None) -> Outcome:
    """``parse_rulebook`` on the bytes (or as text); a valid one then scores the example ledgers.

    ``as_text`` passes the bytes decoded (undecodable bytes as lone surrogates,
    the way a caller holding a ``str`` may); by default, half the inputs are.
    """

    def body(timer: Timer) -> str:
        name = "fuzz" + inp.suffix
        raw: bytes | str = inp.raw
        if as_text or (as_text is None and len(inp.raw) % 2):
            raw = inp.raw.decode("utf-8", errors="surrogateescape")
        try:
            with timer:
                rulebook, _warnings = parse_rulebook(raw, name)
        except MofanRulesError as exc:
            return check_error(exc, {name: inp.raw})
        _score_seed_ledgers(rulebook, timer)
        return "ok:rulebook"

    return run(body, size=len(inp.raw))


def rulebook_file(inp: FuzzInput, work: Workdir) -> Outcome:
    """``load_rulebook`` on a file."""

    def body(timer: Timer) -> str:
        path = work.write("fuzz-rulebook" + inp.suffix, inp.raw)
        try:
            with timer:
                load_rulebook(path)
        except MofanRulesError as exc:
            return check_error(exc, {shown(path): inp.raw})
        return "ok:rulebook"

    return run(body, size=len(inp.raw))


def facts_file(inp: FuzzInput, work: Workdir, rulebook: Rulebook | None = None) -> Outcome:
    """``load_ledger`` on a file, then ``evaluate``, under ``rulebook`` or the seed's own."""
    rulebook = rulebook if rulebook is not None else rulebook_of(inp.rulebook)

    def body(timer: Timer) -> str:
        path = work.write("fuzz-ledger" + inp.suffix, inp.raw)
        try:
            with timer:
                ledger = load_ledger(path, rulebook)
        except MofanRulesError as exc:
            return check_error(exc, {shown(path): inp.raw})
        try:
            with timer:
                report = evaluate(rulebook, ledger)
        except MofanRulesError as exc:
            # evaluate() is given a Ledger, which has no file: its problems are
            # placed in "<ledger>" (a figure the rulebook requires, missing).
            return check_error(exc, {shown(path): inp.raw, **PYTHON_DATA})
        return check_report(report, ledger, rulebook)

    return run(body, size=len(inp.raw))


def facts_data(data: Any, rulebook: Rulebook) -> Outcome:
    """``load_ledger`` on plain Python data (a mapping or anything else), then ``evaluate``."""

    # Text would name a file: Python data is always a mapping here.
    data = data if isinstance(data, dict) else {"records": data}

    def body(timer: Timer) -> str:
        try:
            with timer:
                ledger = load_ledger(data, rulebook)
                report = evaluate(rulebook, ledger)
        except MofanRulesError as exc:
            return check_error(exc, PYTHON_DATA)
        return check_report(report, ledger, rulebook)

    return run(body)


def evaluate_unchecked(data: Any, rulebook: Rulebook) -> Outcome:
    """``evaluate`` on a ledger model built in Python, never checked against ``rulebook``."""

    def body(timer: Timer) -> str:
        from pydantic import ValidationError

        try:
            ledger = Ledger.model_validate(data)
        except ValidationError:
            return "ok:not-a-ledger"  # pydantic's refusal, before our code runs
        try:
            with timer:
                report = evaluate(rulebook, ledger)
        except MofanRulesError as exc:
            return check_error(exc, PYTHON_DATA)
        return check_report(report, ledger, rulebook)

    return run(body)


def cases_file(inp: FuzzInput, work: Workdir, rulebook: Rulebook | None = None) -> Outcome:
    """``load_cases`` on a mutated cases file, then every case checked."""
    rulebook = rulebook if rulebook is not None else rulebook_of(inp.rulebook)

    def body(timer: Timer) -> str:
        from mofan_rules.scoring import check_case

        path = work.write("fuzz.cases" + inp.suffix, inp.raw)
        files = {shown(path): inp.raw}
        try:
            with timer:
                loaded = load_cases(path, rulebook)
        except MofanRulesError as exc:
            return check_error(exc, files)
        for item in loaded:
            if isinstance(item.ledger, MofanRulesError):
                check_error(item.ledger, files)
                with timer:
                    check_case(item.case, item.ledger).message()
            else:
                try:
                    with timer:
                        report = evaluate(rulebook, item.ledger)
                except LedgerError as exc:  # a figure the rulebook requires is missing
                    check_error(exc, {**files, **PYTHON_DATA})
                    with timer:
                        check_case(item.case, exc).message()
                    continue
                with timer:
                    check_case(item.case, report).message()
                check_report(report, item.ledger, rulebook)
        return "ok:cases"

    return run(body, size=len(inp.raw))


# ------------------------------------------------------------------ the command

_LOCATED = re.compile(r"^\s*(?P<file>[^\s:][^:]*?)(?::(?P<line>\d+):(?P<col>\d+))?[:：] ?\S")

# Command lines; FILE is the fuzzed file, RB a rulebook, DIR a folder holding FILE,
# OUT and OUTX the outputs (parsed back when written).
COMMANDS: dict[str, list[str]] = {
    "validate": ["validate", "{RBFILE}"],
    "score": ["score", "{FILE}", "-r", "{RB}"],
    "score-json": ["score", "{FILE}", "-r", "{RB}", "--format", "json"],
    "score-md": ["score", "{FILE}", "-r", "{RB}", "--format", "md", "--lang", "zh"],
    "score-csv": ["score", "{FILE}", "-r", "{RB}", "--format", "csv"],
    "score-html": ["score", "{FILE}", "-r", "{RB}", "--format", "html"],
    "score-xlsx": [
        "score",
        "{FILE}",
        "-r",
        "{RB}",
        "--format",
        "xlsx",
        "--by",
        "office",
        "--out",
        "{OUTX}",
    ],
    "score-with": ["score", "{GOOD}", "--rulebook", "{RBFILE}"],
    "explain": ["explain", "{FILE}", "-r", "{RB}", "--lang", "zh"],
    "batch": ["batch", "{DIR}", "-r", "{RB}", "--out", "{OUT}"],
    "batch-xlsx": ["batch", "{DIR}", "-r", "{RB}", "--by", "leader", "--out", "{OUTX}"],
    "render": ["render", "{RBFILE}"],
    "render-html": ["render", "{RBFILE}", "--format", "html"],
    "template": ["template", "-r", "{RBFILE}", "--out", "{OUTX}"],
    "diff": ["diff", "{SHIPPED}", "{RBFILE}", "--format", "json"],
    "diff-md": ["diff", "{SHIPPED}", "{RBFILE}", "--format", "md"],
    "test": ["test", "{RBFILE}"],
}
RULEBOOK_COMMANDS = ["validate", "score-with", "render", "render-html", "template", "diff",
                     "diff-md", "test"]  # fmt: skip
LEDGER_COMMANDS = ["score", "score-json", "score-md", "score-csv", "score-html", "score-xlsx",
                   "explain", "batch", "batch-xlsx"]  # fmt: skip


def _capture() -> tuple[io.TextIOWrapper, io.BytesIO]:
    # Like a real terminal's streams: UTF-8, strict, so text that cannot be printed fails here too.
    buffer = io.BytesIO()
    return io.TextIOWrapper(buffer, encoding="utf-8", errors="strict", newline="\n"), buffer


def invoke(argv: list[str]) -> tuple[int, str, str]:
    """``mofan-rules ARGV`` in-process: exit code, stdout and stderr (strict UTF-8)."""
    from mofan_rules.cli import main

    out, out_buffer = _capture()
    err, err_buffer = _capture()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
        out.flush()
        err.flush()
    return code, out_buffer.getvalue().decode("utf-8"), err_buffer.getvalue().decode("utf-8")


def cli(command: str, inp: FuzzInput, work: Workdir) -> Outcome:
    """``mofan-rules COMMAND`` in-process on the fuzzed file: an allowed exit, located lines, inert outputs."""

    def body(timer: Timer) -> str:
        work.clean()
        folder = work.path / "in"
        folder.mkdir()
        shipped = SHIPPED
        good = Path(__file__).resolve().parents[2] / "examples" / "typical-year.yaml"
        if command in RULEBOOK_COMMANDS:
            target = folder / f"fuzz{inp.suffix}"
            target.write_bytes(inp.raw)
            if command == "test":  # the shipped cases beside the fuzzed rulebook
                cases = shipped.with_name(shipped.stem + ".cases.yaml")
                (folder / "fuzz.cases.yaml").write_bytes(cases.read_bytes())
        else:
            target = folder / f"ledger{inp.suffix}"
            target.write_bytes(inp.raw)
        out_csv, out_xlsx = work.path / "out.csv", work.path / "out.xlsx"
        names = {
            "{FILE}": str(target),
            "{RBFILE}": str(target),
            "{RB}": str(inp.rulebook or shipped),
            "{DIR}": str(folder),
            "{OUT}": str(out_csv),
            "{OUTX}": str(out_xlsx),
            "{SHIPPED}": str(shipped),
            "{GOOD}": str(good),
        }
        argv = [names.get(a, a) for a in COMMANDS[command]]
        with timer:
            code, stdout, stderr = invoke(argv)
        if code not in ALLOWED_EXIT:
            raise OracleError("cli-exit", f"{argv}: exit {code}\n{stderr}")
        if "Traceback" in stderr:
            raise OracleError("cli-traceback", stderr)
        outputs.check_terminal(stdout, f"{command} stdout")
        outputs.check_terminal(stderr, f"{command} stderr")
        known = [shown(Path(p)) for p in (target, folder, shipped, good, out_csv, out_xlsx)]
        known.append(shown(inp.rulebook or shipped))
        for line in stderr.splitlines():
            wrote = line.removeprefix("wrote ").removeprefix("已写入 ")
            if wrote != line and any(wrote == k for k in known):
                continue  # "wrote FILE": the output it was asked for
            m = _LOCATED.match(line)
            if not m or not any(m.group("file").startswith(k) for k in known):
                raise OracleError("cli-unlocated", f"{argv}: {line!r}")
        if out_csv.exists():
            outputs.check_csv(out_csv.read_bytes(), f"{command} {out_csv.name}")
        if out_xlsx.exists():
            outputs.check_xlsx(out_xlsx.read_bytes(), f"{command} {out_xlsx.name}")
        if command in ("score-csv",):
            outputs.check_csv(stdout.encode("utf-8"), f"{command} stdout")
        if command in ("score-json", "diff") and code in (0, 1) and stdout:
            outputs.check_json(stdout, None, f"{command} stdout")
        if command in ("score-md", "diff-md"):
            outputs.check_tables(stdout, f"{command} stdout")
        printed = stdout.strip()
        quiet = ("batch", "batch-xlsx", "score-xlsx")
        if code == 0 and command in LEDGER_COMMANDS and command not in quiet and not printed:
            raise OracleError("cli-output", f"{argv}: exit 0 with nothing printed")
        return f"ok:exit{code}"

    return run(body, size=len(inp.raw))


# ------------------------------------------------------------------ outputs


def outputs_target(rng: Any, work: Workdir) -> Outcome:
    """Random hostile texts in a ledger and a rulebook, through one command, every output parsed back.

    The same command also runs on the plain twin (every text ``text N``):
    Markdown and HTML must be built the same, line by line and tag by tag,
    and the files written must be the same ones (``fuzz.outputs.check_run``).
    """
    command = rng.choice(list(outputs.COMMANDS))
    text = outputs.random_texts(rng)
    example = rng.choice(outputs.EXAMPLES)

    def body(timer: Timer) -> str:
        work.clean()
        runs = []
        for name, make in (("hostile", text), ("plain", outputs.plain)):
            inputs = outputs.make_inputs(work.path / name, make, example)
            written = inputs.folder / "out"
            written.mkdir()
            with timer:
                code, stdout, stderr = invoke(outputs.argv_for(inputs, command, written))
            files = {p.name: p.read_bytes() for p in written.iterdir()}
            runs.append((inputs, outputs.Run(code, stdout, stderr, files)))
        (inputs, got), (_, twin) = runs
        if "Traceback" in got.err or got.code not in ALLOWED_EXIT:
            raise OracleError("cli-traceback", got.err[-2000:])
        if got.code != twin.code:
            # A text can make a ledger unreadable (too long a file name) only in
            # ways the plain twin never is; then both must still be inert.
            outputs.check_terminal(got.out, f"{command} stdout")
            outputs.check_terminal(got.err, f"{command} stderr")
            return f"ok:exit{got.code}-vs-{twin.code}"
        outputs.check_run(command, got, twin, inputs)
        return f"ok:{command}"

    return run(body)


__all__ = [
    "TIMING",
    "Outcome",
    "Workdir",
    "cases_file",
    "cli",
    "evaluate_unchecked",
    "facts_data",
    "facts_file",
    "invoke",
    "outputs_target",
    "rulebook_file",
    "rulebook_text",
]
