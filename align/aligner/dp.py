"""The monotone dynamic programme over beads, row by row inside a band.

Each row is one vectorised step: every bead shape reads its predecessor row at
an offset, and the within-row English skips (a chain along the row) are solved
with a running maximum instead of a Python loop over cells.
"""

from __future__ import annotations

import numpy as np

from .band import Band

# Bead shapes (Korean count, English count) that pair sentences; at most 4 sentences.
SHAPES = ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (2, 2))
SKIP_KO = len(SHAPES)       # a Korean sentence left alone (1-0)
SKIP_EN = len(SHAPES) + 1   # an English sentence left alone (0-1)
STEPS = SHAPES + ((1, 0), (0, 1))


def best_path(gains: np.ndarray, skip_ko: np.ndarray, skip_en: np.ndarray,
              band: Band) -> list[tuple[int, int, int, int]]:
    """The highest-scoring monotone bead sequence.

    ``gains[s, r - 1, w]`` is the gain of shape ``SHAPES[s]`` ending at DP cell
    ``(r, band.lo[r] + w)`` (``-inf`` where impossible); ``skip_ko[i]`` and
    ``skip_en[j]`` are the gains of leaving one sentence alone. Returns beads as
    ``(ko_count, en_count, ko_end, en_end)`` in document order.
    """
    n, m = len(skip_ko), len(skip_en)
    width, lo = band.width, band.lo
    score = np.full((n + 1, width), -np.inf)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    # prefix[c]: gain of skipping English sentences 0..c-1; lets a row's chain of
    # English skips be one running maximum.
    prefix = np.concatenate([[0.0], np.cumsum(skip_en, dtype=np.float64)])
    for r in range(n + 1):
        cols = band.columns(r)
        inside = cols <= m
        colsc = np.minimum(cols, m)
        best = np.full(width, -np.inf)
        step = np.full(width, -1, dtype=np.int8)
        if r == 0:
            best[cols == 0] = 0.0
        else:
            _relax(best, step, _from_row(score, lo, r - 1, cols) + skip_ko[r - 1], SKIP_KO)
            for s, (a, b) in enumerate(SHAPES):
                if r >= a:
                    _relax(best, step, _from_row(score, lo, r - a, cols - b) + gains[s, r - 1], s)
        best[~inside] = -np.inf
        # English skips along the row: score[c] = max(best[c], score[c-1] + skip_en[c-1])
        run = np.maximum.accumulate(best - prefix[colsc]) + prefix[colsc]
        run[~inside] = -np.inf
        step[run > best] = SKIP_EN
        score[r], back[r] = run, step
    return _trace(back, lo, n, m)


def _from_row(score: np.ndarray, lo: np.ndarray, row: int, cols: np.ndarray) -> np.ndarray:
    """``score[row]`` read at absolute columns ``cols`` (``-inf`` outside the row's band)."""
    idx = cols - lo[row]
    ok = (idx >= 0) & (idx < score.shape[1])
    out = np.full(len(cols), -np.inf)
    out[ok] = score[row, idx[ok]]
    return out


def _relax(best: np.ndarray, step: np.ndarray, candidate: np.ndarray, code: int) -> None:
    better = candidate > best
    best[better] = candidate[better]
    step[better] = code


def _trace(back: np.ndarray, lo: np.ndarray, n: int, m: int) -> list[tuple[int, int, int, int]]:
    beads = []
    r, c = n, m
    while r > 0 or c > 0:
        code = back[r, c - lo[r]]
        if code < 0:
            raise RuntimeError("alignment band does not connect the two documents")
        a, b = STEPS[code]
        beads.append((a, b, r, c))
        r, c = r - a, c - b
    beads.reverse()
    return beads
