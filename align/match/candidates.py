"""Candidate search: each document's nearest documents of the other side, by exact cosine.

Exact top-k by blocked matrix products, both directions from the same products. This is the
one part of matching that grows with the product of the sides: at 10,000 documents a side it
is 5·10^10 multiply-adds, seconds of BLAS against minutes of segmenting, embedding and debris
recognition, which grow linearly. An approximate index (HNSW, IVF) would start to pay from
some 10^5 documents a side; below that it would only cost recall and a dependency. Products
are taken a block of rows at a time, so memory stays flat.
"""

from __future__ import annotations

import numpy as np

from ..aligner.band import COSINE_CELLS


def _best(sims: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the columns of the ``k`` largest values and those values, best first."""
    if k < sims.shape[1]:
        part = np.argpartition(sims, sims.shape[1] - k, axis=1)[:, -k:]
    else:
        part = np.broadcast_to(np.arange(sims.shape[1]), sims.shape)
    value = np.take_along_axis(sims, part, axis=1)
    order = np.argsort(-value, axis=1, kind="stable")
    return np.take_along_axis(part, order, axis=1), np.take_along_axis(value, order, axis=1)


def top_k(x: np.ndarray, y: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The ``k`` nearest rows of ``y`` for each row of ``x`` and of ``x`` for each row of ``y`` (unit rows):
    ``(x's indices, their cosines, y's indices, their cosines)``, shapes ``(len(x), min(k, len(y)))`` and
    ``(len(y), min(k, len(x)))``, best first."""
    kx, ky = min(k, len(y)), min(k, len(x))
    fwd, fwd_cos = np.zeros((len(x), kx), np.int64), np.zeros((len(x), kx), np.float32)
    back, back_cos = np.zeros((len(y), 0), np.int64), np.zeros((len(y), 0), np.float32)  # best so far
    step = max(1, COSINE_CELLS // max(len(y), 1))
    for a in range(0, len(x) if kx else 0, step):
        sims = x[a:a + step] @ y.T
        fwd[a:a + step], fwd_cos[a:a + step] = _best(sims, kx)
        # the columns' view as rows: a partition along a contiguous axis is many times faster
        rows, rows_cos = _best(np.ascontiguousarray(sims.T), min(ky, len(sims)))
        merged, merged_cos = np.hstack([back, rows + a]), np.hstack([back_cos, rows_cos])
        keep, back_cos = _best(merged_cos, min(ky, merged.shape[1]))
        back = np.take_along_axis(merged, keep, axis=1)
    return fwd, fwd_cos, back, back_cos


def candidate_pairs(x: np.ndarray, y: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The pairs ``(i, j)`` where j is among i's ``k`` nearest or i among j's, each once: ``(x rows,
    y rows)``; a lopsided crawl still gets every document a candidate."""
    fwd, _, back, _ = top_k(x, y, k)
    i = np.concatenate([np.repeat(np.arange(len(x)), fwd.shape[1]), back.reshape(-1)])
    j = np.concatenate([fwd.reshape(-1), np.repeat(np.arange(len(y)), back.shape[1])])
    _, first = np.unique(i * max(len(y), 1) + j, return_index=True)
    return i[first], j[first]
