"""Which script a text is written in: enough to tell Korean from English input."""

from __future__ import annotations

import regex

_HANGUL = regex.compile(r"\p{Hangul}")
_LETTER = regex.compile(r"\p{L}")


def hangul_share(text: str) -> float:
    """Share of letters that are Hangul (0.0 when the text has no letters)."""
    letters = len(_LETTER.findall(text))
    return len(_HANGUL.findall(text)) / letters if letters else 0.0


# Korean news carries Latin names and acronyms (UNDP, KNPA) and English pages
# carry a stray Korean word or two: the thresholds leave room for both.
KOREAN_MIN_SHARE = 0.3
ENGLISH_MAX_SHARE = 0.1


def detect_language(text: str) -> str:
    """``"ko"``, ``"en"`` or ``"other"`` from the script of the letters."""
    share = hangul_share(text)
    if share >= KOREAN_MIN_SHARE:
        return "ko"
    if share <= ENGLISH_MAX_SHARE and regex.search(r"\p{Latin}", text):
        return "en"
    return "other"


def check_pair_languages(ko_text: str, en_text: str) -> tuple[int, str] | None:
    """``(file_number, problem)`` when the pair is not Korean then English, else ``None``.

    ``file_number`` is 0 for the Korean-side file and 1 for the English-side one:
    the file an error message should name.
    """
    ko, en = detect_language(ko_text), detect_language(en_text)
    if ko == "ko" and en == "en":
        return None
    if ko == "en" and en == "ko":
        return 0, "is English and the second file is Korean: the files look swapped (give Korean first)"
    if ko == en == "ko":
        return 1, "is Korean, like the first file: the second file must be English"
    if ko == en == "en":
        return 0, "is English, like the second file: the first file must be Korean"
    if ko != "ko":
        return 0, "is not Korean text (too few Hangul letters)"
    return 1, "is not English text"
