"""``redline --from A.docx --to B.docx`` runs without click, and gives what the click command gives."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lexamend.cli.fast import parse
from lexamend.diff.align import ADDRESS_MIN_SIMILARITY
from lexamend.render.redline.pairing import PAIR_MIN_SIMILARITY
from tests.clirunner import run_cli
from tests.conftest import REPO
from tests.render.corpus_docx import corpus_docx

P2 = str(REPO / "proposals" / "order-468-p2-delete-categories.yaml")


@pytest.fixture()
def versions(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "old.docx"
    old.write_bytes(corpus_docx("kz/order-468-rules.en.txt"))
    new = tmp_path / "new.docx"
    assert run_cli("apply", str(old), P2, "--format", "docx", "-o", str(new), "-q").code == 0
    return old, new


def test_the_fast_parser_takes_exactly_the_comparison_of_two_word_files(versions: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = map(str, versions)
    out = str(tmp_path / "out.docx")
    assert parse(["redline", "--from", old, "--to", new, "-o", out]) == {"old": old, "new": new, "output": out}
    assert parse(["redline", f"--from={old}", f"--to={new}", f"--output={out}", "--author", "A B", "--date=2026-01-01", "--lang", "ru"]) == {
        "old": old, "new": new, "output": out, "author": "A B", "date": "2026-01-01", "lang": "ru",
    }  # fmt: skip
    assert parse(["redline", "--from", old, "--to", new, "-o", out, "--existing", "reject", "--moves", "--formatting", "-q"]) == {
        "old": old, "new": new, "output": out, "existing": "reject", "moves": "1", "formatting": "1", "quiet": "1",
    }  # fmt: skip
    txt = str(REPO / "corpus" / "kz" / "order-468-rules.en.txt")
    for args in (
        ["redline", "--from", old, "--to", new, "-o", out, "--existing", "maybe"],  # click reports the bad choice
        ["redline", "--from", old, "--to", new, "-o", out, "--moves", "--moves"],
        ["redline", "--from", old, "--to", new],  # no output
        ["redline", "--from", old, "--to", new, "-o", out, "--comments"],  # an option it does not know
        ["redline", "--from", old, "--to", new, "-o", out, "--help"],
        ["redline", "--from", old, "--to", new, "-o", out, "--lang", "fr"],
        ["redline", "--from", old, "--from", old, "--to", new, "-o", out],
        ["redline", "--from", txt, "--to", new, "-o", out],  # a text: the click path parses it
        ["redline", "--from", str(tmp_path / "missing.docx"), "--to", new, "-o", out],
        ["redline", "--from", old, "--to", "-o", out],
        ["apply", "--from", old, "--to", new, "-o", out],
        ["--debug", "redline", "--from", old, "--to", new, "-o", out],
    ):
        assert parse(args) is None, args


def test_fast_and_click_paths_write_the_same_bytes_and_the_same_errors(versions: tuple[Path, Path], tmp_path: Path) -> None:
    from lexamend.cli.app import cli

    old, new = map(str, versions)
    fast, slow = tmp_path / "fast.docx", tmp_path / "click.docx"
    assert run_cli("redline", "--from", old, "--to", new, "-o", str(fast), "--author", "Reviewer").code == 0
    result = CliRunner().invoke(cli, ["redline", "--from", old, "--to", new, "-o", str(slow), "--author", "Reviewer"])
    assert result.exit_code == 0, result.output
    assert fast.read_bytes() == slow.read_bytes()
    corrupt = tmp_path / "corrupt.docx"
    corrupt.write_bytes(Path(old).read_bytes()[:500])
    error = run_cli("redline", "--from", str(corrupt), "--to", new, "-o", str(tmp_path / "x.docx"))
    assert error.code == 2 and error.err.startswith("lexamend: error: ") and "damaged zip" in error.err


def test_the_fast_path_loads_no_click_and_no_parser(versions: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = map(str, versions)
    code = (
        "import sys\nfrom lexamend.cli import main\n"
        f"try:\n    main(['redline', '--from', {old!r}, '--to', {new!r}, '-o', {str(tmp_path / 'o.docx')!r}])\n"
        "except SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
        "heavy = [m for m in ('click', 'yaml', 'jinja2', 'docx', 'rich', 'jsonschema', 'rapidfuzz', 'lexamend.parse', 'lexamend.model') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_fast_path_pairs_paragraphs_with_the_aligners_threshold() -> None:
    assert PAIR_MIN_SIMILARITY == ADDRESS_MIN_SIMILARITY
