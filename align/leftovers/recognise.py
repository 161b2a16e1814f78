"""The debris recogniser: how likely each segment of a page is page debris, and of which kind.

The evidence (``features.py``) is weighed by small neural networks (one hidden layer,
an ensemble of a few) fitted on the fit half of a bank of labelled real pages
(``benchmarks/fit_debris.py``; weights in ``models/debris_model.npz``), in two passes:
the second also sees how its neighbours looked in the first, since debris comes in
runs (menus, share rows, link lists). With the encoder the networks were fitted with,
they also read the segment's embedding (what it means, in any language the encoder
knows); with another encoder, a variant fitted without it is used.

A segment at or above the model's ``fix`` probability is kept out of the alignment (it
can never be paired); one at or above ``name`` is named as debris (the pipeline names its
leftovers from a lower probability, ``ScoringParams.leftover_debris``).
"""

from __future__ import annotations

import hashlib
import io
import json
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from ..types import Sentence
from .boilerplate import normalised
from .debris import classify_debris, debris_reasons
from .features import NAMES, Prototypes, page_features

# the neighbour evidence of the second pass, from the first pass's probabilities
CONTEXT = ("neighbours_mean", "neighbours_max", "neighbours_min")
# embeddings and neighbour probabilities are scaled to weigh like standardised features
EMBEDDING_SCALE = 3.0
CONTEXT_SCALE = 3.0
# segments whose network inputs are made at once
JUDGE_ROWS = 4096


@dataclass(frozen=True)
class DebrisCall:
    """What the recogniser made of one segment."""

    probability: float
    category: str | None = None   # a debris category when probability >= the model's naming threshold
    reason: str = ""
    fixed: bool = False           # kept out of the alignment

    @property
    def is_debris(self) -> bool:
        return self.category is not None


@dataclass(frozen=True)
class Network:
    """An ensemble of one-hidden-layer networks: mean of logistic(relu(x W1 + b1) w2 + b2)."""

    w1: np.ndarray   # (members, inputs, hidden)
    b1: np.ndarray   # (members, hidden)
    w2: np.ndarray   # (members, hidden)
    b2: np.ndarray   # (members,)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        hidden = np.maximum(np.einsum("ni,mih->mnh", x, self.w1) + self.b1[:, None, :], 0)
        return _logistic(np.einsum("mnh,mh->mn", hidden, self.w2) + self.b2[:, None]).mean(axis=0)


@dataclass(frozen=True)
class Variant:
    """The networks of one input set: the two passes, and the softmax naming the category."""

    first: Network
    second: Network
    namer: tuple[np.ndarray, np.ndarray]   # weights (inputs, categories), biases


@dataclass(frozen=True)
class DebrisModel:
    mean: np.ndarray
    scale: np.ndarray
    variants: dict[str, Variant]   # "embedding" (reads the vectors of ``encoder``) and "features"
    categories: tuple[str, ...]
    encoder: str
    dim: int
    fix: float
    name: float
    fitted_on: str
    digest: str   # of the weights file: what a signature names

    def settings(self) -> str:
        return f"{self.digest} (fix {self.fix:g}, name {self.name:g}; {self.fitted_on})"

    def judge(self, features: np.ndarray, vectors: np.ndarray | None,
              encoder_name: str | None) -> tuple[np.ndarray, list[str]]:
        """Each row's (a page's segments, in order) two-pass probability of being debris, and its likeliest category.

        Both passes go ``JUDGE_ROWS`` rows at a time: a long page's network inputs (hundreds of
        floats a segment) are never held whole."""
        embedded = vectors is not None and encoder_name == self.encoder and vectors.shape[1] == self.dim
        variant = self.variants["embedding" if embedded else "features"]

        def inputs(rows: slice) -> np.ndarray:
            x = (features[rows] - self.mean) / self.scale
            return np.column_stack([x, EMBEDDING_SCALE * vectors[rows]]) if embedded else x

        blocks = [slice(start, start + JUDGE_ROWS) for start in range(0, max(len(features), 1), JUDGE_ROWS)]
        context = CONTEXT_SCALE * neighbour_context(np.concatenate([variant.first(inputs(r)) for r in blocks]))
        w, b = variant.namer
        p, likeliest = [], []
        for rows in blocks:
            x = inputs(rows)
            p.append(variant.second(np.column_stack([x, context[rows]])))
            likeliest += [self.categories[k] for k in (x @ w + b).argmax(axis=1)]
        return np.concatenate(p), likeliest


