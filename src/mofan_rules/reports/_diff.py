"""A rulebook diff and its impact, for people: one line per change, both values and places."""

from __future__ import annotations

import json
from collections.abc import Sequence

from mofan_rules._text import canonical, markdown_text
from mofan_rules.messages import word
from mofan_rules.rulebook import Change, RulebookDiff
from mofan_rules.rulebook._diff import plain
from mofan_rules.scoring import UnitImpact, Unreadable


def _show(value: object) -> str:
    shown = plain(value)
    if isinstance(shown, list):
        return "[" + ", ".join(str(v) for v in shown) + "]"
    if isinstance(shown, dict):
        return str(shown.get("label") or shown.get("use") or shown)
    return "—" if shown is None else str(shown)


# Wording longer than this is shown as the part that differs, with some context.
_LONG = 40
_CONTEXT = 8


def _excerpt(old: str, new: str) -> tuple[str, str]:
    """The differing middle of two long texts, with a little context either side."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    lo = max(0, start - _CONTEXT)

    def cut(text: str) -> str:
        hi = min(len(text), len(text) - end + _CONTEXT)
        return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")

    return cut(old), cut(new)


def _what(change: Change, lang: str) -> tuple[str, str]:
    if change.kind == "added":
        return word("d_added", lang, value=_show(change.new)), f"{change.new_at}"
    if change.kind == "removed":
        return word("d_removed", lang, value=_show(change.old)), f"{change.old_at}"
    old, new = _show(change.old), _show(change.new)
    if (
        isinstance(change.old, str)
        and isinstance(change.new, str)
        and max(len(old), len(new)) > _LONG
    ):
        old, new = _excerpt(old, new)
    what = word(f"d_{change.kind}", lang, old=old, new=new)
    if change.used_by:
        what += " " + word("d_used_by", lang, names=", ".join(change.used_by))
    return what, f"{change.old_at} → {change.new_at}"


def diff_text(diff: RulebookDiff, lang: str = "en", *, markdown: bool = False) -> str:
    """The diff for people: one line per change with both values and places.

    Raises nothing: the diff was made by :func:`~mofan_rules.rulebook.diff_rulebooks`.
    """
    m = markdown_text if markdown else (lambda s: s)
    if diff.same:
        return m(word("d_same", lang, old=diff.old, new=diff.new)) + "\n"
    head = word("d_head", lang, count=len(diff.changes), old=diff.old, new=diff.new)
    lines = [f"## {m(head)}" if markdown else head, ""]
    for change in diff.changes:
        what, at = _what(change, lang)
        if markdown:
            lines.append(f"- `{change.address}` {m(what)}  \n  <small>{m(at)}</small>")
        else:
            lines += [f"  {change.address}: {what}", f"      {word('d_at', lang)} {at}"]
    for key in diff.reviews:
        lines.append(m(word("d_review", lang, key=key)))
    return "\n".join(lines) + "\n"


def diff_json(
    diff: RulebookDiff,
    impact: tuple[Sequence[UnitImpact], Sequence[Unreadable]] | None = None,
) -> str:
    """The diff as stable JSON; with ``impact`` (``diff --ledgers``), each ledger's too.

    Raises nothing: the diff was made by :func:`~mofan_rules.rulebook.diff_rulebooks`.
    """
    data: dict[str, object] = {
        "old": diff.old,
        "new": diff.new,
        "same": diff.same,
        "changes": [c.as_dict() for c in diff.changes],
        "reviews": list(diff.reviews),
    }
    if impact is not None:
        rows, unreadable = impact
        data["impact"] = {
            "ledgers": [
                {
                    "file": r.file,
                    "unit": r.unit,
                    "old_total": canonical(r.old_total),
                    "new_total": canonical(r.new_total),
                    "change": canonical(r.change),
                    "old_grade": r.old_grade,
                    "new_grade": r.new_grade,
                    "items_moved": [
                        {"item": m.item, "was": canonical(m.was), "now": canonical(m.now)}
                        for m in r.moved
                    ],
                    "notices": [{"message": en, "message_zh": zh} for en, zh in r.notices],
                }
                for r in rows
            ],
            "unreadable": [
                {
                    "file": u.file,
                    "edition": u.edition,
                    "problems": [p.text("en") for p in u.error.problems],
                }
                for u in unreadable
            ],
        }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def impact_text(
    rows: Sequence[UnitImpact],
    unreadable: Sequence[Unreadable],
    lang: str = "en",
    *,
    markdown: bool = False,
) -> str:
    """The impact for people: one line per unit, then the ledgers that could not be read.

    With ``markdown``, a list whose text from files is escaped.

    Raises nothing: the rows were made by :func:`~mofan_rules.scoring.impact`.
    """
    out = [word("d_impact_head", lang, count=len(rows) + len({u.file for u in unreadable}))]
    for r in rows:
        sign = "+" if r.change > 0 else ""
        moved = ", ".join(
            word("case_item_moved", lang, item=n, was=canonical(a), now=canonical(b))
            for n, a, b in r.moved
        ) or word("d_nothing_moved", lang)
        grade = (
            f" [{r.old_grade or '—'} → {r.new_grade or '—'}]" if r.old_grade != r.new_grade else ""
        )
        out.append(
            f"  {r.file} ({r.unit or '—'}): {canonical(r.old_total)} → {canonical(r.new_total)} "
            f"({sign}{canonical(r.change)}){grade}; {moved}"
        )
        out += [
            f"    {word('warning_word', lang)}: {zh if lang == 'zh' else en}"
            for en, zh in r.notices
        ]
    for u in unreadable:
        out.append("  " + word(f"d_unreadable_{u.edition}", lang, file=u.file))
        out += [f"    {p.text(lang)}" for p in u.error.problems]
    if markdown:
        # Indented lines are list items one level down, not code blocks.
        listed = [markdown_text(out[0]), ""]
        for line in out[1:]:
            depth = "  " if line.startswith("    ") else ""
            listed.append(f"{depth}- {markdown_text(line.strip())}")
        out = listed
    return "\n".join(out) + "\n"


__all__ = ["diff_json", "diff_text", "impact_text"]
