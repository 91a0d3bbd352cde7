"""Does a ledger fit a rulebook? Unknown keys, impossible counts and ranks.

Run once when a ledger is loaded (so every problem is placed at its line) and
marked on the ledger; evaluation runs it only for a ledger built in Python
that was never checked against this rulebook.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from decimal import Decimal

from .errors import DocPath
from .ledger import Ledger, RankValue
from .model import Rank
from .plan import Plan

Found = tuple[DocPath, str, str]
# A rate with more decimal places than this is a paste error, and it keeps
# every product exact within the engine's decimal precision.
MAX_RATE_PLACES = 10


def _near(word: str, options: Iterable[object]) -> str:
    opts = [str(o) for o in options]
    close = difflib.get_close_matches(str(word), opts, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return "known: " + ", ".join(opts) if opts else "there are none"


def pin_problem(plan: Plan, ledger: Ledger) -> Found | None:
    """The ledger's rulebook pin, if it names another rulebook or version."""
    pin = ledger.rulebook
    rb = plan.rulebook
    if pin is None or (pin.id == rb.id and pin.version == rb.version):
        return None
    return (
        ("rulebook",),
        f"the ledger is pinned to rulebook {pin.id} {pin.version}, but it is being scored with {rb.id} {rb.version}",
        "score it with the pinned rulebook, or change the pin",
    )


def check_ledger(plan: Plan, ledger: Ledger) -> list[Found]:
    """Every way the ledger does not fit the plan's rulebook, as (path, message, hint)."""
    found: list[Found] = []
    if ledger.period and ledger.period.end < ledger.period.start:
        found.append(
            (("period", "end"), f"the period ends ({ledger.period.end}) before it starts", "")
        )
    found += _records(plan, ledger)
    found += _measures(plan, ledger)
    found += _awards(plan, ledger)
    return found


def _records(plan: Plan, ledger: Ledger) -> list[Found]:
    found: list[Found] = []
    totals: dict[tuple[int, str], int] = {}
    for i, rec in enumerate(ledger.records):
        path: DocPath = ("records", i)
        item = plan.items.get(rec.item)
        if item is None:
            found.append(
                ((*path, "item"), f"there is no item {rec.item}", f"items are 1–{len(plan.items)}")
            )
            continue
        sit = item.situations.get(rec.situation)
        if sit is None:
            found.append(
                (
                    (*path, "situation"),
                    f"item {rec.item} has no situation {rec.situation!r}",
                    _near(rec.situation, item.situations),
                )
            )
            continue
        if sit.kind != "per_occurrence":
            measure = getattr(sit.rule, "measure", "?")
            found.append(
                (
                    (*path, "situation"),
                    f"{rec.situation!r} of item {rec.item} is worked out from a measure, not recorded",
                    f"give the figure under measures: {measure}",
                )
            )
            continue
        if sit.tier_labels:
            if rec.tier is None:
                found.append(
                    (
                        (*path, "tier"),
                        f"{rec.situation!r} of item {rec.item} needs a tier",
                        "one of: " + ", ".join(sit.tier_labels),
                    )
                )
            elif rec.tier not in sit.tier_labels:
                found.append(
                    (
                        (*path, "tier"),
                        f"{rec.situation!r} has no tier {rec.tier!r}",
                        _near(rec.tier, sit.tier_labels),
                    )
                )
        elif rec.tier is not None:
            found.append(
                (
                    (*path, "tier"),
                    f"{rec.situation!r} of item {rec.item} has no tiers",
                    "remove `tier`",
                )
            )
        for mi, mod in enumerate(rec.modifiers):
            if mod not in plan.modifiers:
                found.append(
                    (
                        (*path, "modifiers", mi),
                        f"unknown modifier {mod!r}",
                        _near(mod, plan.modifiers),
                    )
                )
            elif mod not in sit.modifiers:
                allowed = ", ".join(sorted(sit.modifiers)) or "none"
                found.append(
                    (
                        (*path, "modifiers", mi),
                        f"{mod!r} does not apply to {rec.situation!r}",
                        f"allowed: {allowed}",
                    )
                )
            elif mod in rec.modifiers[:mi]:
                found.append(
                    ((*path, "modifiers", mi), f"modifier {mod!r} is given twice", "give it once")
                )
        if sit.max_count is not None:
            key = (rec.item, rec.situation)
            totals[key] = totals.get(key, 0) + rec.count
            if totals[key] > sit.max_count:
                what = "once a year" if sit.max_count == 1 else f"at most {sit.max_count} times"
                found.append(
                    (
                        (*path, "count"),
                        f"{rec.situation!r} of item {rec.item} can happen {what}; this makes {totals[key]}",
                        "",
                    )
                )
    return found


