"""What a new rulebook does to real ledgers: ``mofan-rules diff OLD NEW --ledgers DIR``.

The example ledgers' totals under the shipped rulebook are worked out by hand
(bad 51.86 and clean 101.14 in their headers, typical 93.35 in TYPICAL below);
the new editions below change them by amounts small enough to check by hand too.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from mofan_rules.cli import main
from mofan_rules.reports import impact_text
from mofan_rules.rulebook import load_rulebook
from mofan_rules.scoring import impact

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "rulebooks" / "shifulian-2026.yaml"
EXAMPLES = ROOT / "examples"
TEXT = SHIPPED.read_text(encoding="utf-8")
LEDGERS = sorted(EXAMPLES.glob("*.yaml"))


# why: typical-year.yaml loses 0.5 (item 1, a city criticism) + 0.5 (item 3) + 2 (item 5,
# 10 of 12 studies × 1) + 0.3 (item 9, 3 × 0.1) + 0.5 (item 12, 1 × 0.5 non-city-managed)
# + 0.5 (item 13) + 0.85 (item 16, (18 − 1) × 5%) + 1 (item 19) + 1 (item 21, 7th: 2 places
# below 5th × 0.5) = 7.15, and gains 0.5 (a provincial single-work award): 100 − 7.15 + 0.5
TYPICAL = Decimal("93.35")


def replace_once(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced by ``new``; ``old`` must occur exactly once."""
    count = text.count(old)
    assert count == 1, f"expected {old!r} exactly once, found it {count} time(s)"
    return text.replace(old, new)


def next_edition(text: str) -> str:
    """A 2027 edition: the examples pin 2026.1, so they are pinned to the old one."""
    text = replace_once(text, 'version: "2026.1"', 'version: "2027.1"')
    return replace_once(
        text, "  start: 2026-01-01\n  end: 2026-12-31\n", "  start: 2027-01-01\n  end: 2027-12-31\n"
    )


# Item 9's volunteer service 0.1 → 0.2 a person; a provincial single-work
# commendation 0.5 → 1.
VOLUNTEER = "                source: 在职党员全年未参与志愿服务活动每人次扣0.1分\n                amount: 0.1\n"
PROVINCIAL = "amounts: {comprehensive: 1, single: 0.5}"

# Item 8's 今年底前未达标的支部 (bad-year.yaml records one; the others none).
BRANCH = (
    "              - key: branch_below_standard\n"
    "                kind: per_occurrence\n"
    "                label: 今年底前未达标的支部\n"
    "                source: 今年底前未达标每个支部扣1分\n"
    "                amount: 1\n"
)


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English whatever the machine's locale."""
    monkeypatch.setenv("LC_ALL", "C.UTF-8")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    load_rulebook(path)
    return path


@pytest.fixture
def changed(tmp_path: Path) -> Path:
    text = next_edition(TEXT)
    text = replace_once(text, VOLUNTEER, VOLUNTEER.replace("0.1", "0.2"))
    text = replace_once(text, PROVINCIAL, "amounts: {comprehensive: 1, single: 1}")
    return write(tmp_path / "new.yaml", text)


def unit_line(out: str, ledger: str) -> str:
    (line,) = [line for line in out.splitlines() if f"{ledger} (" in line]
    return line


def test_examples_pin_the_old_edition() -> None:
    # The premise of the pin test: every example is pinned to 2026.1.
    for file in LEDGERS:
        assert 'rulebook: {id: shifulian-mofan-jiguan, version: "2026.1"}' in file.read_text(
            encoding="utf-8"
        )


