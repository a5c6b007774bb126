"""Drafting punctuation rules: tidy the text around an edit the way a drafter would.

When words are deleted from a sentence, what is left must read as if it had
been drafted that way. The rules below run only at the seam of an edit (never
over the rest of the unit, whose punctuation is the legislator's), and every
rule that fires is reported as a :class:`~lexamend.model.TidyNote`, so that a
reviewer sees exactly what was touched beyond the words the patch names.

=========================  ==================================================
rule                       example (| marks the seam)
=========================  ==================================================
double-space               "Kazakhstan | are" → "Kazakhstan are"
space-before-punctuation   "workers | ." → "workers."
space-inside-brackets      "( |refugees" → "(refugees"
empty-brackets             "Kazakhstan (|) are" → "Kazakhstan are"
orphan-comma               "refugees, |, migrants" → "refugees, migrants";
                           "(|, asylum" → "(asylum"; "migrants, |)" → "migrants)"
dangling-conjunction       "the | and frontier workers" → "the frontier workers";
                           "seasonal and |)" → "seasonal)"
list-conjunction           "A, B and |" → "A and B" (the last comma of the
                           list takes the removed conjunction's place)
=========================  ==================================================

Conjunctions recognised: English *and*, *or*; Russian *и*, *или*; Kazakh *және*,
*немесе*.

A conjunction left right after the seam is removed only when what precedes the
seam cannot end a conjunct: nothing, an opening bracket or punctuation, or a
function word (an article, a preposition, «за исключением»). Otherwise the
deleted words were a modifier inside a conjunct ("refugees |from abroad| and
migrants" → "refugees and migrants") and the conjunction stays. Deleting the
second of two coordinated modifiers ("seasonal and |frontier| workers") is
ambiguous without grammar ("students and |foreign| teachers" must keep its
*and*), so the conjunction stays there too: delete "and frontier" instead.
"""

from __future__ import annotations

import re

from lexamend.model import TidyNote

CONJUNCTIONS = ("and", "or", "и", "или", "және", "немесе")
_CONJ = "|".join(CONJUNCTIONS)
_CLOSING = ".,;:!?)]»”"
_OPENING = "([«“„"

# Words after which a conjunct cannot end: articles, prepositions, governing words.
FUNCTION_WORDS = frozenset(
    """
    the a an of for to by with in on from at as than its their his her this these those such any all
    except excluding including between among per via into onto
    в во на с со из для к ко по от у о об обо при за до без под над перед через между кроме
    исключением числе числа также том
    """.split()
)

_LEFT_CONJ = re.compile(rf"(?:^|(?<=\s))({_CONJ})\s*$", re.I)
_RIGHT_CONJ = re.compile(rf"^\s*({_CONJ})(?=\s)\s*", re.I)


def _note(notes: list[TidyNote], rule: str, before: str, after: str) -> None:
    notes.append(TidyNote(rule, before.strip()[-60:] if len(before) > 60 else before, after))


def _seam(left: str, right: str, width: int = 30) -> str:
    return f"{left[-width:]}|{right[:width]}"


def join_seam(left: str, right: str, notes: list[TidyNote], *, removed: bool) -> tuple[str, str]:
    """Tidy the seam between ``left`` and ``right`` after words between them changed.

    ``removed`` says words were deleted at this seam (enables the list and
    conjunction rules, which make sense only after a deletion). Returns the new
    (left, right) pair; their concatenation is the tidied text.
    """
    before = _seam(left, right)

    # Empty brackets left by deleting everything inside them.
    if re.search(r"[(\[]\s*$", left) and re.match(r"^\s*[)\]]", right):
        left = re.sub(r"\s*[(\[]\s*$", "", left)
        right = re.sub(r"^\s*[)\]]", "", right)
        _note(notes, "empty-brackets", before, _seam(left, right))
        before = _seam(left, right)

    if removed:
        left, right = _commas(left, right, notes)
        left, right = _conjunctions(left, right, notes)

    # Spacing at the seam: exactly one space between words, none before closing
    # punctuation, none after an opening bracket or quote.
    stripped_left, stripped_right = left.rstrip(" "), right.lstrip(" ")
    had_space = (len(left) - len(stripped_left)) + (len(right) - len(stripped_right))
    if not stripped_left or not stripped_right:
        joined_left, joined_right = stripped_left, stripped_right
        if not stripped_left and had_space:
            _note(notes, "double-space", before, _seam(joined_left, joined_right))
    elif stripped_right[0] in _CLOSING:
        joined_left, joined_right = stripped_left, stripped_right
        if had_space:
            _note(notes, "space-before-punctuation", before, _seam(joined_left, joined_right))
    elif stripped_left[-1] in _OPENING:
        joined_left, joined_right = stripped_left, stripped_right
        if had_space:
            _note(notes, "space-inside-brackets", before, _seam(joined_left, joined_right))
    else:
        joined_left, joined_right = stripped_left + " ", stripped_right
        if had_space > 1:
            _note(notes, "double-space", before, _seam(joined_left, joined_right))
    return joined_left, joined_right


