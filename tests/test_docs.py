"""Docs written from the rulebook are up to date."""

from __future__ import annotations

from pathlib import Path

from mofan_rules import Rulebook
from mofan_rules.render import interpretations_markdown

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
    assert text.count("```diff") >= 4
    assert text == generate["walkthrough"](text, tmp_path), (
        "stale: run python scripts/generate_docs.py"
    )
    assert "39 of 39 cases pass" in text
