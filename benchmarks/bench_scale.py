"""Alignment time and peak memory against document length (not a test).

    python benchmarks/bench_scale.py [--sizes 1000 --sizes 10000]

The "long" documents: every mixed-suite document of ../shared concatenated (about
1,000 sentences a side), and for 10,000 that text repeated with its embeddings
perturbed (Gaussian noise, renormalised) so no two copies are identical. Embeddings
are computed once and given; timed is the alignment alone, on one core
(BLAS limited to one thread), best of three runs, with peak memory of the numpy
allocations it makes (tracemalloc, in a separate run). Also printed: strict F1
against the concatenated gold, and for the 1,000-sentence text Bertalign's
alignment time on the same embeddings (best of three), when installed.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

import click
import numpy as np
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent))


def long_document(encoder, size: int, seed: int = 3):
    from docs import make_documents
    from align.aligner import MAX_RUN
    from align.embed import embed_runs
    docs = make_documents("mixed")
    ko = [s for d in docs for s in d.ko]
    en = [s for d in docs for s in d.en]
    gold, ko_off, en_off = [], 0, 0
    for d in docs:
        gold += [(tuple(i + ko_off for i in x), tuple(j + en_off for j in y)) for x, y in d.gold]
        ko_off += len(d.ko)
        en_off += len(d.en)
    ko_runs, en_runs = embed_runs(encoder, ko, MAX_RUN), embed_runs(encoder, en, MAX_RUN)
    rng = np.random.default_rng(seed)
    reps = max(1, -(-size // len(ko)))
    big_ko, big_en, big_gold = [], [], []
    for r in range(reps):
        noise = 0.0 if r == 0 else 0.15
        big_ko.append(_perturb(ko_runs, noise, rng))
        big_en.append(_perturb(en_runs, noise, rng))
        big_gold += [(tuple(i + r * len(ko) for i in x), tuple(j + r * len(en) for j in y)) for x, y in gold]
    ko_runs, en_runs = np.concatenate(big_ko, axis=1), np.concatenate(big_en, axis=1)
    ko_chars = np.tile([len(s) for s in ko], reps).astype(float)
    en_chars = np.tile([len(s) for s in en], reps).astype(float)
    return ko_runs, en_runs, ko_chars, en_chars, big_gold


def _perturb(runs, noise, rng):
    if not noise:
        return runs
    out = runs + noise * rng.standard_normal(runs.shape).astype(np.float32) / np.sqrt(runs.shape[-1])
    norms = np.linalg.norm(out, axis=-1, keepdims=True)
    return np.where(norms > 0, out / np.maximum(norms, 1e-12), 0).astype(np.float32) * (np.abs(runs).sum(-1, keepdims=True) > 0)


@click.command()
@click.option("--sizes", multiple=True, type=int, default=(1000, 10000), show_default=True)
def main(sizes):
    from docs import shared_data_here
    if not shared_data_here():
        return
    from align.evaluate import doc_counts, from_counts
    from align.aligner import align_embeddings
    from align.embed import get_encoder
    encoder = get_encoder(None)
    print(f"{'sentences ko x en':>18} {'seconds':>8} {'peak MB':>8} {'strictF1':>8}")
    for size in sizes:
        ko_runs, en_runs, ko_chars, en_chars, gold = long_document(encoder, size)
        ko_runs, en_runs = ko_runs[:, :size], en_runs[:, :size]
        ko_chars, en_chars = ko_chars[:size], en_chars[:size]
        n, m = ko_runs.shape[1], en_runs.shape[1]
        gold = [(x, y) for x, y in gold if all(i < n for i in x) and all(j < m for j in y)]
        with threadpool_limits(1):
            seconds = []
            for _ in range(3):  # best of three: this machine is shared
                t0 = time.perf_counter()
                beads = align_embeddings(ko_runs, en_runs, ko_chars, en_chars).beads
                seconds.append(time.perf_counter() - t0)
            tracemalloc.start()  # a run of its own: tracing slows every allocation
            align_embeddings(ko_runs, en_runs, ko_chars, en_chars)
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        covered_ko = {i for x, _ in gold for i in x}
        test = [(b.ko, b.en) for b in beads if all(i in covered_ko for i in b.ko)]
        f1 = from_counts(doc_counts(gold, test)).f1_strict
        print(f"{f'{n} x {m}':>18} {min(seconds):>8.3f} {peak:>8.0f} {f1:>8.3f}")
        if size <= 2000:
            bertalign_seconds(encoder, size)


def bertalign_seconds(encoder, size):
    """Bertalign's two passes on the same long text, its embeddings given, one core (when installed)."""
    from bench_peers import bertalign, encode_overlaps, load_bertalign_core
    from docs import make_documents
    core = load_bertalign_core()
    if core is None:
        return
    docs = make_documents("mixed")
    ko = [s for d in docs for s in d.ko][:size]
    en = [s for d in docs for s in d.en][:size]
    src, tgt = encode_overlaps(encoder, ko, 4), encode_overlaps(encoder, en, 4)
    with threadpool_limits(1):
        bertalign(core, *src, *tgt, skip=0.0)  # numba compiles on the first call
        seconds = []
        for _ in range(3):
            t0 = time.perf_counter()
            bertalign(core, *src, *tgt, skip=0.0)
            seconds.append(time.perf_counter() - t0)
        print(f"{'bertalign, same text':>18} {min(seconds):>8.3f}")


if __name__ == "__main__":
    main()
