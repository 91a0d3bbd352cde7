"""The mofan-rules command end to end: good input, bad input, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest

from mofan_rules import Rulebook, evaluate, load_facts
from mofan_rules.cli import main
from mofan_rules.reports import display_width

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "typical-year.yaml"


def test_score_table(capsys: pytest.CaptureFixture[str], rulebook: Rulebook) -> None:
    assert main(["score", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    total = evaluate(rulebook, load_facts(EXAMPLE, rulebook)).total
    assert f"total (总分): {total} / 102" in out  # why: full marks 100 + the bonus cap 2
    assert "带头联系服务群众" in out
    assert max(display_width(line) for line in out.splitlines()) <= 80


@pytest.mark.parametrize("width", [80, 120])
def test_table_columns_line_up_with_chinese_text(
    capsys: pytest.CaptureFixture[str], width: int
) -> None:
    main(["score", str(EXAMPLE), "--width", str(width)])
    lines = capsys.readouterr().out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("row"))
    body = [
        line for line in lines[header + 2 :] if line and not line.startswith(("bonus", "total"))
    ]
    # The score column ends at the same terminal column on every row line.
    ends = {display_width(line) for line in body if line.split()[0].isdigit()}
    assert len(ends) == 1


def test_score_json_matches_the_library(
    capsys: pytest.CaptureFixture[str], rulebook: Rulebook
) -> None:
    assert main(["score", str(EXAMPLE), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert Decimal(data["total"]) == evaluate(rulebook, load_facts(EXAMPLE, rulebook)).total
    assert data["rulebook"]["id"] == rulebook.id


def test_validate_default_and_explicit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    assert main(["validate", str(ROOT / "rulebooks" / "shifulian-2026.yaml")]) == 0
    assert "items: 21" in capsys.readouterr().out


def test_validate_words_its_counts_without_a_plural(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = tmp_path / "one.yaml"
    one.write_text(
        """\
schema_version: 2
id: one-row
version: "1"
title: 一栏
unit: 测试单位
total_points: 10
effective: {start: 2026-01-01, end: 2026-12-31}
rounding: {quantum: 0.01, mode: half_up}
source_document: written for tests/test_cli.py
indicators:
  - name: 党建
    rows:
      - number: 1
        points: 10
        leaders: [张三]
        assessing_departments: [组织部]
        responsible_offices: [办公室]
        items:
          - number: 1
            source: 1.每次扣1分。
            situations:
              - {key: slip, kind: per_occurrence, label: 差错, source: 每次扣1分, amount: 1}
