"""Every semantic check of a rulebook, in order: the file, the table, outcomes, then slips."""

from __future__ import annotations

from mofan_rules.rulebook import _lint, _outcomes
from mofan_rules.rulebook._model import Rulebook
from mofan_rules.rulebook._semantics import Checker, Found
from mofan_rules.rulebook._table import check_table


def check(rulebook: Rulebook, raw: object) -> list[Found]:
    """Every semantic problem of a rulebook as (path, message, severity).

    ``raw`` is the document as read, against which interpretation pointers resolve.
    """
    checker = Checker(rulebook, raw)
    checker.run()
    check_table(checker)
    _outcomes.check(checker)
    _lint.check(checker)
    checker.warn_unused()
    return checker.found


__all__ = ["check"]
