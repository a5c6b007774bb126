"""Detect whether a legal text is in Russian, Kazakh or English.

Kazakh is written in Cyrillic with nine extra letters (ә ғ қ ң ө ұ ү һ і); a
text in which they are more than a trace is Kazakh. Russian legal texts contain
the Cyrillic "І" only inside Roman numerals of law numbers ("№ 172-VІ"), so the
capital is not counted.
"""

from __future__ import annotations

SUPPORTED = ("en", "ru", "kk")

_KAZAKH_ONLY = set("әғқңөұүһі")
#: Share of Kazakh-only letters among Cyrillic letters above which a text is Kazakh.
KAZAKH_THRESHOLD = 0.01


def detect_language(text: str) -> str:
    """Return "ru", "kk" or "en" for a text (by letters; a short text defaults to "en").

    >>> detect_language("Все равны перед законом и судом.")
    'ru'
    >>> detect_language("Барлық адам заң мен сот алдында тең.")
    'kk'
    >>> detect_language("All persons are equal before the law.")
    'en'
    """
    sample = text[:200000]
    cyrillic = latin = kazakh = 0
    for char in sample:
        if "\u0400" <= char <= "\u04ff":
            cyrillic += 1
            if char in _KAZAKH_ONLY:
                kazakh += 1
        elif "a" <= char.lower() <= "z":
            latin += 1
    if cyrillic > latin:
        return "kk" if kazakh / cyrillic >= KAZAKH_THRESHOLD else "ru"
    return "en"
