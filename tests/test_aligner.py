"""The aligner's invariants: monotone beads covering every sentence once, bands that agree with the full search."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.aligner import MAX_RUN, ScoringParams, align_embeddings, band, pieces, vector_runs
from align.aligner.dp import SHAPES
from align.aligner.scoring import band_cosines, centre_runs, neighbours, top_k_mean


def random_doc(rng, n, m, dim=16):
    """Two 'translations': a shared sequence of concepts with noise, merges and gaps."""
    concepts = rng.normal(size=(max(n, m), dim)).astype(np.float32)
    ko = concepts[:n] + 0.3 * rng.normal(size=(n, dim)).astype(np.float32)
    en = concepts[:m] + 0.3 * rng.normal(size=(m, dim)).astype(np.float32)
    ko /= np.linalg.norm(ko, axis=1, keepdims=True)
    en /= np.linalg.norm(en, axis=1, keepdims=True)
    return ko, en


def run(ko, en, ko_fixed=None, en_fixed=None):
    return align_embeddings(vector_runs(ko), vector_runs(en), np.full(len(ko), 40.0), np.full(len(en), 75.0),
                            ko_fixed, en_fixed).beads


def record_cuts(monkeypatch) -> list:
    """The pieces of every cut the aligner makes, in call order."""
    seen, real_cut = [], pieces.cut
    monkeypatch.setattr("align.aligner.cut", lambda *a, **k: seen.append(real_cut(*a, **k)) or seen[-1])
    return seen


def assert_monotone_cover(beads, n, m):
    ko = [i for b in beads for i in b.ko]
    en = [j for b in beads for j in b.en]
    assert ko == list(range(n)) and en == list(range(m))
    for b in beads:
        assert (len(b.ko), len(b.en)) in SHAPES + ((1, 0), (0, 1))
        assert list(b.ko) == list(range(b.ko[0], b.ko[0] + len(b.ko))) if b.ko else True
        assert 0.0 <= b.score <= 1.0


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 25), st.integers(0, 25), st.integers(0, 2**31 - 1), st.data())
def test_beads_are_monotone_and_cover_every_sentence_once(n, m, seed, data):
    rng = np.random.default_rng(seed)
    ko, en = random_doc(rng, n, m)
    ko_fixed = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool)
    beads = run(ko, en, ko_fixed=ko_fixed)
    assert_monotone_cover(beads, n, m)
    for b in beads:  # debris marked before alignment is never paired
        if any(ko_fixed[i] for i in b.ko):
            assert b.ko and not b.en


def test_identical_documents_align_one_to_one():
    rng = np.random.default_rng(0)
    ko, _ = random_doc(rng, 30, 30)
    beads = run(ko, ko.copy())
    assert [(b.ko, b.en) for b in beads] == [((i,), (i,)) for i in range(30)]


def test_each_merge_shape_has_its_own_cost():
    """A Korean sentence translated by two English ones is a 1-2 bead, unless 1-2 costs too much."""
    rng = np.random.default_rng(3)
    c = rng.normal(size=(4, 32)).astype(np.float32)
    ko = np.stack([c[0], c[1] + c[2], c[3]])
    ko /= np.linalg.norm(ko, axis=1, keepdims=True)
    en = c / np.linalg.norm(c, axis=1, keepdims=True)

    def beads(merge_costs):
        return [(b.ko, b.en) for b in align_embeddings(vector_runs(ko), vector_runs(en), np.full(3, 40.0),
                                                       np.full(4, 75.0),
                                                       params=ScoringParams(merge_costs=merge_costs)).beads]

    costs = ScoringParams().merge_costs  # 1-2, 2-1, 1-3, 3-1, 2-2
    assert ((1,), (1, 2)) in beads(costs)
    assert ((1,), (1, 2)) in beads((costs[0], 5.0) + costs[2:])  # a dear 2-1 leaves 1-2 alone
    assert ((1,), (1, 2)) not in beads((5.0,) + costs[1:])
    with pytest.raises(ValueError, match="1-2, 2-1, 1-3, 3-1, 2-2"):
        ScoringParams(merge_costs=(0.01, 0.02))


def test_a_topic_shared_by_every_sentence_does_not_pair_two_omissions():
    """Korean drops sentence 10 and English sentence 11: Korean 11 and English 10 are both
    leftovers, though every sentence leans the same way (one story); centring sees that."""
    rng = np.random.default_rng(5)
    concepts = rng.normal(size=(30, 64)).astype(np.float32)
    topic = 4 * rng.normal(size=64).astype(np.float32)
    ko = np.delete(concepts, 10, axis=0) + topic
    en = np.delete(concepts, 11, axis=0) + topic
    ko /= np.linalg.norm(ko, axis=1, keepdims=True)
    en /= np.linalg.norm(en, axis=1, keepdims=True)

    def beads(centre):
        return [(b.ko, b.en) for b in align_embeddings(vector_runs(ko), vector_runs(en), np.full(29, 40.0),
                                                       np.full(29, 75.0), params=ScoringParams(centre=centre)).beads]

    assert ((10,), ()) in beads(True) and ((), (10,)) in beads(True)
    assert ((10,), (10,)) in beads(False)


def test_centred_runs_are_unit_vectors_and_missing_runs_stay_zero():
    rng = np.random.default_rng(2)
    runs = vector_runs(rng.normal(size=(6, 8)).astype(np.float32) + 3)
    before = runs.copy()
    out = centre_runs(runs)
    assert np.array_equal(runs, before)  # the caller's (cached) embeddings are not touched
    norms = np.linalg.norm(out, axis=2)
    assert np.allclose(norms[runs.any(axis=2)], 1, atol=1e-5) and not norms[~runs.any(axis=2)].any()
    consumed = runs.copy()
    assert centre_runs(consumed, in_place=True) is consumed  # no copy of a long text's largest array
    assert np.allclose(consumed, out, atol=1e-6)


def test_long_documents_use_a_band_that_finds_the_full_search_path(monkeypatch):
    rng = np.random.default_rng(1)
    ko, en = random_doc(rng, 400, 380)
    full = [(b.ko, b.en) for b in run(ko, en)]
    monkeypatch.setattr("align.aligner.FULL_LIMIT", 5_000)  # force the coarse-to-fine path
    banded_calls = []
    real = band.band_from_path

    def spy(*args, **kw):
        result = real(*args, **kw)
        banded_calls.append(result.width)
        return result

    monkeypatch.setattr("align.aligner.band_from_path", spy)
    banded = [(b.ko, b.en) for b in run(ko, en)]
    assert banded_calls and banded_calls[0] < 380 // 2  # memory grows with N·band, not N·M
    assert banded == full


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 40), st.integers(1, 40), st.integers(1, 12), st.integers(1, 100), st.integers(0, 2**31 - 1))
def test_a_band_searched_a_block_of_rows_at_a_time_finds_what_the_whole_band_holds(n, m, width, cells, seed):
    rng = np.random.default_rng(seed)
    ko, en = random_doc(rng, n, m)
    lo = np.concatenate([[0], np.sort(rng.integers(0, m + 1, n))])  # a monotone band of sentence rows
    width = width if lo.any() else m + 1  # a band whose rows all start at 0 is the whole matrix
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("align.aligner.scoring.SCAN_CELLS", cells)  # blocks of a few rows
        near = neighbours(ko, en, band.Band(lo, width), k=3)
    cos = band_cosines(ko, en, lo[1:] - 1, width)  # the band at once, as before blocks
    found = np.isfinite(cos).any(axis=1)
    best = cos.argmax(axis=1)
    assert np.array_equal(near.ko_best[found], (lo[1:] - 1 + best)[found])
    assert np.array_equal(near.ko_best[~found], np.full((~found).sum(), -1))
    assert np.allclose(near.ko_background, top_k_mean(cos, 3), atol=1e-6)  # float32 products of other shapes


def test_run_embeddings_shape():
    v = np.eye(5, dtype=np.float32)
    runs = vector_runs(v)
    assert runs.shape == (MAX_RUN, 5, 5)
    assert np.allclose(runs[1, 1], (v[0] + v[1]) / np.sqrt(2))
    assert not runs[2, :2].any()


@pytest.mark.parametrize("n, m", [(0, 3), (3, 0), (0, 0)])
def test_an_empty_side_leaves_everything_unaligned(n, m):
    beads = align_embeddings(np.zeros((MAX_RUN, n, 4), np.float32), np.zeros((MAX_RUN, m, 4), np.float32),
                             np.ones(n), np.ones(m)).beads
    assert_monotone_cover(beads, n, m)
    assert all(not (b.ko and b.en) for b in beads)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 30), max_size=30, unique=True))
def test_anchor_chain_is_the_longest_increasing_one(js):
    pairs = list(enumerate(js))
    chain = pieces._increasing_chain(pairs)
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in zip(chain, chain[1:]))
    assert set(chain) <= set(pairs)
    # quadratic reference: the longest strictly increasing subsequence's length
    longest = [1] * len(js)
    for b in range(len(js)):
        for a in range(b):
            if js[a] < js[b]:
                longest[b] = max(longest[b], longest[a] + 1)
    assert len(chain) == max(longest, default=0)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 60), st.integers(0, 60), st.lists(st.tuples(st.integers(0, 59), st.integers(0, 59))),
       st.integers(4, 400))
def test_pieces_tile_the_search_from_corner_to_corner(n, m, raw, max_cells):
    chain = pieces._increasing_chain(sorted({(i, j) for i, j in raw if i < n and j < m}))
    guide = np.linspace(0, m, n + 1)
    cut = pieces.cut(n, m, chain, guide, max_cells)
    assert (cut[0].ko_start, cut[0].en_start) == (0, 0) and (cut[-1].ko_end, cut[-1].en_end) == (n, m)
    for a, b in zip(cut, cut[1:]):
        assert (a.ko_end, a.en_end) == (b.ko_start, b.en_start)
    assert all(p.ko_start <= p.ko_end and p.en_start <= p.en_end for p in cut)
    for (i, j), (k, l) in zip(chain, chain[1:]):  # consecutive anchors always cut between them
        if (k, l) == (i + 1, j + 1):
            assert any((p.ko_start, p.en_start) == (k, l) for p in cut)


def test_cutting_at_anchors_finds_the_path_of_the_uncut_search(monkeypatch):
    rng = np.random.default_rng(2)
    ko, en = random_doc(rng, 300, 290)
    seen = record_cuts(monkeypatch)
    cut = [(b.ko, b.en) for b in run(ko, en)]
    assert len(seen[0]) > 50  # the document really was cut
    monkeypatch.setattr("align.aligner.anchors", lambda *a, **k: [])
    uncut = [(b.ko, b.en) for b in run(ko, en)]
    assert cut == uncut


def test_a_long_stretch_without_anchors_is_still_aligned_in_bounded_pieces(monkeypatch):
    rng = np.random.default_rng(3)
    ko, en = random_doc(rng, 200, 200)
    en[50:150] = np.roll(en[50:150], 37, axis=1)  # the middle of the English is no translation
    monkeypatch.setattr("align.aligner.FULL_LIMIT", 2_000)
    seen = record_cuts(monkeypatch)
    beads = run(ko, en)
    assert_monotone_cover(beads, 200, 200)
    fine = seen[-1]  # the first call cut the block-level pass
    assert max(p.cells for p in fine) <= 2_000
    assert sum(p.ko_count == 22 for p in fine) >= 3  # cut every sqrt(2000) // 2 rows along the guide
    assert [(b.ko, b.en) for b in beads[:40]] == [((i,), (i,)) for i in range(40)]


def test_likely_debris_pays_to_pair_and_certain_debris_never_pairs():
    rng = np.random.default_rng(11)
    ko, en = random_doc(rng, 20, 20)
    # sentence 8 on both sides: a loose likeness, like one edition's share row and the other's
    en[8] = ko[8] + 0.4 * rng.normal(size=ko.shape[1]).astype(np.float32)
    en[8] /= np.linalg.norm(en[8])
    debris = np.zeros(20)
    assert ((8,), (8,)) in {(b.ko, b.en) for b in run(ko, en, debris, debris)}
    debris[8] = 0.9
    beads = {(b.ko, b.en) for b in run(ko, en, debris, debris)}
    assert ((8,), ()) in beads and ((), (8,)) in beads
    assert all(((i,), (i,)) in beads for i in range(20) if i != 8)
    # a strong translation still pairs when taken for likely debris; certain debris never does
    clear = {(b.ko, b.en) for b in run(ko, ko.copy(), debris, debris)}
    assert ((8,), (8,)) in clear
    debris[8] = 1.0
    assert ((8,), ()) in {(b.ko, b.en) for b in run(ko, ko.copy(), debris, debris)}


def test_two_near_certain_debris_lines_alike_in_meaning_are_no_pair():
    # "실시간 뉴스" and "Latest News" at the same place on each page: alike, and both debris
    rng = np.random.default_rng(11)
    ko, en = random_doc(rng, 20, 20)
    en[8] = ko[8] + 0.2 * np.random.default_rng(3).normal(size=ko.shape[1]).astype(np.float32)
    en[8] /= np.linalg.norm(en[8])
    debris = np.zeros(20)
    debris[8] = 0.98

    def beads(**knobs):
        params = dataclasses.replace(ScoringParams(), **knobs)
        return {(b.ko, b.en) for b in align_embeddings(vector_runs(ko), vector_runs(en), np.full(20, 40.0),
                                                        np.full(20, 75.0), debris, debris, params).beads}

    assert ((8,), (8,)) in beads(debris_both_weight=0.0)
    assert {((8,), ()), ((), (8,))} <= beads()
    en[8] = ko[8]  # the same text on both sides still pairs
    assert ((8,), (8,)) in beads()


def test_a_long_text_held_as_float16_aligns_as_float32_runs_do(monkeypatch, encoder):
    """Past ``HALF_ABOVE`` segments a side's run embeddings are held as float16 (half the memory) and
    computed with a block of rows at a time in float32: forced on a sample document, through the band,
    block means and leftovers' best matches, it pairs every sentence as float32 runs do."""
    from conftest import SAMPLES

    from align import align_files
    from align.embed import base

    for module in ("align.embed.base", "align.aligner.scoring", "align.aligner.band"):
        monkeypatch.setattr(f"{module}.FLOAT32_ROWS", 8)  # many blocks, and one part-filled
    monkeypatch.setattr("align.aligner.FULL_LIMIT", 200)  # the coarse-to-fine path
    held, real = [], align_embeddings
    monkeypatch.setattr("align.pipeline.align_embeddings", lambda ko, en, *a, **k: held.append(ko.dtype) or
                        real(ko, en, *a, **k))

    def beads(half_above):
        monkeypatch.setattr(base, "HALF_ABOVE", half_above)
        result = align_files(SAMPLES / "knpa-undp.ko.txt", SAMPLES / "knpa-undp.en.txt", model=encoder)
        return [(b.ko, b.en, b.kind, b.side, b.category) for b in result.beads], [b.score for b in result.beads]

    (full, full_scores), (half, half_scores) = beads(10**9), beads(0)
    assert held == [np.float32, np.float16]
    assert half == full
    assert np.allclose(half_scores, full_scores, atol=0.01)
    assert {"leftover", "1-1", "1-2"} <= {b[2] for b in full}  # pairs, merges and leftovers all compared
