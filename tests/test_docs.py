"""Docs written from the rulebook are up to date."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from mofan_rules import Rulebook
from mofan_rules.reports import interpretations_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_interpretations_doc_is_up_to_date(rulebook: Rulebook) -> None:
    text = (ROOT / "docs" / "interpretations.md").read_text("utf-8")
    assert text == interpretations_markdown(rulebook), "stale: run python scripts/generate_docs.py"


def test_interpretations_doc_quotes_every_source_wording(rulebook: Rulebook) -> None:
    text = (ROOT / "docs" / "interpretations.md").read_text("utf-8")
    for interp in rulebook.interpretations:
        assert interp.source in text
        for pointer in interp.values:
            assert f"`{pointer}`" in text


def test_cli_doc_shows_real_output() -> None:
    import runpy

    generate = runpy.run_path(str(ROOT / "scripts" / "generate_docs.py"), run_name="docs")
    text = (ROOT / "docs" / "cli.md").read_text("utf-8")
    assert "<!-- run: mofan-rules" in text
    assert text == generate["fill_cli_doc"](text), "stale: run python scripts/generate_docs.py"


def test_editing_walkthrough_still_works(tmp_path: Path) -> None:
    # docs/editing-rules.md performed for real on a scratch copy: each step's
    # output (and exit code) must be what the page shows.
    import runpy

    generate = runpy.run_path(str(ROOT / "scripts" / "generate_docs.py"), run_name="docs")
    text = (ROOT / "docs" / "editing-rules.md").read_text("utf-8")
    # The workflow the page promises, in its order: compare → draft --from →
    # validate → diff --ledgers → test.
    steps = [
        "mofan-rules compare rulebooks/shifulian-2026.yaml 2027.docx",
        "mofan-rules draft 2027.docx --from rulebooks/shifulian-2026.yaml",
        "mofan-rules diff rulebooks/shifulian-2026.yaml rulebooks/shifulian-2027.yaml --ledgers",
        "mofan-rules validate rulebooks/shifulian-2027.yaml",
        "mofan-rules test rulebooks/shifulian-2027.yaml",
    ]
    at = [text.index(step) for step in steps]
    assert at == sorted(at)
    assert text == generate["walkthrough"](text, tmp_path), (
        "stale: run python scripts/generate_docs.py"
    )
    # The tiers were raised in one place, and diff --ledgers shows each step.
    assert "tier set criticism › tier city › amount: changed: 0.5 → 1 (one change" in text
    assert "grade excellent: added: 优秀" in text
    assert "[— → 良好]" in text  # the typical year's new grade
    assert "item 9 › situation volunteer_rate_short: added" in text
    assert text.count("warning: figure 'volunteer_rate'") == 3  # one per example ledger
    # why: the 38 cases of 2026, two of them updated, plus the two new ones.
    assert "40 of 40 cases pass" in text


def test_api_doc_is_up_to_date() -> None:
    import runpy

    generate = runpy.run_path(str(ROOT / "scripts" / "api_doc.py"), run_name="docs")
    text = (ROOT / "docs" / "api.md").read_text("utf-8")
    assert text == generate["api_markdown"](), "stale: run python scripts/api_doc.py"
    # Every public name of every front is on the page.
    for module_name in generate["MODULES"]:
        module = __import__(module_name, fromlist=["__all__"])
        for name in module.__all__:
            if not name.startswith("__"):
                assert f"### `{name}" in text, f"{module_name}.{name}"


# ---------------------------------------------------------------- docs/ledger-format.md

LEDGER_DOC = ROOT / "docs" / "ledger-format.md"


def _generate() -> dict[str, Any]:
    import runpy

    return runpy.run_path(str(ROOT / "scripts" / "generate_docs.py"), run_name="docs")


def _blocks(text: str, lang: str) -> list[str]:
    """The fenced blocks of one language, e.g. every ```yaml block."""
    return re.findall(rf"^```{lang}\n(.*?)^```$", text, re.S | re.M)


def test_ledger_doc_shows_real_output() -> None:
    text = LEDGER_DOC.read_text("utf-8")
    assert text.count("<!-- run: mofan-rules") >= 10
    assert text == _generate()["fill_cli_doc"](text), "stale: run python scripts/generate_docs.py"
    # The page's claims about its own outputs.
    assert "total (总分): 93.35 / 102" in text  # the CSV scores as the YAML does
    assert "clerk-2026.xlsx[台账] row 4" in text  # a merged item cell counts for row 4
    assert "[考核数据]:1:" in text  # a workbook's problem names its sheet
    assert "(did you mean 'light_sanction (党纪政务轻处分)'?)" in text  # over labels too
    assert "（是否想写 'single (单项工作)'？）" in text  # and in Chinese


def test_ledger_doc_keys_table_is_generated_from_the_rulebook(rulebook: Rulebook) -> None:
    text = LEDGER_DOC.read_text("utf-8")
    generate = _generate()
    assert "<!-- keys: rulebooks/shifulian-2026.yaml -->" in text
    assert text == generate["fill_keys"](text), "stale: run python scripts/generate_docs.py"
    table = generate["keys_markdown"](rulebook)
    for item in rulebook.items:
        for sit in item.situations:
            assert f"`{sit.key}` " in table
    for measure in rulebook.measures:
        assert f"| `{measure.key}` | {measure.label} |" in table


def test_ledger_doc_documents_every_field() -> None:
    # Every property of every model of the ledger's schema is named on the page.
    text = LEDGER_DOC.read_text("utf-8")
    schema = json.loads((ROOT / "schemas" / "ledger.schema.json").read_text("utf-8"))
    models = [schema, *schema["$defs"].values()]
    fields = {name for model in models for name in model.get("properties", {})}
    assert {"class", "amount", "case", "deed", "bonus", "tied", "score"} <= fields
    for name in sorted(fields):
        assert f"`{name}`" in text, name


def test_ledger_doc_examples_are_ledgers(tmp_path: Path, rulebook: Rulebook) -> None:
    # Every YAML and JSON example on the page is a ledger that loads; the JSON
    # one scores what the page says.
    from decimal import Decimal

    from mofan_rules import evaluate, load_ledger, load_rulebook

    text = LEDGER_DOC.read_text("utf-8")
    classes = load_rulebook(ROOT / "tests" / "cases" / "patterns" / "unit-classes.yaml")
    blocks = [("yaml", b) for b in _blocks(text, "yaml")] + [
        ("json", b) for b in _blocks(text, "json")
    ]
    assert len(blocks) >= 5
    for n, (suffix, block) in enumerate(blocks):
        file = tmp_path / f"block-{n}.{suffix}"
        file.write_text(block, "utf-8")
        # The one example of a class is for a rulebook with classes.
        load_ledger(file, classes if block.startswith("class:") else rulebook)
    (json_block,) = _blocks(text, "json")
    file = tmp_path / "ledger.json"
    file.write_text(json_block, "utf-8")
    assert evaluate(rulebook, load_ledger(file, rulebook)).total == Decimal("97.3")
    assert "This scores 97.3" in text


def test_ledger_doc_csv_is_the_example_file() -> None:
    text = LEDGER_DOC.read_text("utf-8")
    (block,) = _blocks(text, "csv")
    assert block == (ROOT / "examples" / "sheets" / "typical-year.csv").read_text("utf-8")


def test_csv_example_is_the_typical_year(rulebook: Rulebook) -> None:
    # examples/sheets/typical-year.csv, written with labels, item titles and
    # Excel's dates, is the same ledger as examples/typical-year.yaml.
    from mofan_rules import evaluate, load_ledger

    yaml_ledger = load_ledger(ROOT / "examples" / "typical-year.yaml", rulebook)
    csv_ledger = load_ledger(ROOT / "examples" / "sheets" / "typical-year.csv", rulebook)
    assert csv_ledger == yaml_ledger
    assert evaluate(rulebook, csv_ledger).to_json() == evaluate(rulebook, yaml_ledger).to_json()


def test_ledger_doc_python_runs(capsys: pytest.CaptureFixture[str]) -> None:
    text = LEDGER_DOC.read_text("utf-8")
    (block,) = _blocks(text, "python")
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        exec(compile(block, "ledger-format.md", "exec"), {})  # the page's own example
    finally:
        os.chdir(cwd)
    printed = capsys.readouterr().out
    assert printed.startswith("93.35\n")  # as the comment says
    assert "/records/0/tier: 'criticism' 没有档次 '市'" in printed


def test_ledger_doc_schema_is_the_published_one() -> None:
    # The page says `mofan-rules schema ledger` (and `schema facts`) print the file.
    generate = _generate()
    published = (ROOT / "schemas" / "ledger.schema.json").read_text("utf-8")
    assert generate["run"]("schema ledger") == published
    assert generate["run"]("schema facts") == published


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(text: str) -> set[str]:
    outside = re.sub(r"^```.*?^```$", "", text, flags=re.S | re.M)
    return {_slug(h) for h in re.findall(r"^#{1,6} (.+)$", outside, re.M)}


def test_ledger_doc_links_resolve() -> None:
    text = LEDGER_DOC.read_text("utf-8")
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    assert any(link.startswith("spreadsheets.md#") for link in links)
    for link in links:
        if "://" in link:
            continue
        name, _, anchor = link.partition("#")
        target = LEDGER_DOC if not name else LEDGER_DOC.parent / name
        assert target.is_file(), link
        if anchor:
            assert anchor in _anchors(target.read_text("utf-8")), link
