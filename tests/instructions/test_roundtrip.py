"""Round trip for every shipped proposal: read(write(patch)) applied to the base gives what the patch gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from lexamend.apply import apply_patches
from lexamend.corpus import find
from lexamend.instructions import read_instructions, write_instructions
from lexamend.parse import parse_file
from lexamend.patch import load as load_patch
from lexamend.render.text import render_text
from tests.conftest import REPO, corpus_doc

PROPOSALS = sorted((REPO / "proposals").glob("*.yaml"))


@pytest.mark.parametrize("lang", ["ru", "en", "kk"])
@pytest.mark.parametrize("path", PROPOSALS, ids=[p.stem for p in PROPOSALS])
def test_shipped_proposal_round_trip(path: Path, lang: str) -> None:
    patch = load_patch(path)
    base_path = find(patch.base)
    doc = corpus_doc(base_path.resolve().relative_to(REPO / "corpus").as_posix()) if "corpus" in base_path.parts else parse_file(base_path)
    expected = apply_patches(doc, [patch])
    assert expected.ok
    read = read_instructions(doc, write_instructions(doc, patch, lang=lang).text(), lang=lang)
    assert not read.problems, [str(p) for p in read.problems]
    assert len(read.patch.edits) == len(patch.edits)
    again = apply_patches(doc, [read.patch])
    assert again.ok
    assert render_text(again.document) == render_text(expected.document)
