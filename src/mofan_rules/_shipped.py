"""Where the shipped rulebooks and schemas are, installed or in a checkout.

In a wheel they are copied into ``mofan_rules/_data``; in a source checkout
(or an editable install) they are read from the repository's top-level
``rulebooks/`` and ``schemas/``, so there is only one copy to edit.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# The edition `load_rulebook()` loads when given no path.
DEFAULT_RULEBOOK = "shifulian-2026.yaml"


def _folder(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent.parent / name


def rulebooks_dir() -> Path:
    """The folder holding the shipped rulebooks."""
    return _folder("rulebooks")


def default_rulebook_path() -> Path:
    """The shipped default rulebook file."""
    return rulebooks_dir() / DEFAULT_RULEBOOK


def schema_path(name: str) -> Path:
    """The shipped schema file for ``rulebook`` or ``facts``."""
    return _folder("schemas") / f"{name}.schema.json"
