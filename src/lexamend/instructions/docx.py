"""Amendment instructions as a Word document, through python-docx's paragraph API.

The layout is that of an amending act as a ministry circulates it: the
proposal's title as a heading, the preamble, then the numbered items with a
first-line indent, lettered lines and quoted wording indented one step further.
The file is saved through :func:`lexamend.ooxml.deterministic.save`, so the same
instructions always give the same bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from lexamend.instructions.write import Instructions

#: Body font and size used by Kazakh and Russian legislative drafting (Times New Roman, 14 pt).
FONT = "Times New Roman"
FONT_SIZE_PT = 14
#: First-line indent of a paragraph, and the extra left indent per nesting level, in centimetres.
FIRST_LINE_CM = 1.25
LEVEL_INDENT_CM = 0.75
EXPERIMENTAL_NOTE = "Experimental: the formulas of this language have not been reviewed by a drafter."
#: Paragraph styles that carry no instruction.
NON_INSTRUCTION_STYLES = ("Title", "Subtitle", "Heading")


def docx_text(data: bytes) -> str:
    """The instruction paragraphs of a .docx (titles and headings left out), one per blank-line-separated block."""
    import io

    from docx import Document

    document = Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs if not (p.style is not None and p.style.name.startswith(NON_INSTRUCTION_STYLES))]
    return "\n\n".join(paragraphs)


def render_docx(instructions: Instructions) -> bytes:
    """The instructions as .docx bytes (deterministic)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    from lexamend.ooxml.deterministic import iso_date, save

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(FONT_SIZE_PT)
    properties = document.core_properties
    properties.title = instructions.title
    properties.author = "lexamend"
    properties.last_modified_by = "lexamend"
    properties.language = instructions.lang

    # Title and Subtitle styles mark what is not part of the instructions (parse-instructions skips them).
    document.add_paragraph(instructions.title, style="Title")
    if instructions.experimental:
        document.add_paragraph(EXPERIMENTAL_NOTE, style="Subtitle")

    for line in instructions.lines:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Cm(FIRST_LINE_CM)
        fmt.space_after = Pt(0)
        if line.level > 1:
            fmt.left_indent = Cm(LEVEL_INDENT_CM * (line.level - 1))
        run = paragraph.add_run(line.text)
        if line.role == "preamble":
            run.bold = True
    return save(document, date=iso_date(instructions.date or None))
