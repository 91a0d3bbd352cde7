"""The ``mofan-rules`` command: a thin layer over the library for office staff.

It parses arguments, calls the library and prints; no scoring happens here.
Bad input prints one located line per problem on stderr, never a traceback
(``--debug`` shows one).

Exit codes: 0 success; 1 the input has problems (rulebook or ledger);
2 the command line itself is wrong.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2

_EPILOG = """exit codes:
  0  success
  1  the rulebook or a ledger has problems (each printed as file:line:col: path: message)
  2  the command line is wrong
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mofan-rules",
        description="Score model-organ assessment ledgers (模范机关创建考评) against a rulebook.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--debug", action="store_true", help="show a traceback on errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "score",
        help="score a ledger",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("facts", metavar="FACTS", help="ledger file (.yaml or .json)")
    p.add_argument("--rulebook", "-r", metavar="R", help="rulebook file (default: the shipped one)")
    p.add_argument(
        "--format", "-f", choices=("table", "json"), default="table", help="output format"
    )
    p.add_argument("--width", type=int, default=80, help="table width in columns (default 80)")

    p = sub.add_parser(
        "validate",
        help="check a rulebook",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "rulebook", metavar="RULEBOOK", nargs="?", help="rulebook file (default: the shipped one)"
    )
    return parser


def _score(args: argparse.Namespace) -> int:
    from .engine import evaluate
    from .loader import load_facts, load_rulebook

    rulebook = load_rulebook(args.rulebook)
    report = evaluate(rulebook, load_facts(args.facts, rulebook))
    if args.format == "json":
        print(report.to_json())
    else:
        from .render import score_table

        print(score_table(report, max_width=args.width))
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from .loader import load_rulebook_with_warnings

    rulebook, warnings = load_rulebook_with_warnings(args.rulebook)
    for warning in warnings:
        print(warning, file=sys.stderr)
    items = len(rulebook.items)
    print(
        f"ok: {rulebook.id} {rulebook.version}: {len(rulebook.rows)} rows, {items} items, {rulebook.total_points} points"
    )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit code."""
    from .errors import MofanRulesError

    args = _parser().parse_args(argv)
    handlers = {"score": _score, "validate": _validate}
    try:
        return handlers[args.command](args)
    except MofanRulesError as exc:
        if args.debug:
            raise
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_INPUT


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
