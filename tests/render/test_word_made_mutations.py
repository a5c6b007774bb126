"""Property: any edit of a document saved by Word redlines exactly.

Each Word file of ``tests/data/docx/wmlcomparer/`` is edited at random, the
way an amending act edits a text — words replaced and inserted (Russian,
Kazakh and legal tokens among them), paragraphs deleted and repeated, table
rows deleted — in the body and in the footnotes, and ``redline --from OLD
--to EDITED`` must give a redline that accepts to the edited version and
rejects to the original (the independent reader of
:mod:`tests.render.fidelity`), is a valid package, and leaves what was not
edited byte for byte. The edits are seeded, so a failure names a case that
can be run again. An edit lexamend refuses (an equation deleted, another
reviewer's revision altered) must be refused with a clear error and no file.
"""

from __future__ import annotations

import copy
import io
import random
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.render import fidelity
from tests.render.test_word_made_pairs import FOLDER

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WORDS = ["alpha", "бета", "гамма", "қазақ", "5-1.", "4-1)", "«слова»", "(seasonal)"]
FILES = sorted(p.name for p in FOLDER.glob("*.docx"))
SEEDS = 3


def _read(name: str, part: str) -> bytes:
    archive = zipfile.ZipFile(FOLDER / name)
    return archive.read(part) if part in archive.namelist() else b""


#: Refusals are fine when they say one of these.
REFUSALS = ("does not track changes of equations", "another author's tracked changes")


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _shielded(element: etree._Element) -> bool:
    """Inside a text box or an alternate-content pair (editing one side would make the file inconsistent), or a revision."""
    names = {etree.QName(a).localname for a in element.iterancestors()}
    return bool(names & {"AlternateContent", "txbxContent", "ins", "del", "moveFrom", "moveTo"})


def edit(data: bytes, part: str, rnd: random.Random) -> bytes | None:
    """The package with 1–4 random edits in ``part``; None when the part has nothing to edit."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    if part not in archive.namelist():
        return None
    root = etree.fromstring(archive.read(part))
    texts = [t for t in root.iter(q("t")) if t.text and t.text.strip() and not _shielded(t)]
    paragraphs = [
        p
        for p in root.iter(q("p"))
        if p.getnext() is not None
        and p.getparent().tag in (q("body"), q("tc"), q("footnote"), q("endnote"))
        and not _shielded(p)
        and not any(etree.QName(e).localname in ("ins", "del", "sectPr", "footnoteReference", "endnoteReference") for e in p.iter())
    ]
    rows = [r for r in root.iter(q("tr")) if len(r.getparent().findall(q("tr"))) > 1 and r.find(q("trPr")) is None and not _shielded(r)]
    changed = False
    for _ in range(rnd.randint(1, 4)):
        kind = rnd.choice(["replace", "replace", "insert", "delete paragraph", "repeat paragraph", "delete row"])
        if kind in ("replace", "insert") and texts:
            t = rnd.choice(texts)
            words = t.text.split(" ")
            k = rnd.randrange(len(words))
            if kind == "replace":
                words[k] = rnd.choice(WORDS)
            else:
                words.insert(k, rnd.choice(WORDS))
            t.text = " ".join(words)
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            changed = True
        elif kind in ("delete paragraph", "repeat paragraph") and paragraphs:
            p = paragraphs.pop(rnd.randrange(len(paragraphs)))
            if p.getparent() is None:
                continue
            if kind == "delete paragraph":
                p.getparent().remove(p)
                texts = [t for t in texts if p not in t.iterancestors()]
            else:
                p.addnext(copy.deepcopy(p))
            changed = True
        elif kind == "delete row" and rows:
            row = rows.pop(rnd.randrange(len(rows)))
            if row.getparent() is not None and len(row.getparent().findall(q("tr"))) > 1:
                row.getparent().remove(row)
                texts = [t for t in texts if row not in t.iterancestors()]
                paragraphs = [p for p in paragraphs if row not in p.iterancestors()]
                changed = True
    if not changed:
        return None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in archive.infolist():
            body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) if info.filename == part else archive.read(info.filename)
            target.writestr(info, body)
    return out.getvalue()


def _cases() -> list[tuple[str, str, int]]:
    """Every file, part and seed that gives an edit (a part of text boxes only, or with no text, gives none)."""
    out = []
    for name in FILES:
        for part in ("word/document.xml", "word/footnotes.xml"):
            if b"<w:t" not in _read(name, part):
                continue
            data = (FOLDER / name).read_bytes()
            out += [(name, part, seed) for seed in range(SEEDS) if edit(data, part, _random(name, part, seed)) is not None]
    return out


def _random(name: str, part: str, seed: int) -> random.Random:
    return random.Random(f"{name}:{part}:{seed}")


CASES = _cases()


@pytest.mark.parametrize(("name", "part", "seed"), CASES, ids=[f"{n}-{p[5:-4]}-{k}" for n, p, k in CASES])
def test_an_edited_word_file_redlines_exactly(tmp_path: Path, name: str, part: str, seed: int) -> None:
    old = (FOLDER / name).read_bytes()
    new = edit(old, part, _random(name, part, seed))
    assert new is not None
    outcome = fidelity.run({"id": name}, "from-to", tmp_path, old=old, new=new)
    if outcome.data is None:
        assert outcome.code == 2 and any(words in outcome.err for words in REFUSALS), outcome.err
        assert "Traceback" not in outcome.err and not (tmp_path / f"{name}.from-to" / "redline.docx").exists()
        return
    fidelity.check_reader(outcome)
    fidelity.check_package(outcome)
    fidelity.check_untouched(outcome)
    assert not outcome.failures(), "\n".join(outcome.failures())


def test_the_edits_reach_nearly_every_file_and_the_footnotes() -> None:
    assert len({name for name, _, _ in CASES}) >= 160
    assert sum(1 for _, part, _ in CASES if part == "word/footnotes.xml") >= 30
    assert len(CASES) >= 500
