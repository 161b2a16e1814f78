"""Cutting a document pair into independent pieces at confident anchors.

Two consecutive sentence pairs that are each other's best match in both
directions, with a clear cosine, leave no doubt that the alignment path passes
between them. Cutting there splits the search into small pieces that are solved
exactly and side by side (see :mod:`align.aligner.dp`), instead of one long row
loop over the whole document.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

import numpy as np

# A mutual best match below this cosine is not trusted as an anchor.
ANCHOR_COSINE = 0.6


@dataclass(frozen=True)
class Piece:
    """Korean sentences ``ko_start..ko_end - 1`` against English ``en_start..en_end - 1``."""

    ko_start: int
    ko_end: int
    en_start: int
    en_end: int

    @property
    def ko_count(self) -> int:
        return self.ko_end - self.ko_start

    @property
    def en_count(self) -> int:
        return self.en_end - self.en_start

    @property
    def cells(self) -> int:
        return (self.ko_count + 1) * (self.en_count + 1)


def anchors(ko_best: np.ndarray, ko_best_cos: np.ndarray, en_best: np.ndarray,
            ko_fixed: np.ndarray, en_fixed: np.ndarray,
            min_cosine: float = ANCHOR_COSINE) -> list[tuple[int, int]]:
    """Mutual best matches ``(i, j)`` above ``min_cosine``, the longest chain of them in document order.

    ``ko_best[i]`` is Korean sentence i's best English match (-1 for none),
    ``en_best[j]`` English sentence j's best Korean one.
    """
    i = np.nonzero(ko_best >= 0)[0]
    j = ko_best[i]
    mutual = (en_best[j] == i) & (ko_best_cos[i] >= min_cosine) & ~ko_fixed[i] & ~en_fixed[j]
    return _increasing_chain(list(zip(i[mutual].tolist(), j[mutual].tolist())))


def _increasing_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by first item) strictly increasing in the second."""
    tails: list[int] = []        # smallest second item ending a chain of each length
    tail_at: list[int] = []      # index into pairs of that chain end
    previous = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[length], tail_at[length] = j, k
        previous[k] = tail_at[length - 1] if length else -1
    chain, k = [], tail_at[-1] if tail_at else -1
    while k >= 0:
        chain.append(pairs[k])
        k = previous[k]
    return chain[::-1]


def cut(n: int, m: int, anchor_pairs: list[tuple[int, int]], guide: np.ndarray | None = None,
        max_cells: int = 1_500_000) -> list[Piece]:
    """Pieces covering the ``n`` × ``m`` search, cut after every anchor followed by the next pair.

    A piece still larger than ``max_cells`` (a long stretch without anchors) is
    cut along ``guide`` (for DP row r, the English position a coarse alignment
    reached); that bounds memory at the cost of exactness inside such a stretch.
    """
    points = [(0, 0)]
    for (i, j), (k, l) in zip(anchor_pairs, anchor_pairs[1:]):
        if k == i + 1 and l == j + 1:
            points.append((k, l))
    points.append((n, m))
    pieces = []
    for (r0, c0), (r1, c1) in zip(points, points[1:]):
        pieces.extend(_split_large(Piece(r0, r1, c0, c1), guide, max_cells))
    return pieces


def _split_large(piece: Piece, guide: np.ndarray | None, max_cells: int) -> list[Piece]:
    if piece.cells <= max_cells or guide is None:
        return [piece]
    step = max(1, int(math.sqrt(max_cells)) // 2)
    points = [(piece.ko_start, piece.en_start)]
    for r in range(piece.ko_start + step, piece.ko_end, step):
        c = int(np.clip(guide[r], points[-1][1], piece.en_end))
        points.append((r, c))
    points.append((piece.ko_end, piece.en_end))
    return [Piece(r0, r1, c0, c1) for (r0, c0), (r1, c1) in zip(points, points[1:])]


def size_classes(pieces: list[Piece]) -> list[list[int]]:
    """Indices of ``pieces`` grouped by size (powers of two), so a group pads little."""
    groups: dict[int, list[int]] = {}
    for k, p in enumerate(pieces):
        side = max(p.ko_count, p.en_count, 1)
        groups.setdefault(math.ceil(math.log2(side)), []).append(k)
    return [groups[c] for c in sorted(groups)]
