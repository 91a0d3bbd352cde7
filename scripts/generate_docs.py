"""Regenerate the docs that are written from the shipped rulebook.

    python scripts/generate_docs.py

tests/test_docs.py fails while they are stale.
"""

from pathlib import Path

from mofan_rules import load_rulebook
from mofan_rules.render import interpretations_markdown

ROOT = Path(__file__).resolve().parent.parent
target = ROOT / "docs" / "interpretations.md"
target.write_text(interpretations_markdown(load_rulebook()), encoding="utf-8")
print(f"wrote {target.relative_to(ROOT)}")
