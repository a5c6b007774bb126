"""An independent reader of WordprocessingML for the tests: accept all, reject all, and package checks.

Written from the specification (ECMA-376 Part 1 §17.13.5, revisions) with the
standard library only — :mod:`zipfile` and :mod:`xml.etree.ElementTree` — and
sharing no code with lexamend's own OOXML layer, so that a redline is judged
by a reader that could not make the same mistakes as the writer:

* accept all: text in ``w:del``/``w:moveFrom`` goes, text in ``w:ins``/``w:moveTo``
  stays; a paragraph whose mark is deleted (``w:pPr/w:rPr/w:del``) runs on into
  the next paragraph;
* reject all: the mirror image (``w:delText`` is read back as text; a paragraph
  whose mark was inserted runs on into the next).
"""

from __future__ import annotations

import io
import re
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_SPACES = re.compile(r"[ \t\u00a0\n]+")


def _local(tag: str) -> str:
    return tag[len(W) :] if tag.startswith(W) else tag


def document_root(data: bytes) -> ET.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return ET.fromstring(archive.read("word/document.xml"))


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_HIDDEN_IN = {"accept": ("del", "moveFrom"), "reject": ("ins", "moveTo"), "shown": ()}


def _text(element: ET.Element, view: str, out: list[str], in_field_code: list[bool]) -> None:
    for child in element:
        name = _local(child.tag)
        if name in ("pPr", "rPr", "instrText", "delInstrText", "commentReference", "footnoteReference", "endnoteReference", "txbxContent"):
            continue  # text boxes are stories of their own
        if child.tag == _MC + "AlternateContent":
            choice = child.find(_MC + "Choice")
            if choice is not None:
                _text(choice, view, out, in_field_code)
            continue
        if name == "fldChar":
            kind = child.get(W + "fldCharType")
            if kind == "begin":
                in_field_code.append(True)
            elif kind == "separate" and in_field_code:
                in_field_code[-1] = False
            elif kind == "end" and in_field_code:
                in_field_code.pop()
            continue
        if name in ("del", "moveFrom"):
            if view != "accept":
                _text(child, view, out, in_field_code)
        elif name in ("ins", "moveTo"):
            if view != "reject":
                _text(child, view, out, in_field_code)
        elif name in ("t", "delText"):
            if not any(in_field_code):
                out.append(child.text or "")
        elif name == "tab":
            out.append("\t")
        elif name in ("br", "cr"):
            out.append(" ")
        elif name == "noBreakHyphen":
            out.append("-")
        else:
            _text(child, view, out, in_field_code)


def _mark(p: ET.Element) -> set[str]:
    ppr = p.find(W + "pPr")
    rpr = ppr.find(W + "rPr") if ppr is not None else None
    if rpr is None:
        return set()
    return {_local(c.tag) for c in rpr if _local(c.tag) in ("ins", "del", "moveFrom", "moveTo")}


def _row_gone(row: ET.Element, view: str) -> bool:
    """A table row removed in this view (``w:trPr/w:del`` accepted, ``w:trPr/w:ins`` rejected)."""
    trpr = row.find(W + "trPr")
    return trpr is not None and any(_local(c.tag) in _HIDDEN_IN[view] for c in trpr)


def _story_paragraphs(root: ET.Element, view: str) -> list[str]:
    """The paragraphs of a story (text boxes inside it excluded), marks joined as the view does."""
    out: list[str] = []
    carry = ""

    def walk(element: ET.Element) -> None:
        nonlocal carry
        for child in element:
            name = _local(child.tag)
            if name == "txbxContent" or child.tag == _MC + "Fallback":
                continue
            if name == "tr" and _row_gone(child, view):
                continue
            if name == "p":
                pieces: list[str] = []
                _text(child, view, pieces, [])
                carry += "".join(pieces)
                mark = _mark(child)
                joins = (view == "accept" and mark & {"del", "moveFrom"}) or (view == "reject" and mark & {"ins", "moveTo"})
                if not joins:
                    out.append(carry)
                    carry = ""
                walk_objects(child)
            else:
                walk(child)

    def walk_objects(p: ET.Element) -> None:
        pass  # paragraphs inside a paragraph's text boxes are not the story's

    walk(root)
    if carry:
        out.append(carry)
    return out


def paragraphs(data: bytes, view: str) -> list[str]:
    """Paragraph texts of the body for ``view`` "accept", "reject" or "shown" (everything), whitespace as stored.

    Paragraphs of text boxes are not the body's (see :func:`stories`); rows
    deleted (accept) or inserted (reject) are left out.
    """
    body = document_root(data).find(W + "body")
    assert body is not None
    return _story_paragraphs(body, view)


