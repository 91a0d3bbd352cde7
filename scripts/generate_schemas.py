"""Regenerate schemas/*.schema.json from the pydantic models.

Run after changing src/mofan_rules/model.py or ledger.py:

    python scripts/generate_schemas.py

tests/test_schema.py fails while the checked-in files are stale.
"""

from pathlib import Path

from mofan_rules.schema import schema_text

ROOT = Path(__file__).resolve().parent.parent

for name in ("rulebook", "facts", "cases"):
    target = ROOT / "schemas" / f"{name}.schema.json"
    target.write_text(schema_text(name), encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")
