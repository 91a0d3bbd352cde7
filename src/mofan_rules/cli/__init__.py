"""The ``mofan-rules`` command: a thin layer over the library for office staff.

It parses arguments, calls the library and prints; no scoring happens here.
Bad input prints one located line per problem on stderr, never a traceback
(``--debug`` shows one). Each subcommand imports only what it needs, so the
command starts quickly.
"""

from __future__ import annotations

import argparse
import locale
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Rulebook

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_OUTPUT = 3

_EPILOG = """exit codes:
  0  success
  1  a rulebook or ledger has problems (each printed as file:line:col: /path: message),
     or a batch had ledgers that could not be scored
  2  the command line is wrong
  3  an output file could not be written
  diff: 0 when the rulebooks mean the same, 1 when they differ
  test: 0 when every case passes, 1 when one fails

examples:
  mofan-rules validate
  mofan-rules score examples/typical-year.yaml
  mofan-rules explain examples/bad-year.yaml --item 12
  mofan-rules batch examples --out ranking.csv
"""


def default_lang() -> str:
    """``zh`` when the locale is Chinese, else ``en``."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    current = locale.getlocale()[0] or ""
    return "zh" if current.lower().startswith("zh") else "en"


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang", choices=("en", "zh"), default=None, help="language of messages (default: locale)"
    )
    common.add_argument("--debug", action="store_true", help="show a traceback on errors")

    def sub_parser(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            parents=[common],
            epilog=_EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    parser = argparse.ArgumentParser(
        prog="mofan-rules",
        description="Score model-organ assessment ledgers (模范机关创建考评) against a rulebook.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub_parser("validate", "check a rulebook (default: the shipped one)")
    p.add_argument("rulebook", metavar="RULEBOOK", nargs="?")

    p = sub_parser("score", "score one or more ledgers (.yaml, .json, .csv, .xlsx)")
    p.add_argument("facts", metavar="FACTS", nargs="+")
    p.add_argument("--rulebook", "-r", metavar="R", help="rulebook file (default: the shipped one)")
    p.add_argument(
        "--format", "-f", choices=("table", "json", "md", "csv", "html"), default="table"
    )
    p.add_argument(
        "--width", type=int, default=None, help="table width in columns (default: the terminal's)"
    )

    p = sub_parser("explain", "explain every point of a ledger's score in words")
    p.add_argument("facts", metavar="FACTS")
    p.add_argument("--rulebook", "-r", metavar="R")
    p.add_argument("--item", type=int, metavar="N", help="only item N")

    p = sub_parser("render", "print a rulebook back as the task breakdown table, for proofreading")
    p.add_argument("rulebook", metavar="RULEBOOK", nargs="?")
    p.add_argument("--format", "-f", choices=("md", "html"), default="md")

    p = sub_parser("batch", "score many ledgers, rank the units and write one table")
    p.add_argument("inputs", metavar="DIR|FILES", nargs="+")
    p.add_argument("--out", "-o", required=True, metavar="FILE", help="FILE.csv or FILE.xlsx")
    p.add_argument("--rulebook", "-r", metavar="R")

    p = sub_parser("schema", "print the JSON Schema of a rulebook, a ledger or a cases file")
    p.add_argument("name", choices=("rulebook", "facts", "cases"))

    p = sub_parser("diff", "the change in meaning between two rulebooks (exit 1 when they differ)")
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    p.add_argument("--format", "-f", choices=("text", "md", "json"), default="text")
    p.add_argument(
        "--ledgers", metavar="DIR", help="also score these ledgers under both and show the impact"
    )

    p = sub_parser("test", "run the cases that travel with a rulebook (RULEBOOK.cases.yaml)")
    p.add_argument("rulebook", metavar="RULEBOOK", nargs="?")

    p = sub_parser("template", "write an empty ledger sheet to fill in by hand")
    p.add_argument("--format", "-f", choices=("xlsx", "csv"), default="xlsx")
    p.add_argument("--out", "-o", metavar="FILE", help="default: ledger-template.xlsx / .csv")
    p.add_argument("--rulebook", "-r", metavar="R")
    return parser


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _say(args: argparse.Namespace, where: str, code: str, **params: Any) -> None:
    """One located line on stderr from the message catalogue, in the chosen language."""
    from .errors import Problem
    from .messages import say

    _err(Problem.from_msg(say(code, **params), where).text(args.lang))


def _width(args: argparse.Namespace) -> int:
    if args.width:
        return int(args.width)
    import shutil

    return max(60, shutil.get_terminal_size((80, 24)).columns)


def _validate(args: argparse.Namespace) -> int:
    from .loader import load_rulebook_with_warnings

    rulebook, warnings = load_rulebook_with_warnings(args.rulebook)
    for warning in warnings:
        _err(warning.text(args.lang))
    items, rows = len(rulebook.items), len(rulebook.rows)
    if args.lang == "zh":
        print(
            f"通过：{rulebook.id} {rulebook.version}：{rows} 栏，{items} 项，{rulebook.total_points} 分"
        )
    else:
        print(
            f"ok: {rulebook.id} {rulebook.version}: {rows} rows, {items} items, {rulebook.total_points} points"
        )
    return EXIT_OK


class _Rulebooks:
    """The rulebook for each ledger: a file, or from a folder of editions by the ledger's period or pin."""

    def __init__(self, path: str | None) -> None:
        from .loader import load_rulebook, load_rulebooks

        self.folder = path is not None and Path(path).is_dir()
        self.loaded = load_rulebooks(path) if self.folder else []  # type: ignore[arg-type]
        self.single = None if self.folder else load_rulebook(path)
        self.path = path

    def for_ledger(self, ledger: str | Path) -> Rulebook:
        from .loader import peek_ledger, select_rulebook

        if self.single is not None:
            return self.single
        period, pin = peek_ledger(ledger)
        return select_rulebook(self.loaded, on=period, pin=pin, folder=str(self.path)).rulebook


