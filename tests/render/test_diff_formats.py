"""Every output format of `lexamend diff` and `lexamend compare`: golden files, schema, self-containment."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from lexamend.render.diff_json import SCHEMA_PATH
from tests.clirunner import run_cli
from tests.conftest import REPO, golden

RU = ("tests/data/diff/law-education-art8.ru.old.txt", "tests/data/diff/law-education-art8.ru.new.txt")
KK = ("tests/data/diff/law-education-art8.kk.old.txt", "tests/data/diff/law-education-art8.kk.new.txt")
ORDER = "corpus/kz/order-468-rules.en.txt"
ALTERNATIVES = ("proposals/order-468-p2-delete-categories.yaml", "proposals/order-468-p2-delete-seasonal.yaml")


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths in outputs are as given on the command line: run from the repository, with relative paths."""
    monkeypatch.chdir(REPO)


def _schema() -> dict:
    return json.loads((REPO / "src" / "lexamend" / SCHEMA_PATH).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name,pair", [("ru", RU), ("kk", KK)])
def test_unified_golden(name: str, pair: tuple[str, str]) -> None:
    run = run_cli("diff", *pair, "--format", "unified", "-q")
    assert run.code == 1
    golden(f"diff/law-education-art8.{name}.unified.diff", run.out)


def test_unified_unit_level_golden() -> None:
    run = run_cli("diff", *RU, "--format", "unified", "--unit-level", "-q")
    assert run.code == 1
    assert "\n-3) дети из многодетных семей;\n+3) дети из многодетных и неполных семей;\n" in run.out
    golden("diff/law-education-art8.ru.unit-level.diff", run.out)


@pytest.mark.parametrize("name,pair", [("ru", RU), ("kk", KK)])
def test_json_golden_and_schema(name: str, pair: tuple[str, str]) -> None:
    run = run_cli("diff", *pair, "--format", "json", "-q")
    assert run.code == 1
    data = json.loads(run.out)
    jsonschema.Draft202012Validator(_schema()).validate(data)
    golden(f"diff/law-education-art8.{name}.diff.json", run.out)


def test_json_unit_level_has_no_word_operations_and_validates() -> None:
    data = json.loads(run_cli("diff", *RU, "--format", "json", "--unit-level", "-q").out)
    jsonschema.Draft202012Validator(_schema()).validate(data)
    assert all("ops" not in f for c in data["changes"] for f in c["fields"])


def test_terminal_without_colours_uses_word_diff_markers() -> None:
    run = run_cli("diff", *RU, "--color", "never", "-q")
    assert run.code == 1
    assert "\x1b[" not in run.out
    assert "Подпункт 3) пункта 4 статьи 8: text changed" in run.out
    assert "3) дети из многодетных {+и неполных +}семей;" in run.out
    assert "[-Статья 9.-]{+Статья 10.+} Язык обучения и воспитания" in run.out
    assert run.out.rstrip().endswith("2 units changed, 2 inserted, 0 repealed, 2 renumbered/moved, 1 turned into «исключен» placeholders; 2 editorial notes changed")


def test_terminal_with_colours_marks_deletions_and_insertions() -> None:
    run = run_cli("diff", *RU, "--color", "always", "-q")
    assert "\x1b[" in run.out and "[-" not in run.out
    assert "\x1b[4;32mи неполных" in run.out or "и неполных" in run.out


def test_html_is_one_self_contained_page() -> None:
    run = run_cli("diff", *RU, "--format", "html", "-q")
    page = run.out
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    assert "<style>" in page
    assert page.count('<section class="change"') == 9
    assert "<del>" in page and "<ins>и неполных </ins>" in page


def test_compare_markdown_and_json_goldens() -> None:
    md = run_cli("compare", ORDER, *ALTERNATIVES, "--format", "md")
    assert md.code == 1
    golden("diff/order-468-p2-alternatives.compare.md", md.out)
    js = run_cli("compare", ORDER, *ALTERNATIVES, "--format", "json")
    assert js.code == 1
    schema = json.loads((REPO / "src" / "lexamend" / "schemas" / "compare.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(json.loads(js.out))
    golden("diff/order-468-p2-alternatives.compare.json", js.out)


def test_compare_html_is_self_contained() -> None:
    page = run_cli("compare", ORDER, *ALTERNATIVES, "--format", "html").out
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert 'data-status="conflict"' in page and "<del>seasonal and </del>" in page


def test_outputs_do_not_depend_on_the_run(tmp_path: Path) -> None:
    first = run_cli("diff", *RU, "--format", "json", "-q").out
    second = run_cli("diff", *RU, "--format", "json", "-q").out
    assert first == second
