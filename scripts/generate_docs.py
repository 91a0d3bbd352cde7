"""Regenerate the docs that are written from the code and the shipped rulebook.

    python scripts/generate_docs.py

- docs/interpretations.md from the rulebook's `interpretations:`;
- every output block of docs/cli.md: a line `<!-- run: mofan-rules ARGS -->` is
  followed by a fenced block holding what that command prints (stdout, then
  stderr), run from the repository root;
- docs/editing-rules.md, a walkthrough performed for real in a scratch copy of
  rulebooks/ and examples/: its ```sh blocks (cp and mofan-rules lines) and
  ```diff edit blocks (`--- FILE`, then lines kept ` `, removed `-`, added `+`)
  run in order, and its run blocks get the output at that point.

tests/test_docs.py fails while either is stale.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mofan_rules import load_rulebook
from mofan_rules.cli import main
from mofan_rules.reports import interpretations_markdown

ROOT = Path(__file__).resolve().parent.parent
RUN = re.compile(r"<!-- run: mofan-rules (?P<args>.*?) -->\n```[a-z]*\n.*?```\n", re.S)


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


def fill_cli_doc(text: str) -> str:
    """docs/cli.md with every run block replaced by the command's real output."""

    def block(match: re.Match[str]) -> str:
        args = match["args"]
        return f"<!-- run: mofan-rules {args} -->\n```text\n{run(args)}```\n"

    return RUN.sub(block, text)


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


def main_() -> None:
    (ROOT / "docs" / "interpretations.md").write_text(
        interpretations_markdown(load_rulebook()), "utf-8"
    )
    cli = ROOT / "docs" / "cli.md"
    cli.write_text(fill_cli_doc(cli.read_text("utf-8")), "utf-8")
    editing = ROOT / "docs" / "editing-rules.md"
    with tempfile.TemporaryDirectory() as scratch:
        editing.write_text(walkthrough(editing.read_text("utf-8"), Path(scratch)), "utf-8")
    print("wrote docs/interpretations.md, docs/cli.md, docs/editing-rules.md", file=sys.stderr)


if __name__ == "__main__":
    main_()
