"""LibreOffice opens every redline lexamend writes, and its Accept All / Reject All give the expected texts.

What LibreOffice's plain text export does with tracked changes was checked,
not assumed: ``soffice --convert-to txt`` exports the document *as shown*,
with deleted and inserted text both present (LibreOffice 7.4). So the text
export is compared with the independent reader's "shown" view, and Accept All
/ Reject All are done by LibreOffice itself through UNO
(:mod:`tests.render.libreoffice_views`, run by a Python with ``python3-uno``),
then exported and compared with the accepted and rejected views.

LibreOffice 7.4 without a GUI (Debian's libreoffice-writer-nogui) aborts when
a document *with comments* is loaded hidden through UNO; ``--convert-to``
opens the same files fine. Redlines with comments are therefore opened and
exported with ``--convert-to``, and the UNO Accept/Reject check runs on the
same redlines written without comments (the revisions are identical).

The first pages of the Order 468 redline and of the comparative table are
rendered to PNG in ``tests/artifacts/`` (LibreOffice → PDF → pdftoppm), with
deletions shown red and struck, insertions underlined, for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from lexamend.apply import apply_patches
from lexamend.parse import parse_bytes
from lexamend.parse.source import decode
from lexamend.patch import load as load_patch
from lexamend.render.docx_clean import render_docx
from lexamend.render.redline import redline_documents, redline_patches
from lexamend.render.redline.packages import redline_packages
from lexamend.render.table import comparative_rows, render_table
from lexamend.render.text import render_lines
from tests.conftest import REPO, REQUIRE_OFFICE, corpus_doc
from tests.render import wordml
from tests.render.corpus_docx import corpus_docx
from tests.render.test_redline_proposals import CASES

pytestmark = pytest.mark.libreoffice
ARTIFACTS = REPO / "tests" / "artifacts"
HELPER = Path(__file__).with_name("libreoffice_views.py")
#: Revision colours for the rendered pages (LibreOffice draws revisions by author colour otherwise).
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Writer/Revision/TextDisplay/Delete"><prop oor:name="Color" oor:op="fuse"><value>12582912</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Revision/TextDisplay/Insert"><prop oor:name="Color" oor:op="fuse"><value>1135263</value></prop></item>
</oor:items>
"""


def _missing(what: str) -> None:
    if REQUIRE_OFFICE:
        pytest.fail(f"{what} is required (LEXAMEND_REQUIRE_OFFICE=1) but not installed")
    pytest.skip(f"{what} is not installed")


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        _missing("LibreOffice (soffice)")
    return exe  # type: ignore[return-value]


def uno_python() -> str:
    for candidate in (os.environ.get("LEXAMEND_UNO_PYTHON"), "/usr/bin/python3", shutil.which("python3")):
        if candidate and Path(candidate).exists():
            probe = subprocess.run([candidate, "-c", "import uno"], capture_output=True, check=False)
            if probe.returncode == 0:
                return candidate
    _missing("a Python with LibreOffice's UNO bridge (Debian package python3-uno)")
    return ""


def profile(tmp: Path) -> Path:
    path = tmp / "lo_profile"
    (path / "user").mkdir(parents=True, exist_ok=True)
    (path / "user" / "registrymodifications.xcu").write_text(PROFILE_SETTINGS, encoding="utf-8")
    return path


def convert(files: list[Path], fmt: str, outdir: Path, tmp: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [soffice(), f"-env:UserInstallation={profile(tmp).as_uri()}", "--headless", "--convert-to", fmt, "--outdir", str(outdir), *map(str, files)],
        capture_output=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")


def _page_with(pdf: Path, words: str) -> int:
    """The first page of a PDF whose text contains ``words`` (pdftotext, from poppler-utils)."""
    for page in range(1, 200):
        result = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True, check=False)
        if result.returncode != 0:
            break
        if words in result.stdout.decode("utf-8", errors="replace"):
            return page
    raise AssertionError(f"{words!r} is on no page of {pdf.name}")


