"""The shape of a text: whether it is running text at all (checked before anything costly is done with
it), and the width it was hard-wrapped at, if it was."""

from __future__ import annotations

import numpy as np
import regex

from .rules import TERMINALS

# A text of this many lines or more whose middle line is a word or two is a word list (or one word
# a line), not an article: segmenting and aligning it cost many times running text per megabyte and
# would pair words, not sentences. A portal page with 1,900 menu lines, a film's subtitles, a drama
# script or a table pasted a cell a line stay well below it (and cost seconds).
WORD_LIST_LINES = 20_000
WORD_LIST_MEDIAN_WORDS = 2


def not_running_text(text: str) -> str | None:
    """Why ``text`` is not running text (to be cut into sentences), or ``None`` when it is."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < WORD_LIST_LINES:
        return None
    words = float(np.median([len(line.split()) for line in lines]))
    if words > WORD_LIST_MEDIAN_WORDS:
        return None
    return (f"is not running text: {len(lines):,} lines, the middle one {words:g} word(s) long (one word a "
            "line?); join its lines into sentences, or give --split lines to align it line by line")


# A text hard-wrapped at a fixed width (an old paper's archive, a mail client, a PDF's text) breaks its
# lines mid-sentence, even mid-word ("… 고율의 세금을 부과\n한다."). Such a line stops on a letter, a digit
# or a comma within WRAP_SLACK display columns (a word that did not fit) of the widest line, and a sentence
# ends in the lines it runs into; in a list of headlines, a table or market figures of equal width none
# does. At least WRAP_LINES such lines make a text hard-wrapped.
WRAP_LINES = 3
WRAP_SLACK = 4
MIN_WRAP_WIDTH = 40
_WIDE = regex.compile(r"[\p{Hangul}\p{Han}\p{Hiragana}\p{Katakana}\uFF01-\uFF60]")  # two columns each
LINE = regex.compile(r"[^\n\r\u2028\u2029]+")  # a line, as the segmenter reads lines
# a blank line between two lines, whatever ends them (\r\n, and the slips \r\r\n and \n\r, are one break) and
# whatever spaces it holds (a no-break space, as pages copied from a browser have): where a paragraph ends
_BREAK = r"(?>\r*\n\r?|[\r\u2028\u2029])"
_SPACE = r"[^\S\n\r\u2028\u2029]"  # whitespace within a line
BLANK_LINE = regex.compile(rf"{_BREAK}{_SPACE}*{_BREAK}")
_SENTENCE_END = regex.compile(r"[.!?…。．！？][\"'”’»)\]」』]*(?:\s|$)")


def display_width(line: str) -> int:
    """Columns ``line`` takes in a fixed-width font (Hangul and other wide characters take two)."""
    return len(line) + len(_WIDE.findall(line))


def wrapped_lines(text: str) -> frozenset[int]:
    """Where (the offset of its first non-blank character) each line of ``text`` that a fixed-width hard
    wrap broke mid-sentence starts; empty when the text was not hard-wrapped."""
    matches = list(LINE.finditer(text))
    lines = [(m.start() + len(m.group()) - len(m.group().lstrip()), m.group().strip()) for m in matches]
    # widths are counted only where they can matter: a line is at most twice as wide as it is long
    width = 0
    for _, line in sorted(lines, key=lambda item: len(item[1]), reverse=True):
        if 2 * len(line) < width:
            break
        width = max(width, display_width(line))
    if width < MIN_WRAP_WIDTH:
        return frozenset()
    # a line followed by a blank line runs into nothing
    blank_after = [bool(BLANK_LINE.search(text, m.end(), after.start())) for m, after in zip(matches, matches[1:])]
    broken = [bool(line) and 2 * len(line) >= width - WRAP_SLACK and (line[-1].isalnum() or line[-1] == ",")
              and display_width(line) >= width - WRAP_SLACK for _, line in lines]
    # a broken line counts when a sentence ends in the line it runs into, or in the lines that one runs into
    runs_to_end, found = [False] * len(lines), []
    for k in range(len(lines) - 2, -1, -1):
        following = "" if blank_after[k] else lines[k + 1][1]
        runs_to_end[k] = broken[k] and bool(following) and (
            bool(_SENTENCE_END.search(following)) or runs_to_end[k + 1])
        if runs_to_end[k]:
            found.append(lines[k][0])
    return frozenset(found) if len(found) >= WRAP_LINES else frozenset()


# A text wrapped at a ragged margin (a mail client's, a narrow column's) breaks most of its lines inside a
# sentence: a line that stops on neither a stop, a closing quote nor Hangul, before one that opens in lower
# case. A page has a few such breaks (a logo's name, a credit under a caption); such a text has them at a
# third or more of its line breaks, and then a short line runs on as readily as a long one.
RAGGED_SHARE = 1 / 3
_RUNS_ON = regex.compile(rf"[^\s{regex.escape(TERMINALS)}\"'”’»\]」』\p{{Hangul}}]{_SPACE}*{_BREAK}{_SPACE}*[a-z]")


def ragged_wrapped(text: str) -> bool:
    """Whether ``text`` was wrapped at a ragged margin (see ``RAGGED_SHARE``)."""
    runs_on = sum(1 for _ in _RUNS_ON.finditer(text))
    if runs_on < WRAP_LINES:
        return False
    breaks = sum(1 for _ in LINE.finditer(text)) - 1
    return runs_on >= RAGGED_SHARE * breaks
