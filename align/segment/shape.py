"""Whether a text is running text at all, checked before anything costly is done with it."""

from __future__ import annotations

import numpy as np

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
