"""The warnings of ``mofan-rules validate``, one small rulebook per slip.

Each file under ``cases/warnings`` is a valid format-2 rulebook that makes one
slip (or none: ``clean.yaml``). Its leading comment block declares every
warning validating it must give, in the order given, and nothing else::

    # warn: line=18 col=42 code=amount_above_cap at=/tier_sets/criticism/0/amount
    #   en: "3 is more than the 每种情形最多扣2分（省级） of 2 over it in item 1"
    #   zh: "第 1 项中 3 超过了其上的每种情形最多扣2分（省级） 2"

``line``/``col`` are where the warning is printed (``file:line:col``), ``code``
the catalogue code, ``at`` the JSON pointer of the value, and ``en``/``zh``
fragments of the printed line in each language. ``# warn: none`` declares a
file that must validate with no warning at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from mofan_rules.cli import main
from mofan_rules.errors import Problem, Severity
from mofan_rules.rulebook import load_rulebook_with_warnings, parse_rulebook

WARNINGS_DIR = Path(__file__).resolve().parent / "cases" / "warnings"
FILES = sorted(WARNINGS_DIR.glob("*.yaml"))

_WARN = re.compile(
    r"# warn: line=(?P<line>\d+) col=(?P<col>\d+) code=(?P<code>[a-z0-9_]+) at=(?P<at>/\S*)\s*\Z"
)
_WORDS = re.compile(r'#   (?P<lang>en|zh): "(?P<fragment>.*)"\s*\Z')
# A printed warning: "<file>:<line>:<col>: warning: <pointer>: <message>".
_PRINTED = re.compile(r"(?P<file>.+?\.yaml):(?P<rest>\d.*)\Z")
# The item-9 slips of issue #10; each must have at least one file.
ITEM_9 = {"amount_above_cap", "number_not_in_source", "interpretation_values_changed"}


@dataclass
class Expected:
    """One warning a file declares."""

    line: int
    column: int
    code: str
    pointer: str
    words: dict[str, str]

    @property
    def place(self) -> tuple[int, int, str, str]:
        return (self.line, self.column, self.code, self.pointer)


def read_header(path: Path) -> list[Expected] | None:
    """The warnings a file's leading comment block declares; None if it declares nothing."""
    declared: list[Expected] | None = None
    for raw in path.read_text("utf-8").splitlines():
        if not raw.startswith("#"):
            break
        if raw.strip() == "# warn: none":
            assert declared is None, f"{path.name}: 'warn: none' with other warnings"
            declared = []
        elif raw.startswith("# warn:"):
            m = _WARN.match(raw)
            assert m, f"{path.name}: malformed warn line {raw!r}"
            declared = declared or []
            declared.append(Expected(int(m["line"]), int(m["col"]), m["code"], m["at"], {}))
        elif raw.startswith(("#   en:", "#   zh:")):
            m = _WORDS.match(raw)
            assert m, f"{path.name}: malformed words line {raw!r}"
            assert declared, f"{path.name}: words before any warn line"
            declared[-1].words[m["lang"]] = m["fragment"]
    if declared is not None:
        for want in declared:
            assert set(want.words) == {"en", "zh"}, f"{path.name}: {want.code} needs en and zh"
    return declared


def _declared(path: Path) -> list[Expected]:
    declared = read_header(path)
    assert declared is not None, f"{path.name} declares no '# warn:' line (or '# warn: none')"
    return declared


def _places(found: list[Problem]) -> list[tuple[int, int, str, str]]:
    return [(w.line, w.column, w.code, w.pointer) for w in found]


def test_every_slip_of_item_9_has_a_file_and_there_is_a_clean_control() -> None:
    declared = {path.name: _declared(path) for path in FILES}
    codes = {want.code for wants in declared.values() for want in wants}
    assert codes >= ITEM_9, f"no file for {sorted(ITEM_9 - codes)}"
    assert any(not wants for wants in declared.values()), "no clean control ('# warn: none')"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_validate_warns_exactly_what_the_file_declares(path: Path) -> None:
    declared = _declared(path)
    _, found = load_rulebook_with_warnings(path)
    shown = "\n".join(w.text("en") for w in found) or "(no warning)"
    assert _places(found) == [want.place for want in declared], shown
    for warning, want in zip(found, declared, strict=True):
        assert warning.severity is Severity.WARNING, warning
        # The file as the reader would type it (relative to the working directory).
        assert Path(warning.file).resolve() == path.resolve()
        for lang, fragment in want.words.items():
            assert fragment in warning.text(lang), (
                f"{lang}: {fragment!r} not in {warning.text(lang)!r}"
            )


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_the_command_prints_each_warning_at_its_place(
    capsys: pytest.CaptureFixture[str], path: Path, lang: str
) -> None:
    declared = _declared(path)
    # A warning never fails validation: exit 0 and the one-line summary, with the count.
    assert main(["validate", str(path), "--lang", lang]) == 0
    captured = capsys.readouterr()
    count = len(declared)
    assert (f"warnings: {count})" if lang == "en" else f"{count} 条警告") in captured.out
    lines = captured.err.splitlines()
    assert len(lines) == count, captured.err
    label = "warning" if lang == "en" else "警告"
    for line, want in zip(lines, declared, strict=True):
        printed = _PRINTED.match(line)
        assert printed, line
        assert Path(printed["file"]).resolve() == path.resolve()
        assert printed["rest"].startswith(f"{want.line}:{want.column}: {label}: {want.pointer}: ")
        assert want.words[lang] in printed["rest"]


def test_answering_a_stale_checksum_silences_it() -> None:
    # The two ways out of interpretation_values_changed both leave no warning:
    # review the reading and set the checksum the hint gives, or put back the
    # values that were reviewed (the range up to 2, as the header says).
    path = WARNINGS_DIR / "interpretation_values_changed.yaml"
    text = path.read_text("utf-8")
    _, found = load_rulebook_with_warnings(path)
    (stale,) = found
    new = re.search(r'set checksum: "([0-9a-f]{8})"', stale.hint)
    assert new, stale.hint
    old = 'checksum: "c4fa7284"'
    assert text.count(old) == 1
    reviewed = text.replace(old, f'checksum: "{new[1]}"')
    assert parse_rulebook(reviewed, str(path), folder=path.parent)[1] == []
    restored = text.replace("range: {min: 0.5, max: 3}", "range: {min: 0.5, max: 2}")
    assert restored != text
    assert parse_rulebook(restored, str(path), folder=path.parent)[1] == []
