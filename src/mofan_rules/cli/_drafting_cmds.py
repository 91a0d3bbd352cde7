"""Commands about next year's table as a document: compare, draft."""

from __future__ import annotations

from mofan_rules.cli._app import App


def register(app: App) -> None:
    """Add the document commands to the command line (compare, draft)."""


__all__ = ["register"]
