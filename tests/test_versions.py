"""Editions of a rulebook in a folder: which one applies, and that they agree.

``load_rulebook(folder, on=..., pin=...)``, ``load_rulebooks``,
``select_rulebook``, ``peek_ledger`` and ``mofan-rules score --rulebook FOLDER``.
Editions are the shipped rulebook with exact text replacements (each must
match exactly once).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from mofan_rules import RulebookError
from mofan_rules.cli import main
from mofan_rules.errors import RulebookMismatchError, Severity
from mofan_rules.ledger import load_facts, load_ledger, peek_ledger
from mofan_rules.rulebook import (
    Period,
    Rulebook,
    load_rulebook,
    load_rulebooks,
    parse_rulebook,
    select_rulebook,
)
from mofan_rules.scoring import evaluate

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "rulebooks" / "shifulian-2026.yaml"
SHIPPED_CASES = ROOT / "rulebooks" / "shifulian-2026.cases.yaml"
TYPICAL = ROOT / "examples" / "typical-year.yaml"
TEXT = SHIPPED.read_text(encoding="utf-8")
# The same table in rulebook format 1 (converted in memory when loaded, with a warning).
V1_TEXT = (Path(__file__).resolve().parent / "cases" / "v1" / "shifulian-2026.v1.yaml").read_text(
    encoding="utf-8"
)
ID = "shifulian-mofan-jiguan"

ITEM_18_AMOUNT = "                label: 工业经济、开放型经济、招商引资等工作任务未完成\n"


def replace_once(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced by ``new``; ``old`` must occur exactly once."""
    count = text.count(old)
    assert count == 1, f"expected {old!r} exactly once, found it {count} time(s)"
    return text.replace(old, new)


def edition(
    version: str = "2026.1",
    start: str = "2026-01-01",
    end: str = "2026-12-31",
    item18: str = "1",
    rid: str = ID,
) -> str:
    """The shipped rulebook as another edition: version, period and item 18's amount."""
    text = replace_once(TEXT, 'version: "2026.1"', f'version: "{version}"')
    text = replace_once(
        text, "  start: 2026-01-01\n  end: 2026-12-31\n", f"  start: {start}\n  end: {end}\n"
    )
    text = replace_once(text, f"id: {ID}\n", f"id: {rid}\n")
    return replace_once(
        text,
        ITEM_18_AMOUNT
        + "                source: 工业经济、开放型经济、招商引资等工作任务未完成的，每项扣1分\n"
        "                amount: 1\n",
        ITEM_18_AMOUNT
        + "                source: 工业经济、开放型经济、招商引资等工作任务未完成的，每项扣1分\n"
        f"                amount: {item18}\n",
    )


E2026 = edition()
E2027 = edition("2027.1", "2027-01-01", "2027-12-31", item18="2")


def load_rulebook_text(text: str) -> Rulebook:
    return parse_rulebook(text)[0]


def folder(tmp_path: Path, files: dict[str, str], name: str = "rulebooks") -> Path:
    path = tmp_path / name
    path.mkdir()
    for file, text in files.items():
        (path / file).write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def library(tmp_path: Path) -> Path:
    # The 2027 edition sorts first by file name: the choice must not follow file order.
    return folder(tmp_path, {"a-2027.yaml": E2027, "b-2026.yaml": E2026})


def ledger(tmp_path: Path, name: str, start: str, end: str, pin: str | None = None) -> Path:
    """A ledger with three item-18 tasks not completed (3 points in 2026, 6 in 2027)."""
    lines = ["unit: 市妇联", f"period: {{start: {start}, end: {end}}}"]
    if pin:
        lines.append(f'rulebook: {{id: {ID}, version: "{pin}"}}')
    lines += ["records:", "  - {item: 18, situation: task_not_completed, count: 3}"]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English whatever the machine's locale."""
    monkeypatch.setenv("LC_ALL", "C.UTF-8")


def test_the_editions_differ_in_item_18() -> None:
    # The premise of the tests below, checked directly.
    assert E2027 != E2026 == TEXT
    assert str(load_rulebook_text(E2027).items[17].situations[0].amount) == "2"  # type: ignore[union-attr]


# ----------------------------------------------------------------- picking


