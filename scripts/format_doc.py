"""Regenerate the generated blocks of docs/rulebook-format.md from the real files.

    python scripts/format_doc.py

Every YAML snippet and every score on that page comes from a file of the
repository, so the page cannot drift from the code. A marker line (an HTML
comment, invisible on GitHub) names where a block comes from, and the fenced
block after it is rewritten from that source (a marker without a block gets
one). Paths are relative to the repository root.

- ``<!-- snippet: FILE#/POINTER -->``: the lines of FILE holding the value at
  the JSON pointer, exactly as written (comments and layout kept, the common
  indentation removed), after a comment line naming them. Several pointers
  may be given, separated by commas; a ``# …`` line stands for lines left out
  between them (lines that only open a key are kept instead).
- ``<!-- case: CASES#NAME -->``: the ledger of the named case (as the cases file
  writes it, a line repeated three times or more written once) and what
  ``mofan_rules.evaluate`` makes of it under the rulebook beside the cases file
  (``x.cases.yaml`` → ``x.yaml``), or the problems of a ledger it refuses.
  Options after ``;``: ``items: 1 2`` shows only those items; ``rulebook: FILE``
  scores the case under another rulebook (an overlay of the same base);
  ``notices`` also shows the report's notices (figures left out).
- ``<!-- error: FILE -->``: every problem ``mofan_rules.load_rulebook`` finds
  in FILE, one ``problem.text("en")`` a line.
- ``<!-- warnings: FILE -->``: the warnings loading FILE gives.
- ``<!-- edit: FILE#/POINTER = VALUE -->``: FILE with that one value changed
  (in memory), and every warning or error loading it then gives.
- ``<!-- loaded: FILE#/POINTER -->``: the value at POINTER of the rulebook as
  loaded (titles filled in, an overlay merged onto its base), as YAML.
- ``<!-- migrated: FILE#/POINTER -->``: the lines at POINTER of what
  ``mofan-rules migrate FILE`` writes.
- ``<!-- fields -->`` … ``<!-- /fields -->``: the index of every field of the
  rulebook models, with the descriptions the JSON Schema carries.

tests/test_format_doc.py fails while the page is stale.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import re
import sys
import tempfile
import types
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from mofan_rules import Ledger, LedgerError, RulebookError, evaluate, load_rulebook
from mofan_rules.cli import main as cli_main
from mofan_rules.rulebook import Overlay, Rulebook, load_rulebook_with_warnings, parse_rulebook
from mofan_rules.scoring import (
    CapCut,
    ItemResult,
    LoadedCase,
    ScoreReport,
    TrailEntry,
    load_cases,
)
from mofan_rules.source import Document, parse_document

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "rulebook-format.md"

FENCED = re.compile(
    r"<!-- (?P<kind>snippet|case|error|warnings|edit|loaded|migrated): (?P<arg>.*?) -->\n"
    r"(?:```[a-z]*\n.*?```\n)?",
    re.S,
)
FIELDS = re.compile(r"<!-- fields -->\n.*?<!-- /fields -->\n", re.S)
LANGUAGE = {"snippet": "yaml", "loaded": "yaml", "migrated": "yaml"}
ELIDED = "# …"
BARE_KEY = re.compile(r"\s*(?:- )?[A-Za-z_][A-Za-z0-9_]*:\s*$")


class DocError(Exception):
    """A marker that names nothing real: a file, pointer or case that is not there."""


def num(value: Decimal | int) -> str:
    """A number as plain text without trailing zeros: ``1.50`` → ``1.5``, ``1E+2`` → ``100``."""
    if value == 0:
        return "0"
    if isinstance(value, int):
        return str(value)
    return format(value.normalize(), "f")


# ------------------------------------------------------------------ pointers and lines


def split_ref(arg: str) -> tuple[Path, str]:
    """``FILE#REST`` → (FILE, REST)."""
    file, _, rest = arg.partition("#")
    return Path(file.strip()), rest.strip()


