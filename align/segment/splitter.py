"""Where a sentence is split: rule-based Korean and English segmentation with exact spans."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..types import Sentence
from .rules import (BOUNDARY, DATELINE, MAYBE_FINAL, NEVER_FINAL, OPENER_WORDS, QUOTATIVE,
                    TERMINALS)

_LINE = regex.compile(r"[^\n\r\u2028\u2029]+")
_BLANK_LINE = regex.compile(r"\n[ \t\u3000]*\r?\n")
_NEXT_WORD = regex.compile(r"[\p{L}]+")
_HANGUL = regex.compile(r"\p{Hangul}")
_ENUMERATOR = regex.compile(r"\s*(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})\.\s*$")
_BEFORE_NUMBER = frozenset("no nos jan feb mar apr jun jul aug sep sept oct nov dec vol p pp art ch fig".split())
_QUOTES = "\"'”’»』」"


def segment(text: str, split: str = "auto") -> list[Sentence]:
    """Split ``text`` into sentences with exact character spans.

    ``split="auto"`` applies the Korean/English rules; ``split="lines"`` takes
    every non-blank line as one sentence (for pre-segmented input). Each
    sentence's text is ``text[start:end]``; only whitespace lies outside spans.
    """
    if split not in ("auto", "lines"):
        raise ValueError(f"split must be 'auto' or 'lines', not {split!r}")
    spans = []
    for start, end, paragraph in _units(text, soft_wraps=split == "auto"):
        pieces = _split_unit(text, start, end) if split == "auto" else [(start, end)]
        spans.extend((s, e, paragraph) for s, e in pieces)
    return [Sentence(i, text[s:e], s, e, p) for i, (s, e, p) in enumerate(spans)]


def _units(text: str, soft_wraps: bool) -> Iterator[tuple[int, int, int]]:
    """Hard units: lines, with soft-wrapped lines joined; and their paragraph index.

    Paragraphs are blank-line separated blocks when the text has blank lines,
    otherwise every line is a paragraph of its own.
    """
    blank_separated = _BLANK_LINE.search(text) is not None
    paragraph, prev_end, unit = -1, 0, None
    for m in _LINE.finditer(text):
        s, e = strip_span(text, m.start(), m.end())
        if s == e:
            continue
        blank_gap = _BLANK_LINE.search(text, prev_end, m.start()) is not None
        if unit and not blank_gap and soft_wraps and _is_soft_wrap(text, unit[1], s):
            unit = (unit[0], e)
        else:
            if unit:
                yield unit[0], unit[1], paragraph
            paragraph += paragraph < 0 or not blank_separated or blank_gap
            unit = (s, e)
        prev_end = m.end()
    if unit:
        yield unit[0], unit[1], paragraph


def _is_soft_wrap(text: str, prev_end: int, next_start: int) -> bool:
    """A line break inside a sentence: no final punctuation before, lower case after."""
    last = text[prev_end - 1]
    first = text[next_start]
    return last not in TERMINALS and last not in _QUOTES and first.isascii() and first.islower()


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` moved inwards past whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_unit(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    dateline = DATELINE.match(text, start, end)
    if dateline and dateline.end() < end:
        pieces.append(strip_span(text, start, dateline.end()))
        start = dateline.end()
    sent_start = start
    for m in BOUNDARY.finditer(text, start, end):
        if m.end() >= end:
            break
        if _ends_sentence(text, m, sent_start):
            pieces.append(strip_span(text, sent_start, m.end("close")))
            sent_start = m.end()
    pieces.append(strip_span(text, sent_start, end))
    return [p for p in pieces if p[0] < p[1]]


def _ends_sentence(text: str, m: regex.Match, sent_start: int) -> bool:
    """Decide whether the punctuation run ``m`` ends the sentence that began at ``sent_start``."""
    nxt = text[m.end()]
    prev = text[m.start() - 1] if m.start() > sent_start else ""
    close, term = m.group("close"), m.group("term")
    if close and any(q in close for q in _QUOTES) and _HANGUL.match(nxt):
        # “…했다.”라고 말했다 continues; “…했다.” 그는 … does not.
        return QUOTATIVE.match(text, m.end()) is None
    if not m.group("space"):
        # Only Korean runs sentences together without a space ("말했다.그는").
        return bool(_HANGUL.match(prev)) and (bool(_HANGUL.match(nxt)) or nxt in "\"“‘'(")
    if nxt.islower():
        return False
    if term != "." or close:
        return True
    word = _word_before(text, m.start(), sent_start)
    lower = word.lower()
    if lower in _BEFORE_NUMBER:
        return not nxt.isdigit()
    if lower in NEVER_FINAL:
        return False
    if lower in MAYBE_FINAL or (len(word) == 1 and word.isupper()):
        following = _NEXT_WORD.match(text, m.end())
        return bool(following) and following.group().lower() in OPENER_WORDS
    # "1. First item" at the start of a line is an enumerator, not a sentence.
    return not _ENUMERATOR.fullmatch(text, sent_start, m.end("term"))


def _word_before(text: str, dot: int, floor: int) -> str:
    """The word, dots included, that ends at the period at ``dot`` ("U.S" for "U.S.")."""
    i = dot
    while i > floor and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    return text[i:dot].strip(".")
