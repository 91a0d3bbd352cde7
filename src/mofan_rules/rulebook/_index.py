"""A rulebook looked up by what a ledger names: items, situations, tiers, labels.

Fitting a ledger to a rulebook and compiling the scoring plan both need the
same lookups: an item by number, a situation by key *or* Chinese label, the
tiers a tier set gives, the classes a situation applies to. They are worked
out here once per call, from the frozen rulebook alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from mofan_rules.rulebook._model import AwardBonus, Item, Rulebook
from mofan_rules.rulebook._parts import Measure, Tier
from mofan_rules.rulebook._rules import AnySituation, PerOccurrence, TierUse


@dataclass(frozen=True, slots=True)
class Names:
    """Keys and the labels that stand for them, for matching what a person typed."""

    keys: tuple[str, ...]
    labels: dict[str, str]  # label → key

    def find(self, name: str) -> str | None:
        """The key ``name`` is, or stands for as a label; ``None`` when it is neither."""
        if name in self.keys:
            return name
        return self.labels.get(name.strip())


def names(entries: list[tuple[str, str]]) -> Names:
    """Names from (key, label) pairs; a label two entries share stands for neither."""
    labels: dict[str, str] = {}
    shared: set[str] = set()
    for key, label in entries:
        if label in labels and labels[label] != key:
            shared.add(label)
        labels[label] = key
    for label in shared:
        del labels[label]
    return Names(tuple(k for k, _ in entries), labels)


def resolve_tiers(
    rulebook: Rulebook, sit: PerOccurrence, unit_class: str | None = None
) -> list[Tier]:
    """The tiers of a situation, from a tier set where it uses one (empty when untiered).

    With ``unit_class``, each tier has the amount the situation's ``by_class``
    gives that class (``tier_amounts``), where it gives one.

    Raises nothing: a tier set the rulebook lacks gives no tiers (loading refuses one).
    """
    tiers = sit.tiers
    if tiers is None:
        return []
    if isinstance(tiers, list):
        resolved = tiers
    else:
        use = tiers if isinstance(tiers, TierUse) else TierUse(use=tiers)
        shared = rulebook.tier_sets.get(use.use, [])
        resolved = [
            t.model_copy(update={"label": use.labels[t.key]}) if t.key in use.labels else t
            for t in shared
        ]
    override = sit.by_class.get(unit_class) if unit_class else None
    amounts = (override.tier_amounts if override is not None else None) or {}
    return [
        t.model_copy(update={"amount": amounts[t.key]}) if t.key in amounts else t for t in resolved
    ]


_S = TypeVar("_S", bound=AnySituation)


def for_class(sit: _S, unit_class: str | None) -> _S:
    """The situation with the numbers its ``by_class`` gives for ``unit_class``.

    Tier amounts by class are the tiers' own: see :func:`resolve_tiers`.

    Raises nothing: a class the situation does not name leaves it as it is.
    """
    override = getattr(sit, "by_class", {}).get(unit_class) if unit_class else None
    if override is None:
        return sit
    update: dict[str, Any] = {
        name: value for name, value in override if value is not None and name != "tier_amounts"
    }
    return cast("_S", sit.model_copy(update=update))


@dataclass(frozen=True, slots=True)
class SituationEntry:
    """One situation of an item (or of a measured bonus), its tiers resolved, its classes."""

    item: Item | None  # None: a situation of the measured bonus `bonus`
    bonus: str | None
    situation: AnySituation
    tiers: tuple[Tier, ...]
    tier_names: Names
    classes: frozenset[str]  # empty: every class (unless `nowhere`)
    # Its classes and its item's have none in common (validate refuses such
    # a rulebook; one built in Python still scores no one on it).
    nowhere: bool = False

    def applies_to(self, unit_class: str | None) -> bool:
        """Whether a unit of ``unit_class`` is assessed on this situation."""
        return not self.nowhere and (not self.classes or unit_class in self.classes)


@dataclass(frozen=True, slots=True)
class RulebookIndex:
    """Lookups over one rulebook, built by :func:`index_rulebook`."""

    rulebook: Rulebook
    items: dict[int, Item]
    situations: dict[tuple[int, str], SituationEntry]
    situation_names: dict[int, Names]
    modifier_names: Names
    measures: dict[str, Measure]
    measure_names: Names
    measure_uses: dict[str, tuple[SituationEntry, ...]]
    class_names: Names
    award_bonuses: dict[str, AwardBonus]
    level_names: dict[str, Names] = field(default_factory=dict)  # bonus key → its levels
    scope_names: dict[str, Names] = field(default_factory=dict)

    def row_of(self, item: int) -> int | None:
        """The number of the row an item stands in (``None`` for a direct deduction)."""
        for row in self.rulebook.rows:
            if any(i.number == item for i in row.items):
                return row.number
        return None


def index_rulebook(rulebook: Rulebook) -> RulebookIndex:
    """Build the lookups of ``rulebook``.

    Raises nothing: any rulebook the model accepts can be indexed.
    """
    items = {item.number: item for item in rulebook.items}
    situations: dict[tuple[int, str], SituationEntry] = {}
    situation_names: dict[int, Names] = {}
    uses: dict[str, list[SituationEntry]] = {}
    for item in rulebook.items:
        for sit in item.situations:
            tiers = tuple(resolve_tiers(rulebook, sit)) if isinstance(sit, PerOccurrence) else ()
            classes = frozenset(sit.classes) | frozenset(item.classes)
            nowhere = False
            if sit.classes and item.classes:
                classes = frozenset(sit.classes) & frozenset(item.classes)
                nowhere = not classes
            entry = SituationEntry(
                item, None, sit, tiers, names([(t.key, t.label) for t in tiers]), classes, nowhere
            )
            situations[(item.number, sit.key)] = entry
            measure = getattr(sit, "measure", None)
            if measure is not None:
                uses.setdefault(measure, []).append(entry)
        situation_names[item.number] = names([(s.key, s.label) for s in item.situations])
    for bonus in rulebook.bonuses:
        for sit in getattr(bonus, "situations", []):
            uses.setdefault(sit.measure, []).append(
                SituationEntry(None, bonus.key, sit, (), names([]), frozenset(sit.classes))
            )
    awards = {b.key: b for b in rulebook.bonuses if isinstance(b, AwardBonus)}
    return RulebookIndex(
        rulebook=rulebook,
        items=items,
        situations=situations,
        situation_names=situation_names,
        modifier_names=names([(m.key, m.label) for m in rulebook.modifiers]),
        measures={m.key: m for m in rulebook.measures},
        measure_names=names([(m.key, m.label) for m in rulebook.measures]),
        measure_uses={k: tuple(v) for k, v in uses.items()},
        class_names=names([(c.key, c.label) for c in rulebook.classes]),
        award_bonuses=awards,
        level_names={k: names([(lv.key, lv.label) for lv in b.levels]) for k, b in awards.items()},
        scope_names={k: names([(s.key, s.label) for s in b.scopes]) for k, b in awards.items()},
    )


__all__ = ["Names", "RulebookIndex", "SituationEntry", "index_rulebook", "names", "resolve_tiers"]
