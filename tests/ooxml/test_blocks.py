"""Cutting a main part into its top-level blocks by bytes (lexamend.ooxml.blocks)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from lexamend.ooxml.blocks import block_spans

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SECT = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'

# Blocks as Word, LibreOffice and python-docx write them: empty paragraphs with and without
# attributes, paragraphs whose properties hold a section break, tables, content controls, text boxes.
BLOCKS = [
    '<w:p><w:r><w:t>plain</w:t></w:r></w:p>',
    '<w:p w:rsidR="00834194" w:rsidRDefault="00834194"><w:r><w:t xml:space="preserve">Word </w:t></w:r></w:p>',
    "<w:p/>",
    '<w:p w:rsidR="00834194" w:rsidRDefault="00834194"/>',
    '<w:p><w:pPr><w:sectPr><w:pgSz w:w="12240"/></w:sectPr></w:pPr><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/></w:p>',
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p><w:p/></w:tc></w:tr></w:tbl>",
    "<w:sdt><w:sdtContent><w:p><w:r><w:t>control</w:t></w:r></w:p></w:sdtContent></w:sdt>",
    "<w:p><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent></w:pict></w:r></w:p>",
]


def part(blocks: list[str], gap: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>'
        + gap.join(blocks)
        + gap
        + SECT
        + "</w:body></w:document>"
    ).encode()


def cut(data: bytes) -> list[bytes] | None:
    body = etree.fromstring(data).find(f"{{{W}}}body")
    spans = block_spans(body, data)
    if spans is None:
        return None
    return [data[a:b] for a, b in (s for s in spans if s is not None)]


def test_an_empty_paragraph_with_attributes_is_a_block_of_its_own() -> None:
    # Word writes an empty paragraph as <w:p w:rsidR="…"/>; it must not swallow the next paragraph.
    blocks = [BLOCKS[4], BLOCKS[1], BLOCKS[3]]
    assert cut(part(blocks)) == [b.encode() for b in blocks]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(BLOCKS), min_size=1, max_size=12), st.sampled_from(["", "\n", "\r\n  "]))
def test_the_byte_cut_gives_every_block_exactly_as_written(blocks: list[str], gap: str) -> None:
    assert cut(part(blocks, gap)) == [b.encode() for b in blocks]


def test_a_part_that_cannot_be_cut_says_so() -> None:
    other_prefix = part([BLOCKS[0]]).replace(b"w:", b"x:").replace(b"xmlns:w=", b"xmlns:x=")
    body = etree.fromstring(other_prefix).find(f"{{{W}}}body")
    assert block_spans(body, other_prefix) is None
