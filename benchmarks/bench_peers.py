"""align against Bertalign and Vecalign on the same documents and the same encoder (not a test).

    pip install -e ".[bench]" && pip install --no-deps --ignore-requires-python bertalign==2.0.1
    python benchmarks/bench_peers.py [--suite mixed ...] [--seeds 13 --seeds 101 ...]

Bertalign's algorithm (``bertalign/corelib.py``, loaded by path: its package needs
Python 3.12) is driven in the order its ``aligner.py`` does, fed the embedded USE
encoder's vectors of sentences and of their concatenations, as Bertalign makes
them (every concatenation encoded). Its defaults (max_align 5, top_k 3, win 5,
skip -0.1) give the "default" row; "tuned" is its best skip on each corpus's mixed
suite (-0.05 to 0.10 by 0.01, on the very documents reported).
Vecalign is the dynamic programme of the ``sentalign`` package (Vecalign's own
defaults: beads of up to 4 sentences). Printed per suite and system: strict and
lax F1, unaligned precision and recall, embedding and alignment seconds; then,
per suite, 95% bootstrap intervals over documents of our figures and of our
strict-F1 error as a share of Bertalign tuned's.
"""

from __future__ import annotations

import importlib.util
import math
import os
import sys
import tempfile
import time
from pathlib import Path

import click
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docs import SUITES, corpus_option, seeds_option, suites_option  # noqa: E402  (beside this script)
from align.evaluate import UNALIGNED_FN, UNALIGNED_TP, doc_counts, from_counts  # noqa: E402
from metrics import beads_of, bootstrap  # noqa: E402

# Bertalign skips tried for its "tuned" row, on the reported documents themselves: steps of
# 0.01, since a step of 0.05 left its F1 up to 0.005 short
SWEEP = tuple(round(-0.05 + 0.01 * i, 2) for i in range(16))


