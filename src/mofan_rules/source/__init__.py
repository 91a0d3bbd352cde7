"""Text to located data: the one layer that reads what a person wrote.

Files are read safely (:func:`read_bytes`), YAML and JSON text becomes plain
data with the position of every value (:func:`parse_document`), data from
Python is checked the same way (:func:`document_from_python`), and a document
a model refuses is worded against its JSON Schema (:func:`validate`).
"""

from typing import TYPE_CHECKING

from mofan_rules._lazy import exports

if TYPE_CHECKING:
    from mofan_rules.source._document import Document, Position
    from mofan_rules.source._files import (
        DEFAULT_MAX_BYTES,
        PathLike,
        display,
        is_regular_file,
        os_problem,
        read_bytes,
    )
    from mofan_rules.source._python import document_from_python, join_surrogates
    from mofan_rules.source._validate import build_schema, model_problems, validated
    from mofan_rules.source._yaml import (
        MAX_DEPTH,
        MAX_NUMBER_CHARS,
        MAX_PROBLEMS,
        capped,
        line_and_column,
        number_out_of_range,
        out_of_range,
        parse_document,
    )

_WHERE = {
    "Document": "._document",
    "Position": "._document",
    "DEFAULT_MAX_BYTES": "._files",
    "PathLike": "._files",
    "display": "._files",
    "is_regular_file": "._files",
    "os_problem": "._files",
    "read_bytes": "._files",
    "document_from_python": "._python",
    "join_surrogates": "._python",
    "build_schema": "._validate",
    "model_problems": "._validate",
    "validated": "._validate",
    "MAX_DEPTH": "._yaml",
    "MAX_NUMBER_CHARS": "._yaml",
    "MAX_PROBLEMS": "._yaml",
    "capped": "._yaml",
    "line_and_column": "._yaml",
    "number_out_of_range": "._yaml",
    "out_of_range": "._yaml",
    "parse_document": "._yaml",
}
__getattr__ = exports(__name__, _WHERE)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NUMBER_CHARS",
    "MAX_PROBLEMS",
    "Document",
    "PathLike",
    "Position",
    "build_schema",
    "capped",
    "display",
    "document_from_python",
    "is_regular_file",
    "join_surrogates",
    "line_and_column",
    "model_problems",
    "number_out_of_range",
    "os_problem",
    "out_of_range",
    "parse_document",
    "read_bytes",
    "validated",
]
