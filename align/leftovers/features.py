"""Evidence that a segment is page debris, of kinds that carry over to sites never seen.

Four kinds, each a column of a feature matrix (one row per segment):

- whether the segment is a sentence at all: final punctuation, a Korean predicate
  ending and particles, English function words and finite verbs, title case, length;
- typed tokens: e-mails, URLs, handles, dates and times, bracketed tags, "=" bylines,
  reporter and photo words, copyright signs, separators;
- position: a line of its own, the page's edges, the stretch of running sentences the
  article occupies, a text repeated on the page;
- meaning: closeness to prototypes of debris and of news sentences (any language the
  encoder knows), and to the page's own topic.

The recogniser (``recognise.py``) weighs them with a model fitted on labelled pages.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import regex

from ..embed.base import as_float32
from ..language import ENGLISH_FUNCTION_WORDS, hangul_share, latin_share
from ..segment.rules import EMAIL, KO_ENDINGS
from ..types import Sentence
from .debris import BOTTOM_EDGE, TOP_EDGE, classify_debris, own_line

_FINAL = regex.compile(r"[.!?…。．！？](?:[\"'”’»)\]』」》〉】）]*)$")
# the segmenter's sentence endings, and "-지", which ends a sentence though not one cut at an ellipsis
_KO_PREDICATE = regex.compile(rf"(?:{KO_ENDINGS}|지)[.!?…”\"’'\])]*$")
_KO_PARTICLE = regex.compile(r"\p{Hangul}(?:은|는|이|가|을|를|에|의|로|와|과|도|에서|으로|에게|까지|부터|보다|처럼|만)$")
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.-]*")
_HANGUL = regex.compile(r"\p{Hangul}")
_FUNCTION = ENGLISH_FUNCTION_WORDS
_FINITE = regex.compile(r"^(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|said|says"
                        r"|told|did|does|do|\p{Ll}{3,}ed|\p{Ll}{3,}s)$")
WEB_ADDRESS = regex.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|co\.kr|kr|go\.kr|or\.kr|io)\b", regex.I)
_HANDLE = regex.compile(r"(?<![\w.])@\w{2,}")
_DATE = regex.compile(
    r"\d{4}\s*[-./년]\s*\d{1,2}\s*[-./월]\s*\d{1,2}|\d{1,2}월\s*\d{1,2}일|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?|"
    r"\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{4}", regex.I)
_TIME = regex.compile(r"\b\d{1,2}:\d{2}\b|오전|오후|\b\d{1,2}\s*[ap]\.?m\.?(?!\w)|\b(?:kst|gmt|utc|est|edt)\b|"
                      r"\d+\s*(?:시간|분|초|일)\s*전|\b\d+\s+(?:minutes?|hours?|days?)\s+ago\b", regex.I)
_TAG = regex.compile(r"^[\[(【<〈][^\])】>〉]{1,30}[\])】>〉]|[\[(【<〈][^\])】>〉]{1,30}[\])】>〉]$")
_ROLE = regex.compile(r"기자|특파원|통신원|논설위원|에디터|앵커|\b(?:reporter|correspondent|editor|writer|columnist|staff"
                      r"|contributor|author)s?\b", regex.I)
_PHOTO = regex.compile(r"사진|그래픽|영상|제공|자료사진|\b(?:photo|photograph|image|picture|graphic|video|courtesy|getty"
                       r"|reuters|yonhap|afp|ap|epa|pool|file)\b", regex.I)
_COPY = regex.compile(r"[©ⓒⒸ]|\(c\)|copyright|all rights reserved|무단\s*전재|재배포|저작권", regex.I)
_SEPARATOR = regex.compile(r"[|·•/>»▶▷►■□◆◇●○▲△▼※☞★☆]|\s-\s")
_OPENER = regex.compile(r"^[▶☞►»■□◆◇●○▲△•·※★☆\-–—]")
# a photo caption's shape: "5일 서울 …에서 시민들이 …하고 있다." / "Kim Jong Un inspects …, Oct. 4, 2022."
_KO_PROGRESSIVE = regex.compile(r"(?:고|어|아|여|해)\s*있(?:다|습니다|는 모습)[.”\"’']*$|모습(?:이다)?\.?$")
_KO_DAY = regex.compile(r"^(?:\S+\s+){0,3}\d{1,2}일(?:\s*(?:오전|오후|새벽|밤|낮))?\s")
_EN_PRESENT = regex.compile(r"^(?:[\p{Lu}][\p{L}.'-]*\s+){1,5}(?!is\b|was\b|has\b)\p{Ll}{2,}(?<!s)s\b")
_CAPTION_WORDS = regex.compile(r"\bth(?:is|e)\s+(?:undated\s+|file\s+)?(?:photo|picture|image)|\bphoto\s+(?:provided|taken|"
                               r"released|shows)|\bpictured\b|\bfrom left\b|\((?:left|right|center|centre)\)|"
                               r"\bseen\b|왼쪽|오른쪽|가운데|사진은|모습|포즈를", regex.I)

NAMES = (
    "bias", "log_chars", "log_words", "final_punct", "ko_predicate", "ko_particles", "en_function", "en_finite",
    "title_case", "hangul_share", "latin_share", "digit_share", "symbol_share", "short_no_final",
    "email", "url", "handle", "date", "time", "tag", "equals", "role", "photo", "copyright", "separators",
    "opener_symbol", "caption_shape", "caption_words", "headline_shape", "own_line", "line_segments", "paragraph_segments", "edge", "relative_position",
    "before_body", "after_body", "body_gap", "repeated", "rule", "proto_debris", "proto_content", "proto_margin", "topic",
)


def text_features(text: str) -> dict[str, float]:
    """The evidence a segment's own text gives: sentence-ness and typed tokens."""
    s = text.strip()
    chars = "".join(s.split())
    n = max(1, len(chars))
    words = _WORD.findall(s)
    latin = [w for w in words if w[0].isascii() and w[0].isalpha()]
    hangul_words = [w for w in words if _HANGUL.match(w)]
    digits = sum(c.isdigit() for c in chars)
    final = bool(_FINAL.search(s))
    return {
        "log_chars": np.log1p(len(chars)),
        "log_words": np.log1p(len(words)),
        "final_punct": float(final),
        "ko_predicate": float(bool(hangul_words) and bool(_KO_PREDICATE.search(s))),
        "ko_particles": sum(bool(_KO_PARTICLE.search(w)) for w in hangul_words) / max(1, len(hangul_words)),
        "en_function": sum(w.lower() in _FUNCTION for w in latin) / max(1, len(latin)),
        "en_finite": float(any(_FINITE.match(w) for w in latin[1:])),
        "title_case": sum(w[0].isupper() for w in latin) / max(1, len(latin)) if latin else 0.0,
        "hangul_share": hangul_share(chars),
        "latin_share": latin_share(chars),
        "digit_share": digits / n,
        "symbol_share": sum(not c.isalnum() for c in chars) / n,
        "short_no_final": float(len(words) <= 4 and not final),
        "email": float(bool(EMAIL.search(s))),
        "url": float(bool(WEB_ADDRESS.search(s))),
        "handle": float(bool(_HANDLE.search(s))),
        "date": float(bool(_DATE.search(s))),
        "time": float(bool(_TIME.search(s))),
        "tag": float(bool(_TAG.search(s))),
        "equals": float("=" in s),
        "role": float(bool(_ROLE.search(s))),
        "photo": float(bool(_PHOTO.search(s))),
        "copyright": float(bool(_COPY.search(s))),
        "separators": min(3, len(_SEPARATOR.findall(s))) / 3,
        "opener_symbol": float(bool(_OPENER.match(s))),
        "caption_shape": float(bool(_KO_PROGRESSIVE.search(s)) + bool(_KO_DAY.match(s)) + bool(_EN_PRESENT.match(s))
                               + bool(_DATE.search(s[-25:])) * final) / 2,
        "caption_words": float(bool(_CAPTION_WORDS.search(s))),
        "headline_shape": float(not final and 3 <= len(words) <= 20 and digits < n / 3),
    }


