"""The message catalogue: every problem a person can cause reads in English and Chinese."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path
from typing import Any

import pytest

from mofan_rules import FactsError, Rulebook, RulebookError, evaluate, load_facts, load_rulebook
from mofan_rules.cli import main
from mofan_rules.errors import LedgerError, Problem, Severity
from mofan_rules.ledger import Ledger
from mofan_rules.messages import CATALOGUE, Msg, Template, either, say
from mofan_rules.messages import _sheets as _sheet_part
from mofan_rules.rulebook import load_rulebook_with_warnings, parse_rulebook

SRC = Path(__file__).resolve().parent.parent / "src" / "mofan_rules"
CASES = Path(__file__).resolve().parent / "cases"
BROKEN = sorted((CASES / "broken_rulebooks").glob("*.yaml"))
CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
HAN = re.compile(r"[\u4e00-\u9fff]")

# Entries whose Chinese leaves out a value the English shows, on purpose.
ZH_DROPS: dict[str, set[str]] = {}
# Entries whose Chinese shows a value the English leaves out, on purpose.
ZH_ADDS = {
    "item_cap_above_row": {"item"}
}  # 第 3 项的上限…: Chinese names the item, English the path


def _fields(text: str) -> dict[str, str]:
    """Placeholder name → its format spec, for one template text."""
    return {
        name: spec or ""
        for _, name, spec, _ in string.Formatter().parse(text)
        if name is not None and name != ""
    }


def _all_fields(t: Template) -> dict[str, str]:
    fields: dict[str, str] = {}
    for text in (t.en, t.zh, t.hint_en, t.hint_zh):
        for name, spec in _fields(text).items():
            fields[name] = fields.get(name) or spec
    return fields


def _dummy(name: str, spec: str) -> object:
    # A format spec such as 02x needs a number; other placeholders get a marker text.
    return 171 if spec else f"<{name}>"


def _shows(value: object, spec: str, out: str) -> bool:
    return format(value, spec) in out or repr(value) in out


# ---------------------------------------------------------------- catalogue


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_entry_formats_in_both_languages(code: str) -> None:
    t = CATALOGUE[code]
    params: dict[str, Any] = {name: _dummy(name, spec) for name, spec in _all_fields(t).items()}
    msg = say(code, **params)
    assert isinstance(msg, Msg)
    for template, out in (
        (t.en, msg.en),
        (t.zh, msg.zh),
        (t.hint_en, msg.hint),
        (t.hint_zh, msg.hint_zh),
    ):
        assert bool(template) == bool(out), code
        for name, spec in _fields(template).items():
            assert _shows(params[name], spec, out), f"{code}: {{{name}}} missing from {out!r}"
        assert "{" not in out.replace("{rank: N, of: M}", ""), f"{code}: unfilled {out!r}"


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_template_has_english_and_chinese(code: str) -> None:
    t = CATALOGUE[code]
    assert t.en.strip(), code
    assert t.zh.strip(), code
    if re.search("[A-Za-z]", re.sub(r"\{[^}]*\}", "", t.en)):
        assert HAN.search(t.zh), f"{code}: the Chinese text has no Chinese character: {t.zh!r}"
    else:  # punctuation only (a joiner, brackets): Chinese takes full-width marks
        assert HAN.search(t.zh) or re.search("[\u3000-\u303f\uff00-\uffef]", t.zh), code
    assert bool(t.hint_en) == bool(t.hint_zh), f"{code}: a hint in one language only"
    if t.hint_zh:
        assert HAN.search(t.hint_zh), f"{code}: the Chinese hint has no Chinese character"
    assert "hint" not in _all_fields(t), f"{code}: {{hint}} clashes with say(hint=...)"


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_placeholders_agree_between_the_languages(code: str) -> None:
    t = CATALOGUE[code]
    en, zh = set(_fields(t.en)), set(_fields(t.zh))
    assert en - ZH_DROPS.get(code, set()) == zh - ZH_ADDS.get(code, set()), code
    assert set(_fields(t.hint_en)) == set(_fields(t.hint_zh)), code


def test_the_placeholder_exceptions_are_still_needed() -> None:
    for code, dropped in ZH_DROPS.items():
        assert dropped <= set(_fields(CATALOGUE[code].en)) - set(_fields(CATALOGUE[code].zh))
    for code, added in ZH_ADDS.items():
        assert added <= set(_fields(CATALOGUE[code].zh)) - set(_fields(CATALOGUE[code].en))


def test_codes_are_stable_identifiers() -> None:
    for code in CATALOGUE:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", code), code


def test_unknown_code_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        say("no_such_message_code")


def test_a_msg_parameter_is_filled_in_each_language() -> None:
    words = either([say("type_number"), say("type_null")])
    msg = say("wrong_type", value=say("value_list"), words=words)
    assert msg.en == "a list should be a number or empty"
    assert msg.zh == "列表 应为数字或空值"


def test_a_hint_given_to_say_replaces_the_template_hint() -> None:
    msg = say("unknown_key", key="amout", hint=say("did_you_mean", word="amount"))
    assert (msg.en, msg.hint) == ("unknown key 'amout'", "did you mean 'amount'?")
    assert (msg.zh, msg.hint_zh) == ("未知的键 'amout'", "是否想写 'amount'？")
    own = say("missing_key", key="label")
    assert (own.hint, own.hint_zh) == ("add it", "请补上")


def test_problem_from_msg_carries_both_languages() -> None:
    msg = say("duplicate_key", key="a", line=1)
    problem = Problem.from_msg(msg, "x.yaml", 3, 1, path=("a",), severity=Severity.WARNING)
    assert str(problem) == (
        "x.yaml:3:1: warning: /a: duplicate key 'a': it is already set on line 1 "
        "(keep one of the two; YAML would silently keep only the last)"
    )
    assert problem.text("zh") == (
        "x.yaml:3:1: 警告: /a: 重复的键 'a'：第 1 行已设置（请只保留一个；否则 YAML 会悄悄只保留后一个）"
    )


# --------------------------------------------------------------- end to end


def _all_coded(problems: tuple[Problem, ...] | list[Problem]) -> None:
    """Every problem names its catalogue entry, and its text is that entry's."""
    for p in problems:
        assert p.code in CATALOGUE, f"no code: {p}"


