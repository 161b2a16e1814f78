"""Fit the bead-score knobs and the confidence calibration on tuning documents (not a test).

    python benchmarks/fit_scoring.py

``bench_align.py`` and ``bench_peers.py`` report on documents built with seed 13
(and ``--seeds`` others). The knobs in :class:`align.aligner.ScoringParams` are
chosen here on documents built from the same pairs with other seeds (7, 21, 42
and 200-205: other merges, omissions and debris), so the reported figures are
not fitted to the reported documents.

The objective: strict F1 on the mixed suite, plus min(unaligned precision,
unaligned recall) on mixed, plus half the strict F1 on each of the merged and
clean suites, less ten times what clean F1 falls short of the tool's before this
recogniser (clean documents must not pay for the mixed ones; they are cut at other
places than the reported ones). It is climbed one knob at a time
(coordinate ascent from the current defaults, a step each way while it
improves, rounds until no knob moves, then the same with half steps; merge
costs stay ≥ 0). Then the confidence, logistic(bias + a·cosine + b·gain), is
fitted by Newton's method to the chosen point's pairs (strictly correct or
not), with every pair made between two unrelated articles added as wrong.
Prints each move and the fields to set.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_align import align_lines  # noqa: E402  (beside this script)
from metrics import beads_of, scores  # noqa: E402

SEEDS = (7, 21, 42, 200, 201, 202, 203, 204, 205)
# Clean documents must lose nothing to the mixed ones: the aligner of bf2adef (before page debris was
# recognised by kind and null decisions calibrated) reaches this strict F1 on the fit clean documents,
# and each point below it costs ten of the objective.
CLEAN_FLOOR, CLEAN_PENALTY = 0.997, 10.0
# knob (a field, or a field and an index into a tuple field) -> step
STEPS = {"debris_weight": 0.1, "debris_both_weight": 0.1, "threshold": 0.01, "margin": 0.05,
         "length_weight": 0.005, "floor": 0.02, "floor_weight": 0.5, "threshold_slope": 0.1, "calibration_prior": 2.0,
         **{("merge_costs", i): 0.01 for i in range(5)}}


def raw_pairs(docs, cache, params):
    """Per document, the aligner's pairs with their cosine and gain, as align_texts makes them."""
    import align.pipeline as pipeline
    real, recorded = pipeline.align_embeddings, []

    def record(*args, **kw):
        recorded.append(real(*args, **kw))
        return recorded[-1]

    pipeline.align_embeddings = record
    try:
        align_lines(docs, cache, params)
    finally:
        pipeline.align_embeddings = real
    return [[b for b in aligned.beads if b.ko and b.en] for aligned in recorded]


def remember_debris():
    """Make the pipeline remember each page's debris calls: they do not depend on the knobs climbed here."""
    import align.pipeline as pipeline
    real, memory = pipeline.recognise, {}

    def recognise(text, sentences, *args, **kw):
        key = (text, tuple((s.start, s.end) for s in sentences))
        if key not in memory:
            memory[key] = real(text, sentences, *args, **kw)
        return memory[key]

    pipeline.recognise = recognise


def fit_logistic(x: np.ndarray, y: np.ndarray, iterations: int = 50) -> np.ndarray:
    """Weights of logistic(x · w) by Newton's method (a little ridge keeps it finite)."""
    w = np.zeros(x.shape[1])
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-x @ w))
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + 1e-3 * np.eye(x.shape[1])
        w -= np.linalg.solve(hessian, x.T @ (p - y) + 1e-3 * w)
    return w


def nudge(params, knob, delta):
    """``params`` with one knob moved by ``delta``."""
    if isinstance(knob, tuple):
        name, i = knob
        values = list(getattr(params, name))
        values[i] = round(values[i] + delta, 4)
        return dataclasses.replace(params, **{name: tuple(values)})
    return dataclasses.replace(params, **{knob: round(getattr(params, knob) + delta, 4)})


