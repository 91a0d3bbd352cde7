"""Commands about ledgers: score, explain, batch, template."""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mofan_rules.cli._app import App
from mofan_rules.cli._common import (
    EXIT_INPUT,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_USAGE,
    OutputError,
    Rulebooks,
    err,
    out,
    rulebook_files,
    tell,
    text,
    write_output,
)

if TYPE_CHECKING:
    from mofan_rules.ledger import LoadedLedger
    from mofan_rules.scoring import BatchEntry, ScoreReport

_BY = ("office", "leader", "department")


def register(app: App) -> None:
    """Add the ledger commands to the command line."""
    p = app.command("score", "help_score", score)
    p.add_argument("ledgers", metavar="LEDGER", nargs="+")
    p.add_argument("--rulebook", "-r", metavar="R", help=app.words("help_rulebook_opt"))
    p.add_argument(
        "--format",
        "-f",
        choices=("table", "json", "md", "csv", "html", "xlsx"),
        default="table",
        help=app.words("help_format"),
    )
    p.add_argument("--out", "-o", metavar="FILE", help=app.words("help_out"))
    p.add_argument("--by", choices=_BY, action="append", help=app.words("help_by"))
    p.add_argument("--strict", action="store_true", help=app.words("help_strict"))
    p.add_argument("--width", type=int, default=None, help=app.words("help_width"))

    p = app.command("explain", "help_explain", explain)
    p.add_argument("ledger", metavar="LEDGER")
    p.add_argument("--rulebook", "-r", metavar="R", help=app.words("help_rulebook_opt"))
    p.add_argument("--item", type=int, metavar="N", help=app.words("help_item"))
    p.add_argument("--by", choices=_BY, action="append", help=app.words("help_by"))
    p.add_argument("--strict", action="store_true", help=app.words("help_strict"))
    p.add_argument("--width", type=int, default=None, help=app.words("help_width"))

    p = app.command("batch", "help_batch", batch)
    p.add_argument("inputs", metavar="DIR|FILES", nargs="+")
    p.add_argument("--out", "-o", required=True, metavar="FILE", help="FILE.csv | FILE.xlsx")
    p.add_argument("--rulebook", "-r", metavar="R", help=app.words("help_rulebook_opt"))
    p.add_argument("--by", choices=_BY, action="append", help=app.words("help_by"))
    p.add_argument("--strict", action="store_true", help=app.words("help_strict"))

    p = app.command("template", "help_template", template)
    p.add_argument(
        "--format", "-f", choices=("xlsx", "csv"), default="xlsx", help=app.words("help_format")
    )
    p.add_argument("--out", "-o", metavar="FILE", help=app.words("help_template_out"))
    p.add_argument("--rulebook", "-r", metavar="R", help=app.words("help_rulebook_opt"))


def _width(args: argparse.Namespace) -> int:
    if args.width:
        return int(args.width)
    return max(60, shutil.get_terminal_size((80, 24)).columns)


def _write(args: argparse.Namespace, data: bytes, inputs: list[Path]) -> int:
    target = Path(args.out)
    try:
        write_output(target, data, inputs)
    except OutputError as exc:
        tell(args, str(args.out), exc.code, **exc.params)
        return EXIT_OUTPUT
    err(text(args, "wrote", file=str(args.out)))
    return EXIT_OK


