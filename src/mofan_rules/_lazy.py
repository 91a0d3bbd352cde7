"""Names a package exports, imported when first used (PEP 562).

The command must start quickly and most commands use a small part of the
package; a package's ``__init__`` lists its public names and the module each
lives in, and the module is imported on first access. Type checkers read the
same names from an ``if TYPE_CHECKING:`` block beside it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def exports(package: str, where: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` importing ``package + where[name]`` when ``name`` is first read."""

    def __getattr__(name: str) -> Any:  # noqa: N807 - the name PEP 562 looks for
        module = where.get(name)
        if module is None:
            msg = f"module {package!r} has no attribute {name!r}"
            raise AttributeError(msg)
        value = getattr(importlib.import_module(package + module), name)
        globals_ = importlib.import_module(package).__dict__
        globals_[name] = value  # later reads are plain attribute reads
        return value

    return __getattr__


__all__ = ["exports"]
