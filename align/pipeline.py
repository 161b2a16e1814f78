"""The whole job: segment → embed → align → leftovers, as public functions."""

from __future__ import annotations

import os
from dataclasses import replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np

from .aligner import MAX_RUN, RawBead, ScoringParams, align_embeddings
from .aligner.band import COSINE_CELLS
from .embed import Encoder, embed_runs, get_encoder
from .embed.base import as_float32, float32_blocks
from .errors import AlignError, InputError
from .checks import check_pair
from .language import check_pair_languages, korean_english
from .leftovers import DebrisCall, detach_glued, recognise
from .leftovers.recognise import debris_model
from .segment import segment
from .segment.shape import not_running_text
from .textio import read_text
from .types import Alignment, Bead, Sentence

# Below this document score two texts are not treated as translations of each other.
MIN_DOC_SCORE = 0.25
# ... unless a pair is near certain: an English edition rewritten around a few shared sentences is a
# translation all the same (one of 20 real pairs scores 0.14). A line copied onto both pages ("Photo:
# Yonhap", a product name, a Korean site string on an English page) is no such evidence: unrelated pages share it.
SURE_PAIR = 0.9
# A leftover's best similarity, in a long text with many leftovers, is looked for this many sentences
# either side of its place (so its cost grows with the text, not with its square), a block of them at once.
BEST_MATCH_REACH = 1000
BEST_MATCH_BLOCK = 512

try:
    __version__ = version("align-ko-en")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"


class NotTranslationError(AlignError):
    """The two texts do not look like translations of each other."""


def align_texts(ko_text: str, en_text: str, model: str | Encoder | None = None,
                split: str = "auto", params: ScoringParams | None = None) -> Alignment:
    """Align a Korean text with its English version.

    ``model`` is a registered name or alias (see ``align models``), a
    sentence-transformers name or path, or an :class:`~align.embed.Encoder`;
    ``None`` means the embedded default. ``split="lines"`` takes the texts as
    one sentence per line. Every sentence of both texts ends up in exactly one
    bead of the result, pairs and leftovers in document order.
    """
    return align_sentences(ko_text, en_text, *segment_pair(ko_text, en_text, split),
                           model=model, split=split, params=params)


def align_sentences(ko_text: str, en_text: str, ko: list[Sentence], en: list[Sentence],
                    model: str | Encoder | None = None, split: str = "auto",
                    params: ScoringParams | None = None,
                    boilerplate: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())) -> Alignment:
    """:func:`align_texts` for texts already cut into ``ko`` and ``en`` by :func:`sentences_of`
    (``split`` is the mode they were cut with, recorded in the result's settings).

    ``boilerplate`` holds, per side, texts known to recur across the documents of the
    pair's source (corpus mode finds them), which are page debris wherever they stand.
    """
    params = params or ScoringParams()
    encoder = get_encoder(model) if model is None or isinstance(model, str) else model
    ko_runs = embed_runs(encoder, [s.text for s in ko], MAX_RUN)
    en_runs = embed_runs(encoder, [s.text for s in en], MAX_RUN)
    # only leftovers are named: the threshold is a leftover's
    ko_calls = recognise(ko_text, ko, ko_runs[0], encoder, boilerplate[0], params.leftover_debris)
    en_calls = recognise(en_text, en, en_runs[0], encoder, boilerplate[1], params.leftover_debris)
    # the leftovers' best similarity is told on the sentences as embedded: kept apart (in the runs'
    # precision), since the aligner centres the runs in place (a copy of them is the largest array a long text would hold)
    ko_vectors, en_vectors = ko_runs[0].copy(), en_runs[0].copy()
    aligned = align_embeddings(ko_runs, en_runs, _chars(ko), _chars(en), _debris(ko_calls), _debris(en_calls),
                               params, consume=True)
    del ko_runs, en_runs
    raw = aligned.beads
    best_ko = _best_match(ko_vectors, en_vectors, *_leftovers_and_places(raw, "ko"))
    best_en = _best_match(en_vectors, ko_vectors, *_leftovers_and_places(raw, "en"))
    beads = [_dress(b, ko, en, ko_calls, en_calls, best_ko, best_en, en_text) for b in raw]
    settings = {**run_settings(encoder.name, split, params), "calibrated": aligned.calibration.as_text()}
    return Alignment(ko_text, en_text, ko, en, beads, _doc_score(beads, ko, en),
                     signature=signature_of(settings), settings=settings)


