"""Which language a text is in: the script of its letters first (Hangul is Korean), then
py3langid (a naive Bayes model over byte n-grams, numpy only, 97 languages) to tell
English from French, German, Indonesian and the rest of the Latin-script languages.

Measured by ``benchmarks/bench_language.py``: whole news pages as scraped, menus and all,
are never refused; a paragraph of French, German, Spanish, Italian, Indonesian, Japanese
or Chinese always is.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

_HANGUL = regex.compile(r"\p{Hangul}")
_LETTER = regex.compile(r"\p{L}")
_LATIN_WORD = regex.compile(r"[A-Za-z]+")
ENGLISH_FUNCTION_WORDS = frozenset("""
the a an of to in and is was were are for on that with by at as from it its this be has have had will would said says not but or which who he she they we his her their our after over than been also into
""".split())
# Where this share of the Latin words are English function words, a text is English without asking
# the model (which takes 1.5 s to load): English pages as scraped have 0.19 or more (99 in 100 of the
# 446 in the debris bank), French, German, Spanish or Dutch text 0.06 or less.
PLAINLY_ENGLISH = 0.15


def hangul_share(text: str) -> float:
    """Share of letters that are Hangul (0.0 when the text has no letters)."""
    letters = len(_LETTER.findall(text))
    return len(_HANGUL.findall(text)) / letters if letters else 0.0


def latin_share(text: str) -> float:
    """Share of letters that are ASCII (Latin) letters (0.0 when the text has no letters)."""
    letters = [c for c in text if c.isalpha()]
    return sum(c.isascii() for c in letters) / len(letters) if letters else 0.0


def korean_english(ko: str, en: str) -> bool:
    """Whether ``ko`` is mostly Hangul and ``en`` Latin text with no Hangul: a pair across the two scripts,
    not a line one page copied from the other ("Photo: Yonhap" on both, a Korean site string on both)."""
    return hangul_share(ko) >= 0.5 and hangul_share(en) == 0 and latin_share(en) >= 0.5


# Korean news carries Latin names and acronyms (UNDP, KNPA) and English pages
# carry a stray Korean word or two: the thresholds leave room for both.
KOREAN_MIN_SHARE = 0.3
ENGLISH_MAX_SHARE = 0.1

# Below this many letters the model is unsure (a one-line "Testosterone" reads as Spanish):
# a short text is judged by its script alone. The shortest foreign sentence measured has 124.
MIN_LETTERS = 100
# An English side is refused only when English is this unlikely. Real pages score near 1.
MAX_ENGLISH = 0.05
# Enough of a long text to tell its language; the model walks every byte in Python.
SAMPLE_CHARS = 20_000

_NAMES = {"ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fr": "French", "hi": "Hindi",
          "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ko": "Korean", "mn": "Mongolian",
          "ms": "Malay", "nl": "Dutch", "pl": "Polish", "pt": "Portuguese", "ru": "Russian", "sv": "Swedish",
          "th": "Thai", "tl": "Tagalog", "tr": "Turkish", "vi": "Vietnamese", "zh": "Chinese"}
# URLs and e-mail addresses say nothing of a page's language
_ADDRESSES = regex.compile(r"\S+@\S+|(?:https?://|www\.)\S+")


@dataclass(frozen=True)
class Identified:
    """What the model says of a text: its likeliest ``language`` (ISO 639-1), the probability
    of ``english``, and how many ``letters`` it read."""

    language: str
    english: float
    letters: int

    @property
    def named(self) -> str:
        name = _NAMES.get(self.language)
        return f"{name} (detected {self.language})" if name else f"in the language {self.language!r}"


@lru_cache(maxsize=1)
def _model():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> Identified:
    """The language of ``text`` (its Hangul left out: a Korean name or menu on an English page)."""
    sample = _ADDRESSES.sub(" ", _HANGUL.sub(" ", text[:SAMPLE_CHARS]))
    ranked = dict(_model().rank(sample))
    language = max(ranked, key=ranked.get)
    return Identified(language, ranked.get("en", 0.0), len(_LETTER.findall(sample)))


def english_function_share(text: str) -> float:
    """Share of the Latin-script words of ``text`` that are English function words ("the", "of", "said")."""
    words = _LATIN_WORD.findall(text)
    return sum(w.lower() in ENGLISH_FUNCTION_WORDS for w in words) / len(words) if words else 0.0


# The script of a long text is judged on its start, middle and end, this many characters each:
# reading every letter of a 20 MB text costs seconds and says no more.
SCRIPT_SAMPLE_CHARS = 100_000


def script_sample(text: str) -> str:
    n = SCRIPT_SAMPLE_CHARS
    if len(text) <= 3 * n:
        return text
    middle = (len(text) - n) // 2
    return "\n".join((text[:n], text[middle:middle + n], text[-n:]))


def detect_language(text: str) -> str:
    """``"ko"``, ``"en"`` or ``"other"`` from the script of the letters (of a long text's start, middle and end)."""
    text = script_sample(text)
    share = hangul_share(text)
    if share >= KOREAN_MIN_SHARE:
        return "ko"
    if share <= ENGLISH_MAX_SHARE and regex.search(r"\p{Latin}", text):
        return "en"
    return "other"


def check_pair_languages(ko_text: str, en_text: str) -> tuple[int, str] | None:
    """``(file_number, problem)`` when the pair is not Korean then English, else ``None``.

    ``file_number`` is 0 for the Korean-side file and 1 for the English-side one:
    the file an error message should name. The script decides what is Korean; the
    model decides, on a text long enough to judge, whether Latin script is English.
    """
    ko, en = detect_language(ko_text), detect_language(en_text)
    if ko == "en" and en == "ko":
        return 0, "is English and the second file is Korean: the files look swapped (give Korean first)"
    if ko == en == "ko":
        return 1, "is Korean, like the first file: the second file must be English"
    if ko != "ko":
        found = identify(ko_text)
        if found.letters and found.language != "en":
            return 0, f"is {found.named}, not Korean (too few Hangul letters)"
        if en == "en":
            return 0, "is English, like the second file: the first file must be Korean"
        return 0, "is not Korean text (too few Hangul letters)"
    if en == "en" and english_function_share(en_text[:SAMPLE_CHARS]) >= PLAINLY_ENGLISH:
        return None
    found = identify(en_text)
    if en != "en":
        return 1, (f"is {found.named}, not English" if found.letters and found.language != "en"
                   else "is not English text")
    if found.letters >= MIN_LETTERS and found.english < MAX_ENGLISH:
        return 1, f"is {found.named}, not English (probability of English {found.english:.2f})"
    return None
