"""The .docx parser: automatic numbering, heading styles, tables, tracked changes, fields.

The central promise: a .docx parses to the same tree as its text. It is
checked two ways — a document with Word automatic numbering against its
LibreOffice text export, and a document with typed numbers against the same
text parsed directly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from lexamend.model import Document, Kind, NoteKind
from lexamend.ooxml import open_package, qn, read_body
from lexamend.parse import parse_bytes
from lexamend.parse.docx import paragraph_ordinals, unit_paragraphs
from lexamend.parse.normalise import clean_space
from lexamend.parse.source import decode
from lexamend.parse.text import parse_text
from lexamend.render.text import render_lines
from tests.conftest import REQUIRE_OFFICE
from tests.parse.docx_fixtures import LEGAL_ABSTRACT, build_docx, numbering, para, run, table

TITLE = "Закон Республики Казахстан об образовании"
LETTERS = "абвгдежзиклмн"  # Word's russianLower skips й: и is followed by к

# (article heading, [(level or None for an unnumbered paragraph, text)])
LAW: list[tuple[str, list[tuple[int | None, str]]]] = [
    (
        "Статья 1. Основные понятия, используемые в настоящем Законе",
        [
            (0, "В настоящем Законе используются следующие основные понятия:"),
            (1, "образование – непрерывный процесс воспитания и обучения;"),
            (1, "обучающиеся – лица, осваивающие образовательные программы:"),
            *[(2, f"программы уровня {n} в организациях образования;") for n in range(1, len(LETTERS) + 1)],
            (1, "педагог – лицо, имеющее профессиональное образование."),
            (0, "Действие настоящего Закона распространяется на все организации образования."),
        ],
    ),
    (
        "Статья 2. Законодательство Республики Казахстан в области образования",
        [
            (0, "Законодательство в области образования основывается на Конституции Республики Казахстан."),
            (None, "Если международным договором установлены иные правила, то применяются правила договора."),
            (0, "Действие настоящего Закона распространяется на иностранцев и лиц без гражданства."),
        ],
    ),
    (
        "Статья 3. Принципы государственной политики в области образования",
        [
            (None, "Основными принципами государственной политики являются:"),
            (1, "равенство прав всех на получение качественного образования;"),
            (1, "доступность образования всех уровней для населения."),
        ],
    ),
]


def _law_numbering() -> str:
    # One abstract list; each article restarts it through a w:num with a start override (Word's "Restart at 1").
    nums = "".join(
        f'<w:num w:numId="{n}"><w:abstractNumId w:val="7"/>'
        + ('<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if n > 1 else "")
        + "</w:num>"
        for n in range(1, len(LAW) + 1)
    )
    return numbering(LEGAL_ABSTRACT.format(id=7), nums)


def _typed_lines() -> list[str]:
    """The law as text, with the labels Word's numbering shows."""
    lines = [TITLE, "Глава 1. ОБЩИЕ ПОЛОЖЕНИЯ"]
    for heading, items in LAW:
        lines.append(heading)
        counters = [0, 0, 0]
        for level, text in items:
            if level is None:
                lines.append(text)
                continue
            counters[level] += 1
            counters[level + 1 :] = [0] * (2 - level)
            label = [f"{counters[0]}.", f"{counters[1]})", f"{LETTERS[counters[2] - 1]})"][level]
            lines.append(f"{label} {text}")
    return lines


def _auto_docx() -> bytes:
    body = [para(TITLE, "Title"), para("Глава 1. ОБЩИЕ ПОЛОЖЕНИЯ", "Heading1")]
    for number, (heading, items) in enumerate(LAW, start=1):
        body.append(para(heading, "Heading1"))
        for level, text in items:
            body.append(para(text) if level is None else para(text, num=number, ilvl=level))
    return build_docx("".join(body), numbering_xml=_law_numbering())


