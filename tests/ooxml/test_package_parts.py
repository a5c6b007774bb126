"""The parts a redline adds or edits: settings, comments, ids, content types; block keys; the template."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile

from lxml import etree

from lexamend.ooxml.blocks import block_keys
from lexamend.ooxml.comments import Comments
from lexamend.ooxml.package import open_package
from lexamend.ooxml.parser import qn
from lexamend.ooxml.revisions import Stamp
from lexamend.ooxml.settings import set_track_revisions
from lexamend.ooxml.writer import PackageCopy
from tests.conftest import REPO
from tests.parse.docx_fixtures import build_docx, para, rezip, table

SETTINGS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b'<w:zoom w:percent="100"/><w:proofState w:spelling="clean"/><w:defaultTabStop w:val="720"/>'
    b"<w:compat/></w:settings>"
)


def test_track_revisions_goes_in_schema_order_and_is_not_track_changes() -> None:
    data = rezip(build_docx(para("x")), replace={"word/settings.xml": SETTINGS})
    package = PackageCopy.from_package(open_package(data, "x.docx"))
    set_track_revisions(package)
    out = package.to_bytes()
    settings = zipfile.ZipFile(io.BytesIO(out)).read("word/settings.xml")
    names = [etree.QName(c).localname for c in etree.fromstring(settings)]
    assert names == ["zoom", "proofState", "trackRevisions", "defaultTabStop", "compat"]
    assert b"trackChanges" not in out


def test_settings_part_is_created_and_registered_when_missing() -> None:
    base = build_docx(para("x"))
    rels = zipfile.ZipFile(io.BytesIO(base)).read("word/_rels/document.xml.rels")
    rels = etree.tostring(_without(etree.fromstring(rels), "settings"))
    data = rezip(base, drop=("word/settings.xml",), replace={"word/_rels/document.xml.rels": rels})
    package = PackageCopy.from_package(open_package(data, "x.docx"))
    set_track_revisions(package)
    out = zipfile.ZipFile(io.BytesIO(package.to_bytes()))
    assert b"trackRevisions" in out.read("word/settings.xml")
    assert b"/settings" in out.read("word/_rels/document.xml.rels")
    assert b'PartName="/word/settings.xml"' in out.read("[Content_Types].xml")


def _without(rels: etree._Element, kind: str) -> etree._Element:
    for rel in list(rels):
        if rel.get("Type", "").endswith("/" + kind):
            rels.remove(rel)
    return rels


def test_comments_part_relationship_content_type_and_anchors() -> None:
    package = PackageCopy.from_package(open_package(build_docx(para("one") + para("two")), "x.docx"))
    stamp = Stamp("tester", "2026-01-01T00:00:00Z", next_id=package.highest_id() + 1)
    comments = Comments(package, stamp)
    first, second = list(package.body.iter(qn("w:p")))
    comment_id = comments.add(first[0], second[0], ["Why.", "", "Rights: CRC Article 28."])
    out = zipfile.ZipFile(io.BytesIO(package.to_bytes()))
    part = etree.fromstring(out.read("word/comments.xml"))
    comment = part.find(qn("w:comment"))
    assert comment.get(qn("w:id")) == comment_id and comment.get(qn("w:initials")) == "T"
    assert [("".join(p.itertext())) for p in comment] == ["Why.", "Rights: CRC Article 28."]
    assert b"relationships/comments" in out.read("word/_rels/document.xml.rels")
    assert b"wordprocessingml.comments+xml" in out.read("[Content_Types].xml")
    document = out.read("word/document.xml")
    assert document.index(b"commentRangeStart") < document.index(b">one<") < document.index(b">two<") < document.index(b"commentRangeEnd")


def test_new_ids_are_above_every_id_in_the_package() -> None:
    body = para(inner='<w:bookmarkStart w:id="41" w:name="x"/><w:r><w:t>a</w:t></w:r><w:bookmarkEnd w:id="41"/>')
    data = build_docx(body)
    footnotes = b'<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:footnote w:id="77"/></w:footnotes>'
    package = PackageCopy.from_package(open_package(rezip(data, add={"word/footnotes.xml": footnotes}), "x.docx"))
    assert package.highest_id() == 77


def test_block_keys_cut_the_same_blocks_as_serialising_them() -> None:
    textbox = (
        '<w:p><w:r><w:t>before</w:t></w:r><w:r><mc:AlternateContent><mc:Fallback><w:pict><v:shape><v:textbox>'
        "<w:txbxContent><w:p><w:r><w:t>inside</w:t></w:r></w:p></w:txbxContent>"
        "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    for body in (para("a") + "<w:p/>" + para("b"), para("a") + table([[para("c1"), para("c2")]]) + para("b"), textbox + para("z")):
        data = build_docx(body)
        package = open_package(data, "x.docx")
        keys = block_keys(package.body, package.read("word/document.xml"))
        serialised = block_keys(package.body, None)
        assert len(keys) == len(serialised) == len(package.body)
        # equal blocks have equal keys, different blocks different keys, whichever way they were cut
        assert [keys.index(k) for k in keys] == [serialised.index(k) for k in serialised]


def test_the_shipped_template_is_up_to_date() -> None:
    result = subprocess.run([sys.executable, str(REPO / "tools" / "make_template.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