def text_lines(path: Path) -> list[str]:
    return [" ".join(line.split()) for line in decode(path.read_bytes(), str(path)).text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def produced(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every kind of document the redline and table commands write, in a temporary directory."""
    out = tmp_path_factory.mktemp("produced")
    files: dict[str, bytes] = {}
    for base_name, names in CASES:
        for kind in ("text", "docx"):
            doc = corpus_doc(base_name)
            source = None
            if kind == "docx":
                source = corpus_docx(base_name)
                doc = parse_bytes(source, "base.docx", lang=doc.meta.language)
            patches = [load_patch(REPO / "proposals" / n) for n in names]
            result = apply_patches(doc, patches)
            stem = f"{kind}-{'+'.join(n.removesuffix('.yaml') for n in names)}"
            files[f"{stem}.docx"] = redline_patches(doc, source, result, patches)
            if len(names) > 1 or base_name.startswith("kz/law"):
                files[f"{stem}.comments.docx"] = redline_patches(doc, source, result, patches, comments=True)
                files[f"{stem}.clean.docx"] = render_docx(doc, result, patches, base_source=source)
                files[f"{stem}.table.docx"] = render_table(comparative_rows(doc, result, patches, "ru"), doc, patches, "ru", "docx")  # type: ignore[assignment]
    # --from/--to: texts, and two Word files (the fast path)
    order = corpus_doc("kz/order-468-rules.en.txt")
    patches = [load_patch(REPO / "proposals" / n) for n in CASES[4][1]]
    amended = apply_patches(order, patches).document
    files["from-to-text.docx"] = redline_documents(order, amended)
    old_docx = corpus_docx("kz/order-468-rules.en.txt")
    new_docx = render_docx(parse_bytes(old_docx, "o.docx", lang="en"), apply_patches(parse_bytes(old_docx, "o.docx", lang="en"), patches), patches, base_source=old_docx)
    fast = redline_packages(old_docx, new_docx)
    assert fast is not None
    files["from-to-docx.docx"] = fast
    paths = {}
    for name, data in files.items():
        path = out / name
        path.write_bytes(data)
        paths[name] = path
    return paths


def test_libreoffice_opens_every_document_and_exports_the_text_as_shown(produced: dict[str, Path], tmp_path: Path) -> None:
    convert(list(produced.values()), "txt:Text (encoded):UTF8", tmp_path / "txt", tmp_path)
    for name, path in produced.items():
        exported = tmp_path / "txt" / (path.stem + ".txt")
        assert exported.exists(), f"LibreOffice could not open {name}"
        assert text_lines(exported) == wordml.lines(path.read_bytes(), "shown"), name


def test_libreoffice_accept_all_and_reject_all_give_the_expected_texts(produced: dict[str, Path], tmp_path: Path) -> None:
    python = uno_python()
    soffice()
    redlines = [p for n, p in produced.items() if not n.endswith((".comments.docx", ".clean.docx", ".table.docx"))]
    result = subprocess.run([python, str(HELPER), profile(tmp_path).as_uri(), *map(str, redlines)], capture_output=True, timeout=900, check=False)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    for path in redlines:
        data = path.read_bytes()
        accepted = text_lines(Path(f"{path}.accept.txt"))
        rejected = text_lines(Path(f"{path}.reject.txt"))
        assert accepted == wordml.lines(data, "accept"), path.name
        assert rejected == wordml.lines(data, "reject"), path.name
    # And for the text bases, that is exactly `lexamend apply`'s text.
    doc = corpus_doc("kz/order-468-rules.en.txt")
    patches = [load_patch(REPO / "proposals" / n) for n in CASES[4][1]]
    combined = produced[f"text-{'+'.join(n.removesuffix('.yaml') for n in CASES[4][1])}.docx"]
    assert text_lines(Path(f"{combined}.accept.txt")) == render_lines(apply_patches(doc, patches).document)
    assert text_lines(Path(f"{combined}.reject.txt")) == render_lines(doc)


def test_first_pages_render_with_struck_deletions_and_underlined_insertions(produced: dict[str, Path], tmp_path: Path) -> None:
    """Writes tests/artifacts/*.png: the Order 468 redline (with comments) and the comparative table."""
    if shutil.which("pdftoppm") is None:
        _missing("pdftoppm (poppler-utils)")
    stem = f"text-{'+'.join(n.removesuffix('.yaml') for n in CASES[4][1])}"
    pages = {
        "order-468-proposals.redline": produced[f"{stem}.comments.docx"],
        "order-468-proposals.table": produced[f"{stem}.table.docx"],
        "law-education-art8.redline": produced["text-law-education-art8-migrants.ru.comments.docx"],
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    staged = []
    for name, path in pages.items():
        target = tmp_path / f"{name}.docx"
        target.write_bytes(path.read_bytes())
        staged.append(target)
    convert(staged, "pdf", tmp_path / "pdf", tmp_path)
    for name in pages:
        pdf = tmp_path / "pdf" / f"{name}.pdf"
        assert pdf.exists() and pdf.stat().st_size > 1000
        page = _page_with(pdf, "мигранты") if name.startswith("law") else 1  # the Law's change is in Article 8
        result = subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(ARTIFACTS / name)], capture_output=True, check=False)
        assert result.returncode == 0, result.stderr.decode(errors="replace")
        assert (ARTIFACTS / f"{name}.png").stat().st_size > 5000
    # The table's first row (paragraph 2) only deletes; its second page shows the inserted wording.
    table_pdf = tmp_path / "pdf" / "order-468-proposals.table.pdf"
    result = subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "2", "-l", "2", "-singlefile", str(table_pdf), str(ARTIFACTS / "order-468-proposals.table.page-2")], capture_output=True, check=False)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
