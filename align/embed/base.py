"""The encoder protocol, and embedding of runs of neighbouring sentences."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Encoder(Protocol):
    """Texts in, an L2-normalised float32 matrix out (one row per text)."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def available_cores() -> int:
    """Cores this process may run on (not the machine's count, which over-subscribes in containers)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


# What a user sets to cap a numerical library's threads; the first one set is honoured.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def compute_threads() -> int:
    """Threads an encoder computes with by default: the available cores, capped by ``OMP_NUM_THREADS``
    (or ``OPENBLAS_NUM_THREADS``, ``MKL_NUM_THREADS``) when set, as every BLAS program honours it:
    BLAS threads that outnumber the free cores spin, which made a busy machine spend 4 times the CPU."""
    cores = available_cores()
    for variable in THREAD_VARIABLES:
        value = os.environ.get(variable, "").strip()
        if value.isdigit() and int(value) > 0:
            return min(cores, int(value))
    return cores


# A side of more segments than this holds its run embeddings (the largest array a long text makes:
# 3 x 512 floats a segment) as float16, half the memory; shorter ones stay float32, their results unchanged.
HALF_ABOVE = 20_000
# Rows of a float16 array made float32 at once (1 MB) where one is computed with
FLOAT32_ROWS = 512


def run_dtype(count: int) -> type:
    """The float type run embeddings of a side of ``count`` segments are held in."""
    return np.float16 if count > HALF_ABOVE else np.float32


def as_float32(block: np.ndarray) -> np.ndarray:
    """``block`` as float32 for computing with (float16 has no BLAS and rounds sums); float32 is not copied."""
    return np.asarray(block, dtype=np.float32)


def float32_blocks(array: np.ndarray) -> Iterator[np.ndarray]:
    """Consecutive blocks of ``array``'s rows as float32: a float32 array whole (not copied, so its
    products are what they always were), any other ``FLOAT32_ROWS`` rows at a time."""
    if array.dtype == np.float32:
        yield array
        return
    for start in range(0, len(array), FLOAT32_ROWS):
        yield as_float32(array[start:start + FLOAT32_ROWS])


def normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def encode_unique(encoder: Encoder, texts: Sequence[str]) -> np.ndarray:
    """Encode ``texts``, embedding each distinct string once."""
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    unique, inverse = np.unique(np.asarray(texts, dtype=object), return_inverse=True)
    return normalise(encoder.encode(list(unique)))[inverse.reshape(-1)]


def embed_runs(encoder: Encoder, texts: Sequence[str], max_run: int, dtype: type | None = None) -> np.ndarray:
    """Embeddings of every run of 1..``max_run`` consecutive texts.

    Returns an array of shape ``(max_run, len(texts), dim)`` whose ``[k - 1, i]``
    row embeds ``texts[i - k + 1 : i + 1]`` joined by a space; rows of runs that
    would start before the first text are zero. It is of ``dtype``, by default
    :func:`run_dtype` of the length (float16 for a long text). Encoders that can derive
    runs cheaply provide ``encode_runs(texts, max_run, dtype)``; any other encoder
    embeds the joined strings.
    """
    texts = list(texts)
    dtype = dtype or run_dtype(len(texts))
    if hasattr(encoder, "encode_runs"):
        return encoder.encode_runs(texts, max_run, dtype)
    joined, where = [], []
    for k in range(1, max_run + 1):
        for i in range(k - 1, len(texts)):
            joined.append(" ".join(texts[i - k + 1:i + 1]))
            where.append((k - 1, i))
    vectors = encode_unique(encoder, joined)
    out = np.zeros((max_run, len(texts), vectors.shape[1] if len(vectors) else 0), dtype=dtype)
    if where:
        ks, idx = np.array(where).T
        out[ks, idx] = vectors
    return out


def embed_runs_many(encoder: Encoder, documents: Sequence[Sequence[str]], max_run: int) -> list[np.ndarray]:
    """:func:`embed_runs` for several documents in one call (batched across documents).

    The documents' sentences are embedded as one sequence (in float32: each document's
    own length says whether it is held as float16); runs that would cross into the
    previous document are zeroed, exactly as at the start of a document.
    """
    flat = [t for doc in documents for t in doc]
    runs = embed_runs(encoder, flat, max_run, np.float32)
    out, start = [], 0
    for doc in documents:
        part = runs[:, start:start + len(doc)].astype(run_dtype(len(doc)))
        for k in range(2, max_run + 1):
            part[k - 1, :k - 1] = 0
        out.append(part)
        start += len(doc)
    return out


class RunCache:
    """An encoder whose run embeddings for known sentence lists were computed beforehand
    (by :func:`embed_runs_many`); anything else is passed through.

    Each entry is served once, unless ``keep`` (for parameter sweeps over the same
    documents, which then also keeps what it had to embed on the way).
    """

    def __init__(self, encoder: Encoder, keep: bool = False):
        self.inner, self.name, self._runs, self.keep = encoder, encoder.name, {}, keep

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.encode(texts)

    def prefill(self, documents: Sequence[Sequence[str]], max_run: int) -> None:
        for doc, runs in zip(documents, embed_runs_many(self.inner, documents, max_run)):
            self._runs[(tuple(doc), max_run)] = runs

    def encode_runs(self, texts: Sequence[str], max_run: int, dtype: type = np.float32) -> np.ndarray:
        key = (tuple(texts), max_run)
        cached = self._runs.get(key) if self.keep else self._runs.pop(key, None)
        if cached is None:
            cached = embed_runs(self.inner, texts, max_run, dtype)
            if self.keep:
                self._runs[key] = cached
        # what it keeps is served as a copy: the aligner centres the runs it is given in place (prefilled
        # entries are already in the precision their length asks for, as the pipeline asks for them)
        return cached.astype(dtype, copy=self.keep)
