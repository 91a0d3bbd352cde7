"""The building blocks of every model: frozen, strict, exact.

Rulebooks, ledgers and cases are all written by people in YAML, JSON or a
spreadsheet. These types make the models accept exactly what the JSON
Schemas generated from them accept: numbers are numbers (never quoted text,
never floats), dates are dates, names are names.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, WithJsonSchema


class Frozen(BaseModel):
    """Base of every model: immutable, and a key it does not know is an error."""

    # defer_build: a model's validator is built when first used, so a command
    # pays only for the models it touches (cold start matters to the CLI).
    # For the same reason an empty list or dict default is written as a plain
    # default (pydantic copies it for each model), not as default_factory=list:
    # pydantic inspects a factory's signature, and a builtin's costs milliseconds.
    model_config = ConfigDict(
        frozen=True, extra="forbid", use_attribute_docstrings=False, defer_build=True
    )


def number_schema(**bounds: Any) -> WithJsonSchema:
    """The JSON Schema of a decimal written as a plain YAML/JSON number."""
    # Decimals are read from their text, so the schema says "number" (pydantic
    # alone would also allow strings).
    return WithJsonSchema({"type": "number", **bounds})


def _exact_number(value: object) -> object:
    # The model accepts exactly what the JSON Schema accepts: a number, never
    # text, a float or true/false (pydantic alone would read "0.5" as 0.5).
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        msg = "Input should be a number"
        raise ValueError(msg)
    return value


def _date_text(value: object) -> object:
    # A date is written as text (2026-01-01); pydantic alone would also take a
    # number of seconds since 1970.
    if not isinstance(value, str | dt.date):
        msg = "Input should be a date written as YYYY-MM-DD"
        raise ValueError(msg)
    return value


Exact = BeforeValidator(_exact_number)
"""A number written in a file: an exact decimal (from its text) or a whole number."""
Whole = Strict()
"""A whole number, never a decimal or text."""

Day = Annotated[dt.date, BeforeValidator(_date_text)]
Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Text = Annotated[str, Field(min_length=1)]
Pointer = Annotated[str, Field(pattern=r"^(/[^/]*)+$")]
