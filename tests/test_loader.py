"""The rulebook loader: the shipped rulebook, warnings, and where each mistake is reported.

The broken rulebooks under ``cases/broken_rulebooks`` are copies of
``cases/minimal_rulebook.yaml`` with one defect each (the ``multi_*`` files
with several). Each begins with a comment header::

    # expect: line=79 col=18 message="6 is above the row's 5 points"
    # count: 1

Every ``expect`` must match a reported problem: same line (and column, when
given) and the fragment somewhere in the problem as printed (message and
hint). ``count``, when given, is the exact number of problems reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from mofan_rules import RulebookError, load_rulebook
from mofan_rules._shipped import default_rulebook_path
from mofan_rules.errors import Problem, Severity
from mofan_rules.rulebook import content_hash, load_rulebook_with_warnings, parse_rulebook

CASES = Path(__file__).parent / "cases"
MINIMAL = CASES / "minimal_rulebook.yaml"
BROKEN_DIR = CASES / "broken_rulebooks"
BROKEN = sorted(BROKEN_DIR.glob("*.yaml"))

_EXPECT = re.compile(
    r'# expect: line=(?P<line>\d+)(?: col=(?P<col>\d+))? message="(?P<message>.*)"\s*\Z'
)
_COUNT = re.compile(r"# count: (?P<count>\d+)\s*\Z")
# The first line of a RulebookError: "<file>:<line>:<col>: <pointer>: <message>".
_LOCATED = re.compile(r"(?P<file>[^\n]+?):(?P<line>\d+):(?P<col>\d+): /")


@dataclass(frozen=True)
class Expect:
    line: int
    column: int | None
    fragment: str

    def matches(self, problem: Problem) -> bool:
        return (
            problem.line == self.line
            and (self.column is None or problem.column == self.column)
            and self.fragment in str(problem)
        )


def read_header(path: Path) -> tuple[list[Expect], int | None]:
    """The ``# expect:`` and ``# count:`` lines of a case's leading comment block."""
    expects: list[Expect] = []
    count = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.startswith("#"):
            break
        if raw.startswith("# expect:"):
            m = _EXPECT.match(raw)
            assert m, f"{path.name}: malformed expect line {raw!r}"
            col = int(m["col"]) if m["col"] else None
            expects.append(Expect(int(m["line"]), col, m["message"]))
        elif raw.startswith("# count:"):
            m = _COUNT.match(raw)
            assert m, f"{path.name}: malformed count line {raw!r}"
            count = int(m["count"])
    return expects, count


def minimal_text() -> str:
    return MINIMAL.read_text(encoding="utf-8")


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} should occur once in the template"
    return text.replace(old, new)


