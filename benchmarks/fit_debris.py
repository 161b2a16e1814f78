"""Fit the debris recogniser on the fit half of the labelled bank of real pages (not a test).

    python benchmarks/fit_debris.py            # writes models/debris_model.npz (a few minutes)

Only pages whose outlet group falls in the fit half (``realdata.half``) are read; the
held-out half is for ``bench_debris.py`` alone. Two variants are fitted: one reading the
segment's embedding by the default encoder besides the evidence of
``align/leftovers/features.py``, one without (for any other encoder). Each has two
passes, ensembles of one-hidden-layer networks trained by Adam with dropout and weight
decay: the first on the segment and its page, the second also on its neighbours'
first-pass probabilities, which for the fit pages come from networks that did not
see the page's group (five folds by group), as at run time; and a softmax over the
debris categories, fitted on the debris segments, to name what was found. The naming threshold is
0.5; segments kept out of the alignment need the probability at which the fit half's
out-of-fold precision reaches ``FIX_PRECISION``.
"""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_debris import bank_pages  # noqa: E402
from realdata import DEBRIS_LABELS  # noqa: E402

FOLDS = 5
MEMBERS = 3
HIDDEN = 32
EPOCHS = 60
FIX_PRECISION = 0.995
MODEL = Path(__file__).resolve().parents[1] / "models" / "debris_model.npz"


def fit_rows(encoder):
    """Features, vectors, gold (debris or not), group and page of every scored segment of the fit half."""
    from align.leftovers.features import page_features
    from align.leftovers.recognise import prototypes_for
    prototypes = prototypes_for(encoder)
    x, v, y, categories, groups, pages = [], [], [], [], [], []
    for lang in ("ko", "en"):
        for n, (page, sentences, vectors, labels, _) in enumerate(bank_pages(lang, encoder)):
            if page.half != "fit" or not sentences:
                continue
            features = page_features(page.text, sentences, vectors, prototypes)
            for row, vector, label in zip(features, vectors, labels):
                if label not in (None, "cut"):
                    x.append(row)
                    v.append(vector)
                    y.append(label in DEBRIS_LABELS)
                    categories.append(label)
                    groups.append(page.group)
                    pages.append(f"{lang}{n}")
    return (np.array(x), np.array(v), np.array(y, dtype=float), np.array(categories), np.array(groups),
            np.array(pages))


def train(x: np.ndarray, y: np.ndarray, seed: int, lr: float = 3e-3, decay: float = 1e-3,
          dropout: float = 0.3, input_dropout: float = 0.1):
    """One network's weights (w1, b1, w2, b2), trained on the logistic loss by Adam in batches of 64."""
    rng = np.random.default_rng(seed)
    params = [rng.normal(0, 1 / np.sqrt(x.shape[1]), (x.shape[1], HIDDEN)), np.zeros(HIDDEN),
              rng.normal(0, 1 / np.sqrt(HIDDEN), HIDDEN), np.zeros(1)]
    first, second = [np.zeros_like(p) for p in params], [np.zeros_like(p) for p in params]
    step = 0
    for _ in range(EPOCHS):
        order = rng.permutation(len(y))
        for start in range(0, len(y), 64):
            batch = order[start:start + 64]
            xb = x[batch] * (rng.random((len(batch), x.shape[1])) > input_dropout) / (1 - input_dropout)
            pre = xb @ params[0] + params[1]
            keep = (rng.random(pre.shape) > dropout) / (1 - dropout)
            hidden = np.maximum(pre, 0) * keep
            p = 1 / (1 + np.exp(-(hidden @ params[2] + params[3][0])))
            g = (p - y[batch]) / len(batch)
            back = np.outer(g, params[2]) * keep * (pre > 0)
            grads = [xb.T @ back + decay * params[0], back.sum(axis=0), hidden.T @ g + decay * params[2],
                     np.array([g.sum()])]
            step += 1
            for p_, g_, m, s in zip(params, grads, first, second):
                m *= 0.9
                m += 0.1 * g_
                s *= 0.999
                s += 0.001 * g_ * g_
                p_ -= lr * (m / (1 - 0.9 ** step)) / (np.sqrt(s / (1 - 0.999 ** step)) + 1e-8)
    return params


def ensemble(x: np.ndarray, y: np.ndarray):
    """A :class:`~align.leftovers.recognise.Network` of ``MEMBERS`` networks of different seeds."""
    from align.leftovers.recognise import Network
    members = [train(x, y, seed) for seed in range(MEMBERS)]
    return Network(*(np.stack([m[k] for m in members]).astype(np.float32) for k in range(3)),
                   np.array([m[3][0] for m in members], dtype=np.float32))


