"""The benchmark pair: every edit in edits.json is found, and nothing else is reported."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from tests.clirunner import run_cli


@pytest.mark.parametrize("old,new", [("original.txt", "amended.txt"), ("original.docx", "amended.docx"), ("original.txt", "amended.docx")])
def test_the_diff_recovers_every_edit_and_nothing_else(bench_pair: Path, bench_scorer: ModuleType, tmp_path: Path, old: str, new: str) -> None:
    out = tmp_path / "diff.json"
    run = run_cli("diff", str(bench_pair / old), str(bench_pair / new), "--format", "json", "-o", str(out), "-q")
    assert run.code == 1, run.err
    diff = json.loads(out.read_text(encoding="utf-8"))
    score = bench_scorer.score_corpus(bench_pair, diff)
    assert score.edits == 100
    assert score.missed == [] and score.recall == 1.0
    assert score.spurious == [] and score.precision == 1.0


def test_the_renumbered_and_the_moved_paragraph_are_named_as_such(bench_pair: Path, tmp_path: Path) -> None:
    out = tmp_path / "diff.json"
    run_cli("diff", str(bench_pair / "original.txt"), str(bench_pair / "amended.txt"), "--format", "json", "-o", str(out), "-q")
    diff = json.loads(out.read_text(encoding="utf-8"))
    truth = json.loads((bench_pair / "edits.json").read_text(encoding="utf-8"))["edits"]
    renumber = next(e for e in truth if e["kind"] == "renumber")
    move = next(e for e in truth if e["kind"] == "move")
    by_old_line = {c["old"]["line"]: c for c in diff["changes"] if c["old"]}
    renumbered = by_old_line[renumber["orig_index"] + 1]
    assert renumbered["kind"] == "renumbered"
    assert renumbered["description"] == f"Paragraph {renumber['detail']['old_number'].rstrip('.')} → paragraph {renumber['detail']['new_number'].rstrip('.')} (renumbered)"
    moved = by_old_line[move["orig_index"] + 1]
    assert moved["kind"] == "moved" and moved["new"]["line"] == move["amended_index"] + 1
    assert moved["description"].startswith(f"Paragraph {moved['old']['num']} moved from Chapter ")