def path_of(data: Any, pointer: str) -> tuple[str | int, ...]:
    """The document path of a JSON pointer into ``data`` (list positions as ints)."""
    parts: list[str | int] = []
    node = data
    for raw in pointer.split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            parts.append(int(part))
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            parts.append(part)
            node = node[part]
        else:
            msg = f"{pointer} points at nothing"
            raise DocError(msg)
    return tuple(parts)


def value_at(data: Any, path: tuple[str | int, ...]) -> Any:
    """The value at a document path."""
    for part in path:
        data = data[part]
    return data


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


@functools.lru_cache(maxsize=64)
def _parsed(text: str, file: str) -> Document:
    return parse_document(text.encode("utf-8"), file)


def node_lines(text: str, file: str, pointer: str) -> tuple[int, int]:
    """The lines (0-based, end excluded) that write the value at ``pointer`` in ``text``.

    A mapping entry runs from its key to the last line indented deeper than
    the key; a list entry from its dash to the last line indented deeper than
    the dash. Comment lines right above it, at its indentation, are its own.
    """
    doc = _parsed(text, file)
    path = path_of(doc.data, pointer)
    lines = text.splitlines()
    value = value_at(doc.data, path)
    if path and isinstance(path[-1], str):
        pos = doc.keys[path]
        start, indent = pos.line - 1, pos.column - 1
        # A block list may sit at its key's indentation (`key:` then `- a`).
        same_level_list = isinstance(value, list) and not lines[start].rstrip().endswith("]")
    else:
        pos = doc.values[path]
        start = pos.line - 1
        before = lines[start][: pos.column - 1].rstrip()
        if not before.endswith("-"):
            msg = f"{file}#{pointer} is not a block list entry or a mapping entry"
            raise DocError(msg)
        indent = len(before) - 1
        same_level_list = False
    end = start + 1
    while end < len(lines):
        line = lines[end]
        if line.strip():
            deeper = _indent(line) > indent
            listed = same_level_list and _indent(line) == indent and line.lstrip().startswith("-")
            if not (deeper or listed):
                break
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    while (
        start > 0
        and lines[start - 1].lstrip().startswith("#")
        and (_indent(lines[start - 1]) == _indent(lines[start]))
    ):
        start -= 1
    return start, end


def dedent(lines: list[str]) -> list[str]:
    """Lines without the indentation common to the file's lines (a ``# …`` no further left)."""
    kept = [line for line in lines if line.strip() and line.strip() != ELIDED]
    depth = min((_indent(line) for line in kept), default=0)
    out = []
    for line in lines:
        if line.strip() == ELIDED:
            out.append(" " * max(0, _indent(line) - depth) + ELIDED)
        else:
            out.append(line[depth:] if line.strip() else "")
    return out


def snippet(text: str, file: str, pointers: str) -> str:
    """The lines writing each pointer's value, in file order, ``# …`` where lines are left out."""
    spans = sorted(node_lines(text, file, p.strip()) for p in pointers.split(","))
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    lines = text.splitlines()
    out: list[str] = []
    for i, (start, end) in enumerate(merged):
        if i:
            gap = lines[merged[i - 1][1] : start]
            if all(BARE_KEY.match(line) for line in gap):
                out += gap  # only keys opening the part shown: keep them
            else:
                depth = min(_indent(line) for line in gap if line.strip())
                out.append(" " * depth + ELIDED)
        out += lines[start:end]
    return "\n".join(dedent(out)) + "\n"


# ------------------------------------------------------------------ YAML of loaded values


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = num(value)
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


def _plain(dumper: yaml.SafeDumper, value: Any) -> yaml.Node:
    if isinstance(value, Enum):
        return dumper.represent_str(str(value.value))
    return dumper.represent_str(value.isoformat())


def _flow(dumper: yaml.SafeDumper, value: dict[Any, Any]) -> yaml.MappingNode:
    short = all(not isinstance(v, dict | list) for v in value.values())
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=short)


