"""Editions of a rulebook (版本): which one is in effect, and that they agree.

A folder may hold several editions of one rulebook (2026, 2027, …) and of
others. Each is known by id + version and applies over its effective period.
Two files with the same id and version must mean the same, and one id's
periods must not overlap, so a date always picks at most one edition.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mofan_rules.messages import Msg, say
from mofan_rules.rulebook._hash import content_hash
from mofan_rules.rulebook._model import Rulebook
from mofan_rules.rulebook._parts import Period


@dataclass(frozen=True, slots=True)
class Edition:
    """One rulebook file of a folder."""

    file: str
    rulebook: Rulebook


def library_problems(editions: Sequence[Edition]) -> list[tuple[Edition, Msg]]:
    """Same id and version with different content; overlapping periods of one id."""
    found: list[tuple[Edition, Msg]] = []
    seen: dict[tuple[str, str], Edition] = {}
    for ed in editions:
        rb = ed.rulebook
        other = seen.get((rb.id, rb.version))
        if other is None:
            seen[(rb.id, rb.version)] = ed
        elif content_hash(other.rulebook) != content_hash(rb):
            found.append(
                (ed, say("edition_differs", id=rb.id, version=rb.version, other=other.file))
            )
    distinct = list(seen.values())
    for i, a in enumerate(distinct):
        for b in distinct[i + 1 :]:
            ra, rb_ = a.rulebook, b.rulebook
            if (
                ra.id == rb_.id
                and ra.effective.start <= rb_.effective.end
                and rb_.effective.start <= ra.effective.end
            ):
                found.append(
                    (
                        b,
                        say(
                            "editions_overlap",
                            id=ra.id,
                            version=rb_.version,
                            other=f"{a.file} ({ra.version})",
                        ),
                    )
                )
    return found


def select(
    editions: Sequence[Edition],
    *,
    on: dt.date | Period | None = None,
    pin: tuple[str, str] | None = None,
) -> Edition | Msg:
    """The edition pinned, or in effect on a date or for a whole period; the newest if neither."""
    if not editions:
        return say("no_rulebooks")
    # Identical copies of one edition (same id and version) count once.
    editions = list(
        {(ed.rulebook.id, ed.rulebook.version): ed for ed in reversed(editions)}.values()
    )[::-1]
    if pin is not None:
        for ed in editions:
            if (ed.rulebook.id, ed.rulebook.version) == pin:
                return ed
        return say("pinned_edition_missing", id=pin[0], version=pin[1])
    if on is None:
        return max(editions, key=lambda ed: (ed.rulebook.effective.start, ed.rulebook.version))
    start, end = (on.start, on.end) if isinstance(on, Period) else (on, on)
    fitting = [
        ed
        for ed in editions
        if ed.rulebook.effective.start <= start and end <= ed.rulebook.effective.end
    ]
    if len(fitting) == 1:
        return fitting[0]
    if not fitting:
        return say("no_edition_in_effect", start=start, end=end, periods=_listed(editions))
    return say("several_editions_in_effect", start=start, end=end, periods=_listed(fitting))


def _listed(editions: Sequence[Edition]) -> str:
    """Each edition by id, version, period and file: enough to pin one or find it."""
    return "; ".join(
        f"{ed.rulebook.id} {ed.rulebook.version} ({ed.rulebook.effective.start} – "
        f"{ed.rulebook.effective.end}, {Path(ed.file).name})"
        for ed in editions
    )
