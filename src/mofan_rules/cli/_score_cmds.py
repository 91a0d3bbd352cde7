"""Commands about ledgers: score, explain, batch, template."""

from __future__ import annotations

from mofan_rules.cli._app import App


def register(app: App) -> None:
    """Add the ledger commands to the command line."""


__all__ = ["register"]