def _all_bilingual(problems: tuple[Problem, ...] | list[Problem]) -> None:
    assert problems
    for p in problems:
        assert p.message_zh, f"no Chinese for: {p}"
        assert HAN.search(p.text("zh")), p.text("zh")
        assert bool(p.hint) == bool(p.hint_zh), p
        assert str(p) == p.text("en")
        assert p.text("zh") != p.text("en")


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_every_broken_rulebook_reads_in_chinese(path: Path) -> None:
    with pytest.raises(RulebookError) as info:
        load_rulebook(path)
    _all_bilingual(info.value.problems)
    _all_coded(info.value.problems)


@pytest.mark.parametrize(
    ("case", "english", "chinese"),
    [
        (
            "unknown_key_misspelt",
            "unknown key 'amout' (did you mean 'amount'?)",
            "未知的键 'amout'（是否想写 'amount'？）",
        ),
        (
            "item_cap_above_row_points",
            ":79:18: /indicators/0/rows/1/items/0/cap: 6 is above the row's 5 points",
            ":79:18: /indicators/0/rows/1/items/0/cap: 第 3 项的上限 6 分超过了该栏分值 5 分",
        ),
        (
            "duplicate_key",
            "duplicate key 'cap': it is already set on line 79",
            "重复的键 'cap'：第 79 行已设置",
        ),
        ("empty", "the file is empty (it must hold a mapping of keys to values)", "文件为空"),
        ("wrong_type_text_for_number", "'five' should be a number", "'five' 应为数字"),
        ("unknown_measure", "unknown measure 'studys'", "未知的计量项 'studys'"),
        ("rows_points_mismatch", "add up to 15, not 20", "各栏分值合计 15 分，而不是 20 分"),
    ],
)
def test_broken_rulebook_in_both_languages(case: str, english: str, chinese: str) -> None:
    with pytest.raises(RulebookError) as info:
        load_rulebook(CASES / "broken_rulebooks" / f"{case}.yaml")
    assert any(english in str(p) for p in info.value.problems), str(info.value)
    assert any(chinese in p.text("zh") for p in info.value.problems), [
        p.text("zh") for p in info.value.problems
    ]


