"""Which block is which between two versions (lexamend.render.redline.pairing): pure functions on kinds and texts."""

from __future__ import annotations

from lexamend.render.redline.pairing import Block, common_blocks, hunks, pair_stretch


def blocks(*items: tuple[str, str]) -> list[Block]:
    """Blocks from (kind, text) pairs; the key is kind and text, so equal blocks anchor."""
    return [Block(kind, f"{kind}:{text}".encode(), text, lambda element: str(element), index=i) for i, (kind, text) in enumerate(items)]


def stretch_pairs(old: list[Block], new: list[Block], **options: object) -> list[tuple[int, int]]:
    anchors = common_blocks([b.key for b in old], [b.key for b in new])
    pairs = list(anchors)
    for hunk in hunks(anchors, len(old), len(new)):
        pairs += pair_stretch(old, new, hunk, {}, lang="en", **options)  # type: ignore[arg-type]
    return sorted(pairs)


def test_a_paragraph_is_not_paired_across_a_table_that_stays() -> None:
    # Word's WC033 pair: both paragraphs around a table amended; the first old one is more like the
    # last new one, but pairing them would delete and insert the table between.
    old = blocks(("paragraph", "This is a test."), ("table", "aaa bbb ccc"), ("paragraph", "This is another test."))
    new = blocks(("paragraph", "This is foo test."), ("table", "aaa bbb ccc "), ("paragraph", "This is a bar test."))
    assert stretch_pairs(old, new) == [(0, 0), (1, 1), (2, 2)]


def test_in_a_cell_a_one_for_one_paragraph_is_amended_whatever_its_text() -> None:
    old, new = blocks(("paragraph", "Test1")), blocks(("paragraph", "Test2"))
    assert stretch_pairs(old, new, cell=True) == [(0, 0)]
    # Outside a cell, as different a paragraph is deleted and the new one inserted.
    old, new = blocks(("paragraph", "Lorem ipsum dolor"), ("paragraph", "end")), blocks(("paragraph", "Sit amet consectetuer"), ("paragraph", "end"))
    assert stretch_pairs(old, new) == [(1, 1)]


def test_the_last_paragraphs_of_a_story_are_one_when_either_is_empty() -> None:
    # Word's WC007 pair: the only paragraph moved into a new table; the body still ends with a
    # paragraph, now empty. The old last paragraph keeps its mark and loses its words.
    old = blocks(("paragraph", "Video provides."))
    new = blocks(("table", "Video provides."), ("paragraph", ""))
    assert stretch_pairs(old, new) == [(0, 1)]
    # Two different non-empty last paragraphs stay a deletion and an insertion.
    old, new = blocks(("paragraph", "Lorem ipsum dolor")), blocks(("table", "x"), ("paragraph", "Sit amet consectetuer"))
    assert stretch_pairs(old, new) == []


def test_paragraphs_the_clause_alignment_cannot_pair_are_paired_by_their_words() -> None:
    # Word's WC034 endnotes: a note of two paragraphs became one paragraph; its first paragraph is
    # the amended one (the clause trees have a preamble's own text against two parts).
    old = blocks(("paragraph", "This is an endnote with a change."), ("paragraph", "This endnote has multiple paragraphs."))
    new = blocks(("paragraph", "This is an endnote."))
    assert stretch_pairs(old, new) == [(0, 0)]
