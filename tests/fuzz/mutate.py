"""Inputs for fuzzing: the shipped files, mutated as text, as bytes and as data.

Every generator takes a :class:`random.Random` and nothing else, so an input
is reproduced from its seed alone (the long campaign records seeds, the short
one lets hypothesis drive a ``Random``). The seeds are the shipped rulebook,
the small test rulebooks, the pattern and genre rulebooks, the example
ledgers, the ledgers inside every cases file, and the cases files themselves;
ledgers and rulebooks are also written as JSON. (Spreadsheet ledgers are
fuzzed by scripts/fuzz_sheets.py.)

What is tried (``docs/reliability.md`` lists it for readers):

* data mutations of the parsed document: keys deleted, misspelt and
  duplicated, values swapped for another type, numbers made huge, negative,
  NaN, Infinity, ``1e400``, full-width and Chinese numerals, strings where
  numbers belong, lists repeated, values nested deeply, subtrees grafted
  elsewhere; then written back as block YAML, flow YAML or JSON, keys in any
  order;
* text mutations: lines deleted, duplicated, swapped, re-indented, tabs;
  values replaced by nasty scalars; keys misspelt; tokens inserted (tags,
  anchors, aliases, merges, quotes, brackets, directives, document markers);
  truncation; CRLF and lone CR line ends; a BOM; blocks repeated;
* byte mutations: bit flips, invalid UTF-8 (stray continuation bytes,
  overlong forms, encoded surrogates, a multi-byte character cut short), NUL
  bytes, other encodings (UTF-16, GB18030, Latin-1), BOMs of every kind;
* hostile documents: alias bombs, nesting thousands deep, ``!!python/...``
  payloads that would create a marker file if run, empty, blank and
  comment-only files, several documents, a file just over the size limit.
"""

from __future__ import annotations

import json
import random
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from mofan_rules.source import DEFAULT_MAX_BYTES, parse_document

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"

# A `!!python/...` payload that ran would create this file (checked after every input).
MARKER = str(Path(tempfile.gettempdir()) / "mofan-fuzz-executed")


# ---------------------------------------------------------------- seeds


@dataclass(frozen=True, slots=True)
class Seed:
    """A valid file to start mutating from."""

    name: str
    kind: str  # rulebook | ledger | cases
    text: str
    data: Any
    rulebook: Path | None = None  # what a ledger or cases file is read against


SHIPPED = ROOT / "rulebooks" / "shifulian-2026.yaml"


def _corpus() -> list[Path]:
    """The format-2 rulebooks of the pattern and genre corpora (each may have its cases)."""
    found = []
    for folder in (TESTS / "cases" / "patterns", ROOT / "rulebooks" / "genre"):
        found += [p for p in sorted(folder.glob("*.yaml")) if not p.name.endswith(".cases.yaml")]
    return found


@cache
def seeds() -> tuple[Seed, ...]:
    """Every seed: rulebooks, ledgers (examples and the cases' ledgers) and cases files.

    Rulebooks: the shipped one, the two small test rulebooks (format 1, read
    through the migration) and the pattern and genre corpora (format 2).
    Ledgers: the examples, and the ledger of every case of every cases file,
    each with the rulebook it is read against.
    """
    out: list[Seed] = []

    def add(path: Path, kind: str, rulebook: Path | None = None) -> Seed:
        text = path.read_text(encoding="utf-8")
        seed = Seed(path.name, kind, text, parse_document(text, path.name).data, rulebook)
        out.append(seed)
        return seed

    for path in [SHIPPED, TESTS / "cases" / "minimal_rulebook.yaml",
                 TESTS / "cases" / "engine_rulebook.yaml", *_corpus()]:  # fmt: skip
        add(path, "rulebook")
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        add(path, "ledger", SHIPPED)
    for rulebook in [SHIPPED, *_corpus()]:
        path = rulebook.with_name(rulebook.stem + ".cases.yaml")
        if not path.exists():
            continue
        cases = add(path, "cases", rulebook)
        for i, case in enumerate(cases.data["cases"]):
            ledger = case["ledger"]
            name = f"case-{rulebook.stem}-{i}.yaml"
            out.append(Seed(name, "ledger", to_yaml(ledger), ledger, rulebook))
    return tuple(out)