def _typed_docx(lines: list[str]) -> bytes:
    styles = {0: "Title", 1: "Heading1"}
    body = "".join(
        para(line, styles.get(i) or ("Heading1" if line.startswith("Статья") else None)) for i, line in enumerate(lines)
    )
    return build_docx(body)


def tree(doc: Document) -> list[tuple[object, ...]]:
    """What must agree between formats: every unit's address, kind, number, label, heading, text, status, notes."""
    return [
        (u.eid, u.kind, u.num, u.label, u.heading, u.text, u.status, tuple((n.kind, n.text) for n in u.notes))
        for u in doc.walk()
    ]


def parse_docx_bytes(data: bytes, name: str = "test.docx") -> Document:
    return parse_bytes(data, name)


# --- automatic numbering against LibreOffice's text export ---------------------------------------


def soffice_text(docx_path: Path, tmp_path: Path) -> str:
    """Convert a .docx to text with LibreOffice headless, in a private profile."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        if REQUIRE_OFFICE:
            pytest.fail("LibreOffice (soffice) is required (LEXAMEND_REQUIRE_OFFICE=1) but not installed")
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path / "out"
    profile = tmp_path / f"lo_profile_{os.getpid()}"
    result = subprocess.run(
        [
            exe, f"-env:UserInstallation={profile.as_uri()}", "--headless",
            "--convert-to", "txt:Text", "--outdir", str(out), str(docx_path),
        ],  # fmt: skip
        capture_output=True,
        timeout=300,
        check=False,
    )
    target = out / (docx_path.stem + ".txt")
    assert target.exists(), f"soffice failed ({result.returncode}): {result.stderr.decode(errors='replace')}"
    return decode(target.read_bytes(), str(target)).text


@pytest.mark.libreoffice
def test_automatic_numbering_matches_libreoffice_text_export(tmp_path: Path) -> None:
    path = tmp_path / "law.docx"
    path.write_bytes(_auto_docx())
    exported = soffice_text(path, tmp_path)
    from_docx = parse_docx_bytes(path.read_bytes())
    from_text = parse_text(exported)
    assert tree(from_docx) == tree(from_text)
    assert render_lines(from_docx) == render_lines(from_text)
    assert from_docx.title_line == from_text.title_line == TITLE
    assert from_docx.issues == () and from_text.issues == ()
    # And LibreOffice shows exactly the labels we computed.
    assert [clean_space(line) for line in exported.splitlines() if line.strip()] == _typed_lines()


def test_automatic_numbering_labels_and_tree() -> None:
    doc = parse_docx_bytes(_auto_docx())
    assert doc.source_format == "docx"
    assert render_lines(doc) == _typed_lines()
    index = doc.index()
    assert index["chp_1__art_1__para_1__subpara_2__point_к"].text == "программы уровня 10 в организациях образования;"
    # An unnumbered paragraph after a numbered one is that paragraph's second part.
    assert index["chp_1__art_2__para_1__part_2"].text.startswith("Если международным договором")
    assert index["chp_1__art_3__subpara_2"].label == "2)"
    # The auto label is not in the block's text but in label_auto.
    first = doc.blocks[index["chp_1__art_1__para_1"].head_block]
    assert first.label_auto == "1." and first.raw.startswith("В настоящем Законе")


def test_typed_numbers_equal_the_same_text_parsed() -> None:
    lines = _typed_lines()
    from_docx = parse_docx_bytes(_typed_docx(lines))
    from_text = parse_text("\n".join(lines))
    assert tree(from_docx) == tree(from_text)
    assert tree(from_docx) == tree(parse_docx_bytes(_auto_docx()))


def test_heading_style_with_list_numbering_opens_articles() -> None:
    """Article labels from a heading style bound to a list ("Статья %1."), inherited through basedOn."""
    styles = """
    <w:style w:type="paragraph" w:styleId="ArticleHeading">
      <w:name w:val="Article Heading"/><w:basedOn w:val="Heading1"/>
      <w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
    <w:style w:type="paragraph" w:styleId="ArticleHeadingKk">
      <w:name w:val="Article Heading KK"/><w:basedOn w:val="ArticleHeading"/></w:style>
    """
    abstract = """<w:abstractNum w:abstractNumId="1">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Статья %1."/>
        <w:pStyle w:val="ArticleHeading"/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
    </w:abstractNum>"""
    nums = '<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>'
    body = "".join(
        [
            para("Цели настоящего Закона", "ArticleHeading"),
            para("Первый пункт.", num=3, ilvl=1),
            para("Второй пункт.", num=3, ilvl=1),
            para("Сфера действия", "ArticleHeadingKk"),
            para("Единственный пункт.", num=3, ilvl=1),
        ]
    )
    doc = parse_docx_bytes(build_docx(body, numbering_xml=numbering(abstract, nums), styles_extra=styles))
    assert [(u.eid, u.label, u.heading or u.text) for u in doc.walk()] == [
        ("art_1", "Статья 1.", "Цели настоящего Закона"),
        ("art_1__para_1", "1.", "Первый пункт."),
        ("art_1__para_2", "2.", "Второй пункт."),
        ("art_2", "Статья 2.", "Сфера действия"),
        ("art_2__para_1", "1.", "Единственный пункт."),
    ]
    assert doc.blocks[0].style == "Article Heading"


# --- headings by style ---------------------------------------------------------------------------


def test_heading_styles_without_numbers() -> None:
    """What tree.py does with a heading-styled paragraph that has no number.

    The first one, before any unit, is the document's title; right after a
    bare "Chapter 1" it is the chapter's heading; after a unit with content it
    opens an unnumbered container (hcontainer) for what follows.
    """
    body = "".join(
        [
            para("Law on Testing", "Heading1"),
            para("Chapter 1", "Heading1"),
            para("General provisions", "Heading1"),
            para("Article 1. Scope", "Heading2"),
            para("1. This Law applies to tests."),
            para("Final provisions", "Heading1"),
            para("Article 2. Entry into force", "Heading2"),
            para("This Law enters into force on signature."),
        ]
    )
    doc = parse_docx_bytes(build_docx(body))
    assert doc.title_line == "Law on Testing" and doc.meta.title == "Law on Testing"
    chapter = doc.find("chp_1")
    assert chapter is not None and chapter.heading == "General provisions"
    assert chapter.heading_block == 2 and chapter.head_block == 1
    assert [u.eid for u in doc.units] == ["chp_1", "hcontainer_1"]
    final = doc.units[1]
    assert final.kind is Kind.HCONTAINER and final.heading == "Final provisions"
    assert [c.eid for c in final.children] == ["hcontainer_1__art_2"]
    assert doc.blocks[5].style == "Heading 1"  # style names, not ids


def test_core_properties_title_fills_metadata() -> None:
    doc = parse_docx_bytes(build_docx(para("Статья 1. Цель") + para("Текст статьи."), title="Закон о тестах"))
    assert doc.meta.title == "Закон о тестах"
    assert doc.meta.language == "ru"


def test_language_detected_from_the_text() -> None:
    doc = parse_docx_bytes(build_docx(para("1-бап. Осы Заңның мақсаты") + para("Барлық адам заң мен сот алдында тең.")))
    assert doc.meta.language == "kk"
    assert doc.units[0].label == "1-бап."


# --- tables ----------------------------------------------------------------------------------------


def _table_docx() -> bytes:
    nested = table([[para("inner A")], [para("inner B")]])
    body = "".join(
        [
            para("Article 1. Fees"),
            para("The fees are set out in the table:"),
            table(
                [
                    [para("Service"), para("Fee")],
                    [para("Licence") + para("(new)"), nested + para("after nested")],
                    [para(""), para("10 MCI")],
                ]
            ),
            para("Article 2. Payment"),
            para("Fees are paid in advance."),
        ]
    )
    return build_docx(body)


def test_tables_become_table_row_cell_units() -> None:
    doc = parse_docx_bytes(_table_docx())
    table_unit = doc.find("art_1__table_1")
    assert table_unit is not None and table_unit.kind is Kind.TABLE
    rows = table_unit.children
    assert [r.eid for r in rows] == ["art_1__table_1__row_1", "art_1__table_1__row_2", "art_1__table_1__row_3"]
    assert [[c.num for c in r.children] for r in rows] == [["1", "2"], ["1", "2"], ["1", "2"]]
    assert rows[0].children[1].full_text() == "Fee"
    assert rows[1].children[0].full_text() == "Licence\n(new)"
    # A nested table is read into the cell of the outer table.
    assert rows[1].children[1].full_text() == "inner A\ninner B\nafter nested"
    assert rows[2].children[0].full_text() == ""  # an empty cell is still a cell
    assert doc.find("art_2").heading == "Payment"
    nested_block = next(b for b in doc.blocks if b.raw == "inner B")
    assert nested_block.cell == (0, 1, 1)
    assert nested_block.origin.endswith("(table 1, row 2, cell 2; table 1, row 2, cell 1)")


def test_block_ordinals_find_the_source_paragraph() -> None:
    data = _table_docx()
    doc = parse_docx_bytes(data)
    package = open_package(data, "t.docx")
    all_p = list(package.body.iter(qn("w:p")))
    texts = {p.ordinal: p.text for p in read_body(package.body, package.styles, package.numbering)}
    for block in doc.blocks:
        (ordinal,) = paragraph_ordinals(block)
        assert block.line == ordinal + 1
        assert all_p[ordinal] is not None
        assert clean_space(texts[ordinal]) == block.raw
        assert clean_space("".join(all_p[ordinal].itertext())) == block.raw
    article = doc.find("art_2")
    assert [clean_space("".join(all_p[n].itertext())) for n in unit_paragraphs(doc, article)] == [
        "Article 2. Payment",
        "Fees are paid in advance.",  # the article's own text
    ]


# --- visible text ------------------------------------------------------------------------------


def test_visible_text_rules() -> None:
    fld = lambda kind: f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'  # noqa: E731
    textbox = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing/></mc:Choice><mc:Fallback><w:pict><v:shape>'
        "<v:textbox><w:txbxContent>" + para("TEXT BOX") + "</w:txbxContent></v:textbox></v:shape></w:pict>"
        "</mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    inner = "".join(
        [
            run("1. В соответствии с "),
            fld("begin"),
            '<w:r><w:instrText xml:space="preserve"> HYPERLINK "http://adilet.zan.kz" </w:instrText></w:r>',
            fld("separate"),
            run("Конституцией"),
            fld("end"),
            textbox,
            '<w:hyperlink w:anchor="z1">' + run(" Республики") + "</w:hyperlink>",
            '<w:fldSimple w:instr=" PAGE ">' + run(" Казахстан") + "</w:fldSimple>",
            "<w:r><w:tab/><w:t>a</w:t><w:br/><w:t>b</w:t><w:noBreakHyphen/>"
            "<w:t>c</w:t><w:softHyphen/><w:t>d</w:t></w:r>",
            '<w:r><w:sym w:font="Symbol" w:char="00A7"/></w:r>',
            '<w:r><w:footnoteReference w:id="1"/></w:r>',
            '<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>',
            '<w:smartTag w:uri="u" w:element="x">' + run(" end.") + "</w:smartTag>",
        ]
    )
    sdt = "<w:sdt><w:sdtPr/><w:sdtContent>" + para("2. В поле.") + "</w:sdtContent></w:sdt>"
    body = para("Статья 1. Текст") + para(inner=inner) + sdt
    data = build_docx(body)
    doc = parse_docx_bytes(data)
    assert doc.find("art_1__para_1").text == "В соответствии с Конституцией Республики Казахстан a b-cd§ end."
    assert doc.find("art_1__para_2").text == "В поле."
    assert "TEXT BOX" not in "\n".join(b.raw for b in doc.blocks)
    # The text box paragraph still counts for the ordinals: the sdt paragraph is the fourth w:p.
    assert doc.find("art_1__para_2").head_block is not None
    assert doc.blocks[doc.find("art_1__para_2").head_block].origin == "p 4"


def test_tables_of_contents_are_skipped() -> None:
    fld = lambda kind: f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'  # noqa: E731
    instr = '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h </w:instrText></w:r>'
    toc_field = "".join(
        [
            para(inner=fld("begin") + instr + fld("separate") + run("Статья 1. Цель\t3")),
            para("Статья 2. Сфера действия\t4"),
            para(inner=run("Статья 3. Термины\t5") + fld("end")),
        ]
    )
    toc_control = (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
        "</w:docPartObj></w:sdtPr><w:sdtContent>" + para("Оглавление") + para("Статья 1. Цель 3") + "</w:sdtContent></w:sdt>"
    )
    body = toc_control + toc_field + para("Статья 1. Цель") + para("Текст.") + para("Статья 2. Сфера действия") + para("Текст.")
    doc = parse_docx_bytes(build_docx(body))
    assert [u.eid for u in doc.units] == ["art_1", "art_2"]
    assert doc.issues == ()
    assert doc.blocks[0].origin == "p 6"


# --- tracked changes --------------------------------------------------------------------------------


def test_existing_tracked_changes_are_accepted_with_a_warning() -> None:
    ins = lambda text, author="Алия": (  # noqa: E731
        f'<w:ins w:id="1" w:author="{author}" w:date="2024-01-01T00:00:00Z">{run(text)}</w:ins>'
    )
    dele = lambda text, author="Bob": (  # noqa: E731
        f'<w:del w:id="2" w:author="{author}"><w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>'
    )
    deleted_mark = '<w:pPr><w:rPr><w:del w:id="3" w:author="Bob"/></w:rPr></w:pPr>'
    body = "".join(
        [
            para("Статья 1. Изменения"),
            para(inner=run("1. Право ") + ins("гарантируется ") + dele("обеспечивается ") + run("государством.")),
            f"<w:p>{deleted_mark}{dele('2. Удалённый пункт.')}</w:p>",
            f"<w:p>{deleted_mark}{run('2. Пункт, ')}</w:p>",
            para(inner=run("соединённый с исправлением.")),
            para(inner='<w:moveFrom w:id="4" w:author="Bob">' + run("3. Перенесено.") + "</w:moveFrom>"),
            para(inner=run("3. Последний ") + '<w:moveTo w:id="5" w:author="Bob">' + run("пункт.") + "</w:moveTo>"),
        ]
    )
    doc = parse_docx_bytes(build_docx(body))
    assert [(u.label, u.text) for u in doc.find("art_1").children] == [
        ("1.", "Право гарантируется государством."),
        ("2.", "Пункт, соединённый с исправлением."),
        ("3.", "Последний пункт."),
    ]
    para2 = doc.find("art_1__para_2")
    assert doc.blocks[para2.head_block].origin == "p 4-5"
    assert paragraph_ordinals(doc.blocks[para2.head_block]) == (3, 4)
    issue = doc.issues[0]
    assert issue.code == "tracked-changes"
    assert issue.message == "document has 7 tracked changes by Алия, Bob; parsed with all changes accepted"


def test_no_warning_without_tracked_changes() -> None:
    doc = parse_docx_bytes(build_docx(para("Статья 1. Цель") + para("Текст.")))
    assert all(issue.code != "tracked-changes" for issue in doc.issues)


def test_footnote_paragraph_is_a_note() -> None:
    note = "Сноска. Статья 8 с изменениями, внесенными Законом РК от 24.10.2011 № 487-IV."
    body = para("Статья 8. Гарантии") + para("1. Текст пункта.") + para(note)
    doc = parse_docx_bytes(build_docx(body))
    (note,) = doc.find("art_8").notes
    assert note.kind is NoteKind.FOOTNOTE
