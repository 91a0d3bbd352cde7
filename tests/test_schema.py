"""The checked-in schemas match the models, and every property explains itself."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from mofan_rules.schema import build_schema, schema_text

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", ["rulebook", "facts", "cases"])
def test_checked_in_schema_is_up_to_date(name: str) -> None:
    checked_in = (ROOT / "schemas" / f"{name}.schema.json").read_text("utf-8")
    assert checked_in == schema_text(name), "stale schema: run python scripts/generate_schemas.py"


@pytest.mark.parametrize("name", ["rulebook", "facts", "cases"])
def test_schema_is_valid_2020_12(name: str) -> None:
    schema = build_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def _properties(node: Any, where: str = "") -> list[tuple[str, dict[str, Any]]]:
    found = []
    if isinstance(node, dict):
        for key, prop in node.get("properties", {}).items():
            found.append((f"{where}.{key}", prop))
        for key, value in node.items():
            found += _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _properties(value, f"{where}[{i}]")
    return found


@pytest.mark.parametrize("name", ["rulebook", "facts", "cases"])
def test_every_property_has_a_description(name: str) -> None:
    missing = [
        where for where, prop in _properties(build_schema(name)) if not prop.get("description")
    ]
    assert missing == []


def test_shipped_rulebook_points_editors_at_the_schema() -> None:
    first = (ROOT / "rulebooks" / "shifulian-2026.yaml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/rulebook.schema.json"
    assert json.loads((ROOT / "schemas" / "rulebook.schema.json").read_text("utf-8"))["title"]
