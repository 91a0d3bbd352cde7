"""Fingerprints of a rulebook's meaning: for reports, editions and batches.

The hash is of the meaning, not the text: comments, layout, key order and
the spelling of numbers (``0.50`` or ``.5``) never change it. Two hashes:
``content_hash`` covers everything, ``scoring_hash`` only what decides a
score (so organs scored under overlays of one base edition can be ranked
together, whoever their leaders are).
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

from mofan_rules.rulebook._index import resolve_tiers
from mofan_rules.rulebook._model import Rulebook
from mofan_rules.rulebook._rules import PerOccurrence

# What an overlay may set: it never changes a score.
PEOPLE = ("leaders", "assessing_departments", "responsible_offices")
METADATA = ("id", "version", "title", "unit", "source_document", "effective", "base", "note")


def canonical_data(value: Any) -> Any:
    """``value`` as plain JSON-ready data with numbers in canonical text and no empty fields.

    ``12``, ``12.0`` and ``12.00`` are one number, so they give one text.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        value = Decimal(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value else "0"
    if isinstance(value, dict):
        return {
            str(k): canonical_data(v)
            for k, v in value.items()
            if v is not None and v not in ([], {})
        }
    if isinstance(value, list | tuple):
        return [canonical_data(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    return value


def _digest(data: Any) -> str:
    text = json.dumps(canonical_data(data), sort_keys=True, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _meaning(rulebook: Rulebook) -> dict[str, Any]:
    """The rulebook as data, with tier sets written out where they are used.

    A tier set is a way of writing less, not a meaning: ``tiers: criticism``
    and the same three tiers written inline hash the same.
    """
    data = rulebook.model_dump(exclude={"tier_sets"})
    items = [i for ind in data["indicators"] for row in ind["rows"] for i in row["items"]]
    if data.get("direct_deductions"):
        items += data["direct_deductions"]["items"]
    models = rulebook.items
    for item, model in zip(items, models, strict=True):
        for sit, sit_model in zip(item["situations"], model.situations, strict=True):
            if isinstance(sit_model, PerOccurrence) and sit_model.tiers is not None:
                sit["tiers"] = [t.model_dump() for t in resolve_tiers(rulebook, sit_model)]
    return data


def content_hash(rulebook: Rulebook) -> str:
    """SHA-256 of the rulebook's whole meaning.

    Raises nothing: any rulebook the model accepts has a hash.
    """
    return _digest(_meaning(rulebook))


def scoring_hash(rulebook: Rulebook) -> str:
    """SHA-256 of what decides a score: everything but people, titles, metadata, notes, readings.

    Raises nothing: any rulebook the model accepts has a hash.
    """
    data = _meaning(rulebook)
    for key in (*METADATA, "interpretations"):
        data.pop(key, None)
    for indicator in data["indicators"]:
        for row in indicator["rows"]:
            for name in (*PEOPLE, "note"):
                row.pop(name, None)
            for item in row["items"]:
                item.pop("title", None)
    return _digest(data)


def values_checksum(values: list[Any]) -> str:
    """An 8-digit fingerprint of the values an interpretation points at."""
    return _digest(values).removeprefix("sha256:")[:8]


__all__ = ["canonical_data", "content_hash", "scoring_hash", "values_checksum"]