def train_softmax(x: np.ndarray, labels: np.ndarray, classes: tuple[str, ...], epochs: int = 200,
                  lr: float = 1e-2, decay: float = 1e-3) -> tuple[np.ndarray, np.ndarray]:
    """Weights and biases of a softmax over ``classes``, by full-batch Adam on the cross-entropy."""
    target = (labels[:, None] == np.array(classes)[None, :]).astype(float)
    w, b = np.zeros((x.shape[1], len(classes))), np.zeros(len(classes))
    moments = [[np.zeros_like(w), np.zeros_like(w)], [np.zeros_like(b), np.zeros_like(b)]]
    for step in range(1, epochs + 1):
        logits = x @ w + b
        p = np.exp(logits - logits.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        g = (p - target) / len(x)
        for param, grad, (m, s) in ((w, x.T @ g + decay * w, moments[0]), (b, g.sum(axis=0), moments[1])):
            m *= 0.9
            m += 0.1 * grad
            s *= 0.999
            s += 0.001 * grad * grad
            param -= lr * (m / (1 - 0.9 ** step)) / (np.sqrt(s / (1 - 0.999 ** step)) + 1e-8)
    return w.astype(np.float32), b.astype(np.float32)


def context_by_page(p: np.ndarray, pages: np.ndarray) -> np.ndarray:
    from align.leftovers.recognise import CONTEXT_SCALE, neighbour_context
    out = np.zeros((len(p), 3))
    for page in np.unique(pages):
        rows = np.flatnonzero(pages == page)
        out[rows] = neighbour_context(p[rows])
    return CONTEXT_SCALE * out


def fit_variant(x, y, fold, pages):
    """First and second pass, and the second pass's out-of-fold probabilities (for the thresholds)."""
    oof = np.zeros(len(y))
    for k in range(FOLDS):
        oof[fold == k] = ensemble(x[fold != k], y[fold != k])(x[fold == k])
    first = ensemble(x, y)
    with_context = np.column_stack([x, context_by_page(oof, pages)])
    second = ensemble(with_context, y)
    held = np.zeros(len(y))
    for k in range(FOLDS):
        held[fold == k] = ensemble(with_context[fold != k], y[fold != k])(with_context[fold == k])
    return first, second, held


def fit_model(encoder_name: str, x, v, y, categories, groups, pages) -> bytes:
    """The weights file (as ``models/debris_model.npz`` holds it) fitted on the rows of :func:`fit_rows`."""
    from align.leftovers.features import NAMES
    from align.leftovers.recognise import CONTEXT, EMBEDDING_SCALE
    mean, scale = x.mean(axis=0), x.std(axis=0)
    bias = NAMES.index("bias")
    mean[bias], scale[bias] = 0.0, 1.0
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    order = sorted(set(groups))
    fold = np.array([order.index(g) % FOLDS for g in groups])
    arrays, held = {}, {}
    for variant, inputs in (("embedding", np.column_stack([z, EMBEDDING_SCALE * v])), ("features", z)):
        first, second, held[variant] = fit_variant(inputs, y, fold, pages)
        for name, net in (("first", first), ("second", second)):
            for key in ("w1", "b1", "w2", "b2"):
                arrays[f"{variant}.{name}.{key}"] = getattr(net, key)
        debris = y > 0
        arrays[f"{variant}.category.w"], arrays[f"{variant}.category.b"] = train_softmax(
            inputs[debris], categories[debris], DEBRIS_LABELS)
        named = held[variant] >= 0.5
        print(f"{variant}: out of fold on the fit half, precision {(named & (y > 0)).sum() / max(1, named.sum()):.3f}"
              f", recall {(named & (y > 0)).sum() / max(1, y.sum()):.3f}", flush=True)
    p = held["embedding"]
    fix = next((round(float(t), 2) for t in np.arange(0.5, 1.0, 0.01)
                if ((p >= t) & (y > 0)).sum() >= FIX_PRECISION * max(1, (p >= t).sum())), 1.0)
    print(f"fit half: {len(y)} segments of {len(set(pages))} pages, {len(order)} groups, {int(y.sum())} debris; "
          f"kept out of the alignment from probability {fix:.2f}")
    meta = {"fitted_on": f"fit half of benchmarks/data/debris_bank ({len(set(pages))} pages, {len(order)} outlet "
                         f"groups, Korean and English), {date.today().isoformat()}",
            "features": list(NAMES), "context": list(CONTEXT), "categories": list(DEBRIS_LABELS),
            "encoder": encoder_name, "dim": int(v.shape[1]),
            "fix": fix, "name": 0.5}
    out = io.BytesIO()
    np.savez_compressed(out, meta=np.array(json.dumps(meta)), mean=mean, scale=scale, **arrays)
    return out.getvalue()


def main():
    from align.embed import get_encoder
    encoder = get_encoder(None)
    MODEL.write_bytes(fit_model(encoder.name, *fit_rows(encoder)))
    print(f"written: {MODEL}")


if __name__ == "__main__":
    main()
