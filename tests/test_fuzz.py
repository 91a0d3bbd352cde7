"""Fuzzing: bad input never crashes, never hangs, is always reported at its place, and no output does harm.

Each test feeds mutated copies of the shipped rulebook, the pattern and
genre rulebooks, the example ledgers and the cases files (see
``tests/fuzz/mutate.py``) to one entry point; the only outcomes allowed are a
valid result or a located :class:`MofanRulesError` (``tests/fuzz/harness.py``
says exactly what is checked). The ``outputs`` test puts random hostile text
into a ledger and a rulebook and parses every output back
(``tests/fuzz/outputs.py``). This is the short campaign CI runs, with a fixed
seed (hypothesis's ``derandomize``, see conftest.py), in seconds;
``MOFAN_FUZZ_EXAMPLES=N`` runs N inputs per test instead, and
``scripts/fuzz_campaign.py`` runs the long one (``docs/reliability.md``).
Spreadsheets are fuzzed by ``scripts/fuzz_sheets.py`` and ``tests/test_sheets_*``.
Every distinct failure fuzzing found is kept under
``tests/cases/fuzz_regressions/`` and replayed by the last test here.
"""

from __future__ import annotations

import json
import os
import random
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz import harness, mutate
from fuzz.harness import Outcome, Workdir
from mofan_rules import load_rulebook
from mofan_rules.errors import MofanRulesError
from mofan_rules.rulebook import parse_rulebook
from mofan_rules.scoring import load_cases
from mofan_rules.source import parse_document

RB = load_rulebook()
REGRESSIONS = Path(__file__).resolve().parent / "cases" / "fuzz_regressions"
ROOT = Path(__file__).resolve().parent.parent


def _rulebook_path(case: dict[str, Any]) -> Path:
    """What a case's ledger is read against: its ``rulebook`` (from the repo's root), or the shipped one."""
    return ROOT / case["rulebook"] if "rulebook" in case else mutate.SHIPPED


# No time oracle under pytest (tests do not time things); the alarm against a
# hang stays, set far above any input's real time (a loaded CI machine must
# not turn a slow input into a failure; a hang still ends).
harness.TIMING = False
harness.TIMEOUT = 300.0

