"""Loading ledgers: what is accepted, and every mistake located with a useful message."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from mofan_rules import FactsError, Rulebook, RulebookMismatchError, evaluate, load_facts

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _write(tmp_path: Path, text: str, name: str = "ledger.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _fails(tmp_path: Path, rulebook: Rulebook, text: str) -> FactsError:
    with pytest.raises(FactsError) as info:
        load_facts(_write(tmp_path, text), rulebook)
    return info.value


def test_empty_mapping_scores_full_marks(rulebook: Rulebook) -> None:
    # why: nothing recorded, no figure (so no rule reads one), no award: the full marks, 100
    assert evaluate(rulebook, load_facts({}, rulebook)).total == 100


def test_empty_yaml_mapping_file(tmp_path: Path, rulebook: Rulebook) -> None:
    # why: as above, an empty ledger keeps the full marks, 100
    assert evaluate(rulebook, load_facts(_write(tmp_path, "{}\n"), rulebook)).total == 100


def test_default_rulebook_is_used_when_none_is_given() -> None:
    assert (
        load_facts({"records": [{"item": 1, "situation": "criticism", "tier": "city"}]})
        .records[0]
        .item
        == 1
    )


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_shipped_examples_load(example: Path, rulebook: Rulebook) -> None:
    report = evaluate(rulebook, load_facts(example, rulebook))
    assert 0 <= report.total <= report.max_total


def test_json_ledger_reads_like_yaml(tmp_path: Path, rulebook: Rulebook) -> None:
    data = {
        "records": [{"item": 9, "situation": "no_volunteer_service", "count": 7}],
        "measures": {"satisfaction_rate": "SENTINEL"},
    }
    text = json.dumps(data, indent=2).replace('"SENTINEL"', "0.95")
    from_json = load_facts(_write(tmp_path, text, "ledger.json"), rulebook)
    assert from_json.measures["satisfaction_rate"] == Decimal("0.95")
    # why: item 9: 7 × 0.1 = 0.7 (row 5); item 16: 18 × (1 − 0.95) = 0.9 (row 7);
    # 100 − 0.7 − 0.9 = 98.4
    assert evaluate(rulebook, from_json).total == Decimal("98.4")


def test_python_floats_are_read_as_their_decimal_text(rulebook: Rulebook) -> None:
    ledger = load_facts({"measures": {"satisfaction_rate": 0.9}}, rulebook)
    assert ledger.measures["satisfaction_rate"] == Decimal("0.9")
    # why: nothing else touches row 7: 18 × (1 − 0.9) = 1.8
    assert evaluate(rulebook, ledger).items[16].deduction == Decimal("1.8")


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("records:\n  - item: 22\n    situation: x\n", 2, "there is no item 22"),
        ("records:\n  - item: 1\n    situation: critcism\n", 3, "did you mean 'criticism'"),
        (
            "records:\n  - {item: 1, situation: criticism, tier: centrl}\n",
            2,
            "did you mean 'central'",
        ),
        ("records:\n  - {item: 1, situation: criticism}\n", 2, "needs a tier"),
        ("records:\n  - {item: 2, situation: task_not_done, tier: city}\n", 2, "has no tiers"),
        ("records:\n  - {item: 13, situation: talks_not_held, count: -1}\n", 2, "at least 1"),
        ("records:\n  - {item: 13, situation: talks_not_held, count: 1.5}\n", 2, "whole number"),
        ("records:\n  - {item: 13, situation: talks_not_held, count: 10000000}\n", 2, "at most"),
        (
            "records:\n  - {item: 12, situation: cadre_case, tier: judicial, modifiers: [non_city]}\n",
            2,
            "did you mean 'non_city_managed'",
        ),
        (
            "records:\n  - {item: 13, situation: talks_not_held, modifiers: [self_reported]}\n",
            2,
            "does not apply",
        ),
        ("records:\n  - {item: 5, situation: monthly_study}\n", 2, "measures: monthly_studies"),
        (
            "records:\n  - {item: 14, situation: risk_review_not_done}\n"
            "  - {item: 14, situation: risk_review_not_done}\n",
            3,
            "once a year",
        ),
        ("records:\n  - {item: 4, situation: not_listed, count: 5}\n", 2, "at most 4 times"),
        (
            "records:\n  - {item: 1, situation: criticism, tier: city, cuont: 2}\n",
            2,
            "did you mean 'count'",
        ),
        ("measures:\n  satisfaction: 0.9\n", 2, "did you mean 'satisfaction_rate'"),
        ("measures:\n  satisfaction_rate: 1.2\n", 2, "from 0 to 1"),
        ("measures:\n  satisfaction_rate: '0.95'\n", 2, "without quotes"),
        ("measures:\n  satisfaction_rate: -0.1\n", 2, "at least 0"),
        ("measures:\n  monthly_studies: 10000\n", 2, "largest accepted"),
        ("measures:\n  monthly_studies: 0.5\n", 2, "whole number"),
        (
            "measures:\n  public_security_poll: {rank: 101, of: 100, score: 80}\n",
            2,
            "outside 1..100",
        ),
        ("measures:\n  public_security_poll: {rank: 0, of: 100, score: 80}\n", 2, "at least 1"),
        ("measures:\n  public_security_poll: {rank: 97, score: 80}\n", 2, "needs `of`"),
        ("measures:\n  public_security_poll: {rank: 97, of: 100}\n", 2, "needs `score`"),
        ("measures:\n  public_security_poll: 3\n", 2, "is a rank"),
        ("awards:\n  - {level: nationl, scope: single}\n", 2, "unknown award level 'nationl'"),
        ("awards:\n  - {level: central, scope: whole}\n", 2, "unknown scope"),
        (
            "awards:\n  - {level: central, scope: single, modifiers: [non_city_managed]}\n",
            2,
            "does not apply",
        ),
        ("period: {start: 2026-12-31, end: 2026-01-01}\n", 1, "before it starts"),
        ("period: {start: 2026-13-01, end: 2026-12-31}\n", 1, "date"),
        ("unit: 市妇联\nunit: 市妇联\n", 2, "duplicate key"),
        ("- item: 1\n", 1, "mapping"),
        ("records: [\n", 2, "not valid YAML"),
    ],
)
def test_mistakes_are_located(
    tmp_path: Path, rulebook: Rulebook, text: str, line: int, fragment: str
) -> None:
    err = _fails(tmp_path, rulebook, text)
    assert any(p.line == line and fragment in str(p) for p in err.problems), str(err)
    assert str(err).startswith(str(tmp_path / "ledger.yaml") + ":") or str(err).startswith(
        "ledger.yaml:"
    )


def test_all_mistakes_of_a_file_at_once(tmp_path: Path, rulebook: Rulebook) -> None:
    err = _fails(
        tmp_path,
        rulebook,
        "records:\n  - {item: 30, situation: x}\n  - {item: 1, situation: y}\nmeasures:\n  nope: 1\n",
    )
    assert sorted(p.line for p in err.problems) == [2, 3, 5]


def test_pinning_another_version_is_an_error(tmp_path: Path, rulebook: Rulebook) -> None:
    err = _fails(tmp_path, rulebook, f"rulebook: {{id: {rulebook.id}, version: '1999.1'}}\n")
    assert "pinned" in str(err)
    assert err.line == 1


def test_evaluate_checks_a_ledger_built_in_python(rulebook: Rulebook) -> None:
    from mofan_rules import Ledger, Record

    with pytest.raises(FactsError, match="no situation 'nope'"):
        evaluate(rulebook, Ledger(records=[Record(item=1, situation="nope")]))
    with pytest.raises(RulebookMismatchError):
        evaluate(rulebook, Ledger.model_validate({"rulebook": {"id": "other", "version": "1"}}))


def test_schema_mistakes_do_not_hide_the_others(tmp_path: Path, rulebook: Rulebook) -> None:
    err = _fails(
        tmp_path,
        rulebook,
        "records:\n  - {item: 1, situation: criticism, tier: city, count: -1}\n"
        "  - {item: 1, situation: critcism, tier: city}\n"
        "awards:\n  - {level: central, scope: single, date: not-a-date}\n"
        "  - {level: nationl, scope: single}\n",
    )
    lines = {p.line: str(p) for p in err.problems}
    assert "at least 1" in lines[2]
    assert "/records/1/situation" in lines[3]
    assert "did you mean 'criticism'" in lines[3]
    assert "/awards/0/date" in lines[5]
    assert "/awards/1/level" in lines[6]


def test_a_rate_may_be_written_as_a_percentage(rulebook: Rulebook) -> None:
    ledger = load_facts({"measures": {"satisfaction_rate": "97.5%"}}, rulebook)
    # why: "97.5%" is the rate 0.975, never 975
    assert ledger.measures["satisfaction_rate"] == Decimal("0.975")


def test_labels_are_accepted_where_keys_are(rulebook: Rulebook) -> None:
    ledger = load_facts(
        {
            "records": [
                {
                    "item": 12,
                    "situation": "干部被立案查处",
                    "tier": "党纪政务轻处分",
                    "modifiers": ["非市管干部"],
                }
            ],
            "measures": {"机关服务满意度测评满意率": 0.9},
            "awards": [{"level": "党中央、国务院", "scope": "单项工作"}],
        },
        rulebook,
    )
    record = ledger.records[0]
    assert (record.situation, record.tier, record.modifiers) == (
        "cadre_case",
        "light_sanction",
        ["non_city_managed"],
    )
    assert list(ledger.measures) == ["satisfaction_rate"]
    assert (ledger.awards[0].level, ledger.awards[0].scope) == ("central", "single")


def test_a_mistyped_label_gets_a_did_you_mean(rulebook: Rulebook) -> None:
    with pytest.raises(FactsError) as info:
        load_facts({"records": [{"item": 12, "situation": "干部被立案查出"}]}, rulebook)
    assert "干部被立案查处" in info.value.first.hint


def test_a_ledgers_class_and_amount_mistakes_are_located_in_both_languages(tmp_path: Path) -> None:
    from mofan_rules import LedgerError, load_rulebook

    rb = load_rulebook(Path(__file__).resolve().parent / "cases" / "minimal_v2.yaml")
    text = "class: 园区\nrecords:\n  - item: 1\n    situation: shortcoming\n    amount: 5\n"
    path = tmp_path / "ledger.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(LedgerError) as err:
        load_facts(path, rb)
    by_code = {p.code: p for p in err.value.problems}
    cls = by_code["unknown_class"]
    assert (cls.line, cls.column) == (1, 8)  # why: the value of `class:` starts at column 8
    assert "unknown unit class '园区'" in cls.text("en")
    assert "未知的单位类别 '园区'" in cls.text("zh")
    # The class is unknown, so the range is the situation's own (1–3): 5 is outside it.
    amount = by_code["amount_outside_range"]
    assert (amount.line, amount.column) == (5, 13)
    assert "outside the range 1–3" in amount.text("en")
    assert "超出了规则库允许的范围 1–3" in amount.text("zh")


@pytest.mark.parametrize(
    "text",
    [
        "awards:\n  - {level: central, scope: single, deed: {a: 1}}\n",
        "records:\n  - {item: 1, situation: criticism, tier: city, case: {a: 1}}\n",
        "records:\n  - {item: 1, situation: criticism, tier: city, evidence: [a]}\n",
    ],
)
def test_a_mapping_or_list_where_text_or_nothing_goes_is_worded_in_both_languages(
    tmp_path: Path, rulebook: Rulebook, text: str
) -> None:
    # These places take text or nothing (anyOf string|null); a mapping there
    # used to fall through to jsonschema's own English sentence, even in Chinese.
    (problem,) = _fails(tmp_path, rulebook, text).problems
    assert problem.code == "wrong_type"
    assert problem.line == 2
    assert "should be text or empty" in problem.text("en")
    assert "应为文本或空值" in problem.text("zh")
    assert "valid under" not in problem.text("zh")
