"""Docs written from the rulebook are up to date."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from mofan_rules import Rulebook
from mofan_rules.reports import interpretations_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_interpretations_doc_is_up_to_date(rulebook: Rulebook) -> None:
    text = (ROOT / "docs" / "interpretations.md").read_text("utf-8")
    assert text == interpretations_markdown(rulebook), "stale: run python scripts/generate_docs.py"


def test_interpretations_doc_quotes_every_source_wording(rulebook: Rulebook) -> None:
    text = (ROOT / "docs" / "interpretations.md").read_text("utf-8")
    for interp in rulebook.interpretations:
        assert interp.source in text
        for pointer in interp.values:
            assert f"`{pointer}`" in text


def test_cli_doc_shows_real_output() -> None:
    # Every run block, and every file or workbook a command wrote (file: and
    # sheets: blocks), is what the command gives today.
    import runpy

    generate = runpy.run_path(str(ROOT / "scripts" / "generate_docs.py"), run_name="docs")
    text = (ROOT / "docs" / "cli.md").read_text("utf-8")
    assert text.count("<!-- run: mofan-rules") >= 30
    assert text.count("<!-- file: ") >= 5
    assert text.count("<!-- sheets: ") >= 3
    assert text == generate["fill_cli_doc"](text), "stale: run python scripts/generate_docs.py"


def test_editing_walkthrough_still_works(tmp_path: Path) -> None:
    # docs/editing-rules.md performed for real on a scratch copy: each step's
    # output (and exit code) must be what the page shows.
    import runpy

    generate = runpy.run_path(str(ROOT / "scripts" / "generate_docs.py"), run_name="docs")
    text = (ROOT / "docs" / "editing-rules.md").read_text("utf-8")
    # The workflow the page promises, in its order: compare → draft --from →
    # validate → diff --ledgers → test.
    steps = [
        "mofan-rules compare rulebooks/shifulian-2026.yaml 2027.docx",
        "mofan-rules draft 2027.docx --from rulebooks/shifulian-2026.yaml",
        "mofan-rules diff rulebooks/shifulian-2026.yaml rulebooks/shifulian-2027.yaml --ledgers",
        "mofan-rules validate rulebooks/shifulian-2027.yaml",
        "mofan-rules test rulebooks/shifulian-2027.yaml",
    ]
    at = [text.index(step) for step in steps]
    assert at == sorted(at)
    assert text == generate["walkthrough"](text, tmp_path), (
        "stale: run python scripts/generate_docs.py"
    )
    # The tiers were raised in one place, and diff --ledgers shows each step.
    assert "tier set criticism › tier city › amount: changed: 0.5 → 1 (one change" in text
    assert "grade excellent: added: 优秀" in text
    assert "[— → 良好]" in text  # the typical year's new grade
    assert "item 9 › situation volunteer_rate_short: added" in text
    assert text.count("warning: figure 'volunteer_rate'") == 3  # one per example ledger
    # why: the 38 cases of 2026, two of them updated, plus the two new ones.
    assert "40 of 40 cases pass" in text


def test_api_doc_is_up_to_date() -> None:
    import runpy

    generate = runpy.run_path(str(ROOT / "scripts" / "api_doc.py"), run_name="docs")
    text = (ROOT / "docs" / "api.md").read_text("utf-8")
    assert text == generate["api_markdown"](), "stale: run python scripts/api_doc.py"
    # Every public name of every front is on the page.
    for module_name in generate["MODULES"]:
        module = __import__(module_name, fromlist=["__all__"])
        for name in module.__all__:
            if not name.startswith("__"):
                assert f"### `{name}" in text, f"{module_name}.{name}"


# ---------------------------------------------------------------- docs/ledger-format.md

LEDGER_DOC = ROOT / "docs" / "ledger-format.md"


def _generate() -> dict[str, Any]:
    import runpy

    return runpy.run_path(str(ROOT / "scripts" / "generate_docs.py"), run_name="docs")


def _blocks(text: str, lang: str) -> list[str]:
    """The fenced blocks of one language, e.g. every ```yaml block."""
    return re.findall(rf"^```{lang}\n(.*?)^```$", text, re.S | re.M)


def test_ledger_doc_shows_real_output() -> None:
    text = LEDGER_DOC.read_text("utf-8")
    assert text.count("<!-- run: mofan-rules") >= 10
    assert text == _generate()["fill_cli_doc"](text), "stale: run python scripts/generate_docs.py"
    # The page's claims about its own outputs.
    assert "total (总分): 93.35 / 102" in text  # the CSV scores as the YAML does
    assert "clerk-2026.xlsx[台账] row 4" in text  # a merged item cell counts for row 4
    # A workbook's problem names its sheet, and a figure left out its blank line
    # (the template's second line: the first figure), at the value column D.
    assert "[考核数据]:2:4: /measures/half_yearly_analyses:" in text
    assert "(did you mean 'light_sanction (党纪政务轻处分)'?)" in text  # over labels too
    assert "（是否想写 'single (单项工作)'？）" in text  # and in Chinese


def test_ledger_doc_names_every_command_that_warns_of_a_missing_figure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mofan_rules.cli import main

    text = (ROOT / "docs" / "ledger-format.md").read_text("utf-8")
    section = text.split("### A figure left out", 1)[1].split("With `--strict`", 1)[0]
    ledger = tmp_path / "ledger.yaml"
    ledger.write_text("records: []\n", "utf-8")  # every figure left out
    runs = {
        "score": ["score", str(ledger)],
        "explain": ["explain", str(ledger)],
        "batch": ["batch", str(ledger), "--out", str(tmp_path / "r.csv")],
    }
    for command, args in runs.items():
        assert main([*args, "--lang", "en"]) == 0
        assert "warning: /measures/" in capsys.readouterr().err, command
        assert f"`{command}`" in section, command
    assert "does not repeat" not in section  # explain warns like score does


def test_ledger_doc_keys_table_is_generated_from_the_rulebook(rulebook: Rulebook) -> None:
    text = LEDGER_DOC.read_text("utf-8")
    generate = _generate()
    assert "<!-- keys: rulebooks/shifulian-2026.yaml -->" in text
    assert text == generate["fill_keys"](text), "stale: run python scripts/generate_docs.py"
    table = generate["keys_markdown"](rulebook)
    for item in rulebook.items:
        for sit in item.situations:
            assert f"`{sit.key}` " in table
    for measure in rulebook.measures:
        assert f"| `{measure.key}` | {measure.label} |" in table


def test_ledger_doc_documents_every_field() -> None:
    # Every property of every model of the ledger's schema is named on the page.
    text = LEDGER_DOC.read_text("utf-8")
    schema = json.loads((ROOT / "schemas" / "ledger.schema.json").read_text("utf-8"))
    models = [schema, *schema["$defs"].values()]
    fields = {name for model in models for name in model.get("properties", {})}
    assert {"class", "amount", "case", "deed", "bonus", "tied", "score"} <= fields
    for name in sorted(fields):
        assert f"`{name}`" in text, name


def test_ledger_doc_examples_are_ledgers(tmp_path: Path, rulebook: Rulebook) -> None:
    # Every YAML and JSON example on the page is a ledger that loads; the JSON
    # one scores what the page says.
    from decimal import Decimal

    from mofan_rules import evaluate, load_ledger, load_rulebook

    text = LEDGER_DOC.read_text("utf-8")
    classes = load_rulebook(ROOT / "tests" / "cases" / "patterns" / "unit-classes.yaml")
    blocks = [("yaml", b) for b in _blocks(text, "yaml")] + [
        ("json", b) for b in _blocks(text, "json")
    ]
    assert len(blocks) >= 5
    for n, (suffix, block) in enumerate(blocks):
        file = tmp_path / f"block-{n}.{suffix}"
        file.write_text(block, "utf-8")
        # The one example of a class is for a rulebook with classes.
        load_ledger(file, classes if block.startswith("class:") else rulebook)
    (json_block,) = _blocks(text, "json")
    file = tmp_path / "ledger.json"
    file.write_text(json_block, "utf-8")
    assert evaluate(rulebook, load_ledger(file, rulebook)).total == Decimal("97.3")
    assert "This scores 97.3" in text


def test_ledger_doc_csv_is_the_example_file() -> None:
    text = LEDGER_DOC.read_text("utf-8")
    (block,) = _blocks(text, "csv")
    assert block == (ROOT / "examples" / "sheets" / "typical-year.csv").read_text("utf-8")


def test_csv_example_is_the_typical_year(rulebook: Rulebook) -> None:
    # examples/sheets/typical-year.csv, written with labels, item titles and
    # Excel's dates, is the same ledger as examples/typical-year.yaml.
    from mofan_rules import evaluate, load_ledger

    yaml_ledger = load_ledger(ROOT / "examples" / "typical-year.yaml", rulebook)
    csv_ledger = load_ledger(ROOT / "examples" / "sheets" / "typical-year.csv", rulebook)
    assert csv_ledger == yaml_ledger
    assert evaluate(rulebook, csv_ledger).to_json() == evaluate(rulebook, yaml_ledger).to_json()


def test_ledger_doc_python_runs(capsys: pytest.CaptureFixture[str]) -> None:
    text = LEDGER_DOC.read_text("utf-8")
    (block,) = _blocks(text, "python")
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        exec(compile(block, "ledger-format.md", "exec"), {})  # the page's own example
    finally:
        os.chdir(cwd)
    printed = capsys.readouterr().out
    assert printed.startswith("93.35\n")  # as the comment says
    assert "/records/0/tier: 'criticism' 没有档次 '市'" in printed


def test_ledger_doc_schema_is_the_published_one() -> None:
    # The page says `mofan-rules schema ledger` (and `schema facts`) print the file.
    generate = _generate()
    published = (ROOT / "schemas" / "ledger.schema.json").read_text("utf-8")
    assert generate["run"]("schema ledger") == published
    assert generate["run"]("schema facts") == published


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(text: str) -> set[str]:
    outside = re.sub(r"^```.*?^```$", "", text, flags=re.S | re.M)
    return {_slug(h) for h in re.findall(r"^#{1,6} (.+)$", outside, re.M)}


def test_ledger_doc_links_resolve() -> None:
    text = LEDGER_DOC.read_text("utf-8")
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    assert any(link.startswith("spreadsheets.md#") for link in links)
    for link in links:
        if "://" in link:
            continue
        name, _, anchor = link.partition("#")
        target = LEDGER_DOC if not name else LEDGER_DOC.parent / name
        assert target.is_file(), link
        if anchor:
            assert anchor in _anchors(target.read_text("utf-8")), link


# ---------------------------------------------------------------- docs/cli.md

CLI_DOC = ROOT / "docs" / "cli.md"
# The commands in the order the page introduces them: the clerk's, the
# assessing department's, the rule editor's.
CLI_ORDER = [
    "template",
    "score",
    "explain",
    "batch",
    "validate",
    "render",
    "compare",
    "draft",
    "diff",
    "test",
    "migrate",
    "schema",
]
COMMON_OPTIONS = {"-h", "--help", "--lang", "--debug"}


def _outside_code(text: str) -> str:
    return re.sub(r"^```.*?^```$", "", text, flags=re.S | re.M)


def _sections(text: str) -> dict[str, str]:
    """Each heading of the page (outside code blocks) and the prose under it."""
    parts = re.split(r"^#{1,6} (.+)$", _outside_code(text), flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def _command_section(sections: dict[str, str], name: str) -> str:
    (body,) = [body for heading, body in sections.items() if heading.startswith(f"{name} — ")]
    return body


def test_cli_doc_documents_every_command_and_option() -> None:
    # Every subcommand has its section, in the reader's order, and its section
    # names every option it takes (and every choice of an option), as --help does.
    from mofan_rules.cli import build_app

    text = CLI_DOC.read_text("utf-8")
    sections = _sections(text)
    commands = build_app("en").sub.choices
    assert sorted(commands) == sorted(CLI_ORDER)
    headings = list(sections)
    at = {
        name: next((i for i, h in enumerate(headings) if h.startswith(f"{name} — ")), -1)
        for name in CLI_ORDER
    }
    assert -1 not in at.values(), at  # a command without its section
    assert list(at.values()) == sorted(at.values()), at
    for name, parser in commands.items():
        body = _command_section(sections, name)
        for action in parser._actions:
            if not action.option_strings:  # a positional: its choices are named
                for choice in action.choices or ():
                    assert f"{choice}" in body, (name, choice)
                continue
            if set(action.option_strings) & COMMON_OPTIONS:
                continue  # in "Options every command takes"
            for option in action.option_strings:
                assert re.search(rf"`{re.escape(option)}[ `]", body), (name, option)
            if action.choices:
                for choice in action.choices:
                    assert f"`{action.option_strings[0]} {choice}`" in body, (name, choice)
    common = sections["Options every command takes"]
    for option in ("--lang en", "--lang zh", "--debug", "-h", "--help", "--version"):
        assert f"`{option}`" in common, option


def test_cli_doc_exit_codes_are_the_helps() -> None:
    # The page's table of exit codes says what --help says, word for word.
    from mofan_rules.messages import say

    epilog = say("help_epilog").text("en")
    codes = re.search(r"exit codes:\n(.*?)\n\n", epilog, re.S)
    assert codes is not None
    helps = re.findall(r"^  (\d)  (.*?)(?=^  \d  |\Z)", codes[1] + "\n", re.S | re.M)
    assert [code for code, _ in helps] == ["0", "1", "2", "3"]
    rows = dict(re.findall(r"^\| `(\d)` \| (.*) \|$", CLI_DOC.read_text("utf-8"), re.M))
    for code, words in helps:
        assert " ".join(words.split()) in rows[code].replace("`", ""), code


def test_cli_doc_commands_are_repeatable() -> None:
    # The page can be regenerated anywhere without touching the repository:
    # every command says its language, and what a command writes goes to
    # /tmp/mofan-… (a refused --out writes nothing).
    text = CLI_DOC.read_text("utf-8")
    blocks = re.findall(r"<!-- run: mofan-rules (.*?) -->\n```text\n(.*?)```\n", text, re.S)
    assert blocks
    for args, output in blocks:
        words = args.split()
        assert "--lang" in words or words == ["--version"], args
        if words[0] == "template":
            assert "--out" in words, args  # else ledger-template.xlsx in the root
        for option in ("--out", "-o"):
            if option in words and "(exit code" not in output:
                assert words[words.index(option) + 1].startswith("/tmp/mofan-"), args
    for path in re.findall(r"<!-- (?:file|sheets): (\S+)", text):
        assert path.startswith("/tmp/mofan-") or (ROOT / path).is_file(), path


def test_cli_doc_schema_is_the_published_one() -> None:
    # "the same text as the files in schemas/", and `schema facts` is `schema ledger`.
    generate = _generate()
    for name in ("rulebook", "overlay", "ledger", "cases"):
        published = (ROOT / "schemas" / f"{name}.schema.json").read_text("utf-8")
        assert generate["run"](f"schema {name}") == published, name
    assert generate["run"]("schema facts") == generate["run"]("schema ledger")


def test_cli_doc_links_resolve() -> None:
    text = CLI_DOC.read_text("utf-8")
    links = re.findall(r"\]\(([^)\s]+)\)", _outside_code(text))
    assert any(link.startswith("word-documents.md#") for link in links)
    for link in links:
        name, _, anchor = link.partition("#")
        target = CLI_DOC if not name else CLI_DOC.parent / name
        assert target.is_file(), link
        if anchor:
            assert anchor in _anchors(target.read_text("utf-8")), link


def test_file_block_shows_the_head_of_a_text_file(tmp_path: Path) -> None:
    # A file: block is the file as a reader opens it: no byte-order mark,
    # Windows line ends as lines, the first N lines and how many more.
    fill = _generate()["fill_cli_doc"]
    ranking = tmp_path / "ranking.csv"
    ranking.write_bytes("\ufeffrank,unit\r\n1,甲\r\n2,乙\r\n3,丙\r\n".encode())
    page = f"<!-- file: {ranking} lines=2 -->\n```\nstale\n```\n"
    assert fill(page) == (
        f"<!-- file: {ranking} lines=2 -->\n```csv\nrank,unit\n1,甲\n… (2 more lines)\n```\n"
    )
    page = f"<!-- file: {ranking} lines=3 -->\n```csv\n```\n"
    assert fill(page).endswith("2,乙\n… (1 more line)\n```\n")
    page = f"<!-- file: {ranking} -->\n```csv\n```\n"
    assert fill(page).endswith("3,丙\n```\n")
    with pytest.raises(SystemExit, match="lines=N"):
        fill(f"<!-- file: {ranking} lines=two -->\n```csv\n```\n")
    with pytest.raises(SystemExit, match="no such file"):
        fill(f"<!-- file: {tmp_path / 'missing.csv'} -->\n```csv\n```\n")
    report = tmp_path / "report.md"
    report.write_text("# 报告\n```\ncode\n```\n", "utf-8")
    with pytest.raises(SystemExit, match="cannot be shown"):
        fill(f"<!-- file: {report} -->\n```markdown\n```\n")


def test_sheets_block_shows_each_sheet_as_excel_does(tmp_path: Path) -> None:
    # A sheets: block names every sheet in order (a hidden one as hidden,
    # without its rows) and shows its first rows, each value through its
    # number format, blank cells and rows at the ends left out.
    import datetime as dt

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "台账"
    sheet.append(["日期", "分值", "比率", "次数", "说明"])
    cells = [dt.datetime(2026, 4, 18), 0.5, 0.975, 3, None]
    sheet.append(cells)
    sheet["A2"].number_format = "yyyy-mm-dd"
    sheet["B2"].number_format = "0.00"
    sheet["C2"].number_format = "0.0%"
    sheet.append([dt.datetime(2026, 4, 8), 17.64, None, 2, "备注"])
    sheet["A3"].number_format = 'yyyy"年"m"月"d"日"'
    sheet.append([])
    hidden = book.create_sheet("_lists")
    hidden.append(["甲"])
    hidden.sheet_state = "hidden"
    book.create_sheet("表彰").append(["级别", "类别"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    generate = _generate()
    assert generate["sheets_text"](str(path), 2) == (
        "[台账]\n"
        "日期 | 分值 | 比率 | 次数 | 说明\n"
        "2026-04-18 | 0.50 | 97.5% | 3\n"
        "… (1 more row)\n"
        "\n"
        "[_lists] (hidden)\n"
        "\n"
        "[表彰]\n"
        "级别 | 类别\n"
    )
    assert "2026年4月8日 | 17.64 |  | 2 | 备注\n" in generate["sheets_text"](str(path))
    page = f"<!-- sheets: {path} rows=1 -->\n```text\n```\n"
    assert generate["fill_cli_doc"](page).startswith(
        f"<!-- sheets: {path} rows=1 -->\n```text\n[台账]\n日期 | 分值 | 比率 | 次数 | 说明\n… (2 more rows)\n"
    )
