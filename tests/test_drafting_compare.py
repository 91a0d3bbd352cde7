"""``mofan-rules compare``: exactly what next year's document changes, each at its YAML value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cases.documents.tables import (
    ITEM_22,
    PRINTED,
    Rows,
    printed_table,
    variant_2027,
    write_docx,
    write_xlsx,
)
from mofan_rules.cli import main
from mofan_rules.drafting import Comparison, Status, compare, comparison_markdown, read_document
from mofan_rules.rulebook import LoadedRulebook, read_rulebook

ROOT = Path(__file__).resolve().parent.parent
RULEBOOK = ROOT / "rulebooks" / "shifulian-2026.yaml"


@pytest.fixture(scope="module")
def loaded() -> LoadedRulebook:
    return read_rulebook(RULEBOOK)


@pytest.fixture(scope="module")
def printed() -> tuple[str, Rows]:
    return printed_table()


@pytest.fixture(scope="module")
def word_2027(tmp_path_factory: pytest.TempPathFactory, printed: tuple[str, Rows]) -> Path:
    title, rows = printed
    return write_docx(tmp_path_factory.mktemp("doc") / "2027.docx", title, variant_2027(rows))


def _summary(result: Comparison) -> list[tuple[object, ...]]:
    return [
        (
            e.kind,
            e.number or e.key,
            e.status.value,
            [
                (d.what, d.old, d.new, [p.pointer for p in d.places])
                for d in e.details
                if d.what == "value"
            ],
        )
        for e in result.entries
    ]


def test_the_2026_table_in_every_format_says_what_the_rulebook_says(
    tmp_path: Path, loaded: LoadedRulebook, printed: tuple[str, Rows]
) -> None:
    title, rows = printed
    for path in (
        PRINTED,
        write_docx(tmp_path / "2026.docx", title, rows),
        write_xlsx(tmp_path / "2026.xlsx", title, rows),
    ):
        result = compare(loaded, read_document(path))
        assert result.same, result.entries
        assert result.counts["items_unchanged"] == 21


def test_the_2027_variant_lists_exactly_its_changes(
    loaded: LoadedRulebook, word_2027: Path
) -> None:
    result = compare(loaded, read_document(word_2027))
    criticism = [
        ("value", "1", "1.5", ["/tier_sets/criticism/1/amount"]),
        ("value", "0.5", "1", ["/tier_sets/criticism/2/amount"]),
    ]
    assert _summary(result) == [
        ("item", 1, "numbers", criticism),
        ("item", 2, "numbers", criticism),
        ("item", 3, "numbers", criticism),
        ("row", 3, "changed", []),
        ("item", 5, "numbers", criticism),
        ("item", 10, "numbers", criticism),
        ("item", 13, "reworded", []),
        (
            "item",
            17,
            "numbers",
            [("value", "90", "92", ["/indicators/3/rows/2/items/0/situations/0/score_below"])],
        ),
        ("item", 22, "new", []),
        ("interpretation", "tiers_pair_and_cap_separately", "review", []),
        ("interpretation", "item17_positions", "review", []),
    ]
    by = {(e.kind, e.number or e.key): e for e in result.entries}
    leader = by["row", 3].details
    assert [(d.what, d.old, d.new, [p.pointer for p in d.places]) for d in leader] == [
        ("leaders", "唐莹", "李华", ["/indicators/1/rows/0/leaders"])
    ]
    wording = by["item", 13].details
    assert [(d.what, [p.pointer for p in d.places]) for d in wording] == [
        (
            "wording",
            [
                "/indicators/3/rows/1/items/2/situations/0/source",
                "/indicators/3/rows/1/items/2/source",
                "/indicators/3/rows/1/items/2/title",  # a title taken from the words
            ],
        )
    ]
    assert "按要求" in (wording[0].old or "")
    assert "按规定" in (wording[0].new or "")
    new = {d.what: d for d in by["item", 22].details}
    assert new["text"].new == ITEM_22
    assert new["read_as"].new == "per_occurrence 1; item cap 3"
    assert new["insert_after"].places[0].pointer == "/indicators/4/rows/0/items/4"
    assert by["item", 22].document is not None
    assert "2027.docx[表1]:11:2" in by["item", 22].document


def test_every_place_is_the_line_of_its_value(loaded: LoadedRulebook, word_2027: Path) -> None:
    lines = RULEBOOK.read_text(encoding="utf-8").splitlines()
    result = compare(loaded, read_document(word_2027))
    for entry in result.entries:
        for detail in entry.details:
            for place in detail.places:
                assert place.file == "rulebooks/shifulian-2026.yaml" or place.file.endswith(
                    "shifulian-2026.yaml"
                )
                line = lines[place.line - 1]
                if detail.what == "value":
                    assert detail.old is not None, detail
                    assert detail.old in line[place.column - 1 :], (place, line)
                elif detail.what == "leaders":
                    assert "唐莹" in line


def test_command_formats_and_exit_codes(
    capsys: pytest.CaptureFixture[str], word_2027: Path, tmp_path: Path, printed: tuple[str, Rows]
) -> None:
    assert main(["compare", str(RULEBOOK), str(word_2027)]) == 1
    text = capsys.readouterr().out
    assert "item 17 · changed numbers" in text
    assert "90 → 92" in text
    assert "shifulian-2026.yaml:553 /indicators/3/rows/2/items/0/situations/0/score_below" in text
    assert main(["compare", str(RULEBOOK), str(word_2027), "--lang", "zh"]) == 1
    assert "第17条 · 数值改动" in capsys.readouterr().out
    assert main(["compare", str(RULEBOOK), str(word_2027), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["same"] is False
    assert len(data["entries"]) == 11
    assert main(["compare", str(RULEBOOK), str(word_2027), "--format", "md"]) == 1
    markdown = capsys.readouterr().out
    assert "| **item 1 · changed numbers" in markdown
    assert main(["compare", str(RULEBOOK), str(PRINTED)]) == 0
    assert "says what the rulebook says" in capsys.readouterr().out
    with pytest.raises(SystemExit) as usage:
        main(["compare", str(RULEBOOK)])
    assert usage.value.code == 2


def test_markdown_keeps_document_words_as_text(
    loaded: LoadedRulebook, tmp_path: Path, printed: tuple[str, Rows]
) -> None:
    title, rows = printed
    rows = [list(r) for r in rows]
    rows[3][3] = "<i>李|华"
    result = compare(loaded, read_document(write_docx(tmp_path / "x.docx", title, rows)))
    markdown = comparison_markdown(result)
    assert "<i>" not in markdown
    assert "\\<i\\>李\\|华" in markdown


def _variant(printed: tuple[str, Rows], edit: dict[str, str]) -> Rows:
    rows = [list(r) for r in printed[1]]
    for row in rows[1:]:
        for old, new in edit.items():
            row[1] = row[1].replace(old, new)
    return rows


def test_moved_removed_and_renumbered_items(
    loaded: LoadedRulebook, tmp_path: Path, printed: tuple[str, Rows]
) -> None:
    title, rows = printed
    rows = [list(r) for r in rows]
    # item 20 leaves the table; item 21 becomes 20; item 18 moves up into row 1 as item 3…
    last = rows[-1][1].split("\n")
    item18 = last[0]
    rows[-1][1] = "\n".join([ln for ln in last if not ln.startswith(("18.", "20."))])
    renumbered: list[list[str]] = []
    number = 0
    for row in rows:
        if row is rows[0]:
            renumbered.append(row)
            continue
        lines = row[1].split("\n")
        if row[1].startswith("1."):
            lines.append(item18)
        out = []
        for line in lines:
            text = line
            if line[:3].rstrip(".").isdigit() or line[:2].rstrip(".").isdigit():
                number += 1
                text = f"{number}." + line.split(".", 1)[1]
            out.append(text.replace("综合11项至16项", "综合12项至17项"))
        renumbered.append([row[0], "\n".join(out), *row[2:]])
    result = compare(loaded, read_document(write_docx(tmp_path / "moved.docx", title, renumbered)))
    kinds = {(e.number, e.status.value, e.old_number) for e in result.entries if e.kind == "item"}
    assert (3, "moved", 18) in kinds
    assert (20, "removed", None) in {
        (e.number, e.status.value, None) for e in result.entries if e.status is Status.REMOVED
    }
    moved = next(e for e in result.entries if e.number == 3 and e.kind == "item")
    assert [(d.what, d.old, d.new) for d in moved.details][:2] == [
        ("row", "9", "1"),
        ("number", "18", "3"),
    ]
    renumbered_only = [
        e
        for e in result.entries
        if e.kind == "item" and e.status is Status.MOVED and e.old_number != 18
    ]
    assert all(d.what == "number" for e in renumbered_only for d in e.details)


def test_a_number_no_value_carries_is_rewritten_not_guessed(
    loaded: LoadedRulebook, tmp_path: Path, printed: tuple[str, Rows]
) -> None:
    rows = _variant(
        printed,
        {
            "每低一个位次扣0.1分": "每低两个位次扣0.1分",
            "每种情形最多扣2分。此项最多扣5分": "此项最多扣6分",
        },
    )
    result = compare(loaded, read_document(write_docx(tmp_path / "re.docx", printed[0], rows)))
    by = {(e.kind, e.number): e for e in result.entries}
    assert by["item", 17].status is Status.REWRITTEN
    assert next(d.what for d in by["item", 17].details) == "clause_rewritten"
    item1 = by["item", 1]
    assert item1.status is Status.REWRITTEN  # the tier caps are gone and the item cap moved
    assert {d.what for d in item1.details} >= {"clause_removed", "value"}
    cap = next(d for d in item1.details if d.what == "value")
    assert (cap.old, cap.new, [p.pointer for p in cap.places]) == (
        "5",
        "6",
        ["/indicators/0/rows/0/items/0/cap"],
    )


def test_people_wrapped_differently_are_the_same(
    loaded: LoadedRulebook, tmp_path: Path, printed: tuple[str, Rows]
) -> None:
    title, rows = printed
    rows = [list(r) for r in rows]
    rows[-1][5] = "所有部室（中心）"
    rows[-1][3] = "金桂兰、唐莹、罗姿"
    rows[5][4] = "市委组织部、市直机关工委"
    assert compare(loaded, read_document(write_docx(tmp_path / "p.docx", title, rows))).same


def test_points_and_departments(
    loaded: LoadedRulebook, tmp_path: Path, printed: tuple[str, Rows]
) -> None:
    title, rows = printed
    rows = [list(r) for r in rows]
    rows[2][2], rows[1][2] = "9分", "11分"
    rows[1][4] = "市委办\n市政府办\n市委督查室"
    result = compare(loaded, read_document(write_docx(tmp_path / "pts.docx", title, rows)))
    details = [
        (e.number, d.what, d.old, d.new, [p.pointer for p in d.places])
        for e in result.entries
        for d in e.details
    ]
    assert (1, "points", "10", "11", ["/indicators/0/rows/0/points"]) in details
    assert (2, "points", "10", "9", ["/indicators/0/rows/1/points"]) in details
    assert (
        1,
        "departments",
        "市委办、市政府办",
        "市委办、市政府办、市委督查室",
        ["/indicators/0/rows/0/assessing_departments"],
    ) in details
    assert any(e.kind == "interpretation" for e in result.entries) is False


def test_an_overlay_is_refused_with_its_edition_named(capsys: pytest.CaptureFixture[str]) -> None:
    overlay = ROOT / "tests" / "cases" / "overlays" / "organ-a.yaml"
    assert main(["compare", str(overlay), str(PRINTED)]) == 1
    err = capsys.readouterr().err
    assert "organ-a.yaml" in err
    assert "base-2026.yaml" in err
    assert "Traceback" not in err
