"""Consistency checks on aligned pairs: the errors a translator is paid to catch."""

from __future__ import annotations

from dataclasses import replace

import regex

from ..types import Flag
from .numbers import english_numbers, korean_numbers, same_value

__all__ = ["check_pair", "check_numbers", "check_names"]

# Latin tokens of two letters or more inside Korean text: names and acronyms (UNDP, KNPA, iPhone)
_LATIN = regex.compile(r"(?<![\p{Latin}\d])\p{Latin}[\p{Latin}\d&'.-]*[\p{Latin}\d]")
# units and symbols English writes differently or spells out
_NOT_NAMES = frozenset("km kg cm mm ml m g mg kw kwh mw gw db hz ha am pm vs etc".split())


def check_pair(ko_text: str, en_text: str) -> tuple[Flag, ...]:
    """Every inconsistency found between a Korean text and its English translation."""
    return tuple(check_numbers(ko_text, en_text) + check_names(ko_text, en_text))


def check_numbers(ko_text: str, en_text: str) -> list[Flag]:
    """Figures written in digits on one side with no equal value on the other (94만 = 940,000)."""
    ko, en = korean_numbers(ko_text), english_numbers(en_text)
    if not any(n.date for n in ko):
        # Korean gave a bare day ("1일", left out) or none: an English "April 1" cannot be checked
        en = [replace(n, exact=False) if n.date else n for n in en]
    ko_only = _unmatched(ko, en)
    en_only = _unmatched(en, ko)
    if len(ko_only) == 1 and len(en_only) == 1:
        return [Flag("number", f"numbers differ: {ko_only[0].text} in Korean, {en_only[0].text} in English")]
    return ([Flag("number", f"{n.text} in Korean has no match in English") for n in ko_only]
            + [Flag("number", f"{n.text} in English has no match in Korean") for n in en_only])


def _unmatched(numbers, others):
    seen, out = set(), []
    for n in numbers:
        if n.exact and n.text not in seen and not any(same_value(n.value, o.value) for o in others):
            seen.add(n.text)
            out.append(n)
    return out


def check_names(ko_text: str, en_text: str) -> list[Flag]:
    """Latin-script names and acronyms kept in the Korean but missing from the English."""
    english = en_text.casefold()
    flags, seen = [], set()
    for m in _LATIN.finditer(ko_text):
        name = m.group().strip(".-'")
        key = name.casefold()
        if len(name) < 2 or key in _NOT_NAMES or key in seen or key in english:
            continue
        seen.add(key)
        flags.append(Flag("name", f"{name} in Korean is missing from the English"))
    return flags
