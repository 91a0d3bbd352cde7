"""Rulebook data → YAML text an editor is glad to read (for ``migrate`` and ``draft``).

Decimals are written from their text (never through a float), short entries
such as tiers and caps on one line in flow style, long source texts on one
line (no folding, so a search for a phrase finds it), keys in the order given.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Any

import yaml

from mofan_rules._text import canonical

# Flow style ({key: x, amount: 2}) for a mapping or list of scalars this short.
_FLOW_WIDTH = 110


class _Dumper(yaml.SafeDumper):
    """Block style by default; one line for short mappings and lists of plain values."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = canonical(value)
    tag = "tag:yaml.org,2002:int" if "." not in text else "tag:yaml.org,2002:float"
    return dumper.represent_scalar(tag, text)


def _enum(dumper: yaml.SafeDumper, value: Enum) -> yaml.ScalarNode:
    return dumper.represent_str(str(value.value))


def _date(dumper: yaml.SafeDumper, value: dt.date) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


def _short(value: Any) -> bool:
    return len(repr(value)) <= _FLOW_WIDTH


def _mapping(dumper: yaml.SafeDumper, value: dict[Any, Any]) -> yaml.MappingNode:
    flow = bool(value) and all(_is_scalar(v) for v in value.values()) and _short(value)
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=flow)


def _sequence(dumper: yaml.SafeDumper, value: list[Any] | tuple[Any, ...]) -> yaml.SequenceNode:
    flow = all(_is_scalar(v) for v in value) and _short(value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_multi_representer(Enum, _enum)
_Dumper.add_representer(dt.date, _date)
_Dumper.add_representer(dict, _mapping)
_Dumper.add_representer(list, _sequence)
_Dumper.add_representer(tuple, _sequence)


def yaml_text(data: Any, *, header: str = "") -> str:
    """``data`` as YAML, after ``header`` (comment lines, each starting with ``#``)."""
    body = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096, indent=2
    )
    # A blank line between top-level sections, as a person would write it.
    lines: list[str] = []
    for line in body.splitlines():
        if lines and line and not line.startswith((" ", "-")) and lines[-1].startswith((" ", "-")):
            lines.append("")
        lines.append(line)
    return (header + "\n" if header else "") + "\n".join(lines) + "\n"


def leading_comments(text: str) -> tuple[str, int]:
    """The comment block a YAML file starts with, and how many comment lines come after it.

    A file written afresh from data keeps what its author put at the top (a
    source, a note for the next editor); the schema line is left out, since
    :func:`rulebook_header` writes its own.
    """
    lines = text.splitlines()
    head = 0
    while head < len(lines) and (not lines[head].strip() or lines[head].lstrip().startswith("#")):
        head += 1
    kept = [line.rstrip() for line in lines[:head] if "yaml-language-server:" not in line]
    while kept and not kept[0].strip("# "):
        kept.pop(0)  # what was under the schema line: a bare "#"
    while kept and not kept[-1].strip():
        kept.pop()
    later = sum(1 for line in lines[head:] if line.lstrip().startswith("#"))
    return "\n".join(kept), later


def rulebook_header(schema: str = "rulebook") -> str:
    """The comment a rulebook file starts with: the schema for editors' tooltips."""
    return f"# yaml-language-server: $schema=../schemas/{schema}.schema.json"


__all__ = ["leading_comments", "rulebook_header", "yaml_text"]
