"""Run every command of docs/tutorial.md and compare its output with the tutorial's.

The tutorial's ``console`` blocks hold lines ``$ lexamend …`` followed by the
output. A line ``...`` in the expected output stands for any number of lines,
``...`` inside a line for any text; ``[exit N]`` after the output gives the
expected exit status (0 otherwise). Commands run in a temporary copy of the
corpus and the proposals, so that files they write do not land in the repository.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

import pytest

from tests.clirunner import run_cli
from tests.conftest import REPO

TUTORIAL = REPO / "docs" / "tutorial.md"
_BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def steps() -> list[tuple[str, list[str], int]]:
    out: list[tuple[str, list[str], int]] = []
    for block in _BLOCK.findall(TUTORIAL.read_text(encoding="utf-8")):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            expected = output.rstrip("\n").split("\n") if output.strip() else []
            status = 0
            if expected and re.fullmatch(r"\[exit \d+\]", expected[-1]):
                status = int(expected.pop()[6:-1])
            out.append((command, expected, status))
    return out


def _line_matches(pattern: str, line: str) -> bool:
    parts = [re.escape(p) for p in pattern.split("...")]
    return re.fullmatch(".*".join(parts), line) is not None


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` lines fit ``expected`` (``...`` lines match any run of lines)."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head == "...":
        return any(matches(rest, actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and _line_matches(head, actual[0]) and matches(rest, actual[1:])


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tutorial")
    shutil.copytree(REPO / "corpus", root / "corpus")
    shutil.copytree(REPO / "proposals", root / "proposals")
    return root


def test_the_tutorial_has_the_case_end_to_end() -> None:
    commands = [shlex.split(c)[1] for c, _, _ in steps()]
    for name in ("parse", "cite", "check", "apply", "redline", "compare", "xref", "instructions", "report"):
        assert name in commands


@pytest.mark.parametrize(("command", "expected", "status"), steps(), ids=[c[:60] for c, _, _ in steps()])
def test_tutorial_command(workdir: Path, monkeypatch: pytest.MonkeyPatch, command: str, expected: list[str], status: int) -> None:
    monkeypatch.chdir(workdir)
    monkeypatch.setenv("LEXAMEND_CORPUS", str(workdir / "corpus"))
    argv = shlex.split(command)
    assert argv[0] == "lexamend"
    if "-o" in argv:
        target = workdir / argv[argv.index("-o") + 1]
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            os.unlink(target)
    result = run_cli(*argv[1:])
    assert result.code == status, result.err
    actual = (result.out + result.err).rstrip("\n").split("\n") if (result.out + result.err).strip() else []
    assert matches(expected, actual), "\n".join(["expected:", *expected, "actual:", *actual])
