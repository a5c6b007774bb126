"""Split legal text into tokens that a word diff should never cut apart.

A token is one of: a run of whitespace; a number label or numeric token with
its inner punctuation ("5-1.", "4-1)", "28.09.2010", "1.2.3", "№ 468");
a short quoted phrase («сезонных и», "frontier workers"); a word of letters
and digits, hyphenated compounds and apostrophes included ("учебно-воспитательный",
"State's"); or a single punctuation character. Tokens are lossless:
``"".join(tokenize(t)) == t``, so diffs of tokens reassemble the exact text.
"""

from __future__ import annotations

import re

#: Quoted phrases up to this many characters stay one token; longer quotes are split.
MAX_QUOTED_CHARS = 60

_TOKEN = re.compile(
    rf"""
      (?P<space>\s+)
    | (?P<label>\(?\d+(?:[-.]\d+)*[.)]?)(?=\s|$|[,;:»"”])    # 5-1.  4-1)  (2)  1.2.3  28.09.2010
    | (?P<number>№\s?\d+(?:[-./]\w+)*)                       # № 468  № 319-III
    | (?P<quoted>«[^«»\n]{{1,{MAX_QUOTED_CHARS}}}»
                | “[^“”\n]{{1,{MAX_QUOTED_CHARS}}}”
                | "[^"\n]{{1,{MAX_QUOTED_CHARS}}}"(?!\w))
    | (?P<word>[^\W_](?:[\w'’]|-(?=[^\W_]))*)                # words, compounds, apostrophes
    | (?P<other>.)                                           # punctuation, symbols
    """,
    re.X | re.S,
)


# The same pattern without capturing groups, so that ``findall`` returns whole tokens (much faster
# than building a match object per token on long paragraphs).
_TOKENS = re.compile(re.sub(r"\(\?P<\w+>", "(?:", _TOKEN.pattern), re.X | re.S)


def tokenize(text: str) -> list[str]:
    """Legal-aware tokens of ``text`` (see the module docstring).

    >>> tokenize("4-1) дети, «сезонных и» работники")
    ['4-1)', ' ', 'дети', ',', ' ', '«сезонных и»', ' ', 'работники']
    >>> tokenize("paragraph 5-1. of the Rules")
    ['paragraph', ' ', '5-1.', ' ', 'of', ' ', 'the', ' ', 'Rules']
    """
    return _TOKENS.findall(text)


def is_space(token: str) -> bool:
    return token.isspace()
