"""`lexamend diff`, `derive` and `compare` on the command line: exit codes, inputs, bad input, start-up."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from lexamend.diff.words import MAX_TOKENS
from lexamend.parse import parse_file
from lexamend.render.text import render_text
from tests.clirunner import run_cli
from tests.conftest import DATA, REPO

RU_OLD = str(DATA / "diff" / "law-education-art8.ru.old.txt")
RU_NEW = str(DATA / "diff" / "law-education-art8.ru.new.txt")


def test_exit_codes_follow_diff() -> None:
    assert run_cli("diff", RU_OLD, RU_OLD, "-q").code == 0
    assert run_cli("diff", RU_OLD, RU_NEW, "-q").code == 1
    missing = run_cli("diff", RU_OLD, "no-such-file.txt", "-q")
    assert missing.code == 2 and "no-such-file.txt" in missing.err


def test_identical_versions_say_so() -> None:
    run = run_cli("diff", RU_OLD, RU_OLD, "-q", "--format", "unified")
    assert run.code == 0 and "# no differences" in run.out


def test_empty_files_are_a_clear_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    run = run_cli("diff", str(empty), RU_NEW, "-q")
    assert run.code == 2
    assert f"{empty}: is empty" in run.err and "Traceback" not in run.err


def test_a_bad_only_citation_is_a_usage_error() -> None:
    run = run_cli("diff", RU_OLD, RU_NEW, "--only", "статья 99", "-q")
    assert run.code == 2 and "статья 99" in run.err


def test_only_one_unit() -> None:
    run = run_cli("diff", RU_OLD, RU_NEW, "--only", "пункт 4 статьи 8", "--format", "json", "-q")
    assert [c["new"]["address"] for c in json.loads(run.out)["changes"]] == ["art_8__para_4__subpara_2", "art_8__para_4__subpara_3"]


def _docx_of(text_file: str, target: Path) -> Path:
    """The same law as a Word file: one paragraph per line, as a drafter's copy would be."""
    from docx import Document

    document = Document()
    for line in Path(text_file).read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    document.save(str(target))
    return target


def test_a_text_and_a_word_file_of_the_same_law_are_the_same(tmp_path: Path) -> None:
    docx = _docx_of(RU_OLD, tmp_path / "old.docx")
    assert run_cli("diff", RU_OLD, str(docx), "-q").code == 0


def test_two_word_files_and_a_text_against_a_word_file_give_the_same_changes(tmp_path: Path) -> None:
    old_docx = _docx_of(RU_OLD, tmp_path / "old.docx")
    new_docx = _docx_of(RU_NEW, tmp_path / "new.docx")
    runs = [run_cli("diff", a, b, "--format", "json", "-q") for a, b in ((RU_OLD, RU_NEW), (str(old_docx), str(new_docx)), (RU_OLD, str(new_docx)))]
    assert [r.code for r in runs] == [1, 1, 1]
    changes = [json.loads(r.out)["changes"] for r in runs]
    assert changes[0] == changes[1] == changes[2]


