"""Every path a user can type is safe (issue 13 §3; docs/reliability.md, "Paths").

Symlink loops, dangling links, pipes, over-long names, names that are not
UTF-8 and permission errors, given to ``score``, ``batch`` or ``--out``, each
give one located line and the right exit code (1 for an input, 3 for an
output). A pipe is never opened and waited on. A long but valid ``--out``
name works; ``--out`` naming one of the inputs is refused; the tool's own
outputs in an input folder are not read back as ledgers.

The tests run as whatever user CI uses: permission errors are made real with
``chmod`` where that binds (not for root), and are always also simulated by
making the operating system call fail with ``EACCES``.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mofan_rules import Rulebook
from mofan_rules.cli import main
from mofan_rules.messages import say
from mofan_rules.scoring import is_own_output, ledger_files
from mofan_rules.source import display

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "typical-year.yaml"
ROOTED = hasattr(os, "geteuid") and os.geteuid() == 0
# One name component may have at most 255 bytes on the usual file systems.
NAME_MAX = 255


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], list[str]]:
    capsys.readouterr()
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err.splitlines()


def en(code: str, **params: Any) -> str:
    """A catalogue message with its hint, as the command prints it in English."""
    msg = say(code, **params)
    return msg.en + (f" ({msg.hint})" if msg.hint else "")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding one good ledger, ``good.yaml``."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLE, tmp_path / "good.yaml")
    return tmp_path


@pytest.fixture
def no_fifo_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything opens a pipe in a way that would wait for a writer.

    Opening a FIFO for reading blocks until someone writes; ``O_NONBLOCK``
    returns at once (the reader then refuses it). Every other way of opening
    it is caught here before it could block.
    """
    real_open, real_os_open = io.open, os.open

    def is_fifo(file: Any) -> bool:
        if isinstance(file, int):
            return False
        try:
            return stat.S_ISFIFO(Path(file).stat().st_mode)
        except (OSError, TypeError, ValueError):
            return False

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if is_fifo(file):
            raise AssertionError(f"a pipe was opened and would be waited on: {file!r}")
        return real_open(file, *args, **kwargs)

    def guarded_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if is_fifo(path) and not flags & os.O_NONBLOCK:
            raise AssertionError(f"a pipe was opened without O_NONBLOCK: {path!r}")
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)


def test_the_pipe_guard_catches_a_blocking_open(here: Path, no_fifo_waits: None) -> None:
    os.mkfifo("p.yaml")
    with pytest.raises(AssertionError, match="would be waited on"), Path("p.yaml").open("rb"):
        pass
    with pytest.raises(AssertionError, match="without O_NONBLOCK"):
        os.open("p.yaml", os.O_RDONLY)
    os.close(os.open("p.yaml", os.O_RDONLY | os.O_NONBLOCK))  # the safe way is allowed


# ----------------------------------------------------------- hostile inputs


def _loop(here: Path) -> str:
    (here / "loop-a.yaml").symlink_to("loop-b.yaml")
    (here / "loop-b.yaml").symlink_to("loop-a.yaml")
    return "loop-a.yaml"


def _dangling(here: Path) -> str:
    (here / "dangling.yaml").symlink_to("nowhere.yaml")
    return "dangling.yaml"


def _fifo(here: Path) -> str:
    os.mkfifo(here / "pipe.yaml")
    return "pipe.yaml"


def _long(here: Path) -> str:
    return "x" * (NAME_MAX + 20) + ".yaml"


def _folder(here: Path) -> str:
    (here / "folder.yaml").mkdir()
    return "folder.yaml"


def _nul(here: Path) -> str:
    return "a\x00b.yaml"


