"""Null decisions calibrated per document, from the pair's own confident anchors.

The score's knobs are fitted on Korean–English news, where a translation's characters
run about e^0.62 times the Korean's and a true pair's (centred) cosine is about 0.57.
Another outlet's style, a looser translation or another language pair moves both. The
pairs that are each other's best match are almost all true pairs whatever the style,
so their length ratios and cosines say where this document's true pairs lie; the
estimates are shrunk towards the fitted values by ``params.calibration_prior`` pseudo
anchors, so a short document keeps close to them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from .scoring import Neighbours, ScoringParams

# A mutual best match below this cosine is not trusted as evidence of a true pair.
MIN_ANCHOR_COSINE = 0.3


@dataclass(frozen=True)
class Calibration:
    """What a document's anchors said, and the knobs its beads were scored with."""

    anchors: int
    length_mean: float
    length_sd: float
    cosine: float           # the anchors' median cosine, shrunk towards params.cosine_reference
    threshold: float
    floor: float

    @classmethod
    def none(cls, params: ScoringParams) -> "Calibration":
        """No anchors: the fitted values as they are."""
        return cls(0, params.length_mean, params.length_sd, params.cosine_reference, params.threshold, params.floor)

    def as_text(self) -> str:
        return (f"anchors={self.anchors},length_mean={self.length_mean:.3f},length_sd={self.length_sd:.3f},"
                f"cosine={self.cosine:.3f},threshold={self.threshold:.3f},floor={self.floor:.3f}")


def calibrate(near: Neighbours, ko_chars: np.ndarray, en_chars: np.ndarray, ko_fixed: np.ndarray,
              en_fixed: np.ndarray, params: ScoringParams) -> tuple[Calibration, ScoringParams]:
    """This document's estimates, and ``params`` with its length ratio, threshold and floor set from them.

    The threshold moves by ``params.threshold_slope`` per unit of the anchors' cosine
    above or below the reference, and the floor in proportion to it: where true pairs
    are looser, a looser pair is still a pair.
    """
    ko = np.flatnonzero((near.ko_best >= 0) & ~ko_fixed)
    en = near.ko_best[ko]
    mutual = (near.en_best[en] == ko) & ~en_fixed[en] & (near.ko_best_cos[ko] >= MIN_ANCHOR_COSINE)
    ko, en = (ko[mutual], en[mutual]) if params.calibrate else (ko[:0], en[:0])
    n, prior = len(ko), params.calibration_prior
    ratios = np.log((en_chars[en] + 10) / (ko_chars[ko] + 10))
    mean = (ratios.sum() + prior * params.length_mean) / (n + prior)
    sd = float(np.sqrt((((ratios - mean) ** 2).sum() + prior * params.length_sd ** 2) / (n + prior)))
    median = float(np.median(near.ko_best_cos[ko])) if n else params.cosine_reference
    cosine = (n * median + prior * params.cosine_reference) / (n + prior)
    threshold = params.threshold + params.threshold_slope * (cosine - params.cosine_reference)
    floor = params.floor * cosine / params.cosine_reference
    calibration = Calibration(int(n), float(mean), sd, float(cosine), float(threshold), float(floor))
    return calibration, replace(params, length_mean=float(mean), length_sd=sd, threshold=float(threshold),
                                floor=float(floor))
