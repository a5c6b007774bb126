"""Redlines of documents made by Microsoft Word itself: the WmlComparer test pairs.

``tests/data/docx/wmlcomparer/`` holds the .docx pairs of the Open-XML-PowerTools
comparison tests (MIT; provenance in its README): 111 distinct old/new pairs
saved by Word — tables with merged cells, text boxes, SmartArt, footnotes and
endnotes, fields, hyperlinks, equations, images, other reviewers' revisions,
French text. They are not shaped by lexamend's own corpus, which
makes them a check on the general case. Every pair is redlined with
``redline --from OLD --to NEW`` and judged by the independent reader of
:mod:`tests.render.fidelity`: Accept All gives the new version and Reject All
the old, story by story; the package is valid and reopens in python-docx; no
revision changes nothing; untouched blocks and parts are copied byte for byte.
LibreOffice's own Accept All and Reject All give the same versions.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.render import fidelity
from tests.render.test_libreoffice import soffice, uno_python

FOLDER = REPO / "tests" / "data" / "docx" / "wmlcomparer"
PAIRS = [tuple(line.split("\t")) for line in (FOLDER / "pairs.tsv").read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]

#: Pairs where the "revisions sane" heuristic (revised paragraphs ≤ paragraphs whose text differs,
#: compared as one flat list) does not fit, and why the redline is still the right one.
SANE_EXCEPTIONS = {
    # A paragraph moved into a new table: the text is the same in order, the structure is not; the
    # paragraph is deleted where it was and the table (holding it) inserted.
    ("WC007-Unmodified.docx", "WC007-Moved-into-Table.docx"),
    # A middle row deleted and a cell of the next row changed to the deleted row's text: the row
    # is a row revision and the cell an amended paragraph, which the flat list counts as one more.
    ("WC024-Table-Before.docx", "WC024-Table-After2.docx"),
    # Four paragraphs joined into one by the new version's own (accepted) tracked changes: joined
    # paragraphs are shown deleted and the joined one inserted (see docs/redline-fidelity.md).
    ("CZ002-Multi-Paragraphs.docx", "CZ002-Multi-Paragraphs-Mod.docx"),
}
#: Pairs refused under the default --existing keep, with the words the refusal must contain.
REFUSED = {
    ("WC066-Textbox-Before-Ins-Mod.docx", "WC066-Textbox-Before-Ins.docx"): "Eric White",
}


def redline(test_id: str, old: str, new: str, workdir: Path) -> fidelity.Outcome:
    """The redline of one pair (with --existing accept for a pair refused under the default)."""
    options = {"existing": "accept"} if (old, new) in REFUSED else {}
    return fidelity.run({"id": test_id, "options": options}, "from-to", workdir, old=(FOLDER / old).read_bytes(), new=(FOLDER / new).read_bytes())


@pytest.mark.parametrize(("test_id", "old", "new"), PAIRS, ids=[p[0] for p in PAIRS])
def test_word_made_pair(tmp_path: Path, test_id: str, old: str, new: str) -> None:
    old_data, new_data = (FOLDER / old).read_bytes(), (FOLDER / new).read_bytes()
    refusal = REFUSED.get((old, new))
    entry = {"id": test_id, "expect": {"error": "--existing accept"} if refusal else None}
    outcome = fidelity.run(entry, "from-to", tmp_path, old=old_data, new=new_data)
    if refusal:
        assert not outcome.failures(), outcome.failures()
        assert refusal in outcome.err and fidelity.AUTHOR not in outcome.err.split("error:", 1)[1].split("\n")[0], outcome.err
        # Resolving the other reviewer's changes first gives a redline that passes every check.
        outcome = redline(test_id, old, new, tmp_path / "accept")
    assert outcome.data is not None, outcome.failures()
    fidelity.check_reader(outcome)
    fidelity.check_package(outcome)
    fidelity.check_revisions(outcome)
    fidelity.check_untouched(outcome)
    failures = outcome.failures()
    if (old, new) in SANE_EXCEPTIONS:
        assert outcome.results["sane"][0] is False, "the heuristic fits now: take the pair off SANE_EXCEPTIONS"
        failures = [f for f in failures if not f.startswith("sane:")]
    assert not failures, "\n".join(failures)


@pytest.mark.libreoffice
def test_libreoffice_accepts_and_rejects_every_word_made_redline_to_its_version(tmp_path: Path) -> None:
    outcomes = [redline(*pair, tmp_path) for pair in PAIRS]
    views = fidelity.libreoffice_views(fidelity.libreoffice_jobs(outcomes), soffice(), uno_python(), tmp_path)
    failures = []
    for outcome in outcomes:
        assert outcome.path is not None, outcome.failures()
        fidelity.check_libreoffice(outcome, views)
        failures += [f"{outcome.pair}: {failure}" for failure in outcome.failures()]
        assert {check for check in fidelity.LIBREOFFICE_CHECKS if outcome.results.get(check, (None,))[0] is not None} == set(fidelity.LIBREOFFICE_CHECKS)
    assert not failures, "\n".join(failures)


def test_the_pairs_are_word_files_with_their_provenance() -> None:
    assert len(PAIRS) >= 100
    assert len({(o, n) for _, o, n in PAIRS}) == len(PAIRS)
    named = {name for _, o, n in PAIRS for name in (o, n)}
    assert named == {p.name for p in FOLDER.glob("*.docx")}
    for name in sorted(named):
        app = zipfile.ZipFile(FOLDER / name).read("docProps/app.xml") if "docProps/app.xml" in zipfile.ZipFile(FOLDER / name).namelist() else b""
        assert b"Microsoft" in app or not app, name
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    assert "5881422a881f6ccefce2b9801b5dc6a753670d6e" in readme and (FOLDER / "LICENSE").exists()
