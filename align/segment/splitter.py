"""Where a sentence is split: rule-based Korean and English segmentation with exact spans."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..types import Sentence
from .quotes import (CLOSING_QUOTE, inside_brackets, inside_quote, line_limit, quote_continues, quote_runs_on,
                     short_title)
from .rules import (BOUNDARY, BRACKETED_COPYRIGHT, CLAUSE_WORDS, CLOSING_ABBREVIATIONS, CONTINUATIONS, COPYRIGHT,
                    DATE_FOLLOWERS, DATELINE, DAY_AND_YEAR, DOTTED_DATE_END, DOTTED_INSIDE, ELLIPSIS, EMAIL,
                    EN_LINE_GOES_ON, GLUED_DATELINE, INITIALS, KO_LINE_GOES_ON, KO_NEVER_OPENS, KO_SENTENCE_ENDING,
                    MAYBE_FINAL, MAYBE_FINAL_AS_WRITTEN, MONTH_WORD, NEVER_FINAL, NOUNS_IN_DA, OPENER_WORDS, RANKS,
                    REPORTING_CLAUSE, SCRIPT_CUE, STATES, TERMINALS, UNPUNCTUATED_END, YEAR_THEN_WORD)
from .shape import BLANK_LINE, LINE, ragged_wrapped, wrapped_lines

_NEXT_WORD = regex.compile(r"\p{L}+(?:-\p{L}+)*")
_HANGUL = regex.compile(r"\p{Hangul}")
_ENUMERATOR = regex.compile(r"\s*(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})\.\s*$")
# the fewest words of a line a ragged wrap broke mid-sentence
_WRAPPED_WORDS = 6
_BEFORE_NUMBER = frozenset("no nos rs ksh kshs ush tsh shs re jan feb mar apr jun jul aug sep sept oct nov dec vol p pp art ch fig".split())
_QUOTES = "\"'”’»』」"
_WORDY = regex.compile(r"[\p{L}\p{N}]")
_LATIN_START = regex.compile(r"[\"“‘']?\p{Lu}\p{Ll}|\p{Lu}{2,}[ \p{Lu}]*:")  # "The", "PHOTO:" (a glued credit)
_TOKEN = regex.compile(r"\S+")
_LAST_SPACE = regex.compile(r"\s+(?!.*\s)", regex.DOTALL)
_ABBREVIATED_ASIDE = regex.compile(r"\((\p{Lu}\p{Ll}{1,4})$")
MAX_SENTENCE_CHARS = 1000
_ADDRESS_CHARS = 256  # longer than any e-mail address


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
        spans.extend((s, e, paragraph) for a, b in pieces for s, e in _bounded(text, a, b))
    return [Sentence(i, text[s:e], s, e, p) for i, (s, e, p) in enumerate(spans)]


def _units(text: str, soft_wraps: bool) -> Iterator[tuple[int, int, int]]:
    """Hard units: lines, with soft-wrapped lines joined; and their paragraph index.

    Paragraphs are blank-line separated blocks when the text has blank lines,
    otherwise every line is a paragraph of its own.
    """
    blank_separated = BLANK_LINE.search(text) is not None
    wrapped = wrapped_lines(text) if soft_wraps else frozenset()
    ragged = soft_wraps and ragged_wrapped(text)
    paragraph, prev_end, unit, line_start = -1, 0, None, 0
    for m in LINE.finditer(text):
        s, e = strip_span(text, m.start(), m.end())
        if s == e:
            continue
        blank_gap = BLANK_LINE.search(text, prev_end, m.start()) is not None
        if unit and not blank_gap and soft_wraps and (
                line_start in wrapped or _is_soft_wrap(text, unit[0], line_start, unit[1], s, ragged)):
            unit = (unit[0], e)
        else:
            if unit:
                yield unit[0], unit[1], paragraph
            paragraph += paragraph < 0 or not blank_separated or blank_gap
            unit = (s, e)
        prev_end, line_start = m.end(), s
    if unit:
        yield unit[0], unit[1], paragraph


def _is_soft_wrap(text: str, unit_start: int, prev_start: int, prev_end: int, next_start: int,
                  ragged: bool = False) -> bool:
    """Whether the line at ``next_start`` continues the one at ``prev_start:prev_end``, the last line of the unit
    that began at ``unit_start`` (the line is read alone, never the unit: a run of joined lines stays linear);
    ``ragged``: the text was wrapped at a ragged margin.

    A line break inside a sentence: no final punctuation before, lower case after; a Korean line of a
    few words that stops where a sentence cannot (``KO_LINE_GOES_ON``) before a Korean one; or a Korean
    line that opens on a list word (``KO_NEVER_OPENS``). (A line a fixed-width wrap broke is joined
    apart from these: :func:`~align.segment.shape.wrapped_lines`.)"""
    last = text[prev_end - 1]
    first = text[next_start]
    if _HANGUL.match(first) and KO_LINE_GOES_ON.search(text, max(prev_start, prev_end - 8), prev_end):
        return prev_start > unit_start or len(text[prev_start:prev_end].split()) >= 2
    if _HANGUL.match(last) and KO_NEVER_OPENS.match(text, next_start):
        return True
    # an e-mail address ending or opening a line is a byline's, not a sentence running on ("2016.7.7/뉴스1\nkim@news1.kr").
    # Both are read within an address's length: a unit grown by many joins is not read again at each, and a
    # match given the whole text scans all of it for the "@" it needs
    if (EMAIL.match(text, next_start, next_start + _ADDRESS_CHARS)
            or EMAIL.fullmatch(text[max(prev_start, prev_end - _ADDRESS_CHARS):prev_end].rsplit(None, 1)[-1])):
        return False
    # a Korean line is never hard-wrapped before a Latin word: "두번째 원정\nkt wiz는" are two lines. Unless the
    # whole text was wrapped at a ragged margin, a short line that could end is a page's item ("Read more like
    # this\nmk-logo", "… 합성)\nphoto taken by …"); a web address on a line of its own always is
    if last in TERMINALS or last in _QUOTES or _HANGUL.match(last) or not (first.isascii() and first.islower()):
        return False
    if EN_LINE_GOES_ON.search(text, max(prev_start, prev_end - 8), prev_end):
        return True  # "… is available at\nhttps://…", "state-\nof-the-art"
    return not text.startswith(("http://", "https://", "www."), next_start) and (
        ragged or len(text[prev_start:prev_end].split()) >= _WRAPPED_WORDS)


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` moved inwards past whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_unit(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A hard unit's sentences: first cut before every bracketed dateline glued inside it, around every
    script cue and speaker tag (``SCRIPT_CUE``) and after a year run into a word, where words lie between."""
    cuts = sorted({m.start() for m in GLUED_DATELINE.finditer(text, start + 1, end)}
                  | {at for m in SCRIPT_CUE.finditer(text, start, end) for at in m.span()}
                  | {m.start() for m in YEAR_THEN_WORD.finditer(text, start, end)})
    parts, last, searched = [], start, start
    for cut in cuts:
        if not start < cut < end:
            continue
        # each stretch is searched for a word once: a line of cues and nothing else stays linear
        if _WORDY.search(text, searched, cut):
            parts.append((last, cut))
            last = cut
        searched = cut
    return [q for a, b in parts + [(last, end)] for q in _split_part(text, a, b)]


