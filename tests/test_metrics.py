"""The benchmark's scores: Vecalign's strict and lax precision/recall, and unaligned P/R."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from metrics import bootstrap, doc_counts, from_counts  # noqa: E402

GOLD = [((0,), (0,)), ((1, 2), (1,)), ((3,), ())]
# right on 0-0 and on the leftover 3; splits the 2-1 into a 1-1 and a false leftover
TEST = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ())]


def test_strict_and_lax_scores_follow_vecalign():
    s = from_counts(doc_counts(GOLD, TEST))
    assert s["precision_strict"] == 0.5      # 0-0 and the leftover 3, of four test beads
    assert s["precision_lax"] == 0.75        # the 1-1 overlaps the gold 2-1; the leftover 2 does not
    assert s["recall_strict"] == 0.5         # of the gold pairs 0-0 and 2-1, only 0-0 (null beads left out)
    assert s["recall_lax"] == 1.0
    assert s["f1_strict"] == 0.5
    assert s["f1_lax"] == pytest.approx(2 * 0.75 / 1.75)


def test_unaligned_scores_see_a_leftover_that_lax_scores_cannot():
    s = from_counts(doc_counts(GOLD, TEST))
    assert s["unaligned_precision"] == 0.5   # 2 is wrongly left, 3 rightly
    assert s["unaligned_recall"] == 1.0


def test_counts_add_up_over_documents():
    one = doc_counts(GOLD, TEST)
    assert from_counts(one + one) == from_counts(one)
    assert from_counts(doc_counts(GOLD, GOLD))["f1_strict"] == 1.0


def test_bootstrap_interval_holds_the_estimate_and_is_reproducible():
    perfect, half = doc_counts(GOLD, GOLD), doc_counts(GOLD, TEST)
    counts = {"a": np.array([perfect, half, perfect, half])}

    def f1(s):
        return s["a"]["f1_strict"]

    lo, hi = bootstrap(counts, f1, samples=200)
    assert lo <= from_counts(counts["a"].sum(axis=0))["f1_strict"] <= hi
    assert 0.5 <= lo < hi <= 1.0
    assert bootstrap(counts, f1, samples=200) == (lo, hi)
