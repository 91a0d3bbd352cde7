"""Scoring many ledgers: ``scoring.score_files``, ``score_file``, ``ledger_files``, ``is_own_output``.

A folder of ledgers written for a tiny inline rulebook: every file gets a
report or the error that stopped it (located in its file), units with equal
totals share a rank, and the tool's own outputs in the folder are never read
back as ledgers.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from mofan_rules import LedgerError
from mofan_rules._workbook import Sheet, csv_bytes, xlsx_bytes
from mofan_rules.reports import ranked, ranking_rows, unscored_rows
from mofan_rules.rulebook import LoadedRulebook, read_rulebook
from mofan_rules.scoring import (
    OUTPUT_CREATOR,
    BatchEntry,
    is_own_output,
    ledger_files,
    score_file,
    score_files,
)

D = Decimal
Choose = Callable[[Path], LoadedRulebook]

RULEBOOK = """\
schema_version: 2
id: unit-batch
version: "1"
title: 批量测试
unit: 测试单位
total_points: 10
effective: {start: 2026-01-01, end: 2026-12-31}
rounding: {quantum: 0.01, mode: half_up}
source_document: written for tests/test_unit_batch.py
measures:
  - {key: rate, label: 完成率, kind: rate}
indicators:
  - name: 甲
    rows:
      - number: 1
        points: 10
        leaders: []
        assessing_departments: []
        responsible_offices: []
        items:
          - number: 1
            source: 1.每次扣1分。
            situations:
              - {key: slip, kind: per_occurrence, label: 差错, source: 每次扣1分, amount: 1}
          - number: 2
            source: 2.完成率低于90%扣2分。
            situations:
              - {key: low_rate, kind: threshold, label: 完成率低, source: 完成率低于90%扣2分, measure: rate, cliffs: [{below: 0.9, amount: 2}]}
