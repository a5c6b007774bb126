"""The redline fidelity corpus: every pair redlined and judged (see :mod:`tests.render.fidelity`).

One test per pair and redline mode; a test that the corpus covers every
feature of the redline and rebuilds byte for byte; a test that
docs/redline-fidelity.md is the table these checks give; and tests that the
LibreOffice limitations named in the manifest are LibreOffice's own (the
same markup written by hand behaves the same way).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.render import fidelity
from tests.render.test_libreoffice import soffice, uno_python

pytestmark = pytest.mark.libreoffice
ENTRIES = fidelity.manifest()
MODES = [(str(e["id"]), mode) for e in ENTRIES for mode in ["from-to"] + (["patch"] if e.get("patch") else [])]
#: The features the issue names; every one has pairs in the corpus.
FEATURES = {
    "tables", "text boxes", "headers and footers", "footnotes and endnotes", "comments", "hyperlinks and fields",
    "bookmarks", "content controls", "images", "numbered lists", "existing revisions", "minimal output", "formatting",
}  # fmt: skip


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], fidelity.Outcome]:
    """Every redline of the corpus with every check, LibreOffice's included."""
    done = fidelity.check_all(tmp_path_factory.mktemp("fidelity"), soffice=soffice(), python=uno_python())
    return {(o.pair, o.mode): o for o in done}


@pytest.mark.parametrize(("pair", "mode"), MODES, ids=[f"{p}-{m}" for p, m in MODES])
def test_pair(outcomes: dict[tuple[str, str], fidelity.Outcome], pair: str, mode: str) -> None:
    outcome = outcomes[(pair, mode)]
    assert not outcome.failures(), "\n".join(outcome.failures())
    if outcome.expect_error:
        return
    # Every check ran (facts only where the manifest states some).
    ran = {check for check, (ok, _) in outcome.results.items() if ok is not None}
    expected = {check for check, _ in fidelity.CHECKS} - ({"facts"} if not outcome.entry.get("revisions") else set())
    assert ran == expected, f"checks not run: {sorted(expected - ran)}"


def test_the_corpus_covers_every_feature_in_russian_and_kazakh() -> None:
    assert len(ENTRIES) >= 60
    assert len({e["id"] for e in ENTRIES}) == len(ENTRIES)
    assert {e["what"] for e in ENTRIES} >= FEATURES
    for entry in ENTRIES:
        assert entry["description"].strip() and "\n" not in entry["description"], entry["id"]
        assert (fidelity.CORPUS / f"{entry['id']}.old.docx").exists() and (fidelity.CORPUS / f"{entry['id']}.new.docx").exists()
        if entry.get("patch"):
            assert (fidelity.PATCHES / entry["patch"]).exists()
    from tests.render import wordml

    body = " ".join(" ".join(wordml.lines((fidelity.CORPUS / f"{e['id']}.old.docx").read_bytes(), "shown")) for e in ENTRIES)
    assert "Дети иностранцев" in body and "Қағидалар" in body  # Russian and Kazakh
    readme = (REPO / "tests" / "data" / "README.md").read_text(encoding="utf-8")
    assert all(f"`{e['id']}`" in readme for e in ENTRIES), "every pair has its row in tests/data/README.md"


def test_the_corpus_rebuilds_byte_for_byte() -> None:
    soffice()
    result = subprocess.run([sys.executable, str(fidelity.CORPUS / "build.py"), "--check"], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_fidelity_page_is_the_table_the_checks_give(outcomes: dict[tuple[str, str], fidelity.Outcome]) -> None:
    text = fidelity.render_table(list(outcomes.values()))
    assert "all passing" in text
    assert fidelity.DOC.read_text(encoding="utf-8") == text, "docs/redline-fidelity.md is out of date: run python tools/fidelity_report.py"


# -- LibreOffice's own limits, shown on markup written by hand ---------------------------------------------

ALICE = 'w:author="Bob" w:date="2026-01-01T00:00:00Z"'


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _changed(deleted: str, inserted: str, n: int) -> str:
    return (
        f'<w:del w:id="{n}" {ALICE}><w:r><w:delText xml:space="preserve">{deleted}</w:delText></w:r></w:del>'
        f'<w:ins w:id="{n + 1}" {ALICE}><w:r><w:t xml:space="preserve">{inserted}</w:t></w:r></w:ins>'
    )


def _libreoffice_body(tmp_path: Path, bodies: dict[str, str]) -> dict[str, dict[str, list[str]]]:
    from tests.parse.docx_fixtures import build_docx

    jobs = []
    for name, body in bodies.items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(build_docx(body))
        jobs += [(path, "accept"), (path, "reject")]
    views = fidelity.libreoffice_views(jobs, soffice(), uno_python(), tmp_path)
    return {name: {view: [line for line in views[f"{tmp_path / name}.docx|{view}"]["body"] if line.strip()] for view in ("accept", "reject")} for name in bodies}


def test_libreoffice_leaves_changes_in_content_controls_alone_and_keeps_them_in_rich_text(tmp_path: Path) -> None:
    """Hand-written markup: a plain-text content control (w:text) and a block-level one go wrong in
    LibreOffice 7.4; the same change outside a control, or in a rich-text control, works."""
    plain = f'<w:p>{_run("Приказ от ")}<w:sdt><w:sdtPr><w:tag w:val="date"/><w:id w:val="601"/><w:text/></w:sdtPr><w:sdtContent>{_changed("12 октября 2010 года", "1 сентября 2026 года", 1)}</w:sdtContent></w:sdt></w:p>'
    rich = f'<w:p>{_run("Приказ от ")}<w:sdt><w:sdtPr><w:id w:val="602"/></w:sdtPr><w:sdtContent>{_changed("12 октября 2010 года", "1 сентября 2026 года", 1)}</w:sdtContent></w:sdt></w:p>'
    block = (
        f'<w:p>{_run("До")}</w:p><w:sdt><w:sdtPr><w:tag w:val="signature"/><w:id w:val="501"/></w:sdtPr><w:sdtContent>'
        f'<w:p>{_run("Министр просвещения")}<w:ins w:id="3" {ALICE}>{_run(" Республики Казахстан")}</w:ins></w:p>'
        f'<w:p>{_changed("А. Иванов", "Б. Сериков", 4)}</w:p></w:sdtContent></w:sdt><w:p>{_run("После")}</w:p>'
    )
    views = _libreoffice_body(tmp_path, {"plain": plain, "rich": rich, "block": block})
    assert views["rich"]["accept"] == ["Приказ от 1 сентября 2026 года"]
    assert views["rich"]["reject"] == ["Приказ от 12 октября 2010 года"]
    # LibreOffice's bugs: nothing resolved in a plain-text control; a block control's Reject All merges paragraphs.
    assert views["plain"]["accept"] == views["plain"]["reject"] == ["Приказ от 12 октября 2010 года1 сентября 2026 года"]
    assert views["block"]["accept"] == ["До", "Министр просвещения Республики Казахстан", "Б. Сериков", "После"]
    assert views["block"]["reject"] != ["До", "Министр просвещения", "А. Иванов", "После"]


def test_manifest_names_a_libreoffice_limit_only_for_content_controls() -> None:
    limited = [e["id"] for e in ENTRIES if (e.get("libreoffice") or {}).get("shown")]
    assert limited and all(e.startswith("sdt-") for e in limited)