def _score(args: argparse.Namespace) -> int:
    from .engine import evaluate
    from .loader import load_facts
    from .render import score_csv_rows, score_markdown, score_table

    rulebooks = _Rulebooks(args.rulebook)
    reports = []
    for f in args.facts:
        rulebook = rulebooks.for_ledger(f)
        reports.append(evaluate(rulebook, load_facts(f, rulebook)))
    if args.format == "json":
        if len(reports) == 1:
            print(reports[0].to_json())
        else:
            print("[\n" + ",\n".join(r.to_json() for r in reports) + "\n]")
    elif args.format == "md":
        print("\n".join(score_markdown(r, args.lang) for r in reports), end="")
    elif args.format == "csv":
        from .output import csv_bytes

        rows = [row for r in reports for row in score_csv_rows(r, args.lang)]
        sys.stdout.write(csv_bytes(rows).decode("utf-8-sig"))
    elif args.format == "html":
        from .htmlpage import score_html

        print("\n".join(score_html(r, args.lang) for r in reports), end="")
    else:
        print("\n\n".join(score_table(r, _width(args), args.lang) for r in reports))
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    from .engine import evaluate
    from .loader import load_facts
    from .render import explain_text

    rulebook = _Rulebooks(args.rulebook).for_ledger(args.facts)
    report = evaluate(rulebook, load_facts(args.facts, rulebook))
    if args.item is not None and args.item not in report.items:
        _say(args, "--item", "no_such_item", item=args.item, count=len(report.items))
        return EXIT_USAGE
    print(explain_text(report, rulebook, args.item, args.lang))
    return EXIT_OK


def _render(args: argparse.Namespace) -> int:
    from .loader import load_rulebook

    rulebook = load_rulebook(args.rulebook)
    if args.format == "html":
        from .htmlpage import rulebook_html

        print(rulebook_html(rulebook), end="")
    else:
        from .render import rulebook_markdown

        print(rulebook_markdown(rulebook), end="")
    return EXIT_OK