def objective(suites, cache, params):
    mixed, merged, clean = (scores(suites[s], beads_of(align_lines(suites[s], cache, params)))
                            for s in ("mixed", "merged", "clean"))
    value = (mixed["f1_strict"] + min(mixed["unaligned_precision"], mixed["unaligned_recall"])
             + 0.5 * merged["f1_strict"] + 0.5 * clean["f1_strict"]
             - CLEAN_PENALTY * max(0.0, CLEAN_FLOOR - clean["f1_strict"]))
    return value, (f"mixed F1 {mixed['f1_strict']:.3f} unalP {mixed['unaligned_precision']:.3f} "
                   f"unalR {mixed['unaligned_recall']:.3f}  merged F1 {merged['f1_strict']:.3f}  "
                   f"clean F1 {clean['f1_strict']:.3f}")


def push(suites, cache, params, best, knob, delta):
    """Move one knob by ``delta`` as long as the objective improves: the params and value reached."""
    while True:
        candidate = nudge(params, knob, delta)
        if (min(candidate.merge_costs) < 0 or candidate.calibration_prior < 1 or candidate.debris_weight < 0
                or candidate.debris_both_weight < 0):
            # a merge is never cheaper than its parts; a prior has weight; debris never helps a pair
            return params, best
        value, line = objective(suites, cache, candidate)
        if value <= best + 1e-4:
            return params, best
        params, best = candidate, value
        print(f"{knob} {delta:+} -> {best:.4f}  {line}", flush=True)


def climb(suites, cache, params):
    """Coordinate ascent on :func:`objective` over the knobs in ``STEPS``, then again with half steps."""
    best, line = objective(suites, cache, params)
    print(f"start {best:.4f}  {line}", flush=True)
    for scale in (1.0, 0.5):
        start = None
        while params != start:  # rounds until no knob moves
            start = params
            for knob, step in STEPS.items():
                for delta in (scale * step, -scale * step):
                    params, best = push(suites, cache, params, best, knob, delta)
    return params


def main():
    from docs import make_documents, make_suite, shared_data_here
    if not shared_data_here():
        return
    from align.aligner import MAX_RUN, ScoringParams
    from align.embed import RunCache, get_encoder
    cache = RunCache(get_encoder(None), keep=True)
    remember_debris()
    # the clean suite draws nothing from the seed: cut it into 24-pair documents, not the reported 30
    # Park news only, its debris from the fit half of the bank: JHE and the held-out debris are reported on
    suites = {"clean": make_documents("clean", size=24, half="fit"),
              **{s: make_suite(s, SEEDS, "park", half="fit") for s in ("merged", "mixed")}}
    cache.prefill([x for docs in suites.values() for d in docs for x in (d.ko, d.en)], MAX_RUN)
    params = climb(suites, cache, ScoringParams())
    docs = suites["mixed"]
    rows = []
    for d, pairs in zip(docs, raw_pairs(docs, cache, params)):
        gold = set(d.gold)
        rows += [(b.cosine, b.gain, (b.ko, b.en) in gold) for b in pairs]
    shifted = docs[len(docs) // 2:] + docs[:len(docs) // 2]
    unrelated = [dataclasses.replace(d, en=e.en, gold=[]) for d, e in zip(docs, shifted)]
    for pairs in raw_pairs(unrelated, cache, params):
        rows += [(b.cosine, b.gain, False) for b in pairs]
    cos, gain, ok = (np.array(c, dtype=float) for c in zip(*rows))
    w = fit_logistic(np.column_stack([np.ones_like(cos), cos, gain]), ok.astype(float))
    chosen = {k: v for k, v in params.as_dict().items() if not k.startswith("conf_")}
    print(f"chosen on seeds {SEEDS}: {chosen}")
    print(f"confidence fitted on {len(rows)} pairs ({int(ok.sum())} correct): "
          f"conf_bias={w[0]:.2f}, conf_cos_weight={w[1]:.2f}, conf_gain_weight={w[2]:.2f}")


if __name__ == "__main__":
    main()
