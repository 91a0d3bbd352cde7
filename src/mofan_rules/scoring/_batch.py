"""Scoring many ledgers at once: finding them, and one report or error per file.

One broken ledger never stops the others: each file gets a report or the
error that stopped it. A folder is searched for ledgers by suffix; the
tool's own outputs found there (a ranking written into the input folder) are
never read back as ledgers.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mofan_rules.errors import LedgerError, MofanRulesError, Problem
from mofan_rules.ledger import LEDGER_SUFFIXES, read_ledger
from mofan_rules.rulebook import LoadedRulebook
from mofan_rules.scoring._engine import evaluate
from mofan_rules.scoring._report import ScoreReport
from mofan_rules.source import display, os_problem

# Workbooks the tool writes for people (rankings, scores) say so in their
# properties; a ledger template is meant to be filled and read, so it does not.
OUTPUT_CREATOR = "mofan-rules"
# The first cells of the CSV files the tool writes (rankings and scores).
_OUTPUT_HEADERS = (("rank", "unit", "file"), ("名次", "单位", "文件"), ("unit", "row"), ("单位", "栏"))


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
    """Whether a file is a ranking or score this tool wrote (never to be read as a ledger)."""
    try:
        if path.suffix.lower() == ".xlsx":
            with zipfile.ZipFile(path) as book:
                core = book.read("docProps/core.xml")[:4096].decode("utf-8", "replace")
            return f"<dc:creator>{OUTPUT_CREATOR}</dc:creator>" in core
        if path.suffix.lower() == ".csv":
            with path.open("rb") as handle:
                head = handle.read(256).decode("utf-8-sig", "replace").split("\n", 1)[0]
            cells = tuple(c.strip() for c in head.split(","))
            return any(cells[: len(h)] == h for h in _OUTPUT_HEADERS)
    except (OSError, zipfile.BadZipFile, KeyError):
        return False
    return False


def ledger_files(inputs: Iterable[str | Path], *, skip: Iterable[Path] = ()) -> list[Path]:
    """The ledger files named, folders expanded to their ledgers in name order.

    Anything with a ledger's suffix is listed (a pipe or a dangling link is
    then refused, located, when read); the paths in ``skip`` and the tool's
    own outputs are left out.
    """
    skipped = set()
    for path in skip:
        try:
            skipped.add(path.resolve())
        except (OSError, RuntimeError):
            continue
    files: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            try:
                entries = sorted(path.iterdir())
            except OSError:
                files.append(path)  # reading it will say why
                continue
            for entry in entries:
                if entry.suffix.lower() not in LEDGER_SUFFIXES or entry.is_dir():
                    continue
                try:
                    if entry.resolve() in skipped:
                        continue
                except (OSError, RuntimeError):
                    pass  # a looping link: reading it says so
                if entry.is_file() and is_own_output(entry):
                    continue
                files.append(entry)
        else:
            files.append(path)
    return files


def score_file(
    file: Path, choose: Callable[[Path], LoadedRulebook], *, strict: bool = False
) -> BatchEntry:
    """One ledger file scored under the rulebook ``choose`` picks for it, or its error."""
    shown = display(file)
    try:
        loaded = choose(file)
        rb = loaded.rulebook
        edition = f"{rb.id} {rb.version}"
        basis = f"{rb.base.id} {rb.base.version}" if rb.base is not None else edition
        ledger = read_ledger(file, rb)
        report = evaluate(rb, ledger.ledger, strict=strict)
        places = {t.origin: ledger.place_of(t.origin) for t in report.trail}
        return BatchEntry(shown, report=report, edition=edition, basis=basis, places=places)
    except MofanRulesError as exc:
        return BatchEntry(shown, error=exc)
    except OSError as exc:  # pragma: no cover - read_bytes turns these into LedgerError
        return BatchEntry(shown, error=LedgerError([Problem.from_msg(os_problem(exc, str(file)), shown)]))


def score_files(
    files: Sequence[Path],
    choose: Callable[[Path], LoadedRulebook],
    progress: Callable[[int, int], None] | None = None,
    *,
    strict: bool = False,
) -> list[BatchEntry]:
    """Score every file; a file that fails is kept with its error."""
    entries = []
    for done, file in enumerate(files, start=1):
        entries.append(score_file(file, choose, strict=strict))
        if progress:
            progress(done, len(files))
    return entries


__all__ = ["OUTPUT_CREATOR", "BatchEntry", "is_own_output", "ledger_files", "score_file", "score_files"]
