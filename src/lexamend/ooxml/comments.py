"""Margin comments: the ``word/comments.xml`` part and the anchors in the text.

A comment (ECMA-376 Part 1, §17.13.4) lives in the comments part as
``w:comment`` (id, author, date, initials) holding paragraphs; the text it is
about is marked in the story by ``w:commentRangeStart``/``w:commentRangeEnd``
with the same id, followed by a run holding ``w:commentReference`` (the mark
Word shows in the margin). The part is related from the main document with
the ``comments`` relationship and declared in [Content_Types].xml.
"""

from __future__ import annotations

from lxml import etree

from lexamend.ooxml.parser import NSMAP, qn
from lexamend.ooxml.revisions import Stamp, text_element
from lexamend.ooxml.writer import CT_COMMENTS, PackageCopy

COMMENTS_PART = "word/comments.xml"

_R, _RPR = qn("w:r"), qn("w:rPr")


class Comments:
    """Adds comments to a package; creates the comments part on first use."""

    def __init__(self, package: PackageCopy, stamp: Stamp) -> None:
        self.package = package
        self.stamp = stamp
        self._root: etree._Element | None = None
        ids = package.style_ids()
        self.text_style = "CommentText" if "CommentText" in ids else None
        self.reference_style = "CommentReference" if "CommentReference" in ids else None

    def _part(self) -> etree._Element:
        if self._root is None:
            name = self.package.related_part(self.package.main_part, "comments")
            root = self.package.xml(name) if name else None
            if root is None:
                name = COMMENTS_PART
                root = etree.Element(qn("w:comments"), nsmap={"w": NSMAP["w"]})
                self.package.put_xml(name, root)
                self.package.relate(self.package.main_part, "comments", name)
                self.package.declare(name, CT_COMMENTS)
            self._root = root
        return self._root

    def _reference_run(self, comment_id: str) -> etree._Element:
        run = etree.Element(_R)
        if self.reference_style:
            rpr = etree.SubElement(run, _RPR)
            etree.SubElement(rpr, qn("w:rStyle"), {qn("w:val"): self.reference_style})
        etree.SubElement(run, qn("w:commentReference"), {qn("w:id"): comment_id})
        return run

    def add(self, first: etree._Element, last: etree._Element, paragraphs: list[str]) -> str:
        """Anchor a comment from before ``first`` to after ``last`` (elements of the story); return its id.

        ``paragraphs`` are the comment's paragraphs of text (empty ones are skipped).
        """
        attrs = self.stamp.attributes()
        comment_id = attrs[qn("w:id")]
        attrs[qn("w:initials")] = self.stamp.initials
        comment = etree.SubElement(self._part(), qn("w:comment"), attrs)
        texts = [text for text in paragraphs if text.strip()] or [""]
        for index, text in enumerate(texts):
            p = etree.SubElement(comment, qn("w:p"))
            if self.text_style:
                ppr = etree.SubElement(p, qn("w:pPr"))
                etree.SubElement(ppr, qn("w:pStyle"), {qn("w:val"): self.text_style})
            if index == 0:
                ref = etree.SubElement(p, _R)
                if self.reference_style:
                    rpr = etree.SubElement(ref, _RPR)
                    etree.SubElement(rpr, qn("w:rStyle"), {qn("w:val"): self.reference_style})
                etree.SubElement(ref, qn("w:annotationRef"))
            if text.strip():
                run = etree.SubElement(p, _R)
                run.append(text_element(text))
        first.addprevious(etree.Element(qn("w:commentRangeStart"), {qn("w:id"): comment_id}))
        end = etree.Element(qn("w:commentRangeEnd"), {qn("w:id"): comment_id})
        last.addnext(end)
        end.addnext(self._reference_run(comment_id))
        return comment_id


__all__ = ["COMMENTS_PART", "Comments"]
