"""Every shipped proposal as a redline, on the text and on a Word version of its base.

Accept all must give exactly the text ``lexamend apply`` writes, reject all
exactly the base; the package must validate and reopen in python-docx; each
edit gets a comment anchored on its own change; the clean document of
``apply --format docx`` has the amended text and no revisions.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from lexamend.apply import apply_patches
from lexamend.parse import parse_bytes
from lexamend.patch import load as load_patch
from lexamend.render.docx_clean import render_docx
from lexamend.render.redline import redline_patches
from lexamend.render.text import render_lines, render_text
from tests.clirunner import run_cli
from tests.conftest import CORPUS, REPO, corpus_doc
from tests.render import wordml
from tests.parse.docx_fixtures import build_docx, para
from tests.render.corpus_docx import corpus_docx

ORDER = "kz/order-468-rules.en.txt"
LAW = "kz/law-education-2007.ru.txt"
#: (base, patches): each shipped proposal alone, and the three compatible Order 468 proposals together.
CASES = [
    (ORDER, ("order-468-p2-delete-categories.yaml",)),
    (ORDER, ("order-468-p2-delete-seasonal.yaml",)),
    (ORDER, ("order-468-p4-registration.yaml",)),
    (ORDER, ("order-468-p5-documents.yaml",)),
    (ORDER, ("order-468-p2-delete-categories.yaml", "order-468-p4-registration.yaml", "order-468-p5-documents.yaml")),
    (LAW, ("law-education-art8-migrants.ru.yaml",)),
]
IDS = [" + ".join(p.removesuffix(".yaml") for p in patches) for _, patches in CASES]


def test_every_shipped_proposal_is_covered() -> None:
    shipped = {p.name for p in (REPO / "proposals").glob("*.yaml")}
    assert shipped == {name for _, patches in CASES for name in patches}


def legal_text(paragraphs: list[str], lang: str) -> list[str]:
    """The legal text that a sequence of paragraphs makes (notes set apart), read by the .docx parser."""
    body = "".join(para(text) for text in paragraphs if text.strip())
    return render_lines(parse_bytes(build_docx(body), "view.docx", lang=lang))


def _setup(base: str, names: tuple[str, ...], kind: str):  # type: ignore[no-untyped-def]
    doc = corpus_doc(base)
    source = None
    if kind == "docx":
        source = corpus_docx(base)
        doc = parse_bytes(source, f"{Path(base).stem}.docx", lang=doc.meta.language)
    patches = [load_patch(REPO / "proposals" / name) for name in names]
    result = apply_patches(doc, patches)
    assert result.ok, [r.reason for r in result.failed]
    return doc, source, patches, result


@pytest.mark.parametrize("kind", ["text", "docx"])
@pytest.mark.parametrize(("base", "names"), CASES, ids=IDS)
def test_redline_of_shipped_proposal(base: str, names: tuple[str, ...], kind: str) -> None:
    doc, source, patches, result = _setup(base, names, kind)
    data = redline_patches(doc, source, result, patches, comments=True)
    lang = doc.meta.language
    if source is None:
        assert wordml.lines(data, "accept") == render_lines(result.document)
        assert wordml.lines(data, "reject") == render_lines(doc)
    else:
        # A Word base keeps its editorial notes as paragraphs: compare the legal text they make.
        assert legal_text(wordml.paragraphs(data, "accept"), lang) == render_lines(result.document)
        assert legal_text(wordml.paragraphs(data, "reject"), lang) == render_lines(doc)
    assert wordml.empty_paragraphs(data, "accept") == wordml.empty_paragraphs(data, "reject") == (
        wordml.empty_paragraphs(source, "shown") if source else 0
    )
    assert wordml.problems(data) == []
    assert wordml.reopen_with_python_docx(data) > 0
    if source is not None:
        # Rejecting every change gives back the base's paragraphs, all of them, notes included.
        assert wordml.paragraphs(data, "reject") == wordml.paragraphs(source, "shown")
    # One comment per edit, anchored: every comment id has a range start, a range end and a reference.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        comments = archive.read("word/comments.xml").decode()
        document = archive.read("word/document.xml").decode()
    edits = [e for p in patches for e in p.edits]
    assert comments.count("<w:comment ") == len(edits)
    for edit in edits:
        assert f"[{edit.id}]" in comments
    for marker in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        assert document.count(f"<w:{marker} ") == len(edits)


def test_each_comment_covers_its_own_edit() -> None:
    """Paragraph 4 has two edits: one comment spans the deletion, the other the insertion."""
    doc, _, patches, result = _setup(ORDER, ("order-468-p4-registration.yaml",), "text")
    data = redline_patches(doc, None, result, patches, comments=True)
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    first, second = document.split("<w:commentRangeStart ")[1:3]
    assert "with the note on registration" in first.split("commentRangeEnd")[0]
    assert "and the document confirming" not in first.split("commentRangeEnd")[0]
    assert "and the document confirming" in second.split("commentRangeEnd")[0]


def test_word_edits_show_as_the_patch_wrote_them() -> None:
    """A deletion and an insertion at one place read as one struck phrase and one new phrase, not a word diff."""
    doc, _, patches, result = _setup(ORDER, ("order-468-p4-registration.yaml",), "text")
    data = redline_patches(doc, None, result, patches)
    root = wordml.document_root(data)
    deleted = ["".join(t.text or "" for t in d.iter(wordml.W + "delText")) for d in root.iter(wordml.W + "del")]
    inserted = ["".join(t.text or "" for t in i.iter(wordml.W + "t")) for i in root.iter(wordml.W + "ins")]
    assert [d.strip() for d in deleted] == ["with the note on registration at the place of residence"]
    assert [i.strip() for i in inserted] == [
        "and the document confirming the registration at the place of permanent residence "
        "(address reference or reference issued by akims of the village and/or aul)"
    ]


@pytest.mark.parametrize("kind", ["text", "docx"])
def test_clean_amended_docx_has_the_apply_text_and_no_revisions(kind: str) -> None:
    doc, source, patches, result = _setup(LAW, ("law-education-art8-migrants.ru.yaml",), kind)
    data = render_docx(doc, result, patches, base_source=source)
    assert legal_text(wordml.paragraphs(data, "shown"), "ru") == render_lines(result.document)
    assert wordml.problems(data, tracked=False) == []
    assert parse_bytes(data, "clean.docx", lang="ru") is not None
    assert render_text(parse_bytes(data, "clean.docx", lang="ru")) == render_text(result.document)


def test_docx_base_keeps_styles_numbering_headers_and_untouched_parts(tmp_path: Path) -> None:
    """Every part but the main document, settings and the new comments part is copied byte for byte."""
    doc, source, patches, result = _setup(ORDER, ("order-468-p2-delete-categories.yaml",), "docx")
    data = redline_patches(doc, source, result, patches, comments=True)
    before = zipfile.ZipFile(io.BytesIO(source))
    after = zipfile.ZipFile(io.BytesIO(data))
    changed = {name for name in before.namelist() if before.read(name) != after.read(name)}
    assert changed <= {"word/document.xml", "word/settings.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"}
    assert set(after.namelist()) - set(before.namelist()) == {"word/comments.xml"}
    # Untouched paragraphs are unchanged in the main part.
    old_body = wordml.document_root(source).find(wordml.W + "body")
    new_body = wordml.document_root(data).find(wordml.W + "body")
    import xml.etree.ElementTree as ET

    old_ps = [ET.tostring(p) for p in old_body]
    new_ps = [ET.tostring(p) for p in new_body]
    assert len(old_ps) == len(new_ps)
    assert sum(1 for a, b in zip(old_ps, new_ps) if a != b) == 1  # only paragraph 2 changed


def test_label_formatting_is_kept_on_both_sides_of_an_edit() -> None:
    """The bold label run of paragraph 5 stays bold; the edited body run keeps its (plain) formatting."""
    doc, source, patches, result = _setup(ORDER, ("order-468-p5-documents.yaml",), "docx")
    data = redline_patches(doc, source, result, patches)
    root = wordml.document_root(data)
    paragraph = [p for p in root.iter(wordml.W + "p") if "5." in "".join(t.text or "" for t in p.iter(wordml.W + "t"))][0]
    runs = list(paragraph.iter(wordml.W + "r"))
    bold = ["".join(t.text or "" for t in r.iter(wordml.W + "t")) for r in runs if r.find(f"{wordml.W}rPr/{wordml.W}b") is not None]
    assert bold == ["5."]


@pytest.mark.parametrize("kind", ["text", "docx"])
def test_cli_redline_is_byte_identical_when_run_twice(tmp_path: Path, kind: str) -> None:
    base = str(CORPUS / ORDER)
    if kind == "docx":
        base = str(tmp_path / "order.docx")
        Path(base).write_bytes(corpus_docx(ORDER))
    patches = [str(REPO / "proposals" / p) for p in CASES[4][1]]
    outputs = []
    for run in range(2):
        out = tmp_path / f"out{run}.docx"
        result = run_cli("redline", base, *patches, "--comments", "-o", str(out))
        assert result.code == 0, result.err
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert b"2026-11-25T00:00:00Z" in zipfile.ZipFile(io.BytesIO(outputs[0])).read("word/document.xml")
