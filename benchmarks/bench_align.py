"""Alignment benchmark on documents built from ../shared/data/ko-en (not a test).

    python benchmarks/bench_align.py [--suite mixed] [--model use-m3]

Prints, per suite: strict and lax F1 (Vecalign's definition), precision and
recall of unaligned sentences, embedding and alignment seconds and sentences
per second; then the end-to-end time of one 30-sentence article pair on one core.
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

SUITES = ("clean", "merged", "omissions", "debris", "mixed")


def embed_document(encoder, doc):
    from align.aligner import MAX_RUN
    from align.embed import embed_runs
    return embed_runs(encoder, doc.ko, MAX_RUN), embed_runs(encoder, doc.en, MAX_RUN)


def align_document(doc, ko_runs, en_runs, params):
    from align.aligner import align_embeddings
    from align.leftovers import classify_debris
    ko_fixed = np.array([classify_debris(s) is not None for s in doc.ko])
    en_fixed = np.array([classify_debris(s) is not None for s in doc.en])
    beads = align_embeddings(ko_runs, en_runs, np.array([len(s) for s in doc.ko], float),
                             np.array([len(s) for s in doc.en], float), ko_fixed, en_fixed, params)
    return [(b.ko, b.en) for b in beads]


def run_suite(suite, encoder, params):
    from docs import make_documents
    from metrics import strict_lax, unaligned
    docs = make_documents(suite)
    t0 = time.perf_counter()
    embedded = [embed_document(encoder, d) for d in docs]
    t_embed = time.perf_counter() - t0
    t0 = time.perf_counter()
    tests = [align_document(d, *e, params) for d, e in zip(docs, embedded)]
    t_align = time.perf_counter() - t0
    golds = [d.gold for d in docs]
    n_sent = sum(len(d.ko) + len(d.en) for d in docs)
    return {**strict_lax(golds, tests), **unaligned(golds, tests), "docs": len(docs),
            "sentences": n_sent, "embed_s": t_embed, "align_s": t_align,
            "sent_per_s": n_sent / (t_embed + t_align)}


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
@click.option("--suite", "suites", multiple=True, type=click.Choice(SUITES), help="Default: all.")
@click.option("--model", default=None, help="Encoder name (default: the embedded one).")
def main(suites, model):
    from docs import SHARED
    if not SHARED.is_dir():
        print(f"benchmark skipped: {SHARED} is not here (it ships beside the project, not in it)")
        return
    from align.aligner import ScoringParams
    from align.embed import get_encoder
    encoder = get_encoder(model)
    params = ScoringParams()
    print(f"model {encoder.name}; params {params.as_dict()}")
    header = (f"{'suite':<10} {'docs':>4} {'sents':>6} {'strictF1':>8} {'laxF1':>6} {'unalP':>6} "
              f"{'unalR':>6} {'embed_s':>7} {'align_s':>7} {'sent/s':>7}")
    print(header)
    for suite in suites or SUITES:
        r = run_suite(suite, encoder, params)
        print(f"{suite:<10} {r['docs']:>4} {r['sentences']:>6} {r['f1_strict']:>8.3f} {r['f1_lax']:>6.3f} "
              f"{r['unaligned_precision']:>6.3f} {r['unaligned_recall']:>6.3f} {r['embed_s']:>7.2f} "
              f"{r['align_s']:>7.2f} {r['sent_per_s']:>7.0f}")
    n_ko, n_en, best, median = one_article_seconds(model)
    print(f"one article pair ({n_ko} ko / {n_en} en sentences, running text), one core, model loaded: "
          f"best {best:.3f} s, median {median:.3f} s")


if __name__ == "__main__":
    main()
