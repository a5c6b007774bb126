"""Stories of a package (headers, notes), existing revisions, notes renumbering, byte-spliced output, formatting records."""

from __future__ import annotations

import copy
import io
import zipfile

from lxml import etree

from lexamend.ooxml import formatting, stories
from lexamend.ooxml.blocks import block_spans
from lexamend.ooxml.edit import TrackedEditor
from lexamend.ooxml.parser import qn
from lexamend.ooxml.revisions import Stamp
from lexamend.ooxml.textmap import Atoms, AtomTable
from lexamend.ooxml.writer import PackageCopy
from tests.data.docx.build import ALICE, Spec, footnote_ref, make, p, r


def package(spec: Spec) -> PackageCopy:
    return PackageCopy.from_bytes(make(spec))


def test_headers_and_footers_are_paired_section_by_section() -> None:
    old = package(Spec(p("a"), headers={"default": p("Проект"), "first": p("Первая")}, footers={"default": p("Стр.")}))
    new = package(Spec(p("a"), headers={"default": p("Проект 2"), "first": p("Первая")}))
    pairs, old_only, new_only = stories.header_footer_pairs(old, new)
    assert len(pairs) == 2 and all(a.startswith("word/header") for a, _ in pairs)
    assert old_only == ["word/footer1.xml"] and new_only == []


def test_existing_revisions_are_counted_by_author_and_resolved_in_every_story() -> None:
    tracked = Spec(
        p("Дети ", f'<w:ins w:id="7" {ALICE}>{r("постоянно ")}</w:ins>', "проживающих"),
        footnotes={1: f'<w:p><w:del w:id="8" {ALICE}><w:r><w:delText>старое </w:delText></w:r></w:del><w:r><w:t>новое</w:t></w:r></w:p>'},
    )
    pkg = package(Spec(tracked.body + p("x", footnote_ref(1)), footnotes=tracked.footnotes))
    assert stories.may_have_revisions(pkg)
    assert stories.revisions_in(pkg) == (2, ("Алия Жумабаева",))
    stories.resolve_stories(pkg, accept=False)
    assert stories.revisions_in(PackageCopy.from_bytes(pkg.to_bytes()))[0] == 0
    body_text = "".join(pkg.body.itertext())
    assert "постоянно" not in body_text
    notes = "".join(pkg.xml("word/footnotes.xml").itertext())
    assert "старое" in notes


def test_notes_are_renumbered_in_the_order_of_their_references_only_when_out_of_order() -> None:
    pkg = package(Spec(p("a", footnote_ref(2)) + p("b", footnote_ref(1)), footnotes={1: "первая", 2: "вторая"}))
    untouched = package(Spec(p("a", footnote_ref(1)) + p("b", footnote_ref(2)), footnotes={1: "первая", 2: "вторая"}))
    assert stories.renumber_notes(untouched, "footnotes") == []
    touched = stories.renumber_notes(pkg, "footnotes")
    assert len(touched) == 2
    assert [ref.get(qn("w:id")) for ref in pkg.body.iter(qn("w:footnoteReference"))] == ["1", "2"]
    notes = [(n.get(qn("w:id")), "".join(n.itertext()).strip()) for n in pkg.xml("word/footnotes.xml") if n.get(qn("w:type")) is None]
    assert notes == [("1", "вторая"), ("2", "первая")]  # the note stays with its reference


def test_a_row_or_paragraph_another_author_deleted_is_gone() -> None:
    row = etree.fromstring(f'<w:tr xmlns:w="{qn("w:x")[1:].split("}")[0]}"><w:trPr><w:del w:id="1" w:author="A"/></w:trPr></w:tr>')
    assert stories.gone(row)
    paragraph = etree.fromstring(f'<w:p xmlns:w="{qn("w:x")[1:].split("}")[0]}"><w:pPr><w:rPr><w:del w:id="2" w:author="A"/></w:rPr></w:pPr><w:del w:id="3" w:author="A"><w:r><w:delText>x</w:delText></w:r></w:del></w:p>')
    assert stories.gone(paragraph)
    paragraph.append(etree.fromstring(f'<w:r xmlns:w="{qn("w:x")[1:].split("}")[0]}"><w:t>y</w:t></w:r>'))
    assert not stories.gone(paragraph)


def test_untouched_blocks_are_copied_from_the_source_bytes_and_touched_ones_serialised() -> None:
    data = make(Spec(p("один") + p("два") + p("три")))
    pkg = PackageCopy.from_bytes(data)
    source = pkg.read("word/document.xml")
    # Rewrite the source with markup lxml would normalise (single quotes around an attribute).
    marked = "<w:t xml:space='preserve'>один</w:t>".encode()
    source = source.replace('<w:t xml:space="preserve">один</w:t>'.encode(), marked, 1)
    assert marked in source
    pkg.put_xml("word/document.xml", etree.fromstring(source))
    spans = dict(zip(pkg.body, block_spans(pkg.body, source)))
    second = list(pkg.body.iter(qn("w:p")))[1]
    TrackedEditor(Stamp("t")).change(second, [("delete", "два"), ("insert", "2")])
    pkg.splice("word/document.xml", source, spans, [second])
    out = zipfile.ZipFile(io.BytesIO(pkg.to_bytes())).read("word/document.xml")
    assert marked in out  # the untouched first paragraph, byte for byte
    assert b"<w:ins " in out and out.count(b"xmlns:w=") == 1  # the touched one, without repeated declarations
    # A new block goes after the block before it.
    new = copy.deepcopy(second)
    pkg.body.insert(0, new)
    pkg.splice("word/document.xml", source, spans, [second, new])
    out = zipfile.ZipFile(io.BytesIO(pkg.to_bytes())).read("word/document.xml")
    assert marked in out and out.index(b"<w:ins ") < out.index(marked)
    # A touched block moved among the others: the splice gives up and the part is serialised whole.
    pkg.body.remove(new)
    pkg.body.insert(0, second)
    pkg.splice("word/document.xml", source, spans, [second])
    out = zipfile.ZipFile(io.BytesIO(pkg.to_bytes())).read("word/document.xml")
    assert marked not in out and etree.fromstring(out) is not None


def test_numbering_changes_are_found_and_other_formatting_told_apart() -> None:
    old = etree.fromstring(make_p(p("a", style="ListParagraph")))
    new = etree.fromstring(make_p(p("a", style="ListParagraph", num=(1, 0))))
    changed = formatting.numbering_properties(old, formatting.portable_properties(new, lambda e: [copy.deepcopy(x) for x in e]), lambda: (None, None))
    assert changed is not None and changed.find(f"{qn('w:numPr')}/{qn('w:numId')}").get(qn("w:val")) == "1"
    bold = etree.fromstring(make_p(p(r("термин", "<w:b/>"))))
    plain = etree.fromstring(make_p(p(r("термин"))))
    assert formatting.same_properties(bold, plain)  # paragraph properties alike ...
    table = AtomTable()
    assert formatting.runs_differ(plain, bold, Atoms(table), Atoms(table))  # ... run formatting not
    editor = TrackedEditor(Stamp("t"))
    assert formatting.track_runs(editor, plain, bold, Atoms(table), Atoms(table), lambda e: [copy.deepcopy(x) for x in e]) == 1
    record = plain.find(f".//{qn('w:rPrChange')}")
    assert record is not None and record.getparent().find(qn("w:b")) is not None


def make_p(markup: str) -> bytes:
    from tests.parse.docx_fixtures import NS

    return markup.replace("<w:p>", f"<w:p {NS}>", 1).encode()
