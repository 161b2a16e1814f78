"""Alignment benchmark on documents built from ../shared/data/ko-en (not a test).

    python benchmarks/bench_align.py [--suite mixed] [--model use-m3] [--seeds 13 --seeds 101 ...]

Prints, per suite: strict and lax F1 (Vecalign's definition), precision and
recall of unaligned sentences, precision and recall of the debris fragments
(named as a debris category), the share of pairs with a consistency flag,
embedding and alignment seconds and sentences per second; the debris found per
category; then the end-to-end time of one 30-sentence article pair on one core.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import click
import numpy as np
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docs import SUITES, corpus_option, seeds_option, suites_option  # noqa: E402  (beside this script)


def align_lines(docs, model, params=None):
    """Our alignment of each document, its sentences given one per line."""
    from align import align_texts
    return [align_texts("\n".join(d.ko), "\n".join(d.en), model=model, split="lines", params=params)
            for d in docs]


def align_documents(docs, encoder, params=None):
    """Our alignments of ``docs`` (one sentence per line): results, embedding and alignment seconds."""
    from align.aligner import MAX_RUN
    from align.embed import RunCache
    cached = RunCache(encoder)  # documents embedded first (timed apart); alignment finds them ready
    t0 = time.perf_counter()
    for d in docs:
        cached.prefill([d.ko, d.en], MAX_RUN)
    t_embed = time.perf_counter() - t0
    t0 = time.perf_counter()
    results = align_lines(docs, cached, params)
    return results, t_embed, time.perf_counter() - t0


def run_suite(suite, encoder, params, seeds=(13,), corpus="park"):
    from docs import make_suite
    from metrics import beads_of, debris_scores, scores
    docs = make_suite(suite, seeds, corpus)
    results, t_embed, t_align = align_documents(docs, encoder, params)
    n_sent = sum(len(d.ko) + len(d.en) for d in docs)
    pairs = [b for r in results for b in r.pairs]
    golds = [set(d.gold) for d in docs]  # once per document, not once per pair
    correct = [((b.ko, b.en) in gold, b.score) for gold, r in zip(golds, results) for b in r.pairs]
    return {**scores(docs, beads_of(results)), **debris_scores(docs, results),
            "reliability": correct,
            "docs": len(docs), "sentences": n_sent, "embed_s": t_embed, "align_s": t_align,
            "sent_per_s": n_sent / (t_embed + t_align),
            "flagged": sum(bool(b.flags) for b in pairs) / max(1, len(pairs))}


def one_article_seconds(model):
    """End to end (segment, embed, align) for one 30-sentence pair of running text, on one core."""
    from docs import as_text, make_documents
    from align import align_texts
    from align.embed.use import USEEncoder
    doc = make_documents("mixed")[0]
    rng = random.Random(1)
    ko, en = as_text(doc.ko, rng), as_text(doc.en, rng)
    encoder = USEEncoder(threads=1) if model in (None, "use-m3") else model
    with threadpool_limits(1):
        align_texts(ko, en, model=encoder)  # warm caches
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            align_texts(ko, en, model=encoder)
            times.append(time.perf_counter() - t0)
    return len(doc.ko), len(doc.en), min(times), float(np.median(times))


@click.command()
@suites_option
@click.option("--model", default=None, help="Encoder name (default: the embedded one).")
@seeds_option
@corpus_option
def main(suites, model, seeds, corpora):
    from docs import shared_data_here
    if not shared_data_here():
        return
    from align.aligner import ScoringParams
    from align.embed import get_encoder
    encoder = get_encoder(model)
    params = ScoringParams()
    print(f"model {encoder.name}; seeds {list(seeds)}; params {params.as_dict()}")
    header = (f"{'suite':<15} {'docs':>4} {'sents':>6} {'strictF1':>8} {'laxF1':>6} {'unalP':>6} "
              f"{'unalR':>6} {'debrisP':>7} {'debrisR':>7} {'flagged':>7} {'embed_s':>7} {'align_s':>7} {'sent/s':>7}")
    print(header)
    breakdowns, reliability = {}, {}
    for suite in (f"{c} {s}" for c in corpora for s in suites or SUITES):
        r = run_suite(suite.split()[1], encoder, params, seeds, suite.split()[0])
        breakdowns[suite] = r["debris_by_category"]
        reliability[suite] = r["reliability"]
        print(f"{suite:<15} {r['docs']:>4} {r['sentences']:>6} {r['f1_strict']:>8.3f} {r['f1_lax']:>6.3f} "
              f"{r['unaligned_precision']:>6.3f} {r['unaligned_recall']:>6.3f} {r['debris_precision']:>7.3f} "
              f"{r['debris_recall']:>7.3f} {r['flagged']:>7.1%} {r['embed_s']:>7.2f} {r['align_s']:>7.2f} "
              f"{r['sent_per_s']:>7.0f}")
    for suite, table in breakdowns.items():
        if table:
            cells = ", ".join(f"{cat} {found}/{total}" for cat, (found, total) in sorted(table.items()))
            print(f"debris left unaligned and named, by category ({suite}): {cells}")
    for suite, pairs in reliability.items():
        if not suite.endswith("mixed"):
            continue
        print(f"reliability on {suite} (pair score -> share strictly correct):")
        for lo, hi in ((0, .5), (.5, .7), (.7, .8), (.8, .9), (.9, .95), (.95, 1.01)):
            inside = [ok for ok, score in pairs if lo <= score < hi]
            share = f"{sum(inside) / len(inside):.3f}" if inside else "-"
            print(f"  [{lo:.2f}, {min(hi, 1):.2f}{']' if hi > 1 else ')'}  {len(inside):>5} pairs  {share}")
        top = [ok for ok, score in pairs if score >= 0.9]
        print(f"  score >= 0.9: {len(top)} pairs, {sum(top) / max(1, len(top)):.3f} correct")
    n_ko, n_en, best, median = one_article_seconds(model)
    print(f"one article pair ({n_ko} ko / {n_en} en sentences, running text), one core, model loaded: "
          f"best {best:.3f} s, median {median:.3f} s")


if __name__ == "__main__":
    main()
