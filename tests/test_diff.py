"""The semantic diff between two rulebooks: ``diff_rulebooks``, its reports and ``mofan-rules diff``.

Every edited rulebook is the shipped one (format 2) with a few exact text
replacements, written to ``tmp_path``; each replacement must match exactly
once, so an edit that silently did nothing cannot make a test pass. Changes
are addressed generically (``item 12 › situation cadre_case › tier judicial ›
amount``) and located in both files; tiers from a tier set are compared where
they are used and located at the set.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from mofan_rules.cli import main
from mofan_rules.reports import diff_json, diff_text
from mofan_rules.rulebook import (
    Change,
    Rulebook,
    RulebookDiff,
    diff_rulebooks,
    load_rulebook,
    parse_rulebook,
    read_rulebook,
)

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "rulebooks" / "shifulian-2026.yaml"
TEXT = SHIPPED.read_text(encoding="utf-8")

ITEM_12 = "/indicators/3/rows/1/items/1"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English whatever the machine's locale (``--lang zh`` is tested on its own)."""
    monkeypatch.setenv("LC_ALL", "C.UTF-8")


# ---------------------------------------------------------------- helpers


def replace_once(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced by ``new``; ``old`` must occur exactly once."""
    count = text.count(old)
    assert count == 1, f"expected {old!r} exactly once, found it {count} time(s)"
    return text.replace(old, new)


def item_span(text: str, number: int) -> tuple[int, int]:
    """Where item ``number``'s block starts and ends in a rulebook's text."""
    marker = f"\n          - number: {number}\n"
    assert text.count(marker) == 1, f"item {number} not found exactly once"
    start = text.index(marker) + 1
    ends = [
        text.find(nxt, start + 1)
        for nxt in ("\n          - number: ", "\n      - number: ", "\n  - name: ", "\nbonuses:")
    ]
    return start, min(e for e in ends if e != -1) + 1


def in_item(text: str, number: int, old: str, new: str) -> str:
    """Replace ``old`` (exactly once within item ``number``) by ``new``."""
    start, end = item_span(text, number)
    return text[:start] + replace_once(text[start:end], old, new) + text[end:]


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def position(text: str, snippet: str, value: str, item: int | None = None) -> tuple[int, int]:
    """Line and column of the first ``value`` inside the one ``snippet`` (within item ``item``)."""
    start, end = item_span(text, item) if item is not None else (0, len(text))
    part = text[start:end]
    assert part.count(snippet) == 1, f"{snippet!r} not found exactly once"
    at = part.index(snippet)
    assert value in snippet, f"{value!r} is not in {snippet!r}"
    return line_col(text, start + at + snippet.index(value))


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    load_rulebook(path)  # every edited copy must still be a valid rulebook
    return path


def diff_files(old: Path, new: Path) -> RulebookDiff:
    return diff_rulebooks(read_rulebook(old), read_rulebook(new))


def load_rulebook_text(text: str) -> Rulebook:
    return parse_rulebook(text, "new.yaml")[0]


def by_address(diff: RulebookDiff) -> dict[str, Change]:
    found = {c.address: c for c in diff.changes}
    assert len(found) == len(diff.changes), "an address is reported twice"
    return found


def loc(where: object) -> tuple[str, int, int]:
    assert where is not None
    return (where.file, where.line, where.column)  # type: ignore[attr-defined]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in ``tmp_path`` so files are shown by their short names."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ------------------------------------------------ a changed amount, located

# Item 12's 移送司法机关 tier: 3 → 4. The new file has three more lines above
# it and one more space before the amount, so both places differ.
JUDICIAL_OLD = "{key: judicial, label: 移送司法机关, amount: 3}"
JUDICIAL_NEW = "{key: judicial, label: 移送司法机关,  amount: 4}"
JUDICIAL_ADDRESS = "item 12 › situation cadre_case › tier judicial › amount"
JUDICIAL_POINTER = f"{ITEM_12}/situations/0/tiers/3/amount"


def judicial_edit(tmp_path: Path) -> tuple[Path, Path]:
    old = write(tmp_path, "old.yaml", TEXT)
    text = replace_once(TEXT, "\nmodifiers:\n", "\n# one\n# two\n# three\nmodifiers:\n")
    new = write(tmp_path, "new.yaml", replace_once(text, JUDICIAL_OLD, JUDICIAL_NEW))
    return old, new


def test_a_changed_amount_has_both_values_and_both_places(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = judicial_edit(here)
    old_line, old_col = position(TEXT, JUDICIAL_OLD, "3}")
    new_text = new.read_text(encoding="utf-8")
    new_line, new_col = position(new_text, JUDICIAL_NEW, "4}")
    assert (new_line, new_col) == (old_line + 3, old_col + 1)

    diff = diff_files(old, new)
    assert not diff.same
    (change,) = diff.changes
    assert (change.kind, change.address, change.field) == ("changed", JUDICIAL_ADDRESS, "amount")
    assert (str(change.old), str(change.new)) == ("3", "4")
    assert loc(change.old_at) == ("old.yaml", old_line, old_col)
    assert loc(change.new_at) == ("new.yaml", new_line, new_col)
    # row7_one_pool explains row 7's items as a whole, item 12 among them.
    assert diff.reviews == ("row7_one_pool",)

    assert main(["diff", "old.yaml", "new.yaml"]) == 1
    out = capsys.readouterr().out
    assert f"  {JUDICIAL_ADDRESS}: changed: 3 → 4\n" in out
    assert (
        f"at old.yaml:{old_line}:{old_col} {JUDICIAL_POINTER} → "
        f"new.yaml:{new_line}:{new_col} {JUDICIAL_POINTER}\n"
    ) in out
    assert out.startswith("1 change(s) in meaning from shifulian-mofan-jiguan 2026.1 to ")
    assert out.endswith(
        "review: interpretation 'row7_one_pool' explains values that changed while its reading did not\n"
    )


def test_a_changed_amount_in_chinese(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = judicial_edit(here)
    assert main(["diff", "old.yaml", "new.yaml", "--lang", "zh"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(
        "从 shifulian-mofan-jiguan 2026.1 到 shifulian-mofan-jiguan 2026.1 共有 1 处含义变化：\n"
    )
    assert f"  {JUDICIAL_ADDRESS}: 修改：3 → 4\n" in out
    assert "      位置 old.yaml:" in out
    assert out == diff_text(diff_files(old, new), "zh")


def test_the_same_file_is_the_same(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(here, "a.yaml", TEXT)
    assert main(["diff", "a.yaml", str(SHIPPED)]) == 0
    assert "mean the same" in capsys.readouterr().out


def test_rulebooks_without_their_files_are_compared_too() -> None:
    # Given models rather than loaded files, the diff is the same but placed by path only.
    text = replace_once(TEXT, JUDICIAL_OLD, JUDICIAL_NEW)
    new = load_rulebook_text(text)
    (change,) = diff_rulebooks(load_rulebook(SHIPPED), new).changes
    assert (change.address, str(change.old), str(change.new)) == (JUDICIAL_ADDRESS, "3", "4")
    assert change.new_at is not None
    assert (change.new_at.line, str(change.new_at)) == (0, JUDICIAL_POINTER)


# ------------------------------------------------------ a reformatted copy

CITY_TIER = "    - {key: city, label: 市通报批评和问责或一般负面影响, amount: 0.5}\n"


def reformatted(text: str) -> str:
    """The shipped rulebook written differently but meaning the same."""
    rb = load_rulebook(SHIPPED)
    (bonus,) = rb.bonuses
    # Drop the header comments, add others (a line of its own, and at the end of a line).
    header_end = text.index("schema_version:")
    assert text[:header_end].count("#") >= 5
    text = text[header_end:]
    text = replace_once(text, "total_points: 100\n", "total_points: 100   # full marks\n")
    text = replace_once(text, "\nmeasures:\n", "\n# what a ledger reports\nmeasures:\n")
    # Block lists and mappings in flow style, flow mappings as blocks.
    text = replace_once(
        text,
        "        leaders: [金桂兰, 唐莹, 罗姿]\n",
        "        leaders:\n          - 金桂兰\n          - 唐莹\n          - 罗姿\n",
    )
    text = replace_once(
        text,
        "  - key: half_yearly_analyses\n    label: 意识形态工作分析研判次数\n    kind: count\n"
        "    maximum: 100\n",
        # keys reordered and in flow style
        "  - {maximum: 100, kind: count, label: 意识形态工作分析研判次数, key: half_yearly_analyses}\n",
    )
    text = replace_once(
        text,
        "effective:\n  start: 2026-01-01\n  end: 2026-12-31\n",
        "effective: {end: 2026-12-31, start: 2026-01-01}\n",
    )
    text = in_item(
        text,
        11,
        "                  - {key: interview, label: 约谈, amount: 0.5}\n",
        "                  - amount: 0.50\n                    label: 约谈\n"
        "                    key: interview\n",
    )
    # A tier of the tier set as a block, 0.5 written .50; a tier set named by key
    # written as {use: key} without labels.
    text = replace_once(
        text,
        CITY_TIER,
        "    - amount: .50\n      label: 市通报批评和问责或一般负面影响\n      key: city\n",
    )
    text = in_item(
        text, 1, "                tiers: criticism\n", "                tiers: {use: criticism}\n"
    )
    # Keys reordered within a mapping (a row's, a situation's).
    text = replace_once(
        text,
        "      - number: 8\n        points: 2\n",
        "      - points: 2\n        number: 8\n",
    )
    text = in_item(
        text,
        17,
        "                mode: into_last\n                places: 10\n"
        "                amount: 0.1\n                score_below: 90\n",
        "                score_below: 90.0\n                amount: 0.10\n"
        "                places: 10\n                mode: into_last\n",
    )
    # A per_unit situation's threshold as 12.0.
    text = in_item(text, 5, "                threshold: 12\n", "                threshold: 12.0\n")
    # 0.5 written as 0.50; the bonus re-indented, reordered and in flow style.
    text = replace_once(
        text,
        "    source: 非市管干部减半扣分\n    factor: 0.5\n",
        "    source: 非市管干部减半扣分\n    factor: 0.50\n",
    )
    bonus_start = text.index("\nbonuses:\n") + 1
    return text[:bonus_start] + (
        "bonuses:\n"
        "    - modifiers: [general_office]\n"
        "      levels:\n"
        "          - {amounts: {single: 1, comprehensive: 2.0}, label: 党中央、国务院, key: central}\n"
        "          - key: provincial\n"
        "            amounts:\n"
        "                single: 0.50\n"
        "                comprehensive: 1\n"
        "            label: 国家部委和省委、省政府\n"
        "      scopes: [{key: comprehensive, label: 综合工作}, {label: 单项工作, key: single}]\n"
        "      row: 9\n"
        "      added_to: total\n"
        "      cap: 2.00\n"
        f"      source: {bonus.source}\n"
        "      label: 加分\n"
        "      kind: award\n"
        "      key: bonus\n"
        "# the end\n"
    )


def test_a_reformatted_copy_means_the_same(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = reformatted(TEXT)
    assert text != TEXT
    old = write(here, "old.yaml", TEXT)
    new = write(here, "new.yaml", text)
    diff = diff_files(old, new)
    assert diff.same, diff_text(diff, "en")
    assert diff.changes == ()
    assert main(["diff", "old.yaml", "new.yaml"]) == 0
    assert "mean the same" in capsys.readouterr().out
    assert main(["diff", "new.yaml", "old.yaml", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["same"] is True
    assert data["changes"] == []


def test_a_reformatted_copy_without_whole_numbers_as_decimals_asks_for_no_review(
    here: Path,
) -> None:
    # Without the two whole numbers written as decimals (90.0, 12.0), the copy keeps
    # every interpretation's values: no warning on loading, nothing to review.
    text = in_item(reformatted(TEXT), 17, "score_below: 90.0\n", "score_below: 90\n")
    text = in_item(text, 5, "threshold: 12.0\n", "threshold: 12\n")
    old, new = write(here, "old.yaml", TEXT), write(here, "new.yaml", text)
    assert read_rulebook(new).warnings == ()
    diff = diff_files(old, new)
    assert (diff.changes, diff.reviews) == ((), ())


def test_a_reformatted_copy_asks_for_no_review(here: Path) -> None:
    old, new = write(here, "old.yaml", TEXT), write(here, "new.yaml", reformatted(TEXT))
    assert read_rulebook(new).warnings == ()
    assert diff_files(old, new).reviews == ()


def test_reformatting_does_not_hide_a_real_change(here: Path) -> None:
    # The same reformatting plus one amount: exactly that amount is reported.
    text = in_item(reformatted(TEXT), 13, "amount: 0.5\n", "amount: 0.75\n")
    diff = diff_files(write(here, "old.yaml", TEXT), write(here, "new.yaml", text))
    assert [(c.address, str(c.old), str(c.new)) for c in diff.changes] == [
        ("item 13 › situation talks_not_held › amount", "0.5", "0.75")
    ]


# ------------------------------------------------- one change of each kind


@dataclass(frozen=True)
class Edit:
    """One replacement (within ``item`` if given) and the change it must show."""

    id: str
    item: int | None
    old: str
    new: str
    address: str
    before: object
    after: object
    old_value: str | None  # the old value's text inside ``old``: where old_at points
    new_value: str  # the new value's text inside ``new``: where new_at points

    def apply(self, text: str) -> str:
        if self.item is None:
            return replace_once(text, self.old, self.new)
        return in_item(text, self.item, self.old, self.new)


R17 = "item 17 › situation poll_rank › "
BONUS = "bonus bonus › "  # the bonus rule whose key is `bonus`

EDITS = [
    Edit(
        "plain amount",
        17,
        "amount: 0.1\n                score_below",
        "amount: 0.2\n                score_below",
        R17 + "amount",
        "0.1",
        "0.2",
        "0.1",
        "0.2",
    ),
    Edit(
        "tier amount",
        9,
        "{key: disciplined, label: 被处分, amount: 2}",
        "{key: disciplined, label: 被处分, amount: 2.5}",
        "item 9 › situation member_problem › tier disciplined › amount",
        "2",
        "2.5",
        "2}",
        "2.5}",
    ),
    Edit(
        "tier label",
        11,
        "{key: interview, label: 约谈, amount: 0.5}",
        "{key: interview, label: 约谈提醒, amount: 0.5}",
        "item 11 › situation hedonism_case › tier interview › label",
        "约谈",
        "约谈提醒",
        "约谈",
        "约谈提醒",
    ),
    Edit(
        "tier cap limit",
        1,
        "applies_to: [criticism.central], limit: 2}",
        "applies_to: [criticism.central], limit: 3}",
        "item 1 › cap central_tier › limit",
        "2",
        "3",
        "2}",
        "3}",
    ),
    Edit(
        "clause cap applies_to",
        17,
        "applies_to: [poll_rank]",
        "applies_to: [poll_rank, incident]",
        "item 17 › cap poll_limit › applies_to",
        ["poll_rank"],
        ["poll_rank", "incident"],
        "[poll_rank]",
        "[poll_rank, incident]",
    ),
    Edit("item cap", 18, "cap: 10\n", "cap: 8\n", "item 18 › cap", "10", "8", "10", "8"),
    Edit(
        "item title",
        13,
        "title: 谈心谈话制度未按要求落实\n",
        "title: 谈心谈话\n",
        "item 13 › title",
        "谈心谈话制度未按要求落实",
        "谈心谈话",
        "谈心",
        "谈心",
    ),
    Edit(
        "modifier factor",
        None,
        "source: 非市管干部减半扣分\n    factor: 0.5",
        "source: 非市管干部减半扣分\n    factor: 0.4",
        "modifier non_city_managed › factor",
        "0.5",
        "0.4",
        "0.5",
        "0.4",
    ),
    Edit(
        "modifier no longer allowed",
        12,
        "modifiers: [non_city_managed, self_reported]",
        "modifiers: [non_city_managed]",
        "item 12 › situation cadre_case › modifiers",
        ["non_city_managed", "self_reported"],
        ["non_city_managed"],
        "[non_city_managed, self_reported]",
        "[non_city_managed]",
    ),
    Edit(
        "modifier newly allowed",
        12,
        "{key: city, label: 在全市造成严重后果或恶劣影响, amount: 1}\n",
        "{key: city, label: 在全市造成严重后果或恶劣影响, amount: 1}\n"
        "                modifiers: [non_city_managed]\n",
        "item 12 › situation accountability_case › modifiers",
        [],
        ["non_city_managed"],
        None,
        "[non_city_managed]",
    ),
    Edit("rank places", 17, "places: 10", "places: 8", R17 + "places", 10, 8, "10", "8"),
    Edit(
        "rank score_below",
        17,
        "score_below: 90",
        "score_below: 85",
        R17 + "score_below",
        "90",
        "85",
        "90",
        "85",
    ),
    Edit(
        "rank ties",
        17,
        "ties: as_given",
        "ties: last_of_tie",
        R17 + "ties",
        "as_given",
        "last_of_tie",
        "as_given",
        "last_of_tie",
    ),
    Edit(
        "rank mode",
        17,
        "mode: into_last",
        "mode: below_place",
        R17 + "mode",
        "into_last",
        "below_place",
        "into_last",
        "below_place",
    ),
    Edit(
        "per_unit threshold",
        5,
        "threshold: 12",
        "threshold: 10",
        "item 5 › situation monthly_study › threshold",
        "12",
        "10",
        "12",
        "10",
    ),
    Edit(
        "per_unit measure",
        4,
        "measure: half_yearly_analyses",
        "measure: monthly_studies",
        "item 4 › situation half_yearly_analysis › measure",
        "half_yearly_analyses",
        "monthly_studies",
        "half_yearly_analyses",
        "monthly_studies",
    ),
    Edit(
        "per_unit direction",
        4,
        "direction: below",
        "direction: above",
        "item 4 › situation half_yearly_analysis › direction",
        "below",
        "above",
        "below",
        "above",
    ),
    Edit(
        "measure maximum",
        None,
        "maximum: 100\n",
        "maximum: 50\n",
        "measure half_yearly_analyses › maximum",
        "100",
        "50",
        "100",
        "50",
    ),
    Edit(
        "bonus cap",
        None,
        "    cap: 2\n    added_to: total",
        "    cap: 3\n    added_to: total",
        BONUS + "cap",
        "2",
        "3",
        "2",
        "3",
    ),
    Edit(
        "bonus level amount",
        None,
        "amounts: {comprehensive: 2, single: 1}",
        "amounts: {comprehensive: 3, single: 1}",
        BONUS + "level central › amounts › comprehensive",
        "2",
        "3",
        "2",
        "3",
    ),
    Edit(
        "bonus added_to",
        None,
        "added_to: total",
        "added_to: row",
        BONUS + "added_to",
        "total",
        "row",
        "total",
        "row",
    ),
    Edit(
        "bonus modifiers",
        None,
        "    modifiers: [general_office]\n",
        "    modifiers: []\n",
        BONUS + "modifiers",
        ["general_office"],
        [],
        "[general_office]",
        "[]",
    ),
    Edit(
        "interpretation reading",
        None,
        "reading: The bonus is added after all deductions, so",
        "reading: The bonus is added last, so",
        "interpretation bonus_on_top › reading",
        "The bonus is added after all deductions, so a unit can reach 102; "
        "it is not kept inside row 9's 25.",
        "The bonus is added last, so a unit can reach 102; it is not kept inside row 9's 25.",
        "The bonus",
        "The bonus",
    ),
    Edit(
        "situation source text",
        13,
        "source: 谈心谈话制度未按要求落实的扣0.5分\n",
        "source: 谈心谈话制度未落实的扣0.5分\n",
        "item 13 › situation talks_not_held › source",
        "谈心谈话制度未按要求落实的扣0.5分",
        "谈心谈话制度未落实的扣0.5分",
        "谈心",
        "谈心",
    ),
    Edit(
        "item source text",
        13,
        "source: 13.谈心谈话制度未按要求落实的扣0.5分。",
        "source: 13.谈心谈话制度未落实的扣0.5分。",
        "item 13 › source",
        "谈心谈话制度未按要求落实的扣0.5分。此项最多扣2分。",
        "谈心谈话制度未落实的扣0.5分。此项最多扣2分。",
        "13.",
        "13.",
    ),
    Edit(
        "situation label",
        13,
        "label: 谈心谈话制度未按要求落实\n",
        "label: 谈心谈话未按要求落实\n",
        "item 13 › situation talks_not_held › label",
        "谈心谈话制度未按要求落实",
        "谈心谈话未按要求落实",
        "谈心",
        "谈心",
    ),
    Edit(
        "modifier label",
        None,
        "label: 以办公厅名义下发\n",
        "label: 以办公厅名义下发（通报）\n",
        "modifier general_office › label",
        "以办公厅名义下发",
        "以办公厅名义下发（通报）",
        "以办公厅",
        "以办公厅",
    ),
    Edit(
        "row people",
        None,
        "      - number: 6\n        points: 5\n        leaders: [金桂兰]\n",
        "      - number: 6\n        points: 5\n        leaders: [唐莹]\n",
        "row 6 › leaders",
        ["金桂兰"],
        ["唐莹"],
        "[金桂兰]",
        "[唐莹]",
    ),
    Edit(
        "effective start",
        None,
        "  start: 2026-01-01\n",
        "  start: 2026-02-01\n",
        "effective › start",
        "2026-01-01",
        "2026-02-01",
        "2026",
        "2026",
    ),
    Edit(
        "effective end",
        None,
        "  end: 2026-12-31\n",
        "  end: 2027-06-30\n",
        "effective › end",
        "2026-12-31",
        "2027-06-30",
        "2026",
        "2027",
    ),
    Edit(
        "rulebook title",
        None,
        "title: 市妇联创建“模范机关”规定动作任务分解表\n",
        "title: 市妇联创建“模范机关”规定动作任务分解表（修订）\n",
        "title",
        "市妇联创建“模范机关”规定动作任务分解表",
        "市妇联创建“模范机关”规定动作任务分解表（修订）",
        "市妇联",
        "市妇联",
    ),
]


@pytest.mark.parametrize("edit", EDITS, ids=lambda e: e.id)
def test_each_kind_of_change(here: Path, edit: Edit, capsys: pytest.CaptureFixture[str]) -> None:
    new_text = edit.apply(TEXT)
    old, new = write(here, "old.yaml", TEXT), write(here, "new.yaml", new_text)
    diff = diff_files(old, new)
    found = by_address(diff)
    assert edit.address in found, diff_text(diff, "en")
    change = found[edit.address]
    assert change.kind == "changed"
    assert change.field == edit.address.rsplit(" › ", 1)[-1].split(" ")[0]
    plain = change.as_dict()
    assert (plain["old"], plain["new"]) == (edit.before, edit.after)

    # Where: the value's line and column in each file.
    start = item_span(TEXT, edit.item)[0] if edit.item is not None else 0
    at = TEXT.index(edit.old, start)
    if edit.old_value is not None:
        expected_old = line_col(TEXT, at + edit.old.index(edit.old_value))
        assert loc(change.old_at) == ("old.yaml", *expected_old)
    expected_new = line_col(new_text, at + edit.new.index(edit.new_value))
    assert loc(change.new_at) == ("new.yaml", *expected_new)

    # Nothing else changed in meaning. (An entity whose summary is the edited
    # field may repeat it; test_one_edit_is_reported_once is about that.)
    for other in diff.changes:
        if other is not change:
            assert edit.address.startswith(other.address + " › "), other
            assert (other.old, other.new) == (change.old, change.new), other

    assert main(["diff", "old.yaml", "new.yaml"]) == 1
    out = capsys.readouterr().out
    assert f"  {edit.address}: changed: " in out


# A single edit of a field that is also its entity's short summary (a label,
# an item's text, the bonus cap) should still be one change in meaning.
ONCE = [
    "tier label",
    "bonus cap",
    "item source text",
    "item title",
    "situation label",
    "modifier label",
]


@pytest.mark.parametrize("edit", [e for e in EDITS if e.id in ONCE], ids=lambda e: e.id)
def test_one_edit_is_reported_once(here: Path, edit: Edit) -> None:
    diff = diff_files(write(here, "old.yaml", TEXT), write(here, "new.yaml", edit.apply(TEXT)))
    assert [c.address for c in diff.changes] == [edit.address], diff_text(diff, "en")


def test_row_points(here: Path) -> None:
    text = replace_once(TEXT, "number: 8\n        points: 2\n", "number: 8\n        points: 3\n")
    text = replace_once(text, "number: 9\n        points: 25\n", "number: 9\n        points: 24\n")
    diff = diff_files(write(here, "old.yaml", TEXT), write(here, "new.yaml", text))
    found = by_address(diff)
    assert set(found) == {"row 8 › points", "row 9 › points"}
    assert (str(found["row 8 › points"].old), str(found["row 8 › points"].new)) == ("2", "3")
    assert (str(found["row 9 › points"].old), str(found["row 9 › points"].new)) == ("25", "24")
    line, col = position(TEXT, "number: 9\n        points: 25\n", "25")
    assert loc(found["row 9 › points"].old_at) == ("old.yaml", line, col)
    assert loc(found["row 9 › points"].new_at) == ("new.yaml", line, col)


def test_effective_period_of_a_new_edition(here: Path) -> None:
    text = replace_once(TEXT, 'version: "2026.1"', 'version: "2027.1"')
    text = replace_once(
        text,
        "  start: 2026-01-01\n  end: 2026-12-31\n",
        "  start: 2027-01-01\n  end: 2027-12-31\n",
    )
    diff = diff_files(write(here, "old.yaml", TEXT), write(here, "new.yaml", text))
    assert diff.new == "shifulian-mofan-jiguan 2027.1"
    assert diff.old == "shifulian-mofan-jiguan 2026.1"
    # The version is in the heading, and in the list as a change of its own.
    assert [(c.address, c.as_dict()["old"], c.as_dict()["new"]) for c in diff.changes] == [
        ("version", "2026.1", "2027.1"),
        ("effective › start", "2026-01-01", "2027-01-01"),
        ("effective › end", "2026-12-31", "2027-12-31"),
    ]


# ---------------------------------------------- tiers and items come and go


def test_tier_added(here: Path) -> None:
    line = "                  - {key: accountability, label: 问责, amount: 2}\n"
    added = "                  - {key: dismissal, label: 撤职, amount: 3}\n"
    new_text = in_item(TEXT, 11, line, line + added)
    diff = diff_files(write(here, "old.yaml", TEXT), write(here, "new.yaml", new_text))
    (change,) = diff.changes
    assert change.kind == "added"
    assert change.address == "item 11 › situation hedonism_case › tier dismissal"
    assert (change.old, change.new, change.old_at) == (None, "撤职", None)
    line_no, _ = position(new_text, added, "{")
    assert loc(change.new_at)[:2] == ("new.yaml", line_no)


def test_tier_removed(here: Path) -> None:
    gone = (
        "                  - {key: other_major, label: 其它危害社会治安重大案（事）件, amount: 1}\n"
    )
    diff = diff_files(
        write(here, "old.yaml", TEXT), write(here, "new.yaml", in_item(TEXT, 17, gone, ""))
    )
    (change,) = diff.changes
    assert change.kind == "removed"
    assert change.address == "item 17 › situation incident › tier other_major"
    assert (change.old, change.new, change.new_at) == ("其它危害社会治安重大案（事）件", None, None)
    line_no, _ = position(TEXT, gone, "{")
    assert loc(change.old_at)[:2] == ("old.yaml", line_no)


ITEM_22 = (
    "          - number: 22\n"
    "            title: 按时报送年度工作总结\n"
    "            cap: 2\n"
    "            source: 22.按时报送年度工作总结。未按时报送的扣1分。此项最多扣2分。\n"
    "            situations:\n"
    "              - key: summary_late\n"
    "                kind: per_occurrence\n"
    "                label: 未按时报送年度工作总结\n"
    "                source: 未按时报送的扣1分\n"
    "                amount: 1\n"
)


def test_item_added(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new_text = replace_once(TEXT, "\n\nbonuses:\n", "\n" + ITEM_22 + "\nbonuses:\n")
    write(here, "old.yaml", TEXT)
    write(here, "new.yaml", new_text)
    diff = diff_files(here / "old.yaml", here / "new.yaml")
    (change,) = diff.changes  # the item once, not each of its fields
    assert change.kind == "added"
    assert change.address == "item 22"
    assert "按时报送年度工作总结" in str(change.new)
    assert change.old is None
    assert change.old_at is None
    line_no, _ = position(new_text, ITEM_22, "number: 22")
    assert loc(change.new_at)[:2] == ("new.yaml", line_no)
    assert diff.reviews == ()
    assert main(["diff", "old.yaml", "new.yaml"]) == 1
    out = capsys.readouterr().out
    assert "  item 22: added: 按时报送年度工作总结" in out
    assert f"at new.yaml:{line_no}:" in out


def test_item_removed(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    start, end = item_span(TEXT, 21)
    text = TEXT[:start] + TEXT[end:]
    # Item 21's interpretation points into it, so it goes too (up to the blank
    # line that ends the interpretations).
    interp = text.index("  - key: item21_each_indicator\n")
    text = text[:interp] + text[text.index("\n\n", interp) + 1 :]
    write(here, "old.yaml", TEXT)
    write(here, "new.yaml", text)
    diff = diff_files(here / "old.yaml", here / "new.yaml")
    found = by_address(diff)
    assert {(c.kind, c.address.split(" (")[0]) for c in diff.changes} == {
        ("removed", "item 21"),
        ("removed", "interpretation item21_each_indicator"),
    }
    (item,) = [c for c in diff.changes if c.address.startswith("item 21")]
    assert "认真开展创先争优活动" in str(item.old)
    assert item.new is None
    assert item.new_at is None
    line_no, _ = position(TEXT, "          - number: 21\n", "number")
    assert loc(item.old_at)[:2] == ("old.yaml", line_no)
    assert found["interpretation item21_each_indicator"].kind == "removed"
    assert main(["diff", "old.yaml", "new.yaml"]) == 1
    out = capsys.readouterr().out
    assert "removed (was 认真开展创先争优活动" in out
    assert f"at old.yaml:{line_no}:" in out


def swapped_14_and_15(text: str) -> str:
    """Items 14 and 15 trade places and numbers: their texts move, nothing else."""
    s14, e14 = item_span(text, 14)
    s15, e15 = item_span(text, 15)
    assert e14 == s15
    old14, old15 = text[s14:e14], text[s15:e15]
    new14 = replace_once(replace_once(old15, "- number: 15\n", "- number: 14\n"), ": 15.", ": 14.")
    new15 = replace_once(replace_once(old14, "- number: 14\n", "- number: 15\n"), ": 14.", ": 15.")
    return text[:s14] + new14 + new15 + text[e15:]


def test_items_renumbered(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new_text = swapped_14_and_15(TEXT)
    write(here, "old.yaml", TEXT)
    write(here, "new.yaml", new_text)
    diff = diff_files(here / "old.yaml", here / "new.yaml")
    assert {c.kind for c in diff.changes} == {"renumbered"}, diff_text(diff, "en")
    found = by_address(diff)
    assert set(found) == {"item 14 › number", "item 15 › number"}
    # The new item 14 is the old item 15 (以案促改), and the other way round.
    assert (found["item 14 › number"].old, found["item 14 › number"].new) == (15, 14)
    assert (found["item 15 › number"].old, found["item 15 › number"].new) == (14, 15)
    old_line, _ = position(TEXT, "          - number: 15\n", "15")
    new_line, _ = position(new_text, "          - number: 14\n", "14")
    assert loc(found["item 14 › number"].old_at)[:2] == ("old.yaml", old_line)
    assert loc(found["item 14 › number"].new_at)[:2] == ("new.yaml", new_line)
    # row7_one_pool explains row 7's items as a whole, and their order changed.
    assert diff.reviews == ("row7_one_pool",)
    assert main(["diff", "old.yaml", "new.yaml"]) == 1
    out = capsys.readouterr().out
    assert "item 14 › number: renumbered: 15 → 14" in out
    assert "added" not in out
    assert "removed" not in out


def test_renumbered_item_with_a_changed_amount(here: Path) -> None:
    # Matched by text: the amount change is reported on the item where it now is.
    new_text = in_item(
        swapped_14_and_15(TEXT),
        14,
        "                amount: 0.5\n                max_count: 1\n",
        "                amount: 1\n                max_count: 1\n",
    )
    diff = diff_files(write(here, "old.yaml", TEXT), write(here, "new.yaml", new_text))
    found = by_address(diff)
    assert set(found) == {
        "item 14 › number",
        "item 15 › number",
        "item 14 › situation no_culture_activity › amount",
    }
    amount = found["item 14 › situation no_culture_activity › amount"]
    assert (str(amount.old), str(amount.new)) == ("0.5", "1")


# ------------------------------------------------------ output formats


def test_json_format(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = judicial_edit(here)
    new_text = new.read_text(encoding="utf-8")
    new_line, new_col = position(new_text, JUDICIAL_NEW, "4}")
    assert main(["diff", "old.yaml", "new.yaml", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["same"] is False
    assert data["old"] == data["new"] == "shifulian-mofan-jiguan 2026.1"
    assert data["reviews"] == ["row7_one_pool"]
    (change,) = data["changes"]
    assert change["kind"] == "changed"
    assert change["address"] == JUDICIAL_ADDRESS
    assert change["field"] == "amount"
    assert (change["old"], change["new"]) == ("3", "4")  # strings, not floats
    assert change["new_at"] == f"new.yaml:{new_line}:{new_col} {JUDICIAL_POINTER}"
    assert change["old_at"].startswith("old.yaml:")
    assert (
        diff_json(diff_files(old, new))
        == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    )


def test_json_format_kinds(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = swapped_14_and_15(TEXT)
    text = replace_once(text, "\n\nbonuses:\n", "\n" + ITEM_22 + "\nbonuses:\n")
    text = in_item(text, 9, "amount: 0.1\n", "amount: 0.15\n")
    text = in_item(
        text,
        17,
        "                  - {key: other_major, label: 其它危害社会治安重大案（事）件, amount: 1}\n",
        "",
    )
    write(here, "old.yaml", TEXT)
    write(here, "new.yaml", text)
    assert main(["diff", "old.yaml", "new.yaml", "-f", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["same"] is False
    kinds = {c["address"]: c["kind"] for c in data["changes"]}
    assert kinds == {
        "item 9 › situation no_volunteer_service › amount": "changed",
        "item 14 › number": "renumbered",
        "item 15 › number": "renumbered",
        "item 17 › situation incident › tier other_major": "removed",
        "item 22": "added",
    }
    values = {c["address"]: (c["old"], c["new"]) for c in data["changes"]}
    assert values["item 9 › situation no_volunteer_service › amount"] == ("0.1", "0.15")
    assert values["item 14 › number"] == (15, 14)
    removed = next(c for c in data["changes"] if c["kind"] == "removed")
    assert removed["new"] is None
    assert removed["new_at"] is None
    assert removed["old_at"].startswith("old.yaml:")


def test_markdown_format(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = judicial_edit(here)
    assert main(["diff", "old.yaml", "new.yaml", "--format", "md"]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == (
        "## 1 change(s) in meaning from shifulian-mofan-jiguan 2026.1 to shifulian-mofan-jiguan 2026.1:"
    )
    assert f"- `{JUDICIAL_ADDRESS}` changed: 3 → 4  " in lines
    small = next(line for line in lines if "<small>" in line)
    assert "old.yaml:" in small
    assert "new.yaml:" in small
    assert "→" in small
    assert out == diff_text(diff_files(old, new), "en", markdown=True)


def test_markdown_format_when_the_same(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(here, "a.yaml", TEXT)
    write(here, "b.yaml", reformatted(TEXT))
    assert main(["diff", "a.yaml", "b.yaml", "-f", "md"]) == 0
    assert "mean the same" in capsys.readouterr().out


def test_diff_of_a_broken_rulebook_is_a_located_error(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(here, "old.yaml", TEXT)
    (here / "new.yaml").write_text(
        replace_once(TEXT, "total_points: 100\n", "total_points: hundred\n"), encoding="utf-8"
    )
    line, col = position(TEXT, "total_points: 100\n", "100")
    assert main(["diff", "old.yaml", "new.yaml"]) == 1
    assert f"new.yaml:{line}:{col}:" in capsys.readouterr().err


def test_a_format_1_rulebook_is_compared_as_converted(here: Path) -> None:
    # The format-1 text of the shipped table: the same items and amounts, written
    # without tier sets. Only what format 2's file adds shows, never the tiers.
    v1 = Path(__file__).resolve().parent / "cases" / "v1" / "shifulian-2026.v1.yaml"
    old = write(here, "old.yaml", v1.read_text(encoding="utf-8"))
    new = write(here, "new.yaml", TEXT)
    found = by_address(diff_files(old, new))
    assert {address: c.kind for address, c in found.items()} == {
        # Format 1 has no tier sets: the reading pointed at item 1's tiers.
        "interpretation tiers_pair_and_cap_separately › values": "changed",
        "interpretation half_yearly_twice": "added",
        "interpretation monthly_twelve": "added",
    }


# ---------------------------------------------------- format 2 constructs

SOURCE_DOCUMENT = (
    "source_document: 000_34bde5e24c743dd9.txt (市妇联创建“模范机关”规定动作任务分解表), "
    "read as READING.md\n"
)
VOLUNTEER = (
    "                source: 在职党员全年未参与志愿服务活动每人次扣0.1分\n"
    "                amount: 0.1\n"
)
INACTION = (
    "                source: 履职过程中出现不作为、乱作为等行为的，每项扣3分\n"
    "                amount: 3\n"
)
GOOD_BAND = "  - {key: good, label: 良好, at_least: 85, below: 95}\n"
POOR_BAND = "  - {key: poor, label: 较差, below: 85}\n"
ZONE = "                by_class: {zone: {amount: 0.2}}\n"


def with_outcomes(text: str) -> str:
    """The shipped rulebook with unit classes, grades on the total and item 9's amount by class."""
    text = replace_once(
        text,
        SOURCE_DOCUMENT,
        SOURCE_DOCUMENT + "classes:\n"
        "  - {key: district, label: 区}\n"
        "  - {key: zone, label: 开发区}\n"
        "grades:\n"
        "  - {key: excellent, label: 优秀, at_least: 95}\n" + GOOD_BAND + POOR_BAND,
    )
    return replace_once(text, VOLUNTEER, VOLUNTEER + ZONE)


OUTCOMES = with_outcomes(TEXT)


def test_a_changed_grade_band(here: Path) -> None:
    text = replace_once(OUTCOMES, GOOD_BAND, GOOD_BAND.replace("at_least: 85", "at_least: 80"))
    new_text = replace_once(text, POOR_BAND, POOR_BAND.replace("below: 85", "below: 80"))
    diff = diff_files(write(here, "old.yaml", OUTCOMES), write(here, "new.yaml", new_text))
    found = by_address(diff)
    assert {a: (c.kind, str(c.old), str(c.new)) for a, c in found.items()} == {
        "grade good › at_least": ("changed", "85", "80"),
        "grade poor › below": ("changed", "85", "80"),
    }
    assert loc(found["grade good › at_least"].new_at) == (
        "new.yaml",
        *position(new_text, GOOD_BAND.replace("85", "80"), "80"),
    )
    assert loc(found["grade poor › below"].old_at) == (
        "old.yaml",
        *position(OUTCOMES, POOR_BAND, "85"),
    )


def test_a_grade_band_added(here: Path) -> None:
    fair = "  - {key: fair, label: 一般, at_least: 70, below: 85}\n"
    new_text = replace_once(OUTCOMES, POOR_BAND, fair + POOR_BAND.replace("below: 85", "below: 70"))
    diff = diff_files(write(here, "old.yaml", OUTCOMES), write(here, "new.yaml", new_text))
    assert [(c.kind, c.address, str(c.old), str(c.new)) for c in diff.changes] == [
        ("added", "grade fair", "None", "一般"),
        ("changed", "grade poor › below", "85", "70"),
    ]
    assert loc(diff.changes[0].new_at)[:2] == ("new.yaml", position(new_text, fair, "fair")[0])


VETO = "                veto: {outcome: 不得评为优秀, grade: good}\n"


def test_a_veto_added(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new_text = replace_once(OUTCOMES, INACTION, INACTION + VETO)
    diff = diff_files(write(here, "old.yaml", OUTCOMES), write(here, "new.yaml", new_text))
    where = "item 20 › situation inaction_or_misconduct › veto"
    assert {c.kind for c in diff.changes} == {"added"}
    # The veto is reported once, as what it sets, at its place on the veto's line.
    written = [(c.address, c.new, loc(c.new_at)) for c in diff.changes]
    assert written == [
        (
            where,
            "outcome=不得评为优秀, grade=good",
            ("new.yaml", *position(new_text, VETO, "{outcome")),
        ),
    ]
    assert main(["diff", "old.yaml", "new.yaml"]) == 1
    assert "不得评为优秀" in capsys.readouterr().out


def test_a_veto_added_reports_nothing_that_was_not_written(here: Path) -> None:
    new_text = replace_once(OUTCOMES, INACTION, INACTION + VETO)
    diff = diff_files(write(here, "old.yaml", OUTCOMES), write(here, "new.yaml", new_text))
    assert [c.address for c in diff.changes if c.kind == "added" and c.new is None] == []


def test_a_by_class_amount_changed(here: Path) -> None:
    new_zone = ZONE.replace("0.2", "0.3")
    new_text = replace_once(OUTCOMES, ZONE, new_zone)
    diff = diff_files(write(here, "old.yaml", OUTCOMES), write(here, "new.yaml", new_text))
    (change,) = diff.changes
    assert change.address == "item 9 › situation no_volunteer_service › by_class › zone › amount"
    assert (change.kind, str(change.old), str(change.new)) == ("changed", "0.2", "0.3")
    assert loc(change.old_at) == ("old.yaml", *position(OUTCOMES, ZONE, "0.2"))
    assert loc(change.new_at) == ("new.yaml", *position(new_text, new_zone, "0.3"))
    assert diff.reviews == ()  # no interpretation explains item 9


def test_a_class_given_its_own_amount(here: Path) -> None:
    both = "                by_class: {zone: {amount: 0.2}, district: {amount: 0.05}}\n"
    new_text = replace_once(OUTCOMES, ZONE, both)
    diff = diff_files(write(here, "old.yaml", OUTCOMES), write(here, "new.yaml", new_text))
    (change,) = diff.changes  # the class's numbers once, not each field
    assert change.kind == "added"
    assert change.address == "item 9 › situation no_volunteer_service › by_class › district"
    assert loc(change.new_at) == ("new.yaml", *position(new_text, both, "{amount: 0.05}"))


CENTRAL_TIER = "    - {key: central, label: 中央通报批评和问责或重大负面影响, amount: 2}\n"
PROVINCIAL_TIER = "    - {key: provincial, label: 省通报批评和问责或较大负面影响, amount: 1}\n"
CRITICISM_ITEMS = (1, 2, 3, 5, 10)  # the items whose criticism situation uses the tier set


def test_a_tier_set_amount_is_reported_once_naming_every_item_using_it(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The premise: the set is named by five situations, one in each of those items.
    assert TEXT.count("tiers: criticism\n") + TEXT.count("use: criticism\n") == 5
    new_central = CENTRAL_TIER.replace("amount: 2}", "amount: 1.5}")
    new_text = replace_once(TEXT, CENTRAL_TIER, new_central)
    diff = diff_files(write(here, "old.yaml", TEXT), write(here, "new.yaml", new_text))
    # One value changed, so one change: at the set, naming the items that use it
    # in the order of the table.
    (change,) = diff.changes
    assert change.address == "tier set criticism › tier central › amount"
    assert change.used_by == tuple(f"item {n}" for n in CRITICISM_ITEMS)
    assert (change.kind, str(change.old), str(change.new)) == ("changed", "2", "1.5")
    assert loc(change.old_at) == ("old.yaml", *position(TEXT, CENTRAL_TIER, "2}"))
    assert loc(change.new_at) == ("new.yaml", *position(new_text, new_central, "1.5}"))
    assert change.new_at is not None
    assert change.new_at.path == ("tier_sets", "criticism", 0, "amount")
    # The reading that pairs the tiers points at the set: its values changed.
    assert diff.reviews == ("tiers_pair_and_cap_separately",)
    assert main(["diff", "old.yaml", "new.yaml"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("1 change(s) in meaning")
    assert out.count("/tier_sets/criticism/0/amount → new.yaml:") == 1
    assert "used by item 1, item 2, item 3, item 5, item 10" in out


def test_a_tier_set_label_is_reported_where_the_situation_does_not_word_its_own(
    here: Path,
) -> None:
    new_text = replace_once(
        TEXT,
        PROVINCIAL_TIER,
        PROVINCIAL_TIER.replace("省通报批评和问责或较大负面影响", "省通报批评"),
    )
    diff = diff_files(write(here, "old.yaml", TEXT), write(here, "new.yaml", new_text))
    # Item 10 words its tiers' labels itself (tiers: {use: criticism, labels: …}).
    (change,) = diff.changes
    assert change.address == "tier set criticism › tier provincial › label"
    assert change.used_by == ("item 1", "item 2", "item 3", "item 5")
    assert (change.old, change.new) == ("省通报批评和问责或较大负面影响", "省通报批评")


ITEM_10_LABEL = "                    provincial: 省通报批评和问责处理或较大负面影响\n"


def test_a_label_a_situation_words_for_a_tier_set(here: Path) -> None:
    new_text = replace_once(
        TEXT, ITEM_10_LABEL, ITEM_10_LABEL.replace("问责处理或较大负面影响", "")
    )
    diff = diff_files(write(here, "old.yaml", TEXT), write(here, "new.yaml", new_text))
    (change,) = diff.changes
    assert change.address == "item 10 › situation criticism › tier provincial › label"
    assert (change.old, change.new) == ("省通报批评和问责处理或较大负面影响", "省通报批评和")


def test_a_label_a_situation_words_for_a_tier_set_is_located_there(here: Path) -> None:
    new_label = ITEM_10_LABEL.replace("问责处理或较大负面影响", "")
    new_text = replace_once(TEXT, ITEM_10_LABEL, new_label)
    diff = diff_files(write(here, "old.yaml", TEXT), write(here, "new.yaml", new_text))
    (change,) = diff.changes
    assert loc(change.old_at) == ("old.yaml", *position(TEXT, ITEM_10_LABEL, "省"))
    assert loc(change.new_at) == ("new.yaml", *position(new_text, new_label, "省"))


# Item 7's 智慧党建平台 deduction, explained by the reading item7_platform_deduction.
PLATFORM = "                source: 智慧党建平台无扣分\n                amount: 0.5\n"
PLATFORM_READING = "    reading: Each deduction the platform shows costs the same 0.5 as one task not carried out.\n"


def test_an_interpretation_whose_values_changed_is_named_for_review(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_text = replace_once(TEXT, PLATFORM, PLATFORM.replace("0.5", "1"))
    old, new = write(here, "old.yaml", TEXT), write(here, "new.yaml", new_text)
    # Loading already warns that the reading was not reviewed since its values changed.
    assert "interpretation_values_changed" in {w.code for w in read_rulebook(new).warnings}
    diff = diff_files(old, new)
    assert [c.address for c in diff.changes] == ["item 7 › situation platform_deduction › amount"]
    assert diff.reviews == ("item7_platform_deduction",)
    review = (
        "review: interpretation 'item7_platform_deduction' explains values that changed "
        "while its reading did not"
    )
    assert main(["diff", "old.yaml", "new.yaml"]) == 1
    assert capsys.readouterr().out.endswith(review + "\n")
    assert main(["diff", "old.yaml", "new.yaml", "-f", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["reviews"] == ["item7_platform_deduction"]
    assert main(["diff", "old.yaml", "new.yaml", "-f", "md"]) == 1
    assert "review: interpretation 'item7\\_platform\\_deduction'" in capsys.readouterr().out
    assert main(["diff", "old.yaml", "new.yaml", "--lang", "zh"]) == 1
    assert "请复核：解释 'item7_platform_deduction'" in capsys.readouterr().out


def test_an_interpretation_reviewed_with_its_values_is_not_named(here: Path) -> None:
    # The same change with the reading reworded: the reading was reviewed.
    new_text = replace_once(TEXT, PLATFORM, PLATFORM.replace("0.5", "1"))
    new_text = replace_once(new_text, PLATFORM_READING, PLATFORM_READING.replace("0.5", "1"))
    diff = diff_files(write(here, "old.yaml", TEXT), write(here, "new.yaml", new_text))
    assert [c.address for c in diff.changes] == [
        "interpretation item7_platform_deduction › reading",
        "item 7 › situation platform_deduction › amount",
    ]
    assert diff.reviews == ()
