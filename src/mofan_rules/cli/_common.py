"""What every command shares: its language, located messages, safe outputs, rulebook choice.

The command holds no scoring logic: it reads arguments, calls the library,
prints what the library returns, and writes files safely. Everything it
prints that came from a file goes through :func:`mofan_rules._text.terminal_text`.
"""

from __future__ import annotations

import argparse
import locale
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mofan_rules._text import terminal_text

if TYPE_CHECKING:
    from mofan_rules.rulebook import LoadedRulebook, Rulebook

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_OUTPUT = 3


def default_lang() -> str:
    """``zh`` when the locale is Chinese, else ``en``."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    current = locale.getlocale()[0] or ""
    return "zh" if current.lower().startswith("zh") else "en"


def out(text: str = "", *, end: str = "\n") -> None:
    """Print to stdout; text from files is shown with its control characters escaped."""
    sys.stdout.write(terminal_text(text) + end)


def err(text: str) -> None:
    """Print one line to stderr, control characters escaped."""
    sys.stderr.write(terminal_text(text) + "\n")


def tell(args: argparse.Namespace, where: str, code: str, **params: Any) -> None:
    """One located line on stderr from the message catalogue, in the chosen language."""
    from mofan_rules.errors import Problem
    from mofan_rules.messages import say

    err(Problem.from_msg(say(code, **params), where).text(args.lang))


def text(args: argparse.Namespace, code: str, **params: Any) -> str:
    """A catalogue text in the command's language."""
    from mofan_rules.messages import say

    return say(code, **params).text(args.lang)


class OutputError(Exception):
    """An output file could not be written: the catalogue code and its parameters."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except (OSError, ValueError, RuntimeError):
        return False


def check_output(target: Path, inputs: list[Path]) -> None:
    """Refuse an output that would overwrite one of the inputs, or that is not a plain file."""
    for source in inputs:
        if _same_file(target, source):
            raise OutputError("out_is_input", input=str(source))
    try:
        info = target.stat()
    except OSError:
        return
    if not stat.S_ISREG(info.st_mode):
        raise OutputError("out_not_regular")


def write_output(target: Path, data: bytes, inputs: list[Path] | None = None) -> None:
    """Write ``data`` to ``target`` atomically, with the permissions the umask gives a new file.

    The bytes go to a temporary file beside the target and are renamed over
    it, so the target holds the old content or the new, never a mixture. The
    temporary name is short, so a long but valid target name still works.
    """
    check_output(target, inputs or [])
    folder = target.parent if str(target.parent) else Path()
    try:
        fd, tmp = tempfile.mkstemp(prefix=".mofan-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError("cannot_write", reason=exc.strerror or type(exc).__name__) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file 0600; a report is for others to read, so give
        # it what the user's umask gives any new file.
        mask = os.umask(0)
        os.umask(mask)
        Path(tmp).chmod(0o666 & ~mask)
        Path(tmp).replace(target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError("cannot_write", reason=exc.strerror or type(exc).__name__) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Rulebooks:
    """The rulebook for each ledger: a file, or from a folder of editions by period or pin."""

    def __init__(self, path: str | None) -> None:
        from mofan_rules.rulebook import load_rulebooks, read_rulebook
        from mofan_rules.rulebook._load import LoadedRulebook

        self.path = path
        self.folder = path is not None and Path(path).is_dir()
        self.loaded: list[LoadedRulebook] = load_rulebooks(path) if self.folder else []  # type: ignore[arg-type]
        if self.folder:
            self.single: LoadedRulebook | None = None
        else:
            from mofan_rules._shipped import default_rulebook_path

            self.single = read_rulebook(path if path is not None else default_rulebook_path())

    def for_ledger(self, ledger: str | Path) -> LoadedRulebook:
        """The edition a ledger is scored under."""
        from mofan_rules.ledger import peek_ledger
        from mofan_rules.rulebook import select_rulebook

        if self.single is not None:
            return self.single
        period, pin = peek_ledger(ledger)
        return select_rulebook(self.loaded, on=period, pin=pin, folder=str(self.path))

    def rulebook_for(self, ledger: str | Path) -> Rulebook:
        """The rulebook a ledger is scored under."""
        return self.for_ledger(ledger).rulebook


__all__ = [
    "EXIT_INPUT",
    "EXIT_OK",
    "EXIT_OUTPUT",
    "EXIT_USAGE",
    "OutputError",
    "Rulebooks",
    "check_output",
    "default_lang",
    "err",
    "out",
    "tell",
    "text",
    "write_output",
]