def _flow_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    short = all(not isinstance(v, dict | list) for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=short)


_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_multi_representer(Enum, _plain)
_Dumper.add_representer(dt.date, _plain)
_Dumper.add_representer(dict, _flow)
_Dumper.add_representer(list, _flow_list)


class _Block(dict[Any, Any]):
    """A mapping always written in block style (the top of a value shown)."""


def _block(dumper: yaml.SafeDumper, value: _Block) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=False)


_Dumper.add_representer(_Block, _block)


def as_yaml(value: Any) -> str:
    """Plain data as YAML: numbers from their text, short mappings and lists inside on one line."""
    top = _Block(value) if isinstance(value, dict) else value
    return yaml.dump(top, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)


def _empty(value: Any) -> bool:
    # `0 == False`, so a zero must not be taken for an empty field.
    return value is None or value is False or (isinstance(value, list | dict) and not value)


def _without_empty(value: Any) -> Any:
    """Loaded data without the fields left at nothing (None, False, empty lists)."""
    if isinstance(value, dict):
        return {k: _without_empty(v) for k, v in value.items() if not _empty(v)}
    if isinstance(value, list):
        return [_without_empty(v) for v in value]
    return value


# ------------------------------------------------------------------ the blocks


class Filler:
    """Fills the blocks of one page, loading each rulebook once."""

    def __init__(self) -> None:
        self.rulebooks: dict[Path, Rulebook] = {}
        self.migrated: dict[Path, str] = {}
        self.cases: dict[tuple[Path, Path], list[LoadedCase]] = {}

    def rulebook(self, path: Path) -> Rulebook:
        """A rulebook, loaded once."""
        if path not in self.rulebooks:
            self.rulebooks[path] = load_rulebook(path)
        return self.rulebooks[path]

    def snippet(self, arg: str) -> str:
        file, pointers = split_ref(arg)
        return f"# {arg}\n" + snippet(file.read_text("utf-8"), str(file), pointers)

    def error(self, arg: str) -> str:
        try:
            load_rulebook(Path(arg))
        except RulebookError as exc:
            return "".join(p.text("en") + "\n" for p in exc.problems)
        msg = f"{arg} loads without an error"
        raise DocError(msg)

    def warnings(self, arg: str) -> str:
        _, found = load_rulebook_with_warnings(Path(arg))
        if not found:
            msg = f"{arg} loads without a warning"
            raise DocError(msg)
        return "".join(p.text("en") + "\n" for p in found)

    def edit(self, arg: str) -> str:
        ref, _, new = arg.partition("=")
        file, pointer = split_ref(ref)
        text = file.read_text("utf-8")
        doc = parse_document(text.encode("utf-8"), str(file))
        path = path_of(doc.data, pointer)
        pos = doc.values[path]
        lines = text.splitlines(keepends=True)
        line = lines[pos.line - 1]
        head, tail = line[: pos.column - 1], line[pos.column - 1 :]
        old = re.match(r"[^\s,\]}#]+", tail)
        if old is None:
            msg = f"{ref}: only a plain value can be edited"
            raise DocError(msg)
        lines[pos.line - 1] = head + new.strip() + tail[old.end() :]
        out = [f"{file}, {pointer}: {old.group()} → {new.strip()}"]
        try:
            _, found = parse_rulebook("".join(lines), str(file), folder=file.parent)
        except RulebookError as exc:
            found = list(exc.problems)
        out += [p.text("en") for p in found] or ["(no problem and no warning)"]
        return "\n".join(out) + "\n"

    def loaded(self, arg: str) -> str:
        file, pointers = split_ref(arg)
        data = _without_empty(self.rulebook(file).model_dump())
        out = []
        for pointer in pointers.split(","):
            path = path_of(data, pointer.strip())
            value = value_at(data, path)
            out.append(as_yaml({path[-1]: value} if path and isinstance(path[-1], str) else value))
        return f"# {file} as loaded: {pointers}\n" + "".join(out)

    def migrate(self, arg: str) -> str:
        file, pointer = split_ref(arg)
        if file not in self.migrated:
            with tempfile.TemporaryDirectory() as scratch:
                out = Path(scratch) / "migrated.yaml"
                with contextlib.redirect_stdout(io.StringIO()):
                    code = cli_main(["migrate", str(file), "--out", str(out), "--lang", "en"])
                if code:
                    msg = f"mofan-rules migrate {file} failed"
                    raise DocError(msg)
                self.migrated[file] = out.read_text("utf-8")
        head = f"# what mofan-rules migrate {file} writes: {pointer}\n"
        return head + snippet(self.migrated[file], "migrated.yaml", pointer)

    def case(self, arg: str) -> str:
        ref, *options = (part.strip() for part in arg.split(";"))
        file, name = split_ref(ref)
        only: set[int] | None = None
        notices = False
        rulebook_file = file.with_name(file.name.replace(".cases.yaml", ".yaml"))
        for option in options:
            key, _, value = option.partition(":")
            if key.strip() == "items":
                only = {int(n) for n in value.split()}
            elif key.strip() == "rulebook":
                rulebook_file = Path(value.strip())
            elif key.strip() == "notices":
                notices = True
            else:
                msg = f"unknown case option {option!r}"
                raise DocError(msg)
        rulebook = self.rulebook(rulebook_file)
        if (file, rulebook_file) not in self.cases:
            self.cases[(file, rulebook_file)] = load_cases(file, rulebook)
        loaded = self.cases[(file, rulebook_file)]
        names = [lc.case.name for lc in loaded]
        if name not in names:
            msg = f"{file} has no case named {name!r}"
            raise DocError(msg)
        index = names.index(name)
        text = file.read_text("utf-8")
        ledger_text = snippet(text, str(file), f"/cases/{index}/ledger")
        out = [f'case "{name}" of {file}', short_ledger(ledger_text)]
        if rulebook.base is not None:
            out.append(
                f"rulebook: {rulebook.id} {rulebook.version}, "
                f"over {rulebook.base.id} {rulebook.base.version}"
            )
        ledger = loaded[index].ledger
        try:
            if isinstance(ledger, LedgerError):
                raise ledger
            report = evaluate(rulebook, ledger)
        except LedgerError as exc:
            out.append("refused:")
            out += [f"  {p.text('en')}" for p in exc.problems]
            return "\n".join(out) + "\n"
        out.append("score:")
        out += [f"  {line}" for line in explain(rulebook, ledger, report, only)]
        if notices:
            out += [f"  {line}" for line in notice_lines(report)]
        return "\n".join(out) + "\n"

    def fill(self, kind: str, arg: str) -> str:
        """The fresh content of one block."""
        make: dict[str, Callable[[str], str]] = {
            "snippet": self.snippet,
            "case": self.case,
            "error": self.error,
            "warnings": self.warnings,
            "edit": self.edit,
            "loaded": self.loaded,
            "migrated": self.migrate,
        }
        return make[kind](arg)


