"""The search band: which English positions each Korean position may align with.

Short documents get the full matrix. Long ones are first aligned coarsely on
blocks of averaged sentence embeddings, and the search for anchors and
neighbours is confined to a band around that path, so memory grows with N·band
instead of N·M.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..embed.base import FLOAT32_ROWS, as_float32, normalise


@dataclass(frozen=True)
class Band:
    """DP row ``r`` (Korean sentences consumed) may hold columns ``lo[r] .. lo[r] + width - 1``."""

    lo: np.ndarray  # (n + 1,) int64
    width: int

    @property
    def full(self) -> bool:
        """Every row starts at column 0 (the band is the whole matrix)."""
        return not self.lo.any()


# Above this many cells the full matrix gives way to a coarse-to-fine band.
FULL_LIMIT = 1_500_000
# At most this many cosines held at once (80 MB): in a band however badly the text aligns, and
# in the best matches of leftovers (pipeline).
COSINE_CELLS = 20_000_000


def full_band(n: int, m: int) -> Band:
    return Band(np.zeros(n + 1, dtype=np.int64), m + 1)


def band_from_path(path_rows: np.ndarray, path_cols: np.ndarray, n: int, m: int, factor: int,
                   pad: int) -> Band:
    """A fine band covering a coarse path (cells in block units) with ``pad`` sentences to spare."""
    lo_block = np.full(n // factor + 2, np.iinfo(np.int64).max)
    hi_block = np.full(n // factor + 2, -1)
    np.minimum.at(lo_block, path_rows, path_cols)
    np.maximum.at(hi_block, path_rows, path_cols)
    rows = np.arange(n + 1) // factor
    # a fine row may fall between two coarse rows: take the span of both neighbours
    lo = np.minimum(lo_block[rows], lo_block[np.minimum(rows + 1, len(lo_block) - 1)]) * factor - pad
    hi = np.maximum(hi_block[rows], hi_block[np.maximum(rows - 1, 0)]) * factor + factor + pad
    lo = np.clip(np.minimum.accumulate(lo[::-1])[::-1], 0, m)  # monotone, so the band is connected
    hi = np.clip(np.maximum.accumulate(hi), 0, m)
    lo[0], hi[-1] = 0, m
    width = int((hi - lo).max()) + 1
    cap = max(4 * pad, COSINE_CELLS // (n + 1))
    if width > cap:
        # a coarse path that wanders (text that does not align: one word a line, say) would make
        # the band as wide as the text; keep each row's window at its stretch's middle instead
        lo = np.clip((lo + hi - cap) // 2, 0, max(0, m - cap + 1))
        lo[0], width = 0, cap
    return Band(lo.astype(np.int64), width)


def block_means(vectors: np.ndarray, factor: int) -> np.ndarray:
    """Normalised means of consecutive blocks of ``factor`` rows (summed in float32, a few blocks at a
    time: a long text's float16 vectors are never copied whole)."""
    n, dim = vectors.shape
    out = np.empty((-(-n // factor), dim), dtype=np.float32)
    step = factor * max(1, FLOAT32_ROWS // factor)
    for start in range(0, n, step):
        chunk = as_float32(vectors[start:start + step])
        blocks = -(-len(chunk) // factor)
        padded = np.zeros((blocks * factor, dim), dtype=np.float32)
        padded[:len(chunk)] = chunk
        out[start // factor:start // factor + blocks] = padded.reshape(blocks, factor, dim).sum(axis=1)
    return normalise(out)
