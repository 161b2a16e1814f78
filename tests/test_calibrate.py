"""Null decisions calibrated per document: the length ratio and the threshold follow the pair's own anchors."""

from __future__ import annotations

import dataclasses

import numpy as np

from align import align_texts
from align.aligner import ScoringParams, align_embeddings, vector_runs

def translations(n: int, noise: float, dim: int = 64, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """``n`` Korean sentence vectors and English ones that translate them, ``noise`` apart."""
    rng = np.random.default_rng(seed)
    ko = rng.normal(size=(n, dim))
    en = ko + noise * rng.normal(size=(n, dim))
    return (ko / np.linalg.norm(ko, axis=1, keepdims=True)).astype(np.float32), \
        (en / np.linalg.norm(en, axis=1, keepdims=True)).astype(np.float32)


def aligned(ko, en, ko_chars, en_chars, **knobs):
    return align_embeddings(vector_runs(ko), vector_runs(en), ko_chars, en_chars,
                            params=dataclasses.replace(ScoringParams(), **knobs))


def test_the_length_ratio_is_estimated_from_the_anchors():
    ko, en = translations(30, 0.6)
    # another language pair: the translation is as long as the original, not ~1.9 times
    result = aligned(ko, en, np.full(30, 40.0), np.full(30, 40.0))
    fitted, prior = ScoringParams().length_mean, ScoringParams().calibration_prior
    n = result.calibration.anchors
    assert n >= 20
    # the anchors' ratio (0) shrunk towards the fitted value by the prior's pseudo anchors
    assert abs(result.calibration.length_mean - prior * fitted / (n + prior)) < 1e-6
    assert result.calibration.length_mean < fitted / 2
    uncalibrated = aligned(ko, en, np.full(30, 40.0), np.full(30, 40.0), calibrate=False)
    assert uncalibrated.calibration.length_mean == fitted and uncalibrated.calibration.anchors == 0


def test_looser_translations_lower_the_bar_and_keep_more_of_their_pairs():
    truth = {((i,), (i,)) for i in range(30)}
    chars = np.full(30, 40.0), np.full(30, 75.0)
    kept = kept_without = 0
    for seed in range(10):  # documents whose true pairs are loose (cosine about 0.25)
        ko, en = translations(30, 4.0, seed=seed)
        loose = aligned(ko, en, *chars)
        assert loose.calibration.cosine < ScoringParams().cosine_reference
        assert loose.calibration.floor < ScoringParams().floor
        kept += len({(b.ko, b.en) for b in loose.beads} & truth)
        kept_without += len({(b.ko, b.en) for b in aligned(ko, en, *chars, calibrate=False).beads} & truth)
    assert kept > kept_without + 5


def test_a_document_without_anchors_keeps_the_fitted_knobs():
    ko, en = translations(5, 0.1)
    empty = aligned(ko[:0], en, np.zeros(0), np.full(5, 75.0))
    assert empty.calibration.anchors == 0 and empty.calibration.threshold == ScoringParams().threshold


def test_the_signature_reports_the_estimate():
    result = align_texts("경찰이 범인을 잡았다. 그는 자백했다. 재판은 다음 달 열린다.",
                         "Police caught the culprit. He confessed. The trial opens next month.")
    calibrated = result.settings["calibrated"]
    assert calibrated.startswith("anchors=") and "length_mean=" in calibrated
    assert f"calibrated:{calibrated}" in result.signature
