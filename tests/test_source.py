"""Unit tests of ``mofan_rules.source.parse_document``: text to located plain data."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from mofan_rules.errors import FactsError, MofanRulesError, SourceError
from mofan_rules.messages import say
from mofan_rules.source import MAX_DEPTH, Document, Position, parse_document


def data_of(text: str | bytes) -> object:
    return parse_document(text).data


def refused(text: str | bytes, **kw: object) -> SourceError:
    with pytest.raises(SourceError) as info:
        parse_document(text, "doc.yaml", **kw)  # type: ignore[arg-type]
    return info.value


# ----------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12),
        ("-3", -3),
        ("0", 0),
        ("012", 12),
        ("+7", 7),
    ],
)
def test_whole_numbers_are_int(text: str, expected: int) -> None:
    value = data_of(f"a: {text}\n")["a"]  # type: ignore[index]
    assert type(value) is int
    assert value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.1", Decimal("0.1")),
        (".5", Decimal("0.5")),
        ("1e3", Decimal(1000)),
        ("2.50", Decimal("2.50")),
        ("-0.25", Decimal("-0.25")),
        ("1.", Decimal(1)),
    ],
)
def test_fractions_are_exact_decimals(text: str, expected: Decimal) -> None:
    value = data_of(f"a: {text}\n")["a"]  # type: ignore[index]
    assert type(value) is Decimal
    assert value == expected


def test_decimal_keeps_the_written_digits() -> None:
    # From the text, not through a float: 0.1 + 0.2 is exactly 0.3.
    doc = data_of("a: 0.1\nb: 0.2\nc: 0.30\n")
    assert doc["a"] + doc["b"] == Decimal("0.3")  # type: ignore[index]
    assert str(doc["a"]) == "0.1"  # type: ignore[index]
    assert str(doc["c"]) == "0.30"  # type: ignore[index]


def test_quoted_numbers_stay_text() -> None:
    assert data_of("a: '0.1'\nb: \"12\"\n") == {"a": "0.1", "b": "12"}


# ------------------------------------------------------ YAML 1.1 surprises


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "n", "Yes", "NO", "On"])
def test_yaml11_booleans_stay_words(word: str) -> None:
    assert data_of(f"a: {word}\n") == {"a": word}


@pytest.mark.parametrize(
    "text", ["2026-01-01", "2026-12-31 10:00:00", "1:30", "1_000", "0x1F", "0o17"]
)
def test_dates_sexagesimals_and_other_yaml11_forms_stay_text(text: str) -> None:
    assert data_of(f"a: {text}\n") == {"a": text}


def test_core_schema_booleans_and_nulls() -> None:
    assert data_of("a: true\nb: False\nc: null\nd: ~\ne:\n") == {
        "a": True,
        "b": False,
        "c": None,
        "d": None,
        "e": None,
    }


def test_explicit_bool_tag_does_not_turn_yes_into_false() -> None:
    # `!!bool yes` must not silently become False: either refuse it or read it as true.
    try:
        value = data_of("a: !!bool yes\n")
    except SourceError:
        return
    assert value == {"a": True}


def test_explicit_int_tag_on_text_is_a_source_error() -> None:
    err = refused("a: !!int ten\n")
    assert err.line == 1
    assert "ten" in err.message


def test_explicit_float_tag_cannot_smuggle_nan() -> None:
    err = refused("a: !!float nan\n")
    assert "not a finite number" in err.message


# ------------------------------------------------------ encodings and lines


def test_bom_and_crlf_are_accepted_with_right_positions() -> None:
    raw = b"\xef\xbb\xbfa: 1\r\nb:\r\n  c: x\r\n  d: [1, 2]\r\n"
    doc = parse_document(raw)
    assert doc.data == {"a": 1, "b": {"c": "x", "d": [1, 2]}}
    assert doc.locate(("a",)) == Position(1, 4)
    assert doc.locate(("b", "c")) == Position(3, 6)
    assert doc.locate(("b", "d", 1)) == Position(4, 10)
    assert doc.locate(("b", "d"), key=True) == Position(4, 3)


def test_bom_in_text_is_dropped() -> None:
    doc = parse_document("\ufeffa: 1\n")
    assert doc.data == {"a": 1}
    assert doc.locate(("a",)) == Position(1, 4)


def test_invalid_utf8_is_located() -> None:
    err = refused(b"a: 1\nb: caf\xe9\n")
    assert "not valid UTF-8" in err.message
    assert "0xe9" in err.message
    assert (err.line, err.column) == (2, 7)


def test_nul_character_is_refused() -> None:
    err = refused("a: 1\nb: x\x00y\n")
    assert "NUL" in err.message
    assert err.line == 2


# ------------------------------------------------------------ duplicate keys


def test_duplicate_key_names_the_first_line() -> None:
    err = refused("a: 1\nb: 2\na: 3\n")
    assert len(err.problems) == 1
    assert err.line == 3
    assert err.column == 1
    assert "duplicate key 'a'" in err.message
    assert "already set on line 1" in err.message


def test_nested_duplicate_key() -> None:
    err = refused("top:\n  x: 1\n  y: 2\n  x: 4\n")
    assert (err.line, err.column) == (4, 3)
    assert err.path == ("top", "x")
    assert "already set on line 2" in err.message


def test_duplicate_key_spelt_differently() -> None:
    # 1 and 01 are the same key once read.
    err = refused("1: a\n01: b\n")
    assert err.line == 2
    assert "already set on line 1" in err.message


def test_same_key_in_sibling_mappings_is_fine() -> None:
    assert data_of("- a: 1\n- a: 2\n") == [{"a": 1}, {"a": 2}]


@pytest.mark.parametrize("text", ["? [a, b]\n: 1\n", "true: 1\n", "~: 1\n", "0.5: x\n"])
def test_keys_must_be_words_or_whole_numbers(text: str) -> None:
    err = refused(text)
    assert err.line == 1
    assert "key" in err.message


# ------------------------------------------------------- aliases and tags


def test_alias_is_refused() -> None:
    err = refused("a: &x 1\nb: *x\n")
    assert "anchors and aliases" in err.message
    assert err.path == ("b",)


def test_alias_is_reported_at_the_alias() -> None:
    err = refused("a: &x 1\nb: *x\n")
    assert (err.line, err.column) == (2, 4)


def test_billion_laughs_is_refused() -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    err = refused("\n".join(lines) + "\n")
    assert all("anchors and aliases" in p.message for p in err.problems)
    # Each alias is reported once, never expanded: 8 lines of 9 aliases.
    assert len(err.problems) == 8 * 9


def test_merge_key_with_alias_is_refused() -> None:
    err = refused("base: &b {x: 1}\nchild:\n  <<: *b\n  y: 2\n")
    assert any("anchors and aliases" in p.message or "merge" in p.message for p in err.problems)


def test_python_object_payload_is_not_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payload = f"a: !!python/object/apply:builtins.open [{str(marker)!r}, w]\n"
    # The payload is live: PyYAML's unsafe loader would create the file.
    control = tmp_path / "control"
    opened = yaml.unsafe_load(payload.replace(str(marker), str(control)))
    opened["a"].close()
    assert control.exists()

    err = refused(payload)
    assert "python/object/apply:builtins.open" in err.message
    assert "not allowed" in err.message
    assert not marker.exists()


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/name:os.system\n",
        "a: !!python/object/new:os.system [echo]\n",
        "a: !!python/object:collections.OrderedDict {}\n",
        "a: !!binary aGVsbG8=\n",
        "a: !custom 1\n",
        "a: !!set {x, y}\n",
        "a: !!omap [x: 1]\n",
        "!!python/tuple [1, 2]\n",
    ],
)
def test_tags_are_refused(text: str) -> None:
    err = refused(text)
    assert "is not allowed" in err.message
    assert err.line == 1


def test_standard_tags_that_change_nothing_are_accepted() -> None:
    assert data_of("a: !!str 12\nb: !!int 12\n") == {"a": "12", "b": 12}


# --------------------------------------------------------------- limits


def test_size_limit() -> None:
    text = "- 1\n" * 25  # 100 bytes
    err = refused(text, max_bytes=50)
    assert "100 bytes" in err.message
    assert "limit of 50" in err.message
    assert parse_document(text, max_bytes=100).data == [1] * 25


def test_size_limit_counts_utf8_bytes_of_text() -> None:
    text = "a: " + "字" * 20 + "\n"  # 24 characters, 64 bytes
    err = refused(text, max_bytes=50)
    assert "64 bytes" in err.message


@pytest.mark.parametrize("text", [".nan", ".NaN", ".inf", "-.inf", "+.Inf", ".INF"])
def test_non_finite_numbers_are_refused(text: str) -> None:
    err = refused(f"x: 1\na: {text}\n")
    assert "not a finite number" in err.message
    assert (err.line, err.column) == (2, 4)


def test_nesting_up_to_max_depth_is_fine() -> None:
    text = "[" * MAX_DEPTH + "1" + "]" * MAX_DEPTH
    value = data_of(text)
    for _ in range(MAX_DEPTH):
        assert isinstance(value, list)
        (value,) = value
    assert value == 1


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, MAX_DEPTH + 10, 5000])
def test_nesting_deeper_than_max_depth_is_refused(depth: int) -> None:
    err = refused("[" * depth + "1" + "]" * depth)
    assert "nested" in err.message


def test_deep_mappings_are_refused() -> None:
    text = (
        "".join("  " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 2))
        + "  " * (MAX_DEPTH + 2)
        + "v\n"
    )
    err = refused(text)
    assert "nested" in err.message


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a:\n  b: 1\n   c: 2\n", 3),
        ("a: 1\n\tb: 2\n", 2),
        ("a: 1\nb: c: d\n", 2),
        # Unclosed brackets and quotes: libyaml notices somewhere after the opening.
        ("a: 1\nb: [1, 2\nc: 3\n", None),
        ("a: 'unclosed\n", None),
    ],
)
def test_syntax_error_is_located(text: str, line: int | None) -> None:
    err = refused(text)
    assert err.message.startswith("not valid YAML")
    assert err.first.hint
    assert err.line >= 1
    assert err.column >= 1
    if line is not None:
        assert err.line == line


def test_several_documents_are_refused() -> None:
    err = refused("a: 1\n---\nb: 2\n")
    assert "not valid YAML" in err.message
    assert err.line == 2


@pytest.mark.parametrize("text", ["", "\n\n", "# just a comment\n", b"", b"\xef\xbb\xbf"])
def test_empty_document(text: str | bytes) -> None:
    err = refused(text)
    assert err.message == "the file is empty"


def test_full_width_digits_are_refused_with_a_hint() -> None:
    err = refused("a: 1\nb: １０\nc: １．５\n")
    assert [(p.line, p.column) for p in err.problems] == [(2, 4), (3, 4)]
    assert "full-width digits" in err.problems[0].message
    assert err.problems[0].hint == "write 10 with ASCII digits"
    assert err.problems[1].hint == "write 1.5 with ASCII digits"


def test_quoted_full_width_digits_are_text() -> None:
    assert data_of("a: '１０'\n") == {"a": "１０"}


def test_all_problems_are_reported_together() -> None:
    err = refused("a: 1\na: 2\nb: .nan\nc: !!python/name:os.system\nd: １\n")
    assert [p.line for p in err.problems] == [2, 3, 4, 5]
    assert all(p.file == "doc.yaml" for p in err.problems)
    assert str(err).splitlines()[0].startswith("doc.yaml:2:1: /a: duplicate key")


def test_error_class_is_chosen_by_the_caller() -> None:
    with pytest.raises(FactsError):
        parse_document("a: 1\na: 2\n", "ledger.yaml", error=FactsError)
    with pytest.raises(FactsError):
        parse_document("a: [\n", "ledger.yaml", error=FactsError)
    with pytest.raises(FactsError):
        parse_document("a: 1", "ledger.yaml", error=FactsError, max_bytes=1)


def test_source_error_is_a_mofan_rules_error() -> None:
    assert issubclass(SourceError, MofanRulesError)


# ------------------------------------------------------------------ JSON


def test_json_text_parses_with_positions() -> None:
    value = {"a": {"b": [1, 2.5, "x"]}, "c": True, "d": None, "名称": "值"}
    text = json.dumps(value, indent=2, ensure_ascii=False)
    # {
    #   "a": {
    #     "b": [
    #       1,
    #       2.5,
    #       "x"
    #     ]
    #   },
    #   "c": true,
    #   "d": null,
    #   "名称": "值"
    # }
    doc = parse_document(text, "doc.json")
    assert doc.data == {"a": {"b": [1, Decimal("2.5"), "x"]}, "c": True, "d": None, "名称": "值"}
    assert type(doc.data["a"]["b"][1]) is Decimal
    assert doc.locate(("a", "b", 0)) == Position(4, 7)
    assert doc.locate(("a", "b", 2)) == Position(6, 7)
    assert doc.locate(("c",)) == Position(9, 8)
    assert doc.locate(("c",), key=True) == Position(9, 3)
    assert doc.locate(("名称",)) == Position(11, 9)


def test_compact_json_parses() -> None:
    text = json.dumps({"a": [1, 0.5], "b": {"c": "x"}}, separators=(",", ":"))
    assert data_of(text) == {"a": [1, Decimal("0.5")], "b": {"c": "x"}}


def test_json_duplicate_key_is_refused() -> None:
    err = refused('{\n  "a": 1,\n  "a": 2\n}\n')
    assert err.line == 3
    assert "already set on line 2" in err.message


# ---------------------------------------------------------------- locate


NESTED = """\
title: x
rows:
  - number: 1
    items:
      - number: 1
        tiers:
          - {key: a, amount: 2}
          - {key: b, amount: 0.5}
  - number: 2
    items: []
