"""``mofan-rules test [RULEBOOK]``: the cases that travel with a rulebook.

Edited rulebooks are copies of the shipped one (exact text replacements, each
matching exactly once) written to ``tmp_path`` with the shipped cases file
copied beside them as ``<name>.cases.yaml``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mofan_rules._shipped import default_rulebook_path
from mofan_rules.cli import main
from mofan_rules.errors import CasesError, FactsError
from mofan_rules.rulebook import load_rulebook
from mofan_rules.scoring import cases_path, check_case, load_cases
from mofan_rules.source import display

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "rulebooks" / "shifulian-2026.yaml"
SHIPPED_CASES = ROOT / "rulebooks" / "shifulian-2026.cases.yaml"
# The same table in rulebook format 1 (loaded by converting it in memory).
V1 = Path(__file__).resolve().parent / "cases" / "v1" / "shifulian-2026.v1.yaml"
TEXT = SHIPPED.read_text(encoding="utf-8")
CASES_TEXT = SHIPPED_CASES.read_text(encoding="utf-8")
N_CASES = len(re.findall(r"^  - name: ", CASES_TEXT, flags=re.MULTILINE))

# Item 20's 履职不认真、不到位: 1 a duty.
NOT_DILIGENT = (
    "                source: 履职不认真、不到位的，每项扣1分\n                amount: 1\n"
)
# Item 9's volunteer service: 0.1 a person.
VOLUNTEER = "                source: 在职党员全年未参与志愿服务活动每人次扣0.1分\n                amount: 0.1\n"
# Item 8's 今年底前未达标的支部.
BRANCH = (
    "              - key: branch_below_standard\n"
    "                kind: per_occurrence\n"
    "                label: 今年底前未达标的支部\n"
    "                source: 今年底前未达标每个支部扣1分\n"
    "                amount: 1\n"
)


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


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English whatever the machine's locale (``--lang zh`` is tested on its own)."""
    monkeypatch.setenv("LC_ALL", "C.UTF-8")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def copy(
    folder: Path, rulebook: str = TEXT, cases: str | None = CASES_TEXT, name: str = "edited"
) -> Path:
    """A rulebook ``name.yaml`` in ``folder`` with ``name.cases.yaml`` beside it."""
    path = folder / f"{name}.yaml"
    path.write_text(rulebook, encoding="utf-8")
    load_rulebook(path)  # the edit still makes a valid rulebook
    if cases is not None:
        (folder / f"{name}.cases.yaml").write_text(cases, encoding="utf-8")
    return path


def summary(out: str) -> tuple[int, int]:
    match = re.search(r"cases\.yaml: (\d+) of (\d+) cases pass\n\Z", out)
    assert match, out
    return int(match[1]), int(match[2])


# ------------------------------------------------------------- passing


def test_the_shipped_rulebook_passes_with_no_argument(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = cases_path(default_rulebook_path())
    n = len(re.findall(r"^  - name: ", cases.read_text(encoding="utf-8"), flags=re.MULTILINE))
    assert n > 0
    monkeypatch.chdir(cases.parent.parent)
    assert main(["test"]) == 0
    out = capsys.readouterr().out
    assert "FAIL" not in out
    assert summary(out) == (n, n)
    # why: shown like every other path: relative to the working folder it is in, not absolute
    assert out.startswith(f"{cases.parent.name}/{cases.name}: ")


def test_the_shipped_rulebook_passes_by_path(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(SHIPPED)]) == 0
    out = capsys.readouterr().out
    assert "FAIL" not in out
    assert summary(out) == (N_CASES, N_CASES)
    assert out.startswith(f"{display(SHIPPED_CASES)}: ")


