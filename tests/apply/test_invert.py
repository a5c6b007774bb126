"""Property: apply(invert(p), apply(p, base)) == base, for generated documents and patches."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lexamend.apply import apply_patches
from lexamend.invert import invert
from lexamend.match import find_all
from lexamend.model import Edit, Kind, Op, Patch
from lexamend.parse.text import parse_text
from lexamend.patch import loads
from lexamend.patch.dump import dumps
from lexamend.render.text import render_text
from tests.conftest import REPO, corpus_doc
from tests.parse.test_roundtrip_property import documents


def _state(doc) -> tuple[str, list[str]]:
    return render_text(doc), [u.eid for u in doc.walk()]


@st.composite
def edits_for(draw: st.DrawFn, doc) -> list[Edit]:
    units = [u for u in doc.walk() if u.text and u.kind is not Kind.PART]
    leaves = [u for u in units if not u.children]
    out: list[Edit] = []
    if not leaves:
        return out
    for n in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from([Op.DELETE, Op.INSERT, Op.REPLACE, Op.REPEAL, Op.INSERT_UNIT, Op.RESTATE, Op.RENUMBER]))
        unit = draw(st.sampled_from(leaves))
        words = unit.text.split(" ")
        i = draw(st.integers(0, max(0, len(words) - 1)))
        span = " ".join(words[i : i + draw(st.integers(1, 2))]).strip(".;:")
        eid = f"e{n}"
        if op in (Op.DELETE, Op.INSERT, Op.REPLACE):
            if not span or len(find_all(unit.full_text(" "), span)) != 1:
                continue
            if op is Op.DELETE:
                out.append(Edit(id=eid, op=op, at=unit.address, text=span))
            elif op is Op.INSERT:
                out.append(Edit(id=eid, op=op, at=unit.address, text="новые слова", after=span))
            else:
                out.append(Edit(id=eid, op=op, at=unit.address, old=span, new="другие слова"))
        elif op is Op.REPEAL:
            out.append(Edit(id=eid, op=op, at=unit.address, placeholder=draw(st.booleans())))
        elif op is Op.INSERT_UNIT:
            out.append(Edit(id=eid, op=op, at=unit.address, text="Вставленный текст."))
        elif op is Op.RESTATE:
            out.append(Edit(id=eid, op=op, at=unit.address, text="Новая редакция."))
        elif unit.num and unit.num.isdigit():
            out.append(Edit(id=eid, op=op, at=unit.address, num=f"{unit.num}-9"))
    return out


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.data())
def test_invert_restores_the_base(data: st.DataObject) -> None:
    lang, text, _ = data.draw(documents())
    base = parse_text(text, lang=lang)
    edits = data.draw(edits_for(base))
    assume(edits)
    patch = Patch(edits=tuple(edits), title="generated", base="b", language=lang)
    result = apply_patches(base, [patch])
    assume(result.ok)
    inverse = invert(base, patch)
    # The inverse survives a round trip through its YAML form.
    inverse = loads(dumps(inverse), "inverse.yaml")
    undone = apply_patches(result.document, [inverse])
    assert undone.ok, [r.reason for r in undone.failed]
    assert _state(undone.document) == _state(base)


def test_invert_every_shipped_proposal() -> None:
    from lexamend.patch import load

    for path in sorted((REPO / "proposals").glob("*.yaml")):
        patch = load(path)
        base = corpus_doc(patch.base)
        amended = apply_patches(base, [patch]).document
        inverse = loads(dumps(invert(base, patch)), "inverse.yaml")
        assert inverse.base_sha256 != patch.base_sha256
        back = apply_patches(amended, [inverse])
        assert back.ok and _state(back.document) == _state(base), path.name
        # Inverse word edits are drafting-style edits, not whole-unit restatements.
        assert all(e.op in (Op.DELETE, Op.INSERT, Op.REPLACE) for e in inverse.edits), path.name
