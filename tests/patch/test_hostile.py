"""Hostile patches: malformed or wrong patch files each get one clear paragraph, a distinct exit code, no output.

Exit code 2: the patch file itself is unusable (YAML, schema, size, encoding).
Exit code 1: the patch is well-formed but an edit cannot apply (target, text, guard, base, conflict).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.clirunner import run_cli
from tests.conftest import CORPUS

BASE = CORPUS / "kz" / "order-468-rules.en.txt"
HEADER = "lexamend: 1\ntitle: t\nbase: kz/order-468-rules.en.txt\nedits:\n"
GOOD_EDIT = "  - id: e1\n    op: delete\n    at: paragraph 2\n    text: seasonal\n"


def edit(body: str) -> bytes:
    return (HEADER + body).encode("utf-8")


BOMB = b"lexamend: 1\ntitle: t\nbase: x\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b]\nedits: []\n"

# (name, patch bytes, exit code, message fragment, line or None)
CASES: list[tuple[str, bytes, int, str, int | None]] = [
    ("empty file", b"", 2, "is empty", None),
    ("only whitespace", b"   \n\n", 2, "is empty", None),
    ("bad yaml indentation", edit("  - id: e1\n     op: delete\n    at: x\n"), 2, "not valid YAML", 6),
    ("unclosed quote", edit('  - id: e1\n    op: delete\n    at: "paragraph 2\n'), 2, "not valid YAML", None),
    ("tab indentation", edit("  - id: e1\n\top: delete\n"), 2, "not valid YAML", 6),
    ("a list instead of a mapping", b"- a\n- b\n", 2, "is not a patch", 1),
    ("not a lexamend patch", b"title: t\nedits: []\n", 2, "`lexamend: 1` key is missing", 1),
    ("unsupported version", b"lexamend: 2\ntitle: t\nbase: x\nedits:\n  - {id: a, op: delete, at: x, text: y}\n", 2, "unsupported patch format version 2", 1),
    ("missing title", b"lexamend: 1\nbase: x\nedits:\n  - {id: a, op: delete, at: x, text: y}\n", 2, "'title' is a required property", None),
    ("missing edits", b"lexamend: 1\ntitle: t\nbase: x\n", 2, "'edits' is a required property", None),
    ("empty edits", HEADER.encode() + b"  []\n", 2, "should be non-empty", None),
    ("unknown operation", edit("  - id: e1\n    op: remove\n    at: paragraph 2\n    text: x\n"), 2, "unknown operation 'remove'", 6),
    ("misspelt operation", edit("  - id: e1\n    op: replase\n    at: paragraph 2\n    old: a\n    new: b\n"), 2, "Did you mean 'replace'", 6),
    ("missing text for delete", edit("  - id: e1\n    op: delete\n    at: paragraph 2\n"), 2, "'text' is a required property", 5),
    ("missing new for replace", edit("  - id: e1\n    op: replace\n    at: paragraph 2\n    old: a\n"), 2, "'new' is a required property", 5),
    ("insert without anchor", edit("  - id: e1\n    op: insert\n    at: paragraph 2\n    text: a\n"), 2, "give exactly one of `before:` or `after:`", None),
    ("insert with both anchors", edit("  - id: e1\n    op: insert\n    at: p\n    text: a\n    before: b\n    after: c\n"), 2, "give exactly one of `before:` or `after:`", None),
    ("missing target", edit("  - id: e1\n    op: delete\n    text: a\n"), 2, "'at' is a required property", 5),
    ("unknown field", edit("  - id: e1\n    op: delete\n    at: p\n    text: a\n    txet: b\n"), 2, "unknown field(s) 'txet'", 5),
    ("text is a number", edit("  - id: e1\n    op: delete\n    at: paragraph 2\n    text: 12\n"), 2, "should be of type string", 8),
    ("occurrence zero", edit("  - id: e1\n    op: delete\n    at: paragraph 2\n    text: a\n    occurrence: 0\n"), 2, "occurrence", 9),
    ("occurrence word", edit("  - id: e1\n    op: delete\n    at: paragraph 2\n    text: a\n    occurrence: every\n"), 2, "occurrence", 9),
    ("bad edit id", edit("  - id: 'e 1'\n    op: delete\n    at: paragraph 2\n    text: a\n"), 2, "does not match", 5),
    ("duplicate edit ids", edit(GOOD_EDIT + GOOD_EDIT), 2, "edit id 'e1' is used twice", 9),
    ("rights not a list", edit(GOOD_EDIT + "    rights: kz-constitution-1995:art_14\n"), 2, "should be of type array", 9),
    ("bad base hash", (HEADER.replace("edits:", "base_sha256: '1234'\nedits:") + GOOD_EDIT).encode(), 2, "does not match", 4),
    ("base hash as a number", (HEADER.replace("edits:", "base_sha256: 1234\nedits:") + GOOD_EDIT).encode(), 2, "should be of type string", 4),
    ("yaml alias bomb", BOMB, 2, "YAML anchors and aliases are not allowed", 4),
    ("yaml anchor", edit("  - &x {id: e1, op: delete, at: paragraph 2, text: seasonal}\n"), 2, "anchors and aliases are not allowed", 5),
    ("python object tag", edit("  - !!python/object/apply:os.system ['echo hacked']\n"), 2, "unsupported YAML tag", 5),
    ("not utf-8", HEADER.encode() + "  - id: e1\n    op: delete\n    at: p\n    text: сезонных\n".encode("cp1251"), 2, "not UTF-8", 8),
    ("huge file", HEADER.encode() + b"# " + b"x" * (3 * 1024 * 1024) + b"\n", 2, "limited to", None),
    ("target missing", edit("  - id: e1\n    op: delete\n    at: paragraph 9\n    text: seasonal\n"), 1, "no unit 'para_9'", 5),
    ("unparseable citation", edit("  - id: e1\n    op: delete\n    at: the bit about workers\n    text: seasonal\n"), 1, "target missing", 5),
    ("text not found", edit("  - id: e1\n    op: delete\n    at: paragraph 2\n    text: seasonl\n"), 1, "did you mean 'seasonal'", 5),
    ("ambiguous text", edit("  - id: e1\n    op: delete\n    at: paragraph 2\n    text: Republic of Kazakhstan\n"), 1, "ambiguous in para_2: 2 occurrences", 5),
    ("occurrence too high", edit("  - id: e1\n    op: delete\n    at: paragraph 2\n    text: seasonal\n    occurrence: 3\n"), 1, "occurrence 3 does not exist", 5),
    ("guard failing", edit(GOOD_EDIT + "    expect: seasonal workers\n"), 1, "guard failed", 5),
    ("word inside a longer word", edit("  - id: e1\n    op: delete\n    at: paragraph 2\n    text: season\n"), 1, "not found in para_2", 5),
    ("stale base", (HEADER.replace("edits:", "base_sha256: '" + "0" * 64 + "'\nedits:") + GOOD_EDIT).encode(), 1, "base hash mismatch", 6),
    ("renumber onto an existing number", edit("  - id: e1\n    op: renumber\n    at: paragraph 2\n    num: '3'\n"), 1, "paragraph 3 already exists", 5),
    ("restate with another number", edit("  - id: e1\n    op: restate\n    at: paragraph 2\n    text: '3. New wording.'\n"), 1, "renumbering is never implicit", 5),
    ("insert_unit with a taken number", edit("  - id: e1\n    op: insert_unit\n    at: paragraph 2\n    num: '3'\n    text: 'New.'\n"), 1, "paragraph 3 already exists", 5),
]


@pytest.mark.parametrize(("name", "content", "code", "fragment", "line"), CASES, ids=[c[0] for c in CASES])
def test_hostile_patch(tmp_path: Path, name: str, content: bytes, code: int, fragment: str, line: int | None) -> None:
    patch = tmp_path / "hostile.yaml"
    patch.write_bytes(content)
    out = tmp_path / "out.txt"
    report = tmp_path / "report.json"
    before = hashlib.sha256(BASE.read_bytes()).hexdigest()
    result = run_cli("apply", str(BASE), str(patch), "-o", str(out))
    assert result.code == code, result.err
    assert not out.exists(), "no output may be written for a failing patch"
    assert fragment in result.err, result.err
    assert "Traceback" not in result.err
    error_lines = [l for l in result.err.splitlines() if l.startswith("lexamend: error:")]
    assert len(error_lines) == 1, result.err
    assert str(patch) in error_lines[0]
    if line is not None:
        assert f"{patch}:{line}" in error_lines[0], error_lines[0]
    assert hashlib.sha256(BASE.read_bytes()).hexdigest() == before
    assert not report.exists()


def test_two_patches_in_conflict_fail_with_both_ids(tmp_path: Path) -> None:
    proposals = Path(__file__).resolve().parents[2] / "proposals"
    out = tmp_path / "out.txt"
    result = run_cli(
        "apply", str(BASE), str(proposals / "order-468-p2-delete-categories.yaml"),
        str(proposals / "order-468-p2-delete-seasonal.yaml"), "-o", str(out),
    )
    assert result.code == 1
    assert not out.exists()
    assert "p2-delete-categories" in result.err and "p2-delete-seasonal" in result.err
    assert "conflict" in result.err


def test_there_are_at_least_thirty_hostile_cases() -> None:
    assert len(CASES) + 1 >= 30
