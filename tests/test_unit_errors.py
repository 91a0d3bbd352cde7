"""Problems and their words: ``mofan_rules.errors`` and ``mofan_rules.messages``.

A :class:`Problem` is one located mistake with its message in English and
Chinese and a stable catalogue code; an error carries every problem of a
file. The catalogue holds every text in both languages with the same
placeholders; :func:`suggest` words the "did you mean …?" hints.
"""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from mofan_rules import (
    FactsError,
    LedgerError,
    MofanRulesError,
    Problem,
    RulebookError,
    RulebookMismatchError,
    load_rulebook,
)
from mofan_rules.errors import CasesError, DocumentError, Severity, SourceError
from mofan_rules.messages import CATALOGUE, Msg, either, say, suggest, word

CASES = Path(__file__).resolve().parent / "cases"


def located() -> Problem:
    msg = say("no_such_item", item=9, count=3)
    return Problem.from_msg(msg, "ledger.yaml", 4, 7, path=("records", 0, "item"))


# ------------------------------------------------------------------ Problem


def test_a_problem_from_the_catalogue_in_english_and_chinese() -> None:
    problem = located()
    assert problem.code == "no_such_item"
    assert (problem.message, problem.hint) == ("there is no item 9", "items are 1–3")
    assert (problem.message_zh, problem.hint_zh) == ("没有第 9 项", "项的编号是 1–3")
    assert (
        problem.text("en") == "ledger.yaml:4:7: /records/0/item: there is no item 9 (items are 1–3)"
    )
    assert problem.text("zh") == "ledger.yaml:4:7: /records/0/item: 没有第 9 项（项的编号是 1–3）"
    assert str(problem) == problem.text("en")


def test_the_located_fields() -> None:
    problem = located()
    assert (problem.file, problem.line, problem.column) == ("ledger.yaml", 4, 7)
    assert problem.path == ("records", 0, "item")
    assert problem.pointer == "/records/0/item"
    assert problem.severity is Severity.ERROR


def test_a_problem_without_a_place_or_a_translation() -> None:
    problem = Problem("something is wrong")
    # No line: no ":line:col"; the root path is "/"; Chinese falls back to the English.
    assert problem.text() == "<data>: /: something is wrong"
    assert problem.text("zh") == "<data>: /: something is wrong"
    assert problem.code == ""


def test_a_warning_says_so_in_both_languages() -> None:
    msg = say("measure_unused", key="x")
    where = ("measures", 0, "key")
    warning = Problem.from_msg(msg, "rb.yaml", 2, 3, path=where, severity=Severity.WARNING)
    assert warning.text().startswith("rb.yaml:2:3: warning: /measures/0/key: ")
    assert warning.text("zh").startswith("rb.yaml:2:3: 警告: /measures/0/key: ")


def test_a_problem_is_one_line_with_no_control_sequence() -> None:
    problem = Problem("bad\nname\x1b[31m", path=("a/b", "c~d"))
    # The pointer escapes / and ~ (RFC 6901); a line break and an ESC are shown escaped.
    assert problem.pointer == "/a~1b/c~0d"
    assert problem.text() == "<data>: /a~1b/c~0d: bad\\nname\\u001b[31m"
    assert "\n" not in problem.text()


def test_problems_are_frozen_and_compare_by_value() -> None:
    assert located() == located()
    with pytest.raises(AttributeError):
        located().line = 1  # type: ignore[misc]


def test_a_files_problems_come_sorted_by_position() -> None:
    with pytest.raises(RulebookError) as caught:
        load_rulebook(CASES / "broken_rulebooks" / "multi_semantic_defects.yaml")
    places = [(p.line, p.column) for p in caught.value.problems]
    assert len(places) > 1
    assert places == sorted(places)
    assert all(p.file.endswith("multi_semantic_defects.yaml") for p in caught.value.problems)
    assert all(p.code for p in caught.value.problems)  # every problem names its catalogue entry


# ------------------------------------------------------------------ the error classes


