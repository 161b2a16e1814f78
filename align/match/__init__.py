"""Document matching: pair the articles of two unpaired collections (a Korean crawl and its English edition).

>>> from align.match import match_directories
>>> result = match_directories("ko_dir/", "en_dir/")
>>> for m in result.matches:
...     print(m.ko, m.en, m.score, m.evidence)

How: each article is cut into sentences (:mod:`align.segment`) and embedded by the same
encoder as `align pair`, each distinct sentence once per side (:mod:`.vectors`); the weighted
mean of its sentence vectors finds each article's nearest articles on the other side by exact
cosine (:mod:`.candidates`); each candidate pair is scored by how many of its sentences find
their translation (:mod:`.score`); pairs are taken one-to-one, best first, above a threshold and
a margin over the runner-up (:mod:`.assign`). Figures, names and web addresses both sides share
weigh in the score a little and are reported with each pair (:mod:`.evidence`).
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from ..embed import Encoder, get_encoder
from ..errors import InputError
from .assign import link
from .candidates import candidate_pairs
from .documents import list_documents, not_read, read_documents
from .evidence import PairEvidence
from .manifest import manifest_files
from .result import DocumentMatch, MatchResult, MatchSettings, Unmatched
from .score import pair_scores, with_evidence
from .vectors import embed_side

# Fitted by benchmarks/bench_match.py on its fit seeds (the F1-best there), reported on others.
DEFAULT_THRESHOLD = 0.435
# A pair must beat the runner-up of either document by this much, or neither is taken.
DEFAULT_MARGIN = 0.02
# nearest documents kept per document, in each direction, for scoring
DEFAULT_CANDIDATES = 8

__all__ = ["DEFAULT_CANDIDATES", "DEFAULT_MARGIN", "DEFAULT_THRESHOLD", "DocumentMatch", "MatchResult",
           "MatchSettings", "Unmatched", "manifest_files", "match_directories", "match_documents"]


def match_documents(ko_paths: list[str | os.PathLike], en_paths: list[str | os.PathLike],
                    model: str | Encoder | None = None, threshold: float = DEFAULT_THRESHOLD,
                    margin: float = DEFAULT_MARGIN, candidates: int = DEFAULT_CANDIDATES) -> MatchResult:
    """Pair Korean documents with English ones, one to one.

    ``model`` is an encoder name (as for :func:`align.align_texts`) or an
    :class:`~align.embed.Encoder`; ``threshold`` the least score of a pair (in [0, 1]);
    ``margin`` how far a pair must lead the runner-up of either document; ``candidates``
    how many nearest documents of the other side each document's pair is sought among.
    A file that cannot be read is left unmatched with the reason; a side with no readable
    document is an :class:`~align.errors.InputError`.
    """
    encoder = get_encoder(model) if model is None or isinstance(model, str) else model
    settings = MatchSettings(encoder.name, threshold, margin, candidates)
    ko_docs, ko_bad = read_documents([str(p) for p in ko_paths], "ko")
    en_docs, en_bad = read_documents([str(p) for p in en_paths], "en")
    for docs, bad, side in ((ko_docs, ko_bad, "Korean"), (en_docs, en_bad, "English")):
        if not docs:
            where = Path(bad[0].path).parent if bad else "."
            raise InputError(where, f"holds no {side} document that can be read"
                             + (f" ({len(bad)} files; {Path(bad[0].path).name}: {bad[0].reason})" if bad else ""))
    ko, en = embed_side(encoder, ko_docs), embed_side(encoder, en_docs)
    i, j = candidate_pairs(ko.docs, en.docs, candidates)
    evidence = PairEvidence([d.text for d in ko_docs], [d.text for d in en_docs])
    sentence_scores = pair_scores(ko, en, i, j)
    scores = with_evidence(sentence_scores, evidence.agreement(i, j))
    names = {"ko": [d.path for d in ko_docs], "en": [d.path for d in en_docs]}
    links, reasons = link(i, j, scores, threshold, margin, names)
    sentence_of = dict(zip(zip(i.tolist(), j.tolist()), sentence_scores.tolist()))
    matches = tuple(DocumentMatch(ko_docs[k.ko].path, en_docs[k.en].path, round(k.score, 4),
                                  f"sentences {sentence_of[(k.ko, k.en)]:.2f}, {evidence.account(k.ko, k.en)}")
                    for k in links)
    unmatched = tuple(ko_bad + en_bad + [Unmatched(names[side][n], side, reasons[(side, n)])
                                         for side in ("ko", "en") for n in range(len(names[side]))
                                         if (side, n) in reasons])
    return MatchResult(matches, unmatched, settings)


def match_directories(ko_dir: str | os.PathLike, en_dir: str | os.PathLike, **options) -> MatchResult:
    """:func:`match_documents` over the regular files of two folders (not hidden ones); an empty folder
    is an error. Whatever else they hold (subfolders' files, FIFOs...) is listed as unmatched, with why."""
    result = match_documents(list_documents(ko_dir), list_documents(en_dir), **options)
    return replace(result, unmatched=(*not_read(ko_dir, "ko"), *not_read(en_dir, "en"), *result.unmatched))