def run_settings(model_name: str, split: str = "auto", params: ScoringParams | None = None) -> dict:
    """Every setting that shapes a result, before a document's own calibration: the model, the split,
    the aligner's knobs and the debris model (a result's ``settings`` add what its anchors said)."""
    return {"model": model_name, "split": split, "max_bead": MAX_RUN, **(params or ScoringParams()).as_dict(),
            "debris_model": debris_model().digest}


def sentences_of(text: str, split: str = "auto") -> list[Sentence]:
    """The segments :func:`align_texts` aligns: sentences, with glued page debris split off."""
    sentences = segment(text, split)
    # pre-segmented input keeps its line numbering
    return detach_glued(text, sentences) if split == "auto" else sentences


def segment_pair(ko_text: str, en_text: str, split: str = "auto",
                 names: tuple[str, str] = ("Korean text", "English text")) -> tuple[list[Sentence], list[Sentence]]:
    """Both texts cut by :func:`sentences_of`; in ``auto`` mode, :class:`~align.errors.InputError` naming the side
    (``names``: its file) first when it is not running text (a word list, one word a line)."""
    for name, text in zip(names, (ko_text, en_text)):
        problem = not_running_text(text) if split == "auto" else None
        if problem:
            raise InputError(name, problem)
    return sentences_of(ko_text, split), sentences_of(en_text, split)


def read_pair(ko_path: str | os.PathLike, en_path: str | os.PathLike) -> tuple[str, str]:
    """Read both files and check they are Korean then English; errors name the file."""
    ko_text, en_text = read_text(ko_path), read_text(en_path)
    problem = check_pair_languages(ko_text, en_text)
    if problem:
        which, message = problem
        raise InputError((ko_path, en_path)[which], message)
    return ko_text, en_text


def looks_like_translation(result: Alignment) -> bool:
    """Whether the two texts of ``result`` are taken for translations of each other: a document score of
    ``MIN_DOC_SCORE``, or a pair of ``SURE_PAIR`` across the two scripts (:func:`~align.language.korean_english`)."""
    return result.doc_score >= MIN_DOC_SCORE or any(
        b.score >= SURE_PAIR and korean_english(*result.texts(b)) for b in result.pairs)


def check_translation(result: Alignment, ko_path, en_path) -> Alignment:
    """``result`` named after its Korean file, or :class:`NotTranslationError` when it does not
    :func:`look like a translation <looks_like_translation>`."""
    if not looks_like_translation(result):
        raise NotTranslationError(
            f"{en_path}: does not look like a translation of {ko_path} "
            f"(document score {result.doc_score:.2f}, below {MIN_DOC_SCORE}, and no pair scores {SURE_PAIR})")
    return replace(result, name=Path(ko_path).name)


def align_files(ko_path: str | os.PathLike, en_path: str | os.PathLike,
                model: str | Encoder | None = None, split: str = "auto",
                params: ScoringParams | None = None) -> Alignment:
    """Read, check and align two files (Korean first).

    Raises :class:`~align.errors.InputError` naming the file for unreadable,
    empty, binary or wrongly encoded input and for files in the wrong language,
    and :class:`NotTranslationError` when the texts are not translations of each other.
    """
    ko_text, en_text = read_pair(ko_path, en_path)
    result = align_sentences(ko_text, en_text, *segment_pair(ko_text, en_text, split, (ko_path, en_path)),
                             model=model, split=split, params=params)
    return check_translation(result, ko_path, en_path)


def _chars(sentences: list[Sentence]) -> np.ndarray:
    return np.array([len(s.text) for s in sentences], dtype=np.float64)


def _debris(calls: list[DebrisCall]) -> np.ndarray:
    """Each segment's probability of being debris for the aligner: 1, which keeps it out of the
    alignment, only for those the recogniser fixed."""
    return np.array([1.0 if c.fixed else min(c.probability, 0.999) for c in calls], dtype=np.float64)


def _leftovers_and_places(raw: list[RawBead], side: str) -> tuple[list[int], list[int]]:
    """The leftovers of one side, and for each how many sentences of the other side the alignment has
    passed where it stands."""
    rows, places, passed = [], [], 0
    for bead in raw:
        mine, other = (bead.ko, bead.en) if side == "ko" else (bead.en, bead.ko)
        if mine and not other:
            rows.append(mine[0])
            places.append(passed)
        passed += len(other)
    return rows, places


