"""Alignment scores: strict and lax precision/recall/F1 as Vecalign's score.py defines them,
and precision/recall of unaligned sentences (which lax F1 cannot see)."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

Beads = list[tuple[tuple[int, ...], tuple[int, ...]]]


def _counts(gold: Beads, test: Beads) -> tuple[int, int, int, int]:
    """(strict tp, strict fp, lax tp, lax fp) of ``test`` against ``gold``."""
    gold_set = {(tuple(x), tuple(y)) for x, y in gold if x or y}
    test_set = {(tuple(x), tuple(y)) for x, y in test if x or y}
    gold_targets = defaultdict(set)
    for x, y in gold_set:
        for i in x:
            gold_targets[i].update(y)
    tps = fps = tpl = fpl = 0
    for x, y in test_set:
        if (x, y) in gold_set:
            tps += 1
            tpl += 1
            continue
        fps += 1
        overlap = set(y) & set().union(*(gold_targets[i] for i in x)) if x else set()
        if overlap:
            tpl += 1
        else:
            fpl += 1
    return tps, fps, tpl, fpl


UNALIGNED_TP, UNALIGNED_FP, UNALIGNED_FN = 8, 9, 10  # where doc_counts puts them


def doc_counts(gold: Beads, test: Beads) -> np.ndarray:
    """One document's counts, which add up over documents: strict and lax tp/fp for precision,
    the same for recall (roles swapped, null beads left out), and unaligned tp, fp, fn."""
    recall = _counts([b for b in test if b[0] and b[1]], [b for b in gold if b[0] and b[1]])
    g, t = _left_alone(gold), _left_alone(test)
    return np.array([*_counts(gold, test), *recall, len(g & t), len(t - g), len(g - t)], dtype=np.int64)


def _left_alone(beads: Beads) -> set[tuple[str, int]]:
    """The sentences in 1-0 / 0-1 beads, as (side, index)."""
    return {(side, i) for x, y in beads for side, idx in (("ko", x), ("en", y)) if not (x and y) for i in idx}


def from_counts(c) -> dict[str, float]:
    """Strict and lax P/R/F1 and unaligned P/R from :func:`doc_counts` summed over documents."""
    def ratio(a, b):
        return a / (a + b) if a + b else 0.0

    def f1(x, y):
        return 2 * x * y / (x + y) if x + y else 0.0

    ps, pl, rs, rl = ratio(c[0], c[1]), ratio(c[2], c[3]), ratio(c[4], c[5]), ratio(c[6], c[7])
    tp, fp, fn = c[UNALIGNED_TP], c[UNALIGNED_FP], c[UNALIGNED_FN]
    return {"precision_strict": ps, "recall_strict": rs, "f1_strict": f1(ps, rs),
            "precision_lax": pl, "recall_lax": rl, "f1_lax": f1(pl, rl),
            "unaligned_precision": tp / (tp + fp) if tp + fp else 1.0,
            "unaligned_recall": tp / (tp + fn) if tp + fn else 1.0}


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
        values.append(statistic({k: from_counts(v[pick].sum(axis=0)) for k, v in counts.items()}))
    return tuple(np.percentile(values, [2.5, 97.5]))


def beads_of(results) -> list[Beads]:
    """Each alignment result's beads as index tuples."""
    return [[(b.ko, b.en) for b in r.beads] for r in results]


def scores(docs, tests: list[Beads]) -> dict[str, float]:
    """Strict and lax P/R/F1 and unaligned P/R of ``tests`` against the documents' gold."""
    return from_counts(sum(doc_counts(d.gold, t) for d, t in zip(docs, tests)))


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