def _commas(left: str, right: str, notes: list[TidyNote]) -> tuple[str, str]:
    before = _seam(left, right)
    left_comma = re.search(r",\s*$", left)
    right_comma = re.match(r"^\s*,", right)
    if left_comma and right_comma:
        # "A, |, B": one list item gone, one comma too many.
        right = right[right_comma.end() :]
        _note(notes, "orphan-comma", before, _seam(left, right))
    elif right_comma and (not left.strip() or re.search(r"[(\[«:;]\s*$", left)):
        # "(|, asylum seekers": the first item of a list was deleted.
        right = right[right_comma.end() :]
        _note(notes, "orphan-comma", before, _seam(left, right))
    elif left_comma and (not right.strip() or re.match(r"^\s*[)\].;:»]", right)):
        # "migrant workers, |)": the last item of a list was deleted.
        left = left[: left_comma.start()]
        _note(notes, "orphan-comma", before, _seam(left, right))
    return left, right


def _conjunctions(left: str, right: str, notes: list[TidyNote]) -> tuple[str, str]:
    before = _seam(left, right)
    right_conj = _RIGHT_CONJ.match(right)
    if right_conj and not _LEFT_CONJ.search(left):
        if re.search(r",\s*$", left):
            # "A, | and B" → "A and B": the comma goes, the conjunction stays.
            left = re.sub(r",\s*$", " ", left)
            _note(notes, "orphan-comma", before, _seam(left, right))
        elif _cannot_end_conjunct(left):
            # "the | and frontier workers": the deleted item was coordinated with the next.
            right = right[right_conj.end() :]
            _note(notes, "dangling-conjunction", before, _seam(left, right))
        return left, right
    left_conj = _LEFT_CONJ.search(left)
    if left_conj and (not right.strip() or re.match(r"^\s*[),.;:\]»]", right)):
        conj = left_conj.group(1)
        left = left[: left_conj.start()].rstrip()
        _note(notes, "dangling-conjunction", before, _seam(left, right))
        # "A, B and |" → "A and B": the list's last comma takes the conjunction.
        clause_start = max(left.rfind(c) for c in "(;:")
        last_comma = left.rfind(",")
        if last_comma > clause_start:
            before_list = _seam(left, right)
            left = f"{left[:last_comma]} {conj}{left[last_comma + 1:]}"
            _note(notes, "list-conjunction", before_list, _seam(left, right))
    return left, right


def _cannot_end_conjunct(left: str) -> bool:
    stripped = left.rstrip()
    if not stripped or stripped[-1] in "([«“„,:;":
        return True
    last = re.split(r"\s+", stripped)[-1].lower()
    return last in FUNCTION_WORDS


def insert_seam(left: str, words: str, right: str) -> str:
    """Put ``words`` between ``left`` and ``right`` with drafting spacing (one space, none before punctuation)."""
    words = words.strip()
    if not words:
        return left + right
    out_left = left.rstrip(" ")
    if out_left and words[0] not in _CLOSING and out_left[-1] not in _OPENING:
        out_left += " "
    out_right = right.lstrip(" ")
    sep = ""
    if out_right and out_right[0] not in _CLOSING and words[-1] not in _OPENING:
        sep = " "
    return out_left + words + sep + out_right
