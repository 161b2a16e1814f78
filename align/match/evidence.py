"""Cheap evidence that survives translation: figures, Latin-script names and acronyms, web addresses.

A Korean article and its English edition give the same figures (94만 and 940,000 are one
value: :mod:`align.checks.numbers` reads both) and keep names such as UNDP or Samsung in
Latin letters. A token found in many documents (a year, a site's own address) says little,
so each weighs its inverse document frequency over both sides.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
import regex

# the consistency checks' own readings of names and figures, so that both agree on what a name is
from ..checks import LATIN_NAME, NOT_A_NAME, NOT_NAMES, initials_of
from ..checks.numbers import english_numbers, korean_numbers
from ..leftovers.features import WEB_ADDRESS  # web addresses and bare domains, as the debris recogniser reads them

# figures below this are as often spelled out in English ("three") as written in digits
_MIN_FIGURE = 10


@dataclass(frozen=True)
class Evidence:
    """A document's transferable tokens: ``facts`` (figures and addresses, written alike on both
    sides) and ``names`` (Korean: Latin names kept in the text; English: every Latin word and the
    initials of capitalised runs, where a Korean name may be found)."""

    facts: frozenset[str]
    names: frozenset[str]


def korean_evidence(text: str) -> Evidence:
    names = {m.group().strip(".-'") for m in LATIN_NAME.finditer(text)}
    keys = {n.casefold().replace(".", "") for n in names if len(n) >= 2 and not NOT_A_NAME.fullmatch(n)}
    return Evidence(_facts(text, korean_numbers(text)), frozenset(keys - NOT_NAMES))


def english_evidence(text: str) -> Evidence:
    words = {m.group().strip(".-'").casefold().replace(".", "") for m in LATIN_NAME.finditer(text)}
    # "UNDP and the Korean National Police Agency" gives UKNPA: KNPA is in it
    initials = {w[a:b].casefold() for w in initials_of(text).split() for a in range(len(w))
                for b in range(a + 2, len(w) + 1)}
    return Evidence(_facts(text, english_numbers(text)), frozenset(words | initials))


def _facts(text: str, numbers) -> frozenset[str]:
    figures = {f"{n.value:g}" for n in numbers if n.exact and n.value >= _MIN_FIGURE}
    urls = {_url_key(m.group()) for m in WEB_ADDRESS.finditer(text)}
    return frozenset(figures | urls)


def _url_key(url: str) -> str:
    url = regex.sub(r"^(?:https?://)?(?:www\.)?", "", url.casefold())
    return "url:" + url.rstrip("/.,;")


class EvidenceWeights:
    """Inverse document frequency of every token over the documents of both sides."""

    def __init__(self, ko: list[Evidence], en: list[Evidence]):
        counts: Counter[str] = Counter()
        for e in ko + en:
            counts.update(e.facts | e.names)
        total = len(ko) + len(en)
        self._idf = {t: math.log(1 + total / n) for t, n in counts.items()}

    def weight(self, tokens) -> float:
        return sum(self._idf.get(t, 0.0) for t in tokens)

    def agreement(self, ko: Evidence, en: Evidence) -> tuple[float | None, str]:
        """Weighted share of the pair's evidence that agrees, in [0, 1] (``None``: neither side has
        any), and a short account of it such as ``"numbers 5/6, names 2/2 (UNDP KNPA)"``."""
        shared_facts = ko.facts & en.facts
        all_facts = ko.facts | en.facts
        shared_names = ko.names & en.names
        total = self.weight(all_facts) + self.weight(ko.names)
        if total == 0:
            return None, "no figures or names"
        share = (self.weight(shared_facts) + self.weight(shared_names)) / total
        shown = " ".join(sorted(shared_names)[:4]).upper()
        account = (f"figures {len(shared_facts)}/{len(all_facts)}, names {len(shared_names)}/{len(ko.names)}"
                   + (f" ({shown})" if shown else ""))
        return share, account


class PairEvidence:
    """The evidence of every document of both sides, weighed over all of them."""

    def __init__(self, ko_texts: list[str], en_texts: list[str]):
        self.ko = [korean_evidence(t) for t in ko_texts]
        self.en = [english_evidence(t) for t in en_texts]
        self.weights = EvidenceWeights(self.ko, self.en)

    def agreement(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Per candidate pair ``(i[n], j[n])``, the share of its evidence that agrees (NaN: none either side)."""
        shares = [self.weights.agreement(self.ko[a], self.en[b])[0] for a, b in zip(i.tolist(), j.tolist())]
        return np.array([np.nan if s is None else s for s in shares], dtype=np.float64)

    def account(self, ko: int, en: int) -> str:
        """What the evidence of Korean document ``ko`` and English ``en`` says, in a few words."""
        return self.weights.agreement(self.ko[ko], self.en[en])[1]
