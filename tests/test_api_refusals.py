"""The Python API refuses the same way a file does (issue 13 §4; docs/reliability.md).

``load_ledger`` (and its old name ``load_facts``) given a mapping checks it
the way a file is checked: a key that is not text, a whole number past the
bound a file's numbers have (including one past Python's 4,300-digit limit
on turning an int into text), a lone surrogate, NUL, and values no file can
hold (bytes, sets, generators, a cycle, a list shared a billion times over)
each give a located ``LedgerError`` (``FactsError`` is the same class),
never a traceback and never a value quietly changed. JSON written by
``json.dumps`` (characters beyond the BMP as surrogate-pair escapes) reads
back as the same text.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from mofan_rules import FactsError, LedgerError, Rulebook, evaluate, load_facts, load_ledger
from mofan_rules.cli import main
from mofan_rules.errors import Problem
from mofan_rules.messages import CATALOGUE
from mofan_rules.source import MAX_DEPTH, MAX_NUMBER_CHARS, _python, document_from_python

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "typical-year.yaml"


def refused(data: Any, rulebook: Rulebook) -> tuple[Problem, ...]:
    with pytest.raises(LedgerError) as info:
        load_ledger(data, rulebook)
    problems = info.value.problems
    for problem in problems:
        assert problem.file == "<ledger>"
        assert problem.code in CATALOGUE
        assert problem.message_zh
        assert "\n" not in problem.text("en")
    return problems


def test_facts_error_is_the_ledger_error() -> None:
    assert FactsError is LedgerError
    assert load_facts is load_ledger


# ----------------------------------------------------------------- keys


@pytest.mark.parametrize(
    ("data", "path", "kind"),
    [
        ({1: "x"}, (), "int"),
        ({True: "x"}, (), "bool"),
        ({None: "x"}, (), "NoneType"),
        ({("unit",): "x"}, (), "tuple"),
        ({b"unit": "x"}, (), "bytes"),
        ({"measures": {1: 2}}, ("measures",), "int"),
        ({"records": [{"item": 1, 2.5: "x"}]}, ("records", 0), "float"),
    ],
)
def test_a_key_that_is_not_text(
    data: dict[Any, Any], path: tuple[Any, ...], kind: str, rulebook: Rulebook
) -> None:
    (problem, *_) = refused(data, rulebook)
    assert (problem.code, problem.path) == ("key_not_text", path)
    assert problem.message == f"a key must be text, not {kind}"


def test_three_keys_that_are_not_text_are_three_problems(rulebook: Rulebook) -> None:
    problems = refused({1: "a", 2: "b", (3,): "c", "unit": "x"}, rulebook)
    assert [p.code for p in problems] == ["key_not_text"] * 3


# -------------------------------------------------------------- numbers


def test_the_int_bound_is_the_file_bound() -> None:
    # A file's number has at most MAX_NUMBER_CHARS characters; Python's ints as many digits.
    largest = 10**MAX_NUMBER_CHARS - 1
    for fine in (largest, -largest, 0, 2**64):
        _, problems = document_from_python({"x": fine}, "<ledger>")
        assert problems == [], fine
    for past in (largest + 1, -(largest + 1)):
        _, problems = document_from_python({"x": past}, "<ledger>")
        assert [p.code for p in problems] == ["integer_too_large"]
        assert problems[0].message == f"a whole number of more than {MAX_NUMBER_CHARS} digits"


@pytest.mark.parametrize("digits", [101, 4300, 4301, 5000, 100_000])
def test_a_huge_int_is_refused_without_being_turned_into_text(
    digits: int, rulebook: Rulebook
) -> None:
    huge = 10 ** (digits - 1)
    if digits > 4300:  # the test means it: Python itself cannot print this one
        assert sys.get_int_max_str_digits() == 4300
        with pytest.raises(ValueError, match="4300"):
            str(huge)
    for where in ("measures", "records", "period"):
        data: dict[str, Any] = {
            "measures": {"monthly_studies": huge},
            "records": [{"item": -huge, "situation": "criticism"}],
            "period": {"start": huge},
        }
        (problem, *_) = (p for p in refused(data, rulebook) if p.path[0] == where)
        assert problem.code == "integer_too_large"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (float("nan"), "not_finite"),
        (float("inf"), "not_finite"),
        (-float("inf"), "not_finite"),
        (Decimal("NaN"), "not_finite"),
        (Decimal("sNaN"), "not_finite"),
        (Decimal("-Infinity"), "not_finite"),
        (Decimal("1e999999999"), "number_out_of_range"),
        (Decimal("1e-999999999"), "number_out_of_range"),
        (Decimal("1." + "0" * 200), "number_out_of_range"),
    ],
)
def test_numbers_a_file_could_not_give(value: Any, code: str, rulebook: Rulebook) -> None:
    (problem,) = refused({"measures": {"satisfaction_rate": value}}, rulebook)
    assert (problem.code, problem.path) == (code, ("measures", "satisfaction_rate"))


def test_a_float_is_read_as_the_decimal_it_was_written_as(rulebook: Rulebook) -> None:
    ledger = load_ledger({"measures": {"satisfaction_rate": 0.95}}, rulebook)
    assert ledger.measures["satisfaction_rate"] == Decimal(
        "0.95"
    )  # not 0.9499999999999999555910790149937


# ----------------------------------------------------------------- text


@pytest.mark.parametrize(
    ("data", "path", "code"),
    [
        ({"unit": "a\x00b"}, ("unit",), "nul_in_text"),
        (
            {"records": [{"item": 1, "situation": "x", "note": "\x00"}]},
            ("records", 0, "note"),
            "nul_in_text",
        ),
        ({"unit\x00": "x"}, (), "nul_in_text"),
        ({"unit": "\ud800"}, ("unit",), "lone_surrogate"),
        ({"unit": "a\udfb7"}, ("unit",), "lone_surrogate"),
        ({"unit": "\udfb7\ud842"}, ("unit",), "lone_surrogate"),  # a pair the wrong way round
        ({"measures": {"\udc80": 1}}, ("measures",), "lone_surrogate"),
    ],
)
def test_text_no_file_can_hold(
    data: dict[str, Any], path: tuple[Any, ...], code: str, rulebook: Rulebook
) -> None:
    problems = refused(data, rulebook)
    assert any((p.code, p.path) == (code, path) for p in problems), problems


def test_a_surrogate_pair_in_python_text_is_its_character(rulebook: Rulebook) -> None:
    # "\ud842\udfb7" is how UTF-16 (and JSON) spell 𠮷; Python code sometimes holds it so.
    ledger = load_ledger({"unit": "\ud842\udfb7单位"}, rulebook)
    assert ledger.unit == "𠮷单位"


# --------------------------------------------------- values no file holds


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (b"x", "bytes"),
        (bytearray(b"x"), "bytearray"),
        ({1, 2}, "set"),
        (frozenset(), "frozenset"),
        ((x for x in range(0)), "generator"),
        (1j, "complex"),
        (object(), "object"),
    ],
)
def test_a_value_no_file_can_hold(value: Any, kind: str, rulebook: Rulebook) -> None:
    (problem,) = refused({"unit": value}, rulebook)
    assert (problem.code, problem.path) == ("not_plain_value", ("unit",))
    assert problem.message.startswith(f"a {kind} is not a value")


def test_dates_from_python_are_taken(rulebook: Rulebook) -> None:
    record = {"item": 1, "situation": "criticism", "tier": "city", "date": dt.date(2026, 5, 1)}
    ledger = load_ledger({"records": [record]}, rulebook)
    assert ledger.records[0].date == dt.date(2026, 5, 1)


def test_a_cycle_is_refused_at_the_nesting_bound(rulebook: Rulebook) -> None:
    cycle: dict[str, Any] = {}
    cycle["records"] = [cycle]
    (problem,) = refused(cycle, rulebook)
    assert problem.code == "nested_deeper_than"
    assert len(problem.path) == MAX_DEPTH + 1


def test_a_list_shared_many_times_is_refused_after_a_bounded_walk(
    rulebook: Rulebook, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Python's alias bomb: 10**30 values if walked, in a few kilobytes of objects.
    bomb: list[Any] = [1] * 10
    for _ in range(30):
        bomb = [bomb] * 10
    monkeypatch.setattr(_python, "MAX_VALUES", 10_000)  # the bound's logic, at a test's size
    walked = 0
    plain = _python._Walk.plain

    def counted(self: Any, value: Any, path: Any) -> Any:
        nonlocal walked
        walked += 1
        return plain(self, value, path)

    monkeypatch.setattr(_python._Walk, "plain", counted)
    (problem,) = refused({"records": bomb}, rulebook)
    assert problem.code == "too_many_values"
    # Past the bound, each list still open gives its remaining entries one look each.
    assert walked <= 10_000 + 10 * 32


def test_the_value_bound_is_what_the_largest_file_could_hold() -> None:
    from mofan_rules.source import DEFAULT_MAX_BYTES

    assert DEFAULT_MAX_BYTES // 2 == _python.MAX_VALUES  # a value and a separator: two bytes


# --------------------------------------------------------------- one place


def test_every_problem_at_once_and_nothing_changed(rulebook: Rulebook) -> None:
    data = {
        "unit": "a\x00",
        7: "x",
        "measures": {"monthly_studies": 10**5000, "satisfaction_rate": float("nan")},
        "records": [{"item": 1, "situation": "\ud800"}, {"item": 1, "situation": b"x"}],
    }
    problems = refused(data, rulebook)
    assert sorted(p.code for p in problems) == sorted(
        ["nul_in_text", "key_not_text", "integer_too_large", "not_finite", "lone_surrogate",
         "not_plain_value"]
    )  # fmt: skip
    assert set(data) == {"unit", 7, "measures", "records"}  # the caller's data is left alone


@pytest.mark.parametrize("data", [[{"item": 1}], 5, None])
def test_data_that_is_not_a_mapping(data: Any, rulebook: Rulebook) -> None:
    (problem,) = refused(data, rulebook)
    assert problem.code == "not_a_mapping"


# ------------------------------------------------------ JSON's escapes


def _ledger_with_astral_text() -> dict[str, Any]:
    return {
        "unit": "𠮷野家 😀",
        "records": [
            {
                "item": 1,
                "situation": "criticism",
                "tier": "city",
                "evidence": "𠮷〔2026〕1号",
                "note": "a \\ud842\\udfb7 b",  # a backslash and letters, not an escape
            }
        ],
    }


def test_json_dumps_output_reads_back_as_written(tmp_path: Path, rulebook: Rulebook) -> None:
    data = _ledger_with_astral_text()
    path = tmp_path / "ledger.json"
    text = json.dumps(data)  # ensure_ascii: 𠮷 becomes "\ud842\udfb7"
    assert "\\ud842\\udfb7" in text
    path.write_text(text, "ascii")
    from_file = load_ledger(path, rulebook)
    from_data = load_ledger(data, rulebook)
    assert from_file == from_data
    assert from_file.unit == "𠮷野家 😀"
    assert from_file.records[0].note == "a \\ud842\\udfb7 b"
    assert evaluate(rulebook, from_file).to_json() == evaluate(rulebook, from_data).to_json()


def test_only_double_quoted_yaml_reads_escapes(tmp_path: Path, rulebook: Rulebook) -> None:
    path = tmp_path / "ledger.yaml"
    path.write_text(
        'unit: "\\ud842\\udfb7"\n'
        "note: '\\ud842\\udfb7' # \"\\ud842\\udfb7\"\n"
        "records:\n"
        "  - {item: 1, situation: criticism, tier: city, evidence: x\\ud83d\\ude00}\n",
        "ascii",
    )
    ledger = load_ledger(path, rulebook)
    assert ledger.unit == "𠮷"
    assert ledger.note == "\\ud842\\udfb7"  # single quotes: text as written
    assert ledger.records[0].evidence == "x\\ud83d\\ude00"  # plain: text as written


def test_a_lone_escaped_surrogate_in_json_is_located(tmp_path: Path, rulebook: Rulebook) -> None:
    path = tmp_path / "ledger.json"
    path.write_text('{\n  "unit": "x\\ud800y"\n}\n', "ascii")
    with pytest.raises(LedgerError) as info:
        load_ledger(path, rulebook)
    (problem,) = info.value.problems
    assert problem.line == 2


def test_the_command_prints_the_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ledger.json"
    path.write_text(json.dumps(_ledger_with_astral_text()), "ascii")
    assert main(["score", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["unit"] == "𠮷野家 😀"


def test_the_example_reads_the_same_from_a_mapping(rulebook: Rulebook) -> None:
    from mofan_rules.source import parse_document

    data = parse_document(EXAMPLE.read_bytes(), EXAMPLE.name).data
    assert load_ledger(data, rulebook) == load_ledger(EXAMPLE, rulebook)
