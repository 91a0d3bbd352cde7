"""Reading a file a person named, safely: bounded, never waiting, always located.

Every path a user can type goes through :func:`read_bytes`. It opens without
blocking and reads only regular files (a FIFO or a device is refused, never
waited on), reads at most a bound of bytes, and turns every operating-system
failure (no such file, a dangling or looping link, a name too long,
permission denied) into one located problem in the caller's error type.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from mofan_rules._text import terminal_text
from mofan_rules.errors import MofanRulesError, Problem
from mofan_rules.messages import Msg, say

PathLike = str | os.PathLike[str]

# A ledger or rulebook is typed by hand; two megabytes is far beyond any real one.
DEFAULT_MAX_BYTES = 2 * 1024 * 1024

_ERRNO_CODES = {
    errno.ENOENT: "no_such_file",
    errno.EISDIR: "is_a_folder",
    errno.ELOOP: "link_loop",
    errno.ENAMETOOLONG: "name_too_long",
    errno.EACCES: "permission_denied",
    errno.EPERM: "permission_denied",
    errno.ENOTDIR: "no_such_file",
}


_UNDECODED = re.compile("[\ud800-\udfff]")


def _printable(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def display(path: PathLike) -> str:
    r"""How to show a path: as typed, relative to the working folder when inside it, printable.

    The name itself is never resolved: a link is shown by its own name, not
    its target's (a dangling or looping link included, and resolving a loop
    raises). A name that is not valid UTF-8 shows its bytes as ``\xNN``, a
    lone surrogate as ``\udNNN``; a control character is shown escaped,
    never sent to the terminal.

    Raises nothing: a path it cannot resolve is shown as typed.
    """
    raw = os.fsdecode(path)
    shown = raw
    try:
        here = os.path.realpath(Path.cwd())
        # os.path, not Path.resolve: the last name must not be followed.
        head, name = os.path.split(os.path.abspath(raw))  # noqa: PTH100
        folder = os.path.realpath(head)  # the folder's links, not the file's own
        if name and folder == here:
            shown = name
        elif name and folder.startswith(here.rstrip(os.sep) + os.sep):
            shown = os.path.join(os.path.relpath(folder, here), name)  # noqa: PTH118
    except (OSError, ValueError):
        pass  # no working folder, a NUL in the name: shown as given
    shown = _UNDECODED.sub(_printable, shown)
    return terminal_text(shown, one_line=True)


def os_problem(exc: OSError, where: str) -> Msg:
    """The catalogue message for an operating-system error on a path.

    Raises nothing.
    """
    code = _ERRNO_CODES.get(exc.errno or 0)
    if code is None:
        return say("cannot_read", reason=exc.strerror or type(exc).__name__)
    # os.path.exists never raises (a looping link, a denied folder: False).
    if code == "no_such_file" and os.path.lexists(where) and not os.path.exists(where):  # noqa: PTH110
        return say("dangling_link")
    return say(code)


def read_bytes(
    path: PathLike, error: type[MofanRulesError], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> bytes:
    """The bytes of a regular file, at most ``max_bytes``; else ``error`` with one located problem.

    Raises ``error`` (a :class:`~mofan_rules.errors.MofanRulesError` subclass) when the
    file is missing, unreadable, not a regular file or too large.
    """
    shown = display(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise error([Problem.from_msg(os_problem(exc, os.fsdecode(path)), shown)]) from None
    except ValueError:  # a NUL in the name
        raise error([Problem.from_msg(say("bad_file_name"), shown)]) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise error([Problem.from_msg(say("is_a_folder"), shown)])
        if not stat.S_ISREG(info.st_mode):
            raise error([Problem.from_msg(say("not_a_regular_file"), shown)])
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise error([Problem.from_msg(os_problem(exc, os.fsdecode(path)), shown)]) from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(raw) > max_bytes:
        size = max(info.st_size, len(raw))
        msg = say("file_too_large", size=size, limit=max_bytes)
        raise error([Problem.from_msg(msg, shown)])
    return raw


def is_regular_file(path: Path) -> bool:
    """Whether ``path`` is a regular file (following links).

    Raises nothing: a path it cannot look at is not a regular file.
    """
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False
