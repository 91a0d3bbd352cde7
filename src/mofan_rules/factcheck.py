"""Does a ledger fit a rulebook? Unknown keys, impossible counts and ranks.

Run once when a ledger is loaded (so every problem is placed at its line) and
marked on the ledger; evaluation runs it only for a ledger built in Python
that was never checked against this rulebook.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from .errors import DocPath
from .ledger import Ledger, RankValue
from .messages import Msg, say, suggest
from .model import Rank
from .plan import Plan

Found = tuple[DocPath, Msg]
# A rate with more decimal places than this is a paste error, and it keeps
# every product exact within the engine's decimal precision.
MAX_RATE_PLACES = 10


def _near(word: str, options: Iterable[object]) -> Msg | None:
    return suggest(word, options, empty="there_are_none")


def pin_problem(plan: Plan, ledger: Ledger) -> Found | None:
    """The ledger's rulebook pin, if it names another rulebook or version."""
    pin = ledger.rulebook
    rb = plan.rulebook
    if pin is None or (pin.id == rb.id and pin.version == rb.version):
        return None
    return (
        ("rulebook",),
        say(
            "pinned_elsewhere",
            pin_id=pin.id,
            pin_version=pin.version,
            id=rb.id,
            version=rb.version,
        ),
    )


def check_ledger(plan: Plan, ledger: Ledger) -> list[Found]:
    """Every way the ledger does not fit the plan's rulebook, as (path, message)."""
    found: list[Found] = []
    if ledger.period and ledger.period.end < ledger.period.start:
        found.append((("period", "end"), say("period_reversed", end=ledger.period.end)))
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
                ((*path, "item"), say("no_such_item", item=rec.item, count=len(plan.items)))
            )
            continue
        sit = item.situations.get(rec.situation)
        if sit is None:
            found.append(
                (
                    (*path, "situation"),
                    say(
                        "item_has_no_situation",
                        item=rec.item,
                        key=rec.situation,
                        hint=_near(rec.situation, item.situations),
                    ),
                )
            )
            continue
        if sit.kind != "per_occurrence":
            measure = getattr(sit.rule, "measure", "?")
            found.append(
                (
                    (*path, "situation"),
                    say("situation_is_measured", key=rec.situation, item=rec.item, measure=measure),
                )
            )
            continue
        if sit.tier_labels:
            if rec.tier is None:
                found.append(
                    (
                        (*path, "tier"),
                        say(
                            "needs_tier",
                            key=rec.situation,
                            item=rec.item,
                            options=", ".join(sit.tier_labels),
                        ),
                    )
                )
            elif rec.tier not in sit.tier_labels:
                found.append(
                    (
                        (*path, "tier"),
                        say(
                            "tier_unknown",
                            key=rec.situation,
                            tier=rec.tier,
                            hint=_near(rec.tier, sit.tier_labels),
                        ),
                    )
                )
        elif rec.tier is not None:
            found.append(
                ((*path, "tier"), say("tier_not_needed", key=rec.situation, item=rec.item))
            )
        for mi, mod in enumerate(rec.modifiers):
            if mod not in plan.modifiers:
                found.append(
                    (
                        (*path, "modifiers", mi),
                        say("unknown_modifier", key=mod, hint=_near(mod, plan.modifiers)),
                    )
                )
            elif mod not in sit.modifiers:
                allowed = ", ".join(sorted(sit.modifiers))
                hint = say("allowed", options=allowed) if allowed else say("allowed_none")
                found.append(
                    (
                        (*path, "modifiers", mi),
                        say("modifier_not_allowed", mod=mod, key=rec.situation, hint=hint),
                    )
                )
            elif mod in rec.modifiers[:mi]:
                found.append(((*path, "modifiers", mi), say("modifier_twice", mod=mod)))
        if sit.max_count is not None:
            key = (rec.item, rec.situation)
            totals[key] = totals.get(key, 0) + rec.count
            if totals[key] > sit.max_count:
                times = (
                    say("once_a_year")
                    if sit.max_count == 1
                    else say("at_most_times", count=sit.max_count)
                )
                found.append(
                    (
                        (*path, "count"),
                        say(
                            "count_over",
                            key=rec.situation,
                            item=rec.item,
                            times=times,
                            total=totals[key],
                        ),
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
            found.append((path, say("unknown_measure", key=key, hint=_near(key, plan.measures))))
            continue
        if kind == "count":
            if not isinstance(value, int) or isinstance(value, bool):
                found.append((path, say("count_not_whole", key=key)))
            elif (top := maxima.get(key)) is not None and value > top:
                found.append((path, say("count_above_max", value=value, key=key, top=top)))
        elif kind == "rate":
            if isinstance(value, RankValue) or not 0 <= value <= 1:
                found.append((path, say("rate_range", key=key)))
            elif isinstance(value, Decimal) and -value.as_tuple().exponent > MAX_RATE_PLACES:  # type: ignore[operator]
                found.append((path, say("rate_places", places=MAX_RATE_PLACES)))
        elif not isinstance(value, RankValue):
            found.append((path, say("rank_shape", key=key)))
        else:
            found += _rank(path, key, value, rules.get(key, []))
    return found


def _rank(path: DocPath, key: str, value: RankValue, rules: list[Rank]) -> list[Found]:
    found: list[Found] = []
    if value.of is not None and value.rank + value.tied - 1 > value.of:
        found.append(
            (
                (*path, "rank"),
                say("rank_outside", rank=value.rank, tied=value.tied, of=value.of),
            )
        )
    for rule in rules:
        if rule.mode.value == "into_last" and value.of is None:
            found.append((path, say("rank_needs_of", key=key)))
        if rule.score_below is not None and value.score is None:
            found.append((path, say("rank_needs_score", key=key, below=rule.score_below)))
    return found


def _awards(plan: Plan, ledger: Ledger) -> list[Found]:
    found: list[Found] = []
    if ledger.awards and plan.bonus is None:
        return [(("awards",), say("no_bonus_rule"))]
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
                    say("unknown_award_level", level=award.level, hint=_near(award.level, levels)),
                )
            )
        elif award.scope not in scopes:
            found.append(
                (
                    (*path, "scope"),
                    say("unknown_scope", key=award.scope, hint=_near(award.scope, scopes)),
                )
            )
        elif (award.level, award.scope) not in plan.bonus_amounts:
            found.append(
                (
                    (*path, "scope"),
                    say("no_amount_for_scope", level=award.level, scope=award.scope),
                )
            )
        for mi, mod in enumerate(award.modifiers):
            if mod not in plan.bonus.modifiers:
                found.append(
                    (
                        (*path, "modifiers", mi),
                        say("not_for_awards", mod=mod, hint=_near(mod, plan.bonus.modifiers)),
                    )
                )
            elif mod in award.modifiers[:mi]:
                found.append(((*path, "modifiers", mi), say("modifier_twice", mod=mod)))
    return found
