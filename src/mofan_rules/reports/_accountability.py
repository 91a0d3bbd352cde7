"""Who lost the points: a score grouped by office (本会责任部室), leader or assessing department.

The table exists to assign accountability: each row names its leaders, its
assessing departments and the unit's own offices. A row several of them
answer for counts in full for each (so the groups can add up to more than the
total deducted); a direct deduction belongs to no row and is shown apart.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from mofan_rules._text import canonical
from mofan_rules.messages import word
from mofan_rules.scoring import ScoreReport

By = Literal["office", "leader", "department"]
Groupings = By | Sequence[By] | None
"""One grouping, several (each a section of its own, in order), or none."""
FIELDS: dict[str, str] = {
    "office": "responsible_offices",
    "leader": "leaders",
    "department": "assessing_departments",
}
UNASSIGNED = ""  # the group of deductions outside the rows (直接扣分)
# The group of rows that name nobody in the column asked for. A NUL is never in
# a name a file gives (reading refuses it), so it cannot be taken for one.
UNNAMED = "\x00"


_KINDS = {UNASSIGNED: "direct_deductions", UNNAMED: "rows_naming_nobody"}


def group_label(name: str, lang: str) -> str:
    """A group's name as printed: its own, or what the two groups without one are."""
    if name == UNASSIGNED:
        return word("w_unassigned", lang)
    if name == UNNAMED:
        return word("w_unnamed_rows", lang)
    return name


@dataclass(frozen=True, slots=True)
class Group:
    """One office, leader or department and the points lost in the rows it answers for."""

    name: str  # "" for deductions outside the rows
    lost: Decimal
    rows: tuple[int, ...]
    items: tuple[tuple[int, str, Decimal], ...]  # (number, title, deduction)
    shared_with: tuple[str, ...]


def groupings(by: Groupings) -> tuple[By, ...]:
    """The groupings asked for, in order, each once."""
    if by is None:
        return ()
    if isinstance(by, str):
        return (by,)
    return tuple(dict.fromkeys(by))


def accountability(report: ScoreReport, by: By) -> tuple[Group, ...]:
    """The lost points of one report, grouped; most lost first.

    Raises :class:`KeyError` for a grouping other than ``office``,
    ``leader`` or ``department``.
    """
    field = FIELDS[by]
    lost: dict[str, Decimal] = {}
    rows: dict[str, list[int]] = {}
    items: dict[str, list[tuple[int, str, Decimal]]] = {}
    shared: dict[str, set[str]] = {}
    for row in report.rows:
        names = list(getattr(row, field)) or [UNNAMED]
        row_items = [
            (i.number, i.title, i.deduction)
            for i in report.items.values()
            if i.row == row.number and i.deduction
        ]
        for name in names:
            lost[name] = lost.get(name, Decimal(0)) + row.deducted
            rows.setdefault(name, []).append(row.number)
            items.setdefault(name, []).extend(row_items)
            shared.setdefault(name, set()).update(n for n in names if n != name)
    direct = [
        (i.number, i.title, i.deduction)
        for i in report.items.values()
        if i.row is None and i.deduction
    ]
    if direct:
        lost[UNASSIGNED] = lost.get(UNASSIGNED, Decimal(0)) + sum(
            (d for _, _, d in direct), Decimal(0)
        )
        items.setdefault(UNASSIGNED, []).extend(direct)
        rows.setdefault(UNASSIGNED, [])
        shared.setdefault(UNASSIGNED, set())
    groups = [
        Group(name, lost[name], tuple(rows[name]), tuple(items[name]), tuple(sorted(shared[name])))
        for name in lost
    ]
    return tuple(sorted(groups, key=lambda g: (-g.lost, g.name)))


def accountability_matrix(
    reports: Sequence[ScoreReport], by: By
) -> tuple[list[str], list[tuple[ScoreReport, dict[str, Decimal]]]]:
    """Across units: every group's name, and each unit's lost points by group.

    Raises :class:`KeyError` for a grouping other than ``office``,
    ``leader`` or ``department``.
    """
    names: list[str] = []
    out: list[tuple[ScoreReport, dict[str, Decimal]]] = []
    for report in reports:
        by_name = {g.name: g.lost for g in accountability(report, by)}
        for name in by_name:
            if name not in names:
                names.append(name)
        out.append((report, by_name))
    return names, out


def score_json(reports: Sequence[ScoreReport], by: Groupings = None) -> str:
    """One report's JSON (a list of them for several).

    With ``by``, ``accountability`` lists each grouping asked for with its groups.

    Raises :class:`KeyError` for a grouping other than ``office``,
    ``leader`` or ``department``.
    """

    def one(report: ScoreReport) -> str:
        if not groupings(by):
            return report.to_json()
        data = json.loads(report.to_json())
        data["accountability"] = [
            {
                "by": each,
                "groups": [
                    {
                        # The two groups without a name have "" and say which they are.
                        "name": "" if g.name == UNNAMED else g.name,
                        "kind": _KINDS.get(g.name, "named"),
                        "lost": canonical(g.lost),
                        "rows": list(g.rows),
                        "items": [
                            {"number": n, "title": t, "deduction": canonical(d)}
                            for n, t, d in g.items
                        ],
                        "shared_with": list(g.shared_with),
                    }
                    for g in accountability(report, each)
                ],
            }
            for each in groupings(by)
        ]
        return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2)

    if len(reports) == 1:
        return one(reports[0]) + "\n"
    return "[\n" + ",\n".join(one(r) for r in reports) + "\n]\n"


__all__ = [
    "FIELDS",
    "UNASSIGNED",
    "UNNAMED",
    "By",
    "Group",
    "Groupings",
    "accountability",
    "accountability_matrix",
    "group_label",
    "groupings",
    "score_json",
]