""",
        "utf-8",
    )
    assert main(["validate", str(one), "--lang", "en"]) == 0
    out = capsys.readouterr().out.strip()
    assert out == "ok: one-row 1 (rows: 1, items: 1, points: 10, warnings: 0)"  # never "1 rows"


def test_validate_bad_rulebook_prints_located_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (ROOT / "rulebooks" / "shifulian-2026.yaml").read_text("utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        text.replace("total_points: 100", "total_points: 99").replace("cap: 8\n", "cap: 9\n", 1),
        "utf-8",
    )
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert any(
        ":14:15: /total_points: the rows' points add up to 100, not 99" in line for line in err
    )
    # why: the first `cap: 8` of the file (an item in a row of 8 points) became 9
    assert any("is above the row's 8 points" in line for line in err)
    assert "Traceback" not in "\n".join(err)


def test_bad_ledger_exit_code_and_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = tmp_path / "l.yaml"
    ledger.write_text("records:\n  - {item: 1, situation: critcism, tier: city}\n", "utf-8")
    assert main(["score", str(ledger)]) == 1
    err = capsys.readouterr().err
    assert ":2:" in err
    assert "did you mean 'criticism'" in err


def test_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "no-such-ledger.yaml"]) == 1
    assert "no such file" in capsys.readouterr().err


def test_usage_error_exits_2() -> None:
    with pytest.raises(SystemExit) as info:
        main(["score"])
    assert info.value.code == 2


def test_help_lists_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "exit codes" in capsys.readouterr().out


@pytest.mark.slow  # a subprocess: the real console script
def test_installed_console_script_runs() -> None:
    # The console script installed by pyproject, in a separate process.
    exe = Path(sys.executable).with_name("mofan-rules")
    if not exe.exists():
        pytest.skip("package not installed with its console script")
    env = {**os.environ, "PYTHONPATH": ""}
    done = subprocess.run(
        [str(exe), "score", str(EXAMPLE), "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["rulebook"]["version"] == "2026.1"


BAD_YEAR = ROOT / "examples" / "bad-year.yaml"


def test_score_several_ledgers_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(EXAMPLE), str(BAD_YEAR), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["rulebook"]["version"] for d in data] == ["2026.1", "2026.1"]
    assert Decimal(data[0]["total"]) > Decimal(data[1]["total"])


@pytest.mark.parametrize("fmt", ["md", "csv", "html"])
def test_score_other_formats_show_the_total(
    capsys: pytest.CaptureFixture[str], rulebook: Rulebook, fmt: str
) -> None:
    assert main(["score", str(EXAMPLE), "--format", fmt, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    total = str(evaluate(rulebook, load_facts(EXAMPLE, rulebook)).total)
    assert total in out
    if fmt == "html":
        assert out.startswith("<!DOCTYPE html>")
        assert "http" not in out.replace(
            "https://json-schema", ""
        )  # nothing fetched from a network
    if fmt == "csv":
        assert out.splitlines()[0].startswith("unit,row,")


def test_lang_zh(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(EXAMPLE), "--lang", "zh"]) == 0
    assert "总分: " in capsys.readouterr().out


def test_explain_whole_ledger_and_one_item(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(EXAMPLE), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "市委办通报〔2026〕12号" in out  # the record's evidence
    assert "1 × 1 × 0.5 (非市管干部) = 0.5" in out  # amount × count × modifier
    assert main(["explain", str(BAD_YEAR), "--item", "1", "--lang", "en"]) == 0
    one = capsys.readouterr().out
    assert "item 1 坚决贯彻党中央决策部署 ·" in one
    assert "item 2 ·" not in one
    assert "caps that cut" in one


@pytest.mark.parametrize(
    ("lang", "tier_cap", "item_cap", "cut_by"),
    [
        ("en", "每种情形最多扣2分（中央/重大）", "this item deducts at most 5", "cut by: "),
        ("zh", "每种情形最多扣2分（中央/重大）", "此项最多扣5分", "封顶: "),
    ],
)
def test_explain_names_each_cap_that_cut_in_words(
    capsys: pytest.CaptureFixture[str], lang: str, tier_cap: str, item_cap: str, cut_by: str
) -> None:
    # The bad year's item 1: central criticism 6 → 2 under its tier cap, then the
    # item's 5.5 → 5 (see "caps that cut"); each line says which cap cut it, in words.
    assert main(["explain", str(BAD_YEAR), "--item", "1", "--lang", lang]) == 0
    out = capsys.readouterr().out
    said = {line.strip().removeprefix(cut_by) for line in out.splitlines() if cut_by in line}
    assert said == {tier_cap, "每种情形最多扣2分（省/较大）", item_cap}
    assert f"{tier_cap}: 6 → 2 (−4)" in out
    assert f"{item_cap}: 5.5 → 5 (−0.5)" in out
    assert "item_1" not in out
    assert "central_tier" not in out


@pytest.mark.parametrize("fmt", ["table", "explain", "json", "md", "csv", "html", "xlsx"])
def test_every_format_groups_the_lost_points_by_office(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rulebook: Rulebook, fmt: str
) -> None:
    report = evaluate(rulebook, load_facts(EXAMPLE, rulebook))
    # why: an office answers for every row that names it, each counted in full,
    # so its loss is the sum of those rows' deductions (worked out here, not typed).
    lost = sum((r.deducted for r in report.rows if "组织部" in r.responsible_offices), Decimal(0))
    assert lost > 0
    if fmt == "explain":
        args = ["explain", str(EXAMPLE)]
    else:
        args = ["score", str(EXAMPLE), "--format", fmt]
    if fmt == "xlsx":
        args += ["--out", str(tmp_path / "s.xlsx")]
    assert main([*args, "--by", "office", "--lang", "zh"]) == 0
    rows: list[Sequence[object]]
    if fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(tmp_path / "s.xlsx")
        rows = [list(r) for ws in book.worksheets for r in ws.iter_rows(values_only=True)]
    else:
        out = capsys.readouterr().out
        if fmt == "json":
            (grouping,) = json.loads(out)["accountability"]
            assert grouping["by"] == "office"
            groups = grouping["groups"]
            (group,) = [g for g in groups if g["name"] == "组织部"]
            assert Decimal(group["lost"]) == lost
            return
        if fmt in {"table", "explain", "md"}:
            # The group's line shows the loss as a deduction.
            (line,) = [x for x in out.splitlines() if x.lstrip("| ").startswith("组织部")]
            assert f"-{lost}" in line
            return
        if fmt == "html":
            assert f'<tr><td>组织部</td><td class="n">{lost}</td>' in out
            return
        rows = [line.split(",") for line in out.splitlines()]
    # CSV and XLSX: in the groups' rows the office's cell is followed by its loss.
    after = [str(r[r.index("组织部") + 1]) for r in rows if "组织部" in r[:-1]]
    assert {Decimal(x) for x in after if x.replace(".", "", 1).isdigit()} == {lost}


def test_explain_unknown_item(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(EXAMPLE), "--item", "99"]) == 2
    assert "no item 99" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_render_rulebook_has_the_source_columns(
    capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    assert main(["render", "--format", fmt]) == 0
    out = capsys.readouterr().out
    for column in ("考评指标", "考评办法", "分值", "责任领导", "考核部门", "本会责任部室"):
        assert column in out
    assert "此项最多扣5分" in out
    assert "市委政法委" in out


@pytest.mark.parametrize("name", ["rulebook", "facts"])
def test_schema_command(capsys: pytest.CaptureFixture[str], name: str) -> None:
    assert main(["schema", name]) == 0
    assert json.loads(capsys.readouterr().out)["$schema"].endswith("2020-12/schema")


def test_batch_over_a_folder_with_a_broken_ledger(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ledgers"
    folder.mkdir()
    for name in ("clean-year", "typical-year", "bad-year"):
        (folder / f"{name}.yaml").write_bytes((ROOT / "examples" / f"{name}.yaml").read_bytes())
    (folder / "twin.yaml").write_bytes(EXAMPLE.read_bytes())  # same total: shares a rank
    (folder / "broken.yaml").write_text("records:\n  - {item: 1, situation: nope}\n", "utf-8")
    out = tmp_path / "ranking.csv"
    assert main(["batch", str(folder), "--out", str(out), "--lang", "en"]) == 1
    captured = capsys.readouterr()
    assert "4 of 5 ledgers scored" in captured.out  # why: 5 files, broken.yaml does not fit
    assert "broken.yaml:2:" in captured.err
    assert "no situation 'nope'" in captured.err
    rows = out.read_text("utf-8-sig").splitlines()
    assert rows[0].startswith("rank,unit,file,edition,row 1")
    ranks = [r.split(",")[0] for r in rows[1:]]
    # why: clean 101.14, typical 93.35 twice (its twin), bad 51.86: 1, 2, 2, then 4th
    assert ranks == ["1", "2", "2", "4"]
    assert "bad-year" in rows[-1]


def test_several_ledgers_grouped_in_csv_and_xlsx_say_which_ledger_each_line_is_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv

    import openpyxl

    from mofan_rules.source import display

    args = ["score", str(EXAMPLE), str(BAD_YEAR), "--by", "office", "--lang", "en"]
    assert main([*args, "--format", "csv", "--out", str(tmp_path / "s.csv")]) == 0
    assert main([*args, "--format", "xlsx", "--out", str(tmp_path / "s.xlsx")]) == 0
    capsys.readouterr()
    text = (tmp_path / "s.csv").read_text("utf-8-sig")
    from_csv = [r[:3] for r in csv.reader(text.splitlines()) if r]
    book = openpyxl.load_workbook(tmp_path / "s.xlsx")
    from_xlsx = [
        ["" if v is None else str(v) for v in r[:3]]
        for r in book.active.iter_rows(values_only=True)  # type: ignore[union-attr]
        if any(v is not None for v in r)
    ]
    assert from_csv == from_xlsx  # the same lines, the same columns
    # The unit is 市妇联 in both: only the file tells the blocks apart, on every line,
    # the offices' lines included, each under a header naming the file column.
    headers = [r for r in from_csv if r[0] == "unit"]
    assert {r[1] for r in headers} == {"file"}
    offices = [r for r in from_csv if r[2] == "组织部"]
    assert [r[1] for r in offices] == [
        display(EXAMPLE),
        display(BAD_YEAR),
    ]
    files = {r[1] for r in from_csv if r[0] != "unit"}
    assert files == {display(EXAMPLE), display(BAD_YEAR)}


@pytest.mark.parametrize(("lang", "joiner"), [("en", "; "), ("zh", "；")])
def test_a_ranking_joins_its_warnings_in_the_language_of_the_ranking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, joiner: str
) -> None:
    import csv

    empty = tmp_path / "empty.yaml"
    empty.write_text("records: []\n", "utf-8")  # every figure the rulebook reads is left out
    out = tmp_path / "r.csv"
    assert main(["batch", str(empty), "--out", str(out), "--lang", lang]) == 0
    capsys.readouterr()
    (head, row) = list(csv.reader(out.read_text("utf-8-sig").splitlines()))
    warnings = row[head.index("warnings" if lang == "en" else "提示")]
    # why: the shipped rulebook reads six figures; a warning for each, joined in the language
    assert warnings.count(joiner) == 5
    if lang == "en":
        assert "；" not in warnings


def test_the_strict_missing_figure_hint_has_no_bracket_inside_a_bracket(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("records: []\n", "utf-8")
    assert main(["score", str(empty), "--strict", "--lang", "en"]) == 1
    lines = capsys.readouterr().err.splitlines()
    # why: the shipped rulebook reads six figures, each missing
    assert len(lines) == 6
    for line in lines:
        assert line.endswith("(give it under measures, or in the 考核数据 sheet of a workbook)")
        assert "（" not in line
        assert line.count("(") == line.count(")") == 2  # the figure's label, then the hint


def test_batch_xlsx_ranks_and_lists_the_ledgers_not_scored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    broken = tmp_path / "broken.yaml"
    broken.write_text("records:\n  - {item: 1, situation: nope}\n", "utf-8")
    out = tmp_path / "ranking.xlsx"
    assert (
        main(["batch", str(EXAMPLE), str(BAD_YEAR), str(broken), "--out", str(out), "--lang", "zh"])
        == 1
    )
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["排名", "未评分"]
    ranking = book["排名"]
    assert ranking.max_row == 3  # why: a header and the two ledgers that scored
    total_col = [c.value for c in ranking[1]].index("总分") + 1
    # Scores are numbers Excel can sum and sort, shown exactly.
    assert isinstance(ranking.cell(row=2, column=total_col).value, float)
    assert ranking.cell(row=2, column=total_col).number_format == "0.00"  # why: 93.35 has 2 places
    assert ranking.freeze_panes == "A2"
    assert ranking.auto_filter.ref
    unscored = [tuple(r) for r in book["未评分"].iter_rows(min_row=2, values_only=True)]
    assert unscored
    assert isinstance(unscored[0][0], str)
    assert "broken.yaml" in unscored[0][0]
    capsys.readouterr()


def test_csv_ledger_with_chinese_headers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = tmp_path / "台账.csv"
    ledger.write_text(
        "条目,情形,档次,次数,调整,日期,依据,备注\n9,no_volunteer_service,,7,,,,\n", "utf-8"
    )
    assert main(["score", str(ledger), "--format", "json"]) == 0
    # why: 7 × 0.1 (item 9, 每人次扣0.1分) = 0.7; 100 − 0.7 = 99.3
    assert json.loads(capsys.readouterr().out)["total"] == "99.3"


def test_csv_ledger_errors_name_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = tmp_path / "l.csv"
    ledger.write_text("item,situation,tier\n1,criticism,centrl\n", "utf-8")
    assert main(["score", str(ledger), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "l.csv:2:3: /records/0/tier" in err
    assert "did you mean 'central'" in err


def test_template_csv(tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    assert main(["template", "--format", "csv", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads the Chinese


def test_template_help_names_the_file_it_writes_by_default(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["template", "--help", "--lang", "en"])
    helped = " ".join(capsys.readouterr().out.split())
    assert "--out FILE, -o FILE write to FILE (default: ledger-template.xlsx," in helped
    assert "instead of the terminal" not in helped  # a template is never printed


def test_template_from_a_folder_of_editions_says_which_it_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mofan_rules.source import display

    folder = ROOT / "tests" / "cases" / "overlays"
    out = tmp_path / "t.xlsx"
    assert main(["template", "--rulebook", str(folder), "--out", str(out), "--lang", "en"]) == 0
    err = capsys.readouterr().err
    # why: the folder holds three editions of 2026.1 (a base and two organs' overlays);
    # the one chosen is named, with its file
    base = display(folder / "base-2026.yaml")
    assert f"the template is for organs-base 2026.1 ({base}), the newest edition in " in err
    assert main(["template", "--out", str(out), "--lang", "en"]) == 0
    assert "the template is for" not in capsys.readouterr().err  # one file: nothing to choose


@pytest.mark.slow  # a real terminal (tmux)
@pytest.mark.parametrize("columns", [80, 120])
def test_table_lines_up_in_a_real_terminal(tmp_path: Path, columns: int) -> None:
    # tmux draws CJK text double-width like a real terminal; read the screen back.
    import shlex
    import shutil
    import time

    tmux = shutil.which("tmux")
    if tmux is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install tmux (see .ci/run)")
        pytest.skip("tmux is not installed")
    socket = str(tmp_path / "tmux.sock")
    done = tmp_path / "done"
    env = f"PYTHONPATH={shlex.quote(os.environ.get('PYTHONPATH', ''))} LANG=C.UTF-8"
    cmd = (f"env {env} {shlex.quote(sys.executable)} -m mofan_rules score {shlex.quote(str(EXAMPLE))} "
           f"--lang zh; touch {shlex.quote(str(done))}; sleep 30")  # fmt: skip
    base = [tmux, "-S", socket, "-f", "/dev/null"]
    subprocess.run([*base, "new-session", "-d", "-x", str(columns), "-y", "60", cmd], check=True)
    try:
        for _ in range(100):
            if done.exists():
                break
            time.sleep(0.1)
        screen = subprocess.run(
            [*base, "capture-pane", "-p", "-t", "0"], capture_output=True, text=True, check=True
        ).stdout.splitlines()
    finally:
        subprocess.run([*base, "kill-server"], check=False)
    rows = [line.rstrip() for line in screen if line.strip()[:1].isdigit() and "带头" in line]
    assert len(rows) == 9, screen
    # Every row line ends (its score column) at the same screen column.
    assert len({display_width(line) for line in rows}) == 1, rows
    assert all(display_width(line) <= columns for line in screen)


def test_xlsx_errors_name_sheet_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "台账"
    sheet.append(["条目", "情形", "档次", "次数"])
    sheet.append([1, "criticism", "city", 1])
    sheet.append([2, "task_not_done", None, "三"])
    measures = book.create_sheet("measures")
    measures.append(["指标", "数值"])
    measures.append(["satisfaction", 0.9])
    path = tmp_path / "ledger.xlsx"
    book.save(path)
    assert main(["score", str(path), "--lang", "en"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert any("ledger.xlsx[台账]:3:4: /records/1/count" in line for line in err), err
    assert any(
        "ledger.xlsx[measures]:2:2: /measures/satisfaction" in line and "satisfaction_rate" in line
        for line in err
    ), err


def test_the_commands_own_errors_come_in_both_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["batch", str(EXAMPLE), "--out", str(tmp_path / "r.txt"), "--lang", "zh"]) == 2
    assert "--out 的文件名须以 .csv 或 .xlsx 结尾" in capsys.readouterr().err
    assert main(["batch", str(tmp_path), "--out", str(tmp_path / "r.csv"), "--lang", "en"]) == 1
    assert "no ledgers found" in capsys.readouterr().err


def test_groupings_repeat_and_a_csv_ranking_refuses_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["score", str(EXAMPLE), "--by", "office", "--by", "leader", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    # Both groupings, each a section of its own, in the order asked.
    assert 0 < out.index("Lost points by office") < out.index("Lost points by leader")
    assert main(["batch", str(EXAMPLE), "--by", "office", "--out", str(tmp_path / "r.csv")]) == 2
    assert "CSV file holds one table" in capsys.readouterr().err
    assert not (tmp_path / "r.csv").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["score", str(EXAMPLE), "--format", "md"],
        ["template", "--format", "csv"],
        ["batch", str(EXAMPLE)],
    ],
    ids=["score", "template", "batch"],
)
def test_an_output_never_overwrites_the_rulebook_it_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    # A batch writes .csv or .xlsx only, so the rulebook is named like one here.
    rulebook = tmp_path / ("r.csv" if args[0] == "batch" else "r.yaml")
    shipped = ROOT / "rulebooks" / "shifulian-2026.yaml"
    rulebook.write_bytes(shipped.read_bytes())
    before = rulebook.read_bytes()
    assert main([*args, "-r", str(rulebook), "--out", str(rulebook), "--lang", "en"]) == 3
    assert "names one of the inputs" in capsys.readouterr().err
    assert rulebook.read_bytes() == before


@pytest.mark.parametrize("command", ["score", "explain"])
def test_debug_lets_the_error_through_with_its_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    from mofan_rules.errors import LedgerError

    ledger = tmp_path / "bad.yaml"
    ledger.write_text("unit: 市妇联\nrecords: [{item: 99, situation: x}]\n", encoding="utf-8")
    # Without --debug: located lines and exit 1, no traceback.
    assert main([command, str(ledger), "--lang", "en"]) == 1
    assert "Traceback" not in capsys.readouterr().err
    # With --debug the error itself comes out, for a developer to read.
    with pytest.raises(LedgerError):
        main([command, str(ledger), "--lang", "en", "--debug"])


@pytest.mark.parametrize("made_by", ["score --format csv", "batch"])
def test_the_tools_own_output_is_named_as_such_not_read_as_a_ledger(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], made_by: str
) -> None:
    example = str(Path(__file__).resolve().parent.parent / "examples" / "typical-year.yaml")
    out = tmp_path / ("own.csv" if made_by.startswith("score") else "ranking.xlsx")
    assert main([*made_by.split(), example, "--out", str(out)]) == 0
    capsys.readouterr()
    for command in (["score"], ["explain"], ["batch", "--out", str(tmp_path / "r.csv")]):
        code = main([*command[:1], str(out), *command[1:], "--lang", "en"])
        lines = capsys.readouterr().err.strip().splitlines()
        assert code == 1, command
        # One line naming the file and what it is, not one per cell of the table.
        said = [line for line in lines if "not a ledger" in line]
        assert len(said) == 1, lines
        assert said[0].lstrip().startswith(str(out)), lines


def test_explain_shows_the_grades_of_items_rows_and_indicators(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    patterns = ROOT / "tests" / "cases" / "patterns" / "grades-and-vetoes.yaml"
    ledger = tmp_path / "g.yaml"
    ledger.write_text(
        "records: [{item: 1, situation: not_done, count: 2}, {item: 2, situation: missing, count: 3}]\n",
        "utf-8",
    )
    # why: item 1 loses 2 × 5 = 10, so row 1 keeps 60 − 10 = 50 (< 54: 未达标); item 2
    # loses 3 × 4 = 12 and keeps 28 (28–36: 中); the indicator 100 − 22 = 78 (< 90: 一般).
    assert main(["explain", str(ledger), "-r", str(patterns), "--lang", "zh"]) == 0
    zh = capsys.readouterr().out
    assert "栏 1 党风廉政建设（等次：未达标）" in zh
    assert "= 第2项扣分 12（等次：中）" in zh
    assert "党风廉政建设: 78（等次：一般）" in zh
    assert main(["explain", str(ledger), "-r", str(patterns), "--lang", "en"]) == 0
    en = capsys.readouterr().out
    assert "row 1 党风廉政建设 (grade 未达标)" in en
    assert "= item 2 deducts 12 (grade 中)" in en


def _pattern_with(tmp_path: Path, name: str, after: str, added: str, tail: str = "") -> Path:
    """A pattern rulebook with ``added`` written after its one line ``after`` (and ``tail``)."""
    text = (ROOT / "tests" / "cases" / "patterns" / f"{name}.yaml").read_text("utf-8")
    assert text.count(after) == 1
    rulebook = tmp_path / f"{name}.yaml"
    rulebook.write_text(text.replace(after, after + added) + tail, "utf-8")
    return rulebook


def test_explain_shows_a_multiplier_and_each_modifier_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The pattern's platform rule counts 10 times what the platform took; add a
    # halving modifier to it, and a record of 0.3 taken, halved.
    rulebook = _pattern_with(
        tmp_path,
        "weights-and-amounts",
        "                multiplier: 10\n",
        "                modifiers: [half]\n",
        "modifiers:\n  - {key: half, label: 减半, source: 减半扣分, factor: 0.5}\n",
    )
    ledger = tmp_path / "l.yaml"
    ledger.write_text(
        "records: [{item: 3, situation: platform, amount: 0.3, modifiers: [half]}]\n", "utf-8"
    )
    assert main(["explain", str(ledger), "-r", str(rulebook), "--item", "3", "--lang", "en"]) == 0
    # why: 0.3 taken × 1 record × 10 (the rule's multiplier) × 0.5 (减半) = 1.5
    assert "0.3 × 1 × 10 × 0.5 (减半) = 1.5" in capsys.readouterr().out


EARNING_CLIFF = """\
schema_version: 2
id: earn-cliff
version: "1"
title: 得分制分档
unit: 测试单位
total_points: 20
effective: {start: 2026-01-01, end: 2026-12-31}
rounding: {quantum: 0.01, mode: half_up}
source_document: written for the tests
measures:
  - {key: rate, label: 达标率, kind: rate}
