"""Text to located data: the one place that reads YAML (and JSON) text.

PyYAML's own loaders turn ``0.1`` into a float, keep the last of two duplicate
keys, expand aliases without bound and, unless told otherwise, build Python
objects from tags. Here the text is only *composed* into nodes, and the nodes
are converted by hand: numbers become ``int`` or exact ``Decimal`` from their
text, duplicate keys, tags and aliases are refused, and every value's position
is remembered so later layers can say ``file:line:col``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mofan_rules._text import DocPath, PathPart
from mofan_rules.errors import MofanRulesError, Problem, SourceError
from mofan_rules.messages import Msg, say
from mofan_rules.source._document import Document, Position
from mofan_rules.source._files import DEFAULT_MAX_BYTES

# Real documents nest about six levels deep; this bounds hostile input.
MAX_DEPTH = 40
# A number longer than this, or with a larger exponent, is a paste error or an
# attack: Python will not read a whole number of 4300 digits from text, and
# validating 1e-999999999 takes pydantic minutes.
MAX_NUMBER_CHARS = 100
MAX_EXPONENT = 1000
# A file with more problems than this is reported by its first ones and a line
# saying so: thousands of lines help nobody, and each costs time to work out.
MAX_PROBLEMS = 200

_TAG = "tag:yaml.org,2002:"
_INT = re.compile(r"[-+]?[0-9]+\Z")
_DEC = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_NONFINITE = re.compile(r"[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)\Z")
_FULLWIDTH_DIGITS = re.compile(r"[０-９．]+\Z")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Where YAML breaks lines (libyaml counts positions by these).
_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core-schema scalars, without YAML 1.1's surprises.

    ``yes``/``no``/``on``/``off`` stay strings, ``012`` is twelve, dates stay
    text (pydantic parses them), and ``0.1`` is a decimal, never a float.
    """


_Resolver.add_implicit_resolver(
    _TAG + "bool", re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    _TAG + "null", re.compile(r"(?:~|null|Null|NULL|)\Z"), ["~", "n", "N", ""]
)
_Resolver.add_implicit_resolver(_TAG + "int", _INT, list("-+0123456789"))
_Resolver.add_implicit_resolver(_TAG + "float", _DEC, list("-+0123456789."))
_Resolver.add_implicit_resolver(_TAG + "float", _NONFINITE, list("-+."))

try:  # libyaml is much faster; the pure-Python parser gives the same nodes.
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]

    _POSITION_IN_BYTES = True  # libyaml reports a reader error's position in UTF-8 bytes

    class _Loader(_Parser, _Resolver):  # type: ignore[misc,valid-type,unused-ignore]
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            _Resolver.__init__(self)

