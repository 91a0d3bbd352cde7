"""Rulebook format 1 → 2, without loss.

Version 2 says in data what version 1 said with special kinds. The changes:

- ``schema_version: 1`` → ``2``;
- every item gets a ``title``: its source text's first sentence, without
  the number (v2 names items by number and title everywhere);
- a ``shortfall`` situation (``required``, ``amount`` per missing one)
  becomes ``per_unit`` with ``direction: below`` and ``threshold`` =
  ``required``: the same deduction per unit below the threshold;
- the single ``bonus`` becomes the first of ``bonuses``, ``kind: award``,
  ``key: bonus``;
- interpretation pointers follow the values they point at.

Version 1 files keep loading: the loader converts them in memory with
:func:`migrate_document`, keeping every value's position in the v1 file and
naming paths as the v1 file writes them. ``mofan-rules migrate`` writes the
converted file.
"""

from __future__ import annotations

from typing import Any

from mofan_rules._text import DocPath, json_pointer, pointer_parts
from mofan_rules.rulebook._titles import item_title
from mofan_rules.source import Document


def is_v1(data: object) -> bool:
    """Whether ``data`` is a rulebook of format version 1."""
    version = data.get("schema_version") if isinstance(data, dict) else None
    # `true` == 1 in Python: only the number 1 is format 1 (a bool is refused later).
    return type(version) is int and version == 1


class _Migration:
    def __init__(self) -> None:
        # (v2 prefix, v1 prefix): how a v2 path is written in the v1 file.
        self.renamed: list[tuple[DocPath, DocPath]] = []

    def rulebook(self, data: dict[Any, Any]) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key, value in data.items():
            if key == "schema_version":
                out[key] = 2
            elif key == "indicators" and isinstance(value, list):
                out[key] = [self.indicator(ind, ("indicators", i)) for i, ind in enumerate(value)]
            elif key == "bonus" and isinstance(value, dict):
                self.renamed.append((("bonuses", 0), ("bonus",)))
                out["bonuses"] = [{"key": "bonus", "kind": "award", "label": "加分", **value}]
            else:
                out[key] = value
        if isinstance(out.get("interpretations"), list):
            out["interpretations"] = [self.interpretation(i) for i in out["interpretations"]]
        return out

    def indicator(self, ind: Any, path: DocPath) -> Any:
        if not isinstance(ind, dict) or not isinstance(ind.get("rows"), list):
            return ind
        rows = [self.row(row, (*path, "rows", r)) for r, row in enumerate(ind["rows"])]
        return {**ind, "rows": rows}

    def row(self, row: Any, path: DocPath) -> Any:
        if not isinstance(row, dict) or not isinstance(row.get("items"), list):
            return row
        items = [self.item(item, (*path, "items", t)) for t, item in enumerate(row["items"])]
        return {**row, "items": items}

    def item(self, item: Any, path: DocPath) -> Any:
        if not isinstance(item, dict):
            return item
        out: dict[Any, Any] = {}
        for key, value in item.items():
            out[key] = value
            if key == "number" and "title" not in item and isinstance(item.get("source"), str):
                out["title"] = item_title(item["source"])  # written out, so an editor sees it
        if isinstance(item.get("situations"), list):
            out["situations"] = [
                self.situation(sit, (*path, "situations", s))
                for s, sit in enumerate(item["situations"])
            ]
        return out

    def situation(self, sit: Any, path: DocPath) -> Any:
        if not isinstance(sit, dict) or sit.get("kind") != "shortfall":
            return sit
        out: dict[Any, Any] = {}
        for key, value in sit.items():
            if key == "kind":
                out[key] = "per_unit"
            elif key == "required":
                out["direction"] = "below"
                out["threshold"] = value
                self.renamed.append(((*path, "threshold"), (*path, "required")))
            else:
                out[key] = value
        return out

    def interpretation(self, interp: Any) -> Any:
        if not isinstance(interp, dict) or not isinstance(interp.get("values"), list):
            return interp
        forward = {old: new for new, old in self.renamed}
        values = []
        for pointer in interp["values"]:
            if not isinstance(pointer, str):
                values.append(pointer)
                continue
            parts = pointer_parts(pointer)
            for old, new in forward.items():
                if parts[: len(old)] == old:
                    parts = (*new, *parts[len(old) :])
                    break
            values.append(json_pointer(parts))
        return {**interp, "values": values}

    def forward(self, path: DocPath) -> DocPath:
        for new, old in self.renamed:
            if path[: len(old)] == old:
                return (*new, *path[len(old) :])
        return path


def migrate_data(data: dict[Any, Any]) -> dict[Any, Any]:
    """A v1 rulebook's data as v2 data (anything not of the expected shape is kept as is)."""
    return _Migration().rulebook(data)


def migrate_document(doc: Document) -> Document:
    """A v1 rulebook document as v2, every value at its v1 position, paths named as in v1."""
    migration = _Migration()
    data = migration.rulebook(doc.data)
    values = {migration.forward(p): pos for p, pos in doc.values.items()}
    keys = {migration.forward(p): pos for p, pos in doc.keys.items()}
    return Document(data, doc.file, values, keys, renamed=tuple(migration.renamed))


__all__ = ["is_v1", "item_title", "migrate_data", "migrate_document"]
