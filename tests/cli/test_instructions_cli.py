"""``lexamend instructions`` and ``lexamend parse-instructions`` on the command line."""

from __future__ import annotations

from pathlib import Path

from tests.clirunner import run_cli
from tests.conftest import REPO

EDU = "kz-law-education-2007.ru"
PROPOSAL = str(REPO / "proposals" / "law-education-art8-migrants.ru.yaml")


def test_instructions_to_stdout() -> None:
    run = run_cli("instructions", EDU, PROPOSAL)
    assert run.code == 0, run.err
    assert run.out.startswith("Внести в Закон Республики Казахстан «Об образовании»")
    assert "в части второй пункта 2 статьи 8 после слов" in run.out


def test_instructions_formats(tmp_path: Path) -> None:
    for fmt, name in (("md", "i.md"), ("docx", "i.docx"), ("text", "i.txt")):
        run = run_cli("instructions", EDU, PROPOSAL, "--format", fmt, "--lang", "en", "-o", str(tmp_path / name))
        assert run.code == 0, run.err
    assert (tmp_path / "i.docx").read_bytes()[:2] == b"PK"
    assert "shall be inserted" in (tmp_path / "i.md").read_text(encoding="utf-8")
    assert run_cli("instructions", EDU, PROPOSAL, "--format", "docx").code == 2  # binary output needs a file


def test_kazakh_is_flagged_experimental(tmp_path: Path) -> None:
    run = run_cli("instructions", EDU, PROPOSAL, "--lang", "kk", "-o", str(tmp_path / "i.kk.txt"))
    assert run.code == 0 and "experimental" in run.err


def test_parse_instructions_round_trip(tmp_path: Path) -> None:
    text, patch, amended = tmp_path / "i.txt", tmp_path / "p.yaml", tmp_path / "a.txt"
    assert run_cli("instructions", EDU, PROPOSAL, "-o", str(text)).code == 0
    run = run_cli("parse-instructions", EDU, str(text), "-o", str(patch))
    assert run.code == 0, run.err
    assert "1 of 1 statement(s) read into 1 edit(s)" in run.err
    content = patch.read_text(encoding="utf-8")
    assert "base: kz-law-education-2007.ru" in content or "base: kz/law-education-2007.ru.txt" in content
    assert "source: 1) в части второй пункта 2 статьи 8" in content
    assert run_cli("apply", EDU, str(patch), "-o", str(amended), "-q").code == 0
    assert "временно пребывающие в Республике Казахстан мигранты," in amended.read_text(encoding="utf-8")


BAD = """Внести в Закон Республики Казахстан «Об образовании» следующие изменения:

1) в пункте 1 статьи 8 слово "Право" заменить словом "Право";

2) в пункте 1 статьи 8 слова "несуществующие слова" исключить;

3) предложение второе пункта 1 статьи 8 исключить;

4) в пункте 3 статьи 8 слова "создаются условия" заменить словами "создаются необходимые условия".
"""


def test_problems_are_reported_with_line_numbers_and_the_rest_is_written(tmp_path: Path) -> None:
    text, patch = tmp_path / "bad.txt", tmp_path / "p.yaml"
    text.write_text(BAD, encoding="utf-8")
    run = run_cli("parse-instructions", EDU, str(text), "-o", str(patch))
    assert run.code == 0
    assert f"{text}:line 5: failed: words 'несуществующие слова' not found" in run.err
    assert f"{text}:line 7: unparsed: cannot read the citation 'предложение второе пункта 1 статьи 8'" in run.err
    assert "2 of 4 statement(s) read into 2 edit(s); 2 problem(s)" in run.err
    assert "создаются необходимые условия" in patch.read_text(encoding="utf-8")


def test_strict_makes_any_problem_an_error(tmp_path: Path) -> None:
    text, patch = tmp_path / "bad.txt", tmp_path / "p.yaml"
    text.write_text(BAD, encoding="utf-8")
    run = run_cli("parse-instructions", EDU, str(text), "-o", str(patch), "--strict")
    assert run.code == 1
    assert "lexamend: error:" in run.err and "nothing written (--strict)" in run.err
    assert not patch.exists()


def test_nothing_read_is_an_error(tmp_path: Path) -> None:
    text = tmp_path / "none.txt"
    text.write_text("Это не инструкция.\n", encoding="utf-8")
    run = run_cli("parse-instructions", EDU, str(text), "-o", str(tmp_path / "p.yaml"))
    assert run.code == 2 and "no statement could be read" in run.err