def score(args: argparse.Namespace) -> int:
    """Score ledgers and print (or write) the reports in one format."""
    from mofan_rules import reports
    from mofan_rules.errors import MofanRulesError
    from mofan_rules.ledger import read_ledger
    from mofan_rules.scoring import OUTPUT_CREATOR, evaluate, is_own_output

    if args.format == "xlsx" and not args.out:
        tell(args, "--format", "xlsx_needs_out")
        return EXIT_USAGE
    inputs = [Path(f) for f in args.ledgers]
    protected = inputs + rulebook_files(args.rulebook)
    if args.out:
        from mofan_rules.cli._common import check_output

        try:
            check_output(Path(args.out), protected)
        except OutputError as exc:
            tell(args, str(args.out), exc.code, **exc.params)
            return EXIT_OUTPUT
    rulebooks = Rulebooks(args.rulebook)
    found, places, labels, failed = [], [], {}, False
    for path in inputs:
        if is_own_output(path):
            tell(args, str(path), "own_output")
            failed = True
            continue
        try:
            rulebook = rulebooks.rulebook_for(path)
            loaded = read_ledger(path, rulebook)
            try:
                report = evaluate(rulebook, loaded.ledger, strict=args.strict)
            except MofanRulesError as exc:
                raise loaded.located(exc) from None
        except MofanRulesError as exc:
            if args.debug:
                raise  # main() lets it through with its traceback
            for problem in exc.problems:
                err(problem.text(args.lang))
            failed = True
            continue
        found.append(report)
        places.append(loaded.places(t.origin for t in report.trail))
        labels.update({c.key: c.label for c in rulebook.classes})
        _warn(args, loaded, report)
    if failed:
        return EXIT_INPUT
    by = args.by
    if args.format == "json":
        body = reports.score_json(found, by)
    elif args.format == "md":
        body = "\n".join(
            reports.score_markdown(r, args.lang, by=by, places=p)
            for r, p in zip(found, places, strict=True)
        )
    elif args.format in ("csv", "xlsx"):
        from mofan_rules._workbook import csv_bytes, xlsx_bytes
        from mofan_rules.source import display

        # Several ledgers: a file column says which ledger each line is from.
        files = [display(p) for p in inputs] if len(inputs) > 1 else None
        sheets = reports.score_sheets(found, args.lang, by=by, files=files, places=places)
        if args.format == "xlsx":
            return _write(args, xlsx_bytes(sheets, creator=OUTPUT_CREATOR), protected)
        data = csv_bytes(sheets[0].rows)
        if args.out:
            return _write(args, data, protected)
        sys.stdout.write(data.decode("utf-8-sig"))
        return EXIT_OK
    elif args.format == "html":
        body = reports.score_html(
            found, args.lang, by=by, places=places, scored_on=dt.date.today(), labels=labels
        )
    else:
        body = (
            "\n\n".join(
                reports.score_table(r, _width(args), args.lang, by=by, places=p)
                for r, p in zip(found, places, strict=True)
            )
            + "\n"
        )
    if args.out:
        return _write(args, body.encode("utf-8"), protected)
    out(body, end="" if body.endswith("\n") else "\n")
    return EXIT_OK


def explain(args: argparse.Namespace) -> int:
    """Explain every point of one ledger's score."""
    from mofan_rules.errors import MofanRulesError
    from mofan_rules.ledger import read_ledger
    from mofan_rules.reports import explain_text
    from mofan_rules.scoring import evaluate, is_own_output

    if is_own_output(Path(args.ledger)):
        tell(args, str(args.ledger), "own_output")
        return EXIT_INPUT
    rulebook = Rulebooks(args.rulebook).rulebook_for(args.ledger)
    loaded = read_ledger(args.ledger, rulebook)
    try:
        report = evaluate(rulebook, loaded.ledger, strict=args.strict)
    except MofanRulesError as exc:
        raise loaded.located(exc) from None
    _warn(args, loaded, report)
    if args.item is not None and args.item not in report.items:
        tell(args, "--item", "no_such_item", item=args.item, count=len(report.items))
        return EXIT_USAGE
    places = loaded.places(t.origin for t in report.trail)
    text = explain_text(
        report, rulebook, args.item, args.lang, places=places, by=args.by, max_width=_width(args)
    )
    out(text)
    return EXIT_OK


def _warn(args: argparse.Namespace, loaded: LoadedLedger, report: ScoreReport) -> None:
    """A report's notices (a figure left out, say) as warnings on stderr, at their place."""
    for notice in report.notices:
        found = loaded.warning(notice.path, notice.message, notice.message_zh, notice.code)
        err(found.text(args.lang))


