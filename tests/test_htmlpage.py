"""The HTML report in a real headless browser (Debian's chromium): it renders and shows the total."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from mofan_rules import Rulebook, evaluate, load_facts
from mofan_rules.reports import rulebook_html, score_html

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture
def chromium() -> str:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install chromium (see .ci/run)")
        pytest.skip("chromium is not installed")
    return CHROMIUM


def _run(chromium: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_score_page_renders_and_shows_the_total(
    chromium: str, tmp_path: Path, rulebook: Rulebook, lang: str
) -> None:
    report = evaluate(rulebook, load_facts(ROOT / "examples" / "bad-year.yaml", rulebook))
    page = tmp_path / "report.html"
    page.write_text(score_html([report], lang), "utf-8")
    dom = _run(chromium, tmp_path, "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr
    total_line = next(line for line in dom.stdout.splitlines() if 'id="total"' in line)
    # why: full marks 100 + the bonus's cap 2 (added to the total) = 102
    assert f"{report.total} / 102" in total_line
    shot = tmp_path / "report.png"
    done = _run(chromium, tmp_path, f"--screenshot={shot}", "--window-size=794,1123", page.as_uri())
    assert done.returncode == 0, done.stderr
    assert _png_size(shot) == (794, 1123)  # one A4 page at 96 dpi
    assert shot.stat().st_size > 20_000  # a page with content, not a blank one


def test_rulebook_page_renders(chromium: str, tmp_path: Path, rulebook: Rulebook) -> None:
    page = tmp_path / "rulebook.html"
    page.write_text(rulebook_html(rulebook), "utf-8")
    dom = _run(chromium, tmp_path, "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr
    assert dom.stdout.count("<tr>") == 1 + len(rulebook.rows)
    assert "本会责任部室" in dom.stdout


def test_pages_are_self_contained(rulebook: Rulebook) -> None:
    report = evaluate(rulebook, load_facts(ROOT / "examples" / "typical-year.yaml", rulebook))
    for page in (score_html([report]), rulebook_html(rulebook)):
        assert "<script" not in page
        assert "src=" not in page
        assert "@import" not in page
        assert "url(" not in page


def test_ledger_text_is_escaped(rulebook: Rulebook) -> None:
    ledger = load_facts({"unit": "<script>alert(1)</script>", "records": [
        {"item": 1, "situation": "criticism", "tier": "city", "note": "<b>&</b>"}]}, rulebook)  # fmt: skip
    page = score_html([evaluate(rulebook, ledger)])
    assert "<script>" not in page
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in page
