"""docs/rulebook-format.md: generated from the real files, and covering the whole format.

Its YAML snippets and scores are written by scripts/format_doc.py from the
rulebooks, cases and broken files of the repository; these tests fail while
the page is stale, while a pattern of the format lacks its section, snippet or
score, and while a field of the models is missing from the page.
"""

from __future__ import annotations

import re
import runpy
import typing
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from mofan_rules.rulebook import Bonus, Overlay, Rulebook, Situation

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "rulebook-format.md"

# The patterns the format must explain (the list), each with the heading
# of its section: every one has at least one YAML snippet and one score.
PATTERNS = {
    "per-occurrence deductions: amounts, tiers, ranges, multipliers, record caps, max counts": (
        "Amounts per occurrence (扣分)"
    ),
    "caps at every level, floors, one_per_case": "Caps and floors (封顶, 保底)",
    "shortfalls and figures: per_unit, thresholds, ladders, ranks, remainder, missing figures": (
        "Figures into points (考核数据)"
    ),
    "等次 grades": "Grades (等次)",
    "一票否决 vetoes": "Vetoes (一票否决)",
    "weights": "Weights (权重)",
    "unit classes": "Unit classes (单位类别)",
    "bonuses and earn items": "Bonuses (加分) and earned points (得分制)",
    "direct deductions": "Direct deductions (直接扣分)",
    "identity and metadata": "Identity and metadata",
}

GENERATED = re.compile(r"<!-- [a-z]+: .*? -->\n```[a-z]*\n.*?```\n", re.S)
INDEX = re.compile(r"<!-- fields -->\n.*?<!-- /fields -->\n", re.S)


@pytest.fixture(scope="module")
def script() -> dict[str, Any]:
    return runpy.run_path(str(ROOT / "scripts" / "format_doc.py"), run_name="docs")


@pytest.fixture(scope="module")
def text() -> str:
    return DOC.read_text("utf-8")


def sections(text: str) -> dict[str, str]:
    """Each heading's text, down to the next heading of the same or a higher level."""
    lines = text.splitlines()
    heads: list[tuple[int, int, str]] = []  # line, level, title
    fenced = False
    for n, line in enumerate(lines):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and (match := re.match(r"(#+) (.*)", line)):
            heads.append((n, len(match[1]), match[2].strip()))
    out = {}
    for i, (start, level, title) in enumerate(heads):
        end = next((n for n, lv, _ in heads[i + 1 :] if lv <= level), len(lines))
        out[title] = "\n".join(lines[start:end])
    return out


def prose(text: str) -> str:
    """The page without its generated blocks and its field index: what people wrote."""
    return INDEX.sub("", GENERATED.sub("", text))


def models() -> list[type[BaseModel]]:
    """Every model a rulebook or an overlay is made of."""
    seen: list[type[BaseModel]] = []

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation in seen:
                return
            seen.append(annotation)
            for field in annotation.model_fields.values():
                visit(field.annotation)
            return
        for arg in typing.get_args(annotation):
            visit(arg)

    visit(Rulebook)
    visit(Overlay)
    return seen


def kinds(union: Any) -> list[str]:
    """The `kind` values of a discriminated union of models."""
    found = []
    for model in models():
        if model in typing.get_args(typing.get_args(union)[0]) and "kind" in model.model_fields:
            found += list(typing.get_args(model.model_fields["kind"].annotation))
    return found


def test_doc_is_up_to_date(script: dict[str, Any], text: str) -> None:
    assert "<!-- snippet: " in text
    assert "<!-- case: " in text
    assert text == script["fill_format_doc"](text), "stale: run python scripts/format_doc.py"


@pytest.mark.parametrize(("pattern", "heading"), PATTERNS.items(), ids=list(PATTERNS))
def test_each_pattern_has_a_section_with_a_snippet_and_a_score(
    text: str, pattern: str, heading: str
) -> None:
    found = sections(text)
    assert heading in found, f"no section for {pattern}: add a heading '{heading}'"
    section = found[heading]
    assert re.search(r"<!-- snippet: .*? -->\n```yaml\n# .*\n\S", section), (
        f"{heading}: no YAML snippet"
    )
    assert re.search(r"<!-- case: .*? -->\n```text\ncase .*\nledger", section), (
        f"{heading}: no score"
    )


def test_every_pattern_file_is_shown_with_its_cases(text: str) -> None:
    for rulebook in sorted((ROOT / "tests" / "cases" / "patterns").glob("*.yaml")):
        if rulebook.name.endswith(".cases.yaml"):
            continue
        where = rulebook.relative_to(ROOT).as_posix()
        assert f"<!-- snippet: {where}#" in text, f"no snippet of {where}"
        cases = where.removesuffix(".yaml") + ".cases.yaml"
        assert f"<!-- case: {cases}#" in text, f"no score from {cases}"


def test_every_field_of_the_models_is_in_the_doc(text: str) -> None:
    missing = [
        f"{model.__name__}.{name}"
        for model in models()
        for name in model.model_fields
        if f"`{name}`" not in text and f"`{name}:" not in text
    ]
    assert not missing, f"fields missing from docs/rulebook-format.md: {missing}"


def test_top_level_fields_and_rule_kinds_are_explained_in_prose(text: str) -> None:
    written = prose(text)
    missing = [name for name in Rulebook.model_fields if f"`{name}`" not in written]
    assert not missing, f"top-level fields no paragraph explains: {missing}"
    situation_kinds = kinds(Situation)
    bonus_kinds = kinds(Bonus)
    assert set(situation_kinds) >= {"per_occurrence", "per_unit", "threshold", "remainder"}
    assert set(bonus_kinds) == {"award", "measured"}
    missing = [kind for kind in situation_kinds + bonus_kinds if f"`{kind}`" not in written]
    assert not missing, f"rule kinds no paragraph explains: {missing}"


def test_the_index_lists_every_model(text: str) -> None:
    index = INDEX.search(text)
    assert index is not None, "the field index (<!-- fields --> … <!-- /fields -->) is gone"
    for model in models():
        assert f"**{model.__name__}**" in index.group()


def test_errors_shown_are_located(text: str) -> None:
    blocks = re.findall(r"<!-- error: (.*?) -->\n```text\n(.*?)```\n", text, re.S)
    assert blocks, "no real validation error is shown"
    for file, shown in blocks:
        assert file.startswith("tests/cases/broken_rulebooks/")
        for line in shown.splitlines():
            assert re.match(rf"{re.escape(file)}:\d+:\d+: /", line), line
