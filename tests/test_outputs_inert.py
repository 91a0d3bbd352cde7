"""Outputs are inert (issue 13 §1; docs/reliability.md, "Outputs").

Text from a ledger or a rulebook (a unit, evidence, a note, a label, a
leader's name, a file name) is put through every output the command writes,
end to end (``mofan_rules.cli.main``), and every output is parsed back
(the oracles are in ``tests/fuzz/outputs.py``, written independently of the
package's own escaping):

* CSV and XLSX: no cell is a formula or reads as one (``=``, ``+``, ``-``,
  ``@``, tab, CR, also after blanks and in full width), no cell holds a
  character the file cannot hold or a terminal would obey; the workbook's
  XML has no ``<f>`` element, and every data validation is a list;
* Markdown (``score --format md``, ``render``, ``diff --format md``): the
  structure of the same output made from plain text, line by line: the same
  headings, list items, table rows with the same number of cells, the same
  HTML tags;
* HTML: the same tags, in the same order, as from plain text;
* JSON, on stdout and in a file: valid, and every text exactly as given;
* everything printed, on stdout or stderr: no control character (ESC, OSC,
  C1, bidirectional controls), strict UTF-8, each line of stderr naming its
  file (no text broke a line in two).

The ``outputs`` fuzz target (``tests/test_fuzz.py``) does the same with
random hostile texts.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from fuzz.outputs import (
    COMMANDS,
    HOSTILE,
    RAW_CONTROL,
    Inputs,
    OutputLeakError,
    Run,
    argv_for,
    check_cell,
    check_html,
    check_markdown,
    check_run,
    check_tables,
    check_terminal,
    check_xlsx,
    hostile,
    make_inputs,
    markdown_shape,
    plain,
)
from mofan_rules.cli import main


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[Inputs, Inputs]:
    root = tmp_path_factory.mktemp("inert")
    return make_inputs(root / "hostile", hostile), make_inputs(root / "plain", plain)


def run(inputs: Inputs, name: str, capsys: pytest.CaptureFixture[str]) -> Run:
    outputs = inputs.folder / "out"
    outputs.mkdir(exist_ok=True)
    for old in outputs.iterdir():
        old.unlink()
    capsys.readouterr()
    code = main(argv_for(inputs, name, outputs))
    captured = capsys.readouterr()
    return Run(
        code, captured.out, captured.err, {p.name: p.read_bytes() for p in outputs.iterdir()}
    )


def test_the_hostile_text_reaches_the_models(both: tuple[Inputs, Inputs]) -> None:
    from mofan_rules import load_ledger
    from mofan_rules.rulebook import load_rulebook

    bad, _ = both
    rulebook = load_rulebook(bad.rulebook)
    ledger = load_ledger(bad.ledger, rulebook)
    assert ledger.unit == hostile(1)  # the first text field of the ledger
    assert any(r.evidence and r.evidence.startswith("=HYPERLINK") for r in ledger.records)
    assert rulebook.title.startswith(HOSTILE[1])
    leaders = {n for row in rulebook.rows for n in row.leaders}
    assert any(RAW_CONTROL.search(n) for n in leaders)  # the control characters got in too


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_output_is_inert(
    name: str, both: tuple[Inputs, Inputs], capsys: pytest.CaptureFixture[str]
) -> None:
    bad, good = both
    got, twin = run(bad, name, capsys), run(good, name, capsys)
    code = COMMANDS[name][1]
    assert (got.code, twin.code) == (code, code), got.err
    assert "Traceback" not in got.err
    assert check_run(name, got, twin, bad) > 0  # something was written and looked at


def test_the_oracles_see_a_leak() -> None:
    # A cell, a table, a page or a line that would do harm is caught.
    for bad in ["=1+1", " =1+1", "+x", "-2+3", "@A1", "\t1", "＝1", "a\x1bb", "a\rb"]:
        with pytest.raises(OutputLeakError):
            check_cell(bad, "cell")
    for good in ["'=1+1", "-0.5", "12", "a-b", "x=1", None, Decimal("-2")]:
        check_cell(good, "cell")
    with pytest.raises(OutputLeakError):
        check_tables("| a | b |\n|---|---|\n| x | y | z |\n", "table")
    check_tables("| a | b |\n|---|---|\n| x \\| y | z |\n", "table")
    assert markdown_shape("| a |\n# x") != markdown_shape("| a |\n\\# x")
    with pytest.raises(OutputLeakError):
        check_markdown("- x", "\\- x", "md")
    with pytest.raises(OutputLeakError):
        check_html("<p>a<b>x</b></p>", "<p>a</p>", "page")
    with pytest.raises(OutputLeakError):
        check_terminal("\x9b31m", "line")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "=1+1"  # openpyxl takes this for a formula
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(OutputLeakError, match="formula"):
        check_xlsx(buffer.getvalue(), "book")


def test_text_a_workbook_cannot_hold_is_escaped_not_lost(tmp_path: Path) -> None:
    from mofan_rules._workbook import XLSX_CELL_CHARS, Sheet, csv_bytes, xlsx_bytes

    unholdable = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n") + "\ud800\ufffe\uffff"
    rows = [["head"], [unholdable], ["=x"], ["y" * (XLSX_CELL_CHARS + 10)]]
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([Sheet("s", rows)], creator="test")))
    sheet = book.active
    assert sheet is not None
    cells: list[Any] = [row[0].value for row in sheet.iter_rows()]
    # Every character still there, as its escape (CR by name, as JSON writes it).
    assert cells[1] == "".join("\\r" if ch == "\r" else f"\\u{ord(ch):04x}" for ch in unholdable)
    assert cells[2] == "'=x"
    assert len(cells[3]) == XLSX_CELL_CHARS
    assert cells[3].endswith("…")
    text = csv_bytes(rows).decode("utf-8-sig")  # strict UTF-8: no surrogate got through
    assert not RAW_CONTROL.search(text.replace("\r\n", ""))


def test_json_printed_to_a_terminal_is_still_the_same_json(
    both: tuple[Inputs, Inputs], capsys: pytest.CaptureFixture[str]
) -> None:
    # Control characters are escaped the way JSON escapes them, so what the
    # terminal shows parses back to the very text of the ledger.
    import json

    bad, _ = both
    got = run(bad, "score-json", capsys)
    assert "\\u001b" in got.out or "\\u009b" in got.out or "\\u202e" in got.out
    assert json.loads(got.out)["unit"] == hostile(1)
