"""Building a model from a document, and the JSON Schema of a model.

Documents are checked by the model first: it accepts exactly what its schema
accepts (tests/test_validation_agreement.py holds them to it). The schema
files under ``schemas/`` are written from :func:`build_schema` by
``scripts/generate_schemas.py``, and a test fails when they are stale, so
the model and the schema cannot drift.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from mofan_rules.errors import MofanRulesError, Problem
from mofan_rules.messages import say
from mofan_rules.source._document import Document

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_BASE = "https://mofan-rules.example/schemas/"


def build_schema(model: type[BaseModel], name: str, title: str, description: str) -> dict[str, Any]:
    """The JSON Schema (2020-12) of ``model``, published as ``schemas/<name>.schema.json``.

    Raises nothing for the package's models (pydantic's own errors for a model it cannot
    describe).
    """
    schema = model.model_json_schema()
    schema.pop("title", None)
    schema.pop("description", None)
    return {
        "$schema": DIALECT,
        "$id": f"{SCHEMA_BASE}{name}.schema.json",
        "title": title,
        "description": description,
        **schema,
    }


def model_problems(
    doc: Document, exc: ValidationError, prefix: tuple[Any, ...] = ()
) -> list[Problem]:
    """Problems from a model's own refusal (reached only when the schema let a value through).

    Raises nothing: it words the problems; the caller raises them.
    """
    problems = []
    for err in exc.errors():
        path = (*prefix, *(p for p in err["loc"] if isinstance(p, str | int)))
        if err["type"].startswith(("date", "datetime")):
            msg = say("invalid_date", value=repr(str(err.get("input", ""))))
        else:
            msg = say("model_rejected", detail=err["msg"])
        problems.append(doc.problem(path, msg))
    return problems


def validated(doc: Document, model: type[BaseModel], error: type[MofanRulesError]) -> Any:
    """Build ``model`` from ``doc``, or raise ``error`` with every located problem.

    The model is tried first (it accepts exactly what its schema accepts;
    tests/test_validation_agreement.py holds them to it). Only a document the
    model refuses is checked against the JSON Schema, whose errors are the
    located, worded ones people read; so jsonschema stays off the path of
    every valid file.

    Raises ``error`` (a :class:`~mofan_rules.errors.MofanRulesError` subclass) with every
    located problem when the document does not fit ``model``.
    """
    if not isinstance(doc.data, dict):
        raise error([doc.problem((), say("not_a_mapping"))])
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        from mofan_rules.source._schema import validate  # noqa: PLC0415 - the error path only

        problems = validate(doc, model)
        raise error(problems or model_problems(doc, exc)) from None