def load_bertalign_core():
    # corelib asks numba to cache compiled code beside it; loaded by path, its cache entries
    # would name a module that does not exist in the next process
    os.environ.setdefault("NUMBA_CACHE_DIR", tempfile.mkdtemp(prefix="numba-"))
    spec = importlib.util.find_spec("bertalign")
    if spec is None:
        return None
    path = Path(spec.submodule_search_locations[0]) / "corelib.py"
    module_spec = importlib.util.spec_from_file_location("bertalign_corelib", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module


def overlaps(sentences, k):
    """Every 1..k concatenation, as Bertalign and Vecalign build them (run ending at each index)."""
    return [[" ".join(sentences[max(0, i - j):i + 1]) if i >= j else "PAD" for i in range(len(sentences))]
            for j in range(k)]


def encode_overlaps(encoder, sentences, k):
    layers = overlaps(sentences, k)
    flat = [t for layer in layers for t in layer]
    vecs = encoder.encode(flat).reshape(k, len(sentences), -1)
    lens = np.array([[len(t.encode("utf-8")) for t in layer] for layer in layers], dtype=np.int64)
    return vecs.astype(np.float32), lens


def bertalign(core, src_vecs, src_lens, tgt_vecs, tgt_lens, skip=-0.1, max_align=5, top_k=3, win=5):
    n, m = src_vecs.shape[1], tgt_vecs.shape[1]
    scores, indices = core.find_top_k_sents(src_vecs[0], tgt_vecs[0], k=top_k)
    types1 = core.get_alignment_types(2)
    w1, path1 = core.find_first_search_path(n, m)
    pointers = core.first_pass_align(n, m, w1, path1, types1, scores, indices)
    first = core.first_back_track(n, m, pointers, path1, types1)
    types2 = core.get_alignment_types(max_align)
    w2, path2 = core.find_second_search_path(first, win, n, m)
    ratio = float(np.sum(src_lens[0]) / np.sum(tgt_lens[0]))
    pointers = core.second_pass_align(src_vecs, tgt_vecs, src_lens, tgt_lens, w2, path2, types2, ratio, skip,
                                      margin=True, len_penalty=True)
    return [(tuple(a), tuple(b)) for a, b in core.second_back_track(n, m, pointers, path2, types2)]


def vecalign(vecs0, vecs1, max_size=4):
    from sentalign.dp_utils import make_alignment_types, make_norm1
    from sentalign.sentalign import vecalign as run
    make_norm1(vecs0)
    make_norm1(vecs1)
    stack = run(vecs0=vecs0, vecs1=vecs1, final_alignment_types=make_alignment_types(max_size),
                del_percentile_frac=0.2, width_over2=math.ceil(max_size / 2) + 5, max_size_full_dp=300,
                costs_sample_size=20_000, num_samps_for_norm=100)
    return [(tuple(a), tuple(b)) for a, b in stack[0]["final_alignments"]]


def embed_suite(suite, encoder, seeds, corpus="park"):
    """The suite's documents and, as the peers make them, the embeddings of every concatenation."""
    from docs import make_suite
    docs = make_suite(suite, seeds, corpus)
    t0 = time.perf_counter()
    b_emb = [(encode_overlaps(encoder, d.ko, 4), encode_overlaps(encoder, d.en, 4)) for d in docs]
    return docs, b_emb, time.perf_counter() - t0


def row(docs, tests, embed_s, align_s):
    """A system's scores on a suite, with its per-document counts (for bootstrap intervals)."""
    counts = np.array([doc_counts(d.gold, t) for d, t in zip(docs, tests)])
    return {**from_counts(counts.sum(axis=0)).as_dict(), "counts": counts, "embed_s": embed_s, "align_s": align_s}


def bertalign_rows(docs, b_emb, b_embed, core, skips):
    rows = {}
    for name, skip in skips.items():
        t0 = time.perf_counter()
        tests = [bertalign(core, *src, *tgt, skip=skip) for src, tgt in b_emb]
        rows[f"bertalign {name} ({skip:+.2f})"] = row(docs, tests, b_embed, time.perf_counter() - t0)
    return rows


def run_suite(docs, b_emb, b_embed, encoder, core, skips):
    from bench_align import align_documents
    rows = {}
    # ours: run embeddings derived from per-sentence features, then align
    results, embed, align_s = align_documents(docs, encoder)
    rows["align"] = row(docs, beads_of(results), embed, align_s)
    if core is not None:
        rows.update(bertalign_rows(docs, b_emb, b_embed, core, skips))
    try:
        t0 = time.perf_counter()
        tests = [vecalign(src[0].copy(), tgt[0].copy()) for src, tgt in b_emb]
        rows["vecalign"] = row(docs, tests, b_embed, time.perf_counter() - t0)
    except ImportError:
        pass
    return rows


@click.command()
@suites_option
@click.option("--tuned-skip", type=float, default=None, help="Bertalign's tuned skip (default: swept on each corpus's mixed).")
@seeds_option
@corpus_option
def main(suites, tuned_skip, seeds, corpora):
    from docs import shared_data_here
    if not shared_data_here():
        return
    from align.embed import get_encoder
    encoder = get_encoder(None)
    core = load_bertalign_core()
    if core is None:
        print("bertalign is not installed: its rows are left out")
    embedded = {(c, s): embed_suite(s, encoder, seeds, c) for c in corpora for s in suites or SUITES}
    # Bertalign's skip is tuned on each corpus's own mixed documents, the very ones reported
    tuned = {c: tuned_skip for c in corpora}
    for corpus in corpora:
        if tuned[corpus] is None and core is not None:
            mixed = embedded.get((corpus, "mixed")) or embed_suite("mixed", encoder, seeds, corpus)
            sweep = bertalign_rows(*mixed, core, {f"sweep {s:+.2f}": s for s in SWEEP})
            tuned[corpus] = max((row["f1_strict"], skip) for row, skip in zip(sweep.values(), SWEEP))[1]
            print(f"bertalign skip swept on {corpus} mixed over {SWEEP[0]}..{SWEEP[-1]} by 0.01: "
                  f"best {tuned[corpus]:+.2f}")
    print(f"seeds {list(seeds)}")
    print(f"{'suite':<15} {'system':<26} {'strictF1':>8} {'laxF1':>6} {'unalP':>6} {'unalR':>6} "
          f"{'embed_s':>8} {'align_s':>8}")
    intervals = []
    for (corpus, suite), (docs, b_emb, b_embed) in embedded.items():
        skips = {"default": -0.1, "tuned": tuned[corpus] if tuned[corpus] is not None else -0.1}
        rows = run_suite(docs, b_emb, b_embed, encoder, core, skips)
        name = f"{corpus} {suite}"
        for system, r in rows.items():
            print(f"{name:<15} {system:<26} {r['f1_strict']:>8.3f} {r['f1_lax']:>6.3f} "
                  f"{r['unaligned_precision']:>6.3f} {r['unaligned_recall']:>6.3f} {r['embed_s']:>8.2f} "
                  f"{r['align_s']:>8.2f}")
        intervals.append(interval_lines(name, rows, f"bertalign tuned ({skips['tuned']:+.2f})"))
    print("95% intervals, documents drawn with replacement (1,000 draws, the same documents for each system):")
    print("\n".join(line for lines in intervals for line in lines))


def interval_lines(suite, rows, rival):
    """How far one suite's figures could move with other documents like these."""
    def error_ratio(s):
        return (1 - s["align"]["f1_strict"]) / max(1e-9, 1 - s[rival]["f1_strict"])

    counts = {k: rows[k]["counts"] for k in ("align", rival) if k in rows}
    stats = {"strict F1": lambda s: s["align"]["f1_strict"]}
    gold_unaligned = counts["align"][:, [UNALIGNED_TP, UNALIGNED_FN]].sum()
    if gold_unaligned:
        stats["unaligned P"] = lambda s: s["align"]["unaligned_precision"]
        stats["unaligned R"] = lambda s: s["align"]["unaligned_recall"]
    if rival in counts:
        stats[f"error / {rival}'s"] = error_ratio
    lines = []
    for name, statistic in stats.items():
        lo, hi = bootstrap(counts, statistic)
        lines.append(f"  {suite:<15} align {name:<34} {statistic(rows):.3f}  [{lo:.3f}, {hi:.3f}]")
    return lines


if __name__ == "__main__":
    main()