def test_an_error_holds_every_problem_and_prints_one_per_line() -> None:
    first, second = located(), Problem("second", "other.yaml", 9, 1)
    error = LedgerError([first, second])
    assert error.problems == (first, second)
    assert str(error) == f"{first}\n{second}"
    assert error.args == (str(error),)
    # The first problem's place is the error's.
    assert (error.file, error.line, error.column) == ("ledger.yaml", 4, 7)
    assert (error.path, error.pointer, error.message) == (
        ("records", 0, "item"),
        "/records/0/item",
        "there is no item 9",
    )
    assert error.first is first


def test_an_error_from_text_or_from_nothing() -> None:
    (problem,) = RulebookError("plain words").problems
    assert (problem.message, problem.file) == ("plain words", "<data>")
    (unknown,) = SourceError([]).problems
    assert (unknown.code, unknown.message, unknown.message_zh) == (
        "unknown_error",
        "unknown error",
        "未知错误",
    )


@pytest.mark.parametrize(
    "cls",
    [SourceError, RulebookError, CasesError, LedgerError, RulebookMismatchError, DocumentError],
)
def test_the_error_family(cls: type[MofanRulesError]) -> None:
    error = cls([located()])
    assert isinstance(error, MofanRulesError)
    assert isinstance(error, Exception)
    with pytest.raises(MofanRulesError):
        raise error


def test_old_names_still_work() -> None:
    assert FactsError is LedgerError
    assert issubclass(RulebookMismatchError, LedgerError)


# ------------------------------------------------------------------ the catalogue


def _names(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# The two entries whose languages show different values on purpose (tests/test_messages.py
# keeps the same list, and checks each exception is still needed).
ZH_DROPS: dict[str, set[str]] = {}
ZH_ADDS = {"item_cap_above_row": {"item"}}


def test_every_catalogue_entry_has_both_languages_and_the_same_placeholders() -> None:
    assert len(CATALOGUE) > 100
    for code, t in CATALOGUE.items():
        assert t.en.strip(), code
        assert t.zh.strip(), code
        assert bool(t.hint_en) == bool(t.hint_zh), code
        en = _names(t.en) - ZH_DROPS.get(code, set())
        zh = _names(t.zh) - ZH_ADDS.get(code, set())
        assert en == zh, code
        assert _names(t.hint_en) == _names(t.hint_zh), code


def test_say_fills_in_both_languages_and_keeps_the_code() -> None:
    msg = say("no_such_item", item=9, count=3)
    assert msg == Msg(
        "there is no item 9", "没有第 9 项", "items are 1–3", "项的编号是 1–3", "no_such_item"
    )
    assert (msg.text("en"), msg.text("zh")) == ("there is no item 9", "没有第 9 项")
    with pytest.raises(KeyError):
        say("no_such_code")


def test_a_phrase_as_a_parameter_is_said_in_each_language() -> None:
    phrase = either([say("kind_count"), say("kind_rate")])
    assert (phrase.en, phrase.zh) == ("count or rate", "计数或比率")
    assert word("kind_count", "zh") == "计数"


def test_a_hint_given_replaces_the_entrys_own() -> None:
    msg = say("no_such_item", item=9, count=3, hint=say("did_you_mean", word="3"))
    assert (msg.hint, msg.hint_zh) == ("did you mean '3'?", "是否想写 '3'？")


# ------------------------------------------------------------------ did you mean


def test_suggest_a_close_key() -> None:
    hint = suggest("criticsm", ["criticism", "shortcoming"])
    assert hint is not None
    assert (hint.code, hint.en, hint.zh) == (
        "did_you_mean",
        "did you mean 'criticism'?",
        "是否想写 'criticism'？",
    )


def test_suggest_through_a_label_names_the_key() -> None:
    hint = suggest("通报批平", ["criticism"], labels={"通报批评": "criticism"})
    assert hint is not None
    assert hint.en == "did you mean 'criticism (通报批评)'?"


def test_suggest_lists_the_options_when_none_is_close() -> None:
    hint = suggest("zzz", ["criticism", "shortcoming"])
    assert hint is not None
    assert (hint.code, hint.en) == ("known", "known: criticism, shortcoming")


def test_suggest_with_no_options() -> None:
    assert suggest("zzz", []) is None
    hint = suggest("zzz", [], empty="there_are_none")
    assert hint is not None
    assert (hint.en, hint.zh) == ("there are none", "一个也没有")