# ------------------------------------------------------------------ a score in short


def _where(entry: TrailEntry) -> tuple[str, int | None]:
    """What a trail line comes from: a kind and a 1-based position, or a figure's key."""
    _, _, rest = entry.origin.lstrip("/").partition("/")
    if entry.kind == "measure":
        return f"figure {rest}", None
    return entry.kind, int(rest) + 1


def _line(entry: TrailEntry) -> str:
    """One trail line without where it comes from: the rule it matched and what it counts."""
    target = f"item {entry.item}" if entry.item is not None else f"bonus {entry.bonus}"
    name = entry.label if entry.kind == "award" else f"{entry.situation} {entry.label}"
    head = f"{target} {name}: "
    if entry.detail:
        head += entry.detail + "; "
    earns = "earns " if entry.earns and entry.item is not None else ""
    if entry.rule == "remainder":
        words = f"deducts {num(entry.value)}"
    elif entry.rule in ("threshold", "ladder"):
        words = f"{earns or 'counts '}{num(entry.value)}"
    else:
        factors = [num(entry.amount), num(entry.count)]
        if entry.factor != 1:
            factors.append(num(entry.factor))
        exact = entry.amount * entry.count * entry.factor
        words = earns + " × ".join(factors)
        if exact == entry.value:
            words += f" = {num(entry.value)}"
        else:
            words += f" = {num(exact)}, rounded to {num(entry.value)}"
    if entry.share != entry.value:
        words += f", cut to {num(entry.share)} by {', '.join(entry.cut_by)}"
    if entry.veto:
        words += f"; veto: {entry.veto}"
    return head + words


