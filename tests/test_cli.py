"""The mofan-rules command end to end: good input, bad input, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from mofan_rules import Rulebook, evaluate, load_facts
from mofan_rules.cli import main
from mofan_rules.render import display_width

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "typical-year.yaml"


def test_score_table(capsys: pytest.CaptureFixture[str], rulebook: Rulebook) -> None:
    assert main(["score", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    total = evaluate(rulebook, load_facts(EXAMPLE, rulebook)).total
    assert f"total (总分): {total} / 102" in out
    assert "带头联系服务群众" in out
    assert max(display_width(line) for line in out.splitlines()) <= 80


@pytest.mark.parametrize("width", [80, 120])
def test_table_columns_line_up_with_chinese_text(
    capsys: pytest.CaptureFixture[str], width: int
) -> None:
    main(["score", str(EXAMPLE), "--width", str(width)])
    lines = capsys.readouterr().out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("row"))
    body = [
        line for line in lines[header + 2 :] if line and not line.startswith(("bonus", "total"))
    ]
    # The score column ends at the same terminal column on every row line.
    ends = {display_width(line) for line in body if line.split()[0].isdigit()}
    assert len(ends) == 1


def test_score_json_matches_the_library(
    capsys: pytest.CaptureFixture[str], rulebook: Rulebook
) -> None:
    assert main(["score", str(EXAMPLE), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert Decimal(data["total"]) == evaluate(rulebook, load_facts(EXAMPLE, rulebook)).total
    assert data["rulebook"]["id"] == rulebook.id


def test_validate_default_and_explicit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    assert main(["validate", str(ROOT / "rulebooks" / "shifulian-2026.yaml")]) == 0
    assert "21 items" in capsys.readouterr().out


def test_validate_bad_rulebook_prints_located_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (ROOT / "rulebooks" / "shifulian-2026.yaml").read_text("utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        text.replace("total_points: 100", "total_points: 99").replace("cap: 8\n", "cap: 9\n", 1),
        "utf-8",
    )
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert any(
        ":14:15: /total_points: the rows' points add up to 100, not 99" in line for line in err
    )
    assert any("is above the row's 8 points" in line for line in err)
    assert "Traceback" not in "\n".join(err)


def test_bad_ledger_exit_code_and_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = tmp_path / "l.yaml"
    ledger.write_text("records:\n  - {item: 1, situation: critcism, tier: city}\n", "utf-8")
    assert main(["score", str(ledger)]) == 1
    err = capsys.readouterr().err
    assert ":2:" in err
    assert "did you mean 'criticism'" in err


def test_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "no-such-ledger.yaml"]) == 1
    assert "no such file" in capsys.readouterr().err


def test_usage_error_exits_2() -> None:
    with pytest.raises(SystemExit) as info:
        main(["score"])
    assert info.value.code == 2


def test_help_lists_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "exit codes" in capsys.readouterr().out


def test_installed_console_script_runs() -> None:
    # The console script installed by pyproject, in a separate process.
    exe = Path(sys.executable).with_name("mofan-rules")
    if not exe.exists():
        pytest.skip("package not installed with its console script")
    env = {**os.environ, "PYTHONPATH": ""}
    done = subprocess.run([str(exe), "score", str(EXAMPLE), "--format", "json"], capture_output=True, text=True,
                          env=env, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["rulebook"]["version"] == "2026.1"
