"""A document's summary: how much of each side found a counterpart, what was left and why, what was flagged."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .types import Alignment

# Leftover categories that are page debris rather than content.
DEBRIS = ("ui", "related", "notice", "copyright", "marker", "timestamp", "caption", "credit", "byline", "dateline")


@dataclass(frozen=True)
class SideSummary:
    sentences: int
    aligned_sentences: int
    characters: int          # non-whitespace
    aligned_characters: int


@dataclass(frozen=True)
class Summary:
    ko: SideSummary
    en: SideSummary
    pairs: int
    pair_kinds: dict[str, int]
    leftovers: dict[str, int]                     # category -> count, most frequent first
    omissions: list[str] = field(default_factory=list)
    additions: list[str] = field(default_factory=list)
    flags: list[tuple[str, str, str]] = field(default_factory=list)  # (ko text, en text, message)
    doc_score: float = 0.0
    signature: str = ""


def summarize(alignment: Alignment) -> Summary:
    """Counts and lists a reviewer needs, from one alignment."""
    def side(name):
        sentences = getattr(alignment, name)
        aligned = {i for b in alignment.pairs for i in getattr(b, name)}
        chars = [sum(not c.isspace() for c in s.text) for s in sentences]
        return SideSummary(len(sentences), len(aligned), sum(chars), sum(chars[i] for i in aligned))

    flags = []
    for bead in alignment.pairs:
        ko, en = alignment.texts(bead)
        flags += [(ko, en, f.message) for f in bead.flags]
    leftovers = alignment.leftovers
    return Summary(
        ko=side("ko"), en=side("en"), pairs=len(alignment.pairs),
        pair_kinds=dict(Counter(b.kind for b in alignment.pairs)),
        leftovers=dict(sorted(Counter(b.category for b in leftovers).items(),
                              key=lambda kv: (-kv[1], kv[0]))),
        omissions=[alignment.texts(b)[0] for b in leftovers if b.category == "omission"],
        additions=[alignment.texts(b)[1] for b in leftovers if b.category == "addition"],
        flags=flags, doc_score=alignment.doc_score, signature=alignment.signature)
