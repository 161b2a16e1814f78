"""Whether a segmented text is running text at all, checked before anything costly is done with it."""

from __future__ import annotations

import numpy as np

from ..types import Sentence

# A text of this many segments or more whose middle segment is a word or two is a word list (or one
# word a line), not an article: aligning it costs several times running text per megabyte and pairs
# words, not sentences. An article page, menus and all, has a few hundred segments.
WORD_LIST_SEGMENTS = 2000
WORD_LIST_MEDIAN_WORDS = 2


def not_running_text(sentences: list[Sentence]) -> str | None:
    """Why ``sentences`` (as cut in ``auto`` mode) are not running text, or ``None`` when they are."""
    if len(sentences) < WORD_LIST_SEGMENTS:
        return None
    words = float(np.median([len(s.text.split()) for s in sentences]))
    if words > WORD_LIST_MEDIAN_WORDS:
        return None
    return (f"is not running text: {len(sentences):,} segments, the middle one {words:g} word(s) long (one word "
            "a line?); join its lines into sentences, or give --split lines to align it line by line")
