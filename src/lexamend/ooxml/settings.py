"""Document settings: switch Track Changes on (``w:trackRevisions``) in ``word/settings.xml``.

The element is ``w:trackRevisions`` (ECMA-376 Part 1, §17.15.1.89). Some tools
write ``w:trackChanges``, which does not exist in the schema: Word ignores it
and opens the document with Track Changes off. ``w:settings`` children have a
fixed order; the element goes after the ones the schema puts before it.
"""

from __future__ import annotations

from lxml import etree

from lexamend.ooxml.parser import NSMAP, qn
from lexamend.ooxml.writer import CT_SETTINGS, PackageCopy

SETTINGS_PART = "word/settings.xml"

#: CT_Settings children that come before w:trackRevisions, in schema order.
_BEFORE_TRACK_REVISIONS = tuple(
    qn(f"w:{name}")
    for name in (
        "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
        "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
        "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
        "saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges",
        "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors",
        "hideGrammaticalErrors", "activeWritingStyle", "proofState", "formsDesign", "attachedTemplate",
        "linkStyles", "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge",
        "revisionView",
    )
)  # fmt: skip
_TRACK = qn("w:trackRevisions")


def settings_part(package: PackageCopy) -> etree._Element:
    """The ``w:settings`` root of the package, created and registered when the package has none."""
    name = package.related_part(package.main_part, "settings") or SETTINGS_PART
    root = package.xml(name)
    if root is None:
        root = etree.Element(qn("w:settings"), nsmap={"w": NSMAP["w"]})
        package.put_xml(name, root)
        package.relate(package.main_part, "settings", name)
        package.declare(name, CT_SETTINGS)
    return root


def set_track_revisions(package: PackageCopy, on: bool = True) -> None:
    """Turn Track Changes on (or off) for the document."""
    root = settings_part(package)
    existing = root.find(_TRACK)
    if not on:
        if existing is not None:
            root.remove(existing)
        return
    if existing is not None:
        existing.attrib.pop(qn("w:val"), None)
        return
    element = etree.Element(_TRACK)
    last_before = None
    for child in root:
        if child.tag in _BEFORE_TRACK_REVISIONS:
            last_before = child
    if last_before is not None:
        last_before.addnext(element)
    else:
        root.insert(0, element)


__all__ = ["SETTINGS_PART", "set_track_revisions", "settings_part"]
