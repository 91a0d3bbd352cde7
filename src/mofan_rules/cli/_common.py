"""What every command shares: its language, located messages, safe outputs, rulebook choice.

The command holds no scoring logic: it reads arguments, calls the library,
prints what the library returns, and writes files safely. Everything it
prints that came from a file goes through :func:`mofan_rules._text.terminal_text`.
"""

from __future__ import annotations

import argparse
import errno
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
    from mofan_rules.source import display

    # A file's name is shown the way every message shows it (bytes that are
    # not UTF-8 as \\xNN); an option's name (--out) is left as it is.
    shown = where if where.startswith("-") else display(where)
    err(Problem.from_msg(say(code, **params), shown).text(args.lang))


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


# What an operating-system error on the output means, in the catalogue's words.
_OUT_ERRNO = {
    errno.ENAMETOOLONG: "out_name_too_long",
    errno.EACCES: "out_permission_denied",
    errno.EPERM: "out_permission_denied",
    errno.EROFS: "out_read_only",
    errno.ENOSPC: "out_disk_full",
    errno.EDQUOT: "out_disk_full",
    errno.ENOENT: "out_no_folder",
    errno.ENOTDIR: "out_no_folder",
    errno.EISDIR: "out_not_regular",
    errno.ELOOP: "out_link_loop",
}


def _output_error(exc: OSError) -> OutputError:
    code = _OUT_ERRNO.get(exc.errno or 0)
    if code is None:
        return OutputError("cannot_write", reason=exc.strerror or type(exc).__name__)
    return OutputError(code)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except (OSError, ValueError, RuntimeError):
        return False


def output_path(target: Path) -> Path:
    """Where ``target``'s bytes go: ``target`` itself, or the file a link there points to.

    A link to a file is written through (the link stays, the file it names
    gets the new content). A dangling or looping link, a folder, a pipe or a
    device is refused with :class:`OutputError`, so nothing is ever written
    to an unexpected place and nothing is opened and waited on.
    """
    try:
        info = target.lstat()
    except FileNotFoundError:
        return target  # a new file
    except ValueError:  # a NUL in the name
        raise OutputError("out_bad_name") from None
    except OSError as exc:
        raise _output_error(exc) from None
    if stat.S_ISLNK(info.st_mode):
        try:
            followed = target.stat()
        except FileNotFoundError:
            raise OutputError("out_dangling_link") from None
        except OSError as exc:
            raise _output_error(exc) from None
        if not stat.S_ISREG(followed.st_mode):
            raise OutputError("out_not_regular")
        return Path(os.path.realpath(target))
    if not stat.S_ISREG(info.st_mode):
        raise OutputError("out_not_regular")
    return target


def check_output(target: Path, inputs: list[Path]) -> None:
    """Refuse an output that would overwrite one of the inputs, or that is not a plain file."""
    for source in inputs:
        if _same_file(target, source):
            from mofan_rules.source import display

            raise OutputError("out_is_input", input=display(source))
    output_path(target)


def write_output(target: Path, data: bytes, inputs: list[Path] | None = None) -> None:
    """Write ``data`` to ``target`` atomically, with the permissions the umask gives a new file.

    The bytes go to a temporary file beside the target and are renamed over
    it, so the target holds the old content or the new, never a mixture. The
    temporary name is short, so a long but valid target name still works.
    Every refusal and failure is an :class:`OutputError` with a catalogue code.
    """
    check_output(target, inputs or [])
    target = output_path(target)
    folder = target.parent if str(target.parent) else Path()
    try:
        fd, tmp = tempfile.mkstemp(prefix=".mofan-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _output_error(exc) from None
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
        raise _output_error(exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _is_folder(path: str) -> bool:
    # Path.is_dir raises for some names (too long, a NUL); such a name is no folder.
    try:
        return stat.S_ISDIR(Path(path).stat().st_mode)
    except (OSError, ValueError):
        return False


def rulebook_files(path: str | None) -> list[Path]:
    """The files ``--rulebook`` reads (every file of a folder): an output must not overwrite one."""
    if path is None:
        from mofan_rules._shipped import default_rulebook_path

        return [Path(default_rulebook_path())]
    if _is_folder(path):
        try:
            return sorted(p for p in Path(path).iterdir() if p.is_file())
        except OSError:
            return []  # reading the folder will say what is wrong with it
    return [Path(path)]


class Rulebooks:
    """The rulebook for each ledger: a file, or from a folder of editions by period or pin."""

    def __init__(self, path: str | None) -> None:
        from mofan_rules.rulebook import load_rulebooks, read_rulebook

        self.path = path
        self.folder = path is not None and _is_folder(path)
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
        from mofan_rules.source import display

        period, pin = peek_ledger(ledger)
        return select_rulebook(
            self.loaded, on=period, pin=pin, folder=str(self.path), ledger=display(ledger)
        )

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
    "output_path",
    "rulebook_files",
    "tell",
    "text",
    "write_output",
]