def _progress(done: int, total: int) -> None:
    if not sys.stderr.isatty():
        return
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _batch(args: argparse.Namespace) -> int:
    from .batch import ledger_files, ranking_rows, score_files
    from .loader import load_rulebook
    from .output import csv_bytes, write_atomic, xlsx_bytes

    out = Path(args.out)
    if out.suffix.lower() not in (".csv", ".xlsx"):
        _say(args, str(out), "out_suffix")
        return EXIT_USAGE
    rulebook = load_rulebook(args.rulebook)
    files = ledger_files(args.inputs)
    if not files:
        _say(args, " ".join(args.inputs), "no_ledgers_found")
        return EXIT_INPUT
    entries = score_files(rulebook, files, _progress)
    rows = ranking_rows(rulebook, entries, args.lang)
    try:
        data = xlsx_bytes({"ranking": rows}) if out.suffix.lower() == ".xlsx" else csv_bytes(rows)
        write_atomic(out, data)
    except (OSError, RuntimeError) as exc:
        _say(args, str(out), "cannot_write", reason=exc)
        return EXIT_OUTPUT
    broken = [e for e in entries if e.error]
    scored = len(entries) - len(broken)
    print(f"{out}: {scored} of {len(entries)} ledgers scored and ranked")
    if broken:
        _say(args, str(out), "ledgers_not_scored", count=len(broken))
        for entry in broken:
            for problem in entry.error.problems:  # type: ignore[union-attr]
                _err("  " + problem.text(args.lang))
        return EXIT_INPUT
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from .schema import schema_file

    print(schema_file(args.name).read_text(encoding="utf-8"), end="")
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from .diff import diff_json, diff_rulebooks, diff_text
    from .loader import read_rulebook

    old, new = read_rulebook(args.old), read_rulebook(args.new)
    diff = diff_rulebooks(old.rulebook, new.rulebook, old_doc=old.document, new_doc=new.document)
    if args.format == "json":
        print(diff_json(diff), end="")
    else:
        print(diff_text(diff, markdown=args.format == "md"), end="")
    if args.ledgers:
        from .batch import ledger_files
        from .impact import impact, impact_text

        rows, unreadable = impact(old.rulebook, new.rulebook, ledger_files([args.ledgers]))
        print()
        print(impact_text(rows, unreadable), end="")
    return EXIT_OK if diff.same else EXIT_INPUT


def _test(args: argparse.Namespace) -> int:
    from .cases import check_case
    from .data import default_rulebook_path
    from .engine import evaluate
    from .errors import FactsError
    from .loader import cases_path, load_cases, load_rulebook

    path = Path(args.rulebook) if args.rulebook else default_rulebook_path()
    rulebook = load_rulebook(path)
    cases = cases_path(path)
    if not cases.exists():
        _say(args, str(cases), "no_cases_file")
        return EXIT_INPUT
    failed = 0
    loaded = load_cases(cases, rulebook)
    for item in loaded:
        ledger = item.ledger
        report = ledger if isinstance(ledger, FactsError) else evaluate(rulebook, ledger)
        result = check_case(item.case, report)
        if not result.passed:
            failed += 1
            print(result.message())
    print(f"{cases}: {len(loaded) - failed} of {len(loaded)} cases pass")
    return EXIT_OK if not failed else EXIT_INPUT


def _template(args: argparse.Namespace) -> int:
    from .loader import load_rulebook
    from .output import csv_bytes, write_atomic, xlsx_bytes
    from .sheets import template_rows

    sheets = template_rows(load_rulebook(args.rulebook))
    out = Path(args.out or f"ledger-template.{args.format}")
    try:
        data = xlsx_bytes(sheets) if args.format == "xlsx" else csv_bytes(sheets["records"])
        write_atomic(out, data)
    except (OSError, RuntimeError) as exc:
        _say(args, str(out), "cannot_write", reason=exc)
        return EXIT_OUTPUT
    print(f"wrote {out}")
    return EXIT_OK


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": _validate,
    "score": _score,
    "explain": _explain,
    "render": _render,
    "batch": _batch,
    "schema": _schema,
    "template": _template,
    "diff": _diff,
    "test": _test,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit code."""
    from .errors import MofanRulesError

    args = _parser().parse_args(argv)
    args.lang = args.lang or default_lang()
    try:
        return _HANDLERS[args.command](args)
    except MofanRulesError as exc:
        if args.debug:
            raise
        for problem in exc.problems:
            _err(problem.text(args.lang))
        return EXIT_INPUT
    except BrokenPipeError:  # e.g. piped into `head`
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
