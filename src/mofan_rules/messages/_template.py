"""The shape of one catalogue entry (kept apart so the catalogue parts can import it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Template:
    """One catalogue entry: message and hint, each in English and Chinese."""

    en: str
    zh: str
    hint_en: str = ""
    hint_zh: str = ""