# Rows of a long page whose meaning is computed at once: a page's worth of temporaries, not a text's
MEANING_ROWS = 4096
_COLUMN = {name: k for k, name in enumerate(NAMES)}


def page_features(text: str, sentences: list[Sentence], vectors: np.ndarray | None,
                  prototypes: Prototypes | None) -> np.ndarray:
    """The feature matrix (one row per segment, columns named by ``NAMES``) of one page.

    Filled in place, column by column where it can be: a long text's segments never each hold
    a dictionary of their features.
    """
    n = len(sentences)
    matrix = np.zeros((n, len(NAMES)))
    column = {name: matrix[:, k] for name, k in _COLUMN.items()}  # views: writing one writes the matrix
    # a text's own evidence once per distinct text: a page of short lines repeats many ("the", "닫기")
    first: dict[str, int] = {}
    for i, s in enumerate(sentences):
        if s.text in first:
            matrix[i] = matrix[first[s.text]]
        else:
            first[s.text] = i
            for name, value in text_features(s.text).items():
                matrix[i, _COLUMN[name]] = value
    column["bias"][:] = 1.0
    lines = _line_of(text, sentences)
    per_line = np.bincount(lines, minlength=max(lines, default=0) + 1) if n else np.zeros(0, int)
    paragraphs = np.array([s.paragraph for s in sentences], dtype=np.int64)
    per_paragraph = np.bincount(paragraphs - paragraphs.min()) if n else np.zeros(0, int)
    # running article text: punctuated and long enough to be a sentence of the story
    body = np.flatnonzero((column["final_punct"] > 0) & (column["log_words"] > np.log1p(5))
                          & ((column["ko_predicate"] > 0) | (column["en_function"] > 0.1)))
    column["body_gap"][:] = _distance_to(body, n)
    index = np.arange(n)
    column["edge"][:] = (index < TOP_EDGE) | (index >= n - BOTTOM_EDGE)
    column["relative_position"][:] = index / max(1, n - 1)
    column["before_body"][:] = index < body[0] if len(body) else 1.0
    column["after_body"][:] = index > body[-1] if len(body) else 0.0
    if n:
        column["line_segments"][:] = np.log1p(per_line[lines])
        column["paragraph_segments"][:] = np.log1p(per_paragraph[paragraphs - paragraphs.min()])
    seen: set[str] = set()
    ruled: dict[tuple[str, bool], float] = {}
    for i, s in enumerate(sentences):
        key = " ".join(s.text.split()).casefold()
        column["repeated"][i] = key in seen
        seen.add(key)
        column["own_line"][i] = per_line[lines[i]] == 1 and own_line(text, s)
        edge = bool(column["edge"][i] and column["own_line"][i])
        if (s.text, edge) not in ruled:
            ruled[s.text, edge] = float(classify_debris(s.text, edge=edge) is not None)
        column["rule"][i] = ruled[s.text, edge]
    for name, values in _meaning(vectors, prototypes, n).items():
        column[name][:] = values
    return matrix