def seeds_of(kind: str) -> list[Seed]:
    """The seeds of one kind."""
    return [s for s in seeds() if s.kind == kind]


# ------------------------------------------------------------- emitters


class Raw(str):
    """A scalar written into YAML or JSON exactly as it is (``1e400``, ``.nan``, ``!!python/…``)."""

    __slots__ = ()


_PLAIN = re.compile(r"[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff〔〕（）、，。．· -]*\Z")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}


def number_text(value: Decimal, style: str = "plain") -> str:
    """A decimal written one of several equal ways: ``0.5``, ``0.50``, ``.5``, ``5E-1``."""
    text = "0" if value == 0 else format(value.normalize(), "f")
    if style == "padded":
        text = text + "0" if "." in text else text + ".0"
    elif style == "dot" and text.startswith(("0.", "-0.")):
        text = text.replace("0.", ".", 1)
    elif style == "exp":
        text = f"{value.normalize():E}".replace("E+0", "E0")
    return text


def _scalar(value: Any, numbers: Callable[[Decimal], str], *, json_style: bool) -> str:
    if isinstance(value, Raw):
        return str(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return numbers(value)
    text = str(value)
    if (
        not json_style
        and _PLAIN.match(text)
        and text.lower() not in _RESERVED
        and not text.endswith((" ", "-"))
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def _key(key: Any, *, json_style: bool) -> str:
    if isinstance(key, Raw):
        return str(key)
    if json_style:
        return json.dumps(str(key), ensure_ascii=False)
    if isinstance(key, int) and not isinstance(key, bool):
        return str(key)
    text = str(key)
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", text) and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


def to_json(
    data: Any,
    *,
    numbers: Callable[[Decimal], str] = number_text,
    indent: int | None = 2,
    _level: int = 0,
) -> str:
    """Plain data as JSON, numbers written by ``numbers`` (exact, never through a float)."""
    pad = "" if indent is None else "\n" + " " * (indent * (_level + 1))
    end = "" if indent is None else "\n" + " " * (indent * _level)
    if isinstance(data, dict) and not isinstance(data, Raw):
        if not data:
            return "{}"
        parts = [
            f"{pad}{_key(k, json_style=True)}: "
            f"{to_json(v, numbers=numbers, indent=indent, _level=_level + 1)}"
            for k, v in data.items()
        ]
        return "{" + ",".join(parts) + end + "}"
    if isinstance(data, list):
        if not data:
            return "[]"
        parts = [
            f"{pad}{to_json(v, numbers=numbers, indent=indent, _level=_level + 1)}" for v in data
        ]
        return "[" + ",".join(parts) + end + "]"
    return _scalar(data, numbers, json_style=True)


def to_flow(data: Any, *, numbers: Callable[[Decimal], str] = number_text) -> str:
    """Plain data as one line of flow YAML (plain scalars where they read back the same)."""
    if isinstance(data, dict) and not isinstance(data, Raw):
        inner = ", ".join(
            f"{_key(k, json_style=False)}: {to_flow(v, numbers=numbers)}" for k, v in data.items()
        )
        return "{" + inner + "}"
    if isinstance(data, list):
        return "[" + ", ".join(to_flow(v, numbers=numbers) for v in data) + "]"
    text = _scalar(data, numbers, json_style=False)
    # Plain scalars in flow context must not hold flow indicators.
    if not isinstance(data, Raw) and any(c in text for c in ",[]{}") and not text.startswith('"'):
        return json.dumps(text, ensure_ascii=False)
    return text


def to_yaml(data: Any, *, numbers: Callable[[Decimal], str] = number_text, indent: int = 2) -> str:
    """Plain data as block YAML."""
    lines = _block(data, 0, numbers, indent)
    return "\n".join(lines) + "\n"


def _block(data: Any, at: int, numbers: Callable[[Decimal], str], step: int) -> list[str]:
    pad = " " * at
    if isinstance(data, dict) and not isinstance(data, Raw):
        if not data:
            return [pad + "{}"]
        lines: list[str] = []
        for k, v in data.items():
            key = _key(k, json_style=False)
            if isinstance(v, dict | list) and v:
                lines.append(f"{pad}{key}:")
                lines += _block(v, at + step, numbers, step)
            else:
                lines.append(f"{pad}{key}: {to_flow(v, numbers=numbers)}")
        return lines
    if isinstance(data, list):
        if not data:
            return [pad + "[]"]
        lines = []
        for v in data:
            if isinstance(v, dict) and v:
                inner = _block(v, at + 2, numbers, step)
                inner[0] = pad + "- " + inner[0][at + 2 :]
                lines += inner
            elif isinstance(v, list) and v:
                lines.append(f"{pad}- {to_flow(v, numbers=numbers)}")
            else:
                lines.append(f"{pad}- {to_flow(v, numbers=numbers)}")
        return lines
    return [pad + to_flow(data, numbers=numbers)]


# ------------------------------------------------------------- nasty values

NASTY_TEXT = [
    "0",
    "-1",
    "-0",
    "+5",
    "-0.5",
    "100001",
    "1e400",
    "-1e400",
    "1e-400",
    "1E+999999999",
    "1e-999999999",
    "9" * 30,
    "9" * 5000,
    "-" + "9" * 400,
    "0." + "0" * 300 + "1",
    "1." + "0" * 200,
    "0.1234567890123456789012345678901234567890123456789012345678901234567",
    "0.00000000001",
    ".nan",
    ".NaN",
    "NaN",
    "nan",
    ".inf",
    "-.inf",
    "+.inf",
    "Infinity",
    "-Infinity",
    "inf",
    "１２",
    "０．５",
    "－１",
    "十二",
    "五",
    "〇",
    "两",
    "百分之九十五",
    "95%",
    "0,5",
    "1 000",
    "1_000",
    "0x1F",
    "0o17",
    "0b101",
    "1:30",
    "017",
    ".5",
    "0.50",
    "5.",
    '"five"',
    "'0.5'",
    '"12"',
    "five",
    "yes",
    "no",
    "on",
    "null",
    "~",
    "",
    "true",
    "false",
    "True",
    "[]",
    "{}",
    "[1, 2]",
    "{a: 1}",
    "[[[[[[[[]]]]]]]]",
    "2026-02-30",
    "2026-13-01",
    "99999-01-01",
    "2026-1-1",
    "0000-00-00",
    "2026-01-01T10:00:00",
    "!!python/object/apply:os.system ['true']",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!!timestamp 2026-01-01",
    "!!float '1'",
    "!!float nan",
    "!!int '1'",
    "!!int ten",
    "!!str 5",
    "!!bool yes",
    "!!null x",
    "!custom x",
    "!<tag:example.com,2000:x> 1",
    "&anchor 1",
    "*anchor",
    "<<: {a: 1}",
    '"\\ud800"',
    '"\\x00"',
    '"\\u202e"',
    '"\\U0001F600"',
    '"\\N\\_\\L\\P"',
    "😀",
    "\u202e",
    "\u2028",
    "\x85",
    "a\tb",
    "'",
    '"',
    "{",
    "[",
    "]",
    "}",
    "|",
    ">",
    "|-\n  x",
    "- x",
    "? x",
    "@x",
    "`x`",
    "%x",
    "#x",
    ": x",
    "x: y: z",
    "x" * 100_000,
    "中" * 20_000,
]

KEY_TYPOS = ["amout", "situaton", "tiers", "Count", "ITEM", "count ", " item", "条目", "measure"]

TOKENS = [
    "!!python/object/apply:os.system ['true']",
    "!!python/object/new:builtins.object []",
    "!!python/name:builtins.eval",
    "!!python/module:os",
    "!python/x",
    "&a ",
    "*a",
    "<<: *a\n",
    "<<: {}\n",
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    ",",
    ": ",
    "- ",
    "? ",
    "\t",
    "\n",
    "\r",
    "#",
    "|",
    ">",
    "%YAML 1.1\n---\n",
    "%TAG !p! tag:yaml.org,2002:python/\n---\n",
    "---\n",
    "...\n",
    "\ufeff",
    "\x00",
    "\x7f",
    "\x1b[31m",
    "\u200b",
    "\u2028",
    "\x85",
    "\\",
    "@",
    "`",
    "１",
    "．",
]

BAD_BYTES = [
    b"\xff",
    b"\xfe",
    b"\x80",
    b"\xc3",
    b"\xc0\xaf",
    b"\xe0\x80\xaf",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\xe4\xb8",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\r",
    b"\x1a",
]

TOO_BIG = DEFAULT_MAX_BYTES + 65536

BOMS = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"]


# ---------------------------------------------------------- data mutations


def _paths(data: Any, path: tuple[Any, ...] = (), out: list[tuple[Any, ...]] | None = None) -> Any:
    out = [] if out is None else out
    out.append(path)
    if isinstance(data, dict):
        for k, v in data.items():
            _paths(v, (*path, k), out)
    elif isinstance(data, list):
        for i, v in enumerate(data):
            _paths(v, (*path, i), out)
    return out


def _copy(data: Any) -> Any:
    if isinstance(data, dict) and not isinstance(data, Raw):
        return {k: _copy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_copy(v) for v in data]
    return data


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _replace(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = _get(data, path[:-1])
    parent[path[-1]] = value
    return data


def _misspell(rng: random.Random, word: str) -> str:
    if not word:
        return rng.choice(KEY_TYPOS)
    i = rng.randrange(len(word))
    how = rng.randrange(8)
    if how == 0:
        return word[:i] + word[i + 1 :]
    if how == 1 and len(word) > 1:
        j = min(i + 1, len(word) - 1)
        chars = list(word)
        chars[i], chars[j] = chars[j], chars[i]
        return "".join(chars)
    if how == 2:
        return word[:i] + word[i] + word[i:]
    if how == 3:
        return word.upper()
    if how == 4:
        return word + rng.choice(["s", " ", "_", "1", "。", "："])
    if how == 5:
        return word[:i] + rng.choice("ａｂｃ中 -") + word[i:]
    if how == 6:
        return rng.choice(KEY_TYPOS)
    return word.replace("_", "-") if "_" in word else word + "_"


def nasty_value(rng: random.Random, old: Any = None) -> Any:
    """A value of the wrong type, range or form, often derived from ``old``."""
    how = rng.randrange(10)
    if how <= 3:
        return Raw(rng.choice(NASTY_TEXT))
    if how == 4 and isinstance(old, int | Decimal) and not isinstance(old, bool):
        return rng.choice([str(old), -old, old * 10 ** rng.randrange(1, 40), Decimal(old) / 3])
    if how == 5 and isinstance(old, str):
        return rng.choice([Raw(old + ": x"), old * rng.randrange(2, 2000), "", old.upper()])
    if how == 6:
        return rng.choice([None, True, False, [], {}, [old], {"x": old}, 0, -1, Decimal("0.5")])
    if how == 7:
        depth = rng.choice([5, 39, 40, 41, 60, 200])
        value: Any = old
        for _ in range(depth):
            value = [value] if rng.random() < 0.5 else {"a": value}
        return value
    if how == 8 and isinstance(old, dict) and old:
        return list(old.values())
    if how == 8 and isinstance(old, list) and old:
        return {str(i): v for i, v in enumerate(old)}
    return rng.choice(
        [
            Decimal("1e400"),
            Decimal("-1"),
            10**25,
            Decimal("NaN"),
            Decimal("0.1") ** 30,
            "1",
            "0.5",
            "１",
            "十",
            Raw("!!python/object/apply:os.system ['true']"),
        ]
    )


WORDS = ["criticism", "city", "central", "provincial", "non_city_managed", "self_reported",
         "single", "comprehensive", "satisfaction_rate", "monthly_studies", "x", "a_b"]  # fmt: skip


def plausible_value(rng: random.Random, old: Any) -> Any:
    """A value of the right type that may not fit the rulebook: item 22, a tier it lacks, 10 000 times."""
    if isinstance(old, bool):
        return not old
    if isinstance(old, int):
        return rng.choice([0, 1, 2, 3, 5, 12, 21, 22, 99, 1000, 10_000, 10_001, 100_000, old + 1])
    if isinstance(old, Decimal):
        return rng.choice(
            [Decimal(0), Decimal(1), Decimal("0.5"), Decimal("0.999"), Decimal("1.0000000001"),
             Decimal("0.12345678901"), Decimal("100000"), old * 2, old / 4]
        )  # fmt: skip
    if isinstance(old, str):
        return rng.choice([_misspell(rng, old).lower(), rng.choice(WORDS), old + "_2"])
    if isinstance(old, list):
        return old * rng.choice([0, 2, 3])
    return old


def plausible_data(rng: random.Random, data: Any, rounds: int = 1) -> Any:
    """Values replaced by others of the right type (a ledger pydantic accepts, the rulebook may not)."""
    data = _copy(data)
    for _ in range(rounds):
        path = rng.choice(_paths(data))
        if path:
            data = _replace(data, path, plausible_value(rng, _get(data, path)))
    return data


def mutate_data(rng: random.Random, data: Any, rounds: int = 1) -> Any:
    """Apply ``rounds`` random structural mutations to a copy of plain data.

    Deep nesting grafted into deep nesting can outgrow Python's recursion
    limit here, in the generator; then the data is left as it was so far.
    """
    try:
        return _mutate_data(rng, data, rounds)
    except RecursionError:
        return _copy(data)


def _mutate_data(rng: random.Random, data: Any, rounds: int) -> Any:
    data = _copy(data)
    for _ in range(rounds):
        paths = _paths(data)
        path = rng.choice(paths)
        node = _get(data, path)
        how = rng.randrange(11)
        if how == 0 and path:  # delete a key or an entry
            parent = _get(data, path[:-1])
            del parent[path[-1]]
        elif how == 1 and path and isinstance(path[-1], str):  # misspell a key
            parent = _get(data, path[:-1])
            new = _misspell(rng, path[-1])
            items = [(new if k == path[-1] else k, v) for k, v in parent.items()]
            parent.clear()
            parent.update(items)
        elif how == 2 and isinstance(node, list) and node:  # repeat entries
            entry = rng.choice(node)
            # Up to about a megabyte: big enough to matter, small enough to be quick.
            times = min(rng.choice([2, 3, 10, 100, 1000]), 1 + 1_000_000 // len(str(entry)))
            node.extend(_copy(entry) for _ in range(times))
        elif how == 3 and isinstance(node, dict) and node:  # reorder keys
            items = list(node.items())
            rng.shuffle(items)
            node.clear()
            node.update(items)
        elif how == 4:  # graft another part of the document here
            other = _copy(_get(data, rng.choice(paths)))
            data = _replace(data, path, other)
        elif how == 5 and isinstance(node, dict):  # an extra key
            node[rng.choice(KEY_TYPOS)] = nasty_value(rng)
        elif how in (6, 7):  # the right type, maybe not a value the rulebook knows
            data = _replace(data, path, plausible_value(rng, node))
        else:  # a value of the wrong type, range or form
            data = _replace(data, path, nasty_value(rng, node))
    return data


def emit(rng: random.Random, data: Any, suffix: str) -> str:
    """Write plain data back as ``suffix`` (block YAML, flow YAML or JSON), numbers in any form."""
    try:
        return _emit(rng, data, suffix)
    except RecursionError:  # nesting beyond what the emitter recurses through: flat text
        return "records: " + "[" * 2000 + "]" * 2000 + "\n"


def _emit(rng: random.Random, data: Any, suffix: str) -> str:
    style = rng.choice(["plain", "plain", "padded", "dot", "exp"])

    def numbers(value: Decimal) -> str:
        return number_text(value, style)

    if suffix == ".json":
        return to_json(data, numbers=numbers, indent=rng.choice([None, 2, 4]))
    if rng.random() < 0.2:
        return to_flow(data, numbers=numbers) + "\n"
    return to_yaml(data, numbers=numbers, indent=rng.choice([2, 2, 4, 1]))


# ---------------------------------------------------------- text mutations

_VALUE = re.compile(r"^([ \t]*(?:- )?[^:#\n\"']+:[ ]+)([^\n#]*)$", re.MULTILINE)
_KEY = re.compile(r"^([ \t]*(?:- )?)([A-Za-z_][A-Za-z0-9_]*)(:)", re.MULTILINE)


def _lines(text: str) -> list[str]:
    return text.split("\n")


def mutate_text(rng: random.Random, text: str, rounds: int = 1) -> str:
    """Apply ``rounds`` random line and character mutations to YAML/JSON/CSV text."""
    for _ in range(rounds):
        text = text[:TOO_BIG]  # repeated repetitions would grow without bound
        lines = _lines(text)
        n = len(lines)
        i = rng.randrange(n)
        how = rng.randrange(16)
        if how == 0:
            del lines[i]
            text = "\n".join(lines)
        elif how == 1:  # duplicate a line: duplicate keys, repeated entries
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        elif how == 2:
            j = rng.randrange(n)
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif how == 3:  # re-indent
            line = lines[i]
            lines[i] = rng.choice([" ", "  ", "\t", ""]) + line.lstrip(
                " " if rng.random() < 0.5 else ""
            )
            text = "\n".join(lines)
        elif how in (4, 5, 6):  # replace a value with a nasty one
            matches = list(_VALUE.finditer(text))
            if matches:
                m = rng.choice(matches)
                text = text[: m.start(2)] + rng.choice(NASTY_TEXT) + text[m.end(2) :]
        elif how == 7:  # misspell a key
            matches = list(_KEY.finditer(text))
            if matches:
                m = rng.choice(matches)
                text = text[: m.start(2)] + _misspell(rng, m.group(2)) + text[m.end(2) :]
        elif how in (8, 9):  # insert a token
            pos = rng.randrange(len(text) + 1)
            text = text[:pos] + rng.choice(TOKENS) + text[pos:]
        elif how == 10:  # truncate
            text = text[: rng.randrange(len(text) + 1)]
        elif how == 11:  # line ends
            text = text.replace("\n", rng.choice(["\r\n", "\r", "\n\n", "\r\r\n"]))
        elif how == 12:  # repeat a block of lines
            j = min(n, i + rng.randrange(1, 20))
            block = lines[i:j] * rng.choice([2, 5, 50, 500])
            text = "\n".join(lines[:i] + block + lines[j:])
        elif how == 13:  # anchor a value, alias it elsewhere
            matches = list(_VALUE.finditer(text))
            if len(matches) >= 2:
                a, b = sorted(rng.sample(matches, 2), key=lambda m: m.start())
                text = (
                    text[: a.start(2)]
                    + "&x "
                    + text[a.start(2) : b.start(2)]
                    + "*x"
                    + text[b.end(2) :]
                )
        elif how == 14:  # replace one character
            if text:
                pos = rng.randrange(len(text))
                text = text[:pos] + rng.choice(" :-[]{}'\"#&*!|>\t\n0.5中") + text[pos + 1 :]
        else:  # tag a value
            matches = list(_VALUE.finditer(text))
            if matches:
                m = rng.choice(matches)
                tag = rng.choice(["!!python/tuple ", "!!str ", "!!float ", "!!int ", "!x "])
                text = text[: m.start(2)] + tag + text[m.start(2) :]
    return text[:TOO_BIG]


def mutate_bytes(rng: random.Random, raw: bytes, rounds: int = 1) -> bytes:
    """Apply ``rounds`` random byte-level mutations (encodings, invalid UTF-8, NUL, BOM)."""
    data = bytearray(raw)
    for _ in range(rounds):
        how = rng.randrange(8)
        pos = rng.randrange(len(data) + 1)
        if how == 0 and data:  # flip a bit
            pos = min(pos, len(data) - 1)
            data[pos] ^= 1 << rng.randrange(8)
        elif how in (1, 2):
            data[pos:pos] = rng.choice(BAD_BYTES)
        elif how == 3 and data:
            del data[min(pos, len(data) - 1)]
        elif how == 4:  # cut, maybe in the middle of a character
            del data[pos:]
        elif how == 5:
            data[0:0] = rng.choice(BOMS)
        elif how == 6:  # another encoding
            text = bytes(data).decode("utf-8", errors="replace")
            encoding = rng.choice(["utf-16", "utf-16-le", "gb18030", "latin-1", "utf-32"])
            data = bytearray(text.encode(encoding, errors="replace"))
        else:  # a random byte
            data[pos:pos] = bytes([rng.randrange(256)])
    return bytes(data)


# -------------------------------------------------------- hostile documents


def alias_bomb(rng: random.Random) -> str:
    """The billion laughs: each level aliases the previous one ten times."""
    levels = rng.choice([3, 9, 12])
    width = rng.choice([2, 10])
    lines = ['a0: &a0 ["lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels)]
    if rng.random() < 0.5:  # as a rulebook or ledger key, so a loader that expanded it would look
        lines.append(f"records: *a{levels - 1}")
    return "\n".join(lines) + "\n"


def deep_nesting(rng: random.Random) -> str:
    """Lists or maps nested far beyond any real document, in flow or block style."""
    depth = rng.choice([39, 40, 41, 100, 1000, 10_000, 100_000])
    style = rng.randrange(3)
    if style == 0:
        return "records: " + "[" * depth + "]" * depth + "\n"
    if style == 1:
        return "records: " + "{a: " * depth + "1" + "}" * depth + "\n"
    depth = min(depth, 3000)  # block style grows quadratically with depth
    return "".join(" " * i + "a:\n" for i in range(depth)) + " " * depth + "b: 1\n"


def python_payload(rng: random.Random, marker: str) -> str:
    """YAML that would create ``marker`` if a loader constructed Python objects."""
    quoted = json.dumps(marker)
    forms = [
        f"x: !!python/object/apply:builtins.open [{quoted}, w]",
        f"x: !!python/object/apply:os.system ['touch {marker}']",
        f"x: !!python/object/new:builtins.open [{quoted}, w]",
        f"x: !<tag:yaml.org,2002:python/object/apply:builtins.open> [{quoted}, w]",
        f"%TAG !p! tag:yaml.org,2002:python/\n---\nx: !p!object/apply:builtins.open [{quoted}, w]",
        f"records:\n  - !!python/object/apply:builtins.open [{quoted}, w]",
        f"!!python/object/apply:builtins.open [{quoted}, w]",
        f"x: !!python/name:builtins.exec\ny: !!python/object/apply:builtins.exec ['open({quoted}, \"w\")']",
    ]
    return rng.choice(forms) + "\n"


def degenerate(rng: random.Random) -> bytes:
    """Empty, blank, comment-only, scalar-only and multi-document files."""
    return rng.choice(
        [
            b"",
            b" ",
            b"\n\n\n",
            b"\r\n",
            b"# only a comment\n",
            b"---\n",
            b"...\n",
            b"--- \n---\n",
            b"a: 1\n---\nb: 2\n",
            b"null\n",
            b"~",
            b"42\n",
            b"[]\n",
            b"{}\n",
            b"- a\n- b\n",
            b"\xef\xbb\xbf",
            b"\xef\xbb\xbf\xef\xbb\xbf{}\n",
            b"\x00",
            b"\t",
            b'"',
            b"{",
            b"[",
            b"records:\n",
            b"records: []\nrecords: []\n",
        ]
    )


def oversized(rng: random.Random, text: str) -> bytes:
    """A file just over (or just under) the size limit: a valid document padded with a comment."""
    limit = DEFAULT_MAX_BYTES + rng.choice([1, 100, -100])
    raw = text.encode("utf-8")
    pad = max(0, limit - len(raw) - 2)
    return raw + b"\n#" + b"x" * pad


# ------------------------------------------------------------------ inputs


@dataclass(frozen=True, slots=True)
class FuzzInput:
    """One generated file: what it is for, its name's suffix, its bytes and how it was made."""

    kind: str  # rulebook | ledger | cases
    suffix: str  # .yaml | .json
    raw: bytes
    how: str
    rulebook: Path | None = None  # what a ledger or cases file is read against


def generate(rng: random.Random, kind: str, *, marker: str = MARKER) -> FuzzInput:
    """One fuzz input of ``kind``: a seed of that kind, mutated in one or more ways.

    Spreadsheets (CSV, XLSX) are fuzzed by scripts/fuzz_sheets.py; here files
    are YAML or JSON.
    """
    candidates = seeds_of(kind)
    # The shipped rulebook is the real target but is 10× the size of the test ones.
    seed = candidates[0] if kind == "rulebook" and rng.random() < 0.4 else rng.choice(candidates)
    suffixes = {"rulebook": [".yaml", ".json"], "ledger": [".yaml", ".json", ".yml"]}
    weights = {".yaml": 8, ".json": 5, ".yml": 1}
    choices = suffixes.get(kind, [".yaml"])
    suffix = rng.choices(choices, weights=[weights[c] for c in choices])[0]
    plan = rng.choices(
        ["data", "text", "bytes", "data+text", "text+bytes", "hostile"],
        weights=[30, 30, 12, 12, 8, 8],
    )[0]
    rounds = rng.choice([1, 1, 1, 2, 3, 5])
    how = [seed.name, suffix, plan]
    if plan == "hostile":
        which = rng.randrange(6)
        if which == 0:
            raw, name = alias_bomb(rng).encode(), "alias bomb"
        elif which == 1:
            raw, name = deep_nesting(rng).encode(), "deep nesting"
        elif which == 2:
            raw, name = python_payload(rng, marker).encode(), "python tag"
        elif which == 3:
            raw, name = degenerate(rng), "degenerate"
        elif which == 4:
            raw, name = oversized(rng, seed.text), "size limit"
        else:
            text = seed.text.replace("\n", "\r\n") if rng.random() < 0.5 else seed.text
            raw, name = b"\xef\xbb\xbf" + text.encode(), "BOM/CRLF"
        return FuzzInput(kind, suffix, raw, f"{seed.name}: {name}", seed.rulebook)
    if "data" in plan:
        text = emit(rng, mutate_data(rng, seed.data, rounds), suffix)
    elif suffix == ".json":
        text = emit(rng, seed.data, suffix)
    else:
        text = seed.text
    if "text" in plan:
        text = mutate_text(rng, text, rounds)
    raw = text.encode("utf-8", errors="surrogatepass")
    if "bytes" in plan:
        raw = mutate_bytes(rng, raw, rounds)
    how.append(f"x{rounds}")
    # Repeated repetitions can make tens of megabytes; past the limit, size is all that counts.
    return FuzzInput(kind, suffix, raw[:TOO_BIG], " ".join(how), seed.rulebook)