def _collapse(texts: list[str]) -> list[str]:
    return [t for t in (_SPACES.sub(" ", x).strip() for x in texts) if t]


def lines(data: bytes, view: str) -> list[str]:
    """Non-empty paragraphs of a view, whitespace collapsed as the parser keeps text."""
    return _collapse(paragraphs(data, view))


def empty_paragraphs(data: bytes, view: str) -> int:
    return sum(1 for p in paragraphs(data, view) if not p.strip())


# -- every story ------------------------------------------------------------------------------

_REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _visible_elements(root: ET.Element, view: str, wanted: tuple[str, ...]) -> list[ET.Element]:
    """Elements named ``wanted`` under ``root`` that the view shows (not in hidden revisions or rows), in order."""
    found: list[ET.Element] = []

    def walk(element: ET.Element, hidden: bool) -> None:
        for child in element:
            name = _local(child.tag)
            gone = hidden or name in _HIDDEN_IN[view] or (name == "tr" and _row_gone(child, view))
            if name in wanted and not gone:
                found.append(child)
            if name != "txbxContent":
                walk(child, gone)

    walk(root, False)
    return found


def _textbox_contents(root: ET.Element, view: str) -> tuple[list[ET.Element], list[ET.Element]]:
    """Text box contents anchored in visible runs of a story: (preferred or only ones, markup-compatibility fallbacks)."""
    preferred: list[ET.Element] = []
    fallback: list[ET.Element] = []

    def walk(element: ET.Element, hidden: bool, in_fallback: bool) -> None:
        for child in element:
            name = _local(child.tag)
            gone = hidden or name in _HIDDEN_IN[view] or (name == "tr" and _row_gone(child, view))
            if name == "txbxContent":
                if not gone:
                    (fallback if in_fallback else preferred).append(child)
                continue  # a text box inside a text box is read with its container
            walk(child, gone, in_fallback or child.tag == _MC + "Fallback")

    walk(root, False, False)
    return preferred, fallback


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rels(parts: dict[str, bytes], part: str) -> dict[str, tuple[str, str]]:
    folder, base = part.rsplit("/", 1)
    data = parts.get(f"{folder}/_rels/{base}.rels")
    if data is None:
        return {}
    out = {}
    for rel in ET.fromstring(data).iter(PR + "Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") != "External":
            target = target.lstrip("/") if target.startswith("/") else _join(folder, target)
        out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], target)
    return out


def stories(data: bytes, view: str) -> dict[str, object]:
    """Every story of a package as a view shows it, paragraphs collapsed and non-empty.

    ``body``: the body's paragraphs (tables included); ``textboxes`` and
    ``fallbacks``: the paragraphs of each text box anchored in the view, from
    the preferred markup and from markup-compatibility fallbacks; ``footnotes``
    and ``endnotes``: each note referenced in the view, in reference order;
    ``headers``: each header and footer referenced by a section, by
    "section:kind:type"; ``comments``: how many comments the package holds.
    """
    parts = _parts(data)
    root = ET.fromstring(parts["word/document.xml"])
    body = root.find(W + "body")
    assert body is not None
    rels = _rels(parts, "word/document.xml")
    out: dict[str, object] = {"body": _collapse(_story_paragraphs(body, view))}
    preferred, fallback = _textbox_contents(body, view)
    out["textboxes"] = [_collapse(_story_paragraphs(c, view)) for c in preferred]
    out["fallbacks"] = [_collapse(_story_paragraphs(c, view)) for c in fallback]
    for kind in ("footnote", "endnote"):
        target = next((t for kind_, t in rels.values() if kind_ == f"{kind}s"), None)
        notes: dict[str, ET.Element] = {}
        if target and target in parts:
            notes = {n.get(W + "id", ""): n for n in ET.fromstring(parts[target]) if _local(n.tag) == kind}
        refs = _visible_elements(body, view, (f"{kind}Reference",))
        out[f"{kind}s"] = [_collapse(_story_paragraphs(notes[ref.get(W + 'id', '')], view)) if ref.get(W + "id", "") in notes else ["<missing note>"] for ref in refs]
    headers: dict[str, list[str]] = {}
    for number, section in enumerate(body.iter(W + "sectPr")):
        for ref in section:
            name = _local(ref.tag)
            if name not in ("headerReference", "footerReference"):
                continue
            target = rels.get(ref.get(R + "id", ""), ("", ""))[1]
            if target in parts:
                key = f"{number}:{name[:6]}:{ref.get(W + 'type', 'default')}"
                headers[key] = _collapse(_story_paragraphs(ET.fromstring(parts[target]), view))
    out["headers"] = headers
    comments = next((t for kind_, t in rels.values() if kind_ == "comments"), None)
    out["comments"] = sum(1 for c in ET.fromstring(parts[comments]) if _local(c.tag) == "comment") if comments and comments in parts else 0
    return out


