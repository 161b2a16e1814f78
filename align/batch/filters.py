"""Quality filters for corpus export, each counted: what they remove is set aside, not lost."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..aligner.scoring import length_z
from ..language import korean_english
from ..types import Alignment, Bead


@dataclass(frozen=True)
class QualityFilters:
    """``min_score``: confidence threshold; ``max_length_sd``: how far (in standard deviations
    of Korean–English news) the character-length ratio may stray; ``script``: Korean side
    mostly Hangul, English side mostly Latin; ``dedupe``: drop exact repeats of a pair."""

    min_score: float | None = None
    max_length_sd: float | None = 3.0
    script: bool = True
    dedupe: bool = True

    def reason(self, ko: str, en: str, bead: Bead) -> str | None:
        if self.min_score is not None and bead.score < self.min_score:
            return "min_score"
        if self.max_length_sd is not None:
            if abs(length_z(len(ko), len(en))) > self.max_length_sd:
                return "length_ratio"
        if self.script and not korean_english(ko, en):
            return "script"
        return None


def apply_filters(alignment: Alignment, pairs: list[Bead], filters: QualityFilters, seen: set,
                  counts: Counter) -> tuple[list[Bead], list[Bead]]:
    """Split ``pairs`` into (kept, removed); ``seen`` carries pair texts across documents for dedupe."""
    kept, removed = [], []
    for bead in pairs:
        ko, en = alignment.texts(bead)
        why = filters.reason(ko, en, bead)
        if why is None and filters.dedupe:
            why = "duplicate" if (ko, en) in seen else None
            seen.add((ko, en))
        if why:
            counts[why] += 1
            removed.append(bead)
        else:
            kept.append(bead)
    return kept, removed
