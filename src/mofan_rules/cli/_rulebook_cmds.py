"""Commands about rulebooks: validate, render, schema, migrate, diff, test."""

from __future__ import annotations

import argparse
from pathlib import Path

from mofan_rules.cli._app import App
from mofan_rules.cli._common import (
    EXIT_INPUT,
    EXIT_OK,
    EXIT_OUTPUT,
    OutputError,
    err,
    out,
    tell,
    text,
    write_output,
)


def register(app: App) -> None:
    """Add the rulebook commands to the command line."""
    p = app.command("validate", "help_validate", validate)
    p.add_argument("rulebook", metavar="RULEBOOK", nargs="?")

    p = app.command("render", "help_render", render)
    p.add_argument("rulebook", metavar="RULEBOOK", nargs="?")
    p.add_argument("--format", "-f", choices=("md", "html"), default="md")

    p = app.command("schema", "help_schema", schema)
    p.add_argument("name", choices=("rulebook", "overlay", "ledger", "facts", "cases"))

    p = app.command("migrate", "help_migrate", migrate)
    p.add_argument("rulebook", metavar="RULEBOOK")
    p.add_argument("--out", "-o", metavar="FILE", required=True)

    p = app.command("diff", "help_diff", diff)
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    p.add_argument("--format", "-f", choices=("text", "md", "json"), default="text")
    p.add_argument("--ledgers", metavar="DIR", help=app.words("help_diff_ledgers"))

    p = app.command("test", "help_test", test)
    p.add_argument("rulebook", metavar="RULEBOOK", nargs="?")


def validate(args: argparse.Namespace) -> int:
    """Check a rulebook; print its warnings and a one-line summary."""
    from mofan_rules.rulebook import load_rulebook_with_warnings

    rulebook, warnings = load_rulebook_with_warnings(args.rulebook)
    for warning in warnings:
        err(warning.text(args.lang))
    out(
        text(
            args,
            "validate_ok",
            id=rulebook.id,
            version=rulebook.version,
            rows=len(rulebook.rows),
            items=len(rulebook.items),
            points=rulebook.total_points,
            warnings=len(warnings),
        )
    )
    return EXIT_OK


def render(args: argparse.Namespace) -> int:
    """Print a rulebook back as the table, for proofreading against paper."""
    from mofan_rules._shipped import default_rulebook_path
    from mofan_rules.reports import rulebook_html, rulebook_markdown
    from mofan_rules.rulebook import read_rulebook

    loaded = read_rulebook(args.rulebook or default_rulebook_path())
    if args.format == "html":
        out(rulebook_html(loaded.rulebook, args.lang), end="")
    else:
        out(rulebook_markdown(loaded.rulebook, args.lang), end="")
    return EXIT_OK


def schema(args: argparse.Namespace) -> int:
    """Print a shipped JSON Schema."""
    from mofan_rules._shipped import schema_path

    name = "ledger" if args.name == "facts" else args.name
    out(schema_path(name).read_text(encoding="utf-8"), end="")
    return EXIT_OK


def migrate(args: argparse.Namespace) -> int:
    """Convert a format-1 rulebook to format 2, checking that the result means the same."""
    from mofan_rules.errors import RulebookError
    from mofan_rules.rulebook import content_hash, parse_rulebook
    from mofan_rules.rulebook._emit import leading_comments, rulebook_header, yaml_text
    from mofan_rules.rulebook._migrate import is_v1, migrate_data
    from mofan_rules.source import display, parse_document, read_bytes

    source = Path(args.rulebook)
    raw = read_bytes(source, RulebookError)
    doc = parse_document(raw, display(source), error=RulebookError)
    if not is_v1(doc.data):
        tell(args, display(source), "migrate_not_v1")
        return EXIT_INPUT
    old, _ = parse_rulebook(raw, display(source), folder=source.parent)
    # The old file's own opening comments travel; comments further in cannot
    # (the file is written afresh from its data), and the command says so.
    kept, left = leading_comments(raw.decode("utf-8-sig", "replace"))
    header = rulebook_header() + ("\n#\n" + kept if kept else "")
    new_text = yaml_text(migrate_data(doc.data), header=header)
    new, _ = parse_rulebook(new_text, str(args.out), folder=source.parent)
    if content_hash(new) != content_hash(old):  # pragma: no cover - the migration keeps meaning
        tell(args, str(args.out), "migrate_changed_meaning")
        return EXIT_INPUT
    try:
        write_output(Path(args.out), new_text.encode("utf-8"), [source])
    except OutputError as exc:
        tell(args, str(args.out), exc.code, **exc.params)
        return EXIT_OUTPUT
    out(text(args, "migrate_done", file=str(args.out)))
    if left:
        tell(args, display(source), "migrate_comments_left", count=left)
    return EXIT_OK


def diff(args: argparse.Namespace) -> int:
    """The change in meaning between two rulebooks; exit 1 when they differ."""
    from mofan_rules.reports import diff_json, diff_text, impact_text
    from mofan_rules.rulebook import diff_rulebooks, read_rulebook

    old, new = read_rulebook(args.old), read_rulebook(args.new)
    changes = diff_rulebooks(old, new)
    found = None
    if args.ledgers:
        from mofan_rules.scoring import impact, ledger_files

        found = impact(old.rulebook, new.rulebook, ledger_files([args.ledgers]))
    if args.format == "json":
        # One JSON document, the impact inside it: a program reads it whole.
        out(diff_json(changes, found), end="")
        return EXIT_OK if changes.same else EXIT_INPUT
    markdown = args.format == "md"
    out(diff_text(changes, args.lang, markdown=markdown), end="")
    if found is not None:
        out()
        out(impact_text(*found, args.lang, markdown=markdown), end="")
    return EXIT_OK if changes.same else EXIT_INPUT


def test(args: argparse.Namespace) -> int:
    """Run the cases that travel with a rulebook; exit 1 when one fails."""
    from mofan_rules._shipped import default_rulebook_path
    from mofan_rules.rulebook import load_rulebook
    from mofan_rules.scoring import cases_path, load_cases, run_case

    path = Path(args.rulebook) if args.rulebook else default_rulebook_path()
    rulebook = load_rulebook(path)
    cases = cases_path(path)
    if not cases.is_file():
        tell(args, str(cases), "no_cases_file")
        return EXIT_INPUT
    loaded = load_cases(cases, rulebook)
    failed = 0
    for case in loaded:
        result = run_case(rulebook, case)
        if not result.passed:
            failed += 1
            out(result.message(args.lang))
    from mofan_rules.source import display

    shown = display(cases)  # as every path is shown: relative to the working folder when in it
    out(text(args, "cases_summary", file=shown, passed=len(loaded) - failed, total=len(loaded)))
    return EXIT_OK if not failed else EXIT_INPUT


__all__ = ["register"]
