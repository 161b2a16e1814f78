"""The benchmarks' scores over documents: the library's (align.evaluate: Vecalign's strict and lax
precision/recall, unaligned P/R) summed over a suite, bootstrap intervals, and debris P/R."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from align.evaluate import Beads, doc_counts, from_counts


def bootstrap(counts: dict[str, np.ndarray], statistic, samples: int = 1000, seed: int = 0):
    """95% interval of ``statistic(scores by system)`` over documents drawn with replacement.

    ``counts`` maps each system to its per-document :func:`doc_counts` (rows in the same
    document order), so every resample draws the same documents for every system.
    """
    rng = np.random.default_rng(seed)
    n = len(next(iter(counts.values())))
    values = []
    for _ in range(samples):
        pick = rng.integers(0, n, n)
        values.append(statistic({k: from_counts(v[pick].sum(axis=0)).as_dict() for k, v in counts.items()}))
    return tuple(np.percentile(values, [2.5, 97.5]))


def beads_of(results) -> list[Beads]:
    """Each alignment result's beads as index tuples."""
    return [[(b.ko, b.en) for b in r.beads] for r in results]


def scores(docs, tests: list[Beads]) -> dict[str, float]:
    """Strict and lax P/R/F1 and unaligned P/R of ``tests`` against the documents' gold."""
    return from_counts(sum(doc_counts(d.gold, t) for d, t in zip(docs, tests))).as_dict()


def debris_scores(docs, results) -> dict:
    """Debris fragments left unaligned and named as debris: precision, recall, and counts per gold category.

    A fragment counts as found when it is a leftover whose category is page debris
    (anything but omission/addition); precision is over everything so named.
    """
    from align.summary import DEBRIS
    tp = named = total = 0
    by_category = defaultdict(lambda: [0, 0])
    for doc, result in zip(docs, results):
        gold = {("ko", i): c for i, c in doc.debris_ko.items()} | {("en", j): c for j, c in doc.debris_en.items()}
        total += len(gold)
        for category in gold.values():
            by_category[category][1] += 1
        for bead in result.leftovers:
            if bead.category in DEBRIS:
                key = (bead.side, (bead.ko or bead.en)[0])
                named += 1
                if key in gold:
                    tp += 1
                    by_category[gold[key]][0] += 1
    return {"debris_precision": tp / named if named else 1.0, "debris_recall": tp / total if total else 1.0,
            "debris_by_category": {k: tuple(v) for k, v in by_category.items()}}