indicators:
  - name: 一
    rows:
      - number: 1
        points: 20
        leaders: []
        assessing_departments: []
        responsible_offices: []
        items:
          - number: 1
            title: 达标率
            source: 1.达标率达到80%的得满分，达到50%的得10分。（20分）
            points: 20
            basis: earn
            situations:
              - key: r
                kind: threshold
                label: 达标率
                source: 达标率达到80%的得满分，达到50%的得10分
                measure: rate
                cliffs:
                  - {at_least: 0.8, amount: all}
                  - {at_least: 0.5, amount: 10}
"""


def test_an_earning_items_cliff_that_takes_all_is_said_to_earn_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rulebook = tmp_path / "earn.yaml"
    rulebook.write_text(EARNING_CLIFF, "utf-8")
    ledger = tmp_path / "l.yaml"
    ledger.write_text("measures: {rate: 0.9}\n", "utf-8")
    # why: 90% reaches the 80% cliff, which gives the item all its 20 points (得满分)
    assert main(["explain", str(ledger), "-r", str(rulebook), "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "90%达到80%：此项得满分" in out
    assert "不得分" not in out
    assert main(["render", str(rulebook), "--lang", "zh"]) == 0
    assert "rate: 达到 0.8：此项得满分；达到 0.5：10" in capsys.readouterr().out


@pytest.mark.parametrize(("unit_class", "shown"), [("district", False), ("zone", True)])
def test_an_earning_item_of_another_class_is_not_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], unit_class: str, shown: bool
) -> None:
    # Item 4 招商活动 is zone-only and scored by earning: a zone unit that earned
    # nothing sees it (0 of 5); a district unit is not assessed on it at all.
    rulebook = ROOT / "tests" / "cases" / "patterns" / "unit-classes.yaml"
    ledger = tmp_path / "l.yaml"
    figures = "{coverage: 1, farmland: 1}" if unit_class == "district" else "{coverage: 1}"
    ledger.write_text(f"class: {unit_class}\nmeasures: {figures}\n", "utf-8")
    assert main(["score", str(ledger), "-r", str(rulebook), "--lang", "en"]) == 0
    assert ("item 4 招商活动 (earned 0 of 5)" in capsys.readouterr().out) is shown


def test_rows_that_name_nobody_and_direct_deductions_are_two_groups(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The 督查 table's rows name no office; its item 10 is a direct deduction.
    rulebook = ROOT / "rulebooks" / "genre" / "ducha-work-assessment.yaml"
    ledger = tmp_path / "l.yaml"
    ledger.write_text(
        "class: key_work\nmeasures: {leader_evaluation: 16}\n"
        "records: [{item: 4, situation: q3_report_missing}, "
        "{item: 7, situation: meeting_missed, count: 2}, {item: 10, situation: feedback_hollow}]\n",
        "utf-8",
    )
    args = ["score", str(ledger), "-r", str(rulebook), "--by", "office"]
    assert main([*args, "--format", "json"]) == 0
    (grouping,) = json.loads(capsys.readouterr().out)["accountability"]
    groups = {g["kind"]: g for g in grouping["groups"]}
    assert set(groups) == {"rows_naming_nobody", "direct_deductions"}
    # why: item 10 (反馈报告无实质内容) deducts 5, directly from the total; the rest
    # (items 4, 7 and 8, in row 1) is the row's.
    assert groups["direct_deductions"]["lost"] == "5"
    assert [i["number"] for i in groups["direct_deductions"]["items"]] == [10]
    assert 10 not in [i["number"] for i in groups["rows_naming_nobody"]["items"]]
    assert main([*args, "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "（未写明责任人的分值栏）" in out
    assert "（不属于任何分值栏）" in out


def test_explain_says_how_a_tie_moved_the_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rulebook = _pattern_with(
        tmp_path,
        "figures",
        "                counted_from: top\n",
        "                ties: last_of_tie\n",
    )
    ledger = tmp_path / "l.yaml"
    ledger.write_text("measures: {work_rank: {rank: 2, tied: 3}}\n", "utf-8")
    # why: 2nd, tied with two others, read as the last of the tie: place 2 + 3 − 1 = 4
    for lang, words in (
        ("en", "rank 2, tied with 2 (counted as place 4)"),
        ("zh", "第2名，与2个单位并列（按第4名计）"),
    ):
        assert main(["explain", str(ledger), "-r", str(rulebook), "--lang", lang]) == 0
        assert words in capsys.readouterr().out