def _measures(plan: Plan, ledger: Ledger) -> list[Found]:
    found: list[Found] = []
    rules: dict[str, list[Rank]] = {}
    maxima = {m.key: m.maximum for m in plan.rulebook.measures}
    for item in plan.items.values():
        for sit in item.measured:
            if isinstance(sit.rule, Rank):
                rules.setdefault(sit.rule.measure, []).append(sit.rule)
    for key, value in ledger.measures.items():
        path: DocPath = ("measures", key)
        kind = plan.measures.get(key)
        if kind is None:
            found.append((path, f"unknown measure {key!r}", _near(key, plan.measures)))
            continue
        if kind == "count":
            if not isinstance(value, int) or isinstance(value, bool):
                found.append((path, f"{key!r} is a count: give a whole number", ""))
            elif (top := maxima.get(key)) is not None and value > top:
                found.append(
                    (
                        path,
                        f"{value} is more than the largest accepted {key!r} ({top})",
                        "check for a typo",
                    )
                )
        elif kind == "rate":
            if isinstance(value, RankValue) or not 0 <= value <= 1:
                found.append(
                    (path, f"{key!r} is a rate: give a number from 0 to 1 (90% is 0.9)", "")
                )
            elif isinstance(value, Decimal) and -value.as_tuple().exponent > MAX_RATE_PLACES:  # type: ignore[operator]
                found.append((path, f"a rate has at most {MAX_RATE_PLACES} decimal places", ""))
        elif not isinstance(value, RankValue):
            found.append((path, f"{key!r} is a rank: give {{rank: N, of: M}}", ""))
        else:
            found += _rank(path, key, value, rules.get(key, []))
    return found


def _rank(path: DocPath, key: str, value: RankValue, rules: list[Rank]) -> list[Found]:
    found: list[Found] = []
    if value.of is not None and value.rank + value.tied - 1 > value.of:
        found.append(
            ((*path, "rank"), f"rank {value.rank} (tied {value.tied}) is outside 1..{value.of}", "")
        )
    for rule in rules:
        if rule.mode.value == "into_last" and value.of is None:
            found.append((path, f"{key!r} needs `of`: how many units were ranked", "add of: N"))
        if rule.score_below is not None and value.score is None:
            found.append(
                (
                    path,
                    f"{key!r} needs `score`: the rule only applies below {rule.score_below}",
                    "add score: N",
                )
            )
    return found


def _awards(plan: Plan, ledger: Ledger) -> list[Found]:
    found: list[Found] = []
    if ledger.awards and plan.bonus is None:
        return [(("awards",), "this rulebook has no bonus rule", "remove the awards")]
    if plan.bonus is None:
        return found
    levels = [lv.key for lv in plan.bonus.levels]
    scopes = [s.key for s in plan.bonus.scopes]
    for i, award in enumerate(ledger.awards):
        path: DocPath = ("awards", i)
        if award.level not in levels:
            found.append(
                (
                    (*path, "level"),
                    f"unknown award level {award.level!r}",
                    _near(award.level, levels),
                )
            )
        elif award.scope not in scopes:
            found.append(
                ((*path, "scope"), f"unknown scope {award.scope!r}", _near(award.scope, scopes))
            )
        elif (award.level, award.scope) not in plan.bonus_amounts:
            found.append(
                ((*path, "scope"), f"level {award.level!r} has no amount for {award.scope!r}", "")
            )
        for mi, mod in enumerate(award.modifiers):
            if mod not in plan.bonus.modifiers:
                found.append(
                    (
                        (*path, "modifiers", mi),
                        f"{mod!r} does not apply to awards",
                        _near(mod, plan.bonus.modifiers),
                    )
                )
            elif mod in award.modifiers[:mi]:
                found.append(
                    ((*path, "modifiers", mi), f"modifier {mod!r} is given twice", "give it once")
                )
    return found
