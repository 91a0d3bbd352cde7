"""What a new rulebook would do to real ledgers: each unit's old and new total.

Scores every ledger under both editions (ignoring a ledger's pin, since the
point is to see it under the other edition) and lists, per unit, the old
total, the new one and the items that moved, biggest change first. A ledger
the new edition cannot read (it names a removed situation, say) is listed
with the reason rather than stopping the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from mofan_rules.errors import MofanRulesError
from mofan_rules.ledger import read_ledger
from mofan_rules.rulebook import Rulebook
from mofan_rules.scoring._engine import evaluate
from mofan_rules.scoring._report import ItemMove, ScoreReport
from mofan_rules.source import display


@dataclass(frozen=True, slots=True)
class UnitImpact:
    """One ledger under the old and the new rulebook."""

    file: str
    unit: str | None
    old_total: Decimal
    new_total: Decimal
    old_grade: str | None
    new_grade: str | None
    moved: tuple[ItemMove, ...]
    # What the new edition warns about that the old did not (a figure it uses
    # that the ledger leaves out, say): each as (English, Chinese).
    notices: tuple[tuple[str, str], ...] = ()

    @property
    def change(self) -> Decimal:
        """New total minus old total."""
        return self.new_total - self.old_total


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A ledger one of the rulebooks could not read, and why."""

    file: str
    edition: str  # "old" or "new"
    error: MofanRulesError


def _moved(old: ScoreReport, new: ScoreReport) -> tuple[ItemMove, ...]:
    zero = Decimal(0)
    numbers = sorted(set(old.items) | set(new.items))
    moves = [
        ItemMove(
            n,
            old.items[n].deduction if n in old.items else zero,
            new.items[n].deduction if n in new.items else zero,
        )
        for n in numbers
    ]
    return tuple(m for m in moves if m.was != m.now)


def impact(
    old: Rulebook, new: Rulebook, files: Sequence[Path]
) -> tuple[list[UnitImpact], list[Unreadable]]:
    """Every ledger scored under both rulebooks, biggest change first, and those that failed.

    Raises nothing: a ledger either rulebook cannot read or score is listed
    as :class:`Unreadable` with its error.
    """
    rows: list[UnitImpact] = []
    unreadable: list[Unreadable] = []
    for file in files:
        reports: list[ScoreReport] = []
        for rulebook, edition in ((old, "old"), (new, "new")):
            try:
                loaded = read_ledger(file, rulebook, check_pin=False)
                try:
                    reports.append(evaluate(rulebook, loaded.ledger))
                except MofanRulesError as exc:
                    raise loaded.located(exc) from None
            except MofanRulesError as exc:
                unreadable.append(Unreadable(display(file), edition, exc))
                break
        if len(reports) == 2:
            a, b = reports
            rows.append(
                UnitImpact(
                    display(file),
                    b.unit,
                    a.total,
                    b.total,
                    a.grade.label if a.grade else None,
                    b.grade.label if b.grade else None,
                    _moved(a, b),
                    tuple(
                        (n.message, n.message_zh)
                        for n in b.notices
                        if n.code not in {o.code for o in a.notices if o.path == n.path}
                    ),
                )
            )
    rows.sort(key=lambda r: (-abs(r.change), r.file))
    return rows, unreadable


__all__ = ["UnitImpact", "Unreadable", "impact"]