# Inputs per test in CI (about 30 s for the whole file); the long campaign is
# scripts/fuzz_campaign.py.
EXAMPLES = int(os.environ.get("MOFAN_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.large_base_example,  # a Random drawn from many times: inputs are big by design
    ],
)
# The command loads the shipped rulebook on every run: fewer of those; the
# outputs test runs a command twice (on the hostile text and its plain twin).
FUZZ_COMMAND = settings(FUZZ, max_examples=max(1, EXAMPLES // 3))
FUZZ_OUTPUTS = settings(FUZZ, max_examples=max(1, EXAMPLES // 4))

RNG = st.randoms(use_true_random=False)


@pytest.fixture(scope="module")
def work() -> Iterator[Workdir]:
    folder = Workdir()
    yield folder
    folder.close()


def ok(outcome: Outcome) -> None:
    assert not outcome.failed, f"{outcome.kind}: {outcome.detail}"


# ------------------------------------------------------------------ loaders


@FUZZ
@given(rng=RNG)
def test_parse_rulebook_text(rng: random.Random) -> None:
    ok(harness.rulebook_text(mutate.generate(rng, "rulebook")))


@FUZZ
@given(rng=RNG)
def test_load_rulebook_file(rng: random.Random, work: Workdir) -> None:
    ok(harness.rulebook_file(mutate.generate(rng, "rulebook"), work))


@FUZZ
@given(rng=RNG)
def test_load_ledger_file(rng: random.Random, work: Workdir) -> None:
    # YAML and JSON, each scored under its seed's rulebook when it loads.
    ok(harness.facts_file(mutate.generate(rng, "ledger"), work))


@FUZZ
@given(rng=RNG)
def test_load_ledger_from_python_data(rng: random.Random) -> None:
    seed = rng.choice(mutate.seeds_of("ledger"))
    data = mutate.mutate_data(rng, seed.data, rng.choice([1, 2, 4]))
    ok(harness.facts_data(data, harness.rulebook_of(seed.rulebook)))


@FUZZ
@given(rng=RNG)
def test_evaluate_ledgers_never_checked(rng: random.Random) -> None:
    seed = rng.choice(mutate.seeds_of("ledger"))
    data = mutate.plausible_data(rng, seed.data, rng.choice([1, 2, 4]))
    ok(harness.evaluate_unchecked(data, harness.rulebook_of(seed.rulebook)))


@FUZZ
@given(rng=RNG)
def test_load_cases_file(rng: random.Random, work: Workdir) -> None:
    ok(harness.cases_file(mutate.generate(rng, "cases"), work))


# ------------------------------------------------------------------ the command


@FUZZ_COMMAND
@given(rng=RNG, command=st.sampled_from(harness.LEDGER_COMMANDS))
def test_command_on_ledgers(rng: random.Random, command: str, work: Workdir) -> None:
    ok(harness.cli(command, mutate.generate(rng, "ledger"), work))


@FUZZ_COMMAND
@given(rng=RNG, command=st.sampled_from(harness.RULEBOOK_COMMANDS))
def test_command_on_rulebooks(rng: random.Random, command: str, work: Workdir) -> None:
    ok(harness.cli(command, mutate.generate(rng, "rulebook"), work))


# ------------------------------------------------------------------ outputs


@FUZZ_OUTPUTS
@given(rng=RNG)
def test_outputs_stay_inert(rng: random.Random, work: Workdir) -> None:
    ok(harness.outputs_target(rng, work))


# ------------------------------------------------- a wrong value, at its place

_NUMBER = re.compile(r"[-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?")
# Places where a wrong value is known to be taken silently, kept as an open
# regression case instead (rulebook-schema-version-true.yaml in the index):
# `schema_version: true` reads as format 1 (True == 1) and is migrated.
OPEN_PATHS = {("schema_version",)}


def _numbers(seed: mutate.Seed) -> list[tuple[Any, ...]]:
    doc = parse_document(seed.text, seed.name)
    return [
        path
        for path, _ in doc.values.items()
        if isinstance(_at(seed.data, path), int | Decimal)
        and not isinstance(_at(seed.data, path), bool)
    ]


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _load(seed: mutate.Seed, text: str, work: Workdir) -> None:
    rulebook = harness.rulebook_of(seed.rulebook)
    if seed.kind == "rulebook":
        parse_rulebook(text, seed.name)
    elif seed.kind == "cases":
        path = work.write(seed.name, text.encode())
        for item in load_cases(path, rulebook):
            if isinstance(item.ledger, MofanRulesError):
                raise item.ledger
    else:
        from mofan_rules import load_ledger

        path = work.write(seed.name, text.encode())
        load_ledger(path, rulebook)


@FUZZ
@given(rng=RNG, bad=st.sampled_from(['"x"', "[1]", "{a: 1}", "true", "１２", ".nan"]))
def test_a_wrong_value_is_reported_where_it_is(rng: random.Random, bad: str, work: Workdir) -> None:
    """Replace one number of a valid file with a wrong value: a problem sits at that value."""
    seed = rng.choice([s for s in mutate.seeds() if not s.name.startswith("case-")])
    path = rng.choice([p for p in _numbers(seed) if p not in OPEN_PATHS])
    doc = parse_document(seed.text, seed.name)
    position = doc.values[path]
    lines = seed.text.split("\n")
    line = lines[position.line - 1]
    start = position.column - 1
    m = _NUMBER.match(line, start)
    assert m, (line, start)
    lines[position.line - 1] = line[:start] + bad + line[m.end() :]
    text = "\n".join(lines)
    with pytest.raises(MofanRulesError) as info:
        _load(seed, text, work)
    places = {(p.line, p.column) for p in info.value.problems}
    assert (position.line, position.column) in places, (path, bad, str(info.value))


# ------------------------------------------------------------------ regressions


def _regressions() -> list[dict[str, Any]]:
    index = REGRESSIONS / "index.json"
    return json.loads(index.read_text(encoding="utf-8")) if index.exists() else []


def _python_data(value: Any) -> Any:
    """JSON with markers for what JSON cannot hold.

    ``{"$float": "nan"}`` a float, ``{"$deep": 5000}`` a list nested that
    deep, ``{"$int": "1e5000"}`` a whole number of that size (10**5000),
    ``{"$shared": [30, 10]}`` one list held 10 times at each of 30 levels
    (10**30 values when walked), ``{"$bytes": "x"}`` bytes.
    """
    if isinstance(value, dict) and len(value) == 1:
        ((key, inner),) = value.items()
        if key == "$float":
            return float(inner)
        if key == "$deep":
            deep: Any = 1
            for _ in range(int(inner)):
                deep = [deep]
            return deep
        if key == "$int":
            return 10 ** int(str(inner).removeprefix("1e"))
        if key == "$shared":
            depth, width = inner
            shared: Any = [1] * width
            for _ in range(depth):
                shared = [shared] * width
            return shared
        if key == "$bytes":
            return str(inner).encode()
    if isinstance(value, dict):
        return {k: _python_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_python_data(v) for v in value]
    return value


def _replay(case: dict[str, Any], work: Workdir) -> Outcome:
    raw = (REGRESSIONS / case["file"]).read_bytes()
    suffix = Path(case["file"]).suffix
    target = case["target"]
    inp = mutate.FuzzInput(target.split("-")[0], suffix, raw, case["file"], _rulebook_path(case))
    rb = harness.rulebook_of(_rulebook_path(case))
    if "command" in case:
        return harness.cli(case["command"], inp, work)
    if target in ("rulebook", "rulebook-str"):
        return harness.rulebook_text(inp, as_text=target == "rulebook-str")
    if target == "rulebook-file":
        return harness.rulebook_file(inp, work)
    if target == "cases":
        return harness.cases_file(inp, work, rb)
    if target == "ledger-data":
        return harness.facts_data(_python_data(json.loads(raw)), rb)
    return harness.facts_file(inp, work, rb)


def _cases() -> list[Any]:
    marks = []
    for case in _regressions():
        open_reason = case.get("open")
        mark = [pytest.mark.xfail(strict=True, reason=open_reason)] if open_reason else []
        marks.append(pytest.param(case, id=case["file"], marks=mark))
    return marks


def test_every_regression_case_has_its_file() -> None:
    cases = _regressions()
    assert cases, "no fuzz regression cases"
    files = {c["file"] for c in cases}
    on_disk = {p.name for p in REGRESSIONS.iterdir() if p.is_file() and p.name != "index.json"}
    assert files == on_disk  # (sheets/ holds the spreadsheet cases, with their own index)
    for case in cases:
        assert case["found"], case
        assert case["expect"], case


@pytest.mark.parametrize("case", _cases())
def test_fuzz_regression(case: dict[str, Any], work: Workdir) -> None:
    outcome = _replay(case, work)
    ok(outcome)
    assert outcome.kind == case["expect"], outcome
    if "message" in case:  # the words the fix gave it
        assert case["message"] in _message_of(case, work)
    if "problems" in case:  # every problem at once
        assert _message_of(case, work).count("\n") + 1 == 2 * case["problems"]
    if "ledger" in case:  # what it reads as, exactly
        from mofan_rules import load_ledger

        raw = (REGRESSIONS / case["file"]).read_bytes()
        ledger = load_ledger(work.write(case["file"], raw), RB)
        for field, value in case["ledger"].items():
            assert getattr(ledger, field) == value, field


def _message_of(case: dict[str, Any], work: Workdir) -> str:
    from mofan_rules import load_ledger

    raw = (REGRESSIONS / case["file"]).read_bytes()
    rb = harness.rulebook_of(_rulebook_path(case))
    try:
        if case["target"] in ("rulebook", "rulebook-str"):
            parse_rulebook(raw.decode("utf-8", "surrogateescape"), case["file"])
        elif case["target"] == "cases":
            load_cases(work.write(case["file"], raw), rb)
        elif case["target"] == "ledger-data":
            load_ledger(_python_data(json.loads(raw)), rb)
        else:
            load_ledger(work.write(case["file"], raw), rb)
    except MofanRulesError as exc:
        return str(exc) + "\n" + "\n".join(p.text("zh") for p in exc.problems)
    return ""
