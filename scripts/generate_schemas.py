"""Regenerate schemas/*.schema.json from the pydantic models.

Run after changing a model (rulebook, overlay, ledger or cases):

    python scripts/generate_schemas.py          # write the four files
    python scripts/generate_schemas.py --check  # exit 1 if any is stale

Each schema is ``mofan_rules.source.build_schema(model, name, title,
description)`` with the (name, title, description) its package publishes;
tests/test_schema.py fails while a checked-in file is stale.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pydantic import BaseModel

from mofan_rules.ledger import LEDGER_SCHEMA, Ledger
from mofan_rules.rulebook import OVERLAY_SCHEMA, RULEBOOK_SCHEMA, Overlay, Rulebook
from mofan_rules.scoring import CASES_SCHEMA, CaseFile
from mofan_rules.source import build_schema

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"


def documents() -> dict[str, tuple[type[BaseModel], str, str]]:
    """Every published schema: file name → (model, title, description)."""
    found: dict[str, tuple[type[BaseModel], str, str]] = {}
    for model, (name, title, description) in (
        (Rulebook, RULEBOOK_SCHEMA),
        (Overlay, OVERLAY_SCHEMA),
        (Ledger, LEDGER_SCHEMA),
        (CaseFile, CASES_SCHEMA),
    ):
        found[name] = (model, title, description)
    return found


def schema_text(name: str) -> str:
    """The checked-in text of one schema: stable, UTF-8, two-space indent, a final newline."""
    model, title, description = documents()[name]
    schema = build_schema(model, name, title, description)
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only say which files are stale")
    args = parser.parse_args(argv)
    stale = []
    for name in documents():
        target = SCHEMAS / f"{name}.schema.json"
        text = schema_text(name)
        current = target.read_text("utf-8") if target.exists() else None
        if current == text:
            continue
        stale.append(target)
        if not args.check:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)}")
    if args.check:
        for target in stale:
            print(f"stale: {target.relative_to(ROOT)}")
        return 1 if stale else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