"""


@pytest.fixture
def nested() -> Document:
    return parse_document(NESTED, "nested.yaml")


@pytest.mark.parametrize(
    ("path", "position"),
    [
        ((), Position(1, 1)),
        (("title",), Position(1, 8)),
        (("rows",), Position(3, 3)),
        (("rows", 0), Position(3, 5)),
        (("rows", 0, "number"), Position(3, 13)),
        (("rows", 0, "items", 0, "tiers", 1), Position(8, 13)),
        (("rows", 0, "items", 0, "tiers", 1, "amount"), Position(8, 30)),
        (("rows", 1, "items"), Position(10, 12)),
    ],
)
def test_locate_values(nested: Document, path: tuple[str | int, ...], position: Position) -> None:
    assert nested.locate(path) == position


def test_locate_keys(nested: Document) -> None:
    assert nested.locate(("rows",), key=True) == Position(2, 1)
    assert nested.locate(("rows", 0, "items", 0, "tiers", 1, "amount"), key=True) == Position(8, 22)
    # A list index has no key: the value's position.
    assert nested.locate(("rows", 1), key=True) == Position(9, 5)


def test_locate_missing_path_falls_back_to_nearest_parent(nested: Document) -> None:
    assert nested.locate(("rows", 0, "items", 0, "caps")) == Position(5, 9)
    assert nested.locate(("rows", 7, "points")) == Position(3, 3)
    assert nested.locate(("nowhere",)) == Position(1, 1)


def test_problem_is_built_at_the_located_spot(nested: Document) -> None:
    msg = say("at_least", value="-1", limit="0")
    problem = nested.problem(("rows", 0, "items", 0, "tiers", 1, "amount"), msg)
    assert (problem.file, problem.line, problem.column) == ("nested.yaml", 8, 30)
    assert problem.pointer == "/rows/0/items/0/tiers/1/amount"
    assert problem.code == "at_least"  # every problem a document builds carries its code
    assert str(problem) == f"nested.yaml:8:30: /rows/0/items/0/tiers/1/amount: {msg.en}"
    assert problem.text("zh").endswith(msg.zh)


# ------------------------------------------------------- every problem at once


def test_three_unknown_keys_are_three_problems(tmp_path: Path) -> None:
    # jsonschema reports the unknown keys of one mapping as one error; each
    # is a problem of its own, at its own place (issue 13 §5).
    from mofan_rules import load_ledger

    path = tmp_path / "ledger.yaml"
    path.write_text(
        "unit: 某单位\ncolour: red\nrecords:\n  - {item: 1, situation: criticism, tier: city,"
        " cuont: 2, extra: 1}\nshape: round\nsize: 3\n",
        "utf-8",
    )
    with pytest.raises(FactsError) as info:
        load_ledger(path)
    unknown = [
        (p.line, p.column, p.pointer) for p in info.value.problems if p.code == "unknown_key"
    ]
    assert unknown == [
        (2, 1, "/colour"),
        (4, 49, "/records/0/cuont"),
        (4, 59, "/records/0/extra"),
        (5, 1, "/shape"),
        (6, 1, "/size"),
    ]
    cuont = next(p for p in info.value.problems if p.pointer == "/records/0/cuont")
    assert cuont.hint == "did you mean 'count'?"


def test_unknown_keys_past_the_problem_bound_are_cut_with_a_line_saying_so() -> None:
    from mofan_rules import load_ledger
    from mofan_rules.source import MAX_PROBLEMS

    data = {f"key_{i}": i for i in range(MAX_PROBLEMS * 3)}
    with pytest.raises(FactsError) as info:
        load_ledger(data)
    problems = info.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].code == "too_many_problems"
    assert {p.code for p in problems[:-1]} == {"unknown_key"}


def test_the_three_keys_reach_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mofan_rules.cli import main

    path = tmp_path / "ledger.yaml"
    path.write_text("colour: red\nshape: round\nsize: 3\n", "utf-8")
    assert main(["score", str(path)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(": ")[1] for line in lines] == ["/colour", "/shape", "/size"]
