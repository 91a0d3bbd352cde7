"""Regenerate the docs that are written from the code and the shipped rulebook.

    python scripts/generate_docs.py

- docs/interpretations.md from the rulebook's `interpretations:`;
- every output block of docs/cli.md: a line `<!-- run: mofan-rules ARGS -->` is
  followed by a fenced block holding what that command prints (stdout, then
  stderr), run from the repository root.

tests/test_docs.py fails while either is stale.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import sys
from pathlib import Path

from mofan_rules import load_rulebook
from mofan_rules.cli import main
from mofan_rules.render import interpretations_markdown

ROOT = Path(__file__).resolve().parent.parent
RUN = re.compile(r"<!-- run: mofan-rules (?P<args>.*?) -->\n```[a-z]*\n.*?```\n", re.S)


def run(args: str) -> str:
    """What `mofan-rules ARGS` prints, run from the repository root."""
    out, err = io.StringIO(), io.StringIO()
    cwd = Path.cwd()
    os.chdir(ROOT)
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


def fill_cli_doc(text: str) -> str:
    """docs/cli.md with every run block replaced by the command's real output."""

    def block(match: re.Match[str]) -> str:
        args = match["args"]
        return f"<!-- run: mofan-rules {args} -->\n```text\n{run(args)}```\n"

    return RUN.sub(block, text)


def main_() -> None:
    (ROOT / "docs" / "interpretations.md").write_text(
        interpretations_markdown(load_rulebook()), "utf-8"
    )
    cli = ROOT / "docs" / "cli.md"
    cli.write_text(fill_cli_doc(cli.read_text("utf-8")), "utf-8")
    print("wrote docs/interpretations.md, docs/cli.md", file=sys.stderr)


if __name__ == "__main__":
    main_()