def test_huge_single_paragraph_documents_fall_back_and_say_so(tmp_path: Path) -> None:
    words = ["государство"] * (MAX_TOKENS // 2 + 500)
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text("1. " + " ".join(words) + ".\n", encoding="utf-8")
    words[len(words) // 2] = "общество"
    new.write_text("1. " + " ".join(words) + ".\n", encoding="utf-8")
    js = run_cli("diff", str(old), str(new), "--format", "json", "-q")
    assert js.code == 1
    data = json.loads(js.out)
    assert data["capped"] == ["para_1"] and data["changes"][0]["fields"][0]["capped"]
    assert "fell back" in js.err
    unified = run_cli("diff", str(old), str(new), "--format", "unified", "-q")
    assert "# warning: para_1: more than" in unified.out


def test_unrelated_documents_are_diffed_with_a_warning(tmp_path: Path) -> None:
    other = REPO / "corpus" / "kz" / "order-468-rules.en.txt"
    run = run_cli("diff", RU_OLD, str(other), "--format", "json", "-q")
    assert run.code == 1
    data = json.loads(run.out)
    assert data["alignment"]["ratio"] < 0.5
    assert "are these two versions of the same text?" in run.err
    kinds = {c["kind"] for c in data["changes"] if c["within"] is None}
    assert kinds <= {"inserted", "deleted", "changed", "renumbered", "moved", "excluded", "notes"}


def test_docx_needs_an_output_file() -> None:
    run = run_cli("diff", RU_OLD, RU_NEW, "--format", "docx", "-q")
    assert run.code == 2 and "-o FILE.docx" in run.err


def test_docx_without_the_redline_writer_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "lexamend.render.redline", None)  # as if the module were absent
    run = run_cli("diff", RU_OLD, RU_NEW, "--format", "docx", "-o", str(tmp_path / "out.docx"), "-q")
    assert run.code == 2
    assert "needs the redline writer (lexamend.render.redline)" in run.err
    assert not (tmp_path / "out.docx").exists()


def test_docx_delegates_to_the_redline_writer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def redline_documents(old, new, *, old_source, author, date, comments=None):  # type: ignore[no-untyped-def]
        calls.append((old.meta.source, new.meta.source, old_source, author, date, comments))
        return b"PK\x03\x04 redline"

    fake = types.ModuleType("lexamend.render.redline")
    fake.redline_documents = redline_documents  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "lexamend.render.redline", fake)
    out = tmp_path / "out.docx"
    run = run_cli("diff", RU_OLD, RU_NEW, "--format", "docx", "-o", str(out), "--author", "Reviewer", "--date", "2026-11-25", "-q")
    assert run.code == 1, run.err
    assert out.read_bytes() == b"PK\x03\x04 redline"
    assert calls == [(RU_OLD, RU_NEW, None, "Reviewer", "2026-11-25T00:00:00Z", None)]  # a text: no source .docx
    old_docx = _docx_of(RU_OLD, tmp_path / "old.docx")
    run = run_cli("diff", str(old_docx), RU_NEW, "--format", "docx", "-o", str(tmp_path / "out2.docx"), "-q")
    assert run.code == 1, run.err
    assert calls[-1][2] == old_docx.read_bytes() and calls[-1][4] == "2000-01-01T00:00:00Z"  # the old .docx itself


def test_derive_writes_a_patch_that_apply_turns_into_the_new_version(tmp_path: Path) -> None:
    patch = tmp_path / "derived.yaml"
    run = run_cli("derive", RU_OLD, RU_NEW, "-o", str(patch), "-q")
    assert run.code == 0, run.err
    assert "wrote" in run.err and "editorial notes" in run.err
    out = tmp_path / "amended.txt"
    applied = run_cli("apply", RU_OLD, str(patch), "-o", str(out), "-q")
    assert applied.code == 0, applied.err
    assert out.read_text(encoding="utf-8") == render_text(parse_file(RU_NEW))


def test_derive_of_identical_versions_writes_nothing(tmp_path: Path) -> None:
    patch = tmp_path / "derived.yaml"
    run = run_cli("derive", RU_OLD, RU_OLD, "-o", str(patch), "-q")
    assert run.code == 1 and "nothing to derive" in run.err and not patch.exists()


def test_compare_exit_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    base = "corpus/kz/order-468-rules.en.txt"
    a, b = "proposals/order-468-p2-delete-categories.yaml", "proposals/order-468-p2-delete-seasonal.yaml"
    assert run_cli("compare", base, a, b, "--color", "never").code == 1
    same = run_cli("compare", base, a, a, "--color", "never")
    assert same.code == 0 and "same result" in same.out
    missing = run_cli("compare", base, a, "no-such.yaml")
    assert missing.code == 2 and "no such patch file" in missing.err


def test_the_json_diff_imports_no_template_yaml_or_word_libraries(tmp_path: Path) -> None:
    """`lexamend diff --format json` stays light: no Jinja2, PyYAML, python-docx or rich at start-up."""
    probe = (
        "import sys\n"
        "from lexamend.cli import main\n"
        "try:\n"
        f"    main(['diff', {RU_OLD!r}, {RU_NEW!r}, '--format', 'json', '-q', '-o', {str(tmp_path / 'd.json')!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('jinja2', 'yaml', 'docx', 'rich', 'lxml') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"imported on the diff json path: {result.stdout.strip()}"
    assert (tmp_path / "d.json").exists()
