"""The checked-in schemas match the models, and every property explains itself.

The four published schemas (rulebook, overlay, ledger, cases) are written by
``scripts/generate_schemas.py`` from ``mofan_rules.source.build_schema`` and
the (name, title, description) each package publishes.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from mofan_rules.ledger import LEDGER_SCHEMA, Ledger
from mofan_rules.rulebook import OVERLAY_SCHEMA, RULEBOOK_SCHEMA, Overlay, Rulebook
from mofan_rules.scoring import CASES_SCHEMA, CaseFile
from mofan_rules.source import build_schema

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["rulebook", "overlay", "ledger", "cases"]


def _script() -> ModuleType:
    path = ROOT / "scripts" / "generate_schemas.py"
    spec = importlib.util.spec_from_file_location("generate_schemas", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATE = _script()


def _schema(name: str) -> dict[str, Any]:
    model, title, description = GENERATE.documents()[name]
    return build_schema(model, name, title, description)


def test_the_script_publishes_exactly_the_four_schemas() -> None:
    documents = GENERATE.documents()
    assert list(documents) == NAMES
    assert documents["rulebook"][0] is Rulebook
    assert documents["overlay"][0] is Overlay
    assert documents["ledger"][0] is Ledger
    assert documents["cases"][0] is CaseFile
    for name, published in zip(
        NAMES, (RULEBOOK_SCHEMA, OVERLAY_SCHEMA, LEDGER_SCHEMA, CASES_SCHEMA), strict=True
    ):
        assert published[0] == name
        assert documents[name][1:] == published[1:]
    on_disk = sorted(p.name for p in (ROOT / "schemas").glob("*.json"))
    # facts.schema.json was the ledger's schema before 0.2; ledger.schema.json replaces it.
    assert on_disk == sorted(f"{n}.schema.json" for n in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_checked_in_schema_is_up_to_date(name: str) -> None:
    checked_in = (ROOT / "schemas" / f"{name}.schema.json").read_text("utf-8")
    assert checked_in == GENERATE.schema_text(name), (
        "stale schema: run python scripts/generate_schemas.py"
    )


def test_the_script_check_mode_finds_a_stale_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(GENERATE, "SCHEMAS", tmp_path)
    monkeypatch.setattr(GENERATE, "ROOT", tmp_path)
    assert GENERATE.main(["--check"]) == 1  # nothing there yet: all four stale
    assert capsys.readouterr().out.count("stale:") == 4
    assert GENERATE.main([]) == 0
    assert GENERATE.main(["--check"]) == 0
    (tmp_path / "ledger.schema.json").write_text("{}\n", "utf-8")
    assert GENERATE.main(["--check"]) == 1
    assert "ledger.schema.json" in capsys.readouterr().out


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_valid_2020_12(name: str) -> None:
    schema = _schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/{name}.schema.json")
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


# Properties of the format-2 models that have no description yet (the models
# are not this test's to change). The list is exact: a new gap fails, and so
# does a gap filled, so that the list is shortened with it.
UNDESCRIBED: dict[str, list[str]] = {
    "rulebook": [
        "/$defs/Ladder.by_class",
        "/$defs/LadderByClass.amounts",
        "/$defs/LadderByClass.otherwise",
        "/$defs/PerOccurrenceByClass.amount",
        "/$defs/PerOccurrenceByClass.range",
        "/$defs/PerOccurrenceByClass.multiplier",
        "/$defs/PerOccurrenceByClass.per_record_cap",
        "/$defs/PerUnit.by_class",
        "/$defs/PerUnitByClass.threshold",
        "/$defs/PerUnitByClass.step",
        "/$defs/PerUnitByClass.amount",
        "/$defs/Rank.by_class",
        "/$defs/RankByClass.places",
        "/$defs/RankByClass.amount",
        "/$defs/RankByClass.score_below",
        "/$defs/Threshold.by_class",
        "/$defs/ThresholdByClass.cliffs",
    ],
    "overlay": [".note", "/$defs/OverlayRow.note"],
    "ledger": [],
    "cases": [],
}


@pytest.mark.parametrize("name", NAMES)
def test_every_property_has_a_description(name: str) -> None:
    missing = [where for where, prop in _properties(_schema(name)) if not prop.get("description")]
    assert missing == UNDESCRIBED[name]


def test_shipped_files_point_editors_at_the_schema() -> None:
    shipped = ROOT / "rulebooks"
    first = (shipped / "shifulian-2026.yaml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/rulebook.schema.json"
    first = (shipped / "shifulian-2026.cases.yaml").read_text("utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=../schemas/")
    named = first.rsplit("/", 1)[1]
    assert (ROOT / "schemas" / named).is_file(), named
    assert json.loads((ROOT / "schemas" / "rulebook.schema.json").read_text("utf-8"))["title"]
