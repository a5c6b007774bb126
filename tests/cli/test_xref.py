"""``lexamend xref``: formats, golden outputs, and clear errors with exit code 2 for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from lexamend.xref.datafiles import schema
from tests.clirunner import run_cli
from tests.conftest import REPO, golden

SEASONAL = "proposals/order-468-p2-delete-seasonal.yaml"


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports name their inputs as typed: run from the repository root so the golden files match."""
    monkeypatch.chdir(REPO)


def test_json_report_follows_the_published_schema_golden() -> None:
    run = run_cli("xref", SEASONAL, "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    jsonschema.Draft202012Validator(schema("xref-report.schema.json")).validate(data)
    golden("xref/order-468-p2-delete-seasonal.json", run.out)


def test_markdown_and_html_reports_golden() -> None:
    run = run_cli("xref", SEASONAL, "--format", "md")
    assert run.code == 0, run.err
    golden("xref/order-468-p2-delete-seasonal.md", run.out)
    page = run_cli("xref", SEASONAL, "--format", "html")
    assert page.code == 0, page.err
    golden("xref/order-468-p2-delete-seasonal.html", page.out)


def test_document_report_golden() -> None:
    run = run_cli("xref", "corpus/kz/order-468-rules.en.txt", "--as-of", "2026-11-25", "--format", "md")
    assert run.code == 0, run.err
    golden("xref/order-468-rules.en.md", run.out)


def test_html_is_self_contained_and_escaped(tmp_path: Path) -> None:
    text = (
        (REPO / SEASONAL)
        .read_text(encoding="utf-8")
        .replace(
            'title: "Order No. 468 Rules, paragraph 2 (alternative): stop excluding the children of seasonal workers"',
            'title: "<script>alert(1)</script> & seasonal workers"',
        )
    )
    patch = tmp_path / "p.yaml"
    patch.write_text(
        text.replace("base: kz/order-468-rules.en.txt", f"base: {REPO / 'corpus/kz/order-468-rules.en.txt'}"),
        encoding="utf-8",
    )
    run = run_cli("xref", str(patch), "--format", "html")
    assert run.code == 0, run.err
    assert "<script>" not in run.out and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; seasonal workers" in run.out
    assert "http://" not in run.out and "https://" not in run.out and "<link" not in run.out
    assert (
        '<span class="marker">with the exception of</span> the <span class="distinguishes">seasonal</span> and '
        '<span class="distinguishes">frontier</span> <span class="distinguishes">workers</span>)'
    ) in run.out


def test_terminal_table_shows_the_change_and_the_quotes(tmp_path: Path) -> None:
    out = tmp_path / "x.txt"
    run = run_cli("xref", SEASONAL, "-o", str(out), "--width", "160")
    assert run.code == 0, run.err
    text = out.read_text(encoding="utf-8")
    assert "partly removed" in text and "Still distinguished: frontier workers." in text
    assert "Никто не может подвергаться какой-либо дискриминации" in text
    assert "not in force on 2026-11-25" in text


def test_output_file_is_written_atomically_and_never_over_an_input() -> None:
    run = run_cli("xref", SEASONAL, "--format", "json", "-o", SEASONAL)
    assert run.code == 2 and "refusing to overwrite an input" in run.err


def test_list_shows_the_registry_and_its_versions() -> None:
    run = run_cli("xref", "--list")
    assert run.code == 0
    assert (
        "kz-constitution-2026 (Constitution adopted by republican referendum on 15 March 2026; 2026-07-01 – …) [text not in the corpus]"
        in run.out
    )
    assert "un-crc-1989:art_28__para_1" in run.out


def test_unknown_provision_id_is_an_error_naming_file_and_line(tmp_path: Path) -> None:
    text = (
        (REPO / SEASONAL)
        .read_text(encoding="utf-8")
        .replace("un-icescr-1966:art_13__para_2", "un-icescr-1966:art_13__para_9")
    )
    patch = tmp_path / "bad.yaml"
    patch.write_text(text, encoding="utf-8")
    run = run_cli("xref", str(patch), "--base", "corpus/kz/order-468-rules.en.txt")
    assert run.code == 2
    assert f"{patch}:34: edit 'p2-delete-seasonal': rights reference 'un-icescr-1966:art_13__para_9'" in run.err
    assert "did you mean" in run.err


def test_patch_without_a_base_is_an_error(tmp_path: Path) -> None:
    text = (
        (REPO / SEASONAL)
        .read_text(encoding="utf-8")
        .replace("base: kz/order-468-rules.en.txt", "base: kz/no-such-rules.en.txt")
    )
    patch = tmp_path / "orphan.yaml"
    patch.write_text(text, encoding="utf-8")
    run = run_cli("xref", str(patch))
    assert run.code == 2
    assert f"{patch}: its base 'kz/no-such-rules.en.txt' is neither a file nor a corpus document" in run.err
    assert "--base" in run.err
    fixed = run_cli("xref", str(patch), "--base", "kz-order-468-rules.en", "--format", "json")
    assert fixed.code == 0, fixed.err


def test_text_in_an_unsupported_language_is_an_error(tmp_path: Path) -> None:
    text = tmp_path / "regles.txt"
    text.write_text(
        "1. Les enfants des étrangers et des apatrides sont admis dans les établissements d'enseignement.\n\n"
        "2. Les enfants des travailleurs saisonniers et frontaliers sont exclus de l'enseignement primaire.\n",
        encoding="utf-8",
    )
    run = run_cli("xref", str(text))
    assert run.code == 2
    assert "cannot detect grounds: the text is not in a supported language (en, ru, kk)" in run.err
    assert run_cli("xref", str(text), "--lang", "fr").code == 2


def test_base_option_is_for_patches_only() -> None:
    run = run_cli("xref", "corpus/kz/order-468-rules.en.txt", "--base", "corpus/kz/order-468-rules.en.txt")
    assert run.code == 2 and "--base is for patches" in run.err


def test_bad_date_is_an_error() -> None:
    run = run_cli("xref", SEASONAL, "--as-of", "25.11.2026")
    assert run.code == 2 and "25.11.2026: is not a date; write it as YYYY-MM-DD" in run.err


def test_terminal_table_of_a_text_lists_list_items_under_a_denying_lead_in(tmp_path: Path) -> None:
    out = tmp_path / "migration.txt"
    run = run_cli(
        "xref", "corpus/kz/law-migration-2011.ru.txt", "--as-of", "2026-11-25", "-o", str(out), "--width", "200"
    )
    assert run.code == 0, run.err
    text = out.read_text(encoding="utf-8")
    assert (
        "подпункт 2) пункта 5 статьи 27" in text
        and "“не допускается в отношении … сезонных иностранных работников”" in text
    )
    assert "кроме … сезонного работника" in text


def test_mentions_lists_clauses_that_only_name_a_group() -> None:
    plain = json.loads(
        run_cli("xref", "corpus/kz/order-468-rules.en.txt", "--as-of", "2026-11-25", "--format", "json").out
    )
    full = json.loads(
        run_cli(
            "xref", "corpus/kz/order-468-rules.en.txt", "--as-of", "2026-11-25", "--format", "json", "--mentions"
        ).out
    )
    statuses = {d["status"] for u in full["units"] for d in u["detections"]}
    assert statuses == {"distinguishes", "mentions"}
    assert {d["status"] for u in plain["units"] for d in u["detections"]} == {"distinguishes"}
