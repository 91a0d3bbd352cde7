"""Scoring many ledgers at once: finding them, and one report or error per file.

One broken ledger never stops the others: each file gets a report or the
error that stopped it. A folder is searched for ledgers by suffix; the
tool's own outputs found there (a ranking written into the input folder) are
never read back as ledgers.
"""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mofan_rules.errors import LedgerError, MofanRulesError, Problem
from mofan_rules.ledger import LEDGER_SUFFIXES, read_ledger
from mofan_rules.messages import LANGS, say, word
from mofan_rules.rulebook import LoadedRulebook
from mofan_rules.scoring._engine import evaluate
from mofan_rules.scoring._report import ScoreReport
from mofan_rules.source import display, os_problem

# Workbooks the tool writes for people (rankings, scores) say so in their
# properties; a ledger template is meant to be filled and read, so it does not.
OUTPUT_CREATOR = "mofan-rules"
# The creator in a workbook's core properties (a writer may declare the
# namespace on the element itself: <dc:creator xmlns:dc="…">).
_OWN_CREATOR = re.compile(rf"<(?:\w+:)?creator(?:\s[^>]*)?>\s*{re.escape(OUTPUT_CREATOR)}\s*</")
# How much of a file is looked at to tell whether the tool wrote it.
_HEAD = 4096
# A score written as JSON (sorted keys): no ledger has these two keys.
_OWN_JSON = re.compile(rb'\A\s*\[?\s*\{\s*"bonus"\s*:\s*"[^"]*"\s*,\s*"bonuses"\s*:')
# Office's lock file for an open workbook (~$name.xlsx) and macOS's
# AppleDouble files (._name.yaml): never ledgers, though their names say so.
_NOT_LEDGERS = ("~$", "._")


def _output_headers() -> tuple[tuple[str, ...], ...]:
    """The first cells of the CSV files the tool writes (rankings and scores), in each language."""
    heads = []
    for lang in LANGS:
        heads.append(tuple(word(code, lang) for code in ("w_rank", "w_unit", "w_file")))
        heads.append(tuple(word(code, lang) for code in ("w_unit", "w_row")))
    return tuple(heads)


@dataclass(frozen=True, slots=True)
class BatchEntry:
    """One ledger of a batch: its report, or the error that stopped it."""

    file: str
    report: ScoreReport | None = None
    error: MofanRulesError | None = None
    edition: str = ""  # "id version" of the rulebook it was scored under
    basis: str = ""  # what decides comparability: the base edition for an overlay, else itself
    places: dict[str, tuple[str, int]] | None = None


def is_own_output(path: Path) -> bool:
    """Whether a file is a ranking or score this tool wrote (never to be read as a ledger).

    Only the first few kilobytes are looked at (a workbook's properties are
    read as a stream, never unpacked whole); anything unreadable is "no".

    Raises nothing: a file it cannot read is not its output.
    """
    suffix = path.suffix.lower()
    mode = _mode(path)
    if mode is None or not stat.S_ISREG(mode):
        return False  # a pipe is never opened (it would wait), nor a device
    try:
        if suffix == ".xlsx":
            with zipfile.ZipFile(path) as book, book.open("docProps/core.xml") as core:
                head = core.read(_HEAD).decode("utf-8", "replace")
            return _OWN_CREATOR.search(head) is not None
        if suffix not in (".csv", ".json"):
            return False
        with path.open("rb") as handle:
            raw = handle.read(_HEAD)
        if suffix == ".json":
            return _OWN_JSON.match(raw) is not None
        first = raw.decode("utf-8-sig", "replace").split("\n", 1)[0]
        cells = tuple(c.strip().strip('"') for c in first.split(","))
        return any(cells[: len(h)] == h for h in _output_headers())
    except (OSError, ValueError, KeyError, RuntimeError, NotImplementedError, EOFError,
            zipfile.BadZipFile, zlib.error):  # fmt: skip
        return False


def _mode(path: Path) -> int | None:
    """``st_mode`` following links, or ``None`` when it cannot be had (no file, a loop, a bad name)."""
    try:
        return path.stat().st_mode
    except (OSError, ValueError):
        return None