@pytest.mark.parametrize(
    ("day", "version"),
    [
        (dt.date(2026, 1, 1), "2026.1"),
        (dt.date(2026, 6, 15), "2026.1"),
        (dt.date(2026, 12, 31), "2026.1"),
        (dt.date(2027, 1, 1), "2027.1"),
        (dt.date(2027, 12, 31), "2027.1"),
    ],
)
def test_picks_by_date(library: Path, day: dt.date, version: str) -> None:
    assert load_rulebook(library, on=day).version == version


@pytest.mark.parametrize(
    ("start", "end", "version"),
    [
        ("2026-01-01", "2026-12-31", "2026.1"),
        ("2026-03-01", "2026-03-31", "2026.1"),
        ("2027-01-01", "2027-12-31", "2027.1"),
        ("2027-07-01", "2027-07-01", "2027.1"),
    ],
)
def test_picks_by_period(library: Path, start: str, end: str, version: str) -> None:
    period = Period.model_validate({"start": start, "end": end})
    assert load_rulebook(library, on=period).version == version


def test_picks_by_pin_over_the_date(library: Path) -> None:
    assert load_rulebook(library, pin=(ID, "2026.1")).version == "2026.1"
    assert load_rulebook(library, pin=(ID, "2026.1"), on=dt.date(2027, 5, 1)).version == "2026.1"
    assert load_rulebook(library, pin=(ID, "2027.1"), on=dt.date(2026, 5, 1)).version == "2027.1"


def test_a_pin_to_a_missing_edition_is_an_error(library: Path) -> None:
    with pytest.raises(RulebookError) as info:
        load_rulebook(library, pin=(ID, "2025.1"))
    assert f"no rulebook {ID} 2025.1 in the folder" in str(info.value)


def test_newest_when_neither_date_nor_pin(library: Path) -> None:
    rulebook = load_rulebook(library)
    assert rulebook.version == "2027.1"
    assert str(rulebook.items[17].situations[0].amount) == "2"  # type: ignore[union-attr]


def test_newest_is_by_period_not_by_file_name(tmp_path: Path) -> None:
    lib = folder(
        tmp_path,
        {"a-2026.yaml": E2026, "z-2025.yaml": edition("2025.1", "2025-01-01", "2025-12-31")},
    )
    assert load_rulebook(lib).version == "2026.1"


@pytest.mark.parametrize(
    ("on", "shown"),
    [
        (
            Period.model_validate({"start": "2026-07-01", "end": "2027-06-30"}),
            "2026-07-01 – 2027-06-30",
        ),
        (dt.date(2028, 1, 1), "2028-01-01 – 2028-01-01"),
        (dt.date(2025, 12, 31), "2025-12-31 – 2025-12-31"),
    ],
)
def test_no_edition_covers_the_period(library: Path, on: object, shown: str) -> None:
    with pytest.raises(RulebookError) as info:
        load_rulebook(library, on=on)  # type: ignore[arg-type]
    text = str(info.value)
    assert f"no rulebook in effect for {shown}" in text
    # Every edition, by id and version, period and file: enough to pin one or find it.
    assert "shifulian-mofan-jiguan 2026.1 (2026-01-01 – 2026-12-31, b-2026.yaml)" in text
    assert "shifulian-mofan-jiguan 2027.1 (2027-01-01 – 2027-12-31, a-2027.yaml)" in text


def test_two_editions_covering_the_period_is_an_error(tmp_path: Path) -> None:
    # Two rulebooks (different ids) in effect over the same days.
    other = edition("1", rid="another-rulebook")
    lib = folder(tmp_path, {"a.yaml": E2026, "b.yaml": other})
    assert len(load_rulebooks(lib)) == 2  # different ids may overlap
    with pytest.raises(RulebookError) as info:
        load_rulebook(lib, on=dt.date(2026, 5, 1))
    assert "several rulebooks are in effect for 2026-05-01 – 2026-05-01" in str(info.value)
    # A pin still names one.
    assert load_rulebook(lib, pin=("another-rulebook", "1")).id == "another-rulebook"


def test_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    lib = folder(tmp_path, {"notes.txt": "not a rulebook"})
    with pytest.raises(RulebookError) as info:
        load_rulebook(lib)
    assert "the folder holds no rulebook" in str(info.value)


# ---------------------------------------------------- editions that clash