def trail_lines(entries: list[TrailEntry]) -> Iterator[str]:
    """The trail, consecutive lines that say the same of consecutive records said once."""
    runs: list[tuple[str, int | None, int | None, str]] = []  # kind, first, last, words
    for entry in entries:
        kind, position = _where(entry)
        words = _line(entry)
        last = runs[-1] if runs else None
        if (
            last is not None
            and position is not None
            and last[0] == kind
            and last[2] == position - 1
            and last[3] == words
        ):
            runs[-1] = (kind, last[1], position, words)
        else:
            runs.append((kind, position, position, words))
    for kind, first, last_, words in runs:
        if first is None:
            yield f"{kind} → {words}"
        elif first == last_:
            yield f"{kind} {first} → {words}"
        else:
            yield f"{kind}s {first}–{last_}, each → {words}"


def short_ledger(text: str) -> str:
    """A ledger's lines, a line repeated three times or more written once with its count."""
    out: list[str] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j] == lines[i]:
            j += 1
        times = j - i
        if times >= 3:
            out.append(f"{lines[i]}  # this line {times} times")
        else:
            out += lines[i:j]
        i = j
    return "\n".join(out)


def notice_lines(report: ScoreReport) -> Iterator[str]:
    """The notices, those of one kind after the first named in one line."""
    seen: dict[str, list[str]] = {}
    for notice in report.notices:
        seen.setdefault(notice.code, []).append(notice.path.rsplit("/", 1)[-1])
    for code, where in seen.items():
        first = next(n for n in report.notices if n.code == code)
        line = f"notice: {first.message}"
        if len(where) > 1:
            line += f" (and the same for {', '.join(where[1:])})"
        yield line


def _band_label(bands: Any, key: str | None) -> str:
    for band in bands or []:
        if band.key == key:
            return f"{band.label} ({key})"
    return str(key)


def _item(rulebook: Rulebook, item: ItemResult) -> str:
    model = next(i for i in rulebook.items if i.number == item.number)
    where = " (直接扣分, from the total)" if item.row is None else ""
    words = f"item {item.number} {item.title}{where}: "
    if item.earned is not None:
        words += f"earns {num(item.earned)} of {num(item.points or 0)}, "
    words += f"deducts {num(item.deduction)}"
    if item.cuts:
        cuts = "; ".join(f"{c.label}: {num(c.before)} → {num(c.before - c.cut)}" for c in item.cuts)
        words += f" ({cuts})"
    if item.grade is not None:
        words += f", grade {_band_label(model.grades, item.grade)}"
    return words


def _shown_items(report: ScoreReport, only: set[int] | None) -> list[ItemResult]:
    if only is not None:
        return [report.items[n] for n in sorted(only)]
    vetoed = {v.item for v in report.vetoes}
    return [
        item
        for item in report.items.values()
        if item.deduction
        or item.cuts
        or item.number in vetoed
        or (item.earned is not None and item.earned != item.points)
    ]


def _cut(report: ScoreReport, scope: str, key: str) -> CapCut | None:
    """The cut a row, indicator or other cap made, as the first item it cut records it."""
    for item in report.items.values():
        for cut in item.cuts:
            if cut.scope == scope and cut.key == key:
                return cut
    return None