def test_diff_with_ledgers_shows_each_units_old_and_new_total(
    changed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", str(SHIPPED), str(changed), "--ledgers", str(EXAMPLES)]) == 1
    out = capsys.readouterr().out
    assert "item 9 › situation no_volunteer_service › amount: changed: 0.1 → 0.2" in out
    report = out[out.index("impact on ") :]
    assert report.startswith("impact on 3 ledger(s):\n")
    assert "cannot read" not in report  # pinned to 2026.1, still scored under 2027.1

    # why: bad: item 9 0.5 + 7 × 0.2 = 1.9 (was 0.5 + 7 × 0.1 = 1.2), so −0.7; its bonus is
    # already at the cap of 2, so the dearer provincial single award adds nothing.
    bad = unit_line(report, "bad-year.yaml")
    assert bad.endswith("bad-year.yaml (市妇联): 51.86 → 51.16 (-0.7); item 9 1.2 → 1.9")
    # why: typical (TYPICAL, 93.35): item 9 3 × 0.2 = 0.6 (was 0.3), −0.3; its provincial
    # single award 0.5 → 1, +0.5; 93.35 − 0.3 + 0.5 = 93.55.
    typical = unit_line(report, "typical-year.yaml")
    assert typical.endswith("typical-year.yaml (市妇联): 93.35 → 93.55 (+0.2); item 9 0.3 → 0.6")
    # why: clean: no item moves; bonus 1 + 0.5 → 1 + 1, +0.5: 101.14 + 0.5 = 101.64.
    clean = unit_line(report, "clean-year.yaml")
    assert clean.endswith("clean-year.yaml (市妇联): 101.14 → 101.64 (+0.5); no item moved")

    # Biggest change first, whatever the sign: 0.7, 0.5, 0.2 (not file order).
    lines = report.splitlines()
    assert [lines.index(bad), lines.index(clean), lines.index(typical)] == [1, 2, 3]


def test_impact_library(changed: Path) -> None:
    rows, unreadable = impact(load_rulebook(SHIPPED), load_rulebook(changed), LEDGERS)
    assert unreadable == []
    assert [Path(r.file).name for r in rows] == [
        "bad-year.yaml",
        "clean-year.yaml",
        "typical-year.yaml",
    ]
    bad, clean, typical = rows
    # why: the same figures as test_diff_with_ledgers_shows_each_units_old_and_new_total.
    assert (bad.old_total, bad.new_total, bad.change) == (
        Decimal("51.86"),
        Decimal("51.16"),
        Decimal("-0.7"),
    )
    assert bad.moved == ((9, Decimal("1.2"), Decimal("1.9")),)
    assert (clean.change, clean.moved) == (Decimal("0.5"), ())
    assert typical.moved == ((9, Decimal("0.3"), Decimal("0.6")),)
    assert typical.old_total == TYPICAL
    assert typical.unit == "市妇联"


def test_moved_items_are_listed_in_item_order(tmp_path: Path) -> None:
    # Several items move in one ledger: each is listed, old → new.
    text = replace_once(TEXT, VOLUNTEER, VOLUNTEER.replace("0.1", "0.2"))
    text = replace_once(
        text,
        "                source: 谈心谈话制度未按要求落实的扣0.5分\n                amount: 0.5\n",
        "                source: 谈心谈话制度未按要求落实的扣0.5分\n                amount: 1\n",
    )
    new = write(tmp_path / "new.yaml", text)
    rows, _ = impact(load_rulebook(SHIPPED), load_rulebook(new), [EXAMPLES / "typical-year.yaml"])
    (row,) = rows
    # why: item 9 3 × 0.2 = 0.6 (was 0.3). Item 13 0.5 → 1 leaves less of row 7 for item 16:
    # items 12 (0.5) and 13 left 18 − 1 = 17, 5% = 0.85; now 18 − 1.5 = 16.5, 5% = 0.825 → 0.83.
    assert row.moved == (
        (9, Decimal("0.3"), Decimal("0.6")),
        (13, Decimal("0.5"), Decimal("1")),
        (16, Decimal("0.85"), Decimal("0.83")),
    )
    text_out = impact_text(rows, [], "en")
    assert "item 9 0.3 → 0.6, item 13 0.5 → 1, item 16 0.85 → 0.83" in text_out
    zh = impact_text(rows, [], "zh")
    assert zh.startswith("对 1 份台账的影响：\n")
    assert "第 9 项 0.3 → 0.6, 第 13 项 0.5 → 1, 第 16 项 0.85 → 0.83" in zh


def test_a_ledger_the_new_rulebook_cannot_read_is_listed_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = replace_once(next_edition(TEXT), BRANCH, "")
    text = replace_once(text, VOLUNTEER, VOLUNTEER.replace("0.1", "0.2"))
    new = write(tmp_path / "new.yaml", text)
    assert main(["diff", str(SHIPPED), str(new), "--ledgers", str(EXAMPLES)]) == 1
    out = capsys.readouterr().out
    assert "item 8 › situation branch_below_standard: removed" in out
    report = out[out.index("impact on ") :]
    assert report.startswith("impact on 3 ledger(s):\n")
    lines = report.splitlines()
    # The others are still shown. why: typical loses item 9 3 × 0.1 more (0.3 → 0.6) and
    # nothing else changes; clean records no volunteer service and no branch.
    assert unit_line(report, "typical-year.yaml").endswith(
        ": 93.35 → 93.05 (-0.3); item 9 0.3 → 0.6"
    )
    assert unit_line(report, "clean-year.yaml").endswith(": 101.14 → 101.14 (0); no item moved")
    # bad-year.yaml: named, with the edition and the located reason.
    head = next(i for i, line in enumerate(lines) if "bad-year.yaml:" in line)
    assert lines[head].endswith("bad-year.yaml: the new rulebook cannot read it:")
    reason = lines[head + 1]
    assert "branch_below_standard" in reason
    bad_text = (EXAMPLES / "bad-year.yaml").read_text(encoding="utf-8")
    line_no = bad_text[: bad_text.index("situation: branch_below_standard")].count("\n") + 1
    assert f"bad-year.yaml:{line_no}:" in reason
    assert not any("bad-year.yaml (" in line for line in lines)


def test_a_ledger_the_old_rulebook_cannot_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A situation only the new rulebook has.
    old = write(tmp_path / "old.yaml", replace_once(TEXT, BRANCH, ""))
    ledgers = tmp_path / "ledgers"
    ledgers.mkdir()
    (ledgers / "a.yaml").write_text(
        "unit: 甲\nrecords:\n  - {item: 8, situation: branch_below_standard, count: 2}\n",
        encoding="utf-8",
    )
    (ledgers / "b.yaml").write_text(
        "unit: 乙\nrecords:\n  - {item: 18, situation: task_not_completed}\n", encoding="utf-8"
    )
    rows, unreadable = impact(load_rulebook(old), load_rulebook(SHIPPED), sorted(ledgers.iterdir()))
    assert [(Path(u.file).name, u.edition) for u in unreadable] == [("a.yaml", "old")]
    # why: b.yaml: one item-18 task not completed × 1 = 1 under both: 100 − 1 = 99.
    assert [(r.unit, r.old_total, r.new_total) for r in rows] == [
        ("乙", Decimal("99"), Decimal("99"))
    ]
    assert main(["diff", str(old), str(SHIPPED), "--ledgers", str(ledgers)]) == 1
    out = capsys.readouterr().out
    assert "impact on 2 ledger(s):" in out
    assert "a.yaml: the old rulebook cannot read it:" in out
    assert "b.yaml (乙): 99 → 99 (0); no item moved" in out


def test_same_rulebooks_with_ledgers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(SHIPPED), str(SHIPPED), "--ledgers", str(EXAMPLES)]) == 0
    out = capsys.readouterr().out
    assert "mean the same" in out
    assert "impact on 3 ledger(s):" in out
    assert out.count("no item moved") == 3
    # why: 51.86 is worked out in bad-year.yaml's header (49.86 + a bonus of 2).
    assert "bad-year.yaml (市妇联): 51.86 → 51.86 (0)" in out


