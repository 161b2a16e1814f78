"""The benchmarks' intervals over documents (the scores themselves: tests/test_evaluate.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from align.evaluate import doc_counts, from_counts  # noqa: E402
from metrics import bootstrap  # noqa: E402

GOLD = [((0,), (0,)), ((1, 2), (1,)), ((3,), ())]
# right on 0-0 and on the leftover 3; splits the 2-1 into a 1-1 and a false leftover
TEST = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ())]


def test_bootstrap_interval_holds_the_estimate_and_is_reproducible():
    perfect, half = doc_counts(GOLD, GOLD), doc_counts(GOLD, TEST)
    counts = {"a": np.array([perfect, half, perfect, half])}

    def f1(s):
        return s["a"]["f1_strict"]

    lo, hi = bootstrap(counts, f1, samples=200)
    assert lo <= from_counts(counts["a"].sum(axis=0)).f1_strict <= hi
    assert 0.5 <= lo < hi <= 1.0
    assert bootstrap(counts, f1, samples=200) == (lo, hi)
