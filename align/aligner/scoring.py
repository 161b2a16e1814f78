"""Where a pair is scored: similarity of the joined sentences, margin, length ratio, confidence."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from .band import Band
from .dp import SHAPES


@dataclass(frozen=True)
class ScoringParams:
    """The knobs of the bead score (fitted on the benchmark; reported in every result's signature).

    A bead of shape a-b with joined embeddings x, y gains
    ``cos(x, y) - margin * background - threshold - length_weight * z**2 - merge_cost * (a + b - 2)``
    where ``background`` is the mean of x's and y's ``k`` best cosines elsewhere
    (a sentence similar to everything proves little) and ``z`` is how many
    standard deviations the English/Korean character ratio is from its usual value.
    """

    threshold: float = -0.10
    margin: float = 0.25
    k: int = 4
    length_mean: float = 0.62   # log((en chars + 10) / (ko chars + 10)) in Korean–English news
    length_sd: float = 0.28
    length_weight: float = 0.01
    merge_cost: float = 0.0
    skip: float = 0.0
    floor: float = 0.20         # below this cosine a pair is penalised steeply ...
    floor_weight: float = 3.0   # ... by this much per unit of cosine short of the floor
    # confidence = logistic(bias + cos_weight * cosine + gain_weight * gain), fitted on the
    # benchmark's beads (correct vs wrong, unrelated article pairs included as wrong)
    conf_bias: float = -3.76
    conf_cos_weight: float = 17.8
    conf_gain_weight: float = -6.0

    def as_dict(self) -> dict:
        return asdict(self)


def band_cosines(x: np.ndarray, y: np.ndarray, lo: np.ndarray, width: int,
                 block: int = 256) -> np.ndarray:
    """``out[i, w] = x[i] · y[lo[i] + w]``; NaN where ``lo[i] + w`` is outside ``y``.

    Row blocks keep the work a few matrix products; ``lo`` is non-decreasing, so
    a block's columns are a short contiguous span.
    """
    n, m = len(x), len(y)
    out = np.full((n, width), np.nan, dtype=np.float32)
    offsets = np.arange(width)
    for start in range(0, n, block):
        rows = slice(start, min(n, start + block))
        first = int(max(0, lo[rows].min()))
        last = int(min(m, lo[rows].max() + width))
        if last <= first:
            continue
        local = x[rows] @ y[first:last].T
        if lo[rows].min() == lo[rows].max():  # all rows start alike (the full matrix): a plain copy
            start = int(lo[rows][0])
            out[rows, first - start:last - start] = local
            continue
        cols = lo[rows, None] + offsets - first
        ok = (cols >= 0) & (cols < last - first)
        block_out = np.full(cols.shape, np.nan, dtype=np.float32)
        rr = np.nonzero(ok)[0]
        block_out[ok] = local[rr, cols[ok]]
        out[rows] = block_out
    return out


def top_k_mean(cos: np.ndarray, k: int) -> np.ndarray:
    """Mean of each row's ``k`` largest finite values (0 where a row has none)."""
    filled = np.where(np.isnan(cos), -np.inf, cos)
    k = min(k, cos.shape[1])
    top = -np.partition(-filled, k - 1, axis=1)[:, :k]
    top = np.where(np.isfinite(top), top, np.nan)
    with np.errstate(invalid="ignore"):
        means = np.nanmean(top, axis=1) if top.size else np.zeros(len(cos))
    return np.nan_to_num(means, nan=0.0)


def transpose_band(band: Band, n: int, m: int) -> tuple[np.ndarray, int]:
    """For English sentence j, the first Korean sentence whose band row reaches it, and the width."""
    sent_lo = band.lo[1:] - 1  # sentence-level band of Korean sentence i
    sent_hi = sent_lo + band.width
    first = np.searchsorted(sent_hi, np.arange(m), side="right")
    last = np.searchsorted(sent_lo, np.arange(m), side="right")
    width = int(max(1, (last - first).max(initial=1)))
    return np.minimum(first, max(n - 1, 0)).astype(np.int64), width


def run_sums(values: np.ndarray, max_run: int) -> np.ndarray:
    """``out[k - 1, i]`` = sum of ``values[i - k + 1 .. i]`` (NaN where the run starts before 0)."""
    out = np.full((max_run, len(values)), np.nan)
    csum = np.concatenate([[0.0], np.cumsum(values, dtype=np.float64)])
    for k in range(1, max_run + 1):
        out[k - 1, k - 1:] = csum[k:] - csum[:len(values) - k + 1]
    return out


def bead_gains(ko_runs: np.ndarray, en_runs: np.ndarray, ko_chars: np.ndarray, en_chars: np.ndarray,
               ko_fixed: np.ndarray, en_fixed: np.ndarray, band: Band,
               params: ScoringParams) -> tuple[np.ndarray, np.ndarray]:
    """Gain and cosine of every bead shape at every band cell.

    Returns ``(gains, cosines)``, each of shape ``(len(SHAPES), n, band.width)``
    indexed as :func:`align.aligner.dp.best_path` expects. Sentences marked in
    ``ko_fixed`` / ``en_fixed`` (recognised page debris) can only stand alone.
    """
    n, m = ko_runs.shape[1], en_runs.shape[1]
    sent_lo = band.lo[1:] - 1
    width = band.width
    cols = sent_lo[:, None] + np.arange(width)          # English sentence ending the bead
    colsc = np.clip(cols, 0, max(m - 1, 0))
    valid_col = (cols >= 0) & (cols < m)

    ko_bg = top_k_mean(band_cosines(ko_runs[0], en_runs[0], sent_lo, width), params.k)
    t_lo, t_width = transpose_band(band, n, m)
    en_bg = top_k_mean(band_cosines(en_runs[0], ko_runs[0], t_lo, t_width), params.k)

    max_run = ko_runs.shape[0]
    ko_bg_run = run_sums(ko_bg, max_run) / np.arange(1, max_run + 1)[:, None]
    en_bg_run = run_sums(en_bg, max_run) / np.arange(1, max_run + 1)[:, None]
    ko_len_run = run_sums(ko_chars, max_run)
    en_len_run = run_sums(en_chars, max_run)
    ko_fixed_run = run_sums(ko_fixed.astype(float), max_run)
    en_fixed_run = run_sums(en_fixed.astype(float), max_run)

    gains = np.full((len(SHAPES), n, width), -np.inf)
    cosines = np.full((len(SHAPES), n, width), np.nan, dtype=np.float32)
    for s, (a, b) in enumerate(SHAPES):
        cos = band_cosines(ko_runs[a - 1], en_runs[b - 1], sent_lo, width)
        bg = (ko_bg_run[a - 1][:, None] + en_bg_run[b - 1][colsc]) / 2
        z = (np.log((en_len_run[b - 1][colsc] + 10) / (ko_len_run[a - 1][:, None] + 10))
             - params.length_mean) / params.length_sd
        gain = (cos - params.margin * bg - params.threshold
                - params.length_weight * z ** 2 - params.merge_cost * (a + b - 2)
                - params.floor_weight * np.maximum(params.floor - cos, 0))
        ok = (valid_col & (cols - b + 1 >= 0) & np.isfinite(gain)
              & (ko_fixed_run[a - 1][:, None] == 0) & (en_fixed_run[b - 1][colsc] == 0))
        gains[s] = np.where(ok, gain, -np.inf)
        cosines[s] = np.where(ok, cos, np.nan)
    return gains, cosines


def confidence(cosine: np.ndarray | float, gain: np.ndarray | float,
               params: ScoringParams) -> np.ndarray | float:
    """The probability that a bead is right, from its cosine and its gain."""
    logit = (params.conf_bias + params.conf_cos_weight * np.asarray(cosine)
             + params.conf_gain_weight * np.asarray(gain))
    return 1.0 / (1.0 + np.exp(-logit))
