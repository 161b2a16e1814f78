"""Quotes and brackets that keep a sentence going: whether a terminal inside one ends its sentence."""

from __future__ import annotations

import regex

from .rules import KO_SENTENCE_ENDING, QUOTATIVE, QUOTE_PARTICLE

# quote marks by kind: all of them, the openers, and a pattern finding the closers
_QUOTE_KINDS = (("“”\"『』「」", "“『「", regex.compile(r"[”\"』」]")), ("‘’'", "‘", regex.compile(r"[’']")))
CLOSING_QUOTE = _QUOTE_KINDS[0][2]  # a double quote's closing mark
_TITLE_CHARS = 20  # a single-quoted span no longer than this is a title or a name
_SPACES = regex.compile(r"[ \t\u00a0]*")  # not across a line break
_QUOTE_REACH = 300  # characters a quoted title or quoted speech may run on after a terminal inside it


def inside_brackets(text: str, at: int, sent_start: int) -> bool:
    """Whether ``at`` (after a run of punctuation and its closers) lies inside a bracket that closes later
    on its line: a sentence never ends there."""
    limit = line_limit(text, at)
    for opener, closer in ("()", "[]"):
        if text.count(opener, sent_start, at) > text.count(closer, sent_start, at) and text.find(closer, at, limit) >= 0:
            return True
    return False


def quote_runs_on(text: str, at: int, sent_start: int) -> bool:
    """Whether the terminal at ``at`` lies inside a quote that closes, later on its line, into the rest of a
    sentence: a particle or a bracket glued to the closing mark (“그래, 가자! 가서 쏘자!”라고 맞장구쳤다,
    ‘출발! 비디오 여행’은), or a quotative after it (“…잘한다. 진짜 명품드라마!” 등). A quote that closes and
    stands alone is cut inside as usual.

    A quote is open when the last quote mark of its kind before ``at`` opens one: a curly opener, or a
    straight mark after a space (news text mixes “…" freely, so marks are not counted in pairs).
    A short single-quoted span is a title or a name, whatever follows it (‘아빠! 어디가?’ ‘슈퍼맨이…’,
    ‘너의 이름은.’ 신카이 마코토 감독).
    """
    limit = line_limit(text, at)
    for marks, openers, closers in _QUOTE_KINDS:
        last = max((text.rfind(q, sent_start, at), q) for q in marks)
        if last[0] < 0 or not (last[1] in openers or (last[1] in "\"'" and (
                last[0] == sent_start or text[last[0] - 1].isspace() or text[last[0] - 1] in "(["))):
            continue
        closing = closers.search(text, at, limit)
        if closing and (quote_continues(text, closing.end(), _SPACES.match(text, closing.end()).end())
                        or short_title(text, sent_start, closing.end())):
            return True
    return False


def short_title(text: str, sent_start: int, end: int) -> bool:
    """Whether a single quote closed at ``end`` opened at most ``_TITLE_CHARS`` before: a title or a name."""
    opened = text.rfind("‘", sent_start, end)
    if text[end - 1] != "’" or opened < 0 or end - 1 - opened > _TITLE_CHARS:
        return False
    said = text[opened + 1:end - 1]  # ‘…좋겠다.’ is a sentence quoted, not a title
    return not (said.endswith(".") and KO_SENTENCE_ENDING.search(said.rstrip(".")))


def quote_continues(text: str, end: int, next_word: int) -> bool:
    """Whether a quote closed at ``end`` runs on into its sentence: a bracket or a particle glued to the
    closing mark, or a quotative particle at ``next_word`` (after the spaces that follow the mark, if any)."""
    return text[end:end + 1] == "(" or bool(QUOTE_PARTICLE.match(text, end)) or bool(QUOTATIVE.match(text, next_word))


def inside_quote(text: str, start: int, at: int) -> bool:
    """Whether a quote opened between ``start`` and ``at`` is still open at ``at`` (marks counted)."""
    span = text[start:at]
    return span.count("“") > span.count("”") or span.count("‘") > span.count("’") or span.count('"') % 2 == 1


def line_limit(text: str, at: int) -> int:
    """How far a quote or bracket open at ``at`` may run on before it closes: the end of its line, at most
    ``_QUOTE_REACH`` characters on."""
    line_end = text.find("\n", at)
    return min(at + _QUOTE_REACH, line_end if line_end >= 0 else len(text))
