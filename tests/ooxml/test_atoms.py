"""Objects read as atoms (fields, notes, pictures, text boxes, links, math) and the accept/reject views of a paragraph."""

from __future__ import annotations

from lxml import etree

from lexamend.ooxml.edit import RevisionConflict, TrackedEditor, Unsupported
from lexamend.ooxml.parser import qn
from lexamend.ooxml.revisions import Stamp
from lexamend.ooxml.textmap import ATOM_CHARS, Atoms, AtomTable, TextMap, strip_atoms
from tests.parse.docx_fixtures import NS

import pytest

FIELD = (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF p5 \\h </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>5</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
)


def paragraph(inner: str) -> etree._Element:
    return etree.fromstring(f"<w:p {NS}>{inner}</w:p>".encode())


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def atoms() -> Atoms:
    return Atoms(AtomTable())


def editor() -> TrackedEditor:
    return TrackedEditor(Stamp("tester", "2026-01-01T00:00:00Z"))


def test_a_field_is_one_atom_with_its_code_and_result_and_equal_fields_share_a_character() -> None:
    table = AtomTable()
    a = TextMap(paragraph(run("см. пункт ") + FIELD), Atoms(table))
    b = TextMap(paragraph(run("см. пункт ") + FIELD + run(".")), Atoms(table))
    assert a.text == "см. пункт " + a.atom_list[0].char
    assert a.atom_list[0].kind == "field" and a.atom_list[0].key == ("field", "REF p5 \\h", "5")
    assert a.atom_list[0].char == b.atom_list[0].char
    assert len(a.atom_list[0].elements) == 5  # begin, code, separate, result, end
    # Read as plain text (patch mode), the field's result is locked text.
    plain = TextMap(paragraph(run("см. пункт ") + FIELD))
    assert plain.text == "см. пункт 5" and not plain.simple


def test_notes_pictures_text_boxes_links_and_math_are_atoms() -> None:
    note = '<w:r><w:footnoteReference w:id="1"/></w:r>'
    link = f'<w:hyperlink w:anchor="x">{run("статья 30")}</w:hyperlink>'
    box = '<w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>в рамке</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>'
    maths = '<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><m:r><m:t>N=25</m:t></m:r></m:oMath>'
    p = paragraph(run("a") + note + run(" b ") + link + box + maths)
    kinds = [atom.kind for atom in TextMap(p, atoms().with_links(frozenset())).atom_list]
    assert kinds == ["note", "link", "textbox", "math"]
    # A link present in both versions stays transparent: its words are editable text.
    shared = TextMap(p, atoms())
    assert "статья 30" in shared.text and [a.kind for a in shared.atom_list] == ["note", "textbox", "math"]
    assert strip_atoms(shared.text) == "a b статья 30"
    assert all(ATOM_CHARS.fullmatch(a.char) for a in shared.atom_list)


def test_views_resolve_tracked_changes() -> None:
    p = paragraph(
        run("Дети ")
        + '<w:del w:id="1" w:author="A"><w:r><w:delText xml:space="preserve">временно </w:delText></w:r></w:del>'
        + '<w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve">постоянно </w:t></w:r></w:ins>'
        + run("проживающих")
    )
    assert TextMap(p).text == "Дети постоянно проживающих"
    assert TextMap(p, view="reject").text == "Дети временно проживающих"
    assert TextMap(p).revised


def test_a_simple_field_is_replaced_whole_by_complex_fields() -> None:
    table = AtomTable()
    old = paragraph(run("Всего страниц: ") + '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>3</w:t></w:r></w:fldSimple>' + run("."))
    new = paragraph(run("Всего страниц: ") + '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>4</w:t></w:r></w:fldSimple>' + run("."))
    old_map, new_map = TextMap(old, Atoms(table)), TextMap(new, Atoms(table))
    ops = [("equal", "Всего страниц: "), ("delete", old_map.atom_list[0].char), ("insert", new_map.atom_list[0].char), ("equal", ".")]
    import copy

    editor().change(old, ops, atoms=Atoms(table), source=new_map, importer=lambda elements: [copy.deepcopy(e) for e in elements])
    assert old.find(qn("w:fldSimple")) is None  # w:del and w:ins hold runs: the simple field became a complex one
    assert TextMap(old, Atoms(table)).text == new_map.text
    assert TextMap(old, Atoms(table), view="reject").text == old_map.text
    deleted, inserted = old.find(qn("w:del")), old.find(qn("w:ins"))
    assert [e.tag for e in deleted.iter(qn("w:delInstrText"))] and [e.tag for e in inserted.iter(qn("w:instrText"))]


def test_words_inserted_take_the_new_versions_formatting() -> None:
    table = AtomTable()
    old = paragraph(run("Термин означает лицо."))
    new = paragraph(run("Термин ") + '<w:r><w:rPr><w:b/></w:rPr><w:t>сезонного</w:t></w:r>' + run(" работника означает лицо."))
    new_map = TextMap(new, Atoms(table))
    editor().change(old, [("equal", "Термин "), ("insert", "сезонного работника "), ("equal", "означает лицо.")], atoms=Atoms(table), source=new_map)
    inserted = old.find(qn("w:ins"))
    bold = [r.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None for r in inserted.iter(qn("w:r"))]
    assert bold == [True, False]


def test_another_authors_insertion_is_locked_and_deleting_its_paragraph_is_refused() -> None:
    p = paragraph(run("Дети ") + f'<w:ins w:id="5" w:author="Алия">{run("постоянно ")}</w:ins>' + run("проживающих"))
    ed = editor()
    # An edit beside the other author's words is written next to them.
    ed.change(p, [("equal", "Дети постоянно проживающих"), ("insert", " здесь")])
    assert TextMap(p).text == "Дети постоянно проживающих здесь"
    with pytest.raises(RevisionConflict):
        editor().change(paragraph(run("Дети ") + f'<w:ins w:id="5" w:author="Алия">{run("постоянно ")}</w:ins>' + run("проживающих")), [("equal", "Дети "), ("delete", "постоянно "), ("equal", "проживающих")])
    with pytest.raises(RevisionConflict):
        editor().delete(paragraph(run("Дети ") + f'<w:ins w:id="5" w:author="Алия">{run("постоянно ")}</w:ins>'))


def test_a_changed_equation_is_refused() -> None:
    maths = '<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><m:r><m:t>{}</m:t></m:r></m:oMath>'
    table = AtomTable()
    old, new = paragraph(run("N: ") + maths.format("25")), paragraph(run("N: ") + maths.format("30"))
    a, b = TextMap(old, Atoms(table)), TextMap(new, Atoms(table))
    with pytest.raises(Unsupported, match="equation"):
        editor().change(old, [("equal", "N: "), ("delete", a.atom_list[0].char), ("insert", b.atom_list[0].char)], atoms=Atoms(table), source=b, importer=list)


def test_replacing_text_in_patch_mode_keeps_note_references_and_pictures() -> None:
    field_run = '<w:r><w:footnoteReference w:id="1"/></w:r>'
    p = paragraph(run("Старый текст") + field_run + run(" пункта."))
    editor().replace_text(p, [("delete", "Старый текст пункта."), ("insert", "Новый текст.")])
    refs = list(p.iter(qn("w:footnoteReference")))
    assert len(refs) == 1 and refs[0].getparent().getparent() is p  # not inside the deletion
    assert TextMap(p).text == "Новый текст."
