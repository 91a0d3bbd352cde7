"""Docs written from the rulebook are up to date."""

from __future__ import annotations

from pathlib import Path

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