@lru_cache(maxsize=1)
def debris_model() -> DebrisModel:
    """The fitted networks of ``models/debris_model.npz``."""
    return load_model(resources.files("align.models").joinpath("debris_model.npz").read_bytes())


def load_model(raw: bytes) -> DebrisModel:
    """A recogniser from the bytes of a weights file as ``benchmarks/fit_debris.py`` writes it."""
    data = dict(np.load(io.BytesIO(raw)))
    meta = json.loads(str(data["meta"]))
    if tuple(meta["features"]) != NAMES:
        raise RuntimeError("models/debris_model.npz was fitted on other features: run benchmarks/fit_debris.py")
    variants = {v: Variant(*(Network(*(data[f"{v}.{p}.{k}"] for k in ("w1", "b1", "w2", "b2")))
                             for p in ("first", "second")), (data[f"{v}.category.w"], data[f"{v}.category.b"]))
                for v in ("embedding", "features")}
    return DebrisModel(data["mean"], data["scale"], variants, tuple(meta["categories"]), meta["encoder"],
                       meta["dim"], meta["fix"], meta["name"], meta["fitted_on"], hashlib.sha256(raw).hexdigest()[:12])


_PROTOTYPES: dict[str, Prototypes] = {}


def prototypes_for(encoder) -> Prototypes:
    """The prototypes of ``models/debris_prototypes.toml`` embedded by ``encoder`` (once per encoder)."""
    from ..embed.base import encode_unique
    if encoder.name not in _PROTOTYPES:
        data = tomllib.loads(resources.files("align.models").joinpath("debris_prototypes.toml").read_text("utf-8"))
        phrases = [p for c, ps in data.items() if c != "content" for p in ps]
        _PROTOTYPES[encoder.name] = Prototypes(encode_unique(encoder, phrases), encode_unique(encoder, data["content"]))
    return _PROTOTYPES[encoder.name]


def neighbour_context(p: np.ndarray) -> np.ndarray:
    """Mean, max and min of each segment's two neighbours' probabilities (0.5 beyond the page)."""
    padded = np.concatenate([[0.5], p, [0.5]])
    prev, nxt = padded[:-2], padded[2:]
    return np.column_stack([(prev + nxt) / 2, np.maximum(prev, nxt), np.minimum(prev, nxt)])


def recognise(text: str, sentences: list[Sentence], vectors: np.ndarray | None = None, encoder=None,
              boilerplate: frozenset[str] = frozenset(), name: float | None = None,
              model: DebrisModel | None = None) -> list[DebrisCall]:
    """What each segment of ``text`` is: debris (with its category and why) or not.

    ``vectors`` are the segments' embeddings by ``encoder`` (for the meaning evidence;
    without them it is left out); ``boilerplate`` holds texts known to recur across a
    source's documents (normalised as :func:`align.leftovers.boilerplate.normalised` does),
    debris whatever else they look like. A segment is named debris from probability ``name``
    (default: the model's, fitted for a page's segments). ``model`` is the fitted recogniser
    (default: the shipped one, :func:`debris_model`).
    """
    if not sentences:
        return []
    model = model or debris_model()
    name = model.name if name is None else name
    prototypes = prototypes_for(encoder) if encoder is not None and vectors is not None else None
    features = page_features(text, sentences, vectors, prototypes)
    p, likeliest = model.judge(features, vectors, encoder.name if encoder is not None else None)
    calls = []
    for i, s in enumerate(sentences):
        if normalised(s.text) in boilerplate:
            calls.append(DebrisCall(1.0, "ui", "boilerplate: recurs across this source's documents", True))
            continue
        prob = float(p[i])
        f = dict(zip(NAMES, features[i]))
        if prob < name:
            # a pattern precise on its own ("▶ 관련기사: …", "무단 전재 및 재배포 금지") names it all the same;
            # the features already say whether any pattern matched, so the rest are not matched again
            sure = classify_debris(s.text, sure=True) if f["rule"] else None
            calls.append(DebrisCall(prob, sure[0], f"{sure[1]} (debris probability {prob:.2f}, a sure pattern)")
                         if sure else DebrisCall(prob))
            continue
        category, why = classify_debris(s.text, edge=bool(f["edge"] and f["own_line"])) or (
            likeliest[i], debris_reasons()[likeliest[i]])
        calls.append(DebrisCall(prob, category, f"{why} (debris probability {prob:.2f})", prob >= model.fix))
    return calls


def _logistic(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -40, 40)))
