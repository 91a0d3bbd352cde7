"""The models accept exactly what the JSON Schemas accept.

The loaders let the pydantic model decide first and ask the JSON Schema only
for the words of its errors (``mofan_rules.source.validated``). That is sound
only if the two agree on every document, so this test mutates the shipped
documents (values swapped for other types, out-of-range numbers, keys removed
and added) and checks that model and schema give the same verdict each time,
for each of the four published schemas: rulebook, overlay, ledger, cases.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from mofan_rules.ledger import Ledger
from mofan_rules.rulebook import Overlay, Rulebook
from mofan_rules.scoring import CaseFile
from mofan_rules.source import Document, parse_document
from mofan_rules.source._schema import validate

ROOT = Path(__file__).resolve().parent.parent


def _data(path: Path) -> Any:
    return parse_document(path.read_bytes(), path.name).data


# An organ's overlay over the shipped edition, as the format documents it.
OVERLAY: dict[str, Any] = {
    "schema_version": 2,
    "extends": {"id": "shifulian-mofan-jiguan", "version": "2026.1"},
    "id": "some-organ",
    "version": "2026.1",
    "title": "某机关任务分解表",
    "unit": "某机关",
    "source_document": "某机关〔2026〕1号",
    "rows": [
        {"number": 1, "leaders": ["张三"], "responsible_offices": ["办公室"], "note": "x"},
        {"number": 2, "assessing_departments": ["组织部"]},
    ],
}

DOCUMENTS: list[tuple[str, type[BaseModel], Any]] = [
    ("rulebook", Rulebook, _data(ROOT / "rulebooks" / "shifulian-2026.yaml")),
    *(
        ("rulebook", Rulebook, _data(p))
        for p in sorted((ROOT / "rulebooks" / "genre").glob("*.yaml"))
        if not p.name.endswith(".cases.yaml")
    ),
    ("overlay", Overlay, OVERLAY),
    ("cases", CaseFile, _data(ROOT / "rulebooks" / "shifulian-2026.cases.yaml")),
    *(("ledger", Ledger, _data(p)) for p in sorted((ROOT / "examples").glob("*.yaml"))),
]

# Values of every kind the YAML reader can produce, including edge cases.
VALUES = st.sampled_from(
    [
        None, True, False, 0, 1, -1, 2, 12, 100_001, 10**9, Decimal("0.5"), Decimal("-0.5"), Decimal("0"),
        Decimal("1.0"), Decimal("2.5"), Decimal("1E+3"), Decimal("1000.5"), "", "2", "0.5", "x", "central",
        "2026-01-01", "2026-13-01", "a_b", "A", "97.5%", [], [1], {}, {"k": 1}, {"rank": 3},
        {"rank": 3, "of": 2},
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


def _agree(model: type[BaseModel], data: Any) -> None:
    schema_ok = not validate(Document(data, "<mutated>", {}, {}), model)
    errors = _model_errors(model, data)
    if schema_ok and errors:
        # A date the calendar lacks (2026-13-01) is the one thing the schema's
        # `format: date` does not check; the model refuses it and says why.
        assert all(e["type"].startswith("date") for e in errors), errors
        return
    assert schema_ok == (not errors), errors


@pytest.mark.parametrize(
    ("name", "model", "data"), DOCUMENTS, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(DOCUMENTS)]
)
def test_every_seed_is_valid_for_both(name: str, model: type[BaseModel], data: Any) -> None:
    assert _model_errors(model, data) == []
    assert validate(Document(data, name, {}, {}), model) == []


def test_the_check_tells_a_refusal() -> None:
    # The oracle is not blind: a wrong type is refused by both, an extra key by both.
    for bad in ({**OVERLAY, "schema_version": "2"}, {**OVERLAY, "extra": 1}):
        assert _model_errors(Overlay, bad)
        assert validate(Document(bad, "x", {}, {}), Overlay)
        _agree(Overlay, bad)


@settings(max_examples=400)
@given(mutated())
def test_model_and_schema_agree(case: tuple[str, type[BaseModel], Any]) -> None:
    _name, model, data = case
    _agree(model, data)
