"""The message catalogue: every text a person reads, in English and Chinese.

Each entry is a stable code mapped to a :class:`Template` whose texts use
``str.format`` placeholders; :func:`say` fills one in and returns a
:class:`Msg` carrying both languages and the code, which the layers that find
problems turn into a :class:`~mofan_rules.errors.Problem`. Tools match the
code, never the English text. Keys, numbers, paths and other values appear
unchanged in both languages.

The catalogue is one mapping assembled from parts by subject (``_source``,
``_schema``, ``_rulebook``, ``_ledger``, ``_sheets``, ``_cli``,
``_reports``, ``_drafting``); a code may appear in one part only.

A parameter may itself be a :class:`Msg` (a word or phrase from this
catalogue, such as a type name): its English goes into the English text and
its Chinese into the Chinese. A ``hint`` given to :func:`say` replaces the
template's own hint, for hints worked out at the site ("did you mean …?").
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from mofan_rules.messages import (
    _cli,
    _drafting,
    _ledger,
    _reports,
    _rulebook,
    _schema,
    _sheets,
    _source,
)
from mofan_rules.messages._template import Template

LANGS = ("en", "zh")


@dataclass(frozen=True, slots=True)
class Msg:
    """A message and its hint, in English and Chinese, with the catalogue code it came from."""

    en: str
    zh: str
    hint: str = ""
    hint_zh: str = ""
    code: str = ""

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (``en`` or ``zh``), without its hint."""
        return self.zh if lang == "zh" else self.en


def _assemble(parts: Iterable[Mapping[str, Template]]) -> dict[str, Template]:
    catalogue: dict[str, Template] = {}
    for part in parts:
        for code, template in part.items():
            if code in catalogue:  # pragma: no cover - tests/test_messages.py guards it
                msg = f"message code {code!r} is defined twice"
                raise ValueError(msg)
            catalogue[code] = template
    return catalogue


CATALOGUE: MappingProxyType[str, Template] = MappingProxyType(
    _assemble(
        part.ENTRIES
        for part in (_source, _schema, _rulebook, _ledger, _sheets, _cli, _reports, _drafting)
    )
)
"""Every message, by code (read-only)."""


def _local(params: dict[str, object], zh: bool) -> dict[str, object]:
    # A Msg parameter is a catalogue phrase: its text in the language being filled in.
    return {k: ((v.zh if zh else v.en) if isinstance(v, Msg) else v) for k, v in params.items()}


def say(code: str, /, *, hint: Msg | None = None, **params: object) -> Msg:
    """Fill in the catalogue entry ``code`` in English and Chinese.

    ``hint``, when given, replaces the entry's own hint with its text (a
    phrase built by another :func:`say`, such as ``say("did_you_mean", word=w)``).

    Raises :class:`KeyError` for a code not in the catalogue or a
    placeholder of the entry left without its parameter.
    """
    t = CATALOGUE[code]
    en, zh = _local(params, zh=False), _local(params, zh=True)
    if hint is not None:
        hint_en, hint_zh = hint.en, hint.zh
    else:
        hint_en, hint_zh = t.hint_en.format(**en), t.hint_zh.format(**zh)
    return Msg(t.en.format(**en), t.zh.format(**zh), hint_en, hint_zh, code)


def word(code: str, lang: str = "en", /, **params: object) -> str:
    """One catalogue text in one language: a report's heading, a column name, a unit.

    Raises :class:`KeyError` as :func:`say` does.
    """
    return say(code, hint=None, **params).text(lang)


def suggest(
    word: object,
    options: Iterable[object],
    *,
    labels: Mapping[str, str] | None = None,
    listing: str | None = "known",
    empty: str | None = None,
) -> Msg | None:
    """A hint for an unknown name: "did you mean …?" for a close option, else the options.

    ``labels`` maps further names (Chinese labels) to the option they stand
    for, so a mistyped label is matched too; the hint names the key.
    ``listing=None`` gives no hint at all when nothing is close.

    Raises :class:`KeyError` when ``listing`` or ``empty``, needed, is not a catalogue code.
    """
    opts = [str(o) for o in options]
    names = {o: o for o in opts}
    if labels:
        names.update(labels)
    close = difflib.get_close_matches(str(word), list(names), n=1, cutoff=0.6)
    if close:
        key = names[close[0]]
        shown = close[0] if close[0] == key else f"{key} ({close[0]})"
        return say("did_you_mean", word=shown)
    if opts and listing is not None:
        return say(listing, options=", ".join(opts))
    return say(empty) if empty else None


def either(words: Iterable[Msg | str]) -> Msg:
    """Words joined with "or" in each language: ``a number or empty`` / ``数字或空值``.

    Raises nothing.
    """
    joined: Msg | None = None
    for item in words:
        if joined is None:
            joined = item if isinstance(item, Msg) else Msg(item, item)
        else:
            joined = say("or", a=joined, b=item)
    return joined if joined is not None else Msg("", "")


__all__ = ["CATALOGUE", "LANGS", "Msg", "Template", "either", "say", "suggest", "word"]
