"""Comparing two Word files story by story: what the fidelity corpus does not show on its own."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from lexamend.errors import InputError, OutputError
from lexamend.ooxml import writer
from lexamend.render.redline.packages import compare_packages
from tests.data.docx.build import P1, P2, P3, P4, Spec, body, make, p, textbox
from tests.render import fidelity, wordml

DATE = "2026-11-25T00:00:00Z"


def test_a_shape_that_gains_a_second_text_frame_is_refused() -> None:
    one = p(textbox("Справка."), "Текст.")
    group = p(textbox("Справка.", kind="wps")[: -len("</w:r>")].replace("</w:drawing>", "") + "</w:drawing>" + textbox("Еще.", shape=2, kind="wps")[len("<w:r>") :], "Текст.")
    with pytest.raises(OutputError, match="text frame"):
        compare_packages(make(Spec(body(one))), make(Spec(body(group))))


def test_a_move_to_the_end_of_the_document_is_written_as_a_deletion_and_an_insertion() -> None:
    moved = "Отказ в приеме на обучение может быть обжалован родителями в вышестоящем органе управления образованием или в суде."
    old, new = make(Spec(body(P1, moved, P2, P3))), make(Spec(body(P1, P2, P3, moved)))
    out = compare_packages(old, new, moves=True, date=DATE).data
    document = zipfile.ZipFile(io.BytesIO(out)).read("word/document.xml")
    assert b"moveFrom" not in document and b"moveTo" not in document
    assert wordml.lines(out, "accept") == wordml.lines(new, "accept")
    assert wordml.lines(out, "reject") == wordml.lines(old, "reject")
    assert wordml.problems(out) == []


def test_the_same_inputs_give_the_same_bytes() -> None:
    old, new = (fidelity.CORPUS / "table-lo-comparative.old.docx").read_bytes(), (fidelity.CORPUS / "table-lo-comparative.new.docx").read_bytes()
    assert compare_packages(old, new, date=DATE).data == compare_packages(old, new, date=DATE).data


def test_an_unknown_existing_policy_is_an_input_error() -> None:
    data = make(Spec(body(P1)))
    with pytest.raises(InputError, match="--existing"):
        compare_packages(data, data, existing="merge")


PAIRS = [e for e in fidelity.manifest() if not isinstance(e.get("expect"), dict)]


@pytest.mark.parametrize("entry", PAIRS, ids=[e["id"] for e in PAIRS])
def test_splicing_writes_what_serialising_would_and_every_changed_paragraph_reads_back(entry: dict, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[type-arg]
    """The byte-spliced main part is the serialised tree (no edit lost); every changed paragraph, plain ones too, reads back right."""
    import lexamend.render.redline.compare as compare

    old = (fidelity.CORPUS / f"{entry['id']}.old.docx").read_bytes()
    new = (fidelity.CORPUS / f"{entry['id']}.new.docx").read_bytes()
    options = entry.get("options") or {}
    kwargs = {"date": DATE, "existing": options.get("existing", "keep"), "moves": bool(options.get("moves")), "formatting": bool(options.get("formatting"))}
    spliced = compare_packages(old, new, **kwargs).data
    monkeypatch.setattr(writer._Splice, "bytes", lambda self, root: None)
    original = compare.Comparer.__init__

    def verifying(self, *args, **kw):  # type: ignore[no-untyped-def]
        original(self, *args, **kw)
        self.verify_all = True

    monkeypatch.setattr(compare.Comparer, "__init__", verifying)
    serialised = compare_packages(old, new, **kwargs).data

    def main(data: bytes) -> bytes:
        return etree.tostring(etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")), method="c14n")

    assert main(spliced) == main(serialised)
