"""Commands about next year's table as a document: compare, draft."""

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
    """Add the document commands to the command line (compare, draft)."""
    p = app.command("compare", "help_compare", compare)
    p.add_argument("rulebook", metavar="RULEBOOK")
    p.add_argument("document", metavar="DOCUMENT")
    p.add_argument("--format", "-f", choices=("text", "md", "json"), default="text")

    p = app.command("draft", "help_draft", draft)
    p.add_argument("document", metavar="DOCUMENT")
    p.add_argument("--from", dest="base", metavar="RULEBOOK", help=app.words("help_draft_from"))
    p.add_argument("--out", "-o", metavar="FILE", required=True, help=app.words("help_draft_out"))


def compare(args: argparse.Namespace) -> int:
    """What the document changes against the rulebook; exit 1 when anything differs."""
    from mofan_rules.drafting import (
        compare as compare_table,
    )
    from mofan_rules.drafting import (
        comparison_json,
        comparison_markdown,
        comparison_text,
        read_document,
    )
    from mofan_rules.rulebook import read_rulebook

    loaded = read_rulebook(args.rulebook)
    result = compare_table(loaded, read_document(args.document))
    if args.format == "json":
        out(comparison_json(result), end="")
    elif args.format == "md":
        out(comparison_markdown(result, args.lang), end="")
    else:
        out(comparison_text(result, args.lang), end="")
    return EXIT_OK if result.same else EXIT_INPUT


def draft(args: argparse.Namespace) -> int:
    """Write a rulebook drafted from the document (from last year's with --from)."""
    from mofan_rules.drafting import draft_rulebook, read_document
    from mofan_rules.rulebook import read_rulebook

    table = read_document(args.document)
    base = read_rulebook(args.base) if args.base else None
    base_text = _text_of(args.base) if args.base else None
    result = draft_rulebook(table, base=base, base_text=base_text, lang=args.lang)
    target = Path(args.out)
    inputs = [Path(args.document), *([Path(args.base)] if args.base else [])]
    try:
        write_output(target, result.text.encode("utf-8"), inputs)
    except OutputError as exc:
        tell(args, str(target), exc.code, **exc.params)
        return EXIT_OUTPUT
    rows = sum(len(ind["rows"]) for ind in result.data["indicators"])
    items = sum(len(row["items"]) for ind in result.data["indicators"] for row in ind["rows"])
    out(
        text(
            args, "draft_written", file=str(target), items=items, rows=rows, todos=len(result.todos)
        )
    )
    for todo in result.todos:
        err(text(args, "draft_todo_line", pointer=todo.pointer, source=todo.source))
    if base is not None and not result.kept_layout:
        out(text(args, "draft_rewritten", file=base.document.file))
    if base is not None and not result.todos:
        _same_meaning(args, result.text, target, base)
    return EXIT_OK


def _text_of(path: str) -> str | None:
    """A rulebook file's text (already read once, so readable), or ``None`` if not UTF-8."""
    from mofan_rules.errors import RulebookError
    from mofan_rules.source import read_bytes

    try:
        return read_bytes(path, RulebookError).decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _same_meaning(args: argparse.Namespace, drafted: str, target: Path, base: object) -> None:
    from mofan_rules.rulebook import LoadedRulebook, content_hash, parse_rulebook

    assert isinstance(base, LoadedRulebook)
    new, _warnings = parse_rulebook(drafted, str(target), folder=target.parent)
    code = (
        "draft_same_meaning"
        if content_hash(new) == content_hash(base.rulebook)
        else "draft_differs"
    )
    out(text(args, code, file=base.document.file))


__all__ = ["register"]