def test_a_copy_with_its_cases_passes(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy(here)
    assert main(["test", "edited.yaml"]) == 0
    assert capsys.readouterr().out == f"edited.cases.yaml: {N_CASES} of {N_CASES} cases pass\n"


def test_cases_path() -> None:
    assert cases_path("rulebooks/x.yaml") == Path("rulebooks/x.cases.yaml")
    assert cases_path(SHIPPED) == SHIPPED_CASES


# ---------------------------------------------------- an edited amount


def test_an_edited_amount_fails_its_case(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy(
        here, replace_once(TEXT, NOT_DILIGENT, NOT_DILIGENT.replace("amount: 1\n", "amount: 1.5\n"))
    )
    assert main(["test", "edited.yaml"]) == 1
    out = capsys.readouterr().out
    # why: one duty × 1.5 = 1.5, so 100 − 1.5 = 98.5 (the case expects 99). "item 20, three
    # kinds" (1.5 + 2 + 3 = 6.5) still hits the item cap of 5: only the single duty moves.
    assert out.count("FAIL: ") == 1
    assert (
        "FAIL: item 20, one duty not done properly\n"
        "  total: expected 99, got 98.5\n"
        "  items whose deduction changed: item 20 1 → 1.5\n"
    ) in out
    assert summary(out) == (N_CASES - 1, N_CASES)


def test_an_edited_amount_names_rows_and_items(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy(here, replace_once(TEXT, VOLUNTEER, VOLUNTEER.replace("0.1", "0.2")))
    assert main(["test", "edited.yaml"]) == 1
    out = capsys.readouterr().out
    # why: 7 members × 0.2 = 1.4 (was 0.7): total 100 − 1.4 = 98.6, row 5 15 − 1.4 = 13.6.
    assert (
        "FAIL: item 9, 0.1 steps stay exact\n"
        "  total: expected 99.3, got 98.6\n"
        "  row 5 score: expected 14.3, got 13.6\n"
        "  items whose deduction changed: item 9 0.7 → 1.4\n"
    ) in out
    # why: item 9 2 × 0.2 = 0.4 (was 0.2), so 1 + 0.5 + 0.5 + 0.4 = 2.4 deducted:
    # total 97.6, row 5 15 − 2.4 = 12.6. Item 9's capped member problems do not move.
    assert (
        "FAIL: row 5, items 6–9 together\n"
        "  total: expected 97.8, got 97.6\n"
        "  row 5 score: expected 12.8, got 12.6\n"
        "  items whose deduction changed: item 9 0.2 → 0.4\n"
    ) in out
    assert out.count("FAIL: ") == 2
    assert summary(out) == (N_CASES - 2, N_CASES)


def test_a_changed_bonus_fails_without_items_moving(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy(
        here,
        replace_once(
            TEXT,
            "amounts: {comprehensive: 1, single: 0.5}",
            "amounts: {comprehensive: 1, single: 1}",
        ),
    )
    assert main(["test", "edited.yaml"]) == 1
    out = capsys.readouterr().out
    # why: two provincial single awards × 1 = 2 (was 2 × 0.5 = 1): 100 − 5 + 2 = 97. The other
    # bonus case has no provincial single award (central single 1 + halved comprehensive 0.5).
    assert (
        "FAIL: bonus after deductions\n"
        "  total: expected 96, got 97\n"
        "  bonus: expected 1, got 2\n"
        "edited.cases.yaml: "
    ) in out
    assert "items whose deduction changed" not in out
    assert summary(out) == (N_CASES - 1, N_CASES)


def test_an_item_deduction_alone_fails(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The case expects only item figures: those alone make it fail.
    cases = replace_once(
        CASES_TEXT,
        "    expect: {total: 98, items: {13: 2}}\n",
        "    expect: {items: {13: 2}}\n",
    )
    text = replace_once(
        TEXT,
        "          - number: 13\n            title: 谈心谈话制度未按要求落实\n            cap: 2\n",
        "          - number: 13\n            title: 谈心谈话制度未按要求落实\n            cap: 1.5\n",
    )
    copy(here, text, cases)
    assert main(["test", "edited.yaml"]) == 1
    out = capsys.readouterr().out
    # why: 5 talks × 0.5 = 2.5, now capped at 1.5 (was 2).
    assert (
        "FAIL: item 13, repeats up to the cap\n"
        "  item deductions differ from the case\n"
        "  items whose deduction changed: item 13 2 → 1.5\n"
    ) in out


CITY_TIER = "    - {key: city, label: 市通报批评和问责或一般负面影响, amount: 0.5}\n"


def test_a_tier_set_edit_fails_the_cases_of_every_item_using_it(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The criticism tiers are written once (tier_sets) and used by items 1, 2, 3, 5 and 10:
    # one edit there moves every case that records a city criticism and is not capped.
    copy(here, replace_once(TEXT, CITY_TIER, CITY_TIER.replace("0.5}", "0.4}")))
    assert main(["test", "edited.yaml"]) == 1
    out = capsys.readouterr().out
    # why: item 3: 4 × 0.5 + 2 central (4, tier cap 2) + 1 city 0.4 = 4.4 (was 4.5): total
    # 95.6, row 2 10 − 4.4 = 5.6.
    assert (
        "FAIL: item 3, quality and tiers\n"
        "  total: expected 95.5, got 95.6\n"
        "  row 2 score: expected 5.5, got 5.6\n"
        "  items whose deduction changed: item 3 4.5 → 4.4\n"
    ) in out
    # why: item 5: 3 missed studies 3 + feedback 0.5 + 1 city 0.4 = 3.9 (was 4): total 96.1.
    assert (
        "FAIL: item 5, missed studies, feedback, criticism\n"
        "  total: expected 96, got 96.1\n"
        "  items whose deduction changed: item 5 4 → 3.9\n"
    ) in out
    # why: item 1's three city criticisms (3 × 0.4 = 1.2) still sum to 2 + 2 + 1.2 = 5.2,
    # over its cap of 5, so that case does not move.
    assert out.count("FAIL: ") == 2
    assert summary(out) == (N_CASES - 2, N_CASES)


def test_the_report_in_chinese(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy(
        here, replace_once(TEXT, NOT_DILIGENT, NOT_DILIGENT.replace("amount: 1\n", "amount: 1.5\n"))
    )
    assert main(["test", "edited.yaml", "--lang", "zh"]) == 1
    out = capsys.readouterr().out
    # why: as in English: one duty × 1.5 = 1.5, total 98.5.
    assert (
        "未通过：item 20, one duty not done properly\n"
        "  total：应为 99，实为 98.5\n"
        "  扣分变化的项：第 20 项 1 → 1.5\n"
    ) in out
    assert out.endswith(f"edited.cases.yaml：{N_CASES} 个案例中 {N_CASES - 1} 个通过\n")


def test_a_format_1_rulebook_passes_the_same_cases(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Format 1 is converted in memory: the same table scores the same cases the same way.
    copy(here, V1.read_text(encoding="utf-8"))
    assert main(["test", "edited.yaml"]) == 0
    assert capsys.readouterr().out == f"edited.cases.yaml: {N_CASES} of {N_CASES} cases pass\n"


# -------------------------------------------------- a ledger that no longer fits


def test_a_case_whose_ledger_no_longer_fits(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy(here, replace_once(TEXT, BRANCH, ""))
    assert main(["test", "edited.yaml"]) == 1
    out = capsys.readouterr().out
    start = out.index("FAIL: item 8, links and branches\n")
    block = out[start:].split("\n")[1]
    assert block.startswith("  its ledger does not fit the rulebook: ")
    assert "branch_below_standard" in block
    line, col = line_col(CASES_TEXT, "{item: 8, situation: branch_below_standard}", "branch_below")
    assert f"edited.cases.yaml:{line}:{col}:" in block
    assert summary(out) == (N_CASES - 1, N_CASES)


def test_load_cases_keeps_the_ledger_error(here: Path) -> None:
    path = copy(here, replace_once(TEXT, BRANCH, ""))
    loaded = load_cases(cases_path(path), load_rulebook(path))
    assert len(loaded) == N_CASES
    broken = [lc for lc in loaded if isinstance(lc.ledger, FactsError)]
    assert [lc.case.name for lc in broken] == ["item 8, links and branches"]
    result = check_case(broken[0].case, broken[0].ledger)  # type: ignore[arg-type]
    assert not result.passed
    assert result.message().startswith(
        "FAIL: item 8, links and branches\n  its ledger does not fit"
    )


# ----------------------------------------------------- a missing or broken file


def test_a_missing_cases_file(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy(here, cases=None)
    assert main(["test", "edited.yaml"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("edited.cases.yaml: ")
    assert "no cases file beside the rulebook" in captured.err
    assert captured.err.count("\n") == 1


def test_a_missing_rulebook(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", "nothing.yaml"]) == 1
    captured = capsys.readouterr()
    assert "nothing.yaml" in captured.err
    assert "no such file" in captured.err
    assert captured.out == ""


MALFORMED = [
    pytest.param(
        "    expect: {total: 98, items: {13: 2}}\n",
        "    expect: {total: lots, items: {13: 2}}\n",
        "lots",
        id="a figure that is not a number",
    ),
    pytest.param(
        "    expect: {total: 98, items: {13: 2}}\n",
        "    expcet: {total: 98, items: {13: 2}}\n",
        "expcet",
        id="a misspelt key",
    ),
    pytest.param(
        "        - {item: 13, situation: talks_not_held, count: 5}\n",
        "        - {item: 13, situation: talks_not_held, count: 5\n",
        None,
        id="broken YAML",
    ),
]


@pytest.mark.parametrize(("old", "new", "at"), MALFORMED)
def test_a_malformed_cases_file_is_a_located_error(
    here: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, at: str | None
) -> None:
    cases = replace_once(CASES_TEXT, old, new)
    copy(here, cases=cases)
    assert main(["test", "edited.yaml"]) == 1
    captured = capsys.readouterr()
    assert "cases pass" not in captured.out
    located = re.findall(r"^edited\.cases\.yaml:(\d+):(\d+): ", captured.err, flags=re.MULTILINE)
    assert located, captured.err
    if at is not None:
        line, col = line_col(cases, new, at)
        assert (str(line), str(col)) in located, captured.err
    else:
        # The unclosed flow mapping is reported on its line or just after it.
        line, _ = line_col(cases, new)
        assert any(line <= int(n) <= line + 2 for n, _ in located), captured.err


def test_a_malformed_cases_file_raises_cases_error(here: Path) -> None:
    path = copy(
        here,
        cases=replace_once(
            CASES_TEXT,
            "    expect: {total: 98, items: {13: 2}}\n",
            "    expect: {total: lots, items: {13: 2}}\n",
        ),
    )
    with pytest.raises(CasesError) as info:
        load_cases(cases_path(path), load_rulebook(path))
    assert info.value.file == "edited.cases.yaml"
    assert info.value.line > 0
    assert info.value.column > 0


def test_an_empty_cases_list_is_an_error(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy(here, cases="cases: []\n")
    assert main(["test", "edited.yaml"]) == 1
    assert re.search(r"^edited\.cases\.yaml:1:\d+: ", capsys.readouterr().err, re.MULTILINE)
