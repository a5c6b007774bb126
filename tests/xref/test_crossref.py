"""Cross-references of patches and documents: grounds removed and introduced, rights checked and merged."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from lexamend.errors import EditFailed, InputError, PatchError
from lexamend.model import Document
from lexamend.patch import load, loads
from lexamend.xref import load_registry, report_for_document, report_for_patch, xref_document, xref_patch
from tests.conftest import REPO

PROPOSALS = REPO / "proposals"
REQUIRED = {
    "kz-constitution-1995:art_14__para_2",
    "un-crc-1989:art_2__para_1",
    "un-crc-1989:art_28__para_1",
    "un-icescr-1966:art_2__para_2",
    "un-icescr-1966:art_13__para_2",
    "unesco-cade-1960:art_1__para_1",
    "unesco-cade-1960:art_3__point_e",
}


def _changes(edit):  # type: ignore[no-untyped-def]
    return {c.ground: (c.change, c.removed, c.remaining) for c in edit.changes}


def test_deleting_the_categories_removes_the_exclusion(order468: Document) -> None:
    (edit,) = xref_patch(order468, load(PROPOSALS / "order-468-p2-delete-categories.yaml"), as_of="2026-11-25")
    assert edit.citation == "paragraph 2"
    assert _changes(edit) == {
        "occupation": ("removed", ("seasonal-worker", "frontier-worker"), ()),
        "migration-status": ("removed", ("seasonal-worker", "frontier-worker"), ()),
    }
    assert edit.removed == ("occupation", "migration-status") and edit.introduced == ()
    assert REQUIRED <= {r.provision for r in edit.rights}


def test_deleting_seasonal_removes_the_exclusion_only_in_part(order468: Document) -> None:
    (edit,) = xref_patch(order468, load(PROPOSALS / "order-468-p2-delete-seasonal.yaml"), as_of="2026-11-25")
    assert _changes(edit) == {
        "occupation": ("narrowed", ("seasonal-worker",), ("frontier-worker",)),
        "migration-status": ("narrowed", ("seasonal-worker",), ("frontier-worker",)),
    }
    (after,) = edit.after
    assert [d.category for d in after.detections if d.distinguishes] == ["frontier-worker"]
    assert REQUIRED <= {r.provision for r in edit.rights}


def test_cited_rights_are_merged_with_suggested_ones(order468: Document) -> None:
    (edit,) = xref_patch(order468, load(PROPOSALS / "order-468-p2-delete-seasonal.yaml"), as_of="2026-11-25")
    sources = {r.provision: r.source for r in edit.rights}
    assert sources["kz-constitution-1995:art_14__para_2"] == "cited+suggested"
    assert sources["unesco-cade-1960:art_3__point_e"] == "cited+suggested"
    assert (
        sources["un-crc-1989:art_2__para_2"] == "suggested"
    )  # the parents' status or activities: not cited by the patch
    assert sources["unesco-cade-1960:art_1__para_1"] == "suggested"
    constitution = next(r for r in edit.rights if r.provision == "kz-constitution-1995:art_14__para_2")
    assert constitution.line == 30  # the line of the reference in the patch file
    bases = {(b.basis, b.ground) for b in constitution.bases}
    assert bases == {("named", "occupation"), ("other-status", "migration-status")}
    cited = [r.provision for r in edit.rights if r.source != "suggested"]
    assert cited == [
        "kz-constitution-1995:art_14__para_2",
        "un-crc-1989:art_2__para_1",
        "un-crc-1989:art_28__para_1",
        "un-icescr-1966:art_2__para_2",
        "un-icescr-1966:art_13__para_2",
        "unesco-cade-1960:art_3__point_e",
    ]


def test_the_registration_proposal_swaps_one_registration_requirement_for_another(order468: Document) -> None:
    delete_note, add_document = xref_patch(
        order468, load(PROPOSALS / "order-468-p4-registration.yaml"), as_of="2026-11-25"
    )
    assert _changes(delete_note)["residence"] == ("removed", ("registration",), ())
    assert _changes(add_document)["residence"] == ("introduced", (), ("registration",))


def test_extending_a_guarantee_is_reported_as_named_groups(edu_ru: Document) -> None:
    (edit,) = xref_patch(edu_ru, load(PROPOSALS / "law-education-art8-migrants.ru.yaml"), as_of="2026-11-25")
    assert edit.changes == ()
    assert set(edit.mentions_added) == {"temporary-resident", "migrant"}
    sources = {r.provision: r.source for r in edit.rights}
    assert sources["unesco-cade-1960:art_3__point_e"] == "cited+suggested"
    assert "kz-law-education-2007:art_8__para_2__part_2" not in sources  # never the amended provision itself


def test_unknown_rights_reference_names_the_patch_line_and_suggests(order468: Document, tmp_path: Path) -> None:
    text = (PROPOSALS / "order-468-p2-delete-seasonal.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("un-crc-1989:art_28__para_1", "un-crc-1989:art_82__para_1"), encoding="utf-8")
    with pytest.raises(PatchError) as info:
        xref_patch(order468, load(bad), as_of="2026-11-25")
    message = str(info.value)
    assert message.startswith(f"{bad}:32: edit 'p2-delete-seasonal': rights reference 'un-crc-1989:art_82__para_1'")
    assert "did you mean" in message and "un-crc-1989:art_28__para_1" in message


def test_a_failing_edit_stops_the_cross_reference(order468: Document, tmp_path: Path) -> None:
    text = (
        (PROPOSALS / "order-468-p2-delete-seasonal.yaml")
        .read_text(encoding="utf-8")
        .replace('text: "seasonal"', 'text: "autumnal"')
    )
    with pytest.raises(EditFailed, match="p2-delete-seasonal"):
        xref_patch(order468, loads(text, "p.yaml"), as_of="2026-11-25")


def test_citing_a_version_out_of_force_warns(order468: Document) -> None:
    patch = load(PROPOSALS / "order-468-p2-delete-seasonal.yaml")
    late = report_for_patch(order468, patch, as_of="2026-11-25")
    (note,) = [v for v in late.versions if v.doc == "kz-constitution-1995"]
    assert note.in_force is False and "kz-constitution-2026" in note.warning and "not in the corpus" in note.warning
    constitution = next(r for r in late.edits[0].rights if r.provision == "kz-constitution-1995:art_14__para_2")
    assert constitution.warnings == ("cites a version not in force on 2026-11-25",)
    early = report_for_patch(order468, patch, as_of="2026-01-15")
    assert [v.in_force for v in early.versions if v.doc == "kz-constitution-1995"] == [True]
    assert not any("Constitution" in w for w in early.warnings)


def test_the_patch_date_is_the_default_date(order468: Document) -> None:
    report = report_for_patch(order468, load(PROPOSALS / "order-468-p2-delete-seasonal.yaml"))
    assert report.as_of == "2026-11-25"


def test_document_cross_reference_lists_only_distinguishing_clauses(order468: Document) -> None:
    units = xref_document(order468, as_of="2026-11-25")
    assert [(u.address, [d.category for d in u.detections]) for u in units] == [
        ("para_2", ["seasonal-worker", "frontier-worker"]),
        ("para_4", ["permanent-resident", "registration"]),
        ("para_5", ["registration", "migrant"]),
    ]


def test_a_document_in_an_unsupported_language_is_refused() -> None:
    from lexamend.parse.text import parse_text

    doc = parse_text(
        "1. Les enfants des étrangers et des apatrides sont admis dans les établissements d'enseignement.\n\n"
        "2. Les enfants des travailleurs saisonniers et frontaliers sont exclus de l'enseignement primaire."
    )
    doc = replace(doc, meta=replace(doc.meta, source="regles.txt"))
    with pytest.raises(InputError, match="regles.txt: cannot detect grounds: the text is not in a supported language"):
        report_for_document(doc)
    with pytest.raises(InputError, match="language 'fr' is not supported"):
        report_for_document(doc, lang="fr")


def test_registry_is_loaded_once() -> None:
    assert load_registry() is load_registry()
