"""The monotone dynamic programme over beads, for many independent pieces at once.

Pieces of similar size are padded to one ``(R + 1) × W`` grid and advanced
together, one row of every piece per step: the Python loop runs over the rows
of the tallest piece in a group, not over the document. Within a row, every bead
shape reads its predecessor row at an offset (a slice), and the English skips
(a chain along the row) are one running maximum.
"""

from __future__ import annotations

import numpy as np

# Bead shapes (Korean count, English count) that pair sentences; at most 4 sentences.
SHAPES = ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (2, 2))
SKIP_KO = len(SHAPES)       # a Korean sentence left alone (1-0)
SKIP_EN = len(SHAPES) + 1   # an English sentence left alone (0-1)
STEPS = SHAPES + ((1, 0), (0, 1))


def best_paths(gains: np.ndarray, skip: float, rows: np.ndarray,
               cols: np.ndarray) -> list[list[tuple[int, int, int, int]]]:
    """The highest-scoring monotone bead sequence of each piece.

    ``gains[s, k, t - 1, w]`` is the gain of shape ``SHAPES[s]`` ending after
    ``t`` Korean and ``w`` English sentences of piece ``k`` (``-inf`` where
    impossible); ``skip`` is the gain of leaving one sentence alone; piece k
    has ``rows[k]`` Korean and ``cols[k]`` English sentences. Returns, per
    piece, beads as ``(ko_count, en_count, ko_end, en_end)`` in local
    positions, in order.
    """
    _, pieces, height, width = gains.shape
    score = np.full((pieces, height + 1, width), -np.inf)
    back = np.full((pieces, height + 1, width), -1, dtype=np.int8)
    # prefix[w]: gain of skipping English sentences 0..w-1, so a row's chain of
    # English skips is one running maximum
    prefix = skip * np.arange(width)
    for t in range(height + 1):
        best = np.full((pieces, width), -np.inf)
        step = np.full((pieces, width), -1, dtype=np.int8)
        if t == 0:
            best[:, 0] = 0.0
        else:
            _relax(best, step, score[:, t - 1] + skip, SKIP_KO)
            for s, (a, b) in enumerate(SHAPES):
                if t >= a:
                    _relax(best[:, b:], step[:, b:], score[:, t - a, :width - b] + gains[s, :, t - 1, b:], s)
        run = np.maximum.accumulate(best - prefix, axis=1) + prefix
        step[run > best] = SKIP_EN
        score[:, t], back[:, t] = run, step
    return [_trace(back[k], int(rows[k]), int(cols[k])) for k in range(pieces)]


def _relax(best: np.ndarray, step: np.ndarray, candidate: np.ndarray, code: int) -> None:
    better = candidate > best
    best[better] = candidate[better]
    step[better] = code


def _trace(back: np.ndarray, n: int, m: int) -> list[tuple[int, int, int, int]]:
    beads = []
    r, c = n, m
    while r > 0 or c > 0:
        code = back[r, c]
        if code < 0:
            raise RuntimeError("alignment grid does not connect the piece's corners")
        a, b = STEPS[code]
        beads.append((a, b, r, c))
        r, c = r - a, c - b
    beads.reverse()
    return beads
