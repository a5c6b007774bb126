"""Comparing competing proposals unit by unit, and two versions of one proposal edit by edit."""

from __future__ import annotations

from pathlib import Path

from lexamend.diff.compare import compare_patches, compare_versions
from lexamend.model import Document
from lexamend.patch import load, loads
from tests.conftest import REPO

PROPOSALS = REPO / "proposals"


def test_the_two_alternatives_for_paragraph_2_of_order_468_conflict(order468: Document) -> None:
    a = load(PROPOSALS / "order-468-p2-delete-categories.yaml")
    b = load(PROPOSALS / "order-468-p2-delete-seasonal.yaml")
    comparison = compare_patches(order468, a, b)
    assert [(u.address, u.status) for u in comparison.units] == [("para_2", "conflict")]
    unit = comparison.units[0]
    assert unit.citation == "paragraph 2"
    assert unit.edits_a == ("p2-delete-categories",) and unit.edits_b == ("p2-delete-seasonal",)
    assert "both change overlapping words" in unit.reason
    assert "with the exception of the seasonal and frontier workers" in unit.base[0]
    assert "(refugees" not in unit.a[0] and "with the exception of the frontier workers" in unit.b[0]
    assert not comparison.same and comparison.versions == ()


def test_proposals_for_different_paragraphs_touch_one_each(order468: Document) -> None:
    a = load(PROPOSALS / "order-468-p2-delete-categories.yaml")
    b = load(PROPOSALS / "order-468-p4-registration.yaml")
    comparison = compare_patches(order468, a, b)
    assert [(u.address, u.status) for u in comparison.units] == [("para_2", "a-only"), ("para_4", "b-only")]
    assert comparison.units[1].edits_b == ("p4-delete-note", "p4-add-confirming-document")


def _patch(edits: str, path: str = "x.yaml") -> str:
    return f"lexamend: 1\ntitle: test\nbase: kz/order-468-rules.en.txt\nedits:\n{edits}"


def test_disjoint_edits_in_one_paragraph_are_composable(order468: Document) -> None:
    a = loads(_patch('  - {id: a1, op: delete, at: paragraph 2 of the Rules, text: "seasonal and"}\n'), "a.yaml")
    b = loads(_patch('  - {id: b1, op: replace, at: paragraph 2 of the Rules, old: "education institution", new: "school"}\n'), "b.yaml")
    comparison = compare_patches(order468, a, b)
    [unit] = comparison.units
    assert unit.status == "composable"
    assert unit.combined is not None
    combined = unit.combined[0]
    assert "with the exception of the frontier workers" in combined and "accepted in the school" in combined


def test_the_same_result_by_different_edits_is_same(order468: Document) -> None:
    a = loads(_patch('  - {id: a1, op: delete, at: paragraph 2 of the Rules, text: "seasonal and"}\n'), "a.yaml")
    b = loads(_patch('  - {id: b1, op: replace, at: paragraph 2 of the Rules, old: "the seasonal and frontier", new: "the frontier"}\n'), "b.yaml")
    comparison = compare_patches(order468, a, b)
    assert [u.status for u in comparison.units] == ["same"] and comparison.same


def test_two_versions_of_one_proposal_by_edit_id(tmp_path: Path, order468: Document) -> None:
    v1 = load(PROPOSALS / "order-468-p4-registration.yaml")
    text = (PROPOSALS / "order-468-p4-registration.yaml").read_text(encoding="utf-8")
    text = text.replace("(address reference or reference issued by akims of the village and/or aul)", "(an address reference)")
    text = text.replace("      The documents that do prove registration today", "      Registration is proved today by documents")
    text += (
        "  - id: p4-translation\n    op: insert\n    at: paragraph 4 of the Rules\n"
        "    after: \"the document on right of permanent residence in the Republic of Kazakhstan\"\n    text: \"or its notarised translation\"\n"
    )
    (tmp_path / "v2.yaml").write_text(text, encoding="utf-8")
    v2 = load(tmp_path / "v2.yaml")
    changes = {c.id: (c.status, c.fields) for c in compare_versions(v1, v2)}
    assert changes == {
        "p4-delete-note": ("same", ()),
        "p4-add-confirming-document": ("changed", ("text", "rationale")),
        "p4-translation": ("added", ()),
    }
    dropped = compare_versions(v2, v1)
    assert [(c.id, c.status) for c in dropped if c.status == "dropped"] == [("p4-translation", "dropped")]
    comparison = compare_patches(order468, v1, v2)
    assert not comparison.failures
    assert comparison.versions and "edits: 1 added, 1 changed" in comparison.summary_line()
