"""Overlays: one base edition (考评办法), and each organ's 任务分解表 over it.

An overlay names its base (``extends: {id, version[, file]}``) and sets only
the people of rows (leaders, assessing departments, responsible offices) and
its own id, version, title, unit, source document and period; every item,
amount and cap is the base's. The fixtures in ``tests/cases/overlays/`` are a
small base (``base-2026.yaml``), two organs' overlays over it and a ledger
pinned to each; other folders are put together in ``tmp_path`` from them and
from the shipped rulebook, with exact text replacements (each must match once).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from mofan_rules.cli import main
from mofan_rules.errors import RulebookError
from mofan_rules.ledger import load_ledger
from mofan_rules.rulebook import (
    BaseRef,
    Rulebook,
    content_hash,
    diff_rulebooks,
    load_rulebook,
    load_rulebooks,
    parse_rulebook,
    read_rulebook,
    scoring_hash,
)
from mofan_rules.scoring import ScoreReport, evaluate

ROOT = Path(__file__).resolve().parent.parent
OVERLAYS = Path(__file__).resolve().parent / "cases" / "overlays"
BASE = OVERLAYS / "base-2026.yaml"
BASE_CASES = OVERLAYS / "base-2026.cases.yaml"
ORGAN_A = OVERLAYS / "organ-a.yaml"
ORGAN_B = OVERLAYS / "organ-b.yaml"
LEDGERS = OVERLAYS / "ledgers"
LEDGER_A = LEDGERS / "organ-a-2026.yaml"
LEDGER_B = LEDGERS / "organ-b-2026.yaml"
BASE_TEXT = BASE.read_text(encoding="utf-8")
ORGAN_A_TEXT = ORGAN_A.read_text(encoding="utf-8")
ORGAN_B_TEXT = ORGAN_B.read_text(encoding="utf-8")
SHIPPED = ROOT / "rulebooks" / "shifulian-2026.yaml"
EXAMPLES = ROOT / "examples"

PEOPLE = ("leaders", "assessing_departments", "responsible_offices")
METADATA = ("id", "version", "title", "unit", "source_document", "effective")
# What a diff between two overlays of one base may report: their own metadata
# and the people of rows.
OWN = {*METADATA, *(f"row {n} › {name}" for n in range(1, 4) for name in PEOPLE)}

# Item 4's amount in the base, for a base edited under its overlays.
TASK_AMOUNT = "                source: 未按要求完成任务的，每项扣1分\n                amount: 1\n"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English whatever the machine's locale."""
    monkeypatch.setenv("LC_ALL", "C.UTF-8")


