"""The house's own rules: the import contract, pinned checkers, the public front door."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

import mofan_rules

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "mofan_rules"


def test_the_import_contract_holds(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The layers of docs/architecture.md, kept by import-linter (pyproject.toml).
    from importlinter.cli import lint_imports

    monkeypatch.chdir(ROOT)
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "2 kept, 0 broken" in out


def test_the_checkers_are_pinned_alike_in_pyproject_and_pre_commit() -> None:
    dev = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"][
        "optional-dependencies"
    ]["dev"]
    pins = dict(re.findall(r"^([a-z-]+)==([0-9.]+)$", "\n".join(dev), re.M))
    config = (ROOT / ".pre-commit-config.yaml").read_text("utf-8")
    assert f"rev: v{pins['ruff']}" in config
    assert f"rev: v{pins['mypy']}" in config


def test_no_module_is_over_about_400_lines() -> None:
    long = {
        str(p.relative_to(SRC)): n
        for p in SRC.rglob("*.py")
        if (n := len(p.read_text("utf-8").splitlines())) > 450
    }
    assert long == {}


def test_no_private_state_is_written_onto_models() -> None:
    for path in SRC.rglob("*.py"):
        text = path.read_text("utf-8")
        assert "__pydantic_private__" not in text, path
        assert not re.search(r'object\.__setattr__\([a-z_]+, "_', text), path


def test_internal_modules_are_private() -> None:
    public = {"__init__.py", "__main__.py", "errors.py", "testing.py", "py.typed"}
    for path in SRC.rglob("*.py"):
        assert path.name.startswith("_") or path.name in public, path


def test_the_front_door_names_what_callers_need() -> None:
    for name in ("Award", "TrailEntry", "ItemResult", "RankValue", "CasesError", "SourceError",
                 "LedgerError", "load_ledger", "load_facts", "evaluate", "__version__"):  # fmt: skip
        assert name in mofan_rules.__all__
    for name in mofan_rules.__all__:
        assert getattr(mofan_rules, name) is not None
    assert mofan_rules.load_facts is mofan_rules.load_ledger  # one word: the old name is an alias
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["hatch"][
        "version"
    ]
    assert version == {"path": "src/mofan_rules/__init__.py"}


def test_the_version_is_in_the_changelog() -> None:
    head = (ROOT / "CHANGELOG.md").read_text("utf-8")
    assert re.search(
        rf"^## \[?{re.escape(mofan_rules.__version__)}\]? — \d{{4}}-\d{{2}}-\d{{2}}", head, re.M
    )


PUBLIC_MODULES = [
    "mofan_rules",
    "mofan_rules.errors",
    "mofan_rules.rulebook",
    "mofan_rules.ledger",
    "mofan_rules.scoring",
    "mofan_rules.reports",
    "mofan_rules.drafting",
    "mofan_rules.messages",
    "mofan_rules.testing",
    "mofan_rules.source",
]


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_every_public_name_has_a_docstring(module_name: str) -> None:
    module = __import__(module_name, fromlist=["__all__"])
    for name in module.__all__:
        value = getattr(module, name)
        if inspect.isfunction(value) or inspect.isclass(value):
            assert inspect.getdoc(value), f"{module_name}.{name} has no docstring"


RAISING = {
    "load_rulebook": "RulebookError",
    "load_ledger": "LedgerError",
    "evaluate": "LedgerError",
    "read_rulebook": "RulebookError",
    "parse_rulebook": "RulebookError",
    "load_cases": "CasesError",
}


@pytest.mark.parametrize(("name", "error"), sorted(RAISING.items()))
def test_loaders_say_what_they_raise(name: str, error: str) -> None:
    from mofan_rules import rulebook, scoring

    owner = next(m for m in (mofan_rules, rulebook, scoring) if name in getattr(m, "__all__", ()))
    doc = inspect.getdoc(getattr(owner, name)) or ""
    assert "Raises" in doc or "raise" in doc.lower(), name
    assert error in doc, f"{name}'s docstring does not name {error}"


def _public_functions() -> dict[str, Any]:
    """Every function in a public ``__all__``, once each (by identity), by its first public name."""
    found: dict[str, Any] = {}
    seen: set[int] = set()
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            value = getattr(module, name)
            if inspect.isroutine(value) and id(value) not in seen:
                seen.add(id(value))
                found[f"{module_name}.{name}"] = value
    return found


# Functions defined in files other people are editing right now
# (src/mofan_rules/source/, ledger/_sheets/, _text.py, scoring/_batch.py): their
# docstrings get their "Raises" line from them. Fill those in, then delete this
# set (the test below fails for a name here that already has its line).
PENDING: set[str] = set()


def _says_what_it_raises(function: Any) -> bool:
    return any(line.startswith("Raises") for line in (inspect.getdoc(function) or "").splitlines())


def test_every_public_function_says_what_it_raises() -> None:
    functions = _public_functions()
    assert sorted(PENDING - set(functions)) == [], "not a public function (any more)"
    silent = sorted(
        name
        for name, function in functions.items()
        if name not in PENDING and not _says_what_it_raises(function)
    )
    assert silent == [], "no line starting with 'Raises' in the docstring"
    done = sorted(name for name in PENDING if _says_what_it_raises(functions[name]))
    assert done == [], "these say what they raise now: take them out of PENDING"


def test_evaluate_is_the_only_thing_the_cli_scores_with() -> None:
    # The command holds no scoring logic: it never imports the engine's insides.
    for path in (SRC / "cli").glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("mofan_rules.scoring._"), (path, node.module)