"""

LEDGERS = {
    "a.yaml": "unit: 甲\nmeasures: {rate: 0.95}\n",
    "b.yaml": "unit: 乙\nmeasures: {rate: 0.95}\nrecords:\n  - {item: 1, situation: slip}\n",
    # the situation by its Chinese label
    "c.yaml": "unit: 丙\nmeasures: {rate: 0.95}\nrecords:\n  - {item: 1, situation: 差错}\n",
    # item 7 does not exist: line 4, where `item: 7` is written
    "d.yaml": "unit: 丁\nrecords:\n  - {item: 1, situation: slip}\n  - {item: 7, situation: slip}\n",
    "e.json": '{"unit": "戊", "measures": {"rate": 0.8}}',
    # no figure: a notice, or with strict an error
    "f.yaml": "unit: 己\n",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "rb.yaml").write_text(RULEBOOK, "utf-8")
    ledgers = tmp_path / "ledgers"
    ledgers.mkdir()
    for name, text in LEDGERS.items():
        (ledgers / name).write_text(text, "utf-8")
    return ledgers


@pytest.fixture
def choose(folder: Path) -> Choose:
    loaded = read_rulebook(folder.parent / "rb.yaml")

    def pick(_file: Path) -> LoadedRulebook:
        return loaded

    return pick


def by_name(entries: list[BatchEntry]) -> dict[str, BatchEntry]:
    return {Path(e.file).name: e for e in entries}


def test_every_file_gets_a_report_or_its_error(folder: Path, choose: Choose) -> None:
    seen: list[tuple[int, int]] = []
    entries = score_files(ledger_files([folder]), choose, lambda d, n: seen.append((d, n)))
    assert [Path(e.file).name for e in entries] == list(LEDGERS)  # name order
    assert seen == [(i, 6) for i in range(1, 7)]  # progress after each of the 6 files
    named = by_name(entries)
    totals = {name: e.report.total for name, e in named.items() if e.report is not None}
    assert totals == {
        "a.yaml": D(10),  # why: nothing recorded, 95% ≥ 90%: 10
        "b.yaml": D(9),  # why: one slip: 10 − 1
        "c.yaml": D(9),  # why: the same slip, written by its label: 10 − 1
        "e.json": D(8),  # why: 80% < 90%: 10 − 2
        "f.yaml": D(10),  # why: the figure is missing, so no rule reads it: 10
    }
    assert all(e.error is None for n, e in named.items() if n != "d.yaml")
    assert named["a.yaml"].edition == named["a.yaml"].basis == "unit-batch 1"
    assert [n.code for n in named["f.yaml"].report.notices] == ["missing_figure"]  # type: ignore[union-attr]


def test_a_ledger_that_does_not_fit_is_kept_with_its_reason(folder: Path, choose: Choose) -> None:
    entry = score_file(folder / "d.yaml", choose)
    assert entry.report is None
    assert isinstance(entry.error, LedgerError)
    (problem,) = entry.error.problems
    assert (Path(problem.file).name, problem.line, problem.path, problem.code) == (
        "d.yaml",
        4,
        ("records", 1, "item"),
        "no_such_item",
    )
    # One broken file never stops the others.
    entries = score_files([folder / "d.yaml", folder / "a.yaml"], choose)
    assert [e.report is not None for e in entries] == [False, True]


def test_equal_totals_share_a_rank(folder: Path, choose: Choose) -> None:
    entries = score_files(ledger_files([folder]), choose)
    order = [(rank, Path(e.file).name) for rank, e in ranked(entries)]
    # why: totals 10, 10, 9, 9, 8: two share 1st, two share 3rd, the next is 5th
    assert order == [(1, "a.yaml"), (1, "f.yaml"), (3, "b.yaml"), (3, "c.yaml"), (5, "e.json")]
    head, *rows = ranking_rows(entries)
    assert len(rows) == 5  # the unscored file is not ranked …
    _head, *unscored = unscored_rows(entries)
    assert [Path(str(row[0])).name for row in unscored] == ["d.yaml"]  # … but listed, with why
    assert "there is no item 7" in str(unscored[0][2])
    assert head[0] == "rank"


def test_strict_makes_a_missing_figure_an_error_placed_in_its_file(
    folder: Path, choose: Choose
) -> None:
    entry = score_file(folder / "f.yaml", choose, strict=True)
    assert entry.report is None
    assert entry.error is not None
    (problem,) = entry.error.problems
    assert problem.code == "missing_figure_strict"
    assert Path(problem.file).name == "f.yaml"  # not "<ledger>": the file it belongs to


def test_places_say_where_each_trail_line_was_written(folder: Path, choose: Choose) -> None:
    entry = score_file(folder / "b.yaml", choose)
    assert entry.places is not None
    places = {origin: (Path(file).name, line) for origin, (file, line) in entry.places.items()}
    # why: in b.yaml, `measures:` is line 2 and the record's `- {item: 1, …}` line 4
    assert places == {"/records/0": ("b.yaml", 4), "/measures/rate": ("b.yaml", 2)}


def test_a_folder_or_a_missing_file_given_as_a_ledger(folder: Path, choose: Choose) -> None:
    (folder / "sub.yaml").mkdir()
    entry = score_file(folder / "sub.yaml", choose)
    assert entry.error is not None
    assert entry.error.problems[0].code == "is_a_folder"
    missing = score_file(folder / "nope.yaml", choose)
    assert missing.error is not None
    assert missing.error.problems[0].code == "no_such_file"


def test_ledger_files_skips_what_is_not_a_ledger(folder: Path) -> None:
    (folder / "notes.txt").write_text("x", "utf-8")
    (folder / "~$open.xlsx").write_bytes(b"x")  # Office's lock file
    (folder / "._a.yaml").write_bytes(b"x")  # macOS's AppleDouble file
    (folder / "inner.yaml").mkdir()  # a folder named like a ledger
    names = [f.name for f in ledger_files([folder])]
    assert names == list(LEDGERS)
    # A file named on its own is always listed (reading it says what is wrong).
    assert ledger_files([folder / "notes.txt"]) == [folder / "notes.txt"]


def test_the_tools_own_outputs_are_never_read_back(folder: Path, choose: Choose) -> None:
    entries = score_files(ledger_files([folder]), choose)
    (folder / "ranking.csv").write_bytes(csv_bytes(ranking_rows(entries)))
    (folder / "ranking.xlsx").write_bytes(
        xlsx_bytes([Sheet("排名", ranking_rows(entries))], creator=OUTPUT_CREATOR)
    )
    report = entries[0].report
    assert report is not None
    (folder / "score.json").write_text(report.to_json(), "utf-8")
    (folder / "template.xlsx").write_bytes(xlsx_bytes([Sheet("台账", [["item"]])], creator="x"))
    for name in ("ranking.csv", "ranking.xlsx", "score.json"):
        assert is_own_output(folder / name), name
    assert not is_own_output(folder / "template.xlsx")  # a template is meant to be read
    assert not is_own_output(folder / "a.yaml")
    names = [f.name for f in ledger_files([folder])]
    assert names == sorted([*LEDGERS, "template.xlsx"])
    assert OUTPUT_CREATOR == "mofan-rules"


def test_the_output_about_to_be_written_is_left_out_only_if_the_tool_wrote_it(
    folder: Path,
) -> None:
    out = folder / "out.csv"
    out.write_bytes(csv_bytes([["rank", "unit", "file"], [1, "甲", "a.yaml"]]))
    assert out not in ledger_files([folder], skip=[out])
    ledger_named_as_output = folder / "a.yaml"
    assert ledger_named_as_output in ledger_files([folder], skip=[ledger_named_as_output])