SOURCE_DOCUMENT = (
    "source_document: 000_34bde5e24c743dd9.txt (市妇联创建“模范机关”规定动作任务分解表), "
    "read as READING.md\n"
)
# Grades chosen so that typical-year's 93.35 → 93.55 crosses a band's edge (93.5).
GRADES = (
    "grades:\n"
    "  - {key: excellent, label: 优秀, at_least: 93.5}\n"
    "  - {key: good, label: 良好, at_least: 85, below: 93.5}\n"
    "  - {key: poor, label: 较差, below: 85}\n"
)


def test_a_unit_whose_grade_changes_shows_both_grades(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    graded = replace_once(TEXT, SOURCE_DOCUMENT, SOURCE_DOCUMENT + GRADES)
    old = write(tmp_path / "old.yaml", graded)
    text = replace_once(next_edition(graded), VOLUNTEER, VOLUNTEER.replace("0.1", "0.2"))
    new = write(
        tmp_path / "new.yaml",
        replace_once(text, PROVINCIAL, "amounts: {comprehensive: 1, single: 1}"),
    )
    rows, _ = impact(load_rulebook(old), load_rulebook(new), LEDGERS)
    grades = {Path(r.file).name: (r.old_grade, r.new_grade) for r in rows}
    # why: typical 93.35 (< 93.5: 良好) → 93.55 (≥ 93.5: 优秀); bad 51.86 → 51.16 stays below 85;
    # clean 101.14 → 101.64 stays at or above 93.5.
    assert grades == {
        "typical-year.yaml": ("良好", "优秀"),
        "bad-year.yaml": ("较差", "较差"),
        "clean-year.yaml": ("优秀", "优秀"),
    }
    assert main(["diff", str(old), str(new), "--ledgers", str(EXAMPLES)]) == 1
    report = capsys.readouterr().out
    assert unit_line(report, "typical-year.yaml").endswith(
        "typical-year.yaml (市妇联): 93.35 → 93.55 (+0.2) [良好 → 优秀]; item 9 0.3 → 0.6"
    )
    # A grade that does not change is not shown.
    assert "[" not in unit_line(report, "bad-year.yaml")
    assert "[" not in unit_line(report, "clean-year.yaml")


def test_diff_with_ledgers_as_json_is_one_document_with_the_impact_inside(
    changed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    args = ["diff", str(SHIPPED), str(changed), "--ledgers", str(EXAMPLES), "--format", "json"]
    assert main(args) == 1
    data = json.loads(capsys.readouterr().out)  # the whole output is one JSON document
    assert data["same"] is False
    ledgers = {Path(d["file"]).name: d for d in data["impact"]["ledgers"]}
    # why: the same figures as test_diff_with_ledgers_shows_each_units_old_and_new_total.
    bad = ledgers["bad-year.yaml"]
    assert (bad["old_total"], bad["new_total"], bad["change"]) == ("51.86", "51.16", "-0.7")
    assert bad["items_moved"] == [{"item": 9, "was": "1.2", "now": "1.9"}]
    assert ledgers["clean-year.yaml"]["items_moved"] == []
    assert data["impact"]["unreadable"] == []


def test_diff_with_ledgers_as_markdown_lists_the_units(
    changed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["diff", str(SHIPPED), str(changed), "--ledgers", str(EXAMPLES), "--format", "md"]
    assert main(args) == 1
    out = capsys.readouterr().out
    report = out[out.index("impact on ") :]
    assert any(
        line.startswith("- ") and line.endswith("51.86 → 51.16 (-0.7); item 9 1.2 → 1.9")
        for line in report.splitlines()
    )
    assert "\n    " not in report  # no indented line, which Markdown would make code
