"""Properties of every redline, on generated texts: accept all = the amended text, reject all = the original.

Checked with the independent reader of :mod:`tests.render.wordml` (standard
library only), on text bases (a document built from the template) and .docx
bases (python-docx packages with random bold/italic runs), for patches using
every operation and for two versions compared with ``--from/--to``. Together
the three properties run 360 generated cases.
"""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lexamend.apply import apply_patches
from lexamend.parse import parse_bytes
from lexamend.parse.text import parse_text
from lexamend.render.redline import redline_documents, redline_patches
from lexamend.render.redline.packages import redline_packages
from lexamend.render.text import render_lines
from tests.render import wordml
from tests.render.generators import edited_versions, formatted_docx, legal_texts, patches

def cases(n: int) -> settings:
    return settings(max_examples=n, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])


def shape(doc):  # type: ignore[no-untyped-def]
    return [(u.eid, u.kind, u.num, u.label, u.heading, u.text) for u in doc.walk()]


def check(data: bytes, accepted: list[str], rejected: list[str]) -> None:
    assert wordml.lines(data, "accept") == accepted
    assert wordml.lines(data, "reject") == rejected
    assert wordml.empty_paragraphs(data, "accept") == 0
    assert wordml.empty_paragraphs(data, "reject") == 0
    assert wordml.problems(data) == []


@cases(120)
@given(st.data())
def test_patch_redline_on_a_text_base(data: st.DataObject) -> None:
    lang, text = data.draw(legal_texts())
    base = parse_text(text, lang=lang)
    patch = data.draw(patches(list(base.walk()), lang))
    assume(patch.edits)
    result = apply_patches(base, [patch])
    assume(result.ok)
    comments = data.draw(st.booleans())
    out = redline_patches(base, None, result, [patch], date="2026-01-02T00:00:00Z", comments=comments, verify=False)
    check(out, render_lines(result.document), render_lines(base))


@cases(120)
@given(st.data())
def test_patch_redline_on_a_docx_base_with_formatted_runs(data: st.DataObject) -> None:
    lang, text = data.draw(legal_texts())
    source = data.draw(formatted_docx(text))
    base = parse_bytes(source, "base.docx", lang=lang)
    assert shape(base) == shape(parse_text(text, lang=lang))  # the .docx parses to the text's tree
    patch = data.draw(patches(list(base.walk()), lang))
    assume(patch.edits)
    result = apply_patches(base, [patch])
    assume(result.ok)
    out = redline_patches(base, source, result, [patch], date="2026-01-02T00:00:00Z", comments=data.draw(st.booleans()), verify=False)
    check(out, render_lines(result.document), render_lines(base))
    # The base's own paragraphs are all still there when every change is rejected.
    assert wordml.paragraphs(out, "reject") == wordml.paragraphs(source, "shown")


@cases(120)
@given(edited_versions(), st.data())
def test_from_to_redline(version, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    old = parse_text(version.old, lang=version.lang)
    new = parse_text(version.new, lang=version.lang)
    if data.draw(st.booleans()):
        out = redline_documents(old, new, date="2026-01-02T00:00:00Z")
        check(out, render_lines(new), render_lines(old))
        return
    old_bytes = data.draw(formatted_docx(version.old))
    new_bytes = data.draw(formatted_docx(version.new))
    fast = redline_packages(old_bytes, new_bytes, date="2026-01-02T00:00:00Z")
    assert fast is not None
    check(fast, wordml.lines(new_bytes, "shown"), wordml.lines(old_bytes, "shown"))
    old_doc = parse_bytes(old_bytes, "old.docx", lang=version.lang)
    new_doc = parse_bytes(new_bytes, "new.docx", lang=version.lang)
    full = redline_documents(old_doc, new_doc, old_source=old_bytes, date="2026-01-02T00:00:00Z")
    check(full, render_lines(new_doc), render_lines(old_doc))
