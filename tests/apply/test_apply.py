"""The apply engine on real corpus units: every operation, in English and Russian."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest

from lexamend.apply import apply_patches, text_sha256
from lexamend.model import Edit, Kind, Op, Patch, Status
from lexamend.parse import parse_file
from lexamend.parse.text import parse_text
from lexamend.patch import load as load_patch
from lexamend.render.text import render_text
from tests.clirunner import run_cli
from tests.conftest import CORPUS, REPO

PROPOSALS = REPO / "proposals"


def one(doc, *edits: Edit, **patch_fields):
    patch = Patch(edits=tuple(replace(e, patch="test.yaml") for e in edits), title="t", base="b", **patch_fields)
    return apply_patches(doc, [patch])


def text_of(result, address: str) -> str:
    unit = result.document.find(address)
    assert unit is not None
    return unit.full_text(" ")


# --- the shipped proposals -------------------------------------------------------


def test_every_shipped_proposal_applies_cleanly() -> None:
    for path in sorted(PROPOSALS.glob("*.yaml")):
        patch = load_patch(path)
        base = parse_file(CORPUS / patch.base)
        result = apply_patches(base, [patch])
        assert result.ok, (path.name, [r.reason for r in result.failed])
        assert patch.base_sha256 == text_sha256(base), f"{path.name}: base_sha256 is stale"


def test_deleting_the_bracketed_list(order468) -> None:
    result = apply_patches(order468, [load_patch(PROPOSALS / "order-468-p2-delete-categories.yaml")])
    text = result.document.find("para_2").text
    assert "temporarily reside in the Republic of Kazakhstan are accepted" in text
    assert "(" not in text and "  " not in text


def test_deleting_seasonal_leaves_the_frontier_workers(order468) -> None:
    result = apply_patches(order468, [load_patch(PROPOSALS / "order-468-p2-delete-seasonal.yaml")])
    assert "with the exception of the frontier workers)" in result.document.find("para_2").text
    assert [t.rule for t in result.results[0].tidy] == ["dangling-conjunction"]


def test_law_on_education_proposal_inserts_temporary_migrants(edu_ru) -> None:
    result = apply_patches(edu_ru, [load_patch(PROPOSALS / "law-education-art8-migrants.ru.yaml")])
    part = result.document.find("art_8__para_2__part_2").text
    assert part.startswith(
        "Иностранцы и лица без гражданства, постоянно проживающие в Республике Казахстан, "
        "временно пребывающие в Республике Казахстан мигранты, а также въехавшие"
    )
    # Nothing else in the law changed.
    before = render_text(edu_ru).splitlines()
    after = render_text(result.document).splitlines()
    assert sum(1 for a, b in zip(before, after) if a != b) == 1 and len(before) == len(after)


# --- word operations ---------------------------------------------------------------


def test_word_boundaries_protect_longer_words() -> None:
    doc = parse_text("1. Seasonally employed and seasonal workers.\n")
    result = one(doc, Edit(id="e", op=Op.DELETE, at="para_1", text="seasonal"))
    assert result.document.find("para_1").text == "Seasonally employed and workers."


def test_russian_guillemets_nbsp_and_soft_hyphen_in_the_edit(edu_ru) -> None:
    edit = Edit(id="e", op=Op.REPLACE, at="статья 8-1", old="Законом Республики Казахстан «О\u00a0минимальных соци\u00adальных стандартах и их гарантиях»", new="законодательством")
    result = one(edu_ru, edit)
    assert result.ok, result.failed
    assert text_of(result, "art_8-1").endswith("в соответствии с законодательством.")


def test_occurrence_picks_one_and_all_picks_every(order468) -> None:
    first = one(order468, Edit(id="e", op=Op.REPLACE, at="para_2", old="Republic of Kazakhstan", new="RK", occurrence=2))
    assert first.document.find("para_2").text.count("RK") == 1
    assert "temporarily reside in the RK" in first.document.find("para_2").text
    every = one(order468, Edit(id="e", op=Op.REPLACE, at="para_2", old="Republic of Kazakhstan", new="RK", occurrence="all"))
    assert every.document.find("para_2").text.count("RK") == 2


def test_ambiguous_words_list_every_occurrence_in_context(order468) -> None:
    result = one(order468, Edit(id="e", op=Op.DELETE, at="para_2", text="Kazakhstan"))
    assert not result.ok
    failure = result.results[0]
    assert "3 occurrences" in failure.reason
    assert len(failure.contexts) == 3 and all("[Kazakhstan]" in c for c in failure.contexts)


def test_insert_after_and_before_anchor(order468) -> None:
    after = one(order468, Edit(id="e", op=Op.INSERT, at="para_2", text="and members of their families", after="migrant workers"))
    assert "migrant workers and members of their families, with" in after.document.find("para_2").text
    before = one(order468, Edit(id="e", op=Op.INSERT, at="para_2", text="all", before="children of foreigners", expect="Children"))
    assert not before.ok  # "children of foreigners" is capitalised in the text: no silent case-folding


def test_guard_protects_against_a_changed_text(order468) -> None:
    result = one(order468, Edit(id="e", op=Op.DELETE, at="para_2", text="seasonal", expect="seasonal workers"))
    assert result.results[0].status == "failed" and "guard failed" in result.results[0].reason


def test_edits_stack_and_see_earlier_edits(order468) -> None:
    result = one(
        order468,
        Edit(id="a", op=Op.REPLACE, at="para_2", old="seasonal", new="season-bound"),
        Edit(id="b", op=Op.DELETE, at="para_2", text="season-bound"),
    )
    assert result.ok
    assert "of the frontier workers" in result.document.find("para_2").text


def test_edits_address_subtree_text_and_headings(edu_ru) -> None:
    result = one(edu_ru, Edit(id="h", op=Op.REPLACE, at="art_8", old="Государственные гарантии", new="Гарантии"))
    assert result.ok and result.document.find("art_8").heading == "Гарантии в области образования"
    sub = one(edu_ru, Edit(id="s", op=Op.DELETE, at="пункт 4 статьи 8", text="дети-сироты,"))
    assert sub.document.find("art_8__para_4__subpara_1").text == "дети, оставшиеся без попечения родителей;"


# --- structural operations ---------------------------------------------------------


def test_insert_unit_numbers_by_the_insertion_convention(edu_ru) -> None:
    result = one(edu_ru, Edit(id="n", op=Op.INSERT_UNIT, at="подпункт 11) пункта 4 статьи 8", text="дети мигрантов."))
    unit = result.document.find("art_8__para_4__subpara_11-1")
    assert unit is not None and unit.label == "11-1)" and unit.text == "дети мигрантов."
    twice = one(
        edu_ru,
        Edit(id="a", op=Op.INSERT_UNIT, at="art_8__para_4", text="Первый."),
        Edit(id="b", op=Op.INSERT_UNIT, at="art_8__para_4", text="Второй."),
    )
    # Paragraph 4-1 already exists: the new ones are 4-2 and 4-3, in numeric order after it.
    nums = [c.num for c in twice.document.find("art_8").children]
    assert nums[nums.index("4") : nums.index("4") + 4] == ["4", "4-1", "4-2", "4-3"]
    assert twice.document.find("art_8__para_4-2").text == "Первый."
    assert twice.document.find("art_8__para_4-3").text == "Второй."


def test_insert_article_gets_a_russian_label(edu_ru) -> None:
    wording = "Образование детей мигрантов\n1. Дети мигрантов принимаются.\n2. Наравне с гражданами."
    result = one(edu_ru, Edit(id="a", op=Op.INSERT_UNIT, at="статья 8-3", text="Статья 8-4. " + wording))
    assert result.ok, result.failed
    art = result.document.find("art_8-4")
    assert art.label == "Статья 8-4." and art.heading == "Образование детей мигрантов"
    assert [c.address for c in art.children] == ["art_8-4__para_1", "art_8-4__para_2"]
    # Without a label in the wording, the number is computed: after 8-3 comes 8-4.
    computed = one(edu_ru, Edit(id="a", op=Op.INSERT_UNIT, at="статья 8-3", text=wording))
    assert computed.ok and computed.document.find("art_8-4").label == "Статья 8-4."
    # A wording numbered otherwise than the slot it goes into is refused.
    clash = one(edu_ru, Edit(id="a", op=Op.INSERT_UNIT, at="статья 8-3", text="Статья 8-3. " + wording))
    assert not clash.ok


def test_restate_keeps_the_number_and_parses_children(edu_ru) -> None:
    result = one(edu_ru, Edit(id="r", op=Op.RESTATE, at="art_8__para_4", text="Государство компенсирует расходы:\n1) детям-сиротам;\n2) детям мигрантов."))
    para = result.document.find("art_8__para_4")
    assert para.text == "Государство компенсирует расходы:"
    assert [c.text for c in para.children] == ["детям-сиротам;", "детям мигрантов."]
    assert para.head_block is not None  # still mapped to its source paragraph


def test_repeal_follows_the_documents_convention(edu_ru, order468) -> None:
    law = one(edu_ru, Edit(id="x", op=Op.REPEAL, at="подпункт 3) пункта 4 статьи 8"))
    placeholder = law.document.find("art_8__para_4__subpara_3")
    assert placeholder.status is Status.EXCLUDED and placeholder.text == "исключен;"
    rules = one(order468, Edit(id="x", op=Op.REPEAL, at="paragraph 3"))
    assert rules.document.find("para_3") is None
    kept = one(order468, Edit(id="x", op=Op.REPEAL, at="paragraph 3", placeholder=True))
    assert kept.document.find("para_3").text == "Excluded."


def test_renumber_is_explicit(order468) -> None:
    result = one(order468, Edit(id="r", op=Op.REPEAL, at="para_3"), Edit(id="n", op=Op.RENUMBER, at="para_4", num="3"))
    assert result.ok
    assert [u.label for u in result.document.units] == ["1.", "2.", "3.", "5."]


# --- patches against each other, drifted bases ----------------------------------------


def test_competing_alternatives_conflict(order468) -> None:
    patches = [load_patch(PROPOSALS / "order-468-p2-delete-categories.yaml"), load_patch(PROPOSALS / "order-468-p2-delete-seasonal.yaml")]
    result = apply_patches(order468, patches)
    assert not result.ok
    (conflict,) = result.conflicts
    assert conflict.first.endswith("#p2-delete-categories") and conflict.second.endswith("#p2-delete-seasonal")


def test_disjoint_patches_on_the_same_base_do_not_conflict(order468) -> None:
    names = ["order-468-p2-delete-categories.yaml", "order-468-p4-registration.yaml", "order-468-p5-documents.yaml"]
    result = apply_patches(order468, [load_patch(PROPOSALS / n) for n in names])
    assert result.ok and not result.conflicts


def drifted_rules(typo: bool) -> str:
    """The Rules after a drift: a new paragraph 2 pushes the old one to 3; optionally a typo."""
    text = (CORPUS / "kz/order-468-rules.en.txt").read_text(encoding="utf-8")
    text = text.replace("2. Children", "2. […] new paragraph.\n\n3. Children").replace("3. […]", "3-1. […]")
    return text.replace("consular officers", "consular oficers") if typo else text


def test_stale_base_fails_without_rebase_and_relocates_with_it() -> None:
    drifted = parse_text(drifted_rules(typo=False))
    patch = load_patch(PROPOSALS / "order-468-p2-delete-seasonal.yaml")
    strict = apply_patches(drifted, [patch])
    assert not strict.ok and "base hash mismatch" in strict.results[0].reason
    rebased = apply_patches(drifted, [patch], rebase=True)
    assert rebased.ok, rebased.failed
    moved = rebased.results[0]
    assert moved.status == "relocated" and moved.relocation["confidence"] == 1.0
    assert (moved.relocation["from"], moved.relocation["to"]) == ("paragraph 2 of the Rules", "para_3")
    assert "with the exception of the frontier workers" in rebased.document.find("para_3").text


def test_rebase_relocates_approximate_words_and_reports_confidence() -> None:
    drifted = parse_text(drifted_rules(typo=True))
    patch = load_patch(PROPOSALS / "order-468-p2-delete-categories.yaml")
    result = apply_patches(drifted, [patch], rebase=True)
    assert result.ok, result.failed
    moved = result.results[0]
    assert moved.status == "relocated"
    assert moved.relocation["to"] == "para_3" and 0.9 <= moved.relocation["confidence"] < 1.0
    assert "(" not in result.document.find("para_3").text
    too_strict = apply_patches(drifted, [patch], rebase=True, threshold=0.999)
    assert not too_strict.ok


# --- the command line: atomic outputs, untouched inputs ---------------------------------


def test_apply_writes_output_and_report_and_leaves_inputs_untouched(tmp_path: Path) -> None:
    base = CORPUS / "kz/order-468-rules.en.txt"
    patch = PROPOSALS / "order-468-p4-registration.yaml"
    hashes = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (base, patch)}
    out, report = tmp_path / "out.txt", tmp_path / "report.json"
    result = run_cli("apply", str(base), str(patch), "-o", str(out), "--report", str(report))
    assert result.code == 0, result.err
    assert "confirming the registration" in out.read_text(encoding="utf-8")
    assert '"status": "applied"' in report.read_text(encoding="utf-8")
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in hashes} == hashes
    assert not list(tmp_path.glob(".*.tmp"))


def test_output_over_an_input_is_refused(tmp_path: Path) -> None:
    base = tmp_path / "rules.txt"
    base.write_bytes((CORPUS / "kz/order-468-rules.en.txt").read_bytes())
    before = base.read_bytes()
    result = run_cli("apply", str(base), str(PROPOSALS / "order-468-p4-registration.yaml"), "-o", str(base))
    assert result.code == 2 and "refusing to overwrite an input file" in result.err
    assert base.read_bytes() == before


def test_failed_apply_writes_the_report_but_not_the_output(tmp_path: Path) -> None:
    out, report = tmp_path / "out.txt", tmp_path / "r.json"
    result = run_cli(
        "apply", str(CORPUS / "kz/order-468-rules.en.txt"), str(PROPOSALS / "order-468-p2-delete-categories.yaml"),
        str(PROPOSALS / "order-468-p2-delete-seasonal.yaml"), "-o", str(out), "--report", str(report),
    )
    assert result.code == 1 and not out.exists()
    assert '"ok": false' in report.read_text(encoding="utf-8")


def test_check_validates_without_writing(tmp_path: Path) -> None:
    ok = run_cli("check", "kz-order-468-rules", str(PROPOSALS / "order-468-p5-documents.yaml"))
    assert ok.code == 0 and "apply cleanly" in ok.out
    bad = run_cli("check", "kz-order-468-rules", str(PROPOSALS / "law-education-art8-migrants.ru.yaml"))
    assert bad.code == 1 and "base hash mismatch" in bad.out


def test_same_patch_applies_to_text_and_docx_of_the_same_law(tmp_path: Path, order468) -> None:
    from docx import Document as WordDocument

    from lexamend.render.text import render_lines

    word = WordDocument()
    for line in render_lines(order468):
        word.add_paragraph(line)
    path = tmp_path / "rules.docx"
    word.save(path)
    docx_doc = parse_file(path)
    assert text_sha256(docx_doc) == text_sha256(order468)
    patch = load_patch(PROPOSALS / "order-468-p4-registration.yaml")
    assert render_text(apply_patches(docx_doc, [patch]).document) == render_text(apply_patches(order468, [patch]).document)


def test_kinds_of_units_keep_their_kind_after_restatement(edu_ru) -> None:
    result = one(edu_ru, Edit(id="r", op=Op.RESTATE, at="art_8__para_4__subpara_3", text="дети из многодетных и неполных семей;"))
    unit = result.document.find("art_8__para_4__subpara_3")
    assert unit.kind is Kind.SUBPARAGRAPH and unit.text == "дети из многодетных и неполных семей;"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_apply_output_formats(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    result = run_cli("apply", "kz-order-468-rules", str(PROPOSALS / "order-468-p5-documents.yaml"), "-o", str(out), "--format", fmt)
    assert result.code == 0, result.err
    assert "documents identifying parents" in out.read_text(encoding="utf-8")
