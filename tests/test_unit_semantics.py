"""The semantic checks of a rulebook, one at a time: ``rulebook._semantics.Checker``,
``rulebook._table`` and ``rulebook._situations``.

A small valid rulebook (as data, the way the loader hands it over) is broken
one way per case; the checks of the file (:meth:`Checker.run`), of the table
and its situations (:func:`check_table`) and of unused figures
(:meth:`Checker.warn_unused`) must find exactly that mistake: its catalogue
code, at the JSON pointer of the value at fault, as an error or a warning.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from mofan_rules._text import json_pointer
from mofan_rules.messages import say
from mofan_rules.rulebook import Rulebook
from mofan_rules.rulebook._semantics import Checker, resolve_pointer
from mofan_rules.rulebook._table import check_table, item_bound

D = Decimal
NOBODY: dict[str, list[str]] = {
    "leaders": [],
    "assessing_departments": [],
    "responsible_offices": [],
}


def _base() -> dict[str, Any]:
    """A valid rulebook: a tiered situation with a tier cap, cliffs, and a plain item."""
    return {
        "schema_version": 2,
        "id": "unit-semantics",
        "version": "1",
        "title": "语义测试",
        "unit": "测试单位",
        "total_points": 10,
        "effective": {"start": "2026-01-01", "end": "2026-12-31"},
        "rounding": {"quantum": D("0.01"), "mode": "half_up"},
        "source_document": "written for tests/test_unit_semantics.py",
        "classes": [{"key": "district", "label": "区"}, {"key": "zone", "label": "开发区"}],
        "modifiers": [{"key": "half", "label": "减半", "source": "减半扣分", "factor": D("0.5")}],
        "tier_sets": {
            "level": [
                {"key": "big", "label": "大", "amount": 2},
                {"key": "small", "label": "小", "amount": 1},
            ]
        },
        "measures": [{"key": "rate", "label": "完成率", "kind": "rate"}],
        "indicators": [
            {
                "name": "甲",
                "rows": [
                    {
                        "number": 1,
                        "points": 10,
                        **NOBODY,
                        "items": [
                            {
                                "number": 1,
                                "source": "1.通报分别扣2分、1分，大通报最多扣3分；完成率低于60%扣2分、低于90%扣1分。此项最多扣6分。",
                                "cap": 6,
                                "situations": [
                                    {
                                        "key": "report",
                                        "kind": "per_occurrence",
                                        "label": "通报",
                                        "source": "通报分别扣2分、1分",
                                        "tiers": "level",
                                        "modifiers": ["half"],
                                    },
                                    {
                                        "key": "low_rate",
                                        "kind": "threshold",
                                        "label": "完成率低",
                                        "source": "完成率低于60%扣2分、低于90%扣1分",
                                        "measure": "rate",
                                        "cliffs": [
                                            {"below": D("0.6"), "amount": 2},
                                            {"below": D("0.9"), "amount": 1},
                                        ],
                                    },
                                ],
                                "caps": [
                                    {
                                        "key": "big_cap",
                                        "label": "大通报最多扣3分",
                                        "source": "大通报最多扣3分",
                                        "applies_to": ["report.big"],
                                        "limit": 3,
                                    }
                                ],
                            },
                            {
                                "number": 2,
                                "source": "2.每次扣1分。此项4分。",
                                "points": 4,
                                "situations": [
                                    {
                                        "key": "slip",
                                        "kind": "per_occurrence",
                                        "label": "差错",
                                        "source": "每次扣1分",
                                        "amount": 1,
                                    }
                                ],
                            },
                        ],
                    }
                ],
            }
        ],
    }


ROW = ("indicators", 0, "rows", 0)
ITEM1 = (*ROW, "items", 0)
ITEM2 = (*ROW, "items", 1)
REPORT = (*ITEM1, "situations", 0)
LOW_RATE = (*ITEM1, "situations", 1)
SLIP = (*ITEM2, "situations", 0)
CAP = (*ITEM1, "caps", 0)

Data = dict[str, Any]


def _at(data: Data, path: tuple[str | int, ...]) -> Any:
    node: Any = data
    for part in path:
        node = node[part]
    return node


def put(path: tuple[str | int, ...], value: Any) -> Callable[[Data], None]:
    """An edit setting the value at ``path``."""

    def edit(data: Data) -> None:
        _at(data, path[:-1])[path[-1]] = copy.deepcopy(value)

    return edit


def drop(path: tuple[str | int, ...]) -> Callable[[Data], None]:
    """An edit removing the value at ``path``."""

    def edit(data: Data) -> None:
        del _at(data, path[:-1])[path[-1]]

    return edit


def add(path: tuple[str | int, ...], value: Any) -> Callable[[Data], None]:
    """An edit appending ``value`` to the list at ``path``."""

    def edit(data: Data) -> None:
        _at(data, path).append(copy.deepcopy(value))

    return edit


def findings(data: Data) -> list[tuple[str, str, str]]:
    """(pointer, code, severity) of every problem the checks find, in the order found."""
    rb = Rulebook.model_validate(data)
    checker = Checker(rb, data)
    checker.run()
    check_table(checker)
    checker.warn_unused()
    return [(json_pointer(path), msg.code, sev.value) for path, msg, sev in checker.found]


def _p(*path: str | int) -> str:
    return json_pointer(path)


def _sit(key: str, **fields: Any) -> dict[str, Any]:
    return {"key": key, "label": key, "source": f"{key}的扣1分", **fields}


def test_the_base_rulebook_is_clean() -> None:
    assert findings(_base()) == []


# (what is wrong, the edits, the problems found: pointer, code, severity)
CASES: list[tuple[str, list[Callable[[Data], None]], list[tuple[str, str, str]]]] = [
    # ---------------------------------------------------------------- the file (Checker.run)
    (
        "a period that ends before it starts",
        [put(("effective", "end"), "2025-12-31")],
        [("/effective/end", "period_reversed", "error")],
    ),
    (
        "a modifier key used twice",
        [add(("modifiers",), {"key": "half", "label": "再减半", "source": "再减半", "factor": D("0.5")})],
        [("/modifiers/1/key", "used_twice", "error")],
    ),
    (
        "a class key used twice",
        [add(("classes",), {"key": "zone", "label": "园区"})],
        [("/classes/2/key", "used_twice", "error")],
    ),
    (
        "a tier key used twice in a tier set",
        [add(("tier_sets", "level"), {"key": "big", "label": "特大", "amount": 3})],
        [("/tier_sets/level/2/key", "used_twice", "error")],
    ),
    (
        "a number with too many decimal places",
        [put((*SLIP, "amount"), D("0.12345678901"))],
        [(_p(*SLIP, "amount"), "too_many_places", "error")],
    ),
    (
        "an interpretation pointing at nothing",
        [
            put(
                ("interpretations",),
                [
                    {
                        "key": "reading",
                        "title": "读法",
                        "source": "原文",
                        "reading": "这样读",
                        "values": ["/indicators/0/rows/0/nothing"],
                    }
                ],
            )
        ],
        [("/interpretations/0/values/0", "pointer_to_nothing", "error")],
    ),
    (
        "a figure no rule reads",
        [add(("measures",), {"key": "visits", "label": "走访次数", "kind": "count"})],
        [("/measures/1/key", "measure_unused", "warning")],
    ),
    # ---------------------------------------------------------------- the table (_table)
    (
        "a row numbered out of order",
        [put((*ROW, "number"), 2)],
        [(_p(*ROW, "number"), "row_number", "error")],
    ),
    (
        "an item numbered out of order",
        [put((*ITEM2, "number"), 3)],
        [(_p(*ITEM2, "number"), "item_number", "error")],
    ),
    (
        "an item cap above its row's points",
        [put((*ITEM1, "cap"), 11)],
        [(_p(*ITEM1, "cap"), "item_cap_above_row", "error")],
    ),
    (
        "an item cap above its own points",
        [put((*ITEM2, "cap"), 5)],
        [(_p(*ITEM2, "cap"), "item_cap_above_row", "error")],
    ),
    (
        "an earning item without points",
        [put((*ITEM1, "basis"), "earn")],
        [(_p(*ITEM1, "basis"), "earn_needs_points", "error")],
    ),
    (
        "a floor without points",
        [put((*ITEM1, "floor"), 1)],
        [(_p(*ITEM1, "floor"), "floor_needs_points", "error")],
    ),
    (
        "a floor above the points",
        [put((*ITEM2, "floor"), 5)],
        # and, knocked on, the row: item 2 may now lose 4 − 5 = −1, so 6 − 1 = 5 < 10
        [
            (_p(*ITEM2, "floor"), "floor_above_points", "error"),
            (_p(*ROW, "points"), "row_never_emptied", "warning"),
        ],
    ),
    (
        "a situation key used twice in an item",
        [add((*ITEM2, "situations"), _sit("slip", kind="per_occurrence", amount=1))],
        [(_p(*ITEM2, "situations", 1, "key"), "used_twice", "error")],
    ),
    (
        "an item for a class the rulebook lacks",
        [put((*ITEM2, "classes"), ["county"])],
        [(_p(*ITEM2, "classes", 0), "unknown_class", "error")],
    ),
    (
        "a row cap above the row's points",
        [put((*ROW, "cap"), 12)],
        [(_p(*ROW, "cap"), "row_cap_above_points", "error")],
    ),
    (
        "a row its items can never empty",
        # why: the items may lose 6 (cap) + 3 (points 3) = 9 < the row's 10
        [put((*ITEM2, "points"), 3)],
        [(_p(*ROW, "points"), "row_never_emptied", "warning")],
    ),
    (
        "a remainder rule beside another situation",
        [add((*ITEM2, "situations"), _sit("rest", kind="remainder", measure="rate"))],
        [(_p(*ITEM2, "situations", 1), "remainder_alone", "error")],
    ),
    # ---------------------------------------------------------------- situations (_situations)
    (
        "an amount and tiers both",
        [put((*REPORT, "amount"), 1)],
        [(_p(*REPORT), "amount_xor_tiers", "error")],
    ),
    (
        "neither an amount nor tiers nor a range",
        [drop((*SLIP, "amount"))],
        [(_p(*SLIP), "amount_xor_tiers", "error")],
    ),
    (
        "an unknown tier set",
        [put((*REPORT, "tiers"), "levels")],
        # the cap's `report.big` then names a tier the situation does not have
        [
            (_p(*REPORT, "tiers"), "unknown_tier_set", "error"),
            (_p(*CAP, "applies_to", 0), "situation_has_no_tier", "error"),
        ],
    ),
    (
        "a tier set's label worded for a tier it lacks",
        [put((*REPORT, "tiers"), {"use": "level", "labels": {"huge": "特大"}})],
        [(_p(*REPORT, "tiers", "labels", "huge"), "situation_has_no_tier", "error")],
    ),
    (
        "a range that runs backwards",
        [drop((*SLIP, "amount")), put((*SLIP, "range"), {"min": 3, "max": 1})],
        [(_p(*SLIP, "range"), "range_reversed", "error")],
    ),
    (
        "numbers for a class the rulebook lacks",
        [put((*SLIP, "by_class"), {"county": {"amount": 2}})],
        [(_p(*SLIP, "by_class", "county"), "unknown_class", "error")],
    ),
    (
        "a class's amount for a tier the situation lacks",
        [put((*REPORT, "by_class"), {"zone": {"tier_amounts": {"huge": 3}}})],
        [(_p(*REPORT, "by_class", "zone", "tier_amounts", "huge"), "situation_has_no_tier", "error")],
    ),
    (
        "a class's range where the situation has none",
        [put((*SLIP, "by_class"), {"zone": {"range": {"min": 1, "max": 2}}})],
        [(_p(*SLIP, "by_class", "zone", "range"), "override_needs_base", "error")],
    ),
    (
        "an unknown modifier",
        [put((*SLIP, "modifiers"), ["halve"])],
        [(_p(*SLIP, "modifiers", 0), "unknown_modifier", "error")],
    ),
    (
        "an unknown measure",
        [put((*LOW_RATE, "measure"), "rates")],
        # and the figure `rate` is then read by nothing
        [
            (_p(*LOW_RATE, "measure"), "unknown_measure", "error"),
            ("/measures/0/key", "measure_unused", "warning"),
        ],
    ),
    (
        "a measure of a kind the rule cannot read",
        [
            add(("measures",), {"key": "poll", "label": "排名", "kind": "rank"}),
            put((*LOW_RATE, "measure"), "poll"),
        ],
        [
            (_p(*LOW_RATE, "measure"), "measure_wrong_kind", "error"),
            ("/measures/0/key", "measure_unused", "warning"),
        ],
    ),
    (
        "a cliff with two comparisons",
        [put((*LOW_RATE, "cliffs", 0, "at_most"), D("0.5"))],
        [(_p(*LOW_RATE, "cliffs", 0), "cliff_one_comparison", "error")],
    ),
    (
        "a cliff hidden behind an earlier one",
        [put((*LOW_RATE, "cliffs"), [{"below": D("0.9"), "amount": 1}, {"below": D("0.6"), "amount": 2}])],
        [(_p(*LOW_RATE, "cliffs", 1, "below"), "cliff_unreachable", "error")],
    ),
    (
        "`all` in an item with no points of its own",
        # why: item 1 has no points, and without its cap, and with two items in the row,
        # nothing says what `all` is
        [drop((*ITEM1, "cap")), put((*LOW_RATE, "cliffs", 0, "amount"), "all")],
        [(_p(*LOW_RATE, "cliffs", 0, "amount"), "all_needs_points", "error")],
    ),
    (
        "a rate threshold above 100%",
        [
            put(
                LOW_RATE,
                _sit("low_rate", kind="per_unit", measure="rate", threshold=D("1.5"), amount=1),
            )
        ],
        [(_p(*LOW_RATE, "threshold"), "rate_above_one", "error")],
    ),
    (
        "a clause still to be written",
        [put(SLIP, _sit("slip", kind="todo", reason="读不懂"))],
        [(_p(*SLIP), "todo_clause", "error")],
    ),
    # ---------------------------------------------------------------- caps inside an item
    (
        "a cap on a situation the item lacks",
        [put((*CAP, "applies_to"), ["reports"])],
        [(_p(*CAP, "applies_to", 0), "unknown_situation_in_item", "error")],
    ),
    (
        "a cap on a tier the situation lacks",
        [put((*CAP, "applies_to"), ["report.huge"])],
        [(_p(*CAP, "applies_to", 0), "situation_has_no_tier", "error")],
    ),
    (
        "two caps over the same tier",
        [
            add(
                (*ITEM1, "caps"),
                {"key": "all_cap", "label": "通报最多扣4分", "source": "通报最多扣4分", "applies_to": ["report"], "limit": 4},
            )
        ],
        [(_p(*ITEM1, "caps", 1, "applies_to", 0), "caps_overlap", "error")],
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("edits", "expected"), [pytest.param(e, x, id=name) for name, e, x in CASES]
)
def test_each_mistake_is_found_at_its_value(
    edits: list[Callable[[Data], None]], expected: list[tuple[str, str, str]]
) -> None:
    data = _base()
    for edit in edits:
        edit(data)
    assert findings(data) == expected


def test_an_interpretation_answers_the_warning_it_explains() -> None:
    data = _base()
    put((*ITEM2, "points"), 3)(data)  # the row can no longer be emptied …
    assert findings(data) == [(_p(*ROW, "points"), "row_never_emptied", "warning")]
    reading = {
        "key": "row_kept",
        "title": "本栏扣不完",
        "source": "此项4分",
        "reading": "按原表",
        "values": [_p(*ROW, "points")],
    }
    put(("interpretations",), [reading])(data)  # … and a reading says that is meant
    assert findings(data) == []


def test_the_checker_collects_errors_and_warnings_with_their_messages() -> None:
    data = _base()
    checker = Checker(Rulebook.model_validate(data), data)
    assert checker.classes == {"district", "zone"}
    assert set(checker.measures) == {"rate"}
    checker.error(("title",), say("empty"))
    checker.warn(("unit",), say("empty"))
    assert [(path, sev.value) for path, _m, sev in checker.found] == [
        (("title",), "error"),
        (("unit",), "warning"),
    ]
    assert checker.found[0][1].code == "empty"


def test_checker_unique_names_the_first_use() -> None:
    data = _base()
    checker = Checker(Rulebook.model_validate(data), data)
    checker.unique(["a", "b", "a", "a"], ("things",), "key", "key_tier")
    # why: the 3rd and 4th repeat the 1st: each is reported at its own place, naming entry 1
    assert [json_pointer(p) for p, _m, _s in checker.found] == ["/things/2/key", "/things/3/key"]
    assert all("1" in m.en for _p2, m, _s in checker.found)


def test_resolve_pointer() -> None:
    data = _base()
    assert resolve_pointer(data, "/tier_sets/level/1/amount") == 1
    assert resolve_pointer(data, "/indicators/0/name") == "甲"
    # Nothing there: one marker object, never a value of the document (not even None).
    nothing = resolve_pointer(data, "/indicators/5")
    assert nothing is resolve_pointer(data, "/nope")
    assert nothing is not None


def test_item_bound() -> None:
    rb = Rulebook.model_validate(_base())
    item1, item2 = rb.indicators[0].rows[0].items
    assert item_bound(item1) == 6  # why: its cap
    assert item_bound(item2) == 4  # why: its points
    floored = item2.model_copy(update={"floor": D(1)})
    assert item_bound(floored) == 3  # why: 4 points, at least 1 kept: 4 − 1
    assert item_bound(item1.model_copy(update={"cap": None})) is None