def _row_lines(rulebook: Rulebook, report: ScoreReport) -> Iterator[str]:
    """Rows that a row cap cut, that a bonus was added to, or that have a grade."""
    models = {row.number: row for row in rulebook.rows}
    for row in report.rows:
        cut = _cut(report, "row", f"row_{row.number}")
        if cut is None and not row.bonus and row.grade is None:
            continue
        words = f"row {row.number}: {num(row.points)} − {num(row.deducted)}"
        if row.bonus:
            words += f" + bonus {num(row.bonus)}"
        words += f" = {num(row.score)}"
        if cut is not None:
            words += f" (its items deduct {num(row.raw)}; the row loses at most {num(cut.limit)})"
        if row.grade is not None:
            words += f", grade {_band_label(models[row.number].grades, row.grade)}"
        yield words


def _indicator_lines(rulebook: Rulebook, report: ScoreReport) -> Iterator[str]:
    """Indicators whose cap cut, that a bonus was added to, that weigh a deduction, or graded."""
    weighted = any(ind.weight is not None for ind in rulebook.indicators)
    for ind, result in zip(rulebook.indicators, report.indicators, strict=True):
        cut = _cut(report, "indicator", f"indicator_{result.index}")
        shown = cut is not None or result.bonus or (weighted and result.deducted)
        if not shown and result.grade is None:
            continue
        words = f"indicator {result.index} {result.name}: {num(result.points)}"
        words += f" − {num(result.deducted)}"
        if result.bonus:
            words += f" + bonus {num(result.bonus)}"
        words += f" = {num(result.score)}"
        if cut is not None:
            words += f" (its rows lose at most {num(cut.limit)})"
        if result.weight is not None:
            words += f", × {num(result.weight)} = {num(result.weighted)}"
        if result.grade is not None:
            words += f", grade {_band_label(ind.grades, result.grade)}"
        yield words


def _outcome_lines(rulebook: Rulebook, report: ScoreReport) -> Iterator[str]:
    """The bonuses that had lines, the vetoes, the total, the grade and the outcome."""
    for bonus in report.bonuses:
        if bonus.raw:
            where = {"total": "the total", "row": f"row {bonus.target}"}.get(
                bonus.added_to, f"indicator {bonus.target}"
            )
            yield (
                f"bonus {bonus.key} {bonus.label}: {num(bonus.raw)}, at most {num(bonus.cap)}"
                f" → adds {num(bonus.bonus)} to {where}"
            )
    for veto in report.vetoes:
        sets = [f"outcome {veto.outcome}"] if veto.outcome else []
        if veto.grade is not None:
            sets.append(f"best grade {_band_label(rulebook.grades, veto.grade)}")
        if veto.score is not None:
            sets.append(f"total {num(veto.score)}")
        where = f"{_veto_origin(veto.origin)}, item {veto.item} {veto.situation}"
        yield f"veto ({where}): " + ", ".join(sets)
    extra = [f"deducted {num(report.deducted)}"] if report.deducted else []
    if report.bonus:
        extra.append(f"bonus {num(report.bonus)}")
    yield f"total {num(report.total)}" + (f" ({', '.join(extra)})" if extra else "")
    if report.grade is not None:
        by = ", set by a veto" if report.grade.by_veto else ""
        yield f"grade {report.grade.label} ({report.grade.key}){by}"
    if report.outcome:
        yield f"outcome {report.outcome}"


