"""Consistency checks on aligned pairs: the errors a translator is paid to catch."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import regex

from ..types import Flag
from .numbers import converted, english_numbers, korean_numbers, same_value

__all__ = ["check_pair", "check_numbers", "check_names"]

# Latin tokens of two letters or more inside Korean text: names and acronyms (UNDP, KNPA, iPhone)
LATIN_NAME = regex.compile(r"(?<![\p{Latin}\d])\p{Latin}[\p{Latin}\d&'.-]*[\p{Latin}\d]")
# units and symbols English writes differently or spells out
NOT_NAMES = frozenset("""km kg cm mm ml m g mg kw kwh mw gw db hz ha am pm vs etc
ceo cfo coo cto gdp ai it tv pc sns cctv dna usb ok""".split())  # and common nouns English spells in lower case


def check_pair(ko_text: str, en_text: str, en_document: str | None = None) -> tuple[Flag, ...]:
    """Every inconsistency found between a Korean text and its English translation.

    Figures are compared pair by pair; a name only needs to appear somewhere in
    ``en_document`` (the whole English article, when given), since an edition may
    name an organisation a sentence earlier or later.
    """
    return tuple(check_numbers(ko_text, en_text) + check_names(ko_text, en_document or en_text))


def check_numbers(ko_text: str, en_text: str) -> list[Flag]:
    """Figures in digits that disagree between the sides (94만 and 940,000 agree).

    Two unmatched figures facing each other are always flagged ("3천201" / "3,021").
    A figure on one side only is flagged when it carries weight: 100 or more, and
    not a bare year (English dates "last October" as "October 2007").
    """
    ko, en = korean_numbers(ko_text), english_numbers(en_text)
    if not any(n.date for n in ko):
        # Korean gave a bare day ("1일") or none: an English "April 1" cannot be checked
        en = [replace(n, exact=False) if n.date else n for n in en]
    ko_only = _unmatched(ko, en)
    en_only = _unmatched(en, ko)
    if len(ko_only) == 1 and len(en_only) == 1:
        if converted(ko_only[0], en_only[0]):
            return []
        return [Flag("number", f"numbers differ: {ko_only[0].text} in Korean, {en_only[0].text} in English")]
    return ([Flag("number", f"{n.text} in Korean has no match in English") for n in ko_only if _weighty(n)]
            + [Flag("number", f"{n.text} in English has no match in Korean") for n in en_only if _weighty(n)])


def _weighty(n) -> bool:
    return n.value >= 100 and not (n.value.is_integer() and 1900 <= n.value <= 2100)


def _unmatched(numbers, others):
    """Exact figures of ``numbers`` with no equal (or unit-converted) value in ``others``."""
    seen, out = set(), []
    for n in numbers:
        if (n.exact and n.text not in seen
                and not any(same_value(n.value, o.value) or converted(n, o) for o in others)):
            seen.add(n.text)
            out.append(n)
    return out


def check_names(ko_text: str, en_text: str) -> list[Flag]:
    """Latin-script names and acronyms kept in the Korean but missing from the English.

    An acronym counts as present when the English spells it out
    ("International Olympic Committee" for IOC); a gloss in brackets after a Korean
    name ("국제올림픽위원회(IOC)") is not checked.
    """
    english, initials = _english_forms(en_text)
    glosses = {i for m in _GLOSS.finditer(ko_text) for i in range(m.start(), m.end())}
    flags, seen = [], set()
    for m in LATIN_NAME.finditer(ko_text):
        name = m.group().strip(".-'")
        key = name.casefold().replace(".", "")
        if (len(name) < 2 or m.start() in glosses or key in NOT_NAMES or key in seen or key in english
                or (name.isupper() and name in initials) or NOT_A_NAME.fullmatch(name)):
            continue
        seen.add(key)
        flags.append(Flag("name", f"{name} in Korean is missing from the English"))
    return flags


# lower-case words (glossary lines), initials ("M.N"), web addresses
NOT_A_NAME = regex.compile(r"\p{Ll}[\p{Ll}'-]*|(?:\p{Lu}\.)+\p{Lu}?|(?:www|https?).*|.*\.(?:com|net|org|kr)")
# "국제올림픽위원회(IOC)": the translator's gloss of a Korean name, not content of its own
_GLOSS = regex.compile(r"(?<=\p{Hangul})\([^()]*\)")
_CAPITALISED_RUN = regex.compile(r"\p{Lu}[\p{L}'-]*(?:\s+(?:(?:of|and|for|the|on|in|de|&)\s+)*\p{Lu}[\p{L}'-]*)+")


_WORD_BREAK = regex.compile(r"[\s-]+")


@lru_cache(maxsize=8)
def _english_forms(text: str) -> tuple[str, str]:
    """The English text casefolded without dots, and its initials (once per article, not per pair)."""
    return text.casefold().replace(".", ""), initials_of(text)


def initials_of(text: str) -> str:
    """Initials of every run of capitalised words, joined: "World Trade Organization" -> "WTO"."""
    runs = []
    for m in _CAPITALISED_RUN.finditer(text):
        words = [w for w in _WORD_BREAK.split(m.group()) if w and w[0].isupper()]
        runs.append("".join(w[0] for w in words))
    return " ".join(runs)
