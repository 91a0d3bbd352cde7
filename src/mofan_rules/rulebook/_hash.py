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

from mofan_rules.rulebook._model import Rulebook

# What an overlay may set: it never changes a score.
PEOPLE = ("leaders", "assessing_departments", "responsible_offices")
METADATA = ("id", "version", "title", "unit", "source_document", "effective", "base", "note")


def canonical_data(value: Any) -> Any:
    """``value`` as plain JSON-ready data with decimals in canonical text and no empty fields."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value else "0"
    if isinstance(value, dict):
        return {
            str(k): canonical_data(v) for k, v in value.items() if v is not None and v != [] and v != {}
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


def content_hash(rulebook: Rulebook) -> str:
    """SHA-256 of the rulebook's whole meaning."""
    return _digest(rulebook.model_dump())


def scoring_hash(rulebook: Rulebook) -> str:
    """SHA-256 of what decides a score: everything but people, metadata, notes and readings."""
    data = rulebook.model_dump(exclude={*METADATA, "interpretations"})
    for indicator in data["indicators"]:
        for row in indicator["rows"]:
            for name in (*PEOPLE, "note"):
                row.pop(name, None)
    return _digest(data)


def values_checksum(values: list[Any]) -> str:
    """An 8-digit fingerprint of the values an interpretation points at."""
    return _digest(values).removeprefix("sha256:")[:8]


__all__ = ["canonical_data", "content_hash", "scoring_hash", "values_checksum"]
