"""Writing word-level revisions into paragraphs: run splitting, formatting, paragraph marks, story ends."""

from __future__ import annotations

import pytest
from lxml import etree

from lexamend.ooxml.accept import resolve_all
from lexamend.ooxml.edit import TrackedEditor
from lexamend.ooxml.parser import qn
from lexamend.ooxml.revisions import Stamp, mark_state
from lexamend.ooxml.textmap import TextMap
from lexamend.ooxml.writer import PackageCopy, serialise
from tests.parse.docx_fixtures import NS, build_docx, para, table
from tests.render import wordml

B = "<w:rPr><w:b/></w:rPr>"
I = "<w:rPr><w:i/></w:rPr>"


def runs(*pieces: tuple[str, str]) -> str:
    return "".join(f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>' for rpr, text in pieces)


def body_of(markup: str) -> etree._Element:
    return etree.fromstring(f"<w:body {NS}>{markup}</w:body>".encode())


def as_docx(body: etree._Element) -> bytes:
    """The edited body as a real package, for the independent reader."""
    inner = b"".join(serialise(child).split(b"?>", 1)[1] for child in body)
    return build_docx(inner.decode())


def editor() -> TrackedEditor:
    return TrackedEditor(Stamp("tester", "2026-01-01T00:00:00Z"))


def texts(body: etree._Element, view: str) -> list[str]:
    return wordml.lines(as_docx(body), view)


def test_an_edit_inside_a_bold_run_keeps_bold_on_both_sides() -> None:
    body = body_of(para(inner=runs((B, "1. "), ("", "Children of seasonal and frontier workers"), (I, " are admitted."))))
    p = body[0]
    ed = editor()
    ed.change(p, [("equal", "1. Children of "), ("delete", "seasonal and "), ("equal", "frontier workers are admitted.")])
    assert texts(body, "accept") == ["1. Children of frontier workers are admitted."]
    assert texts(body, "reject") == ["1. Children of seasonal and frontier workers are admitted."]
    formatted = [(r.find(qn("w:rPr")) is not None and r.find(qn("w:rPr")).find(qn("w:b")) is not None, "".join(r.itertext())) for r in p.iter(qn("w:r"))]
    assert formatted[0] == (True, "1. ")
    # The plain run was split in three; its pieces are all plain, the deleted one inside w:del.
    deleted = p.find(qn("w:del"))
    assert deleted is not None and "".join(deleted.itertext()) == "seasonal and "
    assert deleted[0].find(qn("w:delText")).get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_splitting_a_bold_run_copies_its_properties() -> None:
    body = body_of(para(inner=runs((B, "Important defined term here"))))
    editor().change(body[0], [("equal", "Important "), ("delete", "defined"), ("insert", "new"), ("equal", " term here")])
    for run in body[0].iter(qn("w:r")):
        assert run.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None, etree.tostring(run)


def test_inserted_words_take_the_formatting_before_them_or_after_them_at_the_start() -> None:
    body = body_of(para(inner=runs((I, "Footnote."), ("", " Paragraph 7"))))
    editor().change(body[0], [("insert", "New "), ("equal", "Footnote. Paragraph 7"), ("insert", " as amended")])
    inserted = body[0].findall(qn("w:ins"))
    assert [bool(i.find(f".//{qn('w:i')}") is not None) for i in inserted] == [True, False]
    assert texts(body, "accept") == ["New Footnote. Paragraph 7 as amended"]


def test_no_empty_text_elements_and_preserved_spaces() -> None:
    body = body_of(para(inner=runs(("", "a b"), ("", " c d"))))
    editor().change(body[0], [("equal", "a "), ("delete", "b c"), ("insert", "x"), ("equal", " d")])
    for t in body[0].iter(qn("w:t"), qn("w:delText")):
        assert t.text
        if t.text != t.text.strip():
            assert t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_text_in_a_field_result_is_replaced_as_a_whole() -> None:
    field = (
        '<w:r><w:t xml:space="preserve">see </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> REF p4 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>paragraph 4</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    body = body_of(para(inner=field))
    assert not TextMap(body[0]).simple
    ed = editor()
    ed.change(body[0], [("equal", "see paragraph "), ("delete", "4"), ("insert", "5")])
    assert ed.fallbacks == 1
    assert texts(body, "accept") == ["see paragraph 5"]
    assert texts(body, "reject") == ["see paragraph 4"]


def test_hyperlink_text_is_edited_inside_the_hyperlink() -> None:
    body = body_of(para(inner='<w:hyperlink w:anchor="x">' + runs(("", "Article 14 of the Constitution")) + "</w:hyperlink>"))
    editor().change(body[0], [("equal", "Article "), ("delete", "14"), ("insert", "15"), ("equal", " of the Constitution")])
    link = body[0].find(qn("w:hyperlink"))
    assert link.find(qn("w:del")) is not None and link.find(qn("w:ins")) is not None
    assert texts(body, "accept") == ["Article 15 of the Constitution"]


def test_paragraph_mark_revision_goes_first_in_the_mark_properties() -> None:
    body = body_of('<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:rPr><w:b/></w:rPr></w:pPr>' + runs(("", "Gone.")) + "</w:p>" + para("Stays."))
    editor().delete(body[0])
    rpr = body[0].find(f"{qn('w:pPr')}/{qn('w:rPr')}")
    assert [c.tag for c in rpr] == [qn("w:del"), qn("w:b")]
    assert texts(body, "accept") == ["Stays."]
    assert wordml.empty_paragraphs(as_docx(body), "accept") == 0


@pytest.mark.parametrize("where", ["body", "cell"])
def test_deleting_and_inserting_at_the_end_of_a_story_leaves_no_empty_paragraph(where: str) -> None:
    cases = {
        "delete last": (["A.", "B.", "C."], [("equal", 0), ("delete", 1), ("delete", 2)], ["A."]),
        "insert after last": (["A.", "B."], [("equal", 0), ("equal", 1), ("insert", "N1."), ("insert", "N2.")], ["A.", "B.", "N1.", "N2."]),
        "replace last": (["A.", "B."], [("equal", 0), ("delete", 1), ("insert", "N.")], ["A.", "N."]),
        "replace all": (["A.", "B."], [("delete", 0), ("delete", 1), ("insert", "N.")], ["N."]),
    }
    for name, (old, steps, accepted) in cases.items():
        paragraphs = "".join(para(text) for text in old)
        markup = paragraphs if where == "body" else table([[paragraphs]]) + para("After the table.")
        body = body_of(markup)
        container = body if where == "body" else body.find(f".//{qn('w:tc')}")
        ps = container.findall(qn("w:p"))
        ed = editor()
        cursor = None
        for kind, value in steps:
            if kind == "equal":
                cursor = ps[value]
            elif kind == "delete":
                ed.delete(ps[value])
                cursor = ps[value]
            else:
                new = etree.fromstring(para(value).replace("<w:p>", f"<w:p {NS}>", 1))
                cursor.addnext(new)
                ed.insert(new)
                cursor = new
        ed.finish()
        data = as_docx(body)
        tail = ["After the table."] if where == "cell" else []
        assert wordml.lines(data, "accept") == accepted + tail, name
        assert wordml.lines(data, "reject") == old + tail, name
        assert wordml.empty_paragraphs(data, "accept") == 0, name
        assert wordml.empty_paragraphs(data, "reject") == 0, name
        last = container.findall(qn("w:p"))[-1]
        assert mark_state(last) == set(), name  # the story's last mark is never tracked
        # lexamend's own accept/reject agrees with the independent reader.
        for accept, want in ((True, accepted), (False, old)):
            copy = PackageCopy.from_bytes(data)
            resolve_all(copy.document, accept=accept)
            assert wordml.lines(copy.to_bytes(), "shown") == want + tail, name


def test_a_paragraph_formatting_change_is_recorded_when_a_last_paragraph_takes_another_ones_place() -> None:
    body = body_of(para("A.", style="Heading1") + para("B."))
    ed = editor()
    ed.delete(body[1])
    ed.finish()
    last = body[1]
    change = last.find(f"{qn('w:pPr')}/{qn('w:pPrChange')}")
    assert change is not None and change.get(qn("w:author")) == "tester"
    # Accepted: the remaining paragraph has A's text and A's style.
    copy = PackageCopy.from_bytes(as_docx(body))
    resolve_all(copy.document, accept=True)
    ps = list(copy.body.iter(qn("w:p")))
    assert len(ps) == 1 and ps[0].find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "Heading1"
