"""Format 1 → 2: the shipped 2026 table scores exactly as before, and v1 files keep loading.

``tests/cases/v1/shifulian-2026.v1.yaml`` is the 2026 rulebook as it shipped
in format 1; ``rulebooks/shifulian-2026.yaml`` is the same table in format 2,
written by hand (the 通报批评 tiers once, as a tier set). The differential
test scores 10,000 generated ledgers under both and finds identical reports.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from mofan_rules import Ledger, evaluate, load_rulebook
from mofan_rules.cli import main
from mofan_rules.errors import RulebookError, Severity
from mofan_rules.rulebook import (
    MeasureKind,
    PerOccurrence,
    content_hash,
    diff_rulebooks,
    read_rulebook,
    resolve_tiers,
)
from mofan_rules.rulebook._migrate import item_title

ROOT = Path(__file__).resolve().parent.parent
V1 = ROOT / "tests" / "cases" / "v1" / "shifulian-2026.v1.yaml"
V2 = ROOT / "rulebooks" / "shifulian-2026.yaml"
OLD = load_rulebook(V1)
NEW = load_rulebook(V2)


def _without_ref(ledger: Ledger, rulebook: object) -> dict[str, object]:
    data = evaluate(rulebook, ledger).model_dump()  # type: ignore[arg-type]
    # The reference names the rulebook file's whole meaning, readings included;
    # the v2 file adds two readings, so only the reference may differ.
    data.pop("rulebook")
    return data


def _random_ledger(rng: random.Random) -> dict[str, Any]:
    """A ledger of realistic size from the v1 rulebook: any situation, tier, modifier, figure, award."""
    records: list[dict[str, Any]] = []
    used: dict[tuple[int, str], int] = {}
    situations = [
        (i.number, s) for i in OLD.items for s in i.situations if isinstance(s, PerOccurrence)
    ]
    for _ in range(rng.randint(0, 20)):
        number, sit = rng.choice(situations)
        tiers = resolve_tiers(OLD, sit)
        room = (sit.max_count or 6) - used.get((number, sit.key), 0)
        if room <= 0:
            continue
        count = rng.randint(1, min(6, room))
        used[(number, sit.key)] = used.get((number, sit.key), 0) + count
        record: dict[str, Any] = {"item": number, "situation": sit.key, "count": count}
        if tiers:
            record["tier"] = rng.choice(tiers).key
        if sit.modifiers:
            record["modifiers"] = rng.sample(sit.modifiers, rng.randint(0, len(sit.modifiers)))
        records.append(record)
    measures: dict[str, Any] = {}
    for m in OLD.measures:
        if rng.random() < 0.7:
            if m.kind is MeasureKind.COUNT:
                measures[m.key] = rng.randint(0, 24)
            elif m.kind is MeasureKind.RATE:
                measures[m.key] = Decimal(rng.randint(0, 1000)) / 1000
            else:
                of = rng.randint(1, 120)
                rank = rng.randint(1, of)
                measures[m.key] = {
                    "rank": rank,
                    "of": of,
                    "tied": rng.randint(1, of - rank + 1),
                    "score": Decimal(rng.randint(600, 1000)) / 10,
                }
    bonus = OLD.bonuses[0]
    levels = getattr(bonus, "levels", [])
    mods = getattr(bonus, "modifiers", [])
    awards = [
        {
            "level": lv.key,
            "scope": rng.choice(list(lv.amounts)),
            "modifiers": rng.sample(mods, rng.randint(0, len(mods))),
        }
        for lv in rng.choices(levels, k=rng.randint(0, 3))
    ]
    return {"records": records, "measures": measures, "awards": awards}


@pytest.mark.slow
@pytest.mark.parametrize("part", range(4))
def test_v1_and_v2_forms_give_identical_reports(part: int) -> None:
    # Fixed: the same 10,000 ledgers every run, in four parts of 2,500 so the
    # suite's workers share them.
    rng = random.Random(f"2026:{part}")
    for _ in range(2_500):
        ledger = Ledger.model_validate(_random_ledger(rng))
        assert _without_ref(ledger, OLD) == _without_ref(ledger, NEW)


def test_v1_loads_with_a_warning_naming_the_command() -> None:
    loaded = read_rulebook(V1)
    warnings = [w for w in loaded.warnings if w.severity is Severity.WARNING]
    first = warnings[0]
    assert first.code == "format_1"
    assert first.line == 9  # why: `schema_version: 1` is on line 9 of the v1 file
    assert "mofan-rules migrate" in first.hint
    # The v1 file has no readings for 2 and 12, which its source text does not print.
    assert [w.code for w in warnings[1:]] == ["number_not_in_source", "number_not_in_source"]


def test_the_two_forms_differ_only_in_readings() -> None:
    diff = diff_rulebooks(read_rulebook(V1), read_rulebook(V2))
    assert {c.address.split(" › ")[0] for c in diff.changes} == {
        "interpretation tiers_pair_and_cap_separately",  # its pointer now names the tier set
        "interpretation half_yearly_twice",  # added: 2 is not printed in the source
        "interpretation monthly_twelve",  # added: 12 is not printed in the source
    }


def test_migrate_writes_a_file_that_means_the_same(tmp_path: Path) -> None:
    out = tmp_path / "v2.yaml"
    assert main(["migrate", str(V1), "--out", str(out)]) == 0
    assert content_hash(load_rulebook(out)) == content_hash(OLD)
    assert "schema_version: 2" in out.read_text("utf-8")


def test_migrate_keeps_the_opening_comments_and_counts_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = V1.read_text("utf-8")
    opening = [line for line in old.splitlines()[:7] if "yaml-language-server" not in line]
    assert opening[1].startswith("# 市妇联创建")  # the header the test relies on
    # One comment further in: it cannot travel with the data, and the command says so.
    inner = old.replace(
        'version: "2026.1"\n', 'version: "2026.1"\n# asked the office on 3 March\n', 1
    )
    assert inner != old
    source = tmp_path / "v1.yaml"
    source.write_text(inner, "utf-8")
    out = tmp_path / "v2.yaml"
    for lang, words in (
        ("en", "1 comment line(s) inside the old file"),
        ("zh", "正文中的 1 行注释"),
    ):
        assert main(["migrate", str(source), "--out", str(out), "--lang", lang]) == 0
        lines = out.read_text("utf-8").splitlines()
        assert lines[0].startswith("# yaml-language-server: $schema=")
        assert lines[1 : 1 + len(opening)] == opening
        assert "asked the office" not in out.read_text("utf-8")
        assert words in capsys.readouterr().err
        out.unlink()
    # The shipped format-1 file has comments only at the top: nothing to report.
    assert main(["migrate", str(V1), "--out", str(out)]) == 0
    assert capsys.readouterr().err == ""


def test_migrate_refuses_a_v2_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate", str(V2), "--out", str(tmp_path / "x.yaml")]) == 1
    assert "migrate_not_v1" not in capsys.readouterr().err  # the message, not its code
    assert not (tmp_path / "x.yaml").exists()


def test_errors_in_a_v1_file_are_placed_in_the_v1_file(tmp_path: Path) -> None:
    text = V1.read_text("utf-8").replace("required: 12\n", "required: -1\n")
    (tmp_path / "bad.yaml").write_text(text, "utf-8")
    with pytest.raises(RulebookError) as err:
        load_rulebook(tmp_path / "bad.yaml")
    problem = err.value.problems[0]
    # The v1 file writes `required`; the message names it so, at its own line.
    assert problem.path[-1] == "required"
    assert text.splitlines()[problem.line - 1].strip() == "required: -1"


@pytest.mark.parametrize(
    ("source", "title"),
    [
        ("3.加强领导班子建设。执行集体领导", "加强领导班子建设"),
        ("1.坚决贯彻党中央决策部署，认真落实省委、市委部署要求。受到", "坚决贯彻党中央决策部署"),
        ("13.谈心谈话制度未按要求落实的扣0.5分。此项最多扣2分。", "谈心谈话制度未按要求落实"),
    ],
)
def test_item_titles_from_source(source: str, title: str) -> None:
    assert item_title(source) == title
