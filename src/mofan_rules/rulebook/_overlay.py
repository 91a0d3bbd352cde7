"""One base, many organs: an overlay sets who is responsible, never how points are lost.

The 考评办法 (items, amounts, caps) is issued once for every organ; each
organ's 任务分解表 only adds its leaders, assessing departments and offices.
An overlay file names its base edition and sets those columns and its own
metadata. Anything else in it is an error that says to edit the base.
"""

from __future__ import annotations

from mofan_rules._text import DocPath
from mofan_rules.errors import Problem
from mofan_rules.messages import Msg, say, suggest
from mofan_rules.rulebook._model import BaseRef, Overlay, OverlayRow, Rulebook, ScoringRow
from mofan_rules.source import Document

_TOP = tuple(Overlay.model_fields)
_ROW = tuple(OverlayRow.model_fields)


def is_overlay(data: object) -> bool:
    """Whether a rulebook file's data is an overlay (it names the edition it extends)."""
    return isinstance(data, dict) and "extends" in data


def rule_changes(doc: Document) -> list[Problem]:
    """Keys of an overlay that would change a scoring rule: each an error at its key."""
    problems: list[Problem] = []
    data = doc.data
    for key in data:
        if key not in _TOP:
            # The message already says what an overlay may set; a near miss
            # (a typo of an allowed key) replaces its hint with the key meant.
            hint = suggest(key, _TOP, listing=None)
            problems.append(
                doc.problem((key,), say("overlay_changes_rule", key=key, hint=hint), key=True)
            )
    rows = data.get("rows")
    if isinstance(rows, list):
        for i, row in enumerate(rows):
            if isinstance(row, dict):
                for key in row:
                    if key not in _ROW:
                        path: DocPath = ("rows", i, key)
                        problems.append(
                            doc.problem(path, say("overlay_changes_rule", key=key), key=True)
                        )
    return problems


def apply_overlay(base: Rulebook, overlay: Overlay) -> tuple[Rulebook, list[tuple[DocPath, Msg]]]:
    """The base with the overlay's people and metadata; and the overlay's rows that name no row."""
    by_number = {row.number: row for row in overlay.rows}
    unknown: list[tuple[DocPath, Msg]] = [
        (("rows", i, "number"), say("no_such_row", row=row.number, rows=len(base.rows)))
        for i, row in enumerate(overlay.rows)
        if row.number not in {r.number for r in base.rows}
    ]
    seen: dict[int, int] = {}
    for i, row in enumerate(overlay.rows):
        if row.number in seen:
            unknown.append(
                (
                    ("rows", i, "number"),
                    say(
                        "used_twice",
                        what=say("key_row"),
                        value=row.number,
                        first=seen[row.number] + 1,
                    ),
                )
            )
        seen.setdefault(row.number, i)
    indicators = []
    for indicator in base.indicators:
        rows: list[ScoringRow] = []
        for base_row in indicator.rows:
            change = by_number.get(base_row.number)
            if change is None:
                rows.append(base_row)
                continue
            update = {
                name: getattr(change, name)
                for name in ("leaders", "assessing_departments", "responsible_offices")
                if getattr(change, name) is not None
            }
            if change.note is not None:
                update["note"] = change.note
            rows.append(base_row.model_copy(update=update))
        indicators.append(indicator.model_copy(update={"rows": rows}))
    merged = base.model_copy(
        update={
            "id": overlay.id,
            "version": overlay.version,
            "title": overlay.title,
            "unit": overlay.unit,
            "source_document": overlay.source_document,
            "effective": overlay.effective or base.effective,
            "indicators": indicators,
            "base": BaseRef(id=base.id, version=base.version),
        }
    )
    return merged, unknown


__all__ = ["apply_overlay", "is_overlay", "rule_changes"]