def _distance_to(body: np.ndarray, n: int) -> np.ndarray:
    """log(1 + how many segments each of ``n`` stands from the nearest of ``body`` (sorted)); log(1 + n) without
    any. Looked up by bisection: a scan of the body for every segment grew with the square of a long page."""
    if not len(body):
        return np.full(n, np.log1p(n))
    i = np.arange(n)
    after = np.minimum(np.searchsorted(body, i), len(body) - 1)
    before = np.maximum(after - 1, 0)
    return np.log1p(np.minimum(np.abs(body[after] - i), np.abs(body[before] - i)))


def _meaning(vectors: np.ndarray | None, prototypes: Prototypes | None, n: int) -> dict[str, np.ndarray]:
    """Closeness to debris and to news-sentence prototypes, and to the page's own topic (``MEANING_ROWS``
    rows at a time, made float32: a long text's vectors may be held as float16)."""
    if vectors is None or prototypes is None or n == 0 or vectors.shape[1] != prototypes.debris.shape[1]:
        return {}
    # the page's topic: the mean of the other segments (a segment does not vote for itself)
    total = vectors.sum(axis=0, dtype=np.float32)
    out = {name: np.empty(n, dtype=np.float32) for name in ("proto_debris", "proto_content", "topic")}
    for start in range(0, n, MEANING_ROWS):
        block = as_float32(vectors[start:start + MEANING_ROWS])
        rows = slice(start, start + len(block))
        out["proto_debris"][rows] = (block @ prototypes.debris.T).max(axis=1)
        out["proto_content"][rows] = (block @ prototypes.content.T).max(axis=1)
        others = (total[None, :] - block) / max(1, n - 1)
        norms = np.linalg.norm(others, axis=1) * np.maximum(np.linalg.norm(block, axis=1), 1e-12)
        out["topic"][rows] = np.einsum("nd,nd->n", block, others) / np.maximum(norms, 1e-12)
    out["proto_margin"] = out["proto_debris"] - out["proto_content"]
    return out


def _line_of(text: str, sentences: list[Sentence]) -> list[int]:
    """The line number each segment starts on."""
    out, line, pos = [], 0, 0
    for s in sentences:
        line += text.count("\n", pos, s.start)
        pos = s.start
        out.append(line)
    return out


@dataclass(frozen=True)
class Prototypes:
    """Embedded prototypes: every debris phrase, and news sentences (the contrast)."""

    debris: np.ndarray
    content: np.ndarray