def _progress(done: int, total: int) -> None:
    if not sys.stderr.isatty():
        return
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def batch(args: argparse.Namespace) -> int:
    """Score every ledger, rank the units, write one table (and the ledgers not scored)."""
    from mofan_rules._workbook import csv_bytes, xlsx_bytes
    from mofan_rules.reports import ranking_rows, ranking_sheets
    from mofan_rules.scoring import OUTPUT_CREATOR, ledger_files, score_files

    target = Path(args.out)
    if target.suffix.lower() not in (".csv", ".xlsx"):
        tell(args, str(target), "out_suffix")
        return EXIT_USAGE
    if args.by and target.suffix.lower() == ".csv":
        tell(args, str(target), "by_needs_xlsx")
        return EXIT_USAGE
    inputs = [Path(i) for i in args.inputs]
    rulebooks = Rulebooks(args.rulebook)
    files = ledger_files(inputs, skip=[target])
    if not files:
        tell(args, " ".join(args.inputs), "no_ledgers_found")
        return EXIT_INPUT
    entries = score_files(files, rulebooks.for_ledger, _progress, strict=args.strict)
    bases = sorted({e.basis for e in entries if e.report is not None})
    if len(bases) > 1:
        tell(args, " ".join(args.inputs), "mixed_bases", bases="; ".join(bases))
        return EXIT_INPUT
    if target.suffix.lower() == ".xlsx":
        data = xlsx_bytes(ranking_sheets(entries, args.lang, by=args.by), creator=OUTPUT_CREATOR)
    else:
        data = csv_bytes(ranking_rows(entries, args.lang))
    try:
        write_output(target, data, files + rulebook_files(args.rulebook))
    except OutputError as exc:
        tell(args, str(target), exc.code, **exc.params)
        return EXIT_OUTPUT
    return _batch_summary(args, target, entries)


def _batch_summary(args: argparse.Namespace, target: Path, entries: list[BatchEntry]) -> int:
    broken = [e for e in entries if e.error is not None]
    out(
        text(
            args,
            "batch_done",
            file=str(target),
            scored=len(entries) - len(broken),
            total=len(entries),
        )
    )
    from mofan_rules.source import display

    for entry in entries:
        if entry.report is not None:
            for notice in entry.report.notices:
                file, line = (entry.places or {}).get(notice.path, (entry.file, 0))
                where = f"{display(file)}:{line}" if line else entry.file
                message = notice.message_zh if args.lang == "zh" else notice.message
                err(f"{where}: {text(args, 'warning_word')}: {notice.path}: {message}")
    if broken:
        tell(args, str(target), "ledgers_not_scored", count=len(broken))
        for entry in broken:
            for problem in entry.error.problems:  # type: ignore[union-attr]
                err("  " + problem.text(args.lang))
        return EXIT_INPUT
    return EXIT_OK


def template(args: argparse.Namespace) -> int:
    """Write an empty ledger workbook (or CSV) to fill in."""
    from mofan_rules._workbook import csv_bytes, xlsx_bytes
    from mofan_rules.ledger import template_csv, template_sheets

    rulebooks = Rulebooks(args.rulebook)
    loaded = rulebooks.for_ledger("")  # no ledger: from a folder, the newest edition
    rulebook = loaded.rulebook
    if rulebooks.folder:
        from mofan_rules.source import display

        err(
            text(
                args,
                "template_edition",
                id=rulebook.id,
                version=rulebook.version,
                file=display(loaded.document.file),
                folder=display(args.rulebook),
            )
        )
    target = Path(args.out or f"ledger-template.{args.format}")
    if args.format == "xlsx":
        data = xlsx_bytes(
            template_sheets(rulebook, args.lang), creator="mofan-rules ledger template"
        )
    else:
        data = csv_bytes(template_csv(rulebook, args.lang))
    try:
        write_output(target, data, rulebook_files(args.rulebook))
    except OutputError as exc:
        tell(args, str(target), exc.code, **exc.params)
        return EXIT_OUTPUT
    out(text(args, "wrote", file=str(target)))
    return EXIT_OK


__all__ = ["register"]