def test_a_warning_reads_in_chinese(tmp_path: Path) -> None:
    text = (CASES / "minimal_rulebook.yaml").read_text(encoding="utf-8")
    spare_measure = "measures:\n  - key: spare\n    label: 备用\n    kind: count\n"
    path = tmp_path / "rb.yaml"
    path.write_text(text.replace("measures:\n", spare_measure, 1), encoding="utf-8")
    _, warnings = load_rulebook_with_warnings(path)
    _all_bilingual(warnings)
    _all_coded(warnings)
    spare = next(w for w in warnings if w.code == "measure_unused")
    assert spare.text("zh").split(": ", 2)[1:] == [
        "警告",
        "/measures/0/key: 计量项 'spare' 没有被任何情形使用",
    ]
    assert str(spare).endswith(
        ": warning: /measures/0/key: measure 'spare' is not used by any situation"
    )


def test_a_broken_ledger_reads_in_chinese(tmp_path: Path, rulebook: Rulebook) -> None:
    path = tmp_path / "ledger.yaml"
    path.write_text(
        "records:\n"
        "  - {item: 22, situation: x}\n"
        "  - {item: 1, situation: criticism, tier: centrl}\n"
        "  - {item: 1, situation: criticism, tier: city, cuont: 2}\n"
        "measures:\n"
        "  satisfaction_rate: 1.2\n",
        encoding="utf-8",
    )
    with pytest.raises(FactsError) as info:
        load_facts(path, rulebook)
    # The schema's complaint comes with the rulebook's, each at its own line.
    cuont = next(p for p in info.value.problems if p.path == ("records", 2, "cuont"))
    assert str(cuont).endswith(
        "ledger.yaml:4:49: /records/2/cuont: unknown key 'cuont' (did you mean 'count'?)"
    )
    assert cuont.text("zh").endswith(
        "ledger.yaml:4:49: /records/2/cuont: 未知的键 'cuont'（是否想写 'count'？）"
    )
    path.write_text(
        "records:\n"
        "  - {item: 22, situation: x}\n"
        "  - {item: 1, situation: criticism, tier: centrl}\n"
        "measures:\n"
        "  satisfaction_rate: 1.2\n",
        encoding="utf-8",
    )
    with pytest.raises(FactsError) as info:
        load_facts(path, rulebook)
    problems = info.value.problems
    _all_bilingual(problems)
    english = [str(p).split(": ", 1)[1] for p in problems]
    chinese = [p.text("zh").split(": ", 1)[1] for p in problems]
    assert english == [
        "/records/0/item: there is no item 22 (items are 1–21)",
        "/records/1/tier: 'criticism' has no tier 'centrl' (did you mean 'central'?)",
        "/measures/satisfaction_rate: 'satisfaction_rate' is a rate: give a number from 0 to 1 (90% is 0.9)",
    ]
    assert chinese == [
        "/records/0/item: 没有第 22 项（项的编号是 1–21）",
        "/records/1/tier: 'criticism' 没有档次 'centrl'（是否想写 'central'？）",
        "/measures/satisfaction_rate: 'satisfaction_rate' 是比率：请写 0 到 1 之间的数（90% 写作 0.9）",
    ]


def test_unreadable_text_reads_in_chinese(tmp_path: Path, rulebook: Rulebook) -> None:
    path = tmp_path / "ledger.yaml"
    path.write_bytes(b"unit: \xff\n")
    with pytest.raises(FactsError) as info:
        load_facts(path, rulebook)
    (problem,) = info.value.problems
    assert "not valid UTF-8 (byte 0xff at offset 6) (save the file as UTF-8)" in str(problem)
    assert (
        "不是有效的 UTF-8 编码（偏移 6 处的字节 0xff）（请把文件另存为 UTF-8 编码）"
        in problem.text("zh")
    )
    with pytest.raises(FactsError) as info:
        load_facts(tmp_path / "missing.yaml", rulebook)
    assert info.value.problems[0].text("zh").endswith(": /: 文件不存在（请检查路径）")


