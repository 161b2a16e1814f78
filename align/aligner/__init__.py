"""The embedding aligner: sentence-run embeddings in, monotone beads out."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..embed.base import normalise
from .band import FULL_LIMIT, Band, band_from_path, block_means, full_band
from .calibrate import Calibration, calibrate
from .dp import SHAPES, best_paths
from .pieces import Piece, anchors, cut, size_classes
from .scoring import ScoringParams, centre_runs, confidence, neighbours, piece_gains

MAX_RUN = max(max(shape) for shape in SHAPES)
# DP cells scored in one batch of same-size pieces (each cell holds a few floats per merge shape)
BATCH_CELLS = 200_000

__all__ = ["MAX_RUN", "Aligned", "Calibration", "RawBead", "ScoringParams", "align_embeddings", "vector_runs"]


@dataclass(frozen=True)
class RawBead:
    """A bead before it is dressed with texts and categories: indices, gain, cosine, confidence."""

    ko: tuple[int, ...]
    en: tuple[int, ...]
    gain: float
    cosine: float
    score: float


@dataclass(frozen=True)
class Aligned:
    """The beads of a document, in order, and the calibration they were scored with."""

    beads: list[RawBead]
    calibration: Calibration


def align_embeddings(ko_runs: np.ndarray, en_runs: np.ndarray, ko_chars: np.ndarray,
                     en_chars: np.ndarray, ko_debris: np.ndarray | None = None,
                     en_debris: np.ndarray | None = None,
                     params: ScoringParams = ScoringParams(), consume: bool = False) -> Aligned:
    """Align two documents given the embeddings of their sentence runs.

    ``ko_runs``/``en_runs`` have shape ``(MAX_RUN, n, dim)`` as made by
    :func:`align.embed.embed_runs`; ``*_chars`` are sentence lengths in
    characters; ``*_debris`` are the probabilities that sentences are page
    debris: 1 (or ``True``) keeps a sentence unaligned, a lesser one makes pairing
    it dearer (``params.debris_weight``), and from 0.5 it is no anchor.
    Every sentence ends up in exactly one bead, in document order. With
    ``consume``, the (float32) run arrays are centred in place, saving a copy of
    them: the caller must not use them afterwards.

    The search: each sentence's best match and background within a band (the
    whole matrix for articles), the document's calibration from its mutual best
    matches, cuts between consecutive anchors, and an exact dynamic programme on
    every piece, pieces of a size class side by side.
    """
    n, m = ko_runs.shape[1], en_runs.shape[1]
    if params.centre:
        ko_runs, en_runs = centre_runs(ko_runs, consume), centre_runs(en_runs, consume)
    ko_debris = np.zeros(n) if ko_debris is None else np.asarray(ko_debris, dtype=np.float64)
    en_debris = np.zeros(m) if en_debris is None else np.asarray(en_debris, dtype=np.float64)
    ko_unsure, en_unsure = ko_debris >= 0.5, en_debris >= 0.5
    if n == 0 or m == 0:
        return Aligned([RawBead((i,), (), 0.0, float("nan"), 0.0) for i in range(n)]
                       + [RawBead((), (j,), 0.0, float("nan"), 0.0) for j in range(m)],
                       Calibration.none(params))
    band, guide = _band(ko_runs[0], en_runs[0], ko_chars, en_chars, params)
    near = neighbours(ko_runs[0], en_runs[0], band, params.k)
    calibration, params = calibrate(near, ko_chars, en_chars, ko_unsure, en_unsure, params)
    all_pieces = cut(n, m, anchors(near.ko_best, near.ko_best_cos, near.en_best, ko_unsure, en_unsure),
                     guide, FULL_LIMIT)
    by_piece: list[list[RawBead]] = [[] for _ in all_pieces]
    for group in _bounded(size_classes(all_pieces), all_pieces):
        group_pieces = [all_pieces[k] for k in group]
        gains, cosines = piece_gains(ko_runs, en_runs, ko_chars, en_chars, ko_debris, en_debris, near,
                                     group_pieces, params)
        rows = np.array([p.ko_count for p in group_pieces])
        cols = np.array([p.en_count for p in group_pieces])
        for k, path in enumerate(best_paths(gains, params.skip, rows, cols)):
            by_piece[group[k]] = _dress(group_pieces[k], k, path, gains, cosines, params)
    return Aligned([bead for piece_beads in by_piece for bead in piece_beads], calibration)


def _bounded(groups: list[list[int]], pieces: list[Piece]) -> list[list[int]]:
    """Size classes cut into batches of at most ``BATCH_CELLS`` DP cells: pieces side by side are
    fast, but all of a long document's pieces at once would hold gigabytes."""
    out = []
    for group in groups:
        cells = max((pieces[k].ko_count + 1) * (pieces[k].en_count + 1) for k in group)
        step = max(1, BATCH_CELLS // cells)
        out += [group[i:i + step] for i in range(0, len(group), step)]
    return out


def _dress(piece: Piece, k: int, path, gains: np.ndarray, cosines: np.ndarray,
           params: ScoringParams) -> list[RawBead]:
    """Local DP beads of piece ``k`` as document-level beads with gain, cosine and confidence."""
    out = []
    for a, b, t, w in path:
        ko = tuple(range(piece.ko_start + t - a, piece.ko_start + t))
        en = tuple(range(piece.en_start + w - b, piece.en_start + w))
        if a and b:
            s = SHAPES.index((a, b))
            gain, cos = float(gains[s, k, t - 1, w]), float(cosines[s, k, t - 1, w])
            out.append(RawBead(ko, en, gain, cos, confidence(cos, gain, params)))
        else:
            out.append(RawBead(ko, en, params.skip, float("nan"), 0.0))
    return out


def vector_runs(vectors: np.ndarray, max_run: int = MAX_RUN) -> np.ndarray:
    """Run embeddings approximated by normalised sums (for block-level coarse passes)."""
    n, d = vectors.shape
    out = np.zeros((max_run, n, d), dtype=np.float32)
    csum = np.concatenate([np.zeros((1, d), dtype=np.float32), np.cumsum(vectors, axis=0)])
    for k in range(1, max_run + 1):
        out[k - 1, k - 1:] = normalise(csum[k:] - csum[:n - k + 1])
    return out


def _band(ko: np.ndarray, en: np.ndarray, ko_chars: np.ndarray, en_chars: np.ndarray,
          params: ScoringParams) -> tuple[Band, np.ndarray | None]:
    """Full matrix for short documents; for long ones a band around a block-level alignment.

    Also returns, for long documents, the English position the block-level path
    reaches at every DP row (a guide for cutting stretches without anchors).
    """
    n, m = len(ko), len(en)
    if (n + 1) * (m + 1) <= FULL_LIMIT:
        return full_band(n, m), None
    factor = math.ceil(math.sqrt((n + 1) * (m + 1) / FULL_LIMIT))
    ko_blocks, en_blocks = block_means(ko, factor), block_means(en, factor)
    coarse = align_embeddings(vector_runs(ko_blocks), vector_runs(en_blocks),
                              _block_sums(ko_chars, factor), _block_sums(en_chars, factor),
                              params=params).beads
    rows, cols = [0], [0]
    for bead in coarse:
        r_end = (bead.ko[-1] + 1) if bead.ko else rows[-1]
        c_end = (bead.en[-1] + 1) if bead.en else cols[-1]
        rows.append(r_end)
        cols.append(c_end)
    rows, cols = np.array(rows), np.array(cols)
    guide = np.minimum(np.interp(np.arange(n + 1), rows * factor, cols * factor), m)
    return band_from_path(rows, cols, n, m, factor, pad=max(2 * factor, 16)), guide


def _block_sums(values: np.ndarray, factor: int) -> np.ndarray:
    blocks = -(-len(values) // factor)
    padded = np.zeros(blocks * factor)
    padded[:len(values)] = values
    return padded.reshape(blocks, factor).sum(axis=1)
