"""Content copied from one package into another stays valid there: relationships, notes, styles, lists, ids."""

from __future__ import annotations

import io
import zipfile

from lexamend.ooxml.parser import qn
from lexamend.ooxml.portable import Importer
from lexamend.ooxml.revisions import Stamp
from lexamend.ooxml.writer import PackageCopy
from tests.data.docx.build import BLUE, RED, LEGAL_NUMBERING, LETTER_NUMBERING, Spec, footnote_ref, image, link, make, p
from tests.render import wordml


def packages(old: Spec, new: Spec) -> tuple[PackageCopy, PackageCopy, Importer]:
    target, source = PackageCopy.from_bytes(make(old)), PackageCopy.from_bytes(make(new))
    return target, source, Importer(target, source, Stamp("t", next_id=1000))


def new_paragraph(source: PackageCopy, index: int = 0):  # type: ignore[no-untyped-def]
    return list(source.body.iter(qn("w:p")))[index]


def test_a_picture_is_copied_with_its_part_content_type_and_a_new_relationship() -> None:
    target, source, importer = packages(Spec(p("Текст.")), Spec(p("Печать: ", image("rId801", 5)), images={"rId801": RED}))
    copy = importer([new_paragraph(source)])[0]
    blip = next(copy.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip"))
    rid = blip.get(qn("r:embed"))
    target.body.insert(0, copy)
    data = target.to_bytes()
    assert wordml.problems(data, tracked=False) == []
    rels = target.xml("word/_rels/document.xml.rels")
    assert any(r.get("Id") == rid and r.get("Target", "").startswith("media/") for r in rels)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert RED in [archive.read(n) for n in archive.namelist() if n.startswith("word/media/")]


def test_a_picture_already_there_with_the_same_bytes_is_not_copied_twice() -> None:
    target, source, importer = packages(Spec(p(image("rId801", 5)), images={"rId801": BLUE}), Spec(p("x", image("rId801", 7)), images={"rId801": BLUE}))
    before = [n for n in target.names if n.startswith("word/media/")]
    assert before
    importer([new_paragraph(source)])
    assert [n for n in target.names if n.startswith("word/media/")] == before


def test_an_external_link_gets_a_relationship_in_the_target() -> None:
    target, source, importer = packages(Spec(p("x")), Spec(p(link("rId901", "приказ")), links={"rId901": "https://adilet.zan.kz/rus/docs/V1000006697_"}))
    copy = importer([new_paragraph(source)])[0]
    rid = copy.find(qn("w:hyperlink")).get(qn("r:id"))
    rel = next(r for r in target.xml("word/_rels/document.xml.rels") if r.get("Id") == rid)
    assert rel.get("TargetMode") == "External" and rel.get("Target", "").endswith("V1000006697_")


def test_a_note_is_copied_under_a_new_id_with_the_notes_part_created_when_missing() -> None:
    target, source, importer = packages(Spec(p("Без сносок.")), Spec(p("Текст", footnote_ref(1)), footnotes={1: "Сноска."}))
    copy = importer([new_paragraph(source)])[0]
    new_id = copy.find(f".//{qn('w:footnoteReference')}").get(qn("w:id"))
    assert importer.notes and importer.notes[0][1].get(qn("w:id")) == new_id
    part = target.related_part(target.main_part, "footnotes")
    types = [n.get(qn("w:type")) for n in target.xml(part)]
    assert types[:2] == ["separator", "continuationSeparator"]  # the separators Word needs came along
    assert target.content_type(part).endswith("footnotes+xml")


def test_styles_the_target_lacks_are_copied_with_what_they_are_based_on() -> None:
    target, source, importer = packages(Spec(p("x")), Spec(p("Примечание", style="ProjectNote")))
    assert "ProjectNote" not in target.style_ids()
    importer([new_paragraph(source)])
    styles = target.xml(target.related_part(target.main_part, "styles"))
    ids = {s.get(qn("w:styleId")) for s in styles.iter(qn("w:style"))}
    assert {"ProjectNote", "Normal"} <= ids


def test_a_list_keeps_its_number_when_defined_alike_and_is_copied_when_not() -> None:
    legal = LEGAL_NUMBERING.format(a=0) + '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    letters = legal + LETTER_NUMBERING.format(a=1) + '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    target, source, importer = packages(Spec(p("a", num=(1, 0)), numbering=legal), Spec(p("a", num=(1, 0)) + p("b", num=(2, 0)), numbering=letters))
    first, second = importer([new_paragraph(source, 0), new_paragraph(source, 1)])
    assert first.find(f".//{qn('w:numId')}").get(qn("w:val")) == "1"  # same definition in both: the same list
    copied = second.find(f".//{qn('w:numId')}").get(qn("w:val"))
    numbering = target.xml(target.related_part(target.main_part, "numbering"))
    nums = {n.get(qn("w:numId")): n for n in numbering.iter(qn("w:num"))}
    assert copied in nums and copied != "1"
    abstract = nums[copied].find(qn("w:abstractNumId")).get(qn("w:val"))
    formats = [f.get(qn("w:val")) for a in numbering.iter(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract for f in a.iter(qn("w:numFmt"))]
    assert formats == ["lowerLetter"]


def test_comment_anchors_are_dropped_and_bookmarks_renamed_apart_and_word_ids_dropped() -> None:
    old = Spec(p('<w:bookmarkStart w:id="1" w:name="p2"/>', "a", '<w:bookmarkEnd w:id="1"/>'))
    new = Spec(p('<w:bookmarkStart w:id="1" w:name="p2"/>', "b", '<w:bookmarkEnd w:id="1"/>', '<w:commentRangeStart w:id="0"/>', "c", '<w:commentRangeEnd w:id="0"/>'))
    target, source, importer = packages(old, new)
    paragraph = new_paragraph(source)
    paragraph.set(qn("w14:paraId"), "1234ABCD")
    copy = importer([paragraph])[0]
    assert copy.get(qn("w14:paraId")) is None
    assert not list(copy.iter(qn("w:commentRangeStart"))) and importer.dropped_comments == 1
    start = copy.find(qn("w:bookmarkStart"))
    assert start.get(qn("w:name")) == "p2_2" and copy.find(qn("w:bookmarkEnd")).get(qn("w:id")) == start.get(qn("w:id"))