except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _POSITION_IN_BYTES = False

    class _Loader(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        _Resolver,
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _Resolver.__init__(self)


def _pos(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


class _Converter:
    """Turns composed YAML nodes into plain data, collecting every problem."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.values: dict[DocPath, Position] = {}
        self.keys: dict[DocPath, Position] = {}
        self.problems: list[Problem] = []
        # Indexes into `problems` of refused aliases, placed at the alias later.
        self.aliases: list[int] = []
        self._seen: set[int] = set()

    def fail(self, node: Node, path: DocPath, msg: Msg) -> None:
        pos = _pos(node)
        self.problems.append(Problem.from_msg(msg, self.file, pos.line, pos.column, path=path))

    def convert(self, node: Node, path: DocPath, depth: int = 0) -> Any:
        if id(node) in self._seen:
            # The composer hands back the very same node for an alias (*x).
            self.aliases.append(len(self.problems))
            self.fail(node, path, say("alias"))
            return None
        self._seen.add(id(node))
        if depth > MAX_DEPTH:
            self.fail(node, path, say("nested_deeper_than", depth=MAX_DEPTH))
            return None
        self.values[path] = _pos(node)
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, SequenceNode):
            if node.tag != _TAG + "seq":
                self.fail(node, path, say("tag_not_allowed", tag=node.tag))
            return [
                self.convert(child, (*path, i), depth + 1) for i, child in enumerate(node.value)
            ]
        if isinstance(node, MappingNode):
            return self.mapping(node, path, depth)
        raise TypeError(node)  # pragma: no cover - PyYAML has only three node kinds

    def mapping(self, node: MappingNode, path: DocPath, depth: int) -> dict[PathPart, Any]:
        if node.tag != _TAG + "map":
            self.fail(node, path, say("tag_not_allowed", tag=node.tag))
        out: dict[PathPart, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _TAG + "merge":
                self.fail(key_node, path, say("key_not_scalar"))
                continue
            key = self.scalar(key_node, path)
            if not isinstance(key, str | int) or isinstance(key, bool):
                self.fail(key_node, path, say("key_not_word", key=key_node.value))
                continue
            child = (*path, key)
            if key in out or child in self.keys:
                first = self.keys[child]
                self.fail(key_node, child, say("duplicate_key", key=key, line=first.line))
                continue
            self.keys[child] = _pos(key_node)
            out[key] = self.convert(value_node, child, depth + 1)
        return out

    def scalar(self, node: ScalarNode, path: DocPath) -> Any:
        tag, text = node.tag, node.value
        if tag == _TAG + "str":
            if _SURROGATE.search(text):
                # JSON writes a character beyond the BMP as a pair of escapes
                # ("\ud842\udfb7"), which YAML reads one half at a time.
                try:
                    text = text.encode("utf-16", "surrogatepass").decode("utf-16")
                except UnicodeDecodeError:
                    self.fail(node, path, say("lone_surrogate"))
                    return None
            if "\x00" in text:  # written as an escape ("\0", "\u0000"): a raw NUL never gets here
                self.fail(node, path, say("nul_in_text"))
                return None
            if not node.style and _FULLWIDTH_DIGITS.match(text):
                ascii_text = text.translate(_FULLWIDTH_TABLE)
                self.fail(node, path, say("fullwidth_digits", text=text, ascii=ascii_text))
            return text
        if tag == _TAG + "int":
            if not _INT.match(text):
                self.fail(node, path, say("int_tag_not_whole", text=text))
                return None
            if len(text) > MAX_NUMBER_CHARS:
                self.fail(node, path, number_out_of_range(text))
                return None
            return int(text)
        if tag == _TAG + "float":
            if _NONFINITE.match(text) or text.lower().lstrip("+-.") in ("nan", "inf", "infinity"):
                self.fail(node, path, say("not_finite", text=text))
                return None
            if not _DEC.match(text):
                self.fail(node, path, say("float_tag_not_number", text=text))
                return None
            try:
                value = Decimal(text)
            except InvalidOperation:  # an exponent beyond what Decimal can hold
                self.fail(node, path, say("invalid_decimal", text=_shorten(text)))
                return None
            if len(text) > MAX_NUMBER_CHARS or out_of_range(value):
                self.fail(node, path, number_out_of_range(text))
                return None
            return value
        if tag == _TAG + "bool":
            if text not in _BOOL_TEXT:
                self.fail(node, path, say("not_bool", text=text))
                return None
            return _BOOL_TEXT[text]
        if tag == _TAG + "null":
            if text not in ("", "~", "null", "Null", "NULL"):
                self.fail(node, path, say("not_null", text=text))
            return None
        self.fail(node, path, say("unknown_tag", tag=tag))
        return None


_BOOL_TEXT = {t: t[0] in "tT" for t in ("true", "True", "TRUE", "false", "False", "FALSE")}


def _shorten(text: str, keep: int = 24) -> str:
    return text if len(text) <= keep else text[: keep - 1] + "…"


def out_of_range(value: Decimal) -> bool:
    """Whether a number has more digits, or a larger exponent, than a file may give one.

    Raises nothing.
    """
    return len(value.as_tuple().digits) > MAX_NUMBER_CHARS or abs(value.adjusted()) > MAX_EXPONENT


def number_out_of_range(text: str) -> Msg:
    """The message for a number too long or too large to read (shortened in the message).

    Raises nothing.
    """
    return say(
        "number_out_of_range", text=_shorten(text), chars=MAX_NUMBER_CHARS, exponent=MAX_EXPONENT
    )


def capped(problems: list[Problem], file: str) -> list[Problem]:
    """At most :data:`MAX_PROBLEMS` problems, then one saying the rest are not shown.

    Raises nothing.
    """
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = Problem.from_msg(say("too_many_problems", limit=MAX_PROBLEMS), file)
    return [*problems[:MAX_PROBLEMS], more]


def line_and_column(text: str) -> tuple[int, int]:
    """The 1-based line and column just after ``text``, counting lines as YAML does.

    Raises nothing.
    """
    lines = _BREAKS.split(text)
    return len(lines), len(lines[-1]) + 1


_FULLWIDTH_TABLE = str.maketrans("０１２３４５６７８９．", "0123456789.")


def _decode(raw: bytes, file: str) -> tuple[str, list[Problem]]:
    body = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Lines as the YAML parser counts them; columns in characters, as an editor shows them.
        line, column = line_and_column(body[: exc.start].decode("utf-8", errors="replace"))
        offset = exc.start + len(raw) - len(body)
        msg = say("not_utf8", byte=raw[offset], offset=offset)
        return "", [Problem.from_msg(msg, file, line, column)]
    return text, []


def _reader_problem(exc: yaml.reader.ReaderError, text: str, file: str) -> Problem:
    """A character YAML does not accept (a control character), at its line and column."""
    if _POSITION_IN_BYTES:
        before = text.encode("utf-8")[: exc.position].decode("utf-8", errors="replace")
    else:  # pragma: no cover - PyYAML built without libyaml
        before = text[: exc.position]
    line, column = line_and_column(before)
    character = exc.character if isinstance(exc.character, int) else ord(exc.character or "?")
    detail = f"unacceptable character #x{character:04x}: {exc.reason}"
    return Problem.from_msg(say("yaml_error", detail=detail), file, line, column)


def _place_aliases(conv: _Converter, text: str) -> None:
    """Move each refused alias's problem from its anchor to the ``*alias`` itself.

    The converter meets aliased nodes in document order, the same order as the
    parser's alias events, so the n-th refusal is the n-th alias. Only runs on
    the error path, so valid files pay nothing for it.
    """
    loader = _Loader(text)
    marks: list[tuple[int, int]] = []
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
                marks.append((event.start_mark.line + 1, event.start_mark.column + 1))
    finally:
        loader.dispose()
    for index, (line, column) in zip(conv.aliases, marks, strict=False):
        old = conv.problems[index]
        conv.problems[index] = replace(old, line=line, column=column)


# A character beyond the BMP as JSON writes it by default: two \\u escapes of
# UTF-16 surrogates (Python's json.dumps, JavaScript). libyaml refuses each half,
# so such a pair is joined into its character first (after an even number of
# backslashes, so an escaped backslash is left alone).
_PAIR_ESCAPE = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", re.IGNORECASE
)


def _join_pair(match: re.Match[str]) -> str:
    high, low = int(match.group(2), 16), int(match.group(3), 16)
    return match.group(1) + chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def _join_pairs(text: str) -> str:
    r"""``text`` with the surrogate-pair escapes of its double-quoted scalars joined.

    Only a double-quoted scalar reads ``\u`` as an escape: in a single-quoted
    or plain scalar, a block or a comment the same letters are text and stay
    as written. The scalars are found by scanning a copy in which each pair is
    replaced by an escape of the same length libyaml accepts, so the token
    marks are places in ``text``. Runs only when a pair escape is present.
    """
    standin = _PAIR_ESCAPE.sub(lambda m: m.group(1) + "\\u0020\\u0020", text)
    quoted: list[tuple[int, int]] = []
    scanner = _Loader(standin)
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if isinstance(token, yaml.ScalarToken) and token.style == '"':
                quoted.append((token.start_mark.index, token.end_mark.index))
    except yaml.YAMLError:
        pass  # the parse proper reports it; the scalars scanned so far are joined
    finally:
        scanner.dispose()
    parts: list[str] = []
    done = 0
    spans = iter(quoted)
    span = next(spans, None)
    for match in _PAIR_ESCAPE.finditer(text):
        while span is not None and span[1] <= match.start():
            span = next(spans, None)
        if span is not None and span[0] <= match.start():
            parts += [text[done : match.start()], _join_pair(match)]
            done = match.end()
    return "".join([*parts, text[done:]])


def parse_document(
    raw: bytes | str,
    file: str = "<data>",
    *,
    error: type[MofanRulesError] = SourceError,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Read YAML or JSON text into a located :class:`Document`.

    Raises ``error`` (a :class:`MofanRulesError` subclass) with every problem
    found: size, encoding, syntax, tags, aliases, duplicate keys, non-finite
    numbers and full-width digits.
    """
    if isinstance(raw, str):
        # Text that cannot be UTF-8 (a lone surrogate) is refused like such bytes would be.
        raw = raw.encode("utf-8", errors="surrogatepass")
    size = len(raw)
    if size > max_bytes:
        raise error([Problem.from_msg(say("file_too_large", size=size, limit=max_bytes), file)])
    text, problems = _decode(raw, file)
    if problems:
        raise error(problems)
    if "\x00" in text:
        line, column = line_and_column(text[: text.index("\x00")])
        raise error([Problem.from_msg(say("nul_character"), file, line, column)])
    if _PAIR_ESCAPE.search(text):
        text = _join_pairs(text)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = " ".join(x for x in (exc.context, exc.problem) if x)
        # libyaml stops very deep nesting itself; say so in the same words as below.
        msg = (
            say("nested_too_deeply", depth=MAX_DEPTH)
            if "nesting depth" in what
            else say("yaml_syntax", detail=what)
        )
        raise error([Problem.from_msg(msg, file, line, column)]) from None
    except yaml.reader.ReaderError as exc:
        raise error([_reader_problem(exc, text, file)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml raises the two kinds above
        detail = " ".join(str(exc).split())
        raise error([Problem.from_msg(say("yaml_error", detail=detail), file, 1, 1)]) from None
    except RecursionError:
        msg = say("nested_too_deeply", depth=MAX_DEPTH)
        raise error([Problem.from_msg(msg, file, 1, 1)]) from None
    finally:
        loader.dispose()
    if node is None:
        raise error([Problem.from_msg(say("empty_file"), file, 1, 1)])
    conv = _Converter(file)
    data = conv.convert(node, ())
    if conv.aliases:
        _place_aliases(conv, text)
    if conv.problems:
        raise error(capped(conv.problems, file))
    return Document(data, file, conv.values, conv.keys)
