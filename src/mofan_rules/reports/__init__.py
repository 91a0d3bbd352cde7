"""Reports: a score, a ranking, a rulebook and a diff as people read them.

Terminal tables that line up with Chinese, Markdown, one printable HTML page,
and spreadsheet rows (described with :mod:`mofan_rules._workbook`). Every
text that came from a ledger or a rulebook is escaped for where it lands.
"""

from typing import TYPE_CHECKING

from mofan_rules._lazy import exports

if TYPE_CHECKING:
    from mofan_rules.reports._accountability import (
        By,
        Group,
        accountability,
        accountability_matrix,
        score_json,
    )
    from mofan_rules.reports._common import Places
    from mofan_rules.reports._diff import diff_json, diff_text, impact_text
    from mofan_rules.reports._explain import explain_text
    from mofan_rules.reports._html import rulebook_html, score_html
    from mofan_rules.reports._ranking import ranked, ranking_rows, ranking_sheets, unscored_rows
    from mofan_rules.reports._rulebook import (
        interpretations_markdown,
        rule_words,
        rulebook_markdown,
    )
    from mofan_rules.reports._score import (
        group_table,
        score_cells,
        score_markdown,
        score_sheets,
        score_table,
    )
    from mofan_rules.reports._table import display_width, table

_WHERE = {
    "By": "._accountability",
    "Group": "._accountability",
    "accountability": "._accountability",
    "accountability_matrix": "._accountability",
    "score_json": "._accountability",
    "Places": "._common",
    "diff_json": "._diff",
    "diff_text": "._diff",
    "impact_text": "._diff",
    "explain_text": "._explain",
    "rulebook_html": "._html",
    "score_html": "._html",
    "ranked": "._ranking",
    "ranking_rows": "._ranking",
    "ranking_sheets": "._ranking",
    "unscored_rows": "._ranking",
    "interpretations_markdown": "._rulebook",
    "rule_words": "._rulebook",
    "rulebook_markdown": "._rulebook",
    "group_table": "._score",
    "score_cells": "._score",
    "score_markdown": "._score",
    "score_sheets": "._score",
    "score_table": "._score",
    "display_width": "._table",
    "table": "._table",
}
__getattr__ = exports(__name__, _WHERE)

__all__ = [
    "By",
    "Group",
    "Places",
    "accountability",
    "accountability_matrix",
    "diff_json",
    "diff_text",
    "display_width",
    "explain_text",
    "group_table",
    "impact_text",
    "interpretations_markdown",
    "ranked",
    "ranking_rows",
    "ranking_sheets",
    "rule_words",
    "rulebook_html",
    "rulebook_markdown",
    "score_cells",
    "score_html",
    "score_json",
    "score_markdown",
    "score_sheets",
    "score_table",
    "table",
    "unscored_rows",
]