def explain(
    rulebook: Rulebook, ledger: Ledger, report: ScoreReport, only: set[int] | None
) -> Iterator[str]:
    """What the engine made of one ledger, in short: lines, items, rows, bonuses, the total."""
    if ledger.unit_class is not None:
        label = next(c.label for c in rulebook.classes if c.key == ledger.unit_class)
        yield f"class {label} ({ledger.unit_class})"
    items = _shown_items(report, only)
    numbers = {item.number for item in items}
    yield from trail_lines(
        [
            entry
            for entry in report.trail
            if entry.item in numbers or (entry.item is None and (entry.value or entry.share))
        ]
    )
    for item in items:
        yield _item(rulebook, item)
    if only is not None:
        hidden = [i for i in report.items.values() if i.number not in only and i.deduction]
        if hidden:
            each = ", ".join(f"item {i.number} deducts {num(i.deduction)}" for i in hidden)
            yield f"(not shown: {each})"
    yield from _row_lines(rulebook, report)
    yield from _indicator_lines(rulebook, report)
    yield from _outcome_lines(rulebook, report)


def _veto_origin(origin: str) -> str:
    kind, _, rest = origin.lstrip("/").partition("/")
    return f"{kind.rstrip('s')} {int(rest) + 1}"


# ------------------------------------------------------------------ the field index


def models() -> list[type[BaseModel]]:
    """Every model a rulebook (or an overlay) is made of, the rulebook first, each once."""
    seen: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.append(model)
        for field in model.model_fields.values():
            for inner in _models_in(field.annotation):
                visit(inner)

    visit(Rulebook)
    visit(Overlay)
    return seen


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found += _models_in(arg)
    return found


def _values(annotation: Any) -> list[str]:
    """The words a field takes, where it takes only a few: an enum's values, a literal."""
    if typing.get_origin(annotation) is typing.Literal:
        return [str(a) for a in typing.get_args(annotation)]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(m.value) for m in annotation]
    found: list[str] = []
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found += _values(arg)
    return found


def _field(name: str, field: Any) -> str:
    """One field for the index: bold when required, its words or its default."""
    shown = f"**`{name}`**" if field.is_required() else f"`{name}`"
    values = _values(field.annotation)
    if name == "kind" and len(values) == 1:
        return f"**`kind: {values[0]}`**"
    if values and name != "schema_version":
        words = " / ".join(f"`{v}`" for v in values)
        shown += f" ({words})" if _only_words(field.annotation) else f" (a number or {words})"
    default = field.default
    if not field.is_required() and default not in (None, "", PydanticUndefined):
        value = default.value if isinstance(default, Enum) else default
        text = num(value) if isinstance(value, Decimal) else str(value).lower()
        shown += f" = `{text}`"
    return shown


def _only_words(annotation: Any) -> bool:
    """Whether a field takes only words (an enum, literals, or nothing), never a number."""
    if annotation is type(None) or typing.get_origin(annotation) is typing.Literal:
        return True
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return all(_only_words(arg) for arg in typing.get_args(annotation))
    return False


def fields_index() -> str:
    """One row per model: what it is, and its fields (required in bold, defaults after `=`)."""
    out = ["| part | fields |", "|---|---|"]
    for model in models():
        doc = (model.__doc__ or "").strip().splitlines()[0].replace("|", "\\|").replace("``", "`")
        fields = ", ".join(_field(name, f) for name, f in model.model_fields.items())
        out.append(f"| **{model.__name__}**: {doc} | {fields} |")
    return "<!-- fields -->\n" + "\n".join(out) + "\n<!-- /fields -->\n"


# ------------------------------------------------------------------ the page


def fill_format_doc(text: str) -> str:
    """docs/rulebook-format.md with every generated block made afresh from its source."""
    filler = Filler()

    def block(match: re.Match[str]) -> str:
        kind, arg = match["kind"], match["arg"]
        body = filler.fill(kind, arg)
        return f"<!-- {kind}: {arg} -->\n```{LANGUAGE.get(kind, 'text')}\n{body}```\n"

    with contextlib.chdir(ROOT):
        text = FENCED.sub(block, text)
        return FIELDS.sub(lambda _m: fields_index(), text)


def main() -> None:
    """Rewrite docs/rulebook-format.md in place."""
    DOC.write_text(fill_format_doc(DOC.read_text("utf-8")), "utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
