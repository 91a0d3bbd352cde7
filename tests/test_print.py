"""The report a leader is handed: printed to PDF in headless Chromium, on A4.

The typical year, grouped by office, fits on at most two pages, and no two
words of the printed page overlap (word boxes from poppler's ``pdftotext``).
CI installs Chromium, poppler-utils and a CJK font (.ci/run).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mofan_rules.cli import main

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None or PDFTOTEXT is None, reason="needs chromium and poppler-utils"
    ),
]
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def _print(html: Path, pdf: Path, profile: Path) -> None:
    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def _pages(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    out = subprocess.run(
        [str(PDFTOTEXT), "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = out.split("<page ")[1:]
    return [
        [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in _WORD.findall(page)]
        for page in pages
    ]


def _overlaps(words: list[tuple[float, float, float, float, str]]) -> list[tuple[str, str]]:
    found = []
    for i, (x0, y0, x1, y1, w) in enumerate(words):
        for u0, v0, u1, v1, other in words[i + 1 :]:
            # A sliver of shared edge is rounding; a real overlap shares area.
            if min(x1, u1) - max(x0, u0) > 1.0 and min(y1, v1) - max(y0, v0) > 1.0:
                found.append((w, other))
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_typical_year_prints_on_two_pages_without_overlap(tmp_path: Path, lang: str) -> None:
    html = tmp_path / "report.html"
    assert (
        main(
            [
                "score",
                str(ROOT / "examples" / "typical-year.yaml"),
                "--format",
                "html",
                "--by",
                "office",
                "--lang",
                lang,
                "--out",
                str(html),
            ]
        )
        == 0
    )
    pdf = tmp_path / "report.pdf"
    _print(html, pdf, tmp_path / "profile")
    pages = _pages(pdf)
    assert 1 <= len(pages) <= 2
    text = " ".join(w for page in pages for *_, w in page)
    # why: typical-year.yaml's total, 100 − 7.15 + 0.5 (worked out in tests/test_impact.py, TYPICAL)
    assert "93.35" in text  # the total is printed
    for page in pages:
        assert _overlaps(page) == []


def test_several_units_start_on_a_new_page_each(tmp_path: Path) -> None:
    html = tmp_path / "all.html"
    examples = [str(ROOT / "examples" / f"{n}-year.yaml") for n in ("clean", "typical")]
    assert main(["score", *examples, "--format", "html", "--lang", "zh", "--out", str(html)]) == 0
    pdf = tmp_path / "all.pdf"
    _print(html, pdf, tmp_path / "profile")
    pages = _pages(pdf)
    firsts = [" ".join(w for *_, w in page[:3]) for page in pages]
    assert sum("市妇联" in f for f in firsts) == 2  # each unit's section opens a page