def test_python_ledgers_and_the_engine_read_in_chinese(rulebook: Rulebook) -> None:
    with pytest.raises(FactsError) as info:
        load_facts({"awards": [{"level": "nationl", "scope": "single"}]}, rulebook)
    _all_bilingual(info.value.problems)
    assert info.value.problems[0].text("zh") == (
        "<ledger>: /awards/0/level: 未知的表彰级别 'nationl'（现有：central, provincial）"
    )
    unchecked = Ledger.model_validate({"records": [{"item": 99, "situation": "x"}]})
    with pytest.raises(FactsError) as info:
        evaluate(rulebook, unchecked)
    _all_bilingual(info.value.problems)
    assert str(info.value.problems[0]) == (
        "<ledger>: /records/0/item: there is no item 99 (items are 1–21)"
    )
    assert (
        info.value.problems[0].text("zh")
        == "<ledger>: /records/0/item: 没有第 99 项（项的编号是 1–21）"
    )


def test_source_errors_read_in_chinese() -> None:
    cases = {
        "": "文件为空",
        "a: 1\na: 2\n": "重复的键 'a'：第 1 行已设置",
        "a: &x 1\nb: *x\n": "不允许使用锚点和别名",
        "a: １２\n": "'１２' 用了全角数字（请改用半角数字 12）",
        "a: !!python/object:os.system x\n": "不允许使用标签",
        "a: [1\n": "不是有效的 YAML：",
    }
    for text, chinese in cases.items():
        with pytest.raises(RulebookError) as info:
            parse_rulebook(text, "x.yaml")
        _all_bilingual(info.value.problems)
        assert chinese in info.value.problems[0].text("zh"), info.value.problems[0].text("zh")


# ---------------------------------------------- no message outside the catalogue


