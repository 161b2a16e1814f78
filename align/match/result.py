"""The typed values `align match` produces: pairs found, documents left alone, and what made them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentMatch:
    """A Korean document paired with its English edition.

    ``score`` is the pair's score in [0, 1] (see :mod:`align.match.score`); ``evidence`` says what
    supports it, e.g. ``"sentences 0.64, figures 5/6, names 2/2 (UNDP KNPA)"``.
    """

    ko: str
    en: str
    score: float
    evidence: str


@dataclass(frozen=True)
class Unmatched:
    """A document (``side`` ``"ko"`` or ``"en"``) given no partner, and why."""

    path: str
    side: str
    reason: str


@dataclass(frozen=True)
class MatchSettings:
    """Everything besides the documents that decides a matching."""

    model: str
    threshold: float
    margin: float
    candidates: int

    @property
    def signature(self) -> str:
        """A sacrebleu-style line naming the version, model and every setting."""
        from ..pipeline import signature_of
        from .score import EVIDENCE_WEIGHT, MUTUAL_MIN
        return signature_of({"task": "match", "model": self.model, "threshold": f"{self.threshold:g}",
                             "margin": f"{self.margin:g}", "candidates": self.candidates,
                             "mutual_min": f"{MUTUAL_MIN:g}", "evidence_weight": f"{EVIDENCE_WEIGHT:g}"})


@dataclass(frozen=True)
class MatchResult:
    """The pairs found (best first) and every other document with its reason."""

    matches: tuple[DocumentMatch, ...]
    unmatched: tuple[Unmatched, ...]
    settings: MatchSettings

    @property
    def signature(self) -> str:
        return self.settings.signature
