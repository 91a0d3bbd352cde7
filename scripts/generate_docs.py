"""Regenerate the docs that are written from the code and the shipped rulebook.

    python scripts/generate_docs.py

- docs/interpretations.md from the rulebook's `interpretations:`;
- every output block of docs/cli.md: a line `<!-- run: mofan-rules ARGS -->` is
  followed by a fenced block holding what that command prints (stdout, then
  stderr), run from the repository root; a line `<!-- file: PATH lines=N -->`
  by the first N lines of a text file a command above it wrote (a CSV ranking,
  a report), and a line `<!-- sheets: PATH rows=N -->` by each sheet of a
  workbook, its name and its first N rows as Excel shows them;
- docs/editing-rules.md, a walkthrough performed for real in a scratch copy of
  rulebooks/ and examples/: its ```sh blocks (cp and mofan-rules lines) and
  ```diff edit blocks (`--- FILE`, then lines kept ` `, removed `-`, added `+`)
  run in order, and its run blocks get the output at that point;
- docs/ledger-format.md: its run blocks as in docs/cli.md, and the tables of
  keys between `<!-- keys: RULEBOOK -->` and `<!-- end keys -->`, written from
  that rulebook (`keys_markdown`).

tests/test_docs.py fails while any of them is stale.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl

from mofan_rules import Rulebook, load_rulebook
from mofan_rules._text import canonical, markdown_text
from mofan_rules.cli import main
from mofan_rules.reports import interpretations_markdown, rule_words
from mofan_rules.rulebook import AwardBonus, MeasureKind, PerOccurrence, Rank, resolve_tiers

ROOT = Path(__file__).resolve().parent.parent


def run(args: str, where: Path = ROOT) -> str:
    """What `mofan-rules ARGS` prints, run from ``where`` (the repository root)."""
    out, err = io.StringIO(), io.StringIO()
    cwd = Path.cwd()
    os.chdir(where)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(shlex.split(args))
            except SystemExit as exc:
                code = int(exc.code or 0)
    finally:
        os.chdir(cwd)
    text = (out.getvalue() + err.getvalue()).replace("\r\n", "\n")
    if code:
        text += f"(exit code {code})\n"
    return text


# A run block, or a block showing a file that a run block above it wrote.
MARK = re.compile(
    r"<!-- (?:run: mofan-rules (?P<args>.*?)"
    r"|file: (?P<file>\S+)(?P<file_opts>(?: [a-z]+=\S+)*)"
    r"|sheets: (?P<book>\S+)(?P<book_opts>(?: [a-z]+=\S+)*)) -->\n```[a-z]*\n.*?```\n",
    re.S,
)
# The fence a shown file gets, by its suffix.
FENCES = {".csv": "csv", ".json": "json", ".yaml": "yaml", ".yml": "yaml", ".md": "markdown"}


def _options(marker: str, given: str, allowed: set[str]) -> dict[str, int]:
    """``lines=5 rows=3`` as numbers; anything else stops the generator."""
    options: dict[str, int] = {}
    for word in given.split():
        name, _, value = word.partition("=")
        if name not in allowed or not value.isdigit() or int(value) < 1:
            msg = f"<!-- {marker}: ... --> takes {', '.join(sorted(allowed))}=N, not {word!r}"
            raise SystemExit(msg)
        options[name] = int(value)
    return options


def _written(path: str) -> Path:
    """A file named on the page: absolute (a command's output in /tmp) or from the root."""
    target = Path(path) if Path(path).is_absolute() else ROOT / path
    if not target.is_file():
        msg = f"{path}: no such file (a run block above its marker must write it)"
        raise SystemExit(msg)
    return target


def file_text(path: str, lines: int | None = None) -> str:
    """A text file as a reader opening it sees it: its first ``lines`` lines, then how many more."""
    text = _written(path).read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    kept = text.splitlines()
    shown = "".join(f"{line}\n" for line in (kept[:lines] if lines else kept))
    if lines and len(kept) > lines:
        more = len(kept) - lines
        shown += f"… ({more} more line{'s' if more > 1 else ''})\n"
    return shown


_DATE_TOKEN = re.compile(r'"[^"]*"|\\.|yyyy|yy|mm|m|dd|d|hh|h|ss|s|.', re.I)


def _date_shown(value: dt.date | dt.time, number_format: str) -> str:
    """A date cell as its number format shows it (``yyyy-mm-dd``, ``yyyy"年"m"月"d"日"``)."""
    if isinstance(value, dt.time):
        return value.isoformat()
    if number_format.lower() in ("", "general"):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    moment = (
        value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
    )
    out: list[str] = []
    after_hour = False
    for token in _DATE_TOKEN.findall(number_format):
        low = token.lower()
        if token.startswith('"'):
            out.append(token[1:-1])
        elif token.startswith("\\"):
            out.append(token[1:])
        elif low in ("yyyy", "yy"):
            out.append(f"{moment.year:04d}"[-len(low) :])
        elif low in ("mm", "m"):
            number = moment.minute if after_hour else moment.month
            out.append(f"{number:02d}" if low == "mm" else str(number))
        elif low in ("dd", "d"):
            out.append(f"{moment.day:02d}" if low == "dd" else str(moment.day))
        elif low in ("hh", "h"):
            out.append(f"{moment.hour:02d}" if low == "hh" else str(moment.hour))
        elif low in ("ss", "s"):
            out.append(f"{moment.second:02d}" if low == "ss" else str(moment.second))
        else:
            out.append(token)
        if low in ("hh", "h"):
            after_hour = True
        elif low in ("yyyy", "yy", "dd", "d"):
            after_hour = False
    return "".join(out)


_FIXED = re.compile(r"(?P<comma>#,##)?0(?:\.(?P<places>0+))?(?P<percent>%)?")


def _number_shown(value: float, number_format: str) -> str:
    """A number cell as its number format shows it (``0``, ``0.00``, ``#,##0``, ``0.0%``)."""
    fixed = _FIXED.fullmatch(number_format)
    if fixed is None:  # General, and formats this page does not meet: Excel's General
        return str(int(value)) if float(value).is_integer() else f"{value:.10g}"
    places = len(fixed["places"] or "")
    number = value * 100 if fixed["percent"] else value
    return f"{number:{',' if fixed['comma'] else ''}.{places}f}" + ("%" if fixed["percent"] else "")


def cell_shown(cell: Any) -> str:
    """What a cell shows in Excel: its value through its number format."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.date, dt.time)):
        return _date_shown(value, cell.number_format or "")
    if isinstance(value, (int, float)):
        return _number_shown(value, cell.number_format or "General")
    return str(value)


def sheets_text(path: str, rows: int | None = None) -> str:
    """Each sheet of a workbook in order: ``[name]``, then its first ``rows`` rows, cells by `` | ``.

    A hidden sheet is named and marked hidden, its rows not shown (a reader
    does not see them); blank cells at the end of a row and blank rows at the
    end of a sheet are left out.
    """
    book = openpyxl.load_workbook(_written(path))
    out: list[str] = []
    for sheet in book.worksheets:
        if out:
            out.append("")
        if sheet.sheet_state != "visible":
            out.append(f"[{sheet.title}] (hidden)")
            continue
        out.append(f"[{sheet.title}]")
        table = [[cell_shown(cell) for cell in row] for row in sheet.iter_rows()]
        while table and not any(table[-1]):
            table.pop()
        for row in table[:rows] if rows else table:
            while row and not row[-1]:
                row.pop()
            out.append(" | ".join(row))
        if rows and len(table) > rows:
            more = len(table) - rows
            out.append(f"… ({more} more row{'s' if more > 1 else ''})")
    return "\n".join(out) + "\n"


@contextlib.contextmanager
def _columns(width: int) -> Iterator[None]:
    """A terminal ``width`` columns wide for the commands run (tables, help), as in the tests."""
    before = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width)
    try:
        yield
    finally:
        if before is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = before


def fill_cli_doc(text: str) -> str:
    """docs/cli.md with every run block replaced by the command's real output.

    A ``file:`` or ``sheets:`` block shows a file as a run block above it left
    it: the blocks are filled in the order of the page, in one pass. Commands
    run in a terminal 80 columns wide, wherever the generator is run.
    """

    def fenced(marker: str, fence: str, shown: str) -> str:
        if re.search(r"^```", shown, re.M):  # it would close the block early
            msg = f"<!-- {marker} -->: the text holds a ``` line and cannot be shown in a block"
            raise SystemExit(msg)
        return f"<!-- {marker} -->\n```{fence}\n{shown}```\n"

    def block(match: re.Match[str]) -> str:
        if match["args"] is not None:
            args = match["args"]
            return f"<!-- run: mofan-rules {args} -->\n```text\n{run(args)}```\n"
        if match["file"] is not None:
            path, opts = match["file"], match["file_opts"]
            lines = _options("file", opts, {"lines"}).get("lines")
            fence = FENCES.get(Path(path).suffix.lower(), "text")
            return fenced(f"file: {path}{opts}", fence, file_text(path, lines))
        path, opts = match["book"], match["book_opts"]
        rows = _options("sheets", opts, {"rows"}).get("rows")
        return fenced(f"sheets: {path}{opts}", "text", sheets_text(path, rows))

    with _columns(80):
        return MARK.sub(block, text)


STEP = re.compile(
    r"(?P<run><!-- run: mofan-rules (?P<args>.*?) -->\n```[a-z]*\n.*?```\n)"
    r"|(?P<sh>```sh\n(?P<sh_body>.*?)```\n)"
    r"|(?P<diff>```diff\n--- (?P<file>\S+)\n(?P<diff_body>.*?)```\n)",
    re.S,
)


def _apply_edit(workdir: Path, file: str, body: str) -> None:
    lines = body.splitlines()
    old = "".join(line[1:] + "\n" for line in lines if line[:1] in (" ", "-"))
    new = "".join(line[1:] + "\n" for line in lines if line[:1] in (" ", "+"))
    target = workdir / file
    text = target.read_text("utf-8")
    if text.count(old) != 1:
        msg = f"edit of {file} does not match exactly once:\n{old}"
        raise SystemExit(msg)
    target.write_text(text.replace(old, new), "utf-8")


def walkthrough(text: str, workdir: Path) -> str:
    """Perform docs/editing-rules.md in ``workdir``; return it with every run block's real output."""
    shutil.copytree(ROOT / "rulebooks", workdir / "rulebooks")
    shutil.copytree(ROOT / "examples", workdir / "examples")
    out: list[str] = []
    pos = 0
    for match in STEP.finditer(text):
        out.append(text[pos : match.start()])
        pos = match.end()
        if match["run"]:
            args = match["args"]
            out.append(f"<!-- run: mofan-rules {args} -->\n```text\n{run(args, workdir)}```\n")
            continue
        out.append(match.group(0))
        if match["diff"]:
            _apply_edit(workdir, match["file"], match["diff_body"])
            continue
        for line in match["sh_body"].splitlines():
            words = shlex.split(line, comments=True)
            if not words:
                continue
            if words[0] == "cp" and len(words) == 3:
                shutil.copyfile(workdir / words[1], workdir / words[2])
            elif words[0] == "mofan-rules":
                run(shlex.join(words[1:]), workdir)
            elif words[0] == "python" and len(words) >= 2 and (ROOT / words[1]).is_file():
                # A script of this repository, run where the reader would run it.
                subprocess.run(
                    [sys.executable, str(ROOT / words[1]), *words[2:]], cwd=workdir, check=True
                )
            else:
                msg = f"the walkthrough can only run cp, mofan-rules and this repository's scripts, not: {line}"
                raise SystemExit(msg)
    out.append(text[pos:])
    return "".join(out)


KEYS = re.compile(
    r"(?P<open><!-- keys: (?P<path>\S+) -->\n).*?(?P<close><!-- end keys -->\n)", re.S
)


def _needs(rulebook: Rulebook, measure: str) -> str:
    """What a rank figure must hold for the rules that read it: ``{rank: N, of: M, score: S}``."""
    fields = ["rank: N"]
    for item in rulebook.items:
        for sit in item.situations:
            if getattr(sit, "measure", None) != measure:
                continue
            counted_from = getattr(getattr(sit, "counted_from", None), "value", None)
            mode = getattr(getattr(sit, "mode", None), "value", None)
            if (mode == "into_last" or counted_from == "bottom") and "of: M" not in fields:
                fields.append("of: M")
            if isinstance(sit, Rank) and sit.score_below is not None and "score: S" not in fields:
                fields.append("score: S")
    return "{" + ", ".join(fields) + "}"


def keys_markdown(rulebook: Rulebook) -> str:
    """The names a ledger uses with ``rulebook``: items and situations, figures, awards, modifiers.

    Written into docs/ledger-format.md, so the page's tables are the rulebook's.
    """
    m = markdown_text
    factors = {mod.key: mod for mod in rulebook.modifiers}
    kinds = {measure.key: measure for measure in rulebook.measures}
    out = [
        "| item | cap | situation (`situation:`) | tiers (`tier:`) and points | how to give it |",
        "|---|---|---|---|---|",
    ]
    for item in rulebook.items:
        for n, sit in enumerate(item.situations):
            first = n == 0
            number = str(item.number) if first else ""
            cap = (canonical(item.cap) if item.cap is not None else "—") if first else ""
            tier_caps = {
                c.applies_to[0].split(".", 1)[1]: c.limit
                for c in item.caps
                if len(c.applies_to) == 1 and c.applies_to[0].startswith(f"{sit.key}.")
            }
            own_caps = [c.limit for c in item.caps if sit.key in c.applies_to]
            how: list[str] = []
            if isinstance(sit, PerOccurrence):
                tiers = resolve_tiers(rulebook, sit)
                if tiers:
                    points = "; ".join(
                        f"`{t.key}` {m(t.label)} {canonical(t.amount)}"
                        + (
                            f" (at most {canonical(tier_caps[t.key])})"
                            if t.key in tier_caps
                            else ""
                        )
                        for t in tiers
                    )
                elif sit.range is not None:
                    points = f"— (`amount:` {canonical(sit.range.min)}–{canonical(sit.range.max)})"
                else:
                    points = f"— ({canonical(sit.amount or 0)} each)"
                how.append("record")
                if sit.max_count == 1:
                    how.append("at most once in all")
                elif sit.max_count:
                    how.append(f"count at most {sit.max_count} in all")
                if sit.modifiers:
                    mods = ", ".join(
                        f"`{k}` {m(factors[k].label)} ×{canonical(factors[k].factor)}"
                        for k in sit.modifiers
                    )
                    how.append(f"modifiers: {mods}")
                if sit.multiplier is not None or sit.per_record_cap is not None or sit.veto:
                    how.append(m(rule_words(rulebook, sit, "en")))
            else:
                points = "—"
                measure = getattr(sit, "measure", "")
                words = rule_words(rulebook, sit, "en")
                words = words.removeprefix(f"{measure}: ")
                kind = kinds[measure].kind.value if measure in kinds else ""
                how.append(f"figure `{measure}` ({kind}): {m(words)}")
            how += [f"at most {canonical(limit)}" for limit in own_caps]
            out.append(
                f"| {number} | {cap} | `{sit.key}` {m(sit.label)} | {points} | {'; '.join(how)} |"
            )
    out += [
        "",
        "| figure (`measures:`) | label | kind | write | read by |",
        "|---|---|---|---|---|",
    ]
    for measure in rulebook.measures:
        users = [
            f"{item.number} `{sit.key}`"
            for item in rulebook.items
            for sit in item.situations
            if getattr(sit, "measure", None) == measure.key
        ]
        if measure.kind is MeasureKind.COUNT:
            top = canonical(measure.maximum) if measure.maximum is not None else "100000"
            write = f"a whole number, 0–{top}"
        elif measure.kind is MeasureKind.RATE:
            write = "`0.95` or `95%`"
        elif measure.kind is MeasureKind.RANK:
            write = f"`{_needs(rulebook, measure.key)}`"
        else:
            write = "a number ≥ 0"
        out.append(
            f"| `{measure.key}` | {m(measure.label)} | {measure.kind.value} | {write} | "
            f"{', '.join(users)} |"
        )
    for bonus in rulebook.bonuses:
        if not isinstance(bonus, AwardBonus):
            continue
        scopes = [s.key for s in bonus.scopes]
        out += [
            "",
            f"Awards for bonus `{bonus.key}` ({m(bonus.label)}, at most {canonical(bonus.cap)},"
            f" added to the {bonus.added_to.value}):",
            "",
            "| level (`level:`) | "
            + " | ".join(f"`{s.key}` {m(s.label)}" for s in bonus.scopes)
            + " |",
            "|---|" + "---:|" * len(scopes),
        ]
        for level in bonus.levels:
            amounts = [canonical(level.amounts[s]) if s in level.amounts else "—" for s in scopes]
            out.append(f"| `{level.key}` {m(level.label)} | " + " | ".join(amounts) + " |")
        if bonus.modifiers:
            mods = ", ".join(
                f"`{k}` {m(factors[k].label)} ×{canonical(factors[k].factor)}"
                for k in bonus.modifiers
            )
            out += ["", f"Award modifiers (`modifiers:`): {mods}."]
    return "\n".join(out) + "\n"


def fill_keys(text: str) -> str:
    """Every keys block of ``text`` rewritten from the rulebook it names."""

    def block(match: re.Match[str]) -> str:
        rulebook = load_rulebook(ROOT / match["path"])
        return f"{match['open']}{keys_markdown(rulebook)}{match['close']}"

    return KEYS.sub(block, text)


def fill_ledger_doc(text: str) -> str:
    """docs/ledger-format.md with its run blocks' real output and its tables of keys."""
    return fill_keys(fill_cli_doc(text))


def main_() -> None:
    (ROOT / "docs" / "interpretations.md").write_text(
        interpretations_markdown(load_rulebook()), "utf-8"
    )
    cli = ROOT / "docs" / "cli.md"
    cli.write_text(fill_cli_doc(cli.read_text("utf-8")), "utf-8")
    ledger = ROOT / "docs" / "ledger-format.md"
    ledger.write_text(fill_ledger_doc(ledger.read_text("utf-8")), "utf-8")
    editing = ROOT / "docs" / "editing-rules.md"
    with tempfile.TemporaryDirectory() as scratch:
        editing.write_text(walkthrough(editing.read_text("utf-8"), Path(scratch)), "utf-8")
    print(
        "wrote docs/interpretations.md, docs/cli.md, docs/ledger-format.md, docs/editing-rules.md",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main_()