def _stringy(node: ast.AST) -> bool:
    """Is this expression text written at the call site (a literal, f-string or sum of them)?"""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _stringy(node.left) or _stringy(node.right)
    if isinstance(node, ast.IfExp):
        return _stringy(node.body) or _stringy(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return _stringy(node.func.value)  # "…".format(…), ", ".join(…)
    return False


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        owner = func.value.id if isinstance(func.value, ast.Name) else ""
        return f"{owner}.{func.attr}"
    return ""


# Calls that build a problem → the positions of their message argument (None: every one).
_BUILDERS: dict[str, tuple[int, ...] | None] = {
    "Problem": (0,),
    "Problem.from_msg": (0,),
    "Msg": None,
    "self.fail": (2,),
    "self.error": (1,),
    "self.warn": (1,),
}
_TEXT_KEYWORDS = {"message", "hint", "message_zh", "hint_zh", "msg", "en", "zh"}


def bare_messages(source: str) -> list[str]:
    """Every place in ``source`` that builds a problem from text instead of ``say(...)``."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            builder = name in _BUILDERS or name.endswith(".problem")
            # Document.problem(path, message, ...)
            where = _BUILDERS.get(name, (1,))
            if builder:
                args = [a for i, a in enumerate(node.args) if where is None or i in where]
                kws = [k.value for k in node.keywords if k.arg in _TEXT_KEYWORDS]
                if any(_stringy(a) for a in [*args, *kws]):
                    found.append(f"line {node.lineno}: {name}(...) with a bare message")
            if name.endswith(".append"):
                tuples = [a for a in node.args if isinstance(a, ast.Tuple)]
                found += _found_tuples(tuples)
        elif isinstance(node, ast.Return | ast.AugAssign) and node.value is not None:
            value = node.value
            items = value.elts if isinstance(value, ast.List) else [value]
            found += _found_tuples([t for t in items if isinstance(t, ast.Tuple)])
    return found


def _path_like(node: ast.expr) -> bool:
    """A document path: a tuple written out, or a name that says it is one."""
    if isinstance(node, ast.Tuple):
        return True
    return isinstance(node, ast.Name) and ("path" in node.id or node.id == "where")


def _found_tuples(tuples: list[ast.Tuple]) -> list[str]:
    # A found tuple is (path, message, …): a path first, then no written text.
    # (Other tuples, such as (limit, "row", None), are not problems.)
    return [
        f"line {t.lineno}: found tuple with a bare message"
        for t in tuples
        if t.elts and _path_like(t.elts[0]) and any(_stringy(e) for e in t.elts[1:])
    ]


# Modules that build problems and must stay checked (one per layer at least).
CONVERTED = {
    "errors.py",
    "source/_yaml.py",
    "source/_files.py",
    "source/_schema.py",
    "source/_python.py",
    "rulebook/_semantics.py",
    "ledger/_fit.py",
    "ledger/_fitted.py",
    "scoring/_engine.py",
    "cli/_common.py",
}


def _modules() -> dict[str, str]:
    """Every source module but the catalogue's own parts, by path under the package."""
    modules = {}
    for path in sorted(SRC.rglob("*.py")):
        name = path.relative_to(SRC).as_posix()
        if name.startswith("messages/"):
            continue
        modules[name] = path.read_text(encoding="utf-8")
    return modules


def _problem_modules() -> dict[str, str]:
    return {
        name: text
        for name, text in _modules().items()
        if re.search(r"\bProblem\b|\bFound\b|\bsay\(", text)
    }


def test_the_check_finds_bare_messages() -> None:
    bad = """
Problem("no such file", file)
Problem(f"file is {size} bytes", file, hint="split it")
Problem.from_msg(msg, file, hint="x")
doc.problem(path, "unknown key " + repr(key))
self.fail(node, path, "tag is not allowed", "remove the tag")
self.error(path, f"row {n} should be numbered {m}")
self.warn(path, "caps add up to " + str(x))
found.append((path, "there is no item", ""))
found.append(((*path, "tier"), f"{k!r} has no tier", hint))
return [(("awards",), "this rulebook has no bonus rule", "remove the awards")]
found += [(path, "a rate has at most 10 decimal places", "")]
Msg("text", "文字")
"""
    assert len(bare_messages(bad)) == bad.strip().count("\n") + 1
    good = """
Problem.from_msg(say("no_such_file"), file)
Problem(problems)
doc.problem(path, msg, key=True)
doc.problem(("a", "b"), say("unknown_key", key=key, hint=_suggest(key, allowed)))
self.error(("effective", "end"), say("period_reversed", end=end))
found.append((("period", "end"), say("period_reversed", end=end)))
return [(("awards",), say("no_bonus_rule"))]
return ("a", "b")
"""
    assert bare_messages(good) == []
    assert bare_messages('bounds.append((cap.limit, "row", None))') == []


def test_no_problem_is_built_from_a_bare_string() -> None:
    modules = _problem_modules()
    assert set(modules) >= CONVERTED, "a module that builds problems is no longer checked"
    bare = {name: hits for name, text in modules.items() if (hits := bare_messages(text))}
    assert bare == {}, "use say(...) from mofan_rules.messages for these messages"


def _direct_problems(source: str) -> list[int]:
    """Lines that build a Problem by hand (``Problem(...)``), not from a catalogue message."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and _name(node.func) == "Problem"
    ]


def test_every_problem_is_built_from_a_catalogue_message() -> None:
    # Problem.from_msg copies the message's code; a Problem built by hand has none.
    # errors.py keeps one: MofanRulesError("text"), for callers outside the package.
    found = {name: lines for name, text in _modules().items() if (lines := _direct_problems(text))}
    assert set(found) == {"errors.py"}, found
    assert len(found["errors.py"]) == 1


# Calls that take a catalogue code as a literal, and where: name → argument position.
_CODE_ARGS: dict[str, int] = {
    "say": 0,  # say("code", ...)
    "word": 0,  # word("code", lang)
    "self.words": 0,  # the command line's help texts
    "app.words": 0,
    "OutputError": 0,  # the command's output refusals
    "tell": 2,  # tell(args, where, "code")
    "text": 1,  # text(args, "code")
    "app.command": 1,  # app.command(name, "help_code", handler)
    "_refuse": 1,
    "self.fail": 1,  # the drafting layout's fail(where, "code"); elsewhere never a literal
}


def _codes_said(source: str) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        position = _CODE_ARGS.get(_name(node.func))
        if position is None or len(node.args) <= position:
            continue
        arg = node.args[position]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            out.append((node.lineno, arg.value))
    return out


def test_the_code_finder_sees_every_form() -> None:
    source = """
say("a")
word("b", lang)
tell(args, "--out", "c")
text(args, "d", file=x)
raise OutputError("e", input=y)
self.words("f")
app.command("score", "g", score)
say(code)
"""
    assert [c for _, c in _codes_said(source)] == ["a", "b", "c", "d", "e", "f", "g"]


def test_every_code_said_in_the_source_exists() -> None:
    said: dict[str, str] = {}
    for name, text in _modules().items():
        for line, code in _codes_said(text):
            said[code] = f"{name}:{line}"
    assert len(said) > 300  # the finder does find the codes (there are hundreds)
    unknown = {code: where for code, where in said.items() if code not in CATALOGUE}
    assert unknown == {}


def _used_words(text: str) -> tuple[set[str], set[str]]:
    """Every string constant of a module, and the constant starts of its f-strings."""
    constants, prefixes = set(), set()
    for n in ast.walk(ast.parse(text)):
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            constants.add(n.value)
        if isinstance(n, ast.JoinedStr) and n.values and isinstance(n.values[0], ast.Constant):
            prefixes.add(str(n.values[0].value))
    return constants, prefixes


# Entries no module uses yet (report words for what is being built). A newly
# unused entry fails the test below; one that comes into use may leave here.
NOT_YET_USED = {
    "not_for_awards",
    "w_award",
    "w_departments",
    "w_item_short",
    "w_rulebook",
    "w_trail_sheet",
}
# The spreadsheet reader and template are being rewritten (ledger/_sheets/);
# the words of messages/_sheets.py are checked with them, not here.
SHEET_WORDS = set(_sheet_part.ENTRIES)


def test_every_entry_is_used() -> None:
    constants: set[str] = set()
    prefixes: set[str] = set()
    for text in [*_modules().values(), (SRC / "messages" / "__init__.py").read_text("utf-8")]:
        found, starts = _used_words(text)
        constants |= found
        prefixes |= {p for p in starts if p}
    # A code built at the site (word(f"w_group_{by}")) is used when its start is.
    unused = {c for c in CATALOGUE if c not in constants and not c.startswith(tuple(prefixes))}
    unused -= SHEET_WORDS
    assert unused <= NOT_YET_USED, f"entries no module uses: {sorted(unused - NOT_YET_USED)}"


# ---------------------------------------------------- every problem has its code


def test_every_problem_carries_its_code(tmp_path: Path, rulebook: Rulebook) -> None:
    problems: list[Problem] = []
    for path in BROKEN:
        try:
            problems += load_rulebook_with_warnings(path)[1]
        except RulebookError as exc:
            problems += exc.problems
    ledgers = {
        "bad.yaml": b"records:\n  - {item: 22, situation: x}\n  - {item: 1, situation: c, cuont: 2}\n",
        "utf.yaml": b"unit: \xff\n",
        "alias.yaml": b"a: &x 1\nb: *x\n",
        "deep.json": b"[" * 100 + b"]" * 100,
        "big.csv": b"x" * (3 * 1024 * 1024),
        "extra.yaml": b"colour: 1\nshape: 2\nsize: 3\n",
    }
    for name, raw in ledgers.items():
        (tmp_path / name).write_bytes(raw)
        with pytest.raises(LedgerError) as info:
            load_facts(tmp_path / name, rulebook)
        problems += info.value.problems
    bad_data: tuple[Any, ...] = (
        {1: 2},
        {"unit": "\x00"},
        {"unit": "\ud800"},
        {"measures": {"x": 10**5000}},
    )
    for data in bad_data:
        with pytest.raises(LedgerError) as info:
            load_facts(data, rulebook)
        problems += info.value.problems
    with pytest.raises(LedgerError) as info:
        load_facts(tmp_path / "missing.yaml", rulebook)
    problems += info.value.problems
    assert len(problems) > 50
    _all_coded(problems)
    _all_bilingual(problems)
    # The command's own lines come from the catalogue too: each is a Problem's text.
    assert main(["--lang", "zh", "score", str(tmp_path / "extra.yaml")]) == 1
