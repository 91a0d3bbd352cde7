"""Misusing a format-2 construct fails at its line and column, in plain words, in both languages.

Each case breaks ``cases/minimal_v2.yaml`` one way (a text replacement), and
names the line the problem must be reported at (by a fragment of that line),
a fragment of the English message and one of the Chinese.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mofan_rules import RulebookError
from mofan_rules.errors import Severity
from mofan_rules.rulebook import load_rulebook_with_warnings

CASES = Path(__file__).resolve().parent / "cases"
TEMPLATE = (CASES / "minimal_v2.yaml").read_text("utf-8")

# (name, old text, new text, the reported line contains, English fragment, Chinese fragment)
BROKEN = [
    (
        "bands with a gap",
        "at_least: 4.5, below: 7}",
        "at_least: 4.5, below: 6.5}",
        "key: pass",
        "scores from 6.5 up to 7 have no grade",
        "6.5 至 7 分之间没有等次",
    ),
    (
        "bands that overlap",
        "at_least: 4.5, below: 7}",
        "at_least: 4.5, below: 7.5}",
        "key: pass",
        "scores from 7 up to 7.5 are in two grades",
        "同时属于",
    ),
    (
        "a top band with an end",
        "{key: excellent, label: 优秀, at_least: 7}",
        "{key: excellent, label: 优秀, at_least: 7, below: 100}",
        "key: excellent",
        "must have no `below`",
        "不应写 `below`",
    ),
    (
        "a veto with no outcome",
        "veto: {outcome: 一票否决, grade: poor}",
        "veto: {score: 0}",
        "veto:",
        "a veto (一票否决) must say what it sets",
        "一票否决需要写明结果",
    ),
    (
        "a veto naming an unknown grade",
        "veto: {outcome: 一票否决, grade: poor}",
        "veto: {outcome: 一票否决, grade: bad}",
        "veto:",
        "unknown grade 'bad'",
        "未知的等次 'bad'",
    ),
    (
        "weights that do not add up",
        "    weight: 0.5\n    rows:\n      - number: 2",
        "    weight: 0.4\n    rows:\n      - number: 2",
        "weight: 0.5",
        "weight × points add up to 7, not the full marks 7.5",
        "权重 × 分值合计 7 分",
    ),
    (
        "a weight on one indicator only",
        "    weight: 0.5\n    rows:\n      - number: 2",
        "    rows:\n      - number: 2",
        "name: 业务",
        "this has no weight while its siblings have one",
        "同级的其他项都有权重",
    ),
    (
        "a class the rulebook lacks",
        "zone: {range: {min: 1, max: 2}}",
        "park: {range: {min: 1, max: 2}}",
        "park:",
        "unknown unit class 'park'",
        "未知的单位类别 'park'",
    ),
    (
        "a range that runs backwards",
        "range: {min: 1, max: 3}",
        "range: {min: 3, max: 1}",
        "range:",
        "the range runs from 3 down to 1",
        "区间从 3 到 1",
    ),
    (
        "a tier set that does not exist",
        "tiers: criticism",
        "tiers: criticsm",
        "tiers:",
        "unknown tier set 'criticsm'",
        "未知的档次组",
    ),
    (
        "a cliff hidden behind another",
        "                  - {below: 0.9, amount: 5}",
        "                  - {below: 0.9, amount: 5}\n                  - {below: 0.6, amount: all}",
        "below: 0.6",
        "cliff 2 can never apply",
        "第 2 档永远不会适用",
    ),
    (
        "an earning item without points",
        "          - number: 2\n",
        "          - number: 2\n            basis: earn\n",
        "basis: earn",
        "item 2 is scored by earning (得分制) and needs its `points`",
        "第 2 项为得分制",
    ),
    (
        "a clause not yet written as a rule",
        "                kind: threshold\n                label: 完成率低于90%\n                source: 完成率低于90%扣5分\n"
        "                measure: rate\n                cliffs:\n                  - {below: 0.9, amount: 5}\n",
        "                kind: todo\n                label: 完成率低于90%\n                source: 完成率低于90%扣5分\n",
        "key: low_rate",
        "this clause is not yet written as a rule",
        "该条款尚未写成规则",
    ),
    (
        "a floor without points",
        "            cap: 5\n",
        "            cap: 5\n            floor: 1\n",
        "floor: 1",
        "has a floor (最低得分) but no `points`",
        "规定了最低得分",
    ),
    (
        # The record states its amount (a range); an amount for one class would
        # refuse every record of that class.
        "a class amount where the situation has a range",
        "zone: {range: {min: 1, max: 2}}",
        "zone: {amount: 1}",
        "zone: {amount: 1}",
        "a class cannot set `amount` when the situation itself has none",
        "情形本身没有 `amount`",
    ),
    (
        "a class range that runs backwards",
        "zone: {range: {min: 1, max: 2}}",
        "zone: {range: {min: 2, max: 1}}",
        "zone: {range:",
        "the range runs from 2 down to 1",
        "区间从 2 到 1，下限大于上限",
    ),
    (
        "a situation for classes its item does not apply to",
        "            cap: 10\n            situations:\n              - key: criticism\n",
        "            cap: 10\n            classes: [district]\n            situations:\n"
        "              - key: criticism\n                classes: [zone]\n",
        "classes: [zone]",
        "none of these classes is one item 1 applies to (district)",
        "这些单位类别都不在第 1 项适用的类别（district）之内",
    ),
    (
        # A ledger (a workbook's dropdown) names a class by its label.
        "two classes with one label",
        "  - {key: zone, label: 开发区}",
        "  - {key: zone, label: 区}",
        "key: zone, label: 区",
        "class label '区' is used twice (first at entry 1)",
        "单位类别名称 '区' 重复使用（第 1 条已用过）",
    ),
    (
        "a tier relabelled with another tier's label",
        "                tiers: criticism\n",
        "                tiers: {use: criticism, labels: {province: 市级}}\n",
        "tiers: {use: criticism",
        "'市级' is already the label of tier 'city': a ledger could name neither by it",
        "名称 '市级' 已是档次 'city' 的名称",
    ),
    (
        # quantize keeps decimal places: a step of 0.5 would round to 0.1.
        "a score rounded to a step that is not a power of ten",
        "rounding: {quantum: 0.01, mode: half_up}",
        "rounding: {quantum: 0.01, mode: half_up}\nscore_rounding: {quantum: 0.5, mode: half_up}",
        "score_rounding:",
        "0.5 is not 1, 0.1, 0.01 or another power of ten",
        "不是 1、0.1、0.01 这样的 10 的幂",
    ),
]


def _line_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_the_template_is_valid_and_quiet() -> None:
    _, warnings = load_rulebook_with_warnings(CASES / "minimal_v2.yaml")
    assert warnings == []


@pytest.mark.parametrize(
    ("name", "old", "new", "at", "english", "chinese"), BROKEN, ids=[b[0] for b in BROKEN]
)
def test_misuse_is_located_in_both_languages(
    tmp_path: Path, name: str, old: str, new: str, at: str, english: str, chinese: str
) -> None:
    assert TEMPLATE.count(old) == 1, f"{name}: the replaced text must be unique"
    text = TEMPLATE.replace(old, new)
    path = tmp_path / "broken.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(RulebookError) as err:
        load_rulebook_with_warnings(path)
    problems = [p for p in err.value.problems if p.severity is Severity.ERROR]
    line = _line_of(text, at)
    hits = [
        p
        for p in problems
        if p.line == line and english in p.text("en") and chinese in p.text("zh")
    ]
    assert hits, "\n".join(f"{p.text('en')}  |  {p.text('zh')}" for p in problems)
    assert hits[0].column > 0
    assert hits[0].code  # a stable code tools can match


def test_an_amount_larger_than_its_cap_warns(tmp_path: Path) -> None:
    # Raising the 2/1 tiers to 3 under a tier cap of 2 would go through silently in format 1.
    text = TEMPLATE.replace(
        "  - name: 业务\n",
        "            caps:\n              - {key: per_tier, label: 每种情形最多扣2分, source: 每种情形最多扣2分, applies_to: [criticism.province], limit: 2}\n  - name: 业务\n",
    ).replace("{key: province, label: 省级, amount: 2}", "{key: province, label: 省级, amount: 3}")
    path = tmp_path / "raised.yaml"
    path.write_text(text, "utf-8")
    _, warnings = load_rulebook_with_warnings(path)
    codes = [w.code for w in warnings]
    assert "amount_above_cap" in codes
    above = next(w for w in warnings if w.code == "amount_above_cap")
    assert above.line == _line_of(text, "key: province")
    assert "one occurrence can never count in full" in above.text("en")
    # 3 is also not in the situation's words 分别扣2分、1分.
    assert "number_not_in_source" in codes


def test_a_changed_value_under_a_reviewed_reading_warns_with_the_new_checksum(
    tmp_path: Path,
) -> None:
    from mofan_rules.rulebook._hash import values_checksum

    reading = (
        "interpretations:\n"
        "  - key: tiers\n"
        "    title: t\n"
        "    source: s\n"
        "    reading: r\n"
        "    values: [/tier_sets/criticism]\n"
        '    checksum: "00000000"\n'
    )
    text = TEMPLATE.replace("tier_sets:\n", reading + "tier_sets:\n")
    path = tmp_path / "reading.yaml"
    path.write_text(text, "utf-8")
    _, warnings = load_rulebook_with_warnings(path)
    (stale,) = [w for w in warnings if w.code == "interpretation_values_changed"]
    assert stale.line == _line_of(text, "checksum:")
    assert '"' in stale.hint
    assert len(stale.hint.split('"')[1]) == 8
    del values_checksum


def test_a_direct_deduction_scored_by_earning_is_refused_in_both_languages(
    tmp_path: Path,
) -> None:
    # Direct deductions come off the total; one scored by earning made the table
    # say "deducts 10" while the total lost nothing.
    text = (CASES / "patterns" / "bonuses-and-direct.yaml").read_text("utf-8")
    title = "      title: 通报批评\n"
    assert text.count(title) == 1
    text = text.replace(title, title + "      basis: earn\n      points: 10\n")
    path = tmp_path / "broken.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(RulebookError) as err:
        load_rulebook_with_warnings(path)
    (problem,) = err.value.problems
    assert (problem.pointer, problem.line) == (
        "/direct_deductions/items/0/basis",
        _line_of(text, "basis: earn"),
    )
    assert "item 3 is a direct deduction (直接扣分)" in problem.text("en")
    assert "第 3 项是直接扣分项" in problem.text("zh")
