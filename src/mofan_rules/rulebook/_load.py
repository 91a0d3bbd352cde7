"""Loading a rulebook: file → located data → model → semantic checks.

Each step collects every problem of the file before raising, so an editor
sees all mistakes at once, each at its ``file:line:col``; a later step runs
only when the earlier ones passed. Format 1 files are converted in memory
(with a warning); an overlay is merged onto the base edition it names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from mofan_rules import _shipped
from mofan_rules.errors import Problem, RulebookError, Severity
from mofan_rules.messages import say
from mofan_rules.rulebook._checks import check as check_semantics
from mofan_rules.rulebook._editions import Edition, library_problems, select
from mofan_rules.rulebook._migrate import is_v1, migrate_document
from mofan_rules.rulebook._model import Overlay, Rulebook
from mofan_rules.rulebook._overlay import apply_overlay, is_overlay, rule_changes
from mofan_rules.rulebook._parts import Period
from mofan_rules.source import (
    Document,
    PathLike,
    display,
    os_problem,
    parse_document,
    read_bytes,
    validated,
)


@dataclass(frozen=True, slots=True)
class LoadedRulebook:
    """A rulebook with the document it was read from (for positions) and its warnings.

    For an overlay, ``document`` is the overlay's and ``base`` the base edition's.
    """

    rulebook: Rulebook
    document: Document
    warnings: tuple[Problem, ...]
    base: LoadedRulebook | None = None


def _by_position(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line, p.column))


def check_rulebook(doc: Document, *, folder: Path | None = None) -> LoadedRulebook:
    """Turn a rulebook document into a checked rulebook (an overlay is merged onto its base)."""
    warnings: list[Problem] = []
    if is_v1(doc.data):
        doc = migrate_document(doc)
        warnings.append(
            doc.problem(("schema_version",), say("format_1"), severity=Severity.WARNING)
        )
    if is_overlay(doc.data):
        return _overlay(doc, folder, warnings)
    if isinstance(doc.data, dict) and "base" in doc.data:
        raise RulebookError([doc.problem(("base",), say("base_not_in_files"), key=True)])
    rulebook: Rulebook = validated(doc, Rulebook, RulebookError)
    found = check_semantics(rulebook, doc.data)
    problems = [doc.problem(path, msg, severity=sev) for path, msg, sev in found]
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise RulebookError(_by_position(errors))
    warnings += [p for p in problems if p.severity is Severity.WARNING]
    return LoadedRulebook(rulebook, doc, tuple(_by_position(warnings)))


def _overlay(doc: Document, folder: Path | None, warnings: list[Problem]) -> LoadedRulebook:
    changes = rule_changes(doc)
    if changes:
        raise RulebookError(changes)
    overlay: Overlay = validated(doc, Overlay, RulebookError)
    base = _find_base(doc, overlay, folder)
    merged, unknown = apply_overlay(base.rulebook, overlay)
    if unknown:
        raise RulebookError([doc.problem(path, msg) for path, msg in unknown])
    return LoadedRulebook(merged, doc, tuple(warnings), base=base)


def _find_base(doc: Document, overlay: Overlay, folder: Path | None) -> LoadedRulebook:
    ref = overlay.extends
    where = ("extends",)
    if folder is None:
        raise RulebookError(
            [doc.problem(where, say("base_not_found", id=ref.id, version=ref.version))]
        )
    if ref.file is not None:
        candidates = [folder / ref.file]
        if not candidates[0].is_file():
            msg = say("base_file_missing", file=ref.file, id=ref.id, version=ref.version)
            raise RulebookError([doc.problem(("extends", "file"), msg)])
    else:
        candidates = sorted(p for p in folder.iterdir() if is_rulebook_file(p))
    found: list[tuple[Path, Document]] = []
    for path in candidates:
        if path.resolve() == Path(doc.file).resolve():
            continue
        try:
            base_doc = parse_document(
                read_bytes(path, RulebookError), display(path), error=RulebookError
            )
        except RulebookError:
            if ref.file is not None:
                raise
            continue  # another file of the folder: its own problems are not this overlay's
        data = base_doc.data
        if ref.file is None and not (
            isinstance(data, dict)
            and data.get("id") == ref.id
            and data.get("version") == ref.version
        ):
            continue
        if found and data != found[0][1].data:
            # Two files claim the edition: which one is the base must not
            # depend on how the files happen to be named.
            msg = say(
                "base_ambiguous",
                id=ref.id,
                version=ref.version,
                file=display(found[0][0]),
                other=display(path),
            )
            raise RulebookError([doc.problem(where, msg)])
        found.append((path, base_doc))
    if not found:
        msg = say("base_not_found", id=ref.id, version=ref.version)
        raise RulebookError([doc.problem(where, msg)])
    path, base_doc = found[0]
    if is_overlay(base_doc.data):
        raise RulebookError([doc.problem(where, say("base_is_overlay", file=display(path)))])
    base = check_rulebook(base_doc, folder=path.parent)
    if (base.rulebook.id, base.rulebook.version) != (ref.id, ref.version):
        msg = say(
            "base_mismatch", file=display(path), id=base.rulebook.id, version=base.rulebook.version
        )
        raise RulebookError([doc.problem(where, msg)])
    return base


def read_rulebook(path: PathLike) -> LoadedRulebook:
    """Load one rulebook file, keeping its document so changes can be placed in it.

    Raises :class:`~mofan_rules.errors.RulebookError` with every problem of the file.
    """
    file = Path(path)
    doc = parse_document(read_bytes(file, RulebookError), display(file), error=RulebookError)
    return check_rulebook(doc, folder=file.parent)


def parse_rulebook(
    raw: bytes | str, file: str = "<rulebook>", *, folder: PathLike | None = None
) -> tuple[Rulebook, list[Problem]]:
    """Read rulebook text into a checked :class:`Rulebook` and its warnings.

    ``folder`` is where an overlay's base edition is looked for.

    Raises :class:`~mofan_rules.errors.RulebookError` with every problem of
    the text (an overlay's base missing or broken included), and
    :class:`OSError` when an overlay's ``folder`` cannot be listed.
    """
    loaded = check_rulebook(
        parse_document(raw, file, error=RulebookError),
        folder=Path(folder) if folder is not None else None,
    )
    return loaded.rulebook, list(loaded.warnings)


def is_rulebook_file(path: Path) -> bool:
    """A rulebook in a folder: ``*.yaml``/``*.yml``, not a cases file (``*.cases.yaml``).

    Raises nothing: only the name is looked at.
    """
    return path.suffix in (".yaml", ".yml") and not path.stem.endswith(".cases")


def load_rulebooks(folder: PathLike) -> list[LoadedRulebook]:
    """Every rulebook of a folder, checked to agree (see :mod:`._editions`).

    Raises :class:`~mofan_rules.errors.RulebookError` with every problem of
    every file, when the folder cannot be listed, and when two files give
    one edition different contents or one id's editions overlap in time.
    """
    root = Path(folder)
    try:
        entries = sorted(root.iterdir())
    except OSError as exc:
        raise RulebookError([Problem.from_msg(os_problem(exc, str(root)), display(root))]) from None
    files = [p for p in entries if p.is_file() and is_rulebook_file(p)]
    loaded: list[LoadedRulebook] = []
    problems: list[Problem] = []
    for file in files:
        try:
            loaded.append(read_rulebook(file))
        except RulebookError as exc:
            problems += exc.problems
    by_file = {lr.document.file: lr for lr in loaded}
    editions = [Edition(lr.document.file, lr.rulebook) for lr in loaded]
    for edition, msg in library_problems(editions):
        problems.append(by_file[edition.file].document.problem(("version",), msg))
    if problems:
        raise RulebookError(problems)
    return loaded


def select_rulebook(
    loaded: list[LoadedRulebook],
    *,
    on: dt.date | Period | None = None,
    pin: tuple[str, str] | None = None,
    folder: str = "<rulebooks>",
    ledger: str | None = None,
) -> LoadedRulebook:
    """The edition pinned, or in effect ``on`` a date or period, else the newest.

    Raises :class:`~mofan_rules.errors.RulebookError` (placed at ``ledger``,
    whose period or pin chose, or else at ``folder``) when ``loaded`` is
    empty, the pinned edition is not in it, or not exactly one edition is in
    effect ``on`` that date or period.
    """
    by_file = {lr.document.file: lr for lr in loaded}
    chosen = select([Edition(lr.document.file, lr.rulebook) for lr in loaded], on=on, pin=pin)
    if isinstance(chosen, Edition):
        return by_file[chosen.file]
    raise RulebookError([Problem.from_msg(chosen, ledger or folder)])


def load_rulebook_with_warnings(
    path: PathLike | None = None,
    *,
    on: dt.date | Period | None = None,
    pin: tuple[str, str] | None = None,
) -> tuple[Rulebook, list[Problem]]:
    """Like :func:`load_rulebook`, also returning the warnings (problems that do not stop loading).

    Raises :class:`~mofan_rules.errors.RulebookError` as :func:`load_rulebook` does.
    """
    file = Path(path) if path is not None else _shipped.default_rulebook_path()
    if file.is_dir():
        loaded = select_rulebook(load_rulebooks(file), on=on, pin=pin, folder=display(file))
        return loaded.rulebook, list(loaded.warnings)
    loaded = read_rulebook(file)
    return loaded.rulebook, list(loaded.warnings)


def load_rulebook(
    path: PathLike | None = None,
    *,
    on: dt.date | Period | None = None,
    pin: tuple[str, str] | None = None,
) -> Rulebook:
    """Load a rulebook file; with no argument, the shipped default rulebook.

    ``path`` may be a folder of editions: then the one ``pin``-ned (id,
    version), else the one in effect ``on`` a date or over a whole period,
    else the newest.

    Raises :class:`~mofan_rules.errors.RulebookError` with every problem
    found: a file that cannot be read or is malformed, a folder whose
    editions disagree, or no edition that fits ``pin`` or ``on``.
    """
    return load_rulebook_with_warnings(path, on=on, pin=pin)[0]


__all__ = [
    "LoadedRulebook",
    "check_rulebook",
    "is_rulebook_file",
    "load_rulebook",
    "load_rulebook_with_warnings",
    "load_rulebooks",
    "parse_rulebook",
    "read_rulebook",
    "select_rulebook",
]
