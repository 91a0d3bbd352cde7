"""A document a model refused, worded against its JSON Schema.

Only a document the model refuses comes here: each schema error becomes a
located :class:`Problem` in words an office editor reads, the most relevant
branch of a union first (python-jsonschema's ``relevance``). Imported only
on that path, so a valid file never pays for jsonschema.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from itertools import islice
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, relevance
from pydantic import BaseModel

from mofan_rules._text import DocPath, PathPart
from mofan_rules.errors import Problem
from mofan_rules.messages import Msg, either, say, suggest
from mofan_rules.source._document import Document
from mofan_rules.source._yaml import MAX_PROBLEMS


@cache
def _validator(model: type[BaseModel]) -> tuple[Draft202012Validator, dict[str, Any]]:
    schema = model.model_json_schema()
    return Draft202012Validator(schema), schema


# ---------------------------------------------------------------- messages


def _show(value: Any) -> Msg | str:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, str):
        return repr(value)
    if value is None:
        return say("value_null")
    if isinstance(value, dict):
        return say("value_mapping")
    if isinstance(value, list):
        return say("value_list")
    return str(value)


# JSON Schema type → the catalogue's word for it.
_TYPE_WORDS = {
    "number": "type_number",
    "integer": "type_integer",
    "string": "type_string",
    "object": "type_object",
    "array": "type_array",
    "boolean": "type_boolean",
    "null": "type_null",
}


def _type_word(name: str) -> Msg | str:
    code = _TYPE_WORDS.get(name)
    return say(code) if code else name


def _suggest(word: str, options: list[str]) -> Msg | None:
    return suggest(word, sorted(options), listing="allowed")


_NUMBER = re.compile(r"^\s*[+-]?[0-9]+(\.[0-9]+)?\s*$")


def _leaf_errors(error: ValidationError) -> Iterator[ValidationError]:
    """Descend into oneOf/anyOf to the branch the author most likely meant."""
    if error.validator not in ("oneOf", "anyOf") or not error.context:
        yield error
        return
    instance = error.instance
    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(int(sub.relative_schema_path[0]), []).append(sub)
    if isinstance(instance, dict) and "kind" in instance:
        # A discriminated union: the branch whose `kind` matched is the one meant.
        for subs in branches.values():
            if not any(s.relative_path and s.relative_path[0] == "kind" for s in subs):
                for sub in subs:
                    yield from _leaf_errors(sub)
                return
        yield error  # no branch has this kind: report the kind itself
        return
    if all(s.validator == "type" and not s.relative_path for s in error.context):
        yield error  # wrong type for every branch: say which types would do
        return
    if (
        isinstance(instance, str)
        and _NUMBER.match(instance)
        and any(
            s.validator == "type" and s.validator_value in ("number", "integer")
            for s in error.context
        )
    ):
        yield error  # a number in quotes: say so, not why the text branch refused it
        return
    # Otherwise (e.g. a value or null): the branch with the deepest, most relevant error.
    best = min(branches.values(), key=lambda subs: min(relevance(s) for s in subs))
    for sub in best:
        yield from _leaf_errors(sub)


def _describe(
    error: ValidationError, schema_root: dict[str, Any]
) -> list[tuple[DocPath, Msg, bool]]:
    """Return (path, message, at_key) for each problem one leaf schema error stands for.

    jsonschema reports every unknown key of one mapping as a single error;
    each key is a problem of its own, at its own place.
    """
    path: DocPath = tuple(error.absolute_path)
    sub_schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(sub_schema.get("properties", {}))
        patterns = list(sub_schema.get("patternProperties", {}))
        extras = [
            k
            for k in error.instance
            if k not in allowed and not any(re.search(p, str(k)) for p in patterns)
        ][: MAX_PROBLEMS + 1]  # more are not shown (validate says so), so not worded
        return [
            ((*path, key), say("unknown_key", key=key, hint=_suggest(str(key), allowed)), True)
            for key in extras or ["?"]
        ]
    return [_describe_one(error, path, sub_schema, schema_root)]


def _describe_one(
    error: ValidationError, path: DocPath, sub_schema: dict[str, Any], schema_root: dict[str, Any]
) -> tuple[DocPath, Msg, bool]:
    v, inst, expected = error.validator, error.instance, error.validator_value
    if v == "required":
        missing = str(error.message).split("'")[1] if "'" in error.message else "?"
        return path, say("missing_key", key=missing), False
    if v == "type":
        want = expected if isinstance(expected, list) else [expected]
        words = either(_type_word(str(t)) for t in want)
        quoted = isinstance(inst, str) and ("number" in want or "integer" in want)
        code = "quoted_number" if quoted else "wrong_type"
        return path, say(code, value=_show(inst), words=words), False
    want = [str(s.validator_value) for s in error.context if s.validator == "type"]
    # A mapping with a `kind` is a discriminated union's (below); any other
    # value that every branch refused by type is of the wrong type.
    if v in ("anyOf", "oneOf") and want and not (isinstance(inst, dict) and "kind" in inst):
        quoted = isinstance(inst, str) and ("number" in want or "integer" in want)
        # A number in quotes wants a number, whatever else the place could hold.
        kinds = ["number"] if quoted else dict.fromkeys(want)
        words = either(_type_word(t) for t in kinds)
        code = "quoted_number" if quoted else "wrong_type"
        return path, say(code, value=_show(inst), words=words), False
    if v == "oneOf" and isinstance(inst, dict) and "kind" in inst:
        kinds = sorted(_kinds(sub_schema, schema_root))
        hint = _suggest(str(inst["kind"]), kinds)
        return (*path, "kind"), say("unknown_kind", kind=_show(inst["kind"]), hint=hint), False
    if v == "const":
        return path, say("wrong_const", value=_show(inst), expected=_show(expected)), False
    if v == "enum":
        opts = [str(o) for o in expected]  # type: ignore[union-attr]
        hint = _suggest(str(inst), opts)
        return (
            path,
            say("not_in_enum", value=_show(inst), options=", ".join(opts), hint=hint),
            False,
        )
    if v == "pattern":
        code = "bad_name"
        if "(/" in str(expected):
            code = "bad_pointer"
        elif "A-Z" in str(expected):
            code = "bad_version"
        elif "%" in str(expected):
            code = "bad_percent"
        return path, say(code, value=_show(inst)), False
    if v in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        code = {
            "minimum": "at_least",
            "exclusiveMinimum": "above",
            "maximum": "at_most",
            "exclusiveMaximum": "below",
        }[str(v)]
        return path, say(code, value=_show(inst), limit=_show(expected)), False
    if v in ("minItems", "minProperties"):
        return path, say("empty_list"), False
    if v == "minLength":
        return path, say("empty_text"), False
    if v == "maxLength":
        return path, say("too_long", limit=expected), False
    return path, say("schema_other", detail=error.message), False


def _kinds(schema: dict[str, Any], root: dict[str, Any]) -> set[str]:
    kinds: set[str] = set()
    for branch in schema.get("oneOf", []):
        ref = branch.get("$ref", "")
        target = root.get("$defs", {}).get(ref.rsplit("/", 1)[-1], branch)
        const = target.get("properties", {}).get("kind", {}).get("const")
        if const:
            kinds.add(str(const))
    return kinds


def _text_keys(data: Any) -> Any:
    """``data`` with whole-number keys (``1: x``) as text, as in JSON; unchanged when it has none.

    jsonschema matches key patterns with ``re`` and cannot take a number.
    """
    if isinstance(data, dict):
        keys = [str(k) if isinstance(k, int) else k for k in data]
        values = [_text_keys(v) for v in data.values()]
        if keys != list(data) or any(
            a is not b for a, b in zip(values, data.values(), strict=True)
        ):
            return dict(zip(keys, values, strict=True))
        return data
    if isinstance(data, list):
        items = [_text_keys(v) for v in data]
        return items if any(a is not b for a, b in zip(items, data, strict=True)) else data
    return data


def _file_path(data: Any, path: DocPath) -> DocPath:
    """A path into :func:`_text_keys`'s copy as a path into the document (``"1"`` back to ``1``)."""
    out: list[PathPart] = []
    for part in path:
        step = part
        if isinstance(data, dict) and part not in data and isinstance(part, str):
            number = int(part) if part.isascii() and part.lstrip("-").isdigit() else None
            if number is not None and number in data:
                step = number
        out.append(step)
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            data = None
    return tuple(out)


def validate(doc: Document, model: type[BaseModel]) -> list[Problem]:
    """Check a document against ``model``'s JSON Schema; every problem, best first."""
    validator, root = _validator(model)
    problems: list[Problem] = []
    seen: set[tuple[DocPath, str]] = set()
    # The first MAX_PROBLEMS errors (and one to know there are more): each costs time.
    errors = list(islice(validator.iter_errors(_text_keys(doc.data)), MAX_PROBLEMS + 1))
    for top in sorted(errors[:MAX_PROBLEMS], key=relevance):
        if len(problems) > MAX_PROBLEMS:
            break  # enough to say there are more
        for leaf in _leaf_errors(top):
            for found, msg, at_key in _describe(leaf, root):
                path = _file_path(doc.data, found)
                if (path, msg.en) in seen:
                    continue
                seen.add((path, msg.en))
                problems.append(doc.problem(path, msg, key=at_key))
    problems.sort(key=lambda p: (p.line, p.column))
    if len(errors) > MAX_PROBLEMS or len(problems) > MAX_PROBLEMS:
        del problems[MAX_PROBLEMS:]
        problems.append(Problem.from_msg(say("too_many_problems", limit=MAX_PROBLEMS), doc.file))
    return problems