def ledger_files(inputs: Iterable[str | Path], *, skip: Iterable[Path] = ()) -> list[Path]:
    """The ledger files named, folders expanded to their ledgers in name order.

    A folder's files with a ledger's suffix are listed, but not the tool's
    own outputs (a ranking or score written there before), Office lock files
    (``~$name.xlsx``) or macOS's ``._name`` files. A name given on its own is
    always listed: a pipe, a dangling or looping link, an unreadable folder
    is refused, located, when read, and never opened and waited on.

    ``skip`` names the output about to be written: it is left out when it is
    the tool's own earlier output; a ledger named as the output stays in the
    list, so that writing over it is refused.

    Raises nothing: a name it cannot look into is listed, and reading it says why.
    """
    own_earlier = set()
    for path in skip:
        try:
            if is_own_output(path):
                own_earlier.add(path.resolve())
        except (OSError, RuntimeError, ValueError):
            continue
    files: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        mode = _mode(path)
        if mode is None or not stat.S_ISDIR(mode):
            files.append(path)
            continue
        try:
            entries = sorted(path.iterdir())
        except OSError:
            files.append(path)  # reading it will say why
            continue
        for entry in entries:
            if entry.suffix.lower() not in LEDGER_SUFFIXES or entry.name.startswith(_NOT_LEDGERS):
                continue
            kind = _mode(entry)
            if kind is not None and stat.S_ISDIR(kind):
                continue
            if is_own_output(entry):
                continue
            files.append(entry)
    return [f for f in files if not _is_own_earlier(f, own_earlier)]


def _is_own_earlier(path: Path, own_earlier: set[Path]) -> bool:
    if not own_earlier:
        return False
    try:
        return path.resolve() in own_earlier
    except (OSError, RuntimeError, ValueError):
        return False


def _unreadable_folder(file: Path, shown: str) -> LedgerError | None:
    """The error for a folder given where a ledger was expected (why it could not be listed)."""
    mode = _mode(file)
    if mode is None or not stat.S_ISDIR(mode):
        return None
    try:
        next(file.iterdir(), None)
    except OSError as exc:
        return LedgerError([Problem.from_msg(os_problem(exc, str(file)), shown)])
    return LedgerError([Problem.from_msg(say("is_a_folder"), shown)])


def score_file(
    file: Path, choose: Callable[[Path], LoadedRulebook], *, strict: bool = False
) -> BatchEntry:
    """One ledger file scored under the rulebook ``choose`` picks for it, or its error.

    Raises nothing: a rulebook or ledger that fails is the entry's ``error``.
    """
    shown = display(file)
    folder = _unreadable_folder(file, shown)
    if folder is not None:
        return BatchEntry(shown, error=folder)
    if is_own_output(file):  # named on its own (a folder's are left out when listed)
        return BatchEntry(shown, error=LedgerError([Problem.from_msg(say("own_output"), shown)]))
    try:
        loaded = choose(file)
        rb = loaded.rulebook
        edition = f"{rb.id} {rb.version}"
        basis = f"{rb.base.id} {rb.base.version}" if rb.base is not None else edition
        ledger = read_ledger(file, rb)
        try:
            report = evaluate(rb, ledger.ledger, strict=strict)
        except MofanRulesError as exc:
            raise ledger.located(exc) from None
        # Where each trail line and each notice (a figure left out) was written.
        origins = [t.origin for t in report.trail] + [n.path for n in report.notices]
        places = {origin: ledger.place_of(origin) for origin in origins}
        return BatchEntry(shown, report=report, edition=edition, basis=basis, places=places)
    except MofanRulesError as exc:
        return BatchEntry(shown, error=exc)
    except OSError as exc:  # pragma: no cover - read_bytes turns these into LedgerError
        return BatchEntry(
            shown, error=LedgerError([Problem.from_msg(os_problem(exc, str(file)), shown)])
        )


def score_files(
    files: Sequence[Path],
    choose: Callable[[Path], LoadedRulebook],
    progress: Callable[[int, int], None] | None = None,
    *,
    strict: bool = False,
) -> list[BatchEntry]:
    """Score every file; a file that fails is kept with its error.

    Raises nothing: each failure is kept in its entry (see :func:`score_file`).
    """
    entries = []
    for done, file in enumerate(files, start=1):
        entries.append(score_file(file, choose, strict=strict))
        if progress:
            progress(done, len(files))
    return entries


__all__ = [
    "OUTPUT_CREATOR",
    "BatchEntry",
    "is_own_output",
    "ledger_files",
    "score_file",
    "score_files",
]