def test_same_id_and_version_with_different_content_names_both_files(tmp_path: Path) -> None:
    changed = edition(item18="2")  # still 2026.1
    lib = folder(tmp_path, {"first.yaml": E2026, "second.yaml": changed})
    with pytest.raises(RulebookError) as info:
        load_rulebooks(lib)
    (problem,) = info.value.problems
    text = str(problem)
    assert f"{ID} 2026.1 is also in" in text
    assert "with different content" in text
    assert "first.yaml" in text
    assert "second.yaml" in text
    version_line = TEXT.splitlines().index('version: "2026.1"') + 1
    assert problem.line == version_line
    with pytest.raises(RulebookError):
        load_rulebook(lib, on=dt.date(2026, 5, 1))


def test_an_identical_copy_of_an_edition_is_not_a_clash(tmp_path: Path) -> None:
    # Same id, version and content: the folder is consistent, and a date picks it.
    lib = folder(tmp_path, {"a.yaml": E2026, "copy-of-a.yaml": E2026})
    assert len(load_rulebooks(lib)) == 2
    assert load_rulebook(lib, on=dt.date(2026, 5, 1)).version == "2026.1"


def test_overlapping_periods_of_one_id_are_an_error(tmp_path: Path) -> None:
    overlapping = edition("2027.1", "2026-07-01", "2027-06-30")
    lib = folder(tmp_path, {"a.yaml": E2026, "b.yaml": overlapping})
    with pytest.raises(RulebookError) as info:
        load_rulebooks(lib)
    text = str(info.value)
    assert "is in effect over the same days as" in text
    assert "2026.1" in text
    assert "2027.1" in text
    # Periods that only touch do not overlap.
    lib2 = folder(tmp_path, {"a.yaml": E2026, "b.yaml": E2027}, name="touching")
    assert len(load_rulebooks(lib2)) == 2


def test_a_broken_edition_is_reported_by_its_file(tmp_path: Path) -> None:
    broken = replace_once(E2027, "total_points: 100\n", "total_points: hundred\n")
    lib = folder(tmp_path, {"a.yaml": E2026, "b.yaml": broken})
    with pytest.raises(RulebookError) as info:
        load_rulebook(lib)
    line = TEXT.splitlines().index("total_points: 100") + 1
    assert any(p.file.endswith("b.yaml") and p.line == line for p in info.value.problems)


def test_a_cases_file_in_the_folder_is_not_a_rulebook(tmp_path: Path) -> None:
    cases = SHIPPED_CASES.read_text(encoding="utf-8")
    lib = folder(
        tmp_path,
        {
            "shifulian-2026.yaml": E2026,
            "shifulian-2026.cases.yaml": cases,
            "shifulian-2027.yml": E2027,
        },
    )
    loaded = load_rulebooks(lib)
    assert sorted(Path(lr.document.file).name for lr in loaded) == [
        "shifulian-2026.yaml",
        "shifulian-2027.yml",
    ]
    assert load_rulebook(lib, on=dt.date(2026, 2, 1)).version == "2026.1"
    picked = select_rulebook(loaded, on=dt.date(2027, 2, 1))
    assert Path(picked.document.file).name == "shifulian-2027.yml"


# ------------------------------------------------------------ ledgers pick


def test_peek_ledger(tmp_path: Path) -> None:
    period, pin = peek_ledger(TYPICAL)
    assert period == Period.model_validate({"start": "2026-01-01", "end": "2026-12-31"})
    assert pin == (ID, "2026.1")
    assert peek_ledger(ledger(tmp_path, "l.yaml", "2027-01-01", "2027-12-31"))[1] is None
    bad = tmp_path / "bad.yaml"
    bad.write_text("period: [not, a, period\n", encoding="utf-8")
    assert peek_ledger(bad) == (None, None)
    assert peek_ledger(tmp_path / "missing.yaml") == (None, None)


def test_a_pinned_ledger_is_read_by_another_edition_only_without_the_pin_check() -> None:
    rb2027 = load_rulebook_text(E2027)
    with pytest.raises(RulebookMismatchError) as info:
        load_facts(TYPICAL, rb2027)
    assert "pinned to rulebook shifulian-mofan-jiguan 2026.1" in str(info.value)
    ledger_ = load_facts(TYPICAL, rb2027, check_pin=False)
    assert evaluate(rb2027, ledger_).total > 0


