"""Where a pair is scored: similarity of the joined sentences, margin, length ratio, confidence."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

from ..embed.base import FLOAT32_ROWS, as_float32
from .band import COSINE_CELLS, Band
from .dp import SHAPES
from .pieces import Piece


@dataclass(frozen=True)
class ScoringParams:
    """The knobs of the bead score (reported in every result's signature).

    ``threshold``, ``margin``, ``length_weight``, ``merge_costs``, ``floor``,
    ``floor_weight``, ``debris_weight``, ``calibration_prior``
    and ``threshold_slope`` are chosen, and the confidence fitted, by
    ``benchmarks/fit_scoring.py`` on Park news documents built with other seeds
    than the benchmark reports on.

    A bead of shape a-b with joined embeddings x, y gains
    ``cos(x, y) - margin * background - threshold - length_weight * z**2 - merge_costs[a-b]``
    where ``background`` is the mean of x's and y's ``k`` best cosines elsewhere
    (a sentence similar to everything proves little) and ``z`` is how many
    standard deviations the English/Korean character ratio is from its usual value,
    less ``floor_weight`` per unit of cosine below ``floor``, less ``debris_weight``
    times its sentences' probability of being page debris (the largest on each side), and less
    ``debris_both_weight`` times :func:`both_debris` of those.
    Each merge shape has its own cost: the encoder joins runs of sentences unevenly
    well, so a 3-1 bead needs stronger evidence than a 1-3 one. With ``centre``, every
    cosine is taken after :func:`centre_runs`. With ``calibrate``, ``length_mean``,
    ``length_sd``, ``threshold`` and ``floor`` are the document's own estimates
    (:mod:`align.aligner.calibrate`), and these fields are where they start from.
    """

    centre: bool = True
    threshold: float = -0.185
    margin: float = 0.45
    k: int = 4
    length_mean: float = 0.62   # log((en chars + 10) / (ko chars + 10)) in Korean–English news
    length_sd: float = 0.28
    length_weight: float = 0.02
    merge_costs: tuple[float, ...] = (0.025, 0.02, 0.005, 0.01, 0.08)  # for SHAPES[1:]: 1-2 2-1 1-3 3-1 2-2
    skip: float = 0.0
    floor: float = 0.21         # below this cosine a pair is penalised steeply ...
    floor_weight: float = 5.0   # ... by this much per unit of cosine short of the floor
    # confidence = logistic(bias + cos_weight * cosine + gain_weight * gain), fitted to pairs
    # strictly correct or not, pairs between unrelated articles included as wrong
    conf_bias: float = -7.35
    conf_cos_weight: float = 15.56
    conf_gain_weight: float = 5.21
    debris_weight: float = 0.3      # a bead's cost per unit of its sentences' probability of being page debris
    debris_both_weight: float = 0.25  # more where both sides are near-certain debris (both_debris)
    # a leftover is named page debris from this probability (a page's segment from 0.5): one with no
    # counterpart is debris far more often (chosen of 0.5, 0.35, 0.2, 0.1 on fit seeds and fit real pairs)
    leftover_debris: float = 0.35
    # per-document calibration (align/aligner/calibrate.py): the length ratio and the null
    # threshold estimated from the document's mutual best matches, shrunk towards the values
    # above by this many pseudo anchors
    calibrate: bool = True
    calibration_prior: float = 12.0
    cosine_reference: float = 0.57   # the anchors' median cosine in the news the knobs are fitted on
    threshold_slope: float = -0.1    # threshold change per unit of anchor cosine above the reference

    def __post_init__(self):
        if len(self.merge_costs) != len(SHAPES) - 1:
            shapes = ", ".join(f"{a}-{b}" for a, b in SHAPES[1:])
            raise ValueError(f"merge_costs needs {len(SHAPES) - 1} costs, for {shapes}")

    def as_dict(self) -> dict:
        return asdict(self)


def length_z(ko_chars, en_chars, params: ScoringParams = ScoringParams()):
    """How many standard deviations the English/Korean character ratio is from its usual value."""
    return (np.log((en_chars + 10) / (ko_chars + 10)) - params.length_mean) / params.length_sd


def centre_runs(runs: np.ndarray, in_place: bool = False) -> np.ndarray:
    """Run embeddings minus their document's mean sentence vector, renormalised.

    All sentences of one article share its topic and its language's direction,
    so a neighbouring sentence of the same story looks like a loose translation;
    without the shared part, cosines say which sentence says the same thing.
    The mean is shrunk by n / (n + 2) so a text of one or two sentences keeps
    its direction. Rows of runs that do not exist (zero) stay zero. ``in_place``
    overwrites ``runs`` instead of making a copy of them, the largest array a long
    text holds. A block of rows at a time, in float32: a long text's float16 runs
    are centred without a float32 copy of them, and no norm takes a copy of a run length.
    """
    n = runs.shape[1]
    if n == 0:
        return runs
    mean = runs[0].mean(axis=0, dtype=np.float32) * (n / (n + 2))
    out = runs if in_place else np.empty(runs.shape, np.float16 if runs.dtype == np.float16 else np.float32)
    for k in range(len(runs)):
        for start in range(0, n, FLOAT32_ROWS):
            rows = slice(start, start + FLOAT32_ROWS)
            block = as_float32(runs[k, rows])
            present = block.any(axis=1)
            block = block - mean
            block /= np.maximum(np.linalg.norm(block, axis=1, keepdims=True), 1e-12)
            block[~present] = 0
            out[k, rows] = block
    return out


def band_cosines(x: np.ndarray, y: np.ndarray, lo: np.ndarray, width: int,
                 block: int = 256) -> np.ndarray:
    """``out[i, w] = x[i] · y[lo[i] + w]``; ``-inf`` (no match) where ``lo[i] + w`` is outside ``y``.

    Row blocks keep the work a few matrix products; ``lo`` is non-decreasing, so
    a block's columns are a short contiguous span.
    """
    n, m = len(x), len(y)
    out = np.full((n, width), -np.inf, dtype=np.float32)
    offsets = np.arange(width)
    for start in range(0, n, block):
        rows = slice(start, min(n, start + block))
        first = int(max(0, lo[rows].min()))
        last = int(min(m, lo[rows].max() + width))
        if last <= first:
            continue
        local = as_float32(x[rows]) @ as_float32(y[first:last]).T
        if lo[rows].min() == lo[rows].max():  # all rows start alike (the full matrix): a plain copy
            start = int(lo[rows][0])
            out[rows, first - start:last - start] = local
            continue
        cols = lo[rows, None] + offsets - first
        ok = (cols >= 0) & (cols < last - first)
        block_out = np.full(cols.shape, -np.inf, dtype=np.float32)
        rr = np.nonzero(ok)[0]
        block_out[ok] = local[rr, cols[ok]]
        out[rows] = block_out
    return out


def transpose_band(band: Band, n: int, m: int) -> tuple[np.ndarray, int]:
    """For English sentence j, the first Korean sentence whose band row reaches it, and the width."""
    sent_lo = band.lo[1:] - 1  # sentence-level band of Korean sentence i
    sent_hi = sent_lo + band.width
    first = np.searchsorted(sent_hi, np.arange(m), side="right")
    last = np.searchsorted(sent_lo, np.arange(m), side="right")
    width = int(max(1, (last - first).max(initial=1)))
    cap = max(1, COSINE_CELLS // max(m, 1))
    if width > cap:  # as in band_from_path: the middle of each column's stretch, no wider than the budget
        first, width = (first + last - cap) // 2, cap
    return np.clip(first, 0, max(n - 1, 0)).astype(np.int64), width


# Cosines of a long text's band held at once while its best matches are searched (8 MB)
SCAN_CELLS = 2_000_000


@dataclass(frozen=True)
class Neighbours:
    """Each sentence's best match on the other side and the mean of its ``k`` best cosines."""

    ko_best: np.ndarray      # (n,) English index, -1 where the band holds none
    ko_best_cos: np.ndarray  # (n,)
    en_best: np.ndarray      # (m,) Korean index
    ko_background: np.ndarray
    en_background: np.ndarray


def neighbours(ko: np.ndarray, en: np.ndarray, band: Band, k: int) -> Neighbours:
    """Best matches and backgrounds of single sentences, searched within ``band``."""
    n, m = len(ko), len(en)
    sent_lo = band.lo[1:] - 1
    if band.full:  # a small matrix (FULL_LIMIT): made once and read by rows and by columns
        ko_view = band_cosines(ko, en, sent_lo, band.width)
        en_view = np.ascontiguousarray(ko_view[:, 1:].T)
        ko_arg, en_arg = ko_view.argmax(axis=1), en_view.argmax(axis=1)
        ko_cos = ko_view[np.arange(n), ko_arg]
        ko_bg, en_bg, en_lo = top_k_mean(ko_view, k), top_k_mean(en_view, k), np.zeros(m, dtype=np.int64)
    else:
        en_lo, width = transpose_band(band, n, m)
        ko_arg, ko_cos, ko_bg = _scan(ko, en, sent_lo, band.width, k)
        en_arg, _, en_bg = _scan(en, ko, en_lo, width, k)
    ko_best = np.where(np.isfinite(ko_cos), sent_lo + ko_arg, -1)
    return Neighbours(ko_best, ko_cos, en_lo + en_arg, ko_bg, en_bg)


def _scan(x: np.ndarray, y: np.ndarray, lo: np.ndarray, width: int, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row of ``x``: the band offset of its best match, that cosine, and its background.

    A block of rows at a time, so a long text never holds its whole band of cosines
    (and the copies taking the top ``k`` makes of it): memory stays flat in the length.
    """
    arg, best, background = (np.zeros(len(x), dtype=np.int64), np.zeros(len(x), dtype=np.float32),
                             np.zeros(len(x)))
    step = max(1, SCAN_CELLS // max(width, 1))
    for start in range(0, len(x), step):
        rows = slice(start, start + step)
        view = band_cosines(x[rows], y, lo[rows], width)
        arg[rows] = view.argmax(axis=1)
        best[rows] = view[np.arange(len(view)), arg[rows]]
        background[rows] = top_k_mean(view, k)
    return arg, best, background


def top_k_mean(cos: np.ndarray, k: int) -> np.ndarray:
    """Mean of each row's ``k`` largest finite values (0 where a row has none); ``-inf`` marks no value."""
    k = min(k, cos.shape[1])
    if not cos.size:
        return np.zeros(len(cos))
    top = np.partition(cos, cos.shape[1] - k, axis=1)[:, -k:]
    finite = np.isfinite(top)
    counts = finite.sum(axis=1)
    sums = np.where(finite, top, 0).sum(axis=1)
    return np.divide(sums, counts, out=np.zeros(len(cos)), where=counts > 0)


def run_sums(values: np.ndarray, max_run: int) -> np.ndarray:
    """``out[k - 1, i]`` = sum of ``values[i - k + 1 .. i]`` (NaN where the run starts before 0)."""
    out = np.full((max_run, len(values)), np.nan)
    csum = np.concatenate([[0.0], np.cumsum(values, dtype=np.float64)])
    for k in range(1, max_run + 1):
        out[k - 1, k - 1:] = csum[k:] - csum[:len(values) - k + 1]
    return out


def run_max(values: np.ndarray, max_run: int) -> np.ndarray:
    """``out[k - 1, i]`` = max of ``values[i - k + 1 .. i]`` (runs that would start before 0 see only what exists)."""
    out = np.zeros((max_run, len(values)))
    out[0] = values
    for k in range(2, max_run + 1):
        out[k - 1] = out[k - 2]
        out[k - 1, k - 1:] = np.maximum(out[k - 2, k - 1:], values[:len(values) - k + 1])
    return out


def piece_gains(ko_runs: np.ndarray, en_runs: np.ndarray, ko_chars: np.ndarray, en_chars: np.ndarray,
                ko_debris: np.ndarray, en_debris: np.ndarray, near: Neighbours, pieces: list[Piece],
                params: ScoringParams) -> tuple[np.ndarray, np.ndarray]:
    """Gain and cosine of every bead shape at every cell of a group of pieces.

    Returns ``(gains, cosines)``, each of shape ``(len(SHAPES), K, R, W)`` for
    ``K`` pieces padded to ``R`` Korean rows and ``W - 1`` English columns,
    indexed as :func:`align.aligner.dp.best_paths` expects. ``ko_debris`` /
    ``en_debris`` are each sentence's probability of being page debris: at 1 it can
    only stand alone; below, a bead pays ``debris_weight`` times the largest
    probability among its sentences on each side.
    """
    n, m = ko_runs.shape[1], en_runs.shape[1]
    ko_start = np.array([p.ko_start for p in pieces])[:, None]
    en_start = np.array([p.en_start for p in pieces])[:, None]
    rows = np.array([p.ko_count for p in pieces])[:, None]
    cols = np.array([p.en_count for p in pieces])[:, None]
    height, width = int(rows.max(initial=0)), int(cols.max(initial=0)) + 1
    t = np.arange(height)                      # the bead ends with local Korean sentence t
    w = np.arange(width)                       # ... after w English sentences of the piece
    ko_idx = np.minimum(ko_start + t, n - 1)   # (K, R)
    en_idx = np.clip(en_start + w - 1, 0, m - 1)  # (K, W)
    row_ok = (t < rows)[:, :, None]
    col_ok = ((w >= 1) & (w <= cols))[:, None, :]

    max_run = ko_runs.shape[0]
    mean_of = np.arange(1, max_run + 1)[:, None]
    ko_bg = (run_sums(near.ko_background, max_run) / mean_of)[:, ko_idx]
    en_bg = (run_sums(near.en_background, max_run) / mean_of)[:, en_idx]
    ko_len, en_len = run_sums(ko_chars, max_run)[:, ko_idx], run_sums(en_chars, max_run)[:, en_idx]
    ko_debris, en_debris = run_max(ko_debris, max_run)[:, ko_idx], run_max(en_debris, max_run)[:, en_idx]
    ko_free, en_free = ko_debris < 1, en_debris < 1

    gains = np.full((len(SHAPES), len(pieces), height, width), -np.inf)
    cosines = np.full(gains.shape, np.nan, dtype=np.float32)
    shape_costs = (0.0,) + tuple(params.merge_costs)
    tiny = height * width <= 64  # many tiny products: einsum beats a BLAS call per piece
    for s, (a, b) in enumerate(SHAPES):
        x, y = as_float32(ko_runs[a - 1][ko_idx]), as_float32(en_runs[b - 1][en_idx])
        cos = np.einsum("krd,kwd->krw", x, y) if tiny else np.matmul(x, y.transpose(0, 2, 1))
        bg = (ko_bg[a - 1][:, :, None] + en_bg[b - 1][:, None, :]) / 2
        z = length_z(ko_len[a - 1][:, :, None], en_len[b - 1][:, None, :], params)
        ko_p, en_p = ko_debris[a - 1][:, :, None], en_debris[b - 1][:, None, :]
        gain = (cos - params.margin * bg - params.threshold
                - params.length_weight * z ** 2 - shape_costs[s]
                - params.floor_weight * np.maximum(params.floor - cos, 0)
                - params.debris_weight * (ko_p + en_p) - params.debris_both_weight * both_debris(ko_p, en_p))
        ok = (row_ok & col_ok & (t >= a - 1)[None, :, None] & (w >= b)[None, None, :]
              & ko_free[a - 1][:, :, None] & en_free[b - 1][:, None, :])
        gains[s] = np.where(ok, gain, -np.inf)
        cosines[s] = np.where(ok, cos, np.nan)
    return gains, cosines


# From here on both sides' debris probability a bead pays ``debris_both_weight`` more: "실시간 뉴스" and
# "Latest News" are alike but no pair; no true pair of the clean suites has both sides this high
DEBRIS_BOTH = 0.9


def both_debris(ko_debris: np.ndarray, en_debris: np.ndarray) -> np.ndarray:
    """0 until the less likely side's debris probability reaches ``DEBRIS_BOTH``, rising to 1 at 1."""
    return np.clip((np.minimum(ko_debris, en_debris) - DEBRIS_BOTH) / (1 - DEBRIS_BOTH), 0, 1)


def confidence(cosine: float, gain: float, params: ScoringParams) -> float:
    """The probability that a bead is right, from its cosine and its gain."""
    logit = params.conf_bias + params.conf_cos_weight * cosine + params.conf_gain_weight * gain
    return 1.0 / (1.0 + math.exp(-logit))
