"""Does a ledger fit a rulebook? Names, tiers, amounts, figures, classes and awards.

A clerk may write a key (``criticism``) or the Chinese label the rulebook
gives it (通报批评和问责或负面影响) wherever a name goes. Fitting resolves
every label to its key and reports every way the ledger does not fit, each
with the path of the value at fault, so the loader can place it at
``file:line:col`` (or sheet, row and column).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from mofan_rules._text import DocPath
from mofan_rules.errors import LedgerError, Problem
from mofan_rules.ledger._model import Award, Ledger, RankValue, Record
from mofan_rules.messages import Msg, say, suggest
from mofan_rules.rulebook import (
    Ladder,
    LadderEnd,
    MeasureKind,
    Names,
    PerOccurrence,
    Rank,
    RankMode,
    Rulebook,
    RulebookIndex,
)

Found = tuple[DocPath, Msg]
# A rate with more decimal places than this is a paste error; so is any other
# figure or stated amount with more. The bound also keeps every product the
# engine makes exact within its 60 digits (1e-400 would not be).
MAX_RATE_PLACES = 10


def too_many_places(value: object) -> bool:
    """Whether a number has more decimal places than a ledger may give (see MAX_RATE_PLACES)."""
    return isinstance(value, Decimal) and -value.as_tuple().exponent > MAX_RATE_PLACES  # type: ignore[operator]


_PERCENT = re.compile(r"^\s*([0-9]{1,3}(?:\.[0-9]+)?)\s*[%％]\s*$")


def _near(word: str, keys: Any, labels: dict[str, str] | None = None) -> Msg | None:
    return suggest(word, keys, labels=labels, empty="there_are_none")


def pin_problem(rulebook: Rulebook, ledger: Ledger) -> Found | None:
    """The ledger's rulebook pin, if it names another rulebook or version.

    Raises nothing: a pin elsewhere is returned as a problem, not raised.
    """
    pin = ledger.rulebook
    if pin is None or (pin.id == rulebook.id and pin.version == rulebook.version):
        return None
    msg = say(
        "pinned_elsewhere",
        pin_id=pin.id,
        pin_version=pin.version,
        id=rulebook.id,
        version=rulebook.version,
    )
    return ("rulebook",), msg


class _Fitter:
    def __init__(self, index: RulebookIndex, ledger: Ledger) -> None:
        self.ix = index
        self.ledger = ledger
        self.found: list[Found] = []
        self.unit_class: str | None = None
        self.counts: dict[tuple[int, str], int] = {}

    def fail(self, path: DocPath, msg: Msg) -> None:
        self.found.append((path, msg))

    def run(self) -> Ledger:
        ledger = self.ledger
        if ledger.period and ledger.period.end < ledger.period.start:
            self.fail(("period", "end"), say("period_reversed", end=ledger.period.end))
        self.unit_class = self.fit_class()
        records = [
            r for i, rec in enumerate(ledger.records) if (r := self.record(i, rec)) is not None
        ]
        measures = self.measures()
        awards = [
            a for i, award in enumerate(ledger.awards) if (a := self.award(i, award)) is not None
        ]
        return ledger.model_copy(
            update={
                "unit_class": self.unit_class,
                "records": records,
                "measures": measures,
                "awards": awards,
            }
        )

    def fit_class(self) -> str | None:
        names = self.ix.class_names
        given = self.ledger.unit_class
        if not names.keys:
            if given is not None:
                self.fail(("class",), say("class_not_used"))
            return None
        if given is None:
            self.fail(("class",), say("needs_class", options=", ".join(names.keys)))
            return None
        key = names.find(given)
        if key is None:
            self.fail(
                ("class",),
                say("unknown_class", key=given, hint=_near(given, names.keys, names.labels)),
            )
        return key

    # ------------------------------------------------------------ records

    def record(self, i: int, rec: Record) -> Record | None:
        path: DocPath = ("records", i)
        item = self.ix.items.get(rec.item)
        if item is None:
            self.fail((*path, "item"), say("no_such_item", item=rec.item, count=len(self.ix.items)))
            return None
        if item.classes and self.unit_class is not None and self.unit_class not in item.classes:
            self.fail(
                (*path, "item"),
                say("item_not_for_class", item=rec.item, unit_class=self.unit_class),
            )
            return None
        names = self.ix.situation_names[rec.item]
        key = names.find(rec.situation)
        if key is None:
            hint = _near(rec.situation, names.keys, names.labels)
            self.fail(
                (*path, "situation"),
                say("item_has_no_situation", item=rec.item, key=rec.situation, hint=hint),
            )
            return None
        entry = self.ix.situations[(rec.item, key)]
        sit = entry.situation
        if not isinstance(sit, PerOccurrence):
            measure = getattr(sit, "measure", "?")
            self.fail(
                (*path, "situation"),
                say("situation_is_measured", key=key, item=rec.item, measure=measure),
            )
            return None
        if self.unit_class is not None and not entry.applies_to(self.unit_class):
            self.fail(
                (*path, "situation"),
                say("situation_not_for_class", key=key, item=rec.item, unit_class=self.unit_class),
            )
            return None
        tier = self.tier(path, rec, entry.tier_names, key)
        self.amount(path, rec, sit)
        if sit.max_count is not None:
            total = self.counts[(rec.item, key)] = self.counts.get((rec.item, key), 0) + rec.count
            if total > sit.max_count:
                times = (
                    say("once_a_year")
                    if sit.max_count == 1
                    else say("at_most_times", count=sit.max_count)
                )
                self.fail(
                    (*path, "count"),
                    say("count_over", key=key, item=rec.item, times=times, total=total),
                )
        modifiers = self.modifiers(path, rec.modifiers, set(sit.modifiers), key)
        return rec.model_copy(update={"situation": key, "tier": tier, "modifiers": modifiers})

    def tier(self, path: DocPath, rec: Record, tiers: Names, key: str) -> str | None:
        if tiers.keys:
            if rec.tier is None:
                self.fail(
                    (*path, "tier"),
                    say("needs_tier", key=key, item=rec.item, options=", ".join(tiers.keys)),
                )
                return None
            found = tiers.find(rec.tier)
            if found is None:
                hint = _near(rec.tier, tiers.keys, tiers.labels)
                self.fail((*path, "tier"), say("tier_unknown", key=key, tier=rec.tier, hint=hint))
            return found
        if rec.tier is not None:
            self.fail((*path, "tier"), say("tier_not_needed", key=key, item=rec.item))
        return None

    def amount(self, path: DocPath, rec: Record, sit: PerOccurrence) -> None:
        override = sit.by_class.get(self.unit_class) if self.unit_class else None
        span = override.range if override is not None and override.range is not None else sit.range
        if span is None:
            if rec.amount is not None:
                self.fail((*path, "amount"), say("amount_not_allowed", key=sit.key, item=rec.item))
            return
        if rec.amount is None:
            self.fail(
                path, say("amount_needed", key=sit.key, item=rec.item, low=span.min, high=span.max)
            )
        elif not span.min <= rec.amount <= span.max:
            self.fail(
                (*path, "amount"),
                say("amount_outside_range", amount=rec.amount, low=span.min, high=span.max),
            )
        elif too_many_places(rec.amount):
            self.fail((*path, "amount"), say("figure_places", places=MAX_RATE_PLACES))

    def modifiers(self, path: DocPath, given: list[str], allowed: set[str], key: str) -> list[str]:
        names = self.ix.modifier_names
        out: list[str] = []
        for mi, name in enumerate(given):
            mod = names.find(name)
            mpath: DocPath = (*path, "modifiers", mi)
            if mod is None:
                self.fail(
                    mpath,
                    say("unknown_modifier", key=name, hint=_near(name, names.keys, names.labels)),
                )
            elif mod not in allowed:
                options = ", ".join(sorted(allowed))
                hint = say("allowed", options=options) if options else say("allowed_none")
                self.fail(mpath, say("modifier_not_allowed", mod=name, key=key, hint=hint))
            elif mod in out:
                self.fail(mpath, say("modifier_twice", mod=name))
            else:
                out.append(mod)
        return out

    # ------------------------------------------------------------ figures

    def measures(self) -> dict[str, Any]:
        names = self.ix.measure_names
        out: dict[str, Any] = {}
        for name, value in self.ledger.measures.items():
            path: DocPath = ("measures", name)
            key = names.find(name)
            if key is None:
                self.fail(
                    path,
                    say("unknown_measure", key=name, hint=_near(name, names.keys, names.labels)),
                )
                continue
            uses = self.ix.measure_uses.get(key, ())
            if (
                self.unit_class is not None
                and uses
                and not any(u.applies_to(self.unit_class) for u in uses)
            ):
                self.fail(path, say("figure_other_class", key=key, unit_class=self.unit_class))
                continue
            fitted = self.figure(path, key, value, uses)
            if fitted is not None:
                if key in out:
                    self.fail(path, say("figure_twice", key=key))
                out[key] = fitted
        return out

    def figure(self, path: DocPath, key: str, value: Any, uses: Any) -> Any:
        measure = self.ix.measures[key]
        kind = measure.kind
        if isinstance(value, str):
            match = _PERCENT.match(value)
            if kind is not MeasureKind.RATE or match is None:
                self.fail(path, say("percent_not_rate", key=key))
                return None
            value = Decimal(match.group(1)) / 100
        if kind is MeasureKind.RANK:
            if not isinstance(value, RankValue):
                self.fail(path, say("rank_shape", key=key))
                return None
            return value if self.rank(path, key, value, uses) else None
        if isinstance(value, RankValue):
            self.fail(path, say("not_a_rank", key=key))
            return None
        if kind is MeasureKind.COUNT and not isinstance(value, int):
            self.fail(path, say("count_not_whole", key=key))
            return None
        if kind is MeasureKind.RATE:
            if not 0 <= value <= (measure.maximum if measure.maximum is not None else 1):
                self.fail(path, say("rate_range", key=key))
                return None
            if too_many_places(value):
                self.fail(path, say("rate_places", places=MAX_RATE_PLACES))
                return None
        elif too_many_places(value):
            self.fail(path, say("figure_places", places=MAX_RATE_PLACES))
            return None
        if kind is not MeasureKind.RATE and measure.maximum is not None and value > measure.maximum:
            self.fail(path, say("count_above_max", value=value, key=key, top=measure.maximum))
            return None
        return value

    def rank(self, path: DocPath, key: str, value: RankValue, uses: Any) -> bool:
        ok = True
        if value.of is not None and value.rank + value.tied - 1 > value.of:
            self.fail(
                (*path, "rank"), say("rank_outside", rank=value.rank, tied=value.tied, of=value.of)
            )
            ok = False
        for entry in uses:
            rule = entry.situation
            needs_of = (isinstance(rule, Rank) and rule.mode is RankMode.INTO_LAST) or (
                isinstance(rule, Ladder) and rule.counted_from is LadderEnd.BOTTOM
            )
            if needs_of and value.of is None:
                self.fail(path, say("rank_needs_of", key=key))
                return False
            if isinstance(rule, Rank) and rule.score_below is not None and value.score is None:
                self.fail(path, say("rank_needs_score", key=key, below=rule.score_below))
                return False
        return ok

    # ------------------------------------------------------------ awards

    def award(self, i: int, award: Award) -> Award | None:
        path: DocPath = ("awards", i)
        rules = self.ix.award_bonuses
        if not rules:
            self.fail(("awards",), say("no_bonus_rule"))
            return None
        if award.bonus is None:
            if len(rules) > 1:
                self.fail(path, say("award_needs_bonus", options=", ".join(rules)))
                return None
            bonus_key = next(iter(rules))
        elif award.bonus in rules:
            bonus_key = award.bonus
        else:
            self.fail(
                (*path, "bonus"),
                say("unknown_bonus", key=award.bonus, hint=_near(award.bonus, rules)),
            )
            return None
        bonus = rules[bonus_key]
        levels, scopes = self.ix.level_names[bonus_key], self.ix.scope_names[bonus_key]
        level = levels.find(award.level)
        scope = scopes.find(award.scope)
        if level is None:
            self.fail(
                (*path, "level"),
                say(
                    "unknown_award_level",
                    level=award.level,
                    hint=_near(award.level, levels.keys, levels.labels),
                ),
            )
        elif scope is None:
            self.fail(
                (*path, "scope"),
                say(
                    "unknown_scope",
                    key=award.scope,
                    hint=_near(award.scope, scopes.keys, scopes.labels),
                ),
            )
        elif scope not in next(lv for lv in bonus.levels if lv.key == level).amounts:
            self.fail((*path, "scope"), say("no_amount_for_scope", level=level, scope=scope))
        modifiers = self.modifiers(path, award.modifiers, set(bonus.modifiers), "awards")
        if level is None or scope is None:
            return None
        return award.model_copy(
            update={"bonus": bonus_key, "level": level, "scope": scope, "modifiers": modifiers}
        )


def fit(index: RulebookIndex, ledger: Ledger) -> tuple[Ledger, list[Found]]:
    """The ledger with every label turned into its key, and every way it does not fit.

    Raises nothing: every misfit is returned with its path.
    """
    fitter = _Fitter(index, ledger)
    fitted = fitter.run()
    return fitted, fitter.found


def fit_ledger(index: RulebookIndex, ledger: Ledger) -> Ledger:
    """The ledger with labels turned into keys.

    Raises :class:`~mofan_rules.errors.LedgerError` with every problem
    (placed in ``<ledger>`` by path) when it does not fit.
    """
    fitted, found = fit(index, ledger)
    if found:
        raise LedgerError([Problem.from_msg(msg, "<ledger>", path=path) for path, msg in found])
    return fitted


__all__ = ["MAX_RATE_PLACES", "Found", "fit", "fit_ledger", "pin_problem", "too_many_places"]
