"""A draft rulebook as a file's text: from the document alone, or from last year's rulebook."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mofan_rules.drafting._draft import Todo, draft_data, todos
from mofan_rules.drafting._match import match
from mofan_rules.drafting._patch import patch_data
from mofan_rules.drafting._surgery import edit_text
from mofan_rules.drafting._table import DocTable
from mofan_rules.rulebook import LoadedRulebook
from mofan_rules.rulebook._emit import rulebook_header, yaml_text


@dataclass(frozen=True, slots=True)
class Draft:
    """A drafted rulebook: its data, its YAML text, and the clauses still to write by hand."""

    data: dict[str, Any]
    text: str
    todos: tuple[Todo, ...]
    kept_layout: bool = False  # the old file was edited in place (comments and layout kept)


def draft_rulebook(
    table: DocTable,
    *,
    base: LoadedRulebook | None = None,
    base_text: str | None = None,
    lang: str = "en",
) -> Draft:
    """A rulebook for ``table``: read by the grammar, or ``base`` changed where the table differs.

    With ``base_text`` (the text of the file ``base`` was read from) the old
    file is edited in place where it can be, keeping its comments and
    layout; otherwise the rulebook is written anew. Words the draft writes
    itself (notes, TODO reasons, the readings it chose) are in ``lang``.

    Raises :class:`~mofan_rules.errors.RulebookError` when ``base`` is an
    overlay; a clause the grammar cannot read becomes ``kind: todo``.
    """
    if base is None:
        data = draft_data(table, lang=lang)
        return Draft(data, yaml_text(data, header=rulebook_header()), tuple(todos(data)))
    data = patch_data(match(base, table), lang=lang)
    edited = edit_text(base_text, base.document, data) if base_text is not None else None
    text = edited if edited is not None else yaml_text(data, header=rulebook_header())
    return Draft(data, text, tuple(todos(data)), kept_layout=edited is not None)


__all__ = ["Draft", "draft_rulebook"]
