"""Scoring many ledgers at once and ranking the units (排名).

One broken ledger never stops the others: each file gets a report or the
error that stopped it. Units are ranked by total, and equal totals share a
rank (1, 2, 2, 4), as in a published ranking with ties (并列).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .engine import evaluate
from .errors import MofanRulesError
from .loader import load_facts
from .model import Rulebook
from .report import ScoreReport
from .sheets import SHEET_SUFFIXES

LEDGER_SUFFIXES = (".yaml", ".yml", ".json", *SHEET_SUFFIXES)


@dataclass(frozen=True, slots=True)
class BatchEntry:
    """One ledger of a batch: its report, or the error that stopped it."""

    file: str
    report: ScoreReport | None = None
    error: MofanRulesError | None = None


def ledger_files(inputs: Iterable[str | Path]) -> list[Path]:
    """The ledger files named, folders expanded to their ledgers in name order."""
    files: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            files += sorted(
                p for p in path.iterdir() if p.is_file() and p.suffix.lower() in LEDGER_SUFFIXES
            )
        else:
            files.append(path)
    return files


def score_files(
    rulebook: Rulebook, files: Sequence[Path], progress: Callable[[int, int], None] | None = None
) -> list[BatchEntry]:
    """Score every file; a file that fails is kept with its error."""
    entries = []
    for done, file in enumerate(files, start=1):
        try:
            entries.append(
                BatchEntry(str(file), report=evaluate(rulebook, load_facts(file, rulebook)))
            )
        except MofanRulesError as exc:
            entries.append(BatchEntry(str(file), error=exc))
        if progress:
            progress(done, len(files))
    return entries


def ranked(entries: Sequence[BatchEntry]) -> list[tuple[int, BatchEntry]]:
    """Scored entries by total, highest first; ties share a rank (competition ranking)."""
    scored = sorted((e for e in entries if e.report), key=lambda e: (-e.report.total, e.file))  # type: ignore[union-attr]
    out: list[tuple[int, BatchEntry]] = []
    previous: Decimal | None = None
    rank = 0
    for position, entry in enumerate(scored, start=1):
        total = entry.report.total  # type: ignore[union-attr]
        if total != previous:
            rank, previous = position, total
        out.append((rank, entry))
    return out


def ranking_rows(
    rulebook: Rulebook, entries: Sequence[BatchEntry], lang: str = "en"
) -> list[list[object]]:
    """The ranking table: rank, unit, file, each row's score, bonus, total."""
    zh = lang == "zh"
    head: list[object] = [
        "名次" if zh else "rank",
        "单位" if zh else "unit",
        "文件" if zh else "file",
    ]
    head += [f"{'第' if zh else 'row '}{row.number}{'栏' if zh else ''}" for row in rulebook.rows]
    head += ["加分" if zh else "bonus", "总分" if zh else "total"]
    rows: list[list[object]] = [head]
    for rank, entry in ranked(entries):
        report = entry.report
        assert report is not None  # ranked() keeps scored entries only
        rows.append(
            [
                rank,
                report.unit or "",
                entry.file,
                *(r.score for r in report.rows),
                report.bonus.bonus,
                report.total,
            ]
        )
    return rows
