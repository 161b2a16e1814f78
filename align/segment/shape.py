"""The shape of a text: whether it is running text at all (checked before anything costly is done with
it), and the width it was hard-wrapped at, if it was."""

from __future__ import annotations

import numpy as np
import regex

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
# lines mid-sentence, even mid-word ("… 고율의 세금을 부과\n한다."): at least this many lines stop where
# no sentence ends, each within WRAP_SLACK display columns (a word that did not fit) of the widest line.
WRAP_LINES = 3
WRAP_SLACK = 4
MIN_WRAP_WIDTH = 40
_WIDE = regex.compile(r"[\p{Hangul}\p{Han}\p{Hiragana}\p{Katakana}\uFF01-\uFF60]")  # two columns each


def display_width(line: str) -> int:
    """Columns ``line`` takes in a fixed-width font (Hangul and other wide characters take two)."""
    return len(line) + len(_WIDE.findall(line))


def wrap_width(text: str) -> int | None:
    """The width in display columns ``text`` was hard-wrapped at, or ``None`` when it was not."""
    lines = [line.strip() for line in text.splitlines()]
    # widths are counted only where they can matter: a line is at most twice as wide as it is long
    width = 0
    for line in sorted(lines, key=len, reverse=True):
        if 2 * len(line) < width:
            break
        width = max(width, display_width(line))
    if width < MIN_WRAP_WIDTH:
        return None
    # a line that stops mid-sentence ends on a letter, a digit or a comma (not a table's bar, not a terminal)
    stops = sum(bool(following) and 2 * len(line) >= width - WRAP_SLACK and (line[-1].isalnum() or line[-1] == ",")
                and display_width(line) >= width - WRAP_SLACK for line, following in zip(lines, lines[1:]))
    return width if stops >= WRAP_LINES else None
