"""Run one spreadsheet input through the reader and the rest of loading, and judge the outcome.

Allowed: a ledger that fits (and scores), or a :class:`LedgerError` whose
problems are each in both languages, inside the file (``ledger.xlsx`` or
``ledger.xlsx[台账]``) and, except for the few that concern the whole file or
sheet, at a row. A mutation marked *same* must read as the clean ledger.
Anything else (another exception, a problem without a place, a changed
ledger) is a failure, with a signature saying which failures are one.
"""

from __future__ import annotations

import contextlib
import traceback
from dataclasses import dataclass

from fuzz.sheets_book import CLEAN_LEDGER, summary
from mofan_rules import evaluate
from mofan_rules.errors import MofanRulesError
from mofan_rules.ledger import fitted_ledger
from mofan_rules.ledger._sheets import _read, read_sheet
from mofan_rules.rulebook import Rulebook

# Problems about a whole file or sheet: no row to point at.
WHOLE = {
    "xlsx_not_zip",
    "xlsx_old_format",
    "xlsx_too_many_parts",
    "xlsx_part_twice",
    "xlsx_part_too_large",
    "xlsx_unpacked_too_large",
    "xlsx_part_unreadable",
    "xlsx_bad_xml",
    "xlsx_doctype",
    "xlsx_missing_part",
    "xlsx_too_many_sheets",
    "xlsx_too_many_strings",
    "xlsx_bad_reference",  # a merged range's reference: no row of its own
    "sheet_name_twice",
    "sheet_same_part",
    "sheet_not_text",
    "sheet_too_many_merges",
    "sheet_too_many_cells",
    "too_many_problems",
}


@dataclass(frozen=True, slots=True)
class Outcome:
    """``ok``, ``error:<codes>`` or ``fail:<why>``; failures carry a signature."""

    kind: str
    detail: str = ""
    signature: str = ""

    @property
    def failed(self) -> bool:
        return self.kind.startswith("fail:")


def _where(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "mofan_rules" in f.filename]
    frame = frames[-1] if frames else traceback.extract_tb(exc.__traceback__)[-1]
    return f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}"


def _unplaced(exc: MofanRulesError, file: str) -> list[str]:
    bad = []
    for p in exc.problems:
        inside = p.file == file or p.file.startswith(file + "[")
        placed = p.line >= 1 or p.code in WHOLE
        both = bool(p.message and p.message_zh and p.code)
        one_line = "\n" not in p.text("zh") and "\n" not in p.text("en")
        if not (inside and placed and both and one_line):
            bad.append(f"{p.code}@{p.file}:{p.line}:{p.column}: {p.message}")
    return bad


def check(raw: bytes, file: str, rulebook: Rulebook, *, same: bool = False) -> Outcome:
    """Read ``raw`` as the ledger file ``file``, fit it and score it; judge what happened."""
    try:
        with contextlib.suppress(MofanRulesError):
            _read(raw, file, None)  # the peek: read without a rulebook
        doc = read_sheet(raw, file, rulebook)
        ledger = fitted_ledger(doc, rulebook)
        evaluate(rulebook, ledger)
    except MofanRulesError as exc:
        bad = _unplaced(exc, file)
        codes = sorted({p.code for p in exc.problems})
        if bad:
            return Outcome("fail:unplaced", "; ".join(bad[:3]), f"unplaced:{bad[0].split('@')[0]}")
        if same:
            return Outcome(
                "fail:refused", "; ".join(str(p) for p in exc.problems[:3]), f"refused:{codes}"
            )
        return Outcome("error:" + ",".join(codes))
    except (Exception, RecursionError) as exc:
        return Outcome(
            "fail:crash",
            f"{type(exc).__name__}: {exc}"[:300],
            f"crash:{type(exc).__name__}@{_where(exc)}",
        )
    if same:
        got = summary(ledger)
        if got != CLEAN_LEDGER:
            diff = [k for k in got if got[k] != CLEAN_LEDGER.get(k)]
            return Outcome(
                "fail:changed", f"{diff}: {[got[k] for k in diff]}"[:300], f"changed:{diff}"
            )
    return Outcome("ok")


__all__ = ["WHOLE", "Outcome", "check"]
