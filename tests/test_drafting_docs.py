"""docs/word-documents.md shows the real output of every command it runs.

Each ```sh block holding one ``mofan-rules`` command is run, in order, in a
scratch folder holding a copy of the shipped rulebook and the 2026 and 2027
documents (built by ``tests/cases/documents/tables.py``); the ```text block
after it must be what the command prints (standard output, then standard
error). When the shipped rulebook changes, regenerate the blocks with
``MOFAN_REGENERATE_DOCS=1 pytest tests/test_drafting_docs.py``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from cases.documents import tables
from mofan_rules.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "word-documents.md"
BLOCK = re.compile(r"```sh\n(mofan-rules [^\n]*)\n```\n\n```text\n(.*?)```\n", re.DOTALL)


def _run(command: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        main([*command.split()[1:], "--lang", "en"])
    return out.getvalue() + err.getvalue()


def test_the_page_shows_what_the_commands_print(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "rulebooks").mkdir()
    for name in ("shifulian-2026.yaml", "shifulian-2026.cases.yaml"):
        shutil.copy(ROOT / "rulebooks" / name, tmp_path / "rulebooks" / name)
    tables.main(str(tmp_path))
    monkeypatch.chdir(tmp_path)
    text = DOC.read_text(encoding="utf-8")
    blocks = list(BLOCK.finditer(text))
    assert len(blocks) >= 6
    shown = {m.group(1): m.group(2) for m in blocks}
    real = {m.group(1): _run(m.group(1)) for m in blocks}
    if os.environ.get("MOFAN_REGENERATE_DOCS"):
        new = BLOCK.sub(
            lambda m: f"```sh\n{m.group(1)}\n```\n\n```text\n{real[m.group(1)]}```\n", text
        )
        DOC.write_text(new, encoding="utf-8")
        shown = real
    for command, output in real.items():
        assert shown[command] == output, command
    # The JSON excerpt names a place the JSON output really gives.
    places = re.findall(r'"line": (\d+), "column": (\d+),\s*"pointer": "([^"]+)"', text)
    assert places
    data = json.loads(
        _run("mofan-rules compare rulebooks/shifulian-2026.yaml 2027.docx --format json")
    )
    given = {
        (str(p["line"]), str(p["column"]), p["pointer"])
        for e in data["entries"]
        for d in e["details"]
        for p in d["rulebook"]
    }
    assert set(places) <= given
