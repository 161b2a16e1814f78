"""Scoring candidate pairs: how much of each article finds its translation in the other.

The document vectors only find candidates. A candidate pair is scored by its sentences,
weighted as in the document vectors, on both sides:

- coverage: each sentence's best cosine with the other article's sentences;
- mutual hits: the share of sentences whose best partner picks them back, with a cosine of at
  least ``MUTUAL_MIN``.

The score is their mean, in [0, 1]. A translation covers both sides one sentence for
another; a story on the same topic, or the next part of the same story, shares the topic and
a paraphrase or two, but its sentences pile onto the few of the other that say something alike.
"""

from __future__ import annotations

import numpy as np

from .vectors import SideVectors

# cosine (embedded encoder) from which a mutual best pair of sentences counts as a translation
MUTUAL_MIN = 0.35


def pair_scores(ko: SideVectors, en: SideVectors, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """The score of each candidate pair ``(i[n], j[n])``, in [0, 1].

    One matrix product per Korean document against the sentences of all its candidates,
    so the work grows with the candidates, not with the square of the documents.
    """
    out = np.zeros(len(i), dtype=np.float64)
    order = np.argsort(i, kind="stable")
    starts = np.flatnonzero(np.r_[True, np.diff(i[order]) != 0])
    for group in np.split(order, starts[1:]):
        x, wx = ko.sentences_of(int(i[group[0]]))
        parts = [en.sentences_of(int(jj)) for jj in j[group]]
        sizes = np.array([len(w) for _, w in parts])
        wy = np.concatenate([w for _, w in parts])
        sims = x @ np.concatenate([v for v, _ in parts]).T       # Korean sentences × all candidates' sentences
        bounds = np.cumsum(sizes) - sizes
        ko_best = np.maximum.reduceat(sims, bounds, axis=1)      # per Korean sentence and candidate
        en_best = sims.max(axis=0)                               # per English sentence: its best Korean
        coverage = (wx @ ko_best + np.add.reduceat(en_best * wy, bounds)) / 2
        mutual = (sims == np.repeat(ko_best, sizes, axis=1)) & (sims == en_best) & (sims >= MUTUAL_MIN)
        hits = (wx @ np.logical_or.reduceat(mutual, bounds, axis=1) + np.add.reduceat(mutual.any(axis=0) * wy, bounds)) / 2
        out[group] = (coverage + hits) / 2
    return np.clip(out, 0.0, 1.0)


# share of the score that the figures, names and addresses both sides share decide
EVIDENCE_WEIGHT = 0.1


def with_evidence(sentences: np.ndarray, agreement: np.ndarray) -> np.ndarray:
    """The sentence scores moved by the evidence's agreement (NaN where neither side has any: no change)."""
    agreement = np.where(np.isnan(agreement), sentences, agreement)
    return (1 - EVIDENCE_WEIGHT) * sentences + EVIDENCE_WEIGHT * agreement
