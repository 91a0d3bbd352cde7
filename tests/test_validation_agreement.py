"""The models accept exactly what the JSON Schemas accept.

The loader lets the pydantic model decide first and asks the JSON Schema only
for the words of its errors (see ``loader._validated``). That is sound only if
the two agree on every document, so this test mutates the shipped documents
(values swapped for other types, out-of-range numbers, keys removed and
added) and checks that model and schema give the same verdict each time.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from mofan_rules.cases import CaseFile
from mofan_rules.ledger import Ledger
from mofan_rules.model import Rulebook
from mofan_rules.schema import validate
from mofan_rules.source import Document, parse_document

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS: list[tuple[str, type[BaseModel], Any]] = [
    (
        "rulebook",
        Rulebook,
        parse_document((ROOT / "rulebooks" / "shifulian-2026.yaml").read_bytes()).data,
    ),
    (
        "cases",
        CaseFile,
        parse_document((ROOT / "rulebooks" / "shifulian-2026.cases.yaml").read_bytes()).data,
    ),
    *(
        ("facts", Ledger, parse_document(p.read_bytes()).data)
        for p in sorted((ROOT / "examples").glob("*.yaml"))
    ),
]

# Values of every kind the YAML reader can produce, including edge cases.
VALUES = st.sampled_from(
    [
        None, True, False, 0, 1, -1, 2, 12, 100_001, 10**9, Decimal("0.5"), Decimal("-0.5"), Decimal("0"),
        Decimal("1.0"), Decimal("2.5"), Decimal("1E+3"), Decimal("1000.5"), "", "2", "0.5", "x", "central",
        "2026-01-01", "2026-13-01", "a_b", "A", [], [1], {}, {"k": 1}, {"rank": 3}, {"rank": 3, "of": 2},
    ]
)  # fmt: skip


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, (*path, i))
    return out


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, type[BaseModel], Any]:
    name, model, original = draw(st.sampled_from(DOCUMENTS))
    data = copy.deepcopy(original)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(data, path)
        action = draw(st.sampled_from(["replace", "replace", "replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = copy.deepcopy(draw(VALUES))
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "amout", "note", "tier"]))] = copy.deepcopy(
                draw(VALUES)
            )
    return name, model, data


def _model_errors(model: type[BaseModel], data: Any) -> list[Any]:
    try:
        model.model_validate(data)
    except ValidationError as exc:
        return list(exc.errors())
    return []


@settings(max_examples=1000)
@given(mutated())
def test_model_and_schema_agree(case: tuple[str, type[BaseModel], Any]) -> None:
    name, model, data = case
    schema_ok = not validate(Document(data, "<mutated>", {}, {}), name)
    errors = _model_errors(model, data)
    if schema_ok and errors:
        # A date the calendar lacks (2026-13-01) is the one thing the schema's
        # `format: date` does not check; the model refuses it and says why.
        assert all(e["type"].startswith("date") for e in errors), errors
        return
    assert schema_ok == (not errors)
