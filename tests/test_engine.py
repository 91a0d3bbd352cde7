"""Evaluator behaviour the shipped rulebook cannot show, and the report's guarantees."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from mofan_rules import LedgerError, Rulebook, evaluate, load_facts, load_ledger, load_rulebook
from mofan_rules.ledger import Ledger, Record
from mofan_rules.rulebook import content_hash, scoring_hash
from mofan_rules.scoring import compile_plan

CASES = Path(__file__).resolve().parent / "cases"
D = Decimal


@pytest.fixture(scope="module")
def small() -> Rulebook:
    return load_rulebook(CASES / "engine_rulebook.yaml")


def _slips(n1: int, n2: int) -> dict[str, object]:
    return {
        "records": [
            {"item": 1, "situation": "slip", "count": n1},
            {"item": 2, "situation": "slip", "count": n2},
        ]
    }


def test_row_points_cut_after_item_caps_in_item_order(small: Rulebook) -> None:
    report = evaluate(small, load_facts(_slips(3, 3), small))
    row = report.rows[0]
    # why: items 1 and 2 each lose 3 × 1 = 3 (their caps): 3 + 3 = 6 raw; row 1 has 4 points,
    # so 4 is deducted and it scores 4 − 4 = 0
    assert (row.raw, row.deducted, row.score) == (D(6), D(4), D(0))
    # why: the first in order keeps its 3; item 2 keeps 4 − 3 = 1, cut 3 − 1 = 2
    assert report.items[1].deduction == 3
    assert report.items[2].deduction == 1
    assert [(c.scope, c.cut) for c in report.items[2].cuts] == [("row", D(2))]
    line = next(t for t in report.trail if t.origin == "/records/1")
    assert line.cut_by == ("row_1",)


def test_a_cap_cuts_lines_in_ledger_order(small: Rulebook) -> None:
    facts = {
        "records": [
            {"item": 1, "situation": "slip", "count": 2},
            {"item": 1, "situation": "slip", "count": 2},
        ]
    }
    report = evaluate(small, load_facts(facts, small))
    shares = [t.share for t in report.trail]
    # why: 1 × 2 + 1 × 2 = 4 > item 1's cap 3: the first line keeps 2, the second 3 − 2 = 1 (cut 1)
    assert shares == [D(2), D(1)]
    assert report.items[1].cuts[0].cut == 1


def test_tie_read_as_last_place_of_the_tie(small: Rulebook) -> None:
    facts = {"measures": {"poll": {"rank": 3, "tied": 2}}}
    # last_of_tie: tied 3rd of 2 units reads as 4th; 2 places below 2nd × 0.5
    assert evaluate(small, load_facts(facts, small)).items[3].deduction == 1


def test_remainder_rounds_with_the_rulebooks_rule(small: Rulebook) -> None:
    facts = {"measures": {"poll": {"rank": 3}, "rate": D("0.33")}}
    # (6 − 0.5) × 0.67 = 3.685 → rounded down to 0.1: 3.6
    report = evaluate(small, load_facts(facts, small))
    assert report.items[4].deduction == D("3.6")


def test_bonus_added_to_a_row_never_above_its_points(small: Rulebook) -> None:
    facts = {
        "records": [{"item": 1, "situation": "slip"}],
        "awards": [{"level": "top", "scope": "single"}],
    }
    report = evaluate(small, load_facts(facts, small))
    assert report.bonuses[0].raw == D("1.5")  # why: one `top` award of 1.5
    assert report.bonus == 1  # why: only the 1 point (1 slip × 1) row 1 lost can come back
    assert report.rows[0].score == 4  # why: 4 − 1 + 1
    assert report.total == 10  # why: 10 − 1 + 1


def test_half_modifier_halves(small: Rulebook) -> None:
    facts = {"records": [{"item": 1, "situation": "slip", "modifiers": ["half"]}]}
    # why: 1 × 0.5 (half) = 0.5
    assert evaluate(small, load_facts(facts, small)).items[1].deduction == D("0.5")


def test_report_json_is_stable_and_names_the_rulebook(rulebook: Rulebook) -> None:
    facts = {"records": [{"item": 9, "situation": "no_volunteer_service", "count": 7}]}
    report = evaluate(rulebook, load_facts(facts, rulebook))
    text = report.to_json()
    data = json.loads(text)
    assert data["rulebook"] == {
        "id": rulebook.id,
        "version": rulebook.version,
        "title": rulebook.title,
        "content_hash": content_hash(rulebook),
        "scoring_hash": scoring_hash(rulebook),
        "base": None,
    }
    # why: 7 × 0.1 (每人次扣0.1分) = 0.7 in item 9; 100 − 0.7 = 99.3
    assert data["total"] == "99.3"
    assert data["items"]["9"]["deduction"] == "0.7"
    assert text == json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2)
    assert data["trail"][0]["evidence"] is None
    assert data["trail"][0]["value"] == "0.7"


def test_content_hash_ignores_layout_comments_and_number_spelling(
    tmp_path: Path, rulebook: Rulebook
) -> None:
    text = (Path(__file__).resolve().parent.parent / "rulebooks" / "shifulian-2026.yaml").read_text(
        "utf-8"
    )
    changed = text.replace("factor: 0.5\n", "factor: 0.50   # half\n", 1).replace(
        "# yaml-language-server", "# edited\n# x"
    )
    assert changed != text
    (tmp_path / "copy.yaml").write_text(changed, "utf-8")
    assert content_hash(load_rulebook(tmp_path / "copy.yaml")) == content_hash(rulebook)
    (tmp_path / "edit.yaml").write_text(text.replace("amount: 0.1\n", "amount: 0.2\n", 1), "utf-8")
    assert content_hash(load_rulebook(tmp_path / "edit.yaml")) != content_hash(rulebook)


def test_evaluate_is_pure(rulebook: Rulebook) -> None:
    ledger = load_facts(
        {"records": [{"item": 1, "situation": "criticism", "tier": "city"}]}, rulebook
    )
    before = (rulebook.model_dump_json(), ledger.model_dump_json())
    first = evaluate(rulebook, ledger).to_json()
    assert evaluate(rulebook, ledger).to_json() == first
    assert (rulebook.model_dump_json(), ledger.model_dump_json()) == before


def test_caps_that_read_the_same_in_two_items_cap_each_item_alone(rulebook: Rulebook) -> None:
    # Items 1 and 2 each have a "每种情形最多扣2分" cap on central criticism; one
    # central criticism in each item is 2 + 2, not a shared cap of 2.
    facts = {"records": [{"item": 1, "situation": "criticism", "tier": "central"},
                         {"item": 2, "situation": "criticism", "tier": "central"}]}  # fmt: skip
    report = evaluate(rulebook, load_facts(facts, rulebook))
    assert (report.items[1].deduction, report.items[2].deduction) == (D(2), D(2))
    assert report.items[1].cuts == ()
    assert report.items[2].cuts == ()
    assert report.total == 96  # why: 100 − (2 + 2)


# ------------------------------------------------------------------ no hidden state (issue 12)


def test_a_copy_of_a_checked_ledger_is_checked_again(rulebook: Rulebook) -> None:
    ledger = load_ledger(
        {"records": [{"item": 1, "situation": "criticism", "tier": "city"}]}, rulebook
    )
    bad = ledger.model_copy(update={"records": [Record(item=1, situation="nonsense")]})
    with pytest.raises(LedgerError) as err:
        evaluate(rulebook, bad)
    assert err.value.first.code == "item_has_no_situation"
    assert err.value.path == ("records", 0, "situation")


def test_details_are_of_the_ledger_as_scored_even_if_it_changes_in_place(
    rulebook: Rulebook,
) -> None:
    # A frozen ledger's lists can still be changed in place; the report's trail,
    # made when first read, must explain the score it states, not the new lists.
    ledger = load_ledger(
        {"records": [{"item": 1, "situation": "criticism", "tier": "city"}]}, rulebook
    )
    report = evaluate(rulebook, ledger)
    ledger.records.append(Record(item=2, situation="task_not_done"))
    assert [(t.item, t.share) for t in report.trail] == [(1, D("0.5"))]
    assert report.total == D("99.5")  # why: 100 − 0.5 (city criticism in item 1)
    # Scored again, the changed ledger has its own score: 100 − 0.5 − 1 (item 2's task).
    assert evaluate(rulebook, ledger).total == D("98.5")


def test_a_ledger_built_in_python_with_labels_is_fitted(rulebook: Rulebook) -> None:
    ledger = Ledger(
        records=[
            Record(
                item=1, situation="通报批评和问责或负面影响", tier="市通报批评和问责或一般负面影响"
            )
        ]
    )
    # why: a city-level criticism in item 1 costs 0.5 → 99.5
    assert evaluate(rulebook, ledger).total == D("99.5")


def test_evaluate_takes_a_compiled_plan(rulebook: Rulebook) -> None:
    ledger = load_ledger(
        {"records": [{"item": 13, "situation": "talks_not_held", "count": 2}]}, rulebook
    )
    plan = compile_plan(rulebook)
    # why: 2 × 0.5 = 1 in item 13 → 99
    assert evaluate(plan, ledger).to_json() == evaluate(rulebook, ledger).to_json()
    assert evaluate(plan, ledger).total == 99


def test_the_rulebook_carries_no_private_state(rulebook: Rulebook) -> None:
    evaluate(rulebook, Ledger())
    assert not rulebook.__pydantic_private__  # nothing was attached to the frozen model
    assert rulebook == load_rulebook()  # and it equals a fresh copy field by field


def test_a_missing_figure_is_said_out_loud(rulebook: Rulebook) -> None:
    report = evaluate(rulebook, Ledger())
    missing = {n.path for n in report.notices if n.code == "missing_figure"}
    # why: the six figures of items 4, 5, 16, 17 and 21 are all left out
    assert missing == {f"/measures/{m.key}" for m in rulebook.measures}
    with pytest.raises(LedgerError) as err:
        evaluate(rulebook, Ledger(), strict=True)
    assert {p.code for p in err.value.problems} == {
        "missing_figure_strict"
    }  # --strict asked, not the rulebook
    assert len(err.value.problems) == len(rulebook.measures)


def test_a_veto_score_is_a_ceiling_never_a_raise(tmp_path: Path) -> None:
    pattern = Path(__file__).parent / "cases" / "patterns" / "grades-and-vetoes.yaml"
    text = pattern.read_text("utf-8").replace(
        "veto: {outcome: 总分计0分, score: 0, grade: poor}",
        "veto: {outcome: 总分不超过50分, score: 50, grade: poor}",
    )
    (tmp_path / "rb.yaml").write_text(text, "utf-8")
    rb = load_rulebook(tmp_path / "rb.yaml")
    veto = {"item": 2, "situation": "serious"}
    # why: the veto alone: 100 points, nothing deducted, capped at 50.
    assert evaluate(rb, Ledger.model_validate({"records": [veto]})).total == 50
    # why: 12 × 5 = 60 from item 1 (its cap is 60) leaves 40, under the veto's 50: stays 40.
    low = {"records": [veto, {"item": 1, "situation": "not_done", "count": 12}]}
    assert evaluate(rb, Ledger.model_validate(low)).total == 40


@pytest.mark.parametrize("unit_class", ["district", "zone"])
def test_a_situation_for_no_class_of_its_item_is_for_no_one(unit_class: str) -> None:
    # validate refuses such a rulebook; built in Python, unchecked, it must still
    # not crash: its figure belongs to no class, so a ledger giving it is refused.
    from mofan_rules.source import parse_document

    text = (CASES / "patterns" / "unit-classes.yaml").read_text("utf-8")
    cliff = "                cliffs: [{below: 0.98, amount: 5}]\n"
    assert text.count(cliff) == 1  # item 3's only situation; the item is for district
    text = text.replace(cliff, cliff + "                classes: [zone]\n")
    rulebook = Rulebook.model_validate(parse_document(text.encode(), "classes.yaml").data)
    assert rulebook.items[2].classes == ["district"]
    measures = {"coverage": Decimal(1), "farmland": Decimal("0.5")}
    ledger = Ledger.model_validate({"class": unit_class, "measures": measures})
    with pytest.raises(LedgerError) as err:
        evaluate(rulebook, ledger)
    assert "figure 'farmland' belongs to another class of unit" in str(err.value)