def test_score_picks_the_edition_from_the_ledgers_period(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    l26 = ledger(tmp_path, "ledger-2026.yaml", "2026-01-01", "2026-12-31")
    l27 = ledger(tmp_path, "ledger-2027.yaml", "2027-01-01", "2027-12-31")
    assert main(["score", str(l26), str(l27), "--rulebook", str(library), "-f", "json"]) == 0
    reports = json.loads(capsys.readouterr().out)
    assert [(r["rulebook"]["version"], r["total"]) for r in reports] == [
        ("2026.1", "97"),  # why: 3 tasks × 1 = 3, 100 − 3
        ("2027.1", "94"),  # why: 3 tasks × 2 = 6, 100 − 6
    ]
    assert [r["items"]["18"]["deduction"] for r in reports] == ["3", "6"]

    for file, version, total in ((l26, "2026.1", "97"), (l27, "2027.1", "94")):
        assert main(["score", str(file), "--rulebook", str(library), "--format", "json"]) == 0
        report = json.loads(capsys.readouterr().out)
        assert (report["rulebook"]["version"], report["total"]) == (version, total)


def test_score_follows_a_ledgers_pin(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Pinned to 2026.1 though the period is 2026: the pin picks, not the newest.
    pinned = ledger(tmp_path, "pinned.yaml", "2026-01-01", "2026-12-31", pin="2026.1")
    assert main(["score", str(pinned), "-r", str(library), "-f", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["rulebook"]["version"], report["total"]) == ("2026.1", "97")  # why: 100 − 3 × 1
    assert main(["score", str(TYPICAL), "-r", str(library), "-f", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    # why: 93.35 = 100 − 7.15 + 0.5 (worked out in tests/test_impact.py, TYPICAL); it records
    # no item-18 task, so the two editions would agree on it anyway: the version shows the pin.
    assert (report["rulebook"]["version"], report["total"]) == ("2026.1", "93.35")


def test_score_with_a_period_no_edition_covers(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    l28 = ledger(tmp_path, "ledger-2028.yaml", "2028-01-01", "2028-12-31")
    assert main(["score", str(l28), "--rulebook", str(library)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no rulebook in effect for 2028-01-01 – 2028-12-31" in captured.err


# ------------------------------------------------------------ format 1 editions


def test_a_format_1_edition_sits_beside_a_format_2_one(tmp_path: Path) -> None:
    # The 2026 edition still in format 1, the 2027 one in format 2: both load, dates pick.
    lib = folder(tmp_path, {"a-2026.yaml": V1_TEXT, "b-2027.yaml": E2027})
    loaded = {Path(lr.document.file).name: lr for lr in load_rulebooks(lib)}
    (format_1,) = [w for w in loaded["a-2026.yaml"].warnings if w.code == "format_1"]
    assert (format_1.severity, format_1.pointer) == (Severity.WARNING, "/schema_version")
    assert "format_1" not in {w.code for w in loaded["b-2027.yaml"].warnings}
    old = load_rulebook(lib, on=dt.date(2026, 6, 1))
    assert (old.version, old.schema_version) == ("2026.1", 2)  # converted, not a format-1 model
    assert load_rulebook(lib, on=dt.date(2027, 6, 1)).version == "2027.1"
    ledger_ = load_ledger({"records": [{"item": 18, "situation": "task_not_completed"}]}, old)
    assert evaluate(old, ledger_).total == 99  # why: one item-18 task × 1 (2026's amount)


def test_a_format_1_edition_and_its_migrated_copy_are_not_a_clash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Same id and version in both formats, meaning the same once converted: no clash.
    lib = folder(tmp_path, {"v1.yaml": V1_TEXT})
    assert main(["migrate", str(lib / "v1.yaml"), "--out", str(lib / "v2.yaml")]) == 0
    capsys.readouterr()
    assert "schema_version: 2\n" in (lib / "v2.yaml").read_text(encoding="utf-8")
    assert len(load_rulebooks(lib)) == 2
    assert load_rulebook(lib, on=dt.date(2026, 5, 1)).version == "2026.1"
    # The same copy with item 18's amount edited but the version kept is a clash.
    edited = replace_once(
        (lib / "v2.yaml").read_text(encoding="utf-8"),
        "招商引资等工作任务未完成的，每项扣1分\n        amount: 1\n",
        "招商引资等工作任务未完成的，每项扣1分\n        amount: 2\n",
    )
    (lib / "v2.yaml").write_text(edited, encoding="utf-8")
    with pytest.raises(RulebookError) as info:
        load_rulebooks(lib)
    assert "with different content" in str(info.value)