HOSTILE = {
    # name → (make it, catalogue code, the name as the message shows it)
    "symlink loop": (_loop, "link_loop", "loop-a.yaml"),
    "dangling link": (_dangling, "dangling_link", "dangling.yaml"),
    "fifo": (_fifo, "not_a_regular_file", "pipe.yaml"),
    "over-long name": (_long, "name_too_long", "x" * (NAME_MAX + 20) + ".yaml"),
    "missing": (lambda here: "missing.yaml", "no_such_file", "missing.yaml"),
    "folder": (_folder, "is_a_folder", "folder.yaml"),
    "nul in the name": (_nul, "bad_file_name", "a\\u0000b.yaml"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_score_refuses_a_hostile_input_in_one_line(
    case: str, here: Path, capsys: pytest.CaptureFixture[str], no_fifo_waits: None
) -> None:
    make, code, shown = HOSTILE[case]
    name = make(here)
    status, out, err = run(["score", name], capsys)
    assert status == 1
    assert out == []
    assert err == [f"{shown}: /: {en(code)}"]


@pytest.mark.parametrize("case", [c for c in HOSTILE if c != "folder"])  # batch lists folders
def test_batch_scores_the_rest_and_names_each_hostile_input(
    case: str, here: Path, capsys: pytest.CaptureFixture[str], no_fifo_waits: None
) -> None:
    make, code, shown = HOSTILE[case]
    name = make(here)
    status, out, err = run(["batch", "good.yaml", name, "--out", "ranking.csv"], capsys)
    assert status == 1
    assert out == ["ranking.csv: 1 of 2 ledgers scored and ranked"]
    assert err == [
        "ranking.csv: /: " + en("ledgers_not_scored", count=1),
        f"  {shown}: /: {en(code)}",
    ]
    assert (here / "ranking.csv").read_bytes().count(b"\r\n") == 2  # the header and good.yaml


def test_batch_over_a_folder_of_hostile_entries(
    here: Path, capsys: pytest.CaptureFixture[str], no_fifo_waits: None
) -> None:
    folder = here / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "good.yaml")
    for make in (_loop, _dangling, _fifo, _folder):
        make(folder)
    status, out, err = run(["batch", "in", "--out", "ranking.csv"], capsys)
    assert status == 1
    # A folder inside is not searched (folder.yaml/), whatever its name.
    assert out == ["ranking.csv: 1 of 5 ledgers scored and ranked"]
    assert err[1:] == [
        f"  in/dangling.yaml: /: {en('dangling_link')}",
        f"  in/loop-a.yaml: /: {en('link_loop')}",
        f"  in/loop-b.yaml: /: {en('link_loop')}",
        f"  in/pipe.yaml: /: {en('not_a_regular_file')}",
    ]


def test_a_name_that_is_not_utf8(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = b"caf\xe9.yaml"  # Latin-1, as an old Windows share may hand it over
    name = os.fsdecode(raw)
    shutil.copy(os.fsencode(EXAMPLE), os.fsencode(here) + b"/" + raw)
    status, out, _ = run(["score", name, "--format", "json"], capsys)
    assert status == 0
    assert '"total"' in "\n".join(out)
    # Shown by its bytes, in every message and in the ranking's file column.
    assert display(name) == "caf\\xe9.yaml"
    (here / "broken.yaml").write_text("records: [\n", "utf-8")
    (here / "broken.yaml").rename(os.fsdecode(os.fsencode(here) + b"/bro\xffken.yaml"))
    status, _, err = run(["score", os.fsdecode(b"bro\xffken.yaml")], capsys)
    assert status == 1
    assert len(err) == 1
    assert err[0].startswith("bro\\xffken.yaml:")
    status, out, err = run(["batch", ".", "--out", "ranking.csv"], capsys)
    assert status == 1
    table = (here / "ranking.csv").read_text("utf-8-sig")
    assert ",caf\\xe9.yaml," in table
    assert err[1].startswith("  bro\\xffken.yaml:")


def _deny_reading(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    real = os.open

    def denied(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.fsdecode(path).endswith(name):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)  # the os module mofan_rules.source._files opens with


def test_an_input_that_may_not_be_read(
    here: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(EXAMPLE, here / "secret.yaml")
    _deny_reading(monkeypatch, "secret.yaml")
    status, _, err = run(["score", "secret.yaml"], capsys)
    assert (status, err) == (1, [f"secret.yaml: /: {en('permission_denied')}"])
    status, _, err = run(["batch", "good.yaml", "secret.yaml", "--out", "r.csv"], capsys)
    assert status == 1
    assert err[1:] == [f"  secret.yaml: /: {en('permission_denied')}"]


@pytest.mark.skipif(ROOTED, reason="root reads any file: chmod cannot deny it")
def test_an_input_that_may_not_be_read_for_real(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(EXAMPLE, here / "secret.yaml")
    (here / "secret.yaml").chmod(0)
    (here / "closed").mkdir()
    shutil.copy(EXAMPLE, here / "closed" / "a.yaml")
    (here / "closed").chmod(0)
    try:
        status, _, err = run(["score", "secret.yaml"], capsys)
        assert (status, err) == (1, [f"secret.yaml: /: {en('permission_denied')}"])
        status, _, err = run(["batch", "good.yaml", "closed", "--out", "r.csv"], capsys)
        assert status == 1
        assert err[1:] == [f"  closed: /: {en('permission_denied')}"]
    finally:
        (here / "closed").chmod(0o755)


def test_a_folder_that_may_not_be_listed(
    here: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (here / "closed").mkdir()
    real = Path.iterdir

    def denied(self: Path) -> Iterator[Path]:
        if self.name == "closed":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", denied)
    status, out, err = run(["batch", "good.yaml", "closed", "--out", "r.csv"], capsys)
    assert status == 1
    assert out == ["r.csv: 1 of 2 ledgers scored and ranked"]
    assert err[1:] == [f"  closed: /: {en('permission_denied')}"]


# ------------------------------------------------------------------ --out


def _out_cases(here: Path) -> dict[str, tuple[str, str]]:
    """Hostile --out paths: name → (the path, catalogue code)."""
    os.mkfifo(here / "pipe.csv")
    (here / "loop-a.csv").symlink_to("loop-b.csv")
    (here / "loop-b.csv").symlink_to("loop-a.csv")
    (here / "dangling.csv").symlink_to("nowhere/at/all.csv")
    (here / "folder.csv").mkdir()
    return {
        "fifo": ("pipe.csv", "out_not_regular"),
        "symlink loop": ("loop-a.csv", "out_link_loop"),
        "dangling link": ("dangling.csv", "out_dangling_link"),
        "folder": ("folder.csv", "out_not_regular"),
        "over-long name": ("y" * (NAME_MAX + 1) + ".csv", "out_name_too_long"),
        "no such folder": ("nowhere/out.csv", "out_no_folder"),
        "nul in the name": ("a\x00.csv", "out_bad_name"),
    }


OUT_CASES = ["fifo", "symlink loop", "dangling link", "folder", "over-long name",
             "no such folder", "nul in the name"]  # fmt: skip


def _shown(path: str) -> str:
    return display(path)


@pytest.mark.parametrize("case", OUT_CASES)
@pytest.mark.parametrize(
    "command",
    [
        ["score", "good.yaml", "--format", "csv", "--out", "{OUT}"],
        ["batch", "good.yaml", "--out", "{OUT}"],
        ["template", "--format", "csv", "--out", "{OUT}"],
    ],
    ids=["score", "batch", "template"],
)
def test_a_hostile_out_is_refused_in_one_line(
    case: str,
    command: list[str],
    here: Path,
    capsys: pytest.CaptureFixture[str],
    no_fifo_waits: None,
) -> None:
    target, code = _out_cases(here)[case]
    before = sorted(p.name for p in here.iterdir())
    argv = [target if a == "{OUT}" else a for a in command]
    status, out, err = run(argv, capsys)
    assert status == 3
    assert err == [f"{_shown(target)}: /: {en(code)}"]
    assert out == [] or command[0] == "batch"  # batch says what it scored before writing
    assert sorted(p.name for p in here.iterdir()) == before  # nothing created, no link followed


def test_an_out_that_may_not_be_written(
    here: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for number, code in [
        (errno.EACCES, "out_permission_denied"),
        (errno.EROFS, "out_read_only"),
        (errno.ENOSPC, "out_disk_full"),
        (errno.EIO, "cannot_write"),
    ]:

        def failing(*args: Any, number: int = number, **kwargs: Any) -> Any:
            raise OSError(number, os.strerror(number))

        monkeypatch.setattr(tempfile, "mkstemp", failing)
        status, _, err = run(["score", "good.yaml", "--out", "score.md"], capsys)
        params = {"reason": os.strerror(number)} if code == "cannot_write" else {}
        assert (status, err) == (3, [f"score.md: /: {en(code, **params)}"])
    assert not (here / "score.md").exists()


@pytest.mark.skipif(ROOTED, reason="root writes anywhere: chmod cannot deny it")
def test_an_out_that_may_not_be_written_for_real(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "closed").mkdir()
    (here / "closed").chmod(0o555)
    try:
        status, _, err = run(["batch", "good.yaml", "--out", "closed/r.csv"], capsys)
        assert (status, err[-1:]) == (3, [f"closed/r.csv: /: {en('out_permission_denied')}"])
    finally:
        (here / "closed").chmod(0o755)


def test_a_long_but_valid_out_name_works(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for command, suffix in (
        (["score", "good.yaml", "--format", "md"], ".md"),
        (["score", "good.yaml", "--format", "xlsx"], ".xlsx"),
        (["batch", "good.yaml"], ".csv"),
        (["template"], ".xlsx"),
    ):
        name = "长" * ((NAME_MAX - len(suffix)) // 3) + suffix  # 3 bytes a character in UTF-8
        assert NAME_MAX - 3 < len(os.fsencode(name)) <= NAME_MAX
        status, _, _ = run([*command, "--out", name], capsys)
        assert status == 0, command
        assert (here / name).stat().st_size > 0
        (here / name).unlink()
    assert [p.name for p in here.iterdir()] == ["good.yaml"]  # no temporary file left


def test_an_out_name_that_is_not_utf8(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = os.fsdecode(b"r\xe9sum\xe9.csv")
    status, _, err = run(["batch", "good.yaml", "--out", name], capsys)
    assert status == 0
    assert (here / name).exists()
    status, _, err = run(["batch", "good.yaml", "--out", os.fsdecode(b"no\xff/r.csv")], capsys)
    assert status == 3
    assert err == [f"no\\xff/r.csv: /: {en('out_no_folder')}"]


def test_out_through_a_link_writes_the_file_it_names(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "reports").mkdir()
    (here / "reports" / "score.md").write_text("old", "utf-8")
    (here / "latest.md").symlink_to("reports/score.md")
    status, _, _ = run(["score", "good.yaml", "--format", "md", "--out", "latest.md"], capsys)
    assert status == 0
    assert (here / "latest.md").is_symlink()  # the link stays a link
    assert (here / "reports" / "score.md").read_text("utf-8").startswith("# ")


# -------------------------------------------------- --out naming an input


@pytest.mark.parametrize("spelling", ["same", "dot", "absolute", "symlink", "hardlink"])
def test_score_refuses_an_out_that_names_an_input(
    spelling: str, here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = (here / "good.yaml").read_bytes()
    if spelling == "symlink":
        (here / "alias.yaml").symlink_to("good.yaml")
    if spelling == "hardlink":
        os.link(here / "good.yaml", here / "alias.yaml")
    target = {
        "same": "good.yaml",
        "dot": "./good.yaml",
        "absolute": str(here / "good.yaml"),
        "symlink": "alias.yaml",
        "hardlink": "alias.yaml",
    }[spelling]
    status, out, err = run(["score", "good.yaml", "--format", "md", "--out", target], capsys)
    assert status == 3
    assert out == []
    assert err == [f"{_shown(target)}: /: {en('out_is_input', input='good.yaml')}"]
    assert (here / "good.yaml").read_bytes() == original


def test_batch_refuses_an_out_that_names_an_input(
    here: Path, capsys: pytest.CaptureFixture[str], rulebook: Rulebook
) -> None:
    from mofan_rules._workbook import csv_bytes
    from mofan_rules.ledger import template_sheets

    # A CSV ledger (the template's first sheet, empty: a clean year), named
    # on its own and found in a folder.
    folder = here / "in"
    folder.mkdir()
    ledger = csv_bytes(template_sheets(rulebook, "en")[0].rows)
    (folder / "unit.csv").write_bytes(ledger)
    for inputs, out in ((["in/unit.csv"], "in/unit.csv"), (["in"], "in/unit.csv")):
        status, _, err = run(["batch", *inputs, "--out", out], capsys)
        assert status == 3, inputs
        assert err[-1] == f"in/unit.csv: /: {en('out_is_input', input='in/unit.csv')}"
        assert (folder / "unit.csv").read_bytes() == ledger


# ----------------------------------------------- own outputs are not read


def test_own_outputs_in_the_input_folder_are_not_read_back(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = here / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a.yaml")
    shutil.copy(EXAMPLE, folder / "b.yaml")
    outputs = []
    for lang in ("en", "zh"):
        for command, name in (
            (["batch", "in"], f"ranking-{lang}.csv"),
            (["batch", "in"], f"ranking-{lang}.xlsx"),
            (["score", "in/a.yaml", "--format", "csv"], f"score-{lang}.csv"),
            (["score", "in/a.yaml", "--format", "xlsx"], f"score-{lang}.xlsx"),
            (["score", "in/a.yaml", "in/b.yaml", "--format", "json"], f"score-{lang}.json"),
            (["score", "in/a.yaml", "--format", "json"], f"one-{lang}.json"),
        ):
            status, _, _ = run(["--lang", lang, *command, "--out", f"in/{name}"], capsys)
            assert status == 0, (command, name)
            outputs.append(folder / name)
    (folder / "~$a.xlsx").write_bytes(b"\x06owner\x00" * 20)  # Excel's lock file, while open
    assert all(is_own_output(p) for p in outputs)
    assert ledger_files([folder]) == [folder / "a.yaml", folder / "b.yaml"]
    # Run again into the same folder: the earlier ranking is replaced, nothing else read.
    status, out, err = run(["batch", "in", "--out", "in/ranking-en.csv"], capsys)
    assert (status, out, err) == (0, ["in/ranking-en.csv: 2 of 2 ledgers scored and ranked"], [])


def test_a_ledger_is_not_taken_for_an_output(here: Path, rulebook: Rulebook) -> None:
    # The checks look at what only the tool writes: a ledger's JSON, CSV or
    # workbook is never skipped, whatever its name.
    from mofan_rules._workbook import csv_bytes, xlsx_bytes
    from mofan_rules.ledger import template_sheets

    sheets = template_sheets(rulebook, "en")
    files = {
        "ranking.json": b'{"unit": "x", "bonus": "1", "bonuses": []}',
        "score.csv": csv_bytes(sheets[0].rows),
        "score.xlsx": xlsx_bytes(sheets, creator="mofan-rules ledger template"),
        "ranking.xlsx": b"PK\x03\x04 not really a workbook",
    }
    for name, raw in files.items():
        (here / name).write_bytes(raw)
        assert not is_own_output(here / name), name


def test_batch_places_a_problem_found_while_scoring_in_its_file(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # This rulebook requires every figure it reads; a ledger without one
    # fails while it is scored, and the ranking's list says which file.
    rulebook = ROOT / "rulebooks" / "genre" / "ducha-work-assessment.yaml"
    (here / "unit.yaml").write_text("unit: 某单位\nclass: key_work\nrecords: []\n", "utf-8")
    status, _out, err = run(["batch", "unit.yaml", "-r", str(rulebook), "--out", "r.csv"], capsys)
    assert status == 1
    # At the figure's path; the YAML has no measures, so the place is the file's start.
    assert err[1].startswith("  unit.yaml:1:1: /measures/")
    assert "<ledger>" not in "\n".join(err)