def _best_match(x: np.ndarray, y: np.ndarray, rows: list[int], places: list[int]) -> dict[int, float]:
    """Best cosine of each leftover row of ``x`` against ``y`` (said in its reason): all of ``y``, or in a
    long text with many leftovers, the ``BEST_MATCH_REACH`` sentences either side of its place in ``y``.

    Taken a block of rows at a time: a long text with many leftovers must never hold a
    leftovers-by-sentences matrix (90,000 one-word lines a side made one of 32 GB), nor take time
    growing with its square (27,000 one-word leftovers against 8,000 lines took 5 s).
    """
    if not rows or len(y) == 0:
        return dict.fromkeys(rows, 0.0)
    if len(rows) * len(y) <= COSINE_CELLS:
        leftovers, best = as_float32(x[rows]), np.full(len(rows), -np.inf, dtype=np.float32)
        for block in float32_blocks(y):
            np.maximum(best, (leftovers @ block.T).max(axis=1), out=best)
        return dict(zip(rows, best.tolist()))
    out, i, places = [], 0, np.asarray(places)
    while i < len(rows):
        # leftovers placed within the reach of the block's first (places only grow): the block's cosines
        # span at most three reaches of ``y``, however thinly leftovers are spread over a long text
        end = min(i + BEST_MATCH_BLOCK, int(np.searchsorted(places, places[i] + BEST_MATCH_REACH, side="right")))
        block, at, i = np.array(rows[i:end]), places[i:end], end
        lo, hi = max(0, at.min() - BEST_MATCH_REACH), min(len(y), at.max() + BEST_MATCH_REACH + 1)
        cos = as_float32(x[block]) @ as_float32(y[lo:hi]).T
        column = np.arange(lo, hi)
        cos[np.abs(column[None, :] - at[:, None]) > BEST_MATCH_REACH] = -np.inf
        out.append(cos.max(axis=1))
    return dict(zip(rows, np.concatenate(out).tolist()))



def _dress(raw: RawBead, ko, en, ko_calls: list[DebrisCall], en_calls: list[DebrisCall], best_ko, best_en,
           en_document: str) -> Bead:
    """A typed bead: pairs get their kind and consistency flags; leftovers their side, category and reason."""
    if raw.ko and raw.en:
        flags = check_pair(" ".join(ko[i].text for i in raw.ko), " ".join(en[j].text for j in raw.en),
                           en_document)
        return Bead(raw.ko, raw.en, round(raw.score, 4), f"{len(raw.ko)}-{len(raw.en)}", flags=flags)
    side, (index,) = ("ko", raw.ko) if raw.ko else ("en", raw.en)
    call = (ko_calls if side == "ko" else en_calls)[index]
    if call.is_debris:
        category, reason = call.category, call.reason
    else:
        category = "omission" if side == "ko" else "addition"
        other = "English" if side == "ko" else "Korean"
        best = float((best_ko if side == "ko" else best_en)[index])
        reason = f"no {other} counterpart found (best similarity {best:.2f})"
    return Bead(raw.ko, raw.en, 0.0, "leftover", side=side, category=category, reason=reason)


def _doc_score(beads: list[Bead], ko: list[Sentence], en: list[Sentence]) -> float:
    """Confidence-weighted share of the real characters (all but debris left alone) that found a counterpart."""
    debris = [b for b in beads if b.is_leftover and b.category not in ("omission", "addition")]
    real = sum(len(s.text) for s in ko) + sum(len(s.text) for s in en)
    real -= sum(len(ko[i].text) for b in debris for i in b.ko) + sum(len(en[j].text) for b in debris for j in b.en)
    if real == 0:
        return 0.0
    aligned = sum(b.score * (sum(len(ko[i].text) for i in b.ko) + sum(len(en[j].text) for j in b.en))
                  for b in beads if not b.is_leftover)
    return round(aligned / real, 4)


def _value(v) -> str:
    return ",".join(map(str, v)) if isinstance(v, tuple) else str(v)


def signature_of(settings: dict) -> str:
    """A sacrebleu-style line naming everything that produced a result."""
    parts = [f"align:{__version__}"] + [f"{k}:{_value(v)}" for k, v in settings.items()]
    return "|".join(parts)
