"""The table scored by the GoRules ZEN engine (PyPI ``zen-engine``), for the engine benchmarks.

The rules live in ``zen/mofan.jdm.json``, a JDM decision graph of expression nodes only (no
JavaScript function node, which costs more per evaluation than everything else put together):

* ``records by indicator`` splits the ledger's records into one list per indicator (items 1–3,
  4–5, 6–9, 10–17, 18–20), so each item then looks through a short list;
* ``items, rows, item 16, bonus`` gives each item's deduction (amount by situation and tier
  × count × modifiers, the per-tier caps of items 1–3, the measures of items 4, 5, 17 and 21,
  the item cap), then item 16 on what items 11–15 leave of row 7, each row's points less its
  capped deductions, and the capped bonus.

The graph counts in integer thousandths of a point (item 16's rate arrives as an exact
``{"num", "den"}`` fraction and is rounded half-up to 0.01 in integers), so its total is exact and
agrees with :mod:`handwritten` and :func:`mofan_rules.evaluate`.

:meth:`ZenScorer.prepare` only changes the ledger's form: plain JSON data that, like a ledger
file, leaves out what is absent (no tier, no modifiers, no score); a decimal becomes an exact
``{"num", "den"}`` fraction. All scoring happens inside the graph.

The graph is loaded once into a :class:`zen.ZenEngine` (static loader, so it is parsed and
compiled once) and evaluated by key: ``ZenEngine.evaluate`` costs a few microseconds per call,
where ``ZenDecision.evaluate`` on a decision made by ``create_decision`` costs well over 100.
"""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import Any

from mofan_rules.ledger import Award, Ledger, RankValue, Record

try:
    import zen
except ImportError:  # the benchmarks skip ZEN when available() is False
    zen = None  # type: ignore[assignment]

GRAPH = Path(__file__).with_name("zen") / "mofan.jdm.json"
_KEY = "mofan"


def available() -> bool:
    """Whether zen-engine is installed."""
    return zen is not None


def version() -> str:
    """The installed zen-engine version, or ``"not installed"``."""
    try:
        return metadata.version("zen-engine")
    except metadata.PackageNotFoundError:
        return "not installed"


def _fraction(value: Decimal | int) -> dict[str, int] | int:
    if isinstance(value, int):
        return value
    num, den = value.as_integer_ratio()
    return {"num": num, "den": den}


def _measure(value: Decimal | int | RankValue) -> Any:
    if isinstance(value, RankValue):
        rank: dict[str, Any] = {"rank": value.rank}
        if value.of is not None:
            rank["of"] = value.of
        if value.score is not None:
            rank["score"] = _fraction(value.score)
        return rank
    return _fraction(value)


def _record(record: Record) -> dict[str, Any]:
    out: dict[str, Any] = {
        "item": record.item,
        "situation": record.situation,
        "count": record.count,
    }
    if record.tier is not None:
        out["tier"] = record.tier
    if record.modifiers:
        out["modifiers"] = list(record.modifiers)
    return out


def _award(award: Award) -> dict[str, Any]:
    out: dict[str, Any] = {"level": award.level, "scope": award.scope}
    if award.modifiers:
        out["modifiers"] = list(award.modifiers)
    return out


class ZenScorer:
    """One ZEN engine holding the JDM graph, evaluated per ledger."""

    def __init__(self, path: Path = GRAPH) -> None:
        graph = json.loads(path.read_text(encoding="utf-8"))
        self._engine = zen.ZenEngine({"loader": {"type": "static", "content": {_KEY: graph}}})

    @staticmethod
    def prepare(ledger: Ledger) -> dict[str, Any]:
        """The graph's input for ``ledger``: records, measures and awards as plain data."""
        return {
            "records": [_record(r) for r in ledger.records],
            "measures": {key: _measure(value) for key, value in ledger.measures.items()},
            "awards": [_award(a) for a in ledger.awards],
        }

    def score(self, prepared: dict[str, Any]) -> Decimal:
        """The total (bonus included) as an exact decimal."""
        total = self._engine.evaluate(_KEY, prepared)["result"]["total"]
        if total != int(total):
            raise ValueError(f"the graph's total is not whole thousandths: {total!r}")
        return Decimal(int(total)) / 1000