def line_of(text: str, needle: str) -> int:
    """1-based line of the only line containing ``needle``."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(hits) == 1, f"{needle!r} is on lines {hits}"
    return hits[0]


def load_error(path: Path) -> RulebookError:
    with pytest.raises(RulebookError) as info:
        load_rulebook(path)
    return info.value


# ------------------------------------------------------------ the template


def test_minimal_template_is_valid_and_quiet() -> None:
    # Every broken case is this file with one defect; it must itself be clean.
    rulebook, warnings = load_rulebook_with_warnings(MINIMAL)
    assert warnings == []
    assert [row.number for row in rulebook.rows] == [1, 2]
    assert [item.number for item in rulebook.items] == [1, 2, 3]
    assert rulebook.total_points == sum(row.points for row in rulebook.rows)


def test_broken_cases_cover_enough_failure_modes() -> None:
    assert len(BROKEN) >= 18
    for path in BROKEN:
        expects, _ = read_header(path)
        assert expects, f"{path.name} has no '# expect:' line"


# ------------------------------------------------------- data-driven cases


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_broken_rulebook_is_reported_where_it_is_broken(path: Path) -> None:
    expects, count = read_header(path)
    err = load_error(path)
    report = str(err)
    for expect in expects:
        assert any(expect.matches(p) for p in err.problems), (
            f"no problem at line {expect.line}"
            + (f", column {expect.column}" if expect.column else "")
            + f" containing {expect.fragment!r}; reported:\n{report}"
        )
    if count is not None:
        assert len(err.problems) == count, report
    # The report starts with the file as given, then :line:col:
    located = _LOCATED.match(report)
    assert located, report
    assert Path(located["file"]).resolve() == path.resolve()
    assert (int(located["line"]), int(located["col"])) == (err.line, err.column)
    for problem in err.problems:
        assert problem.file == err.file
        assert problem.line >= 1, problem
        assert problem.column >= 1, problem
        assert problem.severity is Severity.ERROR, problem


@pytest.mark.parametrize("name", ["multi_schema_defects", "multi_semantic_defects"])
def test_independent_defects_are_all_reported_at_once(name: str) -> None:
    err = load_error(BROKEN_DIR / f"{name}.yaml")
    lines = {p.line for p in err.problems}
    assert len(lines) >= 3, str(err)
    assert len(str(err).splitlines()) == len(err.problems)


# --------------------------------------------------- generated broken files


def test_empty_file_of_zero_bytes(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_bytes(b"")
    err = load_error(path)
    assert err.message == "the file is empty"
    assert (err.line, err.column) == (1, 1)
    assert str(err).startswith(f"{path}:1:1: ")


def _with_bad_byte(tmp_path: Path) -> tuple[Path, int]:
    text = minimal_text()
    line = line_of(text, "title: 最小测试规则库")
    raw = text.encode("utf-8").replace("最小".encode(), "最小".encode() + b"\xff", 1)
    path = tmp_path / "latin1.yaml"
    path.write_bytes(raw)
    return path, line


def test_invalid_utf8_is_reported_on_its_line(tmp_path: Path) -> None:
    path, line = _with_bad_byte(tmp_path)
    err = load_error(path)
    assert len(err.problems) == 1
    assert err.line == line
    assert "not valid UTF-8" in err.message
    assert "0xff" in err.message
    assert str(err).startswith(f"{path}:{line}:")


def test_invalid_utf8_column_counts_characters(tmp_path: Path) -> None:
    # "title: 最小" is 9 characters, so the bad byte is in column 10, as an
    # editor (and every YAML error) counts it; 14 would be counting bytes.
    path, _ = _with_bad_byte(tmp_path)
    err = load_error(path)
    assert err.column == 10


def test_truncated_multibyte_character_at_end(tmp_path: Path) -> None:
    raw = minimal_text().encode("utf-8") + "  # 尾".encode()[:-1]
    path = tmp_path / "cut.yaml"
    path.write_bytes(raw)
    err = load_error(path)
    assert "not valid UTF-8" in err.message
    assert err.line == minimal_text().count("\n") + 1


def test_bom_and_crlf_keep_line_numbers(tmp_path: Path) -> None:
    broken = BROKEN_DIR / "item_cap_above_row_points.yaml"
    (expect,), _ = read_header(broken)
    text = broken.read_text(encoding="utf-8")
    path = tmp_path / "windows.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    err = load_error(path)
    assert any(expect.matches(p) for p in err.problems), str(err)


def test_bom_and_crlf_template_loads(tmp_path: Path) -> None:
    path = tmp_path / "windows.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + minimal_text().replace("\n", "\r\n").encode("utf-8"))
    rulebook, warnings = load_rulebook_with_warnings(path)
    assert warnings == []
    assert rulebook.title == "最小测试规则库"


def test_python_tag_in_rulebook_does_not_execute(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = replace_once(
        minimal_text(),
        "source_document: written for the tests",
        f"source_document: !!python/object/apply:builtins.open [{str(marker)!r}, w]",
    )
    path = tmp_path / "evil.yaml"
    path.write_text(text, encoding="utf-8")
    err = load_error(path)
    assert "is not allowed" in err.message
    assert err.line == line_of(text, "source_document:")
    assert not marker.exists()


# ------------------------------------------------------------ the shipped book


def test_shipped_rulebook_loads_without_warnings() -> None:
    rulebook, warnings = load_rulebook_with_warnings(default_rulebook_path())
    assert warnings == [], "\n".join(str(w) for w in warnings)
    assert rulebook.total_points == 100
    assert sum(row.points for row in rulebook.rows) == rulebook.total_points
    assert [row.number for row in rulebook.rows] == list(range(1, 10))
    assert [item.number for item in rulebook.items] == list(range(1, 22))


def test_load_rulebook_without_argument_loads_the_shipped_one() -> None:
    default = load_rulebook()
    explicit = load_rulebook(default_rulebook_path())
    assert default.id == "shifulian-mofan-jiguan"
    assert content_hash(default) == content_hash(explicit)
    _, warnings = load_rulebook_with_warnings()
    assert warnings == []


def test_rulebooks_loaded_twice_compare_equal() -> None:
    assert load_rulebook() == load_rulebook()


def test_load_rulebook_accepts_str_and_path() -> None:
    assert content_hash(load_rulebook(str(MINIMAL))) == content_hash(load_rulebook(MINIMAL))


# ---------------------------------------------------------------- warnings


def test_row_whose_item_caps_cannot_reach_its_points_warns(tmp_path: Path) -> None:
    text = replace_once(
        minimal_text(),
        "            cap: 5\n            source: 2.",
        "            cap: 4\n            source: 2.",
    )
    path = tmp_path / "short.yaml"
    path.write_text(text, encoding="utf-8")
    rulebook, warnings = load_rulebook_with_warnings(path)
    # The new cap 4 is not in item 2's source text either: that is its own warning.
    assert [w.code for w in warnings] == ["row_never_emptied", "number_not_in_source"], warnings
    warning = warnings[0]
    assert warning.severity is Severity.WARNING
    # why: item 1's cap 5 + item 2's new cap 4 = 9, short of row 1's 10 points
    assert "caps add up to 9" in warning.message
    assert "never lose all its 10 points" in warning.message
    assert warning.line == line_of(text, "points: 10")
    assert warning.pointer == "/indicators/0/rows/0/points"
    assert f"{warning.file}:{warning.line}:{warning.column}: warning: " in str(warning)
    # A warning does not stop loading.
    assert content_hash(load_rulebook(path)) == content_hash(rulebook)


def test_unused_measure_warns(tmp_path: Path) -> None:
    text = replace_once(
        minimal_text(),
        "indicators:\n",
        "  - key: unused_rate\n    label: 未用的比率\n    kind: rate\nindicators:\n",
    )
    path = tmp_path / "unused.yaml"
    path.write_text(text, encoding="utf-8")
    _, warnings = load_rulebook_with_warnings(path)
    assert [w.message for w in warnings] == ["measure 'unused_rate' is not used by any situation"]
    assert warnings[0].line == line_of(text, "key: unused_rate")


def test_errors_are_raised_without_the_warnings(tmp_path: Path) -> None:
    text = replace_once(
        minimal_text(),
        "            cap: 5\n            source: 2.",
        "            cap: 4\n            source: 2.",
    )
    text = replace_once(text, "          - number: 3\n", "          - number: 4\n")
    path = tmp_path / "both.yaml"
    path.write_text(text, encoding="utf-8")
    err = load_error(path)
    assert [p.message for p in err.problems] == ["item 4 should be numbered 3"]
    assert "warning" not in str(err)


# ------------------------------------------------------------ reading files


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    err = load_error(path)
    assert "no such file" in err.message
    assert err.file == str(path)
    assert str(err).startswith(str(path))


def test_folder_without_rulebooks(tmp_path: Path) -> None:
    # A folder is read as a set of editions; an empty one says so and names the folder.
    err = load_error(tmp_path)
    assert "folder holds no rulebook" in err.message
    assert err.file == str(tmp_path)


def test_file_is_shown_as_typed_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "rb.yaml").write_text(
        replace_once(minimal_text(), "total_points: 15", "total_points: 16"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    err = load_error(Path("rb.yaml"))
    assert err.file == "rb.yaml"
    assert str(err).startswith(f"rb.yaml:{line_of(minimal_text(), 'total_points:')}:")


def test_parse_rulebook_from_text_names_the_file() -> None:
    text = replace_once(minimal_text(), "total_points: 15", "total_points: 16")
    with pytest.raises(RulebookError) as info:
        parse_rulebook(text, "inline.yaml")
    assert info.value.file == "inline.yaml"
    # why: the rows keep their points (adding up to the old total, 15); the total says 16
    assert info.value.message == "the rows' points add up to 15, not 16"


def test_a_cap_on_the_remainder_rule_is_refused(tmp_path: Path) -> None:
    shipped = (
        Path(__file__).resolve().parent.parent / "rulebooks" / "shifulian-2026.yaml"
    ).read_text("utf-8")
    anchor = "                measure: satisfaction_rate\n"
    assert anchor in shipped
    cap = "            caps:\n              - {key: c, label: c, source: c, applies_to: [satisfaction], limit: 1}\n"
    bad = tmp_path / "capped16.yaml"
    bad.write_text(shipped.replace(anchor, anchor + cap), "utf-8")
    with pytest.raises(RulebookError) as info:
        load_rulebook(bad)
    assert "cannot be capped" in str(info.value)
    assert info.value.line == shipped[: shipped.index(anchor)].count("\n") + 3