def _split_part(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    # a page's date, then a dateline ("date 2025-01-31 CANADA, January 31 - Released …"): each a piece
    while (dateline := DATELINE.match(text, start, end)) and _WORDY.search(text, dateline.end(), end):
        pieces.append(strip_span(text, start, dateline.end()))  # (not "[사진=뉴시스] |": nothing follows)
        start = strip_span(text, dateline.end(), end)[0]
    sent_start = start
    notice_end = _notice_end(text, start, end)
    for m in BOUNDARY.finditer(text, start, end):
        if m.end() >= end or COPYRIGHT.match(text, sent_start):
            break
        if m.end("close") < notice_end:
            continue  # "<저작권자 ⓒ 뉴스1. 무단전재 금지> [사진=뉴시스]": a bracketed notice is whole
        cut = _cut(text, m, sent_start)
        if cut is not None:
            pieces.append(strip_span(text, sent_start, cut))
            sent_start = cut
            notice_end = _notice_end(text, cut, end)
    pieces.append(strip_span(text, sent_start, end))
    return [q for a, b in pieces if a < b for q in _split_unpunctuated(text, a, b)]


def _notice_end(text: str, start: int, end: int) -> int:
    """Where the bracketed copyright notices opening the piece at ``start`` (one, or several in a row) close;
    ``start`` without one."""
    while notice := BRACKETED_COPYRIGHT.match(text, strip_span(text, start, end)[0], end):
        start = notice.end()
    return start


def _cut(text: str, m: regex.Match, sent_start: int) -> int | None:
    """Where the punctuation run ``m`` ends the sentence that began at ``sent_start``, or ``None``."""
    if _ENUMERATOR.fullmatch(text, sent_start, m.end("term")):
        return None  # "1. First item", "3.'인용' 제목": an enumerator at a line's start, not a sentence
    nxt = text[m.end()]
    prev = text[m.start() - 1] if m.start() > sent_start else ""
    close, term = m.group("close"), m.group("term")
    after = m.end("close")
    if ELLIPSIS.fullmatch(term) and _ellipsis_inside(text, m, sent_start):
        return None
    if (text[m.start() - 1:m.start()] == "(" and close.startswith(")")) or KO_NEVER_OPENS.match(text, m.end()):
        return None  # an aside "‘희망고문'(?) 하기도"; "…힘들까? 등 5권"
    quoted = bool(close) and any(q in close for q in _QUOTES)
    if quoted and (_HANGUL.match(nxt) or nxt == "("):
        # “…했다.”라고 말했다, 『…가는가?』를 and ‘놀면 뭐하니?’(연출 …)는 continue; “…했다.” 그는 … does not.
        return None if quote_continues(text, after, m.end()) or short_title(text, sent_start, after) else after
    if _HANGUL.match(prev) and quote_runs_on(text, m.start(), sent_start):
        return None
    if term == "." and (DOTTED_INSIDE.match(text, m.start()) or (
            DOTTED_DATE_END.search(text, sent_start, m.end("term")) and DATE_FOLLOWERS.match(text, m.end()))):
        return None
    if inside_brackets(text, m.end("close"), sent_start):
        return None  # "보도자료(2023.10.23. 현장방문)", "(표1. 2025년 예산)"
    if not m.group("space"):
        if _HANGUL.match(prev):  # Korean runs sentences together without a space ("말했다.그는", "밝혔다.KT는",
            # a caption and its credit: "…하고 있다./사진제공=행정안전부"), but a period between nouns is a
            # separator ("취재.보도")
            ended = KO_SENTENCE_ENDING.search(text, max(sent_start, m.start() - 1), m.start())
            return after if ended and (nxt.isalnum() or nxt in "\"“‘'(/") else None
        return _joined_latin(text, m, sent_start)
    if nxt.islower():
        return after if EMAIL.match(text, m.end(), m.end() + _ADDRESS_CHARS) else None
    if quoted and REPORTING_CLAUSE.match(text, m.end()):
        return None
    if nxt in "—–":
        return None  # "Joe Manchin (D-W.V.) — is …": a sentence does not open with a dash
    if term == "." and close.startswith(")") and (aside := _ABBREVIATED_ASIDE.search(text, sent_start, m.start())):
        if aside.group(1).lower() in STATES and not _opens_sentence(text, m.end(), "state"):
            return None  # "Tuscaloosa County (Ala.) Sheriff's deputy", not "… to Tampa (Fla.) The city …"
    if term != "." or close:
        return after
    word = _word_before(text, m.start(), sent_start)
    lower = word.lower()
    if lower in _BEFORE_NUMBER:
        return None if nxt.isdigit() else after
    if MONTH_WORD.fullmatch(word) and DAY_AND_YEAR.match(text, m.end()):
        return None  # "November. 04, 2022": a month written out, with a stop before its day
    if _title(word):
        return None
    if lower in MAYBE_FINAL or word in MAYBE_FINAL_AS_WRITTEN or (len(word) == 1 and word.isupper()) \
            or INITIALS.fullmatch(word):
        return after if _opens_sentence(text, m.end(), lower) else None
    return after


def _title(word: str) -> bool:
    """An abbreviation after which a period never ends a sentence ("Dr.", "Gen.", "SSgt.")."""
    return word.lower() in NEVER_FINAL or word in RANKS


def _opens_sentence(text: str, at: int, abbreviation: str) -> bool:
    """Whether the word at ``at``, after an ambiguous abbreviation, starts a new sentence."""
    following = _NEXT_WORD.match(text, at)
    if not following:
        return False
    word = following.group()
    if word.lower() in OPENER_WORDS:
        return True
    # "9 a.m. Officials said", "Ltd. Shares of": a capitalised word, then a lower-case one
    then = _NEXT_WORD.match(text, following.end() + 1) if text[following.end():following.end() + 1] == " " else None
    return (abbreviation in CLOSING_ABBREVIATIONS and word[0].isupper() and word.lower() not in CONTINUATIONS
            and bool(then) and then.group()[0].islower())


def _ellipsis_inside(text: str, m: regex.Match, sent_start: int) -> bool:
    """A Korean ellipsis that is a pause or a headline's separator, not a sentence's end: after a noun or
    a clause ("강한 우려…도발 멈추고"), glued to the next word ("웃을까…불확실한"), after a quote
    ("“뭐 하세요”… 조업 강행"), or before a straight quote that opens ("늘려..."심의에", "충돌…'만취"); and any ellipsis
    inside a quote that closes later on its line."""
    prev, nxt = text[m.start() - 1] if m.start() > sent_start else "", text[m.end()]
    close = m.group("close")
    opening = close in ('"', "'") and text.count(close, sent_start, m.start()) % 2 == 0
    if close and not opening:
        return False
    if _HANGUL.match(prev):
        return not m.group("space") or not KO_SENTENCE_ENDING.search(text, max(sent_start, m.start() - 1), m.start())
    if inside_quote(text, sent_start, m.start()) and CLOSING_QUOTE.search(text, m.end(), line_limit(text, m.end())):
        return True  # “Plan B… There’s a lot …”: an ellipsis inside a quote that closes later is a pause
    return prev in _QUOTES and bool(_HANGUL.match(nxt))


def _joined_latin(text: str, m: regex.Match, sent_start: int) -> int | None:
    """A Latin-script sentence run into the next without a space ("rose 3%.The won"), not a name or address."""
    prev = text[m.start() - 1] if m.start() > sent_start else ""
    if not _LATIN_START.match(text, m.end()) or not (prev.isalnum() or prev in "%)"):
        return None
    if m.group("term") == "." and (prev.isupper() or len(_word_before(text, m.start(), sent_start)) == 1):
        return None  # U.S.A.The, initials
    written = _word_before(text, m.start(), sent_start)
    word = written.lower()
    before = _TOKEN.search(text[:m.start()][::-1])
    after = _TOKEN.match(text, m.end())
    token = (before.group()[::-1] if before else "") + text[m.start():after.end()]
    if word in CLOSING_ABBREVIATIONS:
        return m.end("close") if _opens_sentence(text, m.end(), word) else None  # "7:52 a.m.Military officials"
    if _title(written) or word in MAYBE_FINAL or "@" in token or "://" in token or "www" in token.lower():
        return None
    if regex.search(r"\.\p{Ll}{2,}\b", text[m.end():after.end()]):
        return None  # news.Naver.com
    if m.group("close") == '"' and text.count('"', sent_start, m.start("close")) % 2 == 0:
        return m.end("term")  # said."We: the quote opens the next sentence
    return m.end("close")


def _split_unpunctuated(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Korean sentences run together with no final punctuation, cut after their declarative ending."""
    pieces, sent_start = [], start
    for m in UNPUNCTUATED_END.finditer(text, start, end):
        syllable = ord(m.group(1)) - 0xAC00
        finite = syllable % 28 in (4, 20) or m.group(1) in "있없이는"  # -ㄴ다, -ㅆ다, 있다, 없다, 이다, -는다
        if not finite or CLAUSE_WORDS.match(text, m.end()) or inside_quote(text, sent_start, m.start()):
            continue
        if text[sent_start:m.end()].split()[-1] in NOUNS_IN_DA or len(text[m.end():end].split()) == 1:
            continue  # "자이언트 판다 푸바오.": a noun, or a one-word rest, is no sentence's end and next sentence
        pieces.append(strip_span(text, sent_start, m.end()))
        sent_start = m.end()
    pieces.append(strip_span(text, sent_start, end))
    return pieces


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span longer than ``MAX_SENTENCE_CHARS`` cut at spaces into pieces no longer.

    No news sentence comes near it; a text with no sentence punctuation (a table, a keyword
    dump, a file of one line) does, and would make the encoder's cost grow with its square.
    """
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        space = _LAST_SPACE.search(text, start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = space.start() if space else start + MAX_SENTENCE_CHARS
        pieces.append(strip_span(text, start, cut))
        start = strip_span(text, cut, end)[0]
    pieces.append((start, end))
    return pieces


def _word_before(text: str, dot: int, floor: int) -> str:
    """The word, dots included, that ends at the period at ``dot`` ("U.S" for "U.S.")."""
    i = dot
    while i > floor and (text[i - 1].isalpha() or text[i - 1] in "./"):  # "M/s." too
        i -= 1
    return text[i:dot].strip(".")