def replace_once(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced by ``new``; ``old`` must occur exactly once."""
    count = text.count(old)
    assert count == 1, f"expected {old!r} exactly once, found it {count} time(s)"
    return text.replace(old, new)


def line_col(text: str, snippet: str, value: str | None = None) -> tuple[int, int]:
    """Line and column of ``value`` (default: the start) inside the one ``snippet``."""
    assert text.count(snippet) == 1, f"{snippet!r} not found exactly once"
    index = text.index(snippet) + (snippet.index(value) if value else 0)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def folder(path: Path, files: dict[str, str]) -> Path:
    """A folder of rulebook files with the given texts."""
    path.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


def people(rulebook: Rulebook) -> dict[int, tuple[list[str], ...]]:
    return {row.number: tuple(getattr(row, name) for name in PEOPLE) for row in rulebook.rows}


def without_people_and_metadata(rulebook: Rulebook) -> dict[str, Any]:
    """The rulebook as data, less what an overlay may set (and the base it names)."""
    data = rulebook.model_dump(exclude={*METADATA, "base"})
    for indicator in data["indicators"]:
        for row in indicator["rows"]:
            for name in (*PEOPLE, "note"):
                del row[name]
    return data


# ---------------------------------------------------------------- loading


def test_an_overlay_is_its_base_with_its_own_people_and_metadata() -> None:
    base = read_rulebook(BASE)
    loaded = read_rulebook(ORGAN_A)
    rb = loaded.rulebook
    assert base.rulebook.base is None
    assert rb.base == BaseRef(id="organs-base", version="2026.1")
    assert loaded.base is not None
    assert Path(loaded.base.document.file).name == "base-2026.yaml"
    assert loaded.base.rulebook == base.rulebook
    assert Path(loaded.document.file).name == "organ-a.yaml"  # positions are the overlay's
    assert loaded.warnings == ()
    assert people(rb) == {
        # Leaders and offices its own; the department not given: the base's.
        1: (["张三"], ["市委办"], ["综合科"]),
        # A row it does not list: the base's people.
        2: (["基础领导乙"], ["市纪委"], ["纪检组"]),
        3: (["李四", "王五"], ["市委组织部", "市直机关工委"], ["人事科"]),
    }
    assert (rb.id, rb.version, rb.title, rb.unit, rb.source_document) == (
        "organ-a",
        "2026.1",
        "甲单位考评任务分解表",
        "甲单位",
        "甲单位任务分解表（测试）",
    )
    assert rb.effective == base.rulebook.effective  # not set: the base's period
    assert rb.total_points == base.rulebook.total_points == 20


def test_a_row_note_in_an_overlay_is_kept() -> None:
    rb = load_rulebook(ORGAN_B)
    assert rb.rows[1].note == "乙单位 has no 纪检组; its 监督科 answers for row 2."
    assert rb.rows[0].note is None


@pytest.mark.parametrize("overlay", [ORGAN_A, ORGAN_B], ids=lambda p: p.stem)
def test_an_overlay_changes_nothing_that_scores(overlay: Path) -> None:
    base = load_rulebook(BASE)
    rb = load_rulebook(overlay)
    assert people(rb) != people(base)
    assert without_people_and_metadata(rb) == without_people_and_metadata(base)
    assert scoring_hash(rb) == scoring_hash(base)
    assert content_hash(rb) != content_hash(base)


def test_the_two_overlays_share_the_scoring_hash_only() -> None:
    a, b = load_rulebook(ORGAN_A), load_rulebook(ORGAN_B)
    assert scoring_hash(a) == scoring_hash(b)
    assert content_hash(a) != content_hash(b)


def test_an_edited_base_changes_its_overlays_scoring_hash(tmp_path: Path) -> None:
    # The equal hashes above are not equal by accident: a rule edited in the base
    # shows in the hash of every overlay over it.
    edited = replace_once(BASE_TEXT, TASK_AMOUNT, TASK_AMOUNT.replace("amount: 1", "amount: 2"))
    lib = folder(tmp_path / "edited", {"base-2026.yaml": edited, "organ-a.yaml": ORGAN_A_TEXT})
    rb = load_rulebook(lib / "organ-a.yaml")
    assert str(rb.items[3].situations[0].amount) == "2"  # type: ignore[union-attr]
    assert scoring_hash(rb) != scoring_hash(load_rulebook(ORGAN_A))
    assert scoring_hash(rb) == scoring_hash(load_rulebook(lib / "base-2026.yaml"))


def test_the_fixture_folder_loads_and_a_pin_picks_an_overlay() -> None:
    loaded = load_rulebooks(OVERLAYS)
    assert sorted((lr.rulebook.id, lr.rulebook.base is not None) for lr in loaded) == [
        ("organ-a", True),
        ("organ-b", True),
        ("organs-base", False),
    ]
    assert load_rulebook(OVERLAYS, pin=("organ-b", "2026.1")).unit == "乙单位"
    # The base and its overlays share the period: a date alone cannot pick one.
    with pytest.raises(RulebookError) as info:
        load_rulebook(OVERLAYS, on=dt.date(2026, 5, 1))
    assert "several rulebooks are in effect for 2026-05-01 – 2026-05-01" in str(info.value)


def test_extends_may_name_the_base_file() -> None:
    text = replace_once(
        ORGAN_A_TEXT,
        'extends: {id: organs-base, version: "2026.1"}',
        'extends: {id: organs-base, version: "2026.1", file: base-2026.yaml}',
    )
    rb, warnings = parse_rulebook(text, "organ-a.yaml", folder=OVERLAYS)
    assert warnings == []
    assert rb == load_rulebook(ORGAN_A)


# ---------------------------------------------------------------- scoring


def figures(report: ScoreReport) -> tuple[Any, ...]:
    """Everything a report scores, without who answers for it or which rulebook it was."""
    return (
        report.total,
        report.deducted,
        report.bonus,
        {n: item.deduction for n, item in report.items.items()},
        [(row.number, row.score) for row in report.rows],
        [line.model_dump() for line in report.trail],
    )


@pytest.mark.parametrize(
    ("ledger", "total"),
    [
        # why: item 1 one central criticism 2; 2 of 12 studies missed × 1 = 2; item 4 two
        # tasks × 1 = 2: 20 − 6 (worked out in the ledger's header too).
        (LEDGER_A, Decimal(14)),
        # why: one city criticism 0.5 + one violation 1: 20 − 1.5.
        (LEDGER_B, Decimal("18.5")),
    ],
    ids=lambda v: v.stem if isinstance(v, Path) else str(v),
)
def test_every_overlay_scores_a_ledger_as_the_base_does(ledger: Path, total: Decimal) -> None:
    rulebooks = [load_rulebook(p) for p in (BASE, ORGAN_A, ORGAN_B)]
    # The ledgers are pinned to an overlay: read them under every edition regardless.
    base, a, b = (evaluate(rb, load_ledger(ledger, rb, check_pin=False)) for rb in rulebooks)
    assert base.total == total
    assert figures(a) == figures(base) == figures(b)
    assert base.rulebook.base is None
    assert a.rulebook.base == b.rulebook.base == "organs-base 2026.1"
    assert a.rulebook.scoring_hash == b.rulebook.scoring_hash == base.rulebook.scoring_hash
    assert len({base.rulebook.content_hash, a.rulebook.content_hash, b.rulebook.content_hash}) == 3
    # Who answers for a row is the overlay's.
    assert [r.leaders for r in (base.rows[0], a.rows[0], b.rows[0])] == [
        ("基础领导甲",),
        ("张三",),
        ("赵六",),
    ]


# The shipped rulebook as a base, and one organ's overlay over it.
SHIPPED_OVERLAY = """\
schema_version: 2
extends: {id: shifulian-mofan-jiguan, version: "2026.1"}
id: fulian-organ
version: "2026.1"
title: 某机关创建“模范机关”任务分解表
unit: 某机关
source_document: written for the tests
rows:
  - number: 9
    leaders: [张三]
    responsible_offices: [业务科]
"""


@pytest.fixture
def shipped_library(tmp_path: Path) -> Path:
    return folder(
        tmp_path / "books",
        {"shifulian-2026.yaml": SHIPPED.read_text(encoding="utf-8"), "organ.yaml": SHIPPED_OVERLAY},
    )


@pytest.mark.parametrize(
    ("example", "total"),
    [
        ("bad-year.yaml", "51.86"),  # why: worked out in the example's header (49.86 + 2)
        ("clean-year.yaml", "101.14"),  # why: 100 − 0.36 + 1.5, the example's header
        ("typical-year.yaml", "93.35"),  # why: 100 − 7.15 + 0.5, see tests/test_impact.py TYPICAL
    ],
)
def test_an_overlay_of_the_shipped_rulebook_scores_the_examples_alike(
    shipped_library: Path, example: str, total: str
) -> None:
    base = load_rulebook(shipped_library / "shifulian-2026.yaml")
    organ = load_rulebook(shipped_library / "organ.yaml")
    assert organ.base == BaseRef(id="shifulian-mofan-jiguan", version="2026.1")
    assert people(organ)[9] == (["张三"], ["市委办", "市政府办"], ["业务科"])
    reports = [
        evaluate(rb, load_ledger(EXAMPLES / example, rb, check_pin=False)) for rb in (base, organ)
    ]
    assert str(reports[0].total) == total
    assert figures(reports[1]) == figures(reports[0])


def test_the_bases_cases_pass_under_an_overlay(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = folder(tmp_path / "books", {"base-2026.yaml": BASE_TEXT, "organ-a.yaml": ORGAN_A_TEXT})
    shutil.copyfile(BASE_CASES, lib / "organ-a.cases.yaml")
    assert main(["test", str(lib / "organ-a.yaml")]) == 0
    assert capsys.readouterr().out.endswith("organ-a.cases.yaml: 3 of 3 cases pass\n")


def test_score_shows_the_overlays_people_and_its_base(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(LEDGER_A), "--rulebook", str(OVERLAYS), "-f", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["rulebook"]["id"], report["rulebook"]["base"]) == (
        "organ-a",
        "organs-base 2026.1",
    )
    assert report["total"] == "14"  # why: see the ledger's header (20 − 2 − 2 − 2)
    assert report["rows"][0]["leaders"] == ["张三"]
    assert report["rows"][2]["responsible_offices"] == ["人事科"]


# ---------------------------------------------------------------- refused


def refused(text: str, folder_: Path = OVERLAYS, name: str = "organ-x.yaml") -> RulebookError:
    with pytest.raises(RulebookError) as info:
        parse_rulebook(text, name, folder=folder_)
    return info.value


ROW_3 = "  - number: 3\n"
AN_ITEM = (
    "    items:\n"
    "      - number: 4\n"
    "        title: 队伍建设\n"
    "        source: 4.队伍建设。未按要求完成任务的，每项扣0.5分。\n"
    "        situations:\n"
    "          - {key: task_not_done, kind: per_occurrence, label: 未完成, source: 每项扣0.5分, amount: 0.5}\n"
)


@pytest.mark.parametrize(
    ("old", "new", "key", "pointer"),
    [
        pytest.param(
            "rows:\n",
            "indicators:\n  - {name: 政治建设, rows: []}\nrows:\n",
            "indicators",
            "/indicators",
            id="indicators",
        ),
        pytest.param(
            "rows:\n",
            "total_points: 30\nrows:\n",
            "total_points",
            "/total_points",
            id="total_points",
        ),
        pytest.param(
            "rows:\n",
            "tier_sets:\n  criticism:\n    - {key: central, label: 中央, amount: 1}\nrows:\n",
            "tier_sets",
            "/tier_sets",
            id="a tier set",
        ),
        pytest.param(
            "rows:\n",
            "grades:\n  - {key: good, label: 好, at_least: 0}\nrows:\n",
            "grades",
            "/grades",
            id="grades",
        ),
        pytest.param(ROW_3, ROW_3 + AN_ITEM, "items", "/rows/1/items", id="a row's item"),
        pytest.param(
            ROW_3, ROW_3 + "    points: 5\n", "points", "/rows/1/points", id="a row's points"
        ),
    ],
)
def test_an_overlay_that_sets_a_rule_is_refused_at_its_key(
    old: str, new: str, key: str, pointer: str
) -> None:
    text = replace_once(ORGAN_A_TEXT, old, new)
    (problem,) = refused(text).problems
    assert problem.code == "overlay_changes_rule"
    assert problem.pointer == pointer
    indent = "    " if pointer.startswith("/rows/") else ""
    snippet = new[new.index(f"{indent}{key}:") :]
    assert (problem.line, problem.column) == line_col(text, snippet, f"{key}:")
    assert f"an overlay cannot set {key!r}" in problem.message
    assert problem.file == "organ-x.yaml"


def test_every_rule_an_overlay_sets_is_reported_at_once() -> None:
    text = replace_once(ORGAN_A_TEXT, "rows:\n", "total_points: 30\nrows:\n")
    text = replace_once(text, ROW_3, ROW_3 + "    points: 5\n")
    error = refused(text)
    assert [(p.code, p.pointer) for p in error.problems] == [
        ("overlay_changes_rule", "/total_points"),
        ("overlay_changes_rule", "/rows/1/points"),
    ]


def test_a_misspelt_overlay_key_is_refused_with_a_suggestion() -> None:
    text = replace_once(ORGAN_A_TEXT, "unit: 甲单位\n", "unit: 甲单位\ntitel: 甲\n")
    (problem,) = refused(text).problems
    assert (problem.code, problem.pointer) == ("overlay_changes_rule", "/titel")
    assert "title" in problem.hint


def test_a_row_the_base_lacks_is_refused_at_its_number() -> None:
    text = replace_once(ORGAN_A_TEXT, ROW_3, "  - number: 4\n")
    (problem,) = refused(text).problems
    assert (problem.code, problem.pointer) == ("no_such_row", "/rows/1/number")
    assert problem.message == "there is no row 4 (the table has 3)"
    assert (problem.line, problem.column) == line_col(text, "  - number: 4\n", "4")


def test_a_row_listed_twice_is_refused() -> None:
    text = replace_once(ORGAN_A_TEXT, ROW_3, "  - number: 1\n")
    (problem,) = refused(text).problems
    assert (problem.code, problem.pointer) == ("used_twice", "/rows/1/number")
    assert "1 is used twice (first at entry 1)" in problem.message


def test_a_missing_base_is_refused_at_extends(tmp_path: Path) -> None:
    # The overlay copied without its base.
    lib = folder(tmp_path / "alone", {"organ-a.yaml": ORGAN_A_TEXT})
    with pytest.raises(RulebookError) as info:
        read_rulebook(lib / "organ-a.yaml")
    (problem,) = info.value.problems
    assert (problem.code, problem.pointer) == ("base_not_found", "/extends")
    assert problem.message == "the base edition organs-base 2026.1 is not in this folder"
    assert problem.line == line_col(ORGAN_A_TEXT, "extends:")[0]
    assert Path(problem.file).name == "organ-a.yaml"


@pytest.mark.parametrize("copy_name", ["base-copy.yaml", "aa-base.yaml"])
def test_two_different_files_of_the_base_edition_are_refused(
    tmp_path: Path, copy_name: str
) -> None:
    # An edited copy left beside the base under the same id and version: which
    # one scores must not depend on the files' names (before, the first name won).
    edited = replace_once(BASE_TEXT, TASK_AMOUNT, TASK_AMOUNT.replace("amount: 1", "amount: 2"))
    lib = folder(
        tmp_path / "two",
        {"base-2026.yaml": BASE_TEXT, copy_name: edited, "organ-a.yaml": ORGAN_A_TEXT},
    )
    with pytest.raises(RulebookError) as info:
        read_rulebook(lib / "organ-a.yaml")
    (problem,) = info.value.problems
    assert (problem.code, problem.pointer) == ("base_ambiguous", "/extends")
    assert "base-2026.yaml" in problem.message
    assert copy_name in problem.message
    assert problem.line == line_col(ORGAN_A_TEXT, "extends:")[0]


def test_an_identical_copy_of_the_base_is_harmless(tmp_path: Path) -> None:
    lib = folder(
        tmp_path / "same",
        {"base-2026.yaml": BASE_TEXT, "base-copy.yaml": BASE_TEXT, "organ-a.yaml": ORGAN_A_TEXT},
    )
    assert scoring_hash(load_rulebook(lib / "organ-a.yaml")) == scoring_hash(load_rulebook(ORGAN_A))


def test_a_base_of_another_version_is_not_taken() -> None:
    # The folder holds organs-base 2026.1; the overlay asks for 2025.1.
    text = replace_once(ORGAN_A_TEXT, 'version: "2026.1"}', 'version: "2025.1"}')
    (problem,) = refused(text).problems
    assert problem.code == "base_not_found"
    assert "organs-base 2025.1" in problem.message


def test_an_overlay_read_from_text_without_a_folder_has_no_base() -> None:
    with pytest.raises(RulebookError) as info:
        parse_rulebook(ORGAN_A_TEXT, "organ-a.yaml")
    assert [p.code for p in info.value.problems] == ["base_not_found"]


def test_a_base_file_of_another_edition_is_refused() -> None:
    text = replace_once(
        ORGAN_A_TEXT,
        'extends: {id: organs-base, version: "2026.1"}',
        'extends: {id: organs-base, version: "2025.1", file: base-2026.yaml}',
    )
    (problem,) = refused(text).problems
    assert (problem.code, problem.pointer) == ("base_mismatch", "/extends")
    assert "is organs-base 2026.1, not the edition `extends` names" in problem.message


def test_a_base_file_that_does_not_exist_is_refused() -> None:
    text = replace_once(
        ORGAN_A_TEXT,
        'extends: {id: organs-base, version: "2026.1"}',
        'extends: {id: organs-base, version: "2026.1", file: gone.yaml}',
    )
    assert "gone.yaml" in str(refused(text))


def test_a_base_that_is_itself_an_overlay_is_refused(tmp_path: Path) -> None:
    over_overlay = replace_once(
        replace_once(
            ORGAN_B_TEXT,
            'extends: {id: organs-base, version: "2026.1"}',
            'extends: {id: organ-a, version: "2026.1"}',
        ),
        "id: organ-b\n",
        "id: organ-c\n",
    )
    lib = folder(
        tmp_path / "books",
        {"base-2026.yaml": BASE_TEXT, "organ-a.yaml": ORGAN_A_TEXT, "organ-c.yaml": over_overlay},
    )
    with pytest.raises(RulebookError) as info:
        read_rulebook(lib / "organ-c.yaml")
    (problem,) = info.value.problems
    assert (problem.code, problem.pointer) == ("base_is_overlay", "/extends")
    assert "organ-a.yaml is itself an overlay" in problem.message


def test_a_full_rulebook_cannot_write_its_base() -> None:
    text = BASE_TEXT + "base: {id: another, version: '1'}\n"
    with pytest.raises(RulebookError) as info:
        parse_rulebook(text, "base.yaml")
    (problem,) = info.value.problems
    assert (problem.code, problem.pointer) == ("base_not_in_files", "/base")
    assert problem.line == line_col(text, "base: {id: another")[0]


# ---------------------------------------------------------------- render


def test_render_names_the_base(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(ORGAN_A)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# 甲单位考评任务分解表\n")
    assert (
        "An organ's table over the base edition organs-base 2026.1: "
        "only the people columns are its own."
    ) in out
    assert "| 10分 | 张三 | 市委办 | 综合科 |" in out  # row 1 with the overlay's people
    assert main(["render", str(ORGAN_A), "--lang", "zh"]) == 0
    assert "本表基于基础版本 organs-base 2026.1" in capsys.readouterr().out
    assert main(["render", str(BASE)]) == 0
    assert "base edition" not in capsys.readouterr().out


def test_render_html_names_the_base(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(ORGAN_A), "--format", "html"]) == 0
    out = capsys.readouterr().out
    assert "张三" in out
    assert "organs-base 2026.1" in out


# ---------------------------------------------------------------- diff


def test_diff_between_two_overlays_of_one_base_is_people_and_metadata(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["diff", str(ORGAN_A), str(ORGAN_B), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["old"], data["new"]) == ("organ-a 2026.1", "organ-b 2026.1")
    changes = {c["address"]: (c["old"], c["new"]) for c in data["changes"]}
    assert set(changes) <= OWN
    assert changes == {
        "id": ("organ-a", "organ-b"),
        "title": ("甲单位考评任务分解表", "乙单位考评任务分解表"),
        "unit": ("甲单位", "乙单位"),
        "source_document": ("甲单位任务分解表（测试）", "乙单位任务分解表（测试）"),
        "row 1 › leaders": (["张三"], ["赵六"]),
        "row 1 › responsible_offices": (["综合科"], ["办公室"]),  # organ-b keeps the base's
        "row 2 › leaders": (["基础领导乙"], ["钱七"]),
        "row 2 › responsible_offices": (["纪检组"], ["监督科"]),
        "row 3 › leaders": (["李四", "王五"], ["基础领导乙"]),
        "row 3 › assessing_departments": (["市委组织部", "市直机关工委"], ["市委组织部"]),
        "row 3 › responsible_offices": (["人事科"], ["组织科"]),
    }
    assert data["reviews"] == []


def test_diff_of_an_overlay_with_itself_is_the_same(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(ORGAN_A), str(ORGAN_A)]) == 0
    assert "mean the same" in capsys.readouterr().out


def test_diff_of_one_overlay_over_an_edited_base_shows_the_rule(tmp_path: Path) -> None:
    old = folder(tmp_path / "old", {"base-2026.yaml": BASE_TEXT, "organ-a.yaml": ORGAN_A_TEXT})
    edited = replace_once(BASE_TEXT, TASK_AMOUNT, TASK_AMOUNT.replace("amount: 1", "amount: 2"))
    new = folder(tmp_path / "new", {"base-2026.yaml": edited, "organ-a.yaml": ORGAN_A_TEXT})
    diff = diff_rulebooks(read_rulebook(old / "organ-a.yaml"), read_rulebook(new / "organ-a.yaml"))
    assert [(c.kind, c.address, str(c.old), str(c.new)) for c in diff.changes] == [
        ("changed", "item 4 › situation task_not_done › amount", "1", "2")
    ]


def test_a_change_of_an_overlays_people_is_located_in_the_overlay() -> None:
    diff = diff_rulebooks(read_rulebook(ORGAN_A), read_rulebook(ORGAN_B))
    (change,) = [c for c in diff.changes if c.address == "row 1 › leaders"]
    assert change.old_at is not None
    assert change.new_at is not None
    assert change.old_at.line == line_col(ORGAN_A_TEXT, "leaders: [张三]")[0]
    assert change.new_at.line == line_col(ORGAN_B_TEXT, "leaders: [赵六]")[0]


def test_a_change_of_the_base_seen_through_an_overlay_is_located_in_the_base(
    tmp_path: Path,
) -> None:
    old = folder(tmp_path / "old", {"base-2026.yaml": BASE_TEXT, "organ-a.yaml": ORGAN_A_TEXT})
    edited = replace_once(BASE_TEXT, TASK_AMOUNT, TASK_AMOUNT.replace("amount: 1", "amount: 2"))
    new = folder(tmp_path / "new", {"base-2026.yaml": edited, "organ-a.yaml": ORGAN_A_TEXT})
    diff = diff_rulebooks(read_rulebook(old / "organ-a.yaml"), read_rulebook(new / "organ-a.yaml"))
    (change,) = diff.changes
    assert change.new_at is not None
    assert Path(change.new_at.file).name == "base-2026.yaml"
    assert change.new_at.line == line_col(edited, TASK_AMOUNT.replace("1\n", "2\n"), "2")[0]


def test_diff_from_a_base_to_its_overlay_asks_for_no_review(shipped_library: Path) -> None:
    base = read_rulebook(shipped_library / "shifulian-2026.yaml")
    organ = read_rulebook(shipped_library / "organ.yaml")
    assert base.rulebook.interpretations  # there are readings that could be asked about
    assert diff_rulebooks(base, organ).reviews == ()


# Item 7's 智慧党建平台 deduction in the shipped rulebook, explained by item7_platform_deduction.
PLATFORM = "                source: 智慧党建平台无扣分\n                amount: 0.5\n"


def test_an_explained_base_value_changed_under_an_overlay_is_named_for_review(
    tmp_path: Path,
) -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    edited = replace_once(text, PLATFORM, PLATFORM.replace("0.5", "1"))
    old = folder(tmp_path / "old", {"shifulian-2026.yaml": text, "organ.yaml": SHIPPED_OVERLAY})
    new = folder(tmp_path / "new", {"shifulian-2026.yaml": edited, "organ.yaml": SHIPPED_OVERLAY})
    between_bases = diff_rulebooks(
        read_rulebook(old / "shifulian-2026.yaml"), read_rulebook(new / "shifulian-2026.yaml")
    )
    assert between_bases.reviews == ("item7_platform_deduction",)
    diff = diff_rulebooks(read_rulebook(old / "organ.yaml"), read_rulebook(new / "organ.yaml"))
    assert [c.address for c in diff.changes] == ["item 7 › situation platform_deduction › amount"]
    assert diff.reviews == ("item7_platform_deduction",)


# ---------------------------------------------------------------- batch


def ranking(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_batch_ranks_ledgers_of_two_overlays_of_one_base_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ranking.csv"
    assert main(["batch", str(LEDGERS), "--rulebook", str(OVERLAYS), "--out", str(out)]) == 0
    assert f"{out}: 2 of 2 ledgers scored and ranked" in capsys.readouterr().out
    # why: organ-b 20 − 1.5 = 18.5 ranks above organ-a 20 − 6 = 14 (the ledgers' headers).
    assert [(r["rank"], r["unit"], r["edition"], r["total (总分)"]) for r in ranking(out)] == [
        ("1", "乙单位", "organ-b 2026.1", "18.5"),
        ("2", "甲单位", "organ-a 2026.1", "14"),
    ]


def test_batch_ranks_a_ledger_of_the_base_with_those_of_its_overlays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledgers = tmp_path / "ledgers"
    shutil.copytree(LEDGERS, ledgers)
    base_ledger = replace_once(
        LEDGER_A.read_text(encoding="utf-8"),
        'rulebook: {id: organ-a, version: "2026.1"}',
        'rulebook: {id: organs-base, version: "2026.1"}',
    )
    (ledgers / "base-2026.yaml").write_text(
        replace_once(base_ledger, "unit: 甲单位\n", "unit: 丙单位\n"), encoding="utf-8"
    )
    out = tmp_path / "ranking.csv"
    assert main(["batch", str(ledgers), "-r", str(OVERLAYS), "-o", str(out)]) == 0
    capsys.readouterr()
    rows = {r["unit"]: (r["edition"], r["total (总分)"]) for r in ranking(out)}
    # why: 丙单位's ledger is 甲单位's, so the same 14.
    assert rows == {
        "乙单位": ("organ-b 2026.1", "18.5"),
        "甲单位": ("organ-a 2026.1", "14"),
        "丙单位": ("organs-base 2026.1", "14"),
    }


def test_batch_refuses_ledgers_of_overlays_of_two_bases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other_base = replace_once(BASE_TEXT, "id: organs-base\n", "id: other-base\n")
    organ_c = replace_once(
        replace_once(ORGAN_B_TEXT, "extends: {id: organs-base,", "extends: {id: other-base,"),
        "id: organ-b\n",
        "id: organ-c\n",
    )
    books = folder(
        tmp_path / "books",
        {
            "base-2026.yaml": BASE_TEXT,
            "organ-a.yaml": ORGAN_A_TEXT,
            "other-base.yaml": other_base,
            "organ-c.yaml": organ_c,
        },
    )
    ledgers = tmp_path / "ledgers"
    ledgers.mkdir()
    shutil.copyfile(LEDGER_A, ledgers / "a.yaml")
    (ledgers / "c.yaml").write_text(
        replace_once(LEDGER_B.read_text(encoding="utf-8"), "id: organ-b,", "id: organ-c,"),
        encoding="utf-8",
    )
    out = tmp_path / "ranking.csv"
    assert main(["batch", str(ledgers), "-r", str(books), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert (
        "these ledgers are scored under different base editions "
        "(organs-base 2026.1; other-base 2026.1): their scores cannot be ranked together"
    ) in captured.err
    assert not out.exists()


def test_an_unpinned_ledger_under_a_base_and_its_overlays_is_told_which_to_pin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = tmp_path / "unpinned.yaml"
    ledger.write_text("unit: x\nperiod: {start: 2026-01-01, end: 2026-12-31}\n", "utf-8")
    assert main(["score", str(ledger), "-r", str(OVERLAYS), "--lang", "en"]) != 0
    err = capsys.readouterr().err
    # At the ledger, whose period chose, naming each edition in effect by id and file.
    assert err.startswith(f"{ledger}:")
    for edition in ("organs-base 2026.1", "organ-a 2026.1", "organ-b 2026.1"):
        assert edition in err
    for file in ("base-2026.yaml", "organ-a.yaml", "organ-b.yaml"):
        assert file in err
    assert "pin the ledger to one" in err
