"""Writing amending instructions: formulas, grouping, quotation marks, outputs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from lexamend.errors import EditFailed
from lexamend.instructions import read_instructions, write_instructions
from lexamend.instructions.source import instructions_text
from lexamend.model import Document, Edit, Kind, Op, Patch
from lexamend.patch import load as load_patch
from tests.conftest import REPO, golden

PROPOSALS = sorted((REPO / "proposals").glob("*.yaml"))

#: A patch with several changes in one article, to show grouping and the formulas of every kind.
SEVERAL = Patch(
    (
        Edit("words", Op.INSERT, "часть вторая пункта 2 статьи 8", text="временно пребывающие в Республике Казахстан мигранты,", after="постоянно проживающие в Республике Казахстан,"),
        Edit("sub3", Op.RESTATE, "подпункт 3) пункта 4 статьи 8", text="3) дети из многодетных и неполных семей;"),
        Edit("sub9-1", Op.INSERT_UNIT, "подпункт 9) пункта 4 статьи 8", text="9-1) дети мигрантов;", num="9-1"),
        Edit("sub11", Op.REPEAL, "подпункт 11) пункта 4 статьи 8"),
        Edit("part", Op.INSERT_UNIT, "пункт 5 статьи 8", text="Обучение на дому организуется и для детей мигрантов.", kind=Kind.PART, position="last"),
        Edit("lang", Op.REPLACE, "пункт 2 статьи 9", old="одного из иностранных языков", new="одного или нескольких иностранных языков"),
        Edit("lang2", Op.DELETE, "пункт 3 статьи 9", text="при наличии возможности"),
    ),
    title="Several changes to Articles 8 and 9",
    date="2026-11-25",
)


@pytest.mark.parametrize("lang", ["ru", "en", "kk"])
@pytest.mark.parametrize("path", PROPOSALS, ids=[p.stem for p in PROPOSALS])
def test_golden_instructions_for_the_shipped_proposals(path: Path, lang: str, edu_ru: Document, order468: Document) -> None:
    patch = load_patch(path)
    doc = edu_ru if "education" in path.name else order468
    golden(f"instructions/{path.stem}.{lang}.txt", write_instructions(doc, patch, lang=lang).text())


@pytest.mark.parametrize("lang", ["ru", "en", "kk"])
def test_golden_grouped_instructions(lang: str, edu_ru: Document) -> None:
    golden(f"instructions/several-changes.{lang}.txt", write_instructions(edu_ru, SEVERAL, lang=lang).text())


def test_several_changes_are_grouped_by_article_then_unit(edu_ru: Document) -> None:
    lines = write_instructions(edu_ru, SEVERAL, lang="ru").text().split("\n\n")
    assert lines[0] == "Внести в Закон Республики Казахстан «Об образовании» от 27 июля 2007 года № 319-III следующие изменения и дополнения:"
    assert lines[1] == "1) в статье 8:"
    assert lines[3] == "в пункте 4:"
    assert lines[4] == 'а) подпункт 3) изложить в следующей редакции: "3) дети из многодетных и неполных семей;";'
    assert lines[5] == 'б) дополнить подпунктом 9-1) следующего содержания: "9-1) дети мигрантов;";'
    assert lines[6] == "в) подпункт 11) исключить;"
    assert lines[7] == 'пункт 5 дополнить частью второй следующего содержания: "Обучение на дому организуется и для детей мигрантов.";'
    assert lines[8] == "2) в статье 9:"
    assert lines[-1].endswith('слова "при наличии возможности" исключить.\n')


def test_quotes_follow_the_base_text(edu_ru: Document, order468: Document) -> None:
    ru = write_instructions(edu_ru, SEVERAL, lang="ru").text()
    assert '"3) дети из многодетных' in ru  # adilet's Russian texts quote with straight marks
    patch = load_patch(REPO / "proposals" / "order-468-p2-delete-seasonal.yaml")
    assert "the words “seasonal and” shall be deleted" in write_instructions(order468, patch, lang="en").text()


def test_an_act_quotes_every_word_a_deletion_removes(order468: Document) -> None:
    # Deleting "seasonal" also removes the "and" it was coordinated with (lexamend.tidy); read
    # literally, "the word 'seasonal' shall be deleted" would leave "the and frontier workers".
    patch = load_patch(REPO / "proposals" / "order-468-p2-delete-seasonal.yaml")
    assert "слова «seasonal and» исключить" in write_instructions(order468, patch, lang="ru").text()
    # Without tidying at the seam, the edit's own words are quoted.
    plain = Patch((Edit("e", Op.DELETE, "paragraph 2", text="asylum seekers,"),))
    assert "“asylum seekers,”" in write_instructions(order468, plain).text()


def test_the_words_are_quoted_as_they_stand_in_the_base(order468: Document) -> None:
    patch = Patch((Edit("e", Op.DELETE, "paragraph 2", text="SEASONAL  and\u00a0FRONTIER"),))
    with pytest.raises(EditFailed):
        write_instructions(order468, patch)  # matching is exact on the words
    patch = Patch((Edit("e", Op.DELETE, "paragraph 2", text="seasonal  and\u00a0frontier"),))
    assert "“seasonal and frontier”" in write_instructions(order468, patch).text()


def test_nth_occurrence_and_whole_text(edu_ru: Document) -> None:
    patch = Patch(
        (
            Edit("a", Op.REPLACE, "пункт 2 статьи 8", old="образования", new="обучения", occurrence=3),
            Edit("b", Op.DELETE, "статья 9", text="Республики Казахстан", occurrence="all"),
        )
    )
    text = write_instructions(edu_ru, patch, lang="ru").text()
    assert 'в части первой пункта 2 статьи 8 слово "образования" в третьем случае заменить словом "обучения";' in text
    assert 'в пункте 1 статьи 9 по всему тексту слова "Республики Казахстан" исключить.' in text


def test_a_patch_that_does_not_apply_is_refused(edu_ru: Document) -> None:
    patch = Patch((Edit("nope", Op.DELETE, "пункт 2 статьи 8", text="слова, которых нет"),))
    with pytest.raises(EditFailed, match="nope"):
        write_instructions(edu_ru, patch)


def test_docx_is_deterministic_and_reads_back(tmp_path: Path, edu_ru: Document) -> None:
    instructions = write_instructions(edu_ru, SEVERAL, lang="ru")
    data = instructions.docx()
    assert data == write_instructions(edu_ru, SEVERAL, lang="ru").docx()
    path = tmp_path / "instructions.docx"
    path.write_bytes(data)
    import docx

    paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert paragraphs[0] == SEVERAL.title
    read = read_instructions(edu_ru, instructions_text(path), lang="ru")
    assert not read.problems and len(read.patch.edits) == len(SEVERAL.edits)


def test_markdown_reads_back(tmp_path: Path, edu_kk: Document) -> None:
    patch = Patch((Edit("a", Op.DELETE, "8-баптың 2-тармағының екінші бөлігі", text="тұрақты тұратын"),), title="KK")
    instructions = write_instructions(edu_kk, patch, lang="kk")
    markdown = instructions.markdown()
    assert "Experimental" in markdown  # Kazakh formulas are marked as such
    path = tmp_path / "instructions.md"
    path.write_text(markdown, encoding="utf-8")
    read = read_instructions(edu_kk, instructions_text(path), lang="kk")
    assert not read.problems, [str(p) for p in read.problems]
    assert len(read.patch.edits) == 1


@pytest.mark.parametrize("lang", ["ru", "en", "kk"])
def test_a_new_unit_its_number_would_misplace_is_refused(edu_ru: Document, lang: str) -> None:
    # Article 68 of the Law "On Education" numbers its paragraphs 1, 2, 2-1, 1, 2, 3, 4, 2-2, 3 (the
    # lists of the laws it repeals are run in). Paragraph 2-3 placed after the second "2" would be
    # put after 2-2 by «дополнить пунктом 2-3», so the instruction is refused, not written wrong.
    edit = Edit("p23", Op.INSERT_UNIT, "art_68__para_2_2", text="2-3. новые;", num="2-3")
    with pytest.raises(EditFailed, match="out of order"):
        write_instructions(edu_ru, Patch(edits=(edit,)), lang=lang)
    # After 2-2 is where the number puts it: written, and read back to the same text.
    edit = Edit("p23", Op.INSERT_UNIT, "art_68__para_2-2", text="2-3. новые;", num="2-3")
    text = write_instructions(edu_ru, Patch(edits=(edit,)), lang=lang).text()
    assert "2-3" in text and not read_instructions(edu_ru, text, lang=lang).unread