# -- package checks ----------------------------------------------------------------------

REVISION_TAGS = ("ins", "del", "moveFrom", "moveTo", "pPrChange", "rPrChange")


def problems(data: bytes, *, tracked: bool = True) -> list[str]:
    """Everything wrong with a redline package, as readable strings (empty when valid)."""
    found: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        parts = {name: archive.read(name) for name in names}
    if len(set(names)) != len(names):
        found.append("duplicate zip entries")
    types = ET.fromstring(parts["[Content_Types].xml"])
    defaults = {d.get("Extension", "").lower(): d.get("ContentType") for d in types.iter(CT + "Default")}
    overrides = {o.get("PartName", "").lower(): o.get("ContentType") for o in types.iter(CT + "Override")}
    for name in names:
        if name == "[Content_Types].xml" or name.endswith("/"):
            continue
        if "/" + name.lower() not in overrides and name.rsplit(".", 1)[-1].lower() not in defaults:
            found.append(f"{name} has no content type")
    for part, ctype in overrides.items():
        if part.lstrip("/") not in {n.lower() for n in names}:
            found.append(f"content type declared for missing part {part}")
    main_type = overrides.get("/word/document.xml", "")
    if not main_type.endswith("document.main+xml"):
        found.append(f"main part content type is {main_type!r}")
    if "word/comments.xml" in parts and overrides.get("/word/comments.xml") != "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml":
        found.append("comments part has the wrong content type")
    # relationships point at parts that exist
    for name in names:
        if not name.endswith(".rels"):
            continue
        folder = name.split("_rels/")[0]
        for rel in ET.fromstring(parts[name]).iter(PR + "Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            resolved = target.lstrip("/") if target.startswith("/") else _join(folder, target)
            if resolved not in names:
                found.append(f"{name}: relationship to missing part {target}")
    # revisions, text elements, ids
    ids: Counter[str] = Counter()
    comment_ids: set[str] = set()
    for name, data_part in parts.items():
        if not (name.startswith("word/") and name.endswith(".xml")):
            continue
        root = ET.fromstring(data_part)
        parents = {child: parent for parent in root.iter() for child in parent}
        for element in root.iter():
            local = _local(element.tag)
            if local in REVISION_TAGS:
                if element.get(W + "id") is None or element.get(W + "author") is None:
                    found.append(f"{name}: w:{local} without w:id or w:author")
                else:
                    ids[element.get(W + "id")] += 1  # type: ignore[index]
            if local == "comment":
                comment_ids.add(element.get(W + "id", ""))
            if local in ("t", "delText"):
                text = element.text or ""
                if not text:
                    found.append(f"{name}: empty w:{local}")
                if (text != text.strip() or "  " in text) and element.get(XML_SPACE) != "preserve":
                    found.append(f"{name}: w:{local} {text[:30]!r} needs xml:space=\"preserve\"")
                # Deleted text is w:delText (§17.3.3.7); moved-away text (w:moveFrom) keeps w:t.
                inside_del = _inside(element, parents, ("del",))
                if local == "t" and inside_del:
                    found.append(f"{name}: w:t inside w:del")
                if local == "delText" and not inside_del and not _inside(element, parents, ("moveFrom",)):
                    found.append(f"{name}: w:delText outside w:del")
            if local == "trackChanges":
                found.append(f"{name}: w:trackChanges is not a WordprocessingML element")
    for value, count in ids.items():
        if count > 1:
            found.append(f"revision id {value} used {count} times")
    if ids.keys() & comment_ids:
        found.append("revision and comment ids overlap")
    settings = parts.get("word/settings.xml")
    track = settings is not None and ET.fromstring(settings).find(W + "trackRevisions") is not None
    if tracked and not track:
        found.append("settings.xml does not switch on w:trackRevisions")
    if not tracked and ids:
        found.append(f"{len(ids)} revision(s) in a document that should be clean")
    return found


def _join(folder: str, target: str) -> str:
    parts: list[str] = [p for p in folder.split("/") if p]
    for piece in target.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _inside(element: ET.Element, parents: dict[ET.Element, ET.Element], names: tuple[str, ...]) -> bool:
    node = parents.get(element)
    while node is not None:
        if _local(node.tag) in names:
            return True
        node = parents.get(node)
    return False


def reopen_with_python_docx(data: bytes) -> int:
    """python-docx opens the package; returns its paragraph count."""
    import docx

    return len(docx.Document(io.BytesIO(data)).paragraphs)
