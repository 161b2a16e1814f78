"""Document vectors: the weighted mean of an article's sentence embeddings.

Each distinct sentence of a side is embedded once, all documents of the side in one pass
(a crawl repeats its menus and share rows on every page). A sentence weighs the square root
of its length times its chance of being article text, as the debris recogniser of
:mod:`align.leftovers` judges it: a headline counts less than a long sentence, and a byline,
a menu or a caption next to nothing. A line that recurs across the side's documents the way
page furniture does (the rule of :mod:`align.leftovers.boilerplate`) weighs nothing, so two
pages of one site are not alike because both carry its menu.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..embed import Encoder
from ..embed.base import normalise
from ..leftovers import recognise
from ..leftovers.boilerplate import normalised, recurring
from .documents import Document

# sentences handed to the encoder at once, and documents summed at once: bounds working memory, not speed
_BATCH = 2048


@dataclass(frozen=True)
class SideVectors:
    """One side's embeddings: ``docs[i]`` is document i's unit vector; its sentences are the rows
    ``rows[offsets[i]:offsets[i + 1]]`` of ``sentences``, weighted by ``weights`` (same slice)."""

    docs: np.ndarray
    sentences: np.ndarray
    rows: np.ndarray
    weights: np.ndarray
    offsets: np.ndarray

    def sentences_of(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Document ``i``'s sentence vectors and their weights (summing to 1)."""
        a, b = self.offsets[i], self.offsets[i + 1]
        return self.sentences[self.rows[a:b]], self.weights[a:b]


def embed_side(encoder: Encoder, docs: list[Document]) -> SideVectors:
    """Sentence and document vectors of one side's documents."""
    distinct: dict[str, int] = {}
    rows = np.array([distinct.setdefault(s.text, len(distinct)) for d in docs for s in d.sentences], dtype=np.int64)
    texts = list(distinct)
    sentences = np.concatenate([normalise(encoder.encode(texts[i:i + _BATCH]))
                                for i in range(0, len(texts), _BATCH)])
    offsets = np.cumsum([0] + [len(d.sentences) for d in docs])
    weights = _weights(docs, sentences, rows, offsets, encoder)
    # document i's vector: its weighted sentence rows summed, a block of documents at a time (one
    # reduceat over the block's flat rows) so that no array holds every sentence occurrence of a side
    sums = []
    for d in range(0, len(docs), _BATCH):
        e = min(d + _BATCH, len(docs))
        block = sentences[rows[offsets[d]:offsets[e]]] * weights[offsets[d]:offsets[e], None].astype(np.float32)
        sums.append(np.add.reduceat(block, offsets[d:e] - offsets[d], axis=0))
    return SideVectors(normalise(np.concatenate(sums)), sentences, rows, weights, offsets)


def _weights(docs: list[Document], sentences: np.ndarray, rows: np.ndarray, offsets: np.ndarray,
             encoder: Encoder) -> np.ndarray:
    """Per sentence: sqrt(length) times the chance it is article text, normalised to sum 1 in each
    document (one the recogniser takes for debris throughout keeps plain length weights)."""
    furniture = recurring({normalised(s.text) for s in d.sentences} for d in docs)
    article = np.concatenate([
        [1.0 - call.probability if not call.fixed else 0.0
         for call in recognise(d.text, list(d.sentences), sentences[rows[a:b]], encoder, furniture)]
        for d, a, b in zip(docs, offsets[:-1], offsets[1:])])
    lengths = np.sqrt([len(s.text) for d in docs for s in d.sentences])
    doc_of = np.repeat(np.arange(len(docs)), np.diff(offsets))
    kept = lengths * article
    kept_sum = np.bincount(doc_of, kept, minlength=len(docs))
    weights = np.where((kept_sum > 1e-6)[doc_of], kept, lengths)
    return weights / np.bincount(doc_of, weights, minlength=len(docs))[doc_of]
