"""Write docs/api.md from the public modules' ``__all__`` and docstrings.

    python scripts/api_doc.py

Each public module gets a section; each public name its signature (or, for a
model, its fields with their descriptions) and its docstring as written.
tests/test_docs.py fails while docs/api.md is stale. No dependency: the
standard library's ``inspect`` is enough for a package this size.
"""

from __future__ import annotations

import importlib
import inspect
import re
import sys
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "api.md"

# The package fronts, in the order of the layers (top of the stack first).
MODULES = [
    "mofan_rules",
    "mofan_rules.scoring",
    "mofan_rules.ledger",
    "mofan_rules.rulebook",
    "mofan_rules.reports",
    "mofan_rules.drafting",
    "mofan_rules.errors",
    "mofan_rules.messages",
    "mofan_rules.source",
    "mofan_rules.testing",
]

# Memory addresses and similar noise that would make the page change every run.
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def _signature(value: Any) -> str:
    try:
        text = str(inspect.signature(value))
    except (TypeError, ValueError):
        return "(…)"
    return _ADDRESS.sub("", text)


def _type_name(annotation: Any) -> str:
    """A type as a reader writes it: ``Decimal | None``, ``list[str]``, no validators."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin in (typing.Union, types.UnionType):
        return " | ".join(_type_name(a) for a in args)
    if origin is typing.Literal:
        return " | ".join(repr(a) for a in args)
    if origin is not None:
        name = getattr(origin, "__name__", str(origin))
        return f"{name}[{', '.join('...' if a is Ellipsis else _type_name(a) for a in args)}]"
    if annotation is type(None):
        return "None"
    return getattr(annotation, "__name__", str(annotation))


def _model_fields(model: type[BaseModel]) -> list[str]:
    lines = []
    for name, info in model.model_fields.items():
        shown = info.alias or name
        kind = _type_name(info.annotation)
        required = "" if info.is_required() else " (optional)"
        about = f": {info.description}" if info.description else ""
        lines.append(f"- `{shown}` `{kind}`{required}{about}")
    return lines


def _entry(module: str, name: str, value: Any) -> list[str]:
    doc = inspect.getdoc(value) or ""
    if inspect.isclass(value):
        kind = "exception" if issubclass(value, BaseException) else "class"
        out = [f"### `{name}` ({kind})", "", doc, ""]
        if issubclass(value, BaseModel):
            fields = _model_fields(value)
            if fields:
                out += ["Fields:", "", *fields, ""]
        return out
    if callable(value):
        return [f"### `{name}{_signature(value)}`", "", doc, ""]
    shown = _ADDRESS.sub("", repr(value))
    if len(shown) > 80:
        shown = shown[:77] + "…"
    return (
        [f"### `{name}`", "", f"`{shown}`", "", doc, ""]
        if doc
        else [f"### `{name}`", "", f"`{shown}`", ""]
    )


def api_markdown() -> str:
    """The whole page."""
    out = [
        "# The Python API",
        "",
        "Generated from the docstrings by `python scripts/api_doc.py`; a test fails while",
        "this page is stale. Every name here is in its module's `__all__`; anything",
        "else (modules whose names start with `_`) is private and may change.",
        "",
    ]
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        out += [f"## `{module_name}`", "", inspect.getdoc(module) or "", ""]
        for name in sorted(getattr(module, "__all__", ()), key=str.lower):
            if name.startswith("__"):
                continue
            out += _entry(module_name, name, getattr(module, name))
    return "\n".join(line.rstrip() for line in out).rstrip() + "\n"


def main() -> None:
    """Rewrite docs/api.md."""
    OUT.write_text(api_markdown(), "utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
